"""The real site in headless Chromium: clean loads at phone and desktop widths, with and without JavaScript."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser import open_page, serve_folder

WIDTHS = {"phone": 360, "desktop": 1280}


def site_pages(site):
    return sorted("/" + p.relative_to(site).as_posix().removesuffix("index.html") for p in site.rglob("index.html"))


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_every_page_loads_cleanly(real_site, browser, width):
    context = browser.new_context(viewport={"width": width, "height": 800})
    with serve_folder(real_site) as base:
        for path in site_pages(real_site):
            page, report = open_page(context, base + path)
            assert report.console_errors == [], path
            assert report.failed_requests == [], path
            assert report.csp_violations == [], path
            overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at {width}px"
            page.close()
    context.close()


def test_skip_link_is_first_and_visible_on_focus(real_site, browser):
    context = browser.new_context(viewport={"width": 360, "height": 800})
    with serve_folder(real_site) as base:
        page, _ = open_page(context, base + "/")
        page.keyboard.press("Tab")
        focused = page.evaluate("[document.activeElement.textContent, document.activeElement.getBoundingClientRect().top]")
        assert focused[0] == "Skip to content" and focused[1] >= 0
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "main"
    context.close()


def test_every_page_reads_without_javascript_charts_as_images_with_tables(real_site, browser):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 800})
    with serve_folder(real_site) as base:
        for path in site_pages(real_site):
            page, report = open_page(context, base + path, javascript=False)
            assert report.failed_requests == [], path
            assert page.locator("h1").count() == 1 and page.locator("main").inner_text().strip(), path
            for figure in page.locator("figure.chart").all():
                figure.scroll_into_view_if_needed()
                image = figure.locator(".chart-view img")
                image.evaluate("img => img.decode()")  # loaded (it is lazy) and drawable
                assert image.evaluate("img => img.naturalWidth") > 0, path
                assert image.get_attribute("alt"), path
                assert figure.locator("details.chart-data table tbody tr").count() > 0, path
            page.close()
    context.close()


SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"


def test_screenshots_for_maintainers(real_site, browser):
    """The home page and a chart page at both widths in both colour schemes, in tests/screenshots/."""
    SCREENSHOTS.mkdir(exist_ok=True)
    with serve_folder(real_site) as base:
        for name, path in (("home", "/"), ("chart-page", "/xinjiang/results/")):
            for scheme in ("light", "dark"):
                for width in WIDTHS.values():
                    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
                    page, _ = open_page(context, base + path)
                    page.mouse.wheel(0, 1)  # charts become interactive once the reader interacts
                    for figure in page.locator("figure.chart").all():
                        figure.scroll_into_view_if_needed()
                    page.wait_for_timeout(800)
                    page.evaluate("window.scrollTo(0, 0)")
                    target = SCREENSHOTS / f"{name}-{width}px-{scheme}.png"
                    page.screenshot(path=str(target), full_page=True)
                    assert target.stat().st_size > 10_000
                    context.close()


def test_unknown_address_shows_the_404_page(real_site, browser):
    context = browser.new_context()
    with serve_folder(real_site) as base:
        page = context.new_page()
        response = page.goto(base + "/no/such/page/")
        assert response.status == 404
        assert page.locator("h1").inner_text() == "Page not found"
        # Root-relative links keep the stylesheet working at any depth.
        assert page.evaluate("getComputedStyle(document.querySelector('.site-header')).display") == "block"
    context.close()
