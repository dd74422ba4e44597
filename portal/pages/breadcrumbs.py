# Breadcrumbs of generated pages: the trail from the home page through the page's parent folders (site layout + menu).
"""Pages step: where a page is. A page's trail is the home page, then each parent folder of its URL that is a page
(a record kind's list, a facet, a record, a topic, a statistics subset, a folder's index), then the page itself.

Labels come from the generated pages' own short labels (`PageSpec.crumb`) and, for the hand-written pages, from the
site's menu; URLs from portal/site_layout.py, so the trail works on the web, in the kiosk and offline (file://)."""
from __future__ import annotations

from markupsafe import escape

from portal import site_layout
from portal.words import ui


def page_key(url: str) -> str:
    """A page URL as a path without index.html, .html or a final '/': cases/x/ and cases/x.html -> cases/x."""
    if url.endswith(site_layout.INDEX_FILE):
        url = url[: -len(site_layout.INDEX_FILE)]
    elif url.endswith(".html"):
        url = url[: -len(".html")]
    return url.strip("/")


def section_of(url: str, sections: list[str]) -> str | None:
    """The menu entry (by page key) a page belongs to: the longest entry that is the page or one of its folders;
    the home page ('') is no section of the pages below it."""
    parts = page_key(url).split("/")
    best = None
    for key in sections:
        if key and parts[: len(key.split("/"))] == key.split("/") and (best is None or len(key) > len(best)):
            best = key
    return best


def trail(url: str, labels: dict[str, tuple[str, str]]) -> list[tuple[str, str]]:
    """(label, URL from the language root) from the home page down to the page at `url` (last); a parent folder
    that is no page is left out."""
    key = page_key(url)
    parts = key.split("/") if key else []
    keys = [""] + ["/".join(parts[:depth]) for depth in range(1, len(parts) + 1)]
    return [labels[each] for each in keys if each in labels]


def render_breadcrumbs(url: str, labels: dict[str, tuple[str, str]], lang: str, use_directory_urls: bool,
                       memo: dict | None = None) -> str:
    """The trail as a <nav>: every step a link but the page itself (aria-current); '' on the home page.

    `memo` (one per language's pages) keeps each step's item as written from the pages beside each other: a case
    page's trail (home, cases) is the same from every case's folder (see _step_key)."""
    steps = trail(url, labels)
    if len(steps) < 2:
        return ""
    memo = {} if memo is None else memo
    items = []
    for label, target in steps[:-1]:
        key = _step_key(label, target, url)
        item = memo.get(key) if key is not None else None
        if item is None:
            href = site_layout.linkable(site_layout.relative_url(target, url), use_directory_urls)
            item = f'<li><a href="{escape(href)}">{escape(label)}</a></li>'
            if key is not None:
                memo[key] = item
        items.append(item)
    items.append(f'<li><span aria-current="page">{escape(steps[-1][0])}</span></li>')
    return (f'<nav class="portal-breadcrumbs" aria-label="{escape(ui("breadcrumbs", lang))}"><ol>'
            + "".join(items) + "</ol></nav>\n")


def _step_key(label: str, target: str, url: str) -> tuple | None:
    """What a step's link from the page at `url` depends on, or None to work it out each time: a target outside the
    page's folder is linked alike from every folder beside it (cases/a/ and cases/b/ link cases/ as ../), as
    PageContext.link reasons; a target inside it (offline: cases/index.html from cases/a.html) is not remembered."""
    folder = (url if url.endswith("/") or not url else url.rpartition("/")[0]).strip("/")
    target_path = target.strip("/")
    if not folder or target_path == folder or target_path.startswith(folder + "/") or "/." in "/" + target_path:
        return None
    return label, target, folder.rpartition("/")[0]
