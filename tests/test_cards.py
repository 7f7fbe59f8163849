"""Social cards: every page of a site that asks for them gets a 1200x630 PNG and the tags that
show it when the page is shared; cards are drawn once and follow what they show."""

from __future__ import annotations

import re
import struct
from pathlib import Path

import pytest

from sitegen import cards
from sitegen.incremental import Builder
from sitegen.model import Project
from tests.conftest import MINIMAL_SETTINGS, page, write_files
from tests.test_incremental import FUNDS_CHART

CARDS_ON = MINIMAL_SETTINGS + "social_cards: true\n"


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def meta(html: str, attribute: str, name: str) -> str | None:
    found = re.search(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)">', html)
    return found.group(1) if found else None


@pytest.fixture
def card_site(make_site):
    return make_site({"settings.yaml": CARDS_ON, **FUNDS_CHART,
                      "content/index.md": page("Why pair rich provinces with poor ones?", "Welcome.",
                                               summary="A question, and the record."),
                      "content/results.md": page("Results", "Before.\n\n{{< chart funds >}}\n",
                                                 summary="What the money did.")})


def test_every_page_has_a_card_and_the_tags_that_show_it(card_site, run):
    assert run(card_site, "build").code == 0
    site = card_site / "site"
    for html_file in [site / "index.html", site / "results/index.html"]:
        html = html_file.read_text()
        image = meta(html, "property", "og:image")
        assert image and image.startswith("https://example.org/cards/") and image.endswith(".png")
        assert png_size((site / image.removeprefix("https://example.org/")).read_bytes()) == (1200, 630)
        assert meta(html, "property", "og:image:width") == "1200" and meta(html, "property", "og:image:height") == "630"
        assert meta(html, "name", "twitter:card") == "summary_large_image"
        assert meta(html, "property", "og:image:alt")
    assert "Chart: Funds by province" in meta((site / "results/index.html").read_text(), "property", "og:image:alt")
    assert not (site / "cards/404.png").exists()  # the 404 page is not for sharing
    assert meta((site / "404.html").read_text(), "name", "twitter:card") == "summary"


def test_without_the_setting_there_are_no_cards(make_site, run):
    root = make_site({"content/about.md": page("About")})
    assert run(root, "build").code == 0
    assert not (root / "site/cards").exists()
    html = (root / "site/about/index.html").read_text()
    assert meta(html, "property", "og:image") is None and meta(html, "name", "twitter:card") == "summary"


def test_a_card_is_drawn_once_and_again_when_what_it_shows_changes(card_site, monkeypatch):
    drawn: list[str] = []
    draw = cards._draw
    monkeypatch.setattr(cards, "_draw", lambda svg: drawn.append(svg) or draw(svg))
    monkeypatch.setenv("SITEGEN_WORKERS", "1")  # so that the draws are counted in this process
    builder = Builder(Project(card_site))
    builder.build()
    assert len(drawn) == 2  # home and results (the 404 page has none)
    first = (card_site / "site/cards/results.png").read_bytes()
    drawn.clear()
    Builder(Project(card_site)).build(card_site / "other-site")
    assert drawn == []  # the same pictures: from .cache/cards/
    write_files(card_site, {"content/results.md": page("Results, revised", "{{< chart funds >}}",
                                                       summary="What the money did.")})
    builder.build()
    assert len(drawn) == 1 and (card_site / "site/cards/results.png").read_bytes() != first


def test_long_titles_are_wrapped_to_the_card_and_end_in_an_ellipsis():
    lines = cards.wrap("word " * 80, 500, 44, True, 5)
    assert len(lines) == 5 and lines[-1].endswith("…")
    assert all(cards.text_width(line, 44, True) <= 500 for line in lines)
    assert cards.wrap("Kizilsu", 500, 44, True, 5) == ["Kizilsu"]


def test_a_bad_social_cards_setting_is_named(make_site, run):
    root = make_site({"settings.yaml": MINIMAL_SETTINGS + "social_cards: yes please\n"})
    result = run(root, "build")
    assert result.code == 1
    assert "settings.yaml:6: 'social_cards' must be true or false" in result.err


def test_the_real_site_has_cards(real_site: Path):
    home = (real_site / "index.html").read_text()
    image = meta(home, "property", "og:image")
    assert image and png_size((real_site / "cards/home.png").read_bytes()) == (1200, 630)
