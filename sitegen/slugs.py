"""Slugs: the parts of addresses and the element ids made from text (tags, glossary terms,
headings), in any script.

Latin letters lose their accents ('Ürümqi' -> 'urumqi'), as they did in heading ids (tags dropped
such letters: 'r-mqi'); letters and marks of other scripts are kept as they are, so an Urdu heading
or tag gets an id or address of its own words (browsers show them as written and send them
percent-encoded) instead of a bare '_1' or 'tag'.
"""

from __future__ import annotations

import re
import unicodedata


def _folded(text: str) -> str:
    """Each character as its ASCII base letter when it has one ('é' -> 'e'), else as it is (the
    marks of other scripts, such as Devanagari's vowel signs or Urdu's hamza, stay)."""
    def fold(character: str) -> str:
        base = "".join(c for c in unicodedata.normalize("NFKD", character) if not unicodedata.combining(c))
        return base if base and base.isascii() else character

    return text if text.isascii() else "".join(fold(c) for c in unicodedata.normalize("NFC", text))


def _is_letter(character: str) -> bool:
    """A letter, digit or mark of any script ('_' is not one)."""
    return character.isalnum() or unicodedata.category(character).startswith("M")


def address_slug(text: str, fallback: str) -> str:
    """'Poverty figures' -> 'poverty-figures': letters, digits and marks, runs of anything else as
    one '-' (``fallback`` when nothing is left)."""
    dashed = "".join(c if _is_letter(c) else "-" for c in _folded(text).casefold())
    return re.sub("-+", "-", dashed).strip("-") or fallback


def heading_id(text: str, separator: str) -> str:
    """A heading's id, as Python-Markdown's toc makes it ('What’s new?' -> 'whats-new': punctuation
    dropped, spaces as ``separator``), but keeping the letters and marks of every script."""
    kept = "".join(c for c in _folded(text) if _is_letter(c) or c in "_-" or c.isspace()).strip().lower()
    return re.sub(rf"[{re.escape(separator)}\s]+", separator, kept)
