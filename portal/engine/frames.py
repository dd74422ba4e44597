# Page frames: the theme's page HTML rendered once per depth with placeholders, then filled for every generated page.
"""Engine: frames (the theme's header, navigation, sidebars and footer around a page's content).

The site engine renders a small number of placeholder pages (one per URL depth and frame, plus one per navigation
page); every generated page is then written by filling a frame: title, content, table of contents, its own URL and
the other language's URL. Links inside a frame are relative to its depth, so pages of the same depth share it.
This keeps the per-page cost at string work and keeps the engine behind one door: another engine only has to
produce the same placeholder pages."""
from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass

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


def output_levels(url: str, use_directory_urls: bool) -> int:
    """How many folders below the language root a page's output file lies: cases/x/ -> 2, cases/x.html -> 1."""
    if use_directory_urls:
        return url.count("/")
    return url.count("/")


def placeholder_markdown(frame: str) -> str:
    """The Markdown of a placeholder page (the engine renders it through the theme)."""
    hide = "hide:\n  - navigation\n  - toc\n  - footer\n" if frame == "bare" else ""
    return f"---\ntitle: {TITLE}\nrender_macros: false\n{hide}---\n\n{_CONTENT_MARK}\n"


@dataclass
class Frame:
    """A rendered placeholder page split around its content, ready to be filled."""

    before: str
    after: str
    url: str  # the placeholder page's own URL (replaced by each page's URL)
    toc_label: str = ""

    @classmethod
    def parse(cls, page_html: str, url: str) -> "Frame":
        if _CONTENT_MARK not in page_html:
            raise ValueError(f"placeholder page {url} has no content mark: the theme changed the page layout")
        before, after = compact(page_html).split(_CONTENT_MARK, 1)
        label = re.search(r'<nav class="md-nav md-nav--secondary" aria-label="([^"]*)"', page_html)
        return cls(before, after, url, html.unescape(label.group(1)) if label else "")

    def fill(self, title: str, content: str, toc: list[dict], url: str) -> str:
        """The page: this frame with the page's (escaped) title, content, table of contents and URL."""
        escaped_title = html.escape(title, quote=True)
        if "<h1" not in content:
            content = f"<h1>{escaped_title}</h1>\n{content}"
        before, after = self.before, self.after
        if self.toc_label:
            nav = toc_html(toc, self.toc_label)
            before = _SECONDARY_NAV.sub(lambda _m: nav, before, count=1)
        before = before.replace(TITLE, escaped_title)
        after = after.replace(TITLE, escaped_title)
        if self.url and self.url != url:
            before = before.replace(self.url, url)
            after = after.replace(self.url, url)
        return before + content + after


_VERBATIM = re.compile(r"(<(pre|textarea|script|style)\b.*?</\2>)", re.DOTALL | re.IGNORECASE)
_LINE_BREAK_RUN = re.compile(r"[ \t\r]*\n\s*")
_CONFIG = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.DOTALL)


def compact(page_html: str) -> str:
    """The frame without the template's indentation and blank lines (a third of its bytes, on every page).

    Only runs of white space that contain a line break are touched, and each becomes one line break, which HTML
    renders exactly as before; <pre>, <textarea>, <script> and <style> are kept as they are. The theme's
    configuration (JSON) is written with its characters instead of \\u escapes."""
    def config(match: re.Match) -> str:
        try:
            value = json.loads(match.group(2))
        except ValueError:
            return match.group(0)
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
    """The secondary navigation (table of contents) in the theme's markup, from toc tokens (portal/pages/render.py)."""
    def items(entries: list[dict]) -> str:
        out = []
        for entry in entries:
            child = ""
            if entry.get("children"):
                child = (f'<nav class="md-nav" aria-label="{entry["name"]}"><ul class="md-nav__list">'
                         f'{items(entry["children"])}</ul></nav>')
            out.append(f'<li class="md-nav__item"><a href="#{entry["id"]}" class="md-nav__link">'
                       f'<span class="md-ellipsis">{entry["name"]}</span></a>{child}</li>')
        return "".join(out)

    label = html.escape(title, quote=True)
    if not tokens:
        return f'<nav class="md-nav md-nav--secondary" aria-label="{label}"></nav>'
    return (f'<nav class="md-nav md-nav--secondary" aria-label="{label}"><label class="md-nav__title" for="__toc">'
            f'<span class="md-nav__icon md-icon"></span>{label}</label>'
            f'<ul class="md-nav__list" data-md-component="toc" data-md-scrollfix>{items(tokens)}</ul></nav>')
