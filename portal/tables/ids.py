# Record ids for imported rows: lower-case ASCII slugs from a key or a Chinese title (pypinyin), unique within a data set.
"""Ids.

`slugify("天津港“8·12”瑞海公司…")` -> "tian-jin-gang-8-12-rui-hai-gong-si-…": one pinyin syllable per Chinese
character (no tone marks, ü written v), ASCII letters and digits kept, everything else a hyphen. The same
text always gives the same slug. `IdAllocator` shortens to 80 characters at a hyphen and appends -2, -3 ...
when a slug is already taken.
"""
from __future__ import annotations

import re
import unicodedata


MAX_ID = 80


def slugify(text: str) -> str:
    from pypinyin import Style, lazy_pinyin  # its dictionaries take 50 MB: loaded only when an id is made

    text = unicodedata.normalize("NFKC", text)
    words = []
    for piece in lazy_pinyin(text, style=Style.NORMAL, errors="default"):
        bare = "".join(c for c in unicodedata.normalize("NFKD", piece) if not unicodedata.combining(c)).lower()
        words += re.split(r"[^a-z0-9]+", bare)
    return "-".join(word for word in words if word)


def shorten(slug: str, limit: int) -> str:
    """At most `limit` characters, cut after a whole word where possible."""
    if len(slug) <= limit:
        return slug
    cut = slug[:limit]
    if slug[limit] != "-" and "-" in cut:
        cut = cut.rsplit("-", 1)[0]
    return cut.strip("-")


class IdAllocator:
    """Hands out ids that no other record uses."""

    def __init__(self, taken: set[str] | None = None):
        self.taken: set[str] = set(taken or ())
        self._next: dict[tuple[str, str], int] = {}   # where counting resumes for a base (no quadratic rescans)

    def claim(self, record_id: str) -> None:
        self.taken.add(record_id)

    def new(self, base: str, suffix: str = "") -> str:
        """`base` (+ `-suffix`) shortened to 80 characters, with -2, -3 ... if already taken."""
        base = base or "record"
        tail = f"-{suffix}" if suffix else ""
        candidate = shorten(base, MAX_ID - len(tail)) + tail
        number = self._next.get((candidate, tail), 2)
        first = candidate
        while candidate in self.taken:
            extra = f"{tail}-{number}"
            candidate = shorten(base, MAX_ID - len(extra)) + extra
            number += 1
        self._next[(first, tail)] = number
        self.taken.add(candidate)
        return candidate
