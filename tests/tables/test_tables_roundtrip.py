# Tests of export -> import on every shipped record, the YAML writer, spec-versus-schema agreement and hostile text.
"""Round trips run on whatever data/ holds now, so they also catch a schema change the spec has not followed."""
import json
import zipfile

import openpyxl
import pytest

from tables_helpers import ROOT, TODAY, fill_workbook, vocabularies  # noqa: F401 (vocabularies is a fixture)
from portal.tables import (BUILTIN_VOCABULARIES, KINDS, csv_paths, dump_record, export_table, load_existing,
                           read_table, write_records, write_template)
from portal.tables.columns import Column, KindSpec
from portal.tables.spec import ChildSheet
from portal.load.yamlsafe import load_yaml_file

DATA = ROOT / "data"
SCHEMAS = DATA / "schema"
SHIPPED_KINDS = ["regulations", "cases", "contacts", "articles", "quiz", "resources"]


def without_empty(value):
    """Empty lists and mappings mean the same as no value (a blank cell cannot tell them apart)."""
    if isinstance(value, dict):
        return {k: without_empty(v) for k, v in value.items() if v not in ([], {}, None)}
    if isinstance(value, list):
        return [without_empty(v) for v in value]
    return value


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
@pytest.mark.parametrize("kind", SHIPPED_KINDS)
def test_export_then_import_gives_back_every_shipped_record(tmp_path, vocabularies, kind, suffix):
    existing, problems = load_existing(DATA, kind)
    assert problems == [] and existing, kind
    result = export_table(kind, list(existing.values()), tmp_path / f"{kind}{suffix}", vocabularies=vocabularies)
    assert result.problems == []
    records, problems = read_table(tmp_path / f"{kind}{suffix}", kind, vocabularies, check_schema=True)
    assert problems == []
    assert {r["id"]: r for r in records} == {i: without_empty(r) for i, r in existing.items()}


def test_export_without_vocabularies_writes_ids_and_still_round_trips(tmp_path, vocabularies):
    existing, _ = load_existing(DATA, "cases")
    export_table("cases", list(existing.values()), tmp_path / "cases.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "cases.xlsx")["事故案例"]
    industry = [c.value for c in sheet[1]].index("行业") + 1
    assert {sheet.cell(r, industry).value for r in range(3, sheet.max_row + 1)} <= \
        {t["id"] for t in vocabularies["industries"]} | {None}
    records, problems = read_table(tmp_path / "cases.xlsx", "cases", vocabularies)
    assert problems == [] and {r["id"]: r for r in records} == {i: without_empty(r) for i, r in existing.items()}


@pytest.mark.parametrize("kind", SHIPPED_KINDS)
def test_yaml_files_read_back_identical(tmp_path, kind):
    existing, _ = load_existing(DATA, kind)
    results = write_records(list(existing.values()), tmp_path / kind, kind, schema_dir=SCHEMAS)
    assert {r.action for r in results} == {"created"}
    schema_keys = list(json.loads((SCHEMAS / KINDS[kind].schema).read_text(encoding="utf-8"))["properties"])
    for result in results:
        text = result.path.read_text(encoding="utf-8")
        assert text.startswith(f"# yaml-language-server: $schema=../schema/{KINDS[kind].schema}\n")
        assert "!!" not in text and "&" not in text.split(":", 1)[0] and "{" not in text.splitlines()[2][:3]
        loaded = load_yaml_file(result.path, result.path.name)
        assert loaded.problems == [] and loaded.value == existing[result.path.stem]
        keys = [k for k in loaded.value]
        assert keys == sorted(keys, key=schema_keys.index), "top-level keys in schema order"


def test_yaml_writer_style(tmp_path):
    record = {"sources": [{"title": "虚构", "publisher": "示例"}], "deaths": 0, "title": {"en": "T", "zh": "标题"},
              "id": "demo-2024", "date": "2024-01-02", "place": {"province": "sichuan"}, "summary": {"zh": "一\n二"}}
    text = dump_record(record, "cases", SCHEMAS)
    assert text == (
        "# yaml-language-server: $schema=../schema/case.schema.json\n"
        "id: demo-2024\ntitle:\n  zh: 标题\n  en: T\ndate: 2024-01-02\nplace:\n  province: sichuan\ndeaths: 0\n"
        "summary:\n  zh: |-\n    一\n    二\nsources:\n- title: 虚构\n  publisher: 示例\n")
    assert [r.action for r in write_records([record], tmp_path, "cases", dry_run=True)] == ["created"]
    assert list(tmp_path.iterdir()) == [], "dry run writes nothing"


HOSTILE = ["<script>alert(1)</script>", "{{ 7*7 }}", "=CMD()", "+1+2", "-2+3", "@SUM(A1)", "'=quoted", "{% raw %}"]


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_hostile_text_is_kept_as_text(tmp_path, vocabularies, suffix):
    records = [{"id": f"hostile-{n}", "title": {"zh": text, "en": text}, "date": "2024-01-01",
                "place": {"province": "sichuan", "detail": {"zh": text}}, "deaths": 0,
                "lessons": [{"zh": text}, {"zh": "正常"}],
                "sources": [{"title": text, "publisher": text, "url": "https://example.com/?q=1"}]}
               for n, text in enumerate(HOSTILE)]
    out = tmp_path / f"hostile{suffix}"
    export_table("cases", records, out, vocabularies=vocabularies)
    if suffix == ".xlsx":
        with zipfile.ZipFile(out) as package:
            sheets = [n for n in package.namelist() if n.startswith("xl/worksheets/sheet")]
            assert not any(b"<f>" in package.read(n) for n in sheets), "no cell is a formula"
        sheet = openpyxl.load_workbook(out)["事故案例"]
        formula_like = [c for row in sheet.iter_rows(min_row=3) for c in row
                        if isinstance(c.value, str) and c.value[:1] in "=+-@"]
        assert formula_like and all(c.data_type == "s" and c.quotePrefix for c in formula_like)
    else:
        text = csv_paths("cases", out)[0].read_text(encoding="utf-8-sig")
        assert "'=CMD()" in text and "'@SUM(A1)" in text and "''=quoted" in text and ",=CMD()" not in text
    back, problems = read_table(out, "cases", vocabularies, today=TODAY)
    assert problems == [] and back == records


def _schema_shape():
    """Per kind: leaf field paths ('sources[].title', 'choices', 'place.city') and required paths, from the schemas."""
    files = {p.name: json.loads(p.read_text(encoding="utf-8")) for p in SCHEMAS.glob("*.schema.json")}

    def resolve(node):
        while "$ref" in node:
            name, _, pointer = node["$ref"].partition("#")
            node = files[name or "common.schema.json"]
            for part in filter(None, pointer.split("/")):
                node = node[part]
        return node

    def bilingual(node):
        return set(node.get("properties", {})) <= {"zh", "en"} and node.get("properties")

    def walk(node, path, leaves, required):
        node = resolve(node)
        if node.get("type") == "array" and "items" in node and not bilingual(resolve(node["items"])) \
                and "properties" in resolve(node["items"]):
            walk(node["items"], path + "[]", leaves, required)
            return
        if "properties" in node and not bilingual(node):
            for key in node.get("required", []):
                required.add(f"{path}.{key}" if path else key)
            for key, sub in node["properties"].items():
                walk(sub, f"{path}.{key}" if path else key, leaves, required)
            return
        leaves.add(path)

    shapes = {}
    for kind in SHIPPED_KINDS:
        leaves, required = set(), set()
        walk(files[KINDS[kind].schema], "", leaves, required)
        shapes[kind] = (leaves, required)
    return shapes


def _spec_shape(spec):
    leaves, required = set(), set()
    for col in spec.columns:
        leaves.add(col.path)
        if col.required:
            required.add(col.path)
    required |= set(spec.required_objects)
    for child in spec.children:
        if child.required:
            required.add(child.path)
        for col in child.columns:
            path = f"{child.path}[].{col.path}" if col.path else child.path
            leaves.add(path)
            if col.required and col.path:
                required.add(path)
        for col in child.nested_columns:
            path = f"{child.path}[].{child.nested_path}[].{col.path}"
            leaves.add(path)
            if col.required:
                required.add(path)
        if child.nested_path and child.nested_required:
            required.add(f"{child.path}[].{child.nested_path}")
    return leaves, required


@pytest.mark.parametrize("kind", SHIPPED_KINDS)
def test_spec_covers_every_schema_field_and_agrees_on_required(kind):
    schema_leaves, schema_required = _schema_shape()[kind]
    spec = KINDS[kind]
    spec_leaves, spec_required = _spec_shape(spec)
    not_covered = {field for field, _ in spec.not_covered}
    assert schema_leaves - spec_leaves == not_covered, "schema fields without a column"
    assert spec_leaves - schema_leaves == set(), "columns for fields the schema does not have"
    # a date the schema lets a record leave out only for its date-unknown flag (oneOf) is required in the sheet
    unknown_date = {spec.unknown_date[0]} if spec.unknown_date else set()
    assert (schema_required | unknown_date) - {"id"} - not_covered == spec_required, \
        "required flags differ from the schema"


def test_builtin_vocabularies_match_the_schema_enums():
    common = json.loads((SCHEMAS / "common.schema.json").read_text(encoding="utf-8"))
    regulation = json.loads((SCHEMAS / "regulation.schema.json").read_text(encoding="utf-8"))
    ids = {name: [t["id"] for t in terms] for name, terms in BUILTIN_VOCABULARIES.items()}
    assert ids["source-kinds"] == common["$defs"]["source"]["properties"]["kind"]["enum"]
    assert ids["regulation-statuses"] == regulation["properties"]["status"]["enum"]
    assert ids["amendment-types"] == regulation["properties"]["amendments"]["items"]["properties"]["type"]["enum"]


def test_a_new_kind_needs_only_its_spec(tmp_path, vocabularies):
    spec = KindSpec(kind="drills-demo", schema="drill-demo.schema.json", zh="演练记录", en="Drills",
                    key_zh="演练编号", key_en="Drill ID", columns=(
                        Column("id", "演练编号", "Drill ID", "id"),
                        Column("title", "演练名称", "Title", "text_both", required=True),
                        Column("date", "演练日期", "Date", "date", required=True, past_only=True),
                        Column("people", "参加人数", "People", "integer"),
                        Column("topics", "主题", "Topics", "vocab-list:topics"),
                    ), children=(ChildSheet("steps", "步骤", "Steps", "steps", (
                        Column("text", "步骤", "Step", "text_zh", required=True),)),))
    KINDS.register(spec)
    try:
        template = write_template("drills-demo", vocabularies, tmp_path / "drills.xlsx")
        fill_workbook(template, {"演练记录": [{"演练名称": "虚构演练", "演练日期": "2026年5月12日", "参加人数": "30人",
                                              "主题": "应急管理"}],
                                 "步骤": [{"演练编号": "虚构演练", "步骤": "报警"}, {"演练编号": "虚构演练", "步骤": "疏散"}]})
        records, problems = read_table(template, "drills-demo", vocabularies, today=TODAY)
        assert problems == []
        assert records == [{"id": "xu-gou-yan-lian", "title": {"zh": "虚构演练"}, "date": "2026-05-12", "people": 30,
                            "topics": ["emergency-management"],
                            "steps": [{"text": {"zh": "报警"}}, {"text": {"zh": "疏散"}}]}]
        written = write_records(records, tmp_path / "drills-demo", "drills-demo")
        assert written[0].path.read_text(encoding="utf-8").startswith(
            "# yaml-language-server: $schema=../schema/drill-demo.schema.json\nid: xu-gou-yan-lian\ntitle:\n")
    finally:
        KINDS.kinds.pop("drills-demo")


def test_hostile_text_survives_the_yaml_writer(tmp_path):
    nasty = HOSTILE + ["!!python/object:os.system", "&anchor *alias", "key: value", "- item", "# not a comment",
                       "yes", "2024-01-01", "0x1F", "~", "  leading spaces", "line\n  indented\nnext"]
    records = [{"id": f"nasty-{n}", "title": {"zh": text}, "date": "2024-01-01", "place": {"province": "sichuan"},
                "deaths": 0, "sources": [{"title": text, "publisher": "示例"}]} for n, text in enumerate(nasty)]
    for result in write_records(records, tmp_path, "cases", schema_dir=SCHEMAS):
        text = result.path.read_text(encoding="utf-8")
        assert "!!" not in text.replace("'!!python/object:os.system'", "")
        loaded = load_yaml_file(result.path, result.path.name)
        assert loaded.problems == [] and loaded.value == records[int(result.path.stem.split("-")[1])]
