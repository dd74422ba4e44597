# Open-data export: every record of every kind as JSON (gzip), the readers' XLSX and CSV (gzip), computed fields added.
"""Outputs step: open data under data/ at the site root (one copy for both languages) — per kind one JSON document
with computed fields named apart, and the readers' table as XLSX and CSV.

JSON and CSV are written gzip-compressed (``cases.json.gz``, ``cases.csv.gz``: under a quarter of the bytes; XLSX is
a zip already): the site links those files (they open over file:// and under any sub-path), and nginx also answers the
plain addresses ``data/cases.json`` / ``data/cases.csv`` from them (``gzip_static``/``gunzip``). The bytes are
reproducible (no time or name in the gzip header). The compressor and its level: deflate.py (zlib-ng level 3, else the
standard zlib at level 4, not 6: at N=3,000 the .gz files were 17 % larger, 6.97 MB instead of 5.93, for 0.31 CPU-s of
compression instead of 0.85)."""
from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path



@contextlib.contextmanager
def open_text(path: Path, newline: str | None = None, encoding: str = "utf-8"):
    """A text stream writing to `path`, gzip-compressed when its name ends in .gz (no time or name in the header, so
    the same records give the same bytes)."""
    if path.suffix != ".gz":
        with path.open("w", encoding=encoding, newline=newline) as handle:
            yield handle
        return
    from portal.outputs.deflate import gzip_writer

    with path.open("wb") as raw, gzip_writer(raw) as packed, \
            io.TextIOWrapper(packed, encoding=encoding, newline=newline) as handle:
        yield handle

from portal.derive.facts import Derived
from portal.kinds import BY_NAME
from portal.site_layout import OPEN_DATA_FOLDER, open_data_file


def kind_document(derived: Derived, kind: str, computed: dict[str, dict] | None = None) -> dict:
    """One kind's open-data document (`computed`: each record's computed fields, when already worked out)."""
    items = []
    for record_id, record in sorted(derived.dataset.records[kind].items()):
        item = dict(record)
        fields = computed[record_id] if computed is not None else BY_NAME[kind].computed(record_id, derived)
        for key, value in fields.items():
            item[key if key.startswith(("superseded_by", "cited_by")) else f"computed_{key}"] = value
        items.append(item)
    return {"kind": kind, "build_date": derived.today.isoformat(), "count": len(items), "records": items}


def write_open_data(derived: Derived, site: Path, site_url: str = "") -> list[Path]:
    """Write data/<kind>.json.gz, and the readers' .xlsx and .csv.gz (one header row, computed fields, a link to each
    record's page at `site_url`, or relative to data/) into the built site; editors export with `make export`.

    One kind at a time, the JSON streamed to its file: the largest (cases) is never in memory twice."""
    from portal.outputs.readers_table import readers_rows, write_readers_csv, write_readers_xlsx
    from portal.tables import load_vocabularies
    from portal.tables.columns import KINDS
    from portal.settings import SHIPPED_DATA

    out = site / OPEN_DATA_FOLDER
    out.mkdir(parents=True, exist_ok=True)
    written = []
    roots = [SHIPPED_DATA] + [r for r in derived.dataset.roots if r.resolve() != SHIPPED_DATA.resolve()]
    vocabularies = load_vocabularies(*[r / "vocab" for r in roots if (r / "vocab").is_dir()])
    for kind, records in derived.dataset.records.items():
        computed = {record_id: BY_NAME[kind].computed(record_id, derived) for record_id in records}   # for both
        path = out / open_data_file(kind, "json")
        write_json_document(path, kind_document(derived, kind, computed))
        written.append(path)
        header, rows = readers_rows(kind, records, derived, vocabularies, site_url, computed)
        written.append(write_readers_xlsx(out / open_data_file(kind, "xlsx"), KINDS[kind].zh, header, rows))
        written.append(write_readers_csv(out / open_data_file(kind, "csv"), header, rows))
    return written


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)


def write_json_document(path: Path, document: dict) -> None:
    """The document as compact JSON, its records written one at a time (the same text as one json.dumps); gzip when
    the name ends in .gz."""
    with open_text(path) as handle:
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
