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
                 toc_html if label else None, menu_entries(text, url), mark_current, take_menu,
                 take_scripts, take_stylesheets, take_header)


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


_PRIMARY_SIDEBAR_START = '<div class="md-sidebar md-sidebar--primary"'
_DIV_TAG = re.compile(r"<(/?)div\b")
_CONTAINER_START = '<div class="md-container"'
_OPENING_TAGS = re.compile(r"(?:<(?:div|main)\b[^<>]*>)*")


def take_menu(parts: tuple[str, ...], script_src) -> tuple[tuple[str, ...], str] | None:
    """Frame parts with the primary navigation (Material's sidebar holding the menu, the same on every page of one
    section and depth, with the opening tags of the page's container before it and of the table of contents' sidebar
    after it, up to the contents; or, in a frame without that sidebar, the navigation's list) replaced by
    `<script src="script_src(its HTML)">`, and that HTML (the script writes it where it stands, while the page
    loads: tags it opens are closed by the page); None when there is no such list within one part."""
    for index, part in enumerate(parts):
        nav = part.find(_PRIMARY_NAV_START)
        start = part.find(_MENU_LIST_START, nav) if nav >= 0 else -1
        if start < 0:
            continue
        sidebar = part.rfind(_PRIMARY_SIDEBAR_START, 0, nav)
        tags, opening = (_DIV_TAG, sidebar) if sidebar >= 0 else (_LIST_TAG, start)
        depth = 0
        for tag in tags.finditer(part, opening):
            depth += -1 if tag.group(1) else 1
            if depth == 0:
                end = part.index(">", tag.end()) + 1
                if sidebar >= 0:  # with the sidebar, the opening tags around it (none of them the page's own)
                    container = part.rfind(_CONTAINER_START, 0, opening)
                    if container >= 0 and _OPENING_TAGS.fullmatch(part, container, opening):
                        opening = container
                    if _OPENING_TAGS.fullmatch(part, end):
                        end = len(part)
                menu = part[opening:end]
                script = f'<script src="{html.escape(script_src(menu), quote=True)}"></script>'
                return parts[:index] + (part[:opening] + script + part[end:],) + parts[index + 1:], menu
        return None
    return None


_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)
_ANY_SCRIPT = re.compile(r"<script\b([^>]*)>.*?</script>", re.DOTALL)
_DIALOG_START = '<div class="md-dialog"'
_TOP_BUTTON_START = '<button type="button" class="md-top'
_FOOTER_START = '<footer class="md-footer"'


def take_scripts(parts: tuple[str, ...], script_src) -> tuple[tuple[str, ...], str] | None:
    """Frame parts with the theme's page scripts replaced by one `<script src="script_src(code)">`, and that code.

    The code runs the theme's inline scripts (the storage helpers of <head>, the content tabs' one) and then writes,
    where it stands, what ended the page: the theme's back-to-top button, the footer, the dialog, its configuration
    (JSON) and every script element (the theme's bundle and the portal's scripts, in their order, with their
    attributes). Written by
    document.write while the page loads, so they run in the same order and before DOMContentLoaded, as before.
    None when the end of the page is not the theme's, or what it writes would hold an inline script to run (the
    Content-Security-Policy allows inline scripts by the hashes of the pages' own, portal/ship/nginx.py)."""
    last = parts[-1]
    start, end = last.find(_DIALOG_START), last.rfind("</script>")
    if start < 0 or end < start:
        return None
    top, footer = last.find(_TOP_BUTTON_START), last.find(_FOOTER_START)
    start = min(at for at in (top, footer, start) if at >= 0)  # the back-to-top button and the footer too
    end += len("</script>")
    region = last[start:end]
    for attributes in _ANY_SCRIPT.findall(region):
        if "src=" not in attributes and 'type="application/json"' not in attributes:
            return None
    marker = "\x00"
    code, new = [], []
    for part in parts[:-1] + (last[:start] + marker + last[end:],):
        code.extend(_INLINE_SCRIPT.findall(part))
        new.append(_INLINE_SCRIPT.sub("", part))
    text = "".join(piece.strip().rstrip(";") + ";\n" for piece in code)
    text += f"document.write({json.dumps(region, ensure_ascii=False)});\n"
    script = f'<script src="{html.escape(script_src(text), quote=True)}"></script>'
    new[-1] = new[-1].replace(marker, script)
    return tuple(new), text


_HEADER_INNER = re.compile(r'<nav class="md-header__inner md-grid"[^>]*>')
_BODY = re.compile(r"<body\b[^>]*>")
_LANGUAGE_OPTION = '<div class="md-header__option"><div class="md-select">'
_SLOT_MARK = re.compile("\x00([0-9]+)\x00")


def take_header(parts: tuple[str, ...], slots: tuple[str, ...], script_src, from_body: bool = True
                ) -> tuple[tuple[str, ...], tuple[str, ...], str] | None:
    """Frame parts and slots with the top of the page (from_body: all from <body> on — the theme's toggles, its
    header's buttons, titles and search box — else only the header's) up to the language menu (whose link is the
    page's own) replaced by `<script src="script_src(code)">`, and that code: it writes them where it stands, while
    the page loads, and puts the page's title (the document's, less the site's name after it) into the header's
    title. None when the page's top is not the theme's as known here."""
    text = parts[0] + "".join(f"\x00{index}\x00{part}" for index, part in enumerate(parts[1:]))
    inner = _HEADER_INNER.search(text)
    body = _BODY.search(text) if from_body else inner
    end = text.find(_LANGUAGE_OPTION, inner.end()) if inner and body else -1
    title = re.search(r"<title>\x00([0-9]+)\x00([^<\x00]*)</title>", text)
    if end < 0 or not title or slots[int(title.group(1))] != "title":
        return None
    region = text[body.end():end]
    marks = [int(index) for index in _SLOT_MARK.findall(region)]
    if "<script" in region or any(slots[index] != "title" for index in marks) or len(marks) > 1:
        return None
    region = _SLOT_MARK.sub("", region)
    code = ("(function () {\n  var title = document.title, site = "
            f"{json.dumps(html.unescape(title.group(2)), ensure_ascii=False)};\n"
            f"  document.write({json.dumps(region, ensure_ascii=False)});\n"
            "  if (site && title.slice(-site.length) === site) title = title.slice(0, -site.length);\n"
            "  var topic = document.querySelector('[data-md-component=\"header-topic\"] .md-ellipsis');\n"
            "  if (topic) topic.textContent = title;\n})();\n")
    text = text[:body.end()] + f'<script src="{html.escape(script_src(code), quote=True)}"></script>' + text[end:]
    pieces = _SLOT_MARK.split(text)
    return tuple(pieces[0::2]), tuple(slots[int(index)] for index in pieces[1::2]), code


_STYLESHEET_RUN = re.compile(r'(?:<link rel="stylesheet" href="[^"]+">\n?){2,}')
_HREF = re.compile(r'href="([^"]+)"')


def take_stylesheets(parts: tuple[str, ...], stylesheet_src) -> tuple[str, ...] | None:
    """Frame parts with their run of stylesheet links replaced by one link to `stylesheet_src(hrefs)` (the build
    writes the stylesheets, in their order, into that one file); None when there is no run of two or more."""
    for index, part in enumerate(parts):
        run = _STYLESHEET_RUN.search(part)
        if run:
            hrefs = tuple(html.unescape(href) for href in _HREF.findall(run.group(0)))
            link = f'<link rel="stylesheet" href="{html.escape(stylesheet_src(hrefs), quote=True)}">'
            return parts[:index] + (part[:run.start()] + link + part[run.end():],) + parts[index + 1:]
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
_BLOCK_TAGS = ("html|head|body|meta|link|title|script|style|div|nav|header|footer|main|article|aside|section|ul|ol|li|"
               "table|thead|tbody|tr|td|th|p|h[1-6]|form|dialog|noscript")
# a line break before or after the tag of a block (or of the head) renders nothing: it goes
_BLOCK_GAP = re.compile(rf">\n(?=</?(?:{_BLOCK_TAGS})[\s>/])")
_AFTER_BLOCK = re.compile(rf"(</?(?:{_BLOCK_TAGS})(?:\s[^<>]*)?>)\n")
_BLOCK_AFTER = re.compile(rf"\n</?(?:{_BLOCK_TAGS})[\s>/]")
_BLOCK_VERBATIM = ("script", "style")
_GENERATOR = re.compile(r'<meta name="generator" content="[^"]*">\n?')
# the theme's inline icons every page repeats, as the portal's CSS-masked icons (overrides/assets/portal.css)
_ICONS = {'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M3 6h18v2H3zm0 5h18v2H3zm0 5h18v2H3z"/></svg>':
          '<span class="portal-icon portal-icon-menu"></span>',
          '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M13 20h-2V8l-5.5 5.5-1.42-1.42L12 4.16l7.92 '
          '7.92-1.42 1.42L13 8z"/></svg>': '<span class="portal-icon portal-icon-up"></span>'}
_ICON = re.compile("|".join(re.escape(svg) for svg in _ICONS))
_CONFIG = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.DOTALL)


def compact(page_html: str) -> str:
    """The frame without the template's indentation and blank lines (a third of its bytes, on every page).

    Only runs of white space that contain a line break are touched, and each becomes one line break, which HTML
    renders exactly as before, or none where a tag meets the tag of a block element (the break renders nothing
    there); <pre>, <textarea>, <script> and <style> are kept as they are; the theme's generator tag goes, and its
    menu and back-to-top icons are the portal's CSS-masked icons instead of inline SVGs. The theme's
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

    page_html = _ICON.sub(lambda match: _ICONS[match.group(0)], _GENERATOR.sub("", page_html))
    parts = _VERBATIM.split(_CONFIG.sub(config, page_html))
    # split() with two groups yields [text, whole, tagname, text, whole, tagname, ...]
    out = []
    for index, part in enumerate(parts):
        kind = index % 3
        if kind == 0:
            text = _AFTER_BLOCK.sub(r"\1", _BLOCK_GAP.sub(">", _LINE_BREAK_RUN.sub("\n", part)))
            # a break beside a <script> or <style> element, where it meets a tag of a block, goes too
            if index > 0 and parts[index - 1].lower() in _BLOCK_VERBATIM and _BLOCK_AFTER.match(text):
                text = text[1:]
            if index + 2 < len(parts) and parts[index + 2].lower() in _BLOCK_VERBATIM and text.endswith(">\n"):
                text = text[:-1]
            out.append(text)
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
