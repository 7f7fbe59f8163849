"""The mistakes a new editor makes (issue 12): each stops the build with one message naming the file
and line and saying what to do, exit status 1, and site/ byte for byte as it was."""

from __future__ import annotations

import pytest

from tests.conftest import assert_build_fails_cleanly, page, tree_digest, write_files

DATA_RECORD = """\
title: Figures
description: Some figures.
source: state-report
units: people
notes: None.
"""


GOOD_SOURCE = "state-report:\n  title: A\n  publisher: P\n  date: 2021\n  address: not stated\n  kind: media report\n"
SAVE_AS = "  -> save it as UTF-8 (in Notepad or Word: Save As, then Encoding: UTF-8)"
CP1252 = {
    "page": ("content/a.md", "---\ntitle: A\n---\nFirst.\n\n\u201cQuoted\u201d text.\n", 6),
    "CSV": ("charts/data/figures.csv", "region,count\nAwaran,12\nK\u00e9ch,13\n", 3),
    "sources.yaml": ("sources.yaml", "state-report:\n  title: A r\u00e9port\n  publisher: P\n"
                     "  date: 2021\n  address: https://example.org/\n  kind: media report\n", 2),
    "dataset record": ("charts/data/figures.yaml", DATA_RECORD.replace("Some figures.", "Some \u2013 figures."), 2),
    "settings.yaml": ("settings.yaml", "title: Test s\u00eete\ndescription: D\nbase_url: https://example.org/\n"
                      "language: en\n", 1),
    "template": ("templates/page.html", '{% extends "base.html" %}\n{% block content %}\n\u2018{{ content }}\n'
                 "{% endblock %}\n", 3),
}


@pytest.mark.parametrize("kind", CP1252)
def test_a_file_that_is_not_utf8_names_file_and_line(make_site, run, kind):
    root = make_site({"charts/data/figures.csv": "region,count\nAwaran,12\n", "charts/data/figures.yaml": DATA_RECORD})
    path, text, line = CP1252[kind]
    result = assert_build_fails_cleanly(run, root, {path: text.encode("cp1252")}, f"{path}:{line}: this file is not UTF-8 text")
    assert SAVE_AS in result.err
    assert "Traceback" not in result.err


def test_a_utf8_byte_order_mark_builds(make_site, run):
    root = make_site({})
    bom = "\ufeff".encode()
    write_files(root, {
        "content/a.md": bom + b"---\ntitle: A\n---\nText.\n",
        "sources.yaml": bom + b"state-report:\n  title: A\n  publisher: P\n  date: 2021\n  address: not stated\n"
                              b"  kind: media report\n",
        "settings.yaml": bom + b"title: T\ndescription: D\nbase_url: https://example.org/\nlanguage: en\n",
        "charts/data/figures.csv": bom + b"region,count\nAwaran,12\n",
        "charts/data/figures.yaml": bom + DATA_RECORD.encode(),
    })
    result = run(root, "build")
    assert result.code == 0, result.err
    assert "<h1" in (root / "site/a/index.html").read_text()


@pytest.mark.parametrize("date, line", [("2021-13-45", 3), ("2021-02-30", 4)])
def test_an_impossible_date(make_site, run, date, line):
    root = make_site({})
    front = f"date: {date}\n" if line == 3 else f"date: 2021-01-01\nupdated: {date}\n"
    key = "date" if line == 3 else "updated"
    assert_build_fails_cleanly(run, root, {"content/a.md": f"---\ntitle: A\n{front}---\nText.\n"},
                               f"content/a.md:{line}: '{key}' must be a date that exists ({date} does not: "
                               "check the month, 01-12, and the day)\n  -> for example: ")


DUPLICATES = {
    "front matter": ({"content/a.md": "---\ntitle: A\nsummary: S\ntitle: B\n---\nText.\n"},
                     "content/a.md:4: duplicate key 'title'\n  -> 'title' is already given on line 2: keep one of the two"),
    "settings": ({"settings.yaml": "title: T\ndescription: D\nbase_url: https://example.org/\nlanguage: en\ntitle: U\n"},
                 "settings.yaml:5: duplicate key 'title'\n  -> 'title' is already given on line 1"),
    "sources.yaml": ({"sources.yaml": "state-report:\n  title: A\n  publisher: P\n  date: 2021\n  address: not stated\n"
                                      "  kind: media report\nstate-report:\n  title: B\n  publisher: P\n  date: 2021\n"
                                      "  address: not stated\n  kind: opinion\n"},
                     "sources.yaml:7: duplicate key 'state-report'\n  -> 'state-report' is already given on line 1"),
    "a field of a source": ({"sources.yaml": "state-report:\n  title: A\n  publisher: P\n  date: 2021\n  title: B\n"
                                             "  address: not stated\n  kind: media report\n"},
                            "sources.yaml:5: duplicate key 'title'\n  -> 'title' is already given on line 2"),
    "dataset record": ({"charts/data/figures.csv": "region,count\nAwaran,12\n",
                        "charts/data/figures.yaml": DATA_RECORD + "units: yuan\n"},
                       "charts/data/figures.yaml:6: duplicate key 'units'\n  -> 'units' is already given on line 4"),
    "compare.yaml": ({"compare.yaml": "- dimension: Who\n  xinjiang: {text: X, sources: [state-report]}\n"
                                      "  pakistan: {text: P, sources: [state-report]}\n"
                                      "  xinjiang: {text: Y, sources: [state-report]}\n"},
                     "compare.yaml:4: duplicate key 'xinjiang'\n  -> 'xinjiang' is already given on line 2"),
    "glossary.yaml": ({"glossary.yaml": "- term: pool\n  definition: A pool.\n  definition: Another.\n  sources: []\n"},
                      "glossary.yaml:3: duplicate key 'definition'\n  -> 'definition' is already given on line 2"),
}


@pytest.mark.parametrize("files, message", DUPLICATES.values(), ids=DUPLICATES.keys())
def test_a_duplicate_yaml_key(make_site, run, files, message):
    root = make_site({})
    assert_build_fails_cleanly(run, root, files, message)




FORMS = 'shortcodes: {{< chart NAME caption="..." >}} on a line of its own, {{< value DATASET column=C ... >}}'
SHORTCODES = {
    "misspelt name": ("Text.\n\n{{< chrat gdp >}}\n",
                      f"content/a.md:6: unknown shortcode 'chrat'\n  -> did you mean 'chart'? {FORMS}"),
    "unknown name": ("Text.\n\nThe {{< figure gdp >}}.\n", f"content/a.md:6: unknown shortcode 'figure'\n  -> {FORMS}"),
    "missing >}}": ('Text.\n\n{{< chart gdp caption="A caption"\n',
                    "content/a.md:6: a shortcode opened with '{{<' is not closed with '>}}' on this line\n"
                    f"  -> write the whole shortcode on one line, ending with '>}}}}'; {FORMS}"),
    "split over two lines": ("Text.\n\nSome {{< value figures column=count\nregion=Awaran >}} people.\n",
                             "content/a.md:6: a shortcode opened with '{{<' is not closed with '>}}' on this line"),
    "chart inside a paragraph": ("Text.\n\nAs {{< chart gdp >}} shows.\n",
                                 "content/a.md:6: a chart must be on a line of its own\n"
                                 "  -> put the {{< chart ... >}} line between blank lines, with no text beside it"),
    "after a code block": ("```\nline one\nline two\n```\n\n{{< chrat gdp >}}\n", "content/a.md:9: unknown shortcode 'chrat'"),
}


@pytest.mark.parametrize("body, message", SHORTCODES.values(), ids=SHORTCODES.keys())
def test_a_broken_shortcode(make_site, run, body, message):
    root = make_site({})
    result = assert_build_fails_cleanly(run, root, {"content/a.md": page("A", body)}, message)
    assert "build failed: 1 problem." in result.err


def test_shortcodes_in_code_are_examples(make_site, run):
    root = make_site({"content/a.md": page("A", "Write `{{< chrat x >}}` like this:\n\n```\n{{< value x\n```\n")})
    assert run(root, "build", "--quiet").code == 0
    assert "{{&lt; chrat x &gt;}}" in (root / "site/a/index.html").read_text()


FIGURES = {"charts/data/figures.yaml": DATA_RECORD + "columns:\n  count: {label: Count, unit: people}\n"}
CSV_CELLS = {
    "a percent sign": ("region,count\nAwaran,64.2%\nKech,12\n",
                       "charts/data/figures.csv:2: column 'count' holds numbers (its unit is given in the source record), "
                       "but this row has '64.2%'\n  -> write 64.2, not 64.2%; give '%' once"),
    "quoted thousands": ('region,count\nAwaran,12\nKech,"95,000"\n',
                         "charts/data/figures.csv:3: column 'count' holds numbers (its unit is given in the source record), "
                         "but this row has '95,000'\n  -> write 95000, not 95,000: no thousands separators"),
    "a word for the scale": ("region,count\nAwaran,12\nKech,95 thousand\n",
                             "charts/data/figures.csv:3: column 'count' holds numbers (its unit is given in the source "
                             "record), but this row has '95 thousand'\n  -> write the number in full, 95000, not 95 thousand"),
    "n/a": ("region,count\nAwaran,12\nKech,n/a\n",
            "charts/data/figures.csv:3: column 'count' holds numbers (its unit is given in the source record), but this "
            "row has 'n/a'\n  -> leave the cell empty where there is no figure, not 'n/a'"),
}


@pytest.mark.parametrize("csv, message", CSV_CELLS.values(), ids=CSV_CELLS.keys())
def test_a_number_cell_that_is_not_a_number(make_site, run, csv, message):
    root = make_site({"charts/data/figures.csv": "region,count\nAwaran,12\n", **FIGURES})
    assert_build_fails_cleanly(run, root, {"charts/data/figures.csv": csv}, message)


def test_most_cells_make_a_number_column(make_site, run):
    root = make_site({"charts/data/figures.csv": "region,count\nAwaran,12\n", "charts/data/figures.yaml": DATA_RECORD})
    assert_build_fails_cleanly(run, root, {"charts/data/figures.csv": "region,count\nAwaran,12\nKech,13\nGwadar,14%\n"},
                               "charts/data/figures.csv:4: column 'count' holds numbers (most of its cells are numbers), "
                               "but this row has '14%'")


def test_a_semicolon_csv(make_site, run):
    root = make_site({"charts/data/figures.csv": "region,count\nAwaran,12\n", "charts/data/figures.yaml": DATA_RECORD})
    assert_build_fails_cleanly(run, root, {"charts/data/figures.csv": "region;count\nAwaran;12\n"},
                               "charts/data/figures.csv:1: this CSV separates its values with semicolons\n  -> use commas")


VALUES = {
    "a text column": ("{{< value figures column=region count=12 >}}",
                      "content/a.md:4: column 'region' of dataset 'figures' holds text, not numbers\n"
                      "  -> column= names the column that holds the number: year, count"),
    "a misspelt column": ("{{< value figures column=cuont region=Awaran year=2020 >}}",
                          "content/a.md:4: dataset 'figures' has no column 'cuont' (did you mean 'count'?)\n"
                          "  -> column= names the column that holds the number"),
    "several rows": ("{{< value figures column=count region=Awaran >}}",
                     "content/a.md:4: 2 rows of dataset 'figures' match region=Awaran (they differ in year: 2019, 2020)\n"
                     "  -> add year=... to pick one"),
}


@pytest.mark.parametrize("text, message", VALUES.values(), ids=VALUES.keys())
def test_a_wrong_value(make_site, run, text, message):
    root = make_site({"charts/data/figures.csv": "region,year,count\nAwaran,2019,12\nAwaran,2020,13\nKech,2020,14\n",
                      **FIGURES})
    assert_build_fails_cleanly(run, root, {"content/a.md": page("A", f"There were {text} people.")}, message)


PAGE_MISTAKES = {
    "the same {#id} twice": (
        page("A", "## Money {#money}\n\nText.\n\n## Funds {#money}\n\nText."),
        "content/a.md:8: the heading id 'money' is used twice on this page (also on line 4)\n"
        "  -> give each heading its own {#id}"),
    "a broken attribute list": (
        page("A", "## Not said {#not say}\n\nText."),
        "content/a.md:4: the attribute list '{#not say}' is not valid\n  -> an id is one word after '#', e.g. {#not-say}"),
    "a footnote with no note": (
        page("A", "A claim.[^1] Another.[^2]\n\n[^1]: The note."),
        "content/a.md:4: the footnote [^2] has no note\n  -> add the note on a line of its own: [^2]: The note."),
    "a reference link with no definition": (
        page("A", "See [the report][nope].\n\n[yes]: https://example.org/"),
        "content/a.md:4: the link [the report][nope] has no address: no line '[nope]: ...' defines it\n"
        "  -> add a line '[nope]: https://...', or write the link as [text](address)"),
    "a citation without its @": (
        page("A", "A claim [state-report]."),
        "content/a.md:4: [state-report] is not a citation: 'state-report' is a source\n  -> cite it as [@state-report]"),
    "tags as one string": (
        "---\ntitle: A\ntags: xinjiang, poverty\n---\nText.\n",
        "content/a.md:3: 'tags' must be a list in square brackets (as written, it is one tag 'xinjiang, poverty')\n"
        "  -> for example: tags: [xinjiang, poverty]"),
    "a language name": (
        "---\ntitle: A\nlang: English\n---\nText.\n",
        "content/a.md:3: 'lang' must be a language tag such as 'en', not 'English' (for English: 'en')\n"
        "  -> for example: lang: en"),
    "updated before date": (
        "---\ntitle: A\ndate: 2021-11-03\nupdated: 2021-01-15\n---\nText.\n",
        "content/a.md:4: 'updated' (2021-01-15) is before 'date' (2021-11-03)\n"
        "  -> 'date' is the day the page was first published, 'updated' the day of its last change"),
    "an iframe": (
        page("A", "Text.\n\n<iframe src=\"https://www.youtube.com/embed/x\"></iframe>"),
        "content/a.md:6: raw HTML <iframe> is blocked by the site's Content-Security-Policy\n"
        "  -> the site allows nothing from other sites in a page: link to it instead"),
    "an inline script": (
        page("A", "<script>alert(1)</script>"),
        "content/a.md:4: raw HTML <script> is blocked by the site's Content-Security-Policy\n"
        "  -> pages cannot carry their own scripts"),
    "a style attribute": (
        page("A", 'Text <span style="color: red">red</span>.'),
        "content/a.md:4: raw HTML with a style= attribute is blocked by the site's Content-Security-Policy\n"
        "  -> pages cannot carry their own styles"),
}


@pytest.mark.parametrize("text, message", PAGE_MISTAKES.values(), ids=PAGE_MISTAKES.keys())
def test_a_page_mistake(make_site, run, text, message):
    root = make_site({})
    result = assert_build_fails_cleanly(run, root, {"content/a.md": text}, message)
    assert "build failed: 1 problem." in result.err


def test_a_markdown_file_with_another_extension(make_site, run):
    root = make_site({})
    assert_build_fails_cleanly(run, root, {"content/xinjiang/notes.markdown": page("Notes")},
                               "content/xinjiang/notes.markdown: a page's file name must end in .md\n"
                               "  -> rename it to notes.md")


SOURCE_FIELDS = {
    "a month that does not exist": ("date: 2024-13", "sources.yaml:4: source 'x': the date '2024-13' does not exist\n"
                                    "  -> check the month (01-12) and the day of the month"),
    "a day that does not exist": ("date: 2021-02-30", "sources.yaml:4: source 'x': the date '2021-02-30' does not exist"),
    "a date in words": ("date: March 2021", "sources.yaml:4: source 'x': the date 'March 2021' is not written "
                        "YYYY-MM-DD, YYYY-MM or YYYY"),
    "an address without a scheme": ("address: www.example.org/report",
                                    "sources.yaml:5: source 'x': the address 'www.example.org/report' has no 'https://'\n"
                                    "  -> write it in full: https://www.example.org/report"),
}


@pytest.mark.parametrize("field, message", SOURCE_FIELDS.values(), ids=SOURCE_FIELDS.keys())
def test_a_source_field(make_site, run, field, message):
    root = make_site({})
    entry = {"title": "title: T", "publisher": "publisher: P", "date": "date: 2021", "address": "address: not stated",
             "kind": "kind: media report"}
    entry[field.split(":")[0]] = field
    text = "x:\n" + "".join(f"  {line}\n" for line in entry.values())
    assert_build_fails_cleanly(run, root, {"sources.yaml": text + GOOD_SOURCE}, message)


def test_a_tab_in_sources_yaml_is_one_problem(make_site, run):
    root = make_site({"content/a.md": page("A", "One [@state-report].\n\nTwo [@state-report].")})
    result = assert_build_fails_cleanly(run, root, {"sources.yaml": GOOD_SOURCE.replace("  kind", "\tkind")},
                                        "sources.yaml:6: malformed YAML")
    assert "build failed: 1 problem." in result.err


def test_a_source_missing_its_kind_is_one_problem(make_site, run):
    root = make_site({"content/a.md": page("A", "One [@state-report].\n\nTwo [@state-report].")})
    result = assert_build_fails_cleanly(run, root, {"sources.yaml": GOOD_SOURCE.replace("  kind: media report\n", "")},
                                        "sources.yaml:1: source 'state-report' is missing 'kind'")
    assert "build failed: 1 problem." in result.err


def test_a_page_that_fails_to_load_is_one_problem(make_site, run):
    root = make_site({"content/b.md": page("B"), "content/a.md": page("A", "See [b](b.md).\n\nAnd [b again](b.md).")})
    result = assert_build_fails_cleanly(run, root, {"content/b.md": "---\ntitel: B\n---\nB.\n"},
                                        "content/b.md:2: unknown front matter key 'titel'")
    assert "does not exist" not in result.err


def test_the_same_mistake_twice_is_reported_at_each_line(make_site, run):
    root = make_site({})
    result = assert_build_fails_cleanly(
        run, root, {"content/a.md": page("A", "See [c](c.md).\n\nCited [@nope].\n\nAgain [c](c.md) and [@nope].")},
        "content/a.md:4: link 'c.md' points to a page that does not exist")
    for line in ("content/a.md:4: link 'c.md'", "content/a.md:8: link 'c.md'", "content/a.md:6: unknown source 'nope'",
                 "content/a.md:8: unknown source 'nope'"):
        assert line in result.err
    assert "build failed: 4 problems." in result.err


LINK_HINTS = {
    "a page's name without .md": ("[the proposal](proposal)",
                                  "content/pakistan/a.md:4: link 'proposal' points to a file that does not exist "
                                  "(content/pakistan/proposal)\n  -> a link to a page names its file: write 'proposal.md'"),
    "a misspelt page, suggested relative to the page": (
        "[the proposal](propsal.md)",
        "content/pakistan/a.md:4: link 'propsal.md' points to a page that does not exist (content/pakistan/propsal.md)\n"
        "  -> did you mean 'proposal.md'?"),
    "a page in another folder": ("[kizilsu](kizilsu.md)",
                                 "link 'kizilsu.md' points to a page that does not exist (content/pakistan/kizilsu.md)\n"
                                 "  -> did you mean '../xinjiang/kizilsu.md'?"),
    "an address without https://": ("[the report](www.example.org/report)",
                                    "content/pakistan/a.md:4: link 'www.example.org/report' points to a file that does not "
                                    "exist (content/pakistan/www.example.org/report)\n"
                                    "  -> an address on another site starts with https://: write https://www.example.org/report"),
}


@pytest.mark.parametrize("link, message", LINK_HINTS.values(), ids=LINK_HINTS.keys())
def test_a_link_hint_works_when_pasted(make_site, run, link, message):
    root = make_site({"content/pakistan/proposal.md": page("Proposal"), "content/xinjiang/kizilsu.md": page("Kizilsu")})
    assert_build_fails_cleanly(run, root, {"content/pakistan/a.md": page("A", f"See {link}.")}, message)


WARNINGS = {
    "two headings with one text": (
        {"content/a.md": page("A", "## Education\n\nText.\n\n## Money\n\n## Education\n\nMore.")},
        "content/a.md:10: warning: this heading would have the id 'education' of the heading on line 4, so it gets "
        "'education_1'\n  -> give one of them its own id, e.g. '## Education {#education-2}', so that links to each stay put"),
    "a section page listing its pages by hand": (
        {"content/x/index.md": page("X", "Read:\n\n- [One](one.md)\n- [Two](two.md)"),
         "content/x/one.md": page("One"), "content/x/two.md": page("Two")},
        "content/x/index.md:6: warning: this list links to 2 of the section's 2 pages, which the section page lists "
        "below it anyway\n  -> remove the list"),
    "a section page listing its pages as a definition list": (
        {"content/x/index.md": page("X", "Read:\n\n[One](one.md)\n:   The first.\n\n[Two](two.md)\n:   The second."),
         "content/x/one.md": page("One"), "content/x/two.md": page("Two")},
        "content/x/index.md:6: warning: this list links to 2 of the section's 2 pages, which the section page lists "
        "below it anyway\n  -> remove the list"),
}


@pytest.mark.parametrize("files, message", WARNINGS.values(), ids=WARNINGS.keys())
def test_a_warning_is_printed_once_and_strict_makes_it_an_error(make_site, run, files, message):
    root = make_site(files)
    result = run(root, "build")
    assert result.code == 0
    assert result.err.count(message) == 1 and result.err.count("warning:") == 1
    assert (root / "site/index.html").is_file()
    before = tree_digest(root / "site")
    (root / "content/index.md").write_text(page("Home", "Changed."))
    strict = run(root, "build", "--strict")
    assert strict.code == 1 and message in strict.err
    assert strict.err.rstrip().endswith("build failed: 1 problem. site/ was not changed.")
    assert tree_digest(root / "site") == before
    assert run(root, "check", "--strict").code == 1


def test_a_dataset_that_fails_to_load_is_one_problem(make_site, run):
    chart = ('TITLE = "Figures"\nDESCRIPTION = "Counts by region."\nDATASETS = ["figures"]\n\n\n'
             'def chart(data):\n    import altair as alt\n\n'
             '    return alt.Chart(data["figures"]).mark_bar().encode(x="region", y="count")\n')
    root = make_site({"charts/data/figures.csv": "region,count\nAwaran,12\n", "charts/data/figures.yaml": DATA_RECORD,
                      "charts/figures.py": chart,
                      "content/a.md": page("A", "Text.\n\n{{< chart figures >}}\n\nIt is {{< value figures column=count "
                                                "region=Awaran >}}.")})
    result = assert_build_fails_cleanly(run, root, {"charts/data/figures.yaml": DATA_RECORD + "units: [unclosed\n"},
                                        "charts/data/figures.yaml:7: malformed YAML")
    assert "build failed: 1 problem." in result.err


def test_a_build_with_nothing_changed_says_the_same_warnings_and_strict_still_stops(make_site, run):
    message = "content/a.md:10: warning: this heading would have the id 'education'"
    root = make_site(WARNINGS["two headings with one text"][0])
    assert message in run(root, "build").err
    again = run(root, "build")
    assert "nothing changed" in again.out and message in again.err  # the same inputs, the same warning
    strict = run(root, "build", "--strict")
    assert strict.code == 1 and message in strict.err


SERVE_CASES = {
    **{f"duplicate key in {name}": ({}, files, message) for name, (files, message) in DUPLICATES.items()},
    **{f"shortcode: {name}": ({}, {"content/a.md": page("A", body)}, message) for name, (body, message) in SHORTCODES.items()},
    **{f"page: {name}": ({}, {"content/a.md": text}, message) for name, (text, message) in PAGE_MISTAKES.items()},
    **{f"CSV: {name}": ({"charts/data/figures.csv": "region,count\nAwaran,12\n", **FIGURES},
                        {"charts/data/figures.csv": csv}, message) for name, (csv, message) in CSV_CELLS.items()},
    **{f"value: {name}": ({"charts/data/figures.csv": "region,year,count\nAwaran,2019,12\nAwaran,2020,13\nKech,2020,14\n",
                           **FIGURES}, {"content/a.md": page("A", f"There were {text} people.")}, message)
       for name, (text, message) in VALUES.items()},
}


@pytest.mark.parametrize("good, bad, message", SERVE_CASES.values(), ids=SERVE_CASES.keys())
def test_the_same_mistakes_under_serve_keep_the_last_good_site(make_site, good, bad, message):
    """serve's way of building (one builder, told what changed, its own folder): the same message,
    the served site untouched, and the fix builds."""
    from sitegen.errors import BuildError
    from sitegen.incremental import Builder
    from sitegen.model import BuildOptions, Project

    root = make_site({"content/a.md": page("A", "Fine."), **good})
    output = root / ".cache/serve/site"
    builder = Builder(Project(root), BuildOptions(drafts=True, hashed_static=False), in_place=True, cache_name="serve")
    builder.build(output)
    before = tree_digest(output)
    originals = {name: (root / name).read_bytes() if (root / name).exists() else None for name in bad}
    write_files(root, bad)
    with pytest.raises(BuildError) as failed:
        builder.build(output, changed={root / name for name in bad})
    assert message in "\n".join(str(problem) for problem in failed.value.problems)
    assert tree_digest(output) == before
    for name, data in originals.items():
        if data is None:
            (root / name).unlink()
        else:
            (root / name).write_bytes(data)
    builder.build(output, changed={root / name for name in bad})  # fixed: builds again
