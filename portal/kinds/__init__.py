# The registry of record kinds, in the order the site lists them; each kind is one module in this folder.
"""Record kinds: one module per kind (regulations, cases, contacts, articles, quiz, resources).

KINDS lists them in site order; BY_NAME finds one by its folder name. To add a kind: write portal/kinds/<name>.py
with a Kind subclass and KIND = ..., its schema in data/schema/, its template in portal/templates/, and list it here."""
from __future__ import annotations

from portal.kinds import articles, cases, contacts, quiz, regulations, resources
from portal.kinds.base import Column, Facet, Kind

KINDS: tuple[Kind, ...] = (regulations.KIND, cases.KIND, contacts.KIND, resources.KIND, articles.KIND, quiz.KIND)
BY_NAME: dict[str, Kind] = {kind.name: kind for kind in KINDS}
PAGE_KINDS: tuple[Kind, ...] = tuple(kind for kind in KINDS if kind.has_pages)
FACETS: tuple[Facet, ...] = tuple(facet for kind in KINDS for facet in kind.facets)

__all__ = ["KINDS", "BY_NAME", "PAGE_KINDS", "FACETS", "Column", "Facet", "Kind"]
