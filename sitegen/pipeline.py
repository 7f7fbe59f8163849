"""The build: load -> resolve -> render -> write. Every problem is collected before anything is written."""

from __future__ import annotations

import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from .charts import discover_charts, render_charts
from .comparison import load_comparison
from .content import load_pages
from .datasets import load_datasets
from .errors import BuildError, Problem, Problems
from .model import Page, Project, Site
from .render import render_site
from .resolve import check_anchors, resolve_site
from .settings import load_settings
from .sources import load_sources
from .static import collect_static
from .write import UnsafePath, replace_output, write_tree


@dataclass(frozen=True)
class BuildOptions:
    base_url: str | None = None  # overrides settings.yaml
    drafts: bool = False


@dataclass(frozen=True)
class BuildResult:
    pages: int
    files: int
    seconds: float
    output: Path


def embeds_by_chart(pages: list[Page]) -> dict[str, list[str]]:
    """Chart name -> 'content/page.md:LINE' of every embed, for error messages."""
    found: dict[str, list[str]] = {}
    for page in pages:
        for embed in page.charts:
            found.setdefault(embed.name, []).append(f"{page.source}:{embed.line}")
    return found


def assemble(project: Project, options: BuildOptions) -> tuple[Site, dict[str, bytes]]:
    """Read, check and render everything in memory; raise BuildError listing every problem."""
    settings = load_settings(project, options.base_url)
    problems = Problems()
    sources = load_sources(project, problems)
    datasets = load_datasets(project, sources, problems)
    definitions = discover_charts(project, datasets, problems)
    chart_sources = {name: definition.sources for name, definition in definitions.items()}
    pages, assets = load_pages(project, settings, sources, datasets, chart_sources, options.drafts, problems)
    charts = render_charts(project, definitions, datasets, embeds_by_chart(pages), problems)
    static_files, static_urls = collect_static(project, settings.base_path)
    comparison = load_comparison(project, sources, problems)
    site = resolve_site(settings, pages, assets, sources, datasets, charts, comparison, static_files, static_urls,
                        problems)
    files = render_site(project, site, problems)
    check_anchors(site, files, problems)
    problems.raise_if_any()
    return site, files


def build(project: Project, options: BuildOptions = BuildOptions(), output: Path | None = None) -> BuildResult:
    """Build into ``output`` (default site/); it is replaced only if the whole build succeeds."""
    started = time.perf_counter()
    target = output or project.output
    site, files = assemble(project, options)
    try:
        replace_output(target, files, site.assets)
    except UnsafePath as exc:
        raise BuildError([Problem(project.rel(target), None, str(exc), "page paths must stay inside content/")]) from exc
    return BuildResult(len(site.pages), len(files) + len(site.assets), time.perf_counter() - started, target)


def check(project: Project, options: BuildOptions = BuildOptions()) -> BuildResult:
    """Build into a throw-away folder to find every problem; site/ is not touched."""
    started = time.perf_counter()
    site, files = assemble(project, options)
    with tempfile.TemporaryDirectory(prefix="site-check-") as folder:
        try:
            write_tree(Path(folder), files, site.assets)
        except UnsafePath as exc:
            raise BuildError([Problem("content", None, str(exc), "page paths must stay inside content/")]) from exc
    return BuildResult(len(site.pages), len(files) + len(site.assets), time.perf_counter() - started, Path(folder))
