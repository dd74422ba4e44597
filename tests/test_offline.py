# Offline copy: zip name and contents, SHA256SUMS (sha256sum -c and verify), about page, and file:// browsing in Chromium.
from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from browser_helpers import search_results
from portal import offline
from portal.build import build_site
from portal.cli import main as portal_cli
from portal.sitecheck import check_site

FIXTURE = Path(__file__).parent / "fixtures" / "minimal"
EPOCH = 1772452800  # 2026-03-02 12:00 UTC (after every date in the fixture)
BUILT_ON = "2026-03-02"


@pytest.fixture(scope="module")
def copy(tmp_path_factory):
    """The fixture's offline build, zipped into dist/ and unzipped elsewhere: (site, zip path, unzipped top folder)."""
    base = tmp_path_factory.mktemp("offline")
    site = base / "site"
    build_site(site, FIXTURE, variant="offline", extra_env={"SOURCE_DATE_EPOCH": str(EPOCH)})
    package = offline.package_offline(site, base / "dist", {"cases": 1}, built_on=dt.date(2026, 3, 2))
    with zipfile.ZipFile(package.zip_path) as archive:
        archive.extractall(base / "unzipped")
    (top,) = (base / "unzipped").iterdir()
    return site, package, top


def test_zip_is_named_by_date_and_commit_and_holds_one_top_folder(copy):
    site, package, top = copy
    commit = offline.git_short_commit()
    assert package.zip_path.name == f"safety-portal-offline-20260302-{commit}.zip"
    assert top.name == package.zip_path.name[:-4]
    with zipfile.ZipFile(package.zip_path) as archive:
        names = [info.filename for info in archive.infolist()]
    assert all(name.startswith(top.name + "/") for name in names)
    assert package.files == len(names) == sum(1 for p in site.rglob("*") if p.is_file())
    assert {"index.html", "en/index.html", "README.txt", "SHA256SUMS", "search/search_index.js",
            offline.SHIM_SITE_PATH} <= {name.split("/", 1)[1] for name in names}


def test_zip_date_comes_from_source_date_epoch(tmp_path, monkeypatch):
    folder = tmp_path / "copy"
    folder.mkdir()
    (folder / "index.html").write_text("<p>x</p>", encoding="utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "946771200")  # 2000-01-02
    package = offline.package_offline(folder, tmp_path / "dist", {}, name="site-x", commit="abc1234")
    assert package.zip_path.name == "site-x-offline-20000102-abc1234.zip"
    with zipfile.ZipFile(package.zip_path) as archive:
        assert {info.date_time[:3] for info in archive.infolist()} == {(2000, 1, 2)}


def test_readme_explains_opening_and_both_ways_of_checking(copy):
    _, _, top = copy
    readme = (top / "README.txt").read_bytes().decode("utf-8-sig")
    for needle in ("index.html", "sha256sum -c", "Get-FileHash -Algorithm SHA256", "双击", "Double-click", BUILT_ON,
                   "事故案例 1", "Accident cases 1"):
        assert needle in readme, needle


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
    assert portal_cli(["verify-offline", str(tampered)]) == 1
    output = capsys.readouterr().out
    assert "changed: cases/test-case-2020.html" in output and "missing: en/about.html" in output
    assert "extra: assets/autorun.js" in output
    result = subprocess.run(["sha256sum", "-c", "--quiet", "SHA256SUMS"], cwd=tampered, capture_output=True)
    assert result.returncode != 0


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
    assert not list(site.rglob("search_index.json"))  # file:// reads search_index.js; the JSON would only add size
    for page in site.rglob("*.html"):
        assert "unpkg.com" not in page.read_text(encoding="utf-8")


def test_file_url_check_catches_folder_links_and_remote_scripts(tmp_path):
    (tmp_path / "index.html").write_text('<a href="cases/">x</a><a href="cases/index.html#a">ok</a>'
                                         '<script src="https://cdn.example/x.js"></script>', encoding="utf-8")
    problems = offline.file_url_problems(tmp_path)
    assert len(problems) == 2
    assert "cases/" in problems[0] and "cdn.example" in problems[1]


def test_shim_is_checked_against_the_pinned_integrity():
    with pytest.raises(offline.OfflineError):
        offline.shim_from_tarball(b"not the iframe-worker package")
    shim = offline.ensure_iframe_worker_shim().read_text(encoding="utf-8")
    assert "IFrameWorker" in shim and "https://" not in shim


def test_about_page_shows_build_date_commit_and_counts(copy):
    site, _, _ = copy
    commit = offline.git_short_commit(FIXTURE.resolve())
    for page in (site / "about.html", site / "en" / "about.html"):
        text = page.read_text(encoding="utf-8")
        assert f'data-build-date>{BUILT_ON}<' in text
        assert f"data-build-commit>{commit}<" in text
        assert re.search(r'data-build-count="regulations">[^<]*\b3\b', text)
        assert re.search(r'data-build-count="cases">[^<]*\b1\b', text)
        assert 'data-build-variant="offline"' in text


def test_build_info_renderer_in_both_languages(tmp_path):
    from portal.buildinfo import render_build_info
    from portal.site import load_site, page_context

    derived = load_site(str(FIXTURE), False)
    zh = render_build_info(page_context("zh", "about/", True, derived), dt.date(2025, 1, 2), "unknown", "offline")
    en = render_build_info(page_context("en", "about/", True, derived), dt.date(2025, 1, 2), "abc1234")
    assert "构建日期" in zh and "2025-01-02" in zh and ">unknown<" in zh and "离线版" in zh and "共 3 条" in zh
    assert "Build date" in en and ">abc1234<" in en and "website" in en and "3 records" in en
    assert offline.git_short_commit(tmp_path) == "unknown"  # outside any git repository


# -- in the browser, over file:// ------------------------------------------------------------------------------
def _switch_language(page) -> None:
    """Follow the header's language link (it sits in a hover menu, so it is clicked from script)."""
    with page.expect_navigation():
        page.evaluate("document.querySelector('a.portal-lang-switch').click()")


def _only_local(page) -> list[str]:
    return [url for url in page.requested if not url.startswith("file://")]


def test_file_search_in_chinese_and_follow_the_result(page, copy):
    _, _, top = copy
    results = search_results(page, (top / "index.html").as_uri(), "坠落")
    assert "test-case-2020.html" in results
    with page.expect_navigation():
        page.click(".md-search-result__item a[href*='test-case-2020.html']")
    assert page.url.split("?")[0] == (top / "cases" / "test-case-2020.html").as_uri()  # ?h= highlights the term
    assert "测试坠落事故" in page.inner_text("h1")
    assert page.console_errors == []
    assert _only_local(page) == []


def test_file_search_in_english(page, copy):
    _, _, top = copy
    assert "test-case-2020.html" in search_results(page, (top / "en" / "index.html").as_uri(), "fall")
    assert page.console_errors == []
    assert _only_local(page) == []


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
