"""Languages: translations beside their pages (NAME.LANG.md), each edition with its own addresses,
menus, lists, tags and feed, hreflang both ways, interface strings per language, and the Urdu
edition's figures, citations and fonts checked against the English pages."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from tests.conftest import MINIMAL_SETTINGS, MINIMAL_SOURCES, REPO, page, start_tags

SETTINGS = MINIMAL_SETTINGS + "translations: [ur]\n"
SITE = {
    "settings.yaml": SETTINGS,
    "sources.yaml": MINIMAL_SOURCES,
    "content/index.md": page("Home", "Welcome. See [the report](xinjiang/report.md) and [notes](notes.md)."),
    "content/index.ur.md": page("سرورق", "خوش آمدید۔ [رپورٹ](xinjiang/report.md) اور [نوٹس](notes.md) دیکھیں۔"),
    "content/notes.md": page("Notes", "Only in English.", date="2021-03-04"),
    "content/xinjiang/index.md": page("Xinjiang", "The section."),
    "content/xinjiang/index.ur.md": page("سنکیانگ", "یہ حصہ۔"),
    "content/xinjiang/report.md": page("The report", "Figures [@state-report].\n\n## What it says {#what-it-says}\n\nText.",
                                       date="2021-11-03", tags="[poverty]"),
    "content/xinjiang/report.ur.md": page("رپورٹ", "اعداد و شمار [@state-report]۔\n\n## یہ کیا کہتی ہے {#what-it-says}\n\nمتن۔",
                                          date="2021-11-03", updated="2021-12-02", tags="[غربت]"),
}


def html_of(root: Path, url: str) -> str:
    return (root / "site" / url.strip("/") / "index.html").read_text(encoding="utf-8")


def test_a_translation_is_published_under_its_language_with_its_own_menu_lists_tags_and_feed(make_site, run):
    root = make_site(SITE)
    assert run(root, "build").code == 0
    report = html_of(root, "/ur/xinjiang/report/")
    assert '<html lang="ur" dir="rtl">' in report
    # Its menu and breadcrumbs are the Urdu edition's; its tag page is the Urdu edition's.
    assert 'href="/ur/xinjiang/"' in report and 'href="/xinjiang/"' not in report.split("<main")[0].split('class="languages"')[0]
    assert 'href="/ur/tags/غربت/"' in report and (root / "site/ur/tags/غربت/index.html").exists()
    assert "غربت" not in (root / "site/tags/index.html").read_text(encoding="utf-8")
    # Dates in Urdu words, Western digits.
    assert "3 نومبر 2021" in report and "2 دسمبر 2021" in report
    # A feed per edition, each with its own pages.
    feed = (root / "site/ur/feed.xml").read_text(encoding="utf-8")
    assert 'xml:lang="ur"' in feed and "/ur/xinjiang/report/" in feed and "/notes/" not in feed
    assert "/ur/" not in (root / "site/feed.xml").read_text(encoding="utf-8")
    # The Urdu section lists the Urdu pages only.
    section = html_of(root, "/ur/xinjiang/")
    assert 'href="/ur/xinjiang/report/"' in section and 'href="/xinjiang/report/"' not in section.split('class="languages"')[0]


def test_translations_name_each_other_both_ways_in_pages_and_the_sitemap(make_site, run):
    root = make_site(SITE)
    assert run(root, "build").code == 0
    for url in ("/xinjiang/report/", "/ur/xinjiang/report/"):
        html = html_of(root, url)
        assert '<link rel="alternate" hreflang="en" href="https://example.org/xinjiang/report/">' in html
        assert '<link rel="alternate" hreflang="ur" href="https://example.org/ur/xinjiang/report/">' in html
        assert '<link rel="alternate" hreflang="x-default" href="https://example.org/xinjiang/report/">' in html
        menu = html[html.index('class="languages"'):html.index("</nav>", html.index('class="languages"'))]
        assert ">English<" in menu and ">اردو<" in menu and "aria-current" in menu
    notes = html_of(root, "/notes/")
    assert "hreflang" not in notes and 'class="languages"' not in notes  # no translation: no menu
    sitemap = (root / "site/sitemap.xml").read_text(encoding="utf-8")
    entry = re.search(r"<url><loc>https://example.org/ur/xinjiang/report/</loc>.*?</url>", sitemap).group(0)
    assert 'hreflang="en" href="https://example.org/xinjiang/report/"' in entry
    assert 'hreflang="ur" href="https://example.org/ur/xinjiang/report/"' in entry


def test_a_translation_says_so_and_links_to_the_authoritative_original(make_site, run):
    root = make_site(SITE)
    assert run(root, "build").code == 0
    notice = re.search(r'<p class="translation-notice">(.*?)</p>', html_of(root, "/ur/xinjiang/report/")).group(1)
    assert '<a href="/xinjiang/report/" hreflang="en" lang="en">The report</a>' in notice
    assert "انگریزی متن معتبر ہے" in notice
    assert "translation-notice" not in html_of(root, "/xinjiang/report/")


def test_links_go_to_the_translation_where_there_is_one_else_to_the_original(make_site, run):
    root = make_site(SITE)
    assert run(root, "build").code == 0
    home = html_of(root, "/ur/")
    assert 'href="/ur/xinjiang/report/"' in home  # translated
    assert 'href="/notes/"' in home  # not translated: the English page, never a 404
    # An anchor to a heading keeps working across editions: the translation keeps the heading's id.
    assert 'id="what-it-says"' in html_of(root, "/ur/xinjiang/report/")


def test_the_interface_strings_of_a_translation_must_all_be_there(make_site, run):
    strings = (REPO / "i18n/ur.yaml").read_text(encoding="utf-8")
    root = make_site({**SITE, "i18n/ur.yaml": strings.replace("on_this_page: اس صفحے پر\n", "")
                      .replace("skip_link:", "skip_lnk:")})
    result = run(root, "build")
    assert result.code == 1
    assert "i18n/ur.yaml: the string 'on_this_page' is missing (it is in en.yaml)" in (result.out + result.err)
    assert "unknown string 'skip_lnk'" in (result.out + result.err) and "did you mean 'skip_link'?" in (result.out + result.err)
    assert not (root / "site").exists()


def test_a_file_named_for_a_language_the_site_does_not_have_is_reported(make_site, run):
    root = make_site({**SITE, "content/notes.fr.md": page("Notes")})
    result = run(root, "build")
    assert result.code == 1
    output = result.out + result.err
    assert "content/notes.fr.md" in output and "'fr' is not one of the site's translations (ur)" in output


def test_a_translation_cites_what_its_original_cites_in_compare_and_glossary(make_site, run):
    glossary = """
        - term: divisible pool
          definition: The taxes shared with the provinces.
          sources: [state-report]
        """
    files = {**SITE, "glossary.yaml": glossary,
             "content/glossary.md": page("Glossary", template="glossary.html"),
             "content/glossary.ur.md": page("اصطلاحات", template="glossary.html"),
             "glossary.ur.yaml": """
                - translates: divisible pool
                  term: قابلِ تقسیم محاصل
                  definition: صوبوں میں بانٹے جانے والے ٹیکس۔
                  sources: []
                """}
    result = run(make_site(files), "build")
    assert result.code == 1
    output = result.out + result.err
    assert "glossary.ur.yaml:1: 'قابلِ تقسیم محاصل' cites [], but 'divisible pool' cites ['state-report']" in output


def test_a_number_in_a_unit_the_translation_has_no_words_for_is_reported(make_site, run):
    strings = (REPO / "i18n/ur.yaml").read_text(encoding="utf-8").replace('  yuan: "{number} یوآن"\n', "")
    files = {**SITE, "i18n/ur.yaml": strings,
             "charts/data/money.csv": "item,yuan,source\nall,3860000000,state-report\n",
             "charts/data/money.yaml": "title: Money\ndescription: D.\nunits: yuan\nnotes: N.\n"
                                       "columns:\n  item: {label: Item}\n  yuan: {label: Yuan, unit: yuan}\n",
             "content/xinjiang/report.ur.md": page("رپورٹ", "رقم {{< value money column=yuan item=all format=billions >}}۔")}
    result = run(make_site(files), "build")
    assert result.code == 1
    output = result.out + result.err
    assert "content/xinjiang/report.ur.md:4: the interface strings have no words for numbers in 'yuan'" in output


# The real site's Urdu edition

class _Figures(HTMLParser):
    """A page's figures as the build wrote them (value shortcodes) and its sources, in order."""

    def __init__(self) -> None:
        super().__init__()
        self.numbers: list[str] = []
        self.sources: list[str] = []
        self._in_number = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        self._in_number = "data-number" in (values.get("class") or "").split()
        if tag == "li" and (values.get("id") or "").startswith("source-"):
            self.sources.append(values["id"])

    def handle_data(self, data: str) -> None:
        if self._in_number:
            self.numbers.append(re.sub(r"[^\d.,]", "", data))
            self._in_number = False


def figures(html: str) -> _Figures:
    found = _Figures()
    found.feed(html)
    return found


URDU_PAGES = sorted(p.relative_to(REPO / "content").as_posix() for p in (REPO / "content").rglob("*.ur.md"))


def test_the_urdu_edition_has_the_pages_the_issue_asks_for():
    assert {"index.ur.md", "pakistan/proposal.ur.md", "pakistan/open-questions.ur.md", "compare.ur.md",
            "pakistan/balochistan-in-numbers.ur.md", "xinjiang/index.ur.md", "glossary.ur.md",
            "about.ur.md"} <= set(URDU_PAGES)


@pytest.mark.parametrize("source", URDU_PAGES)
def test_every_urdu_page_has_the_figures_and_citations_of_its_english_page(real_site, source):
    url = "/" + source.removesuffix(".ur.md").removesuffix("index").strip("/")
    english = figures(html_of_site(real_site, url))
    urdu = figures(html_of_site(real_site, "/ur" + url))
    if source == "glossary.ur.md":  # its entries are in Urdu alphabetical order: the same sources, in another order
        assert sorted(urdu.sources) == sorted(english.sources) and urdu.sources
    else:
        assert urdu.sources == english.sources
    assert urdu.numbers == english.numbers


def html_of_site(site: Path, url: str) -> str:
    return (site / url.strip("/") / "index.html").read_text(encoding="utf-8")


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self._skip += tag in ("script", "style")
        self.text += [v for k, v in attrs if k in ("alt", "title", "aria-label") and v]

    def handle_endtag(self, tag: str) -> None:
        self._skip -= tag in ("script", "style")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.text.append(data)


def test_the_urdu_fonts_have_every_character_the_urdu_pages_show(real_site):
    css = next((real_site / "fonts").glob("ur.*.css")).read_text(encoding="utf-8")
    fonts = dict(re.findall(r'font-family:"([^"]+)";src:url\(([^)]+)\)', css))
    text_family = re.search(r'--edition-font-text:"([^"]+)"', css).group(1)
    covered = set(TTFont(real_site / "fonts" / fonts[text_family]).getBestCmap())
    shown = set()
    for path in (real_site / "ur").rglob("index.html"):
        parser = _Text()
        parser.feed(path.read_text(encoding="utf-8"))
        shown |= {ord(c) for c in "".join(parser.text) if "\u0600" <= c <= "\u06ff" or "\ufb50" <= c <= "\ufeff"}
    assert shown and shown <= covered, sorted(hex(c) for c in shown - covered)
    # Loaded only on the Urdu edition's pages.
    assert "fonts/ur." not in (real_site / "index.html").read_text(encoding="utf-8")
    assert "fonts/ur." in (real_site / "ur/index.html").read_text(encoding="utf-8")
    assert "font-display:swap" in css


def test_urdu_charts_carry_a_font_for_their_words(real_site):
    svgs = sorted((real_site / "charts").glob("*.ur.*.svg"))
    assert svgs
    for svg in svgs:
        data = svg.read_text(encoding="utf-8")
        assert "@font-face" in data and "data:font/woff2;base64," in data, svg.name
        assert re.search(r"[\u0600-\u06ff]", data), svg.name
    images = [v.get("src", "") for k, v in start_tags(real_site / "ur/pakistan/balochistan-in-numbers/index.html") if k == "img"]
    assert images and all(".ur." in src for src in images), images


def test_a_cut_font_is_the_same_bytes_whenever_it_is_cut(monkeypatch):
    """fontTools would stamp the time of saving into the font: a clean build an hour later would
    then write other bytes (and another name) for the same inputs."""
    from fontTools.ttLib.tables import _h_e_a_d

    from sitegen.fonts import subset_font

    font = (REPO / "fonts/ur/charts.woff2").read_bytes()
    cuts = []
    for moment in (3_000_000_000, 3_000_003_600):
        monkeypatch.setattr(_h_e_a_d, "timestampNow", lambda moment=moment: moment)
        cuts.append(subset_font(font, [0x627, 0x628, 0x67E]))
    assert cuts[0] == cuts[1]
