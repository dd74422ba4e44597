# Tests of the search tokeniser's build-time half: normalisation, bigrams, jieba words, stemming, document numbers.
from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from portal.search.tokens import (BodyText, arabic_doc_numbers, body_token_counts, chinese_numeral, compact, fnv1a,
                                  jieba_words, jieba_words_of_runs, keyword_tokens, keyword_variants, normalize, stem,
                                  text_tokens)

# Porter (1980), step 1 examples, plus the words the portal cares about.
PORTER_STEP1 = {
    "caresses": "caress", "ponies": "poni", "ties": "ti", "caress": "caress", "cats": "cat", "feed": "feed",
    "agreed": "agree", "plastered": "plaster", "bled": "bled", "motoring": "motor", "sing": "sing",
    "conflated": "conflate", "troubled": "trouble", "sized": "size", "hopping": "hop", "tanned": "tan",
    "falling": "fall", "hissing": "hiss", "fizzed": "fizz", "failing": "fail", "filing": "file", "happy": "happi",
    "sky": "sky", "falls": "fall", "fall": "fall", "explosions": "explosion", "injuries": "injuri", "injury": "injuri",
}


def test_porter_step1_examples():
    assert {word: stem(word) for word in PORTER_STEP1} == PORTER_STEP1


def test_stem_leaves_short_and_non_ascii_words():
    assert stem("is") == "is"
    assert stem("gb6441") == "gb6441"
    assert stem("café") == "café"


def test_chinese_numerals():
    assert chinese_numeral("八十八") == 88
    assert chinese_numeral("十三") == 13
    assert chinese_numeral("四百九十三") == 493
    assert chinese_numeral("一百零八") == 108
    assert chinese_numeral("两千零一十") == 2010
    assert chinese_numeral("二〇一四") == 2014
    assert chinese_numeral("一万二千") == 12000


def test_doc_number_variants():
    assert arabic_doc_numbers("主席令第八十八号") == "主席令第88号"
    assert keyword_variants("主席令第八十八号") == ["主席令第八十八号", "主席令第88号"]
    assert keyword_variants("国务院令第493号") == ["国务院令第493号"]
    assert compact("GB 6441-1986") == "gb64411986"
    assert compact("主席令 第八十八号") == "主席令第88号"


def test_normalize_full_width():
    assert normalize("ＧＢ　６４４１") == "gb 6441"


def test_han_bigrams_characters_and_jieba_words():
    body = text_tokens("高处坠落事故")
    assert {"高处", "处坠", "坠落", "落事", "事故"} <= set(body)
    assert "高" not in body  # single characters only in titles
    words = text_tokens("中华人民共和国安全生产法")
    assert {"共和国", "中华人民共和国"} <= set(words), "jieba's search-mode words of three or more characters"
    assert "高" in text_tokens("高处坠落事故", title=True)
    assert all(len(token) == 2 for token in text_tokens("高处坠落事故", words=False))


def test_latin_tokens_stems_stopwords_prefixes_and_parts():
    assert text_tokens("Falls from the scaffold") == ["fall", "scaffold"]
    title = text_tokens("Scaffold", title=True)
    assert title[0] == "scaffold" and ">sca" in title and ">scaffol" in title and ">scaffold" not in title
    assert text_tokens("GB6441-1986") == ["gb", "6441", "1986"]


_PIECES = ["高处坠落", "中华人民共和国安全生产法", "有限空间作业", "坠", "Falls", "the", "scaffolding", "GB6441-1986",
           "１２", "ＧＢ", "Ünfälle", "ß", "injuries", " ", "，", "\n", "-", "İ", "㈠", "2021年", "a", "is"]


@given(st.lists(st.sampled_from(_PIECES), max_size=30))
def test_body_token_counts_are_the_counts_of_text_tokens(pieces):
    text = "".join(pieces)
    assert body_token_counts(BodyText(text)) == Counter(text_tokens(text))


def test_jieba_words_of_runs_joined_are_those_of_each_run():
    runs = ["中华人民", "共和国安全生产法", "有限空间作业", "高处", "安全生产法"]
    words = jieba_words_of_runs(runs)
    assert Counter(words) == Counter(word for run in runs for word in jieba_words(run))
    assert "中华人民共和国" not in words and "共和国" in words, "no word across two runs"
    assert jieba_words_of_runs(["高处"]) == [] and jieba_words_of_runs([]) == []


def test_body_token_counts_of_a_mixed_text():
    text = "Falls from the scaffold: 高处坠落事故 falls, GB6441-1986 高处坠落"
    counts = body_token_counts(BodyText(text))
    assert counts == Counter(text_tokens(text)) and counts["fall"] == 2 and counts["高处"] == 2 and "the" not in counts


def test_keyword_tokens_include_arabic_spelling_and_compact_form():
    tokens = keyword_tokens(("主席令第八十八号",))
    assert "88" in tokens and "#主席令第88号" in tokens and "第八" in tokens
    assert "#gb64411986" in keyword_tokens(("GB 6441-1986",))


def test_fnv1a_matches_the_reference_values():
    # Published FNV-1a 32-bit test vectors (over bytes; ASCII code units are the same values).
    assert fnv1a("") == 0x811C9DC5
    assert fnv1a("a") == 0xE40C292C
    assert fnv1a("foobar") == 0xBF9CF968
