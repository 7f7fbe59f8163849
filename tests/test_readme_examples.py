"""Every example in README.md works when copied: its commands run, its Markdown builds, and the
messages it shows are what the build prints for those mistakes."""

from __future__ import annotations

import re
import shlex

import pytest

import build as cli
from tests.conftest import REPO, copy_real_project, page

README = (REPO / "README.md").read_text(encoding="utf-8")


def blocks(language: str, text: str = README) -> list[str]:
    """The fenced code blocks of ``text`` opened with ```LANGUAGE ('' for a bare fence)."""
    found, current, opened = [], None, ""
    for line in text.splitlines(keepends=True):
        if line.startswith("```") and current is None:
            current, opened = [], line[3:].strip()
        elif line.startswith("```"):
            if opened == language:
                found.append("".join(current))
            current = None
        elif current is not None:
            current.append(line)
    return found


def section(title: str) -> str:
    start = README.index(f"\n### {title}\n")
    return README[start:README.index("\n#", start + 5)]


@pytest.fixture
def real_copy(tmp_path, real_site):
    """A copy of the repository, with the charts and cards real_site rendered (it builds in a second)."""
    return copy_real_project(tmp_path / "project", warm_from=real_site)


def test_every_build_py_command_in_the_readme_runs(real_copy, capsys):
    commands = [line for block in blocks("sh") for line in block.splitlines() if "build.py" in line]
    assert any(" new " in c for c in commands)
    for command in commands:
        words = shlex.split(command.split("#")[0])
        args = words[words.index("build.py") + 1:]
        assert cli.main([*args, "--root", str(real_copy)]) == 0, (command, capsys.readouterr().err)
    # The pages `new` made build as they are.
    assert cli.main(["build", "--drafts", "--quiet", "--root", str(real_copy)]) == 0, capsys.readouterr().err


def test_the_shortcode_examples_build_on_the_real_site(real_copy, capsys):
    examples = [b for b in blocks("markdown") if "{{<" in b]
    assert len(examples) >= 2
    (real_copy / "content/examples.md").write_text(page("Examples", "\n\n".join(examples)), encoding="utf-8")
    assert cli.main(["build", "--quiet", "--root", str(real_copy)]) == 0, capsys.readouterr().err
    html = (real_copy / "site/examples/index.html").read_text(encoding="utf-8")
    for shown in ("250,962", "3.86 billion yuan", "802 million yuan"):
        assert shown in html


def test_the_front_matter_example_builds(make_site, run):
    front = next(b for b in blocks("markdown") if b.startswith("---\ntitle:"))
    root = make_site({"content/xinjiang/kizilsu.md": front + "Text.\n"})
    assert run(root, "build", "--quiet", "--drafts").code == 0


def test_the_messages_shown_are_what_the_build_prints(make_site, run):
    errors = blocks("", section("When the build stops"))[0]
    filler = "".join(f"Line {n}.\n\n" for n in range(5))
    root = make_site({
        "content/xinjiang/kizilsu.md": "---\ntitle: Kizilsu\ntitel: typo\n---\nText.\n",
        "content/pakistan/proposal.md": page("Proposal"),
        "content/pakistan/open-questions.md": page("Questions", filler + "See [the proposal](propsal.md)."),
    })
    result = run(root, "build")
    assert result.code == 1 and result.err == errors


def test_the_warning_shown_is_what_the_build_prints(make_site, run):
    warning = blocks("", section("When the build stops"))[1]
    pages = ["how-pairing-works", "kizilsu", "results", "controversy"]
    root = make_site({**{f"content/xinjiang/{name}.md": page(name) for name in pages},
                      "content/xinjiang/index.md": page("Xinjiang", "One.\n\nRead:\n\n"
                                                        + "".join(f"- [{n}]({n}.md)\n" for n in pages))})
    result = run(root, "build")
    assert result.code == 0 and result.err == warning


def test_the_links_example_has_the_shape_links_prints(make_site, run):
    example = next(b for b in blocks("") if b.startswith("https://"))
    assert re.fullmatch(r"https://\S+\n  in [\w/.-]+:\d+\n  on [\w/.,\s-]+\n", example)
    root = make_site({"content/a.md": page("A", "See [it](https://www.example.com/report).")})
    out = run(root, "links").out
    assert "https://www.example.com/report\n  in content/a.md:4\n  on a/index.html\n" in out
