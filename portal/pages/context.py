# What a renderer knows about the page it renders: language, derived data, settings and how to link from here.
"""Page context: the language, the derived data, the settings and relative links from the page being rendered.

Links are computed here, without the site engine: every link is relative to the page, so the site works under any
sub-path and over file:// (where folder URLs become .../index.html)."""
from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from portal import site_layout
from portal.settings import Settings
from portal.site_layout import relative_url

if TYPE_CHECKING:
    from portal.derive.facts import Derived


@dataclass
class PageContext:
    """What a renderer may know about the page being built: language, the derived data and how to link."""

    lang: str
    derived: "Derived"
    settings: Settings
    page_url: str = ""  # URL of this page from the language root, e.g. cases/x/ (offline: cases/x.html)
    memo: dict = field(default_factory=dict, repr=False)
    _folder: tuple | None = field(default=None, init=False, repr=False, compare=False)  # link(): this page's folder

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
        return site_layout.page_url(path, self.use_directory_urls) + (f"#{fragment}" if fragment else "")

    def link(self, src: str) -> str:
        """Relative link from this page to the page with source path `src` (e.g. cases/x.md#lessons)."""
        if self._folder is None:
            folder = self.page_url if self.page_url.endswith("/") or not self.page_url else posixpath.dirname(self.page_url)
            folder = folder.strip("/")
            key = ("link", folder.rpartition("/")[0], bool(folder))
            self._folder = (folder, folder + "/", key, self.memo.setdefault(("link-of-src",) + key, {}))
        folder, inside, key, by_src = self._folder
        # The link of a source path seen before from a folder beside this one, as it was written (fragment and all):
        # a path that does not begin with this page's folder names no page inside it (a case page's ten links).
        if not src.startswith(folder):
            href = by_src.get(src)
            if href is not None:
                return href
        path, _, fragment = src.partition("#")
        target = site_layout.page_url(path, self.use_directory_urls)
        # A link to a page outside this page's folder is the same from every folder beside it (cases/a/ and cases/b/
        # link cases/by-year/2020/ alike): made once per build for them all (site_layout.relative_url, remembered).
        target_path = target.strip("/")
        shared = target_path != folder and not target_path.startswith(inside) and "/." not in "/" + target_path
        links = self.memo.get(key) if shared else None
        href = links.get(target) if links is not None else None
        if href is None:
            href = site_layout.linkable(relative_url(target, self.page_url), self.use_directory_urls)
            if shared:
                if links is None:
                    links = self.memo[key] = {}
                links[target] = href
        href += f"#{fragment}" if fragment else ""
        if shared:
            by_src[src] = href
        return href

    @property
    def root(self) -> str:
        """This language's root, relative to the page ('.' at the root)."""
        return relative_url("", self.page_url).rstrip("/") or "."

    @property
    def counterpart(self) -> str:
        """The same page in the other language (portal/site_layout.py)."""
        return site_layout.counterpart(self.root, self.lang, self.page_url, self.use_directory_urls)

    @property
    def site_root(self) -> str:
        """The site root (where the open data lives), relative to the page: the Chinese root, or above en/."""
        return self.root + "/" + site_layout.up_to_site_root(self.lang)

    def at(self, page_url: str) -> "PageContext":
        """The same context for another page (shares the per-build memo)."""
        return PageContext(self.lang, self.derived, self.settings, page_url, self.memo)
