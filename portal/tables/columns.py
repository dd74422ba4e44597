# Column specs of every record kind's spreadsheet (headers, types, required flags, help), as data.
"""The spreadsheet layout of each record kind.

To add a kind (e.g. `resources`), write one `KindSpec` below and `KINDS.register` it: templates, import,
export and the YAML writer need nothing else. Vocabularies named in `vocab:`/`vocab-list:` types come from
data/vocab/<name>.yml (see vocab.py) or from BUILTIN_VOCABULARIES (schema enums, labelled here).
"""
from __future__ import annotations

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
    "amendment-types": [
        {"id": "amendment", "label": {"zh": "修正", "en": "Amendment"}},
        {"id": "revision", "label": {"zh": "修订", "en": "Revision"}},
    ],
}

KINDS = KindRegistry()


def _id_column(zh: str, en: str) -> Column:
    return Column("id", zh, en, "id",
                  help_zh="记录编号：小写英文字母、数字和连字符，如 tianjin-port-fire-2015。留空则按名称自动生成；"
                          "再次导入时按编号（或名称）更新已有记录。",
                  help_en="Record ID: lower-case letters, digits and hyphens, e.g. tianjin-port-fire-2015. Leave it "
                          "blank to generate one from the title; a later import updates the record with this ID "
                          "(or the same title).",
                  aliases=("编号", "ID"))


def _sources(required: bool = True) -> ChildSheet:
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


def _article_refs(name: str, zh: str, en: str, path: str) -> ChildSheet:
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

KINDS.register(KindSpec(
    kind="cases", schema="case.schema.json", zh="事故案例", en="Accident cases",
    key_zh="案例编号", key_en="Case ID", identity=("title.zh", "date"), id_suffix="date", required_objects=("place",),
    columns=(
        _id_column("案例编号", "Case ID"),
        Column("title", "事故名称", "Title", "text_both", required=True, aliases=("标题", "事故标题"),
               example=("示例：××公司“5·12”仓库火灾事故", "Example: warehouse fire at XX Co.")),
        Column("date", "事故日期", "Date", "date", required=True, past_only=True,
               aliases=("发生日期", "发生时间", "事故时间", "日期"), example="2025-05-12",
               help_zh="事故发生的日期，如 2025-05-12", help_en="Date of the accident, e.g. 2025-05-12"),
        Column("place.province", "省份", "Province", "vocab:provinces", required=True,
               aliases=("省", "所在省份", "省（区、市）"), example="beijing"),
        Column("place.city", "市县", "City", "text_both", aliases=("城市", "市", "地市"),
               example=("示例市", "Example City")),
        Column("place.detail", "详细地点", "Place detail", "text_both", aliases=("地点", "事故地点"),
               example=("示例：××公司仓库", "Example: XX Co. warehouse")),
        Column("industry", "行业", "Industry", "vocab:industries", aliases=("所属行业", "行业类别"),
               example="warehousing-logistics"),
        Column("accident_type.scheme", "分类标准", "Classification scheme", "vocab:accident-types.schemes",
               required=True, default="gb6441-1986",
               help_zh="事故类别所依据的分类标准；留空为 GB 6441-1986", help_en="Classification the accident type "
               "follows; blank means GB 6441-1986"),
        Column("accident_type.term", "事故类别", "Accident type", "vocab:accident-types", required=True,
               scope="accident_type.scheme", aliases=("事故类型",), example="fire"),
        Column("deaths", "死亡人数", "Deaths", "integer", required=True, aliases=("死亡",), example=0),
        Column("missing", "失踪人数", "Missing", "integer", aliases=("失踪",)),
        Column("serious_injuries", "重伤人数", "Seriously injured", "integer", aliases=("重伤",),
               help_zh="重伤人数，含急性工业中毒", help_en="Seriously injured, including acute industrial poisoning"),
        Column("injuries", "受伤人数", "Injured", "integer", aliases=("受伤",),
               help_zh="全部受伤人数（含重伤）", help_en="All injured, seriously injured included"),
        Column("direct_loss_cny", "直接经济损失(元)", "Direct loss (CNY)", "money",
               aliases=("直接经济损失", "经济损失", "直接经济损失（万元）"),
               help_zh="单位：元；也可写“68.66亿元”“6866万元”", help_en="In yuan; 68.66亿元 or 6866万元 also accepted"),
        Column("tier", "事故等级", "Tier", "vocab:accident-tiers", aliases=("等级",),
               help_zh="可不填：按伤亡和损失自动计算；填写则须与计算结果一致",
               help_en="Optional: computed from the figures; if given it must agree"),
        Column("topics", "主题", "Topics", "vocab-list:topics", help_zh=TOPICS_HELP[0], help_en=TOPICS_HELP[1],
               example="fire-safety"),
        Column("summary", "事故概况", "Summary", "text_both", aliases=("概况", "简要经过", "事故简况"),
               example=("示例：用自己的话概述事故经过。", "Example: the accident in your own words.")),
        Column("direct_causes", "直接原因", "Direct causes", "list:text_zh",
               help_zh="每行一条；英文列按同样的行对应", help_en="One per line; the English column has the same lines",
               example=("示例：原因一", "Example: first cause")),
        Column("root_causes", "间接原因", "Root causes", "list:text_zh", help_zh="每行一条", help_en="One per line"),
        Column("responsibility", "责任认定", "Responsibility", "text_zh", aliases=("责任",)),
        Column("lessons", "事故教训", "Lessons", "list:text_zh", aliases=("教训", "经验教训"),
               help_zh="每行一条", help_en="One per line", example=("示例：教训一", "Example: first lesson")),
        Column("measures", "防范措施", "Measures", "list:text_zh", aliases=("整改措施", "防范和整改措施"),
               help_zh="每行一条", help_en="One per line"),
        Column("related_articles", "相关方法文章", "Related articles", "id-list",
               help_zh="data/articles/ 中文章的编号，每行一个", help_en="IDs of articles in data/articles/, one per line"),
    ),
    children=(
        ChildSheet("timeline", "经过", "Timeline", "timeline", (
            Column("time", "时间", "Time", "time", required=True, example="2025-05-12 14:30",
                   help_zh="如 2015-08-12 22:51 或 22:51", help_en="e.g. 2015-08-12 22:51 or 22:51"),
            Column("text", "经过", "What happened", "text_zh", required=True,
                   example=("示例：仓库内起火。", "Example: fire breaks out in the warehouse.")),
        ), help_zh="每行一个时间节点，按时间先后排列。", help_en="One step per row, in time order."),
        _article_refs("violations", "违反条款", "Violations", "violations"),
        _sources(),
    ),
    help_zh="一行一起事故。", help_en="One accident per row.",
))

KINDS.register(KindSpec(
    kind="regulations", schema="regulation.schema.json", zh="法规标准", en="Regulations",
    key_zh="法规编号", key_en="Regulation ID",
    columns=(
        _id_column("法规编号", "Regulation ID"),
        Column("title", "名称", "Title", "text_both", required=True, aliases=("法规名称", "标准名称", "文件名称"),
               example=("示例：××安全管理规定", "Example: XX safety provisions")),
        Column("short_title", "简称", "Short title", "text_both"),
        Column("level", "层级", "Level", "vocab:regulation-levels", required=True,
               aliases=("效力级别", "法规层级", "效力层级"), example="departmental-rule"),
        Column("issuer", "发布机关", "Issuer", "text_both", required=False, aliases=("发布部门", "颁布机关", "制定机关"),
               example=("示例：××部", "Example: Ministry of XX")),
        Column("doc_number", "文号", "Document number", "text", aliases=("发文字号", "标准号", "文号/标准号"),
               help_zh="照原样填写；未核实的请留空", help_en="Exactly as published; leave blank if not verified"),
        Column("promulgated", "公布日期", "Promulgated", "date", past_only=True, aliases=("发布日期", "颁布日期"),
               example="2025-05-12"),
        Column("effective", "施行日期", "Effective", "date", required=False, aliases=("实施日期", "生效日期"),
               example="2025-07-01"),
        Column("repealed", "废止日期", "Repealed", "date", aliases=("失效日期",)),
        Column("supersedes", "取代的法规", "Supersedes", "id-list",
               help_zh="被本法规取代的法规编号，每行一个", help_en="IDs of regulations this one replaces, one per line"),
        Column("status", "状态", "Status", "vocab:regulation-statuses", aliases=("时效性", "效力状态"),
               help_zh="可不填：按日期自动计算；填写则须一致", help_en="Optional: computed from the dates; if given it must agree"),
        Column("topics", "主题", "Topics", "vocab-list:topics", required=False, help_zh=TOPICS_HELP[0],
               help_en=TOPICS_HELP[1], example="safety-responsibility"),
        Column("industries", "适用行业", "Industries", "vocab-list:industries", aliases=("行业",),
               help_zh=TOPICS_HELP[0], help_en=TOPICS_HELP[1], example="general"),
        Column("summary", "内容摘要", "Summary", "text_both", required=False, aliases=("摘要", "主要内容"),
               example=("示例：用自己的话概述。", "Example: a summary in your own words.")),
        Column("notes", "备注", "Notes", "text_both"),
    ),
    children=(
        ChildSheet("amendments", "修订记录", "Amendments", "amendments", (
            Column("date", "修改日期", "Date", "date", required=True, past_only=True,
                   help_zh="修改决定通过的日期", help_en="Date the amendment was adopted"),
            Column("effective", "修改后施行日期", "Effective", "date"),
            Column("doc_number", "文号", "Document number", "text"),
            Column("type", "修改方式", "Type", "vocab:amendment-types",
                   help_zh="修正：以决定或修正案修改；修订：全文修订后重新公布",
                   help_en="amendment: changed by a decision; revision: whole text revised and republished"),
            Column("note", "说明", "Note", "text_both"),
        ), help_zh="每行一次修改，从早到晚。", help_en="One amendment per row, oldest first."),
        ChildSheet("articles", "重点条款", "Key articles", "articles", (
            Column("number", "条号", "Number", "article", required=True, example="3",
                   help_zh="如 3、4.2.1、134-1；也可写“第三条”", help_en="e.g. 3, 4.2.1, 134-1"),
            Column("heading", "条款标题", "Heading", "text_both", required=True,
                   example=("示例：职责", "Example: duties")),
            Column("text", "条款内容", "Text", "text_zh", required=True,
                   example=("示例：条款内容。", "Example: what the article says.")),
            Column("verbatim", "是否原文", "Verbatim", "bool", required=True, example=False,
                   help_zh="条款内容是官方原文逐字照录时填“是”", help_en="是 (yes) only when the text is the exact published wording"),
        ), help_zh="每行一个重点条款；页面上可通过 #art-条号 直接定位。", help_en="One key article per row (#art-<number> on the page)."),
        ChildSheet("texts", "全文", "Full texts", "texts", (
            Column("version", "版本施行日期", "Version", "date", required=True,
                   help_zh="该版本施行的日期（原文或某次修改的施行日期）",
                   help_en="In-force date of this version (of the original text or of an amendment)"),
            Column("verbatim", "全文原文", "Verbatim", "bool", required=True),
            Column("source", "全文出处", "Text source", "url"),
            Column("preamble", "序言", "Preamble", "text"),
        ), nested_path="articles", nested_columns=(
            Column("number", "条号", "Number", "article", required=True),
            Column("chapter", "章", "Chapter", "text"),
            Column("section", "节", "Section", "text"),
            Column("text", "条文", "Article text", "text", required=True),
        ), group_by="version",
            help_zh="每行一条条文；同一版本的各行重复版本列。", help_en="One article per row; the version columns repeat on each row."),
        _sources(),
    ),
    help_zh="一行一部法律、法规、规章或标准。", help_en="One law, regulation, rule or standard per row.",
))

KINDS.register(KindSpec(
    kind="contacts", schema="contact-directory.schema.json", zh="通讯录", en="Directories",
    key_zh="通讯录编号", key_en="Directory ID", required_objects=("last_verified",),
    columns=(
        _id_column("通讯录编号", "Directory ID"),
        Column("title", "通讯录名称", "Title", "text_both", required=True, aliases=("名称", "标题"),
               example=("示例：××公司应急救援联系电话号码簿", "Example: XX Co. emergency phone directory")),
        Column("organisation", "单位", "Organisation", "text_both", required=True, aliases=("单位名称",),
               example=("示例：××公司", "Example: XX Co.")),
        Column("region", "适用范围", "Region", "text_both", required=True, aliases=("地区", "范围"),
               example=("示例县", "Example County")),
        Column("sample", "示例数据", "Sample data", "bool", required=True, default=False, example=True,
               help_zh="虚构的示例数据填“是”，真实号码簿填“否”（留空为“否”）",
               help_en="是 (yes) for fictitious sample data; blank means no"),
        Column("summary", "简介", "Summary", "text_both", required=True,
               example=("示例：本单位应急联系电话。", "Example: this unit's emergency numbers.")),
        Column("last_verified.date", "核对日期", "Verified on", "date", required=True, past_only=True,
               example="2025-05-12", help_zh="最近一次逐个核对号码的日期", help_en="Date every number was last checked"),
        Column("last_verified.by", "核对人", "Verified by", "text_both", required=True,
               example=("示例：安全科", "Example: Safety section")),
    ),
    children=(
        ChildSheet("entries", "号码", "Numbers", "entries", (
            Column("name", "名称", "Name", "text_both", required=True, aliases=("联系人", "单位/部门"),
                   example=("示例：调度室", "Example: dispatch room")),
            Column("category", "类别", "Category", "vocab:contact-categories", required=True, example="duty-room"),
            Column("hours", "服务时间", "Hours", "text_both"),
            Column("address", "地址", "Address", "text_both"),
            Column("notes", "备注", "Notes", "text_both"),
        ), nested_path="phones", nested_columns=(
            Column("number", "号码", "Number", "text", required=True, aliases=("电话", "联系电话", "电话号码"),
                   example="0000-0000000", help_zh="如 119、0891-5821234、13800000000",
                   help_en="e.g. 119, 0891-5821234, 13800000000"),
            Column("type", "号码类型", "Number type", "vocab:phone-types", required=True, aliases=("类型",),
                   example="duty"),
        ), group_by="name.zh", nested_after=2, required=True,
            help_zh="每行一个号码。同一联系人有多个号码时，写多行并重复名称（或名称留空表示同上）。",
            help_en="One phone number per row. For several numbers of one contact, repeat its name on each row "
                    "(or leave the name blank: same as above)."),
        _sources(required=False),
    ),
    help_zh="一行一本号码簿；号码写在“号码”表。", help_en="One directory per row; its numbers go in the sheet 号码.",
))

KINDS.register(KindSpec(
    kind="articles", schema="article.schema.json", zh="方法文章", en="Articles",
    key_zh="文章编号", key_en="Article ID",
    columns=(
        _id_column("文章编号", "Article ID"),
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
        _article_refs("related_regulations", "相关条款", "Related articles of law", "related.regulations"),
        _sources(),
    ),
    help_zh="一行一篇方法文章。", help_en="One article per row.",
))

KINDS.register(KindSpec(
    kind="quiz", schema="quiz.schema.json", zh="题库", en="Quiz",
    key_zh="题目编号", key_en="Question ID", title="question", identity=("question.zh",), required_objects=("cites",),
    columns=(
        _id_column("题目编号", "Question ID"),
        Column("question", "题目", "Question", "text_both", required=True, aliases=("题干", "试题"),
               example=("示例：事故报告应在多长时间内完成？", "Example: how soon must the accident be reported?")),
        Column("answer", "答案", "Answer", "choice", required=True, aliases=("正确答案",), example=0, scope="choices",
               help_zh="正确选项的字母：A、B、C……（对应“选项”表）", help_en="Letter of the right choice: A, B, C ..."),
        Column("explanation", "解析", "Explanation", "text_both", required=True, aliases=("答案解析",),
               example=("示例：依据某条规定。", "Example: under a provision.")),
        Column("cites.regulation", "依据法规", "Cited regulation", "id", example="work-safety-law",
               help_zh="依据的法规编号；与“依据条款”一起填写，或改填“依据案例”",
               help_en="ID of the regulation; fill in with the article, or give a case instead"),
        Column("cites.article", "依据条款", "Cited article", "article", example="21"),
        Column("cites.case", "依据案例", "Cited case", "id", help_zh="依据的案例编号", help_en="ID of the case"),
        Column("topics", "主题", "Topics", "vocab-list:topics", help_zh=TOPICS_HELP[0], help_en=TOPICS_HELP[1]),
    ),
    children=(
        ChildSheet("choices", "选项", "Choices", "choices", (
            Column("", "选项内容", "Choice", "text_both", required=True, example=("示例：1小时", "Example: 1 hour")),
        ), order_zh="选项字母", order_en="Letter", required=True,
            help_zh="每行一个选项（2–6个），“选项字母”写 A、B、C……", help_en="One choice per row (2 to 6), lettered A, B, C ..."),
    ),
    help_zh="一行一道选择题；选项写在“选项”表。", help_en="One question per row; its choices go in the sheet 选项.",
))

KINDS.register(KindSpec(
    kind="resources", schema="resource.schema.json", zh="应急资源", en="Emergency resources",
    key_zh="资源编号", key_en="Resource ID", required_objects=("location", "contact", "last_verified"),
    columns=(
        _id_column("资源编号", "Resource ID"),
        Column("title", "名称", "Name", "text_both", required=True, aliases=("资源名称", "队伍名称", "单位名称"),
               example=("示例：××矿山应急救援队", "Example: XX mine rescue team")),
        Column("type", "资源类别", "Type", "vocab:resource-types", required=True, aliases=("类别", "类型"),
               example="rescue-team"),
        Column("sample", "示例数据", "Sample data", "bool", example=True,
               help_zh="虚构的示例数据填“是”", help_en="是 (yes) for fictitious sample data"),
        Column("organisation", "管理单位", "Organisation", "text_both", aliases=("所属单位", "主管单位"),
               example=("示例：××县应急管理局", "Example: XX county emergency management bureau")),
        Column("location.province", "省份", "Province", "vocab:provinces", required=True, example="beijing"),
        Column("location.address", "地址", "Address", "text_both", aliases=("详细地址", "地点"),
               example=("示例：××路1号", "Example: 1 XX Road")),
        Column("contact.name", "联系人", "Contact", "text_both", example=("值班室", "Duty room")),
        Column("contact.phone", "联系电话", "Phone", "text", required=True, aliases=("电话", "值班电话"),
               example="0000-0000000", help_zh="3–40个字符，如 0891-5821234", help_en="3 to 40 characters"),
        Column("capacity", "规模", "Capacity", "text_both", aliases=("规模/能力", "容量"),
               help_zh="人数、车辆、物资或床位，按本单位口径", help_en="People, vehicles, items or places, as counted by the owner"),
        Column("items", "主要装备物资", "Main items", "list:text_both", aliases=("主要装备", "主要物资"),
               help_zh="每行一项；英文列按同样的行对应", help_en="One per line; the English column has the same lines"),
        Column("industries", "适用行业", "Industries", "vocab-list:industries", help_zh=TOPICS_HELP[0],
               help_en=TOPICS_HELP[1]),
        Column("last_verified.date", "核对日期", "Verified on", "date", required=True, past_only=True,
               example="2025-05-12", help_zh="最近一次核实资源情况的日期", help_en="Date the entry was last checked"),
        Column("last_verified.by", "核对人", "Verified by", "text", example="示例：安全科"),
        Column("notes", "备注", "Notes", "text_both"),
    ),
    children=(_sources(),),
    help_zh="一行一项应急资源（救援队伍、装备库、物资库、避难场所、专家等）。",
    help_en="One emergency resource per row (rescue team, equipment or material store, shelter, expert ...).",
))
