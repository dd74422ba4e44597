# Where every page of the built site lives: the language roots, page URLs per variant and the counterpart page.
"""Site layout: the one place that knows where pages are.

- Languages: Chinese at the site root, English under ``en/`` (``LANG_FOLDER``).
- Page URLs (relative to a language root) of a page source path, per variant: folder URLs (``cases/x/``) on the web
  and the kiosk, file URLs (``cases/x.html``, ``cases/index.html``) in the offline copy opened from ``file://``.
- The file a URL is written to, the language root's folder in the built site, the path from the site root, and the
  same page in the other language (the language switch), relative to a page or as an absolute address.

Every step (pages, engine, outputs, ship) and the theme templates (through the engine's config overlay) ask this
module; nothing else spells ``"en/"``. It imports nothing of the portal but settings, so every layer may use it."""
from __future__ import annotations

import posixpath
from pathlib import Path

from portal.settings import LANGS

DEFAULT_LANG = "zh"
# Folder of each language's root below the site root ("" = the site root itself).
LANG_FOLDER = {"zh": "", "en": "en"}
INDEX_FILE = "index.html"
# The lang attribute of each language's pages (BCP 47).
HTML_LANG = {"zh": "zh-CN", "en": "en"}


# Open data: one copy for both languages, in this folder of the site root; the file of each format of a kind in it
# (JSON and CSV gzip-compressed, see portal/outputs/open_data.py).
OPEN_DATA_FOLDER = "data"
OPEN_DATA_FILES = {"json": "{kind}.json.gz", "xlsx": "{kind}.xlsx", "csv": "{kind}.csv.gz"}


def open_data_file(kind: str, fmt: str) -> str:
    """The file name of one kind's open data in one format ("json", "xlsx", "csv"), in OPEN_DATA_FOLDER."""
    return OPEN_DATA_FILES[fmt].format(kind=kind)


def other_lang(lang: str) -> str:
    """The other language of the bilingual site."""
    return next(other for other in LANGS if other != lang)


def lang_prefix(lang: str) -> str:
    """Path of a language's root from the site root, ending in '/' unless it is the root: '' or 'en/'."""
    folder = LANG_FOLDER[lang]
    return folder + "/" if folder else ""


def lang_dir(site_dir: Path, lang: str) -> Path:
    """Folder of a language's pages in a built site: site/ (zh) or site/en/ (en)."""
    folder = LANG_FOLDER[lang]
    return site_dir / folder if folder else site_dir


def up_to_site_root(lang: str) -> str:
    """Relative path from a language's root to the site root: '' (zh) or '../' (en)."""
    folder = LANG_FOLDER[lang]
    return "../" * len([part for part in folder.split("/") if part])


def root_to_root(lang: str) -> str:
    """Relative path from a language's root to the other language's root: 'en/' from zh, '../' from en."""
    return up_to_site_root(lang) + lang_prefix(other_lang(lang))


def page_url(src_uri: str, use_directory_urls: bool) -> str:
    """The URL (from its language root) of a page source path: cases/x.md -> cases/x/ (offline: cases/x.html);
    index.md -> the folder (offline: folder/index.html)."""
    stem = src_uri[:-3] if src_uri.endswith(".md") else src_uri
    if stem == "index" or stem.endswith("/index"):
        base = stem[: -len("index")]
        return base if use_directory_urls else base + INDEX_FILE
    return stem + "/" if use_directory_urls else stem + ".html"


def output_file(url: str) -> str:
    """The file a page URL is written to, from its language root: cases/x/ -> cases/x/index.html, '' -> index.html."""
    return url + INDEX_FILE if url.endswith("/") or not url else url


def linkable(url: str, use_directory_urls: bool) -> str:
    """A URL as a link names it: a folder stays a folder on the web; offline (file://) a link must name the file."""
    return url if use_directory_urls or not (url.endswith("/") or not url) else output_file(url)


def site_path(lang: str, url: str) -> str:
    """Path of a page from the site root: ('en', 'contacts/x/') -> 'en/contacts/x/'."""
    return lang_prefix(lang) + url


def home_file(lang: str) -> str:
    """The start page file of a language, from the site root: index.html, en/index.html."""
    return site_path(lang, INDEX_FILE)


def counterpart(root: str, lang: str, url: str, use_directory_urls: bool) -> str:
    """Link from a page to the same page in the other language; `root` is the relative path from the page to its
    language root ('.', '..', '../..') and `url` the page's URL from that root ('' for the home page)."""
    if not url and not use_directory_urls:
        url = INDEX_FILE
    return linkable(root.rstrip("/") + "/" + root_to_root(lang) + url, use_directory_urls)


def absolute_url(site_url: str, lang: str, url: str = "") -> str:
    """The absolute address of a page, given the site's address (that of the Chinese root, ends in '/')."""
    return site_url.rstrip("/") + "/" + site_path(lang, url)


def lang_site_url(site_url: str, lang: str) -> str:
    """The address of a language's root, given the site's address; '' when the address is not known."""
    return site_url + lang_prefix(lang) if site_url else ""


def relative_url(target: str, from_url: str) -> str:
    """Link from the page at from_url to target, both URLs relative to the language root ('' = the root)."""
    from_dir = from_url if from_url.endswith("/") or not from_url else posixpath.dirname(from_url) + "/"
    from_dir = from_dir.strip("/")
    target_path = target.strip("/")
    relative = _relpath(target_path, from_dir)
    if relative == ".":
        relative = "./"
    elif target.endswith("/") or not target_path:
        relative += "/"
    return relative


def _relpath(target_path: str, from_dir: str) -> str:
    """posixpath.relpath for site URLs (no '.' or '..' parts), without its calls to os.getcwd: a few per link."""
    target_parts = [part for part in target_path.split("/") if part]
    from_parts = [part for part in from_dir.split("/") if part]
    if "." in target_parts or ".." in target_parts or "." in from_parts or ".." in from_parts:
        return posixpath.relpath(target_path or ".", from_dir or ".")
    common = 0
    for a, b in zip(target_parts, from_parts):
        if a != b:
            break
        common += 1
    return "/".join([".."] * (len(from_parts) - common) + target_parts[common:]) or "."


def theme_layout(lang: str) -> dict:
    """What the theme templates need to link across languages (set as `extra.portal_layout` in the engine's config
    overlay): this language, the other one, and the path from this language's root to each language's root ('' for
    its own). The templates only join these to the site root of the page (base_url) and the page's own URL."""
    return {"lang": lang, "other_lang": other_lang(lang), "to_other_root": root_to_root(lang), "langs": list(LANGS),
            "html_lang": dict(HTML_LANG),
            "roots": {each: "" if each == lang else up_to_site_root(lang) + lang_prefix(each) for each in LANGS}}
