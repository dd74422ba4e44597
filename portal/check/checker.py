# Semantic check helpers shared by every kind: vocabulary terms, references, dates, sources; each problem on its line.
"""Check step, part 2: the Checker collects semantic problems; kind modules call its helpers from Kind.check()."""
from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlsplit

import phonenumbers

from portal.check.problems import Problem, Warning_
from portal.text import parse_date
from portal.load.yamlsafe import LoadedFile, dotted


class Checker:
    """Semantic checks over a whole data set; each problem is tied to a file, line and field."""

    def __init__(self, dataset, today: dt.date, production: bool, bilingual: bool = True):
        self.dataset = dataset
        self.today = today
        self.production = production
        self.bilingual = bilingual
        self.problems: list[Problem] = []
        self.warnings: list[Warning_] = []
        self.source_quality: dict[str, dict[str, int]] = {}
        hosts = dataset.vocab.get("source-hosts") or {}
        self._hosts = {group: [h["host"].lower() for h in hosts.get(group) or [] if isinstance(h, dict) and h.get("host")]
                       for group in ("official", "trusted", "denied")}

    def add(self, loaded: LoadedFile, path: tuple, zh: str, en: str, code: str = "check") -> None:
        self.problems.append(Problem(loaded.rel_path, loaded.line_of(path), dotted(path) or "(file)", f"{zh} / {en}", code))

    def warn(self, loaded: LoadedFile, path: tuple, zh: str, en: str, code: str = "check.warning") -> None:
        self.warnings.append(Warning_(loaded.rel_path, loaded.line_of(path), dotted(path) or "(file)", f"{zh} / {en}", code))

    # -- vocabulary references -------------------------------------------------
    def term(self, loaded, path, value, vocab_name: str) -> None:
        if value is None or vocab_name in self.dataset.broken_vocabularies:
            return  # a vocabulary that failed its schema is reported there; its terms are not guessed at
        terms = self.dataset.terms(vocab_name)
        if value not in terms:
            sample = ", ".join(list(terms)[:12])
            self.add(loaded, path, f"{value!r} 不是 data/vocab/{vocab_name}.yml 中的词条",
                     f"{value!r} is not a term in data/vocab/{vocab_name}.yml; use one of: {sample}"
                     + (" ..." if len(terms) > 12 else ""), "ref.unknown-term")

    def terms(self, loaded, path, values, vocab_name: str) -> None:
        for index, value in enumerate(values or []):
            self.term(loaded, path + (index,), value, vocab_name)

    def record_ref(self, loaded, path, value, folder: str) -> bool:
        if value is None:
            return False
        if (folder, value) in self.dataset.failed_records:
            return False  # the record exists but has problems of its own (reported in its file)
        if value not in self.dataset.records[folder]:
            self.add(loaded, path, f"引用的记录 {value!r} 不存在于 data/{folder}/",
                     f"refers to {value!r}, but there is no data/{folder}/{value}.yml: fix the ID or add the record",
                     "ref.missing-record")
            return False
        return True

    def require(self, loaded: LoadedFile, record: dict, fields: tuple, why: str) -> None:
        """Fields the schema leaves optional (a source may not give them) but this data set must have."""
        for name in fields:
            if record.get(name) in (None, [], {}):
                self.add(loaded, (name,), f"缺少字段 {name}（{why}必须填写）",
                         f"missing field '{name}': {why} needs it (an organisation's own layer may leave it out and "
                         "the page then says 'not stated')", "required.strict")

    def date_not_future(self, loaded, path, value, what: str) -> None:
        date = parse_date(value)
        if date and date > self.today:
            self.add(loaded, path, f"{what}不能晚于今天（{self.today}）", f"{what} {date} is after today ({self.today})",
                     "date.future")

    def unique_numbers(self, loaded, path: tuple, items: list, what: str) -> None:
        seen: dict[str, int] = {}
        for index, item in enumerate(items or []):
            number = item.get("number") if isinstance(item, dict) else None
            if number in seen:
                self.add(loaded, path + (index, "number"), f"第 {number} 条重复出现",
                         f"{what} {number} is listed twice (also item {seen[number]}): merge them", "dup.article")
            elif number is not None:
                seen[number] = index

    def phone_is_valid(self, number: str, service_numbers: dict | None = None) -> bool:
        """A national short service number of the data set's vocabulary, or a valid mainland China number."""
        return phone_is_valid(number, self.dataset.service_numbers() if service_numbers is None else service_numbers)

    # -- sources ----------------------------------------------------------------
    def host_group(self, url: str) -> str:
        """official | trusted | denied | other, by the URL's host (a listed host matches its sub-domains)."""
        host = (urlsplit(url).hostname or "").lower()
        for group in ("denied", "official", "trusted"):
            for listed in self._hosts[group]:
                if host == listed or host.endswith("." + listed):
                    return group
        return "other"

    def sources(self, loaded: LoadedFile, record: dict, kind: str) -> None:
        for index, source in enumerate(record.get("sources") or []):
            if not isinstance(source, dict):
                continue
            self.date_not_future(loaded, ("sources", index, "date"), source.get("date"), "来源日期 / source date")
            self.date_not_future(loaded, ("sources", index, "accessed"), source.get("accessed"), "访问日期 / access date")
            url = source.get("url")
            if not isinstance(url, str):
                continue
            group = self.host_group(url)
            counts = self.source_quality.setdefault(kind, {"official": 0, "trusted": 0, "other": 0, "denied": 0})
            counts[group] += 1
            if group == "denied":
                self.add(loaded, ("sources", index, "url"), "该网站在禁用名单中（垃圾/无关网站），请改引官方或可信来源",
                         f"{urlsplit(url).hostname} is on the deny list (data/vocab/source-hosts.yml): cite the "
                         "official page or a reputable news site instead", "source.denied")
            elif group == "other" and source.get("kind") in ("official-text", "investigation-report"):
                self.warn(loaded, ("sources", index, "url"), "标为官方文本/调查报告，但网站不在官方名单中",
                          f"labelled {source.get('kind')} but {urlsplit(url).hostname} is not an official host: link "
                          "the official page, or add the host to data/vocab/source-hosts.yml if it is official",
                          "source.unknown-official-host")


def phone_is_valid(number: str, service_numbers: dict) -> bool:
    """A national short service number from the vocabulary, or a number libphonenumber accepts for mainland China."""
    digits = re.sub(r"[\s-]", "", number)
    if digits in service_numbers:
        return True
    if len(digits) < 7:
        return False
    try:
        parsed = phonenumbers.parse(digits, "CN")
    except phonenumbers.NumberParseException:
        return False
    # A directory is dialled in mainland China: +1 …, +852 … are other countries' numbers, not accepted as its own.
    return (parsed.country_code == 86 and phonenumbers.is_valid_number(parsed)
            and not landline_without_trunk_zero(digits))


def landline_without_trunk_zero(number: str) -> str:
    """For a mainland landline written without its leading 0 (8945821234, as a spreadsheet keeps a number), the
    number with the 0 restored (08945821234); "" otherwise. libphonenumber accepts both; a card must print the 0."""
    digits = re.sub(r"[\s-]", "", number)
    if not digits.isdigit() or digits.startswith(("0", "86")):
        return ""
    try:
        parsed = phonenumbers.parse(digits, "CN")
    except phonenumbers.NumberParseException:
        return ""
    if phonenumbers.number_type(parsed) not in (phonenumbers.PhoneNumberType.FIXED_LINE,
                                                phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE):
        return ""
    return "0" + number.strip()
