"""Charts: ``charts/NAME.py`` modules -> static SVGs (light and dark) and Vega specs.

The only module that imports Altair, pandas and vl-convert, and only when a chart has to be
rendered: outputs are cached in .cache/charts/ under a hash of the chart module, its data and
the library versions, so a build in which no chart changed never imports them.
"""

from __future__ import annotations

import ast
import functools
import hashlib
import importlib.metadata
import io
import json
import os
import re
import shutil
import sys
import tempfile
import traceback
import types
from pathlib import Path
from typing import Any

from .datasets import NAME_PATTERN
from .errors import Problems, processing
from .model import ChartDefinition, ChartOutput, Dataset, Project
from .typography import smart_text
from .workers import parallel_map
from .yamlfile import did_you_mean

CACHE_FILES = ("light.svg", "dark.svg", "light.vg.json", "dark.vg.json")
STATIC_WIDTH = 640  # px: the SVG scales down to the reader's screen
SVG_SIZE = re.compile(rb'<svg[^>]*?\swidth="([\d.]+)"[^>]*?\sheight="([\d.]+)"')

# Colours match static/css/site.css; categorical colours keep 3:1 contrast on each background.
_COMMON = {
    "font": "system-ui, -apple-system, Segoe UI, Roboto, Noto Sans, DejaVu Sans, sans-serif",
    "axis": {"labelFontSize": 12, "titleFontSize": 12, "titleFontWeight": "normal", "labelLimit": 220},
    "legend": {"labelFontSize": 12, "titleFontSize": 12, "orient": "bottom"},
    "title": {"fontSize": 14},
    "view": {"stroke": None},
}
THEMES: dict[str, dict[str, Any]] = {
    "light": {
        **_COMMON,
        "background": "#ffffff",
        "axis": {**_COMMON["axis"], "labelColor": "#1b1f24", "titleColor": "#1b1f24", "domainColor": "#4a5360",
                 "tickColor": "#4a5360", "gridColor": "#d5dbe3"},
        "legend": {**_COMMON["legend"], "labelColor": "#1b1f24", "titleColor": "#1b1f24"},
        "title": {**_COMMON["title"], "color": "#1b1f24"},
        "text": {"color": "#1b1f24"},
        "header": {"labelColor": "#1b1f24", "titleColor": "#1b1f24"},
        "rule": {"color": "#4a5360"},
        "range": {"category": ["#1d4e89", "#b35900", "#2e7d32", "#8e3b9e", "#a11d2f", "#4a5360"]},
        "mark": {"color": "#1d4e89"},
    },
    "dark": {
        **_COMMON,
        "background": "#14171c",
        "axis": {**_COMMON["axis"], "labelColor": "#e6e9ee", "titleColor": "#e6e9ee", "domainColor": "#aeb7c4",
                 "tickColor": "#aeb7c4", "gridColor": "#3a4350"},
        "legend": {**_COMMON["legend"], "labelColor": "#e6e9ee", "titleColor": "#e6e9ee"},
        "title": {**_COMMON["title"], "color": "#e6e9ee"},
        "text": {"color": "#e6e9ee"},
        "header": {"labelColor": "#e6e9ee", "titleColor": "#e6e9ee"},
        "rule": {"color": "#aeb7c4"},
        "range": {"category": ["#8cc1ff", "#ffb454", "#7ed491", "#e0a6f0", "#ff8a8a", "#c9d1dc"]},
        "mark": {"color": "#8cc1ff"},
    },
}


def discover_charts(project: Project, datasets: dict[str, Dataset], problems: Problems) -> dict[str, ChartDefinition]:
    """Every charts/NAME.py, with the TITLE, DESCRIPTION and DATASETS it declares."""
    definitions: dict[str, ChartDefinition] = {}
    if not project.charts.is_dir():
        return definitions
    for path in sorted(project.charts.glob("*.py")):
        if path.name.startswith("_"):
            continue
        with processing(project.rel(path)):
            definition = _discover_one(project, path, datasets, problems)
        if definition is not None:
            definitions[path.stem] = definition
    return definitions


def _discover_one(project: Project, path: Path, datasets: dict[str, Dataset], problems: Problems) -> ChartDefinition | None:
    """One chart module's declarations, read without running it; None (and problems) if unusable."""
    rel = project.rel(path)
    if not NAME_PATTERN.match(path.stem):
        problems.add(rel, None, f"chart name '{path.stem}' must be lower-case letters, digits and '_'", "rename the file")
        return None
    code = path.read_bytes()
    try:
        tree = ast.parse(code, filename=rel)
    except SyntaxError as exc:
        problems.add(rel, exc.lineno, f"Python syntax error: {exc.msg}", "fix the chart module")
        return None
    declared: dict[str, tuple[Any, int]] = {}
    functions = set()
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            try:
                declared[node.targets[0].id] = (ast.literal_eval(node.value), node.lineno)
            except ValueError:
                declared[node.targets[0].id] = (None, node.lineno)
        elif isinstance(node, ast.FunctionDef):
            functions.add(node.name)
    ok = True
    for name, kind in (("TITLE", str), ("DESCRIPTION", str), ("DATASETS", list)):
        value, line = declared.get(name, (None, None))
        if not isinstance(value, kind) or not value:
            what = "a list of dataset names" if kind is list else "a text in quotes"
            problems.add(rel, line, f"the chart module must set {name} to {what}",
                         "copy charts/_example.py and fill it in")
            ok = False
    if "chart" not in functions:
        problems.add(rel, None, "the chart module has no function 'chart(data)'",
                     "define 'def chart(data):' returning an Altair chart (see charts/_example.py)")
        ok = False
    if not ok:
        return None
    names, line = declared["DATASETS"]
    unknown = [n for n in names if n not in datasets]
    if unknown:
        problems.add(rel, line, f"dataset '{unknown[0]}' does not exist in charts/data/",
                     did_you_mean(str(unknown[0]), sorted(datasets), "datasets"))
        return None
    sources = tuple(dict.fromkeys(k for n in names for k in datasets[n].sources))
    return ChartDefinition(path.stem, path, rel, smart_text(declared["TITLE"][0].strip()),
                           smart_text(" ".join(declared["DESCRIPTION"][0].split())), tuple(names), sources, code)


@functools.cache
def _versions() -> str:
    return ";".join(f"{p}={importlib.metadata.version(p)}" for p in ("altair", "vl-convert-python", "pandas"))


def cache_key(definition: ChartDefinition, datasets: dict[str, Dataset]) -> str:
    """Everything a chart's outputs are made from: the engine (whose version covers this module's
    rendering code and the libraries), the module as read, and its data as read."""
    from .buildstate import engine_version

    digest = hashlib.sha256()
    digest.update(f"{engine_version()};{_versions()};{json.dumps(THEMES, sort_keys=True)}".encode())
    digest.update(definition.code)
    for name in definition.datasets:
        digest.update(repr(datasets[name]).encode())  # its CSV bytes and its source record, as loaded
    return digest.hexdigest()[:16]


def render_charts(project: Project, definitions: dict[str, ChartDefinition], datasets: dict[str, Dataset],
                  embedded_in: dict[str, list[str]], problems: Problems) -> dict[str, ChartOutput]:
    """Every chart's outputs, from the cache where nothing they depend on has changed. Charts to
    render are shared among worker processes: each costs a few tenths of a second in vl-convert."""
    keys = {name: cache_key(definition, datasets) for name, definition in definitions.items()}
    folders = {name: project.cache / "charts" / f"{name}-{key}" for name, key in keys.items()}
    missing = [name for name, folder in folders.items() if not all((folder / f).exists() for f in CACHE_FILES)]

    def attempt(name: str) -> tuple[tuple[bytes, ...] | None, tuple[str, str, int | None] | None]:
        try:
            return _render(definitions[name], datasets), None
        except ChartProblem as exc:  # returned, not raised: it may cross from a worker process
            return None, (exc.message, exc.hint, exc.line)

    # vl-convert runs a JavaScript engine on a thread, which a forked process would lack.
    results = (parallel_map(attempt, missing, minimum=2) if "vl_convert" not in sys.modules
               else [attempt(name) for name in missing])
    for name, (rendered, problem) in zip(missing, results, strict=True):
        if problem is not None:
            message, hint, line = problem
            pages = embedded_in.get(name)
            problems.add(definitions[name].module_file, line, message,
                         hint + (f" (the chart is shown on {', '.join(pages)})" if pages else ""))
            continue
        folder = folders[name]
        folder.parent.mkdir(parents=True, exist_ok=True)
        # A folder of its own, renamed into place whole: another build rendering the same chart at
        # the same time cannot collide with it, and a crash leaves no half-written entry.
        staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", suffix=".partial", dir=folder.parent))
        for file_name, data in zip(CACHE_FILES, rendered, strict=True):
            (staging / file_name).write_bytes(data)
        if folder.exists() and not all((folder / f).exists() for f in CACHE_FILES):
            shutil.rmtree(folder, ignore_errors=True)  # an incomplete entry from an older engine
        try:
            os.rename(staging, folder)
        except OSError:  # another build put the same entry there first: the same bytes
            shutil.rmtree(staging, ignore_errors=True)
    outputs: dict[str, ChartOutput] = {}
    for name, definition in definitions.items():
        folder = folders[name]
        if not all((folder / f).exists() for f in CACHE_FILES):
            continue  # it failed; reported above
        light_svg, dark_svg, light_vega, dark_vega = ((folder / f).read_bytes() for f in CACHE_FILES)
        size = SVG_SIZE.search(light_svg)
        width, height = (round(float(size.group(1))), round(float(size.group(2)))) if size else (STATIC_WIDTH, 400)
        outputs[name] = ChartOutput(definition, keys[name], light_svg, dark_svg, light_vega, dark_vega, width, height)
    return outputs


VEGA_LITE_HINT = "check mark, encoding and property names against the Altair documentation"


def _first_line(exc: BaseException) -> str:
    """The gist of an error: its first line, or its first three when it only says 'multiple errors'."""
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    if lines and lines[0].startswith("Multiple errors"):
        return " ".join(lines[1:4])
    return lines[0] if lines else type(exc).__name__


class ChartProblem(Exception):
    def __init__(self, message: str, hint: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message, self.hint, self.line = message, hint, line


def _module_line(exc: BaseException, path: Path) -> int | None:
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if Path(f.filename) == path]
    return frames[-1].lineno if frames else None


def _render(definition: ChartDefinition, datasets: dict[str, Dataset]) -> tuple[bytes, bytes, bytes, bytes]:
    import altair as alt
    import pandas as pd
    import vl_convert
    from altair.utils.schemapi import SchemaValidationError

    module_name = f"sitegen_chart_{definition.name}"
    module = types.ModuleType(module_name)
    module.__file__ = str(definition.path)
    frames = {name: pd.read_csv(io.BytesIO(datasets[name].csv_bytes)) for name in definition.datasets}
    try:
        # The module's bytes as they were read and hashed, not the file again (it may have changed).
        exec(compile(definition.code, str(definition.path), "exec"), module.__dict__)  # noqa: S102
        chart = module.chart(frames)
    except SchemaValidationError as exc:  # Altair checks some arguments as the chart is built
        raise ChartProblem(f"the chart is not valid Vega-Lite: {_first_line(exc)}", VEGA_LITE_HINT,
                           _module_line(exc, definition.path)) from exc
    except Exception as exc:  # noqa: BLE001 - any failure in an editor's module becomes one message
        hint = "check the chart module"
        if isinstance(exc, KeyError):
            columns = {n: list(f.columns) for n, f in frames.items()}
            hint = f"a column name may be misspelt; columns: {columns}"
        raise ChartProblem(f"the chart module raised {type(exc).__name__}: {exc}", hint,
                           _module_line(exc, definition.path)) from exc
    if not isinstance(chart, alt.TopLevelMixin):
        raise ChartProblem(f"chart(data) returned {type(chart).__name__}, not an Altair chart",
                           "return the alt.Chart(...) you built")
    try:
        spec = chart.to_dict(validate=True)
    except SchemaValidationError as exc:
        raise ChartProblem(f"the chart is not valid Vega-Lite: {_first_line(exc)}", VEGA_LITE_HINT) from exc
    _check_fields(spec, definition, datasets)
    compound = any(k in spec for k in ("hconcat", "vconcat", "concat", "facet", "repeat")) or any(
        k in spec.get("encoding", {}) for k in ("row", "column", "facet"))
    static, interactive = dict(spec), dict(spec)
    if not compound:
        # One view: drawn at a fixed width for the SVG, as wide as its column once interactive.
        # Compound charts keep the widths their module gives; CSS scales them down on phones.
        static["width"] = spec["width"] if isinstance(spec.get("width"), int | float) else STATIC_WIDTH
        interactive.update(width="container", autosize={"type": "fit-x", "contains": "padding"})
    try:
        svgs = [vl_convert.vegalite_to_svg(static, config=THEMES[t]).encode("utf-8") for t in ("light", "dark")]
        vegas = [json.dumps(vl_convert.vegalite_to_vega(interactive, config=THEMES[t]), sort_keys=True,
                            separators=(",", ":")).encode("utf-8") for t in ("light", "dark")]
    except Exception as exc:  # noqa: BLE001
        raise ChartProblem(f"Vega-Lite could not render the chart: {exc}", "check the chart's encodings") from exc
    return svgs[0], svgs[1], vegas[0], vegas[1]


def _check_fields(spec: dict, definition: ChartDefinition, datasets: dict[str, Dataset]) -> None:
    """Every field an encoding names must be a column of the chart's data or made by a transform."""
    known = {c for n in definition.datasets for c in datasets[n].rows[0]}
    # Columns the module added with pandas travel inside the spec's own data.
    for values in spec.get("datasets", {}).values():
        for record in values[:1]:
            known.update(record)
    made: set[str] = set()
    used: list[str] = []

    def walk(node: Any, key: str = "") -> None:
        if isinstance(node, dict):
            for k, v in node.items():
                if k == "as":
                    made.update(v if isinstance(v, list) else [v] if isinstance(v, str) else [])
                elif k == "field" and isinstance(v, str) and key not in ("sort", "datasets"):
                    used.append(v.split(".")[0].replace("\\", ""))
                elif k in ("datasets", "data"):
                    continue
                walk(v, k)
        elif isinstance(node, list):
            for item in node:
                walk(item, key)

    walk(spec)
    missing = sorted({f for f in used if f not in known and f not in made})
    if missing:
        raise ChartProblem(f"the chart uses column '{missing[0]}', which its data does not have",
                           did_you_mean(missing[0], sorted(known), "columns"))
