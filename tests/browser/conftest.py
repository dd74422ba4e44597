# Fixtures of the interface tests: built web/kiosk sites (PORTAL_TEST_SITE, PORTAL_TEST_KIOSK_SITE) served once per session.
"""Fixtures for tests/browser: serve an already built site once per session and open Chromium pages on it.

The sites are built elsewhere (by the build under test) and named by environment variables:
PORTAL_TEST_SITE (the web site: Chinese at the root, English under en/) and PORTAL_TEST_KIOSK_SITE (the kiosk variant).
A test that needs a site that is not given is skipped, saying which variable to set. Pages come from the session's
Chromium (`browser` in tests/conftest.py: Debian's /usr/bin/chromium through Playwright's sync API).
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pytest

from portal.verify.served import served_folder

@dataclass(frozen=True)
class ServedSite:
    """A built site directory and the loopback URL it is served at (ends in /)."""

    root: Path
    url: str


def _site_root(variable: str, what: str, build_it=None) -> Path:
    """The site named by `variable`, else the one `build_it()` builds (the shipped data, this session)."""
    value = os.environ.get(variable, "").strip()
    if not value and build_it is None:
        pytest.skip(f"{variable} is not set: build the {what} and set {variable} to its directory")
    root = Path(value).resolve() if value else build_it()
    if not (root / "index.html").is_file():
        pytest.skip(f"{variable}={value} is not a built site (no index.html)")
    return root


@pytest.fixture(scope="session")
def web_site(request):
    root = _site_root("PORTAL_TEST_SITE", "web site (python -m portal build --out DIR)",
                      lambda: request.getfixturevalue("shipped_site")[0])
    with served_folder(root) as url:
        yield ServedSite(root, url)


@pytest.fixture(scope="session")
def kiosk_site(tmp_path_factory):
    def build_kiosk():
        from portal_testing import SHIPPED_DATA, build
        site = tmp_path_factory.mktemp("kiosk") / "site"
        build(site, SHIPPED_DATA, variant="kiosk")
        return site

    root = _site_root("PORTAL_TEST_KIOSK_SITE", "kiosk variant (python -m portal build --variant kiosk --out DIR)",
                      build_kiosk)
    with served_folder(root) as url:
        yield ServedSite(root, url)


@pytest.fixture(scope="session")
def offline_site(tmp_path_factory) -> Path:
    """The offline variant of the shipped data (opened over file://), built once per session, or PORTAL_TEST_OFFLINE_SITE."""
    def build_offline():
        from portal_testing import SHIPPED_DATA, build
        site = tmp_path_factory.mktemp("offline") / "site"
        build(site, SHIPPED_DATA, variant="offline")
        return site

    return _site_root("PORTAL_TEST_OFFLINE_SITE", "offline variant (python -m portal build --variant offline --out DIR)",
                      build_offline)


@pytest.fixture
def open_page(browser):
    """open_page(width, height, media=None) -> a fresh page of that size; the test fails on any script error, and on any
    request that leaves the loopback server."""
    opened = []

    def open_(width: int, height: int, media: str | None = None):
        context = browser.new_context(viewport={"width": width, "height": height}, locale="zh-CN")
        page = context.new_page()
        page.script_errors, page.foreign = [], []
        page.on("pageerror", lambda error: page.script_errors.append(str(error)))
        page.on("request", lambda request: request.url.startswith(("http://127.0.0.1:", "data:", "blob:"))
                or page.foreign.append(request.url))
        if media:
            page.emulate_media(media=media)
        opened.append((context, page))
        return page

    yield open_
    for context, page in opened:
        context.close()
    for _, page in opened:
        assert page.script_errors == []
        assert page.foreign == []
