"""The command line as the README describes it: global options on either side of the command, each
command's own --help, -v, check's counts and drafts, links with the file and line of each address."""

from __future__ import annotations

import re

import pytest

import build as cli
from tests.conftest import page


@pytest.mark.parametrize("order", [["-q", "build"], ["build", "-q"], ["--quiet"]])
def test_global_options_before_or_after_the_command(make_site, capsys, order):
    root = make_site({})
    code = cli.main([*order[:-1], "--root", str(root), order[-1]] if order[-1] == "build" else
                    ["--root", str(root), *order])
    captured = capsys.readouterr()
    assert code == 0 and captured.out == "" and (root / "site/index.html").is_file()


@pytest.mark.parametrize("command, present, absent", [
    ("clean", ["--root", "--quiet"], ["--base-url", "--drafts", "--strict", "--port"]),
    ("new", ["--title", "PATH"], ["--base-url", "--drafts", "--strict"]),
    ("serve", ["--port", "--host", "--base-url", "--strict"], ["--drafts"]),
    ("build", ["--base-url", "--drafts", "--strict"], ["--port", "--title"]),
    ("check", ["--drafts", "--strict", "would write"], ["--port", "--title"]),
    ("links", ["--drafts", "file and line"], ["--port", "--strict"]),
])
def test_each_command_help_shows_only_its_options(capsys, command, present, absent):
    with pytest.raises(SystemExit):
        cli.main([command, "--help"])
    text = " ".join(capsys.readouterr().out.split())
    for word in present:
        assert word in text
    for word in absent:
        assert word not in text


def test_verbose_lists_every_file_written(make_site, run):
    root = make_site({"content/a.md": page("A")})
    result = run(root, "build", "-v")
    lines = result.out.splitlines()
    assert "  wrote a/index.html" in lines and "  wrote index.html" in lines
    count = int(re.search(r"\((\d+) files written\)", lines[-1]).group(1))
    assert count == sum(line.startswith("  wrote ") for line in lines)


def test_check_says_what_it_would_write_and_which_drafts_it_skips(make_site, run):
    root = make_site({"content/a.md": page("A"), "content/b.md": page("B", draft="true")})
    result = run(root, "check")
    assert result.code == 0
    assert re.match(r"checked: no problems in 2 pages, 0 charts in \d+\.\d\d s \(would write \d+ files\)\n"
                    r"1 draft not checked: add --drafts to check it too\n$", result.out)
    drafts = run(root, "check", "--drafts")
    assert "3 pages" in drafts.out and "not checked" not in drafts.out
    assert not (root / "site").exists()


def test_links_names_the_file_and_line_of_each_address(make_site, run):
    root = make_site({"content/a.md": page("A", "Text.\n\nSee [the report](https://www.example.com/elsewhere).")})
    result = run(root, "links")
    assert result.code == 0
    assert "https://www.example.com/elsewhere\n  in content/a.md:6\n  on a/index.html" in result.out
    assert "https://github.com/example/site\n  in settings.yaml:5\n" in result.out
