"""Social cards: a 1200x630 PNG for every page, the picture a shared link shows (``og:image``).

A card is an SVG put together here in the site's style (its name, the page's title and summary,
the page's address, and the page's lead chart, its first, when it has one) and drawn into a PNG
by vl-convert (resvg) with the fonts kept in ``sitegen/fonts/`` (DejaVu Sans, subset), so a card
looks the same on every machine. Lines are broken by the fonts' own widths (fontTools).

Cards are kept in ``.cache/cards/`` under a hash of their SVG and the fonts, like charts: a card
whose picture did not change is never drawn again. A site asks for cards with ``social_cards:
true`` in settings.yaml (drawing one costs about 0.1 s, once).
"""

from __future__ import annotations

import functools
import hashlib
import html
import os
import re
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .languages import edition_of_url
from .model import ChartOutput, Page, Project, Site
from .workers import parallel_map

WIDTH, HEIGHT = 1200, 630
FOLDER = "cards"  # in the built site
FONTS = Path(__file__).resolve().parent / "fonts"
FONT_FAMILY = "DejaVu Sans"
MARGIN = 64
INK, MUTED, ACCENT, PAPER = "#1b1f24", "#4a5360", "#1d4e89", "#ffffff"  # the light theme's (charts.THEMES)


@dataclass(frozen=True)
class Card:
    """A page's card: where it is published, what it says to those who cannot see it, its SVG."""

    output: str  # 'cards/xinjiang-kizilsu.png'
    alt: str
    svg: str


def card_output(page: Page) -> str | None:
    """The card's path in the site, or None for a page that gets none (the 404 page)."""
    if page.url == "/404.html":
        return None
    return f"{FOLDER}/{page.url.strip('/').replace('/', '-') or 'home'}.png"


@functools.cache
def _fonts() -> dict[bool, tuple[dict[int, str], dict[str, tuple[int, int]], int]]:
    from fontTools.ttLib import TTFont

    found = {}
    for bold, name in ((False, "DejaVuSans.ttf"), (True, "DejaVuSans-Bold.ttf")):
        font = TTFont(FONTS / name)
        found[bold] = (font.getBestCmap(), font["hmtx"].metrics, font["head"].unitsPerEm)
    return found


def text_width(text: str, size: float, bold: bool = False) -> float:
    """The width in pixels of ``text`` set in the cards' font at ``size`` px."""
    cmap, metrics, per_em = _fonts()[bold]
    units = 0
    for character in text:
        glyph = cmap.get(ord(character))
        units += metrics[glyph][0] if glyph in metrics else per_em // 2  # (a character the subset lacks)
    return units * size / per_em


def wrap(text: str, width: float, size: float, bold: bool, max_lines: int) -> list[str]:
    """``text`` broken into lines no wider than ``width``; the last line ends in '…' if it had to stop."""
    lines: list[str] = []
    for word in text.split():
        if lines and text_width(f"{lines[-1]} {word}", size, bold) <= width:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        while lines[-1] and text_width(lines[-1] + "…", size, bold) > width:
            lines[-1] = lines[-1].rsplit(" ", 1)[0] if " " in lines[-1] else lines[-1][:-1]
        lines[-1] = lines[-1].rstrip(" ,;:–—") + "…"
    return lines


def _text_block(lines: list[str], x: int, y: float, size: int, bold: bool, colour: str) -> tuple[str, float]:
    """SVG text for ``lines`` from baseline ``y``; returns it and the baseline after the last line."""
    weight = ' font-weight="bold"' if bold else ""
    step = round(size * 1.25)
    parts = [f'<text x="{x}" y="{y + i * step:.0f}" font-family="{FONT_FAMILY}" font-size="{size}"{weight} '
             f'fill="{colour}">{html.escape(line)}</text>' for i, line in enumerate(lines)]
    return "".join(parts), y + (len(lines) - 1) * step


SVG_OPENING = re.compile(rb"<svg\b[^>]*>")
SVG_SIZE = re.compile(rb'width="([\d.]+)" height="([\d.]+)"')


def _chart_box(svg: bytes, x: int, y: int, width: int, height: int) -> str:
    """A chart's SVG, fitted into the box (its proportions kept)."""
    opening = SVG_OPENING.search(svg)
    size = SVG_SIZE.search(opening.group(0)) if opening else None
    if not opening or not size:
        return ""
    body = svg[opening.end():].decode("utf-8").rsplit("</svg>", 1)[0]
    return (f'<svg x="{x}" y="{y}" width="{width}" height="{height}" viewBox="0 0 {float(size.group(1)):g} '
            f'{float(size.group(2)):g}" preserveAspectRatio="xMidYMid meet">{body}</svg>')


def shown_card(site: Site, page: Page) -> tuple[str, str] | None:
    """(the card a page's shared links show, its description): its own, or for a translation its
    original's (cards are drawn in the site's language: its fonts have no other script), or None."""
    card_page = page
    if edition_of_url(page.url, site.settings.languages) != site.settings.language:
        card_page = next((p for p in site.translations.get(page.translation_key, ())
                          if edition_of_url(p.url, site.settings.languages) == site.settings.language), None)
    output = card_output(card_page) if site.settings.social_cards and card_page is not None else None
    return (output, card_alt(site, card_page)) if output else None


def make_card(site: Site, page: Page) -> Card | None:
    """The card of ``page``: its title and summary, and its lead chart beside them if it has one.
    A translation has none of its own (see shown_card)."""
    output = card_output(page)
    if output is None or edition_of_url(page.url, site.settings.languages) != site.settings.language:
        return None
    chart = _lead_chart(site, page)
    title = page.title
    summary = page.summary or (site.settings.description if page.url == "/" else "")
    column = 500 if chart else WIDTH - 2 * MARGIN
    title_size = 44 if chart else 60
    parts = [f'<rect width="{WIDTH}" height="{HEIGHT}" fill="{PAPER}"/>',
             f'<rect width="{WIDTH}" height="14" fill="{ACCENT}"/>']
    name, _ = _text_block([site.settings.title], MARGIN, 86, 28, False, MUTED)
    parts.append(name)
    block, bottom = _text_block(wrap(title, column, title_size, True, 5 if chart else 4), MARGIN, 86 + 28 + title_size + 20,
                                title_size, True, INK)
    parts.append(block)
    if summary:
        size = 24 if chart else 30
        space = (HEIGHT - 110 - bottom) // round(size * 1.25)
        if space > 0:
            block, _ = _text_block(wrap(summary, column, size, False, min(4, space)), MARGIN, bottom + 30 + size, size,
                                   False, MUTED)
            parts.append(block)
    address = site.settings.absolute(page.url).split("://", 1)[-1]
    footer, _ = _text_block(wrap(address, WIDTH - 2 * MARGIN, 22, False, 1), MARGIN, HEIGHT - 44, 22, False, MUTED)
    parts.append(footer)
    if chart:
        parts.append(f'<rect x="620" y="110" width="{WIDTH - 620 - MARGIN + 24}" height="440" rx="8" fill="{PAPER}" '
                     f'stroke="#d5dbe3"/>')
        parts.append(_chart_box(chart.light_svg, 632, 122, WIDTH - 620 - MARGIN, 416))
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="{WIDTH}" '
           f'height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}">{"".join(parts)}</svg>')
    return Card(output, card_alt(site, page), svg)


def card_alt(site: Site, page: Page) -> str:
    """What the card shows, in words (``og:image:alt``)."""
    chart = _lead_chart(site, page)
    title = page.title
    summary = page.summary or (site.settings.description if page.url == "/" else "")
    alt = f"{title}. {summary}" if summary else title
    return alt + (f" Chart: {chart.definition.title}" if chart else "")


def _lead_chart(site: Site, page: Page) -> ChartOutput | None:
    return next((site.charts[e.name] for e in page.charts if e.name in site.charts), None)


def _fonts_digest() -> str:
    digest = hashlib.sha256()
    for path in sorted(FONTS.glob("*.ttf")):
        digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()


def _draw(svg: str) -> bytes:
    import vl_convert

    vl_convert.register_font_directory(str(FONTS))
    return vl_convert.svg_to_png(svg, scale=1.0)


def render_cards(project: Project, site: Site, pages: list[Page] | tuple[Page, ...]) -> dict[str, bytes]:
    """The PNG of every card of ``pages``, by its path in the site: from .cache/cards/ when the
    same picture was drawn before, else drawn now (shared among worker processes)."""
    cards = [card for page in pages if (card := make_card(site, page)) is not None]
    if not cards:
        return {}
    fonts, version = _fonts_digest(), _vl_convert_version()
    folder = project.cache / "cards"
    paths = {card.output: folder / (hashlib.sha256(f"{fonts};{version};{card.svg}".encode()).hexdigest()[:24] + ".png")
             for card in cards}
    missing = [card for card in cards if not paths[card.output].exists()]
    # vl-convert keeps a thread of its own, which a process forked after it started would lack.
    drawn = (parallel_map(lambda card: _draw(card.svg), missing, minimum=4) if "vl_convert" not in sys.modules
             else [_draw(card.svg) for card in missing])
    folder.mkdir(parents=True, exist_ok=True)
    for card, png in zip(missing, drawn, strict=True):
        handle, temporary = tempfile.mkstemp(prefix=".card.", suffix=".partial", dir=folder)
        with os.fdopen(handle, "wb") as file:
            file.write(png)
        os.replace(temporary, paths[card.output])  # whole or not at all; two builds write the same bytes
    return {card.output: paths[card.output].read_bytes() for card in cards}


def _vl_convert_version() -> str:
    from importlib.metadata import version

    return version("vl-convert-python")
