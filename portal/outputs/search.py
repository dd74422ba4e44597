# Writes the search index of each language from the records' search documents (portal/search builds the shards).
"""Outputs step: the site search index (one per language), built from data with portal.search."""
from __future__ import annotations

import re
from pathlib import Path

from portal.derive.facts import Derived
from portal.kinds import KINDS, search_labels
from portal.pages.context import PageContext
from portal.pages.searchdocs import search_facet_values, site_search_docs
from portal.settings import Settings


def search_docs(settings: Settings, derived: Derived, lang: str) -> list[dict]:
    return site_search_docs(PageContext(lang, derived, settings, ""), KINDS)


_PARENTHESIS = re.compile(r"[（(][^）)]*[）)]")


def search_vocabulary(dataset) -> list[dict]:
    """The search terms of both languages: data/vocab/synonyms.yml, then one per regulation (its titles and short
    titles: 安全生产法 and Work Safety Law find 中华人民共和国安全生产法 on either site)."""
    terms = []
    for term in (dataset.vocab.get("synonyms") or {}).get("terms") or []:
        terms.append(dict(id=term["id"], words=list(term.get("zh") or []) + list(term.get("en") or []),
                          kind=term.get("kind", ""), optional=bool(term.get("optional"))))
    for reg_id, reg in sorted(dataset.records.get("regulations", {}).items()):
        words = set()
        for value in (reg.get("title"), reg.get("short_title")):
            for text in (value.values() if isinstance(value, dict) else [value] if value else []):
                text = _PARENTHESIS.sub("", str(text)).strip()
                if len(text) >= 3 and not any(ch.isdigit() for ch in text):
                    words.add(text)
        if words:
            terms.append(dict(id=f"reg-{reg_id}", words=sorted(words)))
    return terms


def write_language_search(settings: Settings, derived: Derived, lang: str, folder: Path) -> dict:
    """Write one language's index into its folder (the engine runs the two languages in parallel)."""
    from portal.search import SearchDoc, write_search_index

    ctx = PageContext(lang, derived, settings, "")
    raw = site_search_docs(ctx, KINDS)
    facet_values = search_facet_values(ctx, KINDS, raw)
    docs = [SearchDoc(**doc) for doc in raw]
    return write_search_index(docs, lang, folder, kind_labels=search_labels(lang), facet_values=facet_values,
                              vocabulary=search_vocabulary(derived.dataset))


def write_search(settings: Settings, derived: Derived, lang_dirs: dict[str, Path]) -> dict:
    """Write the index into each language folder; returns {lang: stats}."""
    return {lang: write_language_search(settings, derived, lang, folder) for lang, folder in lang_dirs.items()}
