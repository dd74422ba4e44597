# Corridor kiosk variant: the attract-loop page renderer and the "no way out" link rewriting (QR codes).
"""Pages step, kiosk variant: the attract loop (kiosk/) and links that would leave the portal shown as QR codes."""
from __future__ import annotations

import html as htmllib
import re

import segno
from markupsafe import Markup, escape

from portal.kinds.regulations import NAME as REGULATIONS
from portal.pages.context import PageContext
from portal.pages.printables import QR_MASK
from portal.pages.render import Rendered, record_src, render_template
from portal.pages.widgets import recently_updated, render_case_of_the_week, render_emergency_numbers, render_quiz
from portal.words import ui

ATTRACT_SRC = "kiosk/index.md"


def kiosk_text(key: str, lang: str) -> str:
    """Interface words of the kiosk (in the catalogue portal/words/ui.yml under "kiosk.")."""
    return ui("kiosk." + key, lang)


def latest_regulation(ctx: PageContext) -> tuple | None:
    """(date, regulation id) of the most recently updated regulation up to the build date, or None."""
    for date, kind, record_id in recently_updated(ctx, limit=10**9):
        if kind == REGULATIONS:
            return date, record_id
    return None


def render_kiosk_attract(ctx: PageContext) -> Rendered:
    """The attract loop: emergency numbers, case of the week, question of the day (all questions are embedded so the
    browser picks today's from its own date, offline) and a recently updated regulation."""
    latest = latest_regulation(ctx)
    regulation = None
    if latest:
        date, reg_id = latest
        regulation = {"id": reg_id, "date": date, "record": ctx.dataset.regulations[reg_id],
                      "status": ctx.derived.status[reg_id]}
    html = render_template(
        "kiosk_attract.html", ctx, text=lambda key: kiosk_text(key, ctx.lang), slide_seconds=ctx.settings.kiosk_slide_seconds,
        home=ctx.link("index.md"), emergency=Markup(render_emergency_numbers(ctx)),
        case_of_week=Markup(render_case_of_the_week(ctx)),
        quiz=Markup(render_quiz(ctx)) if ctx.dataset.quiz else None,
        regulation=regulation, record_src=record_src,
    )
    return Rendered(html, [])


# -- "no way out": links that would leave the portal ---------------------------------------------------------------
_ANCHOR = re.compile(r"<a\b([^>]*)>(.*?)</a>", re.DOTALL | re.IGNORECASE)
_HREF = re.compile(r"""\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)
_CLASS = re.compile(r'\bclass\s*=\s*"([^"]*)"', re.IGNORECASE)
_TARGET = re.compile(r"""\s+target\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+)""", re.IGNORECASE)
_LEAVES_AS_QR = re.compile(r"^\s*(https?:|//|mailto:)", re.IGNORECASE)
_SCHEME = re.compile(r"^\s*[a-z][a-z0-9+.-]*:", re.IGNORECASE)
_DOWNLOAD = re.compile(r"\.(json|zip|csv|ya?ml|pdf|xlsx?|docx?|txt)(?:[?#].*)?$", re.IGNORECASE)


def qr_svg(target: str) -> str:
    """An inline SVG QR code of `target` (no ids, no XML declaration, safe to repeat on a page)."""
    return segno.make(target, error="m", mask=QR_MASK, micro=False).svg_inline(scale=3, border=2, svgclass="portal-kiosk-qr-code",
                                                   lineclass=None, dark="#000", light="#fff")


def kiosk_links(html: str, lang: str = "zh") -> str:
    """Rewrite every link that would leave the portal on a kiosk: web and mail links become their text plus a QR
    code (a phone can follow it), tel:/javascript: and other schemes and downloads (JSON, ZIP ...) become plain
    text; target attributes are dropped so nothing opens a new window. Internal page links are kept."""

    def replace(match: re.Match) -> str:
        attributes, inner = match.group(1), match.group(2)
        found = _HREF.search(attributes)
        if not found:
            return match.group(0)
        href = htmllib.unescape(next(g for g in found.groups() if g is not None)).strip()
        if _LEAVES_AS_QR.match(href):
            target = "https:" + href if href.startswith("//") else href
            shown = target[len("mailto:"):] if target.lower().startswith("mailto:") else target
            return (f'<span class="portal-kiosk-external">{inner}'
                    f'<span class="portal-kiosk-qr" role="img" aria-label="{escape(kiosk_text("scan", lang))}: '
                    f'{escape(shown)}">{qr_svg(target)}<small>{escape(shown)}</small></span></span>')
        if _SCHEME.match(href) or _DOWNLOAD.search(href.split("#")[0]):
            kept = _CLASS.search(attributes)
            classes = "portal-kiosk-nolink" + (" " + kept.group(1) if kept else "")
            return f'<span class="{classes}">{inner}</span>'
        return "<a" + _TARGET.sub("", attributes) + ">" + inner + "</a>"

    return _ANCHOR.sub(replace, html)
