"""Load chart data from ``charts/data/``: tables (``NAME.csv``) and maps (``NAME.topojson``), each
with its source record ``NAME.yaml``.

Read with the standard library (csv and json, no pandas) so that a build in which no chart changed
stays fast; the chart modules get a pandas DataFrame for a table and the parsed TopoJSON for a map
from ``charts.py``.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from .errors import Problems, processing, utf8_problem
from .model import Column, Dataset, Project, Source
from .typography import smart_text
from .yamlfile import Mapping, YamlProblem, did_you_mean, load_mapping, read_text

NAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_]*$")
SIDECAR_REQUIRED = ("title", "description", "units", "notes")
SIDECAR_OPTIONAL = ("source", "columns")
DATA_SUFFIXES = (".csv", ".topojson")  # a table, a map
GEO_HINT = "make it again with the tool that wrote it (this site's maps: 'make geo'), rather than editing it by hand"
# What a TopoJSON object may be (https://github.com/topojson/topojson-specification).
GEOMETRY_TYPES = ("GeometryCollection", "Point", "MultiPoint", "LineString", "MultiLineString", "Polygon",
                  "MultiPolygon", None)
SOURCE_COLUMN = "source"
PREFIX_UNITS = {"Rs": " ", "US$": ""}  # currencies written before the number, as Pakistani and US usage has it
STYLES = {"billions": (Decimal(10) ** 9, " billion"), "millions": (Decimal(10) ** 6, " million")}


PLAIN_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
PLACEHOLDERS = ("n/a", "na", "-", "\u2013", "\u2014", "none", "null", "nan", "?", "unknown", "not stated", "tbd")
SCALES = {"thousand": 10**3, "k": 10**3, "million": 10**6, "m": 10**6, "mn": 10**6, "billion": 10**9, "bn": 10**9,
          "lakh": 10**5, "crore": 10**7}


def parse_number(text: str) -> Decimal | None:
    """The number a cell holds, or None: only plain numbers count ('1_000', 'NaN' and '64%' do not)."""
    text = text.strip()
    return Decimal(text) if PLAIN_NUMBER.fullmatch(text) else None


def number_fix(cell: str) -> str:
    """How to write a cell of a number column that is not a plain number, e.g. 'write 64.2, not 64.2%'."""
    text = cell.strip()
    if text.casefold() in PLACEHOLDERS:
        return f"leave the cell empty where there is no figure, not '{text}'"
    if m := re.fullmatch(r"([-+]?[\d.,]+)\s*(?:%|per ?cent|percent)", text):
        return f"write {m.group(1)}, not {text}; give '%' once, as the column's unit in the source record"
    if re.fullmatch(r"[-+]?\d{1,3}(?:,\d{3})+(?:\.\d+)?", text):
        return f"write {text.replace(',', '')}, not {text}: no thousands separators"
    if m := re.fullmatch(r"([-+]?\d+(?:\.\d+)?)\s*([a-zA-Z]+)\.?", text):
        scale = SCALES.get(m.group(2).casefold())
        if scale:
            full = format(Decimal(m.group(1)) * scale, "f")
            full = full.rstrip("0").rstrip(".") if "." in full else full
            return f"write the number in full, {full}, not {text}"
        return f"write {m.group(1)}, not {text}; give the unit once, as the column's unit in the source record"
    if m := re.fullmatch(r"(?:US\$|\$|Rs\.?|PKR|¥|RMB|€|£)\s*([\d.]+)", text):
        return f"write {m.group(1)}, not {text}; give the currency once, as the column's unit in the source record"
    if "," in text and re.fullmatch(r"[-+]?\d+,\d+", text):
        return f"write {text.replace(',', '.')}, not {text}: a decimal point, not a comma"
    return "write a plain number (digits, an optional '-' and '.'), or leave the cell empty"


def is_numeric_column(dataset: Dataset, name: str) -> bool:
    """True when every filled cell of the column is a number (blank cells are allowed)."""
    return all(parse_number(row[name]) is not None for row in dataset.rows if row[name])


class UnitNotTranslated(Exception):
    """A translation's strings give no words for a unit a page shows a number in."""

    def __init__(self, unit: str) -> None:
        super().__init__(f"the interface strings have no words for numbers in '{unit}'")
        self.hint = f"add a line under 'units:' in the language's i18n file, e.g. \"{unit}\": \"{{number}} ...\""


def format_number(text: str, column: Column, style: str = "", words: Callable[[str], str | None] | None = None) -> str:
    """'250962' -> '250,962'; '3860000000' with style 'billions' and unit 'yuan' -> '3.86 billion yuan'.
    Decimals are kept as the CSV writes them, so no figure is rounded on the way to the page.
    ``words``: a translation's, unit -> its pattern ('{number} یوآن'; Strings.unit), for the scale
    ('billions') and the unit; the digits are the same in every language."""
    number = parse_number(text)
    if number is None or column.name.endswith("year") or column.unit == "year":
        return text
    suffix = ""
    if style in STYLES:
        divisor, suffix = STYLES[style]
        number = (number / divisor).normalize()
    exponent = number.as_tuple().exponent
    decimals = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    if words is not None:
        shown = f"{number:,.{decimals}f}"
        for unit in ([style] if style in STYLES else []) + [column.unit]:
            pattern = words(unit)
            if pattern is None:
                raise UnitNotTranslated(unit)
            shown = pattern.replace("{number}", shown)
        return shown
    shown = f"{number:,.{decimals}f}" + suffix
    if column.unit == "%":
        return shown + "%"
    for symbol, gap in PREFIX_UNITS.items():  # 'Rs billion' -> 'Rs 3,331.7 billion'; 'US$' -> 'US$611'
        if column.unit == symbol or column.unit.startswith(symbol + " "):
            return f"{symbol}{gap}{shown}{column.unit[len(symbol):]}"
    return f"{shown} {column.unit}" if column.unit else shown


def load_datasets(project: Project, sources: dict[str, Source], problems: Problems) -> dict[str, Dataset]:
    """Every dataset in charts/data/ whose file (CSV or TopoJSON) and source record are complete."""
    folder = project.charts / "data"
    datasets: dict[str, Dataset] = {}
    if not folder.is_dir():
        return datasets
    files = sorted((p for suffix in DATA_SUFFIXES for p in folder.glob(f"*{suffix}")), key=lambda p: (p.stem, p.suffix))
    for path in files:
        name = path.stem
        rel = project.rel(path)
        if not NAME_PATTERN.match(name):
            problems.add(rel, None, f"dataset name '{name}' must be lower-case letters, digits and '_'",
                         "rename the file (and its .yaml source record)")
            continue
        if path.suffix == ".topojson" and path.with_suffix(".csv").exists():
            problems.add(rel, None, f"a table of the same name exists ({name}.csv), and both would use {name}.yaml",
                         "rename one of the two, and its source record with it")
            problems.fail("dataset", name)
            datasets.pop(name, None)
            continue
        with processing(rel):
            dataset = (_load_one if path.suffix == ".csv" else _load_map)(project, name, sources, problems)
        if dataset:
            datasets[name] = dataset
        else:
            problems.fail("dataset", name)  # reported; each use of it is not a second mistake
    for sidecar in sorted(folder.glob("*.yaml")):
        if not any(sidecar.with_suffix(suffix).exists() for suffix in DATA_SUFFIXES):
            problems.add(project.rel(sidecar), None, "this source record has no CSV or TopoJSON file beside it",
                         f"add {sidecar.stem}.csv (a table) or {sidecar.stem}.topojson (a map), or remove the record")
    for other in sorted(folder.glob("*.geojson")):
        problems.add(project.rel(other), None, "maps are read from TopoJSON files, not GeoJSON",
                     f"convert it, e.g. with geo2topo from the npm package topojson-server: "
                     f"'geo2topo {other.stem}={other.name} > {other.stem}.topojson', then remove {other.name}")
    return datasets


def _source_record(project: Project, data_file: Path, what: str,
                   problems: Problems) -> tuple[str, str, Mapping | None]:
    """(the data file's path, its source record's path, the record parsed) for a data file and the
    NAME.yaml beside it; the record is None (and a problem added) if missing or not YAML."""
    sidecar = data_file.with_suffix(".yaml")
    rel, sidecar_rel = project.rel(data_file), project.rel(sidecar)
    if not sidecar.exists():
        problems.add(rel, None, f"this {what} has no source record",
                     f"create {sidecar_rel} with title, description, source, units and notes (see README.md)")
        return rel, sidecar_rel, None
    try:
        return rel, sidecar_rel, load_mapping(read_text(sidecar, sidecar_rel))
    except YamlProblem as exc:
        problems.add(sidecar_rel, exc.line, exc.message, exc.hint)
        return rel, sidecar_rel, None


def _fields_ok(record: Mapping, sidecar_rel: str, problems: Problems, is_map: bool = False) -> bool:
    """A source record has only the fields it may have (a map no 'columns'), and every required one."""
    ok = True
    for key in record.values:
        if is_map and key == "columns":
            problems.add(sidecar_rel, record.line_of(key, 1), "a map has no columns",
                         "remove 'columns': describe the map's layers in 'description' and 'notes'")
            ok = False
        elif key not in SIDECAR_REQUIRED + SIDECAR_OPTIONAL:
            problems.add(sidecar_rel, record.line_of(key, 1), f"unknown field '{key}'",
                         did_you_mean(key, SIDECAR_REQUIRED + SIDECAR_OPTIONAL))
            ok = False
    missing = [k for k in SIDECAR_REQUIRED if not isinstance(record.values.get(k), str) or not record.values[k].strip()]
    if missing:
        problems.add(sidecar_rel, None, f"the source record is missing {', '.join(repr(m) for m in missing)}",
                     "every dataset needs a title, a description, its units and notes on caveats")
        ok = False
    return ok


def _record_source_keys(record: Mapping) -> list:
    """The source keys a source record's 'source:' gives: one key, or a list of them."""
    given = record.values.get("source")
    return [given] if isinstance(given, str) else given if isinstance(given, list) else []


def _load_one(project: Project, name: str, sources: dict[str, Source], problems: Problems) -> Dataset | None:
    csv_path = project.charts / "data" / f"{name}.csv"
    rel, sidecar_rel, record = _source_record(project, csv_path, "dataset", problems)
    if record is None:
        return None
    ok = _fields_ok(record, sidecar_rel, problems)

    data = csv_path.read_bytes()
    not_utf8 = utf8_problem(rel, data)
    if not_utf8:
        problems.items.append(not_utf8)
        return None
    try:
        reader = csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline=""))
        header = list(reader.fieldnames or [])
        rows = []
        for line_number, row in enumerate(reader, start=2):
            if None in row or any(value is None for value in row.values()):
                problems.add(rel, line_number, "this row does not have one value per column",
                             f"the header has {len(header)} columns: {', '.join(header)}")
                ok = False
                continue
            rows.append({k: v.strip() for k, v in row.items()})
    except csv.Error as exc:
        problems.add(rel, None, f"cannot read the CSV: {exc}", "save it as UTF-8 text with commas between values")
        return None
    if len(header) == 1 and ";" in header[0]:
        problems.add(rel, 1, "this CSV separates its values with semicolons", "use commas: save it as "
                     "'CSV UTF-8 (comma delimited)' (or set the list separator to ',' before saving)")
        return None
    if not header or not rows:
        problems.add(rel, 1, "the CSV has no header or no rows", "the first line names the columns; each later line is one row")
        return None

    fixed_keys = _record_source_keys(record)
    if SOURCE_COLUMN in header:
        row_sources = []
        for line_number, row in enumerate(rows, start=2):
            key = row[SOURCE_COLUMN] or (fixed_keys[0] if len(fixed_keys) == 1 else "")
            if not key:
                problems.add(rel, line_number, "this row names no source",
                             "fill in its 'source' column with a key from sources.yaml")
                ok = False
            row_sources.append(key)
    elif fixed_keys:
        row_sources = [fixed_keys[0]] * len(rows) if len(fixed_keys) == 1 else []
        if len(fixed_keys) > 1:
            problems.add(sidecar_rel, record.line_of("source", 1), "several sources, but the CSV does not say which row is whose",
                         "add a 'source' column to the CSV naming each row's source")
            ok = False
    else:
        problems.add(sidecar_rel, None, "the source record names no source",
                     "add 'source: KEY' (a key from sources.yaml), or a 'source' column to the CSV")
        ok = False
        row_sources = []
    used = list(dict.fromkeys([*fixed_keys, *row_sources]))
    for key in used:
        if key and key not in sources:
            in_record = key in fixed_keys
            problems.add(sidecar_rel if in_record else rel, record.line_of("source", 1) if in_record else None,
                         f"unknown source '{key}'",
                         "add it to sources.yaml, or " + did_you_mean(key, sorted(sources), "known sources"))
            ok = False

    labels = record.values.get("columns") or {}
    if not isinstance(labels, dict):
        problems.add(sidecar_rel, record.line_of("columns", 1), "'columns' must list columns by name",
                     "write e.g. 'columns:' then '  yuan: {label: Per-capita GDP, unit: yuan}'")
        labels, ok = {}, False
    for column_name in labels:
        if column_name not in header:
            problems.add(sidecar_rel, record.line_of("columns", 1), f"column '{column_name}' is not in the CSV",
                         did_you_mean(str(column_name), header, "columns"))
            ok = False
    for column_name in header:
        if column_name != SOURCE_COLUMN and not _numbers_as_declared(rel, column_name, labels.get(column_name),
                                                                  rows, problems):
            ok = False
    if not ok:
        return None
    columns = tuple(_column(h, labels.get(h) or {}) for h in header if h != SOURCE_COLUMN)
    text = {key: smart_text(record.values[key].strip()) for key in SIDECAR_REQUIRED}
    return Dataset(name=name, csv_file=rel, csv_bytes=data, title=text["title"], description=text["description"],
                   units=text["units"], notes=text["notes"], columns=columns, rows=tuple(rows),
                   row_sources=tuple(row_sources), sources=tuple(k for k in used if k))


def _load_map(project: Project, name: str, sources: dict[str, Source], problems: Problems) -> Dataset | None:
    """A geographic dataset: ``NAME.topojson`` and its source record, which names its sources
    (one key or a list) and has no columns. None (with problems) if either is unusable."""
    path = project.charts / "data" / f"{name}.topojson"
    rel, sidecar_rel, record = _source_record(project, path, "map", problems)
    if record is None:
        return None
    ok = _fields_ok(record, sidecar_rel, problems, is_map=True)
    keys = _record_source_keys(record)
    if not keys or not all(isinstance(k, str) and k for k in keys):
        problems.add(sidecar_rel, record.line_of("source", 1) if "source" in record.values else None,
                     "the source record names no source" if not keys else "'source' must be keys from sources.yaml",
                     "add 'source: KEY' (a key from sources.yaml), or 'source: [KEY1, KEY2]' for several")
        keys, ok = [], False
    for key in keys:
        if key not in sources:
            problems.add(sidecar_rel, record.line_of("source", 1), f"unknown source '{key}'",
                         "add it to sources.yaml, or " + did_you_mean(key, sorted(sources), "known sources"))
            ok = False

    data = path.read_bytes()
    objects = _topology_objects(rel, data, problems)
    if objects is None or not ok:
        return None
    text = {key: smart_text(record.values[key].strip()) for key in SIDECAR_REQUIRED}
    return Dataset(name=name, csv_file="", csv_bytes=b"", title=text["title"], description=text["description"],
                   units=text["units"], notes=text["notes"], columns=(), rows=(), row_sources=(),
                   sources=tuple(dict.fromkeys(keys)), geo_file=rel, geo_bytes=data, objects=objects)


def _topology_objects(rel: str, data: bytes, problems: Problems) -> tuple[str, ...] | None:
    """The names of a TopoJSON file's objects, after checking that it is one a chart can draw:
    JSON, a Topology with objects and arcs, and no geometry referring to an arc it lacks."""
    not_utf8 = utf8_problem(rel, data)
    if not_utf8:
        problems.items.append(not_utf8)
        return None
    text = data.decode("utf-8-sig")
    try:
        topology = json.loads(text)
    except json.JSONDecodeError as exc:
        problems.add(rel, exc.lineno, f"this file is not valid JSON: {exc.msg} (column {exc.colno})", GEO_HINT)
        return None

    def line_of(key: str) -> int:
        match = re.search(rf'"{re.escape(key)}"\s*:', text)
        return text.count("\n", 0, match.start()) + 1 if match else 1

    kind = topology.get("type") if isinstance(topology, dict) else None
    if kind in ("FeatureCollection", "Feature", *(t for t in GEOMETRY_TYPES if t)):
        problems.add(rel, line_of("type"), f"this is GeoJSON (type '{kind}'), not TopoJSON",
                     f"convert it, e.g. with geo2topo from the npm package topojson-server: "
                     f"'geo2topo layer=file.geojson > {Path(rel).name}'")
        return None
    if kind != "Topology":
        problems.add(rel, line_of("type") if isinstance(topology, dict) else 1,
                     "this is not TopoJSON: it needs '\"type\": \"Topology\"', 'objects' and 'arcs' at its top level",
                     GEO_HINT)
        return None
    objects, arcs = topology.get("objects"), topology.get("arcs")
    if not isinstance(objects, dict) or not objects:
        problems.add(rel, line_of("objects"), "this TopoJSON has no 'objects' (the layers a map draws)", GEO_HINT)
        return None
    if not isinstance(arcs, list) or not all(_is_arc(arc) for arc in arcs):
        problems.add(rel, line_of("arcs"), "this TopoJSON's 'arcs' must be a list of lines, each a list of [x, y] "
                     "positions", GEO_HINT)
        return None
    transform = topology.get("transform")
    if transform is not None and not (isinstance(transform, dict) and all(
            _is_position(transform.get(k)) for k in ("scale", "translate"))):
        problems.add(rel, line_of("transform"), "this TopoJSON's 'transform' must give 'scale' and 'translate' "
                     "as [x, y] numbers", GEO_HINT)
        return None
    for object_name, geometry in objects.items():
        problem = _geometry_problem(geometry, len(arcs))
        if problem:
            problems.add(rel, line_of(object_name), f"object '{object_name}': {problem}", GEO_HINT)
            return None
    return tuple(objects)


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _is_position(value: object) -> bool:
    return isinstance(value, list) and len(value) >= 2 and all(_is_number(v) for v in value)


def _is_arc(arc: object) -> bool:
    return isinstance(arc, list) and all(_is_position(p) for p in arc)


def _geometry_problem(geometry: object, arc_count: int) -> str:
    """What is wrong with a TopoJSON geometry object (recursively), or ''."""
    if not isinstance(geometry, dict) or geometry.get("type") not in GEOMETRY_TYPES:
        kind = geometry.get("type") if isinstance(geometry, dict) else type(geometry).__name__
        return f"'{kind}' is not a TopoJSON geometry type ({', '.join(t for t in GEOMETRY_TYPES if t)})"
    kind = geometry["type"]
    if kind == "GeometryCollection":
        members = geometry.get("geometries")
        if not isinstance(members, list):
            return "a GeometryCollection needs a list of 'geometries'"
        return next((p for p in (_geometry_problem(g, arc_count) for g in members) if p), "")
    if kind in ("Point", "MultiPoint"):
        coordinates = geometry.get("coordinates")
        ok = _is_position(coordinates) if kind == "Point" else isinstance(coordinates, list) and all(
            _is_position(c) for c in coordinates)
        return "" if ok else f"a {kind} needs its 'coordinates'"
    if kind is None:
        return ""
    depth = {"LineString": 1, "MultiLineString": 2, "Polygon": 2, "MultiPolygon": 3}[kind]
    indexes: list[object] = []
    stack = [(geometry.get("arcs"), depth)]
    while stack:
        value, level = stack.pop()
        if not isinstance(value, list):
            return f"a {kind} needs 'arcs', nested {depth} deep, of arc numbers"
        if level == 1:
            indexes.extend(value)
        else:
            stack.extend((v, level - 1) for v in value)
    for index in indexes:
        if not isinstance(index, int) or isinstance(index, bool) or not -arc_count <= index < arc_count:
            where = f" ({geometry['id']})" if "id" in geometry else ""
            return (f"a {kind}{where} refers to arc {index}, but the file has {arc_count} arcs (numbered 0 to "
                    f"{arc_count - 1}, and -1 to -{arc_count} for the same arcs reversed)")
    return ""


def _numbers_as_declared(rel: str, name: str, spec: object, rows: list[dict[str, str]], problems: Problems) -> bool:
    """A column is of numbers when its source record gives it a unit, or when most of its cells are
    numbers; then every filled cell must be a plain number (a stray '64.2%' would turn the whole
    column to text, or drop the row from the chart). False, after reporting each bad cell, if not."""
    filled = [(line, row[name]) for line, row in enumerate(rows, start=2) if row[name]]
    numbers = sum(parse_number(cell) is not None for _, cell in filled)
    declared = isinstance(spec, dict) and bool(spec.get("unit"))
    if not filled or not (declared or numbers * 2 > len(filled)):
        return True
    why = "its unit is given in the source record" if declared else "most of its cells are numbers"
    bad = [(line, cell) for line, cell in filled if parse_number(cell) is None]
    for line, cell in bad:
        problems.add(rel, line, f"column '{name}' holds numbers ({why}), but this row has '{cell}'", number_fix(cell))
    return not bad


def _column(name: str, spec: dict) -> Column:
    """A CSV column with the label and unit its source record gives (by default, from its name)."""
    return Column(name, smart_text(str(spec.get("label", name.replace("_", " ").capitalize()))), str(spec.get("unit", "")))


class ValueNotFound(LookupError):
    """A value the text asks for that the dataset does not hold; ``hint`` says what to change."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.hint = hint


def find_value(dataset: Dataset, column: str, filters: dict[str, str]) -> tuple[str, str]:
    """(the cell's text, its row's source key) for the one row matching ``filters``.
    Raises ValueNotFound with a message that says what exists."""
    names = [c.name for c in dataset.columns]
    if dataset.is_geo:
        raise ValueNotFound(f"dataset '{dataset.name}' is a map ({dataset.file}): it holds no values",
                            "name a table (a dataset with a CSV) in the value syntax")
    if dataset.column(column) is None:
        raise ValueNotFound(f"dataset '{dataset.name}' has no column '{column}' ({did_you_mean(column, names, 'columns')})",
                            "column= names the column that holds the number")
    if not is_numeric_column(dataset, column):
        numeric = [n for n in names if is_numeric_column(dataset, n)]
        raise ValueNotFound(f"column '{column}' of dataset '{dataset.name}' holds text, not numbers",
                            "column= names the column that holds the number: " + (", ".join(numeric) or "none has one"))
    for key in filters:
        if dataset.column(key) is None:
            raise ValueNotFound(f"dataset '{dataset.name}' has no column '{key}' ({did_you_mean(key, names, 'columns')})",
                                "every name=value but column= and format= picks rows by a column of the dataset")
    matches = [i for i, row in enumerate(dataset.rows) if all(row[k] == v for k, v in filters.items())]
    asked = " ".join(f"{k}={v}" for k, v in filters.items()) or "(no filter)"
    if not matches:
        options = "; ".join(", ".join(f"{k}={row[k]}" for k in filters) for row in dataset.rows[:8]) if filters else ""
        raise ValueNotFound(f"no row of dataset '{dataset.name}' match {asked}" + (f" (rows: {options})" if options else ""),
                            "change the filters so that exactly one row matches")
    if len(matches) > 1:
        rows = [dataset.rows[i] for i in matches]
        # Named by the first column that tells them all apart (else one that tells some apart).
        differing = [n for n in names if n != column and len({row[n] for row in rows}) > 1]
        apart = next((n for n in differing if len({row[n] for row in rows}) == len(rows)),
                     differing[0] if differing else None)
        listed = f" (they differ in {apart}: {', '.join(row[apart] for row in rows[:8])})" if apart else ""
        raise ValueNotFound(f"{len(matches)} rows of dataset '{dataset.name}' match {asked}{listed}",
                            f"add {apart}=... to pick one" if apart else "the rows are identical: remove the duplicate")
    index = matches[0]
    return dataset.rows[index][column], dataset.row_sources[index]
