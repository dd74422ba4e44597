# Corridor kiosk variant: the attract loop, browsing by touch (tiles, A–Z strip, featured row), no text inputs, and the "no way out" link rewriting (QR codes).
"""Pages step, kiosk variant: the attract loop (kiosk/), browsing without a keyboard (tiles by industry and tier
beside the home page's kinds and hazard hubs, an A–Z strip by pinyin initial leading to kiosk/az/<letter>/, a featured row), pages without
<input>/<textarea>, and links that would leave the portal shown as QR codes."""
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
AZ_FOLDER = "kiosk/az"
AZ_KINDS = ("regulations", "cases", "articles", "resources", "contacts")  # kinds whose records the A–Z pages list
OTHERS = "#"  # the A–Z group of titles that do not begin with a letter or a Chinese character


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


# -- browsing by touch ------------------------------------------------------------------------------------------
def az_src(letter: str) -> str:
    return f"{AZ_FOLDER}/{'other' if letter == OTHERS else letter.lower()}.md"


_TITLE_PREFIX = re.compile(r"^[\s《〈“\"'(（\[【]*(?:中华人民共和国)?")


def initial(title: str, lang: str) -> str:
    """The A–Z letter a title is filed under: its first Latin letter, or the pinyin initial of its first Chinese
    character (中华人民共和国 and opening quotes skipped); OTHERS for anything else."""
    text = _TITLE_PREFIX.sub("", title or "") or (title or "")
    first = text[:1]
    if first.isascii() and first.isalpha():
        return first.upper()
    if "\u4e00" <= first <= "\u9fff":
        from pypinyin import Style, lazy_pinyin  # loaded only by kiosk builds
        letter = (lazy_pinyin(first, style=Style.FIRST_LETTER) or [""])[0][:1]
        return letter.upper() if letter.isascii() and letter.isalpha() else OTHERS
    return OTHERS


def az_index(ctx: PageContext) -> dict[str, list[tuple[str, str, str]]]:
    """Letter -> (sort key, title, page source) of every record page and hazard hub, letters in A–Z order (OTHERS
    last); computed once per build and language."""
    from portal.kinds import BY_NAME
    from portal.pages.hubs import hub_src, hubs
    from portal.records.ids import slug_words
    from portal.text import pick

    key = ("kiosk-az", ctx.lang)
    if key in ctx.memo:
        return ctx.memo[key]
    entries = [(pick(hub["label"], ctx.lang)[0], hub_src(hub_id)) for hub_id, hub in hubs(ctx.dataset).items()]
    for kind in AZ_KINDS:
        if kind not in BY_NAME:
            continue
        for record_id, record in ctx.dataset.records[kind].items():
            title = pick(record.get("short_title"), ctx.lang)[0] if record.get("short_title") else ""
            entries.append((title or BY_NAME[kind].title(record, ctx.lang) or record_id, record_src(kind, record_id)))
    groups: dict[str, list[tuple[str, str, str]]] = {}
    for title, src in entries:
        groups.setdefault(initial(title, ctx.lang), []).append((slug_words(title) or title, title, src))
    ordered = {letter: sorted(groups[letter]) for letter in sorted(groups, key=lambda l: (l == OTHERS, l))}
    ctx.memo[key] = ordered
    return ordered


def az_strip(ctx: PageContext, current: str | None = None) -> list[dict]:
    """The A–Z strip: one link per letter that has entries (no dead letters)."""
    return [{"letter": letter, "href": ctx.link(az_src(letter)), "count": len(items), "current": letter == current}
            for letter, items in az_index(ctx).items()]


def render_az_page(letter: str, ctx: PageContext) -> Rendered:
    items = [{"title": title, "href": ctx.link(src)} for _, title, src in az_index(ctx)[letter]]
    html = render_template("kiosk_az.html", ctx, letter=letter, items=items, strip=az_strip(ctx, letter),
                           text=lambda key, **kw: ui("kiosk." + key, ctx.lang, **kw))
    return Rendered(html, [])


def featured(ctx: PageContext) -> list[dict]:
    """The featured row, computed from the data: the case of the week, the newest case, the regulations most often
    cited by cases (at most three) and the hazard hub with the most cases."""
    from portal.pages.hubs import hub_members, hub_src, hubs
    from portal.pages.widgets import case_of_the_week
    from portal.text import pick

    dataset, derived, tiles = ctx.dataset, ctx.derived, []

    def add(reason: str, title: str, src: str) -> None:
        if all(tile["src"] != src for tile in tiles):
            tiles.append({"reason": kiosk_text(reason, ctx.lang), "title": title, "src": src,
                          "href": ctx.link(src)})

    week = case_of_the_week(derived)
    if week:
        add("case_of_week", pick(dataset.cases[week]["title"], ctx.lang)[0], record_src("cases", week))
    if dataset.cases:
        newest = max(dataset.cases, key=lambda i: (str(dataset.cases[i].get("date") or ""), i))
        add("featured.newest", pick(dataset.cases[newest]["title"], ctx.lang)[0], record_src("cases", newest))
    cited = sorted(((len(derived.cited_by.get(reg_id, [])), reg_id) for reg_id in dataset.regulations),
                   key=lambda c: (-c[0], c[1]))
    for count, reg_id in cited[:3]:
        if count:
            reg = dataset.regulations[reg_id]
            add("featured.cited", pick(reg.get("short_title") or reg["title"], ctx.lang)[0], record_src(REGULATIONS, reg_id))
    ranked = sorted(hubs(dataset), key=lambda h: (-len(hub_members(h, ctx).cases), h))
    if ranked and hub_members(ranked[0], ctx).cases:
        add("featured.hub", pick(hubs(dataset)[ranked[0]]["label"], ctx.lang)[0], hub_src(ranked[0]))
    return tiles


def browse_tiles(ctx: PageContext) -> dict[str, list[dict]]:
    """Tiles of the cases by industry and by tier (their facet pages), each with its count."""
    from portal.pages.lists import facet_groups, kind_facets
    from portal.pages.render import facet_src

    groups = {}
    for facet in kind_facets("cases"):
        if facet.name in ("industry", "tier"):
            groups[facet.name] = [{"label": label, "count": len(ids), "href": ctx.link(facet_src("cases", facet.name, value))}
                                  for value, (label, ids) in facet_groups(facet, ctx).items()]
    return groups


def render_kiosk_browse(ctx: PageContext) -> str:
    """The kiosk home's browsing block (nothing outside the kiosk): featured row, hazard hubs, kinds, industries,
    tiers and the A–Z strip — every tile a link to a page that exists."""
    if ctx.settings.variant != "kiosk":
        return ""
    return render_template("kiosk_browse.html", ctx, featured=featured(ctx), groups=browse_tiles(ctx), strip=az_strip(ctx),
                           text=lambda key, **kw: ui("kiosk." + key, ctx.lang, **kw))


# -- no text inputs ---------------------------------------------------------------------------------------------
# The theme's checkbox toggles (drawer, search, table of contents) become empty spans its script can still find
# (it reads .checked and listens for change: both harmless on a span); every box to type into (<textarea>, an
# <input> of any type but checkbox and radio) is removed. Checkboxes and radios are touch controls (the contest's
# timed round on the kiosk chooses topics and a count with them).
_THEME_TOGGLE = re.compile(r"<input\b(?=[^>]*\bmd-toggle\b)[^>]*>", re.IGNORECASE)
_KEPT_ATTRIBUTE = re.compile(r"""\s(class|id|data-md-toggle)\s*=\s*("[^"]*"|'[^']*')""", re.IGNORECASE)
_TEXT_CONTROL = re.compile(r"<textarea\b.*?</textarea\s*>|<input\b(?![^>]*\btype\s*=\s*[\"']?(?:checkbox|radio)\b)[^>]*>",
                           re.IGNORECASE | re.DOTALL)
_HOME_SEARCH = re.compile(r'<h2 id="search"[^>]*>.*?</h2>\s*<div class="portal-home-search"[^>]*>.*?</div>',
                          re.IGNORECASE | re.DOTALL)


def kiosk_without_inputs(html: str) -> str:
    """A whole kiosk page without a box to type into: nobody can type on a touch screen."""
    html = _HOME_SEARCH.sub("", html)
    html = _THEME_TOGGLE.sub(lambda m: "<span" + "".join(" " + a.group(1) + "=" + a.group(2)
                                                           for a in _KEPT_ATTRIBUTE.finditer(m.group(0))) + " hidden></span>", html)
    return _TEXT_CONTROL.sub("", html)
