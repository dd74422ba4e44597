# HTML fragments that record pages share (bilingual text, paragraphs, numbered lists, sources, record links), in Python.
"""Pages step: the fragments record pages share (a bilingual text with its mark when it is the other language's,
paragraphs, a numbered list, sources, a record link, an article's permalink and citation button), as pure renderers:
the case page (portal/pages/case_page.py) joins them, and the templates get them through `_macros.html`, whose
macros only hand over to these (`fragments` in every template), without Jinja's cost per call of the words and
values inside. Every value from data is escaped with markupsafe.escape or escape_str (what the templates'
autoescaping does; the same bytes); nothing from data is evaluated as a template. Each returns Markup (a template shows
it as it is); the words of a language are looked up once per process (`for_lang`)."""
from __future__ import annotations

import re
from functools import lru_cache

from markupsafe import Markup, escape

from portal import site_layout
from portal.text import pick
from portal.words import ui

_BLANK_LINES = re.compile(r"\n\s*\n")


def escape_str(value) -> str:
    """str(markupsafe.escape(value)), the same bytes, for a value written into a larger string: a text is escaped as
    markupsafe does it (its five characters, in its order) without making a Markup of each of the ~65 values of a
    case page, which cost more than the escaping."""
    if type(value) is str:
        return (value.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;").replace("'", "&#39;")
                .replace('"', "&#34;"))
    return str(escape(value))


def paragraphs(text: str) -> str:
    """Plain text to HTML paragraphs: escaped, blank lines split paragraphs, single newlines become <br> (the
    templates' `paras` filter)."""
    blocks = [b.strip() for b in _BLANK_LINES.split(text or "") if b.strip()]
    return "".join(f"<p>{escape_str(b)}</p>".replace("\n", "<br>") for b in blocks)


class Fragments:
    """The shared fragments in one page language; words and other-language marks made once."""

    def __init__(self, lang: str):
        self.lang = lang
        self.words: dict[str, str] = {}  # catalogue key -> the word escaped (ui() made once per key)
        other_html_lang = escape(site_layout.HTML_LANG[site_layout.other_lang(lang)])
        self._html_lang = escape(site_layout.HTML_LANG[lang])
        own_text = "zh_only" if lang == "en" else "original_language"
        own_block = "missing_en" if lang == "en" else "original_language"
        self._text_open = f'<span lang="{other_html_lang}">'
        self._text_mark = f'</span> <small class="portal-zh-only">{self.word(own_text)}</small>'
        self._block_open = f'<div lang="{other_html_lang}" class="portal-fallback">'
        self._block_mark = f'<p class="portal-zh-only">{self.word(own_block)}</p></div>'

    def word(self, key: str) -> str:
        """An interface word of the page language, escaped."""
        found = self.words.get(key)
        if found is None:
            found = self.words[key] = str(escape(ui(key, self.lang)))
        return found

    def text(self, value) -> Markup:
        """A bilingual data text inline; the other language's in a span with its mark (macro `text`)."""
        return Markup(self.text_html(value))

    def text_html(self, value) -> str:
        """`text` as a plain str, for a renderer joining many (a case page's lists)."""
        shown, fallback = pick(value, self.lang)
        if fallback:
            return f"{self._text_open}{escape_str(shown)}{self._text_mark}"
        return escape_str(shown)

    def title(self, value) -> Markup:
        """A bilingual data text inline without a mark (`t(value)[0]`), escaped."""
        return escape(pick(value, self.lang)[0])

    def block(self, value) -> Markup:
        """A bilingual data text as paragraphs; the other language's in a div with its mark (macro `block`)."""
        shown, fallback = pick(value, self.lang)
        if fallback:
            return Markup(f"{self._block_open}{paragraphs(shown)}{self._block_mark}")
        return Markup(paragraphs(shown))

    def text_list(self, items, anchor: str, heading: str) -> Markup:
        """A heading and a numbered list of bilingual texts; nothing for no items (macro `text_list`)."""
        if not items:
            return Markup("")
        text_html = self.text_html
        rows = "".join(f"<li>{text_html(item)}</li>\n" for item in items)
        return Markup(f'<h2 id="{escape_str(anchor)}">{escape_str(heading)}</h2>\n<ol class="portal-list">\n{rows}</ol>\n')

    def sources(self, items) -> Markup:
        """The sources heading and list (macro `sources`)."""
        out = [f'<h2 id="sources">{self.word("sources")}</h2>\n<ul class="portal-sources">\n']
        for s in items:
            if "url" in s:
                out.append(f'  <li><a class="portal-external" rel="external noopener noreferrer" href="{escape_str(s["url"])}">'
                           f'{escape_str(s["title"])}</a>')
            else:
                out.append(f'  <li>{escape_str(s["title"])}')
            out.append(f', {escape_str(s["publisher"])}')
            if "date" in s:
                out.append(f', {escape_str(s["date"])}')
            if "note" in s:
                out.append(f" — {self.text_html(s['note'])}")
            if "accessed" in s:
                out.append(f' <small>({self.word("accessed")} {escape_str(s["accessed"])})</small>')
            out.append("</li>\n")
        out.append("</ul>")
        return Markup("".join(out))

    def record_link(self, href: str, record) -> Markup:
        """A link to a record page by its title (macro `record_link`; `href` from the page's context)."""
        return Markup(f'<a href="{escape(href)}">{escape(pick(record["title"], self.lang)[0])}</a>')

    def article_tools(self, anchor: str, article: str, citation: str) -> Markup:
        """An article's tools: its permalink (#anchor) and the copy-citation button (assets/portal-cite.js shows it);
        `article` is its label (第3条), `citation` the text the button copies."""
        lang = self.lang
        return Markup(
            f'<p class="portal-article-tools" lang="{self._html_lang}"><a class="portal-permalink" href="#{escape(anchor)}" '
            f'aria-label="{escape(ui("text.permalink", lang, article=article))}">{self.word("text.permalink_short")}</a> '
            f'<button type="button" class="portal-cite-button" data-portal-cite="{escape(citation)}" '
            f'data-portal-copied="{self.word("text.copied")}" data-portal-copy-failed="{self.word("text.copy_failed")}" '
            f'hidden>{self.word("text.copy_citation")}<span class="portal-hidden-label">'
            f'{escape(ui("text.of_article", lang, article=article))}</span></button></p>')


@lru_cache(maxsize=None)
def for_lang(lang: str) -> Fragments:
    """The fragments of a page language (made once per process: the catalogue does not change during a build)."""
    return Fragments(lang)
