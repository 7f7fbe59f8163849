"""Lighthouse scores of the built site: performance, accessibility, best practices and SEO.

    .venv/bin/python tests/lighthouse.py [SITE_FOLDER]     # prints the scores (default: site/)

Runs Lighthouse (installed into .tools/ by 'make test') on the home page and a chart page, as a
phone and as a desktop, against Debian's Chromium, on a local server; nothing leaves the machine.
Exits with status 1 if any score is below MINIMUM. tests/test_lighthouse.py runs it in CI.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from tests.browser import CHROMIUM, CHROMIUM_ARGS, serve_folder  # noqa: E402

LIGHTHOUSE = HERE.parent / ".tools/node_modules/.bin/lighthouse"
PAGES = ("/", "/xinjiang/results/")  # the home page and a chart page
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
MINIMUM = 95


def scores(url: str, desktop: bool) -> dict[str, int]:
    """Category -> score (0-100) of one Lighthouse run."""
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as folder:
        report = Path(folder) / "report.json"
        command = [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={report}",
                   f"--only-categories={','.join(CATEGORIES)}",
                   "--chrome-flags=" + " ".join(["--headless=new", *CHROMIUM_ARGS])]
        if desktop:
            command.append("--preset=desktop")
        done = subprocess.run(command, capture_output=True, text=True, timeout=240,
                              env={**os.environ, "CHROME_PATH": CHROMIUM})
        if not report.exists():
            raise RuntimeError(f"Lighthouse failed on {url}:\n{done.stderr[-2000:]}")
        categories = json.loads(report.read_text())["categories"]
    return {name: round(categories[name]["score"] * 100) for name in CATEGORIES}


def run(site: Path) -> dict[str, dict[str, int]]:
    """'PAGE (phone|desktop)' -> scores, for every page in PAGES."""
    results = {}
    with serve_folder(site) as base:
        for page in PAGES:
            for desktop in (False, True):
                results[f"{page} ({'desktop' if desktop else 'phone'})"] = scores(base + page, desktop)
    return results


def main() -> int:
    site = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE.parent / "site"
    results = run(site)
    print(f"| page | {' | '.join(CATEGORIES)} |\n|---|{'---|' * len(CATEGORIES)}")
    for name, found in results.items():
        print(f"| {name} | {' | '.join(str(found[c]) for c in CATEGORIES)} |")
    low = [f"{name}: {c} {s}" for name, found in results.items() for c, s in found.items() if s < MINIMUM]
    if low:
        print(f"below {MINIMUM}: " + "; ".join(low))
    return 1 if low else 0


if __name__ == "__main__":
    sys.exit(main())
