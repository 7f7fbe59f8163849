"""The repository's own site, built end to end."""

from __future__ import annotations

import build as cli
from tests.conftest import REPO, copy_real_project


def test_real_site_checks_clean(capsys):
    assert cli.main(["check", "--root", str(REPO)]) == 0
    assert capsys.readouterr().out.startswith("checked: no problems in")


def test_real_site_builds_under_a_project_subpath(tmp_path, real_site):
    root = copy_real_project(tmp_path / "project", warm_from=real_site)  # charts and cards already rendered
    assert cli.main(["build", "--root", str(root), "--quiet", "--base-url", "https://user.github.io/pairing/"]) == 0
    home = (root / "site/index.html").read_text()
    assert '<link rel="canonical" href="https://user.github.io/pairing/">' in home
    assert 'href="/pairing/static/css/site.' in home


def test_real_site_has_every_page_kind(real_site):
    for path in ("index.html", "404.html", "feed.xml", "sitemap.xml", "robots.txt", ".nojekyll"):
        assert (real_site / path).is_file(), path
