# Tests of the records core's one id maker: reserved ids never made, cuts at syllables, one id per title everywhere.
"""record_id / IdAllocator, and the same title given to `new`, `import` and `import-statute`."""
import datetime as dt
from pathlib import Path

import pytest

from portal.cli import main as portal_main
from portal.importers.statute import import_statutes
from portal.records.ids import (MAX_ID, RESERVED_ID, IdAllocator, is_reserved, kind_folders, record_id, shorten,
                                slug_words)
from portal.tables import load_vocabularies, read_table, write_template

ROOT = Path(__file__).resolve().parents[2]
LONG_TITLE = "国家安全生产监督管理总局关于危险化学品重大危险源监督管理暂行规定与工贸企业有限空间作业安全管理补充说明"
SYLLABLES = set(slug_words(LONG_TITLE).split("-"))


def test_titles_become_pinyin_syllables():
    title = "天津港“8·12”瑞海公司危险品仓库特别重大火灾爆炸事故"
    assert slug_words(title) == slug_words(title) == \
        "tian-jin-gang-8-12-rui-hai-gong-si-wei-xian-pin-cang-ku-te-bie-zhong-da-huo-zai-bao-zha-shi-gu"
    assert slug_words("重庆市绿色Café 2024") == "chong-qing-shi-lv-se-cafe-2024"
    assert slug_words("Ｗｏｒｋ　Safety　Law") == "work-safety-law", "full-width forms folded"


@pytest.mark.parametrize("title", ["404", "index", "Index", "en", "search", "search-index", "assets", "print", "tags",
                                   "data", "kiosk", "_shell", "by-industry", "By Industry", "", "？？",
                                   *sorted(kind_folders())])
def test_reserved_ids_are_never_made(title):
    made = record_id(title)
    assert not is_reserved(made) and RESERVED_ID.match(made) is None and made
    allocator = IdAllocator({made})
    again = allocator.for_title(title)
    assert again != made and not is_reserved(again)


def test_kind_folders_are_the_shipped_kinds():
    assert {"regulations", "cases", "contacts"} <= kind_folders()
    assert not {"schema", "vocab"} & kind_folders()


def test_long_titles_are_cut_after_a_whole_syllable():
    made = record_id(LONG_TITLE)
    assert len(slug_words(LONG_TITLE)) > MAX_ID
    assert len(made) <= MAX_ID and not made.endswith("-")
    assert set(made.split("-")) <= SYLLABLES, "no syllable is cut in half"
    assert slug_words(LONG_TITLE).startswith(made + "-")
    with_year = record_id(LONG_TITLE, "2015")
    assert with_year.endswith("-2015") and len(with_year) <= MAX_ID
    assert set(with_year[:-5].split("-")) <= SYLLABLES
    assert shorten("abc-defgh", 6) == "abc", "cut before the word that does not fit"


def test_allocator_counts_on_past_taken_ids():
    title = "天津港“8·12”瑞海公司危险品仓库特别重大火灾爆炸事故"
    allocator = IdAllocator({"tian-jin-gang-8-12-rui-hai-gong-si-wei-xian-pin-cang-ku-te-bie-zhong-da-huo-2015"})
    first = allocator.new(slug_words(title), "2015")
    second = allocator.new(slug_words(title), "2015")
    assert first == "tian-jin-gang-8-12-rui-hai-gong-si-wei-xian-pin-cang-ku-te-bie-zhong-da-2015-2"
    assert second == "tian-jin-gang-8-12-rui-hai-gong-si-wei-xian-pin-cang-ku-te-bie-zhong-da-2015-3"
    assert all(len(i) <= MAX_ID and not i.endswith("-") for i in (first, second))


STATUTE = f"""# {LONG_TITLE}
2020年1月1日国家安全生产监督管理总局令第1号公布 自公布之日起施行
<!-- INFO END -->
第一条 为了说明，制定本规定。
"""


def test_new_import_and_import_statute_give_one_title_one_id(tmp_path):
    new_layer, table_layer, statute_layer = (tmp_path / name for name in ("new", "table", "statute"))
    assert portal_main(["--data", str(new_layer), "new", "regulations", "--title", LONG_TITLE]) == 0
    (from_new,) = [p.stem for p in (new_layer / "regulations").iterdir()]

    vocabularies = load_vocabularies(ROOT / "data" / "vocab")
    workbook = write_template("regulations", vocabularies, tmp_path / "regulations.xlsx")
    import openpyxl
    book = openpyxl.load_workbook(workbook)
    sheet = book["法规标准"]
    headers = {str(cell.value).lstrip("*"): cell.column for cell in sheet[1] if cell.value}
    sheet.cell(4, headers["名称"], LONG_TITLE)
    sheet.cell(4, headers["层级"], "部门规章")
    book.save(workbook)
    records, _problems = read_table(workbook, "regulations", vocabularies, today=dt.date(2026, 12, 1))
    (from_import,) = [r["id"] for r in records if r.get("title", {}).get("zh") == LONG_TITLE]

    statute = tmp_path / "mirror" / "部门规章" / "规定.md"
    statute.parent.mkdir(parents=True)
    statute.write_text(STATUTE, encoding="utf-8")
    import_statutes([statute], (statute_layer,), dry_run=False, root=tmp_path / "mirror")
    (from_statute,) = [p.stem for p in (statute_layer / "regulations").iterdir()]

    assert from_new == from_import == from_statute == record_id(LONG_TITLE)


def test_new_refuses_an_id_an_earlier_layer_has(tmp_path, capsys):
    shipped_id = sorted(p.stem for p in (ROOT / "data" / "regulations").glob("*.yml"))[0]
    layers = f"{ROOT / 'data'}:{tmp_path}"
    assert portal_main(["--data", layers, "new", "regulations", "--id", shipped_id]) == 1
    assert "earlier data layer" in capsys.readouterr().err and not (tmp_path / "regulations").exists()


def test_word_by_word_pinyin_is_lazy_pinyin_exactly():
    """The remembered word-by-word conversion gives what pypinyin's lazy_pinyin gives for the whole text: every shipped
    title and summary, and phrases whose characters read differently in other words (重庆/重新, 银行/行走, 长大/长度)."""
    from pypinyin import Style, lazy_pinyin

    from portal.load.yamlsafe import load_yaml_file
    from portal.records.ids import _syllables
    from portal.settings import SHIPPED_DATA

    texts = ["重庆银行行长重新长大", "长度和行走、音乐与快乐", "天津港“8·12”瑞海公司危险品仓库特别重大火灾爆炸事故",
             "ABC公司2024年7月18日Müller车间事故", "〇两𠀀"]
    for path in sorted(SHIPPED_DATA.glob("*/*.yml")):
        record = load_yaml_file(path, path.name).value or {}
        for field in ("title", "summary"):
            value = record.get(field) if isinstance(record, dict) else None
            if isinstance(value, dict) and isinstance(value.get("zh"), str):
                texts.append(value["zh"])
    assert len(texts) > 300
    for text in texts:
        assert _syllables(text) == lazy_pinyin(text, style=Style.NORMAL, errors="default"), text


def test_slug_words_run_by_run_are_the_words_of_the_syllables():
    """slug_words cuts a text into pypinyin's runs with one regular expression and remembers each run's words: the
    runs are simple_seg's and the slug is the words of `_syllables` joined, for titles and mixed odd characters."""
    import random
    import unicodedata

    from pypinyin.seg.simpleseg import simple_seg

    from portal.records import ids

    pool = "天津港瑞海公司危险品仓库火灾爆炸事故台账第号 abcXYZ019-_·“”（）()《》、，。：\n\t\r éüÅﬁＡ１〇𠀀\ue815\ufa18㐀䶿😀\u3000"
    chooser = random.Random(7)
    texts = ["", " ", "天", "〇两𠀀", "天津港“8·12”瑞海公司危险品仓库特别重大火灾爆炸事故（台账第12号）", "ABC公司Müller车间"]
    texts += ["".join(chooser.choice(pool) for _ in range(chooser.randrange(1, 30))) for _ in range(3000)]
    for text in texts:
        normal = unicodedata.normalize("NFKC", text)
        if normal:
            assert ids._runs(normal) == simple_seg(normal), text
        words = [word for piece in ids._syllables(normal)
                 for word in (ids._NOT_SLUG.split(piece.lower()) if piece.isascii() else ids._piece_words(piece))]
        assert ids.slug_words(text) == "-".join(word for word in words if word), text
