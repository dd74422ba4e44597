# Record kind: accident cases (model) — names, checks, the computed tier, citations of regulations, sheet.
"""Accident cases (data/cases/): one accident each, with figures from its investigation report.

The tier is computed from deaths, serious injuries and direct loss (data/vocab/accident-tiers.yml: derived fact
`tier`); the cases citing each regulation are the derived fact `cited_by`. The page (views/cases.py) links a
violated article to the version of the regulation that was in force on the accident date."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from portal.kinds.base import Kind
from portal.kinds.regulations import NAME as REGULATIONS, article_ref

NAME = "cases"


def accident_tier(case: dict, tiers: list[dict]) -> str | None:
    """The first (most severe) tier for which ANY of deaths, serious injuries or direct loss reaches the minimum."""
    deaths = case.get("deaths") or 0
    serious = case.get("serious_injuries") or 0
    loss = case.get("direct_loss_cny") or 0
    for tier in tiers:
        if (deaths >= tier["min_deaths"] or serious >= tier["min_serious_injuries"]
                or loss >= tier["min_direct_loss_cny"]):
            return tier["id"]
    return None


@dataclass
class Citation:
    """One case citing one regulation (and maybe an article)."""

    case_id: str
    article: str | None
    note: dict | None


def _tier(derived) -> dict[str, str | None]:
    tiers = derived.dataset.accident_tiers()
    return {case_id: accident_tier(case, tiers) for case_id, case in derived.dataset.records[NAME].items()}


def _cited_by(derived) -> dict[str, list[Citation]]:
    """Regulation id -> the cases that cite it, in case-date order."""
    result: dict[str, list[Citation]] = defaultdict(list)
    for case_id, case in sorted(derived.dataset.records[NAME].items(), key=lambda kv: str(kv[1].get("date") or "")):
        for ref in case.get("violations") or []:
            result[ref["regulation"]].append(Citation(case_id, ref.get("article"), ref.get("note")))
    return result


class Cases(Kind):
    name = NAME
    schema = "case.schema.json"
    template = ""  # the case page is written in Python: portal/pages/case_page.py (its most numerous page)
    view = "portal.kinds.views.cases:VIEW"
    names = {"zh": "事故案例", "en": "Accident cases"}
    nav_title = {"zh": "事故案例", "en": "Cases"}
    topic_column = True
    search_label = {"zh": "案例", "en": "Case"}
    file_hints = ("case", "事故", "案例")
    facts = {"tier": _tier, "cited_by": _cited_by}

    def sort_names(self, records):
        return set()  # listed newest first, never by title

    def check(self, checker, case_id, case, loaded):
        if checker.bilingual:
            checker.require(loaded, case, ("summary",), "shipped reference content")
        checker.term(loaded, ("place", "province"), (case.get("place") or {}).get("province"), "provinces")
        checker.term(loaded, ("industry",), case.get("industry"), "industries")
        checker.terms(loaded, ("topics",), case.get("topics"), "topics")
        checker.date_not_future(loaded, ("date",), case.get("date"), "事故日期 / accident date")
        accident_type = case.get("accident_type") or {}
        schemes = checker.dataset.accident_schemes()
        scheme = schemes.get(accident_type.get("scheme"))
        if accident_type.get("scheme") and scheme is None:
            checker.add(loaded, ("accident_type", "scheme"), f"分类方案 {accident_type.get('scheme')!r} 不存在",
                        f"classification scheme {accident_type.get('scheme')!r} is not in data/vocab/accident-types.yml; "
                        f"use one of: {', '.join(schemes)}", "ref.unknown-term")
        elif scheme and accident_type.get("term") not in {t["id"] for t in scheme.get("terms", [])}:
            ids = ", ".join(t["id"] for t in scheme.get("terms", []))
            checker.add(loaded, ("accident_type", "term"), f"{accident_type.get('term')!r} 不是 {scheme['id']} 的事故类别",
                        f"{accident_type.get('term')!r} is not a type in scheme {scheme['id']}; use one of: {ids}",
                        "ref.unknown-term")
        serious, injured = case.get("serious_injuries"), case.get("injuries")
        if isinstance(serious, int) and isinstance(injured, int) and serious > injured:
            checker.add(loaded, ("serious_injuries",), "重伤人数不能多于受伤总人数",
                        f"serious injuries ({serious}) exceed all injuries ({injured}); injuries counts the seriously "
                        "injured too", "figure.inconsistent")
        stated = case.get("tier")
        tiers = checker.dataset.accident_tiers()
        if stated is not None:
            tier_ids = [t.get("id") for t in tiers]
            if stated not in tier_ids:
                checker.add(loaded, ("tier",), f"{stated!r} 不是 data/vocab/accident-tiers.yml 中的等级",
                            f"{stated!r} is not a tier in data/vocab/accident-tiers.yml; use one of: "
                            f"{', '.join(map(str, tier_ids))}", "ref.unknown-term")
            elif all(isinstance(case.get(k, 0), int) and case.get(k, 0) >= 0
                     for k in ("deaths", "serious_injuries", "direct_loss_cny")):
                computed = accident_tier(case, tiers)
                if computed != stated:
                    checker.add(loaded, ("tier",), f"填写的等级 {stated} 与按伤亡和损失计算的等级 {computed} 不一致",
                                f"stated tier {stated} does not match {computed}, computed from deaths "
                                f"{case.get('deaths')}, serious injuries {case.get('serious_injuries', 0)} and direct "
                                f"loss {case.get('direct_loss_cny', 0)} yuan: correct the figures or remove 'tier'",
                                "computed.mismatch")
        for index, ref in enumerate(case.get("violations") or []):
            article_ref(checker, loaded, ("violations", index), ref)
        for index, art_id in enumerate(case.get("related_articles") or []):
            checker.record_ref(loaded, ("related_articles", index), art_id, "articles")
        checker.sources(loaded, case, self.name)

    def summary(self, derived):
        smaller = sum(1 for tier in derived.tier.values() if tier in ("relatively-major", "general"))
        return [f"cases of tier 较大/一般: {smaller}"]

    def search_texts(self, record):
        texts = [record.get("summary"), record.get("responsibility")]
        for key in ("direct_causes", "root_causes", "lessons", "measures"):
            texts += record.get(key) or []
        return texts + [step["text"] for step in record.get("timeline") or []]

    def search_keywords(self, record):
        return [record["id"]]

    def long_texts(self, record):
        yield from (step["text"] for step in record.get("timeline") or [])
        for key in ("direct_causes", "root_causes", "lessons", "measures"):
            yield from record.get(key) or []
        if record.get("responsibility"):
            yield record["responsibility"]

    def references(self, record):
        refs = [(REGULATIONS, v["regulation"]) for v in record.get("violations") or [] if isinstance(v, dict)]
        return refs + [("articles", a) for a in record.get("related_articles") or []]

    def computed(self, case_id, derived):
        return {"tier": derived.tier[case_id]}


    # -- spreadsheet --------------------------------------------------------------------------------------------
    def sheet(self):
        """The workbook of accident cases: one row per accident; timeline, violations and sources sheets."""
        from portal.tables.columns import TOPICS_HELP, article_refs_sheet, id_column, sources_sheet
        from portal.tables.spec import ChildSheet, Column, KindSpec

        return KindSpec(
            kind=self.name, schema=self.schema, zh="事故案例", en="Accident cases",
            key_zh="案例编号", key_en="Case ID", identity=("title.zh", "date"), id_suffix="date", required_objects=("place",),
            required_one_of=(("place", ("place.province", "place.country")),),
            duplicate_fields=("date", "place.province", "place.country", "place.region", "place.city"),
            duplicate_texts=("title", "summary"), source_key="source_key",
            unknown_date=("date", "date_unknown"),
            columns=(
                id_column("案例编号", "Case ID"),
                Column("title", "事故名称", "Title", "text_both", required=True, aliases=("标题", "事故标题"),
                       example=("示例：××公司“5·12”仓库火灾事故", "Example: warehouse fire at XX Co.")),
                Column("date", "事故日期", "Date", "date", required=True, past_only=True,
                       aliases=("发生日期", "发生时间", "事故时间", "日期"), example="2025-05-12",
                       help_zh="事故发生的日期，如 2025-05-12", help_en="Date of the accident, e.g. 2025-05-12"),
                Column("place.province", "省份", "Province", "vocab:provinces",
                       aliases=("省", "所在省份", "省（区、市）"), example="beijing",
                       help_zh="中国大陆的事故填省份；境外事故留空，填“国家”", help_en="Mainland China: the province; "
                       "elsewhere leave it blank and fill in Country"),
                Column("place.country", "国家", "Country", "text", aliases=("国家/地区", "country code"),
                       help_zh="境外事故：国家的两字母代码，如 US、DE", help_en="Outside mainland China: the two-letter "
                       "country code, e.g. US, DE"),
                Column("place.region", "州/地区", "State/region", "text_both", aliases=("州", "State", "地区"),
                       help_zh="境外事故的州或地区，如 Texas", help_en="Outside mainland China: the state or region"),
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
                Column("source_key", "来源编号", "Source key", "text", aliases=("原编号", "台账编号", "来源记录编号"),
                       help_zh="这条事故在来源台账或名单中的编号（如检查编号、台账序号）：编号相同即同一事故，编号不同即不同事故",
                       help_en="The accident's key in the ledger or list it comes from (an inspection number, a "
                       "serial number): the same key is the same accident, different keys are different accidents"),
                Column("date_unknown", "日期不详", "Date unknown", "bool",
                       help_zh="没有任何来源给出事故日期时填“是”，并把事故日期留空（网页显示“日期不详”）；不要猜一个日期",
                       help_en="Yes when no source gives the accident date; leave the date blank (the site shows "
                       "“date unknown”); never a guessed date"),
            ),
            children=(
                ChildSheet("timeline", "经过", "Timeline", "timeline", (
                    Column("time", "时间", "Time", "time", required=True, example="2025-05-12 14:30",
                           help_zh="如 2015-08-12 22:51 或 22:51", help_en="e.g. 2015-08-12 22:51 or 22:51"),
                    Column("time_en", "时间（英文）", "Time (English)", "text",
                           help_zh="时间含中文字词（如“约06:10”“事故发生后”）时填英文写法，英文页面显示它",
                           help_en="the time in English when 时间 holds Chinese words (约06:10 -> about 06:10)"),
                    Column("text", "经过", "What happened", "text_zh", required=True,
                           example=("示例：仓库内起火。", "Example: fire breaks out in the warehouse.")),
                ), help_zh="每行一个时间节点，按时间先后排列。", help_en="One step per row, in time order."),
                article_refs_sheet("violations", "违反条款", "Violations", "violations"),
                sources_sheet(),
            ),
            help_zh="一行一起事故。", help_en="One accident per row.",
        )


KIND = Cases()
