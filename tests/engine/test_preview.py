# The live preview: an edited record is re-rendered with its lists, invalid data keeps the last good site and reports.
"""Live preview (portal/build/serve.py) on a copy of the minimal fixture: incremental update, problems, HTTP."""
from __future__ import annotations

import json
import shutil
import time
import urllib.request

import pytest

from portal.build.serve import Preview, Watcher, _handler
from portal.verify.served import served_folder
from portal_testing import MINIMAL, settings_for


@pytest.fixture
def preview(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(MINIMAL, data)
    preview = Preview(settings_for(data, work_dir=tmp_path / "work"), tmp_path / "site")
    assert preview.full_build()
    return preview, data


def test_edit_rewrites_the_record_page_and_its_lists(preview):
    preview, data = preview
    case = data / "cases" / "test-case-2020.yml"
    case.write_text(case.read_text(encoding="utf-8").replace("测试坠落事故", "改名后的坠落事故"), encoding="utf-8")
    before = preview.generation
    preview.update()
    assert preview.generation == before + 1 and preview.problems == []
    site = preview.out
    assert "改名后的坠落事故" in (site / "cases" / "test-case-2020" / "index.html").read_text(encoding="utf-8")
    assert "改名后的坠落事故" in (site / "cases" / "index.html").read_text(encoding="utf-8")
    assert "改名后的坠落事故" in (site / "cases" / "by-year" / "2020" / "index.html").read_text(encoding="utf-8")
    # English pages of a record without the English change keep their English title
    assert "Test fall accident" in (site / "en" / "cases" / "test-case-2020" / "index.html").read_text(encoding="utf-8")


def test_invalid_data_keeps_the_last_good_site_and_reports_the_problem(preview):
    preview, data = preview
    page = preview.out / "cases" / "test-case-2020" / "index.html"
    good = page.read_text(encoding="utf-8")
    case = data / "cases" / "test-case-2020.yml"
    case.write_text(case.read_text(encoding="utf-8").replace("deaths: 3", 'deaths: "three"'), encoding="utf-8")
    preview.update()
    assert page.read_text(encoding="utf-8") == good
    assert len(preview.problems) == 1 and "test-case-2020.yml:" in preview.problems[0] and "deaths" in preview.problems[0]


def wait_until(condition, what: str, seconds: float = 60) -> None:
    """Wait for the watcher's rebuild (a deadline to fail by, not a timing check)."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"the watcher did not {what} within {seconds} s"
        time.sleep(0.05)


def test_watcher_picks_up_a_data_edit_and_a_template_edit(preview, tmp_path):
    """The file watcher (watchdog) notices a saved record and re-renders its page; a change under a code folder
    (docs, templates, overrides) rebuilds the whole site instead."""
    preview, data = preview
    templates = tmp_path / "templates"
    templates.mkdir()
    full_builds = []
    build_fully = preview.full_build
    preview.full_build = lambda: full_builds.append(1) or build_fully()
    page = preview.out / "cases" / "test-case-2020" / "index.html"
    watcher = Watcher(preview, code_dirs=[templates]).start()
    try:
        case = data / "cases" / "test-case-2020.yml"
        case.write_text(case.read_text(encoding="utf-8").replace("测试坠落事故", "监视到的坠落事故"), encoding="utf-8")
        wait_until(lambda: "监视到的坠落事故" in page.read_text(encoding="utf-8"), "re-render the edited record")
        assert full_builds == [] and preview.problems == []
        generation = preview.generation
        (templates / "page.html").write_text("<p>changed</p>", encoding="utf-8")
        wait_until(lambda: full_builds and preview.generation > generation, "rebuild after a template change")
        assert "监视到的坠落事故" in page.read_text(encoding="utf-8")
    finally:
        watcher.stop()


def test_status_endpoint_and_live_script_are_served(preview):
    preview, _data = preview
    preview.problems = ["data/cases/x.yml:3: deaths: <script>alert(1)</script>"]
    with served_folder(preview.out, _handler(preview)) as base:
        status = json.loads(urllib.request.urlopen(base + "__portal/status").read())
        assert status["problems"] == preview.problems
        html = urllib.request.urlopen(base + "cases/test-case-2020/").read().decode("utf-8")
        assert '<script src="/__portal/live.js"></script></body>' in html
        script = urllib.request.urlopen(base + "__portal/live.js").read().decode("utf-8")
        assert "textContent" in script and "innerHTML" not in script


def test_serve_with_invalid_data_prints_the_real_problem_first(tmp_path):
    """`make serve` on broken data: the first line is the data problem (file:line: field: message), nothing else."""
    import subprocess
    import sys

    from portal_testing import REPO_ROOT

    data = tmp_path / "data"
    shutil.copytree(MINIMAL, data)
    case = data / "cases" / "test-case-2020.yml"
    case.write_text(case.read_text(encoding="utf-8").replace("deaths: 3", 'deaths: "three"'), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "portal", "--data", str(data), "serve", "--no-watch",
                             "--out", str(tmp_path / "site"), "--port", "0"], cwd=REPO_ROOT, capture_output=True,
                            text=True, timeout=300)
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    assert result.returncode == 1
    assert lines and lines[0].startswith(str(case)) and ": deaths: " in lines[0], lines[:3]
    assert "Traceback" not in result.stdout + result.stderr
    assert not (tmp_path / "site").exists()
