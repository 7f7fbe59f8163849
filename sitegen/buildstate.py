"""What one build leaves for the next, in ``.cache/`` (beside site/, never inside it).

``.cache/`` holds two things, both safe to delete at any time (``python build.py clean``):

* ``charts/NAME-KEY/`` - rendered charts, keyed by a hash of the chart module, its data and the
  library versions (see charts.py);
* ``build/state.pickle`` - the last build's inputs (each file's modification time and size), its
  outputs, each page's parsed front matter and converted Markdown with what the conversion asked
  about, and the dependency graph (see dependencies.py). ``build/inputs.pickle`` holds just the
  first two, so a build in which nothing changed can stop after a few thousand ``stat`` calls.

Both are tied to the engine's own code and library versions: a changed ``sitegen/`` starts afresh.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .model import BuildOptions, BuildResult, Inputs, Project, StatKey

if TYPE_CHECKING:
    from .content import ContentCache
    from .dependencies import Fingerprints, TemplateGraph

# Imports only the standard library and model.py at first: a build in which nothing changed
# stops in unchanged() without paying for Markdown, Jinja and YAML. The caches' own types are
# imported when a full state is made.


def _content_cache():  # noqa: ANN202
    from .content import ContentCache

    return ContentCache()


def _template_graph():  # noqa: ANN202
    from .dependencies import TemplateGraph

    return TemplateGraph()


def _fingerprints():  # noqa: ANN202
    from .dependencies import Fingerprints

    return Fingerprints()

ENGINE = Path(__file__).resolve().parent
LIBRARIES = ("jinja2", "markdown", "pyyaml")


@dataclass(frozen=True)
class OutputRecord:
    """A rendered output as the last build made it: what it was made from, and what it holds."""

    dependencies: dict[str, str]  # dependency name -> fingerprint (dependencies.py)
    digest: str  # of its bytes
    ids: frozenset[str]  # element ids, for checking '#anchor' links to it


@dataclass
class BuildState:
    """Everything a build keeps for the next one (serve keeps it in memory; build saves it)."""

    engine: str = ""  # engine_version() when made
    options: tuple = ()
    inputs: Inputs = field(default_factory=lambda: Inputs({}))
    outputs: dict[str, StatKey] = field(default_factory=dict)  # as written into site/
    written: dict[str, str] = field(default_factory=dict)  # output -> digest of the bytes written
    records: dict[str, OutputRecord] = field(default_factory=dict)
    pages: int = 0  # counts of the last build, for its summary line
    charts: int = 0
    content: ContentCache = field(default_factory=_content_cache)
    templates: TemplateGraph = field(default_factory=_template_graph)
    fingerprints: Fingerprints = field(default_factory=_fingerprints)

    def forget_outputs(self) -> None:
        """site/ is gone or was changed by hand: render and write everything again."""
        self.outputs, self.written, self.records = {}, {}, {}


def engine_version() -> str:
    """A hash of the engine's source and the installed versions of the libraries that shape its
    output (read from their dist-info folder names: importlib.metadata costs more than the check)."""
    digest = hashlib.blake2b(digest_size=12)
    for path in sorted(ENGINE.glob("*.py")):
        digest.update(path.name.encode() + path.read_bytes())
    wanted = tuple(name.lower() + "-" for name in LIBRARIES)
    for folder in sys.path:
        try:
            names = sorted(e.name.lower() for e in os.scandir(folder) if e.name.endswith(".dist-info"))
        except OSError:
            continue
        digest.update("".join(n for n in names if n.startswith(wanted)).encode())
    return digest.hexdigest()


def stat_key(path: Path) -> StatKey | None:
    """(mtime_ns, size) of a file, or None if it is missing."""
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size


def scan_inputs(project: Project) -> Inputs:
    """One pass of ``stat`` over the source folders and files (os.scandir: no second call per file)."""
    files: dict[str, StatKey] = {}
    links: set[str] = set()

    def scan(folder: Path, prefix: str) -> None:
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            return
        for entry in entries:
            relative = prefix + entry.name
            if entry.is_dir():
                scan(Path(entry.path), relative + "/")
            else:
                try:
                    info = entry.stat()
                except OSError:
                    continue
                files[relative] = (info.st_mtime_ns, info.st_size)
                if entry.is_symlink():
                    links.add(relative)

    for folder in (project.content, project.templates, project.static, project.charts):
        scan(folder, project.rel(folder) + "/")
    for path in (project.settings_file, project.sources_file, project.root / "compare.yaml"):
        key = stat_key(path)
        if key is not None:
            files[project.rel(path)] = key
    return Inputs(files, frozenset(links))


def rescan(project: Project, previous: Inputs, changed: set[Path]) -> Inputs:
    """``previous`` with just the ``changed`` paths looked at again (serve knows them from the
    operating system's notifications); a whole scan whenever a folder or a link is involved."""
    files = dict(previous.files)
    for path in changed:
        relative = project.rel(path)
        deleted_folder = not path.exists() and relative not in files  # which files went with it?
        if path.is_dir() or path.is_symlink() or relative in previous.links or relative.startswith("/") or deleted_folder:
            return scan_inputs(project)
        key = stat_key(path)
        if key is None:
            files.pop(relative, None)
        else:
            files[relative] = key
    return Inputs(files, previous.links)


def scan_outputs(folder: Path, names: dict[str, StatKey]) -> set[str]:
    """The recorded outputs that are missing from ``folder`` or differ from what was written."""
    return {name for name, key in names.items() if stat_key(folder / name) != key}


def _files(project: Project) -> tuple[Path, Path]:
    folder = project.cache / "build"
    return folder / "inputs.pickle", folder / "state.pickle"


@dataclass(frozen=True)
class QuickState:
    """The part of the state that says whether anything changed, saved apart so it loads fast."""

    engine: str
    options: tuple
    inputs: Inputs
    outputs: dict[str, StatKey]
    pages: int
    charts: int


def load_quick(project: Project) -> QuickState | None:
    """The last build's inputs and outputs, or None."""
    try:
        with _files(project)[0].open("rb") as file:
            quick = pickle.load(file)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError, ImportError):
        return None
    return quick if isinstance(quick, QuickState) else None


def unchanged(project: Project, options: BuildOptions, target: Path) -> BuildResult | None:
    """The last build's summary if no input changed since and ``target`` holds what it wrote; else None."""
    started = time.perf_counter()
    quick = load_quick(project)
    if (quick is None or quick.engine != engine_version() or quick.options != options.key() or not quick.outputs
            or not target.exists()):
        return None
    if scan_inputs(project) != quick.inputs or scan_outputs(target, quick.outputs):
        return None
    return BuildResult(quick.pages, quick.charts, len(quick.outputs), time.perf_counter() - started, target,
                       up_to_date=True)


def load_state(project: Project, engine: str, options: tuple) -> BuildState:
    """The last build's state, or a fresh one when there is none or it belongs to other code/options."""
    try:
        with _files(project)[1].open("rb") as file:
            state = pickle.load(file)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError, ImportError):
        return BuildState(engine=engine, options=options)
    if not isinstance(state, BuildState) or state.engine != engine or state.options != options:
        return BuildState(engine=engine, options=options)
    return state


def save_state(project: Project, state: BuildState) -> None:
    """Write both files atomically (a half-written cache would be worse than none)."""
    quick_file, state_file = _files(project)
    quick_file.parent.mkdir(parents=True, exist_ok=True)
    quick = QuickState(state.engine, state.options, state.inputs, state.outputs, state.pages, state.charts)
    for path, value in ((state_file, state), (quick_file, quick)):
        partial = path.with_suffix(".partial")
        with partial.open("wb") as file:
            pickle.dump(value, file, protocol=pickle.HIGHEST_PROTOCOL)
        partial.replace(path)


def clean(project: Project) -> list[str]:
    """Remove the caches and the built site; returns what was removed."""
    removed = []
    for folder in (project.cache, project.output):
        if folder.exists():
            shutil.rmtree(folder)
            removed.append(project.rel(folder) + "/")
    return removed
