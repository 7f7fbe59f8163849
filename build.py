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
SERVE_CACHE = "serve"  # serve's state and its own built site live in .cache/serve/
HERE = Path(__file__).resolve().parent


def _global_options(parser: argparse.ArgumentParser, defaults: bool) -> None:
    """--root, --quiet and --verbose, accepted before the command and after it (``build.py -q build``).
    After it they must not reset what was given before it, hence no defaults there."""
    keep = {} if defaults else {"default": argparse.SUPPRESS}
    parser.add_argument("--root", type=Path, **({"default": HERE} if defaults else keep),
                        help="the project folder holding content/, templates/ and settings.yaml (default: beside build.py)")
    loudness = parser.add_mutually_exclusive_group()
    loudness.add_argument("--quiet", "-q", action="store_true", help="print nothing but errors", **keep)
    loudness.add_argument("--verbose", "-v", action="store_true", help="also list every file written or removed", **keep)


def _build_options(parser: argparse.ArgumentParser, drafts: bool = True, strict: bool = True) -> None:
    parser.add_argument("--base-url", metavar="URL",
                        help="the address the site is published at, e.g. https://user.github.io/repo/ "
                             "(overrides base_url in settings.yaml; links, feed and sitemap use it)")
    if drafts:
        parser.add_argument("--drafts", action="store_true", help="include pages marked 'draft: true'")
    if strict:
        parser.add_argument("--strict", action="store_true", help="stop on warnings too, as on errors")


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(
        prog="build.py", description="Build the pairing explainer from content/, templates/ and static/ into site/.",
        epilog="Run 'python build.py COMMAND --help' for the options of one command. With no command, 'build' runs.")
    _global_options(main, defaults=True)
    commands = main.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, help: str, description: str) -> argparse.ArgumentParser:  # noqa: A002 (argparse's name)
        sub = commands.add_parser(name, help=help, description=description)
        _global_options(sub, defaults=False)
        return sub

    _build_options(command("build", "write the whole site to site/ (the default)",
                           "Write the whole site to site/. site/ is replaced only if the build succeeds."))
    serve = command("serve", "build, serve with live reload, rebuild on change",
                    "Build (drafts included), serve site/ with live reload and rebuild "
                    "whenever content/, templates/, static/, charts/ or a settings file changes.")
    _build_options(serve, drafts=False)
    serve.add_argument("--port", type=int, default=8000, help="port to serve on (default: 8000)")
    serve.add_argument("--host", default="127.0.0.1",
                       help="interface to serve on (default: 127.0.0.1, this machine only; 0.0.0.0 for every interface)")
    _build_options(command("check", "report every problem without touching site/",
                           "Build into a temporary folder and report every problem (broken links, unknown sources, bad "
                           "front matter, template errors) and how many files a build would write. Drafts are checked "
                           "only with --drafts. Exit status 1 if there is any problem."))
    _build_options(command("links", "list every external link, with the file and line it comes from",
                           "Build into a temporary folder and list every address outside the site that a page links "
                           "to, with the file and line where it is written. Nothing is fetched."), strict=False)
    command("clean", "delete the caches (.cache/) and the built site (site/)",
            "Delete .cache/ (rendered charts, converted pages, the dependency graph) and "
            "site/. Both are made again by the next build; nothing else is touched.")
    new = command("new", "create a page from the example page",
                  "Create content/PATH.md from templates/archetypes/page.md, as a draft.")
    new.add_argument("path", metavar="PATH", help="where the page goes inside content/, e.g. xinjiang/kizilsu")
    new.add_argument("--title", required=True, help="the page's title")
    return main


def report(result: BuildResult, args: argparse.Namespace, verb: str, would: bool = False) -> None:
    """One summary line (nothing with --quiet); with --verbose, every file written or removed.
    ``would``: a check, which writes into a folder that is thrown away."""
    if args.quiet:
        return
    write, remove = ("would write", "would remove") if would else ("wrote", "removed")
    if args.verbose:
        for name in result.written:
            print(f"  {write} {name}")
        for name in result.removed:
            print(f"  {remove} {name}")
    counts = f"{result.pages} pages, {result.charts} chart{'s' if result.charts != 1 else ''}"
    files = f"{len(result.written)} file{'s' if len(result.written) != 1 else ''}"
    if result.up_to_date:
        print(f"{verb} {counts}: nothing changed ({result.seconds:.2f} s)")
    elif would:
        print(f"{verb} {counts} in {result.seconds:.2f} s (would write {files})")
    else:
        removed = f", {len(result.removed)} removed" if result.removed else ""
        print(f"{verb} {counts} in {result.seconds:.2f} s ({files} written{removed})")


def print_warnings(warnings: list) -> None:
    for warning in warnings:
        print(warning, file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if _command_index(argv) is None and not {"-h", "--help"} & set(argv):
        argv.insert(0, "build")  # no command: build, with every option given
    args = parser().parse_args(argv)
    project = Project(args.root.resolve())
    options = BuildOptions(base_url=getattr(args, "base_url", None), drafts=getattr(args, "drafts", False))
    strict = getattr(args, "strict", False)
    try:
        if args.command == "build":
            result = unchanged(project, options, project.output)
            if result is None:
                from sitegen.incremental import build

                with progress_bar(args) as progress:  # one build at a time; site/ swapped in whole
                    result, warnings = build(project, options, progress=progress, strict=strict)
            else:  # nothing changed: the last build's warnings are this one's too
                warnings = list(result.warnings)
                if strict and warnings:
                    raise BuildError(warnings)
            print_warnings(warnings)
            report(result, args, f"built {project.rel(result.output)}/:")
        elif args.command == "links":
            print(link_report(project, options))
        elif args.command == "clean":
            removed = clean(project)
            if not args.quiet:
                print(f"removed {', '.join(removed)}" if removed else "nothing to remove")
        elif args.command == "check":
            from sitegen.incremental import check

            result, warnings = check(project, options, strict=strict)
            print_warnings(warnings)
            report(result, args, "checked: no problems in", would=True)
            skipped = 0 if options.drafts else count_drafts(project)
            if skipped and not args.quiet:
                print(f"{skipped} draft{'s' if skipped != 1 else ''} not checked: add --drafts to check "
                      f"{'them' if skipped != 1 else 'it'} too")
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


def _command_index(argv: list[str]) -> int | None:
    """Where the command is in ``argv`` (after any global options), or None when none is given."""
    index = 0
    while index < len(argv) and argv[index].startswith("-"):
        index += 2 if argv[index] == "--root" else 1
    return index if index < len(argv) else None


def count_drafts(project: Project) -> int:
    """How many pages are marked 'draft: true' (a check without --drafts leaves them out)."""
    from sitegen.content import read_front_matter
    from sitegen.errors import Problems

    count = 0
    for path in project.content.rglob("*.md"):
        try:
            front = read_front_matter("", path.read_text(encoding="utf-8"), Problems())
        except UnicodeDecodeError:
            continue
        count += bool(front and front[0].get("draft"))
    return count


def link_report(project: Project, options: BuildOptions) -> str:
    from sitegen.incremental import Builder
    from sitegen.linkreport import external_links, report

    with tempfile.TemporaryDirectory(prefix="site-links-") as folder:
        builder = Builder(project, options, persist=False)
        result = builder.build(Path(folder) / "site")
        return report(external_links(result.output, builder.site.settings.base_url), project.root)


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
    unchanged = {"build": " site/ was not changed.", "serve": " The last good build is still served."}.get(command, "")
    print(f"{command} failed: {count} problem{'s' if count != 1 else ''}.{unchanged}", file=sys.stderr)


def run_server(project: Project, args: argparse.Namespace) -> int:
    from sitegen.incremental import Builder, build_lock
    from sitegen.serve import BuildOutcome, serve
    from sitegen.settings import load_settings
    from sitegen.write import remove_partial_files

    # Served under the published site's path (/repo/ for a project site), so links behave as online.
    try:
        base_path = urlsplit(args.base_url).path if args.base_url else load_settings(project).base_path
    except BuildError:
        base_path = "/"  # the first build reports what is wrong with settings.yaml
    base_path = base_path if base_path.endswith("/") else base_path + "/"
    shown_host = "127.0.0.1" if args.host in ("0.0.0.0", "::") else args.host
    base_url = f"http://{shown_host if ':' not in shown_host else f'[{shown_host}]'}:{args.port}{base_path}"
    options = BuildOptions(base_url=base_url, drafts=True, hashed_static=False)
    # serve's own build, in .cache/serve/: site/ is only ever written by 'build', for publishing.
    output = project.cache / SERVE_CACHE / "site"
    builder = Builder(project, options, in_place=True, cache_name=SERVE_CACHE)
    builder.strict = args.strict  # as MkDocs's serve --strict: a warning shows in the overlay like an error

    def rebuild(changed: set[Path] | None) -> BuildOutcome:
        try:
            result = builder.build(output, changed=changed)
        except BuildError as exc:
            print_problems(exc, "serve")
            return BuildOutcome(problems=tuple(exc.problems))
        if not result.up_to_date:
            print_warnings(builder.warnings)
            report(result, args, "rebuilt:")
        return BuildOutcome(result.written, result.removed)

    def started() -> None:
        builder.save()  # the next 'serve' starts from this build's caches
        if not args.quiet:
            print(f"serving {base_url} (Ctrl+C to stop)", flush=True)

    watched = [project.content, project.templates, project.static, project.charts, *project.data_files]
    with build_lock(project, SERVE_CACHE):
        if output.exists():
            remove_partial_files(output)
        serve(output, base_path, watched, rebuild, args.host, args.port, ready=started)
        builder.save()
    if not args.quiet:
        print("stopped", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
