# Renders Markdown bodies from data safely: raw HTML shown as text, only allowed links and images, external links marked.
"""Markdown of article bodies, for the check step and the pages alike. Raw HTML is escaped first; links and images
pass an allow-list.

Allowed links: http(s):// web pages (marked external), mailto:, tel:, #anchors, and relative links to a page of this
site (../cases/x/, ../../regulations/y/#art-3) in one of its top-level `sections` (one per record kind and the
site's own pages: portal.kinds.site_sections()). Refused: //host, /absolute paths, paths climbing out of the site,
any other scheme (javascript:, data:, file:). Images only from this site's assets (../../assets/...). The checker
reports every refused target (portal/kinds/articles.py), so validation fails before the page would drop it."""
from __future__ import annotations

import re
from functools import lru_cache

import markdown
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

@lru_cache(maxsize=None)
def _safe_href(sections: tuple[str, ...]) -> re.Pattern:
    names = "|".join(sections)
    return re.compile(
        r"^(https?://[A-Za-z0-9.-]+(:[0-9]+)?(/[^\s\"'<>\\]*)?|mailto:[^\s\"'<>\\]+|tel:\+?[0-9 ()-]+|#[\w-]+|"
        rf"(\.\./){{1,3}}({names})(/[a-z0-9-]+)*/?(index\.html|\.html)?(#[\w-]+)?|"
        rf"({names})(/[a-z0-9-]+)*/?(#[\w-]+)?)$",
        re.IGNORECASE)
SAFE_SRC = re.compile(r"^(\.\./){1,3}assets/[A-Za-z0-9_./-]+\.(png|jpe?g|svg|webp|gif)$", re.IGNORECASE)


def allowed(attribute: str, value: str, sections: tuple[str, ...]) -> bool:
    value = value.strip()
    if attribute == "src":
        return bool(SAFE_SRC.match(value)) and "/../" not in value.split("assets/", 1)[1]
    return bool(_safe_href(tuple(sections)).match(value))


class _LinkPolicy(Treeprocessor):
    """Drops links and images that the allow-list refuses (recording them); marks links to other hosts external."""

    def run(self, root):
        for element in root.iter():
            for attribute in ("href", "src"):
                value = element.get(attribute)
                if value is None:
                    continue
                if not allowed(attribute, value, self.md.sections):
                    self.md.refused.append(value)
                    del element.attrib[attribute]
                elif attribute == "href" and value.lower().startswith(("http:", "https:")):
                    element.set("class", "portal-external")
                    element.set("rel", "external noopener noreferrer")
            if element.tag == "img" and "src" not in element.attrib:
                element.tag = "span"


class _LinkPolicyExtension(markdown.Extension):
    def extendMarkdown(self, md):
        md.refused = []
        md.sections = ()
        md.treeprocessors.register(_LinkPolicy(md), "portal_link_policy", 0)


@lru_cache(maxsize=1)
def _converter() -> markdown.Markdown:
    return markdown.Markdown(extensions=["tables", "sane_lists", _LinkPolicyExtension()])


def _convert(text: str, sections: tuple[str, ...]) -> tuple[str, list[str]]:
    escaped = text.replace("&", "&amp;").replace("<", "&lt;")
    converter = _converter()
    converter.reset()
    converter.refused = []
    converter.sections = tuple(sections)
    html = converter.convert(escaped)
    return html, list(converter.refused)


def render_markdown(text: str, sections: tuple[str, ...], heading_offset: int = 1) -> Markup:
    """HTML for a Markdown body: '<' and '&' are escaped first, so no raw HTML can pass; headings shift down."""
    html, _refused = _convert(text or "", sections)
    if heading_offset:
        html = re.sub(r"<(/?)h([1-6])\b", lambda m: f"<{m.group(1)}h{min(6, int(m.group(2)) + heading_offset)}", html)
    return Markup(html)


@lru_cache(maxsize=256)
def unsafe_links(text: str, sections: tuple[str, ...]) -> tuple[str, ...]:
    """The link and image targets of a Markdown body that the allow-list refuses (remembered per text and sections:
    the live preview and repeated checks convert an unchanged body once)."""
    return tuple(_convert(text, tuple(sections))[1])
