"""Load content/: Markdown files with YAML front matter -> pages; other files -> assets."""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from .errors import Problems
from .markup import MarkdownConverter, References
from .model import Asset, Dataset, Page, Project, Settings, Source
from .yamlfile import YamlProblem, did_you_mean, load_mapping

FRONT_MATTER_KEYS = ("title", "summary", "date", "updated", "order", "draft", "template", "tags", "lang")
NAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
DEFAULT_ORDER = 1000  # pages without 'order' come after ordered ones, by title
FENCE = "---"


@dataclass(frozen=True)
class PageFile:
    """A Markdown file whose front matter has been read; its body is not converted yet."""

    page: Page
    path: str  # content-relative: 'xinjiang/kizilsu.md'
    body: str
    body_line: int


def url_for(path: str) -> tuple[str, str]:
    """'xinjiang/kizilsu.md' -> ('/xinjiang/kizilsu/', 'xinjiang/kizilsu/index.html')."""
    stem = path[: -len(".md")]
    if stem == "index":
        stem = ""
    elif stem.endswith("/index"):
        stem = stem[: -len("/index")]
    url = f"/{stem}/" if stem else "/"
    return url, url.lstrip("/") + "index.html"


def section_of(url: str, is_section: bool) -> str:
    """The URL of the section a page is listed in: its folder, or for a folder's index, the parent."""
    if url == "/":
        return ""
    parts = url.strip("/").split("/")
    parent = parts[:-1]
    return "/" + "".join(p + "/" for p in parent)


def split_front_matter(text: str) -> tuple[str, str, int] | None:
    """(front matter, body, line the body starts on), or None when there is no front matter."""
    lines = text.split("\n")
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
    return (values, body, body_line) if ok else None


_EXAMPLES = {
    "title": "title: Kizilsu, a case study",
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
    if key in ("title", "summary", "template", "lang"):
        if isinstance(value, str) and value.strip():
            return value.strip(), ""
        return None, "text on the same line"
    if key in ("date", "updated"):
        date = _as_date(value)
        return (date, "") if date else (None, "a date written YYYY-MM-DD")
    if key == "order":
        if isinstance(value, int) and not isinstance(value, bool):
            return value, ""
        return None, "a whole number"
    if key == "draft":
        return (value, "") if isinstance(value, bool) else (None, "true or false")
    if key == "tags":
        if isinstance(value, str):
            value = [value]
        if isinstance(value, list) and all(isinstance(t, str) and t.strip() for t in value):
            return tuple(t.strip() for t in value), ""
        return None, "a list of words"
    raise AssertionError(key)


def _walk(project: Project, problems: Problems) -> tuple[list[str], list[str]]:
    """Content-relative paths of Markdown files and other files, sorted; hidden files skipped."""
    markdown_files: list[str] = []
    other_files: list[str] = []
    content = project.content
    for folder, dirs, files in os.walk(content):
        dirs[:] = sorted(d for d in dirs if not d.startswith((".", "_")))
        for name in sorted(files):
            if name.startswith((".", "_")):
                continue
            full = Path(folder) / name
            rel = full.relative_to(content).as_posix()
            if full.is_symlink() and not full.resolve().is_relative_to(content.resolve()):
                problems.add(project.rel(full), None, "this file is a link to a file outside content/",
                             "copy the file into content/ instead of linking to it")
                continue
            (markdown_files if name.endswith(".md") else other_files).append(rel)
    return markdown_files, other_files


def _generated_section(url: str, settings: Settings) -> Page:
    """A section page for a folder that has pages but no index.md (as Hugo makes list pages)."""
    name = url.strip("/").split("/")[-1]
    title = name.replace("-", " ").replace("_", " ").capitalize() if name else settings.title
    output = url.lstrip("/") + "index.html"
    return Page(source=f"content{url}index.md (generated)", url=url, output=output,
                section=section_of(url, True), is_section=True, title=title, summary="",
                date=None, updated=None, order=DEFAULT_ORDER, draft=False,
                template="home.html" if url == "/" else "section.html", tags=(), lang=settings.language)


def load_pages(project: Project, settings: Settings, sources: dict[str, Source], datasets: dict[str, Dataset],
               chart_sources: dict[str, tuple[str, ...]], include_drafts: bool,
               problems: Problems) -> tuple[list[Page], list[Asset]]:
    """Read and convert every page; bad pages are reported and left out."""
    markdown_files, other_files = _walk(project, problems)
    page_files: list[PageFile] = []
    drafts: set[str] = set()
    for path in markdown_files:
        source = f"content/{path}"
        names = path[: -len(".md")].split("/")
        bad = [n for n in names if not NAME_PATTERN.match(n)]
        if bad:
            suggestion = re.sub(r"[^a-z0-9_-]+", "-", bad[0].lower()).strip("-") or "page"
            problems.add(source, None, f"'{bad[0]}' cannot be part of a web address",
                         f"use lower-case letters, digits, '-' and '_' only, e.g. rename it to '{suggestion}'")
            continue
        text = (project.content / path).read_text(encoding="utf-8")
        front = read_front_matter(source, text, problems)
        if front is None:
            continue
        values, body, body_line = front
        if values.get("draft", False) and not include_drafts:
            drafts.add(path)
            continue
        url, output = url_for(path)
        is_section = path == "index.md" or path.endswith("/index.md")
        default_template = "home.html" if url == "/" else "section.html" if is_section else "page.html"
        page = Page(source=source, url=url, output=output, section=section_of(url, is_section),
                    is_section=is_section, title=values["title"], summary=values.get("summary", ""),
                    date=values.get("date"), updated=values.get("updated"),
                    order=values.get("order", DEFAULT_ORDER), draft=values.get("draft", False),
                    template=values.get("template", default_template), tags=values.get("tags", ()),
                    lang=values.get("lang", settings.language))
        page_files.append(PageFile(page, path, body, body_line))

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

    references = References(pages={pf.path: pf.page.url for pf in unique}, drafts=frozenset(drafts),
                            files=frozenset(other_files), sources=frozenset(sources), charts=chart_sources,
                            datasets=datasets, base_path=settings.base_path)
    converter = MarkdownConverter(references)
    pages: list[Page] = []
    for page_file in unique:
        converted = converter.convert(page_file.body, page_file.path, page_file.page.url, page_file.body_line)
        for line, message, hint in converted.problems:
            problems.add(page_file.page.source, line, message, hint)
        pages.append(replace(page_file.page, html=converted.html, toc=converted.toc,
                             links=converted.links, citations=converted.citations,
                             charts=converted.charts))

    # Every folder that holds pages is a section; make the ones that have no index.md.
    have = {p.url for p in pages}
    needed = {p.section for p in pages if p.section} | {"/"}
    for url in sorted(needed):
        while url and url not in have:
            pages.append(_generated_section(url, settings))
            have.add(url)
            url = section_of(url, True)
    assets = [Asset(project.content / rel, rel) for rel in other_files]
    return sorted(pages, key=lambda p: p.url), assets
