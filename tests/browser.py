"""Headless Chromium (Debian's /usr/bin/chromium) driven by Playwright, and a local server for a built site."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
# Without the networking flags Chromium tries to reach Google's hosts, which this machine refuses.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync"]
# Runs before any page script: records Content-Security-Policy violations.
RECORD_CSP = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(
    e.violatedDirective + ' ' + e.blockedURI));
"""


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        # Like GitHub Pages: unknown addresses get the site's own 404 page.
        page = Path(self.directory) / "404.html"
        if code == 404 and page.exists():
            body = page.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        else:
            super().send_error(code, message, explain)


@contextmanager
def serve_folder(folder: Path) -> Iterator[str]:
    """Serve ``folder`` on a free loopback port; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@dataclass
class PageReport:
    """What went wrong while a page loaded."""

    console_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    csp_violations: list[str] = field(default_factory=list)


def open_page(context, url: str, javascript: bool = True):  # noqa: ANN001 - Playwright's BrowserContext
    """Open ``url`` in a new tab; returns (page, report) with console errors and failed requests recorded.
    ``javascript`` says whether the context runs scripts (CSP violations can only be read if it does)."""
    return Tab(context, javascript).open(url)


class Tab:
    """One tab that opens page after page, each a new document with a report of its own: what open_page
    does without setting up a new tab each time (a few tenths of a second a page)."""

    def __init__(self, context, javascript: bool = True) -> None:  # noqa: ANN001 - Playwright's BrowserContext
        self.page, self.javascript, self.report = context.new_page(), javascript, PageReport()
        page = self.page
        page.on("console", lambda msg: self.report.console_errors.append(msg.text) if msg.type == "error" else None)
        page.on("pageerror", lambda exc: self.report.console_errors.append(str(exc)))
        page.on("requestfailed", lambda req: self.report.failed_requests.append(req.url))
        page.on("response", lambda res: self.report.failed_requests.append(f"{res.status} {res.url}")
                if res.status >= 400 else None)
        page.add_init_script(RECORD_CSP)
        self.opened = False

    def open(self, url: str):  # noqa: ANN201 - (Playwright's Page, PageReport)
        if self.opened:
            self.page.mouse.move(0, 0)  # where a new tab's pointer is
            self.page.goto("about:blank")  # what the last page still loads ends here, in its report
        self.opened, self.report = True, PageReport()
        self.page.goto(url, wait_until="load")
        if self.javascript:
            self.report.csp_violations = self.page.evaluate("window.__cspViolations")
        return self.page, self.report


def site_pages(site: Path) -> list[str]:
    """The address of every page of a built site ('/', '/about/', ...), the 404 page left out."""
    return sorted("/" + p.relative_to(site).as_posix().removesuffix("index.html") for p in site.rglob("index.html"))


def wait_until(page, condition: str, timeout: float = 10.0) -> bool:  # noqa: ANN001 - a Playwright page
    """Whether the JavaScript expression ``condition`` became true within ``timeout`` seconds, checked
    every 20 ms in the page itself (page.evaluate is exempt from the site's Content-Security-Policy;
    wait_for_function, which compiles the condition with eval, is not)."""
    return page.evaluate(f"""async timeout => {{
        const end = performance.now() + timeout;
        while (!({condition})) {{
            if (performance.now() > end) return false;
            await new Promise(resolve => setTimeout(resolve, 20));
        }}
        return true;
    }}""", timeout * 1000)


def next_frames(page) -> None:  # noqa: ANN001 - a Playwright page
    """Return once the page has drawn two more frames (style, layout and paint caught up)."""
    page.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")


def activate_charts(page) -> None:  # noqa: ANN001 - a Playwright page
    """Bring every chart to life as a reader would: each scrolled to, after a first interaction (the
    charts script waits for one), then given up to 10 s to become interactive or to stay static."""
    count = page.evaluate("document.querySelectorAll('figure.chart').length")
    for index in range(count):
        page.locator("figure.chart").nth(index).scroll_into_view_if_needed()
        page.mouse.wheel(0, 1)
        wait_until(page, f"document.querySelectorAll('figure.chart')[{index}].matches('.is-interactive, .is-static')")


# One visit of the site per browser set-up, for all the tests that look at it so set up -------------

@dataclass(frozen=True)
class Setup:
    """How pages are opened: the window's size, the colour scheme, JavaScript on or off."""

    width: int
    scheme: str = "light"  # Playwright's default too
    javascript: bool = True
    height: int = 800

    @property
    def group(self) -> str:
        """The pytest-xdist group of the tests that share this set-up's visit (--dist loadgroup)."""
        return f"visit-{self.width}x{self.height}-{self.scheme}{'' if self.javascript else '-nojs'}"

    def param(self, *values: object, id: str) -> object:  # noqa: A002 - pytest's word
        """A pytest.param of ``values`` in this set-up's xdist group."""
        return pytest.param(*values, id=id, marks=pytest.mark.xdist_group(self.group))


@dataclass
class Check:
    """What one test looks at on each page of a visit: ``look(page, report, path, setup)`` returns what
    the test then asserts on, or raises (an assert), which ends that check as a failing test would."""

    test: str
    setup: Setup
    pages: Callable[[Path], list[str]]
    look: Callable
    order: float  # in each page's visit: 0 reads the page as it loaded, 1 runs axe, 2 interacts with it
    # (between them: 0.5 brings the charts to life as a reader would, before axe opens every table)


# By test and set-up: a test module imported twice (pytest imports tests/test_browser.py as test_browser,
# and other modules import tests.test_browser) registers the same checks again, in place of the first.
CHECKS: dict[tuple[str, Setup], Check] = {}


def visit_check(test: str, setups: list[Setup], pages: Callable[[Path], list[str]], order: float) -> Callable:
    """Register the decorated ``look`` as ``test``'s check, made in the visit of each of ``setups``."""

    def register(look: Callable) -> Callable:
        CHECKS.update({(test, setup): Check(test, setup, pages, look, order) for setup in setups})
        return look

    return register


class Visits:
    """Every page loaded once per set-up (one after the other, in one tab), however many tests look at it:
    each page load runs every selected test's check for that set-up (the checks that only read the page
    first, then axe, then those that interact), and each test then gets what its own check found, or
    its own first failure. The tests sharing a set-up are in one xdist group, so that one worker makes
    the visit for all of them."""

    def __init__(self, browser, site: Path, selected: set[str]) -> None:  # noqa: ANN001 - Playwright's Browser
        self.browser, self.site, self.selected = browser, site, selected
        self.done: dict[Setup, dict[str, dict[str, object] | BaseException]] = {}

    def results(self, test: str, setup: Setup) -> dict[str, object]:
        """Page -> what ``test``'s check found there; raises what the check raised, if it failed."""
        if setup not in self.done:
            self.done[setup] = self._visit(setup)
        found = self.done[setup][test]
        if isinstance(found, BaseException):
            raise found
        return found

    def _visit(self, setup: Setup) -> dict[str, dict[str, object] | BaseException]:
        checks = sorted((c for c in CHECKS.values() if c.setup == setup and (c.test in self.selected or not self.selected)),
                        key=lambda c: c.order)
        wanted = {id(c): c.pages(self.site) for c in checks}
        paths = sorted({path for pages in wanted.values() for path in pages if path.endswith("/")})
        paths += sorted({path for pages in wanted.values() for path in pages if path not in paths})
        results: dict[str, dict[str, object] | BaseException] = {c.test: {} for c in checks}
        context = self.browser.new_context(viewport={"width": setup.width, "height": setup.height},
                                           color_scheme=setup.scheme, java_script_enabled=setup.javascript)
        try:
            with serve_folder(self.site) as base:
                tab = Tab(context, setup.javascript)
                for path in paths:
                    looking = [c for c in checks if path in wanted[id(c)] and isinstance(results[c.test], dict)]
                    if not looking:
                        continue
                    page, report = tab.open(base + path)
                    for check in looking:
                        try:
                            results[check.test][path] = check.look(page, report, path, setup)
                        except Exception as error:  # noqa: BLE001 - kept for the test whose check it is
                            results[check.test] = error
        finally:
            context.close()
        return results
