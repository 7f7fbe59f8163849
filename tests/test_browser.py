"""The real site in headless Chromium: clean loads at phone and desktop widths, with and without JavaScript."""

from __future__ import annotations

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


def test_pages_read_without_javascript(real_site, browser):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 800})
    with serve_folder(real_site) as base:
        page, report = open_page(context, base + "/", javascript=False)
        assert report.failed_requests == []
        assert page.locator("h1").inner_text() == "The pairing explainer"
        assert page.locator("main").inner_text().strip()
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
