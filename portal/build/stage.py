# What the build hands the site engine for one language: hand-written pages, their widgets, frames wanted, assets.
"""Build, step 2: the `StagedSite` of a language (portal/engine/contract.py).

The hand-written pages are docs/<lang>; the widgets they call are rendered here by the pages step (no build state
reaches the engine's process); the outline lists the frames the generated pages need: one per navigation page and
one per (frame kind, URL depth) of the others. The full page lists are made again inside each page-writing process,
so the parent never holds both languages' lists."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from portal import site_layout
from portal.derive.facts import Derived
from portal.engine.contract import EngineError, Outline, SiteOptions, StagedSite, url_depth
from portal.kinds import nav_entries
from portal.pages.catalog import PageSpec, generated_pages
from portal.pages.context import PageContext
from portal.pages.handwritten import DOCS, UnknownWidget, render_widgets
from portal.settings import Settings


def outline_of(specs: list[PageSpec], use_directory_urls: bool) -> Outline:
    """The frames these generated pages need (print pages use the portal's own print frame)."""
    depths = {(spec.frame, url_depth(site_layout.page_url(spec.src_uri, use_directory_urls)))
              for spec in specs if spec.frame != "print" and not spec.in_nav}
    return Outline(tuple(spec.src_uri for spec in specs if spec.in_nav), frozenset(depths))


def search_assets() -> tuple[tuple[Path, ...], tuple[str, ...]]:
    """Browser assets that live with their Python code (the search engine): files, and the stylesheets among them
    (its script is loaded by overrides/main.html with its root and language)."""
    from portal.search import STATIC_DIR

    files = tuple(sorted(STATIC_DIR.glob("*.*")))
    return files, tuple(f"assets/{path.name}" for path in files if path.suffix == ".css")


def words_asset(work_dir: Path) -> Path:
    """assets/portal-words.js: the browser scripts' words, from the catalogue (portal/words/ui.yml); loaded by
    overrides/main.html before portal-search.js. Written whole under a temporary name, then renamed into place."""
    from portal.words import BROWSER_SCRIPT, browser_words_script

    folder = work_dir / "words"
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=folder, suffix=".tmp", delete=False) as handle:
        handle.write(browser_words_script())
    path = folder / BROWSER_SCRIPT
    os.replace(handle.name, path)
    return path


def stage_site(settings: Settings, derived: Derived, lang: str) -> StagedSite:
    ctx = PageContext(lang, derived, settings, "")
    assets, stylesheets = search_assets()
    assets += (words_asset(settings.work_dir),)
    menu = tuple((title, src) for entry in nav_entries(lang) for title, src in entry.items())
    try:
        widgets = render_widgets(ctx, DOCS[lang])
    except UnknownWidget as error:  # as mkdocs-macros would have refused it: the build fails, naming the page
        raise EngineError(str(error)) from None
    return StagedSite(lang=lang, pages=DOCS[lang], widgets=widgets,
                      outline=outline_of(generated_pages(ctx), settings.use_directory_urls),
                      options=SiteOptions.of(settings), assets=assets, stylesheets=stylesheets, menu=menu)
