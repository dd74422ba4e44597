# Renders Markdown bodies from data safely: raw HTML shown as text, only http(s)/mailto/tel/relative links, external links marked.
from __future__ import annotations

import re
from functools import lru_cache

import markdown
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

SAFE_URL = re.compile(r"^(https?:|mailto:|tel:|#|\.{0,2}/|[A-Za-z0-9_-]+(/|\.html|$))", re.IGNORECASE)


class _LinkPolicy(Treeprocessor):
    """Drops links and images with unsafe schemes; marks links to other hosts as external."""

    def run(self, root):
        for element in root.iter():
            for attribute in ("href", "src"):
                value = element.get(attribute)
                if value is None:
                    continue
                if not SAFE_URL.match(value.strip()):
                    del element.attrib[attribute]
                elif attribute == "href" and value.lower().startswith(("http:", "https:")):
                    element.set("class", "portal-external")
                    element.set("rel", "external noopener noreferrer")
            if element.tag == "img" and "src" not in element.attrib:
                element.tag = "span"


class _LinkPolicyExtension(markdown.Extension):
    def extendMarkdown(self, md):
        md.treeprocessors.register(_LinkPolicy(md), "portal_link_policy", 0)


@lru_cache(maxsize=1)
def _converter() -> markdown.Markdown:
    return markdown.Markdown(extensions=["tables", "sane_lists", _LinkPolicyExtension()])


def render_markdown(text: str, heading_offset: int = 1) -> Markup:
    """HTML for a Markdown body: '<' and '&' are escaped first, so no raw HTML can pass; headings shift down."""
    escaped = text.replace("&", "&amp;").replace("<", "&lt;")
    converter = _converter()
    converter.reset()
    html = converter.convert(escaped)
    if heading_offset:
        html = re.sub(r"<(/?)h([1-6])\b", lambda m: f"<{m.group(1)}h{min(6, int(m.group(2)) + heading_offset)}", html)
    return Markup(html)
