"""Synthetic projects for the benchmark: N Markdown pages in sections, plus 0..K charts.

Each page has front matter, a few paragraphs, headings, a list and links to other pages, the
shape of corpus the issue compares Hugo, Eleventy, Jekyll and Pelican on. The site-wide files
(templates, static, sources) are the repository's own, so the numbers measure the real engine.
"""

from __future__ import annotations

import random
import shutil
import textwrap
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PAGES_PER_SECTION = 100
WORDS = ("pairing assistance province prefecture county funds projects teachers hospital road water school "
         "budget transfer plan region market income household village cadre survey report growth labour").split()

SETTINGS = """\
title: Synthetic benchmark site
description: Generated pages for timing the engine.
base_url: https://example.org/
language: en
repository: https://github.com/example/site
"""
SOURCES = """\
bench-report:
  title: A benchmark report
  publisher: Bench Publisher
  date: 2021-07-13
  address: https://example.org/report
  kind: media report
"""
CHART_MODULE = '''\
"""Benchmark chart {n}."""

import altair as alt

TITLE = "Benchmark chart {n}"
DESCRIPTION = "Values by region for benchmark chart {n}."
DATASETS = ["bench_{n}"]


def chart(data):
    return alt.Chart(data["bench_{n}"]).mark_bar().encode(
        x=alt.X("value:Q", title="Value"), y=alt.Y("region:N", title=None, sort="-x"))
'''
DATASET_META = """\
title: Benchmark data {n}
description: Values by region.
units: value in yuan
notes: Generated for the benchmark.
source: bench-report
columns:
  region: {{label: Region}}
  value: {{label: Value, unit: yuan}}
"""


def sentence(rng: random.Random) -> str:
    """A sentence; about one in six has an apostrophe or quotes, so that about half of the
    paragraphs do, as in the real explainer's pages (typography is the costliest Markdown pass)."""
    words = rng.choices(WORDS, k=rng.randint(8, 16))
    roll = rng.random()
    if roll < 0.1:
        words[2] += "'s"
    elif roll < 0.17:
        words[3] = f'"{words[3]}"'
    return " ".join(words).capitalize() + "."


def paragraph(rng: random.Random) -> str:
    return " ".join(sentence(rng) for _ in range(rng.randint(3, 5)))


def page_path(index: int, per_section: int = PAGES_PER_SECTION) -> str:
    return f"section-{index // per_section:03d}/page-{index:05d}.md"


def page_text(index: int, pages: int, charts: int, rng: random.Random, per_section: int = PAGES_PER_SECTION) -> str:
    links = [rng.randrange(pages) for _ in range(3)]
    here = page_path(index, per_section)
    depth = "../"

    def link(target: int) -> str:
        path = page_path(target, per_section)
        rel = path.split("/", 1)[1] if path.split("/")[0] == here.split("/")[0] else depth + path
        return f"[page {target}]({rel})"

    body = [
        "---", f"title: Page {index}", f"summary: {sentence(rng)}", f"date: 2021-{1 + index % 12:02d}-{1 + index % 28:02d}",
        f"tags: [{rng.choice(WORDS)}]", "---", "", paragraph(rng), "", "## Background", "", paragraph(rng), "",
        f"See {link(links[0])}, {link(links[1])} and {link(links[2])} [@bench-report].", "", "## Details", "",
        *(f"- {sentence(rng)}" for _ in range(4)), "", "### Notes", "", paragraph(rng), "",
    ]
    if charts and index % (pages // charts or 1) == 0 and index // (pages // charts or 1) < charts:
        body += [f"{{{{< chart bench_{index // (pages // charts or 1)} >}}}}", ""]
    return "\n".join(body)


def make_project(root: Path, pages: int, charts: int, seed: int = 1, per_section: int = PAGES_PER_SECTION) -> Path:
    """Write a project of ``pages`` pages and ``charts`` charts into ``root`` (replaced if present),
    ``per_section`` pages to a section."""
    if root.exists():
        shutil.rmtree(root)
    for name in ("templates", "static", "i18n"):
        shutil.copytree(REPO / name, root / name)
    (root / "settings.yaml").write_text(SETTINGS)
    (root / "sources.yaml").write_text(SOURCES)
    content = root / "content"
    content.mkdir()
    (content / "index.md").write_text("---\ntitle: Home\n---\nThe benchmark site.\n")
    rng = random.Random(seed)
    for section in range((pages + per_section - 1) // per_section):
        folder = content / f"section-{section:03d}"
        folder.mkdir()
        (folder / "index.md").write_text(f"---\ntitle: Section {section}\norder: {section}\n---\n{paragraph(rng)}\n")
    for index in range(pages):
        (content / page_path(index, per_section)).write_text(page_text(index, pages, charts, rng, per_section))
    data = root / "charts" / "data"
    data.mkdir(parents=True)
    for n in range(charts):
        (root / "charts" / f"bench_{n}.py").write_text(CHART_MODULE.format(n=n))
        rows = "".join(f"Region {r},{(r + 1) * (n + 3) * 1000}\n" for r in range(8))
        (data / f"bench_{n}.csv").write_text("region,value\n" + rows)
        (data / f"bench_{n}.yaml").write_text(textwrap.dedent(DATASET_META.format(n=n)))
    return root
