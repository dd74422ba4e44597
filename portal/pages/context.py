# What a renderer knows about the page it renders: language, derived data, settings and how to link from here.
"""Page context: the language, the derived data, the settings and relative links from the page being rendered.

Links are computed here, without the site engine: every link is relative to the page, so the site works under any
sub-path and over file:// (where folder URLs become .../index.html)."""
from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from portal.settings import Settings

if TYPE_CHECKING:
    from portal.derive.facts import Derived


def url_of_source(src_uri: str, use_directory_urls: bool) -> str:
    """The URL a page source path gets: cases/x.md -> cases/x/ (or cases/x.html offline); index.md -> folder."""
    stem = src_uri[:-3] if src_uri.endswith(".md") else src_uri
    if stem == "index" or stem.endswith("/index"):
        base = stem[: -len("index")]
        return base if use_directory_urls else base + "index.html"
    return stem + "/" if use_directory_urls else stem + ".html"


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


@dataclass
class PageContext:
    """What a renderer may know about the page being built: language, the derived data and how to link."""

    lang: str
    derived: "Derived"
    settings: Settings
    page_url: str = ""  # URL of this page from the language root, e.g. cases/x/ (offline: cases/x.html)
    memo: dict = field(default_factory=dict, repr=False)

    @property
    def dataset(self):
        return self.derived.dataset

    @property
    def stale_days(self) -> int:
        return self.settings.stale_days

    @property
    def use_directory_urls(self) -> bool:
        return self.settings.use_directory_urls

    def url(self, src: str) -> str:
        """Site-relative URL (from the language root) of a page source path, fragment kept."""
        path, _, fragment = src.partition("#")
        return url_of_source(path, self.use_directory_urls) + (f"#{fragment}" if fragment else "")

    def link(self, src: str) -> str:
        """Relative link from this page to the page with source path `src` (e.g. cases/x.md#lessons)."""
        path, _, fragment = src.partition("#")
        href = relative_url(url_of_source(path, self.use_directory_urls), self.page_url)
        if not self.use_directory_urls and href.endswith("/"):
            href += "index.html"
        return href + (f"#{fragment}" if fragment else "")

    @property
    def root(self) -> str:
        """This language's root, relative to the page ('.' at the root)."""
        return relative_url("", self.page_url).rstrip("/") or "."

    @property
    def counterpart(self) -> str:
        """The same page in the other language (Chinese at the root, English under en/)."""
        url = self.page_url or ("" if self.use_directory_urls else "index.html")
        target = f"{self.root}/en/{url}" if self.lang == "zh" else f"{self.root}/../{url}"
        if target.endswith("/") and not self.use_directory_urls:
            target += "index.html"
        return target

    def at(self, page_url: str) -> "PageContext":
        """The same context for another page (shares the per-build memo)."""
        return PageContext(self.lang, self.derived, self.settings, page_url, self.memo)
