# Record kind: quiz questions (一日一题, 安全知识竞赛) — checks, sheet; shown on the quiz page, not as pages of their own.
"""Quiz questions (data/quiz/): one question each (single choice, multiple choice or true/false), citing an article
or a case.

A question may quote the words of its cited article that hold the answer (`quote`); the validator checks that the
article says them and that the right choice is in them (its wording, or every figure it names). The questions citing
each regulation are the derived fact `quiz_by_regulation`."""
from __future__ import annotations

import re
from collections import defaultdict

from portal.kinds.base import Kind
from portal.kinds.cases import NAME as CASES
from portal.kinds.regulations import NAME as REGULATIONS, article_ref, article_texts
from portal.records.numerals import NUMERAL, chinese_numeral
from portal.text import pick

NAME = "quiz"
QUESTION_TYPES = ("single", "multiple", "true-false")
_NOT_WORDS = re.compile(r"[\s，。、；：,.;:“”‘’\"'（）()《》〈〉【】\[\]·]+")


def question_type(question: dict) -> str:
    """single, multiple or true-false (a question without `type` is single choice)."""
    return question.get("type") or "single"


def right_choices(question: dict) -> list[int]:
    """Indexes of the right choices (one for single choice and true/false, two or more for multiple choice)."""
    answer = question.get("answer")
    if isinstance(answer, list):
        return [a for a in answer if isinstance(a, int) and not isinstance(a, bool)]
    return [answer] if isinstance(answer, int) and not isinstance(answer, bool) else []


def plain(text: str) -> str:
    """Text without spaces, line breaks and punctuation: what a quote is compared by."""
    return _NOT_WORDS.sub("", text or "")


def figures(text: str) -> set[int]:
    """The numbers a text names, written in digits or in Chinese numerals (1小时 and 一小时 are both 1)."""
    found: set[int] = set()
    for run in re.findall(NUMERAL, text or ""):
        try:
            found.add(chinese_numeral(run))
        except ValueError:
            found.update(int(d) for d in re.findall(r"[0-9]+", run))
            for part in re.findall(r"[〇○零一二两三四五六七八九十百千万亿]+", run):
                try:
                    found.add(chinese_numeral(part))
                except ValueError:
                    continue
    return found


WORDING_SHARE = 0.6  # a right choice without figures must share this part of its character pairs with the quote


def choice_in_quote(choice_zh: str, quote: str) -> bool:
    """A right choice is held by the quote: its own words are in it; or every figure it names is; or, for a choice
    that names no figure, most of its wording is (at least WORDING_SHARE of its pairs of characters)."""
    words, said = plain(choice_zh), plain(quote)
    if words and words in said:
        return True
    named = figures(choice_zh)
    if named:
        return named <= figures(quote)
    pairs = [words[i:i + 2] for i in range(len(words) - 1)]
    return bool(pairs) and sum(pair in said for pair in pairs) >= WORDING_SHARE * len(pairs)


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
        kind = question_type(question)
        for index in right_choices(question):
            if index >= len(choices):
                checker.add(loaded, ("answer",), f"答案序号 {index} 超出选项范围（从 0 开始计数）",
                            f"answer {index} points past the last choice (there are {len(choices)}; counting starts at 0)",
                            "quiz.answer-range")
        if kind == "multiple" and not isinstance(answer, list):
            checker.add(loaded, ("answer",), "多选题的答案应是正确选项序号的列表，如 [0, 2]",
                        "a multiple-choice answer is the list of the right choices' indexes, e.g. [0, 2]", "quiz.answer-type")
        if kind != "multiple" and isinstance(answer, list):
            checker.add(loaded, ("answer",), "答案是列表，但题型不是多选题：请写 type: multiple，或只写一个序号",
                        "the answer is a list but the question is not multiple choice: add type: multiple or give one index",
                        "quiz.answer-type")
        if kind == "multiple" and isinstance(answer, list) and len(choices) <= len(answer):
            checker.add(loaded, ("choices",), "多选题至少要有一个错误选项", "a multiple-choice question needs at least one wrong choice",
                        "quiz.answer-type")
        if kind == "true-false" and len(choices) != 2:
            checker.add(loaded, ("choices",), "判断题只有两个选项：正确、错误（依此顺序）",
                        "a true/false question has exactly two choices: 正确/True, then 错误/False", "quiz.answer-type")
        cites = question.get("cites") or {}
        if "regulation" in cites:
            article_ref(checker, loaded, ("cites",), cites)
            self._check_quote(checker, loaded, question, cites)
        if "case" in cites:
            checker.record_ref(loaded, ("cites", "case"), cites["case"], CASES)
        checker.terms(loaded, ("topics",), question.get("topics"), "topics")

    def _check_quote(self, checker, loaded, question, cites) -> None:
        """The quote is words of the cited article, and each right choice is in it."""
        quote = question.get("quote")
        regulation = checker.dataset.records[REGULATIONS].get(cites.get("regulation"))
        if not isinstance(quote, str) or regulation is None or "article" not in cites:
            return
        texts = article_texts(regulation, cites["article"])
        if texts and not any(plain(quote) in plain(text) for text, _ in texts):
            checker.add(loaded, ("quote",), f"引文不在 {cites['regulation']} 第 {cites['article']} 条的条文中：请按条文原样摘录",
                        f"the quote is not in the text of {cites['regulation']} article {cites['article']}: copy the "
                        "article's own words", "quiz.quote-not-in-article")
        if question_type(question) == "true-false":
            return
        choices = question.get("choices") or []
        for index in right_choices(question):
            zh = (choices[index] or {}).get("zh") if index < len(choices) and isinstance(choices[index], dict) else None
            if isinstance(zh, str) and not choice_in_quote(zh, quote):
                checker.add(loaded, ("answer",), f"正确选项“{zh}”不在引文中（其原文、其中的数字都不在，措辞也大多不同）",
                            f"the right choice “{zh}” is not in the quote (not its words, not its figures, and most of its wording differs)",
                            "quiz.answer-not-in-quote")

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
                       help_zh="正确选项的字母：A、B、C……（对应“选项”表）；多选题写全部正确选项，如 AC",
                       help_en="Letter of the right choice: A, B, C ...; for multiple choice every right one, e.g. AC"),
                Column("type", "题型", "Type", "vocab:question-types", aliases=("试题类型",),
                       help_zh="单选题（默认）、多选题或判断题；判断题的选项依次为“正确”“错误”",
                       help_en="Single choice (default), multiple choice or true/false; a true/false question's choices are 正确/True then 错误/False"),
                Column("explanation", "解析", "Explanation", "text_both", required=True, aliases=("答案解析",),
                       example=("示例：依据某条规定。", "Example: under a provision.")),
                Column("cites.regulation", "依据法规", "Cited regulation", "id", example="work-safety-law",
                       help_zh="依据的法规编号；与“依据条款”一起填写，或改填“依据案例”",
                       help_en="ID of the regulation; fill in with the article, or give a case instead"),
                Column("cites.article", "依据条款", "Cited article", "article", example="21"),
                Column("cites.case", "依据案例", "Cited case", "id", help_zh="依据的案例编号", help_en="ID of the case"),
                Column("quote", "条文原文", "Quote", "text", aliases=("依据原文",),
                       help_zh="依据条款中含有答案的原话（照条文摘录，校验时核对）",
                       help_en="The cited article's own words that hold the answer (copied verbatim; checked)"),
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
