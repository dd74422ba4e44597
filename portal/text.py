# Value utilities at the bottom of every layer: a bilingual data text in a page language, a date from data.
"""Values from data, for every layer: bilingual texts ({zh: ..., en: ...}: the text in a language, or the other one,
flagged as such) and dates (a YAML date or an ISO string)."""
from __future__ import annotations

import datetime as dt


def parse_date(value) -> dt.date | None:
    """A date from data (a YAML date or YYYY-MM-DD text); None for anything else."""
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except (TypeError, ValueError):
        return None


def pick(text: dict | None, lang: str) -> tuple[str, bool]:
    """The text in `lang`, else the other language's; the flag says the page shows another language than its own."""
    if not text:
        return "", False
    if text.get(lang):
        return text[lang], False
    other = "en" if lang == "zh" else "zh"
    return text.get(other, ""), bool(text.get(other))
