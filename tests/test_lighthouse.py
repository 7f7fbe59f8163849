"""Lighthouse on the home page and a chart page, as a phone and a desktop: every category at least
95 (tests/lighthouse.py prints the scores; run it by hand to see them)."""

from __future__ import annotations

import pytest

from tests import lighthouse


def test_lighthouse_scores_at_least_95_everywhere(real_site):
    if not lighthouse.LIGHTHOUSE.exists():
        pytest.fail("Lighthouse is missing: run 'make test', which installs it into .tools/")
    results = lighthouse.run(real_site)
    low = {name: found for name, found in results.items() if min(found.values()) < lighthouse.MINIMUM}
    assert low == {}, results
