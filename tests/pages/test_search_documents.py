# Search documents of quiz questions: choices lettered and kept apart from each other and from the explanation.
"""The snippets of quiz questions ran their choices and explanation together ("Oil Water Sand The answer…") on the
English site: each choice is now lettered as on the quiz page (A. … · B. …) and the explanation follows a dash."""
from __future__ import annotations

import pytest
import yaml

from portal.build.pipeline import derive
from portal.outputs.search import search_docs
from portal.text import pick
from portal_testing import MINIMAL, settings_for


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_quiz_documents_letter_their_choices_and_set_the_explanation_apart(lang):
    settings = settings_for(MINIMAL)
    docs = [doc for doc in search_docs(settings, derive(settings)[0], lang) if doc["kind"] == "quiz"]
    assert docs
    for path in sorted((MINIMAL / "quiz").glob("*.yml")):
        question = yaml.safe_load(path.read_text(encoding="utf-8"))
        doc = next(doc for doc in docs if doc["url"].endswith("#" + path.stem))
        choices = [pick(choice, lang)[0] if not isinstance(choice, str) else choice for choice in question["choices"]]
        expected = " · ".join(f"{letter}. {choice}" for letter, choice in zip("ABCDEFGH", choices))
        assert doc["text"].startswith(expected + " — "), doc["text"]
