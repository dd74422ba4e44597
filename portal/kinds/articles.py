# Record kind: management-method articles (四预, 5S, 双重预防, 三级教育 ...) — checks, page, list, search.
"""Management-method articles (data/articles/): Markdown bodies (sanitised), key points and related records."""
from __future__ import annotations

from portal.kinds.base import Column, Facet, Kind
from portal.pages.i18n import pick, ui
from portal.pages.render import (Rendered, article_label, article_link, label, record_src, render_template,
                                 toc_token, vocab_values)
from portal.pages.safemd import render_markdown, unsafe_links


class Articles(Kind):
    name = "articles"
    schema = "article.schema.json"
    template = "article.html"
    search_label = {"zh": "方法", "en": "Method"}
    facets = (Facet("articles", "category", vocab_values("category", "article-categories")),)

    def check(self, checker, art_id, article, loaded):
        checker.term(loaded, ("category",), article.get("category"), "article-categories")
        checker.terms(loaded, ("topics",), article.get("topics"), "topics")
        checker.date_not_future(loaded, ("updated",), article.get("updated"), "更新日期 / update date")
        related = article.get("related") or {}
        for index, ref in enumerate(related.get("regulations") or []):
            checker.article_ref(loaded, ("related", "regulations", index), ref)
        for index, case_id in enumerate(related.get("cases") or []):
            checker.record_ref(loaded, ("related", "cases", index), case_id, "cases")
        for index, other in enumerate(related.get("articles") or []):
            if other == art_id:
                checker.add(loaded, ("related", "articles", index), "不能关联自身", "an article cannot relate to itself",
                            "ref.self")
            else:
                checker.record_ref(loaded, ("related", "articles", index), other, "articles")
        for lang, body in (article.get("body") or {}).items():
            for target in unsafe_links(body if isinstance(body, str) else ""):
                checker.add(loaded, ("body", lang), f"正文中的链接或图片地址 {target!r} 不允许",
                            f"link or image {target!r} is not allowed in a body: link web pages with a full "
                            "https:// address, other records with a relative path (../cases/x/); images from other "
                            "hosts are refused", "markdown.unsafe-link")
        checker.sources(loaded, article, self.name)

    def render(self, art_id, ctx):
        article = ctx.dataset.articles[art_id]
        body, body_fallback = pick(article["body"], ctx.lang)
        related = article.get("related") or {}
        backlinks = ctx.derived.articles_citing.get(("articles", art_id), [])
        html = render_template("article.html", ctx, article=article, art_id=art_id, body=render_markdown(body),
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
        article = ctx.dataset.articles[art_id]
        fields = texts_in(ctx, [article.get("summary")] + list(article.get("key_points") or []) + [article.get("body")])
        return [dict(url=ctx.url(record_src(self.name, art_id)), title=self.title(article, ctx.lang), kind=self.name,
                     text=" ".join(f for f in fields if f), keywords=(), boost=1.0, badge="")]

    def long_texts(self, record):
        return [record["body"]]

    def dates(self, record):
        return [record.get("updated")] + super().dates(record)

    def references(self, record):
        related = record.get("related") or {}
        refs = [("regulations", r["regulation"]) for r in related.get("regulations") or [] if isinstance(r, dict)]
        return refs + [("cases", c) for c in related.get("cases") or []] + [("articles", a) for a in related.get("articles") or []]


KIND = Articles()
