# Text utilities at the bottom of every layer: picking a bilingual data text in a page language.
"""Bilingual data texts ({zh: ..., en: ...}): the text in a language, or the other one, flagged as such."""
from __future__ import annotations


def pick(text: dict | None, lang: str) -> tuple[str, bool]:
    """The text in `lang`, else the other language's; the flag says the page shows another language than its own."""
    if not text:
        return "", False
    if text.get(lang):
        return text[lang], False
    other = "en" if lang == "zh" else "zh"
    return text.get(other, ""), bool(text.get(other))
