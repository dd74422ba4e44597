# 知识竞赛: the contest paper generator and the timed round (a selection form over a JSON copy of the question bank).
"""Pages step: the contest widget. The page carries the question bank of its language as JSON (escaped for a
<script type="application/json"> block, never evaluated) with each question's topics and hazard hubs; the browser
script (assets/portal-contest.js) filters it by the reader's choice of topics, hubs and question types, picks N
questions with a seeded random order (the same seed and choice give the same paper), and lays out an A4 paper, an
answer sheet and an answer key with the cited articles, or runs the same selection as a timed round with a score.

The kiosk shows only the timed round and no text input (count and time by touch, the seed from the clock)."""
from __future__ import annotations

import json

from markupsafe import Markup

from portal.kinds.quiz import question_type, right_choices
from portal.pages.context import PageContext
from portal.pages.render import article_label, article_link, record_src, render_template
from portal.text import pick
from portal.words import ui

QUESTION_TYPES = ("single", "multiple", "true-false")
COUNTS = (10, 20, 30, 50)          # the counts offered as buttons (the web form also takes any number)
DEFAULT_COUNT = 20
ROUND_COUNTS = (5, 10, 20)         # a timed round is shorter
SECONDS_PER_QUESTION = (20, 30, 60)  # the time a round allows per question (the reader picks one)


def _hubs_of_questions(ctx: PageContext) -> tuple[dict[str, list[str]], list[tuple[str, str, int]]]:
    """Question id -> the hubs that gather it, and the hubs as (id, label, number of questions)."""
    from portal.pages.hubs import hub_members, hubs

    by_question: dict[str, list[str]] = {}
    options = []
    for hub_id, hub in hubs(ctx.dataset).items():
        questions = hub_members(hub_id, ctx).questions
        if questions:
            options.append((hub_id, pick(hub.get("label"), ctx.lang)[0], len(questions)))
        for question_id in questions:
            by_question.setdefault(question_id, []).append(hub_id)
    return by_question, options


def _cite(ctx: PageContext, question: dict) -> tuple[str, str]:
    """The cited article (or case) as a label and a link from this page."""
    cites = question.get("cites") or {}
    if cites.get("regulation"):
        regulation = ctx.dataset.regulations[cites["regulation"]]
        title = pick(regulation.get("title"), ctx.lang)[0]
        label = f"{title} {article_label(ctx, cites['regulation'], cites['article'])}" if cites.get("article") else title
        return label, article_link(ctx, cites["regulation"], cites.get("article"))
    case = ctx.dataset.cases[cites["case"]]
    return pick(case.get("title"), ctx.lang)[0], ctx.link(record_src("cases", cites["case"]))


def contest_bank(ctx: PageContext) -> list[dict]:
    """Every question in the page's language, sorted by id (the order the seeded selection starts from)."""
    hubs_by_question, _ = _hubs_of_questions(ctx)
    bank = []
    for question_id, question in sorted(ctx.dataset.quiz.items()):
        label, href = _cite(ctx, question)
        bank.append({
            "id": question_id,
            "type": question_type(question),
            "question": pick(question.get("question"), ctx.lang)[0],
            "choices": [pick(choice, ctx.lang)[0] for choice in question.get("choices") or []],
            "answer": right_choices(question),
            "explanation": pick(question.get("explanation"), ctx.lang)[0],
            "cite": label,
            "href": href,
            "topics": list(question.get("topics") or []),
            "hubs": hubs_by_question.get(question_id, []),
        })
    return bank


def script_json(value) -> Markup:
    """A value as JSON safe inside <script type="application/json">: no <, >, & or line separators left raw."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for raw, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"),
                         ("\u2029", "\\u2029")):
        text = text.replace(raw, escaped)
    return Markup(text)


def _topic_options(ctx: PageContext, bank: list[dict]) -> list[tuple[str, str, int]]:
    counts: dict[str, int] = {}
    for question in bank:
        for topic in question["topics"]:
            counts[topic] = counts.get(topic, 0) + 1
    terms = ctx.dataset.terms("topics")
    return [(topic, pick(term.get("label"), ctx.lang)[0], counts[topic]) for topic, term in terms.items() if topic in counts]


def render_contest(ctx: PageContext, round_only: bool = False) -> str:
    """The contest form with its paper and round areas (the contest page), or the timed round alone (the quiz page;
    every page of the kiosk, which has no text inputs)."""
    kiosk = ctx.settings.variant == "kiosk"
    bank = contest_bank(ctx)
    _, hub_options = _hubs_of_questions(ctx)
    type_counts = {t: sum(1 for q in bank if q["type"] == t) for t in QUESTION_TYPES}
    return render_template(
        "contest.html", ctx, bank=script_json(bank), size=len(bank), topics=_topic_options(ctx, bank),
        hubs=hub_options, types=[(t, type_counts[t]) for t in QUESTION_TYPES if type_counts[t]],
        counts=ROUND_COUNTS if (round_only or kiosk) else COUNTS,
        default_count=ROUND_COUNTS[1] if (round_only or kiosk) else DEFAULT_COUNT,
        seconds=SECONDS_PER_QUESTION, round_only=round_only or kiosk, kiosk=kiosk, folded=round_only and not kiosk,
        words=script_json(_script_words(ctx.lang)))


def render_contest_round(ctx: PageContext) -> str:
    return render_contest(ctx, round_only=True)


def _script_words(lang: str) -> dict[str, str]:
    """The words the browser script writes into the paper, the sheet, the key and the round (from the catalogue)."""
    keys = ("contest.paper_title", "contest.sheet_title", "contest.key_title", "contest.name", "contest.unit",
            "contest.score", "contest.paper_code", "contest.matching", "contest.too_few", "contest.none",
            "contest.all", "contest.cites", "contest.answer", "contest.true", "contest.false",
            "contest.round_of", "contest.time_left", "contest.time_up", "contest.result", "contest.submit",
            "contest.right", "contest.wrong", "contest.round_title",
            "question_type.single", "question_type.multiple", "question_type.true-false", "topics", "contest.hubs",
            "contest.types", "explanation")
    return {key: ui(key, lang) for key in keys}
