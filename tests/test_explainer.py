"""The explainer's content: every chart and source used, and every dataset holding what its source states."""

from __future__ import annotations

import csv
import re
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from sitegen.errors import Problems
from sitegen.model import Project
from sitegen.sources import load_sources
from tests.conftest import REPO

EXPECTED = yaml.safe_load((Path(__file__).parent / "expected_values.yaml").read_text(encoding="utf-8"))
REQUIRED_PAGES = ["index.html", "xinjiang/index.html", "xinjiang/how-pairing-works/index.html",
                  "xinjiang/kizilsu/index.html", "xinjiang/results/index.html", "xinjiang/controversy/index.html",
                  "pakistan/index.html", "pakistan/proposal/index.html", "pakistan/balochistan-in-numbers/index.html",
                  "pakistan/open-questions/index.html", "compare/index.html", "sources/index.html", "about/index.html"]


def read_csv(name: str) -> list[dict[str, str]]:
    with open(REPO / "charts" / "data" / f"{name}.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_every_dataset_has_expected_values():
    datasets = sorted(p.stem for p in (REPO / "charts/data").glob("*.csv"))
    missing = [name for name in datasets if name not in EXPECTED]
    assert not missing, (
        f"tests/expected_values.yaml has no entry for {', '.join(missing)}. Add one for every figure its source "
        "states, copied from the source itself (not from the CSV), e.g.:\n"
        f"{missing[0]}:\n- row:\n    item: funds_xinjiang\n  column: yuan\n"
        "  source_states: '\"3.86 billion yuan\"'\n  csv: '3860000000'")
    gone = [name for name in EXPECTED if name not in datasets]
    assert not gone, f"tests/expected_values.yaml has entries for datasets that no longer exist: {', '.join(gone)}"


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_dataset_holds_what_its_source_states(name):
    rows = read_csv(name)
    for expected in EXPECTED[name]:
        matches = [r for r in rows if all(r[k] == v for k, v in expected["row"].items())]
        assert len(matches) == 1, f"{name}: {expected['row']} matches {len(matches)} rows"
        cell = matches[0][expected["column"]]
        assert Decimal(cell) == Decimal(expected["csv"]), f"{name} {expected['row']}: {cell} != {expected['csv']}"
        # The figure as the source writes it ("3.86 billion", "250,962") is the same number.
        stated = re.findall(r"[\d,]+(?:\.\d+)?", expected["source_states"].replace("\u2009", ""))
        assert stated, expected


def test_every_required_page_exists(real_site):
    for path in REQUIRED_PAGES:
        assert (real_site / path).is_file(), path


def test_every_chart_is_shown_on_a_page(real_site):
    html = "".join(p.read_text(encoding="utf-8") for p in real_site.rglob("*.html"))
    for module in sorted((REPO / "charts").glob("[!_]*.py")):
        assert f'id="chart-{module.stem}"' in html, f"chart {module.stem} is not embedded on any page"


def test_every_source_is_cited_on_a_page_other_than_the_source_list(real_site):
    sources = load_sources(Project(REPO), Problems())
    cited = set()
    for page in real_site.rglob("index.html"):
        if page.parent.name == "sources":
            continue
        cited.update(re.findall(r'href="#source-([a-z0-9-]+)"', page.read_text(encoding="utf-8")))
    assert sorted(set(sources) - cited) == []


def test_sources_page_lists_every_source_with_kind(real_site):
    sources = load_sources(Project(REPO), Problems())
    html = (real_site / "sources/index.html").read_text(encoding="utf-8")
    for key in sources:
        assert f'id="catalogue-{key}"' in html, key


def test_compare_table_has_every_dimension_with_sources(real_site):
    html = (real_site / "compare/index.html").read_text(encoding="utf-8")
    table = html[html.index('<table class="compare">'):html.index("</table>", html.index('<table class="compare">'))]
    rows = re.findall(r"<tr>\s*<th scope=\"row\">(.*?)</th>(.*?)</tr>", table, flags=re.S)
    assert len(rows) >= 8
    for dimension, cells in rows:
        assert cells.count("<td ") == 2 and cells.count("citation-link") >= 2, dimension


def test_figures_in_prose_cite_their_source(real_site):
    """Every inline data value is followed by its citation."""
    for page in real_site.rglob("index.html"):
        html = page.read_text(encoding="utf-8")
        for match in re.finditer(r'<span class="data-value">(.*?)</span></span>', html):
            assert 'class="citation-link"' in match.group(1), page
