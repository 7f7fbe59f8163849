"""What one build leaves for the next, in ``.cache/`` (beside site/, never inside it).

``.cache/`` holds, all safe to delete at any time (``python build.py clean``):

* ``charts/NAME-KEY/`` - rendered charts, keyed by a hash of the chart module, its data, the
  engine and the library versions (see charts.py);
* ``build/state.bin`` - the last build's inputs (each file's modification time, size, inode and
  change time), its outputs, each page's parsed front matter and converted Markdown with what the
  conversion asked about, and the dependency graph (see dependencies.py). ``build/inputs.bin``
  holds just the inputs and outputs, so a build in which nothing changed stops after a few
  thousand ``stat`` calls; ``build/lock`` keeps two builds from running at once;
* ``serve/`` - the same for ``build.py serve``, whose site (drafts included) is ``serve/site/``.

The files are written by cachefile.py: a format that cannot run code, checksummed and tied to
the engine's own code, Python's and the libraries' versions. A file that cannot be used for any
reason means a fresh start, with one notice line when it was damaged.

A file is looked at again when its stat key changed, and also, whatever its key, when it was
modified within ``RACY_SECONDS`` of the scan that recorded it: a second edit in the same tick of a
coarse clock (or one that restores size and modification time, as cp -p and rsync -a do) could
otherwise go unseen, as git's "racy" index entries could.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from . import cachefile
from .cachefile import CacheProblem, cacheable
from .errors import Problem
from .model import BuildOptions, BuildResult, Inputs, Project, StatKey

if TYPE_CHECKING:
    from .content import ContentCache
    from .dependencies import Fingerprints

# Imports only the standard library, msgpack and model.py at first: a build in which nothing
# changed stops in unchanged() without paying for Markdown, Jinja and YAML. The caches' own
# types are imported when a full state is made.


cacheable(Inputs)
cacheable(Problem)  # warnings travel in the quick file too


def _allow_state_types() -> None:
    """Let the full state's data classes into cache files (imported only when a full state is used)."""
    from .content import _Entry
    from .errors import Problem
    from .markup import Converted
    from .model import ChartEmbed, Heading, LinkRef, Page

    for cls in (_Entry, Problem, Converted, ChartEmbed, Heading, LinkRef, Page):
        cacheable(cls)


def _content_cache():  # noqa: ANN202
    from .content import ContentCache

    return ContentCache()


def _fingerprints():  # noqa: ANN202
    from .dependencies import Fingerprints

    return Fingerprints()

ENGINE = Path(__file__).resolve().parent
# Every library whose version can change what a build writes or what its caches hold.
LIBRARIES = ("jinja2", "markdown", "pyyaml", "markupsafe", "altair", "vl_convert_python", "pandas", "msgpack")
RACY_SECONDS = 2.0  # coarser than any common filesystem's timestamps (FAT: 2 s)


@cacheable
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
    warnings: tuple = ()  # the last good build's warnings: a build with nothing changed says them again
    content: ContentCache = field(default_factory=_content_cache)
    fingerprints: Fingerprints = field(default_factory=_fingerprints)

    def forget_outputs(self) -> None:
        """site/ is gone or was changed by hand: render and write everything again."""
        self.outputs, self.written, self.records = {}, {}, {}


def engine_version() -> str:
    """A hash of the engine's source, Python's version and the installed versions of the libraries
    that shape its output (read from their dist-info folder names: importlib.metadata costs more
    than the whole no-change check)."""
    digest = hashlib.blake2b(digest_size=12)
    digest.update(sys.version.encode())
    for path in sorted(ENGINE.glob("*.py")):
        digest.update(path.name.encode() + path.read_bytes())
    wanted = tuple(name.lower().replace("-", "_") + "-" for name in LIBRARIES)
    for folder in sys.path:
        try:
            names = sorted(e.name.lower().replace("-", "_") for e in os.scandir(folder) if e.name.endswith(".dist-info"))
        except OSError:
            continue
        digest.update("".join(n for n in names if n.startswith(wanted)).encode())
    return digest.hexdigest()


def _key(info: os.stat_result, scanned_ns: int, path: str | Path) -> StatKey:
    """(mtime_ns, size, inode, ctime_ns). For a file changed too recently to trust its times, the
    hash of its bytes is added, so a later edit that keeps all four is still seen."""
    key = (info.st_mtime_ns, info.st_size, info.st_ino, info.st_ctime_ns)
    if scanned_ns - max(info.st_mtime_ns, info.st_ctime_ns) < RACY_SECONDS * 1e9:
        try:
            with open(path, "rb") as file:
                return (*key, hashlib.file_digest(file, "blake2b").hexdigest()[:24])
        except OSError:
            return (*key, "unreadable")  # (keeps the same hash length as _file_hash's)
    return key


def stat_key(path: Path, scanned_ns: int | None = None) -> StatKey | None:
    """The file's stat key (see ``_key``), or None if it is missing."""
    try:
        info = path.stat()
    except OSError:
        return None
    return _key(info, time.time_ns() if scanned_ns is None else scanned_ns, path)


def scan_inputs(project: Project) -> Inputs:
    """One pass of ``stat`` over the source folders and files (os.scandir: no second call per file)."""
    files: dict[str, StatKey] = {}
    links: set[str] = set()
    now = time.time_ns()

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
                files[relative] = _key(info, now, entry.path)
                if entry.is_symlink():
                    links.add(relative)

    for folder in (project.content, project.templates, project.static, project.charts, project.strings_folder,
                   project.fonts):
        scan(folder, project.rel(folder) + "/")
    for path in project.data_files:
        key = stat_key(path, now)
        if key is not None:
            files[project.rel(path)] = key
    return Inputs(files, frozenset(links))


def _file_hash(path: Path) -> str:
    try:
        with open(path, "rb") as file:
            return hashlib.file_digest(file, "blake2b").hexdigest()[:24]
    except OSError:
        return "unreadable"


def same_key(recorded: StatKey, current: StatKey, path: Path) -> bool:
    """Is the file as it was? A key recorded with the file's hash (it had just changed) matches a
    later one whose times are unchanged when the bytes still hash the same; the times alone
    cannot be trusted for it, as git's racily clean entries."""
    if recorded == current:
        return True
    if len(recorded) == 5 and recorded[:4] == current[:4]:
        return recorded[4] == (current[4] if len(current) == 5 else _file_hash(path))
    return False


def changed_inputs(before: Inputs, after: Inputs, root: Path) -> list[str] | None:
    """The inputs that changed between two scans, or None when a file was added or removed (or
    became or stopped being a link). Equal keys are the same file; others are looked at closer
    (same_key: a changed key may be the same content, a same-looking one may not)."""
    if before.files.keys() != after.files.keys() or before.links != after.links:
        return None
    return [path for path, key in after.files.items()
            if key != (old := before.files[path]) and not same_key(old, key, root / path)]


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


def output_key(path: Path | str) -> StatKey | None:
    """How an output file is recognised as the one a build wrote: (mtime_ns, size, inode, 0).
    Its change time is left out: carrying a file over into the next site by hard link changes it."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_mtime_ns, info.st_size, info.st_ino, 0)


def scan_outputs(folder: Path, names: dict[str, StatKey]) -> set[str]:
    """The recorded outputs that are missing from ``folder`` or differ from what was written."""
    base = f"{folder}{os.sep}"  # joined as text: a no-change build checks thousands of outputs
    return {name for name, key in names.items() if output_key(base + name) != key}


def _files(project: Project, name: str = "build") -> tuple[Path, Path]:
    folder = project.cache / name
    return folder / "inputs.bin", folder / "state.bin"


@cacheable
@dataclass(frozen=True)
class QuickState:
    """The part of the state that says whether anything changed, saved apart so it loads fast."""

    options: tuple
    inputs: Inputs
    outputs: dict[str, StatKey]
    pages: int
    charts: int
    warnings: tuple = ()


def _notice(path: Path, problem: CacheProblem, project: Project) -> None:
    """One line when a cache file was there but could not be used (nothing when none was there)."""
    if not problem.expected:
        print(f"notice: {project.rel(path)} could not be used ({problem.reason}); building afresh",
              file=sys.stderr)


def _load(project: Project, path: Path, engine: str) -> object:
    """What a cache file holds, or None (with a notice when it was there but could not be used)."""
    try:
        return cachefile.load(path, engine)
    except CacheProblem as problem:
        _notice(path, problem, project)
        return None


def load_quick(project: Project, engine: str, name: str = "build") -> QuickState | None:
    """The last build's inputs and outputs, or None."""
    quick = _load(project, _files(project, name)[0], engine)
    return quick if isinstance(quick, QuickState) else None


def unchanged(project: Project, options: BuildOptions, target: Path) -> BuildResult | None:
    """The last build's summary if no input changed since and ``target`` holds what it wrote; else None."""
    started = time.perf_counter()
    quick = load_quick(project, engine_version())
    if quick is None or quick.options != options.key() or not quick.outputs or not target.exists():
        return None
    if changed_inputs(quick.inputs, scan_inputs(project), project.root) != [] or scan_outputs(target, quick.outputs):
        return None
    return BuildResult(quick.pages, quick.charts, len(quick.outputs), time.perf_counter() - started, target,
                       up_to_date=True, warnings=quick.warnings)


class _Numbered(dict):
    """Each key's number, in the order first asked for."""

    def __missing__(self, key: object) -> int:
        self[key] = number = len(self)
        return number


def _pack_records(records: dict[str, OutputRecord]) -> tuple[list[str], dict[str, tuple]]:
    """The records as they are saved: the outputs of a site share most of their dependencies (every
    page has the same templates, settings, navigation...), so each (name, fingerprint) pair is
    written once, in a flat list of names and fingerprints, and a record lists the numbers of its own."""
    numbers = _Numbered()
    number = numbers.__getitem__
    packed = {output: (list(map(number, record.dependencies.items())), record.digest, record.ids)
              for output, record in records.items()}
    return [text for pair in numbers for text in pair], packed


def _unpack_records(pairs: list[str], packed: dict[str, tuple]) -> dict[str, OutputRecord]:
    """``_pack_records`` undone; TypeError, IndexError or ValueError if ``pairs`` and ``packed`` are not its."""
    if type(pairs) is not list or not all(type(text) is str for text in pairs) or type(packed) is not dict:
        raise TypeError("records are not what _pack_records makes")
    table = list(zip(pairs[::2], pairs[1::2], strict=True))
    pair = table.__getitem__
    records = {}
    for output, (numbers, data_digest, ids) in packed.items():
        if type(numbers) is not list or (numbers and min(numbers) < 0):  # (min: a TypeError unless numbers)
            raise ValueError("records are not what _pack_records makes")
        records[output] = OutputRecord(dict(map(pair, numbers)), data_digest, ids)
    return records


def _check_state(saved: dict) -> None:
    """Is what a state file held the shape of a state (its top level, each content entry)? The
    file's digest already says it is what a build saved; this catches the rest cheaply."""
    from .content import _Entry

    shapes = {"inputs": Inputs, "outputs": dict, "written": dict, "pages": int, "charts": int,
              "warnings": tuple, "content": dict}
    wrong = [key for key, kind in shapes.items() if type(saved[key]) is not kind]
    if wrong:
        raise TypeError(f"{', '.join(wrong)} of the wrong type")
    if not all(type(entry) is _Entry and entry.well_formed() for entry in saved["content"].values()):
        raise TypeError("a content entry of the wrong type")
    if not all(type(problem) is Problem for problem in saved["warnings"]):
        raise TypeError("a warning of the wrong type")


def load_state(project: Project, engine: str, options: tuple, name: str = "build") -> BuildState:
    """The last build's state, or a fresh one when there is none or it belongs to other code/options."""
    _allow_state_types()
    fresh = BuildState(engine=engine, options=options)
    path = _files(project, name)[1]
    saved = _load(project, path, engine)
    if not isinstance(saved, dict) or saved.get("options") != options:
        return fresh
    try:
        _check_state(saved)
        state = BuildState(engine=engine, options=options, inputs=saved["inputs"], outputs=saved["outputs"],
                           written=saved["written"], records=_unpack_records(*saved["records"]),
                           pages=saved["pages"], charts=saved["charts"], warnings=saved["warnings"])
        state.content.entries = saved["content"]
    except (KeyError, TypeError, ValueError, IndexError) as exc:
        _notice(path, CacheProblem(f"incomplete ({exc})"), project)
        return fresh
    return state


def save_state(project: Project, state: BuildState, name: str = "build") -> None:
    """Write both files, each atomically (a half-written cache would be worse than none)."""
    _allow_state_types()
    quick_file, state_file = _files(project, name)
    cachefile.save(state_file, state.engine, {
        "options": state.options, "inputs": state.inputs, "outputs": state.outputs, "written": state.written,
        "records": _pack_records(state.records), "pages": state.pages, "charts": state.charts,
        "content": state.content.entries, "warnings": state.warnings})
    cachefile.save(quick_file, state.engine,
                   QuickState(state.options, state.inputs, state.outputs, state.pages, state.charts, state.warnings))


def clean(project: Project) -> list[str]:
    """Remove the caches, the built site and anything interrupted builds left; returns what was removed."""
    from .write import remove_leftovers

    removed = [project.rel(p) + "/" for p in remove_leftovers(project.output)]
    for folder in (project.cache, project.output):
        if folder.exists():
            shutil.rmtree(folder)
            removed.append(project.rel(folder) + "/")
    return removed
