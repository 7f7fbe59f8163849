"""Markdown -> HTML for one page, with links between Markdown files rewritten to built URLs.

One ``markdown.Markdown`` instance is reused for every page (``reset()`` between pages):
building the extension pipeline costs more than converting a typical page.
"""

from __future__ import annotations

import difflib
import html
import posixpath
import re
import xml.etree.ElementTree as etree
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

import markdown
from markdown.inlinepatterns import InlineProcessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import InlineProcessor as InlinePass
from markdown.treeprocessors import Treeprocessor

from .datasets import UnitNotTranslated, ValueNotFound, find_value, format_number
from .errors import WARNING
from .languages import edition_of_url, split_language
from .model import ChartEmbed, Dataset, Heading, LinkRef
from .slugs import heading_id
from .strings import Strings
from .typography import smart_text
from .yamlfile import did_you_mean

EXTENSIONS = ["tables", "footnotes", "toc", "attr_list", "def_list", "admonition", "smarty", "fenced_code"]
EXTENSION_CONFIG = {
    # The permalink and footnote titles come from each edition's strings (MarkdownConverter).
    "toc": {"permalink": "#", "permalink_class": "headerlink", "slugify": heading_id},
    "footnotes": {},
    "smarty": {"smart_angled_quotes": False},
}


def extension_config(strings: Strings) -> dict:
    """The extensions' settings for an edition: its permalink and footnote titles from its strings."""
    return {**EXTENSION_CONFIG, "toc": {**EXTENSION_CONFIG["toc"], "permalink_title": strings.text("permalink_title")},
            "footnotes": {**EXTENSION_CONFIG["footnotes"], "BACKLINK_TITLE": strings.text("footnote_backlink")}}


CITATION = r"\[(@[a-z0-9][a-z0-9-]*(?:\s*;\s*@[a-z0-9][a-z0-9-]*)*)\]"
# {{< chart NAME caption="..." >}} on a line of its own; {{< value DATASET column=C key=value ... >}} inline.
CHART_LINE = re.compile(r"^\s*\{\{<\s*chart\s+(?P<args>.*?)\s*>\}\}\s*$")
VALUE = r"\{\{<[ \t]*value[ \t]+([^\n]*?)[ \t]*>\}\}"  # one line: a split one is reported, not half-read
ARGUMENT = re.compile(r'\s*(?:([a-z_][a-z0-9_]*)=)?(?:"([^"]*)"|(\S+))')
CHART_MARKER = "<!--sitegen-chart:{}-->"
SHORTCODES = ("chart", "value")
SHORTCODE_OPEN = re.compile(r"\{\{<\s*(?P<name>[^\s>]*)")
CODE_SPAN = re.compile(r"(`+).+?\1")
ATX_HEADING = re.compile(r"^(#{1,6})\s+(?P<text>.*?)(?:\s*\{(?P<attrs>[^}]*)\})?\s*#*\s*$")
ATTRIBUTE = re.compile(r"""#[\w-]+|\.[\w-]+|[\w-]+=(?:"[^"]*"|'[^']*'|[^\s"']+)""")
FOOTNOTE_REF = re.compile(r"\[\^([^\]\s]+)\](?!:)")
FOOTNOTE_DEF = re.compile(r"^\[\^([^\]]+)\]:")
REFERENCE_LINK = re.compile(r"\[([^\]\[^@][^\]\[]*)\]\[([^\]]*)\]")
REFERENCE_DEF = re.compile(r"^ {0,3}\[([^\]^][^\]]*)\]:\s*\S")
BARE_KEY = re.compile(r"(?<![\]\w!^@])\[([a-z0-9][a-z0-9-]*)\](?![\[(:])")
LIST_ITEM = re.compile(r"^\s{0,3}(?:[-*+]|\d+[.)])\s")
LINK_ONLY = re.compile(r"\[[^\]]+\]\([^)\s]+\)")  # a line that is one link, as a definition list's term
INLINE_LINK = re.compile(r"\]\(([^)\s#]+\.md)(?:#[^)\s]*)?\)")
BLOCKED_TAG = re.compile(r"<(iframe|script|style|object|embed)\b", re.IGNORECASE)
BLOCKED_ATTRIBUTE = re.compile(r"<[a-zA-Z][\w-]*\s[^>]*?\b(style|on[a-z]+)\s*=", re.IGNORECASE)
CSP_HINTS = {
    "iframe": "the site allows nothing from other sites in a page: link to it instead, e.g. [watch the video](https://...)",
    "script": "pages cannot carry their own scripts: remove it (scripts live in static/ and the templates add them)",
    "style": "pages cannot carry their own styles: remove it (styles live in static/css/site.css)",
    "object": "the site allows nothing from other sites in a page: link to it instead",
    "embed": "the site allows nothing from other sites in a page: link to it instead",
}
SHORTCODE_FORMS = 'shortcodes: {{< chart NAME caption="..." >}} on a line of its own, {{< value DATASET column=C ... >}}'


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
    # Per edition: ((form of a term, its slug), ...) for linking first uses, and its glossary page's URL.
    glossaries: dict[str, tuple[tuple[tuple[str, str], ...], str]] = field(default_factory=dict)
    languages: tuple[str, ...] = ("en",)  # the site's language first, then those of its translations

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
        if kind == "glossary":  # the edition's terms' forms and slugs, and where they link (() on the glossary itself)
            found = self.glossaries.get(edition_of_url(key, self.languages))
            return found if found and found[1] != key else ()
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
        self.asked: dict[str, int] = {}  # how often line_of was asked for each needle
        # What the line scan saw, for the checks that need the whole page (see _ChartBlocks).
        self.headings: list[tuple[int, str | None]] = []  # (line, its {#id} if it gives one)
        self.footnote_refs: list[tuple[int, str]] = []
        self.footnote_defs: set[str] = set()
        self.reference_links: list[tuple[int, str, str]] = []  # (line, as written, the name it refers to)
        self.reference_defs: set[str] = set()  # lower-cased
        self.bare_keys: list[tuple[int, str]] = []
        self.listed: list[tuple[int, str]] = []  # (line, the .md file linked) in list items
        self.chart_markers: dict[str, tuple[str, ...]] = {}  # a chart's placeholder -> the sources it cites

    def ask(self, kind: str, key: str) -> object:
        """Ask ``References`` and record the question with its answer."""
        answer = self.references.answer(kind, key)
        self.lookups[(kind, key)] = answer
        return answer

    def line_of(self, needle: str) -> int:
        """The file line of ``needle`` in the body. Python-Markdown keeps no positions, but it meets
        the text in order: the n-th time a needle is asked for, it is at its n-th occurrence, so the
        same mistake made twice is reported at both of its lines."""
        found = [self.first_line + number for number, text in enumerate(self.lines) for _ in range(text.count(needle))]
        asked = self.asked.get(needle, 0)
        self.asked[needle] = asked + 1
        return found[min(asked, len(found) - 1)] if found else self.first_line


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
            except ValueNotFound as exc:
                problem = (str(exc), exc.hint)
        if problem:
            state.problems.append((line, *problem))
            return etree.Element("span"), m.start(0), m.end(0)
        wrapper = etree.Element("span", {"class": "data-value"})
        try:
            shown = text if style == "raw" else format_number(text, dataset.column(column), style,
                                                              self.converter.unit_words)
        except UnitNotTranslated as exc:
            state.problems.append((line, str(exc), exc.hint))
            return etree.Element("span"), m.start(0), m.end(0)
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
        # Runs before fenced_code replaces code blocks, so each line here is a line of the file.
        state = self.converter.state
        out: list[str] = []
        in_fence = False
        for number, text in enumerate(lines):
            if text.lstrip().startswith(("```", "~~~")):
                in_fence = not in_fence
            match = None if in_fence else CHART_LINE.match(text)
            line = state.first_line + number
            if not match:
                if not in_fence:
                    code_free = CODE_SPAN.sub(lambda m: " " * len(m.group(0)), text)  # code shows examples
                    self.check_shortcodes(code_free, line)
                    self.scan_line(code_free, line)
                out.append(text)
                continue
            positional, named = parse_arguments(match.group("args"))
            caption = smart_text(named.pop("caption", ""))
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
            state.chart_markers[marker] = tuple(chart_sources)
            out.extend(["", marker, ""])
        self.check_references()
        return out

    def check_hand_written_list(self) -> None:
        """A section's own page lists the section's pages by itself (section.html): a list of them
        written by hand shows them twice. It may be meant (a guided order), so it is a warning."""
        state = self.converter.state
        folder = posixpath.dirname(state.path)
        if not state.path.endswith("/index.md"):
            return
        pages = {p for p in state.ask("page", "*") if posixpath.dirname(p) == folder and p != state.path}
        linked: dict[str, int] = {}
        for line, href in state.listed:
            target = posixpath.normpath(posixpath.join(folder, unquote(href)))
            if target in pages:
                linked.setdefault(target, line)
        if len(linked) >= 2 and len(linked) * 2 >= len(pages):
            state.problems.append((min(linked.values()), f"{WARNING}this list links to {len(linked)} of the section's "
                                   f"{len(pages)} pages, which the section page lists below it anyway",
                                   "remove the list (the page shows every page of its folder by itself), or link to "
                                   "the pages in sentences that say why to read them"))

    def scan_line(self, text: str, line: int) -> None:
        """Record headings, footnotes and reference links (checked once the whole page is read);
        report raw HTML that the site's Content-Security-Policy would block."""
        state = self.converter.state
        heading = ATX_HEADING.match(text)
        if heading:
            explicit = None
            attrs = heading.group("attrs")
            if attrs is not None:
                inner = attrs.strip().removeprefix(":").strip()
                rest = ATTRIBUTE.sub(" ", inner).strip()
                ids = [token[1:] for token in ATTRIBUTE.findall(inner) if token.startswith("#")]
                if rest or not inner:
                    word = re.sub(r"[^\w-]+", "-", inner.lstrip("#").strip()).strip("-") or "section"
                    state.problems.append((line, f"the attribute list '{{{attrs}}}' is not valid",
                                           f"an id is one word after '#', e.g. {{#{word}}}"))
                explicit = ids[0] if ids else None
            state.headings.append((line, explicit))
        for tag in BLOCKED_TAG.findall(text):
            state.problems.append((line, f"raw HTML <{tag.lower()}> is blocked by the site's Content-Security-Policy",
                                   CSP_HINTS[tag.lower()]))
        for attribute in BLOCKED_ATTRIBUTE.findall(text):
            name = attribute.lower()
            state.problems.append((line, f"raw HTML with a {name}= attribute is blocked by the site's Content-Security-Policy",
                                   CSP_HINTS["style"] if name == "style" else CSP_HINTS["script"]))
        if definition := FOOTNOTE_DEF.match(text):
            state.footnote_defs.add(definition.group(1))
        elif definition := REFERENCE_DEF.match(text):
            state.reference_defs.add(definition.group(1).casefold())
        state.footnote_refs.extend((line, m.group(1)) for m in FOOTNOTE_REF.finditer(text))
        state.reference_links.extend((line, m.group(0), (m.group(2) or m.group(1))) for m in REFERENCE_LINK.finditer(text))
        state.bare_keys.extend((line, m.group(1)) for m in BARE_KEY.finditer(text))
        # A list item, or a definition list's term that is only a link: both list pages by hand.
        if LIST_ITEM.match(text) or LINK_ONLY.fullmatch(text.strip()):
            state.listed.extend((line, m.group(1)) for m in INLINE_LINK.finditer(text))

    def check_references(self) -> None:
        """Footnotes and reference links with no definition would be published as the raw brackets."""
        state = self.converter.state
        for line, name in state.footnote_refs:
            if name not in state.footnote_defs:
                state.problems.append((line, f"the footnote [^{name}] has no note",
                                       f"add the note on a line of its own: [^{name}]: The note."))
        for line, written, name in state.reference_links:
            if " ".join(name.split()).casefold() not in state.reference_defs:
                state.problems.append((line, f"the link {written} has no address: no line '[{name}]: ...' defines it",
                                       f"add a line '[{name}]: https://...', or write the link as [text](address)"))
        self.check_hand_written_list()
        for line, key in state.bare_keys:
            if key not in state.reference_defs and state.ask("source", key):
                state.problems.append((line, f"[{key}] is not a citation: '{key}' is a source",
                                       f"cite it as [@{key}]"))

    def check_shortcodes(self, text: str, line: int) -> None:
        """Anything that opens like a shortcode but is not a valid one would be published as it is."""
        state = self.converter.state
        for opening in SHORTCODE_OPEN.finditer(text):
            name = opening.group("name")
            if ">}}" not in text[opening.end():]:
                state.problems.append((line, "a shortcode opened with '{{<' is not closed with '>}}' on this line",
                                       "write the whole shortcode on one line, ending with '>}}'; " + SHORTCODE_FORMS))
            elif name == "chart":
                state.problems.append((line, "a chart must be on a line of its own",
                                       "put the {{< chart ... >}} line between blank lines, with no text beside it"))
            elif name not in SHORTCODES:
                close = difflib.get_close_matches(name, SHORTCODES, n=1)
                state.problems.append((line, f"unknown shortcode '{name}'" if name else "a shortcode needs a name",
                                       (f"did you mean '{close[0]}'? " if close else "") + SHORTCODE_FORMS))


class _CitationOrder(Treeprocessor):
    """Numbers the page's sources in reading order. Citations are met out of order as the page is
    converted (a chart's sources when its line is read, before any text; a value inside a card after
    the text around it), so the numbers are given again from the finished tree: the first source a
    reader meets, in the text or in a chart's source line, is [1]."""

    def __init__(self, md: markdown.Markdown, converter: MarkdownConverter) -> None:
        super().__init__(md)
        self.converter = converter

    def run(self, root: etree.Element) -> None:
        state = self.converter.state
        order: dict[str, int] = {}
        links = []
        for element in root.iter():
            if element.tag == "a" and element.get("class") == "citation-link":
                links.append(element)
                order.setdefault(element.get("href").removeprefix("#source-"), len(order) + 1)
            elif element.text and element.text in state.chart_markers:
                for key in state.chart_markers[element.text]:
                    order.setdefault(key, len(order) + 1)
        for key in state.citations:  # anything the tree does not show stays, after the rest
            order.setdefault(key, len(order) + 1)
        for link in links:
            link.text = f"[{order[link.get('href').removeprefix('#source-')]}]"
        state.citations = list(order)


class _LinkRewriter(Treeprocessor):
    """Rewrites links to .md files and local files into the URLs they are built at."""

    def __init__(self, md: markdown.Markdown, converter: MarkdownConverter) -> None:
        super().__init__(md)
        self.converter = converter

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            attribute = {"a": "href", "img": "src"}.get(element.tag)
            if element.get("class") in ("citation-link", "glossary-term"):
                continue  # made by the engine, its target checked already
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
            # A translation links to the page in its own language where there is one, else to the original.
            edition = split_language(state.path, targets.languages)[1]
            translated = f"{joined[:-len('.md')]}.{edition}.md" if edition and not split_language(
                joined, targets.languages)[1] else None
            url = (translated and state.ask("page", translated)) or state.ask("page", joined)
            if url is None:
                state.problems.append((state.line_of(href),
                                       f"link '{href}' points to a page that does not exist (content/{joined})",
                                       self.page_hint(joined)))
                return None
            state.links.append(LinkRef(href, state.line_of(href), url, anchor))
        elif state.ask("file", joined):
            url = "/" + joined
        else:
            state.problems.append((state.line_of(href), f"link '{href}' points to a file that does not exist (content/{joined})",
                                   self.file_hint(href, joined)))
            return None
        return targets.base_path + url.lstrip("/") + (f"#{parts.fragment}" if parts.fragment else "")


    def relative(self, path: str) -> str:
        """``path`` (content-relative) as a link written on the page being converted."""
        return posixpath.relpath(path, posixpath.dirname(self.converter.state.path) or ".")

    def page_hint(self, joined: str) -> str:
        """The page most likely meant: one of that file name in another folder, else the closest path."""
        state = self.converter.state
        pages = [p for p in state.ask("page", "*") if p != state.path]
        same_name = [p for p in pages if posixpath.basename(p) == posixpath.basename(joined)]
        close = same_name or difflib.get_close_matches(joined, pages, n=1)
        return f"did you mean '{self.relative(close[0])}'?" if close else "check the file name in content/"

    def file_hint(self, href: str, joined: str) -> str:
        """A page's name without '.md', or another site's address without 'https://', is a common slip."""
        state = self.converter.state
        if DOMAIN.match(href):
            return f"an address on another site starts with https://: write https://{href}"
        for page in (joined + ".md", posixpath.join(joined, "index.md")):
            if state.ask("page", page) is not None:
                return f"a link to a page names its file: write '{self.relative(page)}'"
        return "check the spelling, or put the file beside the page in content/"


DOMAIN = re.compile(r"^(?:www\.|[a-z0-9-]+\.(?:org|com|net|gov|edu|int|info|io|pk|cn|uk|de|fr)(?:/|$))", re.IGNORECASE)
GLOSSARY_SKIP = frozenset({"a", "code", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "abbr", "sup", "script", "style",
                           "kbd", "samp", "var", "dt", "th"})
GLOSSARY_SKIP_CLASSES = frozenset({"citation", "data-value", "footnote", "admonition-title"})


class _GlossaryLinker(Treeprocessor):
    """Links the first use of each glossary term in a page's text to its entry on the glossary page.
    Headings, links, code, citations and data values are left alone; so is the glossary page itself."""

    def __init__(self, md: markdown.Markdown, converter: MarkdownConverter) -> None:
        super().__init__(md)
        self.converter = converter
        self._patterns: dict[tuple, re.Pattern] = {}

    def pattern(self, forms: tuple[tuple[str, str], ...]) -> re.Pattern:
        if forms not in self._patterns:
            alternatives = "|".join(re.escape(form) for form, _ in sorted(forms, key=lambda f: -len(f[0])))
            self._patterns[forms] = re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)
        return self._patterns[forms]

    def run(self, root: etree.Element) -> None:
        state = self.converter.state
        answer = state.ask("glossary", state.url)
        if not answer:
            return
        forms, url = answer
        slugs = {form.casefold(): slug for form, slug in forms}
        pattern = self.pattern(forms)
        href = self.converter.references.base_path + url.lstrip("/")
        linked: set[str] = set()

        def link_in(text: str) -> tuple[str, list[etree.Element]]:
            """``text`` up to the first new term, and the elements (link + tail) that follow it."""
            for match in pattern.finditer(text):
                slug = slugs[match.group(0).casefold()]
                if slug in linked:
                    continue
                linked.add(slug)
                link = etree.Element("a", {"href": f"{href}#term-{slug}", "class": "glossary-term"})
                link.text = match.group(0)
                rest, more = link_in(text[match.end():])
                link.tail = rest
                return text[:match.start()], [link, *more]
            return text, []

        def walk(element: etree.Element) -> None:
            if element.tag in GLOSSARY_SKIP or GLOSSARY_SKIP_CLASSES & set((element.get("class") or "").split()):
                return
            if element.text:
                element.text, new = link_in(element.text)
                for offset, item in enumerate(new):
                    element.insert(offset, item)
            for child in list(element):
                walk(child)
                if child.tail:
                    child.tail, new = link_in(child.tail)
                    index = list(element).index(child) + 1
                    for offset, item in enumerate(new):
                        element.insert(index + offset, item)

        walk(root)


class _Extension(markdown.Extension):
    def __init__(self, converter: MarkdownConverter) -> None:
        super().__init__()
        self.converter = converter

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802
        # Before 'reference' (170) and 'link' (160), which would otherwise claim '[@key]'.
        md.inlinePatterns.register(_CitationPattern(self.converter), "citation", 175)
        # Before backticks (190) too, so a value's quoted arguments are not touched by smarty.
        md.inlinePatterns.register(_ValuePattern(self.converter), "data_value", 195)
        # After normalize_whitespace (30), which strips the stash markers; before fenced_code (25),
        # which folds code blocks into one line each, so that line numbers stay the file's.
        md.preprocessors.register(_ChartBlocks(md, self.converter), "chart_blocks", 28)
        # After inline patterns (20) and attr_list (8), before smarty (6), so terms match as written.
        md.treeprocessors.register(_GlossaryLinker(md, self.converter), "glossary_links", 7)
        # After every pass that makes or moves citations (footnotes 50, inline 20, glossary 7) and
        # before toc (5), which makes heading ids and the contents from the headings' text.
        md.treeprocessors.register(_CitationOrder(md, self.converter), "citation_order", 6.5)
        # Last among tree processors: after footnotes (50), attr_list (8) and toc (5).
        md.treeprocessors.register(_LinkRewriter(md, self.converter), "link_rewriter", 1)


def _headings(tokens: list[dict], max_level: int = 3) -> tuple[Heading, ...]:
    return tuple(
        Heading(t["level"], t["id"], html.unescape(re.sub(r"<[^>]+>", "", t["name"])),
                _headings(t["children"], max_level) if t["level"] < max_level else ())
        for t in tokens
    )


# The text without which each inline pattern cannot match, by pattern name (the smarty patterns by
# the start of theirs); a pattern not named here is always tried.
PATTERN_NEEDS: dict[str, tuple[str, ...]] = {
    "backtick": ("`",), "escape": ("\\",), "reference": ("[",), "link": ("[",), "short_reference": ("[",),
    "image_link": ("![",), "image_reference": ("![",), "short_image_ref": ("![",), "autolink": ("<",),
    "automail": ("<",), "html": ("<",), "linebreak": ("  \n",), "entity": ("&",), "em_strong": ("*", "_"),
    "footnote": ("[^",), "citation": ("[@",), "data_value": ("{{<",),
    "smarty-ellipses": ("...",), "smarty-quotes": ("'", '"'), "smarty-em-dashes": ("---",),
    "smarty-en-dashes": ("--",),
}


def _needs(name: str) -> Callable[[str], object] | None:
    """A test for text the pattern might match (one regular expression: cheaper than several 'in')."""
    family = name.rsplit("-", 1)[0]
    needs = PATTERN_NEEDS.get(name) or (PATTERN_NEEDS.get(family) if family.startswith("smarty-") else None)
    return re.compile("|".join(map(re.escape, needs))).search if needs else None


class _InlineWhereNeeded(InlinePass):
    """Python-Markdown's inline pass (the main one and smarty's), skipping each pattern for text
    that lacks what the pattern needs to match. The stock pass runs every pattern's regular
    expression over every piece of text, which was most of the conversion time; a pattern that
    cannot match changes nothing, so the output is the same (tests/test_incremental.py compares)."""

    def __init__(self, md: markdown.Markdown, patterns: markdown.util.Registry) -> None:
        super().__init__(md)
        self.inlinePatterns = patterns
        names = sorted(patterns._data, key=patterns.get_index_for_name)
        self.needs = [_needs(name) for name in names]

    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:  # noqa: N802, N803
        if isinstance(data, markdown.util.AtomicString):
            return data
        start, count, needs = 0, len(self.inlinePatterns), self.needs
        while patternIndex < count:
            wanted = needs[patternIndex]
            if wanted is not None and not wanted(data):
                patternIndex, start = patternIndex + 1, 0
                continue
            data, matched, start = self._InlineProcessor__applyPattern(
                self.inlinePatterns[patternIndex], data, patternIndex, start)
            if not matched:
                patternIndex += 1
        return data


def _check_heading_ids(state: _PageState, tokens: list[dict]) -> None:
    """Two headings with one id: the same {#id} twice is a mistake (duplicate HTML ids); the same
    text twice may be intended, but the toc extension then renames one ('education_1'), so a link
    to the first can silently land on the other: warn."""
    flat: list[dict] = []

    def walk(items: list[dict]) -> None:
        for item in items:
            flat.append(item)
            walk(item["children"])

    walk(tokens)
    lines = state.headings if len(state.headings) == len(flat) else [(state.line_of(t["name"]), None) for t in flat]
    first: dict[str, int] = {}
    for (line, explicit), token in zip(lines, flat, strict=True):
        if explicit and explicit in first:
            state.problems.append((line, f"the heading id '{explicit}' is used twice on this page (also on line "
                                   f"{first[explicit]})", "give each heading its own {#id}"))
        elif not explicit and (renamed := re.fullmatch(r"(.+)_\d+", token["id"])) and renamed.group(1) in first:
            base = renamed.group(1)
            state.problems.append((line, f"{WARNING}this heading would have the id '{base}' of the heading on line "
                                   f"{first[base]}, so it gets '{token['id']}'", "give one of them its own id, e.g. "
                                   f"'## {token['name']} {{#{base}-2}}', so that links to each stay put"))
        first.setdefault(explicit or token["id"], line)


class MarkdownConverter:
    """Converts page bodies. Set ``references`` to what pages may refer to before converting; the
    Markdown pipeline itself is built once and kept across builds (``serve`` rebuilds often)."""

    def __init__(self, references: References, strings: Strings, site_language: bool = True) -> None:
        """``strings``: the edition's, for its permalink and footnote titles and, in a translation
        (not ``site_language``), the words of its numbers' units."""
        self.references = references
        self.strings = strings
        self.unit_words = None if site_language else strings.unit
        self.state = _PageState("", "", "", 1)
        self.md = markdown.Markdown(extensions=[*EXTENSIONS, _Extension(self)], extension_configs=extension_config(strings),
                                    output_format="html")
        passes = self.md.treeprocessors
        passes.register(_InlineWhereNeeded(self.md, self.md.inlinePatterns), "inline", 20)
        passes.register(_InlineWhereNeeded(self.md, passes["smarty"].inlinePatterns), "smarty", 6)

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
        _check_heading_ids(state, tokens)
        return Converted(body_html, toc, tuple(state.links), tuple(state.citations), tuple(state.charts),
                         state.problems, state.lookups)
