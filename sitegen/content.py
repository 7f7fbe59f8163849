"""Load content/: Markdown files with YAML front matter -> pages; other files -> assets."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from .buildstate import stat_key
from .cachefile import transient
from .dependencies import digest
from .errors import Problem, Problems, processing, utf8_problem
from .languages import LANGUAGE_NAMES, LANGUAGE_TAG, home_url, language_prefix, split_language, translated_file
from .markup import Converted, MarkdownConverter, References
from .model import (
    Asset,
    Dataset,
    GlossaryEntry,
    Inputs,
    Page,
    PageSummary,
    Project,
    Settings,
    Site,
    Source,
    StatKey,
)
from .strings import Strings
from .typography import smart_text
from .workers import parallel_map
from .yamlfile import YamlProblem, did_you_mean, load_mapping

FRONT_MATTER_KEYS = ("title", "link_title", "summary", "date", "updated", "order", "draft", "template", "tags", "lang")
NAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
GLOSSARY_TEMPLATE = "glossary.html"  # the page that lists glossary.yaml; other pages link to it
DEFAULT_ORDER = 1000  # pages without 'order' come after ordered ones, by title
FENCE = "---"



@dataclass(frozen=True)
class PageFile:
    """A Markdown file whose front matter has been read; its body is not converted yet."""

    page: Page
    path: str  # content-relative: 'xinjiang/kizilsu.md'
    body: str
    body_line: int


def url_for(path: str, prefix: str = "") -> tuple[str, str]:
    """'xinjiang/kizilsu.md' -> ('/xinjiang/kizilsu/', 'xinjiang/kizilsu/index.html'); with the
    prefix '/ur' (a translation's), ('/ur/xinjiang/kizilsu/', 'ur/xinjiang/kizilsu/index.html')."""
    stem = path[: -len(".md")]
    if stem == "index":
        stem = ""
    elif stem.endswith("/index"):
        stem = stem[: -len("/index")]
    url = prefix + (f"/{stem}/" if stem else "/")
    return url, url.lstrip("/") + "index.html"


def page_address(path: str, settings: Settings) -> tuple[str, str, str, str]:
    """(URL, output, language, the path of the page it translates or its own) of a page file:
    'pakistan/proposal.ur.md' -> ('/ur/pakistan/proposal/', 'ur/pakistan/proposal/index.html',
    'ur', 'pakistan/proposal.md')."""
    original, lang = split_language(path, settings.languages)
    url, output = url_for(original, language_prefix(lang, settings.language) if lang else "")
    return url, output, lang or "", original


def section_of(url: str, is_section: bool, homes: tuple[str, ...] = ()) -> str:
    """The URL of the section a page is listed in: its folder, or for a folder's index, the parent.
    A language's home page ('/ur/', one of ``homes``) is in no section, as the site's home is not."""
    if url == "/" or url in homes:
        return ""
    parts = url.strip("/").split("/")
    parent = parts[:-1]
    return "/" + "".join(p + "/" for p in parent)


def split_front_matter(text: str) -> tuple[str, str, int] | None:
    """(front matter, body, line the body starts on), or None when there is no front matter."""
    lines = text.removeprefix("\ufeff").split("\n")  # a byte-order mark is valid UTF-8
    if not lines or lines[0].strip() != FENCE:
        return None
    for number, line in enumerate(lines[1:], start=1):
        if line.strip() in (FENCE, "..."):
            return "\n".join(lines[1:number]), "\n".join(lines[number + 1:]), number + 2
    return None


def _as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def read_front_matter(source: str, text: str, problems: Problems) -> tuple[dict[str, Any], str, int] | None:
    """Checked front matter values, the body and its first line; None (and problems) if unusable."""
    parts = split_front_matter(text)
    if parts is None:
        problems.add(source, 1, "the page has no front matter",
                     "start the file with a line '---', then 'title: ...', then a line '---'")
        return None
    front, body, body_line = parts
    try:
        mapping = load_mapping(front, first_line=2)
    except YamlProblem as exc:
        problems.add(source, exc.line, exc.message, exc.hint)
        return None
    values: dict[str, Any] = {}
    ok = True
    for key, value in mapping.values.items():
        line = mapping.line_of(key, 2)
        if key not in FRONT_MATTER_KEYS:
            problems.add(source, line, f"unknown front matter key '{key}'", did_you_mean(key, FRONT_MATTER_KEYS))
            ok = False
            continue
        checked, expected = _check_value(key, value)
        if expected:
            problems.add(source, line, f"'{key}' must be {expected}", f"for example: {_EXAMPLES[key]}")
            ok = False
            continue
        values[key] = checked
    if "title" not in values and "title" not in mapping.values:
        problems.add(source, 1, "the page has no title", "add a line 'title: ...' to the front matter")
        ok = False
    if values.get("date") and values.get("updated") and values["updated"] < values["date"]:
        problems.add(source, mapping.line_of("updated", 2),
                     f"'updated' ({values['updated']}) is before 'date' ({values['date']})",
                     "'date' is the day the page was first published, 'updated' the day of its last change")
        ok = False
    return (values, body, body_line) if ok else None


_EXAMPLES = {
    "title": "title: Kizilsu, a case study",
    "link_title": "link_title: Kizilsu",
    "summary": "summary: One sentence shown in lists and link previews.",
    "date": "date: 2021-11-03",
    "updated": "updated: 2022-01-15",
    "order": "order: 2",
    "draft": "draft: true",
    "template": "template: page.html",
    "tags": "tags: [xinjiang, poverty]",
    "lang": "lang: en",
}


def _check_value(key: str, value: Any) -> tuple[Any, str]:
    """(value, '') when valid; otherwise (None, what was expected)."""
    if key == "lang":
        if not isinstance(value, str) or not value.strip():
            return None, "text on the same line"
        if not LANGUAGE_TAG.fullmatch(value.strip()):
            known = LANGUAGE_NAMES.get(value.strip().casefold())
            return None, (f"a language tag such as 'en', not '{value.strip()}'"
                          + (f" (for {value.strip()}: '{known}')" if known else ""))
        return value.strip(), ""
    if key in ("title", "link_title", "summary", "template"):
        if isinstance(value, str) and value.strip():
            return value.strip(), ""
        return None, "text on the same line"
    if key in ("date", "updated"):
        date = _as_date(value)
        if date is None and isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
            return None, f"a date that exists ({value.strip()} does not: check the month, 01-12, and the day)"
        return (date, "") if date else (None, "a date written YYYY-MM-DD")
    if key == "order":
        if isinstance(value, int) and not isinstance(value, bool):
            return value, ""
        return None, "a whole number"
    if key == "draft":
        return (value, "") if isinstance(value, bool) else (None, "true or false")
    if key == "tags":
        if isinstance(value, str) and "," in value:
            return None, f"a list in square brackets (as written, it is one tag '{value}')"
        if isinstance(value, str):
            value = [value]
        if isinstance(value, list) and all(isinstance(t, str) and t.strip() for t in value):
            return tuple(t.strip() for t in value), ""
        return None, "a list of words"
    raise AssertionError(key)


def _walk(project: Project, inputs: Inputs, problems: Problems) -> tuple[list[str], list[str]]:
    """Content-relative paths of Markdown files and other files, sorted; hidden files skipped."""
    markdown_files: list[str] = []
    other_files: list[str] = []
    content = project.content
    for rel in inputs.under("content/"):
        if any(part.startswith((".", "_")) for part in rel.split("/")):
            continue
        if f"content/{rel}" in inputs.links and not (content / rel).resolve().is_relative_to(content.resolve()):
            problems.add(f"content/{rel}", None, "this file is a link to a file outside content/",
                         "copy the file into content/ instead of linking to it")
            continue
        if rel.endswith((".markdown", ".mdown", ".mkd")):  # would be copied as it is, never built
            problems.add(f"content/{rel}", None, "a page's file name must end in .md",
                         f"rename it to {rel.rsplit('.', 1)[0].rsplit('/', 1)[-1]}.md")
            continue
        (markdown_files if rel.endswith(".md") else other_files).append(rel)
    return markdown_files, other_files


def edition(path: str, settings: Settings) -> str:
    """Which language's edition a page file belongs to: its name's ('proposal.ur.md': 'ur'), else
    the site's. (Its front matter 'lang' may still mark a page written in another language.)"""
    return split_language(path, settings.languages)[1] or settings.language


def language_homes(settings: Settings) -> tuple[str, ...]:
    """The home page of each translation: ('/ur/',)."""
    return tuple(home_url(lang, settings.language) for lang in settings.translations)


def _generated_section(url: str, settings: Settings) -> Page:
    """A section page for a folder that has pages but no index.md (as Hugo makes list pages)."""
    homes = language_homes(settings)
    lang = next((home.strip("/") for home in homes if url.startswith(home)), settings.language)
    folder = url[len(language_prefix(lang, settings.language)):]
    name = folder.strip("/").split("/")[-1]
    title = name.replace("-", " ").replace("_", " ").capitalize() if name else settings.title
    output = url.lstrip("/") + "index.html"
    original = folder.lstrip("/") + "index.md"
    return Page(source=f"content/{original.removesuffix('index.md')}index{'' if lang == settings.language else '.' + lang}.md"
                       " (generated)", url=url, output=output,
                section=section_of(url, True, homes), is_section=True, title=title, summary="",
                date=None, updated=None, order=DEFAULT_ORDER, draft=False,
                template="home.html" if folder == "/" else "section.html", tags=(), lang=lang,
                translation_key=original)


@dataclass
class _Entry:
    """One Markdown file as the last build saw it. Saved with the build's state, so each thing is
    kept once: the text as its digest (the body is in ``front``), the HTML in ``converted``."""

    stat: StatKey  # unchanged means the text is unchanged (see buildstate.py)
    text_digest: bytes  # of the text (see _text_digest): the same digest, the same text
    front: tuple[dict[str, Any], str, int] | None
    front_problems: list[Problem]
    conversion_input: tuple = ()  # what ``converted`` was made from, see _conversion_input
    converted: Converted | None = None
    # Not saved (each is made again by the first build that needs it):
    basis: Page | None = transient(default=None)  # the page as its front matter made it, before conversion
    # The finished page (``basis`` with ``converted``, see _converted_page), reused whole while
    # nothing it came from changed; ``basis`` is only looked at while it is there.
    page: Page | None = transient(default=None)

    def well_formed(self) -> bool:
        """Are the saved fields of the types the build expects? (For an entry read from a cache file.)"""
        front = self.front
        return (type(self.stat) is tuple and type(self.text_digest) is bytes and type(self.front_problems) is list
                and type(self.conversion_input) is tuple
                and (self.converted is None or type(self.converted) is Converted)
                and (front is None or (type(front) is tuple and len(front) == 3 and type(front[0]) is dict
                                       and type(front[1]) is str and type(front[2]) is int)))


@dataclass
class ContentCache:
    """What loading content keeps from one build to the next: each file's text digest and front matter,
    and each page's conversion with the questions it asked (see ``References``). Safe to drop at any time."""

    entries: dict[str, _Entry] = field(default_factory=dict)
    # A converter per language (its permalink and footnote titles): not saved, rebuilt on first use.
    converters: dict[str, MarkdownConverter] = field(default_factory=dict)

    def __getstate__(self) -> dict:
        return {"entries": self.entries, "converters": {}}


def _text_digest(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


def _still_converted(entry: _Entry, conversion_input: tuple, references: References) -> bool:
    return (entry.converted is not None and entry.conversion_input == conversion_input
            and references.still_valid(entry.converted.lookups))


def _parse(project: Project, path: str) -> tuple[bytes, Any, list[Problem]] | Problem:
    """A page file read and its front matter parsed: (digest of its text, the front matter, its
    problems), or the problem with its bytes if they are not UTF-8 (found in the bytes read, which
    another read could find changed). Runs in worker processes: it reads no cache."""
    source = f"content/{path}"
    with processing(source):
        data = (project.content / path).read_bytes()
        not_utf8 = utf8_problem(source, data)
        if not_utf8:
            return not_utf8
        # As Path.read_text reads it: any line ending as '\n'.
        text = data.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")
        found = Problems()
        return _text_digest(text), read_front_matter(source, text, found), found.items


def _read(path: str, stat: StatKey, cache: ContentCache, parsed: tuple[bytes, Any, list[Problem]] | None,
          problems: Problems) -> _Entry:
    """The file's entry: from the cache if the file is unchanged, else from ``parsed`` (what _parse
    found; a file that was only touched keeps its entry)."""
    entry = cache.entries.get(path)
    if entry is None or entry.stat != stat:
        text_digest, front, front_problems = parsed
        if entry is not None and entry.text_digest == text_digest:
            entry.stat = stat
        else:
            entry = _Entry(stat, text_digest, front, front_problems)
            cache.entries[path] = entry
    problems.items.extend(entry.front_problems)
    return entry


def _conversion_input(text_digest: bytes, path: str, url: str, body_line: int, base_path: str,
                      strings: Strings | None) -> tuple:
    """Everything a conversion depends on besides what it asks ``References``: the body stands
    there as the digest of the file's text (the body is part of it); the language's strings give
    its permalink and footnote titles and the words of its units."""
    return text_digest, path, url, body_line, base_path, digest(strings)


def _converted_page(basis: Page, converted: Converted) -> Page:
    return replace(basis, html=converted.html, toc=converted.toc, links=converted.links,
                   citations=converted.citations, charts=converted.charts)


def _page_from_front(path: str, values: dict[str, Any], settings: Settings) -> Page:
    """The page as its path and front matter make it, before its body is converted."""
    url, output, lang, original = page_address(path, settings)
    is_section = original == "index.md" or original.endswith("/index.md")
    default_template = "home.html" if original == "index.md" else "section.html" if is_section else "page.html"
    return Page(source=f"content/{path}", url=url, output=output,
                section=section_of(url, is_section, language_homes(settings)),
                is_section=is_section, title=smart_text(values["title"]),
                link_title=smart_text(values.get("link_title", values["title"])), summary=smart_text(values.get("summary", "")),
                date=values.get("date"), updated=values.get("updated"),
                order=values.get("order", DEFAULT_ORDER), draft=values.get("draft", False),
                template=values.get("template", default_template), tags=values.get("tags", ()),
                lang=lang or values.get("lang", settings.language), translation_key=original)


def load_pages(project: Project, inputs: Inputs, settings: Settings, sources: dict[str, Source],
               datasets: dict[str, Dataset], chart_sources: dict[str, tuple[str, ...]], include_drafts: bool,
               problems: Problems, cache: ContentCache | None = None,
               glossaries: dict[str, tuple[GlossaryEntry, ...]] | None = None,
               strings: dict[str, Strings] | None = None,
               progress: Callable[[int, int], None] | None = None) -> tuple[list[Page], list[Asset]]:
    """Read and convert every page; bad pages are reported and left out. With a ``cache`` from an
    earlier build, only changed files are read again and only pages whose inputs changed converted."""
    cache = cache if cache is not None else ContentCache()
    markdown_files, other_files = _walk(project, inputs, problems)
    page_files: list[PageFile] = []
    drafts: set[str] = set()
    entries: dict[str, _Entry] = {}
    named = []
    for path in markdown_files:
        original, _ = split_language(path, settings.languages)
        bad = [n for n in original[: -len(".md")].split("/") if not NAME_PATTERN.match(n)]
        if bad:
            suggestion = re.sub(r"[^a-z0-9_-]+", "-", bad[0].lower()).strip("-") or "page"
            name, dot, suffix = bad[0].rpartition(".")
            if dot and NAME_PATTERN.match(name) and LANGUAGE_TAG.fullmatch(suffix):
                hint = (f"'{suffix}' is not one of the site's translations ({', '.join(settings.translations) or 'none'}):"
                        f" add it to 'translations' in settings.yaml, or rename the file")
            else:
                hint = f"use lower-case letters, digits, '-' and '_' only, e.g. rename it to '{suggestion}'"
            problems.add(f"content/{path}", None, f"'{bad[0]}' cannot be part of a web address", hint)
        else:
            named.append(path)
    # The files new or changed since the last build are read and parsed in worker processes: on a
    # first build, that is every file.
    changed = [path for path in named if (path not in cache.entries
                                          or cache.entries[path].stat != inputs.files[f"content/{path}"])]
    parsed = dict(zip(changed, parallel_map(lambda path: _parse(project, path), changed), strict=True))
    for path in named:
        source = f"content/{path}"
        if isinstance(parsed.get(path), Problem):
            problems.items.append(parsed[path])
            problems.fail("page", source)
            continue
        entry = entries[path] = _read(path, inputs.files[source], cache, parsed.get(path), problems)
        if entry.front is None:
            problems.fail("page", source)  # reported; links to it are not a second mistake
            continue
        values, body, body_line = entry.front
        suffix = split_language(path, settings.languages)[1]
        if suffix and values.get("lang", suffix).split("-")[0] != suffix:
            problems.add(source, 2, f"'lang: {values['lang']}' in a file named for the language '{suffix}'",
                         "remove the 'lang' line: the file's name says which language it is in")
            problems.fail("page", source)
            continue
        if values.get("draft", False) and not include_drafts:
            drafts.add(path)
            continue
        page_files.append(PageFile(_page_from_front(path, values, settings), path, body, body_line))
    for gone in set(cache.entries) - set(entries):
        del cache.entries[gone]

    claimed: dict[str, str] = {}
    unique: list[PageFile] = []
    for page_file in page_files:
        other = claimed.get(page_file.page.url)
        if other:
            problems.add(page_file.page.source, None,
                         f"two pages claim the address {page_file.page.url}: {other} and {page_file.page.source}",
                         "rename or remove one of them")
            continue
        claimed[page_file.page.url] = page_file.page.source
        unique.append(page_file)

    glossaries = glossaries or {}
    strings = strings or {}
    found_glossaries: dict[str, tuple[tuple[tuple[str, str], ...], str]] = {}
    for lang in settings.languages:
        entries_in = glossaries.get(lang, ())
        shown_on = [pf.page.url for pf in unique if pf.page.template == GLOSSARY_TEMPLATE and pf.page.lang == lang]
        if entries_in and not shown_on:
            file = project.rel(translated_file(project.glossary_file, lang, settings.language))
            problems.add(file, None, "no page shows the glossary",
                         f"add a page with 'template: {GLOSSARY_TEMPLATE}'" + (
                             " (see content/glossary.md in the README)" if lang == settings.language
                             else f" named glossary.{lang}.md"))
        if entries_in and shown_on:
            found_glossaries[lang] = (tuple((form, e.slug) for e in entries_in for form in e.forms), shown_on[0])
    references = References(pages={pf.path: pf.page.url for pf in unique}, drafts=frozenset(drafts),
                            files=frozenset(other_files), sources=frozenset(sources), charts=chart_sources,
                            datasets=datasets, base_path=settings.base_path,
                            dataset_fingerprints={name: digest(d) for name, d in datasets.items()},
                            glossaries=found_glossaries, languages=settings.languages)
    for lang in settings.languages:
        if lang not in cache.converters and lang in strings:
            cache.converters[lang] = MarkdownConverter(references, strings[lang], lang == settings.language)
        if lang in cache.converters:
            cache.converters[lang].references = references

    def conversion_input(page_file: PageFile) -> tuple:
        return _conversion_input(entries[page_file.path].text_digest, page_file.path, page_file.page.url,
                                 page_file.body_line, settings.base_path, strings.get(edition(page_file.path, settings)))

    stale = [pf for pf in unique if not _still_converted(entries[pf.path], conversion_input(pf), references)]
    def convert(page_file: PageFile) -> Converted:
        with processing(page_file.page.source):
            return cache.converters[edition(page_file.path, settings)].convert(page_file.body, page_file.path, page_file.page.url,
                                                                 page_file.body_line)

    fresh = parallel_map(convert, stale,
                         progress=progress)
    for page_file, converted in zip(stale, fresh, strict=True):
        entry = entries[page_file.path]
        entry.conversion_input, entry.converted, entry.page = conversion_input(page_file), converted, None

    pages: list[Page] = []
    for page_file in unique:
        entry = entries[page_file.path]
        converted = entry.converted
        for line, message, hint in converted.problems:
            problems.add(page_file.page.source, line, message, hint)
        if entry.page is None or entry.basis != page_file.page:
            entry.basis = page_file.page
            entry.page = _converted_page(page_file.page, converted)
        pages.append(entry.page)

    # Every folder that holds pages is a section; make the ones that have no index.md.
    have = {p.url for p in pages}
    homes = language_homes(settings)
    needed = {p.section for p in pages if p.section} | {"/"} | {h for h in homes if any(p.url.startswith(h) for p in pages)}
    for url in sorted(needed):
        while url and url not in have:
            pages.append(_generated_section(url, settings))
            have.add(url)
            url = section_of(url, True, homes)
    assets = [Asset(project.content / rel, rel) for rel in other_files]
    return sorted(pages, key=lambda p: p.url), assets


def reload_pages(project: Project, paths: list[str], site: Site, cache: ContentCache,
                 problems: Problems) -> list[Page] | None:
    """The pages at ``paths`` (content-relative), read and converted again for a build in which
    nothing else changed, or None when that is not enough: a page's summary (title, order, tags...)
    differs from the one the last good build (``site``) showed on other pages. The pages carry
    their own citations; the caller checks them against ``site`` (numbering, the sources page).
    Compared with ``site``, never with what a failed build since may have left in the cache."""
    pages = []
    for path in paths:
        entry = cache.entries.get(path)
        url = page_address(path, site.settings)[0]
        old = site.by_url.get(url)
        converter = cache.converters.get(edition(path, site.settings))
        full = project.content / path
        if entry is None or entry.page is None or entry.basis is None or old is None or converter is None:
            return None
        stat = stat_key(full)  # before reading: an edit saved while we read is seen next time
        text = full.read_text(encoding="utf-8")
        found = Problems()
        front = read_front_matter(f"content/{path}", text, found)
        if front is None or found:
            return None
        values, body, body_line = front
        basis = _page_from_front(path, values, site.settings)
        if PageSummary.of(basis) != PageSummary.of(old):
            return None
        converted = converter.convert(body, path, basis.url, body_line)
        entry.basis = basis
        entry.stat, entry.text_digest, entry.front, entry.front_problems = stat, _text_digest(text), front, []
        entry.conversion_input = _conversion_input(entry.text_digest, path, basis.url, body_line,
                                                   site.settings.base_path, converter.strings)
        entry.converted, entry.page = converted, _converted_page(basis, converted)
        for line, message, hint in converted.problems:
            problems.add(basis.source, line, message, hint)
        pages.append(entry.page)
    return pages
