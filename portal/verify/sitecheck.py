# Checks on a built site: internal links and anchors resolve, no resource from another host, external links marked.
"""Verify step: checks on a built site (links, anchors, other hosts), independent of how it was built."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

RESOURCE_ATTRS = {"script": "src", "link": "href", "img": "src", "iframe": "src", "source": "src", "video": "src",
                  "audio": "src", "embed": "src", "object": "data"}
CSS_REMOTE = re.compile(r"url\(\s*['\"]?(https?:)?//", re.IGNORECASE)
SKIP_SCHEMES = ("tel:", "mailto:", "data:")


@dataclass
class ParsedPage:
    ids: set[str] = field(default_factory=set)
    links: list[tuple[str, str, dict]] = field(default_factory=list)  # (tag, url, attrs)


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.page = ParsedPage()

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for key in ("id", "name"):
            if attributes.get(key) and (key == "id" or tag == "a"):
                self.page.ids.add(attributes[key])
        if tag == "a" and attributes.get("href") is not None:
            self.page.links.append((tag, attributes["href"], attributes))
        elif tag in RESOURCE_ATTRS and attributes.get(RESOURCE_ATTRS[tag]):
            if tag == "link" and attributes.get("rel") in ("canonical", "alternate"):
                return
            self.page.links.append((tag, attributes[RESOURCE_ATTRS[tag]], attributes))


def parse_html(path: Path) -> ParsedPage:
    collector = _Collector()
    collector.feed(path.read_text(encoding="utf-8", errors="replace"))
    return collector.page


def _remove_dot_segments(path: str) -> str:
    """An absolute URL path with "." and ".." resolved the way browsers do (".." at the root stays at the root)."""
    kept: list[str] = []
    segments = path.split("/")[1:]
    for index, segment in enumerate(segments):
        last = index == len(segments) - 1
        if segment == "..":
            if kept:
                kept.pop()
            if last:
                kept.append("")
        elif segment == ".":
            if last:
                kept.append("")
        else:
            kept.append(segment)
    return "/" + "/".join(kept)


def check_site(site: Path, base_path: str = "/") -> list[str]:
    """Every problem found in the built site at `site`, as readable lines (empty list when all is well)."""
    site = site.resolve()
    problems: list[str] = []
    pages = {path: parse_html(path) for path in site.rglob("*.html")}
    for path, page in pages.items():
        rel = path.relative_to(site)
        for tag, url, attrs in page.links:
            if url.startswith(SKIP_SCHEMES) or url == "#" or url == "":
                continue
            parts = urlsplit(url)
            if parts.scheme in ("http", "https") or url.startswith("//"):
                if tag != "a":
                    problems.append(f"{rel}: <{tag}> loads a resource from another host: {url}")
                elif "portal-external" not in (attrs.get("class") or "") and "external" not in (attrs.get("rel") or ""):
                    problems.append(f"{rel}: external link not marked as external: {url}")
                continue
            if parts.scheme:
                problems.append(f"{rel}: link with unexpected scheme: {url}")
                continue
            if "//" in parts.path:
                # Browsers keep an empty segment ("a//../" is "a/"), the file system drops it: the check would
                # pass a link that the browser follows elsewhere.
                problems.append(f"{rel}: link with an empty path segment (//): {url}")
                continue
            base = path.parent
            if url.startswith("/"):
                # Only the 404 page, served at any address, links absolutely: from the configured base path.
                # Dot segments are resolved as a browser does (RFC 3986: "/safety/en/../" is "/safety/").
                absolute = _remove_dot_segments(parts.path)
                if rel.name != "404.html" or not (absolute + "/").startswith(base_path):
                    problems.append(f"{rel}: absolute link breaks under a sub-path: {url}")
                    continue
                base, parts = site, parts._replace(path=absolute[len(base_path):] or ".")
            target = base / unquote(parts.path) if parts.path else path
            if parts.path.endswith("/") or (target.is_dir()):
                target = target / "index.html"
            target = target.resolve()
            if not target.is_relative_to(site):
                problems.append(f"{rel}: link leaves the site: {url}")
                continue
            if not target.exists():
                problems.append(f"{rel}: broken link {url} (no file {target.relative_to(site)})")
                continue
            if parts.fragment and target.suffix == ".html":
                target_page = pages.get(target)
                if target_page is not None and unquote(parts.fragment) not in target_page.ids:
                    problems.append(f"{rel}: link {url} points to a missing anchor #{parts.fragment}")
    for css in site.rglob("*.css"):
        if CSS_REMOTE.search(css.read_text(encoding="utf-8", errors="replace")):
            problems.append(f"{css.relative_to(site)}: stylesheet loads from another host")
    return problems
