# 新旧对照: aligns the articles of two versions of a statute (unchanged, renumbered, changed, added, deleted).
"""Compare two full texts of one statute article by article (pure: no mkdocs, no pages).

`align(old_articles, new_articles)` takes the `articles` lists of two `texts` items (dicts with `number` and `text`)
and returns an `Alignment`: one `Row` per article of either text, in the new text's order (a deleted article follows
the row of the old article before it), each of one class:

- unchanged: the same text under the same number;
- renumbered: the same text under another number;
- changed: a similar text (under the same or another number); `ops` marks the changed words;
- added: only in the new text; deleted: only in the old one.

Matching: identical texts first (the same number preferred), then the most similar remaining pairs, best first, as long
as their similarity reaches SIMILAR: difflib's ratio on characters, or, for a text of CONTAINED_MIN characters or more,
the share of it found in the other text times CONTAINED_WEIGHT when that is higher (an article that grew a paragraph,
or lost one, is still the same article changed). Texts are compared with all white space removed.
The words of a changed article are compared by token: a Chinese character, an ASCII word or number, or a punctuation
mark each count as one; `ops` is a list of ("equal" | "delete" | "insert", text)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

CLASSES = ("unchanged", "renumbered", "changed", "added", "deleted")
SIMILAR = 0.5        # the least similarity (0..1) of two texts taken as one article changed
BIGRAM_FLOOR = 0.1   # pairs sharing fewer character bigrams than this (Jaccard) are not compared further
CONTAINED_MIN = 20   # a text of at least this many characters found (mostly) inside a longer one counts as similar:
CONTAINED_WEIGHT = 0.75  # its score is the share of it found there times this (80 % found -> 0.6)

_SPACE = re.compile(r"\s+")
_TOKEN = re.compile(r"[A-Za-z0-9.]+|\s+|.", re.S)


@dataclass(frozen=True)
class Row:
    """One line of the comparison: an old article, a new one, or both, and what happened to it."""

    kind: str                       # one of CLASSES
    old: dict | None                # the old text's article (None when added)
    new: dict | None                # the new text's article (None when deleted)
    similarity: float = 1.0
    ops: tuple = ()                 # changed: (("equal"|"delete"|"insert", text), ...)

    @property
    def old_number(self) -> str | None:
        return str(self.old["number"]) if self.old else None

    @property
    def new_number(self) -> str | None:
        return str(self.new["number"]) if self.new else None


@dataclass
class Alignment:
    """The rows of a comparison and their count per class."""

    rows: list[Row] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(CLASSES, 0)
        for row in self.rows:
            counts[row.kind] += 1
        return counts

    def old_number_of(self, new_number: str) -> tuple[str, str | None]:
        """(class, old number) of a new text's article: ("added", None) when it has no counterpart, ("unknown", None)
        when the new text has no such article."""
        for row in self.rows:
            if row.new_number == str(new_number):
                return row.kind, row.old_number
        return "unknown", None

    def new_number_of(self, old_number: str) -> tuple[str, str | None]:
        """(class, new number) of an old text's article: ("deleted", None) when it was dropped."""
        for row in self.rows:
            if row.old_number == str(old_number):
                return row.kind, row.new_number
        return "unknown", None


def normal(text: str) -> str:
    """An article's text as compared: white space (line breaks included) removed."""
    return _SPACE.sub("", text or "")


def tokens(text: str) -> list[str]:
    """Word-level units of a text: an ASCII word or number, a run of white space, or any other single character."""
    return _TOKEN.findall(text or "")


def _bigrams(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)} or {text}


def word_diff(old: str, new: str) -> tuple:
    """(op, text) pieces turning `old` into `new`: equal, delete (only in old) and insert (only in new), in order."""
    old_tokens, new_tokens = tokens(old), tokens(new)
    matcher = SequenceMatcher(None, old_tokens, new_tokens, autojunk=False)
    pieces: list[tuple[str, str]] = []

    def add(op: str, text: str) -> None:
        if not text:
            return
        if pieces and pieces[-1][0] == op:
            pieces[-1] = (op, pieces[-1][1] + text)
        else:
            pieces.append((op, text))

    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            add("equal", "".join(old_tokens[i1:i2]))
        else:
            add("delete", "".join(old_tokens[i1:i2]))
            add("insert", "".join(new_tokens[j1:j2]))
    return tuple(pieces)


def similarity(old: str, new: str) -> float:
    """How alike two texts are (difflib's ratio on their characters, white space removed): 1.0 identical."""
    return SequenceMatcher(None, normal(old), normal(new), autojunk=False).ratio()


def align(old_articles: list[dict], new_articles: list[dict]) -> Alignment:
    """Align two versions' articles (see the module docstring)."""
    old_list = [a for a in old_articles or [] if isinstance(a, dict)]
    new_list = [a for a in new_articles or [] if isinstance(a, dict)]
    old_text = [normal(a.get("text", "")) for a in old_list]
    new_text = [normal(a.get("text", "")) for a in new_list]
    partner: dict[int, tuple[int, float]] = {}   # new index -> (old index, similarity)
    taken: set[int] = set()

    # 1. identical texts: the same number first, then any number, in order
    by_text: dict[str, list[int]] = {}
    for index, text in enumerate(old_text):
        by_text.setdefault(text, []).append(index)
    for same_number_only in (True, False):
        for j, text in enumerate(new_text):
            if j in partner:
                continue
            for i in by_text.get(text, []):
                if i in taken:
                    continue
                if same_number_only and str(old_list[i]["number"]) != str(new_list[j]["number"]):
                    continue
                partner[j] = (i, 1.0)
                taken.add(i)
                break

    # 2. the most similar remaining pairs, best first (nearer positions break ties)
    old_left = [i for i in range(len(old_list)) if i not in taken]
    new_left = [j for j in range(len(new_list)) if j not in partner]
    old_grams = {i: _bigrams(old_text[i]) for i in old_left}
    candidates = []
    for j in new_left:
        grams = _bigrams(new_text[j])
        for i in old_left:
            shared = len(grams & old_grams[i])
            if shared / (len(grams | old_grams[i]) or 1) < BIGRAM_FLOOR:
                continue
            matcher = SequenceMatcher(None, old_text[i], new_text[j], autojunk=False)
            shorter = min(len(old_text[i]), len(new_text[j]))
            if shorter < CONTAINED_MIN and (matcher.real_quick_ratio() < SIMILAR or matcher.quick_ratio() < SIMILAR):
                continue
            score = matcher.ratio()
            if shorter >= CONTAINED_MIN:  # one text grown out of (or cut down to) the other: mostly contained in it
                contained = sum(block.size for block in matcher.get_matching_blocks()) / shorter
                score = max(score, contained * CONTAINED_WEIGHT)
            if score >= SIMILAR:
                candidates.append((-score, abs(i - j), j, i))
    for negative_ratio, _distance, j, i in sorted(candidates):
        if j in partner or i in taken:
            continue
        partner[j] = (i, -negative_ratio)
        taken.add(i)

    # 3. rows in the new text's order; a deleted article after the row of the old article before it
    rows_after_old: dict[int, list[Row]] = {}
    for i in range(len(old_list)):
        if i not in taken:
            rows_after_old.setdefault(i - 1, []).append(Row("deleted", old_list[i], None, 0.0))
    rows: list[Row] = list(rows_after_old.pop(-1, []))
    placed_old: set[int] = set()

    def flush_deleted(up_to: int) -> None:
        for index in sorted(k for k in rows_after_old if k <= up_to and k not in placed_old):
            rows.extend(rows_after_old[index])
            placed_old.add(index)

    for j, article in enumerate(new_list):
        if j not in partner:
            rows.append(Row("added", None, article, 0.0))
            continue
        i, ratio = partner[j]
        old = old_list[i]
        if old_text[i] == new_text[j]:
            same = str(old["number"]) == str(article["number"])
            rows.append(Row("unchanged" if same else "renumbered", old, article, 1.0))
        else:
            rows.append(Row("changed", old, article, round(ratio, 3), word_diff(old.get("text", ""),
                                                                             article.get("text", ""))))
        flush_deleted(i)
    flush_deleted(len(old_list))
    return Alignment(rows)
