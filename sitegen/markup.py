"""Markdown -> HTML for one page, with links between Markdown files rewritten to built URLs.

One ``markdown.Markdown`` instance is reused for every page (``reset()`` between pages):
building the extension pipeline costs more than converting a typical page.
"""

from __future__ import annotations

import html
import posixpath
import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

import markdown
from markdown.inlinepatterns import InlineProcessor
from markdown.treeprocessors import Treeprocessor

from .model import Heading, LinkRef
from .yamlfile import did_you_mean

EXTENSIONS = ["tables", "footnotes", "toc", "attr_list", "def_list", "admonition", "smarty", "fenced_code"]
EXTENSION_CONFIG = {
    "toc": {"permalink": "#", "permalink_class": "headerlink", "permalink_title": "Link to this section"},
    "footnotes": {"BACKLINK_TITLE": "Back to the text of note %d"},
    "smarty": {"smart_angled_quotes": False},
}
CITATION = r"\[(@[a-z0-9][a-z0-9-]*(?:\s*;\s*@[a-z0-9][a-z0-9-]*)*)\]"


@dataclass(frozen=True)
class LinkTargets:
    """What links in content/ may point at, by content-relative path."""

    pages: dict[str, str]  # 'xinjiang/kizilsu.md' -> '/xinjiang/kizilsu/'
    drafts: frozenset[str]  # pages left out of this build as drafts
    files: frozenset[str]  # non-Markdown files copied from content/
    sources: frozenset[str]  # keys of the source catalogue
    base_path: str  # '/' or '/repo/'


@dataclass
class Converted:
    html: str
    toc: tuple[Heading, ...]
    links: tuple[LinkRef, ...]
    citations: tuple[str, ...]
    problems: list[tuple[int, str, str]] = field(default_factory=list)  # (line, message, hint)


class _PageState:
    """What the extension needs to know about, and records for, the page being converted."""

    def __init__(self, path: str, url: str, body: str, first_line: int) -> None:
        self.path = path  # content-relative: 'xinjiang/kizilsu.md'
        self.url = url
        self.lines = body.split("\n")
        self.first_line = first_line
        self.links: list[LinkRef] = []
        self.citations: list[str] = []
        self.problems: list[tuple[int, str, str]] = []

    def line_of(self, needle: str) -> int:
        """The file line where ``needle`` first appears in the body (Markdown keeps no positions)."""
        for number, text in enumerate(self.lines):
            if needle in text:
                return self.first_line + number
        return self.first_line


class _CitationPattern(InlineProcessor):
    """``[@key]`` or ``[@key1; @key2]`` -> numbered links to the page's list of sources."""

    def __init__(self, converter: MarkdownConverter) -> None:
        super().__init__(CITATION)
        self.converter = converter

    def handleMatch(self, m: re.Match, data: str):  # noqa: N802 (Python-Markdown's name)
        state = self.converter.state
        span = etree.Element("span", {"class": "citation"})
        for key in re.findall(r"@([a-z0-9-]+)", m.group(1)):
            if key not in self.converter.targets.sources:
                known = sorted(self.converter.targets.sources)
                state.problems.append((state.line_of(f"@{key}"), f"unknown source '{key}'",
                                       "add it to sources.yaml, or " + did_you_mean(key, known, "known sources")))
            if key not in state.citations:
                state.citations.append(key)
            number = state.citations.index(key) + 1
            link = etree.SubElement(span, "a", {"href": f"#source-{key}", "class": "citation-link"})
            link.text = f"[{number}]"
        return span, m.start(0), m.end(0)


class _LinkRewriter(Treeprocessor):
    """Rewrites links to .md files and local files into the URLs they are built at."""

    def __init__(self, md: markdown.Markdown, converter: MarkdownConverter) -> None:
        super().__init__(md)
        self.converter = converter

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            attribute = {"a": "href", "img": "src"}.get(element.tag)
            if element.get("class") == "citation-link":
                continue  # its target, the page's list of sources, is made by the template
            if attribute and element.get(attribute) is not None:
                new = self.resolve(element.get(attribute))
                if new is not None:
                    element.set(attribute, new)

    def resolve(self, href: str) -> str | None:
        state, targets = self.converter.state, self.converter.targets
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or href.startswith("//"):
            return None  # external: left as written
        anchor = unquote(parts.fragment)
        if not parts.path:  # '#anchor' on this page
            if anchor:
                state.links.append(LinkRef(href, state.line_of(href), state.url, anchor))
            return None
        if parts.path.startswith("/"):  # site-absolute: checked against every URL the build makes
            url = parts.path
            state.links.append(LinkRef(href, state.line_of(href), url, anchor))
            return targets.base_path + url.lstrip("/") + (f"#{parts.fragment}" if parts.fragment else "")
        joined = posixpath.normpath(posixpath.join(posixpath.dirname(state.path), unquote(parts.path)))
        if joined == ".." or joined.startswith("../"):
            state.problems.append((state.line_of(href), f"link '{href}' points outside content/",
                                   "link only to pages and files inside content/"))
            return None
        if parts.path.endswith("/"):
            joined = posixpath.join(joined, "index.md") if joined != "." else "index.md"
        if joined.endswith(".md"):
            if joined in targets.drafts:
                state.problems.append((state.line_of(href), f"link '{href}' points to a draft page, which this build leaves out",
                                       "publish that page (remove 'draft: true') or remove the link"))
                return None
            url = targets.pages.get(joined)
            if url is None:
                state.problems.append((state.line_of(href), f"link '{href}' points to a page that does not exist (content/{joined})",
                                       did_you_mean(joined, sorted(targets.pages))))
                return None
            state.links.append(LinkRef(href, state.line_of(href), url, anchor))
        elif joined in targets.files:
            url = "/" + joined
        else:
            state.problems.append((state.line_of(href), f"link '{href}' points to a file that does not exist (content/{joined})",
                                   "check the spelling, or put the file beside the page in content/"))
            return None
        return targets.base_path + url.lstrip("/") + (f"#{parts.fragment}" if parts.fragment else "")


class _Extension(markdown.Extension):
    def __init__(self, converter: MarkdownConverter) -> None:
        super().__init__()
        self.converter = converter

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802
        # Before 'reference' (170) and 'link' (160), which would otherwise claim '[@key]'.
        md.inlinePatterns.register(_CitationPattern(self.converter), "citation", 175)
        # Last among tree processors: after footnotes (50), attr_list (8) and toc (5).
        md.treeprocessors.register(_LinkRewriter(md, self.converter), "link_rewriter", 1)


def _headings(tokens: list[dict], max_level: int = 3) -> tuple[Heading, ...]:
    return tuple(
        Heading(t["level"], t["id"], html.unescape(re.sub(r"<[^>]+>", "", t["name"])),
                _headings(t["children"], max_level) if t["level"] < max_level else ())
        for t in tokens
    )


class MarkdownConverter:
    """Converts page bodies; create one per build (it holds the link targets)."""

    def __init__(self, targets: LinkTargets) -> None:
        self.targets = targets
        self.state = _PageState("", "", "", 1)
        self.md = markdown.Markdown(extensions=[*EXTENSIONS, _Extension(self)],
                                    extension_configs=EXTENSION_CONFIG, output_format="html")

    def convert(self, body: str, path: str, url: str, first_line: int) -> Converted:
        """``path`` is content-relative; ``first_line`` is the file line the body starts on."""
        self.state = _PageState(path, url, body, first_line)
        self.md.reset()
        body_html = self.md.convert(body)
        # Pages carry their title as <h1>, so the page's own headings start at <h2>.
        tokens = self.md.toc_tokens
        top = [t for t in tokens if t["level"] == 1]
        toc = _headings(top[0]["children"] if len(top) == 1 and len(tokens) == 1 else tokens)
        state = self.state
        return Converted(body_html, toc, tuple(state.links),
                         tuple(state.citations), state.problems)
