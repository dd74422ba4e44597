# The kind registry: what it refuses (names the site uses, a derived fact defined twice) and what it reads from kinds.
"""register() refuses, without changing the registry, a kind whose folder would replace one of the site's own
pages or sections and a derived fact another kind defines already; the navigation entries, search labels, site
sections and spreadsheet kinds are the registry's."""
from __future__ import annotations

import pytest

from portal import kinds
from portal.kinds import BY_NAME, KINDS, PAGE_KINDS, Kind, register


def snapshot():
    return list(KINDS), dict(BY_NAME), list(PAGE_KINDS)


@pytest.mark.parametrize("name", ["topics", "stats", "search", "assets", "en", "data", "kiosk", "by-year"])
def test_a_kind_named_like_a_page_of_the_site_is_refused(name):
    before = snapshot()
    kind = type("Clash", (Kind,), {"name": name, "schema": "x.schema.json"})()
    with pytest.raises(ValueError, match="section or page of the site"):
        register(kind)
    assert snapshot() == before


def test_a_derived_fact_is_defined_by_one_kind_only():
    before = snapshot()
    kind = type("Audits", (Kind,), {"name": "audits", "facts": {"status": lambda derived: {}}})()
    with pytest.raises(ValueError, match="'status' is defined by 'regulations'"):
        register(kind)
    assert snapshot() == before


def test_generated_lists_follow_the_registry():
    from portal.tables import KINDS as SHEETS

    assert [kind.name for kind in KINDS][:6] == list(kinds.BUILT_IN)
    assert [list(entry.values())[0] for entry in kinds.nav_entries("en")] == [
        f"{kind.name}/index.md" for kind in PAGE_KINDS]
    assert set(kinds.search_labels("zh")) == set(BY_NAME)
    assert set(kinds.site_sections()) >= set(BY_NAME)
    assert set(kinds.BUILT_IN) <= set(SHEETS)
