# 新旧对照 alignment (portal/derive/compare.py) on small statute fixtures: one test per class, word marks, chains.
"""Pure tests of the article alignment of two statute texts, and of following an article across versions."""
from __future__ import annotations

from portal.derive.compare import CLASSES, align, word_diff
from portal.kinds.regulations import citation_text
from portal.records.numerals import chinese_numeral, numeral_words


def art(number, text, chapter=None):
    article = {"number": str(number), "text": text}
    if chapter:
        article["chapter"] = chapter
    return article


OLD = [art(1, "为了测试新旧对照，制定本法。"),
       art(2, "本法适用于测试单位的安全生产。"),
       art(3, "生产经营单位应当建立安全生产责任制。"),
       art(4, "旧法中的这一条在新法中被整条删去。"),
       art(5, "本法自2016年6月1日起施行。")]
NEW = [art(1, "为了测试新旧对照，制定本法。"),
       art(2, "本法适用于测试单位和个人的安全生产活动。"),
       art(3, "生产经营单位应当开展风险分级管控，\n并建立隐患排查治理制度。"),
       art(4, "生产经营单位应当建立安全生产责任制。"),
       art(5, "从业人员有权拒绝违章指挥和强令冒险作业。"),
       art(6, "本法自2019年1月1日起施行。")]


def rows_by_class(alignment):
    return {kind: [(row.old_number, row.new_number) for row in alignment.rows if row.kind == kind] for kind in CLASSES}


def test_unchanged_is_the_same_text_under_the_same_number():
    assert rows_by_class(align(OLD, NEW))["unchanged"] == [("1", "1")]


def test_renumbered_is_the_same_text_under_another_number():
    assert rows_by_class(align(OLD, NEW))["renumbered"] == [("3", "4")]


def test_changed_pairs_similar_texts_and_marks_the_changed_words():
    alignment = align(OLD, NEW)
    assert rows_by_class(alignment)["changed"] == [("2", "2"), ("5", "6")]
    scope = next(row for row in alignment.rows if row.new_number == "2")
    assert scope.ops == (("equal", "本法适用于测试单位"), ("insert", "和个人"), ("equal", "的安全生产"),
                         ("insert", "活动"), ("equal", "。"))
    date = next(row for row in alignment.rows if row.new_number == "6")
    # a number is one word: 2016 -> 2019 is one replaced word, not one changed digit
    assert ("delete", "2016") in date.ops and ("insert", "2019") in date.ops


def test_added_articles_have_no_old_counterpart():
    assert rows_by_class(align(OLD, NEW))["added"] == [(None, "3"), (None, "5")]


def test_deleted_articles_have_no_new_counterpart_and_follow_their_old_neighbour():
    alignment = align(OLD, NEW)
    assert rows_by_class(alignment)["deleted"] == [("4", None)]
    order = [(row.old_number, row.new_number) for row in alignment.rows]
    assert order.index(("4", None)) == order.index(("3", "4")) + 1


def test_counts_cover_every_article_of_both_texts():
    counts = align(OLD, NEW).counts()
    assert counts == {"unchanged": 1, "renumbered": 1, "changed": 2, "added": 2, "deleted": 1}
    assert counts["unchanged"] + counts["renumbered"] + counts["changed"] + counts["deleted"] == len(OLD)
    assert counts["unchanged"] + counts["renumbered"] + counts["changed"] + counts["added"] == len(NEW)


def test_line_breaks_alone_are_no_change_and_a_dissimilar_text_is_not_paired():
    old = [art(1, "第一款。\n第二款。"), art(2, "完全不同的旧规定，讲的是别的事情。")]
    new = [art(1, "第一款。第二款。"), art(2, "新的条文另起炉灶：特种作业人员必须持证上岗。")]
    assert rows_by_class(align(old, new)) == {"unchanged": [("1", "1")], "renumbered": [], "changed": [],
                                              "added": [(None, "2")], "deleted": [("2", None)]}


def test_a_moved_and_changed_article_is_found_and_mapped_both_ways():
    alignment = align(OLD, NEW)
    assert alignment.old_number_of("4") == ("renumbered", "3")
    assert alignment.old_number_of("6") == ("changed", "5")
    assert alignment.old_number_of("5") == ("added", None)
    assert alignment.new_number_of("4") == ("deleted", None)
    assert alignment.new_number_of("99") == ("unknown", None)


def test_word_diff_rebuilds_both_texts():
    old, new = "生产经营单位应当建立健全安全生产责任制 and rules.", "生产经营单位必须建立全员安全生产责任制 and new rules."
    ops = word_diff(old, new)
    assert "".join(text for op, text in ops if op != "insert") == old
    assert "".join(text for op, text in ops if op != "delete") == new


def test_citation_words_in_both_languages():
    record = {"title": {"zh": "中华人民共和国安全生产法", "en": "Work Safety Law of the People's Republic of China"}}
    assert citation_text(record, "21", "zh") == "《中华人民共和国安全生产法》第二十一条"
    assert citation_text(record, "114", "zh") == "《中华人民共和国安全生产法》第一百一十四条"
    assert citation_text(record, "134-1", "zh") == "《中华人民共和国安全生产法》第一百三十四条之一"
    assert citation_text(record, "21", "en") == "Work Safety Law of the PRC, Article 21"
    for number in (1, 10, 11, 20, 101, 108, 110, 119, 1000, 1010, 2014, 10001):
        assert chinese_numeral(numeral_words(number)) == number
