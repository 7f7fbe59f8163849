"""Typographic punctuation for text that does not go through a page's Markdown: titles, summaries,
source records, compare.yaml cells, dataset records, chart titles and captions, the glossary.

Python-Markdown's smarty does the work (the same rules as page text: curly quotes and apostrophes,
``--`` as an en dash, ``---`` as an em dash), run on its own with nothing else of Markdown, so
that ``*``, ``#``, ``<`` and the like are left as they are. The result is plain text.
"""

from __future__ import annotations

import functools
import html

import markdown


@functools.cache
def _smarty() -> markdown.Markdown:
    md = markdown.Markdown(extensions=["smarty"], extension_configs={"smarty": {"smart_angled_quotes": False}})
    for registry, keep in ((md.inlinePatterns, ()), (md.parser.blockprocessors, ("paragraph",)),
                           (md.preprocessors, ("normalize_whitespace",))):
        for name in list(registry._data):
            if name not in keep:
                registry.deregister(name)
    return md


@functools.lru_cache(maxsize=8192)
def smart_text(text: str) -> str:
    """'China\\'s "pairing" -- 2010' -> 'China’s “pairing” – 2010'. Line breaks are kept."""
    if not any(mark in text for mark in ("'", '"', "--", "...")):  # what every smarty pattern needs
        return text
    md = _smarty()
    lines = []
    for line in text.split("\n"):
        if not line.strip():
            lines.append(line)
            continue
        md.reset()
        converted = md.convert(line)
        lines.append(html.unescape(converted[len("<p>"):-len("</p>")]) if converted.startswith("<p>") else line)
    return "\n".join(lines)
