"""``build.py serve``: serves the site with live reload and rebuilds on change."""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import REPO


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def wait_for(condition, timeout: float = 20.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            value = condition()
            if value:
                return value
        except OSError:
            pass
        time.sleep(0.05)  # polls often: the condition is usually met within a few tenths of a second
    raise AssertionError("timed out waiting")


def until(tab, predicate: str) -> None:
    """Poll a JavaScript predicate (evaluate is exempt from the page's CSP; wait_for_function is not).
    A poll that the page's own reload interrupts ("execution context was destroyed") counts as false."""
    from playwright.sync_api import Error

    def check() -> bool:
        try:
            return tab.evaluate(predicate)
        except Error as error:
            if "context was destroyed" in str(error) or "navigat" in str(error):
                return False
            raise

    wait_for(check, timeout=15)


def page_containing(url: str, text: str) -> str:
    """The page at ``url`` once it contains ``text``."""
    return wait_for(lambda: next((html for html in [fetch(url)[1]] if text in html), None))


@contextlib.contextmanager
def running_serve(root: Path, first_page: str) -> Iterator[tuple[str, subprocess.Popen]]:
    """``build.py serve`` on a free port, once ``first_page`` answers: (its base address, the process)."""
    port = free_port()
    process = subprocess.Popen([sys.executable, str(REPO / "build.py"), "serve", "--root", str(root), "--port", str(port)],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(lambda: fetch(base + first_page)[0] == 200)
        yield base, process
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def server(make_site):
    root: Path = make_site({"content/a.md": "---\ntitle: First title\n---\nHello.\n",
                            "content/wip.md": "---\ntitle: Work in progress\ndraft: true\n---\nSoon.\n"})
    with running_serve(root, "/a/") as (base, process):
        yield root, base, process


def test_serves_pages_with_live_reload_and_drafts(server):
    root, base, _ = server
    status, html = fetch(base + "/a/")
    assert status == 200 and "<h1>First title</h1>" in html
    # Same-origin script, so the site's Content-Security-Policy allows it.
    assert f'<script src="/livereload.js?port={base.rsplit(":", 1)[1]}"></script></head>' in html
    assert f'<link rel="canonical" href="{base}/a/">' in html  # links point at the local server
    assert fetch(base + "/wip/")[0] == 200  # drafts are shown while editing
    assert fetch(base + "/livereload.js")[0] == 200
    status, html = fetch(base + "/no/such/page/")
    assert status == 404 and "Page not found" in html


def test_rebuilds_on_change_and_keeps_last_good_site_on_error(server):
    root, base, process = server
    (root / "content/a.md").write_text("---\ntitle: Second title\n---\nHello.\n")
    wait_for(lambda: "<h1>Second title</h1>" in fetch(base + "/a/")[1])
    (root / "content/a.md").write_text("---\ntitle: Third\ntitel: typo\n---\nHello.\n")
    (root / "content/b.md").write_text("---\ntitle: B\n---\nB.\n")
    # The error shows over every page, naming the file, line and problem ...
    html = page_containing(base + "/a/", "sitegen-overlay")
    assert "<code>content/a.md:3</code> unknown front matter key &#x27;titel&#x27;" in html
    assert 'role="alert"' in html and fetch(base + "/__sitegen/overlay.css")[0] == 200
    # ... over the last good build, which is still what is served.
    assert "<h1>Second title</h1>" in html
    assert fetch(base + "/b/")[0] == 404
    (root / "content/a.md").write_text("---\ntitle: Fixed\n---\nHello.\n")
    html = page_containing(base + "/a/", "<h1>Fixed</h1>")
    assert "sitegen-overlay" not in html  # cleared by the good build
    assert fetch(base + "/b/")[0] == 200
    process.terminate()
    output, _ = process.communicate(timeout=10)
    assert "content/a.md:3: unknown front matter key 'titel'" in output
    assert process.returncode == 0 and output.rstrip().endswith("stopped")  # a clean stop
    assert (root / ".cache/serve/state.bin").exists()  # the next serve starts warm
    assert not (root / "site").exists()  # serve's build (drafts, local addresses) never goes to site/


def fetch_as(url: str, host: str) -> int:
    request = urllib.request.Request(url, headers={"Host": host})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_only_this_machine_may_ask(server):
    root, base, _ = server
    port = base.rsplit(":", 1)[1]
    assert fetch_as(base + "/a/", f"localhost:{port}") == 200
    assert fetch_as(base + "/a/", f"attacker.example:{port}") == 403  # a DNS-rebinding page
    assert fetch_as(base + "/livereload.js", "attacker.example") == 403
    from tornado.httpclient import HTTPClientError, HTTPRequest
    from tornado.websocket import websocket_connect

    async def connect(origin: str) -> bool:
        request = HTTPRequest(f"ws://127.0.0.1:{port}/livereload", headers={"Origin": origin})
        try:
            socket_ = await websocket_connect(request)
        except HTTPClientError:
            return False
        socket_.close()
        return True

    def attempt(origin: str) -> bool:  # on a thread of its own: Playwright may own this thread's event loop
        with concurrent.futures.ThreadPoolExecutor(1) as pool:
            return pool.submit(asyncio.run, connect(origin)).result(timeout=10)

    assert attempt(base)
    assert not attempt("http://attacker.example")


def test_serves_under_the_base_path_of_a_project_site(make_site):
    settings = "title: T\ndescription: D\nbase_url: https://example.org/repo/\nlanguage: en\n"
    root = make_site({"settings.yaml": settings, "content/a.md": "---\ntitle: A\n---\nSee [home](index.md).\n"})
    with running_serve(root, "/repo/a/") as (base, _):
        status, html = fetch(base + "/repo/a/")
        assert '<a href="/repo/">home</a>' in html and f'href="{base}/repo/a/"' in html
        assert fetch(base + "/repo/static/css/site.css")[0] == 200
        assert fetch(base + "/a/")[0] == 404
        assert fetch(base + "/")[1] == fetch(base + "/repo/")[1]  # the root leads to the site


def test_only_tabs_showing_a_changed_page_reload_and_css_is_swapped_live(server, browser):
    root, base, _ = server
    (root / "content/c.md").write_text("---\ntitle: C\n---\nSee.\n")
    wait_for(lambda: fetch(base + "/c/")[0] == 200)
    context = browser.new_context()
    tabs = {}
    for name in ("a", "c"):
        tab = context.new_page()
        tab.goto(f"{base}/{name}/")
        # The websocket handshake done: livereload.js sets the protocol when the server's hello comes
        # and, in the same call, sends the 'info' message that tells the server which page this is.
        until(tab, "() => !!(window.LiveReload && window.LiveReload.connector && window.LiveReload.connector.protocol)")
        tab.evaluate("window.marker = 'still here'")
        tabs[name] = tab
    (root / "content/a.md").write_text("---\ntitle: First title\n---\nHello again.\n")  # A's text only
    until(tabs["a"], "() => !window.marker")  # reloaded
    assert "Hello again." in tabs["a"].locator("main").inner_text()
    tabs["c"].wait_for_timeout(1000)
    assert tabs["c"].evaluate("window.marker") == "still here"  # C did not change: not reloaded
    css = root / "static/css/site.css"
    css.write_text(css.read_text() + "\nh1 { letter-spacing: 3px; }\n")
    until(tabs["c"], "() => getComputedStyle(document.querySelector('h1')).letterSpacing === '3px'")
    assert tabs["c"].evaluate("window.marker") == "still here"  # swapped in without a reload
    context.close()


def test_editor_mistakes_show_in_the_overlay_over_the_last_good_site(server):
    root, base, process = server
    (root / "content/a.md").write_bytes("---\ntitle: Caf\u00e9 \u201cquotes\u201d\n---\nHello.\n".encode("cp1252"))
    html = page_containing(base + "/a/", "sitegen-overlay")
    assert "<code>content/a.md:2</code> this file is not UTF-8 text" in html and "save it as UTF-8" in html
    assert "<h1>First title</h1>" in html  # the last good build is still what is served
    (root / "content/a.md").write_text("---\ntitle: First title\n---\nSee {{< chrat funds >}}.\n")
    html = page_containing(base + "/a/", "chrat")
    assert "<code>content/a.md:4</code>" in html and "sitegen-overlay" in html
    (root / "content/a.md").write_text("---\ntitle: Mended\n---\nHello.\n")
    html = page_containing(base + "/a/", "<h1>Mended</h1>")
    assert "sitegen-overlay" not in html


def test_serve_and_build_on_one_project_keep_to_their_own_folders(server):
    root, base, _ = server
    done = subprocess.run([sys.executable, str(REPO / "build.py"), "build", "--quiet", "--root", str(root)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert (root / "site/a/index.html").exists() and not (root / "site/wip").exists()  # no drafts published
    assert "https://example.org/a/" in (root / "site/a/index.html").read_text()  # the published address
    (root / "content/a.md").write_text("---\ntitle: After the build\n---\nHello.\n")
    assert "<h1>After the build</h1>" in page_containing(base + "/a/", "After the build")  # serve goes on
    assert fetch(base + "/wip/")[0] == 200
