# Build-side search vocabulary: article numbers, pinyin keys, synonym concepts, and the validator's synonym check.
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from portal.search.tokens import BodyText, normalize, runs, text_tokens
from portal.search.vocabulary import (TextOf, Vocabulary, article_number, fuzzy, pinyin_tokens, syllable,
                                      unreached_terms)

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("section, number", [("第21条", "21"), ("第二十一条", "21"), ("第一百一十四条", "114"),
                                             ("Article 21", "21"), ("art. 9", "9"), ("第 3 条", "3"),
                                             ("5.1.1", ""), ("附则", ""), ("第二章", "")])
def test_article_number_of_a_section(section, number):
    assert article_number(section) == number


def test_same_sound_typos_share_pinyin_keys():
    assert fuzzy("sheng") == "sen" and fuzzy("chang") == "can" and fuzzy("zhuang") == "zuan" and fuzzy("fa") == "fa"
    law = set(pinyin_tokens("中华人民共和国安全生产法"))
    assert set(pinyin_tokens("安全生厂法")) <= law  # chan / chang
    assert set(pinyin_tokens("有线空间")) == set(pinyin_tokens("有限空间"))
    assert not set(pinyin_tokens("消防法")) & set(pinyin_tokens("安全生产法"))


@given(st.lists(st.sampled_from(["安全生产法", "有限空间", "高", "Ｘ光机", "GB", " ", "，", "中华人民共和国", "㈠", "重"]),
                max_size=8))
def test_pinyin_keys_are_those_of_each_pair_of_each_han_run_in_order(pieces):
    """The rule pinyin_tokens implements (in fewer steps): each Han run of two characters or more, each pair of
    neighbouring characters, in order."""
    title = "".join(pieces)
    expected = []
    for kind, run in runs(normalize(title)):
        if kind == "han":
            keys = [fuzzy(syllable(char)) for char in run]
            expected += ["@" + keys[i] + keys[i + 1] for i in range(len(keys) - 1)]
    assert pinyin_tokens(title) == expected


def test_concepts_are_found_in_either_language_and_by_stems():
    vocab = Vocabulary([{"id": "confined-space", "words": ["有限空间", "受限空间", "confined space"]},
                        {"id": "kind-cases", "words": ["案例"], "kind": "cases"}])
    for text in ("进入有限空间作业", "Entering Confined Spaces", "受限空间"):
        assert vocab.concept_tokens(text, set(text_tokens(text))) == ["~confined-space"], text
    for text in ("有限公司的空间", "confined", "典型案例"):  # words apart, a word alone, a kind word: no concept
        assert vocab.concept_tokens(text, set(text_tokens(text))) == [], text


def test_unreached_terms():
    terms = [{"id": "cs", "words": ["受限空间", "有限空间"]}, {"id": "sub", "words": ["潜水艇", "submarine"]},
             {"id": "q", "words": ["多久"], "optional": True}]
    assert [t["id"] for t in unreached_terms(terms, ["工贸企业有限空间作业安全规定"])] == ["sub"]


def test_validate_warns_of_a_synonym_that_leads_nowhere(tmp_path):
    layer = tmp_path / "layer"
    (layer / "vocab").mkdir(parents=True)
    (layer / "vocab" / "synonyms.yml").write_text(
        "title: {zh: 本单位同义词, en: Our synonyms}\nterms:\n"
        "  - {id: local-confined, zh: [受限空间, 有限空间]}\n"
        "  - {id: submarine, zh: [潜水艇], en: [submarine]}\n", encoding="utf-8")
    env = dict(os.environ, PORTAL_DATA=f"{REPO / 'data'}{os.pathsep}{layer}")
    done = subprocess.run([sys.executable, "-m", "portal", "validate"], cwd=REPO, env=env, capture_output=True,
                          text=True)
    assert done.returncode == 0, done.stdout
    lines = [line for line in done.stdout.splitlines() if "vocab/synonyms.yml" in line]
    assert len(lines) == 1 and "synonyms.yml:4: terms[1].id:" in lines[0] and "'submarine'" in lines[0], done.stdout


_WORDS = ["有限空间", "限空", "空间", "中华人民共和国安全生产法", "安全生产法", "confined space", "space", "spaces",
          "X光机", "the hazard", "PPE", "劳动防护用品", "GB 6441"]
_TERMS = [{"id": f"t{i}", "words": [word, _WORDS[(i * 5) % len(_WORDS)]]} for i, word in enumerate(_WORDS)]


def _concepts_one_word_at_a_time(text: str, field_tokens) -> list[str]:
    """The rule concept_tokens implements, word by word: a word whose probe is a token of the field and whose key
    occurs in the text's form (Han: runs joined; Latin: stems spaced)."""
    from portal.search.vocabulary import CONCEPT, TextOf, _word_key

    form = TextOf(text)
    found = set()
    for term in _TERMS:
        for word in term["words"]:
            latin, key, probe = _word_key(word)
            if key.strip() and probe in field_tokens and key in (form.latin if latin else form.joined):
                found.add(term["id"])
    return sorted(CONCEPT + term_id for term_id in found)


@given(st.lists(st.sampled_from(_WORDS + ["有限", "公司", "空", "间", " ", "，", "x", "光机", "confin", "ing", "2",
                                          "中华人民共和国", "hazards", "the"]), max_size=12))
def test_concepts_found_in_one_pass_are_those_found_word_by_word(pieces):
    """WordFinder (one Aho-Corasick pass) finds overlapping words, words inside words and repeats like `in` does."""
    vocab = Vocabulary(_TERMS)
    text = "".join(pieces)
    tokens = set(text_tokens(text))
    assert vocab.concept_tokens(text, tokens) == _concepts_one_word_at_a_time(text, tokens), text
    body = TextOf(BodyText(text))  # a body: its Latin form made of the words and stems its tokens were made of
    assert vocab.concept_tokens(body, Counter(text_tokens(text))) == _concepts_one_word_at_a_time(text, tokens), text
    reached = {term["id"] for term in _TERMS} - {term["id"] for term in unreached_terms(_TERMS, [text])}
    expected = {concept[1:] for concept in _concepts_one_word_at_a_time(text, _AnyProbe())}
    assert reached == expected, text


class _AnyProbe:
    """A field that holds every probe (unreached_terms has no sieve)."""
    def __contains__(self, _token):
        return True


@given(st.lists(st.sampled_from(_WORDS + ["有限", "空", "间", " ", "\n", "\n\n", "，", "Σ", "İ", "１２", "㈠", "confin",
                                          "ing", "es ", "2", "the"]), max_size=30))
def test_unreached_terms_in_chunks_are_those_of_the_whole_text(pieces):
    """validate's corpus is read a chunk at a time (cut after a line): the forms made by chunk are the whole text's, and
    a word across two chunks is still found."""
    from portal.search import vocabulary
    from portal.search.vocabulary import TextOf, WordFinder, _forms_by_chunk, _word_key

    text = "".join(pieces)
    whole = TextOf(text)
    keys = [(latin, key, term["id"]) for term in _TERMS for latin, key, _ in map(_word_key, term["words"])]
    finder = WordFinder(keys)
    saved = vocabulary._CHUNK_CHARS
    try:
        vocabulary._CHUNK_CHARS = 3
        pairs = list(_forms_by_chunk(text))
        joined, latin = [han for han, _ in pairs], [latin for _, latin in pairs]
    finally:
        vocabulary._CHUNK_CHARS = saved
    assert ("".join(joined), "".join(latin)) == (whole.joined, whole.latin), text
    for is_latin, form_pieces in ((False, joined), (True, latin)):
        assert finder.find_in_pieces(form_pieces, is_latin) == set(finder.find(whole, is_latin)), text
