"""Every chart in the repository: builds, is valid Vega-Lite, has sourced data, matches its SVG snapshot.

Snapshots live in tests/snapshots/charts/. After an intended change to a chart, regenerate them
with `make snapshots` and review the SVG diff like any other change.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sitegen.charts import chart_data, discover_charts, load_chart_module
from sitegen.datasets import load_datasets
from sitegen.errors import Problems
from sitegen.model import Project
from sitegen.sources import load_sources
from tests.conftest import REPO

SNAPSHOTS = REPO / "tests" / "snapshots" / "charts"
CHART_NAMES = sorted(p.stem for p in (REPO / "charts").glob("*.py") if not p.name.startswith("_"))


def repo_charts():
    problems = Problems()
    project = Project(REPO)
    sources = load_sources(project, problems)
    datasets = load_datasets(project, sources, problems)
    definitions = discover_charts(project, datasets, problems)
    assert not problems, problems.items
    return sources, datasets, definitions


def test_the_repository_has_charts():
    assert CHART_NAMES


@pytest.mark.parametrize("name", CHART_NAMES)
def test_chart_is_valid_vega_lite_with_sourced_data(name):
    sources, datasets, definitions = repo_charts()
    definition = definitions[name]
    assert definition.title and definition.description and definition.sources
    for key in definition.sources:
        source = sources[key]
        assert all((source.title, source.publisher, source.date, source.address, source.kind))
    module = load_chart_module(definition)  # as the build runs it, with the shared modules it imports
    frames = chart_data(definition, datasets)  # a DataFrame for each CSV, the parsed TopoJSON for each map
    module.chart(frames).to_dict(validate=True)  # raises on anything the Vega-Lite schema rejects


@pytest.mark.parametrize("name", CHART_NAMES)
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_chart_svg_matches_snapshot(real_site: Path, name, scheme):
    built = sorted(p for p in (real_site / "charts").glob(f"{name}.*.{scheme}.svg") if not p.name.startswith(f"{name}.ur."))
    assert len(built) == 1
    snapshot = SNAPSHOTS / f"{name}.{scheme}.svg"
    if os.environ.get("UPDATE_SNAPSHOTS") or not snapshot.exists():
        snapshot.parent.mkdir(parents=True, exist_ok=True)
        snapshot.write_bytes(built[0].read_bytes())
        if not os.environ.get("UPDATE_SNAPSHOTS"):
            pytest.fail(f"no snapshot for {name} yet: wrote {snapshot.relative_to(REPO)}; review and commit it")
    assert built[0].read_bytes() == snapshot.read_bytes(), (
        f"{name}'s {scheme} SVG changed; if intended, run 'make snapshots' and commit the new file")


def test_a_chart_is_drawn_to_the_same_bytes_whatever_was_drawn_before_it():
    """Vega numbers clip paths with a counter that lasts as long as the process: a map drawn after
    another map in the same worker would otherwise differ from the same map drawn first."""
    from sitegen.charts import _render, stable_ids

    _, datasets, definitions = repo_charts()
    first = _render(definitions["map_pakistan"], datasets)
    _render(definitions["map_china"], datasets)
    assert _render(definitions["map_pakistan"], datasets) == first
    assert stable_ids(b'<svg><clipPath id="clip7"/><g clip-path="url(#clip7)"/><clipPath id="clip12"/>'
                      b'<use href="#clip12"/><path id="clip70x"/></svg>') == (
        b'<svg><clipPath id="clip1"/><g clip-path="url(#clip1)"/><clipPath id="clip2"/>'
        b'<use href="#clip2"/><path id="clip70x"/></svg>')
