"""Render the resolved site with Jinja: pages, 404, feed, sitemap and robots.txt -> bytes."""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
import traceback
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from .cards import shown_card
from .datasets import format_number, is_numeric_column
from .errors import Problems
from .languages import edition_of_url, home_url, text_direction
from .markup import CHART_MARKER
from .model import ChartEmbed, ChartOutput, Column, Dataset, Page, PageSummary, Project, Site, Source
from .resolve import DATA_FOLDER, breadcrumbs, listing, neighbours, tag_slug, tags_url
from .typography import smart_text

# Only the site's own files may run or style a page: no inline code, no eval, no other origin.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'"
)
FEED_ENTRIES = 20
FEED_TEMPLATE = "feed.xml"  # the one output whose context holds other pages whole
SPECIAL_FILES = {"feed.xml": "feed.xml", "sitemap.xml": "sitemap.xml", "robots.txt": "robots.txt"}


def sentence(text: str) -> str:
    """'units in yuan' -> 'Units in yuan.': the first letter raised (the rest as written, so names
    keep their capitals) and one full stop at the end."""
    text = text.strip()
    if not text:
        return ""
    return text[0].upper() + text[1:] + ("" if text.endswith((".", "!", "?")) else ".")


class SiteView:
    """What templates see as ``site``: the site, with every page in it as a ``PageSummary``, and a
    record of each attribute read (``reads``), which becomes that output's ``site:PART`` dependencies."""

    __slots__ = ("_sitegen_site", "_sitegen_values", "_sitegen_summaries", "reads")

    def __init__(self, site: Site) -> None:
        self._sitegen_site = site
        self._sitegen_values: dict[str, object] = {}
        self._sitegen_summaries: dict[int, tuple[Page, PageSummary]] = {}
        self.reads: set[str] = set()

    def summary(self, page: Page) -> PageSummary:
        found = self._sitegen_summaries.get(id(page))
        if found is None or found[0] is not page:
            found = self._sitegen_summaries[id(page)] = (page, PageSummary.of(page))
        return found[1]

    def summarised(self, value: object) -> object:
        """``value`` with every Page in it (in tuples, lists and dict values) replaced by its summary."""
        if isinstance(value, Page):
            return self.summary(value)
        if isinstance(value, tuple):
            return tuple(self.summarised(v) for v in value)
        if isinstance(value, list):
            return [self.summarised(v) for v in value]
        if isinstance(value, dict):
            return {k: self.summarised(v) for k, v in value.items()}
        return value

    def __getattr__(self, name: str) -> object:
        if name.startswith("_"):
            raise AttributeError(name)
        self.reads.add(name)
        values = self._sitegen_values
        if name not in values:
            values[name] = self.summarised(getattr(self._sitegen_site, name))
        return values[name]


class StrictestUndefined(jinja2.StrictUndefined):
    """Jinja's StrictUndefined, failing in a list's text too (``{{ pages | map(attribute="toc") | list }}``
    would otherwise print "[Undefined, ...]" and publish it)."""

    __repr__ = jinja2.StrictUndefined._fail_with_undefined_error


class TrackingEnvironment(jinja2.Environment):
    """Jinja's environment, recording every template a render loads (``loaded``): extends,
    include, import and names worked out at render time alike."""

    loaded: set[str]

    def _load_template(self, name, globals):  # noqa: ANN001, ANN202 - Jinja's own signature
        self.loaded.add(name.name if isinstance(name, jinja2.Template) else name)
        return super()._load_template(name, globals)


# The address filters: ``{{ page.url | url }}``, ``{{ page.url | absolute }}``, ``{{ 'css/site.css' | asset }}``,
# ``{{ tag | tag_url }}`` (as Eleventy's ``url`` filter). They read this build's site through its
# view, so what they read is recorded like the templates' own reads. They take the render context
# because that stops Jinja from working out ``'css/site.css' | asset`` once, when it compiles a
# template, and reusing the answer in later builds.

def _view(context: jinja2.runtime.Context) -> SiteView:
    return context.environment.globals["site"]


@jinja2.pass_context
def url_filter(context: jinja2.runtime.Context, path: str) -> str:
    """A site URL with the base path: '/xinjiang/' -> '/repo/xinjiang/'."""
    return _view(context).settings.base_path + path.lstrip("/")


@jinja2.pass_context
def absolute_filter(context: jinja2.runtime.Context, path: str) -> str:
    """'/xinjiang/' -> 'https://host/repo/xinjiang/'."""
    return _view(context).settings.absolute(path)


@jinja2.pass_context
def asset_filter(context: jinja2.runtime.Context, name: str) -> str:
    """A file of static/ by its name there: 'css/site.css' -> '/static/css/site.3f2a1b9c0d.css'."""
    urls = _view(context).static_urls
    if name not in urls:
        raise KeyError(f"no static file '{name}' (have: {', '.join(sorted(urls)) or 'none'})")
    return urls[name]


@jinja2.pass_context
def tag_url_filter(context: jinja2.runtime.Context, tag: str) -> str:
    """A tag's page in the edition being rendered: '/tags/poverty/', '/ur/tags/غربت/'."""
    settings = _view(context).settings
    return settings.base_path + tags_url(context["edition"], settings).lstrip("/") + f"{tag_slug(tag)}/"


# The words filters: a date, or a kind of claim, in the language of the edition being rendered
# (its strings are the context's ``t``, fingerprinted with the page).

@jinja2.pass_context
def long_date_filter(context: jinja2.runtime.Context, value: dt.date) -> str:
    """'3 November 2021' (no leading zero), in the edition's language."""
    return context["t"].date(value)


@jinja2.pass_context
def claim_kind_filter(context: jinja2.runtime.Context, kind: str) -> str:
    """'media report' -> 'Media report', in the edition's language."""
    return context["t"].text(kind_key(kind))


@jinja2.pass_context
def translation_link_filter(context: jinja2.runtime.Context, page: PageSummary) -> Markup:
    """A link to another edition of this page, its title marked with that edition's language."""
    href = _view(context).settings.base_path + page.url.lstrip("/")
    return Markup('<a href="{}" hreflang="{}" lang="{}">{}</a>').format(href, page.lang, page.lang, page.title)


def kind_key(kind: str) -> str:
    """The strings key of a kind of claim: 'state media report' -> 'kind_state_media_report'."""
    return "kind_" + kind.replace(" ", "_")


class SnapshotLoader(jinja2.BaseLoader):
    """Templates from the bytes this build read and fingerprinted (``sources``), never from the
    files again: a template saved while a build runs cannot be compiled in place of the one the
    build recorded. Error messages still name the file."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.sources: dict[str, bytes] = {}  # 'partials/nav.html' -> its bytes

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        data = self.sources.get(template)
        if data is None:
            raise jinja2.TemplateNotFound(template)
        return data.decode("utf-8"), str(self.folder / template), lambda: True

    def list_templates(self) -> list[str]:
        return sorted(self.sources)


def make_environment(project: Project) -> TrackingEnvironment:
    """The Jinja environment; kept across builds so templates are compiled once (and again when
    edited: ``reload_templates``)."""
    env = TrackingEnvironment(
        loader=SnapshotLoader(project.templates),
        autoescape=jinja2.select_autoescape(["html", "xml"]),
        undefined=StrictestUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # a stat per template per page otherwise; the build knows when they change
    )
    env.loaded = set()
    env.filters.update(long_date=long_date_filter, sentence=sentence, claim_kind=claim_kind_filter, url=url_filter,
                       absolute=absolute_filter, asset=asset_filter, tag_url=tag_url_filter, direction=text_direction,
                       translation_link=translation_link_filter)
    return env


def reload_templates(env: jinja2.Environment, sources: dict[str, bytes]) -> None:
    """Compile templates from ``sources`` from now on, forgetting those compiled before."""
    env.loader.sources = sources
    env.cache.clear()


def set_site(env: jinja2.Environment, site: Site) -> SiteView:
    """Point the environment at this build's site. ``settings`` and ``has_tags`` (which editions
    have tags) are read by every page through the globals: every output depends on them
    (``global:`` dependencies)."""
    view = SiteView(site)
    env.globals.update(site=view, settings=site.settings, csp=CONTENT_SECURITY_POLICY,
                       has_tags={lang: lang in site.tags for lang in site.settings.languages})
    return view


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
    stem = f"charts/{chart.definition.name}{'.' + chart.lang if chart.lang else ''}.{chart.key[:10]}"
    return {kind: f"{stem}.{kind.replace('_', '.')}" for kind in ("light_svg", "dark_svg", "light_vg.json", "dark_vg.json")}


def chart_files(site: Site) -> dict[str, bytes]:
    """The SVGs and Vega specs of every chart, and each dataset's CSV and metadata."""
    files: dict[str, bytes] = {}
    for chart in [*site.charts.values(), *(c for charts in site.translated_charts.values() for c in charts.values())]:
        urls = chart_urls(chart)
        files.update({urls["light_svg"]: chart.light_svg, urls["dark_svg"]: chart.dark_svg,
                      urls["light_vg.json"]: chart.light_vega, urls["dark_vg.json"]: chart.dark_vega})
    for dataset in site.datasets.values():
        files[f"{DATA_FOLDER}/{dataset.name}.{dataset.format}"] = dataset.data  # its CSV, or a map's TopoJSON
        files[f"{DATA_FOLDER}/{dataset.name}.json"] = dataset_metadata(site, dataset)
    return files


def suggested_citation(site: Site, dataset: Dataset) -> str:
    origins = "; ".join(f"{s.publisher}, \u201c{s.title}\u201d ({s.date})" for s in dataset_sources(site, dataset))
    address = site.settings.absolute(f"/{DATA_FOLDER}/{dataset.name}.{dataset.format}")
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
        "path": f"{dataset.name}.{dataset.format}",
        "title": dataset.title,
        "description": dataset.description,
        "format": dataset.format,
        "mediatype": "application/json" if dataset.is_geo else "text/csv",
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


# How the reader-facing table shows a dataset: never its raw identifiers.
IDENTIFIER = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*")  # 'part_of_total', 'jiangsu': a code, not prose
# Short English words a code may hold; any other word of three letters or fewer is taken for an
# abbreviation and written in capitals ('mpi_headcount' -> 'MPI headcount', 'kp' -> 'KP').
SHORT_WORDS = set("""a an and as at be by do for if in is it no of on or per so the to up us we all any are big but
    can cut day due end far few gas get had has her him his how key low man map max men mid min net new nor not now
    off oil old one our out own pay put raw red row sea set sex six sub sum tax ten the too top two use via war was
    way who why yes yet age aid air job law led""".split())
STACK_COLUMNS = 4  # a table with this many columns or more shows each row as a block on phones


def identifier_column(column: Column) -> bool:
    """A column of row identifiers, which the table leaves out: labelled '(identifier)' in the source
    record ('place_id: {label: Place (identifier)}'), or named 'id' or '..._id'."""
    return "(identifier)" in column.label.casefold() or column.name == "id" or column.name.endswith("_id")


def proper_words(dataset: Dataset) -> dict[str, str]:
    """Words the dataset's own text writes with capitals inside a sentence ('Xinjiang', 'FATA'), by
    their lower-case form: how an identifier's words are written when the table shows it."""
    text = " ".join([dataset.title, dataset.description, dataset.units, dataset.notes,
                     *(v for row in dataset.rows for v in row.values() if " " in v)])
    return {m.group(1).casefold(): m.group(1) for m in re.finditer(r"(?<=[a-z,;] )([A-Z][A-Za-z]+)\b", text)}


def label_identifier(value: str, words: dict[str, str], capital: bool = True) -> str:
    """'paired_areas_in_xinjiang' -> 'Paired areas in Xinjiang'; 'mpi_headcount' -> 'MPI headcount'
    (a short word that is not an English one is an abbreviation); 'true' -> 'Yes'."""
    if value in ("true", "false"):
        return "Yes" if value == "true" else "No"
    shown = " ".join(words.get(w) or (w.upper() if len(w) <= 3 and w not in SHORT_WORDS and not w.isdigit() else w)
                     for w in value.split("_"))
    return shown[:1].upper() + shown[1:] if capital else shown


def reader_text(text: str, dataset: Dataset, words: dict[str, str]) -> str:
    """A source record's text as the table's caption and notes show it: a column named in it
    ('"literacy_percent" is ...') by its label, any other identifier ('mpi_headcount') in words."""
    labels = {c.name: c.label for c in dataset.columns}

    def shown(match: re.Match) -> str:
        token = match.group(0)
        if token not in labels:
            return label_identifier(token, words, capital=False)
        quoted = match.start() > 0 and text[match.start() - 1] in "\"'\u201c\u2018"
        return labels[token] if quoted else f"\u201c{labels[token]}\u201d"

    return smart_text(re.sub(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b", shown, text))


def data_table(dataset: Dataset, site: Site) -> dict:
    """A dataset as the figure's table shows it to readers: labelled columns, formatted numbers, and
    no raw identifiers. Identifier columns are left out (a column that refers to rows by their
    identifier shows those rows' labels); other code values are written as words ('in_operation' ->
    'In operation'); columns of source keys (the row's own 'source', 'coordinates_source') are left
    out and their sources listed under the table, each row marked with its source's letter when the
    rows come from more than one."""
    if dataset.is_geo:  # a map has no rows to show
        return {"dataset": dataset, "geo": True, "format": dataset.format, "columns": [],
                "numeric": {}, "rows": [], "sources": dataset_sources(site, dataset), "listed": [], "marked": False,
                "stacked": False}
    rows_in = dataset.rows
    numeric = {c.name: is_numeric_column(dataset, c.name) for c in dataset.columns}
    keyed = {c.name for c in dataset.columns if all(r[c.name] in site.sources for r in rows_in if r[c.name])
             and any(r[c.name] for r in rows_in)}
    ids = [c for c in dataset.columns if identifier_column(c) and not numeric[c.name]]
    # An identifier column's labels: the column labelled as it is without '(identifier)' ('Place').
    labels_of: dict[str, str] = {}
    for c in ids:
        plain = re.sub(r"\s*\(identifier\)", "", c.label, flags=re.IGNORECASE).casefold()
        label = next((d for d in dataset.columns if d.label.casefold() == plain and d not in ids), None)
        if label is not None:
            labels_of.update({r[c.name]: r[label.name] for r in rows_in if r[c.name]})
    columns = [c for c in dataset.columns if c not in ids and c.name not in keyed]
    words = proper_words(dataset)
    coded = {c.name for c in columns if not numeric[c.name]
             and all(IDENTIFIER.fullmatch(r[c.name]) for r in rows_in if r[c.name]) and any(r[c.name] for r in rows_in)}
    refers = {name for name in coded
              if any(r[name] in labels_of for r in rows_in) and all(r[name] in labels_of or r[name] == "none"
                                                                      for r in rows_in if r[name])}
    # The sources: the rows' own (a letter each when there are several), then any other column of keys.
    row_keys = list(dict.fromkeys(k for k in dataset.row_sources if k))
    marked = len(row_keys) > 1
    letters = {key: chr(ord("a") + i) for i, key in enumerate(row_keys)}
    listed = [(letters[k] if marked else "", "Source" if not marked else "", site.sources.get(k)) for k in row_keys]
    for c in dataset.columns:
        if c.name in keyed:
            for key in dict.fromkeys(r[c.name] for r in rows_in if r[c.name]):
                listed.append(("", c.label, site.sources.get(key)))
    rows = []
    for row, key in zip(rows_in, dataset.row_sources, strict=True):
        cells = []
        for c in columns:
            text = row[c.name]
            if numeric[c.name]:
                # The header names each column's unit, so cells show the bare number ('%' is notation: it stays).
                text = format_number(text, replace(c, unit=c.unit if c.unit == "%" else ""))
            elif c.name in refers:
                text = smart_text(labels_of.get(text, label_identifier(text, words)))
            elif c.name in coded:
                text = label_identifier(text, words)
            else:
                text = smart_text(text)
            cells.append((text, numeric[c.name], c.label))
        rows.append({"cells": cells, "source_mark": letters.get(key, "") if marked else ""})
    return {"dataset": dataset, "geo": False, "format": dataset.format, "columns": columns, "numeric": numeric, "rows": rows,
            "units": reader_text(dataset.units, dataset, words), "notes": reader_text(dataset.notes, dataset, words),
            "sources": dataset_sources(site, dataset), "listed": [entry for entry in listed if entry[2] is not None],
            "marked": marked, "stacked": len(columns) + marked >= STACK_COLUMNS}


def chart_for(site: Site, name: str, edition: str) -> ChartOutput | None:
    """A chart as an edition's pages show it: drawn in its language, for a translation."""
    if edition == site.settings.language:
        return site.charts.get(name)
    return site.translated_charts.get(edition, {}).get(name)


def figure_context(site: Site, page: Page, embed: ChartEmbed) -> dict:
    edition = edition_of_url(page.url, site.settings.languages)
    chart = chart_for(site, embed.name, edition)
    numbers = citation_numbers(page)
    return {
        "chart": chart,
        "definition": chart.definition,
        "chart_title": chart.definition.title_in(edition),
        "chart_description": chart.definition.description_in(edition),
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


def page_context(site: Site, view: SiteView, page: Page) -> dict:
    """What a page's templates are given: the page whole, every other page as a summary."""
    previous, following = neighbours(site, page)
    shown, pagination = listing(site, page)
    toc = page.toc if sum(1 + len(h.children) for h in page.toc) >= site.settings.toc_min_headings else ()
    edition = edition_of_url(page.url, site.settings.languages)
    return {
        **edition_context(site, edition),
        # Every edition of this page (itself included), in the order of settings.yaml's languages.
        "translations": view.summarised(site.translations.get(page.translation_key, ())) if page.translation_key else (),
        "page": page,
        "content": Markup(page.html),
        "toc": toc,
        "breadcrumbs": view.summarised(breadcrumbs(site, page)),
        "previous": view.summarised(previous),
        "next": view.summarised(following),
        "children": view.summarised(shown),
        "pagination": pagination,
        "cited": cited_sources(site, page),
        "cite": functools.partial(citation_link, citation_numbers(page)),
        "tagged": view.summarised(shown) if page.template == "tag.html" else (),
        "section_nav": view.summarised(section_nav(site, page)),
        "card": shown_card(site, page),
    }


SECTION_MENU_SIZE = 15  # the 'In this section' menu shows this many pages around the current one


def section_nav(site: Site, page: Page) -> tuple[Page, tuple[Page, ...], int] | None:
    """(the section, the pages its menu shows, how many it has in all) for the 'In this section'
    menu, or None outside a section. A long section shows the pages around this one only (its
    own page lists them all), so a page's size does not grow with its section's."""
    section_url = site.later_pages.get(page.url, (page.url,))[0] if page.is_section or page.url in site.later_pages \
        else page.section
    homes = {home_url(lang, site.settings.language) for lang in site.settings.languages}
    if not section_url or section_url in homes or section_url not in site.by_url:
        return None  # the home pages' (the site's and each translation's) menu is the header's
    siblings = site.children.get(section_url, ())
    if not siblings:
        return None
    index = site.positions.get(page.url, 0) if page.section == section_url else 0
    start = max(0, min(index - SECTION_MENU_SIZE // 2, len(siblings) - SECTION_MENU_SIZE))
    return site.by_url[section_url], siblings[start:start + SECTION_MENU_SIZE], len(siblings)


def feed_html(site: Site, page: Page) -> str:
    """A page's body for the feed: each chart becomes a link to it on the page (feed readers run no
    scripts and the figure's markup is the page's), so no chart marker is left in the text."""
    html = page.html
    edition = edition_of_url(page.url, site.settings.languages)
    for index, embed in enumerate(page.charts):
        chart = chart_for(site, embed.name, edition)
        title = chart.definition.title_in(edition) if chart else embed.name
        words = escape(site.strings[edition_of_url(page.url, site.settings.languages)].text("chart_link", title=title))
        link = f'<p><a href="{site.settings.absolute(page.url)}#chart-{embed.name}">{words}</a></p>'
        html = html.replace(CHART_MARKER.format(index), link)
    return html


def edition_context(site: Site, edition: str) -> dict:
    """What every output of an edition is given: its language, its strings and where its home is."""
    original = site.settings.language
    return {"edition": edition, "t": site.strings[edition],
            "home_url": home_url(edition, original),
            "original_language": original,
            # Data tables are in the language of the datasets' source records: marked so in a translation.
            "t_data": site.strings[original],
            "data_language": Markup(f' lang="{original}" dir="{text_direction(original)}"') if edition != original else "",
            "fonts_css": site.fonts_css.get(edition, ("", ""))[0], "font_preload": site.fonts_css.get(edition, ("", ""))[1]}


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
    edition: str = ""  # for those: the language of the edition it belongs to


def render_units(site: Site) -> list[RenderUnit]:
    units = [RenderUnit(p.output, p.template, p.source, p) for p in site.pages]
    missing = not_found_page(site)
    units.append(RenderUnit(missing.output, "404.html", missing.source, missing))
    units.extend(special_unit(name) for name in SPECIAL_FILES)
    units.extend(special_unit(FEED_TEMPLATE, lang) for lang in site.settings.translations)  # a feed per edition
    return units


def special_unit(template: str, edition: str = "") -> RenderUnit:
    """The unit of a file that is no page (the feed, sitemap, robots.txt), by its template; a
    translation's feed (``edition``: its language) is in its folder ('ur/feed.xml')."""
    folder = f"{edition}/" if edition else ""
    return RenderUnit(folder + SPECIAL_FILES[template], template, f"templates/{template}", None, edition)


def unit_context(site: Site, view: SiteView, unit: RenderUnit) -> dict:
    if unit.page is not None:
        return page_context(site, view, unit.page)
    languages = site.settings.languages
    context = edition_context(site, unit.edition or site.settings.language)
    if unit.template == FEED_TEMPLATE:
        dated = sorted((p for p in site.pages if p.date and edition_of_url(p.url, languages) == context["edition"]),
                       key=lambda p: (p.last_changed, p.url), reverse=True)
        latest = dated[0].last_changed if dated else dt.date(2000, 1, 1)
        entries = dated[:FEED_ENTRIES]
        return context | {"feed_pages": entries, "feed_updated": latest,
                          "feed_html": {p.url: feed_html(site, p) for p in entries}}  # escaped by the template
    if unit.template == "sitemap.xml":
        # Each page with the other editions of it, for hreflang alternates (as Google documents them).
        pages = [p for p in site.pages if p.url != "/404.html"]
        return context | {"sitemap_pages": [(view.summary(p), view.summarised(site.translations.get(p.translation_key, ())))
                                            for p in pages]}
    return context


def render_unit(project: Project, env: TrackingEnvironment, site: Site, unit: RenderUnit, context: dict,
                problems: Problems) -> tuple[bytes | None, frozenset[str], frozenset[str]]:
    """(the rendered file, or None after reporting the template problem; the templates it loaded;
    the site attributes it read). ``context`` is ``unit_context(site, view, unit)``."""
    view: SiteView = env.globals["site"]
    env.loaded, view.reads = set(), set()
    data = _render(project, env, site, unit, context, problems)
    return data, frozenset(env.loaded), frozenset(view.reads)


def _render(project: Project, env: TrackingEnvironment, site: Site, unit: RenderUnit, context: dict,
            problems: Problems) -> bytes | None:

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
            hint = f"fix the template (it failed while rendering {unit.source})"
            if isinstance(exc, jinja2.TemplateSyntaxError):
                message = f"template syntax error: {exc.message}"
            else:
                message = f"template error: {exc}"
            if "PageSummary" in message:
                hint = ("a template shows other pages by their summary only (title, summary, dates, tags, "
                        "order, url); their text and headings are on the page being rendered alone, as 'page'")
            problems.add(path, line, message, hint)
        return None

    page = unit.page
    if page is not None and page.charts:
        html = page.html
        edition = edition_of_url(page.url, site.settings.languages)
        for index, embed in enumerate(page.charts):
            if chart_for(site, embed.name, edition) is None:
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
