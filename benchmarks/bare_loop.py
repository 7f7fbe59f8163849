"""The bare loop any Python static site generator pays, for comparison with our build: read each
page, parse its front matter with PyYAML, convert it with Python-Markdown and the same eight
extensions the site uses (stock, as configured in sitegen/markup.py), render one trivial Jinja
template, write the file; shared among two processes, as our build is.

    .venv/bin/python benchmarks/bare_loop.py PROJECT OUTPUT    # prints the wall seconds of the loop

benchmarks/run.py times the whole process instead (Python's start and the imports included), as it
times our build.
"""

from __future__ import annotations

import multiprocessing
import sys
import time
from pathlib import Path

import jinja2
import markdown
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from sitegen.markup import EXTENSION_CONFIG, EXTENSIONS  # noqa: E402

TEMPLATE = jinja2.Environment(autoescape=True).from_string(
    "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{{ title }}</title></head>"
    "<body><main><h1>{{ title }}</h1>{{ content }}</main></body></html>\n")
_md: markdown.Markdown | None = None


def convert(job: tuple[Path, Path]) -> int:
    global _md
    if _md is None:
        _md = markdown.Markdown(extensions=EXTENSIONS, extension_configs=EXTENSION_CONFIG)
    source, target = job
    text = source.read_text(encoding="utf-8")
    _, front, body = text.split("---\n", 2)
    meta = yaml.load(front, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    _md.reset()
    html = TEMPLATE.render(title=meta["title"], content=jinja2.utils.markupsafe.Markup(_md.convert(body)))
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(html, encoding="utf-8")
    return len(html)


def main(project: Path, output: Path) -> float:
    started = time.perf_counter()
    content = project / "content"
    jobs = [(path, output / path.relative_to(content).with_suffix("") / "index.html")
            for path in sorted(content.rglob("*.md"))]
    with multiprocessing.get_context("fork").Pool(2) as pool:
        pool.map(convert, jobs, chunksize=64)
    return time.perf_counter() - started


if __name__ == "__main__":
    print(f"{main(Path(sys.argv[1]), Path(sys.argv[2])):.2f}")
