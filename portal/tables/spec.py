# Building blocks of a spreadsheet layout: a column, a child sheet, a record kind, and the physical columns they expand to.
"""Column specifications as plain data.

A `KindSpec` describes one record kind's workbook: the main sheet (one row per record), child sheets for
nested lists (one row per list item, keyed by the record's id) and the vocabularies behind its drop-downs.
Templates, import and export are all driven from these objects, so adding a kind means adding one spec.

Column types (`Column.type`):
    text                  plain text in one cell
    phone                 a phone number typed as text (a number cell has lost its leading 0: refused)
    text_zh, text_both    bilingual {zh, en}: two columns, 标题 and 标题(英文). A required one needs Chinese or
                          English; with strict_bilingual (shipped data) text_both needs both, text_zh Chinese
    markdown              like text_zh, stored ending with one line break (Markdown bodies)
    list                  plain strings, one item per line in a cell
    list:text_zh, list:text_both   bilingual items, one per line; the English column has the same lines
    id, id-list           identifiers of other records (lower-case ASCII words joined by hyphens)
    date                  YYYY-MM-DD (many written forms are accepted on import)
    time                  a time or date-time as text (2015-08-12 22:51, 22:51)
    integer, number, money    whole number, decimal number, yuan (accepts 68.66亿元 / 6866万元)
    bool                  是 / 否
    url                   http:// or https:// address
    article               article number: "3", "4.2.1", "134-1" (accepts 第三条, 第一百三十四条之一)
    choice                the letter of a quiz choice (A = first); stored as its index from 0
    vocab:<name>, vocab-list:<name>   term id(s) of a vocabulary; cells may hold the id or either label
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

BILINGUAL_TYPES = {"text_zh", "text_both", "markdown", "list:text_zh", "list:text_both"}
SIMPLE_TYPES = {"text", "phone", "list", "id", "id-list", "date", "time", "integer", "number", "money", "bool", "url",
                "article", "choice"}
EN_SUFFIX_ZH = "(英文)"
EN_SUFFIX_EN = " (English)"


@dataclass(frozen=True)
class Column:
    """One field of a record (or of a list item) and how it is shown in a sheet."""

    path: str                 # dotted path inside the record or list item; "" = the list item itself
    zh: str                   # Chinese header
    en: str                   # English header
    type: str = "text"
    required: bool = False
    help_zh: str = ""
    help_en: str = ""
    example: object = None    # example row value; bilingual types take (zh, en)
    default: object = None    # used when the column is absent or the cell blank
    past_only: bool = False   # dates: a date after today is refused
    scope: str = ""           # vocab: path of the field whose value selects the term group (accident-type scheme)
    aliases: tuple[str, ...] = ()   # other headers that mean this column in users' own ledgers
    minimum: int | None = 0   # integers and money

    def __post_init__(self):
        base = self.type.split(":", 1)[0]
        if not (self.type in BILINGUAL_TYPES or self.type in SIMPLE_TYPES
                or (base in ("vocab", "vocab-list") and ":" in self.type)):
            raise ValueError(f"column {self.path!r}: unknown type {self.type!r}")

    @cached_property
    def bilingual(self) -> bool:
        return self.type in BILINGUAL_TYPES

    @cached_property
    def is_list(self) -> bool:
        return self.type.startswith("list") or self.type.endswith("-list") or self.type.startswith("vocab-list:")

    @cached_property
    def vocabulary(self) -> str:
        """Name of the vocabulary behind a vocab column ('' for other types)."""
        return self.type.split(":", 1)[1] if self.type.startswith("vocab") else ""


@dataclass(frozen=True)
class PhysicalColumn:
    """One spreadsheet column: a column spec, or one language half of a bilingual column spec."""

    column: Column
    lang: str        # "zh" / "en" for bilingual halves, "" otherwise
    key: str         # full field path, lists marked with []: "title.zh", "sources[].url", "entries[].phones[].number"
    zh: str
    en: str
    level: int = 0   # 0 = item of the sheet; 1 = nested item (phones inside an entry)

    @property
    def required(self) -> bool:
        """Marked * in the sheet: the field is required (for bilingual text, the Chinese column carries the mark)."""
        return self.column.required and self.lang != "en"

    @property
    def field_path(self) -> str:
        """Path inside the sheet's item (with the language for bilingual halves)."""
        path = self.column.path
        if self.lang:
            return f"{path}.{self.lang}" if path else self.lang
        return path


def physical_columns(columns: tuple[Column, ...], prefix: str = "", level: int = 0) -> list[PhysicalColumn]:
    out = []
    for col in columns:
        base = f"{prefix}{col.path}" if col.path else prefix.rstrip(".")
        if col.bilingual:
            out.append(PhysicalColumn(col, "zh", f"{base}.zh" if base else "zh", col.zh, col.en, level))
            out.append(PhysicalColumn(col, "en", f"{base}.en" if base else "en",
                                      col.zh + EN_SUFFIX_ZH, col.en + EN_SUFFIX_EN, level))
        else:
            out.append(PhysicalColumn(col, "", base, col.zh, col.en, level))
    return out


@dataclass(frozen=True)
class ChildSheet:
    """A list field shown as its own sheet: one row per item, first column the record's id.

    With `nested_path`, each row is one item of a list inside the item (a phone number of a directory
    entry); the item's own columns repeat on every row and consecutive rows with the same `group_by`
    value (or a blank one) belong to the same item."""

    name: str                  # ASCII name: CSV file suffix and mapping key (e.g. "sources")
    zh: str                    # sheet name
    en: str
    path: str                  # list field in the record: "sources", "related.regulations"
    columns: tuple[Column, ...]
    nested_path: str = ""
    nested_columns: tuple[Column, ...] = ()
    group_by: str = ""         # path in the item that identifies it across rows (nested sheets)
    nested_after: int = -1     # nested columns follow this many item columns (-1: after all of them)
    order_zh: str = ""         # optional letter column (A, B, C ...) that orders the items: quiz choices
    order_en: str = ""
    required: bool = False     # the record needs at least one item (schema minItems)
    nested_required: bool = True  # every item has the nested list (False: the schema allows another field instead)
    help_zh: str = ""
    help_en: str = ""

    def physical(self) -> list[PhysicalColumn]:
        item = self.columns if self.nested_after < 0 else self.columns[: self.nested_after]
        rest = () if self.nested_after < 0 else self.columns[self.nested_after:]
        cols = physical_columns(item, f"{self.path}[].")
        if self.nested_path:
            cols += physical_columns(self.nested_columns, f"{self.path}[].{self.nested_path}[].", level=1)
        return cols + physical_columns(rest, f"{self.path}[].")


@dataclass(frozen=True)
class KindSpec:
    """Everything the workbook of one record kind needs."""

    kind: str                  # data folder name (the kind's name in portal/kinds/)
    schema: str                # schema file name (in schema_dir)
    zh: str                    # main sheet name and the kind's name in messages
    en: str
    key_zh: str                # header of the id column in every sheet: 案例编号
    key_en: str
    columns: tuple[Column, ...]     # main sheet; the first column is the id
    children: tuple[ChildSheet, ...] = ()
    title: str = "title"       # bilingual field whose Chinese text names the record (ids, matching)
    identity: tuple[str, ...] = ("title.zh",)   # fields that identify the same record in existing data
    id_suffix: str = ""        # date field whose year ends generated ids (cases: -2015)
    # The same event written twice (two ledgers sharing rows): these fields equal and these texts similar
    duplicate_fields: tuple[str, ...] = ()
    duplicate_texts: tuple[str, ...] = ()
    # A field holding the record's key in its source (an inspection number): duplicates are found by it first
    source_key: str = ""
    # (date field, flag field): a record whose date no source gives carries the flag (true) instead of a date
    unknown_date: tuple[str, str] = ()
    required_objects: tuple[str, ...] = ()   # nested objects the record needs (place); their columns' `required`
    #                                          applies within the object, so optional objects may be left out
    # (object, paths): a required object needs one of these fields (place: province or country); default: any member
    required_one_of: tuple[tuple[str, tuple[str, ...]], ...] = ()
    not_covered: tuple[tuple[str, str], ...] = ()   # (schema field, reason) deliberately left out
    help_zh: str = ""
    help_en: str = ""
    schema_dir: str = ""       # folder of the schema file ('' = data/schema/); set from the kind (portal/kinds/)

    def physical(self) -> list[PhysicalColumn]:
        return physical_columns(self.columns)

    def child(self, name: str) -> ChildSheet:
        for child in self.children:
            if child.name == name:
                return child
        raise KeyError(name)


@dataclass
class KindRegistry:
    """Kinds by folder name; `register` adds one (the only step needed for a new kind)."""

    kinds: dict[str, KindSpec] = field(default_factory=dict)

    def register(self, spec: KindSpec) -> KindSpec:
        self.kinds[spec.kind] = spec
        return spec

    def __getitem__(self, kind: str) -> KindSpec:
        try:
            return self.kinds[kind]
        except KeyError:
            raise KeyError(f"unknown record kind {kind!r}: one of {', '.join(sorted(self.kinds))}") from None

    def __contains__(self, kind: str) -> bool:
        return kind in self.kinds

    def __iter__(self):
        return iter(self.kinds)
