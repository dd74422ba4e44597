# The one id maker of new, import and import-statute: pinyin syllables, cut at a syllable, never a reserved id.
"""Record ids (and URL slugs) made from titles.

`slug_words("天津港“8·12”瑞海公司…")` -> "tian-jin-gang-8-12-rui-hai-gong-si-…": one pinyin syllable per Chinese
character (no tone marks, ü written v), ASCII letters and digits kept (accents dropped, full-width forms folded),
everything else a hyphen. `record_id(title)` is that slug cut to MAX_ID characters after a whole syllable or word,
never a reserved id (the site's own pages: `404`, `index`, `en`, `search`, `assets`, `by-…`, the kind folders …):
such a slug gets the prefix `record-`. The same title always gives the same id. `IdAllocator` hands out ids no other
record uses (-2, -3 … appended). pypinyin (50 MB of dictionaries) is loaded only for text that is not ASCII."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from portal.settings import SHIPPED_DATA

MAX_ID = 80
ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
# Names of the site's own pages and folders beside the record pages (the validator refuses them as record ids).
RESERVED_ID = re.compile(r"^(by-.*|index|search|search-index|assets|en|print|tags|data|kiosk|_shell|404)$")
RESERVED_PREFIX = "record-"
FALLBACK_ID = "record"
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_DATA_FOLDERS_NOT_KINDS = {"schema", "vocab"}


@lru_cache(maxsize=1)
def kind_folders() -> frozenset[str]:
    """The record kinds' folder names (regulations, cases, …): the folders of the shipped data set."""
    return frozenset(p.name for p in SHIPPED_DATA.iterdir()
                     if p.is_dir() and not p.name.startswith(".") and p.name not in _DATA_FOLDERS_NOT_KINDS)


def is_reserved(slug: str) -> bool:
    """True for the names of the site's own pages and of the kind folders."""
    return bool(RESERVED_ID.match(slug)) or slug in kind_folders()


def _syllables(text: str) -> list[str]:
    """pypinyin's lazy_pinyin(text) (style NORMAL), run by run: its own segmentation (the text cut into runs of Chinese
    characters and runs of other characters, each Chinese run cut into dictionary words), each run converted once and
    remembered: an import of 100,000 titles converts the few thousand runs they share, not every title again."""
    if text.isascii():
        return [text]
    from pypinyin.constants import RE_HANS
    from pypinyin.seg.simpleseg import simple_seg  # pypinyin's dictionaries take 50 MB: loaded only for Chinese ids
    syllables: list[str] = []
    for run in simple_seg(text):
        syllables += _run_syllables(run) if RE_HANS.match(run) else _word_syllables(run)
    return syllables


@lru_cache(maxsize=65536)
def _run_syllables(run: str) -> tuple[str, ...]:
    """The syllables of one run of pypinyin's simple_seg, as its seg() and lazy_pinyin give them."""
    from pypinyin.constants import PHRASES_DICT, RE_HANS
    from pypinyin.seg import mmseg
    words = mmseg.seg.cut(run) if RE_HANS.match(run) and PHRASES_DICT else (run,)
    return tuple(syllable for word in words for syllable in _word_syllables(word))


@lru_cache(maxsize=65536)
def _word_syllables(word: str) -> tuple[str, ...]:
    """The syllables of one segmented word, as lazy_pinyin gives them (the default converter, no heteronyms)."""
    from pypinyin import Style
    from pypinyin.core import _default_convert
    return tuple(syllable for item in _default_convert.convert(word, Style.NORMAL, False, "default", strict=True)
                 for syllable in item)


@lru_cache(maxsize=4096)
def slug_words(text: str) -> str:
    """Lower-case ASCII words and pinyin syllables of `text` joined by hyphens ("" when nothing is left): the words
    of `_syllables(text)`, worked out run by run (each run's words remembered)."""
    text = unicodedata.normalize("NFKC", text or "")
    if text.isascii():
        words = _NOT_SLUG.split(text.lower())
    else:
        words = []
        for run in _runs(text):
            words += _run_words(run)
    return "-".join(word for word in words if word)


def _runs(text: str) -> list[str]:
    """pypinyin's simple_seg(text) for a non-empty text: its runs of Chinese characters (RE_HANS) and of other
    characters, found by one regular expression instead of a loop over the characters."""
    return _run_pattern().findall(text)


@lru_cache(maxsize=1)
def _run_pattern() -> re.Pattern:
    from pypinyin.constants import RE_HANS
    hans = RE_HANS.pattern
    if not (hans.startswith("^(?:[") and hans.endswith("])+$")) or "]" in hans[5:-4]:
        raise AssertionError("pypinyin's RE_HANS is one character class repeated")   # the pinned version's
    characters = hans[5:-4]
    return re.compile(f"[{characters}]+|[^{characters}]+", RE_HANS.flags)


@lru_cache(maxsize=65536)
def _run_words(run: str) -> tuple[str, ...]:
    """The words slug_words makes of one run: its syllables (as `_syllables`), each as lower-case ASCII words."""
    from pypinyin.constants import RE_HANS
    pieces = _run_syllables(run) if RE_HANS.match(run) else _word_syllables(run)
    return tuple(word for piece in pieces
                 for word in (_NOT_SLUG.split(piece.lower()) if piece.isascii() else _piece_words(piece)))


@lru_cache(maxsize=65536)
def _piece_words(piece: str) -> tuple[str, ...]:
    """A syllable or ASCII piece as lower-case ASCII words (accents dropped, ü written v)."""
    bare = "".join(c for c in unicodedata.normalize("NFKD", piece) if not unicodedata.combining(c)).lower()
    return tuple(_NOT_SLUG.split(bare.replace("ü", "v")))


def shorten(slug: str, limit: int) -> str:
    """At most `limit` characters, cut after a whole word or syllable (mid-word only for one over-long word)."""
    if len(slug) <= limit:
        return slug
    cut = slug[:limit]
    if slug[limit] != "-" and "-" in cut:
        cut = cut.rsplit("-", 1)[0]
    return cut.strip("-")


def unreserved(slug: str, limit: int = MAX_ID) -> str:
    """`slug`, or `record-<slug>` (cut again to `limit`) when it is a reserved id; FALLBACK_ID when empty."""
    if not slug:
        return FALLBACK_ID
    if is_reserved(slug):
        return shorten(RESERVED_PREFIX + slug, limit)
    return slug


def _candidate(base: str, tail: str) -> str:
    """`base` cut to leave room for `tail`, plus `tail`; never reserved, never empty."""
    return unreserved(shorten(base or FALLBACK_ID, MAX_ID - len(tail)) + tail)


def record_id(title: str, suffix: str = "") -> str:
    """The id a record with this title gets when no other record has it: deterministic, at most MAX_ID characters,
    cut at a syllable, never reserved. `suffix` (e.g. a case's year) is kept whole at the end."""
    return _candidate(slug_words(title), f"-{suffix}" if suffix else "")


class IdAllocator:
    """Hands out ids that no other record uses (and that are never reserved)."""

    def __init__(self, taken: set[str] | None = None):
        self.taken: set[str] = set(taken or ())
        self._next: dict[tuple[str, str], int] = {}   # where counting resumes for a base (no quadratic rescans)

    def claim(self, taken_id: str) -> None:
        self.taken.add(taken_id)

    def new(self, base: str, suffix: str = "") -> str:
        """`base` (a slug) + `-suffix`, shortened to MAX_ID characters, with -2, -3 ... if already taken."""
        tail = f"-{suffix}" if suffix else ""
        candidate = _candidate(base, tail)
        number = self._next.get((candidate, tail), 2)
        first = candidate
        while candidate in self.taken:
            extra = f"{tail}-{number}"
            candidate = _candidate(base, extra)
            number += 1
        self._next[(first, tail)] = number
        self.taken.add(candidate)
        return candidate

    def for_title(self, title: str, suffix: str = "") -> str:
        """The id of `record_id(title, suffix)`, or that id with -2, -3 … when another record has it."""
        return self.new(slug_words(title), suffix)
