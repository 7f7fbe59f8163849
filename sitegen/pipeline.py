"""The build: load -> resolve -> render -> write. Every problem is collected before anything is written.

A ``Builder`` keeps what one build learnt for the next (``BuildState``): ``serve`` holds one in
memory, ``build`` loads it from .cache/ and saves it back. Only pages whose inputs changed are
converted again, only outputs whose dependencies changed are rendered again, and only files whose
bytes changed are written. The result is always the same as a clean build's (tests/test_incremental.py).
"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from .buildstate import (
    BuildState,
    OutputRecord,
    engine_version,
    load_state,
    output_key,
    rescan,
    save_state,
    scan_inputs,
    scan_outputs,
)
from .charts import discover_charts, render_charts
from .comparison import load_comparison
from .content import load_pages, reload_pages
from .datasets import load_datasets
from .dependencies import context_fingerprints, digest, site_part
from .errors import BuildError, FileFailure, Problem, Problems, processing, unexpected, utf8_problem
from .glossary import load_glossary
from .model import Asset, BuildOptions, BuildResult, Inputs, Page, Project, Site
from .render import (
    FEED_TEMPLATE,
    RenderUnit,
    generated_files,
    make_environment,
    reload_templates,
    render_unit,
    render_units,
    set_site,
    unit_context,
)
from .resolve import check_anchors, check_links, ids_in, resolve_site, with_all_citations
from .settings import load_settings
from .sources import load_sources
from .static import collect_static
from .workers import parallel_map
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

Progress = Callable[[str, int, int], None]  # (stage, done, total)
DEFAULT_OPTIONS = BuildOptions()


def embeds_by_chart(pages: list[Page]) -> dict[str, list[str]]:
    """Chart name -> 'content/page.md:LINE' of every embed, for error messages."""
    found: dict[str, list[str]] = {}
    for page in pages:
        for embed in page.charts:
            found.setdefault(embed.name, []).append(f"{page.source}:{embed.line}")
    return found


@dataclass
class _Plan:
    """What one build decided: the site, the files to write, the outputs rendered."""

    site: Site
    files: dict[str, bytes] = field(default_factory=dict)  # rendered or generated, by output path
    rendered: list[str] = field(default_factory=list)
    records: dict[str, OutputRecord] = field(default_factory=dict)  # of the outputs rendered
    staging: Path | None = None  # a new site's folder: rendered pages are written there at once
    digests: dict[str, str] = field(default_factory=dict)  # of the pages written there
    made: set[str] = field(default_factory=set)  # every file the output holds after this build
    failed: set[str] = field(default_factory=set)  # outputs whose render failed: their ids are unknown


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
        self.env = make_environment(project)
        self.site: Site | None = None  # the last good build's, while this builder lives (serve)
        self.written_to: Path | None = None
        self.unbuilt: set[Path] = set()  # paths reported changed since the last good build
        self.template_digests: dict[str, str] = {}  # of the templates the environment has compiled
        self.strict = False  # --strict: a warning stops the build like an error
        self.warnings: list[Problem] = []  # of the last build that read its inputs, for the command line

    def build(self, output: Path | None = None, changed: set[Path] | None = None) -> BuildResult:
        """Build into ``output`` (default site/). On any problem, raise BuildError and write nothing.
        ``changed``: the paths that changed since the last build, when known (serve); else all are looked at."""
        started = time.perf_counter()
        target = output or self.project.output
        known = self.state is not None and bool(self.state.inputs.files) and changed is not None
        if changed is not None:
            self.unbuilt |= changed  # kept until a build succeeds: a failed one must not forget them
        inputs = rescan(self.project, self.state.inputs, self.unbuilt) if known else scan_inputs(self.project)
        self.inputs = inputs
        if self.state is None:  # the saved state; build.py asks buildstate.unchanged() first
            self.state = load_state(self.project, self.engine, self.options.key(), self.cache_name)
        state = self.state
        # This builder wrote the output itself last time: trust it rather than stat every file.
        trusted = known and self.written_to == target and target.exists()
        damaged = set() if trusted else scan_outputs(target, state.outputs) if target.exists() else set(state.outputs)
        if state.inputs == inputs and state.outputs and not damaged:
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
        edited = _edited_pages(state.inputs, inputs) if trusted and self.site is not None else None
        # A new tree is assembled beside the output (worker processes write their pages straight
        # into it) and swapped in whole; serve's own folder is changed file by file instead.
        in_place = self.in_place and bool(state.outputs)
        staging = None if in_place else new_staging(target)
        try:
            plan = ((edited is not None and self._guarded(self._assemble_edited, edited))
                    or self._guarded(self._assemble, inputs, staging))
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

    def _fill(self, staging: Path, target: Path, plan: _Plan) -> tuple[list[str], list[str]]:
        """Complete the new tree: write what is new or changed, carry over what is not (by hard
        link from the current output). Returns (files whose bytes changed, files no longer made)."""
        state = self.state
        # Rendered pages are already in ``staging``: the workers wrote them there.
        written = [name for name, data_digest in plan.digests.items() if state.written.get(name) != data_digest]
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

    def _update(self, target: Path, plan: _Plan) -> tuple[list[str], list[str]]:
        """Write into the existing output only what changed, and delete what is no longer made."""
        state = self.state
        changed = {name: data for name, data in plan.files.items() if state.written.get(name) != digest(data)}
        copies = [a for a in plan.site.assets if state.written.get(a.output) != self._asset_key(a)]
        removed = sorted(name for name in state.written if name not in plan.made)
        update_output(target, changed, copies, removed)
        return sorted(changed) + [a.output for a in copies], removed

    def _assemble_edited(self, paths: list[str]) -> _Plan | None:
        """The quick way for the commonest edit, text changed in pages whose front matter did not:
        no other page can show the change (they see pages by title, summary, dates, tags only),
        so only those pages and the feed are rendered again. None when the quick way does not apply."""
        site, problems = self.site, Problems(self.strict)
        self._begin("reading pages", "content/")
        try:
            pages = reload_pages(self.project, paths, site, self.state.content, problems)
        except UnicodeDecodeError:  # the full build reports it, with the file and line
            return None
        if pages is None:
            return None
        pages = [with_all_citations(p, site.comparison, site.glossary, site.sources) for p in pages]
        if any(p.citations != site.by_url[p.url].citations for p in pages):
            return None  # the numbering, and the sources page, change: the full way
        by_url = dict(site.by_url) | {p.url: p for p in pages}
        site = replace(site, pages=tuple(by_url[p.url] for p in site.pages), by_url=by_url)
        check_links(pages, site, problems)
        plan = _Plan(site, made=set(self.state.written))
        # Every other output sees these pages as summaries, which did not change (dependencies.py);
        # the feed shows its pages whole.
        units = [RenderUnit(p.output, p.template, p.source, p) for p in pages]
        units += [u for u in render_units(site) if u.template == FEED_TEMPLATE]
        self._render(plan, units, problems)
        check_anchors(site, self._ids(plan), problems, pages={p.url for p in pages})
        # The other pages' warnings stand as the last build found them; these pages' are new.
        edited = {p.source for p in pages}
        problems.warnings[:0] = [w for w in self.state.warnings if w.path not in edited]
        problems.raise_if_any()
        self.warnings = problems.warnings
        return plan

    def _guarded(self, assemble: Callable[..., _Plan | None], *args: object) -> _Plan | None:
        """Run a way of assembling the site; an exception nobody expected becomes one message
        naming the file (or else the stage) it came from, never a bare traceback."""
        self._stage = ("reading settings.yaml", "settings.yaml")
        try:
            return assemble(*args)
        except FileFailure as failure:
            raise unexpected(failure.path, failure.error, self._stage[0]) from failure
        except (BuildError, UnsafePath):
            raise
        except Exception as exc:  # noqa: BLE001 - the stage is named when no file is
            raise unexpected(self._stage[1], f"{type(exc).__name__}: {exc}", self._stage[0]) from exc

    def _assemble(self, inputs: Inputs, staging: Path | None = None) -> _Plan:
        """Read, check and render everything that changed; raise BuildError listing every problem."""
        project, options, state = self.project, self.options, self.state
        stage = self._begin
        stage("reading settings.yaml", "settings.yaml")
        settings = load_settings(project, options.base_url)
        problems = Problems(self.strict)
        stage("reading sources.yaml", "sources.yaml")
        sources = load_sources(project, problems)
        stage("reading chart data", "charts/data/")
        datasets = load_datasets(project, sources, problems)
        stage("reading chart modules", "charts/")
        definitions = discover_charts(project, datasets, problems)
        chart_sources = {name: definition.sources for name, definition in definitions.items()}
        stage("reading glossary.yaml", "glossary.yaml")
        glossary = load_glossary(project, sources, problems)
        stage("reading pages", "content/")
        pages, assets = load_pages(project, inputs, settings, sources, datasets, chart_sources, options.drafts, problems,
                                   state.content, glossary=glossary,
                                   progress=lambda done, total: self._report("converting Markdown", done, total))
        stage("rendering charts", "charts/")
        charts = render_charts(project, definitions, datasets, embeds_by_chart(pages), problems)
        stage("reading static files", "static/")
        static_files, static_urls = collect_static(project, settings.base_path, options.hashed_static)
        stage("reading compare.yaml", "compare.yaml")
        comparison = load_comparison(project, sources, problems)
        stage("checking links and navigation", "content/")
        site = resolve_site(settings, pages, assets, sources, datasets, charts, comparison, static_files, static_urls,
                            problems, glossary)
        units = render_units(site)
        plan = _Plan(site, files=generated_files(site), staging=staging)
        plan.made = {u.output for u in units} | set(plan.files) | {a.output for a in site.assets}
        # Jinja would crash on a template that is not UTF-8: stop here, naming it and its line.
        not_utf8 = [p for path in sorted(project.templates.rglob("*")) if path.is_file()
                    and (p := utf8_problem(project.rel(path), path.read_bytes()))]
        if not_utf8:
            raise BuildError(problems.items + not_utf8)
        stage("rendering pages", "templates/")
        self._render(plan, units, problems)
        check_anchors(site, self._ids(plan), problems)
        problems.raise_if_any()
        self.warnings = problems.warnings
        return plan

    def _begin(self, name: str, path: str) -> None:
        """Name the stage the build is in, for the message if something unexpected happens in it."""
        self._stage = (name, path)

    def _ids(self, plan: _Plan):  # noqa: ANN202
        """Output -> its element ids, from this build's renders or the records of earlier ones."""
        records = self.state.records

        class Ids(dict):
            def __missing__(self, name: str) -> frozenset[str]:
                return (plan.records.get(name) or records[name]).ids

            def __contains__(self, name: object) -> bool:
                # A page that failed to render has no ids this time, as in a clean build.
                return name not in plan.failed and (name in plan.records or name in records)

        return Ids()

    def _render(self, plan: _Plan, units: list[RenderUnit], problems: Problems) -> None:
        """Render the outputs whose recorded dependencies changed; keep the records of the rest."""
        site, state = plan.site, self.state
        view = set_site(self.env, site)
        template_digests = _template_digests(self.project)
        if template_digests != self.template_digests:
            reload_templates(self.env)
            self.template_digests = template_digests
        prints = state.fingerprints
        if len(units) > 10:  # a whole build: let go of what belonged to pages since replaced
            prints.forget_all_but(site.pages)
        parts: dict[str, str] = {}

        def fingerprint(name: str, unit: RenderUnit, context: dict) -> str:
            kind, _, key = name.partition(":")
            if kind == "template":
                return template_digests.get(key, "missing")
            if kind == "site":
                if key not in parts:
                    parts[key] = site_part(site, key, prints, view.summary)
                return parts[key]
            if kind == "context":
                return prints.value(context[key]) if key in context else "missing"
            if kind == "chart":
                chart = site.charts.get(key)
                if chart is None:
                    return "missing"
                # The figure names its sources and shows, in its tables, any cell that is a source's
                # key by that source's name: so every cell value that is (or would be) a key counts.
                cells = {v for name in chart.definition.datasets for row in site.datasets[name].rows for v in row.values()}
                shown = tuple((k, site.sources.get(k)) for k in sorted(cells | set(chart.definition.sources)))
                return digest(chart.key, tuple(s for _, s in shown if s is not None), tuple(k for k, s in shown if s))
            if kind == "global":
                return digest(site.settings) if key == "settings" else str(bool(site.tags))
            return "unknown"

        def fixed(unit: RenderUnit, context: dict) -> dict[str, str]:
            """What every render of ``unit`` reads, whatever its templates do."""
            found = context_fingerprints(context, prints)
            found["global:settings"] = fingerprint("global:settings", unit, context)
            found["global:has_tags"] = fingerprint("global:has_tags", unit, context)
            for embed in unit.page.charts if unit.page is not None else ():
                found[f"chart:{embed.name}"] = fingerprint(f"chart:{embed.name}", unit, context)
            return found

        contexts = {unit.output: unit_context(site, view, unit) for unit in units}

        def still_valid(unit: RenderUnit) -> bool:
            record = state.records.get(unit.output)
            if record is None:
                return False
            context = contexts[unit.output]
            if fixed(unit, context) != {k: v for k, v in record.dependencies.items() if k.split(":")[0] in
                                        ("context", "global", "chart")}:
                return False
            return all(fingerprint(name, unit, context) == value for name, value in record.dependencies.items()
                       if name.startswith(("template:", "site:")))

        stale = [u for u in units if not still_valid(u)]
        staging = plan.staging

        def render(unit: RenderUnit) -> tuple[bytes | None, str, frozenset[str], list[Problem], frozenset, frozenset]:
            """(bytes unless already written to the staging folder, digest, ids, problems, templates
            loaded, site attributes read)."""
            found = Problems()
            with processing(unit.source):
                data, loaded, reads = render_unit(self.project, self.env, site, unit, contexts[unit.output], found)
            if data is None:
                return None, "", frozenset(), found.items, loaded, reads
            if staging is not None:
                write_file(staging, unit.output, data)
                return None, digest(data), ids_in(data), found.items, loaded, reads
            return data, digest(data), ids_in(data), found.items, loaded, reads

        results = parallel_map(render, stale, progress=lambda done, total: self._report("rendering pages", done, total))
        for unit, (data, data_digest, ids, unit_problems, loaded, reads) in zip(stale, results, strict=True):
            problems.items.extend(unit_problems)
            if not data_digest:
                plan.failed.add(unit.output)
                continue
            if data is None:
                plan.digests[unit.output] = data_digest
            else:
                plan.files[unit.output] = data
            plan.rendered.append(unit.output)
            context = contexts[unit.output]
            dependencies = fixed(unit, context)
            dependencies.update({f"template:{name}": fingerprint(f"template:{name}", unit, context) for name in loaded})
            dependencies.update({f"site:{part}": fingerprint(f"site:{part}", unit, context) for part in reads})
            plan.records[unit.output] = OutputRecord(dict(sorted(dependencies.items())), data_digest, ids)

    def _asset_key(self, asset: Asset) -> str:
        """What a copied file was copied from: its stat key as this build's scan saw it, taken
        before the copy, so an edit saved during the copy is seen by the next build."""
        return f"copy:{self.inputs.files.get(self.project.rel(asset.source))}"

    def _report(self, stage: str, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress(stage, done, total)


def _edited_pages(before: Inputs, after: Inputs) -> list[str] | None:
    """The content-relative paths of Markdown files that changed, if nothing else did (no file
    added, removed or changed anywhere else); otherwise None."""
    if before.files.keys() != after.files.keys() or before.links != after.links:
        return None
    changed = [path for path, key in after.files.items() if before.files[path] != key]
    if not changed or not all(path.startswith("content/") and path.endswith(".md") for path in changed):
        return None
    return [path[len("content/"):] for path in changed]


def _template_digests(project: Project) -> dict[str, str]:
    found = {}
    for path in sorted(project.templates.rglob("*")):
        if path.is_file():
            found[path.relative_to(project.templates).as_posix()] = digest(path.read_bytes())
    return found


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


def check(project: Project, options: BuildOptions = DEFAULT_OPTIONS) -> BuildResult:
    """Build into a throw-away folder to find every problem; site/ and .cache/build are not touched."""
    with tempfile.TemporaryDirectory(prefix="site-check-") as folder:
        result = Builder(project, options, persist=False).build(Path(folder) / "site")
    return result

