"""Accessibility of every page of the real site: axe-core finds nothing, in light and dark, at phone
and desktop widths, with every chart interactive and every data table open; and the keyboard alone
reaches everything (skip link first, focus always visible, the menu in order)."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser import Setup, activate_charts, next_frames, open_page, serve_folder, site_pages, visit_check

# WCAG 2.0, 2.1 and 2.2 at levels A and AA, and axe's best practices.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
RUNS = {f"{scheme}-{width}px": Setup(width, scheme) for scheme, width in
        [("light", 1280), ("dark", 1280), ("light", 360), ("dark", 360)]}
AXE = Axe()
# axe.run, handing back only what describe() reads of each violation: not the passes, the incomplete
# and the inapplicable rules, which axe reports too, with all their help texts (for every page).
RUN_AXE = """options => axe.run(options).then(results => results.violations.map(v => ({
    id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 1).map(n => ({target: n.target, html: n.html}))})))"""


def reveal_everything(page) -> None:  # noqa: ANN001 - a Playwright page
    """Bring every chart to life (scrolled to, as a reader would) and open every <details>."""
    activate_charts(page)
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    next_frames(page)


def describe(violations: list[dict]) -> str:
    return "; ".join(f"{v['id']} ({v['impact']}): {v['nodes'][0]['target']} {v['nodes'][0]['html'][:120]}"
                     for v in violations)


def every_page_and_404(site) -> list[str]:
    return [*site_pages(site), "/404.html"]


@visit_check("test_axe_finds_no_violations_on_any_page", list(RUNS.values()), every_page_and_404, order=1)
def axe_violations(page, report, path, setup):
    """What axe finds once everything is shown (after the checks that read the page as it loaded)."""
    reveal_everything(page)
    page.evaluate(AXE.axe_script)  # axe-core, as axe-playwright-python's Axe.run injects it
    violations = page.evaluate(RUN_AXE, {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]})
    return describe(violations) if violations else None


@pytest.mark.parametrize("setup", [setup.param(setup, id=name) for name, setup in RUNS.items()])
def test_axe_finds_no_violations_on_any_page(visits, setup):
    found = {path: violations for path, violations in visits.results("test_axe_finds_no_violations_on_any_page",
                                                                     setup).items() if violations}
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
