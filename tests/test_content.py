"""Markdown pages become pretty URLs with the expected HTML; files beside pages are copied."""

from __future__ import annotations

import re

from tests.conftest import page


def test_pretty_urls_from_paths(make_site, run):
    root = make_site({
        "content/xinjiang/index.md": page("Xinjiang"),
        "content/xinjiang/kizilsu.md": page("Kizilsu"),
        "content/about.md": page("About"),
    })
    assert run(root, "build", "--quiet").code == 0
    site = root / "site"
    for path in ("index.html", "about/index.html", "xinjiang/index.html", "xinjiang/kizilsu/index.html"):
        assert (site / path).is_file(), path
    assert "<h1>Kizilsu</h1>" in (site / "xinjiang/kizilsu/index.html").read_text()


def test_files_beside_pages_are_copied(make_site, run):
    root = make_site({
        "content/xinjiang/kizilsu.md": page("Kizilsu", "![A map](map.svg) and [the report](report.pdf)."),
        "content/xinjiang/map.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>",
        "content/xinjiang/report.pdf": "%PDF-1.4",
    })
    assert run(root, "build", "--quiet").code == 0
    site = root / "site"
    assert (site / "xinjiang/map.svg").read_text() == "<svg xmlns='http://www.w3.org/2000/svg'/>"
    assert (site / "xinjiang/report.pdf").read_text() == "%PDF-1.4"
    html = (site / "xinjiang/kizilsu/index.html").read_text()
    # The page lives one folder deeper than its source, so relative file links are made absolute.
    assert 'src="/xinjiang/map.svg"' in html and 'href="/xinjiang/report.pdf"' in html


def test_markdown_extensions(make_site, run):
    body = """
## Education {#schools .lead}

A "quoted" phrase -- and it's smart.[^1]

| County | Partner |
|--------|---------|
| Akto   | Jiangxi |

Pairing
:   Sending money, projects and people.

!!! note "Careful"
    Figures are official.

```python
print("hi")
```

[^1]: A footnote.
"""
    root = make_site({"content/a.md": page("A", body)})
    assert run(root, "build", "--quiet").code == 0
    html = (root / "site/a/index.html").read_text()
    assert '<h2 class="lead" id="schools">Education' in html  # attribute list
    assert 'class="headerlink" href="#schools"' in html  # permalink
    assert "&ldquo;quoted&rdquo;" in html and "&ndash;" in html and "it&rsquo;s" in html  # smart quotes
    assert 'class="footnote"' in html and 'id="fn:1"' in html  # footnotes
    assert "<table>" in html and "<td>Akto</td>" in html  # tables
    assert "<dl>" in html and "<dt>Pairing</dt>" in html  # definition lists
    assert 'class="admonition note"' in html and "Careful" in html  # admonitions
    assert '<code class="language-python">' in html  # fenced code


def test_links_between_markdown_files_resolve(make_site, run):
    root = make_site({
        "content/xinjiang/index.md": page("Xinjiang", "See [Kizilsu](kizilsu.md#education) and "
                                          "[the proposal](../pakistan/proposal.md)."),
        "content/xinjiang/kizilsu.md": page("Kizilsu", "## Education\n\nSchools."),
        "content/pakistan/proposal.md": page("Proposal", "Back to [Xinjiang](../xinjiang/) or [home](/)."),
    })
    assert run(root, "build", "--quiet").code == 0
    xinjiang = (root / "site/xinjiang/index.html").read_text()
    assert 'href="/xinjiang/kizilsu/#education"' in xinjiang
    assert 'href="/pakistan/proposal/"' in xinjiang
    proposal = (root / "site/pakistan/proposal/index.html").read_text()
    assert 'href="/xinjiang/"' in proposal and '>home</a>' in proposal


def test_drafts_left_out_of_build_and_shown_with_flag(make_site, run):
    root = make_site({"content/wip.md": page("Work in progress", draft="true")})
    assert run(root, "build", "--quiet").code == 0
    assert not (root / "site/wip").exists()
    assert "wip" not in (root / "site/sitemap.xml").read_text()
    assert run(root, "build", "--quiet", "--drafts").code == 0
    assert (root / "site/wip/index.html").is_file()


def test_front_matter_fields(make_site, run):
    root = make_site({
        "content/a.md": page("A page", summary="One line.", date="2021-11-03", updated="2022-01-15",
                             tags="[xinjiang, Poverty figures]", lang="ur"),
    })
    assert run(root, "build", "--quiet").code == 0
    html = (root / "site/a/index.html").read_text()
    assert '<html lang="ur" dir="rtl">' in html
    assert '<meta name="description" content="One line.">' in html
    assert '<time datetime="2021-11-03">3 November 2021</time>' in html
    assert '<time datetime="2022-01-15">15 January 2022</time>' in html
    assert 'href="/tags/poverty-figures/"' in html
    tag_page = (root / "site/tags/poverty-figures/index.html").read_text()
    assert 'href="/a/"' in tag_page
    assert 'href="/tags/xinjiang/"' in (root / "site/tags/index.html").read_text()


def test_template_chosen_in_front_matter(make_site, run):
    root = make_site({
        "templates/plain.html": '{% extends "base.html" %}{% block main %}<p id="plain">{{ page.title }}</p>{% endblock %}',
        "content/a.md": page("Plain one", template="plain.html"),
    })
    assert run(root, "build", "--quiet").code == 0
    assert '<p id="plain">Plain one</p>' in (root / "site/a/index.html").read_text()


def test_citations_number_sources_and_list_them(make_site, run):
    root = make_site({
        "sources.yaml": """
            first:
              title: First report
              publisher: Publisher One
              date: 2021-07-13
              address: https://example.org/one
              kind: official statistics
              notes: Preliminary figures.
            second:
              title: Second report
              publisher: not stated
              date: not stated
              address: not stated
              kind: opinion
        """,
        "content/a.md": page("A", "One [@first]. Two [@second; @first]. Again [@second]."),
    })
    assert run(root, "build", "--quiet").code == 0
    html = (root / "site/a/index.html").read_text()
    assert re.findall(r'href="#source-([a-z]+)">\[(\d)\]', html) == [
        ("first", "1"), ("second", "2"), ("first", "1"), ("second", "2")]
    sources = html[html.index('id="sources-heading"'):]
    assert '<li id="source-first" value="1">' in sources
    assert "Official statistics." in sources and "Publisher One" in sources
    assert '<a href="https://example.org/one">First report</a>' in sources and "Preliminary figures." in sources
    assert "Opinion article." in sources and "Publisher not stated" in sources and "Address: not stated." in sources


def test_currencies_are_written_before_the_number():
    from sitegen.datasets import format_number
    from sitegen.model import Column

    assert format_number("3331.7", Column("b", "Budget", "Rs billion")) == "Rs 3,331.7 billion"
    assert format_number("611000000", Column("d", "Dollars", "US$"), "millions") == "US$611 million"
    assert format_number("3860000000", Column("y", "Yuan", "yuan"), "billions") == "3.86 billion yuan"


def test_urdu_headings_and_tags_get_ids_and_addresses_of_their_own_words(make_site, run):
    """Headings and tags in any script keep their letters (Latin ones lose their accents, as
    before): two Urdu headings are not '_1' and '_2', and Urdu tags do not all collapse to 'tag'."""
    root = make_site({"content/a.md": page(
        "A", "## پاکستان میں تعلیم\n\nText.\n\n## بلوچستان\n\nText.\n\n## What’s new? Ürümqi\n\nText.\n\n"
        "[Back](#بلوچستان)\n", tags="[بلوچستان, تعلیم, Ürümqi]", lang="ur")})
    result = run(root, "build")
    assert result.code == 0 and "warning" not in result.err
    html = (root / "site/a/index.html").read_text()
    ids = [i for i in re.findall(r'<h2 id="([^"]+)"', html) if i != "toc-heading"]
    assert ids == ["پاکستان-میں-تعلیم", "بلوچستان", "whats-new-urumqi"]
    tags = sorted(p.name for p in (root / "site/tags").iterdir() if p.is_dir())
    assert tags == sorted(["بلوچستان", "تعلیم", "urumqi"])
    assert 'href="/tags/%D8%A8%D9%84%D9%88%DA%86%D8%B3%D8%AA%D8%A7%D9%86/"' in html or 'href="/tags/بلوچستان/"' in html


def test_slugs_keep_every_script_and_give_ascii_text_the_ids_it_had():
    from markdown.extensions.toc import slugify

    from sitegen.languages import text_direction
    from sitegen.slugs import address_slug, heading_id

    for text in ("Poverty figures", "What’s new? (2020)", "China–Pakistan Economic Corridor", "a_b  c-d", "--"):
        assert heading_id(text, "-") == slugify(text, "-")
        assert address_slug(text, "tag") == (re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-") or "tag")
    assert heading_id("काम", "-") != heading_id("कम", "-")  # vowel signs are kept
    assert address_slug("हिन्दी", "tag") == "हिन्दी" and address_slug("Ürümqi", "tag") == "urumqi"
    assert [text_direction(t) for t in ("en", "ur", "ur-PK", "pa-Arab", "pa", "sd-Deva", "skr")] == [
        "ltr", "rtl", "rtl", "rtl", "ltr", "ltr", "rtl"]
