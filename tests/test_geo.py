"""Maps: geographic datasets (charts/data/NAME.topojson with a source record) in small sites, and the
repository's own map data.

A map reaches its chart module as the parsed TopoJSON; its bytes are part of the chart's cache key
and of the incremental build's dependencies, as a CSV's are; a bad file stops the build with the
file, the line where there is one, and what to do."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest

from sitegen.charts import cache_key, chart_data, discover_charts
from sitegen.datasets import find_value, load_datasets
from sitegen.errors import Problems
from sitegen.model import Project
from sitegen.sources import load_sources
from tests.conftest import MINIMAL_SOURCES, REPO, assert_build_fails_cleanly, page, write_files
from tests.test_incremental import SITE, Editor, pages
from tests.test_serve import fetch, page_containing, running_serve, wait_for

SOURCES = MINIMAL_SOURCES + """\
map-maker:
  title: Country outlines
  publisher: A map maker
  date: not stated
  address: https://example.org/maps
  kind: reference work
"""
TOPOLOGY = {
    "type": "Topology",
    "objects": {"areas": {"type": "GeometryCollection", "geometries": [
        {"type": "Polygon", "arcs": [[0]], "id": "A", "properties": {"name": "Area A"}},
        {"type": "Polygon", "arcs": [[1]], "id": "B", "properties": {"name": "Area B"}}]}},
    "arcs": [[[60, 24], [64, 24], [64, 28], [60, 28], [60, 24]], [[66, 24], [70, 24], [68, 28], [66, 24]]],
}
MAP_RECORD = """\
title: Two areas
description: The outlines of two areas.
source: map-maker
units: longitude and latitude in degrees
notes: Simplified.
"""
CHART = '''\
import altair as alt

TITLE = "Two areas and a town"
DESCRIPTION = "A map of two areas, with a town marked."
DATASETS = ["places", "areas"]


def chart(data):
    topology = data["areas"]
    assert isinstance(topology, dict) and topology["type"] == "Topology", type(topology)
    shapes = alt.Chart(alt.Data(values=topology, format=alt.DataFormat(type="topojson", feature="areas")))
    areas = shapes.mark_geoshape().encode(tooltip=[alt.Tooltip("properties.name:N", title="Area")])
    town = alt.Chart(data["places"]).mark_circle().encode(longitude="lon:Q", latitude="lat:Q", tooltip=["place:N"])
    return alt.layer(areas, town).project(type="mercator")
'''
MAP_SITE = {
    "sources.yaml": SOURCES,
    "charts/areas.py": CHART,
    "charts/data/areas.topojson": json.dumps(TOPOLOGY) + "\n",
    "charts/data/areas.yaml": MAP_RECORD,
    "charts/data/places.csv": "place,lat,lon\nAwaran,26.46,65.23\n",
    "charts/data/places.yaml": "title: A town\ndescription: Where the town is.\nsource: state-report\n"
                               "units: degrees\nnotes: Approximate.\n",
    "content/a.md": page("A map", "Text [@state-report].\n\n{{< chart areas >}}"),
}


def topology(**changes: object) -> str:
    return json.dumps({**TOPOLOGY, **changes}) + "\n"


def loaded(root: Path):
    problems = Problems()
    project = Project(root)
    sources = load_sources(project, problems)
    datasets = load_datasets(project, sources, problems)
    definitions = discover_charts(project, datasets, problems)
    return datasets, definitions, problems


# --- loading --------------------------------------------------------------------------------


def test_a_map_reaches_its_chart_as_parsed_topojson_and_is_drawn(make_site, run):
    root = make_site(MAP_SITE)
    datasets, definitions, problems = loaded(root)
    assert not problems.items, problems.items
    areas = datasets["areas"]
    assert areas.is_geo and areas.format == "topojson" and areas.file == "charts/data/areas.topojson"
    assert areas.objects == ("areas",) and areas.columns == () and areas.rows == ()
    assert areas.sources == ("map-maker",) and definitions["areas"].sources == ("state-report", "map-maker")
    data = chart_data(definitions["areas"], datasets)
    assert data["areas"] == TOPOLOGY and list(data["places"].columns) == ["place", "lat", "lon"]
    data["areas"]["objects"].clear()  # a module that changes what it is given changes no other render
    assert chart_data(definitions["areas"], datasets)["areas"] == TOPOLOGY

    result = run(root, "build")
    assert result.code == 0, result.err
    svg = next((root / "site/charts").glob("areas.*.light.svg")).read_text()
    assert svg.count('aria-roledescription="geoshape"') >= 2 or svg.count("<path") >= 3
    html = (root / "site/a/index.html").read_text()
    # The map's sources are cited with the chart's; the map itself is not shown as a table.
    assert 'href="#source-map-maker"' in html and 'href="#source-state-report"' in html
    assert html.count("<table") == 1 and "A town" in html
    data_folder = root / "site/charts/data"  # a map is offered as its TopoJSON, not as an empty CSV
    assert (data_folder / "areas.topojson").read_bytes() == (root / "charts/data/areas.topojson").read_bytes()
    assert not (data_folder / "areas.csv").exists() and (data_folder / "places.csv").exists()


def test_a_map_source_record_may_name_several_sources(make_site, run):
    root = make_site({**MAP_SITE, "charts/data/areas.yaml": MAP_RECORD.replace("source: map-maker",
                                                                              "source: [map-maker, state-report]")})
    datasets, _, problems = loaded(root)
    assert not problems.items and datasets["areas"].sources == ("map-maker", "state-report")


def test_a_map_holds_no_values_for_the_text(make_site, run):
    root = make_site(MAP_SITE)
    datasets, _, _ = loaded(root)
    with pytest.raises(LookupError, match="is a map"):
        find_value(datasets["areas"], "name", {})
    assert_build_fails_cleanly(run, root, {"content/b.md": page("B", "It had {{< value areas column=x >}}.")},
                               "content/b.md:4: dataset 'areas' is a map (charts/data/areas.topojson): it holds no "
                               "values\n  -> name a table (a dataset with a CSV) in the value syntax")


# --- mistakes -------------------------------------------------------------------------------

GEO_HINT = "make it again with the tool that wrote it (this site's maps: 'make geo'), rather than editing it by hand"
MISTAKES = {
    "not JSON": (
        {"charts/data/areas.topojson": '{"type": "Topology",\n "objects": {"areas": }\n}\n'},
        "charts/data/areas.topojson:2: this file is not valid JSON: Expecting value (column 23)\n  -> " + GEO_HINT),
    "GeoJSON instead of TopoJSON": (
        {"charts/data/areas.topojson": '{\n  "type": "FeatureCollection",\n  "features": []\n}\n'},
        "charts/data/areas.topojson:2: this is GeoJSON (type 'FeatureCollection'), not TopoJSON\n"
        "  -> convert it, e.g. with geo2topo from the npm package topojson-server: "
        "'geo2topo layer=file.geojson > areas.topojson'"),
    "JSON that is not a map": (
        {"charts/data/areas.topojson": '[1, 2, 3]\n'},
        "charts/data/areas.topojson:1: this is not TopoJSON: it needs '\"type\": \"Topology\"', 'objects' and 'arcs' "
        "at its top level\n  -> " + GEO_HINT),
    "no objects": (
        {"charts/data/areas.topojson": topology(objects={})},
        "charts/data/areas.topojson:1: this TopoJSON has no 'objects' (the layers a map draws)"),
    "arcs that are not lines": (
        {"charts/data/areas.topojson": topology(arcs=[[[60, 24], "x"]])},
        "charts/data/areas.topojson:1: this TopoJSON's 'arcs' must be a list of lines, each a list of [x, y] positions"),
    "an arc the file lacks": (
        {"charts/data/areas.topojson": topology(arcs=TOPOLOGY["arcs"][:1])},
        "charts/data/areas.topojson:1: object 'areas': a Polygon (B) refers to arc 1, but the file has 1 arcs "
        "(numbered 0 to 0, and -1 to -1 for the same arcs reversed)\n  -> " + GEO_HINT),
    "an unknown geometry type": (
        {"charts/data/areas.topojson": topology(objects={"areas": {"type": "Square", "arcs": [[0]]}})},
        "charts/data/areas.topojson:1: object 'areas': 'Square' is not a TopoJSON geometry type"),
    "a bad transform": (
        {"charts/data/areas.topojson": topology(transform={"scale": [1]})},
        "charts/data/areas.topojson:1: this TopoJSON's 'transform' must give 'scale' and 'translate' as [x, y] numbers"),
    "not UTF-8": (
        {"charts/data/areas.topojson": '{"type": "Topology", "objects": {"K\u00e9ch": {"type": null}}, "arcs": []}\n'
                                       .encode("cp1252")},
        "charts/data/areas.topojson:1: this file is not UTF-8 text (byte 0xe9 cannot be read)"),
    "no source record": (
        {"charts/data/more.topojson": topology()},
        "charts/data/more.topojson: this map has no source record\n"
        "  -> create charts/data/more.yaml with title, description, source, units and notes (see README.md)"),
    "a source record naming an unknown source": (
        {"charts/data/areas.yaml": MAP_RECORD.replace("source: map-maker", "source: map-makr")},
        "charts/data/areas.yaml:3: unknown source 'map-makr'\n"
        "  -> add it to sources.yaml, or did you mean 'map-maker'?"),
    "a source record naming no source": (
        {"charts/data/areas.yaml": MAP_RECORD.replace("source: map-maker\n", "")},
        "charts/data/areas.yaml: the source record names no source\n"
        "  -> add 'source: KEY' (a key from sources.yaml), or 'source: [KEY1, KEY2]' for several"),
    "a source record with columns": (
        {"charts/data/areas.yaml": MAP_RECORD + "columns:\n  name: {label: Name}\n"},
        "charts/data/areas.yaml:6: a map has no columns\n"
        "  -> remove 'columns': describe the map's layers in 'description' and 'notes'"),
    "an incomplete source record": (
        {"charts/data/areas.yaml": "title: T\nsource: map-maker\n"},
        "charts/data/areas.yaml: the source record is missing 'description', 'units', 'notes'"),
    "a table and a map of the same name": (
        {"charts/data/places.topojson": topology()},
        "charts/data/places.topojson: a table of the same name exists (places.csv), and both would use places.yaml\n"
        "  -> rename one of the two, and its source record with it"),
    "a GeoJSON file": (
        {"charts/data/outlines.geojson": '{"type": "FeatureCollection", "features": []}\n'},
        "charts/data/outlines.geojson: maps are read from TopoJSON files, not GeoJSON\n"
        "  -> convert it, e.g. with geo2topo from the npm package topojson-server: "
        "'geo2topo outlines=outlines.geojson > outlines.topojson', then remove outlines.geojson"),
    "a source record with neither file": (
        {"charts/data/orphan.yaml": MAP_RECORD},
        "charts/data/orphan.yaml: this source record has no CSV or TopoJSON file beside it\n"
        "  -> add orphan.csv (a table) or orphan.topojson (a map), or remove the record"),
}


@pytest.mark.parametrize("kind", MISTAKES)
def test_a_bad_map_stops_the_build_naming_the_file_and_what_to_do(make_site, run, kind):
    files, message = MISTAKES[kind]
    result = assert_build_fails_cleanly(run, make_site(MAP_SITE), files, message)
    assert "Traceback" not in result.err


def test_a_chart_of_a_broken_map_is_not_reported_twice(make_site, run):
    result = assert_build_fails_cleanly(run, make_site(MAP_SITE), {"charts/data/areas.topojson": "{"}, "not valid JSON")
    assert result.err.count("\n  -> ") == 1 and "areas.py" not in result.err


def test_a_chart_using_a_missing_map_object_says_so(make_site, run):
    broken = CHART.replace('feature="areas"', 'feature="area"')
    result = assert_build_fails_cleanly(run, make_site(MAP_SITE), {"charts/areas.py": broken},
                                        "charts/areas.py: the chart draws TopoJSON object 'area', which its maps do "
                                        "not have\n  -> did you mean 'areas'? (the chart is shown on content/a.md:6)")
    assert "Traceback" not in result.err and "vega" not in result.err


# --- caching and incremental builds ------------------------------------------------------


def test_the_cache_key_holds_the_maps_bytes(make_site):
    root = make_site(MAP_SITE)
    datasets, definitions, _ = loaded(root)
    before = cache_key(definitions["areas"], datasets)
    write_files(root, {"charts/data/areas.topojson": topology(arcs=[TOPOLOGY["arcs"][0], [[66, 24], [71, 24], [68, 28],
                                                                                          [66, 24]]])})
    datasets, definitions, _ = loaded(root)
    changed = cache_key(definitions["areas"], datasets)
    assert changed != before
    write_files(root, {"charts/data/areas.yaml": MAP_RECORD.replace("Simplified.", "Simplified by hand.")})
    datasets, definitions, _ = loaded(root)
    assert cache_key(definitions["areas"], datasets) not in (before, changed)  # its source record counts too
    write_files(root, {"charts/data/areas.topojson": topology()})
    datasets, definitions, _ = loaded(root)
    assert cache_key(definitions["areas"], datasets) != before  # the record changed since


def test_a_changed_map_renders_its_chart_and_the_pages_showing_it(make_site):
    files = {**MAP_SITE, "content/xinjiang/results.md": page("Results", "Text [@state-report].\n\n{{< chart areas >}}",
                                                             order=3)}
    root = make_site({**SITE, **files, "content/a.md": page("A", "No map here.")})
    editor = Editor(root)
    old = sorted(p.name for p in (root / "site/charts").glob("areas.*"))
    moved = topology(arcs=[TOPOLOGY["arcs"][0], [[66, 24], [71, 24], [68, 29], [66, 24]]])
    assert editor.change({"charts/data/areas.topojson": moved}) == pages("/xinjiang/results/")
    new = sorted(p.name for p in (root / "site/charts").glob("areas.*"))
    assert len(new) == 4 and not set(old) & set(new)  # the chart's files carry its new key
    assert editor.change({"charts/data/areas.topojson": moved}) == set()  # the same bytes again: nothing to do
    assert editor.change({"charts/data/areas.yaml": MAP_RECORD.replace("Simplified.", "Simplified again.")}) \
        == pages("/xinjiang/results/")


def test_serve_renders_the_map_again_when_its_file_changes(make_site):
    root = make_site(MAP_SITE)
    with running_serve(root, "/a/") as (base, _):
        def shown() -> str:
            return re.search(r'src="(/charts/areas\.[0-9a-f]+\.light\.svg)"', fetch(base + "/a/")[1]).group(1)

        first = shown()
        write_files(root, {"charts/data/areas.topojson": topology(arcs=[TOPOLOGY["arcs"][0],
                                                                        [[66, 24], [72, 24], [69, 30], [66, 24]]])})
        second = wait_for(lambda: (url := shown()) != first and url)
        status, svg = fetch(base + second)
        assert status == 200 and "<svg" in svg
        write_files(root, {"charts/data/areas.topojson": "{"})  # a broken map: the overlay, the last good site
        html = page_containing(base + "/a/", "sitegen-overlay")
        assert "charts/data/areas.topojson" in html and second in html


# --- the repository's maps ----------------------------------------------------------------

OLD_NAMES = re.compile(r"N\.W\.F\.P|\bSind\b|F\.A\.T\.A|Northern Areas|\bBaluchistan\b|F\.C\.T\.|\bInner Mongol\b"
                       r"|Azad Kashmir\b")


def features(name: str, layer: str) -> list[dict]:
    """A TopoJSON layer of the repository's map data as GeoJSON-like features (rings of lon, lat)."""
    topo = json.loads((REPO / "charts/data" / f"{name}.topojson").read_text())
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)

    def ring(indexes: list[int]) -> list[tuple[float, float]]:
        points: list[tuple[float, float]] = []
        for i in indexes:
            points.extend(arcs[i] if i >= 0 else arcs[~i][::-1])
        return points

    found = []
    for geometry in topo["objects"][layer]["geometries"]:
        polygons = [geometry["arcs"]] if geometry["type"] == "Polygon" else geometry["arcs"]
        found.append({"id": geometry.get("id"), "properties": geometry.get("properties", {}),
                      "polygons": [[ring(r) for r in polygon] for polygon in polygons]})
    return found


def inside(lon: float, lat: float, feature: dict) -> bool:
    """Even-odd ray casting over every ring of the feature."""
    crossings = 0
    for polygon in feature["polygons"]:
        for ring in polygon:
            for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
                if (y1 > lat) != (y2 > lat) and lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
                    crossings += 1
    return crossings % 2 == 1


def test_the_repositorys_maps_load_with_their_sources():
    datasets, definitions, problems = loaded(REPO)
    assert not [p for p in problems.items if "geo_" in p.path or "map_" in p.path], problems.items
    for name in ("geo_china", "geo_pakistan", "geo_world"):
        assert datasets[name].is_geo and datasets[name].sources
    assert set(datasets["geo_china"].objects) == {"provinces", "countries", "borders"}
    for chart in ("map_china", "map_pakistan"):
        assert "natural-earth-admin1" in definitions[chart].sources and "natural-earth-admin0" in definitions[chart].sources


def test_the_province_names_are_current_and_the_tribal_areas_merged():
    pakistan = {f["properties"]["name"]: f for f in features("geo_pakistan", "provinces")}
    assert sorted(pakistan) == ["Azad Jammu and Kashmir", "Balochistan", "Gilgit-Baltistan",
                                "Islamabad Capital Territory", "Khyber Pakhtunkhwa", "Punjab", "Sindh"]
    assert "+" in pakistan["Khyber Pakhtunkhwa"]["properties"]["name_in_source"]  # two features made one
    assert len(pakistan["Khyber Pakhtunkhwa"]["polygons"]) == 1  # merged, not two pieces side by side
    china = {f["properties"]["name"] for f in features("geo_china", "provinces")}
    assert len(china) == 31 and {"Inner Mongolia", "Xinjiang", "Jiangsu", "Jiangxi", "Xizang (Tibet)"} <= china
    assert "Paracel Islands" not in china
    for name in ("geo_china", "geo_pakistan"):
        shown = [f["properties"]["name"] for f in features(name, "provinces")]
        assert not [n for n in shown if OLD_NAMES.search(n)]


def test_every_place_on_the_maps_lies_in_the_province_the_data_names():
    with open(REPO / "charts/data/pairings.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows
    for row in rows:
        layer = features(f"geo_{row['country']}", "provinces")
        holding = [f["properties"]["name"] for f in layer if inside(float(row["longitude"]), float(row["latitude"]), f)]
        assert holding == [row["province"]], row["place_id"]


def test_the_map_svgs_fit_a_phone_and_keep_their_text_readable(real_site):
    for chart in ("map_china", "map_pakistan"):
        for scheme in ("light", "dark"):
            svg = next((real_site / "charts").glob(f"{chart}.*.{scheme}.svg")).read_text()
            width = float(re.search(r'<svg[^>]*\swidth="([\d.]+)"', svg).group(1))
            assert width <= 350, (chart, width)  # drawn at 328/350 or more on a phone: 13 px text stays above 12 px
            sizes = {float(s) for s in re.findall(r'font-size="([\d.]+)px"', svg)}
            assert sizes and min(sizes) >= 13, (chart, sizes)
            text = " ".join(re.findall(r">([^<>]+)</text>", svg))
            assert not OLD_NAMES.search(text), (chart, OLD_NAMES.search(text))
