"""Accessibility of every page of the real site: axe-core finds nothing, in light and dark, at phone
and desktop widths, with every chart interactive and every data table open; and the keyboard alone
reaches everything (skip link first, focus always visible, the menu in order)."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser import open_page, serve_folder
from tests.test_browser import site_pages

# WCAG 2.0, 2.1 and 2.2 at levels A and AA, and axe's best practices.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
RUNS = [("light", 1280), ("dark", 1280), ("light", 360), ("dark", 360)]


def reveal_everything(page) -> None:  # noqa: ANN001 - a Playwright page
    """Bring every chart to life (scrolled to, as a reader would) and open every <details>."""
    count = page.evaluate("document.querySelectorAll('figure.chart').length")
    for index in range(count):
        page.locator("figure.chart").nth(index).scroll_into_view_if_needed()
        page.mouse.wheel(0, 1)  # the charts script waits for the reader's first interaction
        for _ in range(100):
            if page.evaluate(f"document.querySelectorAll('figure.chart')[{index}].matches('.is-interactive, .is-static')"):
                break
            page.wait_for_timeout(100)
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    page.wait_for_timeout(100)


def describe(violations: list[dict]) -> str:
    return "; ".join(f"{v['id']} ({v['impact']}): {v['nodes'][0]['target']} {v['nodes'][0]['html'][:120]}"
                     for v in violations)


@pytest.mark.parametrize(("scheme", "width"), RUNS, ids=[f"{s}-{w}px" for s, w in RUNS])
def test_axe_finds_no_violations_on_any_page(real_site, browser, scheme, width):
    axe = Axe()
    context = browser.new_context(viewport={"width": width, "height": 800}, color_scheme=scheme)
    found = {}
    with serve_folder(real_site) as base:
        for path in [*site_pages(real_site), "/404.html"]:
            page, _ = open_page(context, base + path)
            reveal_everything(page)
            result = axe.run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS},
                                            "resultTypes": ["violations"]}).response
            if result["violations"]:
                found[path] = describe(result["violations"])
            page.close()
    context.close()
    assert found == {}


def test_keyboard_alone_reaches_the_menu_with_focus_visible(real_site, browser):
    context = browser.new_context(viewport={"width": 360, "height": 800})
    with serve_folder(real_site) as base:
        page, _ = open_page(context, base + "/xinjiang/kizilsu/")
        menu = page.evaluate("[...document.querySelectorAll('.site-nav a')].map(a => a.textContent.trim())")
        reached = []
        for _ in range(40):
            page.keyboard.press("Tab")
            focused = page.evaluate("""() => {
                const e = document.activeElement, style = getComputedStyle(e);
                return {text: e.textContent.trim(), inMenu: !!e.closest('.site-nav'), href: e.href,
                        outline: parseFloat(style.outlineWidth) > 0 && style.outlineStyle !== 'none',
                        visible: e.getBoundingClientRect().height > 0};
            }""")
            assert focused["outline"] and focused["visible"], f"focus not visible on {focused['text']!r}"
            if focused["inMenu"]:
                reached.append(focused["text"])
            if len(reached) == len(menu):
                break
        assert reached == menu  # every menu link, in order, by Tab alone
        page.keyboard.press("Enter")  # and Enter follows the focused one
        page.wait_for_url(focused["href"])
    context.close()
