# Releases (portal/publish.py): publish switches DEST/current atomically, failures leave it alone, rollback, pruning.
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from portal import publish as publishing
from portal.build import build_site as real_build_site
from portal.cli import main as portal_cli
from portal.deploy import csp_hash
from portal.problems import InvalidData
from portal.publish import PublishError, current_release, publish, releases, rollback

FIXTURE = Path(__file__).parent / "fixtures" / "minimal"
BASE_URL = "http://intranet.example/safety/"


@pytest.fixture(scope="module")
def deployed(tmp_path_factory):
    """A deployment folder after two real publishes of the fixture data; returns (dest, first, second)."""
    dest = tmp_path_factory.mktemp("deploy")
    first = publish(dest, FIXTURE, site_url=BASE_URL)
    second = publish(dest, FIXTURE, site_url=BASE_URL)
    return dest, first, second


def fake_build(out: Path, data_dir: Path, **options) -> float:
    """Stands in for build_site in the bookkeeping tests: a tiny site that passes the release checks."""
    out.mkdir(parents=True)
    (out / "en").mkdir()
    (out / "search").mkdir()
    (out / "index.html").write_text('<a href="en/">English</a>', encoding="utf-8")
    (out / "en" / "index.html").write_text('<a href="../">中文</a>', encoding="utf-8")
    (out / "404.html").write_text("<h1>404</h1>", encoding="utf-8")
    (out / "search" / "search_index.json").write_text("{}", encoding="utf-8")
    return 0.0


@pytest.fixture
def fake_builds(monkeypatch):
    monkeypatch.setattr(publishing, "build_site", fake_build)


def broken_copy_of_fixture(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(FIXTURE, data)
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
    assert second.name.endswith("-" + publishing.git_short_commit())
    assert not list((dest / ".incoming").iterdir())


def test_invalid_data_leaves_the_served_release_untouched(deployed, tmp_path):
    dest, _, second = deployed
    before = releases(dest)
    with pytest.raises(InvalidData):
        publish(dest, broken_copy_of_fixture(tmp_path), site_url=BASE_URL)
    assert current_release(dest) == second.resolve()
    assert releases(dest) == before
    assert not list((dest / ".incoming").iterdir())


def test_failing_check_leaves_the_served_release_untouched(deployed, monkeypatch):
    dest, _, second = deployed
    before = releases(dest)
    monkeypatch.setattr(publishing.sitecheck, "check_site",
                        lambda site, base_path="/": ["index.html: broken link x/ (no file x/index.html)"])
    with pytest.raises(PublishError) as failure:
        publish(dest, FIXTURE, site_url=BASE_URL)
    assert failure.value.problems == ["index.html: broken link x/ (no file x/index.html)"]
    assert current_release(dest) == second.resolve()
    assert releases(dest) == before
    assert not list((dest / ".incoming").iterdir())


def test_failing_build_leaves_the_served_release_untouched(tmp_path, fake_builds, monkeypatch):
    served = publish(tmp_path, FIXTURE)

    def failing_build(out, data_dir, **options):
        raise subprocess.CalledProcessError(1, "mkdocs build (zh)")

    monkeypatch.setattr(publishing, "build_site", failing_build)
    with pytest.raises(subprocess.CalledProcessError):
        publish(tmp_path, FIXTURE)
    assert current_release(tmp_path) == served.resolve() and releases(tmp_path) == [served]


def test_missing_required_page_is_a_failed_check(tmp_path, monkeypatch):
    def build_without_english(out, data_dir, **options):
        fake_build(out, data_dir)
        shutil.rmtree(out / "en")
        (out / "index.html").write_text("no links", encoding="utf-8")

    monkeypatch.setattr(publishing, "build_site", build_without_english)
    with pytest.raises(PublishError) as failure:
        publish(tmp_path, FIXTURE)
    assert "missing en/index.html" in failure.value.problems
    assert not (tmp_path / "current").exists() and releases(tmp_path) == []


def test_switch_is_one_rename_of_a_prepared_symlink(tmp_path, fake_builds, monkeypatch):
    old = publish(tmp_path, FIXTURE)
    seen = []
    real_replace = os.replace

    def watching_replace(source, target):
        # At the moment of the switch the old link is still complete and the new one already points to the release.
        seen.append((current_release(tmp_path), os.readlink(source), Path(target).name))
        real_replace(source, target)

    monkeypatch.setattr(publishing.os, "replace", watching_replace)
    new = publish(tmp_path, FIXTURE)
    assert seen == [(old.resolve(), os.path.join("releases", new.name), "current")]


def test_rollback_goes_to_the_previous_release_and_stops_at_the_oldest(tmp_path, fake_builds):
    first, second, third = (publish(tmp_path, FIXTURE) for _ in range(3))
    assert rollback(tmp_path) == second.resolve() and current_release(tmp_path) == second.resolve()
    assert rollback(tmp_path) == first.resolve()
    with pytest.raises(PublishError, match="oldest"):
        rollback(tmp_path)
    assert current_release(tmp_path) == first.resolve()
    fourth = publish(tmp_path, FIXTURE)  # publishing after a rollback serves the new release
    assert current_release(tmp_path) == fourth.resolve() and third in releases(tmp_path)


def test_only_the_last_five_releases_are_kept(tmp_path, fake_builds):
    published = [publish(tmp_path, FIXTURE) for _ in range(7)]
    assert releases(tmp_path) == published[-5:]
    assert not published[0].exists() and not published[1].exists()
    assert current_release(tmp_path) == published[-1].resolve()


def test_pruning_never_deletes_the_served_release(tmp_path, fake_builds):
    published = [publish(tmp_path, FIXTURE, keep=2) for _ in range(2)]
    rollback(tmp_path)
    publishing.prune(tmp_path, keep=1)
    assert current_release(tmp_path) == published[0].resolve() and published[0].exists()


def test_command_line_publish_and_rollback(tmp_path, fake_builds, capsys):
    dest = str(tmp_path / "dest")
    assert portal_cli(["--data", str(FIXTURE), "publish", "--dest", dest]) == 0
    assert portal_cli(["rollback", "--dest", dest]) == 1  # only one release
    assert "nothing to roll back to" in capsys.readouterr().err
    assert portal_cli(["--data", str(FIXTURE), "publish", "--dest", dest]) == 0
    assert portal_cli(["rollback", "--dest", dest]) == 0
    assert current_release(Path(dest)) == releases(Path(dest))[0].resolve()


def test_command_line_reports_invalid_data_and_what_is_still_served(tmp_path, fake_builds, capsys, monkeypatch):
    dest = tmp_path / "dest"
    served = publish(dest, FIXTURE)
    monkeypatch.setattr(publishing, "build_site", real_build_site)
    assert portal_cli(["--data", str(broken_copy_of_fixture(tmp_path)), "publish", "--dest", str(dest)]) == 1
    captured = capsys.readouterr()
    assert "deaths" in captured.out and f"still serves {served.name}" in captured.err


def test_a_real_folder_named_current_is_not_replaced(tmp_path, fake_builds):
    (tmp_path / "current").mkdir()
    with pytest.raises(PublishError, match="not a symlink"):
        publish(tmp_path, FIXTURE)
    assert (tmp_path / "current").is_dir() and releases(tmp_path) == []



def test_release_whose_inline_scripts_the_deployed_csp_forbids_is_refused(tmp_path, monkeypatch):
    def build_with_inline_script(out, data_dir, **options):
        fake_build(out, data_dir)
        (out / "index.html").write_text('<a href="en/">English</a><script>window.portalRelease=2</script>',
                                        encoding="utf-8")

    monkeypatch.setattr(publishing, "build_site", build_with_inline_script)
    allowed = csp_hash("window.portalRelease=2")
    good_conf, stale_conf = tmp_path / "good.conf", tmp_path / "stale.conf"
    good_conf.write_text(f"add_header Content-Security-Policy \"script-src 'self' {allowed}\";", encoding="utf-8")
    stale_conf.write_text("add_header Content-Security-Policy \"script-src 'self'\";", encoding="utf-8")
    dest = tmp_path / "dest"
    served = publish(dest, FIXTURE, nginx_conf=good_conf)
    with pytest.raises(PublishError) as failure:
        publish(dest, FIXTURE, nginx_conf=stale_conf)
    assert allowed in failure.value.problems[0]
    assert current_release(dest) == served.resolve() and releases(dest) == [served]
