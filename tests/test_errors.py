"""Every bad input: one clear message (file, line, what to do), exit 1, and site/ untouched."""

from __future__ import annotations

import pytest

from tests.conftest import assert_build_fails_cleanly

CASES = {
    "malformed YAML": (
        {"content/a.md": "---\ntitle: A\nsummary: [unclosed\n---\nText.\n"},
        "content/a.md:4: malformed YAML: did not find expected ',' or ']'\n"
        "  -> check indentation, a missing ':' after a key, and quote values",
    ),
    "missing title": (
        {"content/a.md": "---\nsummary: No title here.\n---\nText.\n"},
        "content/a.md:1: the page has no title\n  -> add a line 'title: ...' to the front matter",
    ),
    "no front matter": (
        {"content/a.md": "# Just a heading\n"},
        "content/a.md:1: the page has no front matter",
    ),
    "unknown front matter key": (
        {"content/a.md": "---\ntitle: A\ntitel: typo\n---\nText.\n"},
        "content/a.md:3: unknown front matter key 'titel'\n  -> did you mean 'title'?",
    ),
    "bad date": (
        {"content/a.md": "---\ntitle: A\ndate: 3 November 2021\n---\nText.\n"},
        "content/a.md:3: 'date' must be a date written YYYY-MM-DD\n  -> for example: date: 2021-11-03",
    ),
    "template syntax error": (
        {"templates/page.html": '{% extends "base.html" %}\n{% block content %}\n{{ content }\n{% endblock %}\n',
         "content/a.md": "---\ntitle: A\n---\nText.\n"},
        "templates/page.html:3: template syntax error: unexpected '}'",
    ),
    "template undefined variable": (
        {"templates/page.html": '{% extends "base.html" %}\n{% block content %}\n{{ page.titel }}\n{% endblock %}\n',
         "content/a.md": "---\ntitle: A\n---\nText.\n"},
        "templates/page.html:3: template error: 'sitegen.model.Page object' has no attribute 'titel'\n"
        "  -> fix the template (it failed while rendering content/a.md)",
    ),
    "unknown template": (
        {"content/a.md": "---\ntitle: A\ntemplate: fancy.html\n---\nText.\n"},
        "content/a.md: template 'fancy.html' does not exist",
    ),
    "link to a missing page": (
        {"content/a.md": "---\ntitle: A\n---\nFirst line.\n\nSee [the proposal](pakistan/proposal.md).\n"},
        "content/a.md:6: link 'pakistan/proposal.md' points to a page that does not exist (content/pakistan/proposal.md)",
    ),
    "link to a missing anchor": (
        {"content/a.md": "---\ntitle: A\n---\nSee [schools](b.md#educaton).\n",
         "content/b.md": "---\ntitle: B\n---\n## Education\n\nText.\n"},
        "content/a.md:4: link 'b.md#educaton': there is no heading or anchor '#educaton' on content/b.md\n"
        "  -> did you mean 'education'?",
    ),
    "link to a missing anchor on the same page": (
        {"content/a.md": "---\ntitle: A\n---\n## Money\n\nSee [below](#peple).\n\n## People\n"},
        "content/a.md:6: link '#peple': there is no heading or anchor '#peple' on this page\n  -> did you mean 'people'?",
    ),
    "site-absolute link to nothing": (
        {"content/a.md": "---\ntitle: A\n---\nSee [there](/nowhere/).\n"},
        "content/a.md:4: link '/nowhere/' points to /nowhere/, which this site does not have",
    ),
    "link to a missing file": (
        {"content/a.md": "---\ntitle: A\n---\n![map](map.png)\n"},
        "content/a.md:4: link 'map.png' points to a file that does not exist (content/map.png)",
    ),
    "link to a draft": (
        {"content/a.md": "---\ntitle: A\n---\nSee [b](b.md).\n", "content/b.md": "---\ntitle: B\ndraft: true\n---\nB.\n"},
        "content/a.md:4: link 'b.md' points to a draft page, which this build leaves out",
    ),
    "link outside content": (
        {"content/a.md": "---\ntitle: A\n---\nSee [secrets](../settings.yaml).\n"},
        "content/a.md:4: link '../settings.yaml' points outside content/",
    ),
    "two pages claim one URL": (
        {"content/a.md": "---\ntitle: A\n---\nA.\n", "content/a/index.md": "---\ntitle: A again\n---\nA.\n"},
        "two pages claim the address /a/: content/a.md and content/a/index.md",
    ),
    "unknown source": (
        {"content/a.md": "---\ntitle: A\n---\nClaim.\n\nMore [@stat-report].\n"},
        "content/a.md:6: unknown source 'stat-report'\n  -> add it to sources.yaml, or did you mean 'state-report'?",
    ),
    "incomplete source": (
        {"sources.yaml": "partial:\n  title: T\n  publisher: P\n  kind: media report\n"},
        "sources.yaml:1: source 'partial' is missing 'date', 'address'",
    ),
    "unknown source kind": (
        {"sources.yaml": "x:\n  title: T\n  publisher: P\n  date: 2020\n  address: not stated\n  kind: rumour\n"},
        "sources.yaml:6: source 'x' has an unknown kind 'rumour'",
    ),
    "unknown setting": (
        {"settings.yaml": "title: T\ndescription: D\nbase_url: https://example.org/\nlanguage: en\nbaseurl: x\n"},
        "settings.yaml:5: unknown setting 'baseurl'\n  -> did you mean 'base_url'?",
    ),
    "page name that is not a web address": (
        {"content/Kizilsu Case.md": "---\ntitle: A\n---\nA.\n"},
        "content/Kizilsu Case.md: 'Kizilsu Case' cannot be part of a web address\n"
        "  -> use lower-case letters, digits, '-' and '_' only, e.g. rename it to 'kizilsu-case'",
    ),
}


@pytest.mark.parametrize("files, message", CASES.values(), ids=CASES.keys())
def test_bad_input_is_reported_and_site_untouched(make_site, run, files, message):
    root = make_site({"content/good.md": "---\ntitle: Good\n---\nA good page.\n"})
    assert_build_fails_cleanly(run, root, files, message)


def test_every_problem_is_reported_in_one_run(make_site, run):
    root = make_site({
        "content/a.md": "---\ntitle: A\ntitel: x\n---\nA.\n",
        "content/b.md": "---\ntitle: B\n---\nSee [c](c.md) and [@nope].\n",
    })
    result = run(root, "build")
    assert result.code == 1
    assert "content/a.md:3: unknown front matter key 'titel'" in result.err
    assert "content/b.md:4: link 'c.md' points to a page that does not exist" in result.err
    assert "content/b.md:4: unknown source 'nope'\n  -> add it to sources.yaml, or known sources: state-report" in result.err
    assert "build failed: 3 problems." in result.err


def test_bad_base_url_flag(make_site, run):
    root = make_site({})
    result = run(root, "build", "--base-url", "example.org/repo")
    assert result.code == 1
    assert "--base-url: base URL 'example.org/repo' is not an absolute http(s) address" in result.err


def test_an_unexpected_exception_names_the_file_being_processed(make_site, run, monkeypatch):
    from sitegen import datasets, markup

    root = make_site({"content/good.md": "---\ntitle: Good\n---\nA good page.\n"})
    real_convert = markup.MarkdownConverter.convert

    def convert(self, body, path, url, first_line):  # noqa: ANN001, ANN202
        if path == "odd.md":
            raise RuntimeError("nobody expected this")
        return real_convert(self, body, path, url, first_line)

    monkeypatch.setattr(markup.MarkdownConverter, "convert", convert)
    result = assert_build_fails_cleanly(run, root, {"content/odd.md": "---\ntitle: Odd\n---\nText.\n"},
                                        "content/odd.md: the build stopped unexpectedly while reading pages: "
                                        "RuntimeError: nobody expected this")
    assert "Traceback" not in result.err and "report this message" in result.err
    monkeypatch.setattr(markup.MarkdownConverter, "convert", real_convert)
    monkeypatch.setattr(datasets, "_load_one", lambda *args: 1 / 0)
    (root / "content/odd.md").unlink()
    (root / "charts/data").mkdir(parents=True)
    (root / "charts/data/funds.csv").write_text("a,b\n1,2\n")
    result = run(root, "build")
    assert result.code == 1
    assert ("charts/data/funds.csv: the build stopped unexpectedly while reading chart data: "
            "ZeroDivisionError: division by zero") in result.err
