# Open-data export: every record of every kind as JSON (and CSV/XLSX when portal.tables is present), computed fields added.
"""Outputs step: open data under data/ at the site root — one JSON document per kind with computed fields named apart."""
from __future__ import annotations

import json
from pathlib import Path

from portal.derive.facts import Derived
from portal.kinds import BY_NAME


def kind_document(derived: Derived, kind: str) -> dict:
    """One kind's open-data document."""
    items = []
    for record_id, record in sorted(derived.dataset.records[kind].items()):
        item = dict(record)
        for key, value in BY_NAME[kind].computed(record_id, derived).items():
            item[key if key.startswith(("superseded_by", "cited_by")) else f"computed_{key}"] = value
        items.append(item)
    return {"kind": kind, "build_date": derived.today.isoformat(), "count": len(items), "records": items}


def write_open_data(derived: Derived, site: Path, site_url: str = "") -> list[Path]:
    """Write data/<kind>.json, and the readers' .xlsx and .csv (one header row, computed fields, a link to each
    record's page at `site_url`, or relative to data/) into the built site; editors export with `make export`.

    One kind at a time, the JSON streamed to its file: the largest (cases) is never in memory twice."""
    from portal.outputs.readers_table import readers_rows, write_readers_csv, write_readers_xlsx
    from portal.tables import load_vocabularies
    from portal.tables.columns import KINDS
    from portal.settings import SHIPPED_DATA

    out = site / "data"
    out.mkdir(parents=True, exist_ok=True)
    written = []
    roots = [SHIPPED_DATA] + [r for r in derived.dataset.roots if r.resolve() != SHIPPED_DATA.resolve()]
    vocabularies = load_vocabularies(*[r / "vocab" for r in roots if (r / "vocab").is_dir()])
    for kind in derived.dataset.records:
        path = out / f"{kind}.json"
        write_json_document(path, kind_document(derived, kind))
        written.append(path)
        header, rows = readers_rows(kind, derived.dataset.records[kind], derived, vocabularies, site_url)
        written.append(write_readers_xlsx(out / f"{kind}.xlsx", KINDS[kind].zh, header, rows))
        written.append(write_readers_csv(out / f"{kind}.csv", header, rows))
    return written


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)


def write_json_document(path: Path, document: dict) -> None:
    """The document as compact JSON, its records written one at a time (the same text as one json.dumps)."""
    with path.open("w", encoding="utf-8") as handle:
        handle.write("{")
        for index, (key, value) in enumerate(document.items()):
            handle.write(("," if index else "") + _json(key) + ":")
            if key != "records":
                handle.write(_json(value))
                continue
            handle.write("[")
            for position, item in enumerate(value):
                handle.write(("," if position else "") + _json(item))
            handle.write("]")
        handle.write("}")
