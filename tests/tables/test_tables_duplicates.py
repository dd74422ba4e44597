# Tests of duplicates: the same event in one file, in two ledgers sharing rows, and in another data layer.
"""Each duplicate is reported with both places and left out (keep-first), or updates the record (update)."""
from tables_helpers import TODAY, vocabularies  # noqa: F401 (vocabularies is a fixture)
from portal.tables import errors, load_existing, read_table, write_records

HEADER = "事故名称,事故日期,省份,事故类别,死亡人数,事故概况\n"
ROW_A = "示例公司配电室触电事故（虚构）,2024-03-05,江苏省,触电,1,检修时未停电验电\n"
ROW_A_AGAIN = "示例公司配电室发生触电事故（虚构）,2024/3/5,江苏省,触电,1,检修时未停电验电。\n"
ROW_B = "示例仓库火灾（虚构）,2024-07-18,浙江省,火灾,0,电气线路老化\n"
SOURCES = {"defaults": {"sources": [{"title": "台账（虚构测试数据）", "publisher": "示例公司安全科"}]}}


def _write(path, *rows):
    path.write_text(HEADER + "".join(rows), encoding="utf-8")
    return path


def test_a_row_repeated_in_one_file_is_reported_with_both_rows(tmp_path, vocabularies):
    records, problems = read_table(_write(tmp_path / "a.csv", ROW_A, ROW_B, ROW_A_AGAIN), "cases", vocabularies,
                                   mapping=SOURCES, today=TODAY)
    assert len(records) == 2 and errors(problems) == []
    duplicates = [str(p) for p in problems if p.code == "duplicate"]
    assert len(duplicates) == 1 and duplicates[0].startswith("a.csv:row 4:") and "a.csv:row 2" in duplicates[0]


def test_two_ledgers_sharing_rows_import_each_event_once(tmp_path, vocabularies):
    data = tmp_path / "org" / "cases"
    first, _ = read_table(_write(tmp_path / "one.csv", ROW_A, ROW_B), "cases", vocabularies, mapping=SOURCES,
                          today=TODAY)
    write_records(first, data, "cases")
    existing, _ = load_existing(data.parent, "cases")
    second, problems = read_table(_write(tmp_path / "two.csv", ROW_A_AGAIN), "cases", vocabularies,
                                  mapping=SOURCES, existing=existing, today=TODAY)
    assert second == [] and errors(problems) == []
    (duplicate,) = [p for p in problems if p.code == "duplicate"]
    assert duplicate.location == "two.csv:row 2" and "cases/shi-li-gong-si-pei-dian-shi-chu-dian-shi-gu-xu-gou-2024.yml" \
        in duplicate.message
    updated, problems = read_table(_write(tmp_path / "two.csv", ROW_A_AGAIN), "cases", vocabularies,
                                   mapping={**SOURCES, "duplicates": "update"}, existing=existing, today=TODAY)
    assert [r["id"] for r in updated] == ["shi-li-gong-si-pei-dian-shi-chu-dian-shi-gu-xu-gou-2024"]
    assert updated[0]["summary"] == {"zh": "检修时未停电验电。"}
    assert updated[0]["title"] == {"zh": "示例公司配电室发生触电事故（虚构）"}


def test_a_row_repeating_a_record_of_another_layer_is_left_out(tmp_path, vocabularies):
    shipped = {"shipped-case": ("data/cases/shipped-case.yml", {
        "id": "shipped-case", "title": {"zh": "示例公司配电室触电事故（虚构）"}, "date": "2024-03-05",
        "place": {"province": "jiangsu"}, "summary": {"zh": "检修时未停电验电"}})}
    records, problems = read_table(_write(tmp_path / "a.csv", ROW_A, ROW_B), "cases", vocabularies, mapping=SOURCES,
                                   other_layers=shipped, taken_ids=set(shipped), today=TODAY,
                                   )
    assert [r["title"]["zh"] for r in records] == ["示例仓库火灾（虚构）"]
    (duplicate,) = [str(p) for p in problems if p.code == "duplicate"]
    assert "data/cases/shipped-case.yml" in duplicate and duplicate.startswith("a.csv:row 2:")


# Two fatality lists shaped like the public US ones (fictitious rows): the inspection number is the lists' own key.
LIST_HEADER = "Date of Incident,Inspection #,Company,City,State,Hazard Description\n"
FELL = "7/18/2024,9000001,Example Roofing LLC (fictitious),Austin,TX,Worker fell from a roof while installing shingles.\n"
FELL_EDITED = ("7/18/2024,9000001,Example Roofing LLC (fictitious),Austin,TX,"
               "Employee was installing roof shingles and fell 20 feet to the ground.\n")
FELL_SECOND_VICTIM = ("7/18/2024,9000005,Example Roofing LLC (fictitious),Austin,TX,"
                      "Worker fell from a roof while installing shingles.\n")
CONVEYOR = "3/5/2024,9000003,Example Steel Co (fictitious),Pittsburgh,PA,Worker caught in a conveyor.\n"
LIST_MAPPING = {"columns": {"Date of Incident": "date", "Hazard Description": "summary.en", "City": "place.city.en",
                            "State": "place.region.en", "Inspection #": "source_key", "Company": "-"},
                "date_order": "MDY",
                "constants": {"place.country": "US", "deaths": 1, "accident_type.scheme": "gb6441-1986",
                              "accident_type.term": "other-injury"},
                "compose": {"title.en": "Fatality at {Company} in {City}, {State}"},
                "defaults": {"sources": [{"title": "Fatality list (fictitious)", "publisher": "Example office"}]}}


def _list(path, *rows):
    path.write_text(LIST_HEADER + "".join(rows), encoding="utf-8")
    return path


def test_the_same_source_key_is_the_same_event_however_the_text_differs(tmp_path, vocabularies):
    data = tmp_path / "org" / "cases"
    first, problems = read_table(_list(tmp_path / "one.csv", FELL, CONVEYOR), "cases", vocabularies,
                                 mapping=LIST_MAPPING, today=TODAY, check_schema=True)
    assert errors(problems) == [] and [r["source_key"] for r in first] == ["9000001", "9000003"]
    write_records(first, data, "cases")
    existing, _ = load_existing(data.parent, "cases")
    fell_id = next(r["id"] for r in first if r["source_key"] == "9000001")
    other = {fell_id: (f"org/cases/{fell_id}.yml", existing[fell_id])}
    # A second list sharing the row, its description rewritten (too unlike for the date/place/text rule): by its key.
    second, problems = read_table(_list(tmp_path / "two.csv", FELL_EDITED), "cases", vocabularies,
                                  mapping=LIST_MAPPING, other_layers=other, taken_ids=set(other), today=TODAY)
    assert len(second) == 0 and errors(problems) == []
    (duplicate,) = [str(p) for p in problems if p.code == "duplicate"]
    assert duplicate.startswith("two.csv:row 2:") and f"org/cases/{fell_id}.yml" in duplicate
    assert "9000001" in duplicate and "source key" in duplicate and "keep-first" in duplicate
    # The same list imported again with its text edited updates its own records (found by the key, not the title).
    again, problems = read_table(_list(tmp_path / "one.csv", FELL_EDITED, CONVEYOR), "cases", vocabularies,
                                 mapping=LIST_MAPPING, existing=existing, today=TODAY)
    assert errors(problems) == [] and sorted(r["id"] for r in again) == sorted(existing)
    assert next(r for r in again if r["id"] == fell_id)["summary"]["en"].startswith("Employee was installing")


def test_different_source_keys_are_different_events_however_alike(tmp_path, vocabularies):
    ledger = _list(tmp_path / "list.csv", FELL, FELL_SECOND_VICTIM)   # two victims of one fall: same day, place, words
    records, problems = read_table(ledger, "cases", vocabularies, mapping=LIST_MAPPING, today=TODAY)
    assert errors(problems) == [] and [r["source_key"] for r in records] == ["9000001", "9000005"]
    assert [p for p in problems if p.code == "duplicate"] == []
    without_key = {**LIST_MAPPING, "columns": {**LIST_MAPPING["columns"], "Inspection #": "-"}}
    records, problems = read_table(ledger, "cases", vocabularies, mapping=without_key, today=TODAY)
    assert len(records) == 1, "without the key only date, place and text are left, and they say: the same event"
    (duplicate,) = [str(p) for p in problems if p.code == "duplicate"]
    assert duplicate.startswith("list.csv:row 3:") and "list.csv:row 2" in duplicate


def test_a_repeated_source_key_in_one_file_keeps_the_first_row(tmp_path, vocabularies):
    records, problems = read_table(_list(tmp_path / "list.csv", FELL, CONVEYOR, FELL_EDITED), "cases", vocabularies,
                                   mapping=LIST_MAPPING, today=TODAY)
    assert [r["summary"]["en"] for r in records][0].startswith("Worker fell") and len(records) == 2
    (duplicate,) = [str(p) for p in problems if p.code == "duplicate"]
    assert duplicate.startswith("list.csv:row 4:") and "list.csv:row 2" in duplicate


def test_two_ledgers_sharing_rows_through_the_command_each_event_once_with_both_places(tmp_path, capsys):
    """`import one.csv`, then `import two.csv` sharing a row (same inspection number) into the same organisation
    layer: the shared row is reported with both places (two.csv:row 2 and the record, read from one.csv:row 3) and
    left out; one.csv imported again still updates its own records."""
    from tables_helpers import ROOT
    from portal.cli import main as portal_main

    layer = tmp_path / "org-data"
    mapping = tmp_path / "m.yml"
    import yaml

    mapping.write_text(yaml.safe_dump(LIST_MAPPING, allow_unicode=True), encoding="utf-8")

    def run(ledger):
        code = portal_main(["--data", f"{ROOT / 'data'}:{layer}", "import", str(ledger), "--kind", "cases",
                            "--map", str(mapping)])
        return code, capsys.readouterr().out

    code, out = run(_list(tmp_path / "one.csv", FELL, CONVEYOR))
    assert code == 0 and "created 2" in out, out
    code, out = run(_list(tmp_path / "two.csv", CONVEYOR.replace("conveyor.", "conveyor belt."), FELL_SECOND_VICTIM))
    assert code == 0 and "created 1" in out and "updated" not in out, out
    (line,) = [line for line in out.splitlines() if "同一事件" in line and "two.csv:row" in line]
    assert line.startswith("two.csv:row 2:") and "one.csv:row 3" in line and "9000003" in line, line
    assert len(list((layer / "cases").glob("*.yml"))) == 3
    code, out = run(_list(tmp_path / "one.csv", FELL_EDITED, CONVEYOR))
    assert code == 0 and "updated 1" in out and "同一事件" not in out, out
