# What every record kind provides: names, nav place, schema, checks, derived facts, sheet, search, page renderer.
"""The record-kind descriptor. A kind module (portal/kinds/<name>.py) subclasses Kind and sets what differs.

A Kind is the one place that knows a record kind: its names in both languages and its place in the navigation, its
schema and template, its semantic and whole-set checks, its derived facts, the words that name its spreadsheets, its
spreadsheet columns (`sheet`, a portal.tables KindSpec), its search label, and (through `view`) its page renderer,
list columns, facets and print pages. Everything else asks the registry (portal/kinds/__init__.py).

Model and view: the Kind itself (checks, facts, sheet, references, dates) imports nothing from portal.pages; the
view part is a KindView named by `view` ("module:attribute"), imported only when pages are made."""
from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable

from portal.settings import SCHEMA_DIR
from portal.text import parse_date, pick

if TYPE_CHECKING:
    from portal.check.checker import Checker
    from portal.check.problems import Problem
    from portal.load.yamlsafe import LoadedFile
    from portal.pages.context import PageContext
    from portal.pages.render import Rendered

TEMPLATE_DIR = Path(__file__).resolve().parent.parent / "templates"


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

    Slugs (and so URLs) come from stable ids, never from a translation. `vocab` names the vocabulary whose order
    an order="vocab" facet follows (None: its term ids come from `order_of(dataset)`)."""

    kind: str
    name: str
    values: Callable[[str, dict, "PageContext"], list[tuple[str, str]]]
    order: str = "count"  # count (largest first) | desc (e.g. years) | vocab (vocabulary order)
    vocab: str | None = None
    order_of: Callable | None = None  # dataset -> term ids in order (order="vocab" without a simple vocabulary)
    label_key: str = ""  # its heading in the catalogue of interface words (portal/words/ui.yml); default "by-<name>"

    @property
    def heading_key(self) -> str:
        """Catalogue key of the facet's heading: 按事故类别 for cases by type, 按资源类型 for resources by type."""
        return self.label_key or "by-" + self.name

    def ordered_ids(self, dataset) -> list[str]:
        if self.order_of is not None:
            return list(self.order_of(dataset))
        return list(dataset.terms(self.vocab or self.name))


def not_verified_within(record: dict, today, days: int) -> bool:
    """A record with `last_verified.date` (directories, resources) not verified within `days` before `today`."""
    verified = parse_date((record.get("last_verified") or {}).get("date"))
    return verified is None or (today - verified).days > days


class Kind:
    """The model part of a kind, with defaults shared by the kinds; each kind module overrides what it needs."""

    name: str = ""               # folder under each data layer, URL segment, open-data file name
    schema: str = ""             # schema file name (in schema_dir)
    schema_dir: Path = SCHEMA_DIR
    template: str = ""           # record page template (in template_dir)
    template_dir: Path = TEMPLATE_DIR
    names: dict = {"zh": "", "en": ""}       # the kind's name on pages (list titles, counts)
    nav_title: dict | None = None            # its entry in the site navigation (default: names); None if no pages
    search_label: dict = {"zh": "", "en": ""}  # label of a search hit of this kind
    file_hints: tuple[str, ...] = ()         # words in a spreadsheet's file name that say it holds this kind
    has_pages: bool = True
    topic_column: bool = False   # counted in a column of the topics overview (and always listed on a topic page)
    view: str = ""               # "module:attribute" of the KindView (page renderer, list columns, print pages)
    facts: dict[str, Callable] = {}  # derived facts: name -> function(derived) (read as derived.<name>)

    @property
    def schema_path(self) -> Path:
        return Path(self.schema_dir) / self.schema

    def nav_name(self, lang: str) -> str:
        return (self.nav_title or self.names)[lang]

    # -- check -----------------------------------------------------------------------------------------------
    def check(self, checker: "Checker", record_id: str, record: dict, loaded: "LoadedFile") -> None:
        """Semantic checks beyond the schema (references, dates, vocabulary terms); add problems to checker."""

    def check_all(self, dataset, today) -> list["Problem"]:
        """Checks across all records of this kind (computed fields, graphs, duplicates), after the record checks."""
        return []

    # -- facts about records ---------------------------------------------------------------------------------------
    def title(self, record: dict, lang: str) -> str:
        return pick(record.get("title"), lang)[0]

    def long_texts(self, record: dict) -> Iterable[dict]:
        """Bilingual long texts that may lack English (counted by the coverage report)."""
        return ()

    def reviewed(self, record: dict):
        """The date the record's data was last checked, when the data says so (directories and resources:
        last_verified.date); None otherwise (its page then shows the date its file last changed, from git)."""
        return parse_date((record.get("last_verified") or {}).get("date"))

    def dates(self, record: dict) -> list:
        """Dates a record carries about its own content (for 'recently updated')."""
        return [s.get("date") for s in record.get("sources") or []]

    def references(self, record: dict) -> Iterable[tuple[str, str]]:
        """(kind, id) of the records this record links to (pages that must be rebuilt when it changes)."""
        return ()

    def search_texts(self, record: dict) -> list:
        """The record's own texts a search finds it by, in order: bilingual {zh, en} texts or plain strings (the
        view adds the words it shows for vocabulary terms and derived facts)."""
        return [record.get("summary")]

    def search_keywords(self, record: dict) -> list[str]:
        """Tokens matched as typed (document numbers, phone numbers without separators, ids)."""
        return []

    def backlinks(self, record_id: str, derived) -> Iterable[tuple[str, str]]:
        """(kind, id) of the records whose pages show on this record's page (cases citing a regulation ...)."""
        return ()

    def linking_to(self, kind_name: str, record_id: str, derived) -> Iterable[tuple[str, str]]:
        """(kind, id) of this kind's records that show a link to that record (an article relating to a case ...)."""
        return ()

    def computed(self, record_id: str, derived) -> dict:
        """Computed fields added to the open-data export, named apart from the typed ones."""
        return {}

    def build_warnings(self, derived, stale_days: int) -> list[str]:
        """What `build` warns about this kind's records after a build that succeeded (e.g. numbers not verified)."""
        return []

    def summary(self, derived) -> list[str]:
        """Facts about this kind's records that `validate` prints after its counts (e.g. how many have full texts)."""
        return []

    def list_flags(self, record_id: str, derived) -> dict:
        """Extra values of a record's row in a list (e.g. its status), for the list's filters and styles."""
        return {}

    def url_names(self, records: dict) -> set[str]:
        """Names this kind's pages turn into URL slugs (pinyin): the build works them out once, up front."""
        return set()

    def sort_names(self, records: dict) -> set[str]:
        """Chinese titles its Chinese list is ordered by (pinyin, worked out up front with the URL slugs); a kind
        listed in another order (cases: newest first) needs none."""
        return {title for record in records.values() if (title := self.title(record, "zh"))}

    # -- spreadsheet ---------------------------------------------------------------------------------------------
    def sheet(self):
        """The spreadsheet layout (a portal.tables.spec.KindSpec: template, import, export), or None for no sheet.

        Made on call: checking data never loads the spreadsheet code."""
        return None

    # -- view ----------------------------------------------------------------------------------------------------
    def view_part(self) -> "KindView":
        """The view part (imported on first use: checking data never loads the page renderers)."""
        cached = self.__dict__.get("_view")
        if cached is None:
            module, _, attribute = self.view.partition(":")
            cached = getattr(importlib.import_module(module), attribute or "VIEW")
            cached.kind = self
            self.__dict__["_view"] = cached
        return cached


class KindView:
    """The view part of a kind: page renderer, list columns and rows, order, facets, print pages, search documents.

    Defaults import portal.pages inside the methods, so a one-module kind can hold its model and view together."""

    kind: Kind
    facets: tuple[Facet, ...] = ()

    @property
    def name(self) -> str:
        return self.kind.name

    def title(self, record: dict, lang: str) -> str:
        return self.kind.title(record, lang)

    def render(self, record_id: str, ctx: "PageContext") -> "Rendered":
        """The record's page: its template with the record as `record` and its id as `record_id`."""
        from portal.pages.render import Rendered, render_template
        record = ctx.dataset.records[self.name][record_id]
        return Rendered(render_template(self.kind.template, ctx, record=record, record_id=record_id), [])

    def columns(self, ctx: "PageContext") -> list[Column]:
        from portal.words import ui
        return [Column("title", ui("title", ctx.lang))]

    def row(self, record_id: str, record: dict, ctx: "PageContext") -> dict:
        """{cell key: (text shown, sort key)} for one record in a list."""
        title = self.title(record, ctx.lang)
        return {"title": (title, title)}

    def row_flags(self, record_id: str, record: dict, ctx: "PageContext") -> dict:
        return self.kind.list_flags(record_id, ctx.derived)

    def sort_ids(self, ids: Iterable[str], ctx: "PageContext") -> list[str]:
        records = ctx.dataset.records[self.name]
        return sorted(ids, key=lambda i: (self.title_order(records[i], ctx), i))

    def title_order(self, record: dict, ctx: "PageContext") -> tuple[str, str]:
        """Sort key of a record's title in its list: by pinyin on Chinese pages (产品质量法 after 安全生产法, not in
        code-point order), alphabetically on English pages (by the title shown there)."""
        from portal.pages.render import url_slug
        if ctx.lang == "zh":
            title = self.title(record, "zh")
            return (url_slug(ctx, title) if title else "", title)
        title = self.title(record, ctx.lang) or self.title(record, "zh")
        return (title.casefold(), title)

    def version_pages(self, record_id: str, record: dict) -> list[str]:
        """Extra pages of one record (a regulation's historic versions), each rendered by render_version."""
        return []

    def extra_pages(self, record_id: str, record: dict, ctx: "PageContext") -> list:
        """Further pages of one record (a regulation's 新旧对照 pages): (source path, title, renderer(ctx), breadcrumb
        label, label of the folder they sit in) each; the folder's generated index page takes that label."""
        return []

    def printables(self, ctx: "PageContext") -> list:
        """Printable pages of this kind (cards, statute texts), each a portal.pages.printables.PrintablePage."""
        return []

    def list_print_link(self, ctx: "PageContext") -> tuple[str, str] | None:
        """(source path, link text) of a printable page linked from the kind's list page, or None."""
        return None

    # The record field holding the date the search results page sorts by and takes the year from (first one set).
    date_fields: tuple[str, ...] = ()

    def search_date(self, record: dict) -> str:
        """The record's date for the search results page (YYYY-MM-DD, or shorter), "" when it has none."""
        for name in self.date_fields:
            value = record.get(name)
            if isinstance(value, dict):  # a dated object such as last_verified: {date: …}
                value = value.get("date")
            if value:
                return str(value)[:10]
        return ""

    def search_docs(self, record_id: str, ctx: "PageContext") -> list:
        """Search documents (dicts of portal.search.SearchDoc fields) for one record page: its title and texts."""
        from portal.pages.render import record_src
        from portal.pages.searchdocs import texts_in
        record = ctx.dataset.records[self.name][record_id]
        fields = texts_in(ctx, self.kind.search_texts(record))
        return [dict(url=ctx.url(record_src(self.name, record_id)), title=self.title(record, ctx.lang),
                     kind=self.name, text=" ".join(f for f in fields if f),
                     keywords=tuple(self.kind.search_keywords(record)), boost=1.0, badge="")]
