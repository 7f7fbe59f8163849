"""A file saved while the build reads it: the next build must repair whatever that build made, so
that its output equals a clean build of the tree as it now is, byte for byte.

Each test makes the race happen in-process and deterministically (no sleeps, no timing luck): it
wraps the point where the build reads a file (a page's text, an attachment's copy, a chart
module between being hashed and being run, a chart's data, a template between being digested and
being compiled) so that the file on disk changes right there, before the build finishes. Then it
builds again, the way ``build`` does (a new Builder each time, state from .cache/, site swapped
in whole) or the way ``serve`` does (one Builder, told the path its file watcher reported, the
quick way for a page whose text alone changed), and compares with ``pipeline.build_site``.

Edits are of a new size, or keep the size and the modification time (as cp -p, rsync -a or an
editor's undo within a second can leave them): only the change time, or the bytes, tell them."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from sitegen import charts, pipeline
from sitegen.incremental import Builder
from sitegen.model import BuildOptions, Project
from sitegen.pipeline import Assembler
from tests.conftest import page, tree_digest, write_files
from tests.test_edit_sequences import clean_build
from tests.test_incremental import CHART, FUNDS_CHART, SITE

MODES = ["build", "serve"]
KEEP_TIME = pytest.mark.parametrize("keep_time", [False, True], ids=["new size", "same size and time"])
# After the racing build: build, then undo the save made during it and build again; or undo it at
# once, so that the next build sees the file as the racing build first found it.
SEQUENCES = pytest.mark.parametrize("sequence", ["build, undo, build", "undo, build"])


class Session:
    """Builds one project again and again as ``build`` does (``mode="build"``: a new Builder per
    build, its state saved in .cache/build/) or as ``serve`` does (one Builder, in place, told what
    changed), and checks its output against a clean build of the files as they are now."""

    def __init__(self, root: Path, mode: str) -> None:
        self.root, self.mode = root, mode
        self.options = BuildOptions(hashed_static=mode == "build")
        self.output = root / "out" / "site"
        self.serve = Builder(Project(root), self.options, in_place=True, cache_name="serve") if mode == "serve" else None

    def build(self, *changed: Path) -> None:
        """One build; ``changed``: what serve's watcher reported since the last one."""
        if self.serve is not None:
            self.serve.build(self.output, changed=set(changed) if self.serve.site is not None else None)
        else:
            builder = Builder(Project(self.root), self.options)
            builder.build(self.output)
            builder.save()

    def assert_clean(self, step: str) -> None:
        """The output equals pipeline.build_site's of a copy of the project's files as they are now,
        built with a chart store of its own: the project's may hold what a racing build left."""
        clean = self.root.parent / "clean"
        if clean.exists():
            for entry in clean.iterdir():
                if entry.name != ".cache":  # its charts were only ever rendered by clean builds
                    shutil.rmtree(entry) if entry.is_dir() else entry.unlink()
        shutil.copytree(self.root, clean, ignore=shutil.ignore_patterns(".cache", "out"), dirs_exist_ok=True)
        expected, problems = clean_build(clean, self.options)
        assert problems == [], problems
        actual = tree_digest(self.output)
        differing = sorted(name for name in {*expected, *actual} if expected.get(name) != actual.get(name))
        assert actual == expected, f"{step}: differs from a clean build of the files as they are now: {differing}"


def save(path: Path, data: str | bytes, keep_time: bool = False) -> None:
    """Write ``data`` over ``path``; ``keep_time``: it must be the same size, and the file keeps its
    access and modification times (its change time cannot be kept)."""
    data = data.encode("utf-8") if isinstance(data, str) else data
    before = path.stat()
    path.write_bytes(data)
    if keep_time:
        assert len(data) == before.st_size, "a same-size edit must keep the size"
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
        assert (path.stat().st_size, path.stat().st_mtime_ns) == (before.st_size, before.st_mtime_ns)


def race_reads(monkeypatch: pytest.MonkeyPatch, path: Path, edit: Callable[[], None], before: bool = False) -> list[str]:
    """The first time the build reads ``path`` with Path.read_text or Path.read_bytes, run ``edit``
    right after the read (``before``: right before it, after the scan). Returns a list that gets
    the name of the read, to check the race happened."""
    fired: list[str] = []
    for name in ("read_text", "read_bytes"):
        original = getattr(Path, name)

        def read(self: Path, *args, original=original, name=name, **kwargs):  # noqa: ANN001, ANN202
            if fired or self != path:
                return original(self, *args, **kwargs)
            fired.append(name)
            if before:
                edit()
            result = original(self, *args, **kwargs)
            if not before:
                edit()
            return result

        monkeypatch.setattr(Path, name, read)
    return fired


def race_after(monkeypatch: pytest.MonkeyPatch, owner: object, name: str, wanted: Callable[..., bool],
               edit: Callable[[], None], first: bool = False) -> list[str]:
    """Wrap ``owner.name``: the first call for which ``wanted(*args)`` holds runs ``edit`` right after
    the call (``first``: right before it). Returns a list that gets ``name`` when it fired."""
    original = getattr(owner, name)
    fired: list[str] = []

    def wrapper(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        if fired or not wanted(*args):
            return original(*args, **kwargs)
        fired.append(name)
        if first:
            edit()
        result = original(*args, **kwargs)
        if not first:
            edit()
        return result

    monkeypatch.setattr(owner, name, wrapper)
    return fired


def finish(session: Session, sequence: str, changed: Path, undo: Callable[[], None]) -> None:
    """What follows the racing build (see SEQUENCES); serve's watcher reports ``changed`` each time."""
    if sequence == "build, undo, build":
        session.build(changed)
        session.assert_clean("the build after the race")
    undo()
    session.build(changed)
    session.assert_clean("the build after the save made during the race was undone")


def version(n: int, title: str = "Kizilsu") -> str:
    """The page's Markdown at version ``n`` (one digit: every version has the same size)."""
    return page(title, f"## Schools\n\nVersion {n} of the text [@state-report].", order=2, date="2021-12-01")


# (1) A Markdown page saved while a full incremental build reads it.

@SEQUENCES
@pytest.mark.parametrize("when", ["after the read", "between the scan and the read"])
@KEEP_TIME
@pytest.mark.parametrize("mode", MODES)
def test_a_page_saved_while_a_full_build_reads_it(make_site, monkeypatch, mode, keep_time, when, sequence):
    root = make_site({**SITE, "content/xinjiang/kizilsu.md": version(0)})
    session = Session(root, mode)
    session.build()
    target = root / "content/xinjiang/kizilsu.md"
    pager = root / "templates/partials/pager.html"
    write_files(root, {"content/xinjiang/kizilsu.md": version(1)})
    pager.write_text(pager.read_text() + "{# a template changed too: the full way, not the quick one #}\n")
    with monkeypatch.context() as patch:
        fired = race_reads(patch, target, lambda: save(target, version(2), keep_time),
                           before=when != "after the read")
        session.build(target, pager)
    assert fired, "the build never read the page"
    finish(session, sequence, target, lambda: save(target, version(1), keep_time))


# (2) A page saved while serve's quick path (Assembler.assemble_edited) reads it.

QUICK_EDITS = {
    "text": (version(2), False),
    "text, same size and time": (version(2), True),
    "title": (version(2, title="Kizilsu prefecture"), False),  # the next build cannot go the quick way
}


@SEQUENCES
@pytest.mark.parametrize("edit", QUICK_EDITS.values(), ids=QUICK_EDITS.keys())
def test_a_page_saved_while_serves_quick_path_reads_it(make_site, monkeypatch, edit, sequence):
    text, keep_time = edit
    root = make_site({**SITE, "content/xinjiang/kizilsu.md": version(0)})
    session = Session(root, "serve")
    session.build()
    target = root / "content/xinjiang/kizilsu.md"
    write_files(root, {"content/xinjiang/kizilsu.md": version(1)})
    quick: list[bool] = []
    with monkeypatch.context() as patch:
        original = Assembler.assemble_edited

        def spy(self, *args):  # noqa: ANN001, ANN202
            plan = original(self, *args)
            quick.append(plan is not None)
            return plan

        patch.setattr(Assembler, "assemble_edited", spy)
        fired = race_reads(patch, target, lambda: save(target, text, keep_time))
        session.build(target)
    assert fired and quick == [True], "the race must happen in the quick path"
    finish(session, sequence, target, lambda: save(target, version(1), keep_time))


# (3) An attachment of content/ (a PDF, copied into the site) saved while it is being copied.

def pdf(n: int) -> bytes:
    return b"%PDF-1.4\n% version " + str(n).encode() + b" of the report\n%%EOF\n"


@SEQUENCES
@KEEP_TIME
@pytest.mark.parametrize("mode", MODES)
def test_an_attachment_saved_while_it_is_copied(make_site, monkeypatch, mode, keep_time, sequence):
    root = make_site({**SITE, "content/xinjiang/report.pdf": pdf(0),
                      "content/xinjiang/results.md": page("Results", "See [the report](report.pdf).", order=3)})
    session = Session(root, mode)
    session.build()
    attachment = root / "content/xinjiang/report.pdf"
    write_files(root, {"content/xinjiang/report.pdf": pdf(1)})
    with monkeypatch.context() as patch:
        fired = race_after(patch, shutil, "copyfile", lambda source, target, **_: Path(source) == attachment,
                           lambda: save(attachment, pdf(2), keep_time))
        session.build(attachment)
    assert fired, "the build never copied the attachment"
    finish(session, sequence, attachment, lambda: save(attachment, pdf(1), keep_time))


# (4) A chart module saved after the build hashed it and before it ran it. The rendered chart is
# kept in .cache/charts/ under that hash: undoing the save brings the hash back.

CHART_EDITS = {  # keep_time -> the module as saved during the build
    False: CHART.replace("mark_bar()", "mark_point()"),
    True: CHART.replace('x="yuan:Q", y="province:N"', 'y="yuan:Q", x="province:N"'),  # the same size
}
CHART_PAGE = {**SITE, **FUNDS_CHART, "content/xinjiang/results.md": page("Results", "{{< chart funds >}}", order=3)}


@SEQUENCES
@KEEP_TIME
@pytest.mark.parametrize("mode", MODES)
def test_a_chart_module_saved_between_being_hashed_and_run(make_site, monkeypatch, mode, keep_time, sequence):
    root = make_site(CHART_PAGE)
    module = root / "charts/funds.py"
    session = Session(root, mode)
    with monkeypatch.context() as patch:
        # charts._render runs the module; its cache key (charts.cache_key) is worked out before.
        fired = race_after(patch, charts, "_render", lambda definition, datasets, *_: definition.path == module,
                           lambda: save(module, CHART_EDITS[keep_time], keep_time), first=True)
        session.build()
    assert fired, "the build never ran the chart module"
    finish(session, sequence, module, lambda: save(module, CHART, keep_time))


# (5) A chart's data (CSV) saved while the build reads it.

@SEQUENCES
@KEEP_TIME
@pytest.mark.parametrize("mode", MODES)
def test_chart_data_saved_while_it_is_read(make_site, monkeypatch, mode, keep_time, sequence):
    root = make_site(CHART_PAGE)
    data = root / "charts/data/funds.csv"
    session = Session(root, mode)
    with monkeypatch.context() as patch:
        fired = race_reads(patch, data, lambda: save(data, "province,yuan\nJiangsu,15\nShanghai,20\n", keep_time))
        session.build()
    assert fired, "the build never read the data"
    finish(session, sequence, data, lambda: save(data, FUNDS_CHART["charts/data/funds.csv"], keep_time))


# (6) A template saved after the build digested it for its records and before Jinja compiled it.

@SEQUENCES
@pytest.mark.parametrize("mode", MODES)
def test_a_template_saved_between_being_digested_and_compiled(make_site, monkeypatch, mode, sequence):
    root = make_site(SITE)
    pager = root / "templates/partials/pager.html"
    good = pager.read_text()
    session = Session(root, mode)
    with monkeypatch.context() as patch:
        # Saved as the first page is about to be rendered: after the build read every template to
        # digest it for the records, before Jinja compiles the ones the page uses.
        fired = race_after(patch, pipeline, "render_unit", lambda *args: True,
                           lambda: pager.write_text(good + '<p class="raced">A line saved during the build.</p>\n'),
                           first=True)
        session.build()
    assert fired, "the build never rendered a page"
    finish(session, sequence, pager, lambda: pager.write_text(good))
