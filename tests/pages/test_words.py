# The catalogue of interface words: every entry in both languages, one plural rule, no word hard-coded elsewhere.
"""portal/words/ui.yml is the one source of interface words. These tests read the catalogue and the files that show
words (page templates, theme templates, browser scripts, page renderers) without building a site."""
from __future__ import annotations

import re

import pytest
import yaml

from portal import words
from portal.settings import REPO_ROOT
from portal.words import CATALOGUE_FILE, LANGS, browser_words, catalogue, forms, plural_form, ui

HAN = re.compile(r"[\u4e00-\u9fff]")
PLACEHOLDER = re.compile(r"\{[a-z_]+\}")
# Files that show interface words: they must take them from the catalogue.
SHOWING_FILES = sorted([*(REPO_ROOT / "portal" / "templates").glob("*.html"),
                        *(REPO_ROOT / "overrides").rglob("*.html"),
                        *(REPO_ROOT / "overrides" / "assets").glob("*.js"),
                        *(REPO_ROOT / "portal" / "search" / "static").glob("*.js"),
                        *(REPO_ROOT / "portal" / "pages").glob("*.py"),
                        *(REPO_ROOT / "portal" / "engine").glob("*.py")])
COMMENTS = re.compile(r"\{#.*?#\}|<!--.*?-->|/\*.*?\*/|(?<![:\"'\\])//[^\n]*|^\s*#[^\n]*|\"\"\".*?\"\"\"", re.S | re.M)


def _texts(entry: dict, lang: str) -> list[str]:
    value = entry.get(lang, "")
    return list(value.values()) if isinstance(value, dict) else [value]


def catalogue_problems() -> list[str]:
    """Entries without both languages, with a language they say they lack, malformed counts, unequal placeholders."""
    problems = []
    for key, entry in catalogue().items():
        only = entry.get("only")
        wanted = [only] if only else list(LANGS)
        if set(entry) - {*LANGS, "only"}:
            problems.append(f"{key}: unknown fields {sorted(set(entry) - {*LANGS, 'only'})}")
        for lang in LANGS:
            texts = _texts(entry, lang)
            if lang in wanted and not all(isinstance(t, str) and t.strip() for t in texts):
                problems.append(f"{key}: no {lang} text")
            if lang not in wanted and lang in entry:
                problems.append(f"{key}: says only {only} but has {lang}")
            if isinstance(entry.get(lang), dict) and set(entry[lang]) != {"one", "other"}:
                problems.append(f"{key}: a count needs exactly the forms one and other ({lang})")
        placeholders = {lang: {frozenset(PLACEHOLDER.findall(t)) for t in _texts(entry, lang)} for lang in wanted}
        if len(wanted) == 2 and placeholders["zh"] != placeholders["en"]:
            problems.append(f"{key}: the languages fill different placeholders {placeholders}")
    return problems


def test_every_entry_has_both_languages():
    assert catalogue_problems() == []


def test_the_check_sees_a_missing_language(tmp_path, monkeypatch):
    """A catalogue with an entry in one language only (and no `only:`) is reported (the check above can fail)."""
    broken = tmp_path / "ui.yml"
    broken.write_text('title: {zh: "标题"}\ncount: {zh: "{n}", en: {one: "{n} thing"}}\n', encoding="utf-8")
    monkeypatch.setattr(words, "CATALOGUE_FILE", broken)
    words.catalogue.cache_clear()
    try:
        problems = catalogue_problems()
        assert "title: no en text" in problems and "count: a count needs exactly the forms one and other (en)" in problems
    finally:
        words.catalogue.cache_clear()


def test_one_plural_rule():
    assert [plural_form(n, "en") for n in (0, 1, 2, 21)] == ["other", "one", "other", "other"]
    assert {plural_form(n, "zh") for n in (0, 1, 2)} == {"other"}
    assert ui("records_n", "en", n=1) == "1 record" and ui("records_n", "en", n=2) == "2 records"
    assert ui("records_n", "zh", n=1) == "共 1 条"
    assert forms("records_n", "en") == {"one": "{n} record", "other": "{n} records"}
    assert forms("records_n", "zh") == {"one": "共 {n} 条", "other": "共 {n} 条"}


def test_catalogue_file_is_one_entry_per_line_and_parses():
    text = CATALOGUE_FILE.read_text(encoding="utf-8")
    assert text.startswith("# ")  # the file says what it is for
    keys = [line.split(":", 1)[0] for line in text.splitlines() if line and not line.startswith("#")]
    assert len(keys) == len(set(keys)) == len(yaml.safe_load(text))


def test_browser_words_come_from_the_catalogue():
    for lang in LANGS:
        made = browser_words(lang)
        assert made["none"] == ui("search.none", lang) and made["page"] == ui("search.page", lang)
        assert made["count"] == forms("search.count", lang)


def _catalogue_phrases() -> dict[str, str]:
    """Catalogue texts specific enough to recognise when copied into a file: Chinese of 3+ characters, English of
    3+ words (placeholders cut out: the fixed parts around them)."""
    phrases = {}
    for key, entry in catalogue().items():
        for lang in LANGS:
            for text in _texts(entry, lang):
                for part in PLACEHOLDER.split(text):
                    part = part.strip(" .,:;()（）：，。")
                    if (lang == "zh" and len(HAN.findall(part)) >= 3) or (lang == "en" and len(part.split()) >= 3):
                        phrases.setdefault(part, key)
    return phrases


def _hard_coded(text: str, phrases: dict[str, str]) -> list[str]:
    text = COMMENTS.sub(" ", text)
    return [f"{phrase!r} (catalogue: {key})" for phrase, key in phrases.items() if phrase in text]


def test_no_template_script_or_renderer_hard_codes_a_catalogue_word():
    phrases = _catalogue_phrases()
    assert len(phrases) > 150
    found = {path.relative_to(REPO_ROOT).as_posix(): hits for path in SHOWING_FILES
             if (hits := _hard_coded(path.read_text(encoding="utf-8"), phrases))}
    assert found == {}


def test_the_hard_coded_word_check_can_fail():
    phrases = _catalogue_phrases()
    template = "{# 搜索法规、案例、条款、文号 in a comment is fine #}<p>{{ '搜索法规、案例、条款、文号' if zh else 'x' }}</p>"
    assert _hard_coded(template, phrases) == ["'搜索法规、案例、条款、文号' (catalogue: theme.search_placeholder)"]
    assert _hard_coded('var x = "No results. Try fewer or different words.";', phrases)
