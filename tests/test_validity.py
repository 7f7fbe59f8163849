"""The built real site is valid: the Nu HTML Checker finds no error on any page, the feed and the
sitemap are well-formed XML, every internal link and #anchor resolves, external links are listed."""

from __future__ import annotations

import json
import shutil
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from tests.conftest import REPO, start_tags

VNU = REPO / ".tools/node_modules/vnu-jar/build/dist/vnu.jar"


def test_the_nu_html_checker_finds_no_errors(real_site):
    if not VNU.exists() or not shutil.which("java"):
        pytest.fail("the Nu HTML Checker is missing: run 'make test', which installs it into .tools/")
    pages = sorted(str(p) for p in real_site.rglob("*.html"))
    done = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--format", "json", *pages],
                          capture_output=True, text=True, timeout=300)
    messages = json.loads(done.stderr or '{"messages": []}')["messages"]
    errors = [f"{Path(urlsplit(m.get('url', '')).path).relative_to(real_site)}:{m.get('lastLine')}: {m['message']}"
              for m in messages if m.get("type") == "error"]
    assert errors == [] and len(pages) > 20


def test_feed_and_sitemap_are_well_formed_xml(real_site):
    assert ET.parse(real_site / "feed.xml").getroot().tag == "{http://www.w3.org/2005/Atom}feed"
    assert ET.parse(real_site / "sitemap.xml").getroot().tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}urlset"


@dataclass
class Anchors:
    """Every link target and element id of a page."""

    links: list[str]
    ids: set[str]


def parse(path: Path) -> Anchors:
    tags = start_tags(path)
    links = [values[name].split(" ")[0] for tag, values in tags for name in ("href", "src", "srcset")
             if values.get(name) and not (tag == "link" and values.get("rel") in ("canonical", "alternate"))]
    return Anchors(links, {values["id"] for _, values in tags if values.get("id")})


def test_every_internal_link_and_anchor_resolves_in_the_built_site(real_site):
    site = real_site.resolve()
    parsed = {p: parse(p) for p in site.rglob("*.html")}
    broken = []
    for page, anchors in parsed.items():
        for link in anchors.links:
            parts = urlsplit(link)
            if parts.scheme in ("http", "https", "mailto", "data") or parts.netloc:
                continue  # external: listed by 'build.py links', never fetched
            path = unquote(parts.path)
            target = page if not path else site / path.lstrip("/") if path.startswith("/") else page.parent / path
            target = (target / "index.html" if target.is_dir() else target).resolve()
            if not target.exists():
                broken.append(f"{page.relative_to(site)}: {link}")
            elif parts.fragment and target in parsed and unquote(parts.fragment) not in parsed[target].ids:
                broken.append(f"{page.relative_to(site)}: {link} (no such anchor)")
    assert broken == []


def test_external_links_are_listed_for_editors_not_fetched(run, make_site):
    root = make_site({"content/a.md": "---\ntitle: A\n---\nSee [the report](https://www.example.com/report?a=1&b=2).\n"})
    result = run(root, "links")
    assert result.code == 0
    assert "https://www.example.com/report?a=1&b=2\n  in content/a.md:4\n  on a/index.html" in result.out
    assert not (root / "site").exists()  # built in a temporary folder
