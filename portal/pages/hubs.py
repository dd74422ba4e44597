# Hazard hub pages (hazards/<id>/): what a hazard is, its controls, its law articles, standards, cases and questions.
"""Pages step: hazard hubs, one page per term of data/vocab/hazards.yml and an overview.

A hub's members are computed, never listed per record: a case belongs to a hub when its accident type or one of its
topics is the hub's, or one of the hub's keywords is in its title or summary; a quiz question when it
names one of the hub's topics or a keyword is in its question or explanation; a law article when a keyword is in
the text of the version in force (or in a key article). Sections with nothing in them are left out."""
from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup, escape

from portal.kinds.regulations import NAME as REGULATIONS, texts_by_version, version_in_force
from portal.pages.context import PageContext
from portal.pages.render import Rendered, article_label, record_src, render_template, tier_label, toc_token
from portal.text import pick
from portal.words import ui

VOCAB = "hazards"
SECTION = "hazards"
STANDARD_LEVELS = ("national-standard", "industry-standard")
# The hub page's sections in page order: (anchor, catalogue key of the heading).
SECTIONS = (("what", "hub.what"), ("controls", "hub.controls"), ("law", "hub.law"), ("standards", "hub.standards"),
            ("cases", "hub.cases"), ("questions", "hub.questions"))


def hub_src(hub_id: str) -> str:
    return f"{SECTION}/{hub_id}.md"


INDEX_SRC = f"{SECTION}/index.md"


@dataclass
class HubMembers:
    """What one hub gathers, computed from its data: ids in the order shown."""

    cases: list[str] = field(default_factory=list)  # newest first
    questions: list[str] = field(default_factory=list)
    articles: list[tuple[str, list[str]]] = field(default_factory=list)  # (regulation id, article numbers)
    laws: list[str] = field(default_factory=list)  # governing regulations that are not standards
    standards: list[str] = field(default_factory=list)

    def count(self) -> int:
        return len(self.cases) + len(self.questions) + sum(len(n) for _, n in self.articles) + len(self.laws) \
            + len(self.standards)


def hubs(dataset) -> dict[str, dict]:
    """The hubs of this data set by id (empty without data/vocab/hazards.yml)."""
    return dataset.terms(VOCAB)


def _words(hub: dict, lang: str) -> list[str]:
    return [w for w in (hub.get("keywords") or {}).get(lang) or [] if w]


def _has_word(hub: dict, texts: dict) -> bool:
    """A keyword of the hub in the text of its language (zh words in zh text, en words, case-insensitive, in en)."""
    for lang in ("zh", "en"):
        text = texts.get(lang) or ""
        if lang == "en":
            text = text.lower()
        if any((w.lower() if lang == "en" else w) in text for w in _words(hub, lang)):
            return True
    return False


def _joined(*values) -> dict:
    """Texts of several bilingual fields joined per language."""
    return {lang: " ".join((v or {}).get(lang) or "" for v in values if isinstance(v, dict)) for lang in ("zh", "en")}


def shown_articles(ctx: PageContext, reg_id: str) -> dict[str, str]:
    """Article number -> its Chinese text, for the articles with an #art-N anchor on the regulation's page: those of
    the full text it shows (the version in force, else the latest text) or, without a full text, its key articles."""
    memo = ctx.derived.shared.setdefault("hub-articles", {})
    if reg_id not in memo:
        reg = ctx.dataset.regulations[reg_id]
        texts = texts_by_version(reg)
        current = version_in_force(ctx.derived, reg_id)
        full = texts.get(current.key) if current else None
        if full is None and texts:
            full = texts[sorted(texts)[-1]]
        if full:
            memo[reg_id] = {str(a.get("number")): a.get("text") or "" for a in full.get("articles") or []}
        else:
            memo[reg_id] = {str(a.get("number")): pick(a.get("text"), "zh")[0] or ""
                            for a in reg.get("articles") or []}
    return memo[reg_id]


def _number_key(number: str):
    return tuple(int(p) if p.isdigit() else 0 for p in str(number).split("."))


def _case_texts(ctx: PageContext) -> list[tuple]:
    """(id, case, accident type, topics, zh text, en text lower-cased) of every case, the texts a hub's keywords are
    looked for in (_has_word's): made once per build, not once per hub (20 hubs x 3,000 cases joined and lower-cased)."""
    memo = ctx.derived.shared
    if "hub-case-texts" not in memo:
        out = []
        for case_id, case in ctx.dataset.cases.items():
            texts = _joined(case.get("title"), case.get("summary"))
            out.append((case_id, case, (case.get("accident_type") or {}).get("term"), set(case.get("topics") or []),
                        texts.get("zh") or "", (texts.get("en") or "").lower()))
        memo["hub-case-texts"] = out
    return memo["hub-case-texts"]


def hub_members(hub_id: str, ctx: PageContext) -> HubMembers:
    memo = ctx.derived.shared.setdefault("hub-members", {})
    if hub_id in memo:
        return memo[hub_id]
    dataset = ctx.dataset
    hub = hubs(dataset)[hub_id]
    types, topics = set(hub.get("accident_types") or []), set(hub.get("topics") or [])
    governing = [r for r in hub.get("regulations") or [] if r in dataset.regulations]
    members = HubMembers()
    cases = []
    zh_words, en_words = _words(hub, "zh"), [w.lower() for w in _words(hub, "en")]
    for case_id, case, term, case_topics, zh_text, en_text in _case_texts(ctx):
        if (term in types or topics & case_topics
                or any(w in zh_text for w in zh_words) or any(w in en_text for w in en_words)):
            cases.append((str(case.get("date") or ""), case_id))
    members.cases = [case_id for _, case_id in sorted(cases, key=lambda c: (c[0], c[1]), reverse=True)]
    for question_id, question in sorted(dataset.quiz.items()):
        if topics & set(question.get("topics") or []) or _has_word(hub, _joined(question.get("question"),
                                                                                question.get("explanation"))):
            members.questions.append(question_id)
    cited_standards = []
    for question_id in members.questions:
        cites = (dataset.quiz[question_id].get("cites") or {}).get("regulation")
        if cites and cites not in governing and cites not in cited_standards and \
                dataset.regulations.get(cites, {}).get("level") in STANDARD_LEVELS:
            cited_standards.append(cites)
    words = _words(hub, "zh")
    for reg_id in sorted(dataset.regulations):
        if ctx.derived.status.get(reg_id) == "repealed":
            continue
        numbers = [n for n, text in shown_articles(ctx, reg_id).items() if any(w in text for w in words)]
        if numbers:
            members.articles.append((reg_id, sorted(numbers, key=_number_key)))
    with_articles = {reg_id for reg_id, _ in members.articles}
    for reg_id in governing + cited_standards:
        if dataset.regulations[reg_id].get("level") in STANDARD_LEVELS:
            members.standards.append(reg_id)
        elif reg_id not in with_articles:
            members.laws.append(reg_id)
    memo[hub_id] = members
    return members


def source_link(ctx: PageContext, source: dict) -> dict | None:
    """{"href", "text"} of the shipped text a description or control comes from; None when the data set does not hold
    it (the shipped vocabularies are read with any data layers; the validator checks their references only with the
    shipped layer)."""
    dataset = ctx.dataset
    if not any(source.get(key) in dataset.records.get(kind, {})
               for key, kind in (("regulation", REGULATIONS), ("case", "cases"), ("method_article", "articles"))):
        return None
    if source.get("regulation"):
        reg_id, number = source["regulation"], source.get("article")
        reg = dataset.regulations[reg_id]
        title = pick(reg.get("short_title") or reg.get("title"), ctx.lang)[0]
        anchor = f"#art-{str(number).replace('.', '-')}" if number and str(number) in shown_articles(ctx, reg_id) else ""
        text = ui("hub.source_regulation", ctx.lang, title=title) + (" " + article_label(ctx, reg_id, number) if number else "")
        return {"href": ctx.link(record_src(REGULATIONS, reg_id) + anchor), "text": text}
    if source.get("case"):
        case = dataset.cases[source["case"]]
        return {"href": ctx.link(record_src("cases", source["case"])),
                "text": ui("hub.source_case", ctx.lang, title=pick(case.get("title"), ctx.lang)[0])}
    article = dataset.records["articles"][source["method_article"]]
    return {"href": ctx.link(record_src("articles", source["method_article"])), "text": pick(article.get("title"), ctx.lang)[0]}


def hub_case_items(ctx: PageContext, case_ids) -> Markup:
    """The items of a hub's case list: date, linked title, tier (stated or from casualties). A pure renderer (the list
    grows with the cases: thousands of items at N=10,000); data escaped here."""
    cases, tiers, lang = ctx.dataset.cases, ctx.derived.tier, ctx.lang
    unknown = f'<span class="portal-hub-date">{escape(ui("date_unknown", lang))}</span>'
    not_stated = ui("not_stated", lang)
    items = []
    for case_id in case_ids:
        case = cases[case_id]
        day = f'<time datetime="{escape(case["date"])}">{escape(case["date"])}</time>' if "date" in case else unknown
        items.append(f'<li>{day} <a href="{escape(ctx.link(record_src("cases", case_id)))}">'
                     f'{escape(pick(case["title"], lang)[0])}</a> <span class="portal-hub-tier">'
                     f'{escape(tier_label(ctx, tiers.get(case_id)) or not_stated)}</span></li>\n')
    return Markup("".join(items))


def render_hub(hub_id: str, ctx: PageContext) -> Rendered:
    """One hub page; a section with nothing in it is left out (and out of the table of contents)."""
    from portal.pages.widgets import render_quiz_questions

    hub = hubs(ctx.dataset)[hub_id]
    members = hub_members(hub_id, ctx)
    regulations = ctx.dataset.regulations
    controls = [(control["text"], link) for control in hub.get("controls") or []
                for link in [source_link(ctx, control["source"])] if link]  # a control is shown with its source
    present = {"what": True, "controls": bool(controls),
               "law": bool(members.articles or members.laws), "standards": bool(members.standards),
               "cases": bool(members.cases), "questions": bool(members.questions)}
    sections = [(anchor, ui(key, ctx.lang)) for anchor, key in SECTIONS if present[anchor]]
    html = render_template(
        "hub.html", ctx, hub=hub, members=members, sections=dict(sections), regulations=regulations,
        source=source_link(ctx, hub["source"]), controls=controls,
        article_label=lambda reg_id, n: article_label(ctx, reg_id, n),
        reg_title=lambda reg_id: pick(regulations[reg_id].get("short_title") or regulations[reg_id].get("title"), ctx.lang)[0],
        case_items=hub_case_items(ctx, members.cases),
        record_src=record_src,
        questions=Markup(render_quiz_questions(ctx, members.questions)) if members.questions else "",
    )
    return Rendered(html, [toc_token(2, anchor, name) for anchor, name in sections])


def hub_tiles(ctx: PageContext) -> list[dict]:
    """One tile per hub: link, label and how many cases, articles and questions it gathers."""
    tiles = []
    for hub_id, hub in hubs(ctx.dataset).items():
        members = hub_members(hub_id, ctx)
        tiles.append({"id": hub_id, "href": ctx.link(hub_src(hub_id)), "label": pick(hub["label"], ctx.lang)[0],
                      "cases": len(members.cases), "questions": len(members.questions),
                      "articles": sum(len(n) for _, n in members.articles)})
    return tiles


def render_hub_tiles(ctx: PageContext) -> str:
    """The hubs as a row of tiles (home page, hub overview)."""
    tiles = hub_tiles(ctx)
    return render_template("hub_tiles.html", ctx, tiles=tiles) if tiles else ""


def render_hubs_index(ctx: PageContext) -> Rendered:
    html = render_template("hubs_index.html", ctx, tiles=Markup(render_hub_tiles(ctx)))
    return Rendered(html, [])


def hub_search_docs(ctx: PageContext) -> list[dict]:
    """One search document per hub (a page): its name, explanation, controls and the synonyms of both languages, so
    that a reader's own word for the hazard (受限空间, 窨井, manhole) finds the hub."""
    docs = []
    for hub_id, hub in hubs(ctx.dataset).items():
        synonyms = [w for lang in ("zh", "en") for w in (hub.get("synonyms") or {}).get(lang) or []]
        texts = [pick(hub.get("description"), ctx.lang)[0]] + [pick(c.get("text"), ctx.lang)[0] for c in hub.get("controls") or []]
        docs.append(dict(url=ctx.url(hub_src(hub_id)), title=pick(hub["label"], ctx.lang)[0], kind="page",
                         text=" ".join(t for t in texts + synonyms if t), badge=ui("hub.title", ctx.lang), boost=0.5))
    return docs
