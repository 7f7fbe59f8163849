"""Load chart data: ``charts/data/NAME.csv`` with its source record ``charts/data/NAME.yaml``.

Read with the standard library's csv module (no pandas) so that a build in which no chart
changed stays fast; the chart modules get pandas DataFrames from ``charts.py``.
"""

from __future__ import annotations

import csv
import io
import re
from decimal import Decimal, InvalidOperation

from .errors import Problems
from .model import Column, Dataset, Project, Source
from .yamlfile import YamlProblem, did_you_mean, load_mapping

NAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_]*$")
SIDECAR_REQUIRED = ("title", "description", "units", "notes")
SIDECAR_OPTIONAL = ("source", "columns")
SOURCE_COLUMN = "source"
STYLES = {"billions": (Decimal(10) ** 9, " billion"), "millions": (Decimal(10) ** 6, " million")}


def parse_number(text: str) -> Decimal | None:
    try:
        return Decimal(text.strip())
    except (InvalidOperation, ValueError):
        return None


def is_numeric_column(dataset: Dataset, name: str) -> bool:
    """True when every filled cell of the column is a number (blank cells are allowed)."""
    return all(parse_number(row[name]) is not None for row in dataset.rows if row[name])


def format_number(text: str, column: Column, style: str = "") -> str:
    """'250962' -> '250,962'; '3860000000' with style 'billions' and unit 'yuan' -> '3.86 billion yuan'.
    Decimals are kept as the CSV writes them, so no figure is rounded on the way to the page."""
    number = parse_number(text)
    if number is None or column.name.endswith("year") or column.unit == "year":
        return text
    suffix = ""
    if style in STYLES:
        divisor, suffix = STYLES[style]
        number = (number / divisor).normalize()
    exponent = number.as_tuple().exponent
    decimals = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    shown = f"{number:,.{decimals}f}" + suffix
    if column.unit == "%":
        return shown + "%"
    return f"{shown} {column.unit}" if column.unit else shown


def load_datasets(project: Project, sources: dict[str, Source], problems: Problems) -> dict[str, Dataset]:
    """Every dataset in charts/data/ whose CSV and source record are complete."""
    folder = project.charts / "data"
    datasets: dict[str, Dataset] = {}
    if not folder.is_dir():
        return datasets
    for csv_path in sorted(folder.glob("*.csv")):
        name = csv_path.stem
        rel = project.rel(csv_path)
        if not NAME_PATTERN.match(name):
            problems.add(rel, None, f"dataset name '{name}' must be lower-case letters, digits and '_'",
                         "rename the file (and its .yaml source record)")
            continue
        dataset = _load_one(project, name, sources, problems)
        if dataset:
            datasets[name] = dataset
    for sidecar in sorted(folder.glob("*.yaml")):
        if not sidecar.with_suffix(".csv").exists():
            problems.add(project.rel(sidecar), None, "this source record has no CSV beside it",
                         f"add {sidecar.stem}.csv or remove the record")
    return datasets


def _load_one(project: Project, name: str, sources: dict[str, Source], problems: Problems) -> Dataset | None:
    csv_path = project.charts / "data" / f"{name}.csv"
    sidecar = csv_path.with_suffix(".yaml")
    rel, sidecar_rel = project.rel(csv_path), project.rel(sidecar)
    if not sidecar.exists():
        problems.add(rel, None, "this dataset has no source record",
                     f"create {sidecar_rel} with title, description, source, units and notes (see README.md)")
        return None
    try:
        record = load_mapping(sidecar.read_text(encoding="utf-8"))
    except YamlProblem as exc:
        problems.add(sidecar_rel, exc.line, exc.message, exc.hint)
        return None
    ok = True
    for key in record.values:
        if key not in SIDECAR_REQUIRED + SIDECAR_OPTIONAL:
            problems.add(sidecar_rel, record.line_of(key, 1), f"unknown field '{key}'",
                         did_you_mean(key, SIDECAR_REQUIRED + SIDECAR_OPTIONAL))
            ok = False
    missing = [k for k in SIDECAR_REQUIRED if not isinstance(record.values.get(k), str) or not record.values[k].strip()]
    if missing:
        problems.add(sidecar_rel, None, f"the source record is missing {', '.join(repr(m) for m in missing)}",
                     "every dataset needs a title, a description, its units and notes on caveats")
        ok = False

    data = csv_path.read_bytes()
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
    except (UnicodeDecodeError, csv.Error) as exc:
        problems.add(rel, None, f"cannot read the CSV: {exc}", "save it as UTF-8 text with commas between values")
        return None
    if not header or not rows:
        problems.add(rel, 1, "the CSV has no header or no rows", "the first line names the columns; each later line is one row")
        return None

    fixed = record.values.get("source")
    fixed_keys = [fixed] if isinstance(fixed, str) else fixed if isinstance(fixed, list) else []
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
    if not ok:
        return None
    columns = tuple(_column(h, labels.get(h) or {}) for h in header if h != SOURCE_COLUMN)
    return Dataset(name=name, csv_file=rel, csv_bytes=data, title=record.values["title"].strip(),
                   description=record.values["description"].strip(), units=record.values["units"].strip(),
                   notes=record.values["notes"].strip(), columns=columns, rows=tuple(rows),
                   row_sources=tuple(row_sources), sources=tuple(k for k in used if k))


def _column(name: str, spec: dict) -> Column:
    """A CSV column with the label and unit its source record gives (by default, from its name)."""
    return Column(name, str(spec.get("label", name.replace("_", " ").capitalize())), str(spec.get("unit", "")))


def find_value(dataset: Dataset, column: str, filters: dict[str, str]) -> tuple[str, str]:
    """(the cell's text, its row's source key) for the one row matching ``filters``.
    Raises LookupError with a message that says what exists."""
    if dataset.column(column) is None:
        raise LookupError(f"dataset '{dataset.name}' has no column '{column}' "
                          f"({did_you_mean(column, [c.name for c in dataset.columns], 'columns')})")
    for key in filters:
        if dataset.column(key) is None:
            raise LookupError(f"dataset '{dataset.name}' has no column '{key}' "
                              f"({did_you_mean(key, [c.name for c in dataset.columns], 'columns')})")
    matches = [i for i, row in enumerate(dataset.rows) if all(row[k] == v for k, v in filters.items())]
    if len(matches) != 1:
        options = "; ".join(", ".join(f"{k}={row[k]}" for k in filters) for row in dataset.rows[:8]) if filters else ""
        count = "no row" if not matches else f"{len(matches)} rows"
        raise LookupError(f"{count} of dataset '{dataset.name}' match "
                          f"{' '.join(f'{k}={v}' for k, v in filters.items()) or '(no filter)'}"
                          + (f" (rows: {options})" if options else ""))
    index = matches[0]
    return dataset.rows[index][column], dataset.row_sources[index]
