# The layers' vocabularies (read by the load step) as {name: [term, ...]}; looks cells up by id, label or code.
"""Vocabularies for drop-downs and for reading cells.

`load_vocabularies(layer/vocab, ...)` returns {name: [{id, label: {zh, en}}, ...]}:
- a file with `terms:` gives vocabulary <file stem> (industries, topics, ...);
- a file with `tiers:` gives <file stem> (accident-tiers);
- a file with `schemes:` gives <file stem> with every scheme's terms (each term carries `group`: its scheme
  id, and `code`) and <file stem>.schemes with the schemes themselves (accident-types.schemes).
Files of any other shape (service-numbers.yml) are not vocabularies of terms and are left out.
"""
from __future__ import annotations

import difflib
import re
import unicodedata
from pathlib import Path

from portal.records.layers import read_vocabularies
from portal.tables.columns import BUILTIN_VOCABULARIES


class VocabularyError(Exception):
    """A vocabulary file could not be read; carries the problems as printable lines."""


def load_vocabularies(*vocab_dirs: Path | str) -> dict[str, list[dict]]:
    """Vocabularies of the data layers whose `vocab/` folders are given, read and merged by the load step
    (portal.records.layers.read_vocabularies: the shipped vocabularies first; a later layer adds terms, an id already
    known stays). Raises VocabularyError listing every problem of reading a vocabulary file."""
    values, problems = read_vocabularies(tuple(Path(folder).parent for folder in vocab_dirs))
    if problems:
        raise VocabularyError("\n".join(str(p) for p in problems))
    out: dict[str, list[dict]] = {}
    for name, value in values.items():
        if isinstance(value.get("terms"), list):
            out[name] = [_term(t) for t in value["terms"] if isinstance(t, dict)]
        elif isinstance(value.get("tiers"), list):
            out[name] = [_term(t) for t in value["tiers"] if isinstance(t, dict)]
        elif isinstance(value.get("schemes"), list):
            schemes = [s for s in value["schemes"] if isinstance(s, dict)]
            out[f"{name}.schemes"] = [_term(s) for s in schemes]
            out[name] = [dict(_term(t), group=s.get("id")) for s in schemes for t in s.get("terms") or []
                         if isinstance(t, dict)]
    return out


def _term(raw: dict) -> dict:
    label = raw.get("label") if isinstance(raw.get("label"), dict) else {}
    term = {"id": raw.get("id"), "label": {"zh": label.get("zh", ""), "en": label.get("en", "")}}
    if raw.get("code") is not None:
        term["code"] = str(raw["code"])
    return term


def with_builtins(vocabularies: dict[str, list[dict]] | None) -> dict[str, list[dict]]:
    """The given vocabularies plus the schema enums (source kinds, regulation statuses, amendment types)."""
    merged = dict(BUILTIN_VOCABULARIES)
    merged.update(vocabularies or {})
    return merged


def normalise(text: str) -> str:
    """Key for loose matching: full-width forms folded, spaces removed, case ignored."""
    if text.isascii():   # NFKC leaves ASCII as it is; casefold is lower for ASCII
        return "".join(text.split()).lower()
    return "".join(unicodedata.normalize("NFKC", text).split()).casefold()


# The suffix of a provincial-level division's full name (江苏省, 北京市, 广西壮族自治区, 香港特别行政区).
ADMINISTRATIVE_SUFFIX = re.compile(r"(?:省|市|(?:壮族|回族|维吾尔)?自治区|特别行政区)$")


class Vocabulary:
    """Look-ups for one vocabulary: id, Chinese label, English label, code -> term id, optionally within a group."""

    def __init__(self, name: str, terms: list[dict]):
        self.name = name
        self.terms = terms
        self.ids = {t["id"] for t in terms}
        self._keys: dict[str, set[tuple]] = {}
        self._labels: dict[tuple, str] = {}
        for term in terms:
            entry = (term.get("group"), term["id"])
            for key in (term["id"], term["label"].get("zh"), term["label"].get("en"), term.get("code")):
                if key:
                    self._keys.setdefault(normalise(str(key)), set()).add(entry)
        for term in terms:   # the short name ledgers write (江苏 for 江苏省, 广西 for 广西壮族自治区), when it names no other
            short = ADMINISTRATIVE_SUFFIX.sub("", term["label"].get("zh") or "")
            if len(short) >= 2 and normalise(short) not in self._keys:
                self._keys[normalise(short)] = {(term.get("group"), term["id"])}

    def lookup(self, value: str, group: str | None = None) -> tuple[str | None, list[str]]:
        """(term id, []) when found; (None, candidate ids) when ambiguous; (None, []) when unknown."""
        found = self._keys.get(normalise(value), set())
        if group is not None:
            found = {e for e in found if e[0] == group}
        ids = sorted({e[1] for e in found})
        if len(ids) == 1:
            return ids[0], []
        return None, ids

    def label(self, term_id: str, group: str | None = None) -> str:
        """The Chinese label when it names only this term (in the group), else the id itself (each answer worked out
        once: an export asks for the same few terms on every row)."""
        key = (term_id, group)
        try:
            known = self._labels.get(key)
        except TypeError:   # a value no vocabulary holds (a list, a mapping): nothing to remember
            return self._label(term_id, group)
        if known is None:
            known = self._labels[key] = self._label(term_id, group)
        return known

    def _label(self, term_id: str, group: str | None) -> str:
        for term in self.terms:
            if term["id"] == term_id and (group is None or term.get("group") == group):
                zh = term["label"].get("zh")
                if zh and self.lookup(zh, group)[0] == term_id:
                    return zh
                return term_id
        return term_id

    def labels(self) -> list[str]:
        """Chinese labels for a drop-down, each once, in vocabulary order."""
        seen: list[str] = []
        for term in self.terms:
            zh = term["label"].get("zh") or term["id"]
            if zh not in seen:
                seen.append(zh)
        return seen

    def suggestions(self, value: str, limit: int = 3) -> list[str]:
        """Labels the value is part of, or that are part of it (四川 -> 四川省); else the closest ones."""
        labels = self.labels()
        contained = [label for label in labels if label in value or value in label]
        return contained[:limit] or difflib.get_close_matches(value, labels, n=limit, cutoff=0.6)


class VocabSet:
    """All vocabularies of an import or export, built once each when first needed."""

    def __init__(self, vocabularies: dict[str, list[dict]] | None):
        self.raw = with_builtins(vocabularies)
        self._built: dict[str, Vocabulary] = {}

    def __contains__(self, name: str) -> bool:
        return name in self.raw

    def get(self, name: str) -> Vocabulary:
        if name not in self._built:
            if name not in self.raw:
                raise KeyError(f"vocabulary {name!r} is not loaded: pass it in `vocabularies` "
                               f"(data/vocab/{name.split('.')[0]}.yml)")
            self._built[name] = Vocabulary(name, self.raw[name])
        return self._built[name]
