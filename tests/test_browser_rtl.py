"""Right to left: a page in Urdu (or any right-to-left language) is laid out mirrored by the same
stylesheet, which uses logical properties (margin-inline-start, not margin-left)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import build as cli
from tests.browser import open_page, serve_folder
from tests.conftest import copy_real_project

PAGE = "xinjiang/how-pairing-works"  # a table of contents, a note, the section's menu, the pager


@pytest.fixture(scope="module")
def mirrored(real_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site with one page marked as Urdu (its text is still English: the layout is what counts)."""
    root = copy_real_project(tmp_path_factory.mktemp("rtl") / "project", warm_from=real_site)
    source = root / "content" / f"{PAGE}.md"
    source.write_text(re.sub(r"\n---\n", "\nlang: ur\n---\n", source.read_text(encoding="utf-8"), count=1),
                      encoding="utf-8")
    assert cli.main(["build", "--root", str(root), "--quiet"]) == 0
    return root / "site"


SIDES = """() => {
    const style = selector => getComputedStyle(document.querySelector(selector));
    const box = selector => document.querySelector(selector).getBoundingClientRect();
    return {
        dir: document.documentElement.dir,
        overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
        noteBorder: [parseFloat(style('.admonition').borderLeftWidth), parseFloat(style('.admonition').borderRightWidth)],
        tocIndent: [parseFloat(style('.toc ol').paddingLeft), parseFloat(style('.toc ol').paddingRight)],
        menuBorder: [parseFloat(style('.section-nav').borderLeftWidth), parseFloat(style('.section-nav').borderRightWidth)],
        next: (box('.pager-next').left + box('.pager-next').right) / 2,
        pager: (box('.pager').left + box('.pager').right) / 2,
        main: [box('main').left, box('main').right],
        menu: [box('.section-nav').left, box('.section-nav').right],
    };
}"""


@pytest.mark.parametrize("width", [360, 1280])
def test_an_urdu_page_is_laid_out_right_to_left_by_the_same_stylesheet(real_site, mirrored, browser, width):
    found = {}
    for name, site in (("ltr", real_site), ("rtl", mirrored)):
        context = browser.new_context(viewport={"width": width, "height": 800})
        with serve_folder(site) as base:
            page, report = open_page(context, f"{base}/{PAGE}/")
            found[name] = page.evaluate(SIDES)
            assert report.console_errors == [] and report.csp_violations == [], name
        context.close()
    ltr, rtl = found["ltr"], found["rtl"]
    assert (ltr["dir"], rtl["dir"]) == ("ltr", "rtl")
    assert rtl["overflow"] <= 0
    assert ltr["noteBorder"][0] > 0 == ltr["noteBorder"][1] and rtl["noteBorder"] == ltr["noteBorder"][::-1]
    assert ltr["tocIndent"][0] > 0 and rtl["tocIndent"] == ltr["tocIndent"][::-1]
    # 'Next' sits at the end of the line: on the right in English, on the left in Urdu.
    assert ltr["next"] > ltr["pager"] and rtl["next"] < rtl["pager"]
    if width == 1280:  # the section's menu beside the text, after it: on its right in English, left in Urdu
        assert ltr["menu"][0] > ltr["main"][1] and rtl["menu"][1] < rtl["main"][0]
        for part in ("main", "menu"):  # each where the other page has it, seen in a mirror
            assert [round(x) for x in rtl[part]] == [round(width - x) for x in ltr[part][::-1]], part
        assert rtl["menuBorder"] == ltr["menuBorder"][::-1] and ltr["menuBorder"][0] > 0


URDU_LAYOUT = """() => {
    const box = selector => document.querySelector(selector).getBoundingClientRect();
    const font = getComputedStyle(document.querySelector('main p')).fontFamily;
    return {
        dir: document.documentElement.dir, lang: document.documentElement.lang,
        overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
        title: [box('.site-title').left, box('.site-title').right], width: document.documentElement.clientWidth,
        menu: document.querySelector('.section-nav') ? [box('.section-nav').left, box('.section-nav').right] : null,
        main: [box('main').left, box('main').right], font,
        fontLoaded: document.fonts.check('16px "Noto Nastaliq Urdu"', 'پاکستان'),
    };
}"""


@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize("path", ["/ur/", "/ur/pakistan/proposal/"])
def test_the_urdu_edition_reads_right_to_left_in_nastaliq(real_site, browser, width, path):
    context = browser.new_context(viewport={"width": width, "height": 800})
    with serve_folder(real_site) as base:
        page, report = open_page(context, base + path)
        page.evaluate("document.fonts.ready.then(() => true)")
        found = page.evaluate(URDU_LAYOUT)
        assert report.console_errors == [] and report.csp_violations == []
    context.close()
    assert (found["dir"], found["lang"]) == ("rtl", "ur")
    assert found["overflow"] <= 0  # no sideways scroll
    assert found["title"][0] > found["width"] / 2 - 40  # the site's name starts on the right
    assert "Noto Nastaliq Urdu" in found["font"] and found["fontLoaded"]
    if found["menu"] and width == 1280:  # the section's menu on the left of the text, as a mirror of English
        assert found["menu"][1] < found["main"][0]
