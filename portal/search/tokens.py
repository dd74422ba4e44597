# Text to search tokens for the portal's own search: the build-time half of rules that static/portal-search.js mirrors.
"""Tokenisation shared (by specification, not by code) with the browser script ``static/portal-search.js``.

Both sides must produce the same tokens for the same text, so every rule here has a twin in the script
(``normalize``, ``runs``, ``stem``, ``STOPWORDS``, ``arabic_doc_numbers``, ``compact``, ``token_shard``);
``tests/search/test_search_browser.py`` runs both on the same strings and compares.

- Text is NFKC-normalised and lower-cased, then cut into *runs*: Han characters (CJK unified ideographs, extension A,
  compatibility ideographs) or Latin letters/digits. Everything else separates runs.
- A Han run yields its character bigrams (高处坠落 -> 高处 处坠 坠落); in titles also its single characters; at build
  time jieba's search-mode words (rjieba: jieba-rs) of three or more characters are added (安全生产法), which the browser, having no
  dictionary, can only hit by looking the whole typed run up.
- A Latin run is split where letters meet digits (gb6441 -> gb 6441). Letter parts drop a few English stop words and
  go through ``stem`` (Porter's step 1: plurals, -ed, -ing, -y; falls -> fall, injuries -> injuri). Digit parts stay.
- Title words of four or more letters also give prefix tokens ``>exp``, ``>expl`` ... so a word still being typed
  finds titles.
- Keywords (document and standard numbers) are indexed like text, plus once whole as ``#`` + ``compact`` (only Han,
  letters and digits); ``第八十八号`` also gets its Arabic spelling ``第88号``.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache

from portal.records.numerals import chinese_numeral

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
LATIN = "0-9a-z\u00df-\u00f6\u00f8-\u00ff\u0100-\u024f"
_RUN = re.compile(f"([{HAN}]+)|([{LATIN}]+)")
_LATIN_PARTS = re.compile(r"[0-9]+|[^0-9]+")
_FIELD_PIECES = re.compile(f"([{HAN}]+)|([0-9]+)|([{LATIN.replace('0-9', '')}]+)")  # text_tokens' pieces
# text_tokens' pieces by kind (BodyText): Han runs with a bigram (two characters or more); Latin words (digit and
# letter parts)
HAN_PAIR_RUNS = re.compile(f"[{HAN}]{{2,}}")
LATIN_WORDS = re.compile(f"[0-9]+|[{LATIN.replace('0-9', '')}]+")

STOPWORDS = frozenset(
    "a an and are as at be by for from in into is it its of on or that the this to was were with".split())

PREFIX_MIN, PREFIX_MAX = 3, 10
JIEBA_MIN_WORD = 3


def normalize(text: str) -> str:
    """NFKC (full-width digits and letters become ASCII) and lower case, as ``normalize`` in the script."""
    return unicodedata.normalize("NFKC", text).lower()


def runs(normalized: str) -> list[tuple[str, str]]:
    """("han", run) and ("latin", run) pieces of normalised text, in order."""
    return [("han", m.group(1)) if m.group(1) else ("latin", m.group(2)) for m in _RUN.finditer(normalized)]


def latin_parts(run: str) -> list[str]:
    """A Latin run split where letters meet digits: "gb6441" -> ["gb", "6441"]."""
    return _LATIN_PARTS.findall(run)


def bigrams(run: str) -> list[str]:
    return [run[i:i + 2] for i in range(len(run) - 1)]


# --- Porter's step 1 (1a, 1b, 1c) --------------------------------------------------------------------------------

def _is_consonant(word: str, i: int) -> bool:
    char = word[i]
    if char in "aeiou":
        return False
    if char == "y":
        return i == 0 or not _is_consonant(word, i - 1)
    return True


def _measure(stem: str) -> int:
    """Porter's m: the number of vowel-consonant sequences in [C](VC)^m[V]."""
    count, previous_vowel = 0, False
    for i in range(len(stem)):
        vowel = not _is_consonant(stem, i)
        if previous_vowel and not vowel:
            count += 1
        previous_vowel = vowel
    return count


def _has_vowel(stem: str) -> bool:
    return any(not _is_consonant(stem, i) for i in range(len(stem)))


def _double_consonant(word: str) -> bool:
    return len(word) >= 2 and word[-1] == word[-2] and _is_consonant(word, len(word) - 1)


def _cvc(word: str) -> bool:
    """Ends consonant-vowel-consonant, the last not w, x or y."""
    return (len(word) >= 3 and _is_consonant(word, len(word) - 3) and not _is_consonant(word, len(word) - 2)
            and _is_consonant(word, len(word) - 1) and word[-1] not in "wxy")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Porter's step 1 on a lower-case ASCII word; other words (and words of one or two letters) are returned as is."""
    if len(word) <= 2 or not word.isascii() or not word.isalpha():
        return word
    # 1a
    if word.endswith("sses"):
        word = word[:-2]
    elif word.endswith("ies"):
        word = word[:-2]
    elif word.endswith("ss"):
        pass
    elif word.endswith("s"):
        word = word[:-1]
    # 1b
    fixup = False
    if word.endswith("eed"):
        if _measure(word[:-3]) > 0:
            word = word[:-1]
    elif word.endswith("ed") and _has_vowel(word[:-2]):
        word, fixup = word[:-2], True
    elif word.endswith("ing") and _has_vowel(word[:-3]):
        word, fixup = word[:-3], True
    if fixup:
        if word.endswith(("at", "bl", "iz")):
            word += "e"
        elif _double_consonant(word) and word[-1] not in "lsz":
            word = word[:-1]
        elif _measure(word) == 1 and _cvc(word):
            word += "e"
    # 1c
    if word.endswith("y") and _has_vowel(word[:-1]):
        word = word[:-1] + "i"
    return word


# --- Chinese numerals in document numbers --------------------------------------------------------------------------

_CN_NUMERAL = "零〇一二两三四五六七八九十百千万"  # the characters the browser's script reads in 第…号 too
_DOC_NUMBER = re.compile(f"第([{_CN_NUMERAL}]+)号")


def arabic_doc_numbers(text: str) -> str:
    """第…号 written with Chinese numerals turned into Arabic ones: 主席令第八十八号 -> 主席令第88号."""
    return _DOC_NUMBER.sub(lambda m: f"第{chinese_numeral(m.group(1))}号", text)


def keyword_variants(keyword: str) -> list[str]:
    """The keyword as given plus its Arabic-numeral spelling when it differs."""
    arabic = arabic_doc_numbers(keyword)
    return [keyword] if arabic == keyword else [keyword, arabic]


def compact(text: str) -> str:
    """Only the Han characters, letters and digits of normalised text, 第…号 in Arabic: "GB 6441-1986" -> "gb64411986"."""
    return arabic_doc_numbers("".join(run for _, run in runs(normalize(text))))


# --- Token shard of a token ----------------------------------------------------------------------------------------

def fnv1a(token: str) -> int:
    """32-bit FNV-1a over the UTF-16 code units of the token (what JavaScript strings are made of)."""
    value = 0x811C9DC5
    data = token.encode("utf-16-le")
    for i in range(0, len(data), 2):
        value ^= data[i] | (data[i + 1] << 8)
        value = (value * 0x01000193) & 0xFFFFFFFF
    return value


def token_shard(token: str, shard_count: int) -> int:
    return fnv1a(token) % shard_count


# --- Field tokens ----------------------------------------------------------------------------------------------------

@lru_cache(maxsize=131072)
def jieba_words(run: str) -> tuple[str, ...]:
    """jieba's search-mode words of a Han run that are three characters or longer (dictionary only, no HMM guesses).

    Segmented by rjieba, the binding of jieba-rs: jieba's algorithm and dictionary in Rust, the same words as the
    Python jieba 0.42 (compared on 32,000 runs of the shipped and synthetic texts) about ten times faster."""
    if len(run) < JIEBA_MIN_WORD:
        return ()
    import rjieba

    return tuple(word for word in rjieba.cut_for_search(run, False) if len(word) >= JIEBA_MIN_WORD)


def jieba_words_of_runs(han_runs: list[str]) -> list[str]:
    """``jieba_words`` of each of these Han runs, as one list, from one rjieba call: the runs joined by line breaks,
    at which jieba cuts its text (the same words as a call per run: compared on every Chinese body of N=10,000,
    whose 223,000 runs are mostly distinct, 1.9 -> 1.3 CPU-s on the loaded machine)."""
    import rjieba

    joined = "\n".join([run for run in han_runs if len(run) >= JIEBA_MIN_WORD])
    return [word for word in rjieba.cut_for_search(joined, False) if len(word) >= JIEBA_MIN_WORD] if joined else []


def text_tokens(text: str, *, title: bool = False, words: bool = True) -> list[str]:
    """Tokens of one field, with repeats (the caller counts them). ``title`` adds Han characters and word prefixes;
    ``words=False`` leaves out jieba's words (what the browser's twin of this function produces)."""
    out: list[str] = []
    # One pass over the text: Han runs, and the digit and letter parts of the Latin runs, in order (the pieces of
    # runs() and latin_parts() without a list per run).
    for han, digits, letters in _FIELD_PIECES.findall(normalize(text)):
        if han:
            if len(han) == 1:
                if title:
                    out.append(han)
                continue
            out.extend([han[i:i + 2] for i in range(len(han) - 1)])
            if title:
                out.extend(han)
            if words:
                out.extend(jieba_words(han))
        elif digits:
            out.append(digits)
        elif letters not in STOPWORDS:
            out.append(stem(letters))
            if title and len(letters) > PREFIX_MIN:
                out.extend(">" + letters[:end] for end in range(PREFIX_MIN, min(len(letters), PREFIX_MAX + 1)))
    return out


class BodyText:
    """A document body normalised, with its Latin words (the digit and letter parts of its Latin runs, in order) and
    the stem of each distinct one: made once for its tokens (body_token_counts) and for the vocabulary's Latin form
    of it (vocabulary.TextOf), instead of a findall and a stem per word for each (English N=10,000: 27 M characters
    of bodies, ~0.7 CPU-s)."""

    def __init__(self, text: str):
        self.norm = normalize(text)
        self.latin_words = LATIN_WORDS.findall(self.norm)
        self.word_counts = Counter(self.latin_words)
        self.stems = {word: stem(word) for word in self.word_counts}  # stem(digits) is the digits


def body_token_counts(body: BodyText) -> Counter:
    """``Counter(text_tokens(text))`` of a body (``title`` and ``words`` left as they are), made the cheaper way:
    Han runs found by their own pattern over the whole text, their bigrams and words counted in C (token order does
    not matter to a count), and the Latin words counted before they are stemmed (each distinct word once)."""
    han_runs = HAN_PAIR_RUNS.findall(body.norm)
    counts = Counter([run[i:i + 2] for run in han_runs for i in range(len(run) - 1)])
    counts.update(jieba_words_of_runs(han_runs))
    stems, get = body.stems, counts.get
    for word, count in body.word_counts.items():
        if word not in STOPWORDS:
            token = stems[word]
            counts[token] = get(token, 0) + count
    return counts


def keyword_tokens(keywords: tuple[str, ...] | list[str]) -> list[str]:
    """Tokens of the keyword field: each keyword's text tokens in every spelling, and ``#`` + its compact form."""
    out: list[str] = []
    for keyword in keywords:
        for variant in keyword_variants(normalize(keyword)):
            out.extend(text_tokens(variant))
            key = compact(variant)
            if key:
                out.append("#" + key)
    return out
