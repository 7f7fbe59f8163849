"""Charts: sourced CSV data, Altair modules, static SVGs, tables, downloads, values in prose, errors."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from tests.conftest import MINIMAL_SOURCES, REPO, assert_build_fails_cleanly

DATA = {
    "charts/data/poverty.csv": "measure,count,source\nregistered_poor,250962,state-report\nvillages,214,state-report\n",
    "charts/data/poverty.yaml": """
        title: Poverty counts
        description: Registered poor people and poor villages.
        units: people; villages
        notes: End of 2019.
        columns:
          count: {label: Count}
    """,
    "charts/data/money.csv": "province,yuan\nJiangsu,3860000000\n",
    "charts/data/money.yaml": """
        title: Money
        description: Yuan allocated.
        source: state-report
        units: yuan
        notes: Since 2016.
        columns:
          yuan: {label: Allocated, unit: yuan}
    """,
}
CHART = '''
import altair as alt

TITLE = "Poverty counts"
DESCRIPTION = "Bars of poverty counts."
DATASETS = ["poverty"]


def chart(data):
    return alt.Chart(data["poverty"]).mark_bar().encode(
        x="measure:N", y="count:Q", tooltip=["measure:N", "count:Q"])
'''
# A shared module (charts/_NAME.py, not a chart itself) and a chart that imports it; a dataclass
# because it needs its module to be importable by name, as real code does.
SHARED = '''
from dataclasses import dataclass


@dataclass(frozen=True)
class Look:
    opacity: float


def tone():
    return "focus"


LOOK = Look(opacity=0.5)
'''
SHARED_CHART = CHART.replace("import altair as alt", "import altair as alt\nfrom _shared import LOOK, tone").replace(
    "mark_bar()", "mark_bar(style=tone(), opacity=LOOK.opacity)")
PAGE = "---\ntitle: A\n---\nIntro.\n\n{{< chart poverty caption=\"Counts at the end of 2019.\" >}}\n"


def chart_site(make_site, **extra: str):
    return make_site({**DATA, "charts/poverty.py": CHART, "content/a.md": PAGE, **extra})


def test_a_page_with_a_chart_has_svg_sources_download_and_table(make_site, run):
    root = chart_site(make_site)
    assert run(root, "build", "--quiet").code == 0
    html = (root / "site/a/index.html").read_text()
    light = re.search(r'<img src="(/charts/poverty\.[0-9a-f]{10}\.light\.svg)" width="\d+" height="\d+" '
                      r'alt="Poverty counts\. Bars of poverty counts\."', html)
    dark = re.search(r'<source srcset="(/charts/poverty\.[0-9a-f]{10}\.dark\.svg)" media="\(prefers-color-scheme: dark\)">', html)
    assert light and dark
    assert (root / "site" / light.group(1).lstrip("/")).read_text().startswith("<svg")
    assert "Counts at the end of 2019." in html
    assert 'Source <a href="#source-state-report" class="citation-link">[1]</a>:' in html
    assert "Media report." in html
    assert '<a href="/charts/data/poverty.csv" download>' in html
    table = html[html.index('<table class="data-table">'):html.index("</table>")]
    assert '<th scope="col" class="number">Count</th>' in table
    # Readers see a code value in words and no column of source keys; the source is listed under the table.
    assert '<td data-label="Measure">Registered poor</td><td data-label="Count" class="number">250,962</td></tr>' in table
    assert "registered_poor" not in table and "state-report" not in table
    assert '<li>Source: A publisher, <a href="https://example.org/report">A report</a>' in html[html.index("</table>"):]
    # The CSV served is the editor's file, byte for byte; its metadata carries source and citation.
    assert (root / "site/charts/data/poverty.csv").read_bytes() == (root / "charts/data/poverty.csv").read_bytes()
    meta = json.loads((root / "site/charts/data/poverty.json").read_text())
    assert meta["sources"][0]["publisher"] == "A publisher" and meta["sources"][0]["kind"] == "media report"
    assert meta["citation"].startswith("Test site, “Poverty counts”, data from A publisher")
    assert meta["citation"].endswith("https://example.org/charts/data/poverty.csv")
    # Interactive specs, and the script that loads Vega, only on pages with charts.
    assert re.search(r'data-vega-light="/charts/poverty\.[0-9a-f]{10}\.light\.vg\.json"', html)
    assert 'src="/static/js/charts.' in html
    assert "charts." not in (root / "site/index.html").read_text()


def test_values_in_prose_come_from_the_data(make_site, run):
    body = ("Registered poor: {{< value poverty column=count measure=registered_poor >}}. "
            "Money: {{< value money column=yuan province=Jiangsu format=billions >}}.")
    root = make_site({**DATA, "content/a.md": f"---\ntitle: A\n---\n{body}\n"})
    assert run(root, "build", "--quiet").code == 0
    html = (root / "site/a/index.html").read_text()
    assert ('<span class="data-number" data-dataset="poverty">250,962</span><span class="citation">'
            '<a class="citation-link" href="#source-state-report">[1]</a>') in html
    assert '<span class="data-number" data-dataset="money">3.86 billion yuan</span>' in html
    assert 'id="source-state-report"' in html


def test_number_formatting_keeps_every_figure():
    from sitegen.datasets import format_number
    from sitegen.model import Column

    assert format_number("250962", Column("n", "n", "")) == "250,962"
    assert format_number("3860000000", Column("y", "y", "yuan"), "billions") == "3.86 billion yuan"
    assert format_number("802000000", Column("y", "y", "yuan"), "millions") == "802 million yuan"
    assert format_number("71.2", Column("p", "p", "%")) == "71.2%"
    assert format_number("77.78", Column("p", "p", "%")) == "77.78%"
    assert format_number("2019", Column("year", "Year", "")) == "2019"
    assert format_number("Jiangsu", Column("p", "p", "")) == "Jiangsu"


ERRORS = {
    "unknown chart on a page": (
        {"content/a.md": "---\ntitle: A\n---\nText.\n\n{{< chart poverti >}}\n"},
        "content/a.md:6: unknown chart 'poverti'\n  -> charts: poverty",
    ),
    "chart name reaching outside charts/": (
        {"content/a.md": "---\ntitle: A\n---\n{{< chart ../../settings >}}\n"},
        "content/a.md:4: unknown chart '../../settings'",
    ),
    "unknown value": (
        {"content/a.md": "---\ntitle: A\n---\nText.\n\nIt was {{< value poverty column=count measure=towns >}}.\n"},
        "content/a.md:6: no row of dataset 'poverty' match measure=towns (rows: measure=registered_poor; measure=villages)",
    ),
    "unknown value column": (
        {"content/a.md": "---\ntitle: A\n---\n{{< value poverty column=cnt measure=villages >}}\n"},
        "content/a.md:4: dataset 'poverty' has no column 'cnt' (did you mean 'count'?)",
    ),
    "dataset without a source record": (
        {"charts/data/extra.csv": "a,b\n1,2\n"},
        "charts/data/extra.csv: this dataset has no source record",
    ),
    "incomplete source record": (
        {"charts/data/extra.csv": "a,b\n1,2\n", "charts/data/extra.yaml": "title: T\ndescription: D\nsource: state-report\n"},
        "charts/data/extra.yaml: the source record is missing 'units', 'notes'",
    ),
    "source record naming an unknown source": (
        {"charts/data/extra.csv": "a,b\n1,2\n",
         "charts/data/extra.yaml": "title: T\ndescription: D\nsource: nobody\nunits: u\nnotes: n\n"},
        "charts/data/extra.yaml:3: unknown source 'nobody'",
    ),
    "chart module that raises": (
        {"charts/poverty.py": CHART.replace('return alt.Chart', 'raise ValueError("no data yet")\n    return alt.Chart')},
        "charts/poverty.py:9: the chart module raised ValueError: no data yet\n"
        "  -> check the chart module (the chart is shown on content/a.md:6)",
    ),
    "chart module returning something else": (
        {"charts/poverty.py": CHART.replace('return alt.Chart(data["poverty"])',
                                            'return data["poverty"]\n    alt.Chart(data["poverty"])')},
        "charts/poverty.py: chart(data) returned DataFrame, not an Altair chart",
    ),
    "chart reading a missing CSV": (
        {"charts/poverty.py": CHART.replace('DATASETS = ["poverty"]', 'DATASETS = ["povrety"]')},
        "charts/poverty.py:5: dataset 'povrety' does not exist in charts/data/\n  -> did you mean 'poverty'?",
    ),
    "chart reading a dataset outside charts/": (
        {"charts/poverty.py": CHART.replace('DATASETS = ["poverty"]', 'DATASETS = ["../../sources"]')},
        "charts/poverty.py:5: dataset '../../sources' does not exist in charts/data/",
    ),
    "chart using a missing column": (
        {"charts/poverty.py": CHART.replace('y="count:Q"', 'y="cnt:Q"')},
        "charts/poverty.py: the chart uses column 'cnt', which its data does not have\n  -> did you mean 'count'?",
    ),
    "chart indexing a missing column": (
        {"charts/poverty.py": CHART.replace('alt.Chart(data["poverty"])', 'alt.Chart(data["poverty"][["measure", "cnt"]])')},
        "charts/poverty.py:9: the chart module raised KeyError:",
    ),
    "chart that is not valid Vega-Lite": (
        {"charts/poverty.py": CHART.replace('mark_bar()', 'mark_bar(orient="diagonal")')},
        "charts/poverty.py:9: the chart is not valid Vega-Lite: 'diagonal' is an invalid value for `orient`",
    ),
    "shared chart module with a syntax error": (
        {"charts/_shared.py": "def tone(:\n", "charts/poverty.py": SHARED_CHART},
        "charts/_shared.py:1: Python syntax error:",
    ),
    "shared chart module raising": (
        {"charts/_shared.py": SHARED.replace('return "focus"', 'return 1 / 0'), "charts/poverty.py": SHARED_CHART},
        "charts/_shared.py:10: the chart module raised ZeroDivisionError: division by zero\n"
        "  -> check the chart module (it is imported by charts/poverty.py)",
    ),
    "chart module without a title": (
        {"charts/poverty.py": CHART.replace('TITLE = "Poverty counts"', '')},
        "charts/poverty.py: the chart module must set TITLE to a text in quotes",
    ),
}


@pytest.mark.parametrize("files, message", ERRORS.values(), ids=ERRORS.keys())
def test_chart_errors_are_reported_and_site_untouched(make_site, run, files, message):
    assert_build_fails_cleanly(run, chart_site(make_site), files, message)


def test_unchanged_charts_are_not_rendered_again_and_altair_is_not_imported(make_site):
    root = chart_site(make_site)
    probe = ("import sys, build; code = build.main(['build', '--quiet', '--root', sys.argv[1]]); "
             "print(code, 'altair' in sys.modules, 'pandas' in sys.modules)")

    def build_reports() -> str:
        result = subprocess.run([sys.executable, "-c", probe, str(root)], capture_output=True, text=True, cwd=REPO)
        return result.stdout.strip()

    assert build_reports() == "0 True True"  # first build renders the chart
    assert build_reports() == "0 False False"  # cached: neither Altair nor pandas is imported
    (root / "charts/data/poverty.csv").write_text("measure,count,source\nregistered_poor,250963,state-report\n")
    assert build_reports() == "0 True True"  # changed data: rendered again
    assert build_reports() == "0 False False"


def test_sources_are_numbered_in_reading_order_across_text_values_and_charts(make_site, run):
    """The first source a reader meets is [1], whether it is cited in the text, by a value or by a
    chart's source line (a chart's line is read before the text is, a value after the text around it)."""
    other = "other:\n  title: Other\n  publisher: P\n  date: 2020-01-01\n  address: https://example.org/o\n  kind: opinion\n"
    root = chart_site(make_site, **{"sources.yaml": MINIMAL_SOURCES + other, "content/a.md": (
        "---\ntitle: A\n---\n## Money [@other]\n\n**A card** [@other]\n"
        "<span>{{< value money column=yuan province=Jiangsu >}}</span>\n{: .card }\n\n{{< chart poverty >}}\n")})
    assert run(root, "build", "--quiet").code == 0
    html = (root / "site/a/index.html").read_text()
    assert re.findall(r'href="#source-([a-z-]+)"[^>]*>\[(\d)\]', html) == [
        ("other", "1"), ("other", "1"), ("state-report", "2"), ("state-report", "2")]
    assert '<h2 id="money-1">' in html  # the heading's id is made from the number it shows
    listed = html[html.index('id="sources-heading"'):]
    assert listed.index('id="source-other" value="1"') < listed.index('id="source-state-report" value="2"')


def test_a_chart_uses_shared_modules_and_is_drawn_again_when_they_change(make_site, run):
    """charts/_NAME.py holds code several charts share: never built itself, run from the bytes the
    build read, part of the key of every chart that imports it (directly or through another)."""
    root = chart_site(make_site, **{"charts/_shared.py": "from _opacity import OPACITY\n" + SHARED.replace(
        "Look(opacity=0.5)", "Look(opacity=OPACITY)"), "charts/_opacity.py": "OPACITY = 0.5\n",
        "charts/poverty.py": SHARED_CHART})
    assert run(root, "build", "--quiet").code == 0

    def drawn() -> str:
        return next((root / "site/charts").glob("poverty.*.light.svg")).read_text()

    first = drawn()
    assert 'opacity="0.5"' in first
    assert not list((root / "site/charts").glob("_*")) and "_shared" not in (root / "site/a/index.html").read_text()
    (root / "charts/_opacity.py").write_text("OPACITY = 0.75\n")  # two imports away from the chart
    assert run(root, "build", "--quiet").code == 0
    assert 'opacity="0.75"' in drawn()
    (root / "charts/_opacity.py").write_text("OPACITY = 0.5\n")
    assert run(root, "build", "--quiet").code == 0
    assert drawn() == first
    (root / "charts/_unused.py").write_text("raise SystemExit('never run: no chart imports it')\n")
    assert run(root, "build", "--quiet").code == 0


def test_shared_modules_may_import_each_other(make_site, run):
    """As Python's own imports allow: a module is known (as far as it has run) before it finishes."""
    chart = CHART.replace("import altair as alt", "import altair as alt\nfrom _b import opacity").replace(
        "mark_bar()", "mark_bar(opacity=opacity())")
    root = chart_site(make_site, **{"charts/_a.py": "import _b\n\nOPACITY = 0.25\n",
                                    "charts/_b.py": "import _a\n\n\ndef opacity():\n    return _a.OPACITY\n",
                                    "charts/poverty.py": chart})
    assert run(root, "build", "--quiet").code == 0
    assert 'opacity="0.25"' in next((root / "site/charts").glob("poverty.*.light.svg")).read_text()


def test_the_data_table_shows_labels_not_identifiers_and_lists_its_sources(make_site, run):
    """Identifier columns are left out, a column naming rows by identifier shows their labels, code
    values are written as words, and the rows' sources are listed under the table, lettered."""
    later = ("later-report:\n  title: Later\n  publisher: Later Publisher\n  date: 2022\n  address: not stated\n"
             "  kind: media report\n")
    root = chart_site(make_site, **{
        "sources.yaml": MINIMAL_SOURCES + later,
        "charts/data/poverty.csv": ("measure,label,count,part_of,status,source\n"
                                    "registered_poor,Registered poor people,250962,none,as_stated,state-report\n"
                                    "plan_2020,Planned to leave poverty in Xinjiang,11677,registered_poor,planned_in_xinjiang,"
                                    "later-report\n"),
        "charts/data/poverty.yaml": """
            title: Poverty counts
            description: Registered poor people and the 2020 plan.
            units: count is people; part_of names the measure_row it is part of
            notes: End of 2019.
            columns:
              measure: {label: Measure (identifier)}
              label: {label: Measure}
              count: {label: Count}
        """,
        "charts/poverty.py": CHART.replace("measure:N", "label:N"),
    })
    assert run(root, "build", "--quiet").code == 0
    html = (root / "site/a/index.html").read_text()
    table = html[html.index('<table class="data-table'):html.index("</table>")]
    assert "<th scope=\"col\">Measure (identifier)</th>" not in table and "registered_poor" not in table
    assert ('<td data-label="Measure">Planned to leave poverty in Xinjiang</td>'
            '<td data-label="Count" class="number">11,677</td>'
            '<td data-label="Part of">Registered poor people</td>'
            '<td data-label="Status">Planned in Xinjiang</td><td data-label="Source">b</td>') in table
    listed = html[html.index("</table>"):html.index("</details>")]
    assert '<span class="source-mark">a</span> A publisher' in listed
    assert '<span class="source-mark">b</span> Later Publisher' in listed
    assert "Units: count is people; “Part of” names the measure row it is part of" in html
    assert 'class="data-table is-stacked"' in html  # five columns: blocks on phones
