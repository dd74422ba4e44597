# Record kind: quiz questions (一日一题, 安全知识竞赛) — checks; shown on the quiz page, not as pages of their own.
"""Quiz questions (data/quiz/): one multiple-choice question each, citing an article or a case."""
from __future__ import annotations

from portal.kinds.base import Kind


class Quiz(Kind):
    name = "quiz"
    schema = "quiz.schema.json"
    has_pages = False
    search_label = {"zh": "题目", "en": "Question"}

    def title(self, record, lang):
        from portal.pages.i18n import pick
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
            checker.article_ref(loaded, ("cites",), cites)
        if "case" in cites:
            checker.record_ref(loaded, ("cites", "case"), cites["case"], "cases")
        checker.terms(loaded, ("topics",), question.get("topics"), "topics")

    def references(self, record):
        cites = record.get("cites") or {}
        refs = [("regulations", cites["regulation"])] if cites.get("regulation") else []
        return refs + ([("cases", cites["case"])] if cites.get("case") else [])


KIND = Quiz()
