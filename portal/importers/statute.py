# Statute importer: parses flk/LawRefBook Markdown statute texts and adds every version's full text to regulation records.
"""Read official statute texts in the flk / LawRefBook Markdown layout and turn them into regulation records.

Layout understood (one statute version per file; the mirror's folders give the level)::

    # 中华人民共和国安全生产法
    # 副标题                                   (optional, or a plain line without a date)
    2002年6月29日 第九届……第二十八次会议通过    (event lines: 通过/批准, 公布/发布/令, 修正, 修订, 施行)
    （2002年6月29日……通过　根据2009年8月27日……第一次修正）   (or all events in one parenthesis)
    <!-- INFO END -->
    ## 第一章 总则
    ### 第一节 一般规定
    第一条 ……                                 (ASCII or full-width space; 第一百三十四条之一 -> "134-1")

A body without 第X条 (a reply, a case: "## 一、…" or "## 基本案情" headings) is kept as `sections` (heading, paragraphs).

Dating a version (`date_version`; its in-force date is the `version` of its text). Stated dates first:

1. a 施行 line of the header (on or after the change that made the version);
2. the text's own clause 本法自2002年11月1日起施行 (for the original text or a full revision; a 修正 keeps the
   original's clause, which then dates the original).

Then the documented rules (DATING_RULES), each marked in the record as `effective_inferred: <rule>` and shown on the
page beside the date:

- publication-day: 自公布之日起施行 -> the 公布 date of the header's 公布/发布/令 line;
- publication-day-file-name: the same, with the 公布 date the database gives the version (the date in the mirror's
  file name, 安全生产法(2021-06-10).md) when the header has no 公布 line;
- decision-publication: a 修正 (always made by a decision or an amendment) or a 修订 made by a decision (决定) takes
  effect on the day the decision was published: the file name's date when it is that change's publication, else
  the date of the header's line;
- file-name-publication: the file name's date is more than a year after every header line: the header lacks the
  change that made this version, which takes effect on that (publication) date.

A version no rule can date keeps its text, with `adopted` (the date of its change) instead of `version`, and is shown
as 施行日期不详 / in-force date not stated. Full-width punctuation the mirror lost ("(一)", ":") is restored in the
texts (portal/importers/punctuation.py), so the texts are marked verbatim.

Public API: `parse_statute`, `date_version`, `statute_to_record`, `import_statutes`.  Command line::

    python -m portal import-statute PATH...        (DATA=base:organisation: the last layer is written to)

Every file gets one summary line (imported with its text / in-force date inferred / not stated / already there /
refused and why); every problem is printed; the exit status is 1 when a file was refused. Records are checked by
the validator after writing; a record it refuses is taken back and its files reported as refused.
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

from portal.importers.punctuation import restore_fullwidth
from portal.kinds.regulations import KIND as REGULATION_KIND, NAME as REGULATIONS, text_key
from portal.records.ids import IdAllocator, record_id as id_for_title
from portal.records.layers import KindRecords, read_kind
from portal.records.numerals import NUMERAL, ascii_digits, chinese_numeral
from portal.records.problems import WARNING, Problem
from portal.records.writer import fields_text, record_text, write_record

SCHEMA = REGULATION_KIND.schema
MIRROR_BLOB = "https://github.com/LawRefBook/Laws/blob/master/"
# The mirror is a copy of the national database's texts, not the official publication: labelled so (kind other).
MIRROR_PUBLISHER = "LawRefBook/Laws（GitHub，国家法律法规数据库文本镜像）"
MIRROR_KIND = "other"
# How a date the text does not state was worked out (schema: effective_inferred); see the module docstring.
DATING_RULES = {
    "publication-day": "自公布之日起施行: in force on the 公布 date of the header",
    "publication-day-file-name": "自公布之日起施行: in force on the 公布 date the database gives (file name)",
    "decision-publication": "a 修正/修订 made by a decision takes effect on the day the decision was published",
    "file-name-publication": "the header lacks this change; in force on the database's publication date (file name)",
}
# A file name's date this long after the header's last line is a change the header lacks, not its publication.
MISSING_CHANGE_DAYS = 366
MAX_RECORD_BYTES = 500 * 1024
EVENT_KINDS = ("通过", "公布", "修正", "修订", "施行")

# Folder names of the mirror -> level ids of data/vocab/regulation-levels.yml (DLC/<省>地方法规/… : local-regulation).
_FOLDER_LEVELS = {
    "行政法规": "administrative-regulation",
    "部门规章": "departmental-rule",
    "司法解释": "judicial-interpretation",
    "案例": "published-case",
    "法律": "law",
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
# Top folders of the mirror (the mirror's root is the folder that holds them); 其他 has no level of its own.
MIRROR_TOP_FOLDERS = frozenset(_FOLDER_LEVELS) | {"DLC", "其他"}
# Folders whose level wins over the folder above them (法律/行政法规/x.md is an administrative regulation).
_SPECIFIC_FOLDERS = ("行政法规", "部门规章", "司法解释", "案例")

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
    r"本(?:法|条例|规定|办法|细则|规则|决定|准则|规程|修正案|解释|批复|意见)(?:的?修订|修正)?[^。；]{0,12}?(?:自|于|从)"
    r"((?:[0-9]{4}\s*年\s*[0-9]{1,2}\s*月\s*[0-9]{1,2}\s*日)|公布之日|发布之日|颁布之日)起?(?:施行|生效)")
_ORDER_NUMBER = re.compile(rf"((?:中华人民共和国)?[\u4e00-\u9fff]{{1,20}}?令(?:第{_NUM}号|〔[0-9]{{4}}〕{_NUM}号))")
# The organ named at the start of an event line: 广东省第十三届人民代表大会常务委员会, 国务院第34次常务会议,
# 应急管理部第1次部务会议, 最高人民法院审判委员会第1745次会议.
_CONGRESS = re.compile(rf"^(.{{0,16}}?)第{_NUM}届(全国)?人民代表大会(常务委员会)?")
_MEETING_ORGAN = re.compile(rf"^([\u4e00-\u9fff、]{{2,30}}?)(?:审判委员会|检察委员会|第{_NUM}次)")


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
class StatuteSection:
    """A part of a body without articles: its heading as published (may be empty) and its paragraphs."""

    heading: str
    text: str
    line: int


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
    sections: list[StatuteSection] = field(default_factory=list)  # the body when it has no 第X条 articles
    effective: str | None = None  # in-force date the text states (original date when later changed by decisions)
    effective_line: int | None = None
    clause_date: str | None = None  # the text's 自2002年11月1日起施行 (body clause)
    clause_publication: bool = False  # the text says 自公布之日起施行 (body clause or header line)
    file_date: str | None = None  # the database's date of this version in the file name: 安全生产法(2021-06-10).md
    problems: list[Problem] = field(default_factory=list)

    def problem(self, line: int | None, field_name: str, message: str, code: str, severity: str = WARNING) -> None:
        """A problem of this file at `line` (None: the whole file). Warnings by default: the file is still imported;
        an error means its text could not be taken."""
        self.problems.append(Problem(self.source_name, line, field_name, message, code, severity))

    @property
    def has_text(self) -> bool:
        return bool(self.articles or self.sections)

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
    if any(word in segment for word in ("公布", "发布", "颁布")) or _ORDER_NUMBER.search(segment):
        return "公布"
    if "通过" in segment or "批准" in segment or "会议" in segment:
        return "通过"  # adopted or approved (a meeting line without a verb is the meeting that adopted it)
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
        body = _strip_wrapping(ascii_digits(line))  # 2013年10月１日: full-width digits read
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
            if kind == "公布" and re.search(r"(?:公布|发布|颁布)(?:并|，)?施行", segment):  # 公告公布施行: in force that day
                parsed.events.append(StatuteEvent(iso, "施行", segment, number))
            if re.search(r"自(?:公布|发布|颁布)之日起?(?:施行|生效)", segment):
                parsed.clause_publication = True


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
    lines_read: list[tuple[int, str, bool]] = []  # (line, text, is a heading): the body again, for `sections`
    heading_notes: list[tuple[int, str]] = []

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
        if heading and not heading.group(2):
            continue
        lines_read.append((number, heading.group(2) if heading else line, bool(heading)))
        if heading:
            level, text = len(heading.group(1)), heading.group(2)
            if _PART.match(text):
                part, chapter, section = text, None, None
            elif _CHAPTER.match(text) or (level <= 2 and not _SECTION.match(text)):
                chapter, section = text, None
                parsed.chapters.append(text)
            else:
                if not _SECTION.match(text):
                    heading_notes.append((number, text))
                section = text
            continue
        found = _article_match(line, last)
        if found:
            main, sub, rest = found
            number_text = _number_text(main, sub)
            if current is not None and (number_text in seen or (last is not None and (main, sub) <= last)):
                # A number the text already had (or an earlier one): kept, as published, as a paragraph of the
                # article before it, so that no words are lost and every number stays unique.
                what = "appears twice" if number_text in seen else f"out of order after {_number_text(*last)}"
                parsed.problem(number, "articles", f"article {number_text} {what}: its text is kept as a paragraph "
                                                   f"of article {current.number}", "statute.article")
                paragraphs.append(line)
                continue
            if last is not None and sub == 0 and main != last[0] + 1:
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
    if parsed.articles:
        parsed.preamble = "\n".join(preamble)
        for number, text in heading_notes:
            parsed.problem(number, "articles", f"heading taken as a section: {text[:40]}", "statute.heading")
        return
    parsed.chapters = []
    for number, text, is_heading in lines_read:  # no 第X条: the paragraphs under their headings, in order
        if is_heading or not parsed.sections:
            parsed.sections.append(StatuteSection(text if is_heading else "", "" if is_heading else text, number))
        else:
            section = parsed.sections[-1]
            section.text = f"{section.text}\n{text}" if section.text else text
    parsed.sections = [s for s in parsed.sections if s.text or s.heading]
    for index, section in enumerate(parsed.sections[:-1]):  # a heading directly followed by another: one heading
        if not section.text:
            following = parsed.sections[index + 1]
            following.heading = f"{section.heading} {following.heading}".strip()
            section.heading = ""
    parsed.sections = [s for s in parsed.sections if s.text]


def _read_in_force_clause(parsed: ParsedStatute) -> None:
    """The text's own in-force clause (本法自……起施行), searched from the end: its date, or 自公布之日起施行; and
    `parsed.effective`, the in-force date the text states for itself (a 施行 line, else the clause)."""
    paragraphs = [(a.line, a.text) for a in reversed(parsed.articles)] or [(s.line, s.text) for s in reversed(parsed.sections)]
    for line, text in paragraphs:
        match = _IN_FORCE.search(ascii_digits(text))
        if not match:
            continue
        date_match = _DATE.search(match.group(1))
        if date_match:
            parsed.clause_date = _iso(date_match)
        else:
            parsed.clause_publication = True
        parsed.effective_line = line
        break
    header = parsed.events_of("施行")
    if header:
        parsed.effective, parsed.effective_line = header[-1].date, header[-1].line
        if parsed.clause_date and parsed.clause_date != header[-1].date and not parsed.events_of("修订", "修正"):
            parsed.problem(header[-1].line, "effective", f"施行 line says {header[-1].date}, the text says "
                                                         f"{parsed.clause_date}", "statute.in-force")
    elif parsed.clause_date:
        parsed.effective = parsed.clause_date
    elif parsed.clause_publication and not [e for e in parsed.events_of("修订") if "决定" not in e.note]:
        published = parsed.events_of("公布")
        parsed.effective = published[0].date if published else None


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
            parsed.problem(1, "header", "no <!-- INFO END --> line: header taken as the lines before the first heading",
                           "statute.layout")
    else:
        header, body = lines[:end], lines[end + 1:]
    _parse_header(header, parsed)
    _parse_body(body, parsed)
    if not parsed.title:
        parsed.problem(1, "title", "no '# title' line: not a statute text", "statute.title", "error")
    if not parsed.has_text:
        parsed.problem(1, "articles", "no text after the header (no 第X条 articles, no paragraphs)",
                       "statute.no-text", "error")
    elif not parsed.articles:
        parsed.problem(1, "articles", f"no 第X条 articles: the text is kept as {len(parsed.sections)} section(s) of "
                                      "paragraphs", "statute.sections")
    _read_in_force_clause(parsed)
    return parsed


def _drop_front_matter(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    if lines and lines[0][1].strip() == "---":
        for i in range(1, len(lines)):
            if lines[i][1].strip() == "---":
                return lines[i + 1:]
    return lines


# ---------------------------------------------------------------------------------------------------------------
# Mirror layout: root, levels, addresses


def level_for_path(path: str) -> str | None:
    """Level id from the mirror folders of a path relative to the mirror's root (None when they do not say):
    the law categories -> law, 行政法规, 部门规章, 司法解释, 案例, DLC/<省>地方法规/… -> local-regulation."""
    parts = Path(urllib.parse.unquote(path)).parts[:-1]
    for part in parts:  # the most specific folder wins: 法律/行政法规/x.md is an administrative regulation
        if part in _SPECIFIC_FOLDERS:
            return _FOLDER_LEVELS[part]
        if part == "DLC" or part.endswith(("地方法规", "地方性法规")):
            return "local-regulation"
    for part in parts:
        if part in _FOLDER_LEVELS:
            return _FOLDER_LEVELS[part]
    return None


def mirror_root(path: Path) -> Path | None:
    """The mirror checkout a file belongs to: the outermost folder above it that holds one of the mirror's top folders
    (宪法相关法, 行政法规, DLC …) on the way to the file; None for a file outside such a layout."""
    resolved = path.resolve()
    for parent in reversed(resolved.parents):
        relative = resolved.relative_to(parent).parts
        if len(relative) > 1 and relative[0] in MIRROR_TOP_FOLDERS:
            return parent
    return None


def mirror_url(source_name: str) -> str:
    """https address of a mirror file from its path relative to the mirror's root (URLs are returned unchanged)."""
    if re.match(r"^https?://", source_name):
        return source_name
    return MIRROR_BLOB + urllib.parse.quote(source_name.replace("\\", "/").lstrip("./"))


# ---------------------------------------------------------------------------------------------------------------
# Metadata from the header


def _organ(note: str) -> str | None:
    """The body named at the start of an event line (a congress's standing committee, a meeting's organ, an order's
    issuer), without 中华人民共和国."""
    if "全国人民代表大会常务委员会" in note[:40]:
        return "全国人民代表大会常务委员会"
    if re.match(rf"^第{_NUM}届全国人民代表大会", note):
        return "全国人民代表大会"
    congress = _CONGRESS.match(note)
    if congress and congress.group(1):
        return f"{congress.group(1)}人民代表大会{congress.group(3) or ''}"
    order = _ORDER_NUMBER.search(note)
    if order:
        return re.sub(r"^中华人民共和国", "", re.sub(rf"令(?:第{_NUM}号|〔[0-9]{{4}}〕{_NUM}号)$", "", order.group(1)))
    meeting = _MEETING_ORGAN.match(note)
    if meeting:
        return re.sub(rf"^中华人民共和国|第{_NUM}届$", "", meeting.group(1))
    return None


def _issuer_zh(parsed: ParsedStatute) -> str | None:
    """The issuing body the header names: the organs of the original 通过/公布 lines (SPC and SPP together as
    最高人民法院、最高人民检察院), else of the first line that names one."""
    organs: list[str] = []
    first_change = min((e.date for e in parsed.events_of("修正", "修订")), default="9999-12-31")
    for event in parsed.events:
        if event.kind in ("通过", "公布") and event.date <= first_change:
            organ = _organ(event.note)
            if organ and organ not in organs:
                organs.append(organ)
    if not organs:
        organs = [o for o in (_organ(e.note) for e in parsed.events) if o][:1]
    courts = [o for o in organs if o in ("最高人民法院", "最高人民检察院")]
    if len(courts) == 2:
        return "最高人民法院、最高人民检察院"
    for organ in organs:  # a congress that adopted beats the organ of a later line; an approving one comes second
        return organ
    return None


def _doc_number(parsed: ParsedStatute) -> str | None:
    """The order (令) that published the original text."""
    first_change = min((e.date for e in parsed.events_of("修正", "修订")), default="9999-12-31")
    for event in parsed.events_of("公布"):
        order = _ORDER_NUMBER.search(event.note)
        if order and event.date <= first_change:
            return order.group(1)
    return None


def _original_dates(parsed: ParsedStatute) -> tuple[str | None, str | None]:
    """(adopted: first 通过/批准 date, promulgated: first 公布/发布/令 date) of the original text, when the header
    gives them (a 修订 line that published the whole text again is a change, not the original)."""
    first_change = min((e.date for e in parsed.events_of("修正", "修订")), default="9999-12-31")
    adopted = next((e.date for e in parsed.events_of("通过") if e.date <= first_change), None)
    promulgated = next((e.date for e in parsed.events_of("公布") if e.date <= first_change), None)
    return adopted, promulgated


# ---------------------------------------------------------------------------------------------------------------
# Dating a version (rules in the module docstring)


@dataclass(frozen=True)
class VersionDate:
    """When the version a file holds came into force, and how that is known."""

    effective: str | None  # in-force date (None: no rule dates it)
    rule: str | None  # a DATING_RULES key when inferred, None when stated (or unknown)
    change: StatuteEvent | None  # the change (修正/修订) that made this version; None: the original text
    why: str  # how the date was found, or why there is none, for the summary line

    @property
    def adopted(self) -> str | None:
        return self.change.date if self.change else None


def _days(later: str, earlier: str) -> int:
    return (dt.date.fromisoformat(later) - dt.date.fromisoformat(earlier)).days


def _by_decision(change: StatuteEvent) -> bool:
    """Made by a decision (决定): a line that says so, or a 修正 not made by an amendment act (修正案, which states its
    own in-force date: no rule dates it)."""
    return "决定" in change.note or (change.kind == "修正" and "修正案" not in change.note)


def date_version(parsed: ParsedStatute) -> VersionDate:
    """The in-force date of the version this file holds: stated, inferred by a rule, or unknown (None)."""
    change = parsed.latest_change()
    latest = max((e.date for e in parsed.events), default=None)
    file_date = parsed.file_date
    missing_change = bool(file_date and latest and file_date > latest and _days(file_date, latest) > MISSING_CHANGE_DAYS
                          and not (parsed.clause_date and parsed.clause_date > latest))
    if missing_change:
        change = StatuteEvent(file_date, "修正", "标题下未列出此次修改；日期为国家法律法规数据库所载公布日期（文件名）", 1)
        return VersionDate(file_date, "file-name-publication", change,
                           f"the header lacks the change of {file_date} (file name): in force on that day by rule")
    since = change.date if change else ""
    # This version's 公布 date: a 公布 line on or after its change, the change's own line when it says 公布/发布/令,
    # else the database's date in the file name when it is not before the header's last line.
    published, from_name = None, False
    if change is not None and re.search(r"公布|发布|颁布|令", change.note):
        published = change.date
    else:
        published = next((e.date for e in parsed.events_of("公布") if e.date >= since), None)
    if published is None and file_date and (latest is None or file_date >= latest):
        published, from_name = file_date, True
    in_force_lines = [e for e in parsed.events_of("施行") if e.date >= since]
    if in_force_lines:
        return VersionDate(in_force_lines[-1].date, None, change, "施行 line of the header")
    if parsed.clause_date and parsed.clause_date >= since:
        return VersionDate(parsed.clause_date, None, change, "the text's 自……起施行 clause")
    if parsed.clause_publication and (change is None or not _by_decision(change)):
        if published:
            rule = "publication-day-file-name" if from_name else "publication-day"
            return VersionDate(published, rule, change, f"自公布之日起施行 and 公布 on {published}"
                               f"{' (file name)' if from_name else ''}: by rule")
        return VersionDate(None, None, change, "自公布之日起施行, but neither a 公布 line nor the file name gives the 公布 date")
    if change is not None and _by_decision(change):
        when = published if published and published >= change.date else change.date
        return VersionDate(when, "decision-publication", change,
                           f"the {change.kind} of {change.date} was made by a decision: in force on its publication "
                           f"{when} by rule")
    if change is not None:
        return VersionDate(None, None, change, f"the {change.kind} of {change.date} states no in-force date")
    return VersionDate(None, None, None, "no 施行 line, no 自……起施行 clause")


def _header_change_dates(parsed: ParsedStatute) -> dict[str, tuple[str | None, str | None]]:
    """For every change the header lists: (in-force date, rule) from the header alone (施行 lines between it and the
    next change; else a decision's publication by rule)."""
    changes = sorted(parsed.events_of("修正", "修订"), key=lambda e: e.date)
    dates = {}
    for index, change in enumerate(changes):
        horizon = changes[index + 1].date if index + 1 < len(changes) else "9999-12-31"
        in_force = [e.date for e in parsed.events_of("施行") if change.date <= e.date < horizon]
        if in_force:
            dates[change.date] = (in_force[-1], None)
        elif _by_decision(change):
            dates[change.date] = (change.date, "decision-publication")
        else:
            dates[change.date] = (None, None)
    return dates


def version_date(parsed: ParsedStatute, existing: dict | None = None) -> str | None:
    """In-force date of the version this text is: the record's when it says it, else the text's or a rule's (None
    when nothing dates it)."""
    dating = date_version(parsed)
    if existing:
        if dating.change is None and existing.get("effective"):
            return str(existing["effective"])
        for amendment in existing.get("amendments") or []:
            if dating.change and str(amendment.get("date")) == dating.change.date and amendment.get("effective"):
                return str(amendment["effective"])
    return dating.effective


def version_change_date(parsed: ParsedStatute) -> str | None:
    """Adoption date of the change that made this version (None: the original text)."""
    return date_version(parsed).adopted


# ---------------------------------------------------------------------------------------------------------------
# Texts and records


def text_articles(parsed: ParsedStatute) -> list[dict]:
    """The articles as `texts[].articles` items (number, chapter?, section?, text), full-width punctuation restored."""
    items = []
    for article in parsed.articles:
        item = {"number": article.number}
        if article.chapter:
            item["chapter"] = article.chapter[:120]
        if article.section:
            item["section"] = article.section[:120]
        item["text"] = restore_fullwidth(article.text)
        items.append(item)
    return items


def text_entry(parsed: ParsedStatute, version: str | None, adopted: str | None, url: str | None) -> dict:
    """One `texts` item: dated by `version`, or (unknown in-force date) by `adopted`."""
    entry: dict = {"version": version} if version else ({"adopted": adopted} if adopted else {})
    entry["verbatim"] = True
    if url:
        entry["source"] = url
    if parsed.articles:
        if parsed.preamble:
            entry["preamble"] = restore_fullwidth(parsed.preamble)
        entry["articles"] = text_articles(parsed)
    else:
        entry["sections"] = [{**({"heading": s.heading[:200]} if s.heading else {}), "text": restore_fullwidth(s.text)}
                             for s in parsed.sections]
    return entry


def source_entry(parsed: ParsedStatute, url: str | None) -> dict:
    """The mirror file as a source: a mirror of the national database, not the official publication."""
    title = parsed.full_title + (f"（{parsed.file_date}）" if parsed.file_date else "")
    entry = {"title": title or parsed.source_name, "publisher": MIRROR_PUBLISHER, "kind": MIRROR_KIND}
    if url:
        entry["url"] = url
    return entry


@dataclass
class FileVersion:
    """One file of a statute: what was read from it, where it is, and how its version is dated."""

    parsed: ParsedStatute
    name: str  # path relative to the mirror root (or as given)
    url: str | None
    level: str | None
    dating: VersionDate

    @property
    def change_date(self) -> str | None:
        return self.dating.adopted


def _sort_key(version: FileVersion) -> tuple:
    return (version.change_date or "", version.parsed.file_date or "", version.name)


def _set_after(mapping: dict, after: tuple[str, ...], key: str, value) -> None:
    """Set mapping[key], placed after the last of `after` present (the order a person writes the fields in)."""
    if key in mapping:
        mapping[key] = value
        return
    items = list(mapping.items())
    positions = [i + 1 for i, (k, _v) in enumerate(items) if k in after]
    items.insert(max(positions, default=len(items)), (key, value))
    mapping.clear()
    mapping.update(items)


def _merge_versions(record: dict, versions: list[FileVersion]) -> tuple[dict, list[dict], list[str]]:
    """`record` (a copy) with what the version files add: the original's or an amendment's in-force date when the
    record lacks it (marked inferred when a rule gave it), amendments the record lacks, the files as sources.
    Returns (record, texts of the versions, notes on what changed besides texts)."""
    record = {**record, "amendments": [dict(a) for a in record.get("amendments") or []]}
    notes: list[str] = []
    amendments = {str(a.get("date")): a for a in record["amendments"]}
    header_dates: dict[str, tuple[str | None, str | None]] = {}
    for version in versions:  # a stated date beats an inferred one, an inferred one beats none
        for date, (effective, rule) in _header_change_dates(version.parsed).items():
            known = header_dates.get(date)
            if known is None or (effective and (known[0] is None or (known[1] and not rule))):
                header_dates[date] = (effective, rule)
    # Every change a header lists is an amendment of the record, except those not after the text the record takes as
    # its original (a record may start from a revision: 2011's 修订 published as the original of its record).
    floor = max(str(record.get(k) or "") for k in ("adopted", "promulgated"))
    for version in sorted(versions, key=_sort_key):
        for change in [*version.parsed.events_of("修正", "修订"), *([version.dating.change] if version.dating.change else [])]:
            if change.date in amendments or change.date <= floor:
                continue
            amendment = {"date": change.date, "type": "revision" if change.kind == "修订" else "amendment",
                         "note": {"zh": change.note}}
            amendments[change.date] = amendment
            notes.append(f"amendment of {change.date} added")
    dated_by_file = {v.change_date: v.dating for v in versions if v.dating.effective}
    for date, amendment in amendments.items():
        if amendment.get("effective"):
            continue
        dating = dated_by_file.get(date)
        effective, rule = (dating.effective, dating.rule) if dating else header_dates.get(date, (None, None))
        if effective and effective >= date:
            _set_after(amendment, ("date", "type"), "effective", effective)
            if rule:
                _set_after(amendment, ("effective",), "effective_inferred", rule)
            notes.append(f"in force {effective} for the change of {date}" + (f" (inferred: {rule})" if rule else ""))
    record["amendments"] = sorted(amendments.values(), key=lambda a: str(a.get("date")))
    if not record["amendments"]:
        del record["amendments"]
    if not record.get("effective"):
        originals = [v.dating for v in versions if v.dating.effective and (v.dating.change is None or v.dating.change.date not in amendments)]
        first_change = min(amendments, default="9999-12-31")
        stated = [e.date for v in versions for e in v.parsed.events_of("施行") if e.date < first_change]
        clauses = [v.parsed.clause_date for v in versions if v.parsed.clause_date and v.parsed.clause_date < first_change]
        by_publication = [v.parsed.effective for v in versions if v.parsed.clause_publication and v.parsed.effective
                          and not v.parsed.events_of("施行") and v.parsed.effective < first_change]
        if originals:
            effective, rule = originals[0].effective, originals[0].rule
        elif stated or clauses:
            effective, rule = (stated or clauses)[0], None
        elif by_publication:  # 自公布之日起施行 of the original text, its 公布 line kept in a later version's header
            effective, rule = by_publication[0], "publication-day"
        else:
            effective, rule = None, None
        promulgated = str(record.get("promulgated") or "")
        if effective and effective >= promulgated:
            _set_after(record, ("promulgated", "adopted", "doc_number", "issuer", "level"), "effective", effective)
            if rule:
                _set_after(record, ("effective",), "effective_inferred", rule)
            notes.append(f"original in force {effective}" + (f" (inferred: {rule})" if rule else ""))
    listed = {str(s.get("url")) for s in record.get("sources") or [] if s.get("url")}
    sources = list(record.get("sources") or [])
    for version in versions:
        if version.url and version.url not in listed and not listed_source_url(record, version.name):
            sources.append(source_entry(version.parsed, version.url))
            listed.add(version.url)
            notes.append(f"source {version.name} listed")
    record["sources"] = sources
    texts = []
    for version in sorted(versions, key=_sort_key):
        if version.dating.change is None or version.dating.change.date not in amendments:  # the record's original
            key_date = str(record["effective"]) if record.get("effective") else None
            adopted = str(record.get("promulgated") or record.get("adopted") or "") or None
        else:
            amendment = amendments[version.dating.change.date]
            key_date = str(amendment["effective"]) if amendment.get("effective") else None
            adopted = version.dating.change.date
        url = listed_source_url(record, version.name) or version.url
        texts.append(text_entry(version.parsed, key_date, None if key_date else adopted, url))
    return record, texts, notes


def statute_to_record(parsed: ParsedStatute, level: str | None, existing: dict | None = None, *,
                      source_url: str | None = None) -> dict:
    """A regulation record for one file: `existing` with this version added (and its in-force date when the record
    lacks it), or a draft holding what the text states (Chinese only; a person adds English, topics, summary)."""
    version = FileVersion(parsed, parsed.source_name, source_url or mirror_url(parsed.source_name), level,
                          date_version(parsed))
    return document_record([version], existing)


def document_record(versions: list[FileVersion], existing: dict | None = None) -> dict:
    """The record of one statute from all its version files (oldest first), added to `existing` when given."""
    if existing is not None:
        record, texts, _notes = _merge_versions(existing, versions)
        have = {text_key(t): t for t in record.get("texts") or []}
        for entry in texts:
            have.setdefault(text_key(entry), entry)
        record["texts"] = sorted(have.values(), key=text_key)
        return record
    newest = sorted(versions, key=_sort_key)[-1].parsed
    oldest = sorted(versions, key=_sort_key)[0].parsed
    draft: dict = {"title": {"zh": newest.full_title}}
    level = next((v.level for v in reversed(versions) if v.level), None) or _level_from_text(newest)
    draft["level"] = level
    issuer = _issuer_zh(oldest) or _issuer_zh(newest)
    if issuer:
        draft["issuer"] = {"zh": issuer}
    number = _doc_number(oldest) or _doc_number(newest)
    if number:
        draft["doc_number"] = number
    adopted, promulgated = _original_dates(oldest)
    if not (adopted or promulgated):
        adopted, promulgated = _original_dates(newest)
    if adopted and (not promulgated or adopted <= promulgated):
        draft["adopted"] = adopted
    if promulgated:
        draft["promulgated"] = promulgated
    draft["sources"] = []
    record, texts, _notes = _merge_versions(draft, versions)
    seen = set()
    record["texts"] = []
    for entry in texts:
        if text_key(entry) not in seen:
            seen.add(text_key(entry))
            record["texts"].append(entry)
    sources = record.pop("sources")
    record["sources"] = sources or [{"title": newest.full_title or newest.source_name, "publisher": MIRROR_PUBLISHER,
                                     "kind": MIRROR_KIND}]
    return record


def _level_from_text(parsed: ParsedStatute) -> str:
    notes = " ".join(e.note for e in parsed.events)
    if "全国人民代表大会" in notes and not _CONGRESS.search(notes.replace("全国人民代表大会", "")):
        return "law"
    if "国务院令" in notes or "国务院第" in notes:
        return "administrative-regulation"
    if "最高人民法院" in notes or "最高人民检察院" in notes:
        return "judicial-interpretation"
    if "人民代表大会" in notes:
        return "local-regulation"
    return "normative-document"


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


# ---------------------------------------------------------------------------------------------------------------
# Reading files


def read_statute_file(path: Path) -> tuple[str | None, str]:
    """(text, "") of a UTF-8 Markdown file, or (None, why not) for binary or non-UTF-8 (e.g. GBK) input."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        return None, f"cannot read the file: {error.strerror or error}"
    if b"\x00" in raw[:4096]:
        return None, "binary file, not a Markdown text: not imported"
    try:
        return raw.decode("utf-8"), ""
    except UnicodeDecodeError as error:
        encoding = "GBK/GB18030" if _decodes(raw, "gb18030") else "an unknown encoding"
        return None, (f"not UTF-8 (byte {error.start}; looks like {encoding}): save it as UTF-8 "
                      "(e.g. iconv -f GB18030 -t UTF-8) and import again")


def _decodes(raw: bytes, encoding: str) -> bool:
    try:
        raw.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def statute_files(paths: list[Path]) -> list[Path]:
    """Markdown files named by `paths` (folders searched recursively; _index.md, README.md and templates skipped)."""
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


def _mirror_path_of(url: str) -> str | None:
    match = re.match(r"^https?://github\.com/LawRefBook/Laws/blob/[^/]+/(.+)$", url or "")
    return urllib.parse.unquote(match.group(1)) if match else None


# ---------------------------------------------------------------------------------------------------------------
# Writing


def _last_top_level_key(text: str) -> str | None:
    keys = re.findall(r"^([A-Za-z_][A-Za-z0-9_]*):", text, flags=re.MULTILINE)
    return keys[-1] if keys else None


def _texts_to_add(record: dict, texts: list[dict]) -> tuple[list[dict], str]:
    """The texts whose version the record lacks, and why nothing is to be added ("" when something is)."""
    have = {text_key(t) for t in record.get("texts") or []}
    new = [t for t in texts if text_key(t) not in have]
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
    appended = fields_text({"texts": sorted(new, key=text_key)}, SCHEMA)
    addition += appended if not record.get("texts") else appended.split("\n", 1)[1]
    size = len((current + addition).encode("utf-8"))
    if size > MAX_RECORD_BYTES:
        return f"not appended: the file would be {size // 1024} KB (limit {MAX_RECORD_BYTES // 1024} KB)"
    merged = yaml.safe_load(current + addition)
    if [text_key(t) for t in merged.get("texts") or []][-len(new):] != [text_key(t) for t in sorted(new, key=text_key)]:
        return "not appended: the result would not read back as the added texts"
    if not dry_run:
        with path.open("a", encoding="utf-8") as handle:
            handle.write(addition)
    return f"{'would append' if dry_run else 'appended'} {_texts_summary(new)}, file {size // 1024} KB"


def _texts_summary(texts: list[dict]) -> str:
    parts = sum(len(t.get("articles") or t.get("sections") or []) for t in texts)
    return f"{len(texts)} text(s) ({', '.join(text_key(t) for t in texts)}), {parts} articles/sections"


def rewrite_record(target: Path, record: dict, *, dry_run: bool, keep_comment_from: Path | None = None) -> str:
    """Write `record` whole to `target` (its leading comment lines kept when it is rewritten). Returns what it did."""
    text = record_text(record, SCHEMA)
    if keep_comment_from is not None and keep_comment_from.is_file():
        own = []
        for line in keep_comment_from.read_text(encoding="utf-8").splitlines():
            if not line.startswith("#"):
                break
            if "yaml-language-server" not in line:
                own.append(line)
        text = "".join(f"{line}\n" for line in own) + text
    size = len(text.encode("utf-8"))
    if size > MAX_RECORD_BYTES:
        return f"not written: the record would be {size // 1024} KB (limit {MAX_RECORD_BYTES // 1024} KB)"
    if not dry_run:
        target.parent.mkdir(parents=True, exist_ok=True)
        write_record(target, text)
    return f"{'would write' if dry_run else 'wrote'} {target} ({size // 1024} KB)"


def write_override(target: Path, record: dict, texts: list[dict], earlier: Path, *, dry_run: bool) -> str:
    """The record of an earlier layer (`earlier`, never changed) written to `target` in the layer being imported into,
    marked `overrides: true`, with `texts` added. Returns what it did."""
    new, nothing = _texts_to_add(record, texts)
    if nothing:
        return nothing
    merged = {**record, "overrides": True, "texts": sorted(list(record.get("texts") or []) + new, key=text_key)}
    done = rewrite_record(target, merged, dry_run=dry_run)
    if not done.startswith(("wrote", "would write")):
        return done
    return f"{done}: overrides {earlier} of an earlier layer (left as it is) with {_texts_summary(new)} added"


# ---------------------------------------------------------------------------------------------------------------
# Import


@dataclass
class ImportReport:
    """What `import_statutes` found and did: one outcome line per file, every problem, the records touched."""

    files: int = 0
    articles: int = 0
    appended: list[str] = field(default_factory=list)  # record ids that got texts
    unchanged: list[str] = field(default_factory=list)
    drafts: dict[str, dict] = field(default_factory=dict)  # title -> new record (no record existed)
    mismatches: dict[str, list[str]] = field(default_factory=dict)  # record id -> messages
    problems: dict[str, list[Problem]] = field(default_factory=dict)  # source -> its problems
    actions: list[str] = field(default_factory=list)
    outcomes: dict[str, str] = field(default_factory=dict)  # file -> its summary line
    refused: dict[str, str] = field(default_factory=dict)  # file -> why its text was not imported
    inferred: int = 0
    undated: int = 0

    def refuse(self, name: str, why: str) -> None:
        self.refused[name] = why
        self.outcomes[name] = f"refused: {why}"


def _title_key(title: str) -> str:
    return re.sub(r"[\s\u3000（）()《》]+", "", title)


def _origin(parsed: ParsedStatute) -> str | None:
    """The date the header gives for the original text (its first 通过/公布 line), None when it starts with a change."""
    first = min(parsed.events, key=lambda e: e.date, default=None)
    return first.date if first and first.kind in ("通过", "公布", "施行") else None


def _documents(versions: list[FileVersion]) -> list[list[FileVersion]]:
    """Files grouped into statutes: one title (with its part, 民法典（总则）) and one original text. Two documents
    with one title (an interpretation replaced by a new one) have different original dates and stay apart; a file
    whose header starts with a change joins the document of its title it follows."""
    by_title: dict[str, dict[str | None, list[FileVersion]]] = {}
    for version in versions:
        by_title.setdefault(_title_key(version.parsed.full_title), {}).setdefault(_origin(version.parsed), []).append(version)
    documents = []
    for origins in by_title.values():
        dated = sorted(o for o in origins if o)
        for origin in dated:
            documents.append(origins[origin])
        for version in origins.get(None, []):
            change = version.change_date or ""
            home = max((o for o in dated if o <= change), default=None)
            if home is None:
                documents.append([version])
            else:
                origins[home].append(version)
    return [sorted(d, key=_sort_key) for d in documents]


def _same_document(record: dict, versions: list[FileVersion]) -> bool:
    """A record of the same title is the same statute unless both give dates for the original text, none within a
    year of another."""
    mine = {str(record.get(k)) for k in ("adopted", "promulgated", "effective") if record.get(k)}
    theirs: set[str] = set()
    for version in versions:
        theirs.update(d for d in _original_dates(version.parsed) if d)
        if version.dating.change is None and version.dating.effective:
            theirs.add(version.dating.effective)
        origin = _origin(version.parsed)
        if origin:
            theirs.add(origin)
    # The original's adoption, publication and entry into force fall within a year (刑法: 通过 1979-07-01, 公布
    # 07-06, 施行 1980-01-01); another document of the same title is years apart.
    return not mine or not theirs or any(abs(_days(a, b)) <= MISSING_CHANGE_DAYS for a in mine for b in theirs)


def _existing_record(versions: list[FileVersion], known: KindRecords, by_source: dict[str, str],
                     by_title: dict[str, list[str]]) -> str | None:
    for version in versions:
        if version.name in by_source:
            return by_source[version.name]
    parsed = versions[-1].parsed
    for key in dict.fromkeys((_title_key(parsed.full_title), _title_key(parsed.title))):
        for record_id in by_title.get(key, []):
            record = known.records[record_id]
            if key == _title_key(parsed.title) and parsed.subtitle and _title_key(parsed.full_title) != key:
                continue  # 民法典（总则） is not 民法典
            if _same_document(record, versions):
                return record_id
    return None


def _indexes(known: KindRecords) -> tuple[dict[str, str], dict[str, list[str]]]:
    """Mirror file -> record id (the files whose text a record holds: texts[].source), title key -> record ids, over
    every layer. A file the record only cites (sources) is not its text: 刑法修正案（六）.md is a source of 刑法."""
    by_source: dict[str, str] = {}
    by_title: dict[str, list[str]] = {}
    for record_id, record in sorted(known.records.items()):
        _index_record(record_id, record, by_source, by_title)
    return by_source, by_title


def _index_record(record_id: str, record: dict, by_source: dict[str, str], by_title: dict[str, list[str]]) -> None:
    for text in record.get("texts") or []:
        path = _mirror_path_of(str(text.get("source") or "")) if isinstance(text, dict) else None
        if path:
            by_source.setdefault(path, record_id)
    # Records already in the folder may be broken (the validator reports them): a title written as plain text is
    # still matched, any other shape is not read as a title.
    title = record.get("title")
    title = title.get("zh") if isinstance(title, dict) else title
    if isinstance(title, str) and title and record_id not in by_title.get(_title_key(title), []):
        by_title.setdefault(_title_key(title), []).append(record_id)


def _remember(known: KindRecords, record_id: str, record: dict, target: Path, by_source: dict[str, str],
              by_title: dict[str, list[str]]) -> None:
    """A record this import wrote is what later files of the same statute build on (never the earlier layer's)."""
    known.records[record_id] = record
    known.files[record_id] = target
    known.layer_of[record_id] = len(known.layers) - 1
    _index_record(record_id, record, by_source, by_title)


def _distinct_versions(versions: list[FileVersion], report: ImportReport) -> list[FileVersion]:
    """One file per version: the mirror files some statutes in two folders (行政法/ and 社会法/). A second file of the
    same version with the same text is left out (said so); with another text it is refused (a person compares)."""
    kept: list[FileVersion] = []
    seen: dict[tuple, FileVersion] = {}
    for version in versions:
        key = (version.dating.effective, version.change_date)
        text = tuple((a.number, _normalise(a.text)) for a in version.parsed.articles) or tuple(
            _normalise(s.text) for s in version.parsed.sections)
        if key in seen:
            first = seen[key]
            same = text == (tuple((a.number, _normalise(a.text)) for a in first.parsed.articles) or tuple(
                _normalise(s.text) for s in first.parsed.sections))
            if same:
                report.outcomes[version.name] = f"same version and text as {first.name}: left out (one copy kept)"
            else:
                report.refuse(version.name, f"a second text of the version of {first.name} with other words: not "
                                            "imported; compare the two files and import the right one")
            continue
        seen[key] = version
        kept.append(version)
    return kept


def _version_outcome(version: FileVersion, texts: list[dict], record_id: str, done: str) -> str:
    entry = next((t for t in texts if t.get("source") in (version.url, None) or
                  _mirror_path_of(str(t.get("source") or "")) == version.name), None)
    key = text_key(entry) if entry else "?"
    if key.startswith("undated"):
        how = (f"in-force date not stated (施行日期不详; {version.dating.why}); adopted "
               f"{version.change_date or 'not stated'}")
    elif version.dating.rule and version.dating.effective == key:
        how = f"in force {key}, date inferred ({version.dating.rule}: {DATING_RULES[version.dating.rule]})"
    else:
        how = f"in force {key}"
    return f"imported with text into {record_id} ({how}); {done}"


def import_statutes(paths: list[Path], data: Path | tuple[Path, ...] | list[Path], dry_run: bool, *,
                    root: Path | None = None, today: dt.date | None = None) -> ImportReport:
    """Parse the statute files under `paths` and add every version's text to the records of the data layers `data`
    (one folder or several; the last one is written to).

    Files of one statute (title and original text) are versions of one record. A record of the last layer is
    appended to (or rewritten when its amendments or sources change); a record of an earlier layer is written to the
    last layer as an override (`overrides: true`), the earlier file left as it is; a statute without a record gets a
    new one (Chinese only: valid in an organisation's layer). Importing the same files again changes nothing.
    `root` is the mirror's top folder (default: found from each file's folders). Afterwards the layers are
    validated: a written record the validator refuses is taken back and its files reported as refused."""
    layers = (Path(data),) if isinstance(data, (str, Path)) else tuple(Path(d) for d in data)
    data_dir = layers[-1]
    known = read_kind(layers, REGULATIONS)
    report = ImportReport()
    for problem in known.problems:
        report.problems.setdefault(problem.path, []).append(problem)
    versions: list[FileVersion] = []
    for path in statute_files(paths):
        top = root.resolve() if root else mirror_root(path)
        resolved = path.resolve()
        in_mirror = top is not None and resolved.is_relative_to(top)
        name = resolved.relative_to(top).as_posix() if in_mirror else path.as_posix()
        report.files += 1
        text, why = read_statute_file(path)
        if text is None:
            report.problems.setdefault(name, []).append(Problem(name, None, "(file)", why, "statute.unreadable"))
            report.refuse(name, why)
            continue
        parsed = parse_statute(text, name)
        report.articles += len(parsed.articles)
        if not in_mirror:
            parsed.problem(None, "sources", "not in a LawRefBook/flk mirror folder (宪法相关法/, 行政法规/, DLC/ …): "
                                            "no source address and no level from the folder", "statute.no-mirror")
        if parsed.problems:
            report.problems[name] = list(parsed.problems)
        errors = [p for p in parsed.problems if p.is_error]
        if errors:
            report.refuse(name, errors[0].message)
            continue
        level = (level_for_path(name) if in_mirror else None) or _level_from_text(parsed)
        versions.append(FileVersion(parsed, name, mirror_url(name) if in_mirror else None, level,
                                    date_version(parsed)))

    by_source, by_title = _indexes(known)
    allocator = IdAllocator(set(known.records))
    baseline: dict[Path, set] | None = None  # problems the write layer's records had before, when one is rewritten
    written: dict[Path, tuple[str | None, list[FileVersion], str]] = {}  # file -> (text before, versions, record id)
    for document in _documents(versions):
        document = _distinct_versions(document, report)
        if not document:
            continue
        record_id = _existing_record(document, known, by_source, by_title)
        if record_id is not None:
            record, path = known.records[record_id], known.files[record_id]
            merged, texts, notes = _merge_versions(record, document)
            new, nothing = _texts_to_add(record, texts)
            if nothing and not notes:
                report.unchanged.append(record_id)
                for version in document:
                    report.outcomes.setdefault(version.name, f"already in {record_id} (unchanged)")
                continue
            newest = document[-1]
            if any(t.get("source") == newest.url for t in new) and newest.parsed.articles:
                mismatches = key_article_mismatches(record, newest.parsed)
                if mismatches:
                    report.mismatches[record_id] = mismatches
            merged["texts"] = sorted(list(record.get("texts") or []) + new, key=text_key)
            if known.in_write_layer(record_id):
                before = path.read_text(encoding="utf-8")
                if baseline is None and not dry_run:
                    baseline = _problems_by_file(layers, today)
                dates_changed = [n for n in notes if not n.startswith("source ")]
                if dates_changed:
                    result = rewrite_record(path, merged, dry_run=dry_run, keep_comment_from=path)
                else:  # only texts to add: appended, the file otherwise as it is; unlisted sources reported
                    result = append_texts(path, new, dry_run=dry_run)
                    for version in document:
                        url = version.url
                        if url and any(t.get("source") == url for t in new) and not listed_source_url(record, version.name):
                            report.mismatches.setdefault(record_id, []).append(
                                f"{version.name}: not listed in the record's sources (add {url})")
                    notes = []
                target = path
            else:
                target = data_dir / REGULATIONS / path.name
                before = None
                result = write_override(target, {**merged, "texts": list(record.get("texts") or [])}, new, path,
                                        dry_run=dry_run) if new else rewrite_record(
                    target, {**merged, "overrides": True}, dry_run=dry_run)
            done = result.startswith(("appended", "would append", "wrote", "would write"))
            (report.appended if done else report.unchanged).append(record_id)
            if done and not dry_run:
                _remember(known, record_id, {**merged, "overrides": True} if target != path else merged, target,
                          by_source, by_title)
            report.actions.append(f"{record_id}: {result}" + (f" ({'; '.join(notes)})" if notes else ""))
            if done and not dry_run:
                _note_written(written, target, before, document, record_id)
            for version in document:
                if not done:
                    report.refuse(version.name, f"{record_id}: {result}")
                elif any(_mirror_path_of(str(t.get("source") or "")) == version.name or t.get("source") == version.url
                         for t in new):
                    report.outcomes[version.name] = _version_outcome(version, new, record_id, result.split(":")[0])
                else:
                    report.outcomes.setdefault(version.name, f"already in {record_id} (its text was there)")
            continue
        draft = document_record(document)
        title = document[-1].parsed.full_title
        year = (_origin(document[0].parsed) or document[0].change_date or "")[:4]
        if id_for_title(title) in allocator.taken and year:
            new_id = allocator.for_title(title, year)  # another statute of this title: its year in the id, not -2
        else:
            new_id = allocator.for_title(title)
        target = data_dir / REGULATIONS / f"{new_id}.yml"
        report.drafts[title if title not in report.drafts else f"{title} ({new_id})"] = {"id": new_id, **draft}
        result = rewrite_record(target, {"id": new_id, **draft}, dry_run=dry_run)
        report.actions.append(f"《{title}》: {result}; Chinese only: add English title and summary for shipped content")
        if result.startswith(("wrote", "would write")):
            if not dry_run:
                _note_written(written, target, None, document, new_id)
            _remember(known, new_id, {"id": new_id, **draft}, target, by_source, by_title)
            for version in document:
                report.outcomes[version.name] = _version_outcome(version, draft["texts"], new_id, "new record")
        else:
            for version in document:
                report.refuse(version.name, result)
    if written:
        _take_back_refused(layers, written, report, today or dt.date.today(), baseline or {})
    for entry in report.outcomes.values():
        report.inferred += "date inferred" in entry
        report.undated += "date not stated" in entry
    _print_report(report, dry_run)
    return report


def _problems_by_file(layers: tuple[Path, ...], today: dt.date | None) -> dict[Path, set]:
    """Every problem the validator finds in the layers, by resolved file: {(field, message)}."""
    from portal.check.validate import check_dataset
    from portal.kinds import KINDS
    from portal.load.dataset import read_dataset
    from portal.settings import SHIPPED_DATA

    bilingual = all(layer.resolve() == SHIPPED_DATA.resolve() for layer in layers)
    result = check_dataset(read_dataset(layers, KINDS), today or dt.date.today(), bilingual=bilingual)
    found: dict[Path, list] = {}
    for problem in result.problems:
        found.setdefault(Path(problem.path).resolve(), []).append(problem)
    return found


def _note_written(written: dict, target: Path, before: str | None, document: list, record_id: str) -> None:
    """Remember a write: the file's content before this import's first write to it, and every file that went in."""
    if target in written:
        first_before, documents, _id = written[target]
        written[target] = (first_before, documents + document, record_id)
    else:
        written[target] = (before, document, record_id)


def _take_back_refused(layers: tuple[Path, ...], written: dict, report: ImportReport, today: dt.date,
                       baseline: dict[Path, list]) -> None:
    """Validate the layers; a record this import wrote that the validator refuses (for a problem the record did not
    have before) is put back as it was (or removed) and its files reported as refused with the validator's words."""
    after = _problems_by_file(layers, today)
    by_file: dict[Path, list[Problem]] = {}
    for target in written:
        had = {(p.field, p.message) for p in baseline.get(target.resolve(), [])}
        new = [p for p in after.get(target.resolve(), []) if (p.field, p.message) not in had]
        if new:
            by_file[target] = new
    for target, problems in by_file.items():
        before, document, record_id = written[target]
        if before is None:
            target.unlink()
        else:
            target.write_text(before, encoding="utf-8")
        report.appended = [i for i in report.appended if i != record_id]
        report.drafts = {title: d for title, d in report.drafts.items() if d.get("id") != record_id}
        why = f"the validator refuses the record {record_id} ({problems[0].field}: {problems[0].message})"
        for version in document:
            report.refuse(version.name, why + "; nothing written")
        for problem in problems:
            report.problems.setdefault(str(target), []).append(problem)


def _print_report(report: ImportReport, dry_run: bool) -> None:
    for line in report.actions:
        print(line)
    for record_id, messages in report.mismatches.items():
        for message in messages:
            print(f"MISMATCH {record_id}: {message}")
    for name, outcome in sorted(report.outcomes.items()):
        print(f"{name}: {outcome}")
    for problems in report.problems.values():
        for problem in problems:
            print(problem, file=sys.stderr)
    kept = sum(1 for o in report.outcomes.values() if o.startswith("imported"))
    print(f"{report.files} files, {report.articles} articles: {kept} texts {'to import' if dry_run else 'imported'} "
          f"({report.inferred} with an inferred in-force date, {report.undated} with none stated), "
          f"{sum(1 for o in report.outcomes.values() if o.startswith(('already', 'same')))} already there, "
          f"{len(report.refused)} refused; records {'to write' if dry_run else 'written'}: "
          f"{len(report.drafts)} new, {len(report.appended)} added to")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Import official statute texts (LawRefBook/flk layout) into records.")
    parser.add_argument("paths", nargs="+", type=Path, help="statute Markdown files or folders")
    parser.add_argument("--data", type=Path, action="append",
                        help="data layer (with regulations/); repeat for several, the last is written to "
                             "(default: data)")
    parser.add_argument("--root", type=Path, help="top folder of the mirror checkout (default: found from the "
                                                  "folders of each file)")
    parser.add_argument("--dry-run", action="store_true", help="report only, change no file")
    args = parser.parse_args(argv)
    report = import_statutes(args.paths, tuple(args.data or [Path("data")]), args.dry_run, root=args.root)
    return 1 if report.refused else 0


if __name__ == "__main__":
    sys.exit(main())
