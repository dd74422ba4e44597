# The controlled vocabularies (file name -> schema) and how a local layer's vocabulary adds to the shipped one.
"""Vocabularies of the data set: which files exist, which schema each follows, how layers add terms."""
from __future__ import annotations

VOCABULARIES = {
    "regulation-levels": "vocab-terms.schema.json",
    "topics": "vocab-terms.schema.json",
    "industries": "vocab-terms.schema.json",
    "provinces": "vocab-terms.schema.json",
    "contact-categories": "vocab-terms.schema.json",
    "article-categories": "vocab-terms.schema.json",
    "phone-types": "vocab-terms.schema.json",
    "resource-types": "vocab-terms.schema.json",
    "accident-types": "vocab-accident-types.schema.json",
    "accident-tiers": "vocab-accident-tiers.schema.json",
    "service-numbers": "vocab-service-numbers.schema.json",
    "source-hosts": "vocab-source-hosts.schema.json",
}
OPTIONAL_VOCABULARIES = {"resource-types", "source-hosts"}


def merge_vocabulary(base: dict, extra: dict) -> dict:
    """Terms of `extra` appended to those of `base` (same id: the base term stays; the checker reports it)."""
    merged = dict(base)
    for key in ("terms", "numbers", "official", "trusted", "denied"):
        if isinstance(extra.get(key), list):
            ident = "number" if key == "numbers" else ("host" if key in ("official", "trusted", "denied") else "id")
            # ids of any type (a layer that failed its schema is still merged for the build's own view of it)
            have = {repr(item.get(ident)) for item in _items(merged.get(key)) if isinstance(item, dict)}
            merged[key] = _items(merged.get(key)) + [i for i in extra[key]
                                                     if isinstance(i, dict) and repr(i.get(ident)) not in have]
    return merged


def _items(value) -> list:
    return list(value) if isinstance(value, list) else []
