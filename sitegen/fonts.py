"""Fonts an edition brings with it, for a script readers' systems may lack (Urdu's Nastaliq).

``fonts/LANG/text.woff2`` sets the edition's text and ``fonts/LANG/charts.woff2`` its charts
(a plainer face that reads at 13 px). The build cuts each down to the characters the edition
uses (fontTools), names the result by its hash, and writes one stylesheet per edition with an
``@font-face`` for each (``font-display: swap``, and a ``unicode-range`` so the browser only
fetches a font for text in its script). Only that edition's pages link the stylesheet.

The characters are taken from what the edition's pages are made of (their text, titles, the
interface strings, the comparison and glossary, the charts' words), a superset of what its pages
show, so the fonts do not depend on the rendered pages, which link to them. Subsetting a Nastaliq
font takes seconds: results are kept in ``.cache/fonts/`` by the font's bytes and the characters.
"""

from __future__ import annotations

import functools
import hashlib
import io
import os
import tempfile
from dataclasses import dataclass
from importlib.metadata import version

from .languages import edition_of_url
from .model import Project, Site

ROLES = ("text", "charts")  # fonts/LANG/text.woff2, fonts/LANG/charts.woff2
FONTS_FOLDER = "fonts"  # in the site, too: /fonts/ur.3f2a1b9c0d.css


@dataclass(frozen=True)
class EditionFont:
    """One font of an edition, cut down to its characters."""

    role: str  # 'text' or 'charts'
    family: str  # from the font's name table: 'Noto Nastaliq Urdu'
    output: str  # its path in the site: 'fonts/noto-nastaliq-urdu.0a1b2c3d4e.woff2'
    data: bytes
    ranges: str  # its characters as a CSS unicode-range


def font_files(project: Project, lang: str) -> dict[str, bytes]:
    """The fonts an edition has, by role, as read (an edition without fonts/LANG/ has none)."""
    folder = project.fonts / lang
    return {role: (folder / f"{role}.woff2").read_bytes() for role in ROLES if (folder / f"{role}.woff2").exists()}


def subset_fonts(project: Project, lang: str, fonts: dict[str, bytes], characters: str) -> tuple[EditionFont, ...]:
    """Each of ``fonts`` (role -> its bytes) cut down to ``characters``, from the cache when done before."""
    found = []
    wanted = sorted({ord(c) for c in characters})
    for role, data in sorted(fonts.items()):
        family, covered = font_info(data)
        used = [c for c in wanted if c in covered]
        key = hashlib.sha256(data + repr((used, version("fonttools"), version("brotli"))).encode()).hexdigest()[:24]
        cached = project.cache / "fonts" / f"{key}.woff2"
        if cached.exists():
            subset = cached.read_bytes()
        else:
            subset = subset_font(data, used)
            cached.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(prefix=".font.", suffix=".partial", dir=cached.parent)
            with os.fdopen(handle, "wb") as file:
                file.write(subset)
            os.replace(temporary, cached)  # whole or not at all; two builds write the same bytes
        name = family.casefold().replace(" ", "-")
        output = f"{FONTS_FOLDER}/{name}.{hashlib.sha256(subset).hexdigest()[:10]}.woff2"
        found.append(EditionFont(role, family, output, subset, unicode_ranges(used)))
    return tuple(found)


def fonts_stylesheet(lang: str, fonts: tuple[EditionFont, ...]) -> tuple[str, bytes]:
    """(its path in the site, the stylesheet): an @font-face per font, and the families as the
    custom properties site.css sets the edition's text and charts in."""
    rules = []
    for font in fonts:
        rules.append(f'@font-face{{font-family:"{font.family}";src:url({font.output.rsplit("/", 1)[1]}) format("woff2");'
                     f"font-display:swap;unicode-range:{font.ranges}}}")
    families = ";".join(f'--edition-font-{font.role}:"{font.family}"' for font in fonts)
    rules.append(f":root{{{families}}}")
    css = ("\n".join(rules) + "\n").encode("utf-8")
    return f"{FONTS_FOLDER}/{lang}.{hashlib.sha256(css).hexdigest()[:10]}.css", css


def unicode_ranges(codepoints: list[int]) -> str:
    """[0x600, 0x601, 0x602, 0x627] -> 'U+600-602,U+627'."""
    ranges: list[list[int]] = []
    for point in sorted(codepoints):
        if ranges and point == ranges[-1][1] + 1:
            ranges[-1][1] = point
        else:
            ranges.append([point, point])
    return ",".join(f"U+{a:X}" if a == b else f"U+{a:X}-{b:X}" for a, b in ranges) or "U+0"


@functools.cache  # asked for each edition's fonts and for every chart SVG that carries one
def font_info(data: bytes) -> tuple[str, frozenset[int]]:
    """A font's family name (its name table's) and the characters it has."""
    from fontTools.ttLib import TTFont

    font = TTFont(io.BytesIO(data))
    return font["name"].getDebugName(1) or "Edition font", frozenset(font.getBestCmap())


def subset_font(data: bytes, codepoints: list[int]) -> bytes:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    # The font's own date, not the time of the build: the same inputs give the same bytes.
    font = TTFont(io.BytesIO(data), recalcTimestamp=False)
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]  # Nastaliq's joining and placement need all of its features
    options.hinting = False  # browsers on phones do not use TrueType hints for this script
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=codepoints)
    subsetter.subset(font)
    out = io.BytesIO()
    font.flavor = "woff2"
    font.save(out)
    return out.getvalue()


def edition_characters(site: Site, lang: str) -> str:
    """Every character the edition's outputs can show: its pages' text and titles (other pages
    show them in menus and lists), its strings, comparison and glossary."""
    parts: list[str] = []
    for page in site.pages:
        if edition_of_url(page.url, site.settings.languages) == lang:
            parts += [page.title, page.link_title, page.summary, page.html, *page.tags,
                      *(embed.caption for embed in page.charts)]
    parts.append(repr(site.strings[lang].items))
    parts += [cell.text for row in site.comparisons.get(lang, ()) for cell in (row.xinjiang, row.pakistan)]
    parts += [row.dimension for row in site.comparisons.get(lang, ())]
    parts += [f"{e.term} {e.definition}" for e in site.glossaries.get(lang, ())]
    return "".join(parts)


def edition_fonts(project: Project, site: Site) -> tuple[dict[str, bytes], dict[str, tuple[str, str]]]:
    """(the font files and stylesheets to write, each edition's (stylesheet URL, text font URL,
    which its pages preload: every page's text needs it)) for every edition that has fonts/LANG/."""
    files: dict[str, bytes] = {}
    stylesheets: dict[str, tuple[str, str]] = {}
    for lang in site.settings.languages:
        fonts = font_files(project, lang)
        if not fonts:
            continue
        subsets = subset_fonts(project, lang, fonts, edition_characters(site, lang))
        files.update({font.output: font.data for font in subsets})
        path, css = fonts_stylesheet(lang, subsets)
        files[path] = css
        text = next((f"/{font.output}" for font in subsets if font.role == "text"), "")
        stylesheets[lang] = ("/" + path, text)
    return files, stylesheets
