# What every record kind provides: folder and schema, checks, page renderer, list columns, facets, search, exports.
"""The record-kind interface. A kind module (portal/kinds/<name>.py) subclasses Kind and sets what differs.

Adding a kind means one module here, one schema in data/schema/ and one template in portal/templates/; the load,
check, derive, pages, search and export steps ask the registry (portal/kinds/__init__.py) for the kinds."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Iterable

if TYPE_CHECKING:
    from portal.check.checker import Checker
    from portal.load.yamlsafe import LoadedFile
    from portal.pages.context import PageContext
    from portal.pages.render import Rendered


@dataclass
class Column:
    """One column of a record list: key, header, whether it gets a filter drop-down, whether it sorts as a number."""

    key: str
    header: str
    filterable: bool = False
    numeric: bool = False


@dataclass
class Facet:
    """A way to group records of one kind; values() gives the facet values of one record as (slug, label).

    Slugs (and so URLs) come from stable ids, never from a translation."""

    kind: str
    name: str
    values: Callable[[str, dict, "PageContext"], list[tuple[str, str]]]
    order: str = "count"  # count (largest first) | desc (e.g. years) | vocab (vocabulary order)


class Kind:
    """Defaults shared by the kinds; each kind module overrides what it needs."""

    name: str = ""               # folder under each data layer, URL segment, open-data file name
    schema: str = ""             # file in data/schema/
    template: str = ""           # record page template in portal/templates/
    has_pages: bool = True
    label_key: str = ""          # interface word (portal/pages/i18n.py) naming the kind; defaults to name
    search_label: dict = {"zh": "", "en": ""}
    facets: tuple[Facet, ...] = ()

    # -- check -----------------------------------------------------------------------------------------------
    def check(self, checker: "Checker", record_id: str, record: dict, loaded: "LoadedFile") -> None:
        """Semantic checks beyond the schema (references, dates, vocabulary terms); add problems to checker."""

    # -- pages -----------------------------------------------------------------------------------------------
    def title(self, record: dict, lang: str) -> str:
        from portal.pages.i18n import pick
        return pick(record.get("title"), lang)[0]

    def render(self, record_id: str, ctx: "PageContext") -> "Rendered":
        raise NotImplementedError(self.name)

    def columns(self, ctx: "PageContext") -> list[Column]:
        from portal.pages.i18n import ui
        return [Column("title", ui("title", ctx.lang))]

    def row(self, record_id: str, record: dict, ctx: "PageContext") -> dict:
        """{cell key: (text shown, sort key)} for one record in a list."""
        title = self.title(record, ctx.lang)
        return {"title": (title, title)}

    def sort_ids(self, ids: Iterable[str], ctx: "PageContext") -> list[str]:
        records = ctx.dataset.records[self.name]
        return sorted(ids, key=lambda i: (self.title(records[i], "zh"), i))

    def printables(self, ctx: "PageContext") -> list:
        """Printable pages of this kind (cards, posters), each a portal.pages.printables.PrintablePage."""
        return []

    # -- search, coverage, recency, dependencies --------------------------------------------------------------
    def search_docs(self, record_id: str, ctx: "PageContext") -> list:
        """portal.search.SearchDoc entries for one record page (a page entry, plus sections such as articles)."""
        return []

    def long_texts(self, record: dict) -> Iterable[dict]:
        """Bilingual long texts that may lack English (counted by the coverage report)."""
        return ()

    def dates(self, record: dict) -> list:
        """Dates a record carries about its own content (for 'recently updated')."""
        return [s.get("date") for s in record.get("sources") or []]

    def references(self, record: dict) -> Iterable[tuple[str, str]]:
        """(kind, id) of the records this record links to (pages that must be rebuilt when it changes)."""
        return ()

    def computed(self, record_id: str, derived) -> dict:
        """Computed fields added to the open-data export, named apart from the typed ones."""
        return {}
