# Writes the search index of each language from the records' search documents (portal/search builds the shards).
"""Outputs step: the site search index (one per language), built from data with portal.search."""
from __future__ import annotations

from pathlib import Path

from portal.derive.facts import Derived
from portal.kinds import KINDS, search_labels
from portal.pages.context import PageContext
from portal.pages.searchdocs import search_facet_values, site_search_docs
from portal.settings import Settings


def search_docs(settings: Settings, derived: Derived, lang: str) -> list[dict]:
    return site_search_docs(PageContext(lang, derived, settings, ""), KINDS)


def write_language_search(settings: Settings, derived: Derived, lang: str, folder: Path) -> dict:
    """Write one language's index into its folder (the engine runs the two languages in parallel)."""
    from portal.search import SearchDoc, write_search_index

    ctx = PageContext(lang, derived, settings, "")
    raw = site_search_docs(ctx, KINDS)
    facet_values = search_facet_values(ctx, KINDS, raw)
    docs = [SearchDoc(**doc) for doc in raw]
    return write_search_index(docs, lang, folder, kind_labels=search_labels(lang), facet_values=facet_values)


def write_search(settings: Settings, derived: Derived, lang_dirs: dict[str, Path]) -> dict:
    """Write the index into each language folder; returns {lang: stats}."""
    return {lang: write_language_search(settings, derived, lang, folder) for lang, folder in lang_dirs.items()}
