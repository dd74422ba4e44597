# Browser smoke test: the portal opens in Debian's chromium with no console errors and no request to another host.
from __future__ import annotations

import contextlib
import functools
import http.server
import threading
from pathlib import Path

import pytest

from browser_helpers import search_results
from portal.build import build_site
from portal.dataset import DEFAULT_DATA_DIR

FIXTURE = Path(__file__).parent / "fixtures" / "minimal"


@contextlib.contextmanager
def built_and_served(tmp_path_factory, name: str, data: Path):
    """Build `data` into a temporary site and serve it on a free loopback port; yields the base URL."""
    site = tmp_path_factory.mktemp(name) / "site"
    build_site(site, data)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    handler.log_message = lambda *args, **kwargs: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


@pytest.fixture(scope="module")
def served_shipped(tmp_path_factory):
    with built_and_served(tmp_path_factory, "shipped", DEFAULT_DATA_DIR) as url:
        yield url


@pytest.mark.parametrize("query, expected", [
    ("主席令第88号", "regulations/work-safety-law/"),
    ("国务院令第493号", "regulations/accident-reporting-investigation-regulation/"),
    ("瓦斯", "cases/hegang-xinxing-coal-mine-gas-explosion-2009/"),
    ("坍塌", "cases/fengcheng-power-plant-cooling-tower-collapse-2016/"),
])
def test_shipped_data_search_by_document_number_and_term(page, served_shipped, query, expected):
    assert expected in search_results(page, served_shipped, query)


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    with built_and_served(tmp_path_factory, "smoke", FIXTURE) as url:
        yield url


def test_home_and_case_pages_load_cleanly(page, served):
    for path in ("", "cases/test-case-2020/", "en/regulations/accident-reporting-investigation-regulation/", "cases/"):
        page.goto(served + path)
        page.wait_for_load_state("networkidle")
    assert page.console_errors == []
    assert [u for u in page.requested if not u.startswith(served)] == []


def test_chinese_two_character_search_finds_the_record(page, served):
    assert "test-case-2020" in search_results(page, served, "坠落")


def test_english_search_finds_the_record(page, served):
    assert "test-case-2020" in search_results(page, served + "en/", "fall")


def test_language_switch_keeps_the_page(page, served):
    page.goto(served + "cases/test-case-2020/")
    href = page.get_attribute("a.portal-lang-switch", "href")
    page.goto(page.url.rsplit("/", 1)[0] + "/" + href if not href.startswith("http") else href)
    assert page.url.rstrip("/").endswith("/en/cases/test-case-2020")


def test_table_filter_without_reload(page, served):
    page.goto(served + "regulations/")
    page.fill("[data-filter-text]", "未来")
    visible = page.eval_on_selector_all("table.portal-records tbody tr", "rows => rows.filter(r => !r.hidden).length")
    assert visible == 1
