# The spreadsheet layouts of the record kinds (read from portal/kinds/) and the column groups they share.
"""The spreadsheet layouts of the record kinds, and the column groups they share.

Each kind's layout is its Kind.sheet() (portal/kinds/<name>.py): templates, import, export and the YAML writer
find it through KINDS below, which reads the kind registry. Vocabularies named in `vocab:`/`vocab-list:` types come
from data/vocab/<name>.yml (see vocab.py) or from BUILTIN_VOCABULARIES (schema enums, labelled here).
"""
from __future__ import annotations

from dataclasses import replace

from portal.tables.spec import ChildSheet, Column, KindRegistry, KindSpec

# Schema enums shown as drop-downs: ids exactly as in the schema, labels for people.
BUILTIN_VOCABULARIES: dict[str, list[dict]] = {
    "source-kinds": [
        {"id": "official-text", "label": {"zh": "官方文本", "en": "Official text"}},
        {"id": "investigation-report", "label": {"zh": "事故调查报告", "en": "Investigation report"}},
        {"id": "official-notice", "label": {"zh": "官方通报", "en": "Official notice"}},
        {"id": "news-report", "label": {"zh": "新闻报道", "en": "News report"}},
        {"id": "journal-article", "label": {"zh": "期刊文章", "en": "Journal article"}},
        {"id": "standard-text", "label": {"zh": "标准文本", "en": "Standard text"}},
        {"id": "seed-text", "label": {"zh": "种子材料", "en": "Seed text"}},
        {"id": "other", "label": {"zh": "其他", "en": "Other"}},
    ],
    "regulation-statuses": [
        {"id": "not-yet-in-force", "label": {"zh": "尚未施行", "en": "Not yet in force"}},
        {"id": "in-force", "label": {"zh": "现行有效", "en": "In force"}},
        {"id": "amended", "label": {"zh": "已被修改", "en": "Amended"}},
        {"id": "repealed", "label": {"zh": "已废止", "en": "Repealed"}},
    ],
    "question-types": [
        {"id": "single", "label": {"zh": "单选题", "en": "Single choice"}},
        {"id": "multiple", "label": {"zh": "多选题", "en": "Multiple choice"}},
        {"id": "true-false", "label": {"zh": "判断题", "en": "True/false"}},
    ],
    "amendment-types": [
        {"id": "amendment", "label": {"zh": "修正", "en": "Amendment"}},
        {"id": "revision", "label": {"zh": "修订", "en": "Revision"}},
    ],
}



class KindSheets(KindRegistry):
    """The spreadsheet layout of every registered record kind (Kind.sheet()), plus any registered here directly."""

    def _sync(self) -> None:
        from portal.kinds import KINDS as RECORD_KINDS

        for kind in RECORD_KINDS:
            if kind.name not in self.kinds:
                spec = kind.sheet()
                if spec is not None:
                    self.kinds[kind.name] = replace(spec, schema_dir=str(kind.schema_dir))

    def __getitem__(self, kind: str) -> KindSpec:
        self._sync()
        return super().__getitem__(kind)

    def __contains__(self, kind: str) -> bool:
        self._sync()
        return super().__contains__(kind)

    def __iter__(self):
        self._sync()
        return super().__iter__()


KINDS = KindSheets()


def id_column(zh: str, en: str) -> Column:
    return Column("id", zh, en, "id",
                  help_zh="记录编号：小写英文字母、数字和连字符，如 tianjin-port-fire-2015。留空则按名称自动生成；"
                          "再次导入时按编号（或名称）更新已有记录。",
                  help_en="Record ID: lower-case letters, digits and hyphens, e.g. tianjin-port-fire-2015. Leave it "
                          "blank to generate one from the title; a later import updates the record with this ID "
                          "(or the same title).",
                  aliases=("编号", "ID"))


def sources_sheet(required: bool = True) -> ChildSheet:
    return ChildSheet(
        "sources", "来源", "Sources", "sources", required=required, columns=
        (
            Column("title", "文献标题", "Document title", "text", required=True,
                   help_zh="所引文件或报道的标题，照原样填写", help_en="Title of the cited document, as published",
                   example="示例：××公司事故调查报告"),
            Column("publisher", "发布单位", "Publisher", "text", required=True,
                   help_zh="发布该文件的机关或媒体", help_en="Authority or publication that issued it",
                   example="示例：××市应急管理局"),
            Column("kind", "文献类型", "Document type", "vocab:source-kinds",
                   help_zh="从下拉列表选择", help_en="Pick from the drop-down", example="investigation-report"),
            Column("date", "发布日期", "Published", "date", past_only=True, example="2025-05-12"),
            Column("url", "网址", "URL", "url", help_zh="以 http:// 或 https:// 开头",
                   help_en="Starts with http:// or https://", example="https://example.com/report.html"),
            Column("accessed", "查阅日期", "Accessed", "date", past_only=True, example="2025-05-12"),
            Column("note", "说明", "Note", "text_both"),
        ),
        help_zh="每行一个来源；第一列填写所属记录的编号。" + ("每条记录至少一个来源。" if required else ""),
        help_en="One source per row; the first column is the record's ID."
                + (" Every record needs at least one source." if required else ""),
    )


def article_refs_sheet(name: str, zh: str, en: str, path: str) -> ChildSheet:
    return ChildSheet(
        name, zh, en, path,
        (
            Column("regulation", "法规编号", "Regulation ID", "id", required=True,
                   help_zh="data/regulations/ 中法规的编号，如 work-safety-law",
                   help_en="ID of a regulation in data/regulations/, e.g. work-safety-law", example="work-safety-law"),
            Column("article", "条款", "Article", "article",
                   help_zh="条号，如 21、4.2.1；也可写“第二十一条”", help_en="Article number, e.g. 21 or 4.2.1",
                   example="21"),
            Column("note", "说明", "Note", "text_both"),
        ),
        help_zh="每行一个条款；第一列填写所属记录的编号。", help_en="One article per row; the first column is the record's ID.",
    )


TOPICS_HELP = ("可填多个，每行一个（或用顿号分隔）", "Several allowed: one per line (or separated by 、)")
