# Notes on a record page: "original language" for one-language records, when its data was last reviewed, edit and feedback links when asked.
"""Pages step: what the build adds to a record page's content besides its renderer's HTML."""
from __future__ import annotations

import html as htmllib
from urllib.parse import quote

from portal.pages.context import PageContext
from portal.words import ui
from portal.settings import SHIPPED_DATA


def record_key(src_uri: str) -> tuple[str, str]:
    """(kind, record id) of a record page's source path, e.g. cases/x.md -> (cases, x)."""
    kind, record_id = src_uri[:-3].split("/", 1)
    return kind, record_id


def language_note(src_uri: str, ctx: PageContext, content: str) -> str:
    """A record given in one language only says so under its title on the other language's page."""
    kind, record_id = record_key(src_uri)
    record = ctx.dataset.records[kind][record_id]
    title = record.get("title") or record.get("question") or {}
    if not isinstance(title, dict) or title.get(ctx.lang):
        return content
    note = f'<p class="portal-original-language" lang="{ctx.lang}">{ui("original_language", ctx.lang)}</p>'
    head, marker, rest = content.partition("</h1>")
    return head + marker + note + rest if marker else note + content


def edit_link(src_uri: str, ctx: PageContext) -> str:
    """"Edit this record" under a record page, when the build knows where records are edited (PORTAL_EDIT_URL)."""
    edit_url = ctx.settings.edit_url
    if not edit_url:
        return ""
    key = record_key(src_uri)
    if ctx.dataset.record_files.get(key) is None:
        return ""
    layer = ctx.dataset.roots[ctx.dataset.layer_of.get(key, 0)]
    # The file's path in its layer's repository: data/ in this repository, the layer folder's root otherwise.
    path = ("data/" if layer.resolve() == SHIPPED_DATA.resolve() else "") + f"{key[0]}/{key[1]}.yml"
    url = edit_url.replace("{path}", path) if "{path}" in edit_url else edit_url.rstrip("/") + "/" + path
    return (f'<p class="portal-edit-link"><a class="portal-external" rel="external noopener noreferrer" '
            f'href="{htmllib.escape(url, quote=True)}">{htmllib.escape(ui("edit_record", ctx.lang))}</a></p>')


def review_note(src_uri: str, ctx: PageContext) -> str:
    """When the record's data was last reviewed: the date its data gives (last_verified), else the date of the last
    commit that changed its file (git); nothing when neither is known (a file outside any git history)."""
    from portal.kinds import BY_NAME

    key = record_key(src_uri)
    record = ctx.dataset.records[key[0]][key[1]]
    checked = BY_NAME[key[0]].reviewed(record)
    if checked is not None:
        text = ui("review.checked", ctx.lang, date=checked.isoformat())
    elif key in ctx.derived.updated:
        text = ui("review.changed", ctx.lang, date=ctx.derived.updated[key].isoformat())
    else:
        return ""
    return f'<p class="portal-review-date">{htmllib.escape(text)}</p>'


def feedback_link(src_uri: str, ctx: PageContext) -> str:
    """"Report a problem with this page" under a record page, when the build is given an address (PORTAL_FEEDBACK_URL,
    off by default); {kind}, {id} and {title} in the address are replaced (URL-encoded)."""
    address = ctx.settings.feedback_url
    if not address:
        return ""
    kind, record_id = record_key(src_uri)
    from portal.kinds import BY_NAME
    title = BY_NAME[kind].title(ctx.dataset.records[kind][record_id], ctx.lang) or record_id
    for name, value in (("{kind}", kind), ("{id}", record_id), ("{title}", title)):
        address = address.replace(name, quote(value, safe=""))
    return (f'<p class="portal-feedback-link"><a class="portal-external" rel="external noopener noreferrer" '
            f'href="{htmllib.escape(address, quote=True)}">{htmllib.escape(ui("feedback", ctx.lang))}</a></p>')


def record_page_content(src_uri: str, ctx: PageContext, content: str) -> str:
    """A record page's content with its notes."""
    return (language_note(src_uri, ctx, content) + review_note(src_uri, ctx) + edit_link(src_uri, ctx)
            + feedback_link(src_uri, ctx))
