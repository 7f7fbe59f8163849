"""Shared fixtures: small sites built in tmp_path, and the real site built once per test run."""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import io
import json
import os
import shutil
import sys
import tempfile
import textwrap
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest

import build as cli

REPO = Path(__file__).resolve().parent.parent

# The site-wide files every small test site starts from (the repository's own).
SCAFFOLD = ("templates", "static", "i18n")
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


# What a copy of the repository leaves out: the machine's own folders, not the project's.
REAL_PROJECT_IGNORE = shutil.ignore_patterns(".venv", "site", ".git", ".cache", "__pycache__", ".site-*", ".tools",
                                             ".pytest_cache", ".ruff_cache", "tests", "benchmarks")
# What a built copy's .cache/ holds that a build of another copy may reuse as it is: the rendered
# charts and drawn cards, each filed under a hash of everything it shows (nothing of the build state).
RENDER_CACHES = ("charts", "cards")


def copy_real_project(destination: Path, warm_from: Path | None = None) -> Path:
    """A copy of the repository's project at ``destination``. With ``warm_from`` (a built site, such as
    real_site), its rendered charts and cards are copied too, so that the next build of the copy does
    every step of a fresh build but renders no chart and draws no card that the first build already did."""
    shutil.copytree(REPO, destination, ignore=REAL_PROJECT_IGNORE)
    if warm_from is not None:
        for name in RENDER_CACHES:
            if (warm_from.parent / ".cache" / name).is_dir():
                shutil.copytree(warm_from.parent / ".cache" / name, destination / ".cache" / name)
    return destination


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    with open(path, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's own site, built once per test run into a temporary folder: under pytest-xdist
    the first worker that needs it builds it and the others wait for that build (and share it, or its
    failure) rather than each building it again. Tests read it and never change it."""
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent  # the run's own folder, which holds every worker's
    folder = base / "real-site"
    with _locked(base / "real-site.lock"):
        failed = folder / "build-failed.txt"
        if failed.exists():
            pytest.fail(f"the real site does not build (as another worker found):\n{failed.read_text()}")
        if not (folder / "project/site").is_dir():
            shutil.rmtree(folder, ignore_errors=True)
            # The repository's own rendered charts and cards, if a build made them (each filed under a
            # hash of everything it shows, the engine included): a clean clone renders them all.
            copy_real_project(folder / "project", warm_from=REPO / "site")
            errors = io.StringIO()
            with contextlib.redirect_stderr(errors):
                code = cli.main(["build", "--root", str(folder / "project"), "--quiet"])
            sys.stderr.write(errors.getvalue())
            if code != 0:
                failed.write_text(errors.getvalue())
            assert code == 0, errors.getvalue()
    return folder / "project/site"


# Checks that need Chromium, Java or Node (make test installs them); 'make test-fast' leaves them out.
BROWSER_MODULES = {"test_accessibility", "test_browser", "test_browser_charts", "test_lighthouse"}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if item.module.__name__.rsplit(".", 1)[-1] == "test_lighthouse":
            item.add_marker(pytest.mark.lighthouse)  # measures speed: run alone (make test does)
        if "browser" in getattr(item, "fixturenames", ()) or item.module.__name__.rsplit(".", 1)[-1] in BROWSER_MODULES \
                or item.name == "test_the_nu_html_checker_finds_no_errors":
            item.add_marker(pytest.mark.browser)
    if hasattr(config, "workerinput"):  # a pytest-xdist worker: the slowest work first (see below)
        _slowest_first(items, config.workerinput.get("test_durations", {}))
        if config.getvalue("loadgroup") and "xdist_groups" in config.workerinput:
            _write_groups(config, items)


# Under pytest-xdist, workers take the tests in the order collected, a few at a time (make test uses
# --dist loadgroup: a group, such as the tests sharing one browser visit, goes to one worker whole).
# The slowest tests and groups go first, so that no worker is left with a long one at the end while
# the others wait: by their durations in the last runs (.pytest_cache), or, before any run, browser
# tests first. The controller reads the durations and hands the same to every worker, which must all
# collect the tests in the same order.
DURATIONS = "sitegen/test-durations"


def _test_id(nodeid: str) -> str:
    """The test's id without the "@group" that pytest-xdist's --dist loadgroup may append to it."""
    return nodeid.rsplit("@", 1)[0] if nodeid.rfind("@") > nodeid.rfind("]") else nodeid


def _xdist_group(item: pytest.Item) -> str | None:
    """The item's group, named as pytest-xdist names it (several xdist_group marks: their names joined)."""
    names = sorted({str(mark.args[0] if mark.args else mark.kwargs.get("name", "default"))
                    for mark in item.iter_markers("xdist_group")})
    return "_".join(names) if names else None


def _slowest_first(items: list[pytest.Item], durations: dict[str, float]) -> None:
    def guess(item: pytest.Item) -> float:
        return durations.get(_test_id(item.nodeid), 10.0 if item.get_closest_marker("browser") else 0.5)

    cost: dict[str, float] = {}
    for item in items:
        unit = _xdist_group(item) or item.nodeid
        cost[unit] = cost.get(unit, 0.0) + guess(item)
    items.sort(key=lambda item: -cost[_xdist_group(item) or item.nodeid])  # stable: ties keep their order


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node) -> None:  # noqa: ANN001 - pytest-xdist's WorkerController
    cache = getattr(node.config, "cache", None)
    node.workerinput["test_durations"] = cache.get(DURATIONS, {}) if cache else {}
    node.workerinput["xdist_groups"] = str(_groups_file(node.config))


# --dist loadgroup, mended: pytest-xdist 3.8 marks a test's group by appending "@group" to its item's
# _nodeid, which pytest 9.2's structured node ids no longer read, so every test is scheduled on its own
# (pytest-dev/pytest-xdist#1386). Instead each worker writes the groups it collected, by test, to a file
# the controller named, and the controller's scheduler reads it once all workers have collected.
def _groups_file(config: pytest.Config) -> Path:
    if not hasattr(config, "_sitegen_groups_file"):
        config._sitegen_groups_file = Path(tempfile.gettempdir()) / f"sitegen-xdist-groups-{os.getpid()}.json"
    return config._sitegen_groups_file


def _write_groups(config: pytest.Config, items: list[pytest.Item]) -> None:
    path = Path(config.workerinput["xdist_groups"])
    groups = {item.nodeid: _xdist_group(item) for item in items if _xdist_group(item)}
    partial = path.with_name(f"{path.name}.{os.getpid()}")
    partial.write_text(json.dumps(groups))
    partial.replace(path)  # whole, whichever worker writes last: they all collect the same tests


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log):  # noqa: ANN001, ANN201 - pytest-xdist's types
    if config.getvalue("dist") != "loadgroup":
        return None
    from xdist.scheduler import LoadGroupScheduling

    class MarkedGroups(LoadGroupScheduling):
        groups: dict[str, str] | None = None

        def _split_scope(self, nodeid: str) -> str:
            if self.groups is None:  # first asked once every worker has collected, so written
                path = _groups_file(config)
                self.groups = json.loads(path.read_text()) if path.exists() else {}
            return self.groups.get(nodeid) or super()._split_scope(nodeid)

    return MarkedGroups(config, log)


def pytest_unconfigure(config: pytest.Config) -> None:
    if hasattr(config, "_sitegen_groups_file"):
        config._sitegen_groups_file.unlink(missing_ok=True)


_durations_this_run: dict[str, float] = {}


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    _durations_this_run[_test_id(report.nodeid)] = _durations_this_run.get(_test_id(report.nodeid), 0.0) + report.duration


def pytest_sessionfinish(session: pytest.Session) -> None:
    cache = getattr(session.config, "cache", None)
    if cache is None or hasattr(session.config, "workerinput") or not _durations_this_run:
        return
    known = cache.get(DURATIONS, {})
    known.update({nodeid: round(seconds, 2) for nodeid, seconds in _durations_this_run.items()})
    cache.set(DURATIONS, known)


@pytest.fixture(scope="session")
def visits(request: pytest.FixtureRequest, browser, real_site: Path):  # noqa: ANN001 - Playwright's Browser
    """Each page of the real site loaded once per browser set-up, for all the selected tests that look at
    it so set up (tests/browser.py, Visits)."""
    from tests.browser import Visits

    return Visits(browser, real_site, {getattr(item, "originalname", item.name) for item in request.session.items})


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
