# Record kind: regulations and standards (view) — page with versions and full text, list, facets, search documents.
"""The pages of regulations: the record page (version in force first, full text with #art-N anchors, key articles,
versions, backlinks), one page per historic version, list columns and facets, and search documents per article."""
from __future__ import annotations

from urllib.parse import unquote

from markupsafe import Markup, escape

from portal.kinds.base import Column, Facet, KindView
from portal.kinds.regulations import (NAME, article_anchor, citation_text, compare_src, issuer_name, text_print_src,
                                      texts_by_version, version_in_force)
from portal.text import pick
from portal.words import ui
from portal.pages.fragments import for_lang, paragraphs
from portal.pages.regulation_page import render_regulation_page, render_versions
from portal.pages.render import (Rendered, article_label, label, record_src, render_template, url_slug,
                                 toc_token, vocab_values)


def status_label(ctx, reg_id: str) -> str:
    """现行有效（2021年修正） rather than a bare 'amended': the event of the version in force, as the official texts say."""
    status = ctx.derived.status[reg_id]
    if status == "amended":
        version = version_in_force(ctx.derived, reg_id)
        if version and version.event in ("amendment", "revision") and version.adopted:
            return ui(f"status.amended.{version.event}", ctx.lang, year=version.adopted.year)
    return ui("status." + status, ctx.lang)


# What a Chinese document or standard number means, for English readers (by its prefix; general facts, not data).
DOC_NUMBER_KINDS = (
    ("主席令", "Order of the President of the PRC (promulgates a law)"),
    ("国务院令", "Decree of the State Council (promulgates an administrative regulation)"),
    ("应急管理部令", "Order of the Ministry of Emergency Management (a departmental rule)"),
    ("国家安全生产监督管理总局令", "Order of the former State Administration of Work Safety (a departmental rule)"),
    ("国家安全监管总局令", "Order of the former State Administration of Work Safety (a departmental rule)"),
    ("安监总局令", "Order of the former State Administration of Work Safety (a departmental rule)"),
    ("GB/T", "recommended national standard"),
    ("GB", "mandatory national standard"),
    ("AQ", "work-safety industry standard"),
    ("DL", "electric-power industry standard"),
)


def explain_doc_number(number: str, lang: str) -> str:
    """English gloss of a document number's kind ('' in Chinese or when the prefix is not known)."""
    if lang != "en" or not number:
        return ""
    for prefix, meaning in DOC_NUMBER_KINDS:
        if number.startswith(prefix):
            return meaning
    return ""


def _issuer_slug(record: dict, ctx) -> str:
    name = issuer_name(record)
    return "not-stated" if name is None else url_slug(ctx, name)


def version_src(reg_id: str, version_key: str) -> str:
    return f"{NAME}/{reg_id}/{version_key}.md"


STATUS_ORDER = ("in-force", "amended", "not-yet-in-force", "repealed")  # filters list statuses in this order


def text_outline(text: dict) -> tuple[list[dict], dict[str, list[tuple[str, str, str]]]]:
    """The chapters (and their sections) of a full text, for its table of contents, and the headings to write before
    each article: ([{id, heading, first, last, sections: [...]}], {article number: [(tag, id, heading), ...]})."""
    outline: list[dict] = []
    heads: dict[str, list[tuple[str, str, str]]] = {}
    chapter = section = None
    for article in text.get("articles") or []:
        number = str(article["number"])
        if article.get("chapter") and (chapter is None or article["chapter"] != chapter["heading"]):
            chapter = {"id": f"ch-{len(outline) + 1}", "heading": article["chapter"], "first": number, "last": number,
                       "sections": []}
            outline.append(chapter)
            section = None
            heads.setdefault(number, []).append(("h3", chapter["id"], chapter["heading"]))
        if article.get("section") and chapter is not None and (section is None or article["section"] != section["heading"]):
            section = {"id": f"{chapter['id']}-sec-{len(chapter['sections']) + 1}", "heading": article["section"],
                       "first": number, "last": number}
            chapter["sections"].append(section)
            heads.setdefault(number, []).append(("h4", section["id"], section["heading"]))
        if chapter is not None:
            chapter["last"] = number
        if section is not None:
            section["last"] = number
    return outline, heads


def outline_tokens(outline: list[dict], level: int = 3) -> list[dict]:
    """Table-of-contents entries of the chapters of a full text (the page's side table of contents)."""
    return [toc_token(level, chapter["id"], chapter["heading"]) for chapter in outline]


def version_year(version) -> str:
    """The year a version is known by (its in-force date's, else its adoption's): '2014'."""
    day = version.effective or version.adopted
    return str(day.year) if day else "?"


def compare_links(ctx, reg_id: str) -> dict[str, tuple[str, str]]:
    """New version key -> (old version key, link of their 新旧对照 page), for every comparison of the regulation."""
    return {new: (old, ctx.link(compare_src(reg_id, old, new))) for old, new in ctx.derived.comparisons.get(reg_id, {})}


def article_tools(ctx, reg_id: str, reg: dict):
    """`article_tools(anchor, number)` of the regulation's templates: an article's permalink and copy-citation button
    (a pure renderer, portal/pages/fragments.py)."""
    tools = for_lang(ctx.lang).article_tools
    return lambda anchor, number: tools(anchor, article_label(ctx, reg_id, number), citation_text(reg, number, ctx.lang))


def key_articles_html(ctx, reg_id: str, reg: dict, key_prefix: str) -> Markup:
    """The key articles of a regulation, each in its section: anchor (#art-N, or #key-art-N beside a full text),
    label and heading, the Chinese text (paraphrase noted), its English summary, its tools. A pure renderer; data
    escaped here."""
    f, lang = for_lang(ctx.lang), ctx.lang
    tools = article_tools(ctx, reg_id, reg)
    items = []
    for a in reg.get("articles") or []:
        anchor = f"{key_prefix}{article_anchor(a['number'])}"
        item = (f'<section class="portal-article-clause">\n<h3 id="{escape(anchor)}">'
                f"{escape(article_label(ctx, reg_id, a['number']))} {f.title(a.get('heading'))}</h3>\n")
        if not a["verbatim"]:
            item += f'<p class="portal-note">{f.word("paraphrase")}</p>'
        item += f'<blockquote lang="zh-CN">{paragraphs(a["text"]["zh"])}</blockquote>\n'
        if "en" in a["text"]:
            item += f'<p lang="en"><strong>{f.word("en_summary")}:</strong> {escape(a["text"]["en"])}</p>'
        elif lang == "en":
            item += f'<p class="portal-zh-only">{f.word("missing_en")}</p>'
        items.append(f"{item}{tools(anchor, a['number'])}\n</section>\n")
    return Markup("".join(items))


def cited_by_html(ctx, reg_id: str, cited_by) -> Markup:
    """The list of the cases citing the regulation, each with the article cited and its note (a pure renderer: the
    list grows with the cases, hundreds of items on a much cited law); data escaped here."""
    f = for_lang(ctx.lang)
    if not cited_by:
        return Markup(f"<p>{f.word('none')}</p>")
    cases = ctx.dataset.cases
    page = ctx.link(f"regulations/{reg_id}.md")  # an article's link is the page's and its anchor (PageContext.link)
    items = []
    for c in cited_by:
        item = f"<li>{f.record_link(ctx.link(f'cases/{c.case_id}.md'), cases[c.case_id])}"
        if c.article:
            href = f"{page}#{article_anchor(c.article)}"
            item += f' — <a href="{escape(href)}">{escape(article_label(ctx, reg_id, c.article))}</a>'
        if c.note:
            item += f": {f.text(c.note)}"
        items.append(item + "</li>\n")
    return Markup('<ul class="portal-cited-by">\n' + "".join(items) + "</ul>")


def render_full_text(ctx, reg_id: str, reg: dict, version_key: str, text: dict, is_current: bool,
                     standalone: bool) -> str:
    """A version's full text with its chapter table of contents, #art-N anchors, permalinks and citation buttons."""
    outline, heads = text_outline(text)
    compare = compare_links(ctx, reg_id)
    earlier = compare.get(version_key)
    later = [(new, link) for new, (old, link) in compare.items() if old == version_key]
    return render_template(
        "regulation_text.html", ctx, reg_id=reg_id, reg=reg, text=text, version_key=version_key, anchors=True,
        is_current=is_current, standalone=standalone, outline=outline, heads=heads,
        law_title=pick(reg.get("title"), ctx.lang)[0], earlier=earlier, later=later,
        print_href=ctx.link(text_print_src(reg_id, version_key)),
        article_tools=article_tools(ctx, reg_id, reg), article_label=lambda n: article_label(ctx, reg_id, n))


class RegulationsView(KindView):
    date_fields = ("promulgated", "effective")
    facets = (
        Facet(NAME, "level", vocab_values("level", "regulation-levels"), order="vocab", vocab="regulation-levels"),
        Facet(NAME, "status", lambda i, r, c: [(c.derived.status[i], ui("status." + c.derived.status[i], c.lang))],
              order="vocab", order_of=lambda d: STATUS_ORDER),
        Facet(NAME, "issuer", lambda i, r, c: [(_issuer_slug(r, c), pick(r.get("issuer"), c.lang)[0] or ui("not_stated", c.lang))]),
        Facet(NAME, "topic", vocab_values("topics", "topics", many=True)),
        Facet(NAME, "industry", vocab_values("industries", "industries", many=True)),
    )

    def render(self, reg_id, ctx):
        reg = ctx.dataset.regulations[reg_id]
        derived = ctx.derived
        articles = reg.get("articles") or []
        texts = texts_by_version(reg)
        current = version_in_force(derived, reg_id)
        full = texts.get(current.key) if current else None
        full_is_current = full is not None
        if full is None and texts:
            full = texts[sorted(texts)[-1]]
        key_prefix = "key-" if full else ""
        sections = [("summary", ui("summary", ctx.lang))] if reg.get("summary") else []
        article_tokens = [toc_token(3, key_prefix + article_anchor(a["number"]),
                                    f"{article_label(ctx, reg_id, a['number'])} {pick(a.get('heading'), ctx.lang)[0]}")
                          for a in articles]
        if articles:
            sections.append(("key-articles", ui("key_articles", ctx.lang)))
        versions = derived.versions[reg_id]
        if len(versions) > 1 or texts:
            sections.append(("versions", ui("versions", ctx.lang)))
        if full:
            sections.append(("full-text", ui("full_text", ctx.lang)))
        sections.append(("cited-by", ui("cited_by", ctx.lang)))
        related = derived.articles_citing.get((self.name, reg_id), [])
        if related:
            sections.append(("related-articles", ui("related_articles", ctx.lang)))
        sections.append(("sources", ui("sources", ctx.lang)))
        full_key = current.key if full_is_current else (sorted(texts)[-1] if full else None)
        chapter_tokens = outline_tokens(text_outline(full)[0]) if full else []
        toc = [toc_token(2, sid, name, article_tokens if sid == "key-articles" else
                         chapter_tokens if sid == "full-text" else None) for sid, name in sections]
        html = render_regulation_page(
            ctx, reg_id, reg, status=derived.status[reg_id], current=current,
            status_label=status_label(ctx, reg_id), articles=articles,
            explain_number=lambda number: explain_doc_number(number, ctx.lang),
            superseded_by=derived.superseded_by.get(reg_id, []),
            cited_by_html=cited_by_html(ctx, reg_id, derived.cited_by.get(reg_id, [])),
            key_articles_html=key_articles_html(ctx, reg_id, reg, key_prefix),
            related=related, quiz_ids=derived.quiz_by_regulation.get(reg_id, []),
            versions_html=render_versions(ctx, reg_id, versions, current, version_src,
                                          lambda key: text_print_src(reg_id, key), compare_links(ctx, reg_id)),
            full_text_articles=len(full.get("articles") or []) if full else 0,
            full_text_html=render_full_text(ctx, reg_id, reg, full_key, full, full_is_current, False) if full else "",
        )
        return Rendered(html, toc)

    def render_version(self, reg_id: str, version_key: str, ctx) -> Rendered:
        """A historic (or the current) version's full text on its own page, with anchors per article."""
        reg = ctx.dataset.regulations[reg_id]
        text = texts_by_version(reg)[version_key]
        current = version_in_force(ctx.derived, reg_id)
        html = render_full_text(ctx, reg_id, reg, version_key, text, bool(current and current.key == version_key), True)
        return Rendered(html, outline_tokens(text_outline(text)[0], 2))

    def version_pages(self, reg_id: str, record: dict) -> list[str]:
        return sorted(texts_by_version(record))

    def extra_pages(self, reg_id: str, record: dict, ctx) -> list[tuple[str, str, object, str, str]]:
        """The 新旧对照 pages of the regulation, one per two consecutive texts: (source path, title, renderer,
        breadcrumb label `2007-11-01..2024-11-01`, the folder's label 新旧对照)."""
        title = self.title(record, ctx.lang)
        return [(compare_src(reg_id, old, new), f"{title} · {ui('compare.title', ctx.lang, old=old, new=new)}",
                 lambda c, i=reg_id, o=old, n=new: self.render_compare(i, o, n, c), f"{old}..{new}",
                 ui("compare.heading", ctx.lang))
                for old, new in ctx.derived.comparisons.get(reg_id, {})]

    def render_compare(self, reg_id: str, old_key: str, new_key: str, ctx) -> Rendered:
        """新旧对照 of two consecutive texts: a count per class, then every article old beside new, changes marked."""
        from portal.derive.compare import CLASSES

        reg = ctx.dataset.regulations[reg_id]
        alignment = ctx.derived.comparisons[reg_id][(old_key, new_key)]
        texts = texts_by_version(reg)
        html = render_template(
            "regulation_compare.html", ctx, reg_id=reg_id, reg=reg, rows=alignment.rows, counts=alignment.counts(),
            classes=CLASSES, old_key=old_key, new_key=new_key, old_text=texts[old_key], new_text=texts[new_key],
            law_title=pick(reg.get("title"), ctx.lang)[0],
            old_href=ctx.link(version_src(reg_id, old_key)), new_href=ctx.link(version_src(reg_id, new_key)),
            article_label=lambda n: article_label(ctx, reg_id, n))
        toc = [toc_token(2, "compare-summary", ui("compare.summary", ctx.lang)),
               toc_token(2, "compare-articles", ui("compare.articles", ctx.lang))]
        return Rendered(html, toc)

    def printables(self, ctx):
        """A printable A4 full text of every version that has one (regulations/<id>/<version>/print/)."""
        from portal.pages.printables import PrintablePage

        pages = []
        for reg_id, reg in ctx.dataset.regulations.items():
            for key, text in sorted(texts_by_version(reg).items()):
                title = f"{ui('text_print.title', ctx.lang)}: {self.title(reg, ctx.lang)} · {ui('version_of', ctx.lang, date=key)}"
                pages.append(PrintablePage(text_print_src(reg_id, key), title,
                                           lambda c, i=reg_id, k=key: self.render_text_print(i, k, c)))
        return pages

    def render_text_print(self, reg_id: str, version_key: str, ctx) -> Rendered:
        """The printable full text of one version: title, version and source line, chapters, articles."""
        from portal.records.numerals import numeral_words

        reg = ctx.dataset.regulations[reg_id]
        text = texts_by_version(reg)[version_key]
        version = next((v for v in ctx.derived.versions[reg_id] if v.key == version_key), None)
        outline, heads = text_outline(text)

        def zh_label(number):
            number = str(number)
            if number.isdigit():
                return "第" + numeral_words(int(number)) + "条"
            return article_label(ctx, reg_id, number)

        html = render_template(
            "regulation_print.html", ctx, reg_id=reg_id, reg=reg, text=text, version=version, version_key=version_key,
            heads=heads, zh_label=zh_label, title_zh=(reg.get("title") or {}).get("zh") or self.title(reg, ctx.lang),
            back_href=ctx.link(version_src(reg_id, version_key)), source_text=unquote(str(text.get("source") or "")),
            is_current=bool(version and version_in_force(ctx.derived, reg_id) == version))
        return Rendered(html, [])

    def columns(self, ctx):
        lang = ctx.lang
        return [Column("title", ui("title", lang)), Column("level", ui("level", lang), True),
                Column("status", ui("status", lang), True), Column("issuer", ui("issuer", lang), True),
                Column("doc_number", ui("doc_number", lang)), Column("effective", ui("effective", lang))]

    def row(self, reg_id, reg, ctx):
        status = ctx.derived.status[reg_id]
        title = self.title(reg, ctx.lang)
        level_rank = ctx.memo.setdefault("level-rank", {t: v.get("rank", 99) for t, v in
                                                          ctx.dataset.terms("regulation-levels").items()})
        issuer = pick(reg.get("issuer"), ctx.lang)[0] or ui("not_stated", ctx.lang)
        # The version in force: its order number and in-force date (the original is in the record's history).
        version = version_in_force(ctx.derived, reg_id)
        doc_number = (version.doc_number if version and version.doc_number else reg.get("doc_number", ""))
        effective = str(version.effective) if version and version.effective else ""
        return {"title": (title, title),
                "level": (label(ctx, "regulation-levels", reg.get("level")), f"{level_rank.get(reg.get('level'), 99):02d}"),
                "status": (status_label(ctx, reg_id), status),
                "issuer": (issuer, issuer),
                "doc_number": (doc_number, doc_number),
                "effective": (effective or ui("not_stated", ctx.lang), effective)}

    def sort_ids(self, ids, ctx):
        data = ctx.dataset.regulations
        rank = {t: v.get("rank", 99) for t, v in ctx.dataset.terms("regulation-levels").items()}
        return sorted(ids, key=lambda i: (rank.get(data[i].get("level"), 99), self.title_order(data[i], ctx), i))

    def search_docs(self, reg_id, ctx):
        from portal.pages.searchdocs import texts_in
        reg = ctx.dataset.regulations[reg_id]
        url = ctx.url(record_src(self.name, reg_id))
        title = self.title(reg, ctx.lang)
        status = ctx.derived.status[reg_id]
        boost = 0.6 if status == "repealed" else 1.0
        badge = ui("status.repealed", ctx.lang) if status == "repealed" else ""
        fields = [pick(reg.get("issuer"), ctx.lang)[0], status_label(ctx, reg_id)]
        fields += texts_in(ctx, self.kind.search_texts(reg))
        docs = [dict(url=url, title=title, kind=self.name, text=" ".join(f for f in fields if f),
                     keywords=tuple(self.kind.search_keywords(reg)), boost=boost, badge=badge)]
        texts = texts_by_version(reg)
        current = version_in_force(ctx.derived, reg_id)
        full = texts.get(current.key) if current else None
        key_prefix = "key-" if full else ""
        for article in reg.get("articles") or []:
            number = article["number"]
            heading = pick(article.get("heading"), ctx.lang)[0]
            body = " ".join(texts_in(ctx, [article["text"]], original_ok=ctx.lang == "zh"))
            docs.append(dict(url=f"{url}#{key_prefix}{article_anchor(number)}", title=f"{title} · {heading}",
                             kind=self.name, text=body, boost=boost * 0.95, badge=badge,
                             section=article_label(ctx, reg_id, number)))
        if full:
            # the full text is Chinese: the English site finds it too (by title, number, concepts), marked as such
            text_badge = badge or ("" if ctx.lang == "zh" else ui("original_language", ctx.lang))
            keyed = {a["number"] for a in reg.get("articles") or []}
            for article in full.get("articles") or []:
                if article["number"] in keyed:
                    continue
                docs.append(dict(url=f"{url}#{article_anchor(article['number'])}", title=title, kind=self.name,
                                 text=article["text"], boost=boost * 0.9, badge=text_badge,
                                 section=article_label(ctx, reg_id, article["number"])))
        if full and ctx.lang == "zh":
            for section in full.get("sections") or []:  # a text without articles (a reply, a case): by its parts
                docs.append(dict(url=f"{url}#full-text", title=title, kind=self.name, text=section["text"],
                                 boost=boost * 0.9, badge=badge, section=section.get("heading", "")))
        docs += self.compare_docs(reg_id, reg, title, boost, ctx)
        return docs

    def compare_docs(self, reg_id: str, reg: dict, title: str, boost: float, ctx) -> list[dict]:
        """One search document per 新旧对照 page: its counts, and (Chinese) the changed, added and deleted articles."""
        from portal.pages.searchdocs import texts_in

        docs = []
        short = texts_in(ctx, [reg.get("short_title")])
        for (old, new), alignment in ctx.derived.comparisons.get(reg_id, {}).items():
            counts = alignment.counts()
            words = [ui("compare.heading", ctx.lang), ui("compare.search_words", ctx.lang), *short,
                     ui("compare.versions", ctx.lang, old=old, new=new)]
            words += [f"{ui('compare.class.' + kind, ctx.lang)} {count}" for kind, count in counts.items()]
            if ctx.lang == "zh":
                words += [(row.new or row.old)["text"] for row in alignment.rows if row.kind in ("changed", "added", "deleted")]
            docs.append(dict(url=ctx.url(compare_src(reg_id, old, new)),
                             title=f"{title} · {ui('compare.title', ctx.lang, old=old, new=new)}", kind=self.name,
                             text=" ".join(w for w in words if w), keywords=(ui("compare.heading", ctx.lang),),
                             boost=boost * 0.8, badge=""))
        return docs


VIEW = RegulationsView()
