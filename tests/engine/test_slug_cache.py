# Issuer URL slugs come from a cache the build keeps; a stale, foreign or tampered cache must not change any URL.
"""prime_slugs: names seen by an earlier build are read from work/cache/slugs.json (versioned); new names are
worked out with pypinyin in a throwaway process; malformed entries are ignored (slugs become folder names)."""
from __future__ import annotations

import json

import pytest

from portal.build.fill import prime_slugs
from portal.build.pipeline import derive
from portal.pages import render
from portal_testing import SHIPPED_DATA, settings_for


@pytest.fixture
def derived():
    value, _check = derive(settings_for(SHIPPED_DATA))
    return value


def expected_slugs(derived) -> dict[str, str]:
    from portal.kinds.regulations import KIND
    names = KIND.url_names(derived.dataset.regulations)
    return {name: render.stable_slug.__wrapped__(name) for name in names}


def test_slugs_are_cached_and_reused(tmp_path, derived, monkeypatch):
    prime_slugs(derived, tmp_path)
    stored = json.loads((tmp_path / "slugs.json").read_text(encoding="utf-8"))
    assert stored["version"] == render.SLUG_VERSION
    expected = expected_slugs(derived)
    assert {k: v for k, v in stored["slugs"].items() if k in expected} == {k: v for k, v in expected.items() if not k.isascii()}
    # a second build forks nothing: every name is known
    import portal.build.fill as build
    monkeypatch.setattr(build, "run_forked", lambda jobs: pytest.fail("worked out again: the cache was not used"))
    prime_slugs(derived, tmp_path)


@pytest.mark.parametrize("content", [
    {"version": render.SLUG_VERSION, "slugs": {"国务院": "../../etc"}},
    {"version": render.SLUG_VERSION - 1, "slugs": {"国务院": "old-slug"}},
    "not json {",
])
def test_stale_or_tampered_cache_is_not_trusted(tmp_path, derived, monkeypatch, content):
    (tmp_path / "slugs.json").write_text(content if isinstance(content, str) else json.dumps(content), encoding="utf-8")
    prime_slugs(derived, tmp_path)
    assert derived.url_slugs.get("国务院") == render.stable_slug.__wrapped__("国务院") == "guo-wu-yuan"
