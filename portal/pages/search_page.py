# The search results page search/?q=…: a form and empty containers; overrides/assets/portal-results.js fills them.
"""Pages step: the search results page (``search/index.md`` in each language and variant).

The page is the same for every query: the browser script reads ``?q=``, filters and sort from the address, runs the
query with portal-search.js (``PortalSearch.searchAll``, ``facetRows``, ``docs``) and writes the results, the filters
with their counts over all matches, the sort control and the page links. Without JavaScript the form still submits
``?q=`` and the page says how to browse instead."""
from __future__ import annotations

from portal.kinds import PAGE_KINDS, kind_name
from portal.pages.context import PageContext
from portal.pages.lists import index_src
from portal.pages.render import Rendered, render_template
from portal.pages.searchdocs import RESULT_FACETS

SEARCH_PAGE_SRC = "search/index.md"
RESULTS_PER_PAGE = 20
SORTS = ("relevance", "newest", "oldest")  # ?sort= values; the first is the default (left out of the address)


def render_search_page(ctx: PageContext) -> Rendered:
    sections = [(kind_name(kind.name, ctx.lang), ctx.link(index_src(kind.name))) for kind in PAGE_KINDS]
    html = render_template("search_page.html", ctx, sections=sections, facets=("kind",) + RESULT_FACETS,
                           sorts=SORTS, per_page=RESULTS_PER_PAGE, assets=ctx.root + "/assets/")
    return Rendered(html, [])
