# Measures, in Debian's chromium, the time from typing a query to the first search result on a built site (http or file://).
from __future__ import annotations

import argparse
import functools
import http.server
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

QUERIES = [("", "坠落"), ("", "瓦斯"), ("", "主席令第88号"), ("en/", "explosion"), ("en/", "fall")]


def measure(base: str, suffix: str) -> list[tuple[str, float, int]]:
    from playwright.sync_api import sync_playwright

    results = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for prefix, term in QUERIES:
            page = browser.new_page()
            page.goto(base + prefix + suffix)
            page.wait_for_load_state("load")
            page.click(".md-search__input")
            started = time.perf_counter()
            page.fill(".md-search__input", term)
            page.press(".md-search__input", "End")
            page.wait_for_selector(".md-search-result__item", timeout=30000)
            elapsed = (time.perf_counter() - started) * 1000
            results.append((prefix + term, elapsed, page.locator(".md-search-result__item").count()))
            page.close()
        browser.close()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("site", type=Path)
    parser.add_argument("--file", action="store_true", help="open over file:// (offline copy) instead of http")
    args = parser.parse_args()
    site = args.site.resolve()
    if args.file:
        rows = measure(site.as_uri() + "/", "index.html")
    else:
        handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
        handler.log_message = lambda *a, **k: None
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        rows = measure(f"http://127.0.0.1:{server.server_address[1]}/", "")
        server.shutdown()
    for query, ms, hits in rows:
        print(f"{query:<24} {ms:7.0f} ms to first result ({hits} results shown)")


if __name__ == "__main__":
    main()
