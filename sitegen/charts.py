"""Charts: ``charts/NAME.py`` modules -> static SVGs (light and dark) and Vega specs.

The only module that imports Altair, pandas and vl-convert, and only when a chart has to be
rendered: outputs are cached in .cache/charts/ under a hash of the chart module, its data and
the library versions, so a build in which no chart changed never imports them.
"""

from __future__ import annotations

import ast
import builtins
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
from .fonts import font_info, subset_font
from .model import ChartDefinition, ChartOutput, Dataset, Project
from .typography import smart_text
from .workers import parallel_map
from .yamlfile import did_you_mean

CACHE_FILES = ("light.svg", "dark.svg", "light.vg.json", "dark.vg.json")
STATIC_WIDTH = 372  # px, the whole SVG: a phone's column (328 px) draws it at 0.88, so 13 px text stays above 11 px
SVG_SIZE = re.compile(rb'<svg[^>]*?\swidth="([\d.]+)"[^>]*?\sheight="([\d.]+)"')

# The charts' visual system. Chart modules say what each mark is (style="focus", "context", "track",
# "planned", "reference", "label", "value", "heading", "note"); the theme says how it looks, in the
# light and the dark scheme. One accent for the place a chart is about, grey for context: the two
# differ in lightness by 28 (light) and 16 (dark) L*, so they stay apart under protanopia,
# deuteranopia and tritanopia (CIE76 distance 31 or more in Machado's simulations); bars keep 3:1
# against the background. No text is smaller than 13 px (drawn at 0.88 on a phone: 11.5 px).
# Colours match static/css/site.css.
FONT_SIZE = 13
_COMMON: dict[str, Any] = {
    "font": "system-ui, -apple-system, Segoe UI, Roboto, Noto Sans, DejaVu Sans, sans-serif",
    # The width a single view is given (STATIC_WIDTH, or its container once interactive) is the whole chart's.
    "autosize": {"type": "fit-x", "contains": "padding"},
    "padding": 4,
    "axis": {"labelFontSize": FONT_SIZE, "titleFontSize": FONT_SIZE, "titleFontWeight": "normal", "labelLimit": 1000,
             "labelPadding": 4, "ticks": False, "domain": False},
    "axisX": {"grid": False, "domain": True, "ticks": True, "tickSize": 4},
    "legend": {"labelFontSize": FONT_SIZE, "titleFontSize": FONT_SIZE, "orient": "bottom", "labelLimit": 1000},
    "header": {"labelFontSize": FONT_SIZE, "titleFontSize": FONT_SIZE, "labelLimit": 1000},
    "title": {"fontSize": 15, "anchor": "start", "subtitleFontSize": FONT_SIZE, "subtitlePadding": 4},
    "view": {"stroke": None},
}


def _theme(background: str, text: str, muted: str, accent: str, grey: str, track: str, line: str,
           on_accent: str, category: list[str]) -> dict[str, Any]:
    return {
        **_COMMON,
        "background": background,
        "axis": {**_COMMON["axis"], "labelColor": text, "titleColor": text, "domainColor": muted, "tickColor": muted,
                 "gridColor": track},
        "legend": {**_COMMON["legend"], "labelColor": text, "titleColor": text},
        "title": {**_COMMON["title"], "color": text, "subtitleColor": muted},
        "header": {**_COMMON["header"], "labelColor": text, "titleColor": text},
        "rule": {"color": muted},
        "range": {"category": category},  # for charts that tell groups apart by colour (3:1 on the background)
        "mark": {"color": accent},
        "style": {
            "text": {"color": text, "fontSize": FONT_SIZE},  # every text mark (a style, so the others can override it)
            "focus": {"color": accent},  # the place the chart is about
            "context": {"color": grey},  # everything else
            "track": {"color": track, "stroke": line, "strokeWidth": 1},  # the whole a part is filled into
            "planned": {"color": line, "filled": False, "strokeDash": [4, 3], "strokeWidth": 1.5},  # not yet a count
            "planned-focus": {"color": accent, "filled": False, "strokeDash": [4, 3], "strokeWidth": 1.5},
            "reference": {"color": text, "strokeDash": [3, 3], "strokeWidth": 1.5},  # a national average
            "line-focus": {"color": accent, "strokeWidth": 3},
            "line-context": {"color": grey, "strokeWidth": 2.5},
            "label": {"color": text, "fontSize": FONT_SIZE},
            "value": {"color": text, "fontSize": FONT_SIZE, "fontWeight": "bold"},
            "value-on-focus": {"color": on_accent, "fontSize": FONT_SIZE, "fontWeight": "bold"},
            "heading": {"color": text, "fontSize": FONT_SIZE + 1, "fontWeight": "bold"},
            "heading-focus": {"color": accent, "fontSize": FONT_SIZE + 1, "fontWeight": "bold"},  # names the accent line
            "note": {"color": muted, "fontSize": FONT_SIZE},
        },
    }


THEMES: dict[str, dict[str, Any]] = {
    "light": _theme("#ffffff", "#1b1f24", "#4a5360", "#1d4e89", "#8b95a1", "#e4e8ee", "#8b95a1", "#ffffff",
                    ["#1d4e89", "#b35900", "#2e7d32", "#8e3b9e", "#a11d2f", "#4a5360"]),
    "dark": _theme("#14171c", "#e6e9ee", "#aeb7c4", "#8cc1ff", "#6e7885", "#262c35", "#7d8794", "#14171c",
                   ["#8cc1ff", "#ffb454", "#7ed491", "#e0a6f0", "#ff8a8a", "#c9d1dc"]),
}


def discover_charts(project: Project, datasets: dict[str, Dataset], problems: Problems) -> dict[str, ChartDefinition]:
    """Every charts/NAME.py, with the TITLE, DESCRIPTION and DATASETS it declares and the shared
    modules (charts/_NAME.py) it imports."""
    definitions: dict[str, ChartDefinition] = {}
    if not project.charts.is_dir():
        return definitions
    paths = sorted(project.charts.glob("*.py"))
    shared = {path.stem: path.read_bytes() for path in paths if path.name.startswith("_")}
    for path in paths:
        if path.name.startswith("_"):
            continue
        with processing(project.rel(path)):
            definition = _discover_one(project, path, datasets, shared, problems)
        if definition is not None:
            definitions[path.stem] = definition
    return definitions


def _imported(tree: ast.Module, shared: dict[str, bytes]) -> set[str]:
    """The shared modules a module's code imports (``import _bars`` or ``from _bars import ...``)."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module.split(".")[0])
    return names & set(shared)


def _shared_modules(project: Project, tree: ast.Module, shared: dict[str, bytes],
                    problems: Problems) -> tuple[tuple[str, bytes], ...] | None:
    """The shared modules a chart module uses, directly or through each other, with their code as read."""
    used: dict[str, bytes] = {}
    todo = sorted(_imported(tree, shared))
    while todo:
        name = todo.pop()
        if name in used:
            continue
        used[name] = shared[name]
        rel = project.rel(project.charts / f"{name}.py")
        try:
            todo.extend(_imported(ast.parse(shared[name], filename=rel), shared))
        except SyntaxError as exc:
            problems.add(rel, exc.lineno, f"Python syntax error: {exc.msg}", "fix the shared chart module")
            return None
    return tuple(sorted(used.items()))


def _discover_one(project: Project, path: Path, datasets: dict[str, Dataset], shared: dict[str, bytes],
                  problems: Problems) -> ChartDefinition | None:
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
    takes_language = False
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            try:
                declared[node.targets[0].id] = (ast.literal_eval(node.value), node.lineno)
            except ValueError:
                declared[node.targets[0].id] = (None, node.lineno)
        elif isinstance(node, ast.FunctionDef):
            functions.add(node.name)
            if node.name == "chart":
                takes_language = len(node.args.args) >= 2
    ok = True
    for name, kind in (("TITLE", str), ("DESCRIPTION", str), ("DATASETS", list)):
        value, line = declared.get(name, (None, None))
        if not isinstance(value, kind) or not value:
            what = "a list of dataset names" if kind is list else "a text in quotes"
            problems.add(rel, line, f"the chart module must set {name} to {what}",
                         "copy charts/_example.py and fill it in")
            ok = False
    translations = _translations(declared.get("TRANSLATIONS"), rel, problems)
    if translations is None:
        ok = False
    if "chart" not in functions:
        problems.add(rel, None, "the chart module has no function 'chart(data)'",
                     "define 'def chart(data):' returning an Altair chart (see charts/_example.py)")
        ok = False
    if not ok:
        return None
    modules = _shared_modules(project, tree, shared, problems)
    if modules is None:
        return None
    names, line = declared["DATASETS"]
    unknown = [n for n in names if n not in datasets]
    if unknown:
        problems.add(rel, line, f"dataset '{unknown[0]}' does not exist in charts/data/",
                     did_you_mean(str(unknown[0]), sorted(datasets), "datasets"))
        return None
    sources = tuple(dict.fromkeys(k for n in names for k in datasets[n].sources))
    return ChartDefinition(path.stem, path, rel, smart_text(declared["TITLE"][0].strip()),
                           smart_text(" ".join(declared["DESCRIPTION"][0].split())), tuple(names), sources, code,
                           modules, translations, takes_language)


TRANSLATIONS_EXAMPLE = 'TRANSLATIONS = {"ur": {"TITLE": "...", "DESCRIPTION": "..."}}'


def _translations(found: tuple[Any, int] | None, rel: str, problems: Problems) -> tuple[tuple[str, str, str], ...] | None:
    """A chart module's TRANSLATIONS: its title and description in each language it is drawn in
    besides the site's; None (and a problem) when it is not written as the example."""
    if found is None:
        return ()
    value, line = found
    if not isinstance(value, dict) or not all(
            isinstance(lang, str) and isinstance(words, dict) and set(words) == {"TITLE", "DESCRIPTION"}
            and all(isinstance(w, str) and w.strip() for w in words.values()) for lang, words in value.items()):
        problems.add(rel, line, "TRANSLATIONS must give each language's TITLE and DESCRIPTION",
                     f"write it like: {TRANSLATIONS_EXAMPLE}")
        return None
    return tuple((lang, smart_text(words["TITLE"].strip()), smart_text(" ".join(words["DESCRIPTION"].split())))
                 for lang, words in sorted(value.items()))


@functools.cache
def _versions() -> str:
    return ";".join(f"{p}={importlib.metadata.version(p)}" for p in ("altair", "vl-convert-python", "pandas"))


def cache_key(definition: ChartDefinition, datasets: dict[str, Dataset], lang: str = "", font: bytes = b"") -> str:
    """Everything a chart's outputs are made from: the engine (whose version covers this module's
    rendering code and the libraries), the module as read, and its data as read; drawn for a
    translation, its language and the font its words are set in."""
    from .buildstate import engine_version

    digest = hashlib.sha256()
    digest.update(f"{engine_version()};{_versions()};{json.dumps(THEMES, sort_keys=True)}".encode())
    if lang:
        digest.update(f"lang:{lang};".encode() + hashlib.sha256(font).digest())
    digest.update(definition.code)
    for name, code in definition.shared:
        digest.update(f"{name}:{len(code)}:".encode() + code)
    for name in definition.datasets:
        # Its file's bytes (a CSV, or a map's TopoJSON) and its source record, as loaded.
        digest.update(repr(datasets[name]).encode())
    return digest.hexdigest()[:16]


def render_charts(project: Project, definitions: dict[str, ChartDefinition], datasets: dict[str, Dataset],
                  embedded_in: dict[str, list[str]], problems: Problems,
                  translated: dict[str, tuple[tuple[str, str, int], ...]] | None = None,
                  fonts: dict[str, bytes] | None = None) -> tuple[dict[str, ChartOutput], dict[str, dict[str, ChartOutput]]]:
    """Every chart's outputs, from the cache where nothing they depend on has changed, and each
    translation's charts (``translated``: language -> (chart, page, line) for every chart its pages
    show), drawn in its language with its charts font (``fonts``: language -> the font's bytes).
    Charts to render are shared among worker processes: each costs a few tenths of a second."""
    translated, fonts = translated or {}, fonts or {}
    jobs: list[tuple[str, str]] = [(name, "") for name in definitions]
    for lang, embeds in translated.items():
        for name, page, line in embeds:
            definition = definitions.get(name)
            if definition is None or (name, lang) in jobs:
                continue
            missing_words = [w for w, ok in (("TRANSLATIONS", any(code == lang for code, _, _ in definition.translations)),
                                             ("def chart(data, lang)", definition.takes_language)) if not ok]
            if missing_words:
                problems.add(page, line, f"the chart '{name}' is shown on a page in '{lang}', but its module has no "
                             + " and no ".join(missing_words),
                             f"give {definition.module_file} its '{lang}' title and description ({TRANSLATIONS_EXAMPLE})"
                             " and a chart(data, lang) that writes its words in that language")
                continue
            jobs.append((name, lang))
    keys = {(name, lang): cache_key(definitions[name], datasets, lang, fonts.get(lang, b"")) for name, lang in jobs}
    folders = {job: project.cache / "charts" / f"{job[0]}{'.' + job[1] if job[1] else ''}-{key}" for job, key in keys.items()}
    missing = [job for job, folder in folders.items() if not all((folder / f).exists() for f in CACHE_FILES)]

    def attempt(job: tuple[str, str]) -> tuple[tuple[bytes, ...] | None, tuple[str, str, str | None, int | None] | None]:
        name, lang = job
        try:
            return _render(definitions[name], datasets, lang, fonts.get(lang, b"")), None
        except ChartProblem as exc:  # returned, not raised: it may cross from a worker process
            return None, (exc.message, exc.hint, exc.file, exc.line)

    # vl-convert runs a JavaScript engine on a thread, which a forked process would lack.
    results = (parallel_map(attempt, missing, minimum=2) if "vl_convert" not in sys.modules
               else [attempt(job) for job in missing])
    for job, (rendered, problem) in zip(missing, results, strict=True):
        name = job[0]
        if problem is not None:
            message, hint, file, line = problem
            pages = embedded_in.get(name)
            if file is not None:
                hint += f" (it is imported by {definitions[name].module_file})"
            problems.add(file or definitions[name].module_file, line, message,
                         hint + (f" (the chart is shown on {', '.join(pages)})" if pages else ""))
            continue
        folder = folders[job]
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
    translations: dict[str, dict[str, ChartOutput]] = {}
    for (name, lang), folder in folders.items():
        if not all((folder / f).exists() for f in CACHE_FILES):
            continue  # it failed; reported above
        light_svg, dark_svg, light_vega, dark_vega = ((folder / f).read_bytes() for f in CACHE_FILES)
        size = SVG_SIZE.search(light_svg)
        width, height = (round(float(size.group(1))), round(float(size.group(2)))) if size else (STATIC_WIDTH, 400)
        output = ChartOutput(definitions[name], keys[(name, lang)], light_svg, dark_svg, light_vega, dark_vega,
                             width, height, lang)
        if lang:
            translations.setdefault(lang, {})[name] = output
        else:
            outputs[name] = output
    return outputs, translations


# What a map's features have, as Vega reads them from TopoJSON: encodings name 'properties.name'.
GEO_FIELDS = ("type", "id", "properties", "geometry")
VEGA_LITE_HINT = "check mark, encoding and property names against the Altair documentation"


def _first_line(exc: BaseException) -> str:
    """The gist of an error: its first line, or its first three when it only says 'multiple errors'."""
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    if lines and lines[0].startswith("Multiple errors"):
        return " ".join(lines[1:4])
    return lines[0] if lines else type(exc).__name__


class ChartProblem(Exception):
    def __init__(self, message: str, hint: str, where: tuple[str | None, int | None] = (None, None)) -> None:
        super().__init__(message)
        self.message, self.hint, (self.file, self.line) = message, hint, where


def _module_line(exc: BaseException, definition: ChartDefinition) -> tuple[str | None, int | None]:
    """Where in the chart module, or a shared module it imports, the error was raised (its deepest frame there)."""
    files = {str(definition.path): None} | {str(definition.path.with_name(f"{n}.py")): n for n, _ in definition.shared}
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename in files]
    if not frames:
        return None, None
    name = files[frames[-1].filename]
    return (None if name is None else str(Path(definition.module_file).with_name(f"{name}.py")), frames[-1].lineno)


def chart_data(definition: ChartDefinition, datasets: dict[str, Dataset]) -> dict[str, Any]:
    """What ``chart(data)`` gets: each of its datasets by name, from the bytes that were read and
    hashed: a table as a pandas DataFrame, a map as its TopoJSON parsed (a fresh dict each time)."""
    import pandas as pd

    return {name: json.loads(datasets[name].geo_bytes) if datasets[name].is_geo
            else pd.read_csv(io.BytesIO(datasets[name].csv_bytes)) for name in definition.datasets}


def load_chart_module(definition: ChartDefinition) -> types.ModuleType:
    """The chart module run from the bytes that were read and hashed (not the file again: it may
    have changed since), and so are the shared modules it imports, which only it is given.

    Each runs as a module named after a hash of its code (in sys.modules, as an import would put
    it, which dataclasses and pickle need): two versions of a module never share a name, and two
    charts importing the same bytes get the same code."""
    loaded: dict[str, types.ModuleType] = {}
    code = dict(definition.shared)
    real_import = builtins.__import__

    def shared_import(name, globals=None, locals=None, fromlist=(), level=0):  # noqa: A002 - __import__'s signature
        if level == 0 and name in code:
            # Known before it runs, as Python's own imports are: a module importing itself, or two
            # importing each other, get the module as far as it has run, not an endless recursion.
            return loaded[name] if name in loaded else run(name, definition.path.with_name(f"{name}.py"), code[name])
        return real_import(name, globals, locals, fromlist, level)

    def run(name: str, path: Path, source: bytes) -> types.ModuleType:
        module = types.ModuleType(f"sitegen_chart_{name}_{hashlib.sha256(source).hexdigest()[:16]}")
        module.__file__ = str(path)
        module.__dict__["__builtins__"] = {**vars(builtins), "__import__": shared_import}
        loaded[name] = sys.modules[module.__name__] = module
        try:
            exec(compile(source, str(path), "exec"), module.__dict__)  # noqa: S102
        except BaseException:
            sys.modules.pop(module.__name__, None)
            raise
        return module

    return run(definition.name, definition.path, definition.code)


def _render(definition: ChartDefinition, datasets: dict[str, Dataset], lang: str = "",
            font: bytes = b"") -> tuple[bytes, bytes, bytes, bytes]:
    """The chart's SVGs and Vega specs; for a translation (``lang``), its words in that language
    and set in ``font``, which each SVG carries (cut down to its characters) so it shows anywhere."""
    import altair as alt
    import vl_convert
    from altair.utils.schemapi import SchemaValidationError

    frames = chart_data(definition, datasets)
    themes = THEMES if not lang else {scheme: edition_theme(theme, font) for scheme, theme in THEMES.items()}
    if font:
        vl_convert.register_font_directory(str(font_directory(font)))
    try:
        module = load_chart_module(definition)
        chart = module.chart(frames, lang) if lang else module.chart(frames)
    except SchemaValidationError as exc:  # Altair checks some arguments as the chart is built
        raise ChartProblem(f"the chart is not valid Vega-Lite: {_first_line(exc)}", VEGA_LITE_HINT,
                           _module_line(exc, definition)) from exc
    except Exception as exc:  # noqa: BLE001 - any failure in an editor's module becomes one message
        hint = "check the chart module"
        if isinstance(exc, KeyError):
            columns = {n: list(f.columns) if hasattr(f, "columns") else f"a map: objects {list(datasets[n].objects)}"
                       for n, f in frames.items()}
            hint = f"a column name may be misspelt; columns: {columns}"
        raise ChartProblem(f"the chart module raised {type(exc).__name__}: {exc}", hint,
                           _module_line(exc, definition)) from exc
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
        svgs = [stable_ids(vl_convert.vegalite_to_svg(static, config=themes[t]).encode("utf-8")) for t in ("light", "dark")]
        vegas = [json.dumps(vl_convert.vegalite_to_vega(interactive, config=themes[t]), sort_keys=True,
                            separators=(",", ":")).encode("utf-8") for t in ("light", "dark")]
        if font:
            svgs = [with_font(svg, font) for svg in svgs]
    except Exception as exc:  # noqa: BLE001
        raise ChartProblem(f"Vega-Lite could not render the chart: {exc}", "check the chart's encodings") from exc
    return svgs[0], svgs[1], vegas[0], vegas[1]


def edition_theme(theme: dict[str, Any], font: bytes) -> dict[str, Any]:
    """A scheme's theme for a translation: its words set in the edition's charts font first."""
    if not font:
        return theme
    # Axis labels are numbers (years, amounts), in Western digits: the site's face, whose line box
    # is the English chart's (the charts font's is taller, and has no digits).
    return {**theme, "font": f'"{font_info(font)[0]}", {theme["font"]}',
            "axis": {**theme["axis"], "labelFont": theme["font"]}}


def font_directory(font: bytes) -> Path:
    """A folder holding ``font`` as TrueType, which vl-convert reads (it cannot read WOFF2)."""
    from fontTools.ttLib import TTFont

    folder = Path(tempfile.gettempdir()) / f"sitegen-font-{hashlib.sha256(font).hexdigest()[:16]}"
    if not (folder / "font.ttf").exists():
        folder.mkdir(parents=True, exist_ok=True)
        converted = TTFont(io.BytesIO(font))
        converted.flavor = None
        handle, temporary = tempfile.mkstemp(prefix=".font.", suffix=".partial", dir=folder)
        with os.fdopen(handle, "wb") as file:
            converted.save(file)
        os.replace(temporary, folder / "font.ttf")
    return folder


SVG_TEXT = re.compile(rb">([^<]+)<")  # every text node: <text>, its <tspan>s (a title of two lines), <title>


def with_font(svg: bytes, font: bytes) -> bytes:
    """The SVG carrying its font, cut down to the characters of its text, as a data address: an
    SVG shown as an image may load nothing else, and readers' systems may lack the script."""
    import base64
    import html

    text = html.unescape(b"".join(SVG_TEXT.findall(svg)).decode("utf-8"))
    subset = subset_font(font, sorted({ord(c) for c in text}))
    face = (f'<style>@font-face{{font-family:"{font_info(font)[0]}";src:url(data:font/woff2;base64,'
            f'{base64.b64encode(subset).decode()}) format("woff2")}}</style>').encode()
    end = svg.index(b">", svg.index(b"<svg")) + 1
    return svg[:end] + face + svg[end:]


SVG_ID = re.compile(rb'\sid="([A-Za-z_-]*?)(\d+)"')


def stable_ids(svg: bytes) -> bytes:
    """The SVG with its numbered ids (Vega's clip paths: 'clip17') numbered from 1 in the order they
    appear. Vega numbers them with a counter that lives as long as the process, so the same chart
    drawn after another one would otherwise come out with other bytes."""
    found: dict[bytes, bytes] = {}
    counts: dict[bytes, int] = {}
    for match in SVG_ID.finditer(svg):
        prefix, old = match.group(1), match.group(1) + match.group(2)
        if old not in found:
            counts[prefix] = counts.get(prefix, 0) + 1
            found[old] = prefix + str(counts[prefix]).encode()
    if not found:
        return svg
    names = re.compile(rb'(id="|url\(#|href="#)(' + b"|".join(re.escape(k) for k in sorted(found, key=len, reverse=True))
                       + rb')(?=[")])')
    return names.sub(lambda m: m.group(1) + found[m.group(2)], svg)


def _check_layers(spec: dict, maps: list[Dataset]) -> None:
    """Every TopoJSON object the chart draws ('feature' or 'mesh' in a data format) must be one of its maps'."""
    objects = sorted({o for dataset in maps for o in dataset.objects})
    stack: list[Any] = [spec]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            form = node.get("format")
            if isinstance(form, dict) and form.get("type") == "topojson":
                name = form.get("feature") or form.get("mesh")
                if isinstance(name, str) and name not in objects:
                    raise ChartProblem(f"the chart draws TopoJSON object '{name}', which its maps do not have",
                                       did_you_mean(name, objects, "objects"))
            stack.extend(v for k, v in node.items() if k != "values")
        elif isinstance(node, list):
            stack.extend(node)


def _check_fields(spec: dict, definition: ChartDefinition, datasets: dict[str, Dataset]) -> None:
    """Every field an encoding names must be a column of the chart's data or made by a transform."""
    known = {c for n in definition.datasets if datasets[n].rows for c in datasets[n].rows[0]}
    maps = [datasets[n] for n in definition.datasets if datasets[n].is_geo]
    if maps:
        known.update(GEO_FIELDS)
        _check_layers(spec, maps)
    # Columns the module added with pandas travel inside the spec's own data.
    for values in spec.get("datasets", {}).values():
        for record in values[:1] if isinstance(values, list) else ():
            if isinstance(record, dict):
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
