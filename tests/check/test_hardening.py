# Hostile and careless data the validator must report (never drop, never crash on): files, YAML, links, layers, URLs.
"""Each test breaks a copy of the minimal fixture (tests/fixtures/minimal) the way an editor or an attacker could and
asserts the problem is reported as `file:line: field: message` with its stable code."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from portal.check.validate import load_checked
from portal.settings import Settings, SettingsError, check_base_url
from portal_testing import MINIMAL, REPO_ROOT, SHIPPED_DATA, build, settings_for

CASE = "cases/test-case-2020.yml"
ARTICLE = "articles/test-article.yml"
REG = "regulations/accident-reporting-investigation-regulation.yml"
FUTURE_LAW = "regulations/future-law.yml"
PROBLEM_LINE = re.compile(r"^[^:]+:\d+: [^:]+: .+")


@pytest.fixture
def data(tmp_path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(MINIMAL, target)
    return target


def check(*layers: Path, **changes):
    return load_checked(settings_for(*layers, **changes))


def codes(result) -> dict[str, list[str]]:
    """Problem lines by code."""
    found: dict[str, list[str]] = {}
    for problem in result.problems:
        found.setdefault(problem.code, []).append(str(problem))
    return found


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text {old!r} not found in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def validate_cli(*layers: Path, timeout: int = 120) -> subprocess.CompletedProcess:
    data = os.pathsep.join(map(str, layers))
    return subprocess.run([sys.executable, "-m", "portal", "--data", data, "validate"], cwd=REPO_ROOT,
                          capture_output=True, text=True, timeout=timeout)


# -- files that look like data but would not be read ----------------------------------------------------------------
def test_yaml_twin_is_reported_and_the_yml_file_is_the_one_read(data):
    twin = data / "cases" / "test-case-2020.yaml"
    shutil.copy(data / CASE, twin)
    edit(twin, "deaths: 3", "deaths: 4")
    result = check(data)
    [line] = codes(result)["load.twin"]
    assert line.startswith(f"{twin}:1: (file): ") and "test-case-2020.yml" in line
    assert result.dataset.cases["test-case-2020"]["deaths"] == 3
    assert result.dataset.record_files[("cases", "test-case-2020")].rel_path.endswith(".yml")


@pytest.mark.parametrize("rename, code, hint", [
    (lambda d: (d / CASE).rename(d / "cases" / "test-case-2020.YML"), "load.not-yml", "lower-case .yml"),
    (lambda d: (d / CASE).rename(d / "cases" / "test-case-2020.yml.txt"), "load.not-yml", "is not a .yml file"),
    (lambda d: (d / "cases").rename(d / "case"), "load.unknown-folder", "did you mean cases/?"),
])
def test_look_alike_files_and_folders_are_reported(data, rename, code, hint):
    rename(data)
    result = check(data)
    assert code in codes(result), [str(p) for p in result.problems]
    assert hint in codes(result)[code][0]


def test_symlink_to_a_file_outside_the_data_folder_is_refused(data, tmp_path):
    outside = tmp_path / "outside.yml"
    shutil.move(data / CASE, outside)
    (data / CASE).symlink_to(outside)
    result = check(data)
    [line] = codes(result)["load.outside-link"]
    assert line.startswith(f"{data / CASE}:1: (file): ")
    assert "test-case-2020" not in result.dataset.cases


# -- YAML that would crash or mislead ----------------------------------------------------------------------------
def _nested(data: Path, levels: int) -> Path:
    path = data / CASE
    path.write_text("id: test-case-2020\nsummary: " + "[" * levels + "]" * levels + "\n", encoding="utf-8")
    return path


def test_20000_levels_of_nesting_are_one_problem(data):
    path = _nested(data, 20_000)
    result = check(data)
    [line] = codes(result)["yaml.too-deep"]
    assert line.startswith(f"{path}:2: (file): ") and "nested more than 40 levels" in line


@pytest.mark.parametrize("levels", [20_000, 200_000])
def test_deep_nesting_through_the_command_line(data, levels):
    # 200,000 levels (400 KB) crashed libyaml's recursive composer (a segfault: no message at all).
    path = _nested(data, levels)
    result = validate_cli(data)
    assert result.returncode == 1, (result.returncode, result.stderr[-2000:])
    assert "Traceback" not in result.stdout + result.stderr
    assert any(line.startswith(f"{path}:2: (file): ") and "nested" in line for line in result.stdout.splitlines())


def test_id_with_a_final_newline_is_a_schema_problem(data):
    # Python's re lets "$" match before a final newline, jsonschema-rs does not: the schema step must not pass it.
    edit(data / CASE, "id: test-case-2020", 'id: "test-case-2020\\n"')
    result = check(data)
    [line] = codes(result)["schema.strict"]
    assert f"{data / CASE}:3: id: " in line and "newline" in line


def test_text_direction_override_is_reported(data):
    edit(data / CASE, "一名工人高处坠落。", "一名工人\u202e高处坠落。")
    result = check(data)
    [line] = codes(result)["yaml.bidi-control"]
    assert line.startswith(f"{data / CASE}:14: (file): ") and "U+202E" in line


# -- ids, vocabularies, graph --------------------------------------------------------------------------------------
def test_topic_term_index_in_a_layer_vocabulary_is_reserved(data):
    (data / "vocab").mkdir()
    (data / "vocab" / "topics.yml").write_text("# a layer's own topics\ntitle: {zh: 本单位主题}\nterms:\n"
                                               "  - {id: index, label: {zh: 索引}}\n", encoding="utf-8")
    result = check(data)
    [line] = codes(result)["id.reserved"]
    assert line.startswith(f"{data / 'vocab' / 'topics.yml'}:4: terms[0].id: ") and "'index'" in line


def test_supersedes_cycle_through_a_later_list_entry(data):
    # future-law: [gb-6441-1986, accident-reporting-...]; accident-reporting-...: [future-law]
    edit(data / FUTURE_LAW, "supersedes: [accident-reporting-investigation-regulation]",
         "supersedes: [gb-6441-1986, accident-reporting-investigation-regulation]")
    edit(data / REG, "topics: [accident-reporting]", "supersedes: [future-law]\ntopics: [accident-reporting]")
    result = check(data)
    [line] = codes(result)["graph.cycle"]
    assert "future-law" in line and "accident-reporting-investigation-regulation" in line


# -- Markdown bodies ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("markdown, target", [
    ("[管理后台](//evil.example/login)", "//evil.example/login"),
    ("[管理后台](/admin/)", "/admin/"),
    ("[密码](../../../etc)", "../../../etc"),
    ("![图](https://tracker.example/pixel.png)", "https://tracker.example/pixel.png"),
    ("[参考][r]\\n\\n[r]: //evil.example/", "//evil.example/"),
])
def test_unsafe_links_in_bodies_are_reported(data, markdown, target):
    edit(data / ARTICLE, "每天一题。", f"每天一题。\\n\\n{markdown}")
    result = check(data)
    [line] = codes(result)["markdown.unsafe-link"]
    assert line.startswith(f"{data / ARTICLE}:8: body.zh: ") and repr(target) in line


@pytest.mark.parametrize("markdown", ["[应急管理部](https://www.mem.gov.cn/)", "[案例](../../cases/x/)"])
def test_safe_links_in_bodies_pass(data, markdown):
    edit(data / ARTICLE, "每天一题。", f"每天一题。\\n\\n{markdown}")
    assert check(data).problems == []


# -- long names ----------------------------------------------------------------------------------------------------
def _issuer(count_from: int) -> str:
    return "、".join(f"第{i}测试委员会" for i in range(count_from, count_from + 60))


def test_287_character_issuer_validates_and_builds_with_short_addresses(data, tmp_path):
    long_name = _issuer(1)[:287]
    other = long_name[:200] + _issuer(500)[:87]  # begins alike: a second joint issuer
    assert len(long_name) == len(other) == 287
    edit(data / REG, "issuer: {zh: 测试机关, en: Test Authority}", f"issuer: {{zh: {long_name}, en: Test Authority}}")
    edit(data / FUTURE_LAW, "issuer: {zh: 测试机关, en: Test Authority}", f"issuer: {{zh: {other}, en: Test Authority}}")
    assert check(data).problems == []
    out = tmp_path / "site"
    build(out, data)
    for lang_dir in (out, out / "en"):
        slugs = sorted(p.name for p in (lang_dir / "regulations" / "by-issuer").iterdir() if p.is_dir())
        long_slugs = [s for s in slugs if s.startswith("di-1-ce-shi-wei-yuan-hui")]
        assert len(long_slugs) == 2, slugs  # two issuers, two pages
        assert all(len(s) <= 60 and re.fullmatch(r"[a-z0-9-]+", s) for s in slugs), slugs
    assert max(len(p.name.encode("utf-8")) for p in out.rglob("*")) <= 100


# -- settings ------------------------------------------------------------------------------------------------------
HOSTILE_BASE_URL = 'http://x/"><script>'


def test_quote_in_base_url_is_refused_in_one_line():
    with pytest.raises(SettingsError) as error:
        check_base_url(HOSTILE_BASE_URL)
    assert "\n" not in str(error.value) and "BASE_URL" in str(error.value)
    with pytest.raises(SettingsError):
        Settings(site_url=HOSTILE_BASE_URL)
    assert check_base_url("http://intranet.example/safety") == "http://intranet.example/safety/"


def test_build_with_a_hostile_base_url_exits_2_before_building(tmp_path):
    out = tmp_path / "site"
    result = subprocess.run([sys.executable, "-m", "portal", "--data", str(MINIMAL), "build", "--base-url",
                             HOSTILE_BASE_URL, "--out", str(out)], cwd=REPO_ROOT, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "BASE_URL" in result.stderr
    assert "Traceback" not in result.stderr and not out.exists()


# -- every problem on one parsable line ----------------------------------------------------------------------------
def _break_everything(data: Path) -> None:
    shutil.copy(data / CASE, data / "cases" / "test-case-2020.yaml")
    (data / "cases" / "shouting.YML").write_text("id: shouting\n", encoding="utf-8")
    (data / "cases" / "notes.yml.txt").write_text("notes\n", encoding="utf-8")
    (data / "case").mkdir()
    (data / "loose.yml").write_text("id: loose\n", encoding="utf-8")
    edit(data / CASE, "deaths: 3", 'deaths: 3\n"odd:key": 1\n"two\\nlines": 2')
    (data / "cases" / "broken-syntax.yml").write_text("id: broken-syntax\ndeaths: [3\n", encoding="utf-8")
    edit(data / ARTICLE, "每天一题。", "每天一题。[x](//evil.example/)")
    edit(data / REG, "topics: [accident-reporting]", 'supersedes: [future-law]\ntopics: [accident-reporting, "a:b"]')
    edit(data / "contacts/test-directory.yml", "测试公司", "测试\u202e公司")
    (data / "quiz" / "q-test-tier.yml").write_text("id: q-test-tier\nq: " + "{a: " * 50 + "1" + "}" * 50 + "\n",
                                                    encoding="utf-8")
    (data / "regulations" / "gb-6441-1986.yml").write_bytes("id: gb-6441-1986\ntitle: {zh: 测试}\n".encode("gb18030"))


def test_every_problem_is_one_file_line_field_message_line(data):
    _break_everything(data)
    result = check(data)
    lines = [str(p) for p in result.problems]
    assert len({p.code for p in result.problems}) >= 10, lines
    assert [line for line in lines if not PROBLEM_LINE.match(line) or "\n" in line] == []
    cli = validate_cli(data)
    assert cli.returncode == 1 and "Traceback" not in cli.stderr
    printed = [line for line in cli.stdout.splitlines() if line.strip()]
    assert len(printed) == len(lines)
    assert [line for line in printed if not PROBLEM_LINE.match(line)] == []


# -- layers ----------------------------------------------------------------------------------------------------------
@pytest.fixture
def branch(tmp_path) -> Path:
    layer = tmp_path / "branch"
    (layer / "cases").mkdir(parents=True)
    return layer


def _case_text(**replacements) -> str:
    text = (MINIMAL / CASE).read_text(encoding="utf-8")
    for old, new in replacements.items():
        assert old in text
        text = text.replace(old, new)
    return text


def test_a_later_layer_adds_a_record(data, branch):
    (branch / "cases" / "other-case-2021.yml").write_text(
        _case_text(**{"test-case-2020": "other-case-2021", "related_articles: [test-article]\n": ""}), encoding="utf-8")
    result = check(data, branch)
    assert result.problems == []
    assert set(result.dataset.cases) == {"test-case-2020", "other-case-2021"}


def test_a_later_layer_repeating_an_id_must_say_overrides(data, branch):
    (branch / "cases" / "test-case-2020.yml").write_text(_case_text(**{"deaths: 3": "deaths: 4"}), encoding="utf-8")
    result = check(data, branch)
    [line] = codes(result)["load.silent-override"]
    assert line.startswith(f"{branch / CASE}:3: id: ") and "overrides: true" in line
    assert result.dataset.cases["test-case-2020"]["deaths"] == 3


def test_overrides_true_replaces_the_earlier_record(data, branch):
    (branch / "cases" / "test-case-2020.yml").write_text(
        _case_text(**{"deaths: 3": "deaths: 4\noverrides: true"}), encoding="utf-8")
    result = check(data, branch)
    assert [str(p) for p in result.problems] == []
    assert result.dataset.cases["test-case-2020"]["deaths"] == 4
    assert "overrides" not in result.dataset.cases["test-case-2020"]
    assert result.dataset.layer_of[("cases", "test-case-2020")] == 1


# -- one-language records ------------------------------------------------------------------------------------------
CHINESE_ONLY_CASE = """# an organisation's own record, in Chinese only
id: own-chinese-only-case-2021
title: {zh: 本单位仅中文记录的事故}
date: 2021-03-04
place: {province: sichuan}
deaths: 1
summary: {zh: 只有中文概要。}
sources:
  - {title: 本单位事故台账, publisher: 本单位安全部}
"""


def test_chinese_only_record_is_fine_in_a_layer_but_not_in_shipped_content(branch):
    (branch / "cases" / "own-chinese-only-case-2021.yml").write_text(CHINESE_ONLY_CASE, encoding="utf-8")
    today = Settings().today  # the shipped data is checked on the real day
    assert Settings(data_dirs=(SHIPPED_DATA,)).bilingual_required is True
    layered = Settings(data_dirs=(SHIPPED_DATA, branch), today=today)
    assert layered.bilingual_required is False
    assert [str(p) for p in load_checked(layered).problems] == []
    strict = load_checked(layered.with_(strict_bilingual=True))
    missing = sorted(p.field for p in strict.problems if p.code == "schema.required")
    assert missing == ["summary.en", "title.en"], [str(p) for p in strict.problems]
