# Computed facts derived from the data at build time: each kind's facts (status, tiers, backlinks), dates, counts.
"""Derive step: facts computed from the checked data on the build date, never typed by editors.

Which facts exist is each kind's knowledge (Kind.facts in portal/kinds/: a regulation's status and versions, a
case's tier, backlinks ...); `derived.<fact>` computes one on first use and keeps it for the build."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from portal.text import parse_date  # noqa: F401  (re-exported: the derive step's importers take it from here)

if TYPE_CHECKING:
    from portal.load.dataset import Dataset


@dataclass
class Derived:
    """All derived data for one data set on one build date; built once per build and shared by every page.

    `derived.status`, `derived.tier`, ...: the fact of that name of the kind that defines it (Kind.facts)."""

    dataset: Dataset
    today: dt.date
    updated: dict[tuple[str, str], dt.date] = field(default_factory=dict)  # (kind, id) -> last commit date
    # name -> URL slug worked out before the pages are written (portal/build/fill.py: prime_slugs), so that the
    # page-writing processes need not load pypinyin; a name not in it is slugged when its page is made
    url_slugs: dict[str, str] = field(default_factory=dict)
    # what the pages step works out the same for both languages (a hazard hub's members, the translation coverage):
    # made once, by the first page that needs it (in the parent while it stages the hand-written pages, so that the
    # forked page-writing processes inherit it instead of each making it again)
    shared: dict = field(default_factory=dict, repr=False)

    def __getattr__(self, name: str):
        if name.startswith("_") or "dataset" not in self.__dict__:
            raise AttributeError(name)
        from portal.kinds import KINDS

        for kind in KINDS:
            compute = kind.facts.get(name)
            if compute is not None:
                value = self.__dict__[name] = compute(self)
                return value
        raise AttributeError(f"no kind derives a fact named {name!r}")

    def counts(self) -> dict[str, int]:
        return {kind: len(records) for kind, records in self.dataset.records.items()}
