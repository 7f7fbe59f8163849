#!/usr/bin/env python3
"""The pairing explainer's command line: build, serve, check or add pages. See README.md."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sitegen.errors import BuildError
from sitegen.model import Project
from sitegen.pipeline import BuildOptions, BuildResult, build, check
from sitegen.scaffold import new_page

COMMANDS = ("build", "serve", "check", "new")
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
    new = commands.add_parser("new", parents=[common], help="create a page from the example page",
                              description="Create content/PATH.md from templates/archetypes/page.md, as a draft.")
    new.add_argument("path", metavar="PATH", help="where the page goes inside content/, e.g. xinjiang/kizilsu")
    new.add_argument("--title", required=True, help="the page's title")
    return main


def report(result: BuildResult, args: argparse.Namespace, verb: str) -> None:
    if not args.quiet:
        print(f"{verb} {result.pages} pages ({result.files} files) in {result.seconds:.2f} s")


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or (argv[0].startswith("-") and argv[0] not in ("-h", "--help")):
        argv.insert(0, "build")
    args = parser().parse_args(argv)
    project = Project(args.root.resolve())
    options = BuildOptions(base_url=args.base_url, drafts=args.drafts)
    try:
        if args.command == "build":
            result = build(project, options)
            if args.verbose:
                print("\n".join(sorted(str(p.relative_to(project.root)) for p in result.output.rglob("*") if p.is_file())))
            report(result, args, f"built {project.rel(result.output)}/:")
        elif args.command == "check":
            report(check(project, options), args, "checked: no problems in")
        elif args.command == "new":
            path = new_page(project, args.path, args.title)
            if not args.quiet:
                print(f"created {project.rel(path)} (a draft: 'python build.py serve' shows it)")
        elif args.command == "serve":
            return run_server(project, args)
    except BuildError as exc:
        print_problems(exc, args.command)
        return 1
    return 0


def print_problems(exc: BuildError, command: str) -> None:
    for problem in exc.problems:
        print(problem, file=sys.stderr)
    count = len(exc.problems)
    unchanged = " site/ was not changed." if command in ("build", "serve") else ""
    print(f"{command} failed: {count} problem{'s' if count != 1 else ''}.{unchanged}", file=sys.stderr)


def run_server(project: Project, args: argparse.Namespace) -> int:
    from sitegen.serve import serve

    options = BuildOptions(base_url=args.base_url or f"http://{args.host}:{args.port}/", drafts=True)

    def rebuild() -> None:
        try:
            report(build(project, options), args, "rebuilt:")
        except BuildError as exc:
            print_problems(exc, "serve")

    rebuild()
    watched = [project.content, project.templates, project.static, project.charts,
               project.settings_file, project.sources_file]
    if not args.quiet:
        print(f"serving http://{args.host}:{args.port}/ (Ctrl+C to stop)")
    serve(project.output, watched, rebuild, args.host, args.port)
    return 0


if __name__ == "__main__":
    sys.exit(main())
