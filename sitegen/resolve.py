"""Resolve the loaded pages into a site: check every link and #anchor, build navigation."""

from __future__ import annotations

import re
from dataclasses import replace

from .content import GLOSSARY_TEMPLATE
from .errors import Problems
from .languages import edition_of_url, home_url, language_prefix
from .model import (
    Asset,
    ChartOutput,
    ComparisonRow,
    Dataset,
    GlossaryEntry,
    NavItem,
    Page,
    Settings,
    Site,
    Source,
)
from .slugs import address_slug
from .strings import Strings
from .yamlfile import did_you_mean

# Files the renderer makes besides pages; links to them are valid.
GENERATED_URLS = ("/feed.xml", "/sitemap.xml", "/robots.txt", "/404.html")
COMPARE_TEMPLATE = "compare.html"
DATA_FOLDER = "charts/data"  # where the site serves each dataset's CSV and metadata
ID_ATTRIBUTE = re.compile(r'\sid="([^"]+)"')
LIST_PAGE_SIZE = 50  # a section or tag page lists this many pages; the rest on /URL/page/2/, 3/...


def sort_key(page: Page) -> tuple:
    return (page.order, page.title.casefold(), page.url)


def tag_slug(tag: str) -> str:
    """The tag's part of its page's address: /tags/SLUG/."""
    return address_slug(tag, "tag")


def tags_url(edition: str, settings: Settings) -> str:
    """Where an edition's tags are listed: '/tags/', '/ur/tags/'."""
    return f"{language_prefix(edition, settings.language)}/tags/"


def _tag_pages(pages: list[Page], settings: Settings,
               strings: dict[str, Strings]) -> tuple[list[Page], dict[str, dict[str, tuple[Page, ...]]]]:
    """Per edition, a page per tag and one listing them all, as Hugo makes for taxonomies."""
    made: list[Page] = []
    found: dict[str, dict[str, tuple[Page, ...]]] = {}
    for edition in settings.languages:
        tagged: dict[str, list[Page]] = {}
        for page in pages:
            if edition_of_url(page.url, settings.languages) == edition:
                for tag in page.tags:
                    tagged.setdefault(tag, []).append(page)
        if not tagged:
            continue
        index = tags_url(edition, settings)
        made.append(Page(source="(tag index)" if edition == settings.language else f"(tag index, {edition})",
                         url=index, output=index.lstrip("/") + "index.html", section="", is_section=False,
                         title=strings[edition].text("tags"), summary="", date=None, updated=None, order=0, draft=False,
                         template="tags.html", tags=(), lang=edition))
        for tag in sorted(tagged, key=str.casefold):
            url = f"{index}{tag_slug(tag)}/"
            made.append(Page(source=f"(tag '{tag}')", url=url, output=url.lstrip("/") + "index.html", section="",
                             is_section=False, title=tag, summary="", date=None, updated=None, order=0,
                             draft=False, template="tag.html", tags=(), lang=edition))
        found[edition] = {tag: tuple(sorted(ps, key=sort_key)) for tag, ps in tagged.items()}
    return made, found


def resolve_site(settings: Settings, pages: list[Page], assets: list[Asset], sources: dict[str, Source],
                 datasets: dict[str, Dataset], charts: dict[str, ChartOutput],
                 comparisons: dict[str, tuple[ComparisonRow, ...]], static_files: dict[str, bytes],
                 static_urls: dict[str, str], problems: Problems, glossaries: dict[str, tuple[GlossaryEntry, ...]],
                 strings: dict[str, Strings], translated_charts: dict[str, dict[str, ChartOutput]] | None = None) -> Site:
    # A translation without its own compare or glossary file shows the site language's.
    comparisons = {lang: comparisons.get(lang, comparisons.get(settings.language, ())) for lang in settings.languages}
    glossaries = {lang: glossaries.get(lang, ()) for lang in settings.languages}
    pages = [with_all_citations(p, comparisons, glossaries, sources, settings) for p in pages]
    tag_pages, tags = _tag_pages(pages, settings, strings)
    by_url: dict[str, Page] = {}
    for page in [*pages, *tag_pages]:
        if page.url in by_url:
            problems.add(page.source, None, f"the address {page.url} is made twice: by {by_url[page.url].source} "
                         f"and {page.source}", "rename the page; /tags/ is reserved for tag lists")
            continue
        by_url[page.url] = page

    children: dict[str, list[Page]] = {}
    for page in pages:
        if page.section:
            children.setdefault(page.section, []).append(page)
    sorted_children = {url: tuple(sorted(ps, key=sort_key)) for url, ps in children.items()}
    later_pages: dict[str, tuple[str, int]] = {}
    for first in [*pages, *tag_pages]:
        listed = _listed(first, tags, sorted_children, settings)
        for number in range(2, -(-len(listed) // LIST_PAGE_SIZE) + 1):
            title = strings[edition_of_url(first.url, settings.languages)].text("list_page_title", title=first.title,
                                                                            number=number)
            later = replace(first, source=f"{first.source} (page {number})", url=f"{first.url}page/{number}/",
                            output=f"{first.url.lstrip('/')}page/{number}/index.html", title=title,
                            html="", toc=(), links=(), citations=(), charts=(), is_section=False)
            later_pages[later.url] = (first.url, number)
            if later.url in by_url:
                problems.add(later.source, None, f"the address {later.url} is made twice",
                             "rename the page: page/N/ inside a section is where its long list continues")
                continue
            by_url[later.url] = later
    positions = {p.url: i for siblings in sorted_children.values() for i, p in enumerate(siblings)}

    def nav_items(section_url: str, depth: int) -> tuple[NavItem, ...]:
        return tuple(NavItem(p.link_title or p.title, p.url, nav_items(p.url, depth - 1) if p.is_section and depth > 1 else ())
                     for p in sorted_children.get(section_url, ()))

    homes = {lang: home_url(lang, settings.language) for lang in settings.languages}
    translations: dict[str, list[Page]] = {}
    for page in pages:
        if page.translation_key:
            translations.setdefault(page.translation_key, []).append(page)
    order = {lang: i for i, lang in enumerate(settings.languages)}
    site = Site(settings=settings, pages=tuple(sorted(by_url.values(), key=lambda p: p.url)), sources=sources,
                assets=tuple(assets), static_files=static_files, static_urls=static_urls,
                nav={lang: nav_items(home, 1) for lang, home in homes.items()}, datasets=datasets, charts=charts,
                comparisons=comparisons, glossaries=glossaries,
                cited_on=_cited_on(pages), by_url=by_url, children=sorted_children, positions=positions, tags=tags,
                later_pages=later_pages,
                translations={key: tuple(sorted(ps, key=lambda p: order.get(edition_of_url(p.url, settings.languages), 0)))
                              for key, ps in translations.items() if len(ps) > 1},
                strings=strings, translated_charts=translated_charts or {})
    check_links(pages, site, problems)
    return site


def _listed(page: Page, tags: dict[str, dict[str, tuple[Page, ...]]], children: dict[str, tuple[Page, ...]],
            settings: Settings) -> tuple[Page, ...]:
    """The pages a section or tag page lists, all of them."""
    if page.template == "tag.html":
        return tags.get(edition_of_url(page.url, settings.languages), {}).get(page.title, ())
    return children.get(page.url, ())


def with_all_citations(page: Page, comparisons: dict[str, tuple[ComparisonRow, ...]],
                       glossaries: dict[str, tuple[GlossaryEntry, ...]], sources: dict[str, Source],
                       settings: Settings) -> Page:
    """The page, citing also the sources of a table its template shows (compare.yaml, glossary.yaml,
    its edition's) and the reports its sources came through ("cite the original first, then the
    report that carried it"). Both are appended, so the numbers in the text stay as they are. The
    same object when nothing is added, so an unchanged page keeps its fingerprint."""
    edition = edition_of_url(page.url, settings.languages)
    if page.template == COMPARE_TEMPLATE:
        extra = [k for row in comparisons.get(edition, ()) for cell in (row.xinjiang, row.pakistan) for k in cell.sources]
    elif page.template == GLOSSARY_TEMPLATE:
        extra = [k for entry in glossaries.get(edition, ()) for k in entry.sources]
    else:
        extra = []
    citations = _with_reports((*page.citations, *extra), sources)
    return page if citations == page.citations else replace(page, citations=citations)


def _with_reports(keys: tuple[str, ...], sources: dict[str, Source]) -> tuple[str, ...]:
    cited = list(dict.fromkeys(keys))
    for key in cited:  # grows as it goes: a report may itself have come via another
        via = sources[key].via if key in sources else ""
        if via and via not in cited:
            cited.append(via)
    return tuple(cited)


def _cited_on(pages: list[Page]) -> dict[str, tuple[Page, ...]]:
    found: dict[str, list[Page]] = {}
    for page in pages:
        for key in page.citations:
            found.setdefault(key, []).append(page)
    return {key: tuple(sorted(ps, key=lambda p: p.url)) for key, ps in found.items()}


def check_links(pages: list[Page], site: Site, problems: Problems) -> None:
    """Every link of ``pages`` must reach a page or file this build makes (anchors are checked after rendering)."""
    files = ({"/" + a.output for a in site.assets} | {"/" + name for name in site.static_files} | set(GENERATED_URLS)
             | {f"/{lang}/feed.xml" for lang in site.settings.translations}
             | {f"/{DATA_FOLDER}/{name}.{ext}" for name, d in site.datasets.items() for ext in (d.format, "json")})
    for page in pages:
        for link in page.links:
            if link.target not in site.by_url and link.target not in files:
                problems.add(page.source, link.line, f"link '{link.href}' points to {link.target}, "
                             "which this site does not have", did_you_mean(link.target, sorted(site.by_url)))


def check_anchors(site: Site, ids: dict[str, frozenset[str]], problems: Problems,
                  pages: set[str] | None = None) -> None:
    """Every '#anchor' a page links to must be an id in the rendered target page (``ids``: output -> ids).
    With ``pages`` (URLs), only the links from or to those pages are checked."""
    for page in site.pages:
        for link in page.links:
            if not link.anchor or (pages is not None and page.url not in pages and link.target not in pages):
                continue
            target = site.by_url.get(link.target)
            if target is None or target.output not in ids:
                continue
            if link.anchor not in ids[target.output]:
                where = "this page" if target is page else target.source
                problems.add(page.source, link.line,
                             f"link '{link.href}': there is no heading or anchor '#{link.anchor}' on {where}",
                             did_you_mean(link.anchor, sorted(ids[target.output])))


def ids_in(html: bytes) -> frozenset[str]:
    """The ids a rendered page has, which '#anchor' links may point to."""
    return frozenset(ID_ATTRIBUTE.findall(html.decode("utf-8")))


def listing(site: Site, page: Page) -> tuple[tuple[Page, ...], dict | None]:
    """(the pages a section or tag page lists, at most LIST_PAGE_SIZE; its pagination, or None
    when the list fits on one page). Pagination: number, count, previous and next URLs, first URL."""
    first_url, number = site.later_pages.get(page.url, (page.url, 1))
    first = site.by_url.get(first_url, page)
    listed = _listed(first, site.tags, site.children, site.settings)
    count = max(1, -(-len(listed) // LIST_PAGE_SIZE))
    shown = listed[(number - 1) * LIST_PAGE_SIZE:number * LIST_PAGE_SIZE]
    if count == 1:
        return shown, None

    def address(n: int) -> str:
        return first_url if n == 1 else f"{first_url}page/{n}/"

    return shown, {"number": number, "count": count, "first": first_url,
                   "previous": address(number - 1) if number > 1 else None,
                   "next": address(number + 1) if number < count else None}


def breadcrumbs(site: Site, page: Page) -> list[Page]:
    """The sections above a page, from the home page down (the page itself not included)."""
    trail = []
    url = page.section
    while url:
        section = site.by_url.get(url)
        if section is None:
            break
        trail.append(section)
        url = section.section
    return list(reversed(trail))


def neighbours(site: Site, page: Page) -> tuple[Page | None, Page | None]:
    """(previous, next) among the pages of the same section, in navigation order."""
    siblings = site.children.get(page.section, ())
    index = site.positions.get(page.url)
    if index is None:
        return None, None
    previous = siblings[index - 1] if index > 0 else None
    following = siblings[index + 1] if index + 1 < len(siblings) else None
    return previous, following
