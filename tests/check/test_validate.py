# Validator tests: one broken fixture per failure kind, each asserting its file:line: field: message.
from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from portal.check.validate import load_checked
from portal.settings import Settings
from portal_testing import MINIMAL, REPO_ROOT, SHIPPED_DATA, settings_for

TODAY = dt.date(2026, 11, 23)


@pytest.fixture
def data(tmp_path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(MINIMAL, target)
    return target


def problems_of(data_dir: Path, production: bool = False, **changes) -> list[str]:
    """Problems of one data folder, both languages required (as for the shipped content) unless told otherwise."""
    changes.setdefault("strict_bilingual", True)
    result = load_checked(settings_for(data_dir, today=TODAY, production=production, **changes))
    return [str(p) for p in result.problems]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text {old!r} not found in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return number
    raise AssertionError(needle)


def only(problems: list[str], needle: str) -> str:
    hits = [p for p in problems if needle in p]
    assert hits, f"no problem mentions {needle!r}; got:\n" + "\n".join(problems)
    return hits[0]


CASE = "cases/test-case-2020.yml"
REG = "regulations/accident-reporting-investigation-regulation.yml"
DIRECTORY = "contacts/test-directory.yml"


def test_fixture_is_valid(data):
    assert problems_of(data) == []


def test_shipped_data_validates():
    # On the real day: the shipped data cites pages accessed up to today.
    result = load_checked(Settings(data_dirs=(SHIPPED_DATA,)))
    assert [str(p) for p in result.problems] == []


def test_yaml_syntax_error_names_line(data):
    edit(data / CASE, "deaths: 3", "deaths: [3")
    problem = only(problems_of(data), "YAML syntax error")
    assert f"{CASE}:" in problem


def test_unknown_key_is_reported_on_its_line(data):
    edit(data / CASE, "deaths: 3", "deaths: 3\ndeath_toll: 3")
    problem = only(problems_of(data), "unknown field 'death_toll'")
    assert f"{CASE}:{line_of(data / CASE, 'death_toll')}: death_toll: " in problem


def test_wrong_type_and_quote_hint(data):
    edit(data / CASE, "deaths: 3", "deaths: three")
    edit(data / CASE, 'article: "3"', "article: 3")
    problems = problems_of(data)
    assert f":{line_of(data / CASE, 'deaths: three')}: deaths: " in only(problems, "should be a whole number")
    assert "put it in quotes" in only(problems, "violations[0].article")


def test_missing_required_field_and_translation(data):
    edit(data / CASE, "summary: {zh: 一名工人高处坠落。, en: A worker fell from height.}", "summary: {zh: 一名工人高处坠落。}")
    edit(data / CASE, "deaths: 3", "# deaths removed\ndeaths_gone: 3")
    problems = problems_of(data)
    assert "summary.en: " in only(problems, "missing required field 'en'")
    assert "deaths: " in only(problems, "missing required field 'deaths'")


def test_blank_text_is_refused(data):
    edit(data / CASE, "en: A worker fell from height.", 'en: "   "')
    assert "summary.en" in only(problems_of(data), "must not be blank")


def test_duplicate_yaml_key(data):
    edit(data / CASE, "deaths: 3", "deaths: 3\ndeaths: 4")
    problem = only(problems_of(data), "field appears twice")
    assert f":{line_of(data / CASE, 'deaths: 4')}: deaths:" in problem


def test_file_name_must_equal_id(data):
    edit(data / CASE, "id: test-case-2020", "id: other-case")
    assert "differs from the file name" in only(problems_of(data), "id: ID")


def test_duplicate_id(data):
    shutil.copy(data / CASE, data / "cases" / "copy-case.yml")
    edit(data / "cases" / "copy-case.yml", "id: test-case-2020", "id: test-case-2020")
    problems = problems_of(data)
    assert only(problems, "duplicate id 'test-case-2020'")


def test_dangling_regulation_and_article_and_vocab_refs(data):
    edit(data / CASE, "regulation: accident-reporting-investigation-regulation, article: \"3\"",
         "regulation: no-such-law, article: \"3\"")
    edit(data / "articles/test-article.yml", 'article: "3"', 'article: "99"')
    edit(data / CASE, "industry: power", "industry: powre")
    edit(data / CASE, "related_articles: [test-article]", "related_articles: [missing-article]")
    problems = problems_of(data)
    assert "violations[0].regulation" in only(problems, "no data/regulations/no-such-law.yml")
    assert "related.regulations[0].article" in only(problems, "article 99 is not among the key articles")
    assert "industry:" in only(problems, "'powre' is not a term in data/vocab/industries.yml")
    assert only(problems, "no data/articles/missing-article.yml")


def test_impossible_and_inconsistent_dates(data):
    edit(data / CASE, "date: 2020-05-06", "date: 2020-02-30")
    edit(data / REG, "effective: 2007-06-01", "effective: 2006-06-01")
    edit(data / DIRECTORY, "date: 2026-01-10", "date: 2027-01-10")
    problems = problems_of(data)
    assert f":{line_of(data / CASE, 'date: 2020-02-30')}: date:" in only(problems, "'2020-02-30' is not a real calendar date")
    assert only(problems, "is before the promulgation date")
    assert "last_verified.date" in only(problems, "is after today")


def test_tier_mismatch(data):
    edit(data / CASE, "tier: relatively-major", "tier: major")
    problem = only(problems_of(data), "stated tier major does not match relatively-major")
    assert f":{line_of(data / CASE, 'tier: major')}: tier:" in problem


def test_invalid_phone_numbers(data):
    edit(data / DIRECTORY, '"13900001234"', '"1390000123"')
    edit(data / DIRECTORY, '"119"', '"11999"')
    problems = problems_of(data)
    assert "entries[1].phones[1].number" in only(problems, "1390000123 is not a valid number")
    assert "entries[0].phones[0].number" in only(problems, "11999 is not a valid number")


def test_not_utf8(data):
    (data / CASE).write_bytes("id: test-case-2020\ntitle: {zh: 测试}\n".encode("gb18030"))
    assert f"{CASE}:2: (file): " in only(problems_of(data), "not UTF-8")


def test_python_tag_is_refused(data):
    edit(data / CASE, "deaths: 3", "deaths: !!python/object/apply:os.system ['echo hacked']")
    problem = only(problems_of(data), "YAML tag tag:yaml.org,2002:python/object/apply:os.system is not allowed")
    assert ": deaths: " in problem


def test_alias_bomb_is_refused(data):
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b, *b]\n"
    (data / CASE).write_text(bomb, encoding="utf-8")
    assert f"{CASE}:2: (file): " in only(problems_of(data), "YAML aliases (*a) are not allowed")


def test_oversized_file(data):
    path = data / CASE
    path.write_text(path.read_text(encoding="utf-8") + "# " + "x" * 600_000 + "\n", encoding="utf-8")
    assert only(problems_of(data), "over the 512 KB limit")


def test_wrong_accident_type_and_quiz_answer(data):
    edit(data / CASE, "term: fall-from-height", "term: falling")
    edit(data / "quiz/q-test-tier.yml", "answer: 1", "answer: 5")
    problems = problems_of(data)
    assert "accident_type.term" in only(problems, "'falling' is not a type in scheme gb6441-1986")
    assert "answer:" in only(problems, "answer 5 points past the last choice")


def test_stated_status_must_match(data):
    edit(data / REG, "effective: 2007-06-01", "effective: 2007-06-01\nstatus: repealed")
    assert "status:" in only(problems_of(data), "stated status repealed disagrees with in-force")


def test_production_refuses_sample(data):
    assert problems_of(data) == []
    assert "sample:" in only(problems_of(data, production=True), "sample data is refused by a production build")


def test_all_problems_reported_at_once(data):
    edit(data / CASE, "deaths: 3", "deaths: -1")
    edit(data / REG, "level: administrative-regulation", "level: edict")
    edit(data / DIRECTORY, '"119"', '"1"')
    problems = problems_of(data)
    files = {p.split(":")[0].rsplit("/", 2)[-2] for p in problems}
    assert {"cases", "regulations", "contacts"} <= files, problems


def test_hostile_strings_are_accepted_as_text(data):
    hostile = "<script>alert(1)</script> {{ 7*7 }} {% include 'x' %} | \\ \"q\" 'q'"
    record = yaml.safe_load((data / CASE).read_text(encoding="utf-8"))
    record["summary"] = {"zh": hostile, "en": hostile}
    (data / CASE).write_text(yaml.safe_dump(record, allow_unicode=True), encoding="utf-8")
    assert problems_of(data) == []


def test_cli_prints_all_problems_and_exits_nonzero(data):
    edit(data / CASE, "deaths: 3", "deaths: -1")
    edit(data / REG, "level: administrative-regulation", "level: edict")
    result = subprocess.run([sys.executable, "-m", "portal", "--data", str(data), "validate"], cwd=REPO_ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 1
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    assert len(lines) == 2 and all(line.count(":") >= 3 for line in lines), result.stdout
    assert "nothing was built" in result.stderr
