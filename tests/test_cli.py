"""The command line: help for every command, build as default, check, new, quiet and verbose."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys

import pytest

import build as cli
from tests.conftest import REPO, tree_digest


@pytest.mark.parametrize("command, words", [
    ("build", ["--base-url", "--drafts", "--quiet", "--verbose"]),
    ("serve", ["--port", "--host", "live reload"]),
    ("check", ["temporary folder", "Exit status 1"]),
    ("new", ["PATH", "--title", "archetypes/page.md"]),
])
def test_every_command_has_help_and_a_readme_section(capsys, command, words):
    with pytest.raises(SystemExit) as exit_info:
        cli.main([command, "--help"])
    assert exit_info.value.code == 0
    text = capsys.readouterr().out
    for word in words:
        assert word in text
    assert f"python build.py {command}" in (REPO / "README.md").read_text()


def test_top_level_help_lists_commands():
    result = subprocess.run([sys.executable, str(REPO / "build.py"), "--help"], capture_output=True, text=True)
    assert result.returncode == 0
    for command in ("build", "serve", "check", "new"):
        assert command in result.stdout


def test_build_is_the_default_command(make_site, run):
    root = make_site({})
    code = cli.main(["--root", str(root), "--quiet"])
    assert code == 0 and (root / "site/index.html").is_file()


def test_quiet_and_verbose(make_site, run):
    root = make_site({"content/a.md": "---\ntitle: A\n---\nA.\n"})
    quiet = run(root, "build", "--quiet")
    assert quiet.out == "" and quiet.err == ""
    normal = run(root, "build")
    assert normal.out.startswith("built site/: 2 pages, 0 charts: nothing changed (")
    (root / "content/a.md").write_text("---\ntitle: A\n---\nA, changed.\n")
    verbose = run(root, "build", "--verbose")
    assert verbose.out.splitlines() == ["  wrote a/index.html", verbose.out.splitlines()[-1]]
    assert re.fullmatch(r"built site/: 2 pages, 0 charts in \d+\.\d\d s \(1 file written\)", verbose.out.splitlines()[-1])


def test_check_reports_problems_without_touching_site(make_site, run):
    root = make_site({"content/a.md": "---\ntitle: A\n---\nA.\n"})
    assert run(root, "build", "--quiet").code == 0
    before = tree_digest(root / "site")
    (root / "content/b.md").write_text("---\ntitle: B\ntags: x\n---\n[broken](nope.md)\n")
    result = run(root, "check")
    assert result.code == 1
    assert "content/b.md:5: link 'nope.md' points to a page that does not exist" in result.err
    assert result.err.rstrip().endswith("check failed: 1 problem.")
    assert tree_digest(root / "site") == before
    (root / "content/b.md").write_text("---\ntitle: B\n---\nFine.\n")
    ok = run(root, "check")
    assert ok.code == 0 and ok.out.startswith("checked: no problems in 3 pages")
    assert tree_digest(root / "site") == before


def test_check_on_a_fresh_project_creates_no_site(make_site, run):
    root = make_site({})
    assert run(root, "check", "--quiet").code == 0
    assert not (root / "site").exists()


def test_new_creates_a_draft_page_from_the_example(make_site, run):
    root = make_site({})
    result = run(root, "new", "xinjiang/kizilsu", "--title", "Kizilsu: a case study")
    assert result.code == 0
    assert result.out.strip() == "created content/xinjiang/kizilsu.md (a draft: 'python build.py serve' shows it)"
    text = (root / "content/xinjiang/kizilsu.md").read_text()
    assert text.startswith('---\ntitle: "Kizilsu: a case study"\n')
    assert f"date: {dt.date.today().isoformat()}" in text and "draft: true" in text
    # The example page itself builds: its link and citation resolve.
    (root / "content/xinjiang/kizilsu.md").write_text(text.replace("[@source-key]", "[@state-report]"))
    assert run(root, "build", "--quiet", "--drafts").code == 0
    assert "Kizilsu: a case study" in (root / "site/xinjiang/kizilsu/index.html").read_text()


@pytest.mark.parametrize("path, message", [
    ("../outside", "the page path must stay inside content/"),
    ("xinjiang/Case Study", "'Case Study' cannot be part of a web address"),
])
def test_new_refuses_bad_paths(make_site, run, path, message):
    root = make_site({})
    result = run(root, "new", path, "--title", "T")
    assert result.code == 1 and message in result.err


def test_new_never_overwrites(make_site, run):
    root = make_site({"content/a.md": "---\ntitle: Mine\n---\nKeep me.\n"})
    result = run(root, "new", "content/a.md", "--title", "Other")
    assert result.code == 1 and "content/a.md: this page already exists" in result.err
    assert "Keep me." in (root / "content/a.md").read_text()
