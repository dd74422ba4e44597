# Tests of the template / import / export subcommands through the portal's CLI, on a temporary data layer.
"""The subcommands run on the layers data/ and a temporary folder (the last layer, written to)."""
from tables_helpers import ROOT, fill_workbook
from portal.cli import main as portal_main
from portal.tables import load_existing


def run(argv, layer, capsys):
    """`python -m portal <argv>` on the layers data:<layer> (import takes its kind as --kind, as the CLI does)."""
    if argv[0] == "import":
        argv = ["import", argv[2], "--kind", argv[1], *argv[3:]]
    code = portal_main(["--data", f"{ROOT / 'data'}:{layer}", *argv])
    return code, capsys.readouterr().out


def test_template_import_export_on_an_organisation_layer(tmp_path, capsys):
    layer = tmp_path / "org-data"
    template = tmp_path / "t.xlsx"
    assert run(["template", "cases", str(template)], layer, capsys)[0] == 0
    fill_workbook(template, {"事故案例": [{"事故名称": "虚构事故", "事故日期": "2024-01-01", "省份": "四川省", "死亡人数": 0}],
                             "来源": [{"案例编号": "虚构事故", "文献标题": "虚构台账", "发布单位": "示例单位"}]})
    code, out = run(["import", "cases", str(template), "--dry-run"], layer, capsys)
    assert code == 0 and "would write" in out and not (layer / "cases").exists()
    code, out = run(["import", "cases", str(template)], layer, capsys)
    assert code == 0 and "created 1" in out
    assert list(load_existing(layer, "cases")[0]) == ["xu-gou-shi-gu-2024"]
    code, out = run(["import", "cases", str(template)], layer, capsys)
    assert code == 0 and "unchanged 1" in out
    code, out = run(["export", "cases", str(tmp_path / "all.csv"), "--all-layers"], layer, capsys)
    assert code == 0 and (tmp_path / "all.csv").read_text(encoding="utf-8-sig").count("\n") > 3
    code, out = run(["export", "cases", str(tmp_path / "own.xlsx")], layer, capsys)
    assert code == 0 and "exported 1 record" in out, "by default only the organisation's own layer"
    before = load_existing(layer, "cases")[0]
    code, out = run(["import", "cases", str(tmp_path / "own.xlsx")], layer, capsys)
    assert code == 0 and "问题" not in out and load_existing(layer, "cases")[0] == before, "export -> import is clean"


def test_make_passes_kind_map_data_encoding_and_the_export_selection():
    import subprocess

    def dry(*argv):
        done = subprocess.run(["make", "-n", "-s", *argv], cwd=ROOT, capture_output=True, text=True, check=True)
        return done.stdout.strip().splitlines()[-1]

    line = dry("import", "FROM=台账.csv", "KIND=cases", "MAP=映射.yml", "ENCODING=cp1252")
    assert '--kind cases --map "映射.yml" --encoding cp1252' in line and 'PORTAL_DATA="data:../org-data"' in line
    assert "--kind" not in dry("import", "FROM=contacts.xlsx"), "without KIND the file name decides"
    assert 'PORTAL_DATA="data:../branch"' in dry("import", "FROM=x.csv", "DATA=data:../branch")
    assert dry("export", "KIND=contacts", "IDS=a,b").endswith('export contacts "contacts.xlsx" --ids a,b')
    assert dry("export", "ALL=1").endswith("--all-layers")


def test_import_refuses_an_id_of_the_shipped_data_and_writes_nothing(tmp_path, capsys):
    layer = tmp_path / "org-data"
    template = tmp_path / "t.xlsx"
    run(["template", "cases", str(template)], layer, capsys)
    fill_workbook(template, {"事故案例": [{"案例编号": "tianjin-port-fire-explosion-2015", "事故名称": "虚构",
                                          "事故日期": "2024-01-01", "省份": "四川省", "死亡人数": 0}],
                             "来源": [{"案例编号": "虚构", "文献标题": "虚构台账", "发布单位": "示例单位"}]})
    code, out = run(["import", "cases", str(template)], layer, capsys)
    assert code == 1 and "nothing was written" in out and not (layer / "cases").exists()
    assert "t.xlsx:事故案例!A4: 案例编号: 编号“tianjin-port-fire-explosion-2015”已被上一层数据" in out


def test_the_kind_comes_from_the_mapping_and_a_contradiction_is_a_problem(tmp_path, capsys):
    from tables_helpers import FIXTURES

    layer = tmp_path / "org-data"
    ledger = tmp_path / "台账.csv"     # a name that says no kind
    ledger.write_bytes((FIXTURES / "us-fatalities.csv").read_bytes())
    mapping = tmp_path / "m.yml"
    mapping.write_text("kind: cases\n" + (FIXTURES / "us-fatalities.mapping.yml").read_text(encoding="utf-8"),
                       encoding="utf-8")
    code = portal_main(["--data", f"{ROOT / 'data'}:{layer}", "import", str(ledger), "--map", str(mapping)])
    assert code == 0 and "created 3" in capsys.readouterr().out
    mapping.write_text(mapping.read_text(encoding="utf-8").replace("kind: cases", "kind: contacts"), encoding="utf-8")
    code = portal_main(["--data", f"{ROOT / 'data'}:{layer}", "import", str(ledger), "--kind", "cases",
                        "--map", str(mapping)])
    assert code == 1 and "m.yml:1: kind" in capsys.readouterr().out


def test_python_m_portal_import_never_writes_into_the_shipped_data(tmp_path, capsys):
    """Without a layer after data/, the command says where imports go instead of writing into data/ (or listing
    'English text is missing' problems of the shipped data's strict rules)."""
    from tables_helpers import FIXTURES

    code = portal_main(["--data", str(ROOT / "data"), "import", str(FIXTURES / "us-fatalities.csv"), "--kind", "cases",
                        "--map", str(FIXTURES / "us-fatalities.mapping.yml")])
    out = capsys.readouterr().out
    assert code == 2 and "make import" in out and "../org-data" in out and "缺中文" not in out, out
