# Printable pages: a two-sided wallet card (应急联络卡) per contact directory and a one-page A4 poster (事故墙) per case.
"""Pages step: print pages (wallet cards, case posters) rendered from data; QR codes as inline SVG (segno)."""
from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from typing import Callable

import segno
from markupsafe import Markup

from functools import lru_cache

from portal import site_layout
from portal.kinds.cases import NAME as CASES
from portal.kinds.contacts import NAME as CONTACTS
from portal.pages.context import PageContext
from portal.text import pick
from portal.words import ui
from portal.pages.render import Rendered, render_template, accident_type_label, format_money, record_src, tier_label

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
# A title is set smaller before it is cut: (font size in em, display width that takes the same lines at that size).
POSTER_TITLE_STEPS = ((1.9, 80), (1.6, 95), (1.4, 108), (1.25, 122), (1.1, 138))
POSTER_PLACE_WIDTH = 40  # one line of the place row: parts that do not fit are left out whole, never cut
POSTER_SUMMARY_WIDTH = 400
POSTER_ITEM_WIDTH = 150
POSTER_CAUSES = 3
POSTER_LESSONS = 4
POSTER_SOURCE_WIDTH = 110
# Space the lists leave unused goes to the summary: list lines are counted at POSTER_LIST_LINE units (fewer than fit),
# a freed line lends the summary POSTER_SUMMARY_LINE units (fewer than fit, allowing for English word wrapping).
POSTER_LIST_LINE = 76
POSTER_SUMMARY_LINE = 72



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


def poster_src(case_id: str) -> str:
    return f"{CASES}/{case_id}/poster.md"


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
    third of its time: posters have one code each)."""
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


# -- case poster -------------------------------------------------------------------------------------------------
def _capped(items: list, count: int, width: int, lang: str) -> tuple[list[str], int]:
    tail = print_text("more_online", lang)
    return [shorten(pick(item, lang)[0], width, tail)[0] for item in items[:count]], max(0, len(items) - count)


def _list_lines(items: list[str]) -> int:
    return sum(-(-display_width(item) // POSTER_LIST_LINE) for item in items)


def place_within(parts: list[str], width: int) -> str:
    """Province, city and detail joined while they fit: a part that does not fit is left out whole (never cut)."""
    shown: list[str] = []
    for part in parts:
        if display_width(" ".join(shown + [part])) > width:
            break
        shown.append(part)
    return " ".join(shown) or shorten(parts[0], width)[0] if parts else ""


POSTER_SIZES = (16, 15.5, 15, 14.5, 14, 13.5, 13, 12.5, 12, 11.5)  # pt, largest first; 11.5 pt is what the caps fit


def em_width(text: str) -> float:
    """Estimated width in em: a character from U+2010 up (CJK, full-width forms, quotes, dashes) 1 em, others 0.5."""
    text = str(text)
    if text.isascii():
        return len(text) * 0.5
    return len(text) * 0.5 + sum(1 for ch in text if ch >= "\u2010") * 0.5


def _lines(width_em: float, width_mm: float, em_mm: float, font_em: float = 1) -> int:
    """Lines a text of width_em takes in a column width_mm wide (lines filled to 94 %: word wrap)."""
    return max(1, math.ceil(width_em * font_em * em_mm / (width_mm * 0.94)))


def poster_text_size(layout: dict, labels: list[str]) -> float:
    """The largest size at which the poster's texts are estimated to fit one A4 page (measures follow print.css:
    A4 less padding, a 32 mm footer, 5 mm kept in reserve; measured: the estimate is at most 1.5 % short)."""
    page_w, text_h = 182, 273 - 32 - 5
    facts_w = page_w - 9
    label_em = max(em_width(label) for label in labels)
    items = [em_width(item) for item in layout["causes"] + layout["lessons"]]
    for size in POSTER_SIZES:
        em = size * 0.3528
        line = 1.4 * em
        half_w = (facts_w - 2 * label_em * em - 9) / 2 - 3
        full_w = facts_w - label_em * em - 6
        title_em = poster_title_em(layout["title"], size, layout["title_size"])
        height = 1.68 * em + 4 + _lines(em_width(layout["title"]), page_w, em, title_em) * 1.2 * title_em * em + 7
        halves = [layout[key] for key in ("date", "tier", "accident_type", "industry") if layout[key]]  # two a row
        rows = [max(_lines(em_width(text), half_w, em) for text in halves[i:i + 2]) for i in range(0, len(halves), 2)]
        rows += [_lines(em_width(layout["place"]), full_w, em), _lines(em_width(layout["people"]), full_w, em)]
        if layout["loss"]:
            rows.append(_lines(em_width(layout["loss"]), full_w, em))
        height += 7 + sum(rows) * line + (len(rows) - 1) * 1.5
        height += (1 + bool(layout["causes"]) + bool(layout["lessons"])) * (1.3 * 1.2 * em + 4)
        height += bool(layout["no_report"]) * (line + 3) + _lines(em_width(layout["summary"]), page_w, em) * line
        height += sum(_lines(item, page_w - 7, em) * line + 0.6 for item in items)
        height += (bool(layout["more_causes"]) + bool(layout["more_lessons"])) * 0.87 * line
        if height <= text_h:
            return size
    return POSTER_SIZES[-1]


def poster_title(title: str) -> tuple[str, float]:
    """The title and its size in em: the largest step it fits at, else cut (at a space) at the smallest step."""
    title = " ".join(title.split())
    for size, width in POSTER_TITLE_STEPS:
        if display_width(title) <= width:
            return title, size
    size, width = POSTER_TITLE_STEPS[-1]
    return shorten(title, width, whole_words=True)[0], size


def poster_title_em(title: str, size: float, largest: float) -> float:
    """The title's size in em at a text size of `size` pt: the largest step up to `largest` (the step poster_title
    gave it) at which it is estimated to take at most two lines, else the smallest step."""
    for title_em, _ in POSTER_TITLE_STEPS:
        if title_em <= largest and _lines(em_width(title), 182, size * 0.3528, title_em) <= 2:
            return title_em
    return POSTER_TITLE_STEPS[-1][0]


def poster_layout(case_id: str, ctx: PageContext) -> dict:
    """The poster's texts, already cut to fit one A4 page; short lists leave the summary more room."""
    lang, case = ctx.lang, ctx.dataset.records[CASES][case_id]
    place = case["place"]
    province = ctx.dataset.terms("provinces").get(place.get("province"))
    where = pick(province["label"], lang)[0] if province else place.get("province") or ", ".join(
        part for part in (pick(place.get("region"), lang)[0], place.get("country")) if part)
    place_parts = [p for p in [where, pick(place.get("city"), lang)[0], pick(place.get("detail"), lang)[0]] if p]
    people = [print_text("deaths_n", lang, n=case["deaths"])]
    for key, text_key in (("missing", "missing_n"), ("serious_injuries", "serious_n"), ("injuries", "injured_n")):
        if case.get(key):
            people.append(print_text(text_key, lang, n=case[key]))
    industry = ctx.dataset.terms("industries").get(case.get("industry"))
    causes, more_causes = _capped(case.get("direct_causes") or [], POSTER_CAUSES, POSTER_ITEM_WIDTH, lang)
    lessons, more_lessons = _capped(case.get("lessons") or [], POSTER_LESSONS, POSTER_ITEM_WIDTH, lang)
    source = case["sources"][0] if case.get("sources") else None
    most_lines = (POSTER_CAUSES + POSTER_LESSONS) * -(-POSTER_ITEM_WIDTH // POSTER_LIST_LINE) + 2  # + two "N more" lines
    used_lines = _list_lines(causes) + _list_lines(lessons) + bool(more_causes) + bool(more_lessons)
    summary_width = POSTER_SUMMARY_WIDTH + (most_lines - used_lines) * POSTER_SUMMARY_LINE
    separator = "，" if lang == "zh" else ", "
    title, title_size = poster_title(pick(case["title"], lang)[0])
    published = any(source.get("kind") == "investigation-report" for source in case.get("sources") or [])
    return {
        "title": title, "title_size": title_size,
        # no causes or lessons and no published investigation report: the poster says so instead of empty headings
        "no_report": not causes and not lessons and not published,
        "date": str(case.get("date") or ui("date_unknown", lang)),
        "place": place_within(place_parts, POSTER_PLACE_WIDTH),
        "industry": pick(industry["label"], lang)[0] if industry else case.get("industry", ""),
        "accident_type": accident_type_label(ctx, case),
        "people": " · ".join(people),
        "deaths": case["deaths"],
        "tier": tier_label(ctx, ctx.derived.tier.get(case_id)),
        "loss": format_money(case.get("direct_loss_cny"), lang),
        "summary": shorten(pick(case.get("summary"), lang)[0], summary_width, print_text("more_online", lang))[0],
        "causes": causes, "more_causes": more_causes,
        "lessons": lessons, "more_lessons": more_lessons,
        "source": shorten(separator.join(filter(None, [source["title"], source.get("publisher"), str(source.get("date") or "")])),
                          POSTER_SOURCE_WIDTH)[0] if source else "",
    }


def render_case_poster(case_id: str, ctx: PageContext, target: QrTarget) -> Rendered:
    layout = poster_layout(case_id, ctx)
    labels = [ui(key, ctx.lang) for key in ("date", "tier", "accident_type", "industry", "place", "direct_loss")]
    layout["size"] = poster_text_size(layout, labels + [print_text("people", ctx.lang)])
    layout["title_size"] = poster_title_em(layout["title"], layout["size"], layout["title_size"])
    html = render_template("poster.html", ctx, case_id=case_id, p=layout,
                   text=lambda k, **kw: print_text(k, ctx.lang, **kw), qr=qr_svg(target.text), target=target,
                   back_href=ctx.link(record_src(CASES, case_id)))
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


def case_posters(ctx: PageContext) -> list[PrintablePage]:
    """One A4 poster per case."""
    lang, pages = ctx.lang, []
    for case_id, case in ctx.dataset.records[CASES].items():
        target = qr_target(ctx.settings.site_url, lang, ctx.url(record_src(CASES, case_id)))
        pages.append(PrintablePage(poster_src(case_id), f"{print_text('poster', lang)}: {pick(case['title'], lang)[0]}",
                                   lambda c, i=case_id, t=target: render_case_poster(i, c, t)))
    return pages
