# The importer's index of a layer's records (<layer>/<kind>/.import-index.jsonl): re-imports parse only changed files.
"""What an import needs of the records already in the layer it writes to, without parsing every file each time.

`LayerRecords(folder, kind)` is the import's `existing`: id -> record of every `<folder>/*.yml` that reads as a
record (as `load_existing` gave), with the problems of those that do not. Each record is read only when a row
matches it (`fresh(id)`: a copy of its own); what the id and duplicate steps need of every record is at hand
(`facts(id)`: identity, source key, duplicate key, the row it was imported from); the text the duplicate check
compares is made from the record when a row's date and place match it (`duplicate_text(id)`), and `written(id)`
tells the writer what the file held (its hash and row) so that it is not read again.

The index file `<folder>/.import-index.jsonl` (a dot file: the load step, validate, build and export skip it) holds,
after a header line, one line per record file: a JSON array [file name, blake2b hash of the file's bytes, identity,
source key, duplicate key, imported-from row], a tab, then the record as JSON. An
entry is used only for a file whose name and bytes are the ones it was made from (the whole file is read and hashed:
an edit that keeps the size and the modification time is seen), by the same code (the header's stamp covers the
code that makes the entries); any other file is parsed as before and its entry made anew. An unreadable, truncated
or older index is ignored (every file is parsed). After an import has written its records the index is written
again (atomically), with an entry for each file the import created with the records core's direct writer (what
such a text reads back as is known: portal.records.writer.read_back); the files it updated, and those the YAML
emitters wrote, get none then: the next import parses them once and indexes them.
"""
from __future__ import annotations

import hashlib
import io
import json
import os
import tempfile
from pathlib import Path

from portal.records.problems import Problem
from portal.tables.columns import KINDS
from portal.tables.paths import get_path
from portal.tables.spec import KindSpec
from portal.tables.values import cell_text
from portal.tables.vocab import normalise

INDEX_NAME = ".import-index.jsonl"
_FORMAT = 2   # 1 held each record's duplicate text too (kept in memory for 100,000 records: ~60 MB)
_MARK_HEADER = "portal import index"
_MAX_DEPTH = 30
# The code an entry depends on: any change to these files makes older indexes void (every file is parsed once).
_CODE = ("tables/layer_index.py", "tables/vocab.py", "tables/values.py", "tables/paths.py", "load/yamlsafe.py",
         "records/provenance.py", "records/writer.py")


# ---- what the id and duplicate steps compare (the reader uses the same functions for its rows) ---------------------
def text_of(value) -> str:
    """The text of a field value for comparing records: both languages of a bilingual text, joined."""
    if isinstance(value, dict):
        return " ".join(str(v) for v in value.values())
    return "" if value is None else str(value)


def identity(spec: KindSpec, record: dict) -> tuple:
    """The identity fields' values; a Chinese text field without Chinese counts by its English text (a record
    in English is not identified by its date alone). Empty when the record has no text in those fields."""
    values = []
    for path in spec.identity:
        value = get_path(record, path)
        if value is None and path.endswith(".zh"):
            value = get_path(record, path[:-3] + ".en")
        values.append(normalise(str(value or "")))
    return tuple(values) if values and values[0] else tuple("" for _ in values)


def duplicate_key(spec: KindSpec, record: dict) -> tuple | None:
    if not spec.duplicate_fields:
        return None
    key = tuple(normalise(cell_text(text_of(get_path(record, f)))) for f in spec.duplicate_fields)
    return key if key[0] else None


def duplicate_text(spec: KindSpec, record: dict) -> str:
    return normalise(" ".join(text_of(get_path(record, f)) for f in spec.duplicate_texts))


def source_key(spec: KindSpec, record: dict) -> str:
    """The record's key in its source (cases: source_key), normalised; "" when the kind or record has none."""
    if not spec.source_key:
        return ""
    return normalise(cell_text(get_path(record, spec.source_key)))


def record_facts(spec: KindSpec, record: dict, origin: str = "") -> tuple:
    """(identity, source key, duplicate key, origin row)."""
    return identity(spec, record), source_key(spec, record), duplicate_key(spec, record), origin


# Where str.splitlines cuts besides "\n" (the writer compares a file's text read in universal-newline mode, split by
# splitlines): a file holding any of these is read again by the writer rather than judged by its hash and row.
_OTHER_BREAKS = (b"\r", b"\x0b", b"\x0c", b"\x1c", b"\x1d", b"\x1e", "\x85".encode(), "\u2028".encode(),
                 "\u2029".encode())


def _plain_lines(raw: bytes) -> bool:
    return not any(mark in raw for mark in _OTHER_BREAKS)


def origin_of(raw: bytes) -> str:
    """The row a record file says it was imported from, read as portal.records.provenance reads it ("" if none)."""
    from portal.records.provenance import MARK, _SCAN_LINES

    try:
        handle = io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8")
        for _ in range(_SCAN_LINES):
            line = handle.readline()
            if line.startswith(MARK):
                found = json.loads(line[len(MARK):])
                row = found.get("row", "") if isinstance(found, dict) else ""
                return row if isinstance(row, str) else ""
    except (UnicodeDecodeError, json.JSONDecodeError):
        return ""
    return ""


def _stamp(spec: KindSpec) -> str:
    digest = hashlib.blake2b(digest_size=16)
    digest.update(repr((_FORMAT, spec.kind, spec.identity, spec.duplicate_fields, spec.duplicate_texts,
                        spec.source_key)).encode())
    root = Path(__file__).resolve().parent.parent
    for name in _CODE:
        try:
            digest.update((root / name).read_bytes())
        except OSError:
            digest.update(b"?")
    return digest.hexdigest()


def _hash(raw: bytes) -> str:
    return hashlib.blake2b(raw, digest_size=16).hexdigest()


def file_hash(raw: bytes) -> bytes:
    """The hash `written(id)` gives for a file of these bytes."""
    return hashlib.blake2b(raw, digest_size=16).digest()


def _entry_line(name: str, hashed: str, facts: tuple, record: dict) -> bytes:
    ident, key, dup_key, origin = facts
    head = [name, hashed, list(ident), key, list(dup_key) if dup_key is not None else None, origin]
    return (json.dumps(head, ensure_ascii=False, separators=(",", ":")) + "\t"
            + json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def _facts_of(head) -> tuple | None:
    """The facts of an index line's head, None when it is not what this code writes."""
    if not (isinstance(head, list) and len(head) == 6 and isinstance(head[0], str) and isinstance(head[1], str)
            and isinstance(head[2], list) and all(isinstance(v, str) for v in head[2]) and isinstance(head[3], str)
            and (head[4] is None or (isinstance(head[4], list) and all(isinstance(v, str) for v in head[4])))
            and isinstance(head[5], str)):
        return None
    return tuple(head[2]), head[3], tuple(head[4]) if head[4] is not None else None, head[5]


class LayerRecords:
    """The records of one kind in the folder an import writes to (see the module's docstring)."""

    def __init__(self, folder: Path | str, kind: str):
        self.folder, self.kind, self.spec = Path(folder), kind, KINDS[kind]
        self.problems: list[Problem] = []
        self._facts: dict[str, tuple] = {}     # id -> facts
        self._lines: dict[str, tuple] = {}     # id -> (handle, offset, length) of its index line
        self._dropped: set[str] = set()        # file names without an entry (unreadable, or read with a problem)
        self._hashes: dict[str, bytes] = {}    # id -> hash of the file's bytes as read (files the writer may trust)
        self._handles: list = []
        self.parsed = 0                        # files parsed (no entry for their bytes)
        self._stamp = _stamp(self.spec)
        self._load()

    # ---- a mapping of id -> record -----------------------------------------------------------------------------
    def __contains__(self, record_id) -> bool:
        return record_id in self._facts

    def __iter__(self):
        return iter(self._facts)

    def __len__(self) -> int:
        return len(self._facts)

    def keys(self):
        return self._facts.keys()

    def facts(self, record_id: str) -> tuple:
        return self._facts[record_id]

    def origin(self, record_id: str) -> str:
        found = self._facts.get(record_id)
        return found[3] if found else ""

    def duplicate_text(self, record_id: str) -> str:
        """The text the duplicate check compares (made from the record: only a few are ever compared)."""
        return duplicate_text(self.spec, self.fresh(record_id))

    def written(self, record_id: str) -> tuple[bytes, str] | None:
        """(blake2b hash of the file's bytes, the row it says it was imported from) as this import read the file,
        None when the writer must read the file itself (none, read with a problem, or line breaks other than \\n)."""
        hashed = self._hashes.get(record_id)
        return (hashed, self._facts[record_id][3]) if hashed is not None else None

    def fresh(self, record_id: str) -> dict:
        """The record (a new copy at each call), read from its index line; its file is parsed when that line does not
        read back (a damaged index)."""
        handle, offset, length = self._lines[record_id]
        handle.seek(offset)
        line = handle.read(length)
        try:
            record = json.loads(line[line.index(b"\t") + 1:])
        except ValueError:
            record = None
        if isinstance(record, dict):
            return record
        from portal.load.yamlsafe import load_yaml_file

        loaded = load_yaml_file(self.folder / f"{record_id}.yml", f"{self.kind}/{record_id}.yml")
        return loaded.value if isinstance(loaded.value, dict) else {}

    def __getitem__(self, record_id: str) -> dict:
        return self.fresh(record_id)

    def get(self, record_id: str, default=None):
        return self.fresh(record_id) if record_id in self._facts else default

    # ---- reading ---------------------------------------------------------------------------------------------------
    def _old_entries(self) -> dict[str, tuple]:
        """file name -> (hash, facts, offset, length) of the index file's usable lines ({} without a usable one)."""
        try:
            handle = open(self.folder / INDEX_NAME, "rb")
        except OSError:
            return {}
        self._handles.append(handle)
        entries: dict[str, tuple] = {}
        try:
            header = json.loads(handle.readline())
            if not (isinstance(header, dict) and header.get("index") == _MARK_HEADER
                    and header.get("version") == _FORMAT and header.get("stamp") == self._stamp):
                return {}
            offset = handle.tell()
            for line in handle:
                length = len(line)
                cut = line.find(b"\t")
                if cut > 0 and line.endswith(b"}\n"):
                    try:
                        head = json.loads(line[:cut])
                    except ValueError:
                        head = None
                    if (facts := _facts_of(head)) is not None:
                        entries[head[0]] = (head[1], facts, offset, length)
                offset += length
        except (OSError, ValueError, UnicodeDecodeError):
            return {}
        return entries

    def _load(self) -> None:
        from portal.load.yamlsafe import _load, load_yaml_file, read_capped

        old = self._old_entries()
        old_handle = self._handles[0] if self._handles else None
        fresh_lines = self._fresh_lines = tempfile.TemporaryFile()
        self._handles.append(fresh_lines)
        kind = self.kind
        for path in sorted(self.folder.glob("*.yml"), key=lambda found: found.name):   # as sorted paths of one folder
            name = path.name
            record_id = path.stem   # one string for the keys of the dicts below (each call makes a new one)
            rel = f"{kind}/{name}"
            try:
                raw = read_capped(path)
            except OSError:
                raw = None
            if raw is not None:
                hashed = _hash(raw)
                found = old.get(name)
                if found is not None and found[0] == hashed:
                    self._facts[record_id] = found[1]
                    self._lines[record_id] = (old_handle, found[2], found[3])
                    if _plain_lines(raw):
                        self._hashes[record_id] = bytes.fromhex(hashed)
                    continue
                loaded = _load(path, rel, raw=raw)
                self.parsed += 1
            else:
                loaded = load_yaml_file(path, rel)   # says why it cannot be read
            self.problems += [p._replace(path=name, code="file") for p in loaded.problems]
            if not isinstance(loaded.value, dict):
                continue
            facts = record_facts(self.spec, loaded.value, origin_of(raw) if raw is not None else "")
            self._remember(record_id, name, hashed if raw is not None else "", facts, loaded.value, fresh_lines)
            if raw is None or loaded.problems:   # no entry: the record is only kept for this import
                self._dropped.add(name)
            elif _plain_lines(raw):
                self._hashes[record_id] = bytes.fromhex(hashed)

    def _remember(self, record_id: str, name: str, hashed: str, facts: tuple, value: dict, lines) -> None:
        line = _entry_line(name, hashed, facts, value)
        offset = lines.seek(0, os.SEEK_END)
        lines.write(line)
        self._facts[record_id] = facts
        self._lines[record_id] = (lines, offset, len(line))

    def index_written(self, record_id: str, text: str, form: dict) -> None:
        """An entry for the file this import has just created with `text`, the direct writer's text of a record that
        reads back as `form` (portal.records.writer.read_back): the next import need not parse it. A text the loader
        would report a problem in (too large, a text-direction control) gets none (it is parsed, as before)."""
        from portal.load.yamlsafe import _BIDI, MAX_FILE_BYTES

        raw = text.encode("utf-8")
        if len(raw) > MAX_FILE_BYTES or _BIDI.search(text):
            return
        name = f"{record_id}.yml"
        self._remember(record_id, name, _hash(raw), record_facts(self.spec, form, origin_of(raw)), form,
                       self._fresh_lines)
        self._dropped.discard(name)

    # ---- writing ---------------------------------------------------------------------------------------------------
    def save(self) -> None:
        """Write the index of the folder as it is after the import (atomically; a failure leaves no index)."""
        target = self.folder / INDEX_NAME
        partial = self.folder / f"{INDEX_NAME}.{os.getpid()}.tmp"
        names = {f"{i}.yml" for i in self._facts}
        try:
            with open(partial, "wb") as out:
                out.write((json.dumps({"index": _MARK_HEADER, "version": _FORMAT, "stamp": self._stamp})
                           + "\n").encode())
                for name in sorted(names):
                    if name not in self._dropped and name[:-4] in self._lines:
                        handle, offset, length = self._lines[name[:-4]]
                        handle.seek(offset)
                        out.write(handle.read(length))
            os.replace(partial, target)
        except OSError:   # no index then: the next import parses every file (slower, never wrong)
            try:
                os.unlink(partial)
            except OSError:
                pass   # the partial file was never made
            try:
                os.unlink(target)   # never an index older than the files
            except OSError:
                pass   # there was none

    def close(self) -> None:
        for handle in self._handles:
            handle.close()
        self._handles = []
