# Runs the import/export commands and mapping examples of README.md and data/README.md as written there, through make.
"""The docs cannot drift from what works: each `make import …` line and each mapping block of data/README.md (the
quick start, worked example 1 — an English CSV with M/D/YYYY dates and placeholder rows — and worked example 2 — a
台账 with a title row, merged headers and 万元) is read from the Markdown and run with `make` in a scratch checkout
(symlinks to the Makefile, portal/ and data/), whose organisation layer is the documented default ../org-data."""
import csv
import os
import re
import shlex
import shutil
import subprocess
import sys

import pytest

from tables_helpers import FIXTURES, ROOT, taizhang
from portal.tables import load_existing

GUIDE = (ROOT / "data" / "README.md").read_text(encoding="utf-8")
README = (ROOT / "README.md").read_text(encoding="utf-8")


def command_after(marker: str, start: str = "make import") -> str:
    """The first `make …` command in backquotes after `marker` in data/README.md."""
    found = re.search(rf"`({re.escape(start)}[^`]*)`", GUIDE[GUIDE.index(marker):])
    return found.group(1)


def yaml_after(marker: str) -> str:
    """The first ```yaml block after `marker` in data/README.md (a list item's indentation removed)."""
    text = GUIDE[GUIDE.index(marker):]
    block = text[text.index("```yaml") + len("```yaml"):]
    block = block[:block.index("```")]
    indent = min(len(line) - len(line.lstrip()) for line in block.splitlines() if line.strip())
    return "\n".join(line[indent:] for line in block.splitlines()).strip() + "\n"


@pytest.fixture
def checkout(tmp_path):
    """A scratch checkout: the Makefile, portal/ and data/ of this one; ../org-data is tmp_path/org-data."""
    root = tmp_path / "portal"
    root.mkdir()
    for name in ("Makefile", "pyproject.toml", "portal", "data"):
        (root / name).symlink_to(ROOT / name)
    return root


def make(root, command: str) -> tuple[int, str]:
    """`command` ("make import FROM=…") run in `root` with this Python (the venv step left out)."""
    argv = shlex.split(command)
    assert argv[0] == "make", command
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL", "PORTAL_DATA", "DATA")}
    done = subprocess.run(["make", "-s", "-o", ".venv/.installed", f"PY={sys.executable}", *argv[1:]], cwd=root,
                          capture_output=True, text=True, timeout=300, env=env)
    return done.returncode, done.stdout + done.stderr


def test_worked_example_1_english_csv_exactly_as_documented(checkout):
    command = command_after("**Worked example 1")
    assert command == "make import FROM=us-fatalities.csv KIND=cases MAP=us-fatalities.mapping.yml"
    shutil.copy(FIXTURES / "us-fatalities.csv", checkout)
    (checkout / "us-fatalities.mapping.yml").write_text(yaml_after("**Worked example 1"), encoding="utf-8")
    code, out = make(checkout, command)
    assert code == 0 and "created 3" in out, out
    records = load_existing(checkout.parent / "org-data", "cases")[0]
    assert sorted(r["source_key"] for r in records.values()) == ["9000001", "9000003", "9000004"]
    assert {r["place"]["country"] for r in records.values()} == {"US"} and "rows 3" in out, "the placeholder row"
    code, out = make(checkout, "make validate")   # "run `make validate` next": the layer is added after data/
    shipped = len(list((ROOT / "data" / "cases").glob("*.yml")))
    assert code == 0 and f"{checkout.parent / 'org-data'}: " in out and f"cases {shipped + 3}," in out, out[-2000:]
    # the organisation layer exports and imports back without a problem, changing nothing
    before = {p.name: p.read_text(encoding="utf-8") for p in (checkout.parent / "org-data" / "cases").glob("*.yml")}
    for out_file in ("cases.xlsx", "cases.csv"):
        code, out = make(checkout, f"make export KIND=cases OUT={out_file}")
        assert code == 0 and "exported 3 record" in out, out
        code, out = make(checkout, f"make import FROM={out_file}")
        assert code == 0 and "问题" not in out and "unchanged 3" in out, out
    after = {p.name: p.read_text(encoding="utf-8") for p in (checkout.parent / "org-data" / "cases").glob("*.yml")}
    assert after == before


def test_worked_example_2_taizhang_exactly_as_documented(checkout):
    command = command_after("**Worked example 2")
    assert command == "make import FROM=台账.xlsx KIND=cases MAP=taizhang.mapping.yml"
    taizhang(checkout / "台账.xlsx")
    (checkout / "taizhang.mapping.yml").write_text(yaml_after("**Worked example 2"), encoding="utf-8")
    code, out = make(checkout, command)
    assert code == 0 and "created 3" in out, out
    records = load_existing(checkout.parent / "org-data", "cases")[0]
    assert sorted((r["title"]["zh"], r["direct_loss_cny"]) for r in records.values()) == [
        ("一车间配电室触电事故（虚构）", 125000), ("三号工地脚手架坍塌（虚构）", 3000000), ("二号仓库仓库火灾（虚构）", 5678.9)]


def test_quick_start_mapping_and_command_exactly_as_documented(checkout):
    command = command_after("不是按模板做的台账")
    assert command.startswith("make import FROM=台账.csv") and "MAP=映射.yml" in command
    (checkout / "映射.yml").write_text(yaml_after("不是按模板做的台账"), encoding="utf-8")
    with (checkout / "台账.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["事故名称", "发生时间", "死亡人数", "所在省份", "行业", "事故类别"])
        writer.writerow(["配电室触电事故（虚构）", "2024/3/5", "1", "江苏", "供电", "触电"])
    code, out = make(checkout, command)
    assert code == 0 and "created 1" in out, out
    (record,) = load_existing(checkout.parent / "org-data", "cases")[0].values()
    assert (record["industry"], record["place"], record["date"]) == ("power", {"province": "jiangsu"}, "2024-03-05")


def test_template_commands_of_both_guides_import_into_the_organisation_layer(checkout):
    """`make template KIND=cases`, then `make import FROM=我的台账.xlsx` (no KIND: the template's sheet says cases)
    and README.md's `make import FROM=ledger.xlsx`: written to ../org-data, never into the shipped data/."""
    import openpyxl

    assert "`make template KIND=cases`" in GUIDE and "make import FROM=我的台账.xlsx" in GUIDE
    assert "make import FROM=ledger.xlsx [KIND=cases]" in README
    code, out = make(checkout, "make template KIND=cases")
    assert code == 0, out
    book = openpyxl.load_workbook(checkout / "cases-template.xlsx")
    sheet = book["事故案例"]
    headers = {str(c.value).lstrip("*"): c.column for c in sheet[1] if c.value}
    row = sheet.max_row + 1
    for header, value in {"事故名称": "叉车伤人事故（虚构）", "事故日期": "2024-06-01", "省份": "四川省", "事故类别": "车辆伤害",
                          "死亡人数": 1}.items():
        sheet.cell(row, headers[header], value)
    sources = book["来源"]
    columns = {str(c.value).lstrip("*"): c.column for c in sources[1] if c.value}
    for header, value in {"案例编号": "叉车伤人事故（虚构）", "文献标题": "事故台账（虚构）", "发布单位": "示例公司"}.items():
        sources.cell(sources.max_row + 1 if header == "案例编号" else sources.max_row, columns[header], value)
    book.save(checkout / "我的台账.xlsx")
    shutil.copy(checkout / "我的台账.xlsx", checkout / "ledger.xlsx")
    code, out = make(checkout, "make import FROM=我的台账.xlsx")
    assert code == 0 and "created 1" in out and "org-data" in out, out
    code, out = make(checkout, "make import FROM=我的台账.xlsx")
    assert code == 0 and "unchanged 1" in out, out
    code, out = make(checkout, "make import FROM=ledger.xlsx")   # another file with the same row: a duplicate
    assert code == 0 and "ledger.xlsx:事故案例!" in out and "imported from 我的台账.xlsx:事故案例!" in out, out
    assert sorted(p.name for p in (checkout.parent / "org-data" / "cases").iterdir()) == [
        ".import-index.jsonl", "cha-che-shang-ren-shi-gu-xu-gou-2024.yml"]   # the importer's index (a dot file)
