"""Plain data passed between the pipeline stages. Nothing here reads or writes files."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .strings import Strings

StatKey = tuple  # (mtime_ns, size, inode, ctime_ns[, hash of the bytes]): see buildstate.py


@dataclass(frozen=True)
class Settings:
    """The site settings file (``settings.yaml``), after flags have been applied."""

    title: str
    description: str
    base_url: str  # absolute, ends with '/': 'https://user.github.io/repo/'
    language: str
    repository: str
    author: str
    toc_min_headings: int
    social_cards: bool = False  # draw a picture for each page's shared links (cards.py)
    translations: tuple[str, ...] = ()  # the languages pages may be translated into: ('ur',)

    @property
    def languages(self) -> tuple[str, ...]:
        """The site's language first, then its translations' languages."""
        return (self.language, *self.translations)

    @functools.cached_property  # read for every link of every page
    def base_path(self) -> str:
        """The path part of the base URL: '/' at a root domain, '/repo/' under a subpath."""
        after_scheme = self.base_url.split("://", 1)[-1]
        slash = after_scheme.find("/")
        return after_scheme[slash:] if slash >= 0 else "/"

    def absolute(self, url: str) -> str:
        """'/xinjiang/' -> 'https://host/repo/xinjiang/'."""
        return self.base_url + url.lstrip("/")


@dataclass(frozen=True)
class Source:
    """One entry of the source catalogue (``sources.yaml``)."""

    key: str
    title: str
    publisher: str
    date: str
    address: str
    kind: str
    notes: str
    via: str  # key of the report that carried it, or ''
    via_publisher: str = ""  # that report's publisher


@dataclass(frozen=True)
class Heading:
    level: int
    id: str
    title: str
    children: tuple[Heading, ...] = ()


@dataclass(frozen=True)
class LinkRef:
    """A link in a page's Markdown to another page (or to a heading on one)."""

    href: str  # as the editor wrote it
    line: int
    target: str  # URL of the page linked to
    anchor: str  # '' when the link names no #anchor


@dataclass(frozen=True)
class ChartEmbed:
    """A ``{{< chart NAME >}}`` line in a page."""

    name: str
    caption: str
    line: int


@dataclass(frozen=True)
class Page:
    """One Markdown file (or a generated section page), converted to HTML."""

    source: str  # project-relative path for messages: 'content/xinjiang/kizilsu.md'
    url: str  # site-relative URL: '/xinjiang/kizilsu/'
    output: str  # path inside site/: 'xinjiang/kizilsu/index.html'
    section: str  # URL of the section this page belongs to ('' for the home page)
    is_section: bool  # an index.md, which lists the pages of its folder
    title: str
    summary: str
    date: dt.date | None
    updated: dt.date | None
    order: int
    draft: bool
    template: str
    tags: tuple[str, ...]
    lang: str
    link_title: str = ""  # the short title menus, breadcrumbs and previous/next links show ('' : the title)
    # The content path of the page in the site's language that this one translates, or its own:
    # 'pakistan/proposal.md' for proposal.md and proposal.ur.md alike. Pages sharing it are translations.
    translation_key: str = ""
    html: str = ""
    toc: tuple[Heading, ...] = ()
    links: tuple[LinkRef, ...] = ()
    citations: tuple[str, ...] = ()  # source keys in order of first citation
    charts: tuple[ChartEmbed, ...] = ()

    @property
    def last_changed(self) -> dt.date | None:
        return self.updated or self.date


@dataclass(frozen=True)
class PageSummary:
    """Another page as a template may show it: in lists, menus, breadcrumbs and previous/next.
    It has no body (html, toc, links...), so no page's output can depend on another page's text."""

    source: str
    url: str
    output: str
    section: str
    is_section: bool
    title: str
    summary: str
    date: dt.date | None
    updated: dt.date | None
    order: int
    draft: bool
    template: str
    tags: tuple[str, ...]
    lang: str
    link_title: str  # the short title for menus, breadcrumbs and previous/next links
    translation_key: str

    @property
    def last_changed(self) -> dt.date | None:
        return self.updated or self.date

    @classmethod
    def of(cls, page: Page) -> PageSummary:
        return cls(page.source, page.url, page.output, page.section, page.is_section, page.title, page.summary,
                   page.date, page.updated, page.order, page.draft, page.template, page.tags, page.lang,
                   page.link_title or page.title, page.translation_key)


@dataclass(frozen=True)
class NavItem:
    title: str
    url: str
    children: tuple[NavItem, ...] = ()


@dataclass(frozen=True)
class Asset:
    """A file copied into the site: from content/ beside pages, or static/ (hashed name)."""

    source: Path
    output: str  # path inside site/


@dataclass(frozen=True)
class Column:
    name: str
    label: str
    unit: str  # 'yuan', '%', 'people' or ''


@dataclass(frozen=True)
class Dataset:
    """One dataset of charts/data/ and its source record: a table (``NAME.csv``) or a map
    (``NAME.topojson``, a geographic dataset: it has no columns or rows, and a chart module gets
    it as the parsed TopoJSON)."""

    name: str
    csv_file: str  # project-relative path ('' for a map)
    csv_bytes: bytes
    title: str
    description: str
    units: str
    notes: str
    columns: tuple[Column, ...]  # every CSV column but 'source'
    rows: tuple[dict[str, str], ...]
    row_sources: tuple[str, ...]  # the source key of each row
    sources: tuple[str, ...]  # every source key used, in order of first use
    geo_file: str = ""  # a map: its project-relative path ('' for a table)
    geo_bytes: bytes = b""  # a map: its TopoJSON as read, which is what charts are drawn from
    objects: tuple[str, ...] = ()  # a map: the names of its TopoJSON objects (its layers)

    @property
    def is_geo(self) -> bool:
        return bool(self.geo_file)

    @property
    def file(self) -> str:
        """The project-relative path of its data file, a CSV or a TopoJSON."""
        return self.geo_file or self.csv_file

    @property
    def data(self) -> bytes:
        """Its data file's bytes, as read."""
        return self.geo_bytes if self.is_geo else self.csv_bytes

    @property
    def format(self) -> str:
        """'csv' or 'topojson': its file's extension, as the site offers it for download."""
        return "topojson" if self.is_geo else "csv"

    def column(self, name: str) -> Column | None:
        return next((c for c in self.columns if c.name == name), None)


@dataclass(frozen=True)
class ChartDefinition:
    """What a chart module declares, read without running it."""

    name: str
    path: Path
    module_file: str  # project-relative
    title: str
    description: str
    datasets: tuple[str, ...]
    sources: tuple[str, ...]  # of its datasets, in order
    code: bytes = b""  # the module as read: hashed for the cache key, and what is run
    shared: tuple[tuple[str, bytes], ...] = ()  # the charts/_NAME.py modules it imports, as read
    # TRANSLATIONS = {"ur": {"TITLE": ..., "DESCRIPTION": ...}}: (language, title, description).
    translations: tuple[tuple[str, str, str], ...] = ()
    takes_language: bool = False  # its chart() takes the language: def chart(data, lang)

    def title_in(self, lang: str) -> str:
        return next((title for code, title, _ in self.translations if code == lang), self.title)

    def description_in(self, lang: str) -> str:
        return next((text for code, _, text in self.translations if code == lang), self.description)


@dataclass(frozen=True)
class ChartOutput:
    definition: ChartDefinition
    key: str  # hash of everything the outputs depend on
    light_svg: bytes
    dark_svg: bytes
    light_vega: bytes
    dark_vega: bytes
    width: int
    height: int
    lang: str = ""  # the edition it is drawn for ('' : the site's language)


@dataclass(frozen=True)
class ComparisonCell:
    text: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class ComparisonRow:
    """One dimension of compare.yaml: the Xinjiang model beside the Pakistan proposal."""

    dimension: str
    xinjiang: ComparisonCell
    pakistan: ComparisonCell


@dataclass(frozen=True)
class GlossaryEntry:
    """One term of glossary.yaml."""

    term: str
    slug: str  # its id on the glossary page: 'term-SLUG'
    forms: tuple[str, ...]  # the term and its other forms, as pages may write them
    definition: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Site:
    """Everything the renderer needs, resolved and checked."""

    settings: Settings
    pages: tuple[Page, ...]
    sources: dict[str, Source]
    assets: tuple[Asset, ...]
    static_files: dict[str, bytes]  # output path -> bytes, names already hashed
    static_urls: dict[str, str]  # 'css/site.css' -> '/repo/static/css/site.3f2a1b9c.css'
    # Per edition (the site's language, then each translation's: 'en', 'ur'), the top menu: its home
    # page's children (a section's pages are in children).
    nav: dict[str, tuple[NavItem, ...]]
    datasets: dict[str, Dataset] = field(default_factory=dict)
    charts: dict[str, ChartOutput] = field(default_factory=dict)
    comparisons: dict[str, tuple[ComparisonRow, ...]] = field(default_factory=dict)  # per edition
    glossaries: dict[str, tuple[GlossaryEntry, ...]] = field(default_factory=dict)  # per edition
    cited_on: dict[str, tuple[Page, ...]] = field(default_factory=dict)  # source key -> pages citing it
    by_url: dict[str, Page] = field(default_factory=dict)
    children: dict[str, tuple[Page, ...]] = field(default_factory=dict)  # section URL -> pages
    positions: dict[str, int] = field(default_factory=dict)  # page URL -> index among its section's pages
    tags: dict[str, dict[str, tuple[Page, ...]]] = field(default_factory=dict)  # edition -> tag -> pages
    translations: dict[str, tuple[Page, ...]] = field(default_factory=dict)  # translation_key -> every edition's page
    strings: dict[str, Strings] = field(default_factory=dict)  # each edition's interface strings (i18n/)
    # Each translation's charts, drawn in its language (only those its pages show): lang -> name -> output.
    translated_charts: dict[str, dict[str, ChartOutput]] = field(default_factory=dict)
    # Edition -> (the URL of its fonts' stylesheet, the URL of its text font, preloaded) (fonts.py).
    fonts_css: dict[str, tuple[str, str]] = field(default_factory=dict)
    # Listing pages beyond the first of a long section or tag: URL -> (the first page's URL, its number).
    later_pages: dict[str, tuple[str, int]] = field(default_factory=dict)


@dataclass(frozen=True)
class Inputs:
    """Every file a build reads, by project-relative path, with its modification time and size."""

    files: dict[str, StatKey]
    links: frozenset[str] = frozenset()  # the ones that are symbolic links

    def under(self, folder: str) -> list[str]:
        """Paths inside ``folder`` ('content/'), relative to it, sorted."""
        return sorted(path[len(folder):] for path in self.files if path.startswith(folder))


@dataclass(frozen=True)
class BuildOptions:
    base_url: str | None = None  # overrides settings.yaml
    drafts: bool = False
    hashed_static: bool = True  # content-hashed static file names; serve turns it off for live CSS

    def key(self) -> tuple:
        return (self.base_url, self.drafts, self.hashed_static)


@dataclass(frozen=True)
class BuildResult:
    pages: int
    charts: int
    files: int
    seconds: float
    output: Path
    rendered: tuple[str, ...] = ()  # outputs rendered from templates this time
    written: tuple[str, ...] = ()  # files whose bytes changed (or were created) in the output
    removed: tuple[str, ...] = ()  # files deleted from the output: their page is gone
    up_to_date: bool = False  # nothing changed: nothing was read past the file list
    warnings: tuple = ()  # the build's warnings (errors.Problem): the same for the same inputs, up to date or not


@dataclass(frozen=True)
class Project:
    """Where a project's folders are. Every path the engine touches comes from here."""

    root: Path

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def templates(self) -> Path:
        return self.root / "templates"

    @property
    def static(self) -> Path:
        return self.root / "static"

    @property
    def charts(self) -> Path:
        return self.root / "charts"

    @property
    def settings_file(self) -> Path:
        return self.root / "settings.yaml"

    @property
    def sources_file(self) -> Path:
        return self.root / "sources.yaml"

    @property
    def comparison_file(self) -> Path:
        return self.root / "compare.yaml"

    @property
    def fonts(self) -> Path:
        """Fonts an edition brings: fonts/LANG/text.woff2 and charts.woff2 (fonts.py)."""
        return self.root / "fonts"

    @property
    def strings_folder(self) -> Path:
        """The interface strings, one file per language (strings.py)."""
        return self.root / "i18n"

    @property
    def glossary_file(self) -> Path:
        return self.root / "glossary.yaml"

    @property
    def data_files(self) -> tuple[Path, ...]:
        """The YAML files at the top of the project that every build reads."""
        return (self.settings_file, self.sources_file, self.comparison_file, self.glossary_file)

    @property
    def output(self) -> Path:
        return self.root / "site"

    @property
    def cache(self) -> Path:
        return self.root / ".cache"

    def rel(self, path: Path) -> str:
        """A project-relative path with '/' separators, as shown in messages."""
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()
