# Releases (portal/ship/publish.py): atomic switch of DEST/current, failures leave it alone, rollback, pruning, killed and failing publishes.
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from portal.check.problems import InvalidData
from portal.cli import main as portal_cli
from portal.derive.history import git_short_commit
from portal.engine.contract import EngineError
from portal.settings import REPO_ROOT
from portal.ship import publish as publishing
from portal.ship.nginx import csp_hash
from portal.ship.publish import COMPLETE_MARK, PublishError, current_release, publish, releases, rollback
from portal_testing import MINIMAL, settings_for

BASE_URL = "http://intranet.example/safety/"
COMMIT = git_short_commit(MINIMAL)
real_build_site = publishing.build_site


@pytest.fixture(scope="module")
def deployed(tmp_path_factory):
    """A deployment folder after two real publishes of the fixture data; returns (dest, first, second)."""
    dest = tmp_path_factory.mktemp("deploy")
    settings = settings_for(site_url=BASE_URL, commit=COMMIT)
    first = publish(settings, dest)
    second = publish(settings, dest)
    return dest, first, second


def fake_build(settings, out: Path, derived=None):
    """Stands in for build_site in the bookkeeping tests: a tiny site that passes the release checks."""
    out.mkdir(parents=True)
    (out / "en").mkdir()
    (out / "index.html").write_text('<a href="en/">English</a>', encoding="utf-8")
    (out / "en" / "index.html").write_text('<a href="../">中文</a>', encoding="utf-8")
    (out / "404.html").write_text("<h1>404</h1>", encoding="utf-8")


@pytest.fixture
def fake_builds(monkeypatch):
    monkeypatch.setattr(publishing, "build_site", fake_build)


def quick_publish(dest: Path, **options) -> Path:
    return publish(settings_for(), dest, **options)


def broken_copy_of_fixture(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(MINIMAL, data)
    case = data / "cases" / "test-case-2020.yml"
    case.write_text(case.read_text(encoding="utf-8").replace("deaths: 3", "deaths: many"), encoding="utf-8")
    return data


def test_second_publish_switches_current(deployed):
    dest, first, second = deployed
    assert first != second and releases(dest) == [first, second]
    link = dest / "current"
    assert link.is_symlink() and not os.path.isabs(os.readlink(link))  # relative: DEST can be moved
    assert current_release(dest) == second.resolve()
    assert (link / "index.html").is_file() and (link / "en" / "cases" / "test-case-2020" / "index.html").is_file()
    assert 'href="/safety/' in (link / "404.html").read_text(encoding="utf-8")  # built for the sub-path
    assert COMMIT and second.name.endswith("-" + COMMIT)
    assert (second / COMPLETE_MARK).is_file()
    assert not list((dest / ".incoming").iterdir())


def test_invalid_data_leaves_the_served_release_untouched(deployed, tmp_path):
    dest, _, second = deployed
    before = releases(dest)
    with pytest.raises(InvalidData):
        publish(settings_for(broken_copy_of_fixture(tmp_path), site_url=BASE_URL), dest)
    assert current_release(dest) == second.resolve()
    assert releases(dest) == before
    assert not list((dest / ".incoming").iterdir())


def test_failing_check_leaves_the_served_release_untouched(deployed, monkeypatch):
    dest, _, second = deployed
    before = releases(dest)
    monkeypatch.setattr(publishing.sitecheck, "check_site",
                        lambda site, base_path="/": ["index.html: broken link x/ (no file x/index.html)"])
    with pytest.raises(PublishError) as failure:
        publish(settings_for(site_url=BASE_URL), dest)
    assert failure.value.problems == ["index.html: broken link x/ (no file x/index.html)"]
    assert current_release(dest) == second.resolve()
    assert releases(dest) == before
    assert not list((dest / ".incoming").iterdir())


def test_failing_build_leaves_the_served_release_untouched(tmp_path, fake_builds, monkeypatch):
    served = quick_publish(tmp_path)

    def failing_build(settings, out, derived=None):
        raise EngineError("mkdocs (zh) failed:\nsomething broke")

    monkeypatch.setattr(publishing, "build_site", failing_build)
    with pytest.raises(EngineError):
        quick_publish(tmp_path)
    assert current_release(tmp_path) == served.resolve() and releases(tmp_path) == [served]


def test_missing_required_page_is_a_failed_check(tmp_path, monkeypatch):
    def build_without_english(settings, out, derived=None):
        fake_build(settings, out)
        shutil.rmtree(out / "en")
        (out / "index.html").write_text("no links", encoding="utf-8")

    monkeypatch.setattr(publishing, "build_site", build_without_english)
    with pytest.raises(PublishError) as failure:
        quick_publish(tmp_path)
    assert "missing en/index.html" in failure.value.problems
    assert not (tmp_path / "current").exists() and releases(tmp_path) == []


def test_switch_is_one_rename_of_a_prepared_symlink(tmp_path, fake_builds, monkeypatch):
    old = quick_publish(tmp_path)
    seen = []
    real_replace = os.replace

    def watching_replace(source, target):
        # At the moment of the switch the old link is still complete and the new one already points to the release.
        seen.append((current_release(tmp_path), os.readlink(source), Path(target).name))
        real_replace(source, target)

    monkeypatch.setattr(publishing.os, "replace", watching_replace)
    new = quick_publish(tmp_path)
    assert seen == [(old.resolve(), os.path.join("releases", new.name), "current")]


def test_rollback_goes_to_the_previous_release_and_stops_at_the_oldest(tmp_path, fake_builds):
    first, second, third = (quick_publish(tmp_path) for _ in range(3))
    assert rollback(tmp_path) == second.resolve() and current_release(tmp_path) == second.resolve()
    assert rollback(tmp_path) == first.resolve()
    with pytest.raises(PublishError, match="oldest"):
        rollback(tmp_path)
    assert current_release(tmp_path) == first.resolve()
    fourth = quick_publish(tmp_path)  # publishing after a rollback serves the new release
    assert current_release(tmp_path) == fourth.resolve() and third in releases(tmp_path)


def test_only_the_last_five_releases_are_kept(tmp_path, fake_builds):
    published = [quick_publish(tmp_path) for _ in range(7)]
    assert releases(tmp_path) == published[-5:]
    assert not published[0].exists() and not published[1].exists()
    assert current_release(tmp_path) == published[-1].resolve()


def test_pruning_never_deletes_the_served_release(tmp_path, fake_builds):
    published = [quick_publish(tmp_path, keep=2) for _ in range(2)]
    rollback(tmp_path)
    publishing.prune(tmp_path, keep=1)
    assert current_release(tmp_path) == published[0].resolve() and published[0].exists()


def test_command_line_publish_and_rollback(tmp_path, fake_builds, capsys):
    dest = str(tmp_path / "dest")
    assert portal_cli(["--data", str(MINIMAL), "publish", "--dest", dest]) == 0
    assert portal_cli(["rollback", "--dest", dest]) == 1  # only one release
    assert "nothing to roll back to" in capsys.readouterr().err
    assert portal_cli(["--data", str(MINIMAL), "publish", "--dest", dest]) == 0
    assert portal_cli(["rollback", "--dest", dest]) == 0
    assert current_release(Path(dest)) == releases(Path(dest))[0].resolve()


def test_command_line_reports_invalid_data_and_what_is_still_served(tmp_path, fake_builds, capsys, monkeypatch):
    dest = tmp_path / "dest"
    served = quick_publish(dest)
    monkeypatch.setattr(publishing, "build_site", real_build_site)
    assert portal_cli(["--data", str(broken_copy_of_fixture(tmp_path)), "publish", "--dest", str(dest)]) == 1
    captured = capsys.readouterr()
    assert "deaths" in captured.out and f"still serves {served.name}" in captured.err


def test_a_real_folder_named_current_is_not_replaced(tmp_path, fake_builds):
    (tmp_path / "current").mkdir()
    with pytest.raises(PublishError, match="not a symlink"):
        quick_publish(tmp_path)
    assert (tmp_path / "current").is_dir() and releases(tmp_path) == []


def test_release_whose_inline_scripts_the_deployed_csp_forbids_is_refused(tmp_path, monkeypatch):
    def build_with_inline_script(settings, out, derived=None):
        fake_build(settings, out)
        (out / "index.html").write_text('<a href="en/">English</a><script>window.portalRelease=2</script>',
                                        encoding="utf-8")

    monkeypatch.setattr(publishing, "build_site", build_with_inline_script)
    allowed = csp_hash("window.portalRelease=2")
    good_conf, stale_conf = tmp_path / "good.conf", tmp_path / "stale.conf"
    good_conf.write_text(f"add_header Content-Security-Policy \"script-src 'self' {allowed}\";", encoding="utf-8")
    stale_conf.write_text("add_header Content-Security-Policy \"script-src 'self'\";", encoding="utf-8")
    dest = tmp_path / "dest"
    served = quick_publish(dest, nginx_conf=good_conf)
    with pytest.raises(PublishError) as failure:
        quick_publish(dest, nginx_conf=stale_conf)
    assert allowed in failure.value.problems[0]
    assert current_release(dest) == served.resolve() and releases(dest) == [served]


def test_a_missing_nginx_config_is_refused_before_building(tmp_path, monkeypatch):
    built = []
    monkeypatch.setattr(publishing, "build_site", lambda settings, out, derived=None: built.append(out))
    with pytest.raises(PublishError, match="no such file"):
        quick_publish(tmp_path / "dest", nginx_conf=tmp_path / "missing.conf")
    assert built == []


# -- killed and failing publishes ------------------------------------------------------------------------------
def _intact(release: Path) -> bool:
    return all((release / name).is_file() for name in (COMPLETE_MARK, "index.html", "en/index.html", "404.html"))


def test_publish_killed_while_pruning_leaves_only_complete_releases_to_roll_back_to(tmp_path, fake_builds,
                                                                                   monkeypatch):
    published = [quick_publish(tmp_path, keep=2) for _ in range(2)]
    real_rmtree = shutil.rmtree
    killed = []

    def rmtree_killed_halfway(path, *args, **kwargs):
        path = Path(path)
        if path.name == published[0].name and not killed:
            killed.append(path)
            (path / "index.html").unlink()  # half deleted when the kill arrives
            raise KeyboardInterrupt
        return real_rmtree(path, *args, **kwargs)

    monkeypatch.setattr(publishing.shutil, "rmtree", rmtree_killed_halfway)
    with pytest.raises(KeyboardInterrupt):
        quick_publish(tmp_path, keep=2)  # the third publish prunes the first release
    monkeypatch.setattr(publishing.shutil, "rmtree", real_rmtree)
    assert killed and not killed[0].is_relative_to(tmp_path / "releases")  # it was moved out before deleting
    third = current_release(tmp_path)
    assert [r.resolve() for r in releases(tmp_path)] == [published[1].resolve(), third]
    assert all(_intact(release) for release in releases(tmp_path))
    assert rollback(tmp_path) == published[1].resolve() and _intact(current_release(tmp_path))
    with pytest.raises(PublishError, match="oldest"):
        rollback(tmp_path)  # the half-deleted release is never offered
    quick_publish(tmp_path, keep=2)
    assert not (tmp_path / publishing.TRASH).exists()


def test_unmarked_release_is_never_served_by_rollback_and_removed_by_the_next_publish(tmp_path, fake_builds):
    first, second = quick_publish(tmp_path), quick_publish(tmp_path)
    # A release folder without the complete mark (a copy by hand, or a release a killed publish was deleting).
    unmarked = tmp_path / "releases" / (first.name[:-len(first.name.split("Z-")[1])] + "handmade")
    shutil.copytree(first, unmarked)
    (unmarked / COMPLETE_MARK).unlink()
    stray = tmp_path / ".incoming" / "20260101T000000.000Z-killed" / "site"
    stray.mkdir(parents=True)
    (tmp_path / publishing.TRASH / first.name).mkdir(parents=True)
    assert unmarked not in releases(tmp_path)
    assert rollback(tmp_path) == first.resolve()
    with pytest.raises(PublishError, match="oldest"):
        rollback(tmp_path)
    third = quick_publish(tmp_path)
    assert not unmarked.exists() and not stray.parent.exists() and not (tmp_path / publishing.TRASH).exists()
    assert releases(tmp_path) == [first, second, third]


def test_cleanup_keeps_folders_that_are_not_releases(tmp_path, fake_builds):
    quick_publish(tmp_path)
    notes = tmp_path / "releases" / "operator-notes"
    notes.mkdir()
    quick_publish(tmp_path)
    assert notes.is_dir()


def test_a_failed_switch_keeps_the_served_release_and_leaves_no_new_one(tmp_path, fake_builds, monkeypatch):
    served = quick_publish(tmp_path)

    def refused_symlink(*args, **kwargs):
        raise PermissionError(13, "Permission denied", str(tmp_path))

    monkeypatch.setattr(publishing.os, "symlink", refused_symlink)
    with pytest.raises(PermissionError):
        quick_publish(tmp_path)
    assert current_release(tmp_path) == served.resolve()
    assert releases(tmp_path) == [served] and [p.name for p in (tmp_path / "releases").iterdir()] == [served.name]


def _cli_publish(dest: Path, capsys, *options: str) -> tuple[int, str, str]:
    code = portal_cli(["--data", str(MINIMAL), "publish", "--dest", str(dest), *options])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


def test_dest_that_cannot_be_created_is_one_line_and_exit_1(tmp_path, fake_builds, capsys):
    """Root ignores file permissions, so an unwritable DEST is simulated by a DEST below a regular file."""
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    code, out, err = _cli_publish(blocker / "dest", capsys)
    assert code == 1 and out == ""
    line = _one_line(err)
    assert line.startswith("publish failed:") and str(blocker / "dest") in line and "writable" in line


def test_read_only_dest_is_one_line_and_exit_1(tmp_path, fake_builds, capsys, monkeypatch):
    dest = tmp_path / "dest"
    served = quick_publish(dest)
    real_mkdir = Path.mkdir

    def read_only_mkdir(self, *args, **kwargs):
        if self.is_relative_to(dest / ".incoming"):
            raise PermissionError(13, "Permission denied", str(self))
        return real_mkdir(self, *args, **kwargs)

    monkeypatch.setattr(Path, "mkdir", read_only_mkdir)
    code, out, err = _cli_publish(dest, capsys)
    assert code == 1
    line = _one_line(err)
    assert "Permission denied" in line and f"still serves {served.name}" in line
    assert current_release(dest) == served.resolve()


@pytest.mark.parametrize("where", ["build", "mark", "rename"])
def test_full_disk_is_one_line_and_exit_1_and_the_next_publish_cleans_up(tmp_path, fake_builds, capsys,
                                                                         monkeypatch, where):
    dest = tmp_path / "dest"
    served = quick_publish(dest)
    full = OSError(28, "No space left on device")

    def build_then_full(settings, out, derived=None):
        fake_build(settings, out)
        if where == "build":
            raise full

    real_write_text, real_rename = Path.write_text, Path.rename

    def write_text_full(self, *args, **kwargs):
        if where == "mark" and self.name == COMPLETE_MARK:
            raise full
        return real_write_text(self, *args, **kwargs)

    def rename_full(self, target):
        if where == "rename" and Path(target).parent == dest / "releases":
            raise full
        return real_rename(self, target)

    monkeypatch.setattr(publishing, "build_site", build_then_full)
    monkeypatch.setattr(Path, "write_text", write_text_full)
    monkeypatch.setattr(Path, "rename", rename_full)
    code, out, err = _cli_publish(dest, capsys)
    assert code == 1
    line = _one_line(err)
    assert "No space left on device" in line and f"still serves {served.name}" in line
    assert current_release(dest) == served.resolve() and releases(dest) == [served]
    monkeypatch.undo()
    monkeypatch.setattr(publishing, "build_site", fake_build)
    newer = quick_publish(dest)
    assert current_release(dest) == newer.resolve() and releases(dest) == [served, newer]
    assert sorted(p.name for p in (dest / "releases").iterdir()) == sorted([served.name, newer.name])
    assert not list((dest / ".incoming").iterdir())


def test_full_disk_while_writing_pages_in_a_real_build_is_one_line(tmp_path, capsys, monkeypatch):
    """The engine writes pages in forked processes: a full disk there must still end in one line, not a traceback."""
    from portal.build import fill as engine

    def fill_on_a_full_disk(*args, **kwargs):
        raise OSError(28, "No space left on device", str(tmp_path / "dest"))

    monkeypatch.setattr(engine, "fill_language", fill_on_a_full_disk)
    code, out, err = _cli_publish(tmp_path / "dest", capsys)
    assert code == 1
    line = _one_line(err)
    assert "No space left on device" in line
    assert releases(tmp_path / "dest") == []


def test_rollback_without_an_earlier_release_is_one_line_and_exit_1(tmp_path, fake_builds, capsys):
    for dest in (tmp_path / "never-published", tmp_path / "once"):
        if dest.name == "once":
            quick_publish(dest)
        assert portal_cli(["rollback", "--dest", str(dest)]) == 1
        captured = capsys.readouterr()
        line = _one_line(captured.err)
        assert line.startswith("rollback failed:") and ("nothing to roll back to" in line or "no release" in line)
    assert not (tmp_path / "never-published").exists()  # rollback creates nothing


def test_rollback_command_as_an_operator_runs_it(tmp_path):
    result = subprocess.run([sys.executable, "-m", "portal", "rollback", "--dest", str(tmp_path / "empty")],
                            cwd=REPO_ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 1 and result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


def test_a_release_that_cannot_be_pruned_does_not_fail_the_publish_that_switched(tmp_path, fake_builds, capsys,
                                                                                 monkeypatch):
    first = quick_publish(tmp_path, keep=1)
    real_rename = Path.rename

    def rename_refused_into_trash(self, target):
        if Path(target).parent == tmp_path / publishing.TRASH:
            raise PermissionError(13, "Permission denied", str(self))
        return real_rename(self, target)

    monkeypatch.setattr(Path, "rename", rename_refused_into_trash)
    code, out, err = _cli_publish(tmp_path, capsys, "--keep", "1")
    assert code == 0 and err == ""  # the new release is served: reporting "still serves <old>" would be false
    second = current_release(tmp_path)
    assert second != first.resolve() and releases(tmp_path) == [first, second]
    monkeypatch.setattr(Path, "rename", real_rename)
    third = quick_publish(tmp_path, keep=1)  # tried again next time
    assert releases(tmp_path) == [third]


def _complete_but_never_served(dest: Path, monkeypatch) -> Path:
    """A publish whose switch fails after the release was moved into place, and whose clean-up fails too (a full
    disk at the switch; a kill there leaves the same): the release stays in releases/, complete, never served."""
    def full_disk(*args, **kwargs):
        raise OSError(28, "No space left on device", str(dest))

    with monkeypatch.context() as patched:
        patched.setattr(publishing, "switch_current", full_disk)
        patched.setattr(publishing, "_discard", full_disk)
        with pytest.raises(OSError):
            quick_publish(dest)
    [never_served] = [r for r in releases(dest) if r.resolve() != current_release(dest)][-1:]
    return never_served


def test_rollback_skips_a_release_that_was_never_served_and_fails_its_checks_again(tmp_path, fake_builds,
                                                                                   monkeypatch):
    _first, second = quick_publish(tmp_path), quick_publish(tmp_path)
    never_served = _complete_but_never_served(tmp_path, monkeypatch)
    assert (never_served / COMPLETE_MARK).is_file() and current_release(tmp_path) == second.resolve()
    (never_served / "404.html").unlink()  # damaged since (it was never looked at by anyone)
    fourth = quick_publish(tmp_path)
    assert current_release(tmp_path) == fourth.resolve() and never_served in releases(tmp_path)
    notes: list[str] = []
    assert rollback(tmp_path, notes) == second.resolve()
    assert len(notes) == 1 and never_served.name in notes[0] and "missing 404.html" in notes[0]


def test_rollback_to_a_never_served_release_checks_it_again_first(tmp_path, fake_builds, monkeypatch):
    quick_publish(tmp_path)
    never_served = _complete_but_never_served(tmp_path, monkeypatch)
    quick_publish(tmp_path)
    notes: list[str] = []
    assert rollback(tmp_path, notes) == never_served.resolve()
    assert notes == [f"releases/{never_served.name} was never served; it passed its checks again"]
    assert (never_served / publishing.SERVED_MARK).is_file()
