# Reliability under ordinary mistakes: wrong types are located problems (never tracebacks), and reruns agree.
"""Schema first: a record whose fields have the wrong type is reported once, located, with what to write instead, and
the semantic checks never see it. The parse cache is never changed by its readers: a run gives the same answer twice."""
from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest

from portal.check.validate import load_checked
from portal_testing import MINIMAL, settings_for

REG = "regulations/gb-6441-1986.yml"
CASE = "cases/test-case-2020.yml"


@pytest.fixture
def data(tmp_path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(MINIMAL, target)
    return target


def problem_lines(tmp_path: Path, *layers: Path) -> list[str]:
    """The problems of these layers as printed (`file:line: field: message`)."""
    return [str(p) for p in load_checked(settings_for(*layers, work_dir=tmp_path / "work")).problems]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text {old!r} not found in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_plain_string_title_is_one_located_problem_saying_what_to_write(data, tmp_path):
    edit(data / REG, "title: {zh: 测试标准, en: Test standard}", "title: 测试标准")
    lines = problem_lines(tmp_path, data)
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"{data / REG}:4: title: ") and "{zh: 中文, en: English}" in lines[0]


def test_a_record_that_fails_its_schema_is_not_checked_further_and_references_to_it_stay_quiet(data, tmp_path):
    # The regulation's topics as a mapping: semantic checks would iterate it; the case citing the regulation would
    # report it missing. Only the real problem is reported.
    edit(data / REG, "topics: [accident-reporting]", "topics: {a: 1}")
    lines = problem_lines(tmp_path, data)
    assert len(lines) == 1 and lines[0].startswith(f"{data / REG}:9: topics: "), lines


def test_a_layer_record_with_overrides_true_validates_the_same_on_every_run(data, tmp_path):
    branch = tmp_path / "branch"
    (branch / "cases").mkdir(parents=True)
    text = (MINIMAL / CASE).read_text(encoding="utf-8").replace("deaths: 3", "deaths: 4\noverrides: true")
    (branch / CASE).write_text(text, encoding="utf-8")
    settings = settings_for(data, branch, work_dir=tmp_path / "work")
    for run in range(4):
        result = load_checked(settings)
        assert [str(p) for p in result.problems] == [], f"run {run}"
        assert result.dataset.cases["test-case-2020"]["deaths"] == 4


# -- the parse cache ----------------------------------------------------------------------------------------------
def test_an_edit_keeping_size_and_modification_time_is_seen(data, tmp_path):
    """cp -p, rsync -t or an editor restoring a backup: same size, same time, other content."""
    import os

    case = data / CASE
    from portal.load import yamlsafe

    settings = settings_for(data, work_dir=tmp_path / "work")
    kept = yamlsafe.ParseCache()  # what the live preview keeps in memory across rebuilds
    assert load_checked(settings, kept).dataset.cases["test-case-2020"]["deaths"] == 3
    stat = case.stat()
    edit(case, "deaths: 3", "deaths: 4")
    os.utime(case, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert case.stat().st_size == stat.st_size and case.stat().st_mtime_ns == stat.st_mtime_ns
    assert load_checked(settings, kept).dataset.cases["test-case-2020"]["deaths"] == 4
    assert load_checked(settings).dataset.cases["test-case-2020"]["deaths"] == 4  # a new process: the cache file


def test_the_cache_folder_is_pruned_to_a_bounded_number_of_files(data, tmp_path):
    from portal.load import yamlsafe

    work = tmp_path / "work"
    cache = work / "cache"
    cache.mkdir(parents=True)
    for number in range(30):  # caches of 30 other data-layer sets, and a writer that died long ago
        (cache / f"parsed-yaml-old{number:03d}.pickle").write_bytes(b"x" * 1000)
    stale = cache / "parsed-yaml-old.pickle.dead.partial"
    stale.write_bytes(b"x")
    os.utime(stale, (0, 0))
    load_checked(settings_for(data, work_dir=work))
    import time
    deadline = time.monotonic() + 30  # the cache is written by a forked process while the checks run
    while len(list(cache.glob("parsed-yaml-*.pickle"))) > yamlsafe.CACHE_FILES_KEPT and time.monotonic() < deadline:
        time.sleep(0.05)
    remaining = list(cache.glob("parsed-yaml-*.pickle"))
    assert len(remaining) == yamlsafe.CACHE_FILES_KEPT
    assert not stale.exists()
    assert any(not p.name.startswith("parsed-yaml-old") for p in remaining)  # this run's own cache is kept


def test_two_commands_at_once_share_the_cache_safely(data, tmp_path):
    """Two validations at once, many times over one work folder: both succeed every time and the cache stays whole."""
    import subprocess
    import sys

    from portal.load import yamlsafe
    from portal_testing import REPO_ROOT

    work = tmp_path / "work"
    script = ("import sys; from portal.check.validate import load_checked; from portal_testing import settings_for;"
              "from pathlib import Path; result = load_checked(settings_for(Path(sys.argv[1]), work_dir=Path(sys.argv[2])));"
              "print(*result.problems, sep='\\n'); sys.exit(1 if result.problems else 0)")
    command = [sys.executable, "-c", script, str(data), str(work)]
    text = (data / CASE).read_text(encoding="utf-8")
    for round_number, deaths in enumerate(['"three"', "5", '"x"', "4"]):
        (data / CASE).write_text(text.replace("deaths: 3", f"deaths: {deaths}"), encoding="utf-8")
        # Run from tests/ (the script imports portal_testing from there; portal is the installed package).
        runs = [subprocess.Popen(command, cwd=REPO_ROOT / "tests", stdout=subprocess.PIPE,
                                 stderr=subprocess.STDOUT, text=True) for _ in range(2)]
        outputs = [run.communicate(timeout=120)[0] for run in runs]
        invalid = deaths.startswith('"')
        assert [run.returncode for run in runs] == [int(invalid)] * 2, outputs
        assert all(("deaths" in output) == invalid for output in outputs), outputs
    caches = list((work / "cache").glob("parsed-yaml-*.pickle"))
    assert len(caches) == 1 and not list((work / "cache").glob("*.partial"))
    cache = yamlsafe.ParseCache()
    cache.load(caches[0])
    assert len(cache) >= 7


# -- file discovery -----------------------------------------------------------------------------------------------
def _load_codes(result) -> list[tuple[str, str]]:
    return [(Path(p.path).name, p.code) for p in result.problems]


def test_a_named_pipe_a_link_loop_and_a_broken_link_are_one_problem_each_and_never_block(data, tmp_path):
    import threading

    os.mkfifo(data / "cases" / "pipe-case-2020.yml")
    (data / "cases" / "loop-case-2020.yml").symlink_to("loop-case-2020.yml")
    (data / "cases" / "gone-case-2020.yml").symlink_to("nowhere.yml")
    (data / "loop-folder").symlink_to(data / "loop-folder")
    os.mkfifo(data / "vocab-pipe.yml")
    outcome = {}
    worker = threading.Thread(target=lambda: outcome.update(result=load_checked(settings_for(data, work_dir=tmp_path / "w"))),
                              daemon=True)
    worker.start()
    worker.join(60)
    if worker.is_alive():  # unblock the reader so the test process can end, then fail
        for pipe in ("cases/pipe-case-2020.yml", "vocab-pipe.yml"):
            with open(data / pipe, "wb", buffering=0):
                pass
        pytest.fail("validation blocked on a named pipe")
    found = _load_codes(outcome["result"])
    assert sorted(found) == sorted([("pipe-case-2020.yml", "load.not-regular"), ("loop-case-2020.yml", "load.link-loop"),
                                    ("gone-case-2020.yml", "load.broken-link"), ("loop-folder", "load.link-loop"),
                                    ("vocab-pipe.yml", "load.not-regular")]), found
    assert all(":1: (file): " in str(p) for p in outcome["result"].problems)


def test_a_layer_that_is_a_link_loop_is_one_problem(data, tmp_path):
    loop = tmp_path / "branch"
    loop.symlink_to(loop)
    result = load_checked(settings_for(data, loop, work_dir=tmp_path / "w"))
    assert _load_codes(result) == [("branch", "load.link-loop")], [str(p) for p in result.problems]


def test_a_misspelled_vocabulary_file_is_reported_with_the_right_name(data, tmp_path):
    branch = tmp_path / "branch"
    (branch / "vocab").mkdir(parents=True)
    (branch / "vocab" / "topic.yml").write_text("terms: []\n", encoding="utf-8")
    result = load_checked(settings_for(data, branch, work_dir=tmp_path / "w"))
    [line] = [str(p) for p in result.problems]
    assert "topic.yml:1: (file): " in line and "did you mean topics.yml" in line


# -- layers redefining vocabulary items ----------------------------------------------------------------------------
TIER_LAYER = """title: {zh: 事故等级, en: Accident tiers}
basis: {regulation: accident-reporting-investigation-regulation, article: "3"}
tiers:
  - id: relatively-major
    label: {zh: 较大事故, en: Relatively major accident}
    description: {zh: 本单位口径。, en: Our own threshold.}
    min_deaths: 2
    min_serious_injuries: 10
    min_direct_loss_cny: 10000000
"""
SERVICE_LAYER = """title: {zh: 全国特服号码, en: National service numbers}
numbers:
  - {number: "119", category: police, label: {zh: 本地火警, en: Local fire}}
"""
TOPIC_LAYER = """title: {zh: 主题, en: Topics}
terms:
  - {id: accident-reporting, label: {zh: 本单位的事故报告, en: Our accident reporting}}
"""


@pytest.mark.parametrize("name, text, field", [("accident-tiers", TIER_LAYER, "tiers[0].id"),
                                               ("service-numbers", SERVICE_LAYER, "numbers[0].number"),
                                               ("topics", TOPIC_LAYER, "terms[0].id")])
def test_a_later_layer_redefining_a_vocabulary_item_is_reported(data, tmp_path, name, text, field):
    branch = tmp_path / "branch"
    (branch / "vocab").mkdir(parents=True)
    (branch / "vocab" / f"{name}.yml").write_text(text, encoding="utf-8")
    lines = problem_lines(tmp_path, data, branch)
    assert len(lines) == 1 and f"{name}.yml:" in lines[0] and f": {field}: " in lines[0], lines
    assert "overrides: true" in lines[0] and "data/vocab/" in lines[0]


def test_a_later_layer_saying_overrides_replaces_the_tier_and_it_is_applied(data, tmp_path):
    from portal.derive.facts import Derived

    branch = tmp_path / "branch"
    (branch / "vocab").mkdir(parents=True)
    (branch / "vocab" / "accident-tiers.yml").write_text("overrides: true\n" + TIER_LAYER, encoding="utf-8")
    edit(data / CASE, "deaths: 3", "deaths: 2")
    result = load_checked(settings_for(data, branch, work_dir=tmp_path / "w"))
    assert [str(p) for p in result.problems] == []
    [tier] = [t for t in result.dataset.accident_tiers() if t["id"] == "relatively-major"]
    assert tier["min_deaths"] == 2
    assert Derived(result.dataset, dt.date(2026, 12, 7)).tier["test-case-2020"] == "relatively-major"


# -- root cause first, named causes -------------------------------------------------------------------------------
def test_a_broken_vocabulary_is_the_one_problem_not_its_consequences(data, tmp_path):
    """A syntax error in a layer's topics vocabulary: that line first and alone, not every topic reference after it."""
    branch = tmp_path / "branch"
    (branch / "vocab").mkdir(parents=True)
    (branch / "vocab" / "topics.yml").write_text("title: {zh: 主题, en: Topics\nterms: []\n", encoding="utf-8")
    lines = problem_lines(tmp_path, data, branch)
    assert len(lines) == 1 and "topics.yml:" in lines[0] and "YAML" in lines[0], lines


def test_a_broken_regulation_is_the_one_problem_not_the_references_to_it(data, tmp_path):
    edit(data / REG, "level: national-standard", "level: national-standard\n  bad: indentation")
    lines = problem_lines(tmp_path, data)
    assert len(lines) == 1 and lines[0].startswith(f"{data / REG}:"), lines


def test_problems_that_stop_a_file_from_being_read_come_first(data, tmp_path):
    edit(data / CASE, "deaths: 3", 'deaths: "three"')  # data/cases/... sorts before data/regulations/...
    edit(data / REG, "level: national-standard", "level: national-standard\n  bad: indentation")
    result = load_checked(settings_for(data, work_dir=tmp_path / "w"))
    assert [p.code.split(".")[0] for p in result.problems] == ["yaml", "schema"], [str(p) for p in result.problems]


@pytest.mark.parametrize("text, line, expected", [
    ("deaths：4", 9, "full-width colon '：'"),
    ("\tdeaths: 4", 9, "tab character"),
    ("deaths: 3\nsummary: {zh: “概要: 测试”}", 10, "full-width quotation mark"),
])
def test_tabs_and_full_width_punctuation_are_named_on_their_line(data, tmp_path, text, line, expected):
    edit(data / CASE, "deaths: 3", text)
    lines = problem_lines(tmp_path, data)
    assert len(lines) == 1 and lines[0].startswith(f"{data / CASE}:{line}: (file): ") and expected in lines[0], lines


@pytest.mark.parametrize("number", ["con", "nul", "+1 202 555 0100", "+852 2345 6789", "１１９"])
def test_words_and_other_countries_numbers_are_not_accepted_as_phone_numbers(data, tmp_path, number):
    edit(data / "contacts" / "test-directory.yml", '{number: "13900001234"', f'{{number: "{number}"')
    lines = problem_lines(tmp_path, data)
    assert len(lines) == 1 and ": entries[1].phones[1].number: " in lines[0], lines


@pytest.mark.parametrize("old, new, field", [
    ("kind: other}", "kind: null}", "sources[0].kind"),      # not also "None is not one of ..."
    ("summary: {zh: 测试标准概要。, en: Test standard summary.}", 'summary: {zh: 测试标准概要。, en: ""}',
     "summary.en"),                                           # empty, not also "blank"
])
def test_a_field_breaking_several_rules_is_one_problem_saying_what_to_write(data, tmp_path, old, new, field):
    edit(data / REG, old, new)
    lines = problem_lines(tmp_path, data)
    assert len(lines) == 1 and f": {field}: " in lines[0], lines
