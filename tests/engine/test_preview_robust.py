# The live preview under hostile edits: every input error is shown, the last good site stays, later edits appear.
"""Preview.rebuild() (what the watcher runs after every change) on a copy of the minimal fixture, built once:

- a seeded sample of the property test's mutations (every top-level field of every fixture record into other YAML
  shapes): each is shown as located problems (overlay and terminal) while the last good pages stay, or, when valid,
  rendered; after each the original file comes back and the preview is clean again;
- a named pipe and a link loop in a record folder: one problem each, nothing blocks;
- an unexpected exception inside a rebuild (a bug): shown in the overlay, the watcher keeps running and the next
  valid edit appears."""
from __future__ import annotations

import os
import random
import re
import shutil
import threading
import time

import pytest
import yaml

from portal.build.serve import Preview, Watcher
from portal.check.schema import fast_schema_validator
from portal.kinds import BY_NAME
from portal.load.yamlsafe import load_yaml_file
from portal_testing import MINIMAL, settings_for

PROBLEM_LINE = re.compile(r"^(?P<path>.+?):(?P<line>[1-9][0-9]*): (?P<field>[^:]+): .+$")
SHAPES = {"null": None, "integer": 7, "text": "文字", "empty list": [], "list of text": ["文字"],
          "mapping": {"x": 1}, "bilingual mapping": {"zh": "文字", "en": "text"}, "true": True}
PAGE = "cases/test-case-2020/index.html"
CASE = "cases/test-case-2020.yml"


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    root = tmp_path_factory.mktemp("preview")
    data = root / "data"
    shutil.copytree(MINIMAL, data)
    preview = Preview(settings_for(data, work_dir=root / "work"), root / "site")
    assert preview.full_build()
    return preview, data


def _mutations(data) -> list[tuple[str, str, object]]:
    found = []
    for path in sorted(data.glob("*/*.yml")):
        record = load_yaml_file(path, str(path)).value
        for field in record:
            for name, value in SHAPES.items():
                if value != record[field]:
                    found.append((str(path.relative_to(data)), field, value))
    return found


def _rebuild_and_check_clean(preview) -> None:
    before = preview.generation
    preview.rebuild()
    assert preview.generation == before + 1
    assert preview.problems == [], preview.problems


def test_a_sample_of_mutations_through_the_preview(preview, capsys):
    preview, data = preview
    mutations = random.Random(20).sample(_mutations(data), 40)
    shown = rendered = 0
    for rel, field, value in mutations:
        path = data / rel
        original = path.read_text(encoding="utf-8")
        good_page = (preview.out / PAGE).read_text(encoding="utf-8")
        record = dict(load_yaml_file(path, str(path)).value)
        record[field] = value
        path.write_text(yaml.safe_dump(record, allow_unicode=True, sort_keys=False), encoding="utf-8")
        before = preview.generation
        preview.rebuild()
        assert preview.generation == before + 1, (rel, field, value)
        assert not any("internal error" in p for p in preview.problems), preview.problems
        for line in preview.problems:
            assert PROBLEM_LINE.match(line), line
        if not fast_schema_validator(BY_NAME[rel.split("/")[0]].schema).is_valid(record):
            assert any(line.startswith(f"{path}:") and f": {field}" in line for line in preview.problems), \
                (rel, field, value, preview.problems)
            assert (preview.out / PAGE).read_text(encoding="utf-8") == good_page  # the last good site stays
            printed = capsys.readouterr().out
            assert preview.problems[0] in printed and "the last good site is still served" in printed
            shown += 1
        else:
            rendered += not preview.problems
        path.write_text(original, encoding="utf-8")
        _rebuild_and_check_clean(preview)
    assert shown >= 25
    print(f"preview mutations: {len(mutations)}, shown as problems: {shown}, valid and rendered: {rendered}")
    # every later valid edit appears
    case = data / CASE
    text = case.read_text(encoding="utf-8")
    case.write_text(text.replace("测试坠落事故", "预览仍然更新"), encoding="utf-8")
    try:
        _rebuild_and_check_clean(preview)
        assert "预览仍然更新" in (preview.out / PAGE).read_text(encoding="utf-8")
    finally:  # the next tests start from the fixture as it was
        case.write_text(text, encoding="utf-8")
        _rebuild_and_check_clean(preview)


def test_a_named_pipe_and_a_link_loop_are_shown_and_nothing_blocks(preview):
    preview, data = preview
    pipe = data / "cases" / "pipe-2021.yml"
    loop = data / "cases" / "loop-2021.yml"
    os.mkfifo(pipe)
    loop.symlink_to(loop.name)
    try:
        worker = threading.Thread(target=preview.rebuild, daemon=True)
        worker.start()
        worker.join(60)
        assert not worker.is_alive(), "the preview blocked"
        assert len(preview.problems) == 2, preview.problems
        assert any("pipe-2021.yml:1: (file): " in p and "named pipe" in p for p in preview.problems)
        assert any("loop-2021.yml:1: (file): " in p and "loops" in p for p in preview.problems)
    finally:
        pipe.unlink()
        loop.unlink()
    _rebuild_and_check_clean(preview)


def test_an_unexpected_error_in_a_rebuild_is_shown_and_the_watcher_goes_on(preview, monkeypatch, capsys):
    preview, data = preview
    real_update = Preview.update
    calls = []

    def broken_once(self):
        calls.append(1)
        if len(calls) == 1:
            raise ZeroDivisionError("injected fault")
        real_update(self)

    monkeypatch.setattr(Preview, "update", broken_once)
    watcher = Watcher(preview, code_dirs=[], settle=0.05).start()
    try:
        case = data / CASE
        text = case.read_text(encoding="utf-8")
        case.write_text(text.replace("deaths: 3", "deaths: 4"), encoding="utf-8")
        _wait(lambda: any("internal error" in p for p in preview.problems))
        assert "ZeroDivisionError" in capsys.readouterr().err  # the traceback, in the terminal
        assert watcher.thread.is_alive()
        case.write_text(text.replace("测试坠落事故", "故障之后的修改"), encoding="utf-8")
        _wait(lambda: "故障之后的修改" in (preview.out / PAGE).read_text(encoding="utf-8") and not preview.problems,
              lambda: f"{len(calls)} rebuilds; problems {preview.problems}")
    finally:
        watcher.stop()
        case.write_text(text, encoding="utf-8")
        preview.rebuild()


def _wait(condition, explain=lambda: "", seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"the preview did not react {explain()}"
        time.sleep(0.05)


def test_pages_are_replaced_whole_never_rewritten_in_place(preview):
    """A request being answered while a page is rewritten reads the old page or the new one, never an empty or half
    page: the preview writes a new file and renames it over the old one (the open old file keeps its content)."""
    preview, data = preview
    page = preview.out / PAGE
    with page.open("rb") as served:
        old = page.read_bytes()
        case = data / CASE
        text = case.read_text(encoding="utf-8")
        case.write_text(text.replace("测试坠落事故", "整页替换"), encoding="utf-8")
        try:
            _rebuild_and_check_clean(preview)
            assert "整页替换" in page.read_text(encoding="utf-8")
            assert served.read() == old
        finally:
            case.write_text(text, encoding="utf-8")
            preview.rebuild()
    assert not list(preview.out.rglob("*.partial"))


def test_a_request_while_a_full_build_swaps_the_site_waits_for_it(preview):
    """A full build replaces the served folder with two renames: a request in between gets the new page, not 404."""
    import functools
    import http.server
    import urllib.request

    from portal.build.serve import _handler

    preview, _data = preview
    handler = functools.partial(_handler(preview), directory=str(preview.out))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    aside = preview.out.with_name(preview.out.name + ".aside")
    preview.building.set()
    preview.out.rename(aside)  # the moment between the two renames
    threading.Timer(0.5, lambda: aside.rename(preview.out)).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/{PAGE.removesuffix('index.html')}"
        with urllib.request.urlopen(url, timeout=30) as response:
            assert response.status == 200 and "测试坠落事故" in response.read().decode("utf-8")
    finally:
        preview.building.clear()
        server.shutdown()
        _wait(lambda: preview.out.is_dir())
