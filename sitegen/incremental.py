"""Incremental builds: the layer around the pure build (pipeline.py) that makes it fast and safe.

A ``Builder`` keeps what one build learnt for the next (a ``BuildState``: see buildstate.py for
what is kept and how it is stored): ``serve`` holds one in memory, ``build`` loads it from
.cache/ and saves it back. The whole policy is here and in dependencies.py:

* what changed: the stat keys of every input (buildstate.py), or, under serve, the paths the
  operating system reported; nothing changed and the output intact: stop;
* what can be kept: the memo handed to the assembly (converted pages whose questions still get the
  same answers, outputs whose recorded dependencies are unchanged: dependencies.py);
* the quick way for the commonest edit, a page's text alone (``Assembler.assemble_edited``);
* writing: a new tree swapped in whole for site/, or serve's own folder changed file by file, and
  only files whose bytes changed (write.py); one build at a time (``build_lock``).
"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from .buildstate import (
    BuildState,
    changed_inputs,
    engine_version,
    load_state,
    output_key,
    rescan,
    save_state,
    scan_inputs,
    scan_outputs,
)
from .dependencies import digest
from .errors import BuildError, Problem
from .model import Asset, BuildOptions, BuildResult, Project, Site
from .pipeline import DEFAULT_OPTIONS, Assembler, Plan, Progress
from .write import (
    BuildLock,
    LockedError,
    UnsafePath,
    carry_over,
    copy_file,
    new_staging,
    publish,
    remove_leftovers,
    safe_join,
    update_output,
    write_file,
)


class Builder:
    """Builds one project again and again, redoing only what changed since its last build."""

    def __init__(self, project: Project, options: BuildOptions = DEFAULT_OPTIONS, *, persist: bool = True,
                 progress: Progress | None = None, in_place: bool = False, cache_name: str = "build") -> None:
        """``in_place``: change the output folder file by file (serve's own folder) instead of swapping
        in a new tree (the published site/). ``cache_name``: the folder of .cache/ holding the state."""
        self.project, self.options, self.persist, self.progress = project, options, persist, progress
        self.in_place, self.cache_name = in_place, cache_name
        self.engine = engine_version()
        self.state: BuildState | None = None if persist else BuildState(self.engine, options.key())
        self.assembler = Assembler(project, options, self.state, progress)
        self.site: Site | None = None  # the last good build's, while this builder lives (serve)
        self.written_to: Path | None = None
        self.unbuilt: set[Path] = set()  # paths reported changed since the last good build
        self.strict = False  # --strict: a warning stops the build like an error
        self.warnings: list[Problem] = []  # of the last build, for the command line

    def build(self, output: Path | None = None, changed: set[Path] | None = None) -> BuildResult:
        """Build into ``output`` (default site/). On any problem, raise BuildError and write nothing.
        ``changed``: the paths that changed since the last build, when known (serve); else all are looked at."""
        started = time.perf_counter()
        target = output or self.project.output
        known = self.state is not None and bool(self.state.inputs.files) and changed is not None
        if changed is not None:
            self.unbuilt |= changed  # kept until a build succeeds: a failed one must not forget them
        inputs = rescan(self.project, self.state.inputs, self.unbuilt) if known else scan_inputs(self.project)
        if self.state is None:  # the saved state; build.py asks buildstate.unchanged() first
            self.state = load_state(self.project, self.engine, self.options.key(), self.cache_name)
        state = self.state
        assembler = self.assembler
        assembler.memo, assembler.inputs, assembler.strict = state, inputs, self.strict
        # This builder wrote the output itself last time: trust it rather than stat every file.
        trusted = known and self.written_to == target and target.exists()
        damaged = set() if trusted else scan_outputs(target, state.outputs) if target.exists() else set(state.outputs)
        changed = changed_inputs(state.inputs, inputs, self.project.root)
        if state.outputs and not damaged and changed == []:
            self.unbuilt = set()
            self.warnings = list(state.warnings)
            if self.strict and self.warnings:
                raise BuildError(self.warnings)
            return BuildResult(state.pages, state.charts, len(state.outputs), time.perf_counter() - started, target,
                               up_to_date=True, warnings=state.warnings)
        if not target.exists() or len(damaged) == len(state.outputs):
            state.forget_outputs()
        for name in damaged:
            state.records.pop(name, None)
            state.written.pop(name, None)
        edited = _edited_pages(changed) if trusted and self.site is not None else None
        # A new tree is assembled beside the output (worker processes write their pages straight
        # into it) and swapped in whole; serve's own folder is changed file by file instead.
        in_place = self.in_place and bool(state.outputs)
        staging = None if in_place else new_staging(target)
        try:
            plan = ((edited is not None and assembler.guarded(assembler.assemble_edited, edited, self.site))
                    or assembler.guarded(assembler.assemble, inputs, staging))
            self.warnings = assembler.warnings
            if staging is None:
                written, removed = self._update(target, plan)
            else:
                written, removed = self._fill(staging, target, plan)
                publish(staging, target)
        except UnsafePath as exc:
            raise BuildError([Problem(self.project.rel(target), None, str(exc),
                                      "page paths must stay inside content/")]) from exc
        finally:
            if staging is not None and staging.exists():  # a failed build's tree, or the old site
                shutil.rmtree(staging, ignore_errors=True)
        # Written: from here on the state describes the new output.
        state.records = {name: record for name, record in {**state.records, **plan.records}.items()
                         if name in plan.made}
        state.written = {name: value for name, value in state.written.items() if name in plan.made}
        state.written.update({name: digest(data) for name, data in plan.files.items()} | plan.digests)
        state.written.update({a.output: self._asset_key(a) for a in plan.site.assets})
        state.outputs = {name: key for name, key in state.outputs.items() if name in plan.made}
        state.outputs.update({name: key for name in written if (key := output_key(target / name)) is not None})
        state.pages, state.charts = len(plan.site.pages), len(plan.site.charts)
        state.inputs = inputs
        state.warnings = tuple(self.warnings)
        self.site, self.written_to, self.unbuilt = plan.site, target, set()
        return BuildResult(state.pages, state.charts, len(state.written),
                           time.perf_counter() - started, target, tuple(sorted(plan.rendered)),
                           tuple(sorted(written)), tuple(sorted(removed)))

    def save(self) -> None:
        """Keep this builder's state in .cache/ for the next process (build does, serve at start)."""
        if self.persist and self.state is not None and self.state.outputs:
            save_state(self.project, self.state, self.cache_name)

    def _fill(self, staging: Path, target: Path, plan: Plan) -> tuple[list[str], list[str]]:
        """Complete the new tree: write what is new or changed, carry over what is not (by hard
        link from the current output). Returns (files whose bytes changed, files no longer made)."""
        state = self.state
        # Rendered pages are already in ``staging``: the workers wrote them there. One whose bytes did
        # not change becomes the current file again (a link), so it keeps its identity and times.
        written = []
        for name, data_digest in sorted(plan.digests.items()):
            if state.written.get(name) == data_digest and (target / name).is_file():
                safe_join(staging, name).unlink()
                carry_over(target / name, safe_join(staging, name))
            else:
                written.append(name)
        for name, data in sorted(plan.files.items()):
            if state.written.get(name) == digest(data) and (target / name).is_file():
                carry_over(target / name, safe_join(staging, name))
            else:
                write_file(staging, name, data)
                written.append(name)
        for asset in plan.site.assets:
            if state.written.get(asset.output) == self._asset_key(asset) and (target / asset.output).is_file():
                carry_over(target / asset.output, safe_join(staging, asset.output))
            else:
                copy_file(asset.source, safe_join(staging, asset.output))
                written.append(asset.output)
        done = {*plan.files, *plan.digests, *(a.output for a in plan.site.assets)}
        for name in sorted(plan.made - done):  # rendered by an earlier build and unchanged since
            carry_over(target / name, safe_join(staging, name))
        return sorted(written), sorted(name for name in state.written if name not in plan.made)

    def _update(self, target: Path, plan: Plan) -> tuple[list[str], list[str]]:
        """Write into the existing output only what changed, and delete what is no longer made."""
        state = self.state
        changed = {name: data for name, data in plan.files.items() if state.written.get(name) != digest(data)}
        copies = [a for a in plan.site.assets if state.written.get(a.output) != self._asset_key(a)]
        removed = sorted(name for name in state.written if name not in plan.made)
        update_output(target, changed, copies, removed)
        return sorted(changed) + [a.output for a in copies], removed

    def _asset_key(self, asset: Asset) -> str:
        """What a copied file was copied from: its stat key as this build's scan saw it, taken
        before the copy, so an edit saved during the copy is seen by the next build."""
        return f"copy:{self.assembler.inputs.files.get(self.project.rel(asset.source))}"


def _edited_pages(changed: list[str] | None) -> list[str] | None:
    """The content-relative paths of the Markdown files that changed, if nothing else did."""
    if not changed or not all(path.startswith("content/") and path.endswith(".md") for path in changed):
        return None
    return [path[len("content/"):] for path in changed]


@contextlib.contextmanager
def build_lock(project: Project, cache_name: str = "build") -> Iterator[None]:
    """Hold the lock of one of the project's caches for a build (or a whole serve session)."""
    path = project.cache / cache_name / "lock"
    try:
        with BuildLock(path):
            yield
    except LockedError as exc:
        raise BuildError([Problem(project.rel(path), None, f"another build of this project is running (pid {exc.owner})",
                                  "wait for it to finish, or stop it (the lock goes with the process)")]) from None


def build(project: Project, options: BuildOptions = DEFAULT_OPTIONS, output: Path | None = None,
          progress: Progress | None = None, strict: bool = False) -> tuple[BuildResult, list[Problem]]:
    """Build into ``output`` (default site/) with the caches in .cache/; the output changes only if
    the whole build succeeds, and in one step. Whatever an interrupted build left is removed first.
    Returns the result and the warnings (``strict``: a warning stops the build like an error)."""
    target = output or project.output
    with build_lock(project):
        remove_leftovers(target)
        builder = Builder(project, options, progress=progress)
        builder.strict = strict
        result = builder.build(target)
        if output is None and not result.up_to_date:
            builder.save()
    return result, builder.warnings


def check(project: Project, options: BuildOptions = DEFAULT_OPTIONS,
          strict: bool = False) -> tuple[BuildResult, list[Problem]]:
    """Build into a throw-away folder to find every problem; site/ and .cache/build are not touched.
    Returns the result and the warnings, as ``build`` does."""
    with tempfile.TemporaryDirectory(prefix="site-check-") as folder:
        builder = Builder(project, options, persist=False)
        builder.strict = strict
        result = builder.build(Path(folder) / "site")
    return result, builder.warnings

