# Printable pages: a two-sided wallet card (应急联络卡) per contact directory; QR codes; texts cut to fit by design.
"""Pages step: print pages (wallet cards) rendered from data; QR codes as inline SVG (segno). A case's 事故墙 poster is
no page of its own: printing the case page prints it (overrides/assets/portal-poster.js, the same cuts in the browser)."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Callable

import segno
from markupsafe import Markup

from functools import lru_cache

from portal import site_layout
from portal.kinds.contacts import NAME as CONTACTS
from portal.pages.context import PageContext
from portal.text import pick
from portal.words import ui
from portal.pages.render import Rendered, render_template, record_src

# A fixed mask pattern (any of the eight is valid and decodes): choosing the best one costs 5x the time and was
# a quarter of a large build; tests decode the codes with zbarimg.
QR_MASK = 4

# Front of the card: the most important numbers first, one entry per category, in this order.
CATEGORY_PRIORITY = ("fire", "medical", "police", "duty-room", "grid-dispatch", "rescue-team", "regulator", "hospital",
                     "safety-department", "management", "traffic", "maritime", "environment", "utility-service",
                     "government-hotline")
# The number shown on the front for an entry with several: the first of these types (a fax is never on the front).
PHONE_PRIORITY = ("emergency", "duty", "hotline", "mobile", "landline")  # on the back, fax numbers come last

# Capacities chosen so that everything fits at the sizes in overrides/assets/print.css (tests/test_print.py proves it).
CARD_FRONT_SLOTS = 6
CARD_FRONT_LABEL_WIDTH = 20  # display width (a CJK character counts 2) of a category label on the front
CARD_TITLE_WIDTH = 44  # organisation name on the front
CARD_BACK_ROWS = 8
CARD_BACK_LINE_WIDTH = 62  # name + numbers of one row on the back
CARD_DIGIT_WIDTH = 1.15  # bold digits are wider than half an em
CARD_BACK_NUMBERS = 2


def print_text(key: str, lang: str, **values) -> str:
    """Interface words of the print pages (in the catalogue portal/words/ui.yml under "print.")."""
    return ui("print." + key, lang, **values)


# -- page sources and the QR target ------------------------------------------------------------------------------
SHEET_COLUMNS, SHEET_ROWS = 2, 5  # 10 cards of 85.6 x 54 mm on A4 (210 x 297 mm)
CARD_W, CARD_H, PAGE_W, PAGE_H, CROP = 85.6, 54.0, 210.0, 297.0, 5.0


def sheet_src(dir_id: str) -> str:
    return f"{CONTACTS}/{dir_id}/cards.md"


def crop_marks() -> list[tuple[float, float, float, float]]:
    """Lines (x1, y1, x2, y2 in mm) in the margins of the A4 sheet at every card edge: cut along them."""
    left, top = (PAGE_W - SHEET_COLUMNS * CARD_W) / 2, (PAGE_H - SHEET_ROWS * CARD_H) / 2
    right, bottom = left + SHEET_COLUMNS * CARD_W, top + SHEET_ROWS * CARD_H
    lines = []
    for i in range(SHEET_COLUMNS + 1):
        x = round(left + i * CARD_W, 2)
        lines += [(x, top - CROP - 1, x, top - 1), (x, bottom + 1, x, bottom + CROP + 1)]
    for j in range(SHEET_ROWS + 1):
        y = round(top + j * CARD_H, 2)
        lines += [(left - CROP - 1, y, left - 1, y), (right + 1, y, right + CROP + 1, y)]
    return lines


def card_src(dir_id: str) -> str:
    """contacts/<id>/card.md -> URL contacts/<id>/card/ (next to the record page contacts/<id>.md -> contacts/<id>/)."""
    return f"{CONTACTS}/{dir_id}/card.md"


@dataclass
class QrTarget:
    """What a printed QR code encodes: an absolute address when the site's base address is known, else a path."""

    text: str
    absolute: bool


def qr_target(site_url: str, lang: str, site_path: str) -> QrTarget:
    """site_path is the page's URL relative to its language's root (e.g. contacts/x/); site_url is PORTAL_SITE_URL,
    the address of the site root (portal/site_layout.py). Without it the path from the site root is used."""
    path = site_layout.site_path(lang, site_path)
    if site_url:
        return QrTarget(site_url.rstrip("/") + "/" + path, True)
    return QrTarget(path, False)


@lru_cache(maxsize=8192)
def qr_svg(target: str) -> Markup:
    """An inline SVG QR code; it carries no text from the data (only the drawn modules), sized by CSS (viewBox)."""
    matrix = segno.make(target, error="m", mask=QR_MASK, micro=False).matrix
    return Markup(_qr_svg_markup(matrix, border=2))


_DARK_RUN = re.compile(rb"\x01+")


def _qr_svg_markup(matrix, border: int) -> str:
    """The SVG of a QR matrix: one stroked path, a run of dark modules per segment (what segno's writer draws, in a
    third of its time: cards have one code a side)."""
    size = len(matrix) + 2 * border
    path = []
    for y, row in enumerate(matrix):
        x_end = None
        for run in _DARK_RUN.finditer(bytes(row)):
            start, end = run.span()
            if x_end is None:
                path.append(f"M{start + border} {y + border}.5h{end - start}")
            else:
                path.append(f"m{start - x_end} 0h{end - start}")
            x_end = end
    return (f'<svg viewBox="0 0 {size} {size}" class="portal-print-qr-code"><path fill="#fff" d="M0 0h{size}v{size}h-{size}z"/>'
            f'<path stroke="#000" d="{"".join(path)}"/></svg>')


# -- fitting text by design --------------------------------------------------------------------------------------
@lru_cache(maxsize=None)
def _char_width(ch: str) -> int:
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def display_width(text: str) -> int:
    """Width in half-em units: wide (CJK) characters count 2, others 1."""
    if text.isascii():
        return len(text)
    return sum(map(_char_width, text))


def shorten(text: str, width: int, tail: str = "", whole_words: bool = False) -> tuple[str, bool]:
    """`text` cut to at most `width` display units, ending in "…" + tail when cut; the flag says whether it was cut.
    With whole_words a word is never cut: the cut moves back to the last space (CJK text is cut between characters)."""
    text = " ".join((text or "").split())
    if len(text) <= width // 2 or display_width(text) <= width:  # every character is at most 2 units wide
        return text, False
    budget = width - display_width("…" + tail)
    used, end = 0, 0
    if text.isascii():
        end = max(0, min(len(text), budget))
    else:
        for end, ch in enumerate(text):
            used += _char_width(ch)
            if used > budget:
                break
        else:
            end = len(text)
    if whole_words and 0 < end < len(text) and text[end - 1].isalnum() and text[end].isalnum() and " " in text[:end]:
        end = text.rindex(" ", 0, end)
        return text[:end].rstrip(" ,;:-(") + "…" + tail, True
    return text[:end].rstrip() + "…" + tail, True


# -- contact card ------------------------------------------------------------------------------------------------
def _category_rank(category: str) -> int:
    return CATEGORY_PRIORITY.index(category) if category in CATEGORY_PRIORITY else len(CATEGORY_PRIORITY)


def _front_phone(entry: dict) -> dict | None:
    for phone_type in PHONE_PRIORITY:
        for phone in entry["phones"]:
            if phone["type"] == phone_type:
                return phone
    return next((p for p in entry["phones"] if p["type"] != "fax"), None)


def _number_size(number: str) -> str:
    return "xl" if len(number) <= 5 else "l" if len(number) <= 12 else "m" if len(number) <= 15 else "s"


def card_layout(directory: dict, ctx: PageContext) -> dict:
    """Which numbers go where on the card: front = up to CARD_FRONT_SLOTS entries of the most important categories
    (one per category), back = every other number, capped at CARD_BACK_ROWS rows."""
    lang = ctx.lang
    ordered = sorted(enumerate(directory["entries"]), key=lambda pair: (_category_rank(pair[1]["category"]), pair[0]))
    front, on_front, seen = [], {}, set()
    for index, entry in ordered:
        phone = _front_phone(entry)
        if len(front) == CARD_FRONT_SLOTS or phone is None or entry["category"] in seen:
            continue
        seen.add(entry["category"])
        on_front[index] = phone
        term = ctx.dataset.terms("contact-categories").get(entry["category"])
        label = pick(term["label"], lang)[0] if term else pick(entry["name"], lang)[0]
        front.append({"label": shorten(label, CARD_FRONT_LABEL_WIDTH, whole_words=True)[0], "full_label": label,
                      "number": phone["number"],
                      "size": _number_size(phone["number"]), "phone": phone, "entry": index + 1})
    rows = []
    for index, entry in ordered:
        phones = sorted((p for p in entry["phones"] if p is not on_front.get(index)), key=lambda p: p["type"] == "fax")
        if not phones:
            continue
        numbers = [p["number"] + (f" ({print_text('fax', lang)})" if p["type"] == "fax" else "")
                   for p in phones[:CARD_BACK_NUMBERS]]
        if len(phones) > CARD_BACK_NUMBERS:
            numbers[-1] += " …"
        numbers_width = round(display_width(" / ".join(numbers)) * CARD_DIGIT_WIDTH)
        name = shorten(pick(entry["name"], lang)[0], max(8, CARD_BACK_LINE_WIDTH - numbers_width - 2))[0]
        rows.append({"name": name, "numbers": numbers, "fax_only": all(p["type"] == "fax" for p in phones)})
    rows = [{"name": row["name"], "numbers": row["numbers"]}
            for row in sorted(rows, key=lambda row: row["fax_only"])]  # fax-only rows last (README: fax last)
    hidden = max(0, len(rows) - CARD_BACK_ROWS)
    if hidden:
        rows = rows[:CARD_BACK_ROWS - 1]
        hidden += 1
    return {"front": front, "back": rows, "more": hidden}


def render_contact_card(dir_id: str, ctx: PageContext, target: QrTarget, template: str = "card.html") -> Rendered:
    """The wallet card (card.html: one card, two pages) or the A4 sheet of 10 (card_sheet.html: fronts, then backs)."""
    directory = ctx.dataset.records[CONTACTS][dir_id]
    layout = card_layout(directory, ctx)
    html = render_template(template, ctx, directory=directory, layout=layout, text=lambda k, **kw: print_text(k, ctx.lang, **kw),
                   organisation=shorten(pick(directory["organisation"], ctx.lang)[0], CARD_TITLE_WIDTH)[0],
                   qr=qr_svg(target.text), target=target, back_href=ctx.link(record_src(CONTACTS, dir_id)),
                   sheet_href=ctx.link(sheet_src(dir_id)), cards=SHEET_COLUMNS * SHEET_ROWS, crop_marks=crop_marks())
    return Rendered(html, [])


# -- the pages ---------------------------------------------------------------------------------------------------
@dataclass
class PrintablePage:
    src_uri: str
    title: str
    render: Callable[[PageContext], Rendered]


def contact_cards(ctx: PageContext) -> list[PrintablePage]:
    """One card per directory; the QR code encodes the record page (after the site address when it is known)."""
    lang, pages = ctx.lang, []
    for dir_id, directory in ctx.dataset.records[CONTACTS].items():
        target = qr_target(ctx.settings.site_url, lang, ctx.url(record_src(CONTACTS, dir_id)))
        pages.append(PrintablePage(card_src(dir_id), f"{print_text('card', lang)}: {pick(directory['title'], lang)[0]}",
                                   lambda c, i=dir_id, t=target: render_contact_card(i, c, t)))
        pages.append(PrintablePage(sheet_src(dir_id), f"{print_text('sheet', lang)}: {pick(directory['title'], lang)[0]}",
                                   lambda c, i=dir_id, t=target: render_contact_card(i, c, t, "card_sheet.html")))
    return pages
