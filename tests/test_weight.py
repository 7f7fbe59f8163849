"""Page weight budgets, measured from the built files: what a reader's browser transfers before they
interact with the page. Sizes are gzip-compressed (GitHub Pages compresses HTML, CSS, JS and SVG).

* a text page: at most 60 KB (HTML, stylesheets, fonts, images);
* a chart page: at most 150 KB before a chart is scrolled to (the same, plus its charts script and
  every chart image, counted even though they load lazily);
* the Vega code (about 200 KB compressed) only on chart pages, and only after the reader interacts;
* a page of an edition that brings its own font (the Urdu edition's Nastaliq): its text page at
  most 120 KB with the font (cached across the edition's pages), its chart page 60 KB more than
  an English one. The text font counts; the charts font is fetched only by an interactive chart.
"""

from __future__ import annotations

import gzip
import re
import time
from dataclasses import dataclass
from pathlib import Path

from tests.browser import serve_folder, site_pages, wait_until
from tests.conftest import start_tags

TEXT_PAGE_BUDGET = 60_000
CHART_PAGE_BUDGET = 150_000
EDITION_FONT_TEXT_PAGE_BUDGET = 120_000
FONT_FACE = re.compile(r'@font-face\{font-family:"([^"]+)";src:url\(([^)]+)\)')
TEXT_FAMILY = re.compile(r'--edition-font-text:"([^"]+)"')
WATCH = 0.3  # seconds a page is left alone before the reader interacts


@dataclass
class Requests:
    """The files a page asks for as it loads: stylesheets, icons and images; and its scripts."""

    files: list[str]
    scripts: list[str]


def requests_of(page: Path) -> Requests:
    requests = Requests([], [])
    for tag, values in start_tags(page):
        if tag == "link" and values.get("rel") in ("stylesheet", "icon", "preload"):
            requests.files.append(values["href"])
        elif tag == "script" and values.get("src"):
            requests.scripts.append(values["src"])
        elif tag in ("img", "source") and (values.get("src") or values.get("srcset")):
            requests.files.append((values.get("src") or values["srcset"]).split(" ")[0])
    return requests


def transferred(path: Path) -> int:
    """Bytes on the wire: compressed as GitHub Pages does for text formats."""
    data = path.read_bytes()
    return len(gzip.compress(data, 6)) if path.suffix in (".html", ".css", ".js", ".svg", ".json", ".xml") else len(data)


def text_fonts(site: Path, stylesheet: str) -> set[str]:
    """The font files a stylesheet names for the edition's text (its --edition-font-text family)."""
    css = (site / stylesheet.lstrip("/")).read_text(encoding="utf-8")
    family = TEXT_FAMILY.search(css)
    folder = stylesheet.rsplit("/", 1)[0]
    return {f"{folder}/{url}" for name, url in FONT_FACE.findall(css) if family and name == family.group(1)}


def weigh(site: Path, page: Path) -> tuple[int, Requests]:
    requests = requests_of(page)
    # Chart images come in light and dark versions; a reader loads one of the two.
    files = {f for f in requests.files if ".dark." not in f}
    files |= {font for f in requests.files if f.endswith(".css") for font in text_fonts(site, f)}
    scripts = {s for s in requests.scripts if "vendor/vega" not in s}
    total = transferred(page) + sum(transferred(site / f.lstrip("/")) for f in files | scripts)
    return total, requests


def test_every_page_is_within_its_budget(real_site):
    over = {}
    for path in site_pages(real_site):
        page = real_site / path.lstrip("/") / "index.html"
        total, _ = weigh(real_site, page)
        html = page.read_text(encoding="utf-8")
        chart_page = 'class="chart"' in html
        budget = CHART_PAGE_BUDGET if chart_page else TEXT_PAGE_BUDGET
        if any(text_fonts(real_site, f) for f in requests_of(page).files if f.endswith(".css")):
            budget += EDITION_FONT_TEXT_PAGE_BUDGET - TEXT_PAGE_BUDGET
        if total > budget:
            over[path] = f"{total:,} bytes, budget {budget:,}"
    assert over == {}


def test_vega_is_referenced_only_by_the_charts_script_on_chart_pages(real_site):
    for path in site_pages(real_site):
        page = real_site / path.lstrip("/") / "index.html"
        _, requests = weigh(real_site, page)
        chart_page = 'class="chart"' in page.read_text(encoding="utf-8")
        assert not [s for s in requests.scripts if "vendor/vega" in s], path  # never loaded up front
        assert any("charts." in s for s in requests.scripts) == chart_page, path


def test_vega_loads_only_after_the_reader_interacts_on_a_large_screen(real_site, browser):
    """Every page is opened and left alone for at least WATCH seconds after it loaded, with every request
    it makes recorded from the start (the pages are open side by side, so the watches overlap); then on
    each chart page the reader scrolls to a chart, and Vega loads."""
    context = browser.new_context(viewport={"width": 1920, "height": 1080})
    with serve_folder(real_site) as base:
        watched = []
        for path in site_pages(real_site):
            loaded: list[str] = []
            page = context.new_page()
            page.on("request", lambda request, loaded=loaded: loaded.append(request.url))
            page.goto(base + path, wait_until="load")
            watched.append((path, page, loaded, time.monotonic()))
        time.sleep(max(0.0, watched[-1][3] + WATCH - time.monotonic()))  # the last page's watch
        for path, page, loaded, _ in watched:
            page.evaluate("0")  # every request the page made so far has been reported
            assert not [u for u in loaded if "vega" in u], f"{path} loads Vega before any interaction"
        for path, page, loaded, _ in watched:
            if page.locator("figure.chart").count():
                page.mouse.wheel(0, 400)
                page.locator("figure.chart").first.scroll_into_view_if_needed()
                wait_until(page, "!!document.querySelector('figure.chart.is-interactive')")
                assert [u for u in loaded if "vendor/vega" in u], f"{path}: Vega did not load after scrolling"
            page.close()
    context.close()
