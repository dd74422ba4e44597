# The fast YAML path (no line bookkeeping, parallel workers) must give exactly what the careful path gives.
"""A valid file is parsed once without lines; its lines are worked out when a problem needs them. These tests
compare both paths on every shipped data file and on irregular YAML (tags, duplicate keys, merge keys, deep nesting,
unreadable values), and the parallel preload with the serial reading."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from portal.load import yamlsafe
from portal_testing import SHIPPED_DATA

SHIPPED_FILES = sorted(SHIPPED_DATA.rglob("*.yml"))

IRREGULAR = {
    "duplicate-key": "id: a\ntitle: x\nid: b\n",
    "custom-tag": "id: a\ntitle: !!python/object:os.system x\n",
    "binary-tag": "id: a\nblob: !!binary aGVsbG8=\n",
    "merge-key": "base: &b {x: 1}\nid: a\n<<: *b\n",
    "set-tag": "id: a\nitems: !!set {a, b}\n",
    "complex-key": "? [a, b]\n: value\n",
    "too-deep": "a:\n" + "".join("  " * i + f"- k{i}:\n" for i in range(1, 45)) + "  " * 45 + "- end\n",
    "bad-int": "id: a\ncount: !!int twelve\n",
    "plain": "id: a\ncount: 12\nratio: 0.5\nflag: true\nnothing: null\ndate: 2020-01-01\nlist: [1, two]\n",
}


def careful(path: Path) -> yamlsafe.LoadedFile:
    return yamlsafe._load(path, path.name, with_lines=True)


@pytest.mark.parametrize("path", SHIPPED_FILES, ids=lambda p: str(p.relative_to(SHIPPED_DATA)))
def test_shipped_files_read_the_same_on_both_paths(path):
    fast = yamlsafe._load(path, path.name)
    assert fast._lines is None, "a valid file must not pay for its lines up front"
    slow = careful(path)
    assert repr(fast.value) == repr(slow.value)
    assert fast.problems == slow.problems == []
    assert fast.lines == slow.lines  # worked out on demand, from the file
    assert fast.line_of(("id",)) == slow.line_of(("id",)) > 1


@pytest.mark.parametrize("name", sorted(IRREGULAR))
def test_irregular_yaml_is_reported_with_lines(tmp_path, name):
    path = tmp_path / f"{name}.yml"
    path.write_text(IRREGULAR[name], encoding="utf-8")
    fast = yamlsafe._load(path, path.name)
    slow = careful(path)
    assert repr(fast.value) == repr(slow.value)
    assert [(p.line, p.field, p.code) for p in fast.problems] == [(p.line, p.field, p.code) for p in slow.problems]
    if name == "plain":
        assert fast.problems == [] and fast.value["date"] == "2020-01-01" and fast.value["count"] == 12
    else:
        assert fast.problems, f"{name}: not reported"
        assert all(p.line >= 1 for p in fast.problems)


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="preload uses workers only with two cores or more")
def test_parallel_preload_matches_serial_reading(tmp_path, monkeypatch):
    files = []
    for i in range(450):  # above the threshold at which workers start
        path = tmp_path / f"r{i}.yml"
        text = IRREGULAR["plain"] if i % 3 else IRREGULAR["duplicate-key"]
        path.write_text(text.replace("id: a", f"id: r{i}"), encoding="utf-8")
        files.append((path, path.name))
    cache = yamlsafe.ParseCache()
    yamlsafe.preload(files, cache, processes=2)
    assert len(cache) == len(files), "preload did not fill the cache"
    for path, rel_path in files:
        loaded = yamlsafe.load_yaml_file(path, rel_path, cache)
        assert loaded is cache.get(loaded.key), "parsed again although preloaded"
        serial = careful(path)
        assert loaded.key == yamlsafe.cache_key(path, rel_path)
        assert repr(loaded.value) == repr(serial.value)
        assert [(p.line, p.code) for p in loaded.problems] == [(p.line, p.code) for p in serial.problems]
