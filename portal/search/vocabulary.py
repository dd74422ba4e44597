# The search vocabulary at build time: synonym concepts found in documents, article numbers, pinyin keys, query words.
"""Build-time half of the search vocabulary; ``static/portal-search.js`` has the query-side twin of each rule.

- **Concepts** (``~<id>`` tokens): a vocabulary term (data/vocab/synonyms.yml, or a regulation's titles and short
  titles) lists words that mean the same thing in both languages. A document whose field contains any of the words
  gets the term's token in that field; a query containing any of them accepts the token instead of its own bigrams
  there. So 受限空间 finds 有限空间, 新安法 finds 安全生产法 and PPE finds the Chinese full text on 劳动防护用品.
- **Article numbers** (``§<n>`` tokens): a document whose section reads 第21条 / 第二十一条 / Article 21 / Art. 21
  gets ``§21`` in its title field; a query's citation (安全生产法第二十一条, 第21条, 21条, Article 21, art. 21) asks for it.
- **Pinyin keys** (``@<syllable><syllable>`` tokens): every pair of neighbouring Han characters of a title gets the
  toneless pinyin of both, made fuzzy (zh/ch/sh -> z/c/s, -ng -> -n) the way input-method typos are: 有线空间,
  安全生厂法 and typed youxian kongjian find 有限空间 and 安全生产法 when nothing else matched.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from portal.records.numerals import chinese_numeral
from portal.search.tokens import HAN, HAN_PAIR_RUNS, LATIN, LATIN_WORDS, BodyText, normalize, runs, stem

CONCEPT, ARTICLE, PINYIN = "~", "§", "@"
_NUMERAL = "零〇一二两三四五六七八九十百千"
_SECTION = re.compile(rf"^(?:第\s*([0-9]+|[{_NUMERAL}]+)\s*条|(?:article|art\.?)\s*([0-9]+))$", re.IGNORECASE)
_HAN_CHAR = re.compile(f"[{HAN}]")
# One pass over a whole text instead of runs() and a split per run (same pieces; 5.7 -> ~1 CPU-s on the corpus of
# N=3,000 in `validate`): the runs (joined: faster than deleting what no run holds, 0.36 -> 0.23 CPU-s on that
# corpus), and the digit and letter parts of the Latin runs (tokens.LATIN_WORDS).
_RUN_TEXT = re.compile(f"[{HAN}{LATIN}]+")


def article_number(section: str) -> str:
    """The article number of a section label ("第21条", "第二十一条", "Article 21" -> "21"); "" for anything else."""
    match = _SECTION.match(normalize(section).strip())
    if not match:
        return ""
    digits = match.group(1) or match.group(2)
    return digits if digits.isdigit() else str(chinese_numeral(digits))


@lru_cache(maxsize=32768)
def syllable(char: str) -> str:
    """Toneless pinyin of one Han character (pypinyin's most common reading)."""
    from pypinyin import Style, lazy_pinyin

    return lazy_pinyin(char, style=Style.NORMAL)[0]


@lru_cache(maxsize=4096)
def fuzzy(syllable_text: str) -> str:
    """The sound an input-method typo keeps: zh/ch/sh -> z/c/s and a final -ng -> -n (twin of fuzzy in the script)."""
    text = re.sub(r"^([zcs])h", r"\1", syllable_text)
    return text[:-1] if text.endswith("ng") else text


@lru_cache(maxsize=32768)
def fuzzy_syllable(char: str) -> str:
    """fuzzy(syllable(char)) in one cache look-up: pinyin_tokens looks up every character of every title (the
    20,000 Chinese titles of N=10,000: 0.78 -> 0.10 CPU-s with the runs found by one pattern)."""
    return fuzzy(syllable(char))


def pinyin_tokens(text: str) -> list[str]:
    """``@`` + the fuzzy pinyin of each pair of neighbouring Han characters of a title."""
    out: list[str] = []
    for run in HAN_PAIR_RUNS.findall(normalize(text)):
        keys = list(map(fuzzy_syllable, run))
        out.extend([PINYIN + first + second for first, second in zip(keys, keys[1:])])
    return out


def _latin_key(normalized: str) -> str:
    """Latin words as the sequence of their stems, spaced: "confined spaces" -> " confin space " (plural, -ing ...)."""
    return " " + " ".join(map(stem, LATIN_WORDS.findall(normalized))) + " "


def _word_key(word: str) -> tuple[bool, str, str]:
    """(latin only, key, probe token) of a vocabulary word: Latin words by stems, others by their runs' text."""
    norm = normalize(word).strip()
    pieces = runs(norm)
    if not pieces:
        return False, "", ""
    if all(kind == "latin" for kind, _ in pieces):
        key = _latin_key(norm)
        return True, key, key.split()[0]
    kind, first = pieces[0]
    probe = first[:2] if kind == "han" else stem(re.findall(r"[0-9]+|[^0-9]+", first)[0])
    return False, "".join(piece for _, piece in pieces), probe


class TextOf:
    """A text's forms for finding vocabulary words: its runs joined (Han), its Latin stems spaced. A body comes as
    the BodyText its tokens were made from: its Latin words are already found and stemmed."""

    def __init__(self, text: str | BodyText):
        self._body = text if isinstance(text, BodyText) else None
        self.norm = text.norm if self._body is not None else normalize(text)
        self._joined = self._latin = None

    @property
    def joined(self) -> str:
        if self._joined is None:
            self._joined = "".join(_RUN_TEXT.findall(self.norm))  # its runs joined
        return self._joined

    @property
    def latin(self) -> str:
        if self._latin is None:
            if self._body is not None:  # _latin_key of the words found and stemmed already
                self._latin = " " + " ".join(map(self._body.stems.__getitem__, self._body.latin_words)) + " "
            else:
                self._latin = _latin_key(self.norm)
        return self._latin


class WordFinder:
    """Every vocabulary word of a text found in one pass (Aho-Corasick, ahocorasick-rs) per form: the Han form (runs
    joined) and the Latin form (stems spaced). Replaces a ``key in text`` scan per word, which for the long statute
    texts was most of the search index's time (the English index of N=10,000: 25 of 42 profiled CPU-s)."""

    def __init__(self, keys):
        """``keys``: (latin, key, value) triples; ``find`` returns the values of the keys that occur."""
        import ahocorasick_rs

        self._values: list[list] = []
        self._automata = []
        for latin in (False, True):
            numbers: dict[str, int] = {}
            for is_latin, key, value in keys:
                if is_latin == latin and key.strip():
                    if key not in numbers:
                        numbers[key] = len(self._values)
                        self._values.append([])
                    self._values[numbers[key]].append(value)
            # pattern i of the automaton is key numbers[...] = first + i (keys numbered in order of first sight)
            first = min(numbers.values(), default=0)
            self._automata.append((ahocorasick_rs.AhoCorasick(list(numbers)), first) if numbers else None)
        self._longest = [max(map(len, (key for is_latin, key, _ in keys if is_latin == latin and key.strip())),
                             default=0) for latin in (False, True)]

    def find(self, form: TextOf, latin: bool) -> list:
        """The values of the keys of this form (Han: False, Latin: True) that occur in the text, each key once
        (overlapping matches: a word inside another word counts too)."""
        entry = self._automata[latin]
        if entry is None:
            return []
        automaton, first = entry
        text = form.latin if latin else form.joined
        values = self._values
        return [value for number in {pattern for pattern, _start, _end in
                                     automaton.find_matches_as_indexes(text, overlapping=True)}
                for value in values[first + number]]

    def find_in_pieces(self, pieces, latin: bool) -> set:
        """The values of the keys that occur in the concatenation of `pieces` (one form, made piece by piece: see
        _forms_by_chunk and FormScan)."""
        scan = FormScan(self, latin)
        for piece in pieces:
            scan.feed(piece)
        return scan.values()


class FormScan:
    """One form of a text searched piece by piece: each piece with the end of the ones before it, as long as the
    longest key less one character, so that a key across two pieces is found and no match list is ever longer than
    a piece's."""

    def __init__(self, finder: WordFinder, latin: bool):
        self.finder, self.entry = finder, finder._automata[latin]
        self.keep = finder._longest[latin] - 1
        self.numbers: set[int] = set()
        self.tail = ""

    def feed(self, piece: str) -> None:
        if self.entry is None:
            return
        window = self.tail + piece
        self.numbers.update(pattern for pattern, _start, _end in
                            self.entry[0].find_matches_as_indexes(window, overlapping=True))
        self.tail = window[-self.keep:] if self.keep > 0 else ""

    def values(self) -> set:
        if self.entry is None:
            return set()
        first = self.entry[1]
        return {value for number in self.numbers for value in self.finder._values[first + number]}


_CHUNK_CHARS = 1 << 20


def _forms_by_chunk(text: str):
    """TextOf(text)'s Han form and Latin form as (Han piece, Latin piece) pairs, the concatenation of each kind of
    piece being that form, made a megabyte of text at a time (cut after a line: neither form has anything of a line
    break, normalize keeps it where it is): the forms of the whole text of N=10,000 and the list of its Latin words
    were most of `validate`'s memory."""
    start, first, words_before = 0, True, False
    while start <= len(text):
        end = text.find("\n", start + _CHUNK_CHARS)
        end = len(text) if end < 0 else end
        norm = normalize(text[start:end])
        words = " ".join(map(stem, LATIN_WORDS.findall(norm)))
        latin = " " if first else ""  # _latin_key: " " + the stems of all chunks spaced + " "
        if words:
            latin += (" " if words_before else "") + words
            words_before = True
        yield "".join(_RUN_TEXT.findall(norm)), latin
        first = False
        start = end + 1
    yield "", " "


@dataclass
class Vocabulary:
    """The terms of one index: [{id, words, kind?, optional?}]; words of both languages."""
    terms: list[dict] = field(default_factory=list)

    def __post_init__(self):
        self._keys: list[tuple[bool, str, tuple[str, str]]] = []  # (latin, key, (probe, term id)) of every word
        for term in self.terms:
            if term.get("kind"):
                continue  # query words only
            for word in term["words"]:
                latin, key, probe = _word_key(word)
                if key.strip():
                    self._keys.append((latin, key, (probe, term["id"])))
        self._han_probes = frozenset(probe for latin, _, (probe, _) in self._keys if not latin)
        self._latin_probes = frozenset(probe for latin, _, (probe, _) in self._keys if latin)
        self._probe_set = self._han_probes | self._latin_probes
        self._finder = None  # built on first use (not pickled: the parallel builder sends the vocabulary to workers)

    def __getstate__(self):
        return dict(self.__dict__, _finder=None)

    def concept_tokens(self, text: str | TextOf, field_tokens) -> list[str]:
        """``~id`` for each term with a word in ``text`` whose probe (first bigram or first stem) is among
        ``field_tokens`` (the field's tokens, a first sieve): the words of the text are found in one pass per form
        (WordFinder), then kept when their probe is a token of the field. ``text`` may come as a TextOf (its
        normalised form made once for the tokens and here)."""
        probes = self._probe_set & field_tokens.keys() if hasattr(field_tokens, "keys") else \
            {probe for probe in self._probe_set if probe in field_tokens}
        if not probes:
            return []
        if self._finder is None:
            self._finder = WordFinder(self._keys)
        forms = text if isinstance(text, TextOf) else TextOf(text)
        found = set()
        for latin, form_probes in ((False, self._han_probes), (True, self._latin_probes)):
            if not probes.isdisjoint(form_probes):
                found.update(term_id for probe, term_id in self._finder.find(forms, latin) if probe in probes)
        return sorted(CONCEPT + term_id for term_id in found)

    def manifest(self) -> list[list]:
        """[id, [normalised words], kind, optional] for the script (query side)."""
        out = []
        for term in self.terms:
            words = sorted({" ".join(piece for _, piece in runs(normalize(word))) for word in term["words"]} - {""},
                           key=lambda w: (-len(w), w))
            out.append([term["id"], words, term.get("kind") or "", 1 if term.get("optional") else 0])
        return out


def unreached_terms(terms: list[dict], texts) -> list[dict]:
    """The synonym terms none of whose words occurs in any of these texts (kind and question words excepted): the
    words that occur are found in one pass over each text (WordFinder), then the terms without any are listed."""
    checked = [term for term in terms if not (term.get("kind") or term.get("optional"))]
    finder = WordFinder([(latin, key, number) for number, term in enumerate(checked)
                         for latin, key, _ in map(_word_key, term.get("words") or [])])
    reached: set[int] = set()
    for text in texts:
        scans = FormScan(finder, False), FormScan(finder, True)
        for han, latin in _forms_by_chunk(text):
            scans[0].feed(han)
            scans[1].feed(latin)
        for scan in scans:
            reached.update(scan.values())
    return [term for number, term in enumerate(checked) if number not in reached]


def pinyin_table(texts) -> dict[str, str]:
    """{Han character: fuzzy-free toneless pinyin} for every character of these texts (the script's typo repair)."""
    chars: set[str] = set()
    for text in texts:
        chars.update(text)  # every character, the Han ones kept below (cheaper than a list of each Han character)
    return {char: syllable(char) for char in sorted(chars) if _HAN_CHAR.match(char)}
