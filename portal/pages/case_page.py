# The accident case page's HTML, written in Python (a pure renderer: the most numerous page, once a Jinja template).
"""Pages step: the page of one accident case (fact box, poster button, summary, timeline, causes, responsibility,
lessons, measures, violated articles, related articles, sources).

Written in Python rather than a template because it is most of the site's pages (20,000 of 24,434 at N=10,000) and
Jinja's cost per call (≈150 calls of words, links, labels and macros per page) was half of a language's page time.
Every value from data is escaped as markupsafe.escape does (fragments.escape_str: the templates' autoescaping, the
same bytes); nothing from data is evaluated as a template. The view (portal/kinds/views/cases.py) works out what is
shown (tier, accident type, its scheme, loss, the violated articles' versions) and passes it here."""
from __future__ import annotations

from portal.pages.context import PageContext
from portal.pages.fragments import escape_str, for_lang
from portal.text import pick
from portal.words import ui

NOT_STATED = '<span class="portal-not-stated">{}</span>'


def _labels(ctx: PageContext, vocab: str) -> dict[str, str]:
    """Escaped labels of a vocabulary's terms in the page language (made once per build and language)."""
    key = ("case-page-labels", vocab, ctx.lang)
    found = ctx.memo.get(key)
    if found is None:
        found = ctx.memo[key] = {term_id: escape_str(pick(term["label"], ctx.lang)[0])
                                 for term_id, term in ctx.dataset.terms(vocab).items()}
    return found


def _label(ctx: PageContext, vocab: str, term_id) -> str:
    """A term's label, escaped (the id itself when the vocabulary has no such term)."""
    found = _labels(ctx, vocab).get(term_id)
    return found if found is not None else escape_str(term_id)


def _listed(ctx: PageContext, case: dict, key: str, anchor: str) -> str:
    """A case's numbered list (causes, lessons, measures) under its heading, and the line after it."""
    return f"{for_lang(ctx.lang).text_list(case.get(key, []), anchor, ui(key, ctx.lang))}\n"


def render_case_page(ctx: PageContext, case_id: str, case: dict, *, tier: str, accident_type: str, scheme,
                     loss: str, related, cited, poster, no_report: bool) -> str:
    """The case page's content. `cited(violation)`: how a violated article is shown (CasesView.cited)."""
    f = for_lang(ctx.lang)
    w = f.word
    link = ctx.link
    lang = ctx.lang

    def title(value) -> str:  # a bilingual text without its mark, escaped (f.title as a plain str)
        return escape_str(pick(value, lang)[0])

    not_stated = NOT_STATED.format(w("not_stated"))
    out = [f'<div class="portal-record portal-case" data-kind="cases" data-id="{escape_str(case_id)}">\n'
           f'<h1>{title(case["title"])}</h1>\n<table class="portal-facts">\n<tbody>\n']
    # fact box
    if "date" in case:
        date = str(case["date"])
        day = f'<a href="{escape_str(link("cases/by-year/" + date[:4] + ".md"))}">{escape_str(date)}</a>'
    else:
        day = w("date_unknown")
    out.append(f'<tr><th>{w("date")}</th><td>{day}</td></tr>\n')
    place = case["place"]
    if "province" in place:
        shown = (f'<a href="{escape_str(link("cases/by-province/" + str(place["province"]) + ".md"))}">'
                 f'{_label(ctx, "provinces", place["province"])}</a>')
    else:
        shown = (f'{title(place["region"])}, ' if "region" in place else "") + escape_str(place["country"])
    if "city" in place:
        shown += f' <span>{title(place["city"])}</span>'
    if "detail" in place:
        shown += f' <span>{title(place["detail"])}</span>'
    out.append(f'<tr><th>{w("place")}</th><td>{shown}</td></tr>\n')
    if "industry" in case:
        shown = (f'<a href="{escape_str(link("cases/by-industry/" + str(case["industry"]) + ".md"))}">'
                 f'{_label(ctx, "industries", case["industry"])}</a>')
    else:
        shown = not_stated
    out.append(f'<tr><th>{w("industry")}</th><td>{shown}</td></tr>\n')
    if "accident_type" in case:
        shown = (f'<a href="{escape_str(link("cases/by-type/" + str(case["accident_type"]["term"]) + ".md"))}">'
                 f'{escape_str(accident_type)}</a> ')
        if scheme:
            named = (f'<a href="{escape_str(link(scheme["src"]))}">{escape_str(scheme["text"])}</a>' if scheme["src"]
                     else escape_str(scheme["text"]))
            shown += f"<small>({named})</small>"
    else:
        shown = not_stated
    out.append(f'<tr><th>{w("accident_type")}</th><td>{shown}</td></tr>\n'
               f'<tr><th>{w("deaths")}</th><td>{escape_str(case["deaths"])}</td></tr>\n')
    for key in ("missing", "serious_injuries", "injuries"):
        if key in case:
            out.append(f"<tr><th>{w(key)}</th><td>{escape_str(case[key])}</td></tr>")
    if loss:
        out.append(f'<tr><th>{w("direct_loss")}</th><td>{escape_str(loss)}</td></tr>')
    shown = (f'<a href="{escape_str(link("cases/by-tier/" + str(ctx.derived.tier[case_id]) + ".md"))}">{escape_str(tier)}</a>'
             if tier else "")
    out.append(f'<tr><th>{w("tier")}</th><td>{shown} <small>{w("tier_basis")}</small></td></tr>\n')
    chips = "".join(f'<a class="portal-chip" href="{escape_str(link("topics/" + str(topic) + ".md"))}">'
                    f'{_label(ctx, "topics", topic)}</a> ' for topic in case.get("topics", []))
    out.append(f'<tr><th>{w("topics_label")}</th><td>{chips}</td></tr>\n</tbody>\n</table>')
    # printing the page prints its 事故墙 poster (assets/portal-poster.js shows the button and builds the poster)
    out.append(f'<p class="portal-print-link" data-portal-poster="{escape_str(poster.text)}"'
               f'{" data-portal-poster-absolute" if poster.absolute else ""}'
               f'{" data-portal-poster-no-report" if no_report else ""} hidden><button type="button">'
               f'{w("print_poster")}</button><script src="{escape_str(ctx.root)}/assets/portal-poster.js" defer></script>'
               "</p>\n")
    if "summary" in case:
        out.append(f'<h2 id="summary">{w("summary")}</h2>\n{f.block(case["summary"])}')
    if "timeline" in case:
        out.append(f'<h2 id="timeline">{w("timeline")}</h2>\n<ol class="portal-timeline">\n')
        english = ctx.lang == "en"
        for step in case["timeline"]:
            time = step["time_en"] if english and "time_en" in step else step["time"]
            out.append(f"<li><strong>{escape_str(time)}</strong> {f.text_html(step['text'])}</li>\n")
        out.append("</ol>\n")
    out.append(_listed(ctx, case, "direct_causes", "direct-causes"))
    out.append(_listed(ctx, case, "root_causes", "root-causes"))
    if "responsibility" in case:
        out.append(f'<h2 id="responsibility">{w("responsibility")}</h2>\n{f.block(case["responsibility"])}')
    out.append(_listed(ctx, case, "lessons", "lessons"))
    out.append(_listed(ctx, case, "measures", "measures"))
    if "violations" in case:
        out.append(f'<h2 id="violations">{w("violations")}</h2>\n<ul class="portal-violations">\n')
        regulations = ctx.dataset.regulations
        for v in case["violations"]:
            c = cited(v)
            item = [f'<li><a href="{escape_str(c["href"])}">{title(regulations[v["regulation"]]["title"])}']
            if c["article"]:
                item.append(f' {escape_str(c["article"])}')
            item.append("</a>")
            if c["note"]:
                if c["note_href"] and not c["note_link"]:
                    note = f'<a href="{escape_str(c["note_href"])}">{escape_str(c["note"])}</a>'
                else:
                    note = escape_str(c["note"])
                    if c["note_link"]:
                        note += f': <a href="{escape_str(c["note_href"])}">{escape_str(c["note_link"])}</a>'
                item.append(f' <small class="portal-cited-version">({note})</small>')
            if "note" in v:
                item.append(f": {f.text_html(v['note'])}")
            item.append("</li>\n")
            out.append("".join(item))
        out.append("</ul>\n")
    if related:
        articles = ctx.dataset.articles
        links = "".join(f"<li>{f.record_link(link('articles/' + str(art_id) + '.md'), articles[art_id])}</li>"
                        for art_id in related)
        out.append(f'<h2 id="related-articles">{w("related_articles")}</h2>\n<ul>{links}</ul>\n')
    out.append(f"{f.sources(case['sources'])}\n</div>")
    return "".join(out)
