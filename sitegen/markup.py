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
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import InlineProcessor as InlinePass
from markdown.treeprocessors import Treeprocessor

from .datasets import find_value, format_number
from .model import ChartEmbed, Dataset, Heading, LinkRef
from .yamlfile import did_you_mean

EXTENSIONS = ["tables", "footnotes", "toc", "attr_list", "def_list", "admonition", "smarty", "fenced_code"]
EXTENSION_CONFIG = {
    "toc": {"permalink": "#", "permalink_class": "headerlink", "permalink_title": "Link to this section"},
    "footnotes": {"BACKLINK_TITLE": "Back to the text of note %d"},
    "smarty": {"smart_angled_quotes": False},
}
CITATION = r"\[(@[a-z0-9][a-z0-9-]*(?:\s*;\s*@[a-z0-9][a-z0-9-]*)*)\]"
# {{< chart NAME caption="..." >}} on a line of its own; {{< value DATASET column=C key=value ... >}} inline.
CHART_LINE = re.compile(r"^\s*\{\{<\s*chart\s+(?P<args>.*?)\s*>\}\}\s*$")
VALUE = r"\{\{<\s*value\s+(.*?)\s*>\}\}"
ARGUMENT = re.compile(r'\s*(?:([a-z_][a-z0-9_]*)=)?(?:"([^"]*)"|(\S+))')
CHART_MARKER = "<!--sitegen-chart:{}-->"


@dataclass(frozen=True)
class References:
    """Everything a page may refer to: pages and files by content-relative path, sources, charts, data.

    Pages ask through the methods below, never the fields, so that every question a page asked
    and its answer are recorded (``Converted.lookups``): a cached conversion stays valid for as
    long as each of those questions gets the same answer.
    """

    pages: dict[str, str]  # 'xinjiang/kizilsu.md' -> '/xinjiang/kizilsu/'
    drafts: frozenset[str]  # pages left out of this build as drafts
    files: frozenset[str]  # non-Markdown files copied from content/
    sources: frozenset[str]  # keys of the source catalogue
    charts: dict[str, tuple[str, ...]]  # chart name -> the source keys of its data
    datasets: dict[str, Dataset]
    base_path: str  # '/' or '/repo/'
    dataset_fingerprints: dict[str, str] = field(default_factory=dict)  # name -> hash of its CSV and record

    def answer(self, kind: str, key: str) -> object:
        """The answer to one question a page may ask; ``key`` '*' asks for every name (for suggestions)."""
        if key == "*":
            return tuple(sorted({"page": self.pages, "source": self.sources, "chart": self.charts,
                                 "dataset": self.datasets}[kind]))
        if kind == "page":
            return self.pages.get(key)
        if kind == "draft":
            return key in self.drafts
        if kind == "file":
            return key in self.files
        if kind == "source":
            return key in self.sources
        if kind == "chart":
            return self.charts.get(key)
        if kind == "dataset":
            return self.dataset_fingerprints.get(key, "") if key in self.datasets else None
        raise ValueError(kind)

    def still_valid(self, lookups: dict[tuple[str, str], object]) -> bool:
        """True when every recorded question still gets its recorded answer."""
        return all(self.answer(kind, key) == answer for (kind, key), answer in lookups.items())


@dataclass
class Converted:
    html: str
    toc: tuple[Heading, ...]
    links: tuple[LinkRef, ...]
    citations: tuple[str, ...]
    charts: tuple[ChartEmbed, ...]
    problems: list[tuple[int, str, str]] = field(default_factory=list)  # (line, message, hint)
    lookups: dict[tuple[str, str], object] = field(default_factory=dict)  # (kind, key) -> answer, see References


class _PageState:
    """What the extension needs to know about, and records for, the page being converted."""

    def __init__(self, path: str, url: str, body: str, first_line: int) -> None:
        self.path = path  # content-relative: 'xinjiang/kizilsu.md'
        self.url = url
        self.lines = body.split("\n")
        self.first_line = first_line
        self.links: list[LinkRef] = []
        self.citations: list[str] = []
        self.charts: list[ChartEmbed] = []
        self.problems: list[tuple[int, str, str]] = []
        self.lookups: dict[tuple[str, str], object] = {}
        self.references: References | None = None

    def ask(self, kind: str, key: str) -> object:
        """Ask ``References`` and record the question with its answer."""
        answer = self.references.answer(kind, key)
        self.lookups[(kind, key)] = answer
        return answer

    def line_of(self, needle: str) -> int:
        """The file line where ``needle`` first appears in the body (Markdown keeps no positions)."""
        for number, text in enumerate(self.lines):
            if needle in text:
                return self.first_line + number
        return self.first_line


    def cite(self, key: str) -> int:
        """The citation number of ``key`` on this page (numbered in order of first citation)."""
        if key not in self.citations:
            self.citations.append(key)
        return self.citations.index(key) + 1


def parse_arguments(text: str) -> tuple[list[str], dict[str, str]]:
    """'gdp column=yuan region="Xinjiang Uygur"' -> (['gdp'], {'column': 'yuan', 'region': 'Xinjiang Uygur'})."""
    positional, named = [], {}
    for match in ARGUMENT.finditer(text):
        name, quoted, bare = match.groups()
        value = quoted if quoted is not None else bare or ""
        if name:
            named[name] = value
        elif value:
            positional.append(value)
    return positional, named


def _citation_span(state: _PageState, keys: list[str]) -> etree.Element:
    span = etree.Element("span", {"class": "citation"})
    for key in keys:
        link = etree.SubElement(span, "a", {"href": f"#source-{key}", "class": "citation-link"})
        link.text = f"[{state.cite(key)}]"
    return span


class _CitationPattern(InlineProcessor):
    """``[@key]`` or ``[@key1; @key2]`` -> numbered links to the page's list of sources."""

    def __init__(self, converter: MarkdownConverter) -> None:
        super().__init__(CITATION)
        self.converter = converter

    def handleMatch(self, m: re.Match, data: str):  # noqa: N802 (Python-Markdown's name)
        state = self.converter.state
        keys = re.findall(r"@([a-z0-9-]+)", m.group(1))
        for key in keys:
            if not state.ask("source", key):
                known = state.ask("source", "*")
                state.problems.append((state.line_of(f"@{key}"), f"unknown source '{key}'",
                                       "add it to sources.yaml, or " + did_you_mean(key, known, "known sources")))
        return _citation_span(state, keys), m.start(0), m.end(0)


class _ValuePattern(InlineProcessor):
    """``{{< value DATASET column=C key=value ... [format=billions] >}}`` -> the formatted number and
    its citation, so that prose and charts read the same figure from the same file."""

    def __init__(self, converter: MarkdownConverter) -> None:
        super().__init__(VALUE)
        self.converter = converter

    def handleMatch(self, m: re.Match, data: str):  # noqa: N802
        state = self.converter.state
        line = state.line_of(m.group(0)[:40])
        positional, named = parse_arguments(m.group(1))
        style = named.pop("format", "")
        column = named.pop("column", "")
        problem = None
        if len(positional) != 1:
            problem = ("a value needs one dataset name", "write {{< value DATASET column=COLUMN KEY=VALUE >}}")
        elif state.ask("dataset", positional[0]) is None:
            problem = (f"unknown dataset '{positional[0]}'",
                       did_you_mean(positional[0], state.ask("dataset", "*"), "datasets"))
        elif not column:
            problem = ("a value needs column=NAME", "name the column that holds the number")
        elif style not in ("", "billions", "millions", "raw"):
            problem = (f"unknown format '{style}'", "use format=billions, format=millions or format=raw")
        if problem is None:
            dataset = state.references.datasets[positional[0]]  # recorded by its fingerprint above
            try:
                text, source = find_value(dataset, column, named)
            except LookupError as exc:
                problem = (str(exc), "change the filters so that exactly one row matches")
        if problem:
            state.problems.append((line, *problem))
            return etree.Element("span"), m.start(0), m.end(0)
        wrapper = etree.Element("span", {"class": "data-value"})
        shown = text if style == "raw" else format_number(text, dataset.column(column), style)
        number = etree.SubElement(wrapper, "span", {"class": "data-number", "data-dataset": dataset.name})
        number.text = shown
        wrapper.append(_citation_span(state, [source]))
        return wrapper, m.start(0), m.end(0)


class _ChartBlocks(Preprocessor):
    """``{{< chart NAME caption="..." >}}`` lines -> a marker the renderer replaces with the figure."""

    def __init__(self, md: markdown.Markdown, converter: MarkdownConverter) -> None:
        super().__init__(md)
        self.converter = converter

    def run(self, lines: list[str]) -> list[str]:
        state = self.converter.state
        out: list[str] = []
        in_fence = False
        for number, text in enumerate(lines):
            if text.lstrip().startswith(("```", "~~~")):
                in_fence = not in_fence
            match = None if in_fence else CHART_LINE.match(text)
            if not match:
                out.append(text)
                continue
            line = state.first_line + number
            positional, named = parse_arguments(match.group("args"))
            caption = named.pop("caption", "")
            if len(positional) != 1 or named:
                state.problems.append((line, "a chart line names one chart and an optional caption",
                                       'write {{< chart NAME caption="..." >}}'))
                continue
            name = positional[0]
            chart_sources = state.ask("chart", name)
            if chart_sources is None:
                state.problems.append((line, f"unknown chart '{name}'",
                                       "charts: " + (", ".join(state.ask("chart", "*")) or "none (add one in charts/)")))
                continue
            for key in chart_sources:
                state.cite(key)
            state.charts.append(ChartEmbed(name, caption, line))
            marker = self.md.htmlStash.store(CHART_MARKER.format(len(state.charts) - 1))
            out.extend(["", marker, ""])
        return out


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
        state, targets = self.converter.state, self.converter.references
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
            if state.ask("draft", joined):
                state.problems.append((state.line_of(href), f"link '{href}' points to a draft page, which this build leaves out",
                                       "publish that page (remove 'draft: true') or remove the link"))
                return None
            url = state.ask("page", joined)
            if url is None:
                state.problems.append((state.line_of(href),
                                       f"link '{href}' points to a page that does not exist (content/{joined})",
                                       did_you_mean(joined, state.ask("page", "*"))))
                return None
            state.links.append(LinkRef(href, state.line_of(href), url, anchor))
        elif state.ask("file", joined):
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
        # Before backticks (190) too, so a value's quoted arguments are not touched by smarty.
        md.inlinePatterns.register(_ValuePattern(self.converter), "data_value", 195)
        # After normalize_whitespace (30), which strips the stash markers, and fenced_code (25).
        md.preprocessors.register(_ChartBlocks(md, self.converter), "chart_blocks", 22)
        # Last among tree processors: after footnotes (50), attr_list (8) and toc (5).
        md.treeprocessors.register(_LinkRewriter(md, self.converter), "link_rewriter", 1)


def _headings(tokens: list[dict], max_level: int = 3) -> tuple[Heading, ...]:
    return tuple(
        Heading(t["level"], t["id"], html.unescape(re.sub(r"<[^>]+>", "", t["name"])),
                _headings(t["children"], max_level) if t["level"] < max_level else ())
        for t in tokens
    )


# Every smarty pattern needs one of these; text without them is left as it is, so skip it.
SMARTY_TRIGGER = re.compile(r"""['"]|--|\.\.\.|<<|>>""")


class _SmartyWhereNeeded(InlinePass):
    """Python-Markdown's smarty pass, skipping text in which none of its patterns could match.
    The pass tries each of its dozen patterns at every position of every text node, which took
    half of all conversion time; the output is the same (tests/test_incremental.py compares)."""

    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:  # noqa: N802, N803
        if not SMARTY_TRIGGER.search(data):
            return data
        return InlinePass._InlineProcessor__handleInline(self, data, patternIndex)


class MarkdownConverter:
    """Converts page bodies. Set ``references`` to what pages may refer to before converting; the
    Markdown pipeline itself is built once and kept across builds (``serve`` rebuilds often)."""

    def __init__(self, references: References) -> None:
        self.references = references
        self.state = _PageState("", "", "", 1)
        self.md = markdown.Markdown(extensions=[*EXTENSIONS, _Extension(self)],
                                    extension_configs=EXTENSION_CONFIG, output_format="html")
        quick = _SmartyWhereNeeded(self.md)
        quick.inlinePatterns = self.md.treeprocessors["smarty"].inlinePatterns
        self.md.treeprocessors.register(quick, "smarty", 6)

    def convert(self, body: str, path: str, url: str, first_line: int) -> Converted:
        """``path`` is content-relative; ``first_line`` is the file line the body starts on."""
        self.state = _PageState(path, url, body, first_line)
        self.state.references = self.references
        self.md.reset()
        body_html = self.md.convert(body)
        # Pages carry their title as <h1>, so the page's own headings start at <h2>.
        tokens = self.md.toc_tokens
        top = [t for t in tokens if t["level"] == 1]
        toc = _headings(top[0]["children"] if len(top) == 1 and len(tokens) == 1 else tokens)
        state = self.state
        return Converted(body_html, toc, tuple(state.links), tuple(state.citations), tuple(state.charts),
                         state.problems, state.lookups)
