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
