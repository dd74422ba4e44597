# Tests of write_template: sheet layout, marks, drop-downs, instructions; a template filled in by hand imports.
"""Templates are filled with openpyxl below the example row, as a user would type them."""
import openpyxl
import pytest

from tables_helpers import TODAY, fill_workbook, vocabularies  # noqa: F401 (vocabularies is a fixture)
from portal.tables import KINDS, read_table, write_template

ALL_KINDS = sorted(KINDS)


@pytest.mark.parametrize("kind", ALL_KINDS)
def test_template_layout(tmp_path, vocabularies, kind):
    spec = KINDS[kind]
    path = write_template(kind, vocabularies, tmp_path / f"{kind}.xlsx")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == [spec.zh, *(c.zh for c in spec.children), "说明", "词表"]
    assert book["词表"].sheet_state == "hidden"
    main = book[spec.zh]
    headers = [c.value for c in main[1]]
    english = [c.value for c in main[2]]
    assert headers[0] == spec.key_zh and english[0] == spec.key_en
    for col, header, en in zip(spec.physical(), headers, english):
        assert header == ("*" if col.required else "") + col.zh
        assert en == col.en
        cell = main.cell(1, headers.index(header) + 1)
        assert cell.fill.fgColor.rgb.endswith("F8CBAD" if col.required else "DDEBF7")
        assert cell.comment is not None and ("必填" if col.required else "选填") in cell.comment.text
    vocab_columns = [i for i, c in enumerate(spec.physical(), 1) if c.column.type.startswith("vocab")]
    ranges = {str(rule.sqref): rule.formula1 for rule in main.data_validations.dataValidation}
    for index in vocab_columns:
        letter = openpyxl.utils.get_column_letter(index)
        assert ranges[f"{letter}3:{letter}1048576"].startswith("'词表'!$")
    assert main.max_row == 3, "one example row below the two header rows"
    instructions = [row[0].value for row in book["说明"].iter_rows()]
    assert instructions[0] == "填写说明"
    assert instructions.index("Instructions") > instructions.index("工作表"), "Chinese first, then English"


def test_drop_down_lists_hold_chinese_labels(tmp_path, vocabularies):
    book = openpyxl.load_workbook(write_template("cases", vocabularies, tmp_path / "t.xlsx"))
    lists = book["词表"]
    columns = {lists.cell(1, c).value: [lists.cell(r, c).value for r in range(2, lists.max_row + 1)]
               for c in range(1, lists.max_column + 1)}
    assert [v for v in columns["industries"] if v] == [t["label"]["zh"] for t in vocabularies["industries"]]
    assert "电力" in columns["industries"] and "江苏省" in columns["provinces"]


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_untouched_template_imports_nothing(tmp_path, vocabularies, suffix):
    for kind in ALL_KINDS:
        records, problems = read_table(write_template(kind, vocabularies, tmp_path / f"{kind}{suffix}"), kind,
                                       vocabularies, today=TODAY)
        assert (records, problems) == ([], []), kind


def test_template_filled_by_a_user_imports(tmp_path, vocabularies):
    template = write_template("cases", vocabularies, tmp_path / "template.xlsx")
    fill_workbook(template, {
        "事故案例": [
            {"事故名称": "示例化工厂“3·21”爆炸事故（虚构）", "事故名称(英文)": "Fictitious chemical plant explosion",
             "事故日期": "2019年3月21日", "省份": "江苏省", "行业": "Chemicals and hazardous chemicals",
             "事故类别": "其它爆炸", "死亡人数": 3, "直接经济损失(元)": "1.5亿元", "主题": "危险化学品、消防安全",
             "直接原因": "1、原因甲\n2、原因乙", "直接原因(英文)": "Cause A\nCause B", "事故教训": "教训一"},
            {"案例编号": "my-own-key-7", "事故名称": "示例仓库火灾（虚构）", "事故日期": 43600, "省份": "tianjin",
             "死亡人数": "0"},
        ],
        "来源": [
            {"案例编号": "示例化工厂“3·21”爆炸事故（虚构）", "文献标题": "虚构的调查报告", "发布单位": "示例应急管理局",
             "文献类型": "事故调查报告", "网址": "https://example.com/r.html"},
            {"案例编号": "my-own-key-7", "文献标题": "虚构台账", "发布单位": "示例公司"},
        ],
        "违反条款": [{"案例编号": "my-own-key-7", "法规编号": "work-safety-law", "条款": "第二十一条"}],
        "经过": [{"案例编号": "my-own-key-7", "时间": "08:15", "经过": "起火"},
                 {"案例编号": "my-own-key-7", "时间": "09:00", "经过": "扑灭"}],
    })
    records, problems = read_table(template, "cases", vocabularies, today=TODAY)
    assert problems == []
    assert records == [
        {"id": "shi-li-hua-gong-chang-3-21-bao-zha-shi-gu-xu-gou-2019",
         "title": {"zh": "示例化工厂“3·21”爆炸事故（虚构）", "en": "Fictitious chemical plant explosion"},
         "date": "2019-03-21", "place": {"province": "jiangsu"}, "industry": "chemicals",
         "accident_type": {"scheme": "gb6441-1986", "term": "other-explosion"}, "deaths": 3,
         "direct_loss_cny": 150000000, "topics": ["hazardous-chemicals", "fire-safety"],
         "direct_causes": [{"zh": "原因甲", "en": "Cause A"}, {"zh": "原因乙", "en": "Cause B"}],
         "lessons": [{"zh": "教训一"}],
         "sources": [{"title": "虚构的调查报告", "publisher": "示例应急管理局", "kind": "investigation-report",
                      "url": "https://example.com/r.html"}]},
        {"id": "my-own-key-7", "title": {"zh": "示例仓库火灾（虚构）"}, "date": "2019-05-15",
         "place": {"province": "tianjin"}, "deaths": 0,
         "timeline": [{"time": "08:15", "text": {"zh": "起火"}}, {"time": "09:00", "text": {"zh": "扑灭"}}],
         "violations": [{"regulation": "work-safety-law", "article": "21"}],
         "sources": [{"title": "虚构台账", "publisher": "示例公司"}]},
    ]
