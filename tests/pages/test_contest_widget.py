# The contest widget's data: the question bank written into the page as JSON that cannot end its <script> block.
"""portal/pages/contest.py: the bank's JSON is escaped for a <script type="application/json"> block, and it carries
every question of the data set with its right choices, cited article and topics."""
from __future__ import annotations

import json

from portal.build.pipeline import derive
from portal.pages.contest import contest_bank, render_contest, script_json
from portal.pages.context import PageContext
from portal_testing import MINIMAL, settings_for

HOSTILE = "</script><script>alert(1)</script> & \u2028 {{ 7*7 }}"


def test_script_json_cannot_close_the_script_and_reads_back():
    text = str(script_json([{"question": HOSTILE}]))
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == [{"question": HOSTILE}]


def page_context(lang: str, variant: str = "web") -> PageContext:
    settings = settings_for(MINIMAL, variant=variant)
    return PageContext(lang, derive(settings)[0], settings, "contest/")


def test_the_bank_holds_every_question_with_its_answer_and_cited_article():
    ctx = page_context("en")
    bank = contest_bank(ctx)
    assert [q["id"] for q in bank] == sorted(ctx.dataset.quiz)
    question = bank[0]
    assert question["answer"] == [1] and question["type"] == "single"
    assert question["cite"] == "Test regulation A Art. 3" and question["href"].endswith("#art-3")


def test_the_kiosk_form_has_no_text_inputs_and_no_paper():
    web, kiosk = render_contest(page_context("zh")), render_contest(page_context("zh", "kiosk"))
    assert 'name="seed"' in web and 'data-contest-make' in web and 'data-contest-print' in web
    assert 'type="number"' not in kiosk and 'name="seed"' not in kiosk and 'data-contest-make' not in kiosk
    assert 'data-contest-start' in kiosk
