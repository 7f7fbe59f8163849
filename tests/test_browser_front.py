"""The front door, the what-if calculator, the layout and print, in real Chromium.

The home page: one menu (its ways in), a headline that asks a question, big-number cards that show
their sources, the lead chart. The calculator: each control, used from the keyboard alone, changes
the sum shown, under the site's Content-Security-Policy with no violation, and the figures shown are
the published scenario table's; without JavaScript the table of main scenarios is there instead.
Layout: a compact header on phones that stays dark in dark mode, the column centred on wide
screens, links down to the section's menu and back to the top. Print: the page's address, data
tables open, link addresses.
"""

from __future__ import annotations

import csv
import re

import pytest
import yaml

from tests.browser import open_page, serve_folder
from tests.conftest import REPO

CALCULATOR = "/pakistan/calculator/"
SCHEMES = ("light", "dark")
WIDTHS = (360, 1280)


def scenarios() -> dict[tuple[str, str, str], dict[str, str]]:
    with open(REPO / "charts/data/calculator_scenarios.csv", encoding="utf-8", newline="") as handle:
        return {(row["base_item"], row["share_percent"], row["year"]): row for row in csv.DictReader(handle)}


def base_url() -> str:
    return yaml.safe_load((REPO / "settings.yaml").read_text(encoding="utf-8"))["base_url"].rstrip("/")


@pytest.fixture(scope="module")
def site(real_site):
    with serve_folder(real_site) as base:
        yield base


def luminance(css_colour: str) -> float:
    """Relative luminance (WCAG) of an rgb()/rgba() colour as getComputedStyle gives it."""
    red, green, blue = (int(v) / 255 for v in re.findall(r"[\d.]+", css_colour)[:3])

    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)


# --- The home page -------------------------------------------------------------------------------

@pytest.mark.parametrize("width", WIDTHS)
def test_the_home_page_has_one_menu(site, browser, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page, report = open_page(context, site + "/")
    lists = page.evaluate("[...document.querySelectorAll('nav')].filter(n => n.querySelector('ul, ol'))"
                          ".map(n => n.getAttribute('aria-label'))")
    assert lists == ["Languages", "Sections"]  # the language menu, then the one menu of the site's sections
    # That one list is the site's sections, and the header links down to it.
    links = page.locator("nav.ways-in > ul > li > a")
    assert links.count() >= 5
    assert page.locator(".site-header a[href='#sections']").count() == 1
    assert page.locator("#sections").count() == 1
    assert report.console_errors == [] and report.csp_violations == []
    context.close()


def test_the_headline_asks_a_question_in_plain_words(site, browser):
    context = browser.new_context()
    page, _ = open_page(context, site + "/")
    headline = page.locator("h1").inner_text().strip()
    brand = page.locator(".site-title").inner_text().strip()
    assert headline.endswith("?"), headline
    assert brand.casefold() not in headline.casefold()
    assert "Balochistan" in headline and "Xinjiang" in headline
    # The standfirst below it: two sentences.
    standfirst = page.locator(".page-header .summary").inner_text().strip()
    assert len(re.findall(r"[.?!](?:\s|$)", standfirst)) == 2, standfirst
    context.close()


def test_the_cards_show_their_figures_and_sources(site, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page, _ = open_page(context, site + "/")
    cards = page.locator(".prose > .stat-card")
    assert 3 <= cards.count() <= 4
    places = []
    for card in cards.all():
        places.append(card.locator("strong").first.inner_text().split(":")[0])
        figure = card.locator(".stat-figure")
        assert figure.locator(".data-number").inner_text().strip()  # from a dataset, by the value syntax
        citation = figure.locator("a.citation-link").first
        target = citation.get_attribute("href")
        assert target.startswith("#source-") and page.locator(target).count() == 1  # in the page's source list
        source = card.locator(".stat-source").inner_text()
        assert source.startswith(("Source:", "Sources:"))
        assert re.search(r"\((?:official statement|official statistics)\)", source), source
    assert set(places) == {"Xinjiang", "Balochistan"}  # the one beside the other
    # Two by two on a wide screen: the cards share rows.
    tops = [round(card.bounding_box()["y"]) for card in cards.all()]
    assert len(set(tops)) == cards.count() // 2
    context.close()


def test_the_lead_chart_and_the_calculator_are_on_the_front_page(site, browser):
    context = browser.new_context()
    page, _ = open_page(context, site + "/")
    assert page.locator("figure#chart-gdp_per_capita").count() == 1
    assert page.locator(f".prose a[href='{CALCULATOR}']").count() >= 1
    context.close()


# --- The calculator ------------------------------------------------------------------------------

def shown(page) -> dict[str, str]:  # noqa: ANN001 - a Playwright page
    return page.evaluate("""Object.fromEntries([...document.querySelectorAll('[data-chart="calculator"][data-signal]')]
        .map(e => [e.dataset.signal, (e.querySelector('.data-number') || e).textContent.trim()]))""")


def tab_to(page, selector: str, limit: int = 80, key: str = "Tab") -> None:  # noqa: ANN001
    """Move the focus to ``selector`` with the Tab key alone (or Shift+Tab), as a keyboard user would."""
    for _ in range(limit):
        if page.evaluate(f"document.activeElement === document.querySelector('{selector}')"):
            return
        page.keyboard.press(key)
    raise AssertionError(f"Tab never reached {selector}")


def wait_for_change(page, before: str) -> str:  # noqa: ANN001
    for _ in range(150):
        now = shown(page)["yearly_text"]
        if now != before:
            return now
        page.wait_for_timeout(100)
    raise AssertionError(f"the yearly sum stayed {before}")


def assert_matches(values: dict[str, str], row: dict[str, str]) -> None:
    assert values["yearly_text"] == f"Rs {row['yearly_rupees_billion']} billion"
    assert values["psdp_text"] == f"{row['of_psdp_percent']}%"
    assert values["budget_text"] == f"{row['of_budget_percent']}%"


@pytest.mark.parametrize("scheme", SCHEMES)
def test_each_control_changes_the_sum_from_the_keyboard_with_no_csp_violation(site, browser, scheme):
    table = scenarios()
    context = browser.new_context(viewport={"width": 360, "height": 800}, color_scheme=scheme)
    page, report = open_page(context, site + CALCULATOR)
    page.wait_for_function("!document.querySelector('#calculator').hidden")
    assert_matches(shown(page), table[("punjab_total_income", "0.3", "1")])  # the default, before Vega loads
    steps = [  # (control, key, the scenario it lands on)
        ("#calc-donor", "ArrowDown", ("kp_total_receipts", "0.3", "1")),
        ("#calc-base", "ArrowDown", ("kp_own_revenue_expected", "0.3", "1")),
        ("#calc-share", "End", ("kp_own_revenue_expected", "0.6", "1")),
        ("#calc-year", "End", ("kp_own_revenue_expected", "0.6", "10")),
    ]
    for control, key, scenario in steps:
        before = shown(page)["yearly_text"]
        tab_to(page, control)
        page.keyboard.press(key)
        wait_for_change(page, before)
        assert_matches(shown(page), table[scenario])
    values = shown(page)
    assert values["scenario_text"] == "Khyber Pakhtunkhwa, 0.60% of its own revenue (expected), in year 10"
    assert "× 1.08⁹ (9 yearly rises of 8%)" in values["working_text"]
    # The range shows its value beside it and to screen readers.
    assert page.locator("#calc-year-shown").inner_text() == "year 10"
    assert page.locator("#calc-year").get_attribute("aria-valuetext") == "year 10"
    # Back with the arrow keys: one step down the share is 0.55%.
    tab_to(page, "#calc-share", key="Shift+Tab")
    before = shown(page)["yearly_text"]
    page.keyboard.press("ArrowLeft")
    wait_for_change(page, before)
    assert shown(page)["scenario_text"].startswith("Khyber Pakhtunkhwa, 0.55%")
    # The chart drew the new sum too, and nothing broke the page's Content-Security-Policy.
    figure = page.locator("figure#chart-calculator")
    assert "is-interactive" in figure.get_attribute("class")
    assert page.evaluate("window.__cspViolations") == []
    assert report.console_errors == [] and report.failed_requests == []
    assert page.locator("style").count() == 0
    context.close()


def test_without_javascript_the_scenario_table_is_there(site, browser):
    table = scenarios()
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 800})
    page, _ = open_page(context, site + CALCULATOR, javascript=False)
    assert not page.locator("#calculator").is_visible()  # controls that could do nothing are not shown
    assert_matches(shown(page), table[("punjab_total_income", "0.3", "1")])
    main_table = page.locator("h2#the-main-scenarios ~ table").first
    assert main_table.is_visible()
    body = main_table.locator("tbody").inner_text()
    for item in ("punjab_total_income", "punjab_own_revenue", "kp_total_receipts", "kp_own_revenue_expected"):
        for share in ("0.3", "0.6"):
            assert f"Rs {table[(item, share, '1')]['yearly_rupees_billion']} billion" in body
    # Every scenario, years 5 and 10 too, in the chart's data table; the chart itself as its image.
    full = page.locator("figure#chart-calculator details.chart-data table").nth(1)
    assert full.locator("tbody tr").count() == len(table)
    assert page.locator("figure#chart-calculator picture img").get_attribute("alt")
    context.close()


# --- Layout --------------------------------------------------------------------------------------

@pytest.mark.parametrize("scheme", SCHEMES)
def test_a_compact_header_on_phones_that_stays_dark(site, browser, scheme):
    context = browser.new_context(viewport={"width": 360, "height": 800}, color_scheme=scheme)
    for path in ("/", "/xinjiang/kizilsu/", CALCULATOR):
        page, _ = open_page(context, site + path)
        header = page.locator(".site-header")
        assert header.bounding_box()["height"] <= 72, path
        background = page.evaluate("getComputedStyle(document.querySelector('.site-header')).backgroundColor")
        text = page.evaluate("getComputedStyle(document.querySelector('.site-title')).color")
        assert luminance(background) < 0.1, (path, background)
        assert (luminance(text) + 0.05) / (luminance(background) + 0.05) >= 7, (path, text, background)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, path
        if path != "/":  # every menu item can be reached: the row scrolls, focus brings each into view
            last = page.locator(".site-nav li:last-child a")
            last.focus()
            box = last.bounding_box()
            assert 0 <= box["x"] and box["x"] + box["width"] <= 360, path
        page.close()
    context.close()


def test_the_column_is_centred_on_wide_screens(site, browser):
    context = browser.new_context(viewport={"width": 1600, "height": 900})
    for path in ("/", "/about/", "/xinjiang/kizilsu/"):
        page, _ = open_page(context, site + path)
        left = page.locator("main").bounding_box()["x"]
        right_edge = page.locator(".section-nav").bounding_box() if page.locator(".section-nav").count() else None
        end = (right_edge["x"] + right_edge["width"]) if right_edge else \
            page.locator("main").bounding_box()["x"] + page.locator("main").bounding_box()["width"]
        assert abs(left - (1600 - end)) <= 20, f"{path}: {left:.0f} px on the left, {1600 - end:.0f} on the right"
        page.close()
    context.close()


def test_the_section_menu_is_reachable_near_the_top_on_phones(site, browser):
    context = browser.new_context(viewport={"width": 360, "height": 800}, reduced_motion="reduce")
    page, _ = open_page(context, site + "/xinjiang/kizilsu/")
    jump = page.locator(".section-nav-jump a")
    assert jump.is_visible() and jump.bounding_box()["y"] < 250
    jump.focus()
    page.keyboard.press("Enter")
    page.wait_for_timeout(200)
    menu = page.locator("#section-nav").bounding_box()
    assert 0 <= menu["y"] < 800  # the menu is on the screen now
    page.close()
    wide = browser.new_context(viewport={"width": 1280, "height": 800})
    page, _ = open_page(wide, site + "/xinjiang/kizilsu/")
    assert not page.locator(".section-nav-jump").is_visible()  # beside the article, no link needed
    wide.close()
    context.close()


def test_long_pages_have_a_plain_link_back_to_the_top(site, browser):
    context = browser.new_context(viewport={"width": 360, "height": 800}, reduced_motion="reduce",
                                  java_script_enabled=False)
    for path in ("/", "/pakistan/open-questions/", CALCULATOR):
        page, _ = open_page(context, site + path, javascript=False)
        link = page.locator("a[href='#top']")
        assert link.count() == 1 and page.locator("#top").count() == 1, path
        link.scroll_into_view_if_needed()
        assert page.evaluate("window.scrollY") > 1000, path  # it is at the end of a long page
        link.click()
        page.wait_for_timeout(200)
        assert page.evaluate("window.scrollY") == 0, path
        page.close()
    page, _ = open_page(context, site + "/corrections/", javascript=False)
    if not page.locator(".toc, figure.chart").count():
        assert page.locator("a[href='#top']").count() == 0  # a short page does not need one
    context.close()


# --- Print ---------------------------------------------------------------------------------------

def test_print_shows_the_address_and_the_data_tables_open(site, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    for path in ("/", "/pakistan/open-questions/", CALCULATOR):
        page, _ = open_page(context, site + path)
        page.emulate_media(media="print")
        head = page.locator(".print-running-head")
        assert head.is_visible(), path
        assert head.inner_text() == f"The pairing explainer · {base_url()}{path}"
        assert page.evaluate("getComputedStyle(document.querySelector('.print-running-head')).position") == "fixed"
        for furniture in (".site-nav", ".section-nav", ".calculator", ".back-to-top"):  # not printed
            assert all(not element.is_visible() for element in page.locator(furniture).all()), (path, furniture)
        for table in page.locator("details.chart-data table").all():  # open in print, though <details> is closed
            assert table.evaluate("t => !t.closest('details').open")
            assert table.is_visible(), path
            assert table.bounding_box()["height"] > 20, path
        source = page.locator(".sources a[href^='http']").first
        href = source.get_attribute("href")
        after = source.evaluate("a => getComputedStyle(a, '::after').content")
        assert href in after, (path, after)
        breaks = page.evaluate("getComputedStyle(document.querySelector('.chart-view')).breakInside")
        assert breaks == "avoid", path
        page.close()
    context.close()


def test_the_print_script_opens_the_tables_and_closes_them_again(site, browser):
    context = browser.new_context()
    page, _ = open_page(context, site + CALCULATOR)
    count = page.locator("details.chart-data").count()
    assert count == 2
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert page.evaluate("[...document.querySelectorAll('details.chart-data')].every(d => d.open)")
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert page.evaluate("[...document.querySelectorAll('details.chart-data')].every(d => !d.open)")
    context.close()
