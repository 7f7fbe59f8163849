"""Charts people can read, measured in Chromium on every chart page at 1280 px and at 360 px.

For every chart, as drawn (the static SVG in its <img>, and the interactive chart Vega draws):
every text is at least 12 px on a 1280 px screen and 11 px on a 360 px phone, at the size it is
drawn (its font size times the scale the SVG is drawn at), and lies inside the chart (nothing
clipped at its edges, nothing cut short with an ellipsis, no two labels on top of each other).
Nothing readers see or hear shows a raw identifier: no snake_case column name or value from the
data, no source key and no "Precision:" in a figure's visible text, its image's text alternative,
its SVG's text and ARIA labels, or the tooltips and descriptions of the interactive chart's marks.
And at 360 px every data table, opened, fits the screen with no sideways scrolling, caption included.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
import yaml

from tests.browser import open_page, serve_folder
from tests.conftest import REPO
from tests.test_browser_charts import chart_pages

MINIMUM = {1280: 12.0, 360: 11.0}  # px, at the size the text is drawn
SNAKE = re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)+$")

# Each text of an SVG as drawn: its font size times the scale it is drawn at (the SVG's own
# transforms and the CSS that fits it to the column), its box, and the SVG's box.
MEASURE_SVG = """svg => {
    const box = svg.getBoundingClientRect();
    return [...svg.querySelectorAll('text')].filter(t => t.textContent.trim()).map(t => {
        const m = t.getScreenCTM(), r = t.getBoundingClientRect();
        return {text: t.textContent.trim(), px: parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b),
                turned: Math.abs(m.b) > 1e-6, box: [r.left, r.top, r.right, r.bottom],
                svg: [box.left, box.top, box.right, box.bottom]};
    });
}"""
# The static SVG a figure's <img> shows (light or dark, as the <picture> chooses), put into the page
# at the width the <img> is drawn, so that its texts can be measured as the reader sees them.
STATIC_SVG = """async figure => {
    const img = figure.querySelector('.chart-view img');
    const dark = matchMedia('(prefers-color-scheme: dark)').matches;
    const source = figure.querySelector('picture source');
    const url = dark && source ? source.srcset : img.getAttribute('src');
    const text = await (await fetch(url)).text();
    const svg = document.importNode(new DOMParser().parseFromString(text, 'image/svg+xml').documentElement, true);
    const holder = document.createElement('div');
    holder.className = 'readable-test-holder';
    holder.style.position = 'absolute';
    holder.style.left = '0';
    holder.style.top = '0';
    holder.style.width = img.getBoundingClientRect().width + 'px';
    holder.style.direction = 'ltr';  // as in the <img>, a document of its own, whatever the page's direction
    svg.style.width = '100%';
    svg.style.height = 'auto';
    svg.style.display = 'block';
    holder.appendChild(svg);
    document.body.appendChild(holder);
    return {url, drawn: img.getBoundingClientRect().width, natural: parseFloat(svg.getAttribute('width'))};
}"""
# Every tooltip and ARIA description the interactive chart's marks carry, from Vega's scene graph.
VEGA_TEXTS = """figure => {
    const found = [];
    const walk = item => {
        if (!item || typeof item !== 'object') return;
        if (item.tooltip != null) {
            found.push(typeof item.tooltip === 'object' ? JSON.stringify(item.tooltip) : String(item.tooltip));
        }
        if (item.description) found.push(String(item.description));
        if (item.ariaRoleDescription) found.push(String(item.ariaRoleDescription));
        (item.items || []).forEach(walk);
    };
    if (figure._vegaView) walk(figure._vegaView.scenegraph().root);
    return found;
}"""


def raw_identifiers(site: Path) -> set[str]:
    """What a reader must never see: the data's snake_case column names and values, and source keys."""
    found: set[str] = set()
    for path in (site / "charts" / "data").glob("*.csv"):
        with open(path, encoding="utf-8", newline="") as handle:
            reader = csv.reader(handle)
            for row in reader:
                found.update(cell for cell in row if SNAKE.match(cell))
    found.update(yaml.safe_load((REPO / "sources.yaml").read_text(encoding="utf-8")))
    return found


def shown_identifiers(texts: list[str], identifiers: set[str]) -> list[str]:
    problems = []
    for text in texts:
        tokens = set(re.findall(r"[A-Za-z0-9][\w-]*", text))
        problems += [f"{token!r} in {text[:120]!r}" for token in sorted(tokens & identifiers)]
        if "Precision:" in text or "precision:" in text:
            problems.append(f"'Precision:' in {text[:120]!r}")
    return problems


def text_problems(texts: list[dict], minimum: float, where: str) -> list[str]:
    problems = []
    for t in texts:
        left, top, right, bottom = t["box"]
        x0, y0, x1, y1 = t["svg"]
        if t["px"] < minimum - 0.01:
            problems.append(f"{where}: {t['text']!r} drawn at {t['px']:.2f} px (< {minimum:g})")
        if left < x0 - 1 or top < y0 - 1 or right > x1 + 1 or bottom > y1 + 1:
            problems.append(f"{where}: {t['text']!r} is clipped: its box {t['box']} is outside the chart's {t['svg']}")
        if t["text"].endswith("\u2026"):
            problems.append(f"{where}: {t['text']!r} is cut short")
    for i, a in enumerate(texts):
        for b in texts[i + 1:]:
            centres = [((box[0] + box[2]) / 2, (box[1] + box[3]) / 2) for box in (a["box"], b["box"])]
            if a["text"] == b["text"] and abs(centres[0][0] - centres[1][0]) < 6 and abs(centres[0][1] - centres[1][1]) < 6:
                continue  # the same label twice in one place: a halo drawn under the text
            if a["turned"] or b["turned"]:
                continue  # a turned label's box is not its outline
            width = min(a["box"][2], b["box"][2]) - max(a["box"][0], b["box"][0])
            height = min(a["box"][3], b["box"][3]) - max(a["box"][1], b["box"][1])
            # Text boxes run from the font's ascent to its descent: lines set close may touch a little.
            if width > 2 and height > 0.3 * min(a["box"][3] - a["box"][1], b["box"][3] - b["box"][1]):
                problems.append(f"{where}: {a['text']!r} and {b['text']!r} overlap")
    return problems


def bring_to_life(page, figure) -> None:  # noqa: ANN001 - Playwright objects
    figure.scroll_into_view_if_needed()
    page.mouse.wheel(0, 1)  # the charts script waits for the reader's first interaction
    figure.locator(".chart-interactive svg").first.wait_for(state="visible", timeout=15000)


@pytest.mark.parametrize("width", sorted(MINIMUM))
def test_every_chart_text_is_readable_at_its_drawn_size_and_inside_the_chart(real_site, browser, width):
    minimum = MINIMUM[width]
    context = browser.new_context(viewport={"width": width, "height": 900})
    problems, smallest = [], {"static": 99.0, "interactive": 99.0}
    with serve_folder(real_site) as base:
        for path in chart_pages(real_site):
            page, _ = open_page(context, base + path)
            # Before any interaction every chart is its static SVG.
            for figure in page.locator("figure.chart").all():
                name = figure.get_attribute("id")
                figure.evaluate(STATIC_SVG)
                texts = page.locator(".readable-test-holder svg").evaluate(MEASURE_SVG)
                page.evaluate("document.querySelector('.readable-test-holder').remove()")
                assert texts, f"{path} {name}: the static SVG has no text"
                smallest["static"] = min(smallest["static"], *(t["px"] for t in texts))
                problems += text_problems(texts, minimum, f"{path} {name} static at {width} px")
            for figure in page.locator("figure.chart").all():
                name = figure.get_attribute("id")
                bring_to_life(page, figure)
                texts = figure.locator(".chart-interactive svg").first.evaluate(MEASURE_SVG)
                smallest["interactive"] = min(smallest["interactive"], *(t["px"] for t in texts))
                problems += text_problems(texts, minimum, f"{path} {name} interactive at {width} px")
            page.close()
    context.close()
    print(f"smallest chart text at {width} px: static {smallest['static']:.2f} px, "
          f"interactive {smallest['interactive']:.2f} px")
    assert problems == [], "\n".join(problems)


def test_no_raw_identifier_reaches_readers(real_site, browser):
    identifiers = raw_identifiers(real_site)
    assert "jiangsu_kizilsu" in identifiers and "projects_xinjiang" in identifiers  # the check sees the data
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    problems = []
    with serve_folder(real_site) as base:
        for path in chart_pages(real_site):
            page, _ = open_page(context, base + path)
            page.evaluate("document.querySelectorAll('details.chart-data').forEach(d => d.open = true)")
            for figure in page.locator("figure.chart").all():
                name = figure.get_attribute("id")
                # The static SVGs (light and dark) carry the same labels for any reader who opens them.
                alt, urls = figure.evaluate("f => [f.querySelector('img').alt, [f.querySelector('img').getAttribute('src'), "
                                            "f.querySelector('picture source').srcset]]")
                texts = [alt]
                for url in urls:
                    svg = (real_site / url.lstrip("/")).read_text(encoding="utf-8")
                    texts += re.findall(r'aria-label="([^"]*)"', svg) + re.findall(r">([^<>]+)</text>", svg)
                bring_to_life(page, figure)
                texts.append(figure.inner_text())
                texts += figure.evaluate("""f => [...f.querySelectorAll('svg text, svg title, svg desc')].map(e => e.textContent)
                    .concat([...f.querySelectorAll('[aria-label], [aria-roledescription], [title]')]
                    .flatMap(e => ['aria-label', 'aria-roledescription', 'title'].map(a => e.getAttribute(a))))
                    .filter(Boolean)""")
                texts += figure.evaluate(VEGA_TEXTS)
                problems += [f"{path} {name}: {p}" for p in shown_identifiers(texts, identifiers)]
            page.close()
    context.close()
    assert problems == [], "\n".join(problems)


def test_data_tables_fit_a_phone_without_sideways_scrolling(real_site, browser):
    context = browser.new_context(viewport={"width": 360, "height": 800})
    problems = []
    with serve_folder(real_site) as base:
        for path in chart_pages(real_site):
            page, _ = open_page(context, base + path, javascript=True)
            page.evaluate("document.querySelectorAll('details.chart-data').forEach(d => d.open = true)")
            measured = page.evaluate("""() => [...document.querySelectorAll('details.chart-data')].map(d => {
                const table = d.querySelector('table'), wrap = d.querySelector('.table-wrap');
                const caption = d.querySelector('caption');
                return {name: d.closest('figure').id, screen: document.documentElement.clientWidth,
                        table: table.getBoundingClientRect().right, wrap: [wrap.scrollWidth, wrap.clientWidth],
                        caption: caption ? [caption.scrollWidth, caption.clientWidth] : [0, 0],
                        page: document.documentElement.scrollWidth};
            })""")
            for m in measured:
                if m["table"] > m["screen"] + 0.5 or m["wrap"][0] > m["wrap"][1] + 1:
                    problems.append(f"{path} {m['name']}: the table is wider than the phone ({m})")
                if m["caption"][0] > m["caption"][1] + 1:
                    problems.append(f"{path} {m['name']}: the table's caption is cut off ({m})")
                if m["page"] > m["screen"]:
                    problems.append(f"{path} {m['name']}: the page scrolls sideways with the tables open ({m})")
            page.close()
    context.close()
    assert problems == [], "\n".join(problems)
