# The regulation page's HTML and its version list, written in Python (pure renderers; once Jinja templates).
"""Pages step: the page of one regulation or standard (status, fact box with the version in force and the original
text, amendments, version chain, topics and industries, summary, notes, key articles, versions, full text, cited by,
related articles and quiz questions, sources) and its list of versions.

Written in Python rather than as templates (regulation.html, regulation_versions.html) because Jinja's cost per call
of the words, links and labels of a page was most of the 1,000 regulation pages' time; the bytes are those the
templates wrote (their trimmed blocks: no line break after a tag ending a line, none at the end). Every value from data
is escaped as the templates' autoescaping did (fragments.escape_str, markupsafe's escaping); nothing from data is
evaluated as a template. The view (portal/kinds/views/regulations.py) works out what is shown and renders the parts
made elsewhere (key articles, full text, cited by) before it calls render_regulation_page."""
from __future__ import annotations

from portal.pages.context import PageContext
from portal.pages.fragments import escape_str as e, for_lang
from portal.text import pick
from portal.words import ui


def _label(ctx: PageContext, vocab: str, term_id) -> str:
    """A vocabulary term's label in the page language, else the id itself, escaped (the templates' `label`)."""
    term = ctx.dataset.terms(vocab).get(term_id)
    return e(pick(term["label"], ctx.lang)[0] if term else term_id)


def _record_links(ctx: PageContext, kind: str, ids, records: dict) -> list[str]:
    """Links to records by their titles (the templates' `record_link` macro)."""
    f = for_lang(ctx.lang)
    return [f.record_link(ctx.link(f"{kind}/{record_id}.md"), records[record_id]) for record_id in ids]


def render_regulation_page(ctx: PageContext, reg_id: str, reg: dict, *, status: str, current, status_label: str,
                           articles, explain_number, superseded_by, cited_by_html: str, key_articles_html: str,
                           related, quiz_ids, versions_html: str, full_text_articles: int, full_text_html: str) -> str:
    """The regulation page's content (`current`: the version in force or None; `explain_number(doc_number)`: the
    English gloss of a document number's kind, '' for none)."""
    lang = ctx.lang
    f = for_lang(lang)
    w = f.word
    link = ctx.link
    not_stated = e(ui("not_stated", lang))
    regulations = ctx.dataset.regulations
    out = [f'<div class="portal-record portal-regulation" data-kind="regulations" data-id="{e(reg_id)}">\n'
           f'<h1>{e(pick(reg["title"], lang)[0])}</h1>\n'
           f'<p><span class="portal-badge portal-status-{e(status)}">{e(status_label)}</span></p>\n'
           '<table class="portal-facts">\n<tbody>\n'
           f'<tr><th>{w("level")}</th><td><a href="{e(link("regulations/by-level/" + str(reg["level"]) + ".md"))}">'
           f'{_label(ctx, "regulation-levels", reg["level"])}</a></td></tr>\n'
           f'<tr><th>{w("issuer")}</th><td>'
           + (f.text_html(reg["issuer"]) if "issuer" in reg else f'<span class="portal-not-stated">{not_stated}</span>')
           + "</td></tr>\n"]

    def doc_number(number) -> str:
        gloss = explain_number(number)
        return e(number) + (f' <small class="portal-doc-kind">({e(gloss)})</small>' if gloss else "")

    if current is not None and current.event != "original":
        # amended or revised: the fact box shows the version in force, the original below it
        shown = (doc_number(current.doc_number) if current.doc_number
                 else f'<span class="portal-not-stated">{not_stated}</span>')
        out.append(f'<tr><th>{w("doc_number")}</th><td>{shown} <small class="portal-version-note">'
                   f'{w("version_in_force")} · {e(ui("event." + str(current.event), lang))}</small></td></tr>\n')
        if current.adopted:
            out.append(f'<tr><th>{w("adopted")}</th><td>{e(current.adopted)}</td></tr>')
        if current.effective:
            shown = e(current.effective)
            if current.inferred:
                shown += (f' <small class="portal-inferred">（{e(ui("inferred." + str(current.inferred), lang))}）'
                          "</small>")
        else:
            shown = f'<span class="portal-not-stated">{w("effective_unknown")}</span>'
        out.append(f'<tr><th>{w("effective")}</th><td>{shown}</td></tr>\n')
        parts = [str(reg["doc_number"])] if "doc_number" in reg else []
        if "promulgated" in reg:
            parts.append(f'{ui("promulgated", lang)} {reg["promulgated"]}')
        elif "adopted" in reg:
            parts.append(f'{ui("adopted", lang)} {reg["adopted"]}')
        parts.append(f'{ui("effective", lang)} {reg["effective"]}' if "effective" in reg
                     else ui("effective_unknown", lang))
        out.append(f'<tr class="portal-original-version"><th>{w("original_text")}</th><td>{e(" · ".join(parts))}'
                   "</td></tr>\n")
    else:
        if "doc_number" in reg:
            out.append(f'<tr><th>{w("doc_number")}</th><td>{doc_number(reg["doc_number"])}</td></tr>')
        for key in ("promulgated", "adopted"):
            if key in reg:
                out.append(f'<tr><th>{w(key)}</th><td>{e(reg[key])}</td></tr>')
        if "effective" in reg:
            shown = e(reg["effective"])
            if "effective_inferred" in reg:
                inferred = e(ui("inferred." + str(reg["effective_inferred"]), lang))
                shown += f' <small class="portal-inferred">（{inferred}）</small>'
        else:
            shown = f'<span class="portal-not-stated">{not_stated}</span>'
        out.append(f'<tr><th>{w("effective")}</th><td>{shown}</td></tr>\n')
    if "amendments" in reg:
        out.append(f'<tr><th>{w("amendments")}</th><td><ul>\n')
        for a in reg["amendments"]:
            item = [f"<li>{e(a['date'])}"]
            if "doc_number" in a:
                item.append(f" {e(a['doc_number'])}")
            if "effective" in a:
                item.append(f' ({w("effective")} {e(a["effective"])}')
                if "effective_inferred" in a:
                    item.append(f'，{e(ui("inferred." + str(a["effective_inferred"]), lang))}')
                item.append(")")
            else:
                item.append(f' ({w("effective_unknown")})')
            if "note" in a:
                item.append(f" — {f.text_html(a['note'])}")
            item.append("</li>\n")
            out.append("".join(item))
        out.append("</ul></td></tr>")
    if "repealed" in reg:
        out.append(f'<tr><th>{w("repealed")}</th><td>{e(reg["repealed"])}</td></tr>')
    if "supersedes" in reg or superseded_by:
        out.append(f'<tr><th>{w("version_chain")}</th><td>\n')
        if "supersedes" in reg:
            older = "、".join(_record_links(ctx, "regulations", reg["supersedes"], regulations))
            out.append(f'{w("supersedes")}: {older}<br>')
        if superseded_by:
            newer = "、".join(_record_links(ctx, "regulations", superseded_by, regulations))
            out.append(f'{w("superseded_by")}: {newer}')
        out.append("</td></tr>")
    if full_text_html:
        jump = e(ui("full_text_jump", lang, count=full_text_articles)) if full_text_articles else w("full_text")
        out.append(f'<tr><th>{w("full_text")}</th><td><a class="portal-full-text-jump" href="#full-text">{jump}</a>'
                   "</td></tr>")
    chips = "".join(f'<a class="portal-chip" href="{e(link("topics/" + str(topic) + ".md"))}">'
                    f'{_label(ctx, "topics", topic)}</a> ' for topic in (reg["topics"] if "topics" in reg else []))
    out.append(f'<tr><th>{w("topics_label")}</th><td>{chips}</td></tr>\n')
    if "industries" in reg:
        chips = "".join(f'<a class="portal-chip" href="{e(link("regulations/by-industry/" + str(industry) + ".md"))}">'
                        f'{_label(ctx, "industries", industry)}</a> ' for industry in reg["industries"])
        out.append(f'<tr><th>{w("industries")}</th><td>{chips}</td></tr>')
    out.append("</tbody>\n</table>\n")
    if "summary" in reg:
        out.append(f'<h2 id="summary">{w("summary")}</h2>\n{f.block(reg["summary"])}')
    if "notes" in reg:
        out.append(f'<div class="admonition note"><p class="admonition-title">{w("notes")}</p>{f.block(reg["notes"])}'
                   "</div>")
    if articles or full_text_html:
        out.append('<p class="portal-cite-status" data-portal-cite-status role="status" aria-live="polite"></p>')
    if articles:
        out.append(f'<h2 id="key-articles">{w("key_articles")}</h2>\n{key_articles_html}')
    out.append(f'{versions_html}\n{full_text_html}\n<h2 id="cited-by">{w("cited_by")}</h2>\n{cited_by_html}')
    if related:
        items = "".join(f"<li>{item}</li>" for item in _record_links(ctx, "articles", related, ctx.dataset.articles))
        out.append(f'<h2 id="related-articles">{w("related_articles")}</h2>\n<ul>{items}</ul>\n')
    if quiz_ids:
        numbers = "".join(f'<a href="{e(link("quiz.md#" + str(q)))}">{number}</a> '
                          for number, q in enumerate(quiz_ids, 1))
        out.append(f'<p>{w("related_quiz")}: {numbers}</p>')
    out.append(f"{f.sources(reg['sources'])}\n</div>")
    return "".join(out)


def render_versions(ctx: PageContext, reg_id: str, versions, current, version_src, print_src, compare: dict) -> str:
    """A regulation's versions, newest first: the original text and each amendment (修正) or revision (修订), the
    version in force marked; a version with a full text links to it and its print, and to its 新旧对照 with the
    version before (`compare`: version key -> (earlier key, link))."""
    lang = ctx.lang
    f = for_lang(lang)
    w = f.word
    out = [f'<h2 id="versions">{w("versions")}</h2>\n<ol class="portal-versions">\n']
    for v in reversed(versions):
        is_current = bool(current) and v.key == current.key
        item = ['<li class="portal-version-current">\n' if is_current else "<li>\n",
                f'<strong>{e(ui("event." + str(v.event), lang))}</strong>\n']
        if v.adopted:
            item.append(e(v.adopted))
        if v.doc_number:
            item.append(f" · {e(v.doc_number)}")
        if v.effective:
            item.append(f' · {w("effective")} {e(v.effective)}')
            if v.inferred:
                inferred = e(ui("inferred." + str(v.inferred), lang))
                item.append(f' <small class="portal-inferred" title="{inferred}">（{inferred}）</small>')
        else:
            item.append(f' · <span class="portal-effective-unknown">{w("effective_unknown")}</span>')
        if is_current:
            item.append(f' <span class="portal-badge portal-status-in-force">{w("version_in_force")}</span>')
        elif current and v.effective and current.effective and v.effective < current.effective:
            item.append(f' <span class="portal-badge portal-status-historic">{w("version_historic")}</span>')
        if v.has_text:
            item.append(f' · <a href="{e(ctx.link(version_src(reg_id, v.key)))}">{w("full_text")}</a>'
                        f'<span class="portal-print-link"> · <a href="{e(ctx.link(print_src(v.key)))}">'
                        f'{w("text_print.link")}</a></span>')
        if v.key in compare:
            earlier, href = compare[v.key]
            item.append(f' · <a class="portal-compare-link" href="{e(href)}">'
                        f'{e(ui("compare.with", lang, date=earlier))}</a>')
        if v.note:
            item.append(f"<br><small>{f.text_html(v.note)}</small>")
        item.append("</li>\n")
        out.append("".join(item))
    out.append("</ol>")
    return "".join(out)
