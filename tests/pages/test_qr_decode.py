# The QR codes on the printed card and poster decode (zbarimg) to the page they name, with and without BASE_URL.
"""Print QR codes: screenshot each card's code in Chromium, print case pages (their poster, the code drawn in the
browser by the vendored QR library) to PDF, and decode them with zbarimg (zbar-tools); over http, over file:// and
from the offline copy."""
from __future__ import annotations

import shutil
import subprocess

import pytest

from portal.verify.served import served_folder
from portal_testing import MINIMAL, build
from ui_helpers import pdf_codes

pytestmark = pytest.mark.skipif(shutil.which("zbarimg") is None, reason="zbarimg missing: make test installs zbar-tools")


def decode(png) -> list[str]:
    result = subprocess.run(["zbarimg", "--quiet", "--raw", str(png)], capture_output=True, text=True, timeout=60)
    return [line for line in result.stdout.splitlines() if line]


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    root = tmp_path_factory.mktemp("qr")
    build(root / "relative", MINIMAL)
    build(root / "absolute", MINIMAL, site_url="http://intranet.example/safety/")
    build(root / "offline", MINIMAL, variant="offline")
    build(root / "offline-absolute", MINIMAL, variant="offline", site_url="http://intranet.example/safety/")
    return root


def printed_poster(page, url: str, folder) -> tuple[list[str], str]:
    """The codes on the PDF of a case page as printed, and the address written under its code."""
    page.goto(url)
    pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    page.emulate_media(media="print")
    page.wait_for_selector(".portal-poster .portal-print-url", state="attached", timeout=5000)
    return pdf_codes(pdf, folder), page.inner_text(".portal-poster .portal-print-url")


@pytest.mark.parametrize("variant,page_file,expected", [
    ("absolute", "cases/test-case-2020/index.html", "http://intranet.example/safety/cases/test-case-2020/"),
    ("relative", "cases/test-case-2020/index.html", "cases/test-case-2020/"),
    ("relative", "en/cases/test-case-2020/index.html", "en/cases/test-case-2020/"),
    ("offline", "cases/test-case-2020.html", "cases/test-case-2020/"),
    ("offline-absolute", "en/cases/test-case-2020.html", "http://intranet.example/safety/en/cases/test-case-2020/"),
])
def test_poster_qr_code_decodes_to_the_case_page_over_file(sites, page, tmp_path, variant, page_file, expected):
    """Over file:// the code is the site's address of the page when the build knows it, else its path from the site
    root (the web form, also from the offline copy) with the note saying so."""
    codes, shown = printed_poster(page, (sites / variant / page_file).as_uri(), tmp_path)
    assert codes == [expected]
    assert shown.startswith(expected) and (("门户网址下的路径" in shown or "path under the portal" in shown)
                                           == (not expected.startswith("http")))
    assert page.console_errors == []


@pytest.mark.parametrize("variant", ["absolute", "relative"])
def test_poster_qr_code_decodes_to_the_case_page_over_http(sites, page, tmp_path, variant):
    """Over http the code is the site's address when the build knows it, else the address the page is read at."""
    with served_folder(sites / variant) as url:
        codes, shown = printed_poster(page, url + "en/cases/test-case-2020/?from=list#lessons", tmp_path)
        assert page.console_errors == [] and [u for u in page.requested if not u.startswith(url)] == []
    expected = ("http://intranet.example/safety/" if variant == "absolute" else url) + "en/cases/test-case-2020/"
    if variant == "relative":
        expected += "?from=list"  # the page's address as read (a #fragment is no part of it)
    assert codes == [expected] and shown == expected


def test_card_qr_code_decodes_in_english_too(sites, page, tmp_path):
    page.goto((sites / "absolute" / "en" / "contacts" / "test-directory" / "card" / "index.html").as_uri())
    png = tmp_path / "qr.png"
    page.locator("svg.portal-print-qr-code").first.screenshot(path=str(png))
    assert decode(png) == ["http://intranet.example/safety/en/contacts/test-directory/"]
