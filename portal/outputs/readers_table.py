# The readers' download of a kind (data/<kind>.xlsx/.csv.gz on list pages): one header row, computed fields, a link per record.
"""Readers' workbook: what someone who downloads a list wants, not the editors' import template.

One sheet, one header row (`事故名称 / Title`, no `*` marks, no English second row, no instructions sheet), the
template's main-sheet columns with terms as their Chinese labels, then the computed fields the site shows (cases:
事故等级 / tier; regulations: status, version in force …) and the link to the record's page; autofilter and a frozen
header. Every text cell that a spreadsheet would run as a formula is stored as text (CSV: an apostrophe before it)."""
from __future__ import annotations

import csv
from pathlib import Path

from portal.tables.columns import KINDS
from portal.tables.layout import main_row_reader, sheet_columns
from portal.tables.sheets import guard
from portal.tables.vocab import VocabSet

COMPUTED_HEADERS = {"tier": "事故等级（计算）/ Tier (computed)", "status": "效力状态（计算）/ Status (computed)",
                    "version_in_force": "现行版本 / Version in force", "superseded_by": "被替代为 / Superseded by",
                    "cited_by_cases": "被案例引用 / Cited by cases"}
LINK_HEADER = "页面 / Page"


def readers_rows(kind: str, records: dict[str, dict], derived, vocabularies: dict, site_url: str = "",
                 computed_fields: dict[str, dict] | None = None) -> tuple[list, list]:
    """The header row and one row per record (sorted by id); `computed_fields`: each record's computed fields, when
    the caller has them already (the open-data JSON)."""
    from portal.kinds import BY_NAME

    spec = KINDS[kind]
    vocab = VocabSet(vocabularies)
    cols = sheet_columns(spec)
    read_row = main_row_reader(spec, vocab, for_csv=True, empty="")   # main_row, each cell through _plain
    tiers = {t["id"]: t for t in derived.dataset.accident_tiers()} if derived is not None else {}
    computed_keys: list[str] = []
    rows = []
    for record_id in sorted(records):
        record = records[record_id]
        if computed_fields is not None:
            computed = computed_fields[record_id]
        else:
            computed = BY_NAME[kind].computed(record_id, derived) if derived is not None else {}
        for key in computed:
            if key not in computed_keys:
                computed_keys.append(key)
        values = read_row(record)
        extra = []
        for key in computed_keys:
            value = computed.get(key)
            if key == "tier" and value in tiers:
                value = tiers[value]["label"].get("zh") or value
            elif key == "status" and isinstance(value, str) and "regulation-statuses" in vocab:
                value = vocab.get("regulation-statuses").label(value)   # 现行有效, as the page says it
            extra.append(_plain(value))
        link = f"{site_url.rstrip('/')}/{kind}/{record_id}/" if site_url else f"../{kind}/{record_id}/"
        rows.append((values, extra, link))
    header = [f"{c.zh} / {c.en}" for c in cols] + [COMPUTED_HEADERS.get(k, k) for k in computed_keys] + [LINK_HEADER]
    width = len(computed_keys)
    return header, [values + extra + [""] * (width - len(extra)) + [link] for values, extra, link in rows]


def _plain(value):
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "\n".join(str(v) for v in value)
    return value


def write_readers_xlsx(path: Path, sheet_name: str, header: list, rows: list) -> Path:
    """The table as one sheet (xlsx_stream: the sheet XML streamed into the zip): a bold header row frozen above an
    autofilter; text a spreadsheet would run as a formula stored as quoted text; the last column's http(s) address a
    hyperlink (Excel keeps 65,530 per sheet: past those the address stays as text)."""
    from portal.outputs.xlsx_stream import write_sheet_workbook

    return write_sheet_workbook(path, sheet_name[:31].strip("'"), header, rows, link_column=len(header) - 1)


def write_readers_csv(path: Path, header: list, rows: list) -> Path:
    """The table as CSV for Excel (UTF-8 with BOM), gzip when the name ends in .gz."""
    from portal.outputs.open_data import open_text

    with open_text(path, newline="", encoding="utf-8-sig") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows([guard(v if type(v) is str else str(v)) for v in row] for row in rows)
    return path
