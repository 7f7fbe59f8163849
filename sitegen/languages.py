"""Languages: the tags pages and settings give, which way each one is written, and which
language a page file is in (a translation is named NAME.LANG.md, beside NAME.md)."""

from __future__ import annotations

import re
from pathlib import Path

LANGUAGE_TAG = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")  # BCP 47, as the lang attribute wants
LANGUAGE_NAMES = {"english": "en", "urdu": "ur", "chinese": "zh", "mandarin": "zh", "uyghur": "ug", "uighur": "ug",
                  "balochi": "bal", "pashto": "ps", "punjabi": "pa", "sindhi": "sd", "french": "fr", "german": "de",
                  "arabic": "ar", "persian": "fa", "russian": "ru", "spanish": "es", "kazakh": "kk"}


# Right to left: the scripts (a language tag's script subtag decides: 'pa-Arab' is Shahmukhi
# Punjabi, 'sd-Deva' Sindhi in Devanagari) and the languages whose usual script is one of them:
# Urdu, Arabic, Persian and Dari, Pashto, Sindhi, Saraiki, Balochi, Brahui, Kashmiri, Khowar,
# Western Punjabi, Uyghur, Sorani and Southern Kurdish, Hebrew, Yiddish, Dhivehi and others.
RIGHT_TO_LEFT_SCRIPTS = frozenset({"arab", "hebr", "thaa", "syrc", "nkoo", "adlm", "rohg", "mand", "samr"})
RIGHT_TO_LEFT = frozenset({"ur", "ar", "fa", "prs", "ps", "sd", "skr", "bal", "bgn", "brh", "ks", "khw", "pnb", "ug",
                           "ckb", "sdh", "he", "yi", "dv", "arz", "ary", "glk", "mzn", "lrc", "azb"})


def text_direction(lang: str) -> str:
    """``<html dir>`` for a language tag: 'rtl' for Urdu ('ur', 'ur-PK'), 'pa-Arab' and the other
    right-to-left languages and scripts, else 'ltr'."""
    subtags = lang.lower().split("-")
    script = next((s for s in subtags[1:] if len(s) == 4 and s.isalpha()), None)
    if script is not None:
        return "rtl" if script in RIGHT_TO_LEFT_SCRIPTS else "ltr"
    return "rtl" if subtags[0] in RIGHT_TO_LEFT else "ltr"


def split_language(path: str, languages: tuple[str, ...]) -> tuple[str, str | None]:
    """'pakistan/proposal.ur.md' -> ('pakistan/proposal.md', 'ur'); a page in the site's language
    -> (path, None). A suffix that is no language of the site is left in the name (the name check
    then reports it, with the languages there are)."""
    stem, dot, suffix = path[: -len(".md")].rpartition(".")
    if dot and suffix in languages[1:]:
        return f"{stem}.md", suffix
    return path, None


def language_prefix(lang: str, site_language: str) -> str:
    """Where a language's pages live: '' for the site's language, '/ur' for Urdu."""
    return "" if lang == site_language else f"/{lang}"


def edition_of_url(url: str, languages: tuple[str, ...]) -> str:
    """The edition a site address belongs to: '/ur/pakistan/' -> 'ur'; '/pakistan/' -> the site's."""
    first = url.strip("/").split("/", 1)[0]
    return first if first in languages[1:] else languages[0]


def home_url(lang: str, site_language: str) -> str:
    """An edition's home page: '/' for the site's language, '/ur/' for Urdu."""
    return f"{language_prefix(lang, site_language)}/"


def translated_file(path: Path, lang: str, site_language: str) -> Path:
    """A data file in an edition's language: 'compare.yaml' itself for the site's, 'compare.ur.yaml'
    beside it for Urdu."""
    return path if lang == site_language else path.with_name(f"{path.stem}.{lang}{path.suffix}")
