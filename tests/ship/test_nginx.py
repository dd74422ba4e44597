# The generated nginx config (portal/ship/nginx.py, deploy/nginx/) served by Debian's nginx on a loopback port:
# pages in both languages under /safety/, the portal's 404 page, security headers (also on redirects), caching, gzip,
# and chromium under the CSP.
from __future__ import annotations

import http.client
import socket
import subprocess
import time
from pathlib import Path

import pytest

from portal.ship.nginx import (csp_hash, inline_script_hashes, inline_scripts, nginx_server_block, nginx_standalone_conf,
                               security_headers)
from portal.verify.sitecheck import check_site
from portal_testing import build

NGINX = "/usr/sbin/nginx"
BASE_URL = "http://intranet.example/safety/"
BASE = "/safety/"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("nginx-site") / "site"
    build(out, site_url=BASE_URL)
    return out


@pytest.fixture(scope="module")
def nginx(site, tmp_path_factory):
    """Debian's nginx, unprivileged, prefix in a temporary folder, serving the fixture site under /safety/."""
    if not Path(NGINX).exists():
        pytest.fail(f"{NGINX} is missing: install Debian's nginx-light (.ci/run does)")
    prefix = tmp_path_factory.mktemp("nginx-prefix")
    port = free_port()
    conf = prefix / "nginx.conf"
    conf.write_text(nginx_standalone_conf(nginx_server_block(site, BASE_URL, site, listen=f"127.0.0.1:{port}"), prefix))
    process = subprocess.Popen([NGINX, "-p", str(prefix), "-c", str(conf), "-e", str(prefix / "error.log")],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    for _ in range(200):
        if process.poll() is not None:
            pytest.fail("nginx did not start: " + process.stdout.read().decode(errors="replace")
                        + (prefix / "error.log").read_text(errors="replace"))
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.05)
    yield port
    process.terminate()
    process.wait(timeout=10)


def get(port: int, path: str, headers: dict | None = None) -> tuple[int, dict, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", path, headers=headers or {})
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, {k.lower(): v for k, v in response.getheaders()}, body


def test_inline_scripts_skip_json_and_external_scripts():
    html = ('<script>a=1</script><script src="x.js"></script><script id="__config" type="application/json">{}</script>'
            '<script type="text/javascript">b=2</script>')
    assert inline_scripts(html) == ["a=1", "b=2"]
    # Known value from the CSP specification's example: 'sha256-' + base64(sha256("alert('Hello, world.');"))
    assert csp_hash("alert('Hello, world.');") == "'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='"


def test_root_base_path_needs_no_redirects(site):
    assert "return 30" not in nginx_server_block(site, "/", site)
    assert "location = /safety { " in nginx_server_block(site, BASE_URL, site)


def test_fixture_site_has_depth_dependent_inline_scripts_and_passes_checks(site):
    hashes = inline_script_hashes(site)
    assert len(hashes) >= 3  # Material's __md_scope script differs by page depth
    assert check_site(site, base_path=BASE) == []


def test_pages_in_both_languages_under_the_sub_path(nginx):
    for path in ("", "cases/test-case-2020/", "regulations/", "en/", "en/cases/test-case-2020/", "data/cases.json"):
        status, headers, body = get(nginx, BASE + path)
        assert status == 200, path
    status, headers, _ = get(nginx, BASE + "cases")
    assert status == 301 and headers["location"] == BASE + "cases/"


def test_open_data_stored_compressed_is_served_at_its_plain_address(site, nginx):
    """data/cases.json.gz and .csv.gz are the files on disk (linked by the pages); nginx answers data/cases.json and
    data/cases.csv from them: unpacked for a client that does not accept gzip, with the security headers."""
    import gzip
    import json

    assert not (site / "data" / "cases.json").exists() and (site / "data" / "cases.json.gz").is_file()
    status, headers, body = get(nginx, BASE + "data/cases.json")
    assert status == 200 and "content-encoding" not in headers and headers["cache-control"] == "no-cache"
    assert "content-security-policy" in headers
    assert json.loads(body.decode("utf-8"))["kind"] == "cases"
    status, headers, body = get(nginx, BASE + "data/cases.csv")
    assert status == 200 and body.decode("utf-8-sig").startswith("案例编号")
    status, headers, body = get(nginx, BASE + "data/cases.csv.gz")
    assert status == 200 and gzip.decompress(body).decode("utf-8-sig").startswith("案例编号")
    assert get(nginx, BASE + "data/no-such-kind.json")[0] == 404


def test_redirects_carry_the_security_headers(site, nginx):
    """/safety -> /safety/ and / -> /safety/ (and nginx's own folder redirects, and an old poster address to its case
    page) send the same headers as pages."""
    expected = {name.lower(): value for name, value in security_headers(inline_script_hashes(site)).items()}
    for path, code, location in (("/safety", 301, BASE), ("/", 302, BASE), (BASE + "cases", 301, BASE + "cases/"),
                                 # a case's poster page of earlier releases: the case page (it prints as the poster)
                                 (BASE + "cases/test-case-2020/poster/", 301, BASE + "cases/test-case-2020/"),
                                 (BASE + "en/cases/test-case-2020/poster", 301, BASE + "en/cases/test-case-2020/")):
        status, headers, _ = get(nginx, path)
        assert (status, headers.get("location")) == (code, location), path
        for name, value in expected.items():
            assert headers.get(name) == value, (path, name)
        assert "server" not in headers or "/" not in headers["server"]  # no version number


def test_missing_page_gets_the_portals_404_page(nginx):
    status, headers, body = get(nginx, BASE + "no/such/page/")
    assert status == 404
    text = body.decode("utf-8")
    assert "安全生产知识门户" in text and "404" in text and "nginx" not in text.lower()  # the portal's page
    assert f'href="{BASE}assets/stylesheets/' in text  # absolute links from the base path work at any depth
    assert "content-security-policy" in headers


def test_security_headers_on_pages(site, nginx):
    _, headers, _ = get(nginx, BASE)
    csp = headers["content-security-policy"]
    assert "script-src 'self' " in csp and "'unsafe-inline'" not in csp and "'unsafe-eval'" not in csp
    assert "frame-ancestors 'none'" in csp and "default-src 'none'" in csp
    for expected in inline_script_hashes(site):
        assert expected in csp
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "same-origin"
    assert headers["x-frame-options"] == "DENY"
    assert "server" not in headers or "/" not in headers["server"]  # no version number


def test_cache_headers(site, nginx):
    bundles = [p.relative_to(site).as_posix() for p in (site / "assets").rglob("*.min.*")
               if p.name.startswith(("bundle.", "main.", "search.")) and not p.name.endswith(".map")]
    assert any(name.startswith("assets/javascripts/bundle.") for name in bundles)
    for name in bundles:
        status, headers, _ = get(nginx, BASE + name)
        assert status == 200, name
        assert "immutable" in headers["cache-control"] and "max-age=31536000" in headers["cache-control"], name
        assert "content-security-policy" in headers, name  # nested location repeats the security headers
    for path in ("", "en/cases/", "assets/portal.js", "data/cases.json"):
        _, headers, _ = get(nginx, BASE + path)
        assert headers["cache-control"] == "no-cache", path


def test_gzip(nginx):
    for path in ("", "en/cases/test-case-2020/", "assets/portal.css", "data/cases.json"):
        status, headers, body = get(nginx, BASE + path, {"Accept-Encoding": "gzip"})
        assert status == 200 and headers.get("content-encoding") == "gzip", path
        assert "accept-encoding" in headers.get("vary", "").lower()
        assert body[:2] == b"\x1f\x8b"
    _, headers, _ = get(nginx, BASE)
    assert "content-encoding" not in headers


def test_portal_works_in_chromium_under_the_csp(page, nginx):
    root = f"http://127.0.0.1:{nginx}{BASE}"
    violations = []
    failed = []
    page.on("console", lambda message: "Content Security Policy" in message.text and violations.append(message.text))
    page.on("response", lambda response: response.status >= 400 and failed.append(response.url))
    for path in ("", "cases/test-case-2020/", "en/regulations/", "no/such/page/"):
        page.goto(root + path)
        page.wait_for_load_state("networkidle")
        if path == "cases/test-case-2020/":  # printed, the case page builds its poster (script, stylesheet, QR code)
            page.emulate_media(media="print")
            page.wait_for_selector(".portal-poster svg", state="attached", timeout=5000)
            page.emulate_media(media="screen")
    page.goto(root + "en/cases/")
    page.wait_for_load_state("networkidle")
    # Material's inline head script ran (its helpers exist), so the hashes match.
    assert page.evaluate("typeof __md_get") == "function"
    assert violations == []
    assert failed == [root + "no/such/page/"]  # only the deliberately missing page; the 404 page's assets load
    assert [e for e in page.console_errors if "404 (Not Found)" not in e] == []
    assert [u for u in page.requested if not u.startswith(root)] == []


def raw_response(port: int, request: bytes) -> tuple[int, dict]:
    """Status and headers of the answer to bytes sent as they are (requests http.client would refuse to send)."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
        connection.sendall(request)
        answer = b""
        while b"\r\n\r\n" not in answer:
            chunk = connection.recv(65536)
            if not chunk:
                break
            answer += chunk
    head = answer.split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")
    headers = {}
    for line in head[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return int(head[0].split()[1]), headers


@pytest.mark.parametrize("expected, request_bytes", [
    (400, b"NOT A REQUEST\r\n\r\n"),
    (400, b"GET /safety/ HTTP/1.1\r\n\r\n"),  # HTTP/1.1 without a Host header
    (404, b"GET /elsewhere/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),  # outside the portal's location
    (404, b"GET /safety/no/such/page/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
    (405, b"POST /safety/ HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"),
    (414, b"GET /safety/" + b"a" * 20000 + b" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
], ids=["400-garbage", "400-no-host", "404-outside", "404-inside", "405-post", "414-long-uri"])
def test_security_headers_on_nginx_own_error_pages(site, nginx, expected, request_bytes):
    status, headers = raw_response(nginx, request_bytes)
    assert status == expected
    missing = [name for name in security_headers(inline_script_hashes(site)) if name.lower() not in headers]
    assert not missing, f"{expected} response lacks {missing}"
