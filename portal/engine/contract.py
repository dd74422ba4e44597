# The engine door: what the build hands a site engine, what the engine hands back, and how a frame is filled.
"""Engine contract (no engine is imported here; portal/build/ and every engine depend on this module only).

A site engine turns the hand-written pages of one language into HTML in the site's theme, and renders the frames
the build fills with its generated pages. That is all it does: which pages exist, their content, links, search and
open data are made by the build without it.

In (one `StagedSite` per language):
  - `pages`: the folder of hand-written Markdown pages (docs/<lang>); their widget calls (`{{ glossary() }}`) are
    filled from `widgets`, the HTML the pages step rendered for each page (page source path -> widget name -> HTML),
    through the top-level `macros` module, never by evaluating anything from data;
  - `menu`: the entries the build adds to the site's menu (the record kinds' lists: title, page source path), after
    the engine's first (home) entry; `outline`: the frames wanted: one per navigation page (generated pages listed in the menu) and one per
    (frame kind, URL depth) of the other generated pages; frame kinds are `main` (header, navigation, table of
    contents) and `bare` (no chrome: the kiosk's attract loop);
  - `assets`: files served under assets/ beside the theme's; `stylesheets`: those of them every page loads;
  - `options`: the variant, folder or .html URLs, the site's address, the kiosk's timings.

Out (one `BuiltSite` per language):
  - `site_dir`: the hand-written pages (listed in `pages` by URL) and every asset, at their URLs, relative links
    only, no page or sitemap that is not the site's (no placeholder left);
  - `frames`: a `Frame` per entry of the outline. A frame is literal HTML around named slots: `title` (the page's
    title, escaped), `content` (the page's HTML), `toc` (its table of contents: the engine's markup, or its entries
    which the page's script writes in that markup),
    `language_switch` (the link to the same page in the other language), `url` (wherever the theme writes the page's
    own address) — and lists, in `assets`, the stylesheets and scripts it loads, relative to its URL depth (so every
    page of one depth shares the frame), and in `nav` the menu's entries; `in_section(path)` is the same frame with
    the menu entry of the reader's section marked (a page below cases/ marks 事故案例); `with_shared_menu` the same
    frame loading its menu's list from a script the build writes once (the list was a fifth of a record page);
    `with_shared_scripts`, `with_shared_header` and `with_shared_stylesheets` the same frame loading its scripts
    (and footer), its header's buttons and search box, and its stylesheets from files the build writes once.

An engine that fails raises EngineError with its own last lines. tests/engine/test_engine_contract.py runs an engine
through this door on a small fixture and checks the built site.
"""
from __future__ import annotations

import dataclasses
import html
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Mapping, Protocol, Sequence, Union

from portal.site_layout import output_file

SLOTS = ("title", "content", "toc", "language_switch", "url")
FRAME_KINDS = ("main", "bare")
FrameKey = Union[tuple[str, int], str]  # (frame kind, URL depth) or a navigation page's source path


class EngineError(RuntimeError):
    """The site engine failed; the message names the language and the engine's own last lines."""


def page_file(site_dir: Path, url: str) -> Path:
    """The file of a page URL: folder URLs (and the root, '') end in index.html."""
    return site_dir / output_file(url)


def url_depth(url: str) -> int:
    """How many folders below the language root a page's file lies: cases/x/ -> 2, cases/x.html -> 1, '' -> 0."""
    return url.count("/")


@dataclass(frozen=True)
class Outline:
    """The frames a language needs: navigation pages (each its own frame) and (frame kind, URL depth) pairs."""

    nav: tuple[str, ...]
    depths: frozenset  # {(frame kind, depth)}


@dataclass(frozen=True)
class SiteOptions:
    """What an engine needs to know of the build's settings."""

    variant: str  # web | offline | kiosk
    use_directory_urls: bool  # cases/x/ (web, kiosk) or cases/x.html (offline)
    site_url: str = ""  # the address the site is served at ('' when unknown)
    kiosk_idle_seconds: int = 0
    kiosk_slide_seconds: int = 0

    @classmethod
    def of(cls, settings) -> "SiteOptions":
        return cls(settings.variant, settings.use_directory_urls, settings.site_url or "",
                   settings.kiosk_idle_seconds, settings.kiosk_slide_seconds)


@dataclass(frozen=True)
class StagedSite:
    """What goes into the engine for one language."""

    lang: str  # zh (at the site's root) | en (under en/)
    pages: Path  # hand-written Markdown pages
    widgets: Mapping[str, Mapping[str, str]]  # page source path -> widget name -> rendered HTML
    outline: Outline
    options: SiteOptions
    assets: tuple[Path, ...] = ()  # copied into assets/
    stylesheets: tuple[str, ...] = ()  # assets/<name> loaded by every page
    menu: tuple[tuple[str, str], ...] = ()  # (title, page source path) the build adds to the engine's menu, in order


@dataclass(frozen=True)
class FramedPage:
    """One page as the build hands it to a frame."""

    title: str  # plain text: the frame escapes it
    content: str  # HTML
    toc: Sequence[dict]  # [{"id", "name", "children": [...]}], names already escaped
    url: str  # from the language root, e.g. cases/x/ (offline: cases/x.html)
    language_switch: str  # link to the same page in the other language, relative to this page


@dataclass(frozen=True)
class Frame:
    """A rendered page without its page: `parts` of literal HTML with a named slot between each two."""

    parts: tuple[str, ...]
    slots: tuple[str, ...]  # len(parts) - 1 names out of SLOTS
    assets: tuple[str, ...] = ()  # stylesheets and scripts the frame loads, relative to its depth
    toc_label: str = ""
    write_toc: Callable[[Sequence[dict], str], str] | None = field(default=None, compare=False)
    # the menu's entries: (page path from the language root without index.html, .html or a final '/'; title; href
    # as the frame writes it) — '' is the home page
    nav: tuple[tuple[str, str, str], ...] = ()
    write_current: Callable[[tuple[str, ...], str], tuple[str, ...]] | None = field(default=None, compare=False)
    take_menu: Callable[[tuple[str, ...], Callable[[str], str]], tuple[tuple[str, ...], str] | None] | None = field(
        default=None, compare=False)
    take_scripts: Callable[[tuple[str, ...], Callable[[str], str]], tuple[tuple[str, ...], str] | None] | None = field(
        default=None, compare=False)
    take_stylesheets: Callable[[tuple[str, ...], Callable[[tuple[str, ...]], str]], tuple[str, ...] | None] | None = (
        field(default=None, compare=False))
    take_header: Callable | None = field(default=None, compare=False)  # (parts, slots, script_src, from_body)

    def in_section(self, nav_path: str) -> "Frame":
        """The frame with the menu entry whose path is `nav_path` marked as the section the reader is in."""
        entry = next((item for item in self.nav if item[0] == nav_path), None)
        if entry is None or self.write_current is None:
            return self
        return dataclasses.replace(self, parts=self.write_current(self.parts, entry[2]))

    def with_shared_menu(self, script_src: Callable[[str], str]) -> tuple["Frame", str | None]:
        """The frame with its menu's list (the same on every page of one section and depth) replaced by a script
        element loading `script_src(list HTML)`, and that HTML, which the build writes into that script; (self, None)
        when the engine cannot give its menu out."""
        taken = self.take_menu(self.parts, script_src) if self.take_menu else None
        if taken is None:
            return self, None
        return dataclasses.replace(self, parts=taken[0]), taken[1]

    def with_shared_scripts(self, script_src: Callable[[str], str]) -> "Frame":
        """The frame with the theme's page scripts (inline ones, its configuration, the script elements ending the
        page; the same on every page of one depth) replaced by one script element loading `script_src(code)`, which
        runs and writes them while the page loads; the frame itself when the engine cannot."""
        taken = self.take_scripts(self.parts, script_src) if self.take_scripts else None
        return self if taken is None else dataclasses.replace(self, parts=taken[0])

    def with_shared_header(self, script_src: Callable[[str], str], from_body: bool = True) -> "Frame":
        """The frame with the top of its page (from_body: from <body> on, else the header's contents) but the
        language menu — the same on every page of one depth but for the title, which the code takes from the
        document's — replaced by one script element loading `script_src(code)`, which writes it; the frame itself
        when the engine cannot."""
        taken = self.take_header(self.parts, self.slots, script_src, from_body) if self.take_header else None
        return self if taken is None else dataclasses.replace(self, parts=taken[0], slots=taken[1])

    def with_shared_stylesheets(self, stylesheet_src: Callable[[tuple[str, ...]], str]) -> "Frame":
        """The frame with its stylesheet links replaced by one link to `stylesheet_src(hrefs)`, a file holding them
        all in their order; the frame itself when the engine cannot."""
        taken = self.take_stylesheets(self.parts, stylesheet_src) if self.take_stylesheets else None
        return self if taken is None else dataclasses.replace(self, parts=taken)

    def fill(self, page: FramedPage) -> str:
        values = {"title": html.escape(page.title, quote=True), "content": page.content,
                  "toc": self.write_toc(page.toc, self.toc_label) if self.write_toc else "",
                  "language_switch": page.language_switch, "url": page.url}
        out = [self.parts[0]]
        for name, text in zip(self.slots, self.parts[1:]):
            out.append(values[name])
            out.append(text)
        return "".join(out)


@dataclass
class BuiltSite:
    """What comes out of the engine for one language."""

    site_dir: Path
    pages: tuple[str, ...]  # URLs of the hand-written pages it wrote
    frames: dict[FrameKey, Frame]


class SiteEngine(Protocol):
    """A site engine: builds every language's staged site under `work` (both may run at once)."""

    name: str

    def build(self, sites: Mapping[str, StagedSite], work: Path) -> dict[str, BuiltSite]:
        ...
