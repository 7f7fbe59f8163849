#!/usr/bin/env python3
"""The pairing explainer's command line: build, serve, check or add pages. See README.md."""

from __future__ import annotations

import argparse
import contextlib
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

from sitegen.buildstate import clean, unchanged
from sitegen.errors import BuildError
from sitegen.model import BuildOptions, BuildResult, Project

# The engine (Markdown, Jinja, YAML) is imported only once it is needed: a build in which nothing
# changed answers from .cache/ alone, in a fraction of the time the imports take.

COMMANDS = ("build", "serve", "check", "new", "clean", "links")
HERE = Path(__file__).resolve().parent


def parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--root", type=Path, default=HERE,
                        help="the project folder holding content/, templates/ and settings.yaml (default: beside build.py)")
    common.add_argument("--base-url", metavar="URL",
                        help="the address the site is published at, e.g. https://user.github.io/repo/ "
                             "(overrides base_url in settings.yaml; links, feed and sitemap use it)")
    common.add_argument("--drafts", action="store_true", help="include pages marked 'draft: true'")
    loudness = common.add_mutually_exclusive_group()
    loudness.add_argument("--quiet", "-q", action="store_true", help="print nothing but errors")
    loudness.add_argument("--verbose", "-v", action="store_true", help="also list every page built")

    main = argparse.ArgumentParser(
        prog="build.py", description="Build the pairing explainer from content/, templates/ and static/ into site/.",
        epilog="Run 'python build.py COMMAND --help' for the options of one command. With no command, 'build' runs.")
    commands = main.add_subparsers(dest="command", metavar="COMMAND")
    commands.add_parser("build", parents=[common], help="write the whole site to site/ (the default)",
                        description="Write the whole site to site/. site/ is replaced only if the build succeeds.")
    serve = commands.add_parser("serve", parents=[common], help="build, serve with live reload, rebuild on change",
                                description="Build (drafts included), serve site/ with live reload and rebuild "
                                            "whenever content/, templates/, static/, charts/ or a settings file changes.")
    serve.add_argument("--port", type=int, default=8000, help="port to serve on (default: 8000)")
    serve.add_argument("--host", default="127.0.0.1",
                       help="interface to serve on (default: 127.0.0.1, this machine only; 0.0.0.0 for every interface)")
    commands.add_parser("check", parents=[common], help="report every problem without touching site/",
                        description="Build into a temporary folder and report every problem (broken links, unknown "
                                    "sources, bad front matter, template errors). Exit status 1 if there is any.")
    commands.add_parser("links", parents=[common], help="list every external link, with the pages using it",
                        description="Build into a temporary folder and list every address outside the site that a "
                                    "page links to, with the pages that use it. Nothing is fetched.")
    commands.add_parser("clean", parents=[common], help="delete the caches (.cache/) and the built site (site/)",
                        description="Delete .cache/ (rendered charts, converted pages, the dependency graph) and "
                                    "site/. Both are made again by the next build; nothing else is touched.")
    new = commands.add_parser("new", parents=[common], help="create a page from the example page",
                              description="Create content/PATH.md from templates/archetypes/page.md, as a draft.")
    new.add_argument("path", metavar="PATH", help="where the page goes inside content/, e.g. xinjiang/kizilsu")
    new.add_argument("--title", required=True, help="the page's title")
    return main


def report(result: BuildResult, args: argparse.Namespace, verb: str) -> None:
    """One summary line (nothing with --quiet); with --verbose, every file written or removed."""
    if args.quiet:
        return
    if args.verbose:
        for name in result.written:
            print(f"  wrote {name}")
        for name in result.removed:
            print(f"  removed {name}")
    counts = f"{result.pages} pages, {result.charts} chart{'s' if result.charts != 1 else ''}"
    if result.up_to_date:
        print(f"{verb} {counts}: nothing changed ({result.seconds:.2f} s)")
    else:
        changed = f"{len(result.written)} file{'s' if len(result.written) != 1 else ''} written"
        removed = f", {len(result.removed)} removed" if result.removed else ""
        print(f"{verb} {counts} in {result.seconds:.2f} s ({changed}{removed})")


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or (argv[0].startswith("-") and argv[0] not in ("-h", "--help")):
        argv.insert(0, "build")
    args = parser().parse_args(argv)
    project = Project(args.root.resolve())
    options = BuildOptions(base_url=args.base_url, drafts=args.drafts)
    try:
        if args.command == "build":
            result = unchanged(project, options, project.output)
            if result is None:
                from sitegen.pipeline import build

                with progress_bar(args) as progress:
                    result = build(project, options, progress=progress)
            report(result, args, f"built {project.rel(result.output)}/:")
        elif args.command == "links":
            print(link_report(project, options))
        elif args.command == "clean":
            removed = clean(project)
            if not args.quiet:
                print(f"removed {', '.join(removed)}" if removed else "nothing to remove")
        elif args.command == "check":
            from sitegen.pipeline import check

            report(check(project, options), args, "checked: no problems in")
        elif args.command == "new":
            from sitegen.scaffold import new_page

            path = new_page(project, args.path, args.title)
            if not args.quiet:
                print(f"created {project.rel(path)} (a draft: 'python build.py serve' shows it)")
        elif args.command == "serve":
            return run_server(project, args)
    except BuildError as exc:
        print_problems(exc, args.command)
        return 1
    return 0


def link_report(project: Project, options: BuildOptions) -> str:
    from sitegen.linkreport import external_links, report
    from sitegen.pipeline import Builder

    with tempfile.TemporaryDirectory(prefix="site-links-") as folder:
        builder = Builder(project, options, persist=False)
        result = builder.build(Path(folder) / "site")
        return report(external_links(result.output, builder.site.settings.base_url))


@contextlib.contextmanager
def progress_bar(args: argparse.Namespace) -> Iterator[Callable[[str, int, int], None] | None]:
    """A bar with counts on a terminal for long stages (rich); nothing when output is piped or quiet."""
    if args.quiet or not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    bar = Progress(TextColumn("{task.description:<20}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                   console=Console(stderr=True), transient=True)
    tasks: dict[str, int] = {}

    def update(stage: str, done: int, total: int) -> None:
        if total < 200:  # short stages finish before a bar is worth drawing
            return
        if stage not in tasks:
            bar.start()
            tasks[stage] = bar.add_task(stage, total=total)
        bar.update(tasks[stage], completed=done, total=total)

    try:
        yield update
    finally:
        bar.stop()


def print_problems(exc: BuildError, command: str) -> None:
    for problem in exc.problems:
        print(problem, file=sys.stderr)
    count = len(exc.problems)
    unchanged = " site/ was not changed." if command in ("build", "serve") else ""
    print(f"{command} failed: {count} problem{'s' if count != 1 else ''}.{unchanged}", file=sys.stderr)


def run_server(project: Project, args: argparse.Namespace) -> int:
    from sitegen.pipeline import Builder
    from sitegen.serve import BuildOutcome, serve

    base_url = args.base_url or f"http://{args.host}:{args.port}/"
    options = BuildOptions(base_url=base_url, drafts=True, hashed_static=False)
    builder = Builder(project, options)

    def rebuild(changed: set[Path] | None) -> BuildOutcome:
        try:
            result = builder.build(changed=changed)
        except BuildError as exc:
            print_problems(exc, "serve")
            return BuildOutcome(problems=tuple(exc.problems))
        if not result.up_to_date:
            report(result, args, "rebuilt:")
        return BuildOutcome(result.written, result.removed)

    def started() -> None:
        builder.save()  # the next 'serve' starts from this build's caches
        if not args.quiet:
            print(f"serving http://{args.host}:{args.port}/ (Ctrl+C to stop)", flush=True)

    watched = [project.content, project.templates, project.static, project.charts,
               project.settings_file, project.sources_file, project.root / "compare.yaml"]
    serve(project.output, urlsplit(base_url).path or "/", watched, rebuild, args.host, args.port, ready=started)
    builder.save()
    if not args.quiet:
        print("stopped", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
