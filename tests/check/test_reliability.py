# Reliability under ordinary mistakes: wrong types are located problems (never tracebacks), and reruns agree.
"""Schema first: a record whose fields have the wrong type is reported once, located, with what to write instead, and
the semantic checks never see it. The parse cache is never changed by its readers: a run gives the same answer twice."""
from __future__ import annotations

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


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text {old!r} not found in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_plain_string_title_is_one_located_problem_saying_what_to_write(data, tmp_path):
    edit(data / REG, "title: {zh: 测试标准, en: Test standard}", "title: 测试标准")
    result = load_checked(settings_for(data, work_dir=tmp_path / "work"))
    lines = [str(p) for p in result.problems]
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"{data / REG}:4: title: ") and "{zh: 中文, en: English}" in lines[0]


def test_a_record_that_fails_its_schema_is_not_checked_further_and_references_to_it_stay_quiet(data, tmp_path):
    # The regulation's topics as a mapping: semantic checks would iterate it; the case citing the regulation would
    # report it missing. Only the real problem is reported.
    edit(data / REG, "topics: [accident-reporting]", "topics: {a: 1}")
    result = load_checked(settings_for(data, work_dir=tmp_path / "work"))
    lines = [str(p) for p in result.problems]
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
