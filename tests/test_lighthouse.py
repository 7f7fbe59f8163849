"""Lighthouse on a page of each kind (home, chart, map, calculator, an Urdu text page and map page)
as a phone, and on the first two as a desktop: accessibility, best practices and SEO 100,
performance at least 95 (tests/lighthouse.py prints the scores; run it by hand to see them, with
--all for every page)."""

from __future__ import annotations

import pytest

from tests import lighthouse


def test_lighthouse_scores_on_a_page_of_each_kind(real_site):
    if not lighthouse.LIGHTHOUSE.exists():
        pytest.fail("Lighthouse is missing: run 'make test', which installs it into .tools/")
    results = lighthouse.run(real_site)
    assert lighthouse.below_minimum(results) == [], results
