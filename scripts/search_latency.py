# Measures, in Debian's chromium, typing-to-first-result and bytes loaded for a built site's search (http or file://).
"""`python scripts/search_latency.py SITE [--file]` for a portal site (its own search), or `--material` for a plain
Material site (Material's search box), so that both are measured the same way on the same corpus."""
from __future__ import annotations

import argparse
import time
from pathlib import Path

from portal.verify.served import CHROMIUM, CHROMIUM_ARGS, served_folder

QUERIES = ["坠落", "瓦斯", "爆炸", "合成令第88号", "检修"]  # words and a document number present in the synthetic data
BOXES = {"portal": ("input[data-portal-search]", ".portal-search-hit"),
         "material": (".md-search__input", ".md-search-result__item")}


def measure(base: str, page_name: str, engine: str) -> list[tuple[str, float, float, int]]:
    """(query, cold ms, warm ms, bytes loaded before the first result) for each query."""
    from playwright.sync_api import sync_playwright

    box, hit = BOXES[engine]
    results = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for term in QUERIES:
            page = browser.new_page()
            loaded = {"bytes": 0}
            def count(response, loaded=loaded):
                try:
                    loaded["bytes"] += len(response.body() or b"") if response.ok else 0
                except Exception:  # the page was closed before the body arrived: it was not needed for the result
                    pass

            page.on("response", count)
            timings, first_bytes = [], 0
            # cold: a fresh browser tab; warm: the next page view (the browser's cache is warm, as for a reader
            # who searches again on another page; Material's worker then parses its whole index again)
            for attempt in range(2):
                page.goto(base + page_name)
                page.wait_for_load_state("load")
                field = page.locator(box).first
                field.click()
                started = time.perf_counter()
                field.fill(term)
                field.press("End")
                page.locator(hit).first.wait_for(timeout=60000)
                timings.append((time.perf_counter() - started) * 1000)
                if attempt == 0:
                    first_bytes = loaded["bytes"]
            results.append((term, timings[0], timings[1], first_bytes))
            page.close()
        browser.close()
    return results


def run(site: Path, over_file: bool, engine: str) -> list[tuple[str, float, float, int]]:
    """Measure the queries on `site` over file:// or a loopback http server."""
    if over_file:
        return measure(site.as_uri() + "/", "index.html", engine)
    with served_folder(site) as base:
        return measure(base, "", engine)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("site", type=Path)
    parser.add_argument("--file", action="store_true", help="open over file:// (offline copy) instead of http")
    parser.add_argument("--material", action="store_true", help="the site uses Material's own search")
    parser.add_argument("--query", action="append", help="queries to time (default: words of the synthetic data)")
    args = parser.parse_args()
    engine = "material" if args.material else "portal"
    if args.query:
        QUERIES[:] = args.query
    rows = run(args.site.resolve(), args.file, engine)
    for query, cold, warm, loaded in rows:
        print(f"{engine:<9} {query:<12} cold {cold:7.0f} ms  warm {warm:6.0f} ms  loaded before first result "
              f"{loaded / 1e6:6.2f} MB")


if __name__ == "__main__":
    main()
