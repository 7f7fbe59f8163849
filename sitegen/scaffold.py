"""``build.py new``: create a page from the example in templates/archetypes/page.md."""

from __future__ import annotations

import datetime as dt
import json
import posixpath
from pathlib import Path

import jinja2

from .content import NAME_PATTERN
from .errors import BuildError, Problem
from .model import Project

ARCHETYPE = "archetypes/page.md"


def content_path_for(argument: str) -> str:
    """'xinjiang/kizilsu', 'xinjiang/kizilsu.md' or 'content/xinjiang/kizilsu.md' -> 'xinjiang/kizilsu.md'."""
    path = argument.replace("\\", "/").strip("/")
    if path.startswith("content/"):
        path = path[len("content/"):]
    if not path.endswith(".md"):
        path += ".md"
    names = path[: -len(".md")].split("/")
    if posixpath.isabs(argument) or any(n in ("", ".", "..") for n in names):
        raise BuildError([Problem(argument, None, "the page path must stay inside content/",
                                  "give a path like 'xinjiang/kizilsu'")])
    bad = [n for n in names if not NAME_PATTERN.match(n)]
    if bad:
        raise BuildError([Problem(argument, None, f"'{bad[0]}' cannot be part of a web address",
                                  "use lower-case letters, digits, '-' and '_' only")])
    return path


def new_page(project: Project, argument: str, title: str, today: dt.date | None = None) -> Path:
    """Write the new page and return its path; an existing file is never overwritten."""
    path = content_path_for(argument)
    target = project.content / path
    if target.exists():
        raise BuildError([Problem(project.rel(target), None, "this page already exists",
                                  "choose another path, or edit the existing page")])
    if not title.strip():
        raise BuildError([Problem(argument, None, "the title is empty", 'give one with --title "..."')])
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(project.templates), undefined=jinja2.StrictUndefined,
                             keep_trailing_newline=True)
    depth = path.count("/")
    home_link = "../" * depth + "index.md"
    try:
        # json.dumps gives a double-quoted string, which is valid YAML whatever the title holds.
        text = env.get_template(ARCHETYPE).render(title=json.dumps(title.strip(), ensure_ascii=False),
                                                   today=(today or dt.date.today()).isoformat(), home_link=home_link)
    except jinja2.TemplateNotFound:
        raise BuildError([Problem(project.rel(project.templates / ARCHETYPE), None, "the example page is missing",
                                  "restore templates/archetypes/page.md from the repository")]) from None
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return target
