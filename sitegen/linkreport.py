"""The external links report for editors: every address outside the site that a built page links
to, with the file and line where it is written. Nothing is fetched (the build machine may be
offline, and a site's sources often refuse robots); an editor checks the list by hand."""

from __future__ import annotations

import re
from pathlib import Path

EXTERNAL = re.compile(r'\shref="(https?://[^"]+)"')
# Where an address can be written: pages, the YAML files, dataset records and templates.
SOURCE_PATTERNS = ("content/**/*.md", "*.yaml", "charts/data/*.yaml", "templates/**/*.html", "templates/**/*.xml")


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


def written_at(root: Path, addresses: list[str]) -> dict[str, list[str]]:
    """Address -> every 'file:line' of the project where it is written, as the editor would look for it."""
    wanted = set(addresses)
    found: dict[str, list[str]] = {address: [] for address in addresses}
    pattern = re.compile(r"https?://[^\s)\]>\"'<`]+")
    for glob in SOURCE_PATTERNS:
        for path in sorted(root.glob(glob)):
            try:
                lines = path.read_text(encoding="utf-8").split("\n")
            except (UnicodeDecodeError, OSError):
                continue  # the build reports such a file
            for number, line in enumerate(lines, start=1):
                for address in pattern.findall(line):
                    address = address.rstrip(".,;:")
                    if address in wanted:
                        found[address].append(f"{path.relative_to(root).as_posix()}:{number}")
    return found


def report(links: dict[str, list[str]], root: Path | None = None) -> str:
    """One entry per address: where it is written (with ``root``), and the pages that show it."""
    where = written_at(root, list(links)) if root is not None else {}
    lines = [f"{len(links)} external addresses (not fetched; check them by hand):"]
    for address, pages in links.items():
        written = where.get(address)
        lines.append(f"{address}\n" + (f"  in {', '.join(written)}\n" if written else "") + f"  on {', '.join(pages)}")
    return "\n".join(lines)
