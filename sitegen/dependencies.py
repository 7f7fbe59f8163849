"""The dependency graph: for every output file, the fingerprint of each thing it was rendered from.

An output is rendered again only when one of its fingerprints changed. What an output depends on
is recorded from what its render actually reads:

* ``template:NAME`` - every template and partial it renders through (extends, include, import);
* ``site:PART`` - each attribute of ``site`` those templates read (``site.nav``, ``site.sources``...);
* ``page:URL`` - the page itself, body included;
* ``context:KEY`` - each other entry of its render context: the other pages it shows (breadcrumbs,
  previous/next, section lists, tag lists) by the fields a listing shows only (title, summary,
  dates, tags, order), so editing a page's text never re-renders the pages that merely list it;
  the sources it cites;
* ``chart:NAME`` - each chart it embeds, with its data and sources.

That last rule is enforced: a template may read the body (``html``, ``toc``, ``links``...) of the
page being rendered only. The feed, which shows other pages whole, depends on each of them whole.
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Iterable
from dataclasses import dataclass

import jinja2
from jinja2 import meta, nodes

from .errors import Problems
from .model import Page, Site

BODY_FIELDS = frozenset({"html", "toc", "links", "citations", "charts"})
LISTING_FIELDS = ("url", "title", "summary", "date", "updated", "order", "tags", "draft", "section", "is_section",
                  "lang", "template", "source", "output")
FULL_SITE_TEMPLATES = frozenset({"feed.xml"})  # may show every page's body


def digest(*parts: object) -> str:
    """A short stable hash of ``repr(parts)`` (never ``hash()``, which changes between processes)."""
    return hashlib.blake2b(repr(parts).encode("utf-8"), digest_size=12).hexdigest()


@dataclass(frozen=True)
class TemplateInfo:
    """What a template reads, found by parsing it and every template it pulls in."""

    names: tuple[str, ...]  # the template and all it extends, includes or imports
    site_parts: tuple[str, ...]  # attributes of ``site`` read anywhere in those
    any_template: bool  # a dynamic include: depends on every template


def _reads(env: jinja2.Environment, name: str, template_path: str, problems: Problems) -> tuple[set[str], set[str], bool]:
    """(templates referenced, site attributes read, has a dynamic reference) of one template file."""
    source, _, _ = env.loader.get_source(env, name)
    try:
        tree = env.parse(source, name)
    except jinja2.TemplateSyntaxError as exc:  # reported where the template is rendered, with its line
        problems.add(template_path, exc.lineno, f"template syntax error: {exc.message}", "fix the template")
        return set(), {"*"}, True
    referenced = set(meta.find_referenced_templates(tree))
    dynamic = None in referenced
    site_parts: set[str] = set()
    for node in tree.find_all(nodes.Getattr):
        if isinstance(node.node, nodes.Name) and node.node.name == "site":
            site_parts.add(node.attr)
        if (node.attr in BODY_FIELDS and name not in FULL_SITE_TEMPLATES
                and not (isinstance(node.node, nodes.Name) and node.node.name == "page")):
            problems.add(template_path, node.lineno,
                         f"'.{node.attr}' is read from something other than the page being rendered",
                         "a template shows other pages by their title, summary, dates and tags only; "
                         f"read '{node.attr}' from 'page'")
    attribute_owners = {id(g.node) for g in tree.find_all(nodes.Getattr)}
    if any(n.name == "site" and id(n) not in attribute_owners for n in tree.find_all(nodes.Name)):
        site_parts.add("*")  # 'site' handed on whole (to a macro, a variable): it may read anything
    return {r for r in referenced if r}, site_parts, dynamic


class TemplateGraph:
    """The templates each template renders through, parsed once per version of each file."""

    def __init__(self) -> None:
        self._files: dict[str, tuple[str, tuple[set[str], set[str], bool]]] = {}  # name -> (digest, reads)

    def info(self, env: jinja2.Environment, name: str, digests: dict[str, str], problems: Problems,
             rel: str = "templates/") -> TemplateInfo:
        names: list[str] = []
        parts: set[str] = set()
        dynamic = False
        pending = [name]
        while pending:
            current = pending.pop()
            if current in names or current not in digests:
                continue
            names.append(current)
            cached = self._files.get(current)
            if cached is None or cached[0] != digests[current]:
                cached = (digests[current], _reads(env, current, rel + current, problems))
                self._files[current] = cached
            referenced, site_parts, has_dynamic = cached[1]
            parts |= site_parts
            dynamic = dynamic or has_dynamic
            pending.extend(sorted(referenced))
        return TemplateInfo(tuple(sorted(names)), tuple(sorted(parts)), dynamic)


class Fingerprints:
    """Fingerprints of pages, sources and charts, kept for as long as the objects live (serve keeps
    its pages from build to build, so an unchanged page is never hashed twice)."""

    def __init__(self) -> None:
        self._memo: dict[tuple[str, int], tuple[object, str]] = {}

    def __getstate__(self) -> dict:
        return {"_memo": {}}  # keyed by object identity: meaningless in another process

    def _remember(self, kind: str, obj: object, compute) -> str:  # noqa: ANN001
        key = (kind, id(obj))
        found = self._memo.get(key)
        if found is not None and found[0] is obj:
            return found[1]
        value = compute()
        self._memo[key] = (obj, value)
        return value

    def page(self, page: Page) -> str:
        return self._remember("page", page, lambda: digest(page))

    def listing(self, page: Page) -> str:
        return self._remember("listing", page, lambda: digest(*(getattr(page, f) for f in LISTING_FIELDS)))

    def value(self, value: object) -> str:
        """A context value: pages by their listing, tuples remembered (a section's page list is
        shared by all its pages, so it is hashed once), anything else by its repr."""
        if isinstance(value, Page):
            return self.listing(value)
        if isinstance(value, tuple):
            return self._remember("tuple", value, lambda: digest(*(self.value(v) for v in value)))
        if isinstance(value, list):
            return digest(*(self.value(v) for v in value))
        return digest(value)

    def forget_all_but(self, alive: Iterable[object]) -> None:
        """Drop what belongs to objects no longer in the site."""
        keep = {id(obj) for obj in alive}
        self._memo = {k: v for k, v in self._memo.items() if k[1] in keep}


def site_part(site: Site, part: str, prints: Fingerprints) -> str:
    """The fingerprint of ``site.PART`` as a template sees it (other pages by their listing only)."""
    if part == "nav":
        return digest(site.nav)
    if part in ("pages", "by_url"):
        return digest(tuple(prints.listing(p) for p in site.pages))
    if part == "tags":
        return digest(tuple((tag, tuple(prints.listing(p) for p in pages)) for tag, pages in site.tags.items()))
    if part == "cited_on":
        return digest(tuple((key, tuple(prints.listing(p) for p in pages)) for key, pages in site.cited_on.items()))
    if part == "children":
        return digest(tuple((url, tuple(prints.listing(p) for p in pages)) for url, pages in site.children.items()))
    if part == "datasets":
        return digest(tuple((name, dataset.csv_bytes, dataset.title, dataset.description, dataset.units, dataset.notes,
                             dataset.columns) for name, dataset in site.datasets.items()))
    if part == "charts":
        return digest(tuple((name, chart.key) for name, chart in site.charts.items()))
    if part == "static_files":
        return digest(tuple(site.static_files))
    if part == "*":
        return digest(*(site_part(site, p, prints) for p in ("nav", "pages", "tags", "cited_on", "children",
                                                                "datasets", "charts", "static_files")),
                      site.sources, site.comparison, site.static_urls, site.settings)
    return hashlib.blake2b(pickle.dumps(getattr(site, part)), digest_size=12).hexdigest()


PAGE_OWN_KEYS = frozenset({"page", "content", "toc", "cite"})  # derived from the page itself: 'page:URL' covers them


def context_reads(context: dict, prints: Fingerprints, into: dict[str, str]) -> None:
    """Record what a render context hands its templates besides the page itself: other pages
    (by listing), sources, dates... one fingerprint per context entry."""
    for key, value in context.items():
        if key not in PAGE_OWN_KEYS:
            into[f"context:{key}"] = prints.value(value)
