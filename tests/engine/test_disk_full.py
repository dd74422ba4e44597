# A full disk at each writing step is one line saying where and how much is needed, and nothing half-written stays.
"""Disk full, simulated by raising ENOSPC where the step writes (the tests cannot mount a small file system):

- build: the new site moved onto a full disk (another file system: a copy) — one line with the folder, the space
  needed and free, exit 1, the previous site untouched and no half-copied folder left;
- the engine's own process running out of space — one line;
- validate: the parse cache cannot be written — one note line, the validation itself still succeeds;
- live preview: a rebuild on a full disk — one line in the overlay, the last good site stays."""
from __future__ import annotations

import errno
import shutil
from pathlib import Path

import pytest

from portal.cli import main as portal_cli
from portal_testing import MINIMAL

FULL = OSError(errno.ENOSPC, "No space left on device")


def test_build_onto_a_full_disk_is_one_line_with_where_and_how_much(tmp_path, capsys, monkeypatch):
    from portal.build import pipeline

    out = tmp_path / "site"
    out.mkdir()
    (out / "index.html").write_text("previous site", encoding="utf-8")

    def move_onto_a_full_disk(source, target):
        Path(target).mkdir()
        (Path(target) / "index.html").write_text("half", encoding="utf-8")
        raise shutil.Error([(f"{source}/x.html", f"{target}/x.html",
                             f"[Errno 28] No space left on device: '{source}/x.html' -> '{target}/x.html'")] * 40)

    monkeypatch.setattr(pipeline.shutil, "move", move_onto_a_full_disk)
    code = portal_cli(["--data", str(MINIMAL), "build", "--out", str(out)])
    err = capsys.readouterr().err
    assert code == 1
    [line] = err.strip().splitlines()
    assert line.startswith(f"build failed: No space left on device at {tmp_path}") and "MB needed" in line
    assert "MB free" in line and "Traceback" not in err
    assert (out / "index.html").read_text(encoding="utf-8") == "previous site"
    assert not (tmp_path / "site.incoming").exists()


def test_the_engine_running_out_of_space_is_one_line(tmp_path, capsys, monkeypatch):
    from portal.build import pipeline
    from portal.engine.contract import EngineError

    class EngineOnAFullDisk:
        name = "mkdocs"

        def build(self, staged, work):
            raise EngineError("mkdocs failed (zh):\n" + "\n".join(["INFO - Building", "Traceback ...",
                                                                   "OSError: [Errno 28] No space left on device"] * 5))

    monkeypatch.setattr(pipeline, "site_engine", EngineOnAFullDisk)
    code = portal_cli(["--data", str(MINIMAL), "build", "--out", str(tmp_path / "site")])
    err = capsys.readouterr().err
    assert code == 1
    [line] = err.strip().splitlines()
    assert "No space left on device at" in line and "MB free" in line


def test_a_parse_cache_on_a_full_disk_is_one_note_and_validation_still_passes(tmp_path, capfd, monkeypatch):
    from portal.load import yamlsafe

    def save_on_a_full_disk(self, path, keep):
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr(yamlsafe.ParseCache, "save", save_on_a_full_disk)
    monkeypatch.setattr("portal.settings.Settings.work_dir", tmp_path / "work", raising=False)
    data = tmp_path / "data"
    shutil.copytree(MINIMAL, data)
    code = portal_cli(["--data", str(data), "validate"])
    captured = capfd.readouterr()
    assert code == 0
    notes = [line for line in captured.err.splitlines() if line.strip()]
    assert len(notes) == 1 and notes[0].startswith("note: parse cache not written: No space left on device at")


def test_a_preview_rebuild_on_a_full_disk_is_one_line_and_the_site_stays(tmp_path, monkeypatch):
    from portal.build import serve
    from portal.build.serve import Preview
    from portal_testing import settings_for

    out = tmp_path / "site"
    out.mkdir()
    (out / "index.html").write_text("last good site", encoding="utf-8")
    preview = Preview(settings_for(MINIMAL, work_dir=tmp_path / "work"), out)

    def build_on_a_full_disk(settings, target, derived=None):
        raise OSError(errno.ENOSPC, "No space left on device", str(tmp_path / "work" / "build-x" / "page.html"))

    monkeypatch.setattr(serve, "build_site", build_on_a_full_disk)
    preview.rebuild(full=True)
    [line] = preview.problems
    assert "No space left on device at" in line and str(tmp_path) in line and "MB free" in line
    assert (out / "index.html").read_text(encoding="utf-8") == "last good site"
