"""The real site in headless Chromium: clean loads at phone and desktop widths, with and without JavaScript."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser import Setup, activate_charts, next_frames, open_page, serve_folder, site_pages, visit_check

WIDTHS = {"phone": 360, "desktop": 1280}




CLEAN = {name: Setup(width) for name, width in WIDTHS.items()}
NO_JAVASCRIPT = Setup(360, javascript=False)


@visit_check("test_every_page_loads_cleanly", list(CLEAN.values()), site_pages, order=0)
def loads_cleanly(page, report, path, setup):
    assert report.console_errors == [], path
    assert report.failed_requests == [], path
    assert report.csp_violations == [], path
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at {setup.width}px"


@pytest.mark.parametrize("setup", [setup.param(setup, id=name) for name, setup in CLEAN.items()])
def test_every_page_loads_cleanly(visits, setup):
    """Each page as it loads, in the same page load as the axe run in that set-up (test_accessibility)."""
    visits.results("test_every_page_loads_cleanly", setup)


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


@visit_check("test_every_page_reads_without_javascript_charts_as_images_with_tables", [NO_JAVASCRIPT], site_pages,
             order=0)
def reads_without_javascript(page, report, path, setup):
    assert report.failed_requests == [], path
    assert page.locator("h1").count() == 1 and page.locator("main").inner_text().strip(), path
    for figure in page.locator("figure.chart").all():
        figure.scroll_into_view_if_needed()
        image = figure.locator(".chart-view img")
        image.evaluate("img => img.decode()")  # loaded (it is lazy) and drawable
        assert image.evaluate("img => img.naturalWidth") > 0, path
        assert image.get_attribute("alt"), path
        assert figure.locator("details.chart-data table tbody tr").count() > 0, path


@pytest.mark.xdist_group(NO_JAVASCRIPT.group)
def test_every_page_reads_without_javascript_charts_as_images_with_tables(visits):
    """In the same page loads as test_charts_show_as_svg_without_javascript (test_browser_charts)."""
    visits.results("test_every_page_reads_without_javascript_charts_as_images_with_tables", NO_JAVASCRIPT)


SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"


SCREENSHOT_PAGES = {"/": "home", "/xinjiang/results/": "chart-page", "/pakistan/proposal/": "map",
                    "/pakistan/calculator/": "calculator", "/ur/": "urdu-home", "/ur/pakistan/proposal/": "urdu-map"}
# The set-ups of the axe runs (test_accessibility), whose page loads the screenshots are taken in.
SCREENSHOT_SETUPS = {f"{scheme}-{width}px": Setup(width, scheme) for scheme in ("light", "dark") for width in WIDTHS.values()}


@visit_check("test_screenshots_for_maintainers", list(SCREENSHOT_SETUPS.values()), lambda site: list(SCREENSHOT_PAGES),
             order=0.5)
def screenshot(page, report, path, setup):
    """Before axe opens every table: the page as a reader sees it, its charts interactive (the
    calculator on its highest share, not its first scenario)."""
    activate_charts(page)  # each scrolled to, until it is interactive
    if path == "/pakistan/calculator/":
        page.locator("#calc-share").focus()
        page.keyboard.press("End")
    page.evaluate("window.scrollTo(0, 0)")
    next_frames(page)
    target = SCREENSHOTS / f"{SCREENSHOT_PAGES[path]}-{setup.width}px-{setup.scheme}.png"
    page.screenshot(path=str(target), full_page=True)
    return target.stat().st_size


@pytest.mark.parametrize("setup", [setup.param(setup, id=name) for name, setup in SCREENSHOT_SETUPS.items()])
def test_screenshots_for_maintainers(visits, setup):
    """The home page, a chart page, a map page, the calculator, and the Urdu home and map pages at
    360 and 1280 px in both colour schemes, in tests/screenshots/, taken in the page loads of the axe runs."""
    SCREENSHOTS.mkdir(exist_ok=True)
    sizes = visits.results("test_screenshots_for_maintainers", setup)
    assert sorted(sizes) == sorted(SCREENSHOT_PAGES) and min(sizes.values()) > 10_000


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
