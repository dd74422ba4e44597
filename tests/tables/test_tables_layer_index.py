# Tests of the importer's layer index: its entries read back as the files do, and a stale entry never decides.
"""An import into a layer with an index (`.import-index.jsonl`) does exactly what it does without one: the same
messages and the same files, whatever happened to the layer by hand in between (same-size edits with the
modification time kept, deleted files, a damaged or foreign index)."""
import os
import re
import shutil

import pytest

from tables_helpers import ROOT
from portal.cli import main as portal_main
from portal.load.yamlsafe import load_yaml_file
from portal.records.provenance import read_provenance
from portal.tables import load_existing
from portal.tables.columns import KINDS
from portal.tables.layer_index import INDEX_NAME, LayerRecords, record_facts

HEADER = "事故名称,事故名称(英文),事故日期,省份,事故类别,死亡人数,事故概况,来源编号\n"
ROWS = ("示例公司配电室触电事故（虚构）,Electric shock (fictitious),2024-03-05,江苏省,触电,1,\"检修时未停电验电。\n第二行: 说明\",\n"
        "示例仓库火灾（虚构）,,2024-07-18,浙江省,火灾,0,电气线路老化 #1,K-7\n"
        "示例工地坍塌事故（虚构）,Collapse: site (fictitious),2023-11-02,四川省,坍塌,2,\"'引号'开头的概况\",\n")
MAPPING = "defaults: {sources: [{title: 台账（虚构测试数据）, publisher: 示例公司安全科}]}\n"


def _import(layer, ledger, mapping, capsys, *extra):
    code = portal_main(["--data", f"{ROOT / 'data'}:{layer}", "import", str(ledger), "--kind", "cases",
                        "--map", str(mapping), *extra])
    return code, capsys.readouterr().out.replace(str(layer), "LAYER")


@pytest.fixture
def imported(tmp_path, capsys):
    ledger, mapping = tmp_path / "ledger.csv", tmp_path / "mapping.yml"
    ledger.write_text(HEADER + ROWS, encoding="utf-8")
    mapping.write_text(MAPPING, encoding="utf-8")
    layer = tmp_path / "org"
    code, out = _import(layer, ledger, mapping, capsys)
    assert code == 0 and "created 3" in out, out
    return layer, ledger, mapping


def test_the_entries_read_back_as_their_files(imported, capsys):
    layer, ledger, mapping = imported
    folder = layer / "cases"
    assert (folder / INDEX_NAME).is_file()
    code, out = _import(layer, ledger, mapping, capsys)   # indexes the files the first import wrote
    assert code == 0 and "unchanged 3" in out, out
    existing = LayerRecords(folder, "cases")
    assert existing.parsed == 0, "an import leaves an entry for every file"
    parsed, _problems = load_existing(layer, "cases")
    assert list(existing) == list(parsed)
    for record_id, record in parsed.items():
        assert existing.fresh(record_id) == record
        assert list(existing.fresh(record_id)["title"]) == list(record["title"]), "the order the file has"
        origin = (read_provenance(folder / f"{record_id}.yml") or {}).get("row", "")
        assert existing.facts(record_id) == record_facts(KINDS["cases"], record, origin)
    existing.close()


def test_the_files_an_import_creates_are_indexed_as_they_read_back(imported):
    layer, _ledger, _mapping = imported
    folder = layer / "cases"
    existing = LayerRecords(folder, "cases")
    # the two records with text the YAML emitters write (quoted: " #1", "Collapse: site", "'引号'") are parsed
    assert existing.parsed == 2
    parsed, _problems = load_existing(layer, "cases")
    assert list(existing) == list(parsed)
    for record_id, record in parsed.items():
        assert existing.fresh(record_id) == record
        assert list(existing.fresh(record_id)) == list(record), "the order the file has"
        origin = (read_provenance(folder / f"{record_id}.yml") or {}).get("row", "")
        assert existing.facts(record_id) == record_facts(KINDS["cases"], record, origin)
    existing.close()


def _same_size_edit(path, old, new):
    status = path.stat()
    text = path.read_text(encoding="utf-8")
    edited = text.replace(old, new, 1)
    assert edited != text and len(edited.encode()) == len(text.encode())
    path.write_text(edited, encoding="utf-8")
    os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns))


A_FILE = "shi-li-gong-si-pei-dian-shi-chu-dian-shi-gu-xu-gou-2024.yml"   # a record without a source key


def _retitle(folder):   # the title of one record changed by hand: same size, same modification time
    _same_size_edit(folder / A_FILE, "示例公司配电室", "示例公司配电房")


def _redate(folder):   # its date changed (identity and duplicate key), size and time kept
    _same_size_edit(folder / A_FILE, "date: 2024-03-05", "date: 2024-03-06")


def _delete(folder):
    (folder / "shi-li-gong-di-tan-ta-shi-gu-xu-gou-2023.yml").unlink()


def _truncate(folder):
    index = folder / INDEX_NAME
    index.write_bytes(index.read_bytes()[:-40])


def _foreign(folder):   # an index another version of the code wrote
    index = folder / INDEX_NAME
    header, rest = index.read_bytes().split(b"\n", 1)
    index.write_bytes(header.replace(b'"stamp": "', b'"stamp": "0') + b"\n" + rest)


def _origin(folder):   # the imported-from row edited by hand (another ledger), size and time kept
    _same_size_edit(folder / A_FILE, '{"row": "ledger.csv:', '{"row": "ledgex.csv:')


@pytest.mark.parametrize("edit", [_retitle, _redate, _delete, _truncate, _foreign, _origin])
def test_an_import_after_a_change_to_the_layer_does_what_it_does_without_an_index(imported, capsys, edit):
    layer, ledger, mapping = imported
    assert _import(layer, ledger, mapping, capsys)[0] == 0   # every file indexed
    edit(layer / "cases")
    plain = layer.parent / "plain"
    shutil.copytree(layer, plain)
    (plain / "cases" / INDEX_NAME).unlink()
    for again in (ledger, ledger):   # the same ledger twice: after the first, the index is the one just written
        with_index = _import(layer, again, mapping, capsys)
        without = _import(plain, again, mapping, capsys)
        assert with_index == without
        (plain / "cases" / INDEX_NAME).unlink()
        assert sorted(p.name for p in (layer / "cases").iterdir()) == sorted(
            [p.name for p in (plain / "cases").iterdir()] + [INDEX_NAME])
        for path in (plain / "cases").iterdir():
            assert (layer / "cases" / path.name).read_bytes() == path.read_bytes()


def test_a_hand_edit_that_keeps_size_and_time_is_seen(imported, capsys):
    layer, ledger, mapping = imported
    assert _import(layer, ledger, mapping, capsys)[0] == 0   # every file indexed
    _retitle(layer / "cases")
    existing = LayerRecords(layer / "cases", "cases")
    assert existing.parsed == 1
    record_id = A_FILE[:-4]
    assert existing.facts(record_id)[0] == ("示例公司配电房触电事故(虚构)", "2024-03-05")
    assert existing.fresh(record_id)["title"]["zh"] == "示例公司配电房触电事故（虚构）"
    existing.close()


def test_the_index_is_no_record_for_validate_or_export(imported, capsys):
    layer, _ledger, _mapping = imported
    code = portal_main(["--data", f"{ROOT / 'data'}:{layer}", "export", "cases", str(layer.parent / "own.csv")])
    out = capsys.readouterr().out
    assert code == 0 and "exported 3 record" in out and INDEX_NAME not in out
    code = portal_main(["--data", f"{ROOT / 'data'}:{layer}", "validate"])
    assert INDEX_NAME not in capsys.readouterr().out


def _crlf(folder):   # one file saved with Windows line breaks: the writer reads it rather than trusting its hash
    path = folder / A_FILE
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))


@pytest.mark.parametrize("edit", [None, _origin, _crlf, _retitle])
def test_files_the_import_read_are_judged_as_reading_them_again_would(imported, capsys, monkeypatch, edit):
    """The writer takes the hash and imported-from row of each file from the import's own reading of the layer
    instead of reading the file again: the same actions and bytes as a writer that reads every file."""
    from portal.tables import records as records_module

    layer, ledger, mapping = imported
    assert _import(layer, ledger, mapping, capsys)[0] == 0   # every file indexed
    if edit:
        edit(layer / "cases")
    # a new version of the ledger: a row above the others (every row moves down), one summary corrected
    moved = ledger.parent / "new" / ledger.name
    moved.parent.mkdir()
    moved.write_text(HEADER + "示例新增事故（虚构）,,2022-01-01,北京市,火灾,0,新增的一行,\n"
                     + ROWS.replace("电气线路老化 #1", "电气线路老化 #2"), encoding="utf-8")
    reading = layer.parent / "reading"
    shutil.copytree(layer, reading)
    reads = []
    current_text = records_module._current_text
    monkeypatch.setattr(records_module, "_current_text", lambda path: reads.append(path) or current_text(path))
    trusted = _import(layer, moved, mapping, capsys)
    trusted_reads = len(reads)
    monkeypatch.setattr(LayerRecords, "written", lambda self, record_id: None)
    read_again = _import(reading, moved, mapping, capsys)
    assert trusted[0] == 0 and trusted[1].replace("LAYER", "") == read_again[1].replace("LAYER", ""), trusted
    assert "created 1, updated " in trusted[1], trusted[1]
    written = sum(int(n) for n in re.findall(r"(?:created|updated|unchanged) (\d+)", trusted[1]))
    assert len(reads) - trusted_reads == written, "a writer that does not trust reads every file it writes"
    assert trusted_reads == (2 if edit is _crlf else 1), "only the new record's file and the one with \\r\\n"
    for path in (reading / "cases").iterdir():
        if path.name != INDEX_NAME:
            assert (layer / "cases" / path.name).read_bytes() == path.read_bytes(), path.name
