# Writes imported records as one YAML file each through the records core's writer, and reads a data folder back.
"""YAML files of records.

`write_records(records, out_dir, kind)` writes `<out_dir>/<id>.yml` with the records core's writer
(portal.records.writer: the schema comment line, the schema's key order, block style, dates unquoted, multi-line text
as `|` blocks, no YAML tags or aliases).
"""
from __future__ import annotations

import json
from pathlib import Path

from portal.load.yamlsafe import load_yaml_file
from portal.records.problems import Problem
from portal.records.provenance import MARK, provenance_line, with_provenance
from portal.records.writer import CHANGED, UNREAD, read_back, record_text, write_record
from portal.settings import SCHEMA_DIR
from portal.tables.columns import KINDS
from portal.tables.layer_index import file_hash
from portal.tables.values import SLUG


_NOT_GIVEN = object()


class WriteResult:
    """What write_records did with one record's file: its `path` and the `action` ("created", "updated",
    "unchanged", "skipped"). The folder is shared and the path made when asked for (100,000 Path objects: ~40 MB)."""

    __slots__ = ("_folder", "_name", "action")

    def __init__(self, path: Path, action: str, *, name: str | None = None):
        """`path` of the file, or its folder when `name` is given."""
        self._folder, self._name = (path, name) if name is not None else (path.parent, path.name)
        self.action = action

    @property
    def path(self) -> Path:
        return self._folder / self._name

    def __eq__(self, other) -> bool:
        if not isinstance(other, WriteResult):
            return NotImplemented
        return (self.path, self.action) == (other.path, other.action)

    def __repr__(self) -> str:
        return f"WriteResult(path={self.path!r}, action={self.action!r})"


def dump_record(record: dict, kind: str, schema_dir: Path | str | None = None, direct: list | None = None) -> str:
    """The file text of one record of `kind` (the records core's writer with the kind's schema; `direct`: see
    record_text)."""
    spec = KINDS[kind]
    return record_text(record, spec.schema, schema_dir or spec.schema_dir or SCHEMA_DIR, direct=direct)


def write_records(records: list[dict], out_dir: Path | str, kind: str, dry_run: bool = False, *,
                  schema_dir: Path | str | None = None, provenance: dict[str, dict] | None = None,
                  known=None, index_created=None) -> list[WriteResult]:
    """One file per record; with dry_run nothing is written but the actions are reported. `provenance` (id ->
    where it was read, from read_table) is kept as a comment in each file, for the later problems of validate.
    `known(id)`: (hash, row) of the file as the import read it (LayerRecords.written), or None: a file whose hash is
    the new text's is unchanged, one from the same ledger with another hash is updated, without reading it again.
    `index_created(id, text, record as the file reads back)`: called for each file created from the direct writer's
    text (LayerRecords.index_written), so that the next import need not parse it."""
    out_dir = Path(out_dir)
    results = []
    # read_table's records read back from disk together with their provenance (each once), else any list
    pairs = records.with_provenance(_NOT_GIVEN) if provenance is not None and provenance is getattr(
        records, "provenance", None) else ((record, _NOT_GIVEN) for record in records)
    for record, where in pairs:
        record_id = record.get("id")
        if not isinstance(record_id, str) or not SLUG.match(record_id):
            results.append(WriteResult(out_dir, "skipped", name=f"{record_id}.yml"))
            continue
        name = f"{record_id}.yml"
        path = out_dir / name
        direct: list = []
        text = dump_record(record, kind, schema_dir, direct if index_created is not None else None)
        if where is _NOT_GIVEN:
            where = provenance[record_id] if provenance is not None and record_id in provenance else _NOT_GIVEN
        if where is not _NOT_GIVEN:
            text = with_provenance(text, provenance_line(where["row"], where["cells"]))
            seen = known(record_id) if known is not None and not dry_run else None
            if seen is not None and seen[0] == file_hash(text.encode("utf-8")):
                results.append(WriteResult(out_dir, "unchanged", name=name))   # the bytes it has (the same ledger again)
                continue
            if seen is not None and seen[1] and seen[1].split(":", 1)[0] == where["row"].split(":", 1)[0]:
                results.append(WriteResult(out_dir, write_record(path, text, old=CHANGED), name=name))   # row/data moved
                continue
            old = _current_text(path)
            if _same_data_from_elsewhere(old, text, where["row"]):
                results.append(WriteResult(out_dir, "unchanged", name=name))   # e.g. an export imported back
                continue
        else:
            old = UNREAD
        if dry_run:
            unchanged = path.is_file() and path.read_text(encoding="utf-8") == text
            action = "unchanged" if unchanged else ("updated" if path.is_file() else "created")
        else:
            action = write_record(path, text, old=old)
            if action == "created" and direct:
                spec = KINDS[kind]
                form = read_back(record, spec.schema, schema_dir or spec.schema_dir or SCHEMA_DIR)
                if form is not None:
                    index_created(record_id, text, form)
        results.append(WriteResult(out_dir, action, name=name))
    return results


def _current_text(path: Path):
    """The text of the file at `path`, None when there is none, UNREAD when it cannot be read (write_record then
    looks for itself): one attempt to read instead of a read, a check and a second read."""
    try:
        with open(path, encoding="utf-8") as handle:
            return handle.read()
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError):
        return UNREAD


def _same_data_from_elsewhere(old, text: str, row: str) -> bool:
    """True when the file's text `old` holds the same record (its provenance comment aside) and says it came from
    another file than `row`'s: the record is unchanged and keeps the place it was first read from (re-importing an
    export of the layer changes nothing). The same ledger read again updates the comment (its rows may have moved)."""
    if not isinstance(old, str):
        return False
    if with_provenance(old, "") != with_provenance(text, ""):
        return False
    line = next((item for item in old.splitlines() if item.startswith(MARK)), None)
    try:
        old_row = json.loads(line[len(MARK):])["row"] if line else ""
    except (ValueError, TypeError, KeyError):
        old_row = ""
    return not isinstance(old_row, str) or old_row.split(":", 1)[0] != row.split(":", 1)[0]


def load_existing(data_dir: Path | str, kind: str) -> tuple[dict[str, dict], list[Problem]]:
    """id -> record of every <data_dir>/<kind>/*.yml (dates stay YYYY-MM-DD strings), for `existing`."""
    folder = Path(data_dir) / kind
    records, problems = {}, []
    for path in sorted(folder.glob("*.yml")):
        loaded = load_yaml_file(path, f"{kind}/{path.name}")
        problems += [p._replace(path=path.name, code="file") for p in loaded.problems]
        if isinstance(loaded.value, dict):
            records[path.stem] = loaded.value
    return records, problems


