# The hand-written pages (docs/<lang>/): the widgets they call, rendered here, and their finished HTML.
"""Pages step for the hand-written pages: the widgets they call (`{{ glossary() }}`) are rendered by the pure
renderers of portal/pages/widgets.py, per page (links are relative to it), into the mapping the engine's macros
read (page source path -> widget name -> HTML); and once the engine has written them, their links to other hosts
are marked external and, in the kiosk, links that would leave the portal become QR codes."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Callable

from portal.pages import contest, hubs, kiosk, widgets
from portal.pages.buildinfo import render_build_info
from portal.pages.context import PageContext
from portal.settings import LANGS, REPO_ROOT
from portal.site_layout import page_url

DOCS = {lang: REPO_ROOT / "docs" / lang for lang in LANGS}  # the hand-written pages of each language

# Widget name (as called from Markdown) -> pure renderer.
WIDGETS: dict[str, Callable[[PageContext], str]] = {
    "emergency_numbers": widgets.render_emergency_numbers,
    "case_of_the_week": widgets.render_case_of_the_week,
    "section_counts": widgets.render_section_counts,
    "hazard_hubs": hubs.render_hub_tiles,
    "kiosk_browse": kiosk.render_kiosk_browse,
    "recently_updated": widgets.render_recent,
    "statistics": widgets.render_statistics,
    "statistics_filters": widgets.render_stats_filters,
    "glossary": widgets.render_glossary,
    "translation_coverage": widgets.render_coverage,
    "quiz_questions": widgets.render_quiz,
    "question_of_the_day": lambda ctx: widgets.render_quiz(ctx, only_today=True),
    "contest_paper": contest.render_contest,
    "contest_round": contest.render_contest_round,
    "open_data_links": widgets.render_open_data_links,
    "build_info": render_build_info,
}
_CALL = re.compile(r"\{\{-?\s*([A-Za-z_][A-Za-z0-9_]*)\s*\(")
_EXTERNAL_LINK = re.compile(r'<a href="(https?://)')


class UnknownWidget(ValueError):
    """A hand-written page calls a widget that does not exist."""


def called_widgets(markdown: str) -> list[str]:
    """The widgets a page's Markdown calls, in order of first call."""
    return list(dict.fromkeys(_CALL.findall(markdown)))


def render_widgets(ctx: PageContext, pages: Path) -> dict[str, dict[str, str]]:
    """Every widget each hand-written page under `pages` calls, rendered for that page: {src path: {name: HTML}}."""
    rendered: dict[str, dict[str, str]] = {}
    for path in sorted(pages.rglob("*.md")):
        src = path.relative_to(pages).as_posix()
        names = called_widgets(path.read_text(encoding="utf-8"))
        unknown = [name for name in names if name not in WIDGETS]
        if unknown:
            raise UnknownWidget(f"{path}: no widget named {', '.join(unknown)} (known: {', '.join(sorted(WIDGETS))})")
        if names:
            page = ctx.at(page_url(src, ctx.use_directory_urls))
            rendered[src] = {name: WIDGETS[name](page) for name in names}
    return rendered


def finish_html(text: str, variant: str, lang: str) -> str:
    """A hand-written page as the engine wrote it, with links to other hosts marked external (kiosk: QR codes)."""
    text = _EXTERNAL_LINK.sub(r'<a class="portal-external" rel="external noopener noreferrer" href="\1', text)
    if variant == "kiosk":
        text = kiosk.kiosk_without_inputs(kiosk.kiosk_links(text, lang))
    return text


def handwritten_sources(lang: str) -> list[str]:
    """Source paths of a language's hand-written pages (index.md, stats.md, ...)."""
    return sorted(path.relative_to(DOCS[lang]).as_posix() for path in DOCS[lang].rglob("*.md"))
