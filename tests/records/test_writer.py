# Tests of the records core's one YAML writer: every shipped record written again loads back equal and validates.
"""record_text: schema comment line, schema key order, literal blocks, unquoted dates, `overrides` beside the id."""
import datetime as dt
from pathlib import Path

import yaml

from portal.check.validate import load_checked
from portal.load.dataset import read_dataset
from portal.records.layers import read_kind
from portal.records.writer import fields_text, record_text, write_record
from portal.settings import SHIPPED_DATA, Settings

TODAY = dt.date.today()  # as `make validate` checks the shipped data (access dates are never in the future)


class _Kind:
    def __init__(self, name):
        self.name = name


def _shipped():
    kinds = [_Kind(p.name) for p in sorted(SHIPPED_DATA.iterdir()) if p.is_dir() and p.name not in ("schema", "vocab")]
    return read_dataset((SHIPPED_DATA,), kinds)


def test_every_shipped_record_round_trips_and_validates(tmp_path):
    shipped = _shipped()
    layer = tmp_path / "data"
    written = 0
    for kind, records in shipped.records.items():
        for record_id, record in records.items():
            source = Path(shipped.record_files[(kind, record_id)].source).read_text(encoding="utf-8")
            schema_line = next(line for line in source.splitlines() if "$schema=" in line)
            text = record_text(record, schema_line.rsplit("/", 1)[-1])
            assert text.splitlines()[0] == schema_line, "the schema comment line comes first"
            assert write_record(layer / kind / f"{record_id}.yml", text) == "created"
            written += 1
    assert written > 100
    again = read_dataset((layer,), [_Kind(kind) for kind in shipped.records])
    assert again.records == shipped.records, "every record loads back equal"
    result = load_checked(Settings(data_dirs=(layer,), today=TODAY))
    assert [str(p) for p in result.problems] == []


def test_key_order_blocks_dates_and_overrides():
    record = {"texts": [{"articles": [{"text": "第一款\n（一）第二款", "number": "3"}], "version": "2021-09-01"}],
              "level": "law", "overrides": True, "title": {"en": "Law", "zh": "法"}, "id": "a-law",
              "promulgated": "2021-06-10", "notes": {"zh": "行尾有空格 \n第二行"}}
    text = record_text(record, "regulation.schema.json")
    lines = text.splitlines()
    assert lines[0] == "# yaml-language-server: $schema=../schema/regulation.schema.json"
    assert [line.split(":")[0] for line in lines if line[:1].isalpha()] == \
        ["id", "overrides", "title", "level", "promulgated", "notes", "texts"]
    assert "  zh: 法\n  en: Law\n" in text, "nested keys in the schema's order too"
    assert "promulgated: 2021-06-10\n" in text and "- version: 2021-09-01\n" in text, "dates unquoted"
    assert "text: |-\n" in text, "multi-line text as a literal block"
    loaded = yaml.safe_load(text)
    assert loaded["notes"]["zh"] == "行尾有空格 \n第二行", "text a block cannot hold is still kept exactly"
    assert str(loaded["texts"][0]["version"]) == "2021-09-01"
    assert fields_text({"promulgated": "2021-06-10"}, "regulation.schema.json") == "promulgated: 2021-06-10\n"


def test_write_record_says_what_it_did(tmp_path):
    path = tmp_path / "cases" / "x.yml"
    assert write_record(path, "a: 1\n") == "created"
    assert write_record(path, "a: 1\n") == "unchanged"
    assert write_record(path, "a: 2\n") == "updated"
    assert [p.name for p in path.parent.iterdir()] == ["x.yml"], "no temporary file left behind"


def test_read_kind_sees_every_layer(tmp_path):
    layer = tmp_path / "org"
    (layer / "cases").mkdir(parents=True)
    found = read_kind((SHIPPED_DATA, layer), "regulations")
    assert found.records and not found.problems, "the other kinds' folders and a missing folder are not problems"
    some_id = next(iter(found.records))
    assert found.layer_of[some_id] == 0 and not found.in_write_layer(some_id)
    assert found.files[some_id] == SHIPPED_DATA / "regulations" / f"{some_id}.yml"
    assert found.write_layer == layer


def test_fast_emitter_writes_the_same_bytes_as_the_python_one():
    """The libyaml emitter is used for speed only: every shipped record, and text it would escape differently
    (beyond the BMP, NEL, LS), comes out byte for byte as the Python emitter writes it."""
    from portal.records import writer

    assert writer._FastDumper is not None, "PyYAML is installed with libyaml (the pinned wheel has it)"
    options = dict(allow_unicode=True, sort_keys=False, default_flow_style=False, width=4096, indent=2)
    shipped = _shipped()
    values = [record for records in shipped.records.values() for record in records.values()]
    values.append({"a": "emoji 😀 in a title", "b": "next\x85line", "c": "ls\u2028ps\u2029", "d": "a\\b",
                   "e": "多行\n文字", "f": "行尾空格 \n", "g": "\ufeffbom", "h": "a\r\nb"})
    for value in values:
        assert writer.dump_yaml(value) == yaml.dump(value, Dumper=writer._Dumper, **options)
    assert yaml.dump(values[-1], Dumper=writer._FastDumper, **options) != \
        yaml.dump(values[-1], Dumper=writer._Dumper, **options), "the escapes the fallback exists for"


def test_direct_writer_writes_what_both_emitters_write():
    """The common record is written without the emitters (speed): whenever the direct writer gives a text, it is the
    text libyaml and PyYAML's own emitter give, for shipped records and for values that need quotes, escapes, a block
    indicator or the emitters' own choice (the direct writer then leaves them to the emitters)."""
    from portal.records import writer

    options = dict(allow_unicode=True, sort_keys=False, default_flow_style=False, width=4096, indent=2)
    tricky = ["", " x", "x ", "yes", "null", "~", "1", "-1", "1.5", "2020-01-01", "a: b", "a:", "- x", "-", "? x",
              ":x", "#c", "x #y", "x#y", "'q'", '"d"', "@x", "`x", "!x", "&x", "*x", "%x", "|", ">", "---", "...",
              "[1]", "{a}", "a,b", "\tx", "a\\b", "\x7f", "\x85", "a\u2028b", "\ufeffx", "😀", "x" * 5000,
              "x y " * 700, "a\nb", "a\nb\n", "a\nb\n\n", " a\nb\n", "\na\n", "a \nb\n", "a\n\n  b\n", "中文：标题",
              "https://example.org/a#b", "k" * 130, dt.date(2020, 1, 2), 3, True, None, 1.5, [], {}, [[1]]]
    values = [record for records in _shipped().records.values() for record in records.values()]
    values += [{"k": value} for value in tricky] + [{value: 1} for value in tricky if isinstance(value, str) and value]
    values += [{"list": [value, "plain"]} for value in tricky] + [{"m": {"n": [{"a": value, "b": 2}]}} for value in tricky]
    direct = 0
    for value in values:
        text = writer._block_text(value)
        if text is None:
            continue
        direct += 1
        assert text == yaml.dump(value, Dumper=writer._Dumper, **options) == \
            yaml.dump(value, Dumper=writer._FastDumper, **options), value
    assert direct > 20, "plain values (and records without text that needs quotes) are written directly"


def test_record_text_in_one_pass_is_the_ordered_record_written():
    """record_text orders keys and turns date fields into dates while it writes (speed): its text is the text of the
    ordered record (`_ordered`, then dump_yaml), for every shipped record and for records with odd dates, unknown keys,
    `overrides`, nested lists and values the direct writer leaves to the emitters."""
    from collections import OrderedDict

    from portal.records import writer

    shipped = _shipped()
    pairs = []
    for kind, records in shipped.records.items():
        for record_id, record in records.items():
            source = Path(shipped.record_files[(kind, record_id)].source).read_text(encoding="utf-8")
            schema = next(line for line in source.splitlines() if "$schema=" in line).rsplit("/", 1)[-1]
            pairs.append((record, schema))
    odd_dates = ["2021-06-10", "2021-13-45", "２０２１-０６-１０", "2021-06-10\n", "2021-6-1", "", " 2021-06-10", 20210610,
                 dt.date(2021, 6, 10), None, ["2021-06-10"], {"zh": "2021-06-10"}]
    for value in odd_dates:
        pairs.append(({"texts": [{"articles": [{"text": "款", "number": "3"}], "version": value}], "level": "law",
                       "title": {"en": "Law", "zh": "法"}, "id": "a-law", "promulgated": value,
                       "unknown": {"promulgated": "2021-06-10", "b": [value]}}, "regulation.schema.json"))
        pairs.append(({"id": "x", "overrides": True, "date": value, "title": {"zh": "题"}, "sources": [
            {"accessed": value, "title": "源"}]}, "case.schema.json"))
    pairs.append(({"overrides": True, "title": {"zh": "题"}}, "case.schema.json"))
    pairs.append((OrderedDict(id="x", date="2021-06-10"), "case.schema.json"))
    pairs.append(({"id": "x", "title": OrderedDict(en="E", zh="中"), "date": "2021-06-10"}, "case.schema.json"))
    pairs.append(({"id": "x", "summary": {"zh": "a: b"}, "date": "2021-06-10"}, "case.schema.json"))
    direct = 0
    for record, schema in pairs:
        order, dates = writer.schema_order(writer._resolved(str(writer.SCHEMA_DIR)), schema)
        expected = writer.schema_line(schema) + writer.dump_yaml(writer._ordered(record, order, (), dates))
        assert record_text(record, schema) == expected, record
        direct += writer._block_text(record, writer._plan(writer._resolved(str(writer.SCHEMA_DIR)), schema)) is not None
    assert direct >= 20, "records of plain values are written in one pass"


def test_read_back_is_what_the_loader_reads_from_a_direct_text(tmp_path):
    """read_back (the importer's index entry for a file it created) is exactly what the loader reads from the text
    record_text wrote, key order included, whenever record_text says the text is the direct writer's."""
    import json

    from portal.load.yamlsafe import _load
    from portal.records.writer import read_back

    shipped = _shipped()
    tricky = ["plain", "2020-01-01", "2020-13-01", "a\nb", "a\nb\n", "中文：标题", "x #y", "1", "yes", 7, -3, True,
              False, None, dt.date(2020, 1, 2), 1.5, "a\u202eb", [{"zh": "甲", "en": "A"}], {"zh": "乙"}]
    pairs = []
    for kind, records in shipped.records.items():
        for record_id, record in records.items():
            source = Path(shipped.record_files[(kind, record_id)].source).read_text(encoding="utf-8")
            pairs.append((record, next(line for line in source.splitlines() if "$schema=" in line).rsplit("/", 1)[-1]))
    base = {"id": "x", "title": {"zh": "标题"}, "date": "2024-03-05", "deaths": 1}
    pairs += [({**base, field: value}, "case.schema.json") for value in tricky
              for field in ("summary", "date", "zz_unknown", "deaths")]
    pairs += [({"zz": 1, **base, "overrides": True}, "case.schema.json")]
    direct_count = 0
    for record, schema in pairs:
        direct: list = []
        text = record_text(record, schema, direct=direct)
        if not direct:
            continue
        direct_count += 1
        path = tmp_path / "x.yml"
        path.write_text(text, encoding="utf-8")
        loaded = _load(path, "cases/x.yml")
        if loaded.problems:
            continue   # the importer's index gives such a text no entry (a text-direction control is reported)
        assert json.dumps(read_back(record, schema)) == json.dumps(loaded.value), record
    assert direct_count > 50
