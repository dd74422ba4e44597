# Offline copy: zip name and contents, SHA256SUMS (sha256sum -c and verify-offline), README, about page, file:// browsing in Chromium.
from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import sys
import zipfile
from argparse import Namespace
from pathlib import Path

import pytest

from portal.cli import main as portal_cli
from portal.cli import settings_from
from portal.derive.history import git_short_commit
from portal.outputs import offline
from portal.pages.buildinfo import render_build_info
from portal.pages.context import PageContext
from portal.settings import REPO_ROOT
from portal.verify.sitecheck import check_site
from portal_testing import MINIMAL, build, settings_for

BUILT_ON = dt.date(2026, 3, 2)  # after every date in the fixture
COMMIT = git_short_commit(MINIMAL)


@pytest.fixture(scope="module")
def copy(tmp_path_factory):
    """The fixture's offline build, zipped into dist/ and unzipped elsewhere: (site, package, unzipped top folder)."""
    base = tmp_path_factory.mktemp("offline")
    site = base / "site"
    report = build(site, variant="offline", today=BUILT_ON, commit=COMMIT)
    package = offline.package_offline(site, base / "dist", report.derived.counts(), BUILT_ON, COMMIT)
    with zipfile.ZipFile(package.zip_path) as archive:
        archive.extractall(base / "unzipped")
    (top,) = (base / "unzipped").iterdir()
    return site, package, top


def test_commit_of_the_fixture_is_known():
    assert re.fullmatch(r"[0-9a-f]{7,}", COMMIT)  # the tests run inside the repository


def test_zip_is_named_by_date_and_commit_and_holds_one_top_folder(copy):
    site, package, top = copy
    assert package.zip_path.name == f"safety-portal-offline-20260302-{COMMIT}.zip"
    assert top.name == package.zip_path.name[:-4]
    with zipfile.ZipFile(package.zip_path) as archive:
        names = [info.filename for info in archive.infolist()]
    assert all(name.startswith(top.name + "/") for name in names)
    assert package.files == len(names) == sum(1 for p in site.rglob("*") if p.is_file())
    assert {"index.html", "en/index.html", "README.txt", "SHA256SUMS"} <= {name.split("/", 1)[1] for name in names}


def test_zip_date_comes_from_source_date_epoch(tmp_path):
    today = settings_from(Namespace(data=str(MINIMAL)), environ={"SOURCE_DATE_EPOCH": "946771200"}).today
    assert today == dt.date(2000, 1, 2)
    folder = tmp_path / "copy"
    folder.mkdir()
    (folder / "index.html").write_text("<p>x</p>", encoding="utf-8")
    package = offline.package_offline(folder, tmp_path / "dist", {}, today, "abc1234", name="site-x")
    assert package.zip_path.name == "site-x-offline-20000102-abc1234.zip"
    with zipfile.ZipFile(package.zip_path) as archive:
        assert {info.date_time[:3] for info in archive.infolist()} == {(2000, 1, 2)}


def test_readme_explains_opening_and_both_ways_of_checking(copy):
    _, _, top = copy
    readme = (top / "README.txt").read_bytes().decode("utf-8-sig")
    for needle in ("index.html", "sha256sum -c", "Get-FileHash -Algorithm SHA256", "双击", "Double-click",
                   BUILT_ON.isoformat(), "事故案例 1", "Accident cases 1", "verify-offline"):
        assert needle in readme, needle


def test_readme_says_what_each_check_proves_and_does_not(copy):
    _, _, top = copy
    readme = " ".join((top / "README.txt").read_bytes().decode("utf-8-sig").split())
    for statement in (
        # sha256sum -c: proves listed files are present and unchanged; misses added files and malformed lines
        "sha256sum -c（以及上面的 PowerShell 命令）只证明：SHA256SUMS 列出的每个文件都在，且内容与列表一致。",
        "它不能发现多出的文件",
        "proves only that every file listed in SHA256SUMS is present and unchanged. It does not notice added files",
        # verify-offline: also added files and malformed lines
        "verify-offline 还能证明：除 SHA256SUMS 列出的文件外，文件夹里没有多出的文件",
        "verify-offline also proves that the folder holds no file besides those listed in SHA256SUMS",
        # neither proves where the copy came from
        "两者都不能证明这份拷贝来自门户维护者",
        "Neither proves that the copy comes from the portal's maintainers",
    ):
        assert statement in readme, statement


def test_sha256sum_accepts_the_checksums(copy):
    _, _, top = copy
    listed = (top / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    assert all(re.fullmatch(r"[0-9a-f]{64}  \S.*", line) for line in listed)
    assert len(listed) == sum(1 for p in top.rglob("*") if p.is_file()) - 1  # every file but SHA256SUMS
    result = subprocess.run(["sha256sum", "-c", "--strict", "--quiet", "SHA256SUMS"], cwd=top, capture_output=True,
                            text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_verify_passes_on_the_unzipped_copy(copy):
    _, _, top = copy
    assert offline.verify(top).ok
    assert offline.verify(top.parent).ok  # the folder the zip was unzipped into works too
    assert portal_cli(["verify-offline", str(top)]) == 0


def test_verify_reports_changed_missing_and_extra_files(copy, tmp_path, capsys):
    _, _, top = copy
    tampered = tmp_path / top.name
    shutil.copytree(top, tampered)
    with (tampered / "cases" / "test-case-2020.html").open("a", encoding="utf-8") as handle:
        handle.write("<!-- edited -->")
    (tampered / "en" / "about.html").unlink()
    (tampered / "assets" / "autorun.js").write_text("alert(1)", encoding="utf-8")
    differences = offline.verify(tampered)
    assert differences.changed == ["cases/test-case-2020.html"]
    assert differences.missing == ["en/about.html"]
    assert differences.extra == ["assets/autorun.js"]
    assert differences.malformed == []
    assert portal_cli(["verify-offline", str(tampered)]) == 1
    output = capsys.readouterr().out
    assert "changed: cases/test-case-2020.html" in output and "missing: en/about.html" in output
    assert "extra: assets/autorun.js" in output
    result = subprocess.run(["sha256sum", "-c", "--quiet", "SHA256SUMS"], cwd=tampered, capture_output=True)
    assert result.returncode != 0


def _run_verify_offline(folder: Path) -> subprocess.CompletedProcess:
    """`python -m portal verify-offline <folder>`, as an operator runs it."""
    return subprocess.run([sys.executable, "-m", "portal", "verify-offline", str(folder)], cwd=REPO_ROOT,
                          capture_output=True, text=True, timeout=120)


def test_command_reports_an_added_file_that_sha256sum_passes(copy, tmp_path):
    _, _, top = copy
    tampered = tmp_path / top.name
    shutil.copytree(top, tampered)
    (tampered / "en" / "planted.html").write_text("<script>alert(1)</script>", encoding="utf-8")
    assert subprocess.run(["sha256sum", "-c", "--strict", "--quiet", "SHA256SUMS"], cwd=tampered).returncode == 0
    result = _run_verify_offline(tampered)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stdout.splitlines() == ["extra: en/planted.html"]


def test_command_reports_a_removed_file(copy, tmp_path):
    _, _, top = copy
    tampered = tmp_path / top.name
    shutil.copytree(top, tampered)
    (tampered / "regulations" / "future-law.html").unlink()
    result = _run_verify_offline(tampered)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stdout.splitlines() == ["missing: regulations/future-law.html"]


def test_command_reports_a_malformed_checksum_line(copy, tmp_path):
    """A damaged line is reported (by number), not skipped: its file then also shows as not covered."""
    _, _, top = copy
    tampered = tmp_path / top.name
    shutil.copytree(top, tampered)
    sums = tampered / "SHA256SUMS"
    lines = sums.read_text(encoding="utf-8").splitlines()
    number = next(i for i, line in enumerate(lines) if line.endswith("  index.html"))
    lines[number] = lines[number][:40] + "  index.html"  # digest cut short
    sums.write_text("\n".join(lines) + "\n", encoding="utf-8")
    differences = offline.verify(tampered)
    assert differences.malformed == [f"line {number + 1}: {lines[number]!r}"]
    assert differences.extra == ["index.html"] and not differences.ok
    result = _run_verify_offline(tampered)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"malformed: SHA256SUMS line {number + 1}: " in result.stdout and "extra: index.html" in result.stdout


def test_undecodable_and_duplicate_checksum_lines_are_reported(tmp_path):
    (tmp_path / "a.txt").write_text("a", encoding="utf-8")
    digest = offline.sha256_of(tmp_path / "a.txt")
    (tmp_path / "SHA256SUMS").write_bytes(f"{digest}  a.txt\n{digest}  a.txt\n\xff\xfe junk\n".encode("latin-1"))
    differences = offline.verify(tmp_path)
    assert len(differences.malformed) == 2 and "listed twice" in differences.malformed[0]
    assert differences.malformed[1].startswith("line 3: ")
    assert (differences.changed, differences.missing, differences.extra) == ([], [], [])


def test_verify_refuses_a_folder_without_checksums(tmp_path):
    with pytest.raises(offline.OfflineError):
        offline.verify(tmp_path)
    assert portal_cli(["verify-offline", str(tmp_path)]) == 2
    (tmp_path / "SHA256SUMS").write_text("0" * 64 + "  ../outside.txt\n", encoding="utf-8")
    with pytest.raises(offline.OfflineError):
        offline.verify(tmp_path)


def test_no_page_loads_from_another_host_and_links_name_index_html(copy):
    site, _, _ = copy
    assert check_site(site) == []
    assert offline.file_url_problems(site) == []
    assert not (site / "404.html").exists()
    for page in site.rglob("*.html"):
        assert "unpkg.com" not in page.read_text(encoding="utf-8")


def test_file_url_check_catches_folder_links_and_remote_scripts(tmp_path):
    (tmp_path / "index.html").write_text('<a href="cases/">x</a><a href="cases/index.html#a">ok</a>'
                                         '<script src="https://cdn.example/x.js"></script>', encoding="utf-8")
    problems = offline.file_url_problems(tmp_path)
    assert len(problems) == 2
    assert "cases/" in problems[0] and "cdn.example" in problems[1]


def test_about_page_shows_build_date_commit_and_counts(copy):
    site, _, _ = copy
    for page in (site / "about.html", site / "en" / "about.html"):
        text = page.read_text(encoding="utf-8")
        assert f"data-build-date>{BUILT_ON.isoformat()}<" in text
        assert f"data-build-commit>{COMMIT}<" in text
        assert re.search(r'data-build-count="regulations">[^<]*\b3\b', text)
        assert re.search(r'data-build-count="cases">[^<]*\b1\b', text)
        assert 'data-build-variant="offline"' in text


def test_build_info_renderer_in_both_languages(tmp_path):
    from portal.build.pipeline import derive

    derived, _ = derive(settings_for())
    offline_settings = settings_for(today=dt.date(2025, 1, 2), variant="offline")
    zh = render_build_info(PageContext("zh", derived, offline_settings, "about/"))
    en = render_build_info(PageContext("en", derived, settings_for(today=dt.date(2025, 1, 2), commit="abc1234"),
                                       "about/"))
    assert "构建日期" in zh and "2025-01-02" in zh and ">unknown<" in zh and "离线版" in zh and "共 3 条" in zh
    assert "Build date" in en and ">abc1234<" in en and "website" in en and "3 records" in en
    assert git_short_commit(tmp_path) == ""  # outside any git repository: the page then says "unknown"


# -- in the browser, over file:// ------------------------------------------------------------------------------
def _switch_language(page) -> None:
    """Follow the header's language link (it sits in a hover menu, so it is clicked from script)."""
    with page.expect_navigation():
        page.evaluate("document.querySelector('a.portal-lang-switch').click()")


def _only_local(page) -> list[str]:
    return [url for url in page.requested if not url.startswith("file://")]


def test_file_navigation_and_language_switch(page, copy):
    _, _, top = copy
    page.goto((top / "index.html").as_uri())
    with page.expect_navigation():
        page.click(".md-nav--primary a[href='cases/index.html']")
    assert page.url == (top / "cases" / "index.html").as_uri()
    with page.expect_navigation():
        page.click("table.portal-records a[href*='test-case-2020']")
    assert page.url == (top / "cases" / "test-case-2020.html").as_uri()
    _switch_language(page)
    assert page.url == (top / "en" / "cases" / "test-case-2020.html").as_uri()
    assert "Test fall accident" in page.inner_text("h1")
    _switch_language(page)
    assert page.url == (top / "cases" / "test-case-2020.html").as_uri()
    page.goto((top / "en" / "index.html").as_uri())
    _switch_language(page)
    assert page.url == (top / "index.html").as_uri()
    assert page.console_errors == []
    assert _only_local(page) == []
