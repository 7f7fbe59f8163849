"""Incremental builds: each kind of change re-renders what it must and nothing more, and the
result is always byte-identical to a clean build of the same tree."""

from __future__ import annotations

import glob
import re
import shutil
from pathlib import Path

import markdown
import pytest
from markdown.treeprocessors import InlineProcessor as InlinePass

from sitegen.errors import BuildError, Problems
from sitegen.incremental import Builder, BuildOptions
from sitegen.markup import EXTENSIONS, MarkdownConverter, References, extension_config
from sitegen.model import Project, Settings
from sitegen.strings import load_strings
from tests.conftest import REPO, page, tree_digest, write_files

SITE = {
    "content/index.md": page("Home", "Welcome."),
    "content/xinjiang/index.md": page("Xinjiang", "How pairing works.", order=1),
    "content/xinjiang/rounds.md": page("Rounds", "See [Kizilsu](kizilsu.md#schools).", order=1, date="2021-11-03",
                                       tags="[pairing]"),
    "content/xinjiang/kizilsu.md": page("Kizilsu", "## Schools\n\nText [@state-report].", order=2, date="2021-12-01"),
    "content/xinjiang/results.md": page("Results", order=3),
    "content/pakistan/index.md": page("Pakistan", "The proposal.", order=2),
    "content/pakistan/proposal.md": page("Proposal", "Pairing Lahore with Quetta.", order=1),
    "content/pakistan/awaran.md": page("Awaran", order=2),
}
SPECIAL = {"404.html", "feed.xml", "sitemap.xml", "robots.txt"}


class Editor:
    """Edits a project and builds it the way serve does (one Builder, told what changed), then
    checks the output against a clean build of the same files."""

    def __init__(self, root: Path, hashed_static: bool = True) -> None:
        self.root = root
        self.options = BuildOptions(hashed_static=hashed_static)
        self.builder = Builder(Project(root), self.options, persist=False)
        self.builder.build()

    def change(self, files: dict[str, str | None]) -> set[str]:
        """Write (or with None, delete) files, rebuild, compare with a clean build; the outputs rendered."""
        paths = set()
        for relative, text in files.items():
            path = self.root / relative
            paths.add(path)
            if text is None:
                path.unlink()
            else:
                write_files(self.root, {relative: text})
        result = self.builder.build(changed=paths)
        clean = self.root.parent / "clean"
        shutil.rmtree(clean, ignore_errors=True)
        Builder(Project(self.root), self.options, persist=False).build(clean / "site")
        assert tree_digest(self.root / "site") == tree_digest(clean / "site")
        return set(result.rendered)


@pytest.fixture
def editor(make_site) -> Editor:
    return Editor(make_site(SITE))


def pages(*urls: str) -> set[str]:
    return {url.strip("/") + "/index.html" if url != "/" else "index.html" for url in urls}


def test_editing_text_renders_that_page_and_the_feed_only(editor):
    assert editor.change({"content/xinjiang/results.md": page("Results", "New text.", order=3)}) == pages("/xinjiang/results/")
    dated = editor.change({"content/xinjiang/kizilsu.md": page("Kizilsu", "## Schools\n\nMore [@state-report].",
                                                               order=2, date="2021-12-01")})
    assert dated == pages("/xinjiang/kizilsu/") | {"feed.xml"}  # the feed shows dated pages whole


def test_a_title_renders_the_pages_that_show_it(editor):
    rendered = editor.change({"content/xinjiang/results.md": page("Outcomes", order=3)})
    # The page, its section's list and section menu (every page of the section), previous/next.
    assert rendered == pages("/xinjiang/", "/xinjiang/rounds/", "/xinjiang/kizilsu/", "/xinjiang/results/") | {"sitemap.xml"}
    assert not rendered & pages("/pakistan/", "/pakistan/proposal/", "/")


def test_a_section_title_renders_every_page_with_the_menu(editor):
    rendered = editor.change({"content/pakistan/index.md": page("Pakistan's proposal", "The proposal.", order=2)})
    every = {p.relative_to(editor.root / "site").as_posix() for p in (editor.root / "site").rglob("*.html")}
    assert rendered == every | {"sitemap.xml"}  # the top menu is on every page, 404 included


def test_order_moves_previous_and_next(editor):
    rendered = editor.change({"content/pakistan/awaran.md": page("Awaran", order=0)})
    assert rendered == pages("/pakistan/", "/pakistan/proposal/", "/pakistan/awaran/") | {"sitemap.xml"}


def test_a_template_renders_the_pages_made_with_it(editor):
    tag_template = (REPO / "templates/tag.html").read_text().replace("<article>", '<article class="tagged">')
    assert editor.change({"templates/tag.html": tag_template}) == pages("/tags/pairing/")
    pager = (REPO / "templates/partials/pager.html").read_text() + "\n"
    every = {p.relative_to(editor.root / "site").as_posix() for p in (editor.root / "site").rglob("*.html")}
    # Recorded as rendered: base.html includes the pager in its 'main' block, which the 404 and tag
    # pages replace, so they never load it and are not rendered again.
    assert editor.change({"templates/partials/pager.html": pager}) == every - {
        "404.html", "tags/index.html", "tags/pairing/index.html"}


def test_sources_render_the_pages_citing_them(editor):
    sources = (editor.root / "sources.yaml").read_text().replace("A publisher", "Another publisher")
    assert editor.change({"sources.yaml": sources}) == pages("/xinjiang/kizilsu/")


def test_adding_renaming_and_deleting_pages(editor):
    added = editor.change({"content/pakistan/quetta.md": page("Quetta", order=3)})
    assert added == pages("/pakistan/", "/pakistan/proposal/", "/pakistan/awaran/", "/pakistan/quetta/") | {"sitemap.xml"}
    # A rename: the old address goes, the link to it is updated in the same change.
    renamed = editor.change({"content/xinjiang/kizilsu.md": None,
                             "content/xinjiang/kizilsu-prefecture.md": SITE["content/xinjiang/kizilsu.md"],
                             "content/xinjiang/rounds.md": SITE["content/xinjiang/rounds.md"].replace(
                                 "kizilsu.md", "kizilsu-prefecture.md")})
    assert not (editor.root / "site/xinjiang/kizilsu").exists()
    assert (editor.root / "site/xinjiang/kizilsu-prefecture/index.html").exists()
    assert pages("/xinjiang/", "/xinjiang/rounds/") <= renamed
    editor.change({"content/pakistan/awaran.md": None})
    assert not (editor.root / "site/pakistan/awaran").exists()


def test_a_broken_change_writes_nothing_and_is_not_forgotten(editor):
    before = tree_digest(editor.root / "site")
    results = editor.root / "content/xinjiang/results.md"
    write_files(editor.root, {"content/xinjiang/results.md": page("Results", "[x](missing.md)", order=3)})
    with pytest.raises(BuildError, match="missing.md"):
        editor.builder.build(changed={results})
    assert tree_digest(editor.root / "site") == before
    # The next change names another file only: the broken one is still looked at.
    write_files(editor.root, {"content/pakistan/awaran.md": page("Awaran", "More.", order=2)})
    with pytest.raises(BuildError, match="missing.md"):
        editor.builder.build(changed={editor.root / "content/pakistan/awaran.md"})
    assert tree_digest(editor.root / "site") == before
    assert editor.change({"content/xinjiang/results.md": page("Results", "Fixed.", order=3)}) == pages(
        "/xinjiang/results/", "/pakistan/awaran/")


def test_stylesheet_edits_under_serve_rewrite_only_the_stylesheet(make_site):
    editor = Editor(make_site(SITE), hashed_static=False)
    css = (REPO / "static/css/site.css").read_text() + "\n/* edited */\n"
    assert editor.change({"static/css/site.css": css}) == set()
    hashed = Editor(editor.root, hashed_static=True)  # built: the name carries the hash, so pages change
    assert len(hashed.change({"static/css/site.css": css + "/* again */\n"})) > 10


def test_an_unchanged_tree_is_up_to_date_and_a_hand_edited_output_is_repaired(make_site, run):
    root = make_site(SITE)
    assert run(root, "build", "--quiet").code == 0
    assert "nothing changed" in run(root, "build").out
    (root / "site/xinjiang/results/index.html").write_text("tampered")
    assert "1 file written" in run(root, "build").out
    assert "Results" in (root / "site/xinjiang/results/index.html").read_text()
    shutil.rmtree(root / "site")
    assert run(root, "build", "--quiet").code == 0 and (root / "site/index.html").exists()


CHART = '''\
import altair as alt

TITLE = "Funds by province"
DESCRIPTION = "Funds sent by each province."
DATASETS = ["funds"]


def chart(data):
    return alt.Chart(data["funds"]).mark_bar().encode(x="yuan:Q", y="province:N")
'''
# A chart with its data and source record, for sites that need one.
FUNDS_CHART = {
    "charts/funds.py": CHART,
    "charts/data/funds.csv": "province,yuan\nJiangsu,10\nShanghai,20\n",
    "charts/data/funds.yaml": "title: Funds\ndescription: Funds sent.\nunits: yuan\nnotes: Test data.\nsource: state-report\n",
}


def test_chart_data_renders_that_chart_and_the_pages_embedding_it(make_site):
    root = make_site({**SITE, **FUNDS_CHART,
                      "content/xinjiang/results.md": page("Results", "{{< chart funds >}}", order=3)})
    editor = Editor(root)
    rendered = editor.change({"charts/data/funds.csv": "province,yuan\nJiangsu,15\nShanghai,20\n"})
    assert rendered == pages("/xinjiang/results/")
    written = sorted(p.name for p in (root / "site/charts").glob("funds.*"))
    assert len(written) == 4 and all(name.startswith("funds.") for name in written)


INLINE_TORTURE = """He said "it's -- well... 'fine'" in the '90s --- and <<this>>.

`code [x](y)` \\`not code\\` and ``two `ticks` `` with \\*escaped\\* and *em* __strong__ ***both*** _a_b_
A [link](https://example.org "t") and [ref][r] and [r] and ![img](a.png) ![ref img][r] ![r]
<https://example.org/a?b=c&d> <someone@example.org> <span class="x">raw</span> &amp; &copy; &#169; & alone
line with a break \x20
next line[^n] and [@not-a-source] and {{< value nothing >}} -- done...

[r]: https://example.org/r
[^n]: A note with *emphasis* and `code`.
"""


def test_the_quick_inline_passes_change_nothing():
    """The converter skips inline patterns that cannot match the text; it must give what the stock
    passes give, on every page of the site and on text that uses every pattern."""
    def converter(stock: bool) -> MarkdownConverter:
        strings = load_strings(Project(REPO), Settings("t", "d", "https://e.org/", "en", "", "", 3), Problems())["en"]
        made = MarkdownConverter(References({}, frozenset(), frozenset(), frozenset(), {}, {}, "/"), strings)
        if stock:
            passes = made.md.treeprocessors
            smarty = InlinePass(made.md)
            smarty.inlinePatterns = passes["smarty"].inlinePatterns
            passes.register(InlinePass(made.md), "inline", 20)
            passes.register(smarty, "smarty", 6)
        return made

    quick, stock = converter(False), converter(True)
    texts = [Path(f).read_text().split("---\n", 2)[2] for f in glob.glob(str(REPO / "content/**/*.md"), recursive=True)]
    for text in [*texts, INLINE_TORTURE]:
        assert quick.convert(text, "x.md", "/x/", 1) == stock.convert(text, "x.md", "/x/", 1)
    plain = markdown.Markdown(extensions=EXTENSIONS, extension_configs=extension_config(quick.strings), output_format="html")
    text = re.sub(r"\[@[^\]]*\]|\{\{<[^>]*>\}\}", "", INLINE_TORTURE)  # what only this site's Markdown knows
    assert quick.convert(text, "x.md", "/x/", 1).html == plain.convert(text)


def test_a_template_error_reports_what_a_clean_build_reports(editor):
    broken = '{% extends "base.html" %}\n{% block content %}{{ content }}{{ page.nothing }}{% endblock %}\n'
    write_files(editor.root, {"templates/page.html": broken})
    with pytest.raises(BuildError) as incremental:
        editor.builder.build(changed={editor.root / "templates/page.html"})
    with pytest.raises(BuildError) as clean:
        Builder(Project(editor.root), editor.options, persist=False).build(editor.root.parent / "clean-broken" / "site")
    assert [str(p) for p in incremental.value.problems] == [str(p) for p in clean.value.problems]
    assert not any("anchor" in p.message for p in incremental.value.problems)


def test_the_feed_links_to_charts_instead_of_leaving_markers(make_site):
    root = make_site({**SITE, **FUNDS_CHART,
                      "content/xinjiang/kizilsu.md": page("Kizilsu", "## Schools\n\n{{< chart funds >}}\n\nText [@state-report].",
                                                          order=2, date="2021-12-01")})
    Editor(root)
    feed = (root / "site/feed.xml").read_text(encoding="utf-8")
    assert "sitegen-chart" not in feed
    assert "&lt;a href=&#34;https://example.org/xinjiang/kizilsu/#chart-funds&#34;&gt;Chart: Funds by province" in feed


BODY_READS = {
    "loop variable named page": "{% for page in children %}{{ page.html }}{% endfor %}",
    "attr filter": "{% for p in children %}{{ p | attr('html') }}{% endfor %}",
    "subscript": "{% for p in children %}{{ p['html'] }}{% endfor %}",
    "map": "{{ children | map(attribute='toc') | list }}",
    "through site": "{{ (site.pages | first).html }}",
    "through a filter's site": "{{ site.by_url['/pakistan/'].links }}",
}


@pytest.mark.parametrize("template", BODY_READS.values(), ids=BODY_READS.keys())
def test_another_pages_body_is_refused_in_every_build(editor, template):
    section = '{% extends "base.html" %}\n{% block after_content %}\n' + template + '\n{% endblock %}\n'
    write_files(editor.root, {"templates/section.html": section})
    for _ in range(2):  # serve's way, a builder told what changed: refused every time, not once
        with pytest.raises(BuildError) as refused:
            editor.builder.build(changed={editor.root / "templates/section.html"})
        problem = refused.value.problems[0]
        assert (problem.path, problem.line) == ("templates/section.html", 3)
        assert "PageSummary" in problem.message and "by their summary only" in problem.hint
    with pytest.raises(BuildError, match="PageSummary"):  # and a clean build
        Builder(Project(editor.root), persist=False).build(editor.root.parent / "clean-refused" / "site")


SECTION_TEMPLATE = (REPO / "templates/section.html").read_text(encoding="utf-8")


def test_what_templates_may_read_of_the_site_is_tracked_not_refused(editor):
    charts = '{% extends "base.html" %}\n{% block after_content %}{{ site.charts | length }} charts; ' \
             '{{ site.pages | map(attribute="title") | join(", ") }}{% endblock %}\n'
    assert editor.change({"templates/section.html": charts})
    # A title shown through site.pages is recorded as read: changing it renders the section pages again.
    rendered = editor.change({"content/pakistan/awaran.md": page("Awaran district", order=2)})
    assert pages("/xinjiang/", "/pakistan/") <= rendered  # the section pages (home.html does not read it)


def test_a_title_changed_while_the_build_was_broken_reaches_every_listing(editor):
    broken = page("Results", "[x](missing.md)", order=3)
    write_files(editor.root, {"content/xinjiang/results.md": broken})
    with pytest.raises(BuildError):
        editor.builder.build(changed={editor.root / "content/xinjiang/results.md"})
    write_files(editor.root, {"content/xinjiang/results.md": page("Outcomes", "[x](missing.md) [@state-report]", order=3)})
    with pytest.raises(BuildError):
        editor.builder.build(changed={editor.root / "content/xinjiang/results.md"})
    # Fixed: only the text changes now, but the title and citation changed while it was broken.
    rendered = editor.change({"content/xinjiang/results.md": page("Outcomes", "Fixed [@state-report].", order=3)})
    assert pages("/xinjiang/", "/xinjiang/rounds/", "/xinjiang/kizilsu/", "/xinjiang/results/") <= rendered
    assert "Outcomes" in (editor.root / "site/xinjiang/kizilsu/index.html").read_text()


def test_a_source_named_in_a_data_table_is_a_dependency_of_its_page(make_site):
    files = {**SITE, **FUNDS_CHART,
             "charts/data/funds.csv": "province,yuan,checked_by\nJiangsu,10,state-report\nShanghai,20,later-report\n",
             "content/xinjiang/results.md": page("Results", "{{< chart funds >}}", order=3)}
    editor = Editor(make_site(files))
    sources = (editor.root / "sources.yaml").read_text()
    # The table shows the checked_by column's keys by their sources' names.
    assert editor.change({"sources.yaml": sources.replace("A publisher", "Another publisher")}) >= pages("/xinjiang/results/")
    assert "Another publisher" in (editor.root / "site/xinjiang/results/index.html").read_text()
    # A new source whose key is a value in the data changes how the table shows it.
    later = ("\nlater-report:\n  title: Later\n  publisher: Later Publisher\n  date: 2022\n"
             "  address: https://example.org/l\n  kind: media report\n")
    assert pages("/xinjiang/results/") <= editor.change({"sources.yaml": (editor.root / "sources.yaml").read_text() + later})
    assert "Later Publisher" in (editor.root / "site/xinjiang/results/index.html").read_text()
