# The controlled vocabularies (file name -> schema) and how a local layer's vocabulary adds to the shipped one.
"""Vocabularies of the data set: which files exist, which schema each follows, how layers add terms."""
from __future__ import annotations

VOCABULARIES = {
    "regulation-levels": "vocab-terms.schema.json",
    "topics": "vocab-terms.schema.json",
    "hazards": "vocab-hazards.schema.json",
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
    "synonyms": "vocab-synonyms.schema.json",
}
OPTIONAL_VOCABULARIES = {"resource-types", "source-hosts", "hazards", "synonyms"}


# The lists of a vocabulary a later layer adds to, and the field that identifies an item of each.
LIST_IDENTIFIERS = {"terms": "id", "tiers": "id", "schemes": "id", "numbers": "number", "official": "host",
                    "trusted": "host", "denied": "host"}


def merge_vocabulary(base: dict, extra: dict) -> dict:
    """Items of `extra` appended to those of `base`. An item with an identifier `base` has already stays as in base
    (the checker reports the redefinition), unless `extra` says `overrides: true`: then it replaces it in place."""
    merged = dict(base)
    replaces = extra.get("overrides") is True
    for key, ident in LIST_IDENTIFIERS.items():
        if not isinstance(extra.get(key), list):
            continue
        items = _items(merged.get(key))
        # ids of any type (a layer that failed its schema is still merged for the build's own view of it)
        position = {repr(item.get(ident)): index for index, item in enumerate(items) if isinstance(item, dict)}
        for item in extra[key]:
            if not isinstance(item, dict):
                continue
            known = position.get(repr(item.get(ident)))
            if known is None:
                position[repr(item.get(ident))] = len(items)
                items.append(item)
            elif replaces:
                items[known] = item
        merged[key] = items
    return merged


def _items(value) -> list:
    return list(value) if isinstance(value, list) else []
