"""Whole-site behaviour: navigation, feeds, GitHub Pages files, subpaths, determinism, safety."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.conftest import page, start_tags, tree_digest

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"



SECTIONED = {
    "content/index.md": page("Home", "Welcome."),
    "content/xinjiang/index.md": page("Xinjiang", "How pairing works.", order=1),
    "content/xinjiang/rounds.md": page("Rounds", order=1, date="2021-11-03"),
    "content/xinjiang/kizilsu.md": page("Kizilsu", order=2, date="2021-12-01", updated="2022-02-02",
                                        summary="A case study."),
    "content/xinjiang/results.md": page("Results", order=3),
    "content/pakistan/proposal.md": page("Proposal"),
    "content/about.md": page("About", order=9),
}


@dataclass
class Links:
    """Every href/src in a page, and the CSP meta tag."""

    urls: list[str]
    csp: list[str]


def parse(path: Path) -> Links:
    tags = start_tags(path)
    return Links([values[name] for _, values in tags for name in ("href", "src") if values.get(name)],
                 [values["content"] or "" for tag, values in tags
                  if tag == "meta" and values.get("http-equiv") == "Content-Security-Policy"])


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_navigation_breadcrumbs_and_pager(make_site, run):
    root = make_site(SECTIONED)
    assert run(root, "build", "--quiet").code == 0
    site = root / "site"
    home = (site / "index.html").read_text()
    nav = home[home.index('aria-label="Sections"'):home.index("</nav>")]
    # Ordered by front matter 'order', then title; folders without index.md get a generated page.
    assert re.findall(r">([A-Za-z]+)</a>", nav) == ["Xinjiang", "About", "Pakistan"]
    kizilsu = (site / "xinjiang/kizilsu/index.html").read_text()
    crumbs = kizilsu[kizilsu.index('aria-label="Breadcrumb"'):]
    crumbs = crumbs[:crumbs.index("</nav>")]
    assert re.findall(r'<a href="([^"]+)">([^<]+)</a>', crumbs) == [("/", "Home"), ("/xinjiang/", "Xinjiang")]
    assert '<span aria-current="page">Kizilsu</span>' in crumbs
    assert '<a class="pager-previous" href="/xinjiang/rounds/" rel="prev">' in kizilsu
    assert '<a class="pager-next" href="/xinjiang/results/" rel="next">' in kizilsu
    section_nav = kizilsu[kizilsu.index('aria-label="In this section"'):]
    assert re.findall(r">(Rounds|Kizilsu|Results)</a>", section_nav) == ["Rounds", "Kizilsu", "Results"]
    section = (site / "xinjiang/index.html").read_text()
    assert "A case study." in section  # the section index lists its pages with summaries
    assert (site / "pakistan/index.html").is_file()


def test_table_of_contents_only_on_long_pages(make_site, run):
    long_body = "\n\n".join(f"## Part {n}\n\nText." for n in range(1, 5))
    root = make_site({"content/long.md": page("Long", long_body), "content/short.md": page("Short", "## Only\n\nText.")})
    assert run(root, "build", "--quiet").code == 0
    long_html = (root / "site/long/index.html").read_text()
    assert 'class="toc"' in long_html and '<a href="#part-3">Part 3</a>' in long_html
    assert 'class="toc"' not in (root / "site/short/index.html").read_text()


def test_github_pages_files(make_site, run):
    root = make_site(SECTIONED)
    assert run(root, "build", "--quiet").code == 0
    site = root / "site"
    assert (site / ".nojekyll").read_bytes() == b""
    assert "Page not found" in (site / "404.html").read_text()
    assert (site / "robots.txt").read_text() == "User-agent: *\nAllow: /\n\nSitemap: https://example.org/sitemap.xml\n"
    locs = [e.text for e in ET.parse(site / "sitemap.xml").getroot().iter(f"{SITEMAP}loc")]
    assert "https://example.org/xinjiang/kizilsu/" in locs and "https://example.org/" in locs
    assert not any("404" in loc for loc in locs)
    feed = ET.parse(site / "feed.xml").getroot()
    entries = feed.findall(f"{ATOM}entry")
    assert [e.find(f"{ATOM}title").text for e in entries] == ["Kizilsu", "Rounds"]  # dated pages, newest first
    assert feed.find(f"{ATOM}updated").text == "2022-02-02T00:00:00Z"
    assert entries[0].find(f"{ATOM}link").get("href") == "https://example.org/xinjiang/kizilsu/"


def test_head_meta_canonical_social_favicon_and_csp(make_site, run):
    root = make_site(SECTIONED)
    assert run(root, "build", "--quiet").code == 0
    site = root / "site"
    html = (site / "xinjiang/kizilsu/index.html").read_text()
    assert '<link rel="canonical" href="https://example.org/xinjiang/kizilsu/">' in html
    assert '<meta property="og:url" content="https://example.org/xinjiang/kizilsu/">' in html
    assert '<meta property="og:description" content="A case study.">' in html
    assert '<meta property="og:type" content="article">' in html
    assert '<meta name="twitter:card" content="summary">' in html
    assert re.search(r'<link rel="icon" href="/static/favicon\.[0-9a-f]{10}\.svg"', html)
    for path in html_pages(site):
        links = parse(path)
        assert len(links.csp) == 1, path
        policy = dict(d.strip().split(" ", 1) for d in links.csp[0].split(";"))
        assert policy["script-src"] == "'self'", path
        assert "unsafe" not in links.csp[0], path


def test_static_assets_have_content_hashed_names(make_site, run):
    root = make_site({"static/img/pattern.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>",
                      "static/css/extra.css": "body { background: url('../img/pattern.svg'); }"})
    assert run(root, "build", "--quiet").code == 0
    static = root / "site/static"
    names = sorted(p.relative_to(static).as_posix() for p in static.rglob("*") if p.is_file())
    assert all(re.search(r"\.[0-9a-f]{10}\.[a-z]+$", n) for n in names), names
    extra = next(static.glob("css/extra.*.css")).read_text()
    svg = next(static.glob("img/pattern.*.svg")).name
    assert f'url("/static/img/{svg}")' in extra
    css = next(static.glob("css/site.*.css")).name
    assert f'href="/static/css/{css}"' in (root / "site/index.html").read_text()
    # Changing a file changes its name, so no cache can serve the old one.
    (root / "static/css/site.css").write_text("body { color: red; }")
    assert run(root, "build", "--quiet").code == 0
    assert not (root / "site/static/css" / css).exists()


@pytest.mark.parametrize("base_url, prefix", [("https://example.org/", "/"),
                                              ("https://user.github.io/pairing/", "/pairing/")])
def test_every_link_and_asset_resolves_at_root_and_subpath(make_site, run, base_url, prefix):
    files = dict(SECTIONED)
    files["content/xinjiang/rounds.md"] = page("Rounds", "See [Kizilsu](kizilsu.md) and ![map](map.svg).", tags="[x]")
    files["content/xinjiang/map.svg"] = "<svg xmlns='http://www.w3.org/2000/svg'/>"
    root = make_site(files)
    assert run(root, "build", "--quiet", "--base-url", base_url).code == 0
    site = root / "site"
    checked = 0
    for path in html_pages(site):
        for url in parse(path).urls:
            parts = urlsplit(url)
            if parts.scheme or url.startswith("#"):
                if parts.scheme:
                    assert not url.startswith(("http://example.org", "https://user.github.io")) or url.startswith(base_url)
                continue
            assert url.startswith(prefix), f"{path}: {url}"
            local = site / parts.path[len(prefix):]
            assert (local / "index.html" if parts.path.endswith("/") else local).is_file(), f"{path}: {url}"
            checked += 1
    assert checked > 50
    feed = ET.parse(site / "feed.xml").getroot()
    assert feed.find(f"{ATOM}link[@rel='self']").get("href") == base_url + "feed.xml"
    assert all(e.text.startswith(base_url) for e in ET.parse(site / "sitemap.xml").getroot().iter(f"{SITEMAP}loc"))
    assert f"Sitemap: {base_url}sitemap.xml" in (site / "robots.txt").read_text()
    assert f'<link rel="canonical" href="{base_url}xinjiang/">' in (site / "xinjiang/index.html").read_text()


def test_builds_are_deterministic(make_site, run, tmp_path):
    root = make_site({**SECTIONED, "content/xinjiang/rounds.md": page("Rounds", "[@state-report]", tags="[b, a]")})
    assert run(root, "build", "--quiet").code == 0
    first = tree_digest(root / "site")
    (root / "site").rename(tmp_path / "first")
    assert run(root, "build", "--quiet").code == 0
    assert tree_digest(root / "site") == first


def test_failed_build_leaves_previous_site_byte_for_byte(make_site, run):
    root = make_site(SECTIONED)
    assert run(root, "build", "--quiet").code == 0
    before = tree_digest(root / "site")
    (root / "templates/base.html").write_text("{% block %}")
    assert run(root, "build").code == 1
    assert tree_digest(root / "site") == before
    assert not [p for p in root.iterdir() if p.name.startswith(".site-")]  # no staging folder left


def test_nothing_is_written_outside_site_and_the_cache(make_site, run):
    root = make_site(SECTIONED)
    before = {p for p in root.rglob("*")}
    assert run(root, "build", "--quiet").code == 0
    added = {p for p in root.rglob("*")} - before
    assert added and all(p.is_relative_to(root / "site") or p.is_relative_to(root / ".cache") for p in added)
    assert run(root, "clean").out == "removed .cache/, site/\n"
    assert {p for p in root.rglob("*")} == before


def test_page_paths_cannot_escape_site():
    from sitegen.write import UnsafePath, safe_join

    for bad in ("../outside.html", "/etc/passwd", "a/../../b", ""):
        with pytest.raises(UnsafePath):
            safe_join(Path("/tmp/site"), bad)


def test_symlinked_content_outside_content_is_refused(make_site, run, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("private")
    root = make_site({})
    (root / "content/leak.txt").symlink_to(secret)
    result = run(root, "build")
    assert result.code == 1
    assert "content/leak.txt: this file is a link to a file outside content/" in result.err


def test_a_long_section_is_listed_in_pages_and_its_menu_stays_short(make_site, run):
    files = {"content/s/index.md": page("Section", "All of them.")}
    files |= {f"content/s/p{i:03d}.md": page(f"Page {i:03d}", order=i) for i in range(120)}
    root = make_site(files)
    assert run(root, "build", "--quiet").code == 0
    site = root / "site"
    first = (site / "s/index.html").read_text(encoding="utf-8")
    assert first.count('<li>\n<a href="/s/p') == 50 and "Page 1 of 3" in first and 'href="/s/page/2/" rel="next"' in first
    third = (site / "s/page/3/index.html").read_text(encoding="utf-8")
    assert third.count('<li>\n<a href="/s/p') == 20 and 'href="/s/page/2/" rel="prev"' in third
    assert "Page 119" in third and "Page 049" not in third.split('class="page-list"')[1].split("</ul>")[0]
    middle = (site / "s/p060/index.html").read_text(encoding="utf-8")
    menu = middle[middle.index('class="section-nav"'):]
    assert menu.count("<li>") == 15 and "Page 060" in menu and "All 120 pages of Section" in menu
    sizes = [(site / f"s/p{i:03d}/index.html").stat().st_size for i in (0, 60, 119)]
    assert max(sizes) - min(sizes) < 200  # a page's size does not grow with its section


def test_a_short_link_title_goes_in_menus_the_headline_on_the_page(make_site, run):
    root = make_site({"content/s/index.md": page("Sections can have long headline titles", link_title="Short"),
                      "content/s/a.md": page("A page whose headline says something", link_title="A page", order=1),
                      "content/s/b.md": page("B", order=2)})
    assert run(root, "build", "--quiet").code == 0
    a = (root / "site/s/a/index.html").read_text(encoding="utf-8")
    assert "<h1>A page whose headline says something</h1>" in a
    assert '<a href="/s/" aria-current="true">Short</a>' in a  # the top menu
    assert '<li><span aria-current="page">A page</span></li>' in a  # breadcrumbs
    b = (root / "site/s/b/index.html").read_text(encoding="utf-8")
    assert '<span class="pager-label">Previous</span> A page</a>' in b
    listing = (root / "site/s/index.html").read_text(encoding="utf-8")
    assert '<a href="/s/a/">A page whose headline says something</a>' in listing  # lists show the headline
