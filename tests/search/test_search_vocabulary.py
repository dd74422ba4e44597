# Build-side search vocabulary: article numbers, pinyin keys, synonym concepts, and the validator's synonym check.
import os
import subprocess
import sys
from pathlib import Path

import pytest

from portal.search.tokens import text_tokens
from portal.search.vocabulary import Vocabulary, article_number, fuzzy, pinyin_tokens, unreached_terms

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
