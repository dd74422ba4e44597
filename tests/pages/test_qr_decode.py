# The QR codes on the printed card and poster decode (zbarimg) to the page they name, with and without BASE_URL.
"""Print QR codes: screenshot each code in Chromium and decode it with zbarimg (zbar-tools)."""
from __future__ import annotations

import shutil
import subprocess

import pytest

from portal_testing import MINIMAL, build

pytestmark = pytest.mark.skipif(shutil.which("zbarimg") is None, reason="zbarimg missing: make test installs zbar-tools")


def decode(png) -> list[str]:
    result = subprocess.run(["zbarimg", "--quiet", "--raw", str(png)], capture_output=True, text=True, timeout=60)
    return [line for line in result.stdout.splitlines() if line]


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    root = tmp_path_factory.mktemp("qr")
    build(root / "relative", MINIMAL)
    build(root / "absolute", MINIMAL, site_url="http://intranet.example/safety/")
    return root


@pytest.mark.parametrize("variant,expected", [
    ("absolute", "http://intranet.example/safety/cases/test-case-2020/"),
    ("relative", "cases/test-case-2020/"),
])
def test_poster_qr_code_decodes_to_the_case_page(sites, page, tmp_path, variant, expected):
    page.goto((sites / variant / "cases" / "test-case-2020" / "poster" / "index.html").as_uri())
    code = page.locator("svg.portal-print-qr-code").first
    png = tmp_path / "qr.png"
    code.screenshot(path=str(png))
    assert decode(png) == [expected]


def test_card_qr_code_decodes_in_english_too(sites, page, tmp_path):
    page.goto((sites / "absolute" / "en" / "contacts" / "test-directory" / "card" / "index.html").as_uri())
    png = tmp_path / "qr.png"
    page.locator("svg.portal-print-qr-code").first.screenshot(path=str(png))
    assert decode(png) == ["http://intranet.example/safety/en/contacts/test-directory/"]
