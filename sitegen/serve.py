"""``build.py serve``: serve site/ with live reload, rebuilding what a change affects.

* Changes are seen through the operating system's file notifications (watchfiles), not by
  polling, so a saved file is rebuilt within a few tens of milliseconds.
* The rebuild is incremental (pipeline.Builder keeps its state between builds), and only the
  browser tabs showing a page that was rewritten reload; a changed stylesheet is swapped in
  without a reload (livereload's live CSS; serve keeps static file names unhashed for that).
* It serves a build of its own (drafts included, local addresses, plain static names) from a
  folder under .cache/, never site/, which is what ``build`` makes for publishing; and it serves
  it under the base URL's path (``/repo/`` for a project site), so links work as they will online.
* A failed build changes nothing in the served folder: the last good site stays served, with an
  overlay naming each problem's file, line and message, until the next good build clears it.
* Requests must name this machine in their Host header (localhost, 127.0.0.1, ::1, or the
  ``--host`` given), and the live-reload socket must come from a page of this server: another
  web site open in the browser cannot read the drafts or drive the socket (DNS rebinding).

livereload's inline snippet would break the site's Content-Security-Policy, so its client script
is loaded from the same origin with ``<script src>``; the overlay is plain HTML and a stylesheet.
"""

from __future__ import annotations

import html
import re
import signal
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import watchfiles
from livereload import Server
from livereload.handlers import ForceReloadHandler, LiveReloadHandler, LiveReloadJSHandler, StaticFileHandler
from livereload.server import LiveScriptInjector
from livereload.watcher import Watcher
from tornado import web
from tornado.ioloop import IOLoop

from .errors import Problem

OVERLAY_PATH = "/__sitegen/overlay.css"
OVERLAY_CSS = b"""\
.sitegen-overlay{position:fixed;inset:0;z-index:2147483647;overflow:auto;margin:0;padding:2rem;
background:rgba(20,23,28,.96);color:#f5f6f8;font:16px/1.5 system-ui,sans-serif}
.sitegen-overlay h2{margin:0 0 .5rem;color:#ffb4b4;font-size:1.4rem}
.sitegen-overlay ol{padding-left:1.5rem}.sitegen-overlay li{margin:.75rem 0}
.sitegen-overlay code{color:#ffd580;font:15px/1.4 ui-monospace,monospace}
.sitegen-overlay .hint{display:block;color:#c9d1db}
"""
# Wait this long for an editor's burst of writes to finish (a save takes a few ms): a burst split
# in two is only built twice, right both times. Measured: 10 ms saves 24 ms of every save-to-page.
WATCH_STEP_MS = 10


@dataclass
class BuildOutcome:
    """What a rebuild did, for choosing which browser tabs to reload."""

    written: tuple[str, ...] = ()  # output paths rewritten
    removed: tuple[str, ...] = ()
    problems: tuple[Problem, ...] = ()  # empty when the build succeeded


def overlay_html(problems: Iterable[Problem]) -> bytes:
    items = "".join(
        f"<li><code>{html.escape(p.path)}{f':{p.line}' if p.line else ''}</code> {html.escape(p.message)}"
        + (f'<span class="hint">\u2192 {html.escape(p.hint)}</span>' if p.hint else "") + "</li>"
        for p in problems)
    return (f'<link rel="stylesheet" href="{OVERLAY_PATH}"><div class="sitegen-overlay" role="alert">'
            "<h2>The build failed</h2><p>You are seeing the last good build. Fix the problems below and save: "
            f"this page reloads by itself.</p><ol>{items}</ol></div>").encode()


LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})


class _LocalOnly:
    """Refuses requests whose Host header names another machine (a DNS-rebinding page's)."""

    allowed_hosts: frozenset[str] = LOCAL_HOSTS  # set by DevServer; empty: any host (--host 0.0.0.0)

    def prepare(self) -> None:
        host = self.request.host_name.strip("[]").lower()
        if self.allowed_hosts and host not in self.allowed_hosts:
            raise web.HTTPError(403, f"unknown host {host!r}")
        super().prepare()


class _SiteFileHandler(_LocalOnly, StaticFileHandler):
    """Serves the built site, answering unknown addresses with its own 404 page, as GitHub Pages does."""

    def write_error(self, status_code: int, **kwargs) -> None:
        page = Path(self.root) / "404.html"
        if status_code == 404 and page.exists():
            self.set_header("Content-Type", "text/html; charset=utf-8")
            self.finish(page.read_bytes())
        else:
            super().write_error(status_code, **kwargs)


class _NotFoundHandler(_LocalOnly, web.RequestHandler):
    """Addresses outside the base path: the site's 404 page, or a way to the site at the base path."""

    site_root = Path(".")
    base_path = "/"

    def get(self, *args: str) -> None:
        if self.request.path == "/":
            self.redirect(self.base_path)
            return
        page = self.site_root / "404.html"
        self.set_status(404)
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.finish(page.read_bytes() if page.exists() else b"Not found")


class _LocalJSHandler(_LocalOnly, LiveReloadJSHandler):
    pass


class _LocalForceReloadHandler(_LocalOnly, ForceReloadHandler):
    pass


class _OverlayStyleHandler(_LocalOnly, web.RequestHandler):
    def get(self) -> None:
        self.set_header("Content-Type", "text/css; charset=utf-8")
        self.finish(OVERLAY_CSS)


class _PageAwareHandler(_LocalOnly, LiveReloadHandler):
    """livereload's websocket, remembering which page each browser tab shows."""

    page_path = ""
    allowed_origins: frozenset[str] = frozenset()  # set by DevServer; empty: any origin (--host 0.0.0.0)

    def check_origin(self, origin: str) -> bool:
        return not self.allowed_origins or origin.lower() in self.allowed_origins

    def on_message(self, message: str) -> None:
        super().on_message(message)
        if '"info"' in message and '"url"' in message:
            import json

            self.page_path = urlsplit(json.loads(message).get("url", "")).path


class _NotPolling(Watcher):
    """livereload would poll the folder every 0.8 s; watchfiles reports changes instead."""

    def start(self, callback: Callable) -> bool:
        return True

    def examine(self) -> tuple[None, None]:
        return None, None


class DevServer(Server):
    """livereload's server with same-origin client script, per-page reloads and the error overlay."""

    def __init__(self, base_path: str, allowed_hosts: frozenset[str] = LOCAL_HOSTS) -> None:
        super().__init__(watcher=_NotPolling())
        self.SFH = _SiteFileHandler
        self.base_path = base_path
        self.allowed_hosts = allowed_hosts
        self.problems: tuple[Problem, ...] = ()

    def application(self, port, host, liveport=None, debug=None, live_css=True):  # noqa: ANN001 - livereload's signature
        LiveReloadHandler.watcher = _PageAwareHandler.watcher = self.watcher
        _PageAwareHandler.live_css = live_css
        script = f'<script src="/livereload.js?port={port}"></script>'.encode()
        server = self

        class Injector(LiveScriptInjector):
            def transform_first_chunk(self, status_code, headers, chunk, finishing):  # noqa: ANN001
                status_code, headers, chunk = super().transform_first_chunk(status_code, headers, chunk, finishing)
                body = chunk.find(b"<body")
                if server.problems and "html" in headers.get("Content-Type", "") and body >= 0:
                    end = chunk.find(b">", body) + 1
                    overlay = overlay_html(server.problems)
                    chunk = chunk[:end] + overlay + chunk[end:]
                    if "Content-Length" in headers:
                        headers["Content-Length"] = str(int(headers["Content-Length"]) + len(overlay))
                return status_code, headers, chunk

        Injector.script = script
        _LocalOnly.allowed_hosts = self.allowed_hosts
        _PageAwareHandler.allowed_origins = frozenset(
            f"http://{h if ':' not in h else f'[{h}]'}:{port}" for h in self.allowed_hosts)
        _NotFoundHandler.site_root, _NotFoundHandler.base_path = Path(self.root), self.base_path
        handlers = [
            (r"/livereload", _PageAwareHandler),
            (r"/forcereload", _LocalForceReloadHandler),
            (r"/livereload.js", _LocalJSHandler),
            (OVERLAY_PATH, _OverlayStyleHandler),
            (rf"{re.escape(self.base_path)}(.*)", self.SFH, {"path": self.root, "default_filename": "index.html"}),
            (r"/(.*)", _NotFoundHandler),
        ]
        self.app = web.Application(handlers=handlers, debug=False, transforms=[Injector])
        self.http_server = self.app.listen(port, address=host)

    def output_of(self, page_path: str) -> str:
        """'/xinjiang/kizilsu/' -> 'xinjiang/kizilsu/index.html', the file a tab shows."""
        relative = page_path[len(self.base_path):] if page_path.startswith(self.base_path) else page_path.lstrip("/")
        return relative + "index.html" if relative == "" or relative.endswith("/") else relative

    def reload_browsers(self, outcome: BuildOutcome) -> None:
        """Reload the tabs whose page changed; swap changed stylesheets in place."""
        overlay_changed = outcome.problems != self.problems
        self.problems = outcome.problems
        changed = set(outcome.written) | set(outcome.removed)
        styles = [name for name in changed if name.endswith(".css")]
        other_static = [n for n in changed if n.startswith("static/") and not n.endswith(".css")]
        for waiter in list(_PageAwareHandler.waiters):
            page = self.output_of(getattr(waiter, "page_path", "") or "/")
            if overlay_changed or other_static or page in changed:
                message = {"command": "reload", "path": page, "liveCSS": False, "liveImg": False}
            elif styles:
                message = {"command": "reload", "path": self.base_path + styles[0], "liveCSS": True, "liveImg": True}
            else:
                continue
            try:
                waiter.write_message(message)
            except Exception:  # noqa: BLE001 - a tab closed mid-way
                _PageAwareHandler.waiters.discard(waiter)


def allowed_hosts(host: str) -> frozenset[str]:
    """The names a request's Host header may give: this machine's, and the --host given (any, for
    a wildcard address such as 0.0.0.0, whose users reach it by names this server cannot know)."""
    if host in ("0.0.0.0", "::", ""):
        return frozenset()
    return LOCAL_HOSTS | {host.strip("[]").lower()}


def serve(root: Path, base_path: str, watched: list[Path], rebuild: Callable[[set[Path] | None], BuildOutcome],
          host: str, port: int, ready: Callable[[], None] | None = None) -> None:
    """Serve ``root`` under ``base_path`` until interrupted or terminated; on every change below
    ``watched``, call ``rebuild`` with the paths that changed and reload the browsers showing what it rewrote."""
    server = DevServer(base_path, allowed_hosts(host))
    server.problems = rebuild(None).problems
    loop = IOLoop.current()
    stop = threading.Event()

    def on_change(paths: set[Path]) -> None:
        server.reload_browsers(rebuild(paths))

    def watch(paths: list[Path], recursive: bool) -> None:
        wanted = {p.resolve() for p in watched}

        def relevant(change: watchfiles.Change, path: str) -> bool:
            return recursive or Path(path).resolve() in wanted

        for changes in watchfiles.watch(*paths, watch_filter=relevant, recursive=recursive, step=WATCH_STEP_MS,
                                        stop_event=stop, raise_interrupt=False):
            loop.add_callback(on_change, {Path(path) for _, path in changes})

    folders = [p for p in watched if p.is_dir()]
    parents = sorted({p.parent for p in watched if not p.is_dir()})
    threads = [threading.Thread(target=watch, args=(folders, True), daemon=True),
               threading.Thread(target=watch, args=(parents, False), daemon=True)]
    for thread in threads:
        thread.start()
    if ready is not None:
        loop.add_callback(ready)
    # 'kill' (SIGTERM) stops as Ctrl+C does: the loop ends and the caller saves its caches.
    signal.signal(signal.SIGTERM, lambda *_: loop.add_callback_from_signal(loop.stop))
    try:
        server.serve(root=str(root), host=host, port=port, open_url_delay=None)
    finally:
        stop.set()
