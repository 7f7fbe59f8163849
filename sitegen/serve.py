"""``build.py serve``: serve site/ with live reload, rebuilding when a source file changes.

The server knows nothing about Markdown: it is given a ``rebuild`` callable. A failed build
leaves site/ as it was (the writer swaps folders only on success), so the last good site
stays served.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from livereload import Server
from livereload.handlers import ForceReloadHandler, LiveReloadHandler, LiveReloadJSHandler, StaticFileHandler
from livereload.server import LiveScriptInjector
from tornado import web


class _SiteFileHandler(StaticFileHandler):
    """Serves site/, answering unknown addresses with the site's own 404 page, as GitHub Pages does."""

    def write_error(self, status_code: int, **kwargs) -> None:
        page = Path(self.root) / "404.html"
        if status_code == 404 and page.exists():
            self.set_header("Content-Type", "text/html; charset=utf-8")
            self.finish(page.read_bytes())
        else:
            super().write_error(status_code, **kwargs)


class _Server(Server):
    """livereload's server, but its client script is loaded from the same origin with
    ``<script src>``: the stock inline snippet would break the site's Content-Security-Policy."""

    def __init__(self) -> None:
        super().__init__()
        self.SFH = _SiteFileHandler

    def application(self, port, host, liveport=None, debug=None, live_css=True):  # noqa: ANN001 - livereload's signature
        LiveReloadHandler.watcher = self.watcher
        LiveReloadHandler.live_css = live_css
        script = f'<script src="/livereload.js?port={port}"></script>'.encode()
        injector = type("SameOriginScriptInjector", (LiveScriptInjector,), {"script": script})
        handlers = [
            (r"/livereload", LiveReloadHandler),
            (r"/forcereload", ForceReloadHandler),
            (r"/livereload.js", LiveReloadJSHandler),
            *self.get_web_handlers(script),
        ]
        web.Application(handlers=handlers, debug=False, transforms=[injector]).listen(port, address=host)


def serve(root: Path, watched: list[Path], rebuild: Callable[[], object], host: str, port: int) -> None:
    """Serve ``root`` until interrupted; call ``rebuild`` whenever a watched path changes."""
    server = _Server()
    for path in watched:
        if path.exists():
            server.watch(str(path), rebuild)
    server.serve(root=str(root), host=host, port=port, open_url_delay=None)
