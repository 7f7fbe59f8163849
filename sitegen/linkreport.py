"""The external links report for editors: every address outside the site that a built page links
to, with the pages that use it. Nothing is fetched (the build machine may be offline, and a
site's sources often refuse robots); an editor checks the list by hand."""

from __future__ import annotations

import re
from pathlib import Path

EXTERNAL = re.compile(r'\shref="(https?://[^"]+)"')


def external_links(site: Path, own_address: str) -> dict[str, list[str]]:
    """Address -> the pages (paths inside ``site``) linking to it; the site's own address excluded."""
    found: dict[str, set[str]] = {}
    for page in sorted(site.rglob("*.html")):
        relative = page.relative_to(site).as_posix()
        for address in EXTERNAL.findall(page.read_text(encoding="utf-8")):
            address = address.replace("&amp;", "&")
            if not address.startswith(own_address):
                found.setdefault(address, set()).add(relative)
    return {address: sorted(pages) for address, pages in sorted(found.items())}


def report(links: dict[str, list[str]]) -> str:
    lines = [f"{len(links)} external addresses (not fetched; check them by hand):"]
    for address, pages in links.items():
        lines.append(f"{address}\n  on {', '.join(pages)}")
    return "\n".join(lines)
