# Statute importer: parses flk/LawRefBook Markdown statute texts and appends their full text to regulation records.
"""Read official statute texts in the flk / LawRefBook Markdown layout and turn them into regulation records.

Layout understood (one statute version per file)::

    # 中华人民共和国安全生产法
    # 副标题                                   (optional, or a plain line without a date)
    2002年6月29日 第九届……第二十八次会议通过    (event lines: 通过 / 公布 / 修正 / 修订 / 施行)
    （2002年6月29日……通过　根据2009年8月27日……第一次修正）   (or all events in one parenthesis)
    <!-- INFO END -->
    ## 第一章 总则
    ### 第一节 一般规定
    第一条 ……                                 (ASCII or full-width space; 第一百三十四条之一 -> "134-1")

Public API: `parse_statute`, `statute_to_record`, `import_statutes`.  Command line::

    python -m portal.importers.statute [--dry-run] --data data PATH...
"""
from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from portal.kinds.regulations import KIND as REGULATION_KIND, NAME as REGULATIONS
from portal.records.ids import IdAllocator
from portal.records.layers import KindRecords, read_kind
from portal.records.numerals import NUMERAL, chinese_numeral
from portal.records.problems import Problem
from portal.records.writer import fields_text, record_text, write_record

SCHEMA = REGULATION_KIND.schema
MIRROR_BLOB = "https://github.com/LawRefBook/Laws/blob/master/"
MAX_RECORD_BYTES = 500 * 1024
EVENT_KINDS = ("通过", "公布", "修正", "修订", "施行")

# Folder names of the mirror -> level ids of data/vocab/regulation-levels.yml.
_FOLDER_LEVELS = {
    "行政法规": "administrative-regulation",
    "部门规章": "departmental-rule",
    "宪法": "law",
    "宪法相关法": "law",
    "民法典": "law",
    "民法商法": "law",
    "行政法": "law",
    "经济法": "law",
    "社会法": "law",
    "刑法": "law",
    "诉讼与非诉讼程序法": "law",
}

_NUM = NUMERAL
_SPACE = " \t\u3000\u00a0"
_DATE = re.compile(r"([0-9]{4})\s*年\s*([0-9]{1,2})\s*月\s*([0-9]{1,2})\s*日")
_COMMENT = re.compile(r"<!--.*?-->")
_INFO_END = "<!-- INFO END -->"
_ARTICLE_SPACED = re.compile(rf"^第({_NUM})条(?:之({_NUM}))?(?:[{_SPACE}]+(.*))?$")
_ARTICLE_TIGHT = re.compile(rf"^第({_NUM})条(?:之({_NUM}))?(\S.*)$")
_REFERENCE_CONTINUES = re.compile(r"^(?:规定|的|所|、|，|,|至|到|和|与|或|及|中|第|款|项|（|\(|以|之外|外)")
_HEADING = re.compile(r"^(#{1,6})\s*(.*?)\s*#*\s*$")
_PART = re.compile(rf"^第{_NUM}(?:分)?编")
_CHAPTER = re.compile(rf"^第{_NUM}章")
_SECTION = re.compile(rf"^第{_NUM}节")
_IN_FORCE = re.compile(
    r"本(?:法|条例|规定|办法|细则|规则|决定|准则|规程|修正案)(?:的?修订|修正)?[^。；]{0,12}?(?:自|于|从)"
    r"((?:[0-9]{4}\s*年\s*[0-9]{1,2}\s*月\s*[0-9]{1,2}\s*日)|公布之日|发布之日|颁布之日)起?(?:施行|生效)")
_ORDER_NUMBER = re.compile(rf"((?:中华人民共和国)?[\u4e00-\u9fff]{{1,20}}?令第{_NUM}号)")


@dataclass
class StatuteEvent:
    """One dated line of the header: what happened to the text on that day."""

    date: str  # YYYY-MM-DD
    kind: str  # one of EVENT_KINDS
    note: str  # the wording after the date, as published
    line: int

    def as_tuple(self) -> tuple[str, str, str]:
        return (self.date, self.kind, self.note)


@dataclass
class StatuteArticle:
    number: str  # "3", "134-1"
    text: str  # paragraphs joined by "\n", without the leading 第N条
    line: int
    chapter: str | None = None
    section: str | None = None
    part: str | None = None


@dataclass
class ParsedStatute:
    """Everything `parse_statute` could read from one file, with the problems it met (records core Problems)."""

    source_name: str
    title: str = ""
    subtitle: str = ""
    events: list[StatuteEvent] = field(default_factory=list)
    chapters: list[str] = field(default_factory=list)
    articles: list[StatuteArticle] = field(default_factory=list)
    preamble: str = ""
    effective: str | None = None  # in-force date the text states (original date when later changed by decisions)
    effective_line: int | None = None
    file_date: str | None = None  # version date written in the file name, e.g. 安全生产法(2021-06-10).md
    problems: list[Problem] = field(default_factory=list)

    def problem(self, line: int | None, field_name: str, message: str, code: str) -> None:
        """A problem of this file at `line` (None: the whole file)."""
        self.problems.append(Problem(self.source_name, line, field_name, message, code))

    @property
    def full_title(self) -> str:
        return f"{self.title}（{self.subtitle}）" if self.subtitle else self.title

    def events_of(self, *kinds: str) -> list[StatuteEvent]:
        return [e for e in self.events if e.kind in kinds]

    def latest_change(self) -> StatuteEvent | None:
        """The last 修正 or 修订 event, i.e. the change that produced this version."""
        changes = self.events_of("修正", "修订")
        return max(changes, key=lambda e: e.date) if changes else None


def _iso(match: re.Match) -> str | None:
    year, month, day = (int(g) for g in match.groups())
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _event_kind(segment: str) -> str | None:
    if "修订" in segment:
        return "修订"
    if "修正" in segment:
        return "修正"
    if any(word in segment for word in ("公布", "发布", "颁布")):
        return "公布"
    if "通过" in segment or "批准" in segment:
        return "通过"
    if "施行" in segment or "生效" in segment or "实施" in segment:
        return "施行"
    return None


def _strip_wrapping(line: str) -> str:
    return line.strip(_SPACE + "（）()").strip()


def _header_lines(lines: list[tuple[int, str]], parsed: ParsedStatute) -> list[tuple[int, str]]:
    """Title and subtitle taken out; an event wrapped over several lines joined into one (line of its start)."""
    logical: list[tuple[int, str]] = []
    for number, raw in lines:
        line = _COMMENT.sub("", raw).strip(_SPACE)
        if not line:
            continue
        heading = _HEADING.match(line)
        if heading:
            if heading.group(1) == "#" and not parsed.title:
                parsed.title = heading.group(2)
            elif heading.group(2):
                parsed.subtitle = (parsed.subtitle + " " + heading.group(2)).strip()
            continue
        if _DATE.search(line):
            logical.append((number, line))
        elif logical:
            logical[-1] = (logical[-1][0], logical[-1][1] + line)
        else:
            parsed.subtitle = (parsed.subtitle + " " + _strip_wrapping(line)).strip()
    return logical


def _parse_header(lines: list[tuple[int, str]], parsed: ParsedStatute) -> None:
    for number, line in _header_lines(lines, parsed):
        body = _strip_wrapping(line)
        dates = list(_DATE.finditer(body))
        for index, match in enumerate(dates):
            end = dates[index + 1].start() if index + 1 < len(dates) else len(body)
            segment = body[match.end():end].strip(_SPACE + "，,；;。")
            segment = re.sub(r"[\s\u3000]*根据$", "", segment).strip(_SPACE)
            iso = _iso(match)
            if iso is None:
                parsed.problem(number, "header", f"impossible date {match.group(0)}", "statute.date")
                continue
            kind = _event_kind(segment)
            if kind == "通过" and parsed.events and "通过的《" in segment:
                kind = "修正"  # 根据……通过的《……修正案》/《……决定》: a later change, not the adoption
            if kind is None:
                parsed.problem(number, "header", f"dated line with no recognised event (通过/公布/修正/修订/施行): {segment[:60]}", "statute.event")
                continue
            parsed.events.append(StatuteEvent(iso, kind, segment, number))
            if kind == "公布" and re.search(r"自(?:公布|发布|颁布)之日起?施行", segment):
                parsed.events.append(StatuteEvent(iso, "施行", segment, number))


def _article_match(line: str, expected: tuple[int, int] | None) -> tuple[int, int, str] | None:
    """(main number, 之N or 0, rest) when `line` starts a new article."""
    match = _ARTICLE_SPACED.match(line)
    tight = False
    if not match:
        match = _ARTICLE_TIGHT.match(line)
        tight = True
    if not match:
        return None
    try:
        main = chinese_numeral(match.group(1))
        sub = chinese_numeral(match.group(2)) if match.group(2) else 0
    except ValueError:
        return None
    if tight:
        # "第五条规定的……" may start an ordinary paragraph: without a space only the expected next number counts,
        # and not when the words after it continue a reference to that article.
        if _REFERENCE_CONTINUES.match(match.group(3)):
            return None
        previous_main = expected[0] if expected else 0
        if not (main == previous_main + 1 and sub == 0) and not (main == previous_main and sub > 0):
            return None
    return main, sub, (match.group(3) or "").strip(_SPACE)


def _number_text(main: int, sub: int) -> str:
    return f"{main}-{sub}" if sub else str(main)


def _parse_body(lines: list[tuple[int, str]], parsed: ParsedStatute) -> None:
    part = chapter = section = None
    current: StatuteArticle | None = None
    paragraphs: list[str] = []
    preamble: list[str] = []
    last: tuple[int, int] | None = None
    seen: set[str] = set()

    def close() -> None:
        if current is not None:
            current.text = "\n".join(paragraphs)
            if not current.text:
                parsed.problem(current.line, "articles", f"article {current.number} has no text", "statute.article")
            parsed.articles.append(current)

    for number, raw in lines:
        line = _COMMENT.sub("", raw).strip(_SPACE)
        if not line or line == _INFO_END.strip():
            continue
        heading = _HEADING.match(line)
        if heading:
            level, text = len(heading.group(1)), heading.group(2)
            if not text:
                continue
            if _PART.match(text):
                part, chapter, section = text, None, None
            elif _CHAPTER.match(text) or (level <= 2 and not _SECTION.match(text)):
                chapter, section = text, None
                parsed.chapters.append(text)
            else:
                if not _SECTION.match(text):
                    parsed.problem(number, "articles", f"heading taken as a section: {text[:40]}", "statute.heading")
                section = text
            continue
        found = _article_match(line, last)
        if found:
            main, sub, rest = found
            number_text = _number_text(main, sub)
            if number_text in seen:
                parsed.problem(number, "articles", f"article {number_text} appears twice", "statute.article")
            elif last is not None and (main, sub) <= last:
                parsed.problem(number, "articles", f"article {number_text} out of order after {_number_text(*last)}", "statute.article")
            elif last is not None and sub == 0 and main != last[0] + 1:
                parsed.problem(number, "articles", f"article {number_text} follows {_number_text(*last)}: numbers skipped", "statute.article")
            elif last is None and (main, sub) != (1, 0) and not parsed.subtitle:
                parsed.problem(number, "articles", f"first article is {number_text}, not 1", "statute.article")
            close()
            seen.add(number_text)
            last = (main, sub)
            current = StatuteArticle(number_text, "", number, chapter, section, part)
            paragraphs = [rest] if rest else []
            continue
        if current is None:
            preamble.append(line)
        else:
            paragraphs.append(line)
    close()
    parsed.preamble = "\n".join(preamble)


def _stated_effective(parsed: ParsedStatute) -> None:
    """In-force date: a 施行 event line, or the final provisions' 本法自……起施行 clause."""
    header = parsed.events_of("施行")
    clause_date, clause_line = None, None
    for article in reversed(parsed.articles):
        match = _IN_FORCE.search(article.text)
        if not match:
            continue
        clause_line = article.line
        when = match.group(1)
        date_match = _DATE.search(when)
        if date_match:
            clause_date = _iso(date_match)
        else:
            clause_date = _publication_date_for_clause(parsed)
            if clause_date is None:
                parsed.problem(article.line, "effective", f"{when}起施行, but no 公布 event line gives that day", "statute.in-force")
                return
        break
    if header:
        header_date = header[-1].date
        if clause_date and clause_date != header_date and not parsed.events_of("修订"):
            parsed.problem(header[-1].line, "effective", f"施行 line says {header_date}, the text says {clause_date}", "statute.in-force")
        parsed.effective, parsed.effective_line = header_date, header[-1].line
    elif clause_date:
        parsed.effective, parsed.effective_line = clause_date, clause_line
    elif not parsed.articles:
        return
    else:
        parsed.problem(None, "effective", "no in-force date found (no 施行 line, no 自……起施行 clause)", "statute.in-force")


def _full_revisions(parsed: ParsedStatute) -> list[StatuteEvent]:
    """修订 events that re-enact the whole text (not a State Council 'decision amending certain regulations')."""
    return [e for e in parsed.events_of("修订") if "决定" not in e.note]


def _publication_date_for_clause(parsed: ParsedStatute) -> str | None:
    revisions = _full_revisions(parsed)
    publications = parsed.events_of("公布")
    if revisions:
        after = [e.date for e in publications if e.date >= revisions[-1].date]
        return after[0] if after else None
    return publications[0].date if publications else None


def parse_statute(text: str, source_name: str) -> ParsedStatute:
    """Parse one statute file. `source_name` (path or URL) is kept for messages and the version date in its name."""
    parsed = ParsedStatute(source_name)
    name_date = re.search(r"\(([0-9]{4}-[0-9]{2}-[0-9]{2})\)\.md$", urllib.parse.unquote(source_name))
    if name_date:
        parsed.file_date = name_date.group(1)
    lines = list(enumerate(text.lstrip("\ufeff").splitlines(), start=1))
    lines = _drop_front_matter(lines)
    end = next((i for i, (_, line) in enumerate(lines) if line.strip() == _INFO_END), None)
    if end is None:
        start = next((i for i, (_, line) in enumerate(lines)
                      if line.startswith("##") or _ARTICLE_SPACED.match(line.strip(_SPACE))), len(lines))
        header, body = lines[:start], lines[start:]
        if lines:
            parsed.problem(1, "header", "no <!-- INFO END --> line: header taken as the lines before the first heading", "statute.layout")
    else:
        header, body = lines[:end], lines[end + 1:]
    _parse_header(header, parsed)
    _parse_body(body, parsed)
    if not parsed.title:
        parsed.problem(1, "title", "no '# title' line", "statute.title")
    if not parsed.articles:
        parsed.problem(1, "articles", "no articles (第一条 …) found", "statute.no-articles")
    _stated_effective(parsed)
    latest = max((e.date for e in parsed.events), default=None)
    if parsed.file_date and latest and parsed.file_date > latest:
        parsed.problem(1, "version", f"file name says version {parsed.file_date}, but the last event line is {latest}: "
                                     "the header may lack the latest amendment", "statute.file-date")
    return parsed


def _drop_front_matter(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    if lines and lines[0][1].strip() == "---":
        for i in range(1, len(lines)):
            if lines[i][1].strip() == "---":
                return lines[i + 1:]
    return lines


# ---------------------------------------------------------------------------------------------------------------
# Records


def level_for_path(path: str) -> str | None:
    """Level id from the mirror folder (法律 categories -> law, 行政法规, 部门规章), or None if unknown."""
    parts = Path(urllib.parse.unquote(path)).parts
    for part in parts:  # the most specific folder wins: 法律/行政法规/x.md is an administrative regulation
        if part in ("行政法规", "部门规章"):
            return _FOLDER_LEVELS[part]
        if part.endswith("地方法规"):
            return "local-regulation"
    for part in parts:
        if part in _FOLDER_LEVELS:
            return _FOLDER_LEVELS[part]
        if part == "法律":
            return "law"
    return None


def mirror_url(source_name: str) -> str:
    """https address of a mirror file (source names that are already URLs are returned unchanged)."""
    if re.match(r"^https?://", source_name):
        return source_name
    return MIRROR_BLOB + urllib.parse.quote(source_name.replace("\\", "/").lstrip("./"))


def _issuer_zh(parsed: ParsedStatute) -> str | None:
    for event in parsed.events_of("通过", "公布"):
        note = event.note
        if "全国人民代表大会常务委员会" in note:
            return "全国人民代表大会常务委员会"
        if "全国人民代表大会" in note:
            return "全国人民代表大会"
        order = _ORDER_NUMBER.search(note)
        if order:
            issuer = re.sub(r"^中华人民共和国", "", re.sub(rf"令第{_NUM}号$", "", order.group(1)))
            return issuer
        if note.startswith("国务院"):
            return "国务院"
    return None


def _doc_number(parsed: ParsedStatute) -> str | None:
    for event in parsed.events_of("公布"):
        order = _ORDER_NUMBER.search(event.note)
        if order:
            return order.group(1)
    return None


def text_articles(parsed: ParsedStatute) -> list[dict]:
    """The articles as `texts[].articles` items (number, chapter?, section?, text)."""
    items = []
    for article in parsed.articles:
        item = {"number": article.number}
        if article.chapter:
            item["chapter"] = article.chapter[:120]
        if article.section:
            item["section"] = article.section[:120]
        item["text"] = article.text
        items.append(item)
    return items


def _amendment_in_force(parsed: ParsedStatute, change: StatuteEvent, existing: dict | None) -> str | None:
    """In-force date of the version made by `change`: the record says it, or the text does."""
    for amendment in (existing or {}).get("amendments") or []:
        if str(amendment.get("date")) == change.date and amendment.get("effective"):
            return str(amendment["effective"])
    later_changes = [e.date for e in parsed.events_of("修正", "修订") if e.date > change.date]
    horizon = min(later_changes, default="9999-12-31")
    in_force = [e.date for e in parsed.events_of("施行") if change.date <= e.date < horizon]
    if in_force:
        return in_force[-1]
    # The text's own 自…起施行 clause dates the version this text is: the latest revision, never an earlier one.
    revisions = _full_revisions(parsed)
    if revisions and change == revisions[-1] and parsed.effective and parsed.effective >= change.date:
        return parsed.effective
    return None


def version_change_date(parsed: ParsedStatute) -> str | None:
    """Adoption date of the change that made this version: the last 修正/修订 line, or the file name's date when
    that is later than every event line (the mirror's header then lacks the latest amendment)."""
    change = parsed.latest_change()
    latest_event = max((e.date for e in parsed.events), default=None)
    if parsed.file_date and latest_event and parsed.file_date > latest_event:
        return parsed.file_date
    return change.date if change else None


def version_date(parsed: ParsedStatute, existing: dict | None = None) -> str | None:
    """In-force date of the version this text is (None when neither the text nor the record says it)."""
    change_date = version_change_date(parsed)
    if change_date is None:
        if existing and existing.get("effective") and not existing.get("amendments"):
            return str(existing["effective"])
        return parsed.effective
    for amendment in (existing or {}).get("amendments") or []:
        if str(amendment.get("date")) == change_date and amendment.get("effective"):
            return str(amendment["effective"])
    change = parsed.latest_change()
    if change is not None and change.date == change_date:
        return _amendment_in_force(parsed, change, None)
    return None


def statute_to_record(parsed: ParsedStatute, level: str, existing: dict | None = None, *,
                      source_url: str | None = None) -> dict:
    """A regulation record for `parsed`.

    With `existing`, it is that record (unchanged otherwise) with this version added to `texts`.  Without, it is a
    draft holding only what the text states: title.zh, level, issuer.zh, doc_number, promulgated, effective,
    amendments (date, type, effective when stated, note.zh), sources and texts.  English fields, topics and the
    summary must be written by a person before the draft is a valid record.  A text whose in-force date is unknown
    is left out of `texts` (and a problem is added to `parsed.problems`).
    """
    url = source_url or mirror_url(parsed.source_name)
    version = version_date(parsed, existing)
    text_entry = None
    if version is None:
        parsed.problem(None, "texts", "in-force date of this version unknown: text not added", "statute.in-force")
    else:
        text_entry = {"version": version, "verbatim": True, "source": url, "articles": text_articles(parsed)}
        if parsed.preamble:
            text_entry = {**text_entry, "preamble": parsed.preamble}
            text_entry["articles"] = text_entry.pop("articles")

    if existing is not None:
        record = dict(existing)
        texts = [t for t in record.get("texts") or [] if str(t.get("version")) != version]
        if text_entry:
            texts.append(text_entry)
        record["texts"] = sorted(texts, key=lambda t: str(t["version"]))
        return record

    record: dict = {"title": {"zh": parsed.title}, "level": level}
    issuer = _issuer_zh(parsed)
    if issuer:
        record["issuer"] = {"zh": issuer}
    number = _doc_number(parsed)
    if number:
        record["doc_number"] = number
    first = next(iter(parsed.events_of("通过", "公布")), None)
    if first:
        record["promulgated"] = first.date
    if _full_revisions(parsed):
        before = [e.date for e in parsed.events_of("施行") if e.date < _full_revisions(parsed)[0].date]
        if before:
            record["effective"] = before[0]
    elif parsed.effective:
        record["effective"] = parsed.effective
    amendments = []
    for change in parsed.events_of("修正", "修订"):
        amendment = {"date": change.date, "type": "revision" if change.kind == "修订" else "amendment"}
        in_force = _amendment_in_force(parsed, change, None)
        if in_force:
            amendment["effective"] = in_force
        amendment["note"] = {"zh": change.note}
        amendments.append(amendment)
    if amendments:
        record["amendments"] = amendments
    record["sources"] = [{"title": parsed.full_title, "publisher": "LawRefBook/Laws（国家法律法规数据库文本镜像）",
                          "kind": "official-text", "url": url}]
    if text_entry:
        record["texts"] = [text_entry]
    return record


# ---------------------------------------------------------------------------------------------------------------
# Checks against existing records


def _normalise(text: str) -> str:
    text = re.sub(r"[\s\u3000]+", "", text)
    return text.translate(str.maketrans("()<>:;,", "（）〈〉：；，"))


def key_article_mismatches(record: dict, parsed: ParsedStatute) -> list[str]:
    """Key articles (record `articles`) whose number is missing from the full text or whose verbatim text differs."""
    full = {a.number: a.text for a in parsed.articles}
    messages = []
    for article in record.get("articles") or []:
        number = str(article.get("number"))
        if number not in full:
            messages.append(f"art. {number}: not in the full text")
            continue
        if not article.get("verbatim"):
            continue
        mine = _normalise((article.get("text") or {}).get("zh", ""))
        theirs = _normalise(full[number])
        if mine != theirs:
            at = next((i for i, (a, b) in enumerate(zip(mine, theirs)) if a != b), min(len(mine), len(theirs)))
            messages.append(f"art. {number}: verbatim text differs at character {at}: "
                            f"record «{mine[max(0, at - 8):at + 12]}» vs text «{theirs[max(0, at - 8):at + 12]}»")
    return messages


def version_mismatch(record: dict, parsed: ParsedStatute) -> str | None:
    """A message when the text is not the version of the record's latest amendment (or of its first text)."""
    amendments = sorted(str(a.get("date")) for a in record.get("amendments") or [])
    text_change = version_change_date(parsed)
    if amendments and text_change != amendments[-1]:
        if text_change in amendments:
            return f"text is the version of the {text_change} change, the record's latest amendment is {amendments[-1]}"
        return (f"record's latest amendment is {amendments[-1]}, the text's latest change is {text_change or 'none'}"
                f"{f' (file name {parsed.file_date})' if parsed.file_date else ''}")
    if not amendments and text_change:
        return f"the text was changed on {text_change}, the record lists no amendment"
    return None


# ---------------------------------------------------------------------------------------------------------------
# Writing


def _last_top_level_key(text: str) -> str | None:
    keys = re.findall(r"^([A-Za-z_][A-Za-z0-9_]*):", text, flags=re.MULTILINE)
    return keys[-1] if keys else None


def _texts_to_add(record: dict, texts: list[dict]) -> tuple[list[dict], str]:
    """The texts whose version the record lacks, and why nothing is to be added ("" when something is)."""
    have = {str(t.get("version")) for t in record.get("texts") or []}
    new = [t for t in texts if str(t["version"]) not in have]
    return new, "" if new else ("already has these texts" if texts else "no text to add")


def append_texts(path: Path, texts: list[dict], *, dry_run: bool) -> str:
    """Append `texts` items to the record file at `path` without rewriting what is there. Returns what it did."""
    current = path.read_text(encoding="utf-8")
    record = yaml.safe_load(current) or {}
    new, nothing = _texts_to_add(record, texts)
    if nothing:
        return nothing
    if record.get("texts") and _last_top_level_key(current) != "texts":
        return "not appended: its texts: block is not the last key of the file"
    addition = "" if current.endswith("\n") else "\n"
    appended = fields_text({"texts": sorted(new, key=lambda t: str(t["version"]))}, SCHEMA)
    addition += appended if not record.get("texts") else appended.split("\n", 1)[1]
    size = len((current + addition).encode("utf-8"))
    if size > MAX_RECORD_BYTES:
        return f"not appended: the file would be {size // 1024} KB (limit {MAX_RECORD_BYTES // 1024} KB)"
    merged = yaml.safe_load(current + addition)
    if [str(t["version"]) for t in merged.get("texts") or []][-len(new):] != [str(t["version"]) for t in
                                                                           sorted(new, key=lambda t: str(t["version"]))]:
        return "not appended: the result would not read back as the added texts"
    if not dry_run:
        with path.open("a", encoding="utf-8") as handle:
            handle.write(addition)
    versions = ", ".join(str(t["version"]) for t in new)
    return f"{'would append' if dry_run else 'appended'} {len(new)} text(s) ({versions}), " \
           f"{sum(len(t['articles']) for t in new)} articles, file {size // 1024} KB"


@dataclass
class ImportReport:
    """What `import_statutes` found and did."""

    files: int = 0
    articles: int = 0
    appended: list[str] = field(default_factory=list)  # record ids that got texts
    unchanged: list[str] = field(default_factory=list)
    drafts: dict[str, dict] = field(default_factory=dict)  # title -> draft record (no record exists)
    mismatches: dict[str, list[str]] = field(default_factory=dict)  # record id -> messages
    problems: dict[str, list[Problem]] = field(default_factory=dict)  # source -> its problems
    actions: list[str] = field(default_factory=list)


def statute_files(paths: list[Path]) -> list[Path]:
    """Markdown files named by `paths` (folders searched recursively; _index.md and templates skipped)."""
    found = []
    for path in paths:
        candidates = sorted(path.rglob("*.md")) if path.is_dir() else [path]
        found.extend(p for p in candidates if p.name not in ("_index.md", "README.md") and "模版" not in p.name)
    return found


def listed_source_url(record: dict, source_name: str) -> str | None:
    """The record's own `sources` URL for this mirror file (any commit or branch), so that texts[].source is listed."""
    wanted = urllib.parse.unquote(source_name).lstrip("./")
    for source in record.get("sources") or []:
        url = str(source.get("url") or "")
        match = re.match(r"^https?://github\.com/LawRefBook/Laws/blob/[^/]+/(.+)$", url)
        if match and urllib.parse.unquote(match.group(1)) == wanted:
            return url
    return None


def _title_key(title: str) -> str:
    return re.sub(r"[\s\u3000]+", "", title)


def _existing_records(known: KindRecords) -> dict[str, str]:
    """Title key -> id of every regulation of every layer (the last layer's record when several share a title)."""
    records = {}
    for record_id, record in known.records.items():
        title = (record.get("title") or {}).get("zh")
        if title:
            records[_title_key(title)] = record_id
    return records


def write_override(target: Path, record: dict, texts: list[dict], earlier: Path, *, dry_run: bool) -> str:
    """The record of an earlier layer (`earlier`, never changed) written to `target` in the layer being imported into,
    marked `overrides: true`, with `texts` added. Returns what it did."""
    new, nothing = _texts_to_add(record, texts)
    if nothing:
        return nothing
    merged = {**record, "overrides": True,
              "texts": sorted(list(record.get("texts") or []) + new, key=lambda t: str(t["version"]))}
    text = record_text(merged, SCHEMA)
    size = len(text.encode("utf-8"))
    if size > MAX_RECORD_BYTES:
        return f"not written: the override would be {size // 1024} KB (limit {MAX_RECORD_BYTES // 1024} KB)"
    if not dry_run:
        write_record(target, text)
    versions = ", ".join(str(t["version"]) for t in new)
    return (f"{'would write' if dry_run else 'wrote'} {target}: overrides {earlier} of an earlier layer (left as it "
            f"is) with {len(new)} text(s) added ({versions}), {sum(len(t['articles']) for t in new)} articles")


def import_statutes(paths: list[Path], data: Path | tuple[Path, ...] | list[Path], dry_run: bool, *,
                    root: Path | None = None) -> ImportReport:
    """Parse the statute files under `paths` and add their texts to the matching records of the data layers `data`
    (one folder or several; the last one is written to).

    A record of the last layer gets the texts appended to its file; a record of an earlier layer is written to the last
    layer as an override (`overrides: true`) with the texts added, the earlier file left as it is.

    Files with the same title are versions of one statute and go to one record.  A statute without a record gets a
    new record holding what the text states (Chinese only: valid in an organisation's layer; shipped content needs
    its English title and summary added by a person).
    `root` is the mirror's top folder, used to name files in source URLs (default: the common parent).
    """
    layers = (Path(data),) if isinstance(data, (str, Path)) else tuple(Path(d) for d in data)
    data_dir = layers[-1]
    known = read_kind(layers, REGULATIONS)
    report = ImportReport()
    for problem in known.problems:
        report.problems.setdefault(problem.path, []).append(problem)
    files = statute_files(paths)
    if root is None and files:
        root = _mirror_root(files)
    groups: dict[str, list[tuple[ParsedStatute, str]]] = {}
    for path in files:
        name = path.relative_to(root).as_posix() if root and path.is_relative_to(root) else path.as_posix()
        parsed = parse_statute(path.read_text(encoding="utf-8"), name)
        report.files += 1
        report.articles += len(parsed.articles)
        if parsed.problems:
            report.problems[name] = list(parsed.problems)
        level = level_for_path(name) or _level_from_text(parsed)
        groups.setdefault(_title_key(parsed.full_title), []).append((parsed, level))
    existing = _existing_records(known)
    allocator = IdAllocator(set(known.records))
    for key, versions in groups.items():
        versions.sort(key=lambda item: item[0].file_date or version_date(item[0]) or "")
        if key in existing:
            record_id = existing[key]
            record, path = known.records[record_id], known.files[record_id]
            mismatches = key_article_mismatches(record, versions[-1][0])
            gap = version_mismatch(record, versions[-1][0])
            if gap:
                mismatches.insert(0, gap)
            if mismatches:
                report.mismatches[record_id] = mismatches
            texts = []
            for parsed, level in versions:
                if version_date(parsed, record) is None:
                    mismatches.append(f"{parsed.source_name}: in-force date of this version is not in the text nor in "
                                      f"the record (amendment of {version_change_date(parsed)} has no effective date)")
                    report.mismatches[record_id] = mismatches
                url = listed_source_url(record, parsed.source_name) or mirror_url(parsed.source_name)
                if url == mirror_url(parsed.source_name) and url not in {s.get("url") for s in record.get("sources") or []}:
                    mismatches.append(f"{parsed.source_name}: not listed in the record's sources (add {url})")
                    report.mismatches[record_id] = mismatches
                merged = statute_to_record(parsed, level, record, source_url=url)
                texts.extend(t for t in merged["texts"] if t not in texts and t["source"] == url)
            if known.in_write_layer(record_id):
                result = append_texts(path, texts, dry_run=dry_run)
            else:
                result = write_override(data_dir / REGULATIONS / path.name, record, texts, path, dry_run=dry_run)
            (report.appended if result.startswith(("appended", "would append", "wrote", "would write"))
             else report.unchanged).append(record_id)
            report.actions.append(f"{record_id}: {result}")
        else:
            versions = _distinct_versions(versions, report)
            parsed, level = versions[-1]
            draft = statute_to_record(parsed, level, None)
            for older, older_level in versions[:-1]:
                draft["texts"] = statute_to_record(older, older_level, None).get("texts", []) + draft.get("texts", [])
                _date_older_version(draft, older)
            report.drafts[parsed.full_title] = draft
            record_id = allocator.for_title(parsed.title)
            target = data_dir / REGULATIONS / f"{record_id}.yml"
            if not dry_run:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(record_text({"id": record_id, **draft}, SCHEMA), encoding="utf-8")
            report.actions.append(f"《{parsed.full_title}》: {'would write' if dry_run else 'wrote'} {target} "
                                  f"({len(parsed.articles)} articles, version {version_date(parsed) or 'unknown'}; "
                                  "Chinese only: add English title and summary for shipped content)")
    for line in report.actions:
        print(line)
    for record_id, messages in report.mismatches.items():
        for message in messages:
            print(f"MISMATCH {record_id}: {message}")
    print(f"{report.files} files, {report.articles} articles; texts {'to append' if dry_run else 'appended'}: "
          f"{len(report.appended)}, no record: {len(report.drafts)}")
    return report


def _distinct_versions(versions: list[tuple[ParsedStatute, str]], report: ImportReport) -> list:
    """One file per version: the mirror files some statutes in two folders (行政法/ and 社会法/). A second file of the
    same version with the same articles is left out (and said so); with other articles both stay, and the validator
    reports the clash (dup.text) for a person to decide."""
    kept: list[tuple[ParsedStatute, str]] = []
    seen: dict[tuple, str] = {}
    for parsed, level in versions:
        key = (version_date(parsed), tuple((a.number, _normalise(a.text)) for a in parsed.articles))
        if key[0] is not None and key in seen:
            report.actions.append(f"{parsed.source_name}: same version and text as {seen[key]}: left out")
            continue
        seen[key] = parsed.source_name
        kept.append((parsed, level))
    return kept


def _date_older_version(draft: dict, older: ParsedStatute) -> None:
    """An older file's version date fills what the newest file's header leaves out: the original in-force date
    (the newest header lists 公布, the revision and its 施行 only) or an amendment's in-force date."""
    version = version_date(older)
    if version is None:
        return
    change = version_change_date(older)
    amendments = draft.get("amendments") or []
    if change is None:
        if not draft.get("effective") and all(str(a.get("effective")) != version for a in amendments):
            _insert_after(draft, "promulgated", "effective", version)
        return
    for amendment in amendments:
        if str(amendment.get("date")) == change and not amendment.get("effective"):
            _insert_after(amendment, "type", "effective", version)


def _insert_after(mapping: dict, after: str, key: str, value) -> None:
    """Set mapping[key] just after `after` (the order a person writes the fields in), in place."""
    items = list(mapping.items())
    position = next((i + 1 for i, (k, _v) in enumerate(items) if k == after), len(items))
    items.insert(position, (key, value))
    mapping.clear()
    mapping.update(items)


def _mirror_root(files: list[Path]) -> Path:
    for parent in files[0].resolve().parents:
        if any(part in _FOLDER_LEVELS for part in files[0].resolve().relative_to(parent).parts[:1]):
            return parent
    return files[0].resolve().parent


def _level_from_text(parsed: ParsedStatute) -> str:
    notes = " ".join(e.note for e in parsed.events)
    if "全国人民代表大会" in notes:
        return "law"
    if "国务院令" in notes or "国务院第" in notes:
        return "administrative-regulation"
    return "departmental-rule"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Append official statute texts (LawRefBook layout) to records.")
    parser.add_argument("paths", nargs="+", type=Path, help="statute Markdown files or folders")
    parser.add_argument("--data", type=Path, action="append",
                        help="data layer (with regulations/); repeat for several, the last is written to "
                             "(default: data)")
    parser.add_argument("--root", type=Path, help="top folder of the mirror checkout (names files in source URLs)")
    parser.add_argument("--dry-run", action="store_true", help="report only, change no file")
    args = parser.parse_args(argv)
    report = import_statutes(args.paths, tuple(args.data or [Path("data")]), args.dry_run, root=args.root)
    for problems in report.problems.values():
        for problem in problems:
            print(problem, file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
