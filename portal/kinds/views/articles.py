# Record kind: management-method articles (view) — page (sanitised Markdown body), list, facet, search documents.
"""The pages of management-method articles: the article page (Markdown body escaped first, links on an allow-list),
list columns, the category facet and search documents."""
from __future__ import annotations

from portal.kinds.articles import NAME
from portal.kinds.base import Column, Facet, KindView
from portal.text import pick
from portal.words import ui
from portal.pages.render import (Rendered, article_label, article_link, label, record_src, render_template,
                                 toc_token, vocab_values)
from portal.kinds import site_sections
from portal.safemd import render_markdown


class ArticlesView(KindView):
    date_fields = ("updated",)
    facets = (Facet(NAME, "category", vocab_values("category", "article-categories")),)

    def render(self, art_id, ctx):
        article = ctx.dataset.records[self.name][art_id]
        body, body_fallback = pick(article["body"], ctx.lang)
        related = article.get("related") or {}
        backlinks = ctx.derived.articles_citing.get((self.name, art_id), [])
        html = render_template(self.kind.template, ctx, article=article, art_id=art_id, body=render_markdown(body, site_sections()),
                               body_fallback=body_fallback, related=related, backlinks=backlinks,
                               article_label=lambda reg_id, n: article_label(ctx, reg_id, n),
                               article_link=lambda reg_id, n: article_link(ctx, reg_id, n))
        sections = [("key-points", ui("key_points", ctx.lang)), ("body", ui("body", ctx.lang)),
                    ("sources", ui("sources", ctx.lang))]
        return Rendered(html, [toc_token(2, sid, name) for sid, name in sections])

    def columns(self, ctx):
        lang = ctx.lang
        return [Column("title", ui("title", lang)), Column("category", ui("category", lang), True),
                Column("summary", ui("summary", lang))]

    def row(self, art_id, article, ctx):
        return {"title": (self.title(article, ctx.lang),) * 2,
                "category": (label(ctx, "article-categories", article.get("category")),) * 2,
                "summary": (pick(article.get("summary"), ctx.lang)[0],) * 2}

    def search_docs(self, art_id, ctx):
        from portal.pages.searchdocs import texts_in
        article = ctx.dataset.records[self.name][art_id]
        fields = texts_in(ctx, self.kind.search_texts(article))
        return [dict(url=ctx.url(record_src(self.name, art_id)), title=self.title(article, ctx.lang), kind=self.name,
                     text=" ".join(f for f in fields if f), keywords=(), boost=1.0, badge="")]


VIEW = ArticlesView()
