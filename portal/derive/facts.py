# Computed facts derived from the data at build time: regulation status and versions, accident tier, backlinks, counts.
"""Derive step: facts computed from the checked data on the build date, never typed by editors.

Regulation status and the version in force, accident tiers, backlinks (cases citing a regulation, articles relating
to a record, questions citing a regulation) and counts."""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from portal.load.dataset import Dataset


def parse_date(value) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except (TypeError, ValueError):
        return None


def regulation_status(regulation: dict, today: dt.date, superseders: list[dict] = ()) -> str:
    """Status on `today`: repealed (by date, or by a successor already in force), not yet in force, amended, in force."""
    repealed = parse_date(regulation.get("repealed"))
    if repealed and repealed <= today:
        return "repealed"
    for successor in superseders:
        start = parse_date(successor.get("effective"))
        if start and start <= today:
            return "repealed"
    effective = parse_date(regulation.get("effective"))
    if effective and effective > today:
        return "not-yet-in-force"
    for amendment in regulation.get("amendments") or []:
        in_force_from = parse_date(amendment.get("effective") or amendment.get("date"))
        if in_force_from and in_force_from <= today:
            return "amended"
    return "in-force"


@dataclass(frozen=True)
class Version:
    """One text of a regulation: the original or the text as of one amendment (修正) or revision (修订)."""

    effective: dt.date | None      # the day this text came into force: the version's identifier
    adopted: dt.date | None
    doc_number: str
    event: str                     # original | amendment | revision
    note: dict | None
    has_text: bool

    @property
    def key(self) -> str:
        return self.effective.isoformat() if self.effective else ""


def regulation_versions(regulation: dict) -> list[Version]:
    """The original text and one version per amendment, oldest first; has_text when `texts` holds its full text."""
    texts = {str(t.get("version")) for t in regulation.get("texts") or [] if isinstance(t, dict)}
    versions = [Version(parse_date(regulation.get("effective")), parse_date(regulation.get("promulgated")),
                        regulation.get("doc_number", ""), "original", None, str(regulation.get("effective")) in texts)]
    for amendment in regulation.get("amendments") or []:
        effective = parse_date(amendment.get("effective") or amendment.get("date"))
        versions.append(Version(effective, parse_date(amendment.get("date")), amendment.get("doc_number", ""),
                                amendment.get("type") or "amendment", amendment.get("note"),
                                str(effective) in texts if effective else False))
    return versions


def version_on(versions: list[Version], day: dt.date) -> Version | None:
    """The version in force on `day`: the latest whose in-force date is on or before it (None before the first)."""
    current = None
    for version in versions:
        if version.effective and version.effective <= day:
            current = version
    return current


def accident_tier(case: dict, tiers: list[dict]) -> str | None:
    """The first (most severe) tier for which ANY of deaths, serious injuries or direct loss reaches the minimum."""
    deaths = case.get("deaths") or 0
    serious = case.get("serious_injuries") or 0
    loss = case.get("direct_loss_cny") or 0
    for tier in tiers:
        if (deaths >= tier["min_deaths"] or serious >= tier["min_serious_injuries"]
                or loss >= tier["min_direct_loss_cny"]):
            return tier["id"]
    return None


def article_anchor(number: str) -> str:
    """Anchor id of a key article: "3" -> art-3, "4.2.1" -> art-4-2-1."""
    return "art-" + str(number).replace(".", "-")


@dataclass
class Citation:
    """One case citing one regulation (and maybe an article)."""

    case_id: str
    article: str | None
    note: dict | None


@dataclass
class Derived:
    """All derived data for one data set on one build date; built once per build and shared by every page."""

    dataset: Dataset
    today: dt.date
    superseded_by: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    updated: dict[tuple[str, str], dt.date] = field(default_factory=dict)  # (kind, id) -> last commit date

    def __post_init__(self):
        for reg_id, reg in self.dataset.regulations.items():
            for older in reg.get("supersedes") or []:
                self.superseded_by[older].append(reg_id)

    @cached_property
    def status(self) -> dict[str, str]:
        regs = self.dataset.regulations
        return {
            reg_id: regulation_status(reg, self.today, [regs[s] for s in self.superseded_by.get(reg_id, []) if s in regs])
            for reg_id, reg in regs.items()
        }

    @cached_property
    def versions(self) -> dict[str, list[Version]]:
        return {reg_id: regulation_versions(reg) for reg_id, reg in self.dataset.regulations.items()}

    def version_in_force(self, reg_id: str) -> Version | None:
        """The version in force today (for a repealed regulation: its last version)."""
        versions = self.versions[reg_id]
        return version_on(versions, self.today) or versions[0]

    @cached_property
    def tier(self) -> dict[str, str | None]:
        tiers = self.dataset.accident_tiers()
        return {case_id: accident_tier(case, tiers) for case_id, case in self.dataset.cases.items()}

    @cached_property
    def cited_by(self) -> dict[str, list[Citation]]:
        """Regulation id -> the cases that cite it, in case-date order."""
        result: dict[str, list[Citation]] = defaultdict(list)
        for case_id, case in sorted(self.dataset.cases.items(), key=lambda kv: str(kv[1].get("date"))):
            for ref in case.get("violations") or []:
                result[ref["regulation"]].append(Citation(case_id, ref.get("article"), ref.get("note")))
        return result

    @cached_property
    def articles_citing(self) -> dict[tuple[str, str], list[str]]:
        """(kind, id) of a regulation/case/article -> ids of management articles that relate to it."""
        result: dict[tuple[str, str], list[str]] = defaultdict(list)
        for art_id, art in sorted(self.dataset.articles.items()):
            related = art.get("related") or {}
            for ref in related.get("regulations") or []:
                key = ("regulations", ref["regulation"])
                if art_id not in result[key]:
                    result[key].append(art_id)
            for case_id in related.get("cases") or []:
                result[("cases", case_id)].append(art_id)
            for other in related.get("articles") or []:
                result[("articles", other)].append(art_id)
        for case_id, case in self.dataset.cases.items():
            for art_id in case.get("related_articles") or []:
                if art_id not in result[("cases", case_id)]:
                    result[("cases", case_id)].append(art_id)
        return result

    @cached_property
    def quiz_by_regulation(self) -> dict[str, list[str]]:
        result: dict[str, list[str]] = defaultdict(list)
        for quiz_id, question in sorted(self.dataset.quiz.items()):
            cites = question.get("cites") or {}
            if cites.get("regulation"):
                result[cites["regulation"]].append(quiz_id)
        return result

    def counts(self) -> dict[str, int]:
        return {kind: len(records) for kind, records in self.dataset.records.items()}
