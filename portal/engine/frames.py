# Page frames: the theme's page HTML rendered once per depth with placeholders, cut into a Frame with named slots.
"""Engine (mkdocs + Material): placeholder pages and how their HTML becomes a `Frame` (portal/engine/contract.py).

The engine renders a small number of placeholder pages (one per URL depth and frame kind, plus one per navigation
page). Each is cut into literal HTML and named slots: the title, the content, Material's secondary navigation (the
table of contents), the href of the language switch (overrides/partials/alternate.html) and the page's own URL.
Links inside a frame are relative to its depth, so pages of the same depth share it."""
from __future__ import annotations

import html
import json
import posixpath
import re

from portal.engine.contract import Frame

TITLE = "PORTALTITLE7F3A"
CONTENT = "PORTALCONTENT7F3A"
SHELL_DIR = "_shell"
_SECONDARY_NAV = re.compile(r'<nav class="md-nav md-nav--secondary"[^>]*>.*?</nav>', re.DOTALL)
_CONTENT_MARK = f"<h1>{CONTENT}</h1>"


def shell_src(frame: str, levels: int, use_directory_urls: bool) -> str:
    """Source path of the placeholder page whose output file lies `levels` folders below the language root."""
    if use_directory_urls:
        parts = [SHELL_DIR] + [frame] * max(0, levels - 2) + [f"d{levels}.md"] if levels >= 2 else [f"{SHELL_DIR}-{frame}-d1.md"]
    else:
        parts = [SHELL_DIR] + [frame] * max(0, levels - 1) + [f"d{levels}.md"] if levels >= 1 else [f"{SHELL_DIR}-{frame}-d0.md"]
    return "/".join(parts)


def placeholder_markdown(frame: str) -> str:
    """The Markdown of a placeholder page (the engine renders it through the theme)."""
    hide = "hide:\n  - navigation\n  - toc\n  - footer\n" if frame == "bare" else ""
    return f"---\ntitle: {TITLE}\nrender_macros: false\n{hide}---\n\n{_CONTENT_MARK}\n"


_LANGUAGE_SWITCH = re.compile(r'(?<=<a href=")[^"]*(?=" class="[^"]*\bportal-lang-switch\b)')
_TOC_LABEL = re.compile(r'<nav class="md-nav md-nav--secondary" aria-label="([^"]*)"')
_ASSET = re.compile(r'<link\b[^>]*\brel="stylesheet"[^>]*\bhref="([^"]+)"|<script\b[^>]*\bsrc="([^"]+)"')


def parse_frame(page_html: str, url: str, own_page: bool = False) -> Frame:
    """The frame of a placeholder page rendered at `url`; own_page: a navigation page's frame (its URL stays)."""
    if _CONTENT_MARK not in page_html:
        raise ValueError(f"placeholder page {url} has no content mark: the theme changed the page layout")
    text = compact(page_html)
    before, after = text.split(_CONTENT_MARK, 1)
    label = _TOC_LABEL.search(before)
    pieces: list = [before, ("content",), after]
    if label:
        pieces = _cut(pieces, _pattern(_SECONDARY_NAV), "toc", first_only=True)
    pieces = _cut(pieces, _pattern(_LANGUAGE_SWITCH), "language_switch")
    pieces = _cut(pieces, _literal(TITLE), "title")
    if url and not own_page:
        pieces = _cut(pieces, _literal(url), "url")
    parts, slots = [""], []
    for piece in pieces:
        if isinstance(piece, tuple):
            slots.append(piece[0])
            parts.append("")
        else:
            parts[-1] += piece
    assets = tuple(m.group(1) or m.group(2) for m in _ASSET.finditer(text))
    return Frame(tuple(parts), tuple(slots), assets, html.unescape(label.group(1)) if label else "",
                 toc_html if label else None, menu_entries(text, url), mark_current, take_menu)


_PRIMARY_NAV = re.compile(r'<nav class="md-nav md-nav--primary".*?</nav>', re.DOTALL)
_NAV_ITEM = re.compile(r'<li class="md-nav__item[^"]*">\s*(?:<input[^>]*>\s*)?<a href="([^"]*)" class="md-nav__link[^"]*">\s*'
                       r'<span class="md-ellipsis">\s*(.*?)\s*</span>', re.DOTALL)


def menu_entries(page_html: str, url: str) -> tuple[tuple[str, str, str], ...]:
    """The primary navigation's entries of a page rendered at `url`: (path from the language root without
    index.html / .html / a final '/', title, href as written)."""
    nav = _PRIMARY_NAV.search(page_html)
    if not nav:
        return ()
    folder = url if url.endswith("/") or not url else posixpath.dirname(url) + "/"
    entries = []
    for href, title in _NAV_ITEM.findall(nav.group(0)):
        path = posixpath.normpath(posixpath.join(folder, href.split("#")[0] or "."))
        path = "" if path == "." else path
        if path.endswith("index.html"):
            path = path[: -len("index.html")]
        elif path.endswith(".html"):
            path = path[: -len(".html")]
        entries.append((path.strip("/"), html.unescape(title), href))
    return tuple(entries)


_PRIMARY_NAV_START = '<nav class="md-nav md-nav--primary"'
_MENU_LIST_START = '<ul class="md-nav__list"'
_LIST_TAG = re.compile(r"<(/?)ul\b")


def take_menu(parts: tuple[str, ...], script_src) -> tuple[tuple[str, ...], str] | None:
    """Frame parts with the primary navigation's list (Material's markup, the menu entries) replaced by
    `<script src="script_src(list)">`, and the list's HTML; None when there is no such list within one part."""
    for index, part in enumerate(parts):
        nav = part.find(_PRIMARY_NAV_START)
        start = part.find(_MENU_LIST_START, nav) if nav >= 0 else -1
        if start < 0:
            continue
        depth = 0
        for tag in _LIST_TAG.finditer(part, start):
            depth += -1 if tag.group(1) else 1
            if depth == 0:
                end = part.index(">", tag.end()) + 1
                menu = part[start:end]
                script = f'<script src="{html.escape(script_src(menu), quote=True)}"></script>'
                return parts[:index] + (part[:start] + script + part[end:],) + parts[index + 1:], menu
        return None
    return None


def mark_current(parts: tuple[str, ...], href: str) -> tuple[str, ...]:
    """Frame parts with the menu entry linking `href` marked active (Material's markup of the current section)."""
    item = re.compile(r'<li class="md-nav__item">(\s*)<a href="' + re.escape(href) + r'" class="md-nav__link">')
    marked = (r'<li class="md-nav__item md-nav__item--active">\1<a href="' + href.replace("\\", "\\\\") +
              r'" class="md-nav__link md-nav__link--active">')
    return tuple(item.sub(marked, part, count=1) for part in parts)


def _literal(needle: str):
    def find(part: str):
        index = part.find(needle)
        return None if index < 0 else (index, index + len(needle))
    return find


def _pattern(regex: re.Pattern):
    def find(part: str):
        match = regex.search(part)
        return match.span() if match else None
    return find


def _cut(pieces: list, find, name: str, first_only: bool = False) -> list:
    """Split every literal piece at each span `find` returns into text, the slot `name` (a 1-tuple), text."""
    out: list = []
    found = False
    for piece in pieces:
        while isinstance(piece, str) and not (first_only and found):
            span = find(piece)
            if span is None:
                break
            out.extend([piece[:span[0]], (name,)])
            piece = piece[span[1]:]
            found = True
        out.append(piece)
    return out


_VERBATIM = re.compile(r"(<(pre|textarea|script|style)\b.*?</\2>)", re.DOTALL | re.IGNORECASE)
_LINE_BREAK_RUN = re.compile(r"[ \t\r]*\n\s*")
THEME_SEARCH_WORDS = "search."  # the theme's search box words in its configuration (unused: the portal's search)
_CONFIG = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.DOTALL)


def compact(page_html: str) -> str:
    """The frame without the template's indentation and blank lines (a third of its bytes, on every page).

    Only runs of white space that contain a line break are touched, and each becomes one line break, which HTML
    renders exactly as before; <pre>, <textarea>, <script> and <style> are kept as they are. The theme's
    configuration (JSON) is written with its characters instead of \\u escapes, without the words of the theme's own
    search (the portal has its own, portal/search/; the theme's search is never set up, so nothing reads them)."""
    def config(match: re.Match) -> str:
        try:
            value = json.loads(match.group(2))
        except ValueError:
            return match.group(0)
        if isinstance(value, dict) and isinstance(value.get("translations"), dict):
            value["translations"] = {key: text for key, text in value["translations"].items()
                                     if not key.startswith(THEME_SEARCH_WORDS)}
        text = json.dumps(value, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
        return match.group(1) + text + match.group(3)

    parts = _VERBATIM.split(_CONFIG.sub(config, page_html))
    # split() with two groups yields [text, whole, tagname, text, whole, tagname, ...]
    out = []
    for index, part in enumerate(parts):
        kind = index % 3
        if kind == 0:
            out.append(_LINE_BREAK_RUN.sub("\n", part))
        elif kind == 1:
            out.append(part)
    return "".join(out)


def toc_html(tokens: list[dict], title: str) -> str:
    """The secondary navigation (table of contents) of a generated page, from toc tokens (portal/pages/render.py).

    Written as its entries only, `[[id, name, [children]], ...]` in `data-portal-toc` (a record page's contents in the
    theme's markup were a tenth of its bytes, on every record page); portal.js writes the theme's markup from it while
    the page loads, before the theme's script looks for the table of contents. Names are HTML already escaped."""
    def entries(items: list[dict]) -> list:
        return [[entry["id"], entry["name"], entries(entry["children"])] if entry.get("children")
                else [entry["id"], entry["name"]] for entry in items]

    label = html.escape(title, quote=True)
    if not tokens:
        return f'<nav class="md-nav md-nav--secondary" aria-label="{label}"></nav>'
    # in single quotes: the JSON's own quotes stay as they are (a third of its bytes were &quot;)
    data = json.dumps(entries(tokens), ensure_ascii=False, separators=(",", ":")).replace("&", "&amp;").replace("'", "&#39;")
    return f'<nav class="md-nav md-nav--secondary" aria-label="{label}" data-portal-toc=\'{data}\'></nav>'
