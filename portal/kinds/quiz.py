# Record kind: quiz questions (一日一题, 安全知识竞赛) — checks, sheet; shown on the quiz page, not as pages of their own.
"""Quiz questions (data/quiz/): one multiple-choice question each, citing an article or a case.

The questions citing each regulation are the derived fact `quiz_by_regulation`."""
from __future__ import annotations

from collections import defaultdict

from portal.kinds.base import Kind
from portal.kinds.cases import NAME as CASES
from portal.kinds.regulations import NAME as REGULATIONS, article_ref
from portal.text import pick

NAME = "quiz"


def _quiz_by_regulation(derived) -> dict[str, list[str]]:
    result: dict[str, list[str]] = defaultdict(list)
    for quiz_id, question in sorted(derived.dataset.records[NAME].items()):
        cites = question.get("cites") or {}
        if cites.get("regulation"):
            result[cites["regulation"]].append(quiz_id)
    return result


class Quiz(Kind):
    name = NAME
    schema = "quiz.schema.json"
    has_pages = False
    names = {"zh": "每日一题", "en": "Question of the day"}
    search_label = {"zh": "题目", "en": "Question"}
    file_hints = ("quiz", "题库", "试题", "题目")
    facts = {"quiz_by_regulation": _quiz_by_regulation}

    def title(self, record, lang):
        return pick(record.get("question"), lang)[0]

    def check(self, checker, quiz_id, question, loaded):
        choices = question.get("choices") or []
        answer = question.get("answer")
        if isinstance(answer, int) and not isinstance(answer, bool) and answer >= len(choices):
            checker.add(loaded, ("answer",), f"答案序号 {answer} 超出选项范围（从 0 开始计数）",
                        f"answer {answer} points past the last choice (there are {len(choices)}; counting starts at 0)",
                        "quiz.answer-range")
        cites = question.get("cites") or {}
        if "regulation" in cites:
            article_ref(checker, loaded, ("cites",), cites)
        if "case" in cites:
            checker.record_ref(loaded, ("cites", "case"), cites["case"], CASES)
        checker.terms(loaded, ("topics",), question.get("topics"), "topics")

    def references(self, record):
        cites = record.get("cites") or {}
        refs = [(REGULATIONS, cites["regulation"])] if cites.get("regulation") else []
        return refs + ([(CASES, cites["case"])] if cites.get("case") else [])

    # -- spreadsheet --------------------------------------------------------------------------------------------
    def sheet(self):
        """The workbook of quiz questions: one row per question; its choices in the sheet 选项."""
        from portal.tables.columns import TOPICS_HELP, id_column
        from portal.tables.spec import ChildSheet, Column, KindSpec

        return KindSpec(
            kind=self.name, schema=self.schema, zh="题库", en="Quiz",
            key_zh="题目编号", key_en="Question ID", title="question", identity=("question.zh",), required_objects=("cites",),
            columns=(
                id_column("题目编号", "Question ID"),
                Column("question", "题目", "Question", "text_both", required=True, aliases=("题干", "试题"),
                       example=("示例：事故报告应在多长时间内完成？", "Example: how soon must the accident be reported?")),
                Column("answer", "答案", "Answer", "choice", required=True, aliases=("正确答案",), example=0, scope="choices",
                       help_zh="正确选项的字母：A、B、C……（对应“选项”表）", help_en="Letter of the right choice: A, B, C ..."),
                Column("explanation", "解析", "Explanation", "text_both", required=True, aliases=("答案解析",),
                       example=("示例：依据某条规定。", "Example: under a provision.")),
                Column("cites.regulation", "依据法规", "Cited regulation", "id", example="work-safety-law",
                       help_zh="依据的法规编号；与“依据条款”一起填写，或改填“依据案例”",
                       help_en="ID of the regulation; fill in with the article, or give a case instead"),
                Column("cites.article", "依据条款", "Cited article", "article", example="21"),
                Column("cites.case", "依据案例", "Cited case", "id", help_zh="依据的案例编号", help_en="ID of the case"),
                Column("topics", "主题", "Topics", "vocab-list:topics", help_zh=TOPICS_HELP[0], help_en=TOPICS_HELP[1]),
            ),
            children=(
                ChildSheet("choices", "选项", "Choices", "choices", (
                    Column("", "选项内容", "Choice", "text_both", required=True, example=("示例：1小时", "Example: 1 hour")),
                ), order_zh="选项字母", order_en="Letter", required=True,
                    help_zh="每行一个选项（2–6个），“选项字母”写 A、B、C……", help_en="One choice per row (2 to 6), lettered A, B, C ..."),
            ),
            help_zh="一行一道选择题；选项写在“选项”表。", help_en="One question per row; its choices go in the sheet 选项.",
        )


KIND = Quiz()
