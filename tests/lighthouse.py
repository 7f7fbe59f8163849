"""Lighthouse scores of the built site: performance, accessibility, best practices and SEO.

    .venv/bin/python tests/lighthouse.py [SITE_FOLDER]          # prints the scores (default: site/)
    .venv/bin/python tests/lighthouse.py [SITE_FOLDER] --all    # every page of the site (minutes)

Runs Lighthouse (installed into .tools/ by 'make test') on one page of each kind (the home page, a
chart page, a map page and the calculator, and an Urdu text and map page) as a phone, the first two also as a desktop, or on every
page as both, against Debian's Chromium, on a local server; nothing leaves the machine. Exits with
status 1 if a score is below its minimum: 100 for accessibility, best practices and SEO, which do
not depend on the machine's speed, and PERFORMANCE_MINIMUM for performance, which does (a shared
machine's load costs a few points). tests/test_lighthouse.py runs it in CI.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from tests.browser import CHROMIUM, CHROMIUM_ARGS, serve_folder, site_pages  # noqa: E402

LIGHTHOUSE = HERE.parent / ".tools/node_modules/.bin/lighthouse"
LIGHTHOUSE_PACKAGE = HERE.parent / ".tools/node_modules/lighthouse"
RUNNER = HERE / "lighthouse.mjs"  # runs them all in one Node process and one Chrome
PAGES = ("/", "/xinjiang/results/", "/pakistan/proposal/", "/pakistan/calculator/",
         "/ur/about/", "/ur/pakistan/proposal/")  # and the Urdu edition's text and map pages, with their font
# The pages also run as a desktop in CI (every page is, with --all); a phone is the harder test.
DESKTOP_TOO = ("/", "/xinjiang/results/")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
PERFORMANCE_MINIMUM = 95


def below_minimum(results: dict[str, dict[str, int]]) -> list[str]:
    """'PAGE (phone): CATEGORY SCORE' for every score under its minimum."""
    return [f"{name}: {category} {score}" for name, found in results.items() for category, score in found.items()
            if score < (PERFORMANCE_MINIMUM if category == "performance" else 100)]


def _lighthouse(runs: list[tuple[str, bool]]) -> list[dict[str, int]]:
    """Category -> score (0-100) of each (url, desktop) run: all in one Node process and one Chrome
    (tests/lighthouse.mjs), each run as the command line would make it."""
    jobs = [json.dumps([url, f"--only-categories={','.join(CATEGORIES)}", *(["--preset=desktop"] if desktop else [])])
            for url, desktop in runs]
    done = subprocess.run(["node", str(RUNNER), str(LIGHTHOUSE_PACKAGE), json.dumps(["--headless=new", *CHROMIUM_ARGS]),
                           *jobs], capture_output=True, text=True, timeout=240 * len(runs),
                          env={**os.environ, "CHROME_PATH": CHROMIUM})
    lines = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    results = []
    for (url, _), line in zip(runs, [*lines, *[None] * len(runs)], strict=False):
        if not line or "error" in line:
            raise RuntimeError(f"Lighthouse failed on {url}:\n{(line or {}).get('error') or done.stderr[-2000:]}")
        results.append({name: round(line["categories"][name] * 100) for name in CATEGORIES})
    return results


def scores(url: str, desktop: bool) -> dict[str, int]:
    """Category -> score (0-100) of one Lighthouse run."""
    return _lighthouse([(url, desktop)])[0]


def run(site: Path, pages: tuple[str, ...] = PAGES, desktop_too: tuple[str, ...] = DESKTOP_TOO) -> dict[str, dict[str, int]]:
    """'PAGE (phone|desktop)' -> scores: every page in ``pages`` as a phone, those in ``desktop_too`` also as a desktop."""
    with serve_folder(site) as base:
        runs = [(base + page, desktop) for page in pages for desktop in (False, True) if not desktop or page in desktop_too]
        found = _lighthouse(runs)
    return {f"{url.removeprefix(base)} ({'desktop' if desktop else 'phone'})": result
            for (url, desktop), result in zip(runs, found, strict=True)}


def main() -> int:
    arguments = [a for a in sys.argv[1:] if a != "--all"]
    site = Path(arguments[0]) if arguments else HERE.parent / "site"
    pages = tuple(site_pages(site)) if "--all" in sys.argv else PAGES
    results = run(site, pages, pages if "--all" in sys.argv else DESKTOP_TOO)
    print(f"| page | {' | '.join(CATEGORIES)} |\n|---|{'---|' * len(CATEGORIES)}")
    for name, found in results.items():
        print(f"| {name} | {' | '.join(str(found[c]) for c in CATEGORIES)} |")
    low = below_minimum(results)
    if low:
        print("below the minimum: " + "; ".join(low))
    return 1 if low else 0


if __name__ == "__main__":
    sys.exit(main())
