# pytest setup: the shipped-data build (marked shipped_data) and browser fixtures (Debian's chromium).
from pathlib import Path

import pytest

from portal.verify.served import CHROMIUM, CHROMIUM_ARGS

SHIPPED_MARK = "shipped_data"


def pytest_configure(config):
    config.addinivalue_line("markers", f"{SHIPPED_MARK}: builds the shipped data/ (fails with its data problems while "
                                       "data/ does not validate; the fixture-data tests do not depend on it)")


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory):
    """The shipped data/ built once per session: (site folder, BuildReport). Fails, listing the first data problems,
    when data/ does not validate (pytest re-raises that failure for every test using it without building again)."""
    from portal.check.problems import InvalidData
    from portal_testing import SHIPPED_DATA, build

    site = tmp_path_factory.mktemp("shipped") / "site"
    try:
        report = build(site, SHIPPED_DATA)
    except InvalidData as error:
        first = "\n  ".join(str(problem) for problem in error.problems[:5])
        pytest.fail(f"the shipped data/ does not validate ({len(error.problems)} problem(s)), so this "
                    f"{SHIPPED_MARK} test could not run; first problems:\n  {first}", pytrace=False)
    return site, report


SYNTHETIC_CASES = 1200  # enough for 12 pages of the cases list, several pages per facet value; small enough to build


@pytest.fixture(scope="session")
def synthetic_sites(tmp_path_factory):
    """scripts/gen_synthetic.py's data at SYNTHETIC_CASES cases, built once per session as the web and the offline
    variant: {"data": folder, "web": site, "offline": site}. PORTAL_TEST_SYNTHETIC names a folder holding these three
    (data/, web/, offline/) built already, to use instead."""
    import os
    import subprocess
    import sys

    from portal_testing import REPO_ROOT, build

    given = os.environ.get("PORTAL_TEST_SYNTHETIC", "").strip()
    if given:
        return {name: Path(given) / name for name in ("data", "web", "offline")}
    work = tmp_path_factory.mktemp("synthetic")
    subprocess.run([sys.executable, str(REPO_ROOT / "scripts" / "gen_synthetic.py"), str(work / "data"),
                    "--cases", str(SYNTHETIC_CASES)], check=True, capture_output=True)
    sites = {"data": work / "data"}
    for variant in ("web", "offline"):
        build(work / variant, work / "data", variant=variant)
        sites[variant] = work / variant
    return sites


def pytest_terminal_summary(terminalreporter):
    """Say plainly which failures come from the shipped data/ rather than from the code under test."""
    failed = [report for key in ("failed", "error") for report in terminalreporter.stats.get(key, [])
              if SHIPPED_MARK in getattr(report, "keywords", {})]
    if failed:
        terminalreporter.write_sep("-", f"{len(failed)} failure(s) in tests marked {SHIPPED_MARK} (they build the "
                                        "shipped data/; see each test's message)")
        for report in failed:
            terminalreporter.write_line(f"  {report.nodeid}")


@pytest.fixture(scope="session")
def browser():
    """A headless Chromium (Debian's) shared by the browser tests."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (.ci/run does)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    """A fresh page that records console errors (page.console_errors) and every requested URL (page.requested)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    tab = context.new_page()
    tab.console_errors = []
    tab.requested = []
    tab.on("console", lambda message: message.type == "error" and tab.console_errors.append(message.text))
    tab.on("pageerror", lambda error: tab.console_errors.append(str(error)))
    tab.on("request", lambda request: tab.requested.append(request.url))
    yield tab
    context.close()
