# Tests of provenance: an imported record keeps its workbook, sheet and row; validate's later problems name the cell.
"""Through the portal's CLI on a temporary organisation layer."""
from tables_helpers import ROOT, excel_workbook
from portal.cli import main as portal_main
from portal.records.provenance import read_provenance, workbook_cell


def _portal(layer, *argv):
    return portal_main(["--data", f"{ROOT / 'data'}:{layer}", *argv])


def test_validate_names_the_workbook_cell_of_an_imported_record(tmp_path, capsys):
    layer = tmp_path / "org-data"
    ledger = excel_workbook(tmp_path / "台账.xlsx", {
        "事故": [["事故名称", "事故日期", "省份", "事故类别", "死亡人数"],
                 ["示例配电室触电事故（虚构）", "2024-03-05", "江苏省", "触电", 1]],
        "来源": [["案例编号", "文献标题", "发布单位"], ["示例配电室触电事故（虚构）", "台账（虚构）", "示例公司安全科"]]})
    assert _portal(layer, "import", str(ledger), "--kind", "cases") == 0, capsys.readouterr().out
    capsys.readouterr()
    (record_file,) = (layer / "cases").glob("*.yml")
    found = read_provenance(record_file)
    assert found["row"] == "台账.xlsx:事故!2:2"
    assert found["cells"]["date"] == "台账.xlsx:事故!B2" and found["cells"]["sources[0].title"] == "台账.xlsx:来源!B2"
    assert workbook_cell(record_file, "deaths") == "台账.xlsx:事故!E2"
    text = record_file.read_text(encoding="utf-8")
    record_file.write_text(text.replace("deaths: 1", "deaths: -1"), encoding="utf-8")
    assert _portal(layer, "validate") == 1
    out = capsys.readouterr().out
    (line,) = [line for line in out.splitlines() if record_file.name in line and "deaths" in line]
    assert line.endswith("表格位置 / in the workbook: 台账.xlsx:事故!E2"), line
    assert _portal(layer, "import", str(ledger), "--kind", "cases") == 0
    assert record_file.read_text(encoding="utf-8").count("# imported-from:") == 1, "written anew, never twice"


def test_a_csv_record_names_the_column_of_each_field(tmp_path, capsys):
    """A CSV has no cell letters in its messages: the provenance names the row and the column's header, so a problem
    validate finds later can be found in the ledger; values the mapping made (constants, compose) name the row."""
    from tables_helpers import FIXTURES

    layer = tmp_path / "org-data"
    assert _portal(layer, "import", str(FIXTURES / "us-fatalities.csv"), "--kind", "cases",
                   "--map", str(FIXTURES / "us-fatalities.mapping.yml")) == 0, capsys.readouterr().out
    record_file = next((layer / "cases").glob("*austin*.yml"))
    cells = read_provenance(record_file)["cells"]
    assert cells["date"] == "us-fatalities.csv:row 2 (Date of Incident)"
    assert cells["summary.en"] == "us-fatalities.csv:row 2 (Hazard Description)"
    assert cells["deaths"] == "us-fatalities.csv:row 2" and cells["title.en"] == "us-fatalities.csv:row 2"
