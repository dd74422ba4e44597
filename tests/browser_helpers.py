# Helpers shared by the browser tests (imported by test modules; not a test module itself).
from __future__ import annotations


def search_results(page, url: str, term: str) -> str:
    """Type `term` into Material's search box on `url` and return the result list's HTML."""
    page.goto(url)
    page.click(".md-search__input")
    page.fill(".md-search__input", term)
    page.press(".md-search__input", "End")  # filling fires no keyup, which the search waits for
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    return page.inner_html(".md-search-result__list")
