# The portal's own search engine: index builder (Python) and browser script (static/) for http and file:// sites.
"""Portal search: ``write_search_index(docs, lang, out_dir)`` writes a sharded index that ``static/portal-search.js``
queries in the browser, loading only the shards a query needs. Python (rjieba, the jieba-rs binding, for Chinese words); no mkdocs import.
See README.md in this folder for the design and how a site wires it in."""
from pathlib import Path

from portal.search.builder import PAGE_KIND, SearchDoc, write_search_index

STATIC_DIR = Path(__file__).resolve().parent / "static"  # portal-search.js and portal-search.css, to copy into a site

__all__ = ["PAGE_KIND", "STATIC_DIR", "SearchDoc", "write_search_index"]
