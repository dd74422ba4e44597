# Drift test of the two hand-written mkdocs configs: English may differ from Chinese only in names, folders and words.
"""mkdocs.en.yml INHERITs mkdocs.yml; a setting changed in one language only (a plugin, a markdown extension, a
theme feature) would make the two sites behave differently. Only the keys below may differ."""
from __future__ import annotations

import copy

from portal.engine.configs import base_config, site_nav
from portal.kinds import nav_entries
from portal.words import catalogue, nav_title

LANGUAGE_KEYS = ("site_name", "site_description", "docs_dir", "site_dir", "copyright", "nav")


def _nav_targets(nav) -> list:
    """The page each navigation entry points at, in order (sections: their entries' targets)."""
    targets = []
    for entry in nav or []:
        value = next(iter(entry.values())) if isinstance(entry, dict) else entry
        targets.append(_nav_targets(value) if isinstance(value, list) else value)
    return targets


def _without_language(config: dict) -> dict:
    config = copy.deepcopy(config)
    for key in LANGUAGE_KEYS:
        config.pop(key, None)
    config.get("theme", {}).pop("language", None)
    return config


def test_english_config_differs_only_in_language():
    zh, en = base_config("zh"), base_config("en")
    assert _without_language(en) == _without_language(zh)
    assert en["theme"]["language"] == "en" and zh["theme"]["language"] == "zh"
    assert en["docs_dir"] != zh["docs_dir"]


def navigation(lang: str) -> list:
    """The menu the engine gets: the config's entries titled from the catalogue, the kinds' entries after home."""
    menu = tuple((title, src) for entry in nav_entries(lang) for title, src in entry.items())
    return site_nav(base_config(lang)["nav"], lang, menu)


def test_navigation_has_the_same_entries_in_both_languages():
    zh, en = navigation("zh"), navigation("en")
    assert len(en) == len(zh)
    assert _nav_targets(en) == _nav_targets(zh)
    # The configs name their entries by catalogue key; the titles are the catalogue's words in each language.
    assert all(next(iter(entry)) in catalogue() for entry in base_config("zh")["nav"])
    assert list(zh[0]) == [nav_title("home", "zh")] and list(en[0]) == [nav_title("home", "en")]
    assert list(en[-1]) == [nav_title("about", "en")] and list(zh[1]) == [next(iter(nav_entries("zh")[0]))]
    assert all(next(iter(entry)) for entry in zh + en)


def test_drift_would_be_noticed():
    # The comparison sees a setting changed in one language only (a check that cannot fail proves nothing).
    zh = base_config("zh")
    drifted = copy.deepcopy(zh)
    drifted["markdown_extensions"] = list(drifted["markdown_extensions"])[:-1]
    assert _without_language(drifted) != _without_language(zh)
    assert _nav_targets([{"A": "a.md"}, {"B": [{"C": "c.md"}]}]) == ["a.md", ["c.md"]]
