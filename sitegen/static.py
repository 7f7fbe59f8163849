"""Static assets (static/) with content-hashed names, so a browser never keeps a stale copy."""

from __future__ import annotations

import hashlib
import posixpath
import re

from .model import Project

CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""")
HASH_LENGTH = 10


def hashed_name(path: str, data: bytes) -> str:
    """'css/site.css' -> 'css/site.1a2b3c4d5e.css'."""
    digest = hashlib.sha256(data).hexdigest()[:HASH_LENGTH]
    stem, dot, ext = path.rpartition(".")
    return f"{stem}.{digest}.{ext}" if dot and "/" not in ext else f"{path}.{digest}"


def collect_static(project: Project, base_path: str, hashed: bool = True) -> tuple[dict[str, bytes], dict[str, str]]:
    """(files for site/static/, logical name -> URL). CSS ``url()``s to other static files
    are rewritten to their hashed names before the CSS itself is hashed. ``serve`` keeps plain
    names (``hashed=False``), so an edited stylesheet keeps its address and is swapped in live."""
    root = project.static
    if not root.is_dir():
        return {}, {}
    names = sorted(p.relative_to(root).as_posix() for p in root.rglob("*")
                   if p.is_file() and not any(part.startswith(".") for part in p.relative_to(root).parts))
    files: dict[str, bytes] = {}
    urls: dict[str, str] = {}
    # CSS last, so the files it refers to already have their hashed names.
    for name in sorted(names, key=lambda n: (n.endswith(".css"), n)):
        data = (root / name).read_bytes()
        if name.endswith(".css"):
            data = _rewrite_css_urls(name, data, urls, base_path)
        output = "static/" + (hashed_name(name, data) if hashed else name)
        files[output] = data
        urls[name] = base_path + output
    return files, urls


def _rewrite_css_urls(name: str, data: bytes, urls: dict[str, str], base_path: str) -> bytes:
    folder = posixpath.dirname(name)

    def swap(match: re.Match) -> str:
        target = match.group(2)
        if ":" in target or target.startswith(("/", "#")):
            return match.group(0)
        logical = posixpath.normpath(posixpath.join(folder, target.split("?")[0].split("#")[0]))
        return f'url("{urls[logical]}")' if logical in urls else match.group(0)

    return CSS_URL.sub(swap, data.decode("utf-8")).encode("utf-8")
