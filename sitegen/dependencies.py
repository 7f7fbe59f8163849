"""The dependency graph: for every output file, the fingerprint of each thing its render read.

Dependencies are recorded while rendering (as Lektor records them during a build), never guessed
from the templates' text. For each output the build keeps:

* ``template:NAME`` - every template its render loaded: extends, include, import, dynamic names
  too (the Jinja environment records each one it loads; render.py);
* ``site:PART`` - each attribute of ``site`` that its templates and the address filters read
  (``site`` is a ``SiteView`` that records every attribute asked for; render.py);
* ``context:KEY`` - each entry of its render context, by value: the page being rendered whole,
  and every other page only as a ``PageSummary`` (title, summary, dates, tags, order...);
* ``chart:NAME`` - each chart it embeds, with its data and sources;
* ``global:settings`` and ``global:has_tags`` - what every page reads through Jinja's globals.

Templates are given other pages only as ``PageSummary`` objects, which have no body: a template
that tries to show another page's text, however it spells it (``p.html``, ``p["html"]``,
``|attr("html")``, ``map(attribute="html")``), fails with the template's line, in every build
and in serve alike. So editing a page's text can only change the outputs that show that page
whole: its own, and the feed, whose context holds its pages whole and is fingerprinted so.

An output is rendered again when any of its recorded fingerprints differs. A template that starts
reading something new must itself have changed, and so is rendered again and recorded anew.
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Iterable

from .model import Page, PageSummary, Site


def digest(*parts: object) -> str:
    """A short stable hash of ``repr(parts)`` (never ``hash()``, which changes between processes)."""
    return hashlib.blake2b(repr(parts).encode("utf-8"), digest_size=12).hexdigest()


class Fingerprints:
    """Fingerprints of values a render reads, kept for as long as the objects live (serve keeps
    its pages from build to build, so an unchanged page is never hashed twice)."""

    def __init__(self) -> None:
        self._memo: dict[tuple[str, int], tuple[object, str]] = {}

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

    def value(self, value: object) -> str:
        """A context value, by value: pages whole, summaries by their fields, tuples remembered (a
        section's page list is shared by all its pages, so it is hashed once), the rest by repr."""
        if isinstance(value, Page):
            return self.page(value)
        if isinstance(value, PageSummary):
            return self._remember("summary", value, lambda: digest(value))
        if isinstance(value, tuple):
            return self._remember("tuple", value, lambda: digest(*(self.value(v) for v in value)))
        if isinstance(value, list):
            return digest(*(self.value(v) for v in value))
        if isinstance(value, dict):
            return digest(*((k, self.value(v)) for k, v in value.items()))
        return digest(value)

    def forget_all_but(self, alive: Iterable[object]) -> None:
        """Drop what belongs to objects no longer in the site."""
        keep = {id(obj) for obj in alive}
        self._memo = {k: v for k, v in self._memo.items() if k[1] in keep}


def site_part(site: Site, part: str, prints: Fingerprints, summary) -> str:  # noqa: ANN001 - Page -> PageSummary
    """The fingerprint of ``site.PART`` as a template sees it (other pages by their summary only)."""
    if part in ("pages", "by_url"):
        return digest(tuple(prints.value(summary(p)) for p in site.pages))
    if part in ("cited_on", "children", "translations"):
        return digest(tuple((key, tuple(prints.value(summary(p)) for p in pages))
                            for key, pages in getattr(site, part).items()))
    if part == "tags":  # edition -> tag -> pages
        return digest(tuple((edition, tuple((tag, tuple(prints.value(summary(p)) for p in pages))
                                            for tag, pages in tags.items())) for edition, tags in site.tags.items()))
    if part == "datasets":  # tables and maps alike: the bytes of each one's file, and its source record
        return digest(tuple((name, dataset.file, dataset.data, dataset.title, dataset.description, dataset.units,
                             dataset.notes, dataset.columns, dataset.sources) for name, dataset in site.datasets.items()))
    if part == "charts":
        return digest(tuple((name, chart.key) for name, chart in site.charts.items()))
    if part == "translated_charts":
        return digest(tuple((lang, tuple((name, chart.key) for name, chart in charts.items()))
                            for lang, charts in site.translated_charts.items()))
    if part == "static_files":
        return digest(tuple(site.static_files))
    if not hasattr(site, part):
        return "missing"
    return hashlib.blake2b(pickle.dumps(getattr(site, part)), digest_size=12).hexdigest()


PAGE_OWN_KEYS = frozenset({"content", "toc", "cite"})  # derived from the page itself: 'context:page' covers them


def context_fingerprints(context: dict, prints: Fingerprints) -> dict[str, str]:
    """One fingerprint per entry of a render context."""
    return {f"context:{key}": prints.value(value) for key, value in context.items() if key not in PAGE_OWN_KEYS}
