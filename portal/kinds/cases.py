# Record kind: accident cases — checks, case page, list, facets (year, type, tier, industry, province), search, poster.
"""Accident cases (data/cases/): one accident each, with figures from its investigation report.

The tier is computed from deaths, serious injuries and direct loss (data/vocab/accident-tiers.yml); a violated
article links to the version of the regulation that was in force on the accident date."""
from __future__ import annotations

from portal.derive.facts import accident_tier, parse_date, version_on
from portal.kinds.base import Column, Facet, Kind
from portal.pages.i18n import pick, ui
from portal.pages.render import (Rendered, accident_type_label, article_label, article_link, format_money, label,
                                 record_src, render_template, tier_label, toc_token, vocab_values)

SECTIONS = [("timeline", "timeline"), ("direct_causes", "direct-causes"), ("root_causes", "root-causes"),
            ("responsibility", "responsibility"), ("lessons", "lessons"), ("measures", "measures"),
            ("violations", "violations")]


def _year(record: dict) -> str:
    return str(record.get("date"))[:4]


class Cases(Kind):
    name = "cases"
    schema = "case.schema.json"
    template = "case.html"
    search_label = {"zh": "案例", "en": "Case"}
    facets = (
        Facet("cases", "year", lambda i, r, c: [(_year(r), _year(r))], order="desc"),
        Facet("cases", "type", lambda i, r, c: [(r["accident_type"]["term"], accident_type_label(c, r))]
              if r.get("accident_type") else []),
        Facet("cases", "tier", lambda i, r, c: [(c.derived.tier[i], tier_label(c, c.derived.tier[i]))]
              if c.derived.tier[i] else [], order="vocab"),
        Facet("cases", "industry", vocab_values("industry", "industries")),
        Facet("cases", "province", lambda i, r, c: [(r["place"]["province"], label(c, "provinces", r["place"]["province"]))]
              if (r.get("place") or {}).get("province") else []),
    )

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
            checker.article_ref(loaded, ("violations", index), ref)
        for index, art_id in enumerate(case.get("related_articles") or []):
            checker.record_ref(loaded, ("related_articles", index), art_id, "articles")
        checker.sources(loaded, case, self.name)

    def cited_version(self, ctx, case: dict, reg_id: str):
        """The version of a regulation in force on the accident date (None if unknown or the only one)."""
        day = parse_date(case.get("date"))
        versions = ctx.derived.versions.get(reg_id) or []
        if not day or len(versions) < 2:
            return None
        return version_on(versions, day)

    def render(self, case_id, ctx):
        case = ctx.dataset.cases[case_id]
        sections = [("summary", ui("summary", ctx.lang))] if case.get("summary") else []
        sections += [(anchor, ui(key, ctx.lang)) for key, anchor in SECTIONS if case.get(key)]
        related = ctx.derived.articles_citing.get(("cases", case_id), [])
        if related:
            sections.append(("related-articles", ui("related_articles", ctx.lang)))
        sections.append(("sources", ui("sources", ctx.lang)))
        html = render_template(
            "case.html", ctx, case=case, case_id=case_id, tier=tier_label(ctx, ctx.derived.tier[case_id]),
            accident_type=accident_type_label(ctx, case), loss=format_money(case.get("direct_loss_cny"), ctx.lang),
            related=related, article_label=lambda reg_id, n: article_label(ctx, reg_id, n),
            article_link=lambda reg_id, n: article_link(ctx, reg_id, n),
            cited_version=lambda reg_id: self.cited_version(ctx, case, reg_id),
        )
        return Rendered(html, [toc_token(2, sid, name) for sid, name in sections])

    def columns(self, ctx):
        lang = ctx.lang
        return [Column("date", ui("date", lang)), Column("title", ui("title", lang)),
                Column("province", ui("province", lang), True), Column("industry", ui("industry", lang), True),
                Column("type", ui("accident_type", lang), True), Column("deaths", ui("deaths", lang), numeric=True),
                Column("tier", ui("tier", lang), True)]

    def row(self, case_id, case, ctx):
        tier = ctx.derived.tier[case_id]
        tier_rank = ctx.memo.setdefault("tier-rank", {t["id"]: i for i, t in enumerate(ctx.dataset.accident_tiers())})
        province = label(ctx, "provinces", (case.get("place") or {}).get("province"))
        title = self.title(case, ctx.lang)
        return {"date": (str(case["date"]), str(case["date"])),
                "title": (title, title),
                "province": (province, province),
                "industry": (label(ctx, "industries", case.get("industry")),) * 2,
                "type": (accident_type_label(ctx, case) or ui("not_stated", ctx.lang),) * 2,
                "deaths": (str(case.get("deaths", "")), f"{case.get('deaths', 0):06d}"),
                "tier": (tier_label(ctx, tier), str(tier_rank.get(tier, 9)))}

    def sort_ids(self, ids, ctx):
        data = ctx.dataset.cases
        return sorted(ids, key=lambda i: (str(data[i]["date"]), i), reverse=True)

    def printables(self, ctx):
        from portal.pages.printables import case_posters
        return case_posters(ctx)

    def search_docs(self, case_id, ctx):
        from portal.pages.searchdocs import texts_in
        case = ctx.dataset.cases[case_id]
        place = case.get("place") or {}
        fields = [str(case["date"]), pick(place.get("city"), ctx.lang)[0] if place.get("city") else "",
                  label(ctx, "provinces", place.get("province")), accident_type_label(ctx, case),
                  tier_label(ctx, ctx.derived.tier[case_id]), format_money(case.get("direct_loss_cny"), ctx.lang)]
        fields += texts_in(ctx, [case.get("summary"), case.get("responsibility")])
        for key in ("direct_causes", "root_causes", "lessons", "measures"):
            fields += texts_in(ctx, case.get(key) or [])
        fields += texts_in(ctx, [step["text"] for step in case.get("timeline") or []])
        for ref in case.get("violations") or []:
            regulation = ctx.dataset.regulations.get(ref["regulation"])
            if regulation:
                fields.append(pick(regulation["title"], ctx.lang)[0] + " " + article_label(ctx, ref["regulation"], ref.get("article")))
        return [dict(url=ctx.url(record_src(self.name, case_id)), title=self.title(case, ctx.lang), kind=self.name,
                     text=" ".join(f for f in fields if f), keywords=(case_id,), boost=1.0, badge="")]

    def long_texts(self, record):
        yield from (step["text"] for step in record.get("timeline") or [])
        for key in ("direct_causes", "root_causes", "lessons", "measures"):
            yield from record.get(key) or []
        if record.get("responsibility"):
            yield record["responsibility"]

    def references(self, record):
        refs = [("regulations", v["regulation"]) for v in record.get("violations") or [] if isinstance(v, dict)]
        return refs + [("articles", a) for a in record.get("related_articles") or []]

    def computed(self, case_id, derived):
        return {"tier": derived.tier[case_id]}


KIND = Cases()
