# Record kind: management-method articles (四预, 5S, 双重预防, 三级教育 ...), model — checks, backlinks, sheet.
"""Management-method articles (data/articles/): Markdown bodies (sanitised), key points and related records.

The articles relating to each record are the derived fact `articles_citing`. The page, list and search documents
are in views/articles.py."""
from __future__ import annotations

from collections import defaultdict

from portal.kinds.base import Kind
from portal.kinds.cases import NAME as CASES
from portal.kinds.regulations import NAME as REGULATIONS, article_ref

NAME = "articles"


def _articles_citing(derived) -> dict[tuple[str, str], list[str]]:
    """(kind, id) of a regulation/case/article -> ids of management articles that relate to it."""
    result: dict[tuple[str, str], list[str]] = defaultdict(list)
    for art_id, art in sorted(derived.dataset.records[NAME].items()):
        related = art.get("related") or {}
        for ref in related.get("regulations") or []:
            key = (REGULATIONS, ref["regulation"])
            if art_id not in result[key]:
                result[key].append(art_id)
        for case_id in related.get("cases") or []:
            result[(CASES, case_id)].append(art_id)
        for other in related.get("articles") or []:
            result[(NAME, other)].append(art_id)
    for case_id, case in derived.dataset.records[CASES].items():
        for art_id in case.get("related_articles") or []:
            if art_id not in result[(CASES, case_id)]:
                result[(CASES, case_id)].append(art_id)
    return result


class Articles(Kind):
    name = NAME
    schema = "article.schema.json"
    template = "article.html"
    view = "portal.kinds.views.articles:VIEW"
    names = {"zh": "管理方法", "en": "Management methods"}
    nav_title = {"zh": "管理方法", "en": "Methods"}
    topic_column = True
    search_label = {"zh": "方法", "en": "Method"}
    file_hints = ("article", "method", "方法", "文章")
    facts = {"articles_citing": _articles_citing}

    def check(self, checker, art_id, article, loaded):
        from portal.kinds import site_sections
        from portal.safemd import unsafe_links  # Markdown only when there are bodies to check

        checker.term(loaded, ("category",), article.get("category"), "article-categories")
        checker.terms(loaded, ("topics",), article.get("topics"), "topics")
        checker.date_not_future(loaded, ("updated",), article.get("updated"), "更新日期 / update date")
        related = article.get("related") or {}
        for index, ref in enumerate(related.get("regulations") or []):
            article_ref(checker, loaded, ("related", "regulations", index), ref)
        for index, case_id in enumerate(related.get("cases") or []):
            checker.record_ref(loaded, ("related", "cases", index), case_id, "cases")
        for index, other in enumerate(related.get("articles") or []):
            if other == art_id:
                checker.add(loaded, ("related", "articles", index), "不能关联自身", "an article cannot relate to itself",
                            "ref.self")
            else:
                checker.record_ref(loaded, ("related", "articles", index), other, NAME)
        for lang, body in (article.get("body") or {}).items():
            for target in unsafe_links(body if isinstance(body, str) else "", site_sections()):
                checker.add(loaded, ("body", lang), f"正文中的链接或图片地址 {target!r} 不允许",
                            f"link or image {target!r} is not allowed in a body: link web pages with a full "
                            "https:// address, other records with a relative path (../cases/x/); images from other "
                            "hosts are refused", "markdown.unsafe-link")
        checker.sources(loaded, article, self.name)

    def linking_to(self, kind_name, record_id, derived):
        return ((NAME, a) for a in derived.articles_citing.get((kind_name, record_id), []))

    def search_texts(self, record):
        return [record.get("summary")] + list(record.get("key_points") or []) + [record.get("body")]

    def long_texts(self, record):
        return [record["body"]]

    def dates(self, record):
        return [record.get("updated")] + super().dates(record)

    def references(self, record):
        related = record.get("related") or {}
        refs = [(REGULATIONS, r["regulation"]) for r in related.get("regulations") or [] if isinstance(r, dict)]
        return refs + [(CASES, c) for c in related.get("cases") or []] + [(NAME, a) for a in related.get("articles") or []]

    # -- spreadsheet --------------------------------------------------------------------------------------------
    def sheet(self):
        """The workbook of management-method articles: one row per article; related articles of law, sources."""
        from portal.tables.columns import TOPICS_HELP, article_refs_sheet, id_column, sources_sheet
        from portal.tables.spec import Column, KindSpec

        return KindSpec(
            kind=self.name, schema=self.schema, zh="方法文章", en="Articles",
            key_zh="文章编号", key_en="Article ID",
            columns=(
                id_column("文章编号", "Article ID"),
                Column("title", "标题", "Title", "text_both", required=True,
                       example=("示例：班前会的开法", "Example: running a pre-shift meeting")),
                Column("category", "类别", "Category", "vocab:article-categories", required=True, example="team-management"),
                Column("summary", "摘要", "Summary", "text_both", required=True,
                       example=("示例：一句话说明。", "Example: one sentence.")),
                Column("key_points", "要点", "Key points", "list:text_both", required=True,
                       help_zh="每行一条；英文列按同样的行对应", help_en="One per line; the English column has the same lines",
                       example=("示例：要点一", "Example: first point")),
                Column("body", "正文", "Body", "markdown", required=True, help_zh="Markdown 格式", help_en="Markdown",
                       example=("## 是什么\n示例正文。", "## What it is\nExample body.")),
                Column("updated", "更新日期", "Updated", "date", past_only=True, example="2025-05-12"),
                Column("topics", "主题", "Topics", "vocab-list:topics", required=True, help_zh=TOPICS_HELP[0],
                       help_en=TOPICS_HELP[1], example="team-management"),
                Column("related.cases", "相关案例", "Related cases", "id-list",
                       help_zh="data/cases/ 中案例的编号，每行一个", help_en="IDs of cases in data/cases/, one per line"),
                Column("related.articles", "相关文章", "Related articles", "id-list",
                       help_zh="其他文章的编号，每行一个", help_en="IDs of other articles, one per line"),
            ),
            children=(
                article_refs_sheet("related_regulations", "相关条款", "Related articles of law", "related.regulations"),
                sources_sheet(),
            ),
            help_zh="一行一篇方法文章。", help_en="One article per row.",
        )


KIND = Articles()
