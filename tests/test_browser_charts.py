"""Charts in headless Chromium: interactive with JavaScript (tooltips, no CSP violations), SVG without."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser import Setup, Tab, activate_charts, serve_folder, visit_check, wait_until
from tests.test_browser import NO_JAVASCRIPT


def chart_pages(site: Path) -> list[str]:
    return sorted("/" + p.relative_to(site).as_posix().removesuffix("index.html")
                  for p in site.rglob("index.html") if 'class="chart"' in p.read_text())


TOOLTIP_SHOWN = ("(t => !!t && t.classList.contains('visible') && !!t.innerText.trim())"
                 "(document.getElementById('vg-tooltip-element'))")


def hover_shows_tooltip(page, figure) -> bool:
    """Move the mouse over the chart's marks (legend symbols have none) until a tooltip shows."""
    for mark in figure.locator(".chart-interactive svg .role-mark [role='graphics-symbol']").all()[:12]:
        mark.scroll_into_view_if_needed()  # a tall chart's first marks may be above the screen
        box = mark.bounding_box()
        if not box or box["width"] * box["height"] == 0:
            continue
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        if wait_until(page, TOOLTIP_SHOWN, timeout=0.15):
            return True
    return False


TOOLTIPS = {scheme: Setup(360, scheme) for scheme in ("light", "dark")}


@visit_check("test_charts_become_interactive_with_tooltips", list(TOOLTIPS.values()), chart_pages, order=2)
def interactive_with_tooltips(page, report, path, setup):
    """In the page loads of the axe runs at 360 px (test_accessibility), after them."""
    for figure in page.locator("figure.chart").all():
        figure.scroll_into_view_if_needed()
        interactive = figure.locator(".chart-interactive > svg, .chart-interactive .vega-embed > svg").first
        try:
            interactive.wait_for(state="visible", timeout=15000)
        except Exception as error:  # noqa: BLE001 - say which page and chart
            raise AssertionError(f"{path} {figure.get_attribute('id')}: never became interactive") from error
        assert "is-interactive" in figure.get_attribute("class")
        width = interactive.bounding_box()["width"]
        assert 0 < width <= 360
        assert hover_shows_tooltip(page, figure), f"{path}: no tooltip on any mark"
    assert report.console_errors == [], path
    assert report.failed_requests == [], path
    assert page.evaluate("window.__cspViolations") == [], path
    # vega-embed's and vega-tooltip's own <style>s are off; their rules live in site.css.
    assert page.locator("style").count() == 0, path
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, path


@pytest.mark.parametrize("setup", [setup.param(setup, id=scheme) for scheme, setup in TOOLTIPS.items()])
def test_charts_become_interactive_with_tooltips(real_site, visits, setup):
    assert chart_pages(real_site)
    visits.results("test_charts_become_interactive_with_tooltips", setup)


def test_vega_loads_only_on_chart_pages_and_only_near_a_chart(real_site, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    with serve_folder(real_site) as base:
        requested: list[str] = []
        page = context.new_page()
        page.on("request", lambda request: requested.append(request.url))
        page.goto(base + "/about/")
        page.wait_for_load_state("networkidle")
        assert not [u for u in requested if "vega" in u or "charts." in u]
    context.close()


@visit_check("test_charts_show_as_svg_without_javascript", [NO_JAVASCRIPT], chart_pages, order=0)
def shows_svg_without_javascript(page, report, path, setup):
    for figure in page.locator("figure.chart").all():
        image = figure.locator("picture img")
        image.scroll_into_view_if_needed()
        image.wait_for(state="visible")
        assert image.evaluate("img => img.decode().then(() => img.naturalWidth)") > 0
        assert figure.locator("details.chart-data table").count() >= 1
        assert figure.locator("a[download]").count() >= 1
    assert report.failed_requests == [], path


@pytest.mark.xdist_group(NO_JAVASCRIPT.group)
def test_charts_show_as_svg_without_javascript(visits):
    """In the same page loads as test_every_page_reads_without_javascript_charts_as_images_with_tables."""
    visits.results("test_charts_show_as_svg_without_javascript", NO_JAVASCRIPT)


def tap_shows_tooltip(page, figure) -> bool:
    """Tap the chart's marks (as a phone's reader would) until a tooltip shows."""
    for mark in figure.locator(".chart-interactive svg .role-mark [role='graphics-symbol']").all()[:20]:
        mark.scroll_into_view_if_needed()
        box = mark.bounding_box()
        if not box or box["width"] * box["height"] == 0:
            continue
        page.touchscreen.tap(box["x"] + min(box["width"] / 2, 4), box["y"] + box["height"] / 2)
        if wait_until(page, TOOLTIP_SHOWN, timeout=0.3):
            return True
    return False


def test_on_a_phone_a_tap_shows_a_tooltip_on_screen_and_a_tap_elsewhere_hides_it(real_site, browser):
    """Touch has no hover: a tap on a mark shows its tooltip, kept inside the 360 px screen, until the
    reader taps somewhere else or scrolls. vega-embed's empty form for bindings is not left in the page."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, has_touch=True, is_mobile=True)
    tab = Tab(context)
    with serve_folder(real_site) as base:
        for path in chart_pages(real_site):
            page, report = tab.open(base + path)
            activate_charts(page)
            assert page.locator(".vega-bindings").count() == 0, path
            for figure in page.locator("figure.chart.is-interactive").all():
                name = figure.get_attribute("id")
                assert tap_shows_tooltip(page, figure), f"{path} {name}: no tap showed a tooltip"
                box = page.evaluate("(t => t.getBoundingClientRect().toJSON())(document.getElementById('vg-tooltip-element'))")
                assert box["left"] >= 0 and box["right"] <= 360 and box["top"] >= 0 and box["bottom"] <= 740, (path, name, box)
                page.touchscreen.tap(4, 4)  # the page's margin, outside every chart
                assert wait_until(page, f"!({TOOLTIP_SHOWN})", timeout=2), f"{path} {name}: the tooltip stayed"
            first = page.locator("figure.chart.is-interactive").first
            if first.count():  # scrolling the page away hides a tapped tooltip too
                assert tap_shows_tooltip(page, first), path
                page.mouse.wheel(0, 60)
                assert wait_until(page, f"!({TOOLTIP_SHOWN})", timeout=2), f"{path}: the tooltip stayed on scrolling"
            assert report.console_errors == [] and report.csp_violations == [], path
    context.close()
