"""Render the resolved site with Jinja: pages, 404, feed, sitemap and robots.txt -> bytes."""

from __future__ import annotations

import datetime as dt
import traceback
from pathlib import Path

import jinja2
from markupsafe import Markup

from .errors import Problems
from .model import Page, Project, Site, Source
from .resolve import breadcrumbs, neighbours, tag_slug
from .sources import KINDS

# Only the site's own files may run or style a page: no inline code, no eval, no other origin.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'"
)
FEED_ENTRIES = 20
SPECIAL_FILES = {"feed.xml": "feed.xml", "sitemap.xml": "sitemap.xml", "robots.txt": "robots.txt"}


def long_date(value: dt.date) -> str:
    """3 November 2021 (no leading zero, same in every locale)."""
    return f"{value.day} {value.strftime('%B')} {value.year}"


def make_environment(project: Project, site: Site) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(project.templates),
        autoescape=jinja2.select_autoescape(["html", "xml"]),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    settings = site.settings

    def url(path: str) -> str:
        """A site URL with the base path: '/xinjiang/' -> '/repo/xinjiang/'."""
        return settings.base_path + path.lstrip("/")

    def asset(name: str) -> str:
        if name not in site.static_urls:
            raise KeyError(f"no static file '{name}' (have: {', '.join(sorted(site.static_urls)) or 'none'})")
        return site.static_urls[name]

    env.globals.update(site=site, settings=settings, url=url, absolute=settings.absolute, asset=asset,
                       tag_url=lambda tag: url(f"/tags/{tag_slug(tag)}/"), csp=CONTENT_SECURITY_POLICY)
    env.filters["long_date"] = long_date
    env.filters["claim_kind"] = lambda kind: KINDS.get(kind, kind)
    return env


def _location(exc: BaseException, project: Project) -> tuple[str, int | None]:
    """The template file and line an exception came from (Jinja rewrites tracebacks to point there)."""
    if isinstance(exc, jinja2.TemplateSyntaxError) and exc.filename:
        return project.rel(Path(exc.filename)), exc.lineno
    templates = str(project.templates.resolve())
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if str(Path(frame.filename).resolve()).startswith(templates):
            return project.rel(Path(frame.filename)), frame.lineno
    return project.rel(project.templates), None


def cited_sources(site: Site, page: Page) -> list[tuple[int, Source]]:
    return [(number, site.sources[key]) for number, key in enumerate(page.citations, start=1) if key in site.sources]


def page_context(site: Site, page: Page) -> dict:
    previous, following = neighbours(site, page)
    toc = page.toc if sum(1 + len(h.children) for h in page.toc) >= site.settings.toc_min_headings else ()
    return {
        "page": page,
        "content": Markup(page.html),
        "toc": toc,
        "breadcrumbs": breadcrumbs(site, page),
        "previous": previous,
        "next": following,
        "children": site.children.get(page.url, ()),
        "cited": cited_sources(site, page),
        "tagged": site.tags.get(page.title, ()) if page.template == "tag.html" else (),
    }


def not_found_page(site: Site) -> Page:
    return Page(source="templates/404.html", url="/404.html", output="404.html", section="", is_section=False,
                title="Page not found", summary="", date=None, updated=None, order=0, draft=False,
                template="404.html", tags=(), lang=site.settings.language)


def render_site(project: Project, site: Site, problems: Problems) -> dict[str, bytes]:
    """Every generated file, by its path inside site/. Template errors are reported, once each."""
    env = make_environment(project, site)
    files: dict[str, bytes] = {}
    seen: set[tuple[str, int | None, str]] = set()

    def render(template_name: str, context: dict, source: str, output: str) -> None:
        try:
            template = env.get_template(template_name)
            files[output] = template.render(context).encode("utf-8")
        except jinja2.TemplateNotFound as exc:
            if exc.name == template_name:
                problems.add(source, None, f"template '{template_name}' does not exist",
                             "use one of: " + ", ".join(sorted(n for n in env.list_templates() if n.endswith(".html")
                                                              and not n.startswith("partials/"))))
            else:
                path, line = _location(exc, project)
                problems.add(path, line, f"template '{exc.name}' does not exist", "check the name in the include or extends")
        except Exception as exc:  # noqa: BLE001 - every template failure becomes one located message
            path, line = _location(exc, project)
            if isinstance(exc, jinja2.TemplateSyntaxError):
                message = f"template syntax error: {exc.message}"
            else:
                message = f"template error: {exc}"
            if (path, line, message) not in seen:
                seen.add((path, line, message))
                problems.add(path, line, message, f"fix the template (it failed while rendering {source})")

    for page in site.pages:
        render(page.template, page_context(site, page), page.source, page.output)
    missing = not_found_page(site)
    render("404.html", page_context(site, missing), missing.source, missing.output)

    dated = sorted((p for p in site.pages if p.date), key=lambda p: (p.last_changed, p.url), reverse=True)
    latest = dated[0].last_changed if dated else dt.date(2000, 1, 1)
    extra = {"feed_pages": dated[:FEED_ENTRIES], "feed_updated": latest,
             "sitemap_pages": [p for p in site.pages if p.url != "/404.html"]}
    for name, output in SPECIAL_FILES.items():
        render(name, extra, f"templates/{name}", output)
    files[".nojekyll"] = b""
    files.update(site.static_files)
    return files
