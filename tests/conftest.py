"""Shared fixtures: small sites built in tmp_path, and the real site built once per session."""

from __future__ import annotations

import hashlib
import shutil
import textwrap
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest

import build as cli

REPO = Path(__file__).resolve().parent.parent

# The site-wide files every small test site starts from (the repository's own).
SCAFFOLD = ("templates", "static")
MINIMAL_SETTINGS = """\
title: Test site
description: A small site built by a test.
base_url: https://example.org/
language: en
repository: https://github.com/example/site
"""
MINIMAL_SOURCES = """\
state-report:
  title: A report
  publisher: A publisher
  date: 2021-07-13
  address: https://example.org/report
  kind: media report
"""


def write_files(root: Path, files: dict[str, str | bytes]) -> None:
    """Write each file: text as UTF-8 (dedented), bytes as they are (not UTF-8, or with a BOM)."""
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")


@pytest.fixture
def make_site(tmp_path: Path) -> Callable[[dict[str, str]], Path]:
    """make_site({"content/a.md": "..."}) -> a project folder with the repo's templates and static files."""

    def make(files: dict[str, str]) -> Path:
        root = tmp_path / "project"
        for name in SCAFFOLD:
            shutil.copytree(REPO / name, root / name)
        defaults = {"settings.yaml": MINIMAL_SETTINGS, "sources.yaml": MINIMAL_SOURCES,
                    "content/index.md": "---\ntitle: Home\n---\nWelcome.\n"}
        write_files(root, {**defaults, **files})
        return root

    return make


class Run:
    def __init__(self, code: int, out: str, err: str) -> None:
        self.code, self.out, self.err = code, out, err


@pytest.fixture
def run(capsys: pytest.CaptureFixture) -> Callable[..., Run]:
    """run(root, "build", "--drafts") -> the command line's exit code and output, in-process."""

    def invoke(root: Path, command: str, *args: str) -> Run:
        code = cli.main([command, "--root", str(root), *args])
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return invoke


def tree_digest(folder: Path) -> dict[str, str]:
    """Every file below ``folder`` with a hash of its bytes: equal digests mean identical trees."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


class _StartTags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def start_tags(path: Path) -> list[tuple[str, dict[str, str | None]]]:
    """Every start tag of an HTML file with its attributes, in document order."""
    parser = _StartTags()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.tags


def page(title: str, body: str = "Text.", **front: object) -> str:
    """A page's Markdown: front matter with ``title`` and any other keys, then ``body``."""
    extra = "".join(f"{key}: {value}\n" for key, value in front.items())
    return f"---\ntitle: {title}\n{extra}---\n{body}\n"


def assert_build_fails_cleanly(run: Callable[..., Run], root: Path, files: dict[str, str | bytes], message: str) -> Run:
    """Build ``root`` (which must build), add ``files``, build again: exit 1, ``message`` printed, and
    site/ byte for byte as the good build left it."""
    assert run(root, "build", "--quiet").code == 0
    before = tree_digest(root / "site")
    write_files(root, files)
    result = run(root, "build")
    assert result.code == 1
    assert message in result.err
    assert result.err.rstrip().endswith("site/ was not changed.")
    assert result.out == ""
    assert tree_digest(root / "site") == before
    return result


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's own site, built once into a temporary folder."""
    root = tmp_path_factory.mktemp("real") / "project"
    shutil.copytree(REPO, root, ignore=shutil.ignore_patterns(".venv", "site", ".git", ".cache", "__pycache__", ".site-*",
                                                              ".tools", ".pytest_cache", ".ruff_cache", "tests"))
    assert cli.main(["build", "--root", str(root), "--quiet"]) == 0
    return root / "site"


# Checks that need Chromium, Java or Node (make test installs them); 'make test-fast' leaves them out.
BROWSER_MODULES = {"test_accessibility", "test_browser", "test_browser_charts", "test_lighthouse"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if item.module.__name__.rsplit(".", 1)[-1] == "test_lighthouse":
            item.add_marker(pytest.mark.lighthouse)  # measures speed: run alone (make test does)
        if "browser" in getattr(item, "fixturenames", ()) or item.module.__name__.rsplit(".", 1)[-1] in BROWSER_MODULES \
                or item.name == "test_the_nu_html_checker_finds_no_errors":
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole session."""
    from playwright.sync_api import sync_playwright

    from tests.browser import CHROMIUM, CHROMIUM_ARGS

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run 'make test', which installs Debian's chromium")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()
