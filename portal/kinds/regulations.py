# Record kind: regulations and standards (model) — names, checks, status and versions, supersedes graph, sheet.
"""Regulations and standards (data/regulations/): laws, administrative regulations, rules and standards.

Status and the version in force are computed from the dates (derived facts `status`, `versions`, `superseded_by`);
versions (original, 修正 amendment, 修订 revision) come from `amendments[].type`. The page (views/regulations.py)
shows the version in force first, the full official text with an anchor per article (#art-N), the key articles,
the version history and backlinks."""
from __future__ import annotations

import datetime as dt
import graphlib
import re
from collections import defaultdict
from dataclasses import dataclass

from portal.kinds.base import Kind
from portal.records.problems import Problem
from portal.text import parse_date

NAME = "regulations"


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
    """One text of a regulation: the original or the text as of one amendment (修正) or revision (修订).

    `effective` is None when neither the record nor a rule gives the in-force date: the version is then shown as
    施行日期不详 / in-force date not stated, never as in force on its adoption date; `inferred` names the rule
    (schema: effective_inferred) when the date was inferred rather than stated."""

    effective: dt.date | None      # the day this text came into force: the version's identifier
    adopted: dt.date | None
    doc_number: str
    event: str                     # original | amendment | revision
    note: dict | None
    has_text: bool
    inferred: str | None = None

    @property
    def key(self) -> str:
        return self.effective.isoformat() if self.effective else undated_key(self.adopted)

    @property
    def start(self) -> dt.date | None:
        """The earliest day it can have been in force: its in-force date, else (not stated) its adoption."""
        return self.effective or self.adopted


def undated_key(adopted) -> str:
    """Key (and page name) of a version whose in-force date is not known: undated-<adoption date>, or undated."""
    return f"undated-{adopted}" if adopted else "undated"


def text_key(text: dict) -> str:
    """The version a `texts` item is: its `version` (in-force date), or undated-<adopted> when that is not known."""
    if text.get("version"):
        return str(text["version"])
    return undated_key(text.get("adopted"))


def version_keys(regulation: dict) -> dict[str, bool]:
    """Key of every version the record lists (the original and each amendment) -> True when its date is known."""
    original_date = regulation.get("promulgated") or regulation.get("adopted")
    keys = {str(regulation["effective"]) if regulation.get("effective") else undated_key(original_date):
            bool(regulation.get("effective"))}
    for amendment in regulation.get("amendments") or []:
        if amendment.get("effective"):
            keys[str(amendment["effective"])] = True
        else:
            keys.setdefault(undated_key(amendment.get("date")), False)
    return keys


def regulation_versions(regulation: dict) -> list[Version]:
    """The original text and one version per amendment, oldest first; has_text when `texts` holds its full text."""
    texts = {text_key(t) for t in regulation.get("texts") or [] if isinstance(t, dict)}
    versions = [Version(parse_date(regulation.get("effective")),
                        parse_date(regulation.get("promulgated") or regulation.get("adopted")),
                        regulation.get("doc_number", ""), "original", None, False, regulation.get("effective_inferred"))]
    for amendment in regulation.get("amendments") or []:
        versions.append(Version(parse_date(amendment.get("effective")), parse_date(amendment.get("date")),
                                amendment.get("doc_number", ""), amendment.get("type") or "amendment",
                                amendment.get("note"), False, amendment.get("effective_inferred")))
    return [Version(v.effective, v.adopted, v.doc_number, v.event, v.note, v.key in texts, v.inferred)
            for v in versions]


def version_on(versions: list[Version], day: dt.date) -> Version | None:
    """The version in force on `day`: the latest that began on or before it (None before the first). A version whose
    in-force date is not stated counts from its adoption: it is the one in force after that, as far as is known."""
    current = None
    for version in versions:
        if version.start and version.start <= day:
            current = version
    return current


def version_in_force(derived, reg_id: str) -> Version | None:
    """The version in force on the build date (for a repealed regulation: its last version)."""
    versions = derived.versions[reg_id]
    return version_on(versions, derived.today) or versions[0]


def compare_src(reg_id: str, from_key: str, to_key: str) -> str:
    """Source path of the 新旧对照 page of two consecutive versions: regulations/<id>/compare/<from>..<to>.md."""
    return f"{NAME}/{reg_id}/compare/{from_key}..{to_key}.md"


def text_print_src(reg_id: str, version_key: str) -> str:
    """Source path of the printable full text of one version: regulations/<id>/<version>/print.md."""
    return f"{NAME}/{reg_id}/{version_key}/print.md"


def comparable_pairs(record: dict, versions: list[Version]) -> list[tuple[str, str]]:
    """(old key, new key) of every two consecutive versions that both have a full text with articles."""
    texts = texts_by_version(record)
    with_articles = [bool(v.has_text and (texts.get(v.key) or {}).get("articles")) for v in versions]
    return [(versions[i].key, versions[i + 1].key) for i in range(len(versions) - 1)
            if with_articles[i] and with_articles[i + 1] and versions[i].key != versions[i + 1].key]


def article_in_version(derived, reg_id: str, number: str, from_key: str, to_key: str) -> tuple[str, str | None]:
    """Follow an article of version `from_key` to version `to_key` through the 新旧对照 alignments of the versions
    between them: (class, number there). The class is the first change met on the way (renumbered / changed) or
    unchanged; ("added", None) when the article did not exist yet, ("deleted", None) when it no longer exists,
    ("unknown", None) when some step between the two versions has no comparison (a version without text)."""
    keys = [v.key for v in derived.versions[reg_id]]
    if from_key not in keys or to_key not in keys:
        return "unknown", None
    start, end = keys.index(from_key), keys.index(to_key)
    comparisons = derived.comparisons.get(reg_id, {})
    step = 1 if end >= start else -1
    current, worst = str(number), "unchanged"
    for index in range(start, end, step):
        pair = (keys[index], keys[index + 1]) if step == 1 else (keys[index - 1], keys[index])
        alignment = comparisons.get(pair)
        if alignment is None:
            return "unknown", None
        kind, current = (alignment.new_number_of(current) if step == 1 else alignment.old_number_of(current))
        if current is None:
            return kind, None
        if kind != "unchanged" and worst != "changed":
            worst = kind
    return worst, current


def citation_text(record: dict, number: str, lang: str) -> str:
    """How an article is cited: 《中华人民共和国安全生产法》第二十一条; Work Safety Law of the PRC, Article 21."""
    from portal.records.numerals import numeral_words

    title = record.get("title") or {}
    number = str(number)
    match = re.fullmatch(r"(\d+)(?:-(\d+))?", number)
    if lang == "zh":
        if match:
            words = "第" + numeral_words(int(match.group(1))) + "条"
            if match.group(2):
                words += "之" + numeral_words(int(match.group(2)))
        else:
            words = number
        return f"《{title.get('zh') or title.get('en', '')}》{words}"
    name = (title.get("en") or title.get("zh") or "").replace("People's Republic of China", "PRC")
    return f"{name}, {'Article ' + number if match else number}"


def article_anchor(number: str) -> str:
    """Anchor id of a key article: "3" -> art-3, "4.2.1" -> art-4-2-1."""
    return "art-" + str(number).replace(".", "-")


def texts_by_version(record: dict) -> dict[str, dict]:
    """Version key (in-force date, or undated-<adopted>) -> that version's text."""
    return {text_key(t): t for t in record.get("texts") or []}


def issuer_name(record: dict) -> str | None:
    issuer = record.get("issuer") or {}
    return (issuer.get("zh") or issuer.get("en") or "") if issuer else None


def article_ref(checker, loaded, path: tuple, ref: dict) -> None:
    """A reference to a regulation and maybe one of its articles: a key article or one of any full text."""
    if not isinstance(ref, dict):
        return
    reg_id = ref.get("regulation")
    if not checker.record_ref(loaded, path + ("regulation",), reg_id, NAME):
        return
    number = ref.get("article")
    if number is None:
        return
    regulation = checker.dataset.records[NAME][reg_id]
    numbers = [a.get("number") for a in regulation.get("articles") or [] if isinstance(a, dict)]
    full = {a.get("number") for t in regulation.get("texts") or [] if isinstance(t, dict)
            for a in t.get("articles") or [] if isinstance(a, dict)}
    if str(number) not in numbers and str(number) not in full:
        listed = ", ".join(map(str, numbers)) or "none"
        checker.add(loaded, path + ("article",), f"{reg_id} 中没有第 {number} 条",
                 f"article {number} is not among the key articles of {reg_id} (listed: {listed}) nor in its "
                 f"full text: add it to data/regulations/{reg_id}.yml or cite another article", "ref.missing-article")


def article_texts(regulation: dict, number) -> list[tuple[str, bool]]:
    """Every Chinese text of one article of a regulation: its key article and the article in each full text, each
    with whether it is verbatim (a summary is not)."""
    texts: list[tuple[str, bool]] = []
    for article in regulation.get("articles") or []:
        if isinstance(article, dict) and str(article.get("number")) == str(number):
            zh = (article.get("text") or {}).get("zh") if isinstance(article.get("text"), dict) else None
            if isinstance(zh, str):
                texts.append((zh, article.get("verbatim") is True))
    for version in regulation.get("texts") or []:
        if not isinstance(version, dict):
            continue
        for article in version.get("articles") or []:
            if isinstance(article, dict) and str(article.get("number")) == str(number) and isinstance(article.get("text"), str):
                texts.append((article["text"], version.get("verbatim") is True))
    return texts


# -- derived facts ---------------------------------------------------------------------------------------------------
def superseded_by(regulations: dict) -> dict[str, list[str]]:
    """Regulation id -> the ids of the regulations that say they supersede it."""
    result: dict[str, list[str]] = defaultdict(list)
    for reg_id, reg in regulations.items():
        for older in reg.get("supersedes") or []:
            result[older].append(reg_id)
    return result


def statuses(regulations: dict, today: dt.date, successors: dict[str, list[str]]) -> dict[str, str]:
    """Regulation id -> its status on `today` (a successor in force repeals it)."""
    return {reg_id: regulation_status(reg, today, [regulations[s] for s in successors.get(reg_id, [])
                                                   if s in regulations])
            for reg_id, reg in regulations.items()}


def _superseded_by(derived) -> dict[str, list[str]]:
    return superseded_by(derived.dataset.records[NAME])


def _status(derived) -> dict[str, str]:
    return statuses(derived.dataset.records[NAME], derived.today, derived.superseded_by)


def _versions(derived) -> dict[str, list[Version]]:
    return {reg_id: regulation_versions(reg) for reg_id, reg in derived.dataset.records[NAME].items()}


def _comparisons(derived) -> dict[str, dict[tuple[str, str], object]]:
    """Regulation id -> {(old key, new key): Alignment} of its consecutive versions with texts (新旧对照)."""
    from portal.derive.compare import align

    result = {}
    for reg_id, record in derived.dataset.records[NAME].items():
        texts = texts_by_version(record)
        pairs = comparable_pairs(record, derived.versions[reg_id])
        if pairs:
            result[reg_id] = {(old, new): align(texts[old]["articles"], texts[new]["articles"]) for old, new in pairs}
    return result


def _normal_title(title) -> str:
    text = (title or {}).get("zh") or (title or {}).get("en") or ""
    return re.sub(r"[\s（）()《》]", "", text)


class Regulations(Kind):
    name = NAME
    schema = "regulation.schema.json"
    template = ""  # the regulation page is written in Python: portal/pages/regulation_page.py
    view = "portal.kinds.views.regulations:VIEW"
    names = {"zh": "法规标准", "en": "Regulations and standards"}
    nav_title = {"zh": "法规标准", "en": "Regulations"}
    topic_column = True
    search_label = {"zh": "法规", "en": "Regulation"}
    file_hints = ("regulation", "law", "法规", "法律", "条例")
    facts = {"superseded_by": _superseded_by, "status": _status, "versions": _versions, "comparisons": _comparisons}

    # -- check ----------------------------------------------------------------------------------------------------
    def check(self, checker, reg_id, reg, loaded):
        if checker.bilingual:
            checker.require(loaded, reg, ("summary", "topics", "issuer", "effective"), "shipped reference content")
        checker.term(loaded, ("level",), reg.get("level"), "regulation-levels")
        checker.terms(loaded, ("topics",), reg.get("topics"), "topics")
        checker.terms(loaded, ("industries",), reg.get("industries"), "industries")
        promulgated, effective = parse_date(reg.get("promulgated")), parse_date(reg.get("effective"))
        if promulgated and effective and effective < promulgated:
            checker.add(loaded, ("effective",), "施行日期早于公布日期",
                        f"effective date {effective} is before the promulgation date {promulgated}", "date.order")
        checker.date_not_future(loaded, ("promulgated",), reg.get("promulgated"), "公布日期 / promulgation date")
        previous = promulgated
        for index, amendment in enumerate(reg.get("amendments") or []):
            adopted = parse_date(amendment.get("date"))
            in_force = parse_date(amendment.get("effective"))
            if adopted and previous and adopted < previous:
                checker.add(loaded, ("amendments", index, "date"), "修订日期应晚于公布日期和前一次修订，按时间先后排列",
                            f"amendment date {adopted} is before {previous}: list amendments oldest first, after promulgation",
                            "date.order")
            if adopted and in_force and in_force < adopted:
                checker.add(loaded, ("amendments", index, "effective"), "修订施行日期早于修订日期",
                            f"amended text in force {in_force} before it was adopted {adopted}", "date.order")
            previous = adopted or previous
        versions = version_keys(reg)
        repealed = parse_date(reg.get("repealed"))
        if repealed and effective and repealed < effective:
            checker.add(loaded, ("repealed",), "废止日期早于施行日期",
                        f"repealed {repealed} before it came into force {effective}", "date.order")
        for index, older in enumerate(reg.get("supersedes") or []):
            if older == reg_id:
                checker.add(loaded, ("supersedes", index), "不能替代自身", "a regulation cannot supersede itself", "ref.self")
            else:
                checker.record_ref(loaded, ("supersedes", index), older, NAME)
        checker.unique_numbers(loaded, ("articles",), reg.get("articles"), "article")
        seen_versions = set()
        for t_index, text in enumerate(reg.get("texts") or []):
            key = text_key(text)
            if key not in versions:
                where = "version" if text.get("version") else "adopted"
                checker.add(loaded, ("texts", t_index, where), f"版本 {key} 不是本法规或其修改的施行日期（或未注明施行日期的修改）",
                            f"version {key} is not the in-force date of the record or of one of its amendments, nor "
                            f"undated-<date> of an amendment (or original) without one ({', '.join(sorted(versions)) or 'none'}): "
                            "use one of those", "text.unknown-version")
            if key in seen_versions:
                checker.add(loaded, ("texts", t_index, "version"), f"版本 {key} 的全文出现两次",
                            f"the full text of version {key} is given twice: keep one", "dup.text")
            seen_versions.add(key)
            checker.unique_numbers(loaded, ("texts", t_index, "articles"), text.get("articles"), "article")
        checker.sources(loaded, reg, self.name)


    # -- checks across the set ---------------------------------------------------------------------------------------
    def check_all(self, dataset, today):
        return (self._status_checks(dataset, today) + self._supersede_cycles(dataset)
                + self._duplicate_statutes(dataset))

    def _status_checks(self, dataset, today) -> list[Problem]:
        """A stated status must agree with the one computed from the dates."""
        problems = []
        regulations = dataset.records[NAME]
        computed = statuses(regulations, today, superseded_by(regulations))
        for reg_id, reg in regulations.items():
            stated = reg.get("status")
            if stated and stated != computed.get(reg_id):
                loaded = dataset.record_files[(NAME, reg_id)]
                problems.append(Problem(loaded.rel_path, loaded.line_of(("status",)), "status",
                                        f"填写的状态 {stated} 与按日期计算的 {computed.get(reg_id)} 不一致 / stated status "
                                        f"{stated} disagrees with {computed.get(reg_id)}, computed from the dates on "
                                        f"{today}: remove 'status' or correct the dates", "computed.mismatch"))
        return problems

    def _supersede_cycles(self, dataset) -> list[Problem]:
        """Every cycle in the supersedes graph, through any entry of the lists (graphlib finds one; remove, repeat)."""
        regulations = dataset.records[NAME]
        graph = {reg_id: {s for s in (reg.get("supersedes") or []) if isinstance(s, str) and s in regulations
                          and s != reg_id}
                 for reg_id, reg in regulations.items()}
        problems = []
        while True:
            try:
                graphlib.TopologicalSorter(graph).prepare()
                return problems
            except graphlib.CycleError as error:
                cycle = error.args[1]  # [a, b, ..., a]
                start = min(cycle[:-1])
                loaded = dataset.record_files[(NAME, start)]
                problems.append(Problem(loaded.rel_path, loaded.line_of(("supersedes",)), "supersedes",
                                        "替代关系形成循环 / the supersedes chain loops back: "
                                        + " -> ".join(reversed(cycle)), "graph.cycle"))
                for node in cycle[:-1]:
                    graph[node] = set()

    def _duplicate_statutes(self, dataset) -> list[Problem]:
        """Two records of the same statute and version (same title and in-force date) are one record too many."""
        seen: dict[tuple[str, str], str] = {}
        problems = []
        for reg_id, reg in sorted(dataset.records[NAME].items()):
            if not isinstance(reg, dict) or not _normal_title(reg.get("title")):
                continue
            key = (_normal_title(reg.get("title")), str(reg.get("effective")))
            if key in seen:
                loaded = dataset.record_files[(NAME, reg_id)]
                problems.append(Problem(loaded.rel_path, loaded.line_of(("title",)), "title",
                                        f"与 {seen[key]} 是同一法规的同一版本 / same statute and version as {seen[key]}: "
                                        "merge them (a later text is an amendment of the same record)", "dup.statute"))
            else:
                seen[key] = reg_id
        return problems

    # -- facts about records ---------------------------------------------------------------------------------------
    def search_texts(self, record):
        return [record.get("summary"), record.get("short_title"), record.get("notes")]

    def search_keywords(self, record):
        numbers = [record.get("doc_number", "")] + [a.get("doc_number", "") for a in record.get("amendments") or []]
        return [n for n in numbers if n]

    def long_texts(self, record):
        return (a["text"] for a in record.get("articles") or [])

    def dates(self, record):
        dates = [record.get("effective"), record.get("promulgated"), record.get("repealed")]
        dates += [a.get("effective") or a.get("date") for a in record.get("amendments") or []]
        return dates + super().dates(record)

    def references(self, record):
        return [(NAME, r) for r in record.get("supersedes") or []]

    def backlinks(self, reg_id, derived):
        yield from (("cases", c.case_id) for c in derived.cited_by.get(reg_id, []))
        yield from (("quiz", q) for q in derived.quiz_by_regulation.get(reg_id, []))
        yield from ((NAME, r) for r in derived.superseded_by.get(reg_id, []))

    def summary(self, derived):
        full = sum(1 for record in derived.dataset.records[NAME].values() if record.get("texts"))
        return [f"regulations with full text: {full}"]

    def list_flags(self, reg_id, derived):
        return {"status": derived.status[reg_id]}

    def url_names(self, records):
        return {name for record in records.values() if (name := issuer_name(record)) is not None}

    def computed(self, reg_id, derived):
        version = version_in_force(derived, reg_id)
        return {"status": derived.status[reg_id], "superseded_by": derived.superseded_by.get(reg_id, []),
                "version_in_force": version.key if version else None,
                "cited_by_cases": [c.case_id for c in derived.cited_by.get(reg_id, [])]}


    # -- spreadsheet --------------------------------------------------------------------------------------------
    def sheet(self):
        """The workbook of regulations: one row per regulation; amendments, key articles, full texts, sources."""
        from portal.tables.columns import TOPICS_HELP, id_column, sources_sheet
        from portal.tables.spec import ChildSheet, Column, KindSpec

        return KindSpec(
            kind=self.name, schema=self.schema, zh="法规标准", en="Regulations",
            key_zh="法规编号", key_en="Regulation ID",
            not_covered=(("texts[].sections[].heading", "a text without 第X条 articles (a reply, a case) comes from import-statute, not from a sheet"), ("texts[].sections[].text", "a text without 第X条 articles (a reply, a case) comes from import-statute, not from a sheet")),
            columns=(
                id_column("法规编号", "Regulation ID"),
                Column("title", "名称", "Title", "text_both", required=True, aliases=("法规名称", "标准名称", "文件名称"),
                       example=("示例：××安全管理规定", "Example: XX safety provisions")),
                Column("short_title", "简称", "Short title", "text_both"),
                Column("level", "层级", "Level", "vocab:regulation-levels", required=True,
                       aliases=("效力级别", "法规层级", "效力层级"), example="departmental-rule"),
                Column("issuer", "发布机关", "Issuer", "text_both", required=False, aliases=("发布部门", "颁布机关", "制定机关"),
                       example=("示例：××部", "Example: Ministry of XX")),
                Column("doc_number", "文号", "Document number", "text", aliases=("发文字号", "标准号", "文号/标准号"),
                       help_zh="照原样填写；未核实的请留空", help_en="Exactly as published; leave blank if not verified"),
                Column("promulgated", "公布日期", "Promulgated", "date", past_only=True, aliases=("发布日期", "颁布日期"),
                       example="2025-05-12"),
                Column("adopted", "通过日期", "Adopted", "date", past_only=True, aliases=("批准日期",),
                       help_zh="通过或批准的日期（公布日期另填）", help_en="Date adopted or approved (not the promulgation date)"),
                Column("effective", "施行日期", "Effective", "date", required=False, aliases=("实施日期", "生效日期"),
                       example="2025-07-01"),
                Column("effective_inferred", "施行日期推定依据", "Effective date inferred by", "text",
                       help_zh="文本未写明施行日期、按规则推定时填规则名（publication-day 等，见导入说明）",
                       help_en="Only when the date is inferred: the rule (publication-day, decision-publication, ...)"),
                Column("repealed", "废止日期", "Repealed", "date", aliases=("失效日期",)),
                Column("supersedes", "取代的法规", "Supersedes", "id-list",
                       help_zh="被本法规取代的法规编号，每行一个", help_en="IDs of regulations this one replaces, one per line"),
                Column("status", "状态", "Status", "vocab:regulation-statuses", aliases=("时效性", "效力状态"),
                       help_zh="可不填：按日期自动计算；填写则须一致", help_en="Optional: computed from the dates; if given it must agree"),
                Column("topics", "主题", "Topics", "vocab-list:topics", required=False, help_zh=TOPICS_HELP[0],
                       help_en=TOPICS_HELP[1], example="safety-responsibility"),
                Column("industries", "适用行业", "Industries", "vocab-list:industries", aliases=("行业",),
                       help_zh=TOPICS_HELP[0], help_en=TOPICS_HELP[1], example="general"),
                Column("summary", "内容摘要", "Summary", "text_both", required=False, aliases=("摘要", "主要内容"),
                       example=("示例：用自己的话概述。", "Example: a summary in your own words.")),
                Column("notes", "备注", "Notes", "text_both"),
            ),
            children=(
                ChildSheet("amendments", "修订记录", "Amendments", "amendments", (
                    Column("date", "修改日期", "Date", "date", required=True, past_only=True,
                           help_zh="修改决定通过的日期", help_en="Date the amendment was adopted"),
                    Column("effective", "修改后施行日期", "Effective", "date"),
                    Column("effective_inferred", "施行日期推定依据", "Effective date inferred by", "text"),
                    Column("doc_number", "文号", "Document number", "text"),
                    Column("type", "修改方式", "Type", "vocab:amendment-types",
                           help_zh="修正：以决定或修正案修改；修订：全文修订后重新公布",
                           help_en="amendment: changed by a decision; revision: whole text revised and republished"),
                    Column("note", "说明", "Note", "text_both"),
                ), help_zh="每行一次修改，从早到晚。", help_en="One amendment per row, oldest first."),
                ChildSheet("articles", "重点条款", "Key articles", "articles", (
                    Column("number", "条号", "Number", "article", required=True, example="3",
                           help_zh="如 3、4.2.1、134-1；也可写“第三条”", help_en="e.g. 3, 4.2.1, 134-1"),
                    Column("heading", "条款标题", "Heading", "text_both", required=True,
                           example=("示例：职责", "Example: duties")),
                    Column("text", "条款内容", "Text", "text_zh", required=True,
                           example=("示例：条款内容。", "Example: what the article says.")),
                    Column("verbatim", "是否原文", "Verbatim", "bool", required=True, example=False,
                           help_zh="条款内容是官方原文逐字照录时填“是”", help_en="是 (yes) only when the text is the exact published wording"),
                ), help_zh="每行一个重点条款；页面上可通过 #art-条号 直接定位。", help_en="One key article per row (#art-<number> on the page)."),
                ChildSheet("texts", "全文", "Full texts", "texts", (
                    Column("version", "版本施行日期", "Version", "date",
                           help_zh="该版本施行的日期（原文或某次修改的施行日期）；不详时留空并填修改日期",
                           help_en="In-force date of this version (of the original text or of an amendment); "
                                   "blank when not known, with the change's date in Adopted"),
                    Column("adopted", "修改日期（施行日期不详时）", "Adopted (in-force date unknown)", "date",
                           help_zh="仅在版本施行日期不详时填写：该版本所依据修改的通过日期",
                           help_en="Only when the version's in-force date is not known: the date its change was adopted"),
                    Column("verbatim", "全文原文", "Verbatim", "bool", required=True),
                    Column("source", "全文出处", "Text source", "url"),
                    Column("preamble", "序言", "Preamble", "text"),
                ), nested_path="articles", nested_columns=(
                    Column("number", "条号", "Number", "article", required=True),
                    Column("chapter", "章", "Chapter", "text"),
                    Column("section", "节", "Section", "text"),
                    Column("text", "条文", "Article text", "text", required=True),
                ), group_by="version", nested_required=False,
                    help_zh="每行一条条文；同一版本的各行重复版本列。", help_en="One article per row; the version columns repeat on each row."),
                sources_sheet(),
            ),
            help_zh="一行一部法律、法规、规章或标准。", help_en="One law, regulation, rule or standard per row.",
        )


KIND = Regulations()
