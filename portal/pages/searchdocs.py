# Search documents of the whole site: one per record page and per key article, built from the data (not from HTML).
"""Pages step: the search documents of a language (record pages, articles, sections), handed to portal.search.

Document numbers are given as keywords as published; portal.search adds their Arabic-numeral spelling, so
主席令第88号 finds 主席令第八十八号."""
from __future__ import annotations

from portal.pages.context import PageContext
from portal.text import pick

def texts_in(ctx: PageContext, values, original_ok: bool = True) -> list[str]:
    """The texts in the page language, else in the record's only language: a one-language record is found from
    both language sites (its page marks the original language). A plain string is the same in both."""
    out = []
    for value in values:
        if not value:
            continue
        text, fallback = (value, False) if isinstance(value, str) else pick(value, ctx.lang)
        if text and (original_ok or not fallback):
            out.append(text)
    return out


# The results page's filters besides the kind, in the order shown: each is a facet of the kinds that have it
# (portal/kinds/views), the year also the year of a record's date (portal.kinds.base.KindView.search_date).
RESULT_FACETS = ("level", "status", "industry", "province", "year")
YEAR = "year"


def site_search_docs(ctx: PageContext, kinds) -> list[dict]:
    """Every search document of the site in ctx.lang: each kind's record documents, with the record's date and its
    values of the results page's filters (every document of a record carries the record's), then the hazard hubs."""
    docs: list[dict] = []
    for kind in kinds:
        if not kind.has_pages:
            continue
        view = kind.view_part()
        facets = [facet for facet in view.facets if facet.name in RESULT_FACETS]
        for record_id, record in ctx.dataset.records[kind.name].items():
            date = view.search_date(record)
            values = {facet.name: tuple(dict.fromkeys(slug for slug, _label in facet.values(record_id, record, ctx)))
                      for facet in facets}
            if date and YEAR not in values:
                values[YEAR] = (date[:4],)
            values = {name: slugs for name, slugs in values.items() if slugs}
            for doc in view.search_docs(record_id, ctx):
                doc.setdefault("date", date)
                doc.setdefault("facets", values)
                docs.append(doc)
    if any(kind.name == QUIZ for kind in kinds):
        docs.extend(quiz_docs(ctx))
    from portal.pages.hubs import hub_search_docs
    docs.extend(hub_search_docs(ctx))
    return docs


QUIZ, QUIZ_PAGE = "quiz", "quiz.md"
CHOICE_LETTERS = "ABCDEFGH"


def quiz_docs(ctx: PageContext) -> list[dict]:
    """One document per quiz question (question, choices, explanation), reached on the quiz page by its anchor."""
    docs = []
    for question_id, question in sorted(ctx.dataset.records.get(QUIZ, {}).items()):
        title = " ".join(texts_in(ctx, [question.get("question")]))
        choices = [f"{letter}. {text}" for letter, text in zip(CHOICE_LETTERS, texts_in(ctx, question.get("choices") or []))]
        # snippets show the choices apart from each other and from the explanation (they ran together in English)
        text = " · ".join(choices)
        text = " — ".join(part for part in (text, *texts_in(ctx, [question.get("explanation")])) if part)
        if title:
            docs.append(dict(url=ctx.url(f"{QUIZ_PAGE}#{question_id}"), title=title, kind=QUIZ, text=text, boost=0.9))
    return docs


def search_facet_values(ctx: PageContext, kinds, docs: list[dict]) -> dict[str, list[tuple[str, str]]]:
    """The results page's filters: facet name -> (slug, label) of every value the documents carry, ordered by
    meaning: a facet's own order (levels by hierarchy, statuses, years newest first), else names by pinyin."""
    from portal.pages.lists import facet_groups
    from portal.pages.render import stable_slug

    used = {name: set() for name in RESULT_FACETS}
    for doc in docs:
        for name, slugs in (doc.get("facets") or {}).items():
            used[name].update(slugs)
    out: dict[str, list[tuple[str, str]]] = {}
    for name in RESULT_FACETS:
        labels: dict[str, str] = {}
        ordered = False
        for kind in kinds:
            for facet in kind.view_part().facets if kind.has_pages else ():
                if facet.name != name:
                    continue
                ordered = ordered or facet.order in ("vocab", "desc")
                for slug, (label, _ids) in facet_groups(facet, ctx).items():
                    labels.setdefault(slug, label)
        for slug in sorted(used[name] - set(labels)):  # years of dates that no kind's facet lists
            labels[slug] = slug
        pairs = [(slug, label) for slug, label in labels.items() if slug in used[name]]
        if name == YEAR:
            pairs.sort(reverse=True)
        elif not ordered:
            pairs.sort(key=lambda pair: (stable_slug(pair[1]), pair[1]))
        if pairs:
            out[name] = pairs
    return out
