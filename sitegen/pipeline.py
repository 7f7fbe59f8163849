"""The build: load -> resolve -> render -> write. Every problem is collected before anything is written.

A ``Builder`` keeps what one build learnt for the next (``BuildState``): ``serve`` holds one in
memory, ``build`` loads it from .cache/ and saves it back. Only pages whose inputs changed are
converted again, only outputs whose dependencies changed are rendered again, and only files whose
bytes changed are written. The result is always the same as a clean build's (tests/test_incremental.py).
"""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from .buildstate import (
    BuildState,
    OutputRecord,
    engine_version,
    load_state,
    rescan,
    save_state,
    scan_inputs,
    scan_outputs,
    stat_key,
)
from .charts import discover_charts, render_charts
from .comparison import load_comparison
from .content import load_pages, reload_pages
from .datasets import load_datasets
from .dependencies import FULL_SITE_TEMPLATES, TemplateInfo, context_reads, digest, site_part
from .errors import BuildError, Problem, Problems
from .model import BuildOptions, BuildResult, Inputs, Page, Project, Site
from .render import (
    FIGURE_TEMPLATE,
    GLOBAL_DEPENDENCIES,
    RenderUnit,
    generated_files,
    make_environment,
    reload_templates,
    render_unit,
    render_units,
    set_site,
    unit_context,
)
from .resolve import check_anchors, check_links, ids_in, resolve_site
from .settings import load_settings
from .sources import load_sources
from .static import collect_static
from .workers import parallel_map
from .write import UnsafePath, new_staging, swap_in, update_output, write_file, write_tree

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


class Builder:
    """Builds one project again and again, redoing only what changed since its last build."""

    def __init__(self, project: Project, options: BuildOptions = DEFAULT_OPTIONS, *, persist: bool = True,
                 progress: Progress | None = None) -> None:
        self.project, self.options, self.persist, self.progress = project, options, persist, progress
        self.engine = engine_version()
        self.state: BuildState | None = None if persist else BuildState(self.engine, options.key())
        self.env = make_environment(project)
        self.site: Site | None = None  # the last good build's, while this builder lives (serve)
        self.written_to: Path | None = None
        self.unbuilt: set[Path] = set()  # paths reported changed since the last good build
        self.template_digests: dict[str, str] = {}  # of the templates the environment has compiled

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
            self.state = load_state(self.project, self.engine, self.options.key())
        state = self.state
        # This builder wrote the output itself last time: trust it rather than stat every file.
        trusted = known and self.written_to == target and target.exists()
        damaged = set() if trusted else scan_outputs(target, state.outputs) if target.exists() else set(state.outputs)
        if state.inputs == inputs and state.outputs and not damaged:
            self.unbuilt = set()
            return BuildResult(state.pages, state.charts, len(state.outputs), time.perf_counter() - started, target,
                               up_to_date=True)
        if not target.exists() or len(damaged) == len(state.outputs):
            state.forget_outputs()
        for name in damaged:
            state.records.pop(name, None)
            state.written.pop(name, None)
        edited = _edited_pages(state.inputs, inputs) if trusted and self.site is not None else None
        # A first build (or one into a new folder) writes a whole new site beside the old one,
        # worker processes writing their pages straight into it; later ones change files in place.
        staging = new_staging(target) if not state.outputs else None
        try:
            plan = (edited is not None and self._assemble_edited(edited)) or self._assemble(inputs, staging)
            if staging is not None:
                write_tree(staging, plan.files, plan.site.assets)
                swap_in(staging, target)
                written, removed = sorted({*plan.files, *plan.digests, *(a.output for a in plan.site.assets)}), []
            else:
                written, removed = self._update(target, plan)
        except UnsafePath as exc:
            raise BuildError([Problem(self.project.rel(target), None, str(exc),
                                      "page paths must stay inside content/")]) from exc
        finally:
            if staging is not None and staging.exists():
                shutil.rmtree(staging, ignore_errors=True)
        # Written: from here on the state describes the new output.
        state.records = {name: record for name, record in {**state.records, **plan.records}.items()
                         if name in plan.made}
        state.written = {name: value for name, value in state.written.items() if name in plan.made}
        state.written.update({name: digest(data) for name, data in plan.files.items()} | plan.digests)
        state.written.update({a.output: _asset_key(a.source) for a in plan.site.assets})
        state.outputs = {name: key for name, key in state.outputs.items() if name in plan.made}
        state.outputs.update({name: key for name in written if (key := stat_key(target / name)) is not None})
        state.pages, state.charts = len(plan.site.pages), len(plan.site.charts)
        state.inputs = inputs
        self.site, self.written_to, self.unbuilt = plan.site, target, set()
        return BuildResult(state.pages, state.charts, len(state.written),
                           time.perf_counter() - started, target, tuple(sorted(plan.rendered)),
                           tuple(sorted(written)), tuple(sorted(removed)))

    def save(self) -> None:
        """Keep this builder's state in .cache/ for the next process (build does, serve at start)."""
        if self.persist and self.state is not None and self.state.outputs:
            save_state(self.project, self.state)

    def _update(self, target: Path, plan: _Plan) -> tuple[list[str], list[str]]:
        """Write into the existing output only what changed, and delete what is no longer made."""
        state = self.state
        changed = {name: data for name, data in plan.files.items() if state.written.get(name) != digest(data)}
        copies = [a for a in plan.site.assets if state.written.get(a.output) != _asset_key(a.source)]
        removed = sorted(name for name in state.written if name not in plan.made)
        update_output(target, changed, copies, removed)
        return sorted(changed) + [a.output for a in copies], removed

    def _assemble_edited(self, paths: list[str]) -> _Plan | None:
        """The quick way for the commonest edit, text changed in pages whose front matter did not:
        no other page can show the change (they see pages by title, summary, dates, tags only),
        so only those pages and the feed are rendered again. None when the quick way does not apply."""
        site, problems = self.site, Problems()
        pages = reload_pages(self.project, paths, site, self.state.content, problems)
        if pages is None:
            return None
        by_url = dict(site.by_url) | {p.url: p for p in pages}
        site = replace(site, pages=tuple(by_url[p.url] for p in site.pages), by_url=by_url)
        check_links(pages, site, problems)
        plan = _Plan(site, made=set(self.state.written))
        units = [RenderUnit(p.output, p.template, p.source, p) for p in pages]
        units += [u for u in render_units(site) if u.template in FULL_SITE_TEMPLATES]
        self._render(plan, units, problems)
        check_anchors(site, self._ids(plan), problems, pages={p.url for p in pages})
        problems.raise_if_any()
        return plan

    def _assemble(self, inputs: Inputs, staging: Path | None = None) -> _Plan:
        """Read, check and render everything that changed; raise BuildError listing every problem."""
        project, options, state = self.project, self.options, self.state
        settings = load_settings(project, options.base_url)
        problems = Problems()
        sources = load_sources(project, problems)
        datasets = load_datasets(project, sources, problems)
        definitions = discover_charts(project, datasets, problems)
        chart_sources = {name: definition.sources for name, definition in definitions.items()}
        pages, assets = load_pages(project, inputs, settings, sources, datasets, chart_sources, options.drafts, problems,
                                   state.content, lambda done, total: self._report("converting Markdown", done, total))
        charts = render_charts(project, definitions, datasets, embeds_by_chart(pages), problems)
        static_files, static_urls = collect_static(project, settings.base_path, options.hashed_static)
        comparison = load_comparison(project, sources, problems)
        site = resolve_site(settings, pages, assets, sources, datasets, charts, comparison, static_files, static_urls,
                            problems)
        units = render_units(site)
        plan = _Plan(site, files=generated_files(site), staging=staging)
        plan.made = {u.output for u in units} | set(plan.files) | {a.output for a in site.assets}
        self._render(plan, units, problems)
        check_anchors(site, self._ids(plan), problems)
        problems.raise_if_any()
        return plan

    def _ids(self, plan: _Plan):  # noqa: ANN202
        """Output -> its element ids, from this build's renders or the records of earlier ones."""
        records = self.state.records

        class Ids(dict):
            def __missing__(self, name: str) -> frozenset[str]:
                return (plan.records.get(name) or records[name]).ids

            def __contains__(self, name: object) -> bool:
                return name in plan.records or name in records

        return Ids()

    def _render(self, plan: _Plan, units: list[RenderUnit], problems: Problems) -> None:
        """Render the outputs whose recorded dependencies changed; keep the records of the rest."""
        site, state = plan.site, self.state
        set_site(self.env, site)
        template_digests = _template_digests(self.project)
        if template_digests != self.template_digests:
            reload_templates(self.env)
            self.template_digests = template_digests
        prints = state.fingerprints
        if len(units) > 10:  # a whole build: let go of what belonged to pages since replaced
            prints.forget_all_but(site.pages)
        parts: dict[str, str] = {}
        infos: dict[str, TemplateInfo] = {}

        def template_info(name: str) -> TemplateInfo:
            if name not in infos:
                infos[name] = state.templates.info(self.env, name, template_digests, problems)
            return infos[name]

        def dependencies(unit: RenderUnit) -> dict[str, str]:
            info = template_info(unit.template)
            names = set(template_digests) if info.any_template else set(info.names)
            site_parts = set(info.site_parts) | set(GLOBAL_DEPENDENCIES)
            page = unit.page
            if page is not None and page.charts:
                figure = template_info(FIGURE_TEMPLATE)
                names |= set(figure.names)
                site_parts |= set(figure.site_parts)
            found = {f"template:{n}": template_digests.get(n, "missing") for n in sorted(names)}
            for part in sorted(site_parts):
                if part not in parts:
                    parts[part] = site_part(site, part, prints)
                found[f"site:{part}"] = parts[part]
            found["global:has_tags"] = str(bool(site.tags))
            if page is not None:
                found[f"page:{page.url}"] = prints.page(page)
                for embed in page.charts:
                    chart = site.charts.get(embed.name)
                    found[f"chart:{embed.name}"] = "missing" if chart is None else digest(
                        chart.key, tuple(site.sources.get(k) for k in chart.definition.sources))
            context = contexts[unit.output] = unit_context(site, unit)
            context_reads(context, prints, found)
            if unit.template in FULL_SITE_TEMPLATES:  # shows other pages whole
                for value in context.values():
                    for shown in value if isinstance(value, list) else ():
                        if isinstance(shown, Page):
                            found[f"page:{shown.url}"] = prints.page(shown)
            return found

        contexts: dict[str, dict] = {}  # computed once, for the dependencies and for the render
        recorded = {unit.output: dependencies(unit) for unit in units}
        stale = [u for u in units if (r := state.records.get(u.output)) is None or r.dependencies != recorded[u.output]]

        staging = plan.staging

        def render(unit: RenderUnit) -> tuple[bytes | None, str, frozenset[str], list[Problem]]:
            """(bytes unless already written to the staging folder, digest, ids, problems)."""
            found = Problems()
            data = render_unit(self.project, self.env, site, unit, contexts[unit.output], found)
            if data is None:
                return None, "", frozenset(), found.items
            if staging is not None:
                write_file(staging, unit.output, data)
                return None, digest(data), ids_in(data), found.items
            return data, digest(data), ids_in(data), found.items

        results = parallel_map(render, stale, progress=lambda done, total: self._report("rendering pages", done, total))
        for unit, (data, data_digest, ids, unit_problems) in zip(stale, results, strict=True):
            problems.items.extend(unit_problems)
            if data_digest:
                if data is None:
                    plan.digests[unit.output] = data_digest
                else:
                    plan.files[unit.output] = data
                plan.rendered.append(unit.output)
                plan.records[unit.output] = OutputRecord(recorded[unit.output], data_digest, ids)

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


def _asset_key(path: Path) -> str:
    info = path.stat()
    return f"copy:{info.st_mtime_ns}:{info.st_size}"


def build(project: Project, options: BuildOptions = DEFAULT_OPTIONS, output: Path | None = None,
          progress: Progress | None = None) -> BuildResult:
    """Build into ``output`` (default site/) with the caches in .cache/; the output changes only if
    the whole build succeeds."""
    builder = Builder(project, options, progress=progress)
    result = builder.build(output)
    if output is None and not result.up_to_date:
        builder.save()
    return result


def check(project: Project, options: BuildOptions = DEFAULT_OPTIONS) -> BuildResult:
    """Build into a throw-away folder to find every problem; site/ and .cache/build are not touched."""
    with tempfile.TemporaryDirectory(prefix="site-check-") as folder:
        result = Builder(project, options, persist=False).build(Path(folder) / "site")
    return result

