"""Slugs: the parts of addresses and the element ids made from text (tags, glossary terms,
headings), in any script.

Latin letters lose their accents ('Ürümqi' -> 'urumqi'), as they always have here; letters of other
scripts are kept as they are, so an Urdu heading or tag gets an id or address of its own words
(browsers show them as written and send them percent-encoded) instead of a bare '_1' or 'tag'.
"""

from __future__ import annotations

import re
import unicodedata


def _folded(text: str) -> str:
    """Each character as its ASCII base letter when it has one ('é' -> 'e'), else as it is."""
    def fold(character: str) -> str:
        base = "".join(c for c in unicodedata.normalize("NFKD", character) if not unicodedata.combining(c))
        return base if base.isascii() else character

    return "".join(fold(c) for c in text) if not text.isascii() else text


def address_slug(text: str, fallback: str) -> str:
    """'Poverty figures' -> 'poverty-figures': letters and digits, runs of anything else as one '-'
    (``fallback`` when nothing is left)."""
    return re.sub(r"[\W_]+", "-", _folded(text).casefold()).strip("-") or fallback


def heading_id(text: str, separator: str) -> str:
    """A heading's id, as Python-Markdown's toc makes it ('What’s new?' -> 'whats-new': punctuation
    dropped, spaces as ``separator``), but keeping the letters of every script."""
    kept = re.sub(r"[^\w\s-]", "", _folded(text)).strip().lower()
    return re.sub(rf"[{re.escape(separator)}\s]+", separator, kept)
