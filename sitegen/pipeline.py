"""The build itself: load -> resolve -> render. Every problem is collected before anything is written.

``Assembler.assemble`` reads a project's files and makes every output, as a pure function of what
it reads; ``build_site`` runs it on a clean slate and returns the whole site as bytes. The
incremental layer around it (incremental.py: what changed, what can be kept, writing) only hands
it a memo of earlier work, so an incremental build and a clean one cannot differ by design; the
tests compare them all the same (tests/test_edit_sequences.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from .buildstate import BuildState, OutputRecord, engine_version, scan_inputs
from .cards import render_cards
from .charts import discover_charts, render_charts
from .comparison import load_comparisons
from .content import load_pages, reload_pages
from .datasets import load_datasets
from .dependencies import context_fingerprints, digest, site_part
from .errors import BuildError, FileFailure, Problem, Problems, processing, unexpected, utf8_problem
from .fonts import edition_fonts, font_files
from .glossary import load_glossaries
from .languages import edition_of_url
from .model import BuildOptions, Inputs, Page, Project, Site
from .render import (
    FEED_TEMPLATE,
    RenderUnit,
    chart_for,
    generated_files,
    make_environment,
    reload_templates,
    render_unit,
    render_units,
    set_site,
    special_unit,
    unit_context,
)
from .resolve import check_anchors, check_links, ids_in, resolve_site, with_all_citations
from .settings import load_settings
from .sources import load_sources
from .static import collect_static
from .strings import load_strings
from .workers import parallel_map
from .write import UnsafePath, write_file

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
class Plan:
    """What one build decided: the site, the files to write, the outputs rendered."""

    site: Site
    files: dict[str, bytes] = field(default_factory=dict)  # rendered or generated, by output path
    rendered: list[str] = field(default_factory=list)
    records: dict[str, OutputRecord] = field(default_factory=dict)  # of the outputs rendered
    staging: Path | None = None  # a new site's folder: rendered pages are written there at once
    digests: dict[str, str] = field(default_factory=dict)  # of the pages written there
    made: set[str] = field(default_factory=set)  # every file the output holds after this build
    failed: set[str] = field(default_factory=set)  # outputs whose render failed: their ids are unknown


class Assembler:
    """Assembles a project's site from its files: loads, checks and renders every output, a pure
    function of what it reads. ``memo`` (a BuildState) holds what earlier runs worked out (converted
    pages, the records of rendered outputs): it lets the assembly skip work whose result it already
    has, and changes nothing in the result. A fresh memo is a clean build (``build_site``)."""

    def __init__(self, project: Project, options: BuildOptions = DEFAULT_OPTIONS, memo: BuildState | None = None,
                 progress: Progress | None = None) -> None:
        self.project, self.options, self.progress = project, options, progress
        self.memo = memo if memo is not None else BuildState(engine_version(), options.key())
        self.env = make_environment(project)  # kept across runs: templates are compiled once
        self.template_digests: dict[str, str] = {}  # of the templates the environment has compiled
        self.strict = False  # --strict: a warning stops the build like an error
        self.warnings: list[Problem] = []  # of the last run that read its inputs
        self.inputs = Inputs({})  # the file list of the run, as scanned
        self._stage = ("reading settings.yaml", "settings.yaml")

    def assemble_edited(self, paths: list[str], site: Site) -> Plan | None:
        """The quick way for the commonest edit, text changed in pages whose front matter did not:
        no other page can show the change (they see pages by title, summary, dates, tags only),
        so only those pages and the feed are rendered again. None when the quick way does not apply.
        ``site``: the last good build's."""
        problems = Problems(self.strict)
        self._begin("reading pages", "content/")
        try:
            pages = reload_pages(self.project, paths, site, self.memo.content, problems)
        except UnicodeDecodeError:  # the full build reports it, with the file and line
            return None
        if pages is None or any(site.fonts_css.get(edition_of_url(p.url, site.settings.languages)) for p in pages):
            return None  # (an edition with fonts: new text may need characters its fonts were cut without)
        pages = [with_all_citations(p, site.comparisons, site.glossaries, site.sources, site.settings) for p in pages]
        if any(p.citations != site.by_url[p.url].citations for p in pages):
            return None  # the numbering, and the sources page, change: the full way
        by_url = dict(site.by_url) | {p.url: p for p in pages}
        site = replace(site, pages=tuple(by_url[p.url] for p in site.pages), by_url=by_url)
        check_links(pages, site, problems)
        plan = Plan(site, made=set(self.memo.written))
        if site.settings.social_cards:  # a page's lead chart is in its text
            plan.files.update(render_cards(self.project, site, pages))
        # Every other output sees these pages as summaries, which did not change (dependencies.py);
        # the feed shows its pages whole.
        units = [RenderUnit(p.output, p.template, p.source, p) for p in pages]
        units.append(special_unit(FEED_TEMPLATE))
        units.extend(special_unit(FEED_TEMPLATE, lang) for lang in site.settings.translations)
        self._render(plan, units, problems, _read_templates(self.project))
        check_anchors(site, self._ids(plan), problems, pages={p.url for p in pages})
        # The other pages' warnings stand as the last build found them; these pages' are new.
        edited = {p.source for p in pages}
        problems.warnings[:0] = [w for w in self.memo.warnings if w.path not in edited]
        problems.raise_if_any()
        self.warnings = problems.warnings
        return plan

    def guarded(self, assemble: Callable[..., Plan | None], *args: object) -> Plan | None:
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

    def assemble(self, inputs: Inputs, staging: Path | None = None) -> Plan:
        """Read, check and render everything that changed; raise BuildError listing every problem."""
        project, options, state = self.project, self.options, self.memo
        stage = self._begin
        stage("reading settings.yaml", "settings.yaml")
        settings = load_settings(project, options.base_url)
        problems = Problems(self.strict)
        stage("reading the interface strings", "i18n/")
        strings = load_strings(project, settings, problems)
        problems.raise_if_any()  # every later stage writes with them
        stage("reading sources.yaml", "sources.yaml")
        sources = load_sources(project, problems)
        stage("reading chart data", "charts/data/")
        datasets = load_datasets(project, sources, problems)
        stage("reading chart modules", "charts/")
        definitions = discover_charts(project, datasets, problems)
        chart_sources = {name: definition.sources for name, definition in definitions.items()}
        stage("reading glossary.yaml", "glossary.yaml")
        glossaries = load_glossaries(project, settings, sources, problems)
        stage("reading pages", "content/")
        pages, assets = load_pages(project, inputs, settings, sources, datasets, chart_sources, options.drafts, problems,
                                   state.content, glossaries=glossaries, strings=strings,
                                   progress=lambda done, total: self._report("converting Markdown", done, total))
        stage("rendering charts", "charts/")
        translated = {lang: tuple((e.name, p.source, e.line) for p in pages if edition_of_url(p.url, settings.languages) == lang
                                  for e in p.charts) for lang in settings.translations}
        chart_fonts = {lang: fonts["charts"] for lang in settings.translations
                       if "charts" in (fonts := font_files(project, lang))}
        charts, translated_charts = render_charts(project, definitions, datasets, embeds_by_chart(pages), problems,
                                                  translated, chart_fonts)
        stage("reading static files", "static/")
        static_files, static_urls = collect_static(project, settings.base_path, options.hashed_static)
        stage("reading compare.yaml", "compare.yaml")
        comparisons = load_comparisons(project, settings, sources, problems)
        stage("checking links and navigation", "content/")
        site = resolve_site(settings, pages, assets, sources, datasets, charts, comparisons, static_files, static_urls,
                            problems, glossaries, strings, translated_charts)
        stage("cutting fonts", "fonts/")
        font_outputs, fonts_css = edition_fonts(project, site)
        site = replace(site, fonts_css=fonts_css)
        units = render_units(site)
        plan = Plan(site, files=generated_files(site) | font_outputs, staging=staging)
        if settings.social_cards:
            stage("drawing social cards", "content/")
            plan.files.update(render_cards(project, site, site.pages))
        plan.made = {u.output for u in units} | set(plan.files) | {a.output for a in site.assets}
        templates = _read_templates(project)
        # Jinja would crash on a template that is not UTF-8: stop here, naming it and its line.
        not_utf8 = [p for name, data in templates.items() if (p := utf8_problem(f"templates/{name}", data))]
        if not_utf8:
            raise BuildError(problems.items + not_utf8)
        stage("rendering pages", "templates/")
        self._render(plan, units, problems, templates)
        check_anchors(site, self._ids(plan), problems)
        problems.raise_if_any()
        self.warnings = problems.warnings
        return plan

    def _begin(self, name: str, path: str) -> None:
        """Name the stage the build is in, for the message if something unexpected happens in it."""
        self._stage = (name, path)

    def _ids(self, plan: Plan):  # noqa: ANN202
        """Output -> its element ids, from this build's renders or the records of earlier ones."""
        records = self.memo.records

        class Ids(dict):
            def __missing__(self, name: str) -> frozenset[str]:
                return (plan.records.get(name) or records[name]).ids

            def __contains__(self, name: object) -> bool:
                # A page that failed to render has no ids this time, as in a clean build.
                return name not in plan.failed and (name in plan.records or name in records)

        return Ids()

    def _render(self, plan: Plan, units: list[RenderUnit], problems: Problems, templates: dict[str, bytes]) -> None:
        """Render the outputs whose recorded dependencies changed; keep the records of the rest.
        ``templates``: every template's bytes as this build read them, which are both what the
        records fingerprint and what Jinja compiles."""
        site, state = plan.site, self.memo
        view = set_site(self.env, site)
        template_digests = {name: digest(data) for name, data in templates.items()}
        if template_digests != self.template_digests:
            reload_templates(self.env, templates)
            self.template_digests = template_digests
        prints = state.fingerprints
        if len(units) > 10:  # a whole build: let go of what belonged to pages since replaced
            prints.forget_all_but(site.pages)
        parts: dict[str, str] = {}

        def fingerprint(name: str, context: dict) -> str:
            """The fingerprint of one dependency; ``context`` is only read for 'context:KEY'."""
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
                if name not in parts:
                    parts[name] = chart_fingerprint(key)
                return parts[name]
            if kind == "global":
                return digest(site.settings) if key == "settings" else str(sorted(site.tags))  # editions with tags
            return "unknown"

        def chart_fingerprint(key: str) -> str:
            name, _, lang = key.partition("@")  # 'map_china@ur': the chart as a translation's pages show it
            chart = chart_for(site, name, lang or site.settings.language)
            if chart is None:
                return "missing"
            # The figure names its sources and shows, in its tables, any cell that is a source's
            # key by that source's name: so every cell value that is (or would be) a key counts.
            # A map has no cells; its bytes, like a table's, are in the chart's key.
            cells = {v for name in chart.definition.datasets for row in site.datasets[name].rows for v in row.values()}
            shown = tuple((k, site.sources.get(k)) for k in sorted(cells | set(chart.definition.sources)))
            return digest(chart.key, tuple(s for _, s in shown if s is not None), tuple(k for k, s in shown if s))

        def fixed(unit: RenderUnit, context: dict) -> dict[str, str]:
            """What every render of ``unit`` reads, whatever its templates do."""
            found = context_fingerprints(context, prints)
            found["global:settings"] = fingerprint("global:settings", context)
            found["global:has_tags"] = fingerprint("global:has_tags", context)
            edition = context.get("edition", site.settings.language)
            at = "" if edition == site.settings.language else f"@{edition}"
            for embed in unit.page.charts if unit.page is not None else ():
                found[f"chart:{embed.name}{at}"] = fingerprint(f"chart:{embed.name}{at}", context)
            return found

        # Worked out when first needed: for a unit rendered anew, in the worker that renders it.
        contexts: dict[str, dict] = {}
        always: dict[str, dict[str, str]] = {}  # for the check and the record

        def context_of(unit: RenderUnit) -> dict:
            if unit.output not in contexts:
                contexts[unit.output] = unit_context(site, view, unit)
            return contexts[unit.output]

        def fixed_of(unit: RenderUnit) -> dict[str, str]:
            if unit.output not in always:
                always[unit.output] = fixed(unit, context_of(unit))
            return always[unit.output]

        def still_valid(unit: RenderUnit) -> bool:
            record = state.records.get(unit.output)
            if record is None:
                return False
            if fixed_of(unit) != {k: v for k, v in record.dependencies.items() if k.split(":")[0] in
                                  ("context", "global", "chart")}:
                return False
            context = context_of(unit)
            return all(fingerprint(name, context) == value for name, value in record.dependencies.items()
                       if name.startswith(("template:", "site:")))

        stale = [u for u in units if not still_valid(u)]
        staging = plan.staging

        def render(unit: RenderUnit) -> tuple[bytes | None, str, frozenset[str], list[Problem], frozenset, frozenset,
                                              dict[str, str]]:
            """(bytes unless already written to the staging folder, digest, ids, problems, templates
            loaded, site attributes read, the fixed dependencies)."""
            found = Problems()
            fixed_prints = fixed_of(unit)
            with processing(unit.source):
                data, loaded, reads = render_unit(self.project, self.env, site, unit, context_of(unit), found)
            if data is None:
                return None, "", frozenset(), found.items, loaded, reads, fixed_prints
            if staging is not None:
                write_file(staging, unit.output, data)
                return None, digest(data), ids_in(data), found.items, loaded, reads, fixed_prints
            return data, digest(data), ids_in(data), found.items, loaded, reads, fixed_prints

        results = parallel_map(render, stale, progress=lambda done, total: self._report("rendering pages", done, total))
        for unit, (data, data_digest, ids, unit_problems, loaded, reads, fixed_prints) in zip(stale, results,
                                                                                              strict=True):
            problems.items.extend(unit_problems)
            if not data_digest:
                plan.failed.add(unit.output)
                continue
            if data is None:
                plan.digests[unit.output] = data_digest
            else:
                plan.files[unit.output] = data
            plan.rendered.append(unit.output)
            dependencies = dict(fixed_prints)
            dependencies.update({f"template:{name}": fingerprint(f"template:{name}", {}) for name in loaded})
            dependencies.update({f"site:{part}": fingerprint(f"site:{part}", {}) for part in reads})
            plan.records[unit.output] = OutputRecord(dict(sorted(dependencies.items())), data_digest, ids)

    def _report(self, stage: str, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress(stage, done, total)



def _read_templates(project: Project) -> dict[str, bytes]:
    """Every file of templates/ by its name there, read once for the whole build."""
    return {path.relative_to(project.templates).as_posix(): path.read_bytes()
            for path in sorted(project.templates.rglob("*")) if path.is_file()}


def build_site(project: Project, options: BuildOptions = DEFAULT_OPTIONS) -> dict[str, bytes]:
    """The whole site, clean: every output file's bytes by its path in the site. No cache is read
    or written except the rendered-chart store (.cache/charts/), which is keyed by everything a
    chart is made from."""
    assembler = Assembler(project, options)
    plan = assembler.guarded(assembler.assemble, scan_inputs(project), None)
    files = dict(plan.files)
    for asset in plan.site.assets:
        files[asset.output] = asset.source.read_bytes()
    return dict(sorted(files.items()))
