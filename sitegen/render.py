"""Render the resolved site with Jinja: pages, 404, feed, sitemap and robots.txt -> bytes."""

from __future__ import annotations

import datetime as dt
import functools
import json
import traceback
from dataclasses import dataclass, replace
from pathlib import Path

import jinja2
from markupsafe import Markup

from .datasets import format_number, is_numeric_column
from .errors import Problems
from .markup import CHART_MARKER
from .model import ChartEmbed, ChartOutput, Dataset, Page, Project, Site, Source
from .resolve import DATA_FOLDER, breadcrumbs, neighbours, tag_slug
from .sources import KINDS

# Only the site's own files may run or style a page: no inline code, no eval, no other origin.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'"
)
FEED_ENTRIES = 20
SPECIAL_FILES = {"feed.xml": "feed.xml", "sitemap.xml": "sitemap.xml", "robots.txt": "robots.txt"}


def long_date(value: dt.date) -> str:
    """3 November 2021 (no leading zero, same in every locale)."""
    return f"{value.day} {value.strftime('%B')} {value.year}"


class Addresses:
    """The filters that make addresses: ``{{ page.url | url }}``, ``{{ page.url | absolute }}``,
    ``{{ 'css/site.css' | asset }}``, ``{{ tag | tag_url }}`` (as Eleventy's ``url`` filter). They
    read the site of the current build. They take the render context, which they do not need,
    because that stops Jinja from working out ``'css/site.css' | asset`` once, when it compiles a
    template, and reusing the answer in later builds."""

    def __init__(self) -> None:
        self.site: Site | None = None
        self.base_path = "/"

    @jinja2.pass_context
    def url(self, context: jinja2.runtime.Context, path: str) -> str:
        """A site URL with the base path: '/xinjiang/' -> '/repo/xinjiang/'."""
        return self.base_path + path.lstrip("/")

    @jinja2.pass_context
    def absolute(self, context: jinja2.runtime.Context, path: str) -> str:
        """'/xinjiang/' -> 'https://host/repo/xinjiang/'."""
        return self.site.settings.absolute(path)

    @jinja2.pass_context
    def asset(self, context: jinja2.runtime.Context, name: str) -> str:
        """A file of static/ by its name there: 'css/site.css' -> '/static/css/site.3f2a1b9c0d.css'."""
        if name not in self.site.static_urls:
            raise KeyError(f"no static file '{name}' (have: {', '.join(sorted(self.site.static_urls)) or 'none'})")
        return self.site.static_urls[name]

    @jinja2.pass_context
    def tag_url(self, context: jinja2.runtime.Context, tag: str) -> str:
        return self.base_path + f"tags/{tag_slug(tag)}/"


def make_environment(project: Project) -> jinja2.Environment:
    """The Jinja environment; kept across builds so templates are compiled once (and again when
    edited: ``reload_templates``)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(project.templates),
        autoescape=jinja2.select_autoescape(["html", "xml"]),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # a stat per template per page otherwise; the build knows when they change
    )
    addresses = Addresses()
    env.filters.update(long_date=long_date, claim_kind=lambda kind: KINDS.get(kind, kind), url=addresses.url,
                       absolute=addresses.absolute, asset=addresses.asset, tag_url=addresses.tag_url)
    env.globals["addresses"] = addresses
    return env


def reload_templates(env: jinja2.Environment) -> None:
    """Forget compiled templates: one of the files changed."""
    env.cache.clear()


def set_site(env: jinja2.Environment, site: Site) -> None:
    """Point the environment at this build's site. What the globals and filters read is recorded
    as the dependencies every output has (see ``GLOBAL_DEPENDENCIES``)."""
    addresses = env.globals["addresses"]
    addresses.site, addresses.base_path = site, site.settings.base_path
    env.globals.update(site=site, settings=site.settings, csp=CONTENT_SECURITY_POLICY, has_tags=bool(site.tags))


GLOBAL_DEPENDENCIES = ("settings", "static_urls")  # site parts every output reads through the globals


def _location(exc: BaseException, project: Project) -> tuple[str, int | None]:
    """The template file and line an exception came from (Jinja rewrites tracebacks to point there)."""
    if isinstance(exc, jinja2.TemplateSyntaxError) and exc.filename:
        return project.rel(Path(exc.filename)), exc.lineno
    templates = str(project.templates.resolve())
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if str(Path(frame.filename).resolve()).startswith(templates):
            return project.rel(Path(frame.filename)), frame.lineno
    return project.rel(project.templates), None


def citation_numbers(page: Page) -> dict[str, int]:
    """Source key -> its number on the page, as the text's [n] links show it."""
    return {key: number for number, key in enumerate(page.citations, start=1)}


def cited_sources(site: Site, page: Page) -> list[tuple[int, Source]]:
    return [(number, site.sources[key]) for key, number in citation_numbers(page).items() if key in site.sources]


def chart_urls(chart: ChartOutput) -> dict[str, str]:
    """Where a chart's files are served, by kind: names carry the chart's hash, so caches never go stale."""
    stem = f"charts/{chart.definition.name}.{chart.key[:10]}"
    return {kind: f"{stem}.{kind.replace('_', '.')}" for kind in ("light_svg", "dark_svg", "light_vg.json", "dark_vg.json")}


def chart_files(site: Site) -> dict[str, bytes]:
    """The SVGs and Vega specs of every chart, and each dataset's CSV and metadata."""
    files: dict[str, bytes] = {}
    for chart in site.charts.values():
        urls = chart_urls(chart)
        files.update({urls["light_svg"]: chart.light_svg, urls["dark_svg"]: chart.dark_svg,
                      urls["light_vg.json"]: chart.light_vega, urls["dark_vg.json"]: chart.dark_vega})
    for dataset in site.datasets.values():
        files[f"{DATA_FOLDER}/{dataset.name}.csv"] = dataset.csv_bytes
        files[f"{DATA_FOLDER}/{dataset.name}.json"] = dataset_metadata(site, dataset)
    return files


def suggested_citation(site: Site, dataset: Dataset) -> str:
    origins = "; ".join(f"{s.publisher}, \u201c{s.title}\u201d ({s.date})" for s in dataset_sources(site, dataset))
    address = site.settings.absolute(f"/{DATA_FOLDER}/{dataset.name}.csv")
    return f"{site.settings.title}, \u201c{dataset.title}\u201d, data from {origins}. {address}"


def dataset_sources(site: Site, dataset: Dataset) -> list[Source]:
    return [site.sources[key] for key in dataset.sources if key in site.sources]


def dataset_metadata(site: Site, dataset: Dataset) -> bytes:
    """A Frictionless Data 'data resource' describing the CSV: its fields, sources and a citation."""
    fields = []
    for column in dataset.columns:
        field = {"name": column.name, "title": column.label,
                 "type": "number" if is_numeric_column(dataset, column.name) else "string"}
        if column.unit:
            field["unit"] = column.unit
        fields.append(field)
    if any(dataset.row_sources):
        fields.append({"name": "source", "title": "Source (key in the sources list)", "type": "string"})
    resource = {
        "name": dataset.name.replace("_", "-"),
        "path": f"{dataset.name}.csv",
        "title": dataset.title,
        "description": dataset.description,
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "units": dataset.units,
        "notes": dataset.notes,
        "schema": {"fields": fields},
        "sources": [{"key": s.key, "title": s.title, "publisher": s.publisher, "date": s.date, "path": s.address,
                     "kind": s.kind, **({"notes": s.notes} if s.notes else {})} for s in dataset_sources(site, dataset)],
        "citation": suggested_citation(site, dataset),
    }
    return (json.dumps(resource, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def source_name(source: Source | None) -> str:
    """How a table names a row's source: its publisher, or its title where no publisher is stated."""
    if source is None:
        return ""
    return source.title if source.publisher == "not stated" else source.publisher


def data_table(dataset: Dataset, site: Site) -> dict:
    """A dataset as the figure's table shows it: labelled columns, formatted numbers, each row's source.
    A column that holds source keys (such as 'coordinates_source') shows the sources' names."""
    columns = list(dataset.columns)
    numeric = {c.name: is_numeric_column(dataset, c.name) for c in columns}
    keyed = {c.name for c in columns if all(r[c.name] in site.sources for r in dataset.rows if r[c.name])
             and any(r[c.name] for r in dataset.rows)}
    rows = []
    for row, key in zip(dataset.rows, dataset.row_sources, strict=True):
        cells = []
        for c in columns:
            text = row[c.name]
            if c.name in keyed:
                text = source_name(site.sources.get(text))
            elif numeric[c.name]:
                # The header names each column's unit, so cells show the bare number ('%' is notation: it stays).
                text = format_number(text, replace(c, unit=c.unit if c.unit == "%" else ""))
            cells.append((text, numeric[c.name] and c.name not in keyed))
        rows.append({"cells": cells, "source_name": source_name(site.sources.get(key))})
    return {"dataset": dataset, "columns": columns, "numeric": numeric, "rows": rows,
            "sources": dataset_sources(site, dataset)}


def figure_context(site: Site, page: Page, embed: ChartEmbed) -> dict:
    chart = site.charts[embed.name]
    numbers = citation_numbers(page)
    return {
        "chart": chart,
        "definition": chart.definition,
        "caption": embed.caption,
        "files": chart_urls(chart),
        "tables": [data_table(site.datasets[name], site) for name in chart.definition.datasets],
        "chart_sources": [(numbers.get(key), site.sources[key]) for key in chart.definition.sources if key in site.sources],
        "data_folder": DATA_FOLDER,
    }


def citation_link(numbers: dict[str, int], key: str) -> Markup:
    """For templates, ``cite(key)``: the numbered link to a source the page cites."""
    if key not in numbers:
        raise KeyError(f"this page does not cite source '{key}'")
    return Markup(f'<a class="citation-link" href="#source-{key}">[{numbers[key]}]</a>')


def page_context(site: Site, page: Page) -> dict:
    previous, following = neighbours(site, page)
    toc = page.toc if sum(1 + len(h.children) for h in page.toc) >= site.settings.toc_min_headings else ()
    return {
        "page": page,
        "content": Markup(page.html),
        "toc": toc,
        "breadcrumbs": breadcrumbs(site, page),
        "previous": previous,
        "next": following,
        "children": site.children.get(page.url, ()),
        "cited": cited_sources(site, page),
        "cite": functools.partial(citation_link, citation_numbers(page)),
        "tagged": site.tags.get(page.title, ()) if page.template == "tag.html" else (),
        "section_nav": section_nav(site, page),
    }


def section_nav(site: Site, page: Page) -> tuple[Page, tuple[Page, ...]] | None:
    """(the section, its pages) for the 'In this section' list, or None outside a section."""
    section_url = page.url if page.is_section else page.section
    if not section_url or section_url == "/" or section_url not in site.by_url:
        return None
    siblings = site.children.get(section_url, ())
    return (site.by_url[section_url], siblings) if siblings else None


def not_found_page(site: Site) -> Page:
    return Page(source="templates/404.html", url="/404.html", output="404.html", section="", is_section=False,
                title="Page not found", summary="", date=None, updated=None, order=0, draft=False,
                template="404.html", tags=(), lang=site.settings.language)


@dataclass(frozen=True)
class RenderUnit:
    """One file rendered from a template: a page, the 404 page, the feed, sitemap or robots.txt."""

    output: str
    template: str
    source: str  # named in error messages
    page: Page | None  # None for the feed, sitemap and robots.txt


def render_units(site: Site) -> list[RenderUnit]:
    units = [RenderUnit(p.output, p.template, p.source, p) for p in site.pages]
    missing = not_found_page(site)
    units.append(RenderUnit(missing.output, "404.html", missing.source, missing))
    units.extend(RenderUnit(output, name, f"templates/{name}", None) for name, output in SPECIAL_FILES.items())
    return units


def unit_context(site: Site, unit: RenderUnit) -> dict:
    if unit.page is not None:
        return page_context(site, unit.page)
    if unit.template == "feed.xml":
        dated = sorted((p for p in site.pages if p.date), key=lambda p: (p.last_changed, p.url), reverse=True)
        latest = dated[0].last_changed if dated else dt.date(2000, 1, 1)
        return {"feed_pages": dated[:FEED_ENTRIES], "feed_updated": latest}
    if unit.template == "sitemap.xml":
        return {"sitemap_pages": [p for p in site.pages if p.url != "/404.html"]}
    return {}


def render_unit(project: Project, env: jinja2.Environment, site: Site, unit: RenderUnit, context: dict,
                problems: Problems) -> bytes | None:
    """The rendered file from ``unit_context(site, unit)``, or None after reporting the template problem."""

    def render_text(template_name: str, context: dict) -> str | None:
        try:
            return env.get_template(template_name).render(context)
        except jinja2.TemplateNotFound as exc:
            if exc.name == template_name:
                problems.add(unit.source, None, f"template '{template_name}' does not exist",
                             "use one of: " + ", ".join(sorted(n for n in env.list_templates() if n.endswith(".html")
                                                              and not n.startswith("partials/"))))
            else:
                path, line = _location(exc, project)
                problems.add(path, line, f"template '{exc.name}' does not exist", "check the name in the include or extends")
        except Exception as exc:  # noqa: BLE001 - every template failure becomes one located message
            path, line = _location(exc, project)
            if isinstance(exc, jinja2.TemplateSyntaxError):
                message = f"template syntax error: {exc.message}"
            else:
                message = f"template error: {exc}"
            problems.add(path, line, message, f"fix the template (it failed while rendering {unit.source})")
        return None

    page = unit.page
    if page is not None and page.charts:
        html = page.html
        for index, embed in enumerate(page.charts):
            if embed.name not in site.charts:
                continue  # the chart failed to build; that problem is already reported
            figure = render_text(FIGURE_TEMPLATE, context | figure_context(site, page, embed))
            html = html.replace(CHART_MARKER.format(index), figure or "")
        context["content"] = Markup(html)
    text = render_text(unit.template, context)
    return None if text is None else text.encode("utf-8")


FIGURE_TEMPLATE = "partials/chart.html"


def generated_files(site: Site) -> dict[str, bytes]:
    """Files made without templates: static files, chart outputs, datasets and .nojekyll."""
    return {".nojekyll": b"", **site.static_files, **chart_files(site)}
