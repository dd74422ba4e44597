# Record kind: accident cases (view) — case page (printed: its poster), list, facets (year, type, tier, industry, province), search.
"""The pages of accident cases: the case page (a violated article links the version in force on the accident date;
printed, the one-page A4 poster 事故墙, made in the browser by assets/portal-poster.js), list columns and facets,
search documents."""
from __future__ import annotations

from portal.kinds.base import Column, Facet, KindView
from portal.kinds.cases import NAME
from portal.kinds.regulations import article_anchor, article_in_version, texts_by_version, version_in_force, version_on
from portal.pages.case_page import render_case_page
from portal.pages.render import (Rendered, accident_scheme, accident_type_label, article_label, article_link,
                                 format_money, label, record_src, tier_label, toc_token, vocab_values)
from portal.text import parse_date, pick
from portal.words import ui

SECTIONS = [("timeline", "timeline"), ("direct_causes", "direct-causes"), ("root_causes", "root-causes"),
            ("responsibility", "responsibility"), ("lessons", "lessons"), ("measures", "measures"),
            ("violations", "violations")]


def _year(record: dict) -> str:
    """The accident's year; "" for a case whose date no source gives (date_unknown: it is under no year)."""
    return str(record.get("date") or "")[:4]


def poster_target(ctx, case_id: str):
    """What the QR code of the case's poster encodes (assets/portal-poster.js): the page's web address when the build
    knows the site's address, else its path from the site root (the web form, cases/<id>/, in every variant)."""
    from portal.pages.printables import qr_target
    return qr_target(ctx.settings.site_url, ctx.lang, f"{NAME}/{case_id}/")


def no_report(case: dict) -> bool:
    """No causes, no lessons and no published investigation report: the poster says so instead of empty headings."""
    published = any(source.get("kind") == "investigation-report" for source in case.get("sources") or [])
    return not case.get("direct_causes") and not case.get("lessons") and not published


class CasesView(KindView):
    date_fields = ("date",)
    facets = (
        Facet(NAME, "year", lambda i, r, c: [(_year(r), _year(r))] if _year(r) else [], order="desc"),
        Facet(NAME, "type", lambda i, r, c: [(r["accident_type"]["term"], accident_type_label(c, r))]
              if r.get("accident_type") else []),
        Facet(NAME, "tier", lambda i, r, c: [(c.derived.tier[i], tier_label(c, c.derived.tier[i]))]
              if c.derived.tier[i] else [], order="vocab", order_of=lambda d: [t["id"] for t in d.accident_tiers()]),
        Facet(NAME, "industry", vocab_values("industry", "industries")),
        Facet(NAME, "province", lambda i, r, c: [(r["place"]["province"], label(c, "provinces", r["place"]["province"]))]
              if (r.get("place") or {}).get("province") else []),
    )

    def cited_version(self, ctx, case: dict, reg_id: str):
        """The version of a regulation in force on the accident date (None if unknown or the only one)."""
        day = parse_date(case.get("date"))
        versions = ctx.derived.versions.get(reg_id) or []
        if not day or len(versions) < 2:
            return None
        return version_on(versions, day)

    def cited(self, ctx, case: dict, violation: dict) -> dict:
        """How a violated article is shown: the link and article number in force on the accident date, and a note.

        A case's article number is that of the regulation's reference text (the text in force, else the latest text:
        the one its page shows). When another version was in force on the accident date, the article is followed
        to that version through the 新旧对照 alignments (linked there, with its number then); when that cannot be
        done (no text of that version, or of one between) the link stays on the reference text and the note says the
        numbers may differ, never that they agree."""
        from portal.kinds.views.regulations import version_src, version_year

        reg_id, number = violation["regulation"], violation.get("article")
        number = str(number) if number is not None else None
        shown = {"href": article_link(ctx, reg_id, number), "article": article_label(ctx, reg_id, number),
                 "note": "", "note_href": "", "note_link": ""}
        version = self.cited_version(ctx, case, reg_id)
        if version is None:
            return shown
        texts = texts_by_version(ctx.dataset.regulations[reg_id])
        current = version_in_force(ctx.derived, reg_id)
        reference = current.key if current and current.key in texts else (sorted(texts)[-1] if texts else None)
        reference = reference or (current.key if current else None)
        if version.key == reference or not number:
            shown["note"] = ui("cites_version", ctx.lang, date=version.effective or ui("effective_unknown", ctx.lang))
            if version.has_text:
                shown["note_href"] = ctx.link(version_src(reg_id, version.key)
                                              + (f"#{article_anchor(number)}" if number else ""))
            return shown
        year = version_year(version)
        current_label = ui("cite.current_article", ctx.lang, article=article_label(ctx, reg_id, number))
        kind, then = article_in_version(ctx.derived, reg_id, number, reference, version.key) if reference else ("unknown", None)
        if then is not None:
            shown.update(href=ctx.link(version_src(reg_id, version.key) + f"#{article_anchor(then)}"),
                         article=article_label(ctx, reg_id, then),
                         note=ui("cite.mapped", ctx.lang, year=year, article=article_label(ctx, reg_id, then),
                                 current=article_label(ctx, reg_id, number)))
        elif kind == "added":
            shown.update(article=current_label, note=ui("cite.added_later", ctx.lang, year=year))
        else:
            shown.update(article=current_label, note=ui("cite.numbers_may_differ", ctx.lang, year=year))
            if version.has_text:
                shown.update(note=ui("cite.numbers_may_differ_text", ctx.lang, year=year),
                             note_href=ctx.link(version_src(reg_id, version.key)),
                             note_link=ui("cite.version_text", ctx.lang, year=year))
        return shown

    def render(self, case_id, ctx):
        case = ctx.dataset.cases[case_id]
        sections = [("summary", ui("summary", ctx.lang))] if case.get("summary") else []
        sections += [(anchor, ui(key, ctx.lang)) for key, anchor in SECTIONS if case.get(key)]
        related = ctx.derived.articles_citing.get((self.name, case_id), [])
        if related:
            sections.append(("related-articles", ui("related_articles", ctx.lang)))
        sections.append(("sources", ui("sources", ctx.lang)))
        html = render_case_page(
            ctx, case_id, case, tier=tier_label(ctx, ctx.derived.tier[case_id]),
            accident_type=accident_type_label(ctx, case), scheme=accident_scheme(ctx, case),
            loss=format_money(case.get("direct_loss_cny"), ctx.lang), related=related,
            cited=lambda violation: self.cited(ctx, case, violation),
            poster=poster_target(ctx, case_id), no_report=no_report(case),
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
        province = place_label(ctx, case.get("place") or {})
        title = self.title(case, ctx.lang)
        date = (str(case["date"]),) * 2 if case.get("date") else (ui("date_unknown", ctx.lang), "")
        return {"date": date,
                "title": (title, title),
                "province": (province, province),
                "industry": (label(ctx, "industries", case.get("industry")),) * 2,
                "type": (accident_type_label(ctx, case) or ui("not_stated", ctx.lang),) * 2,
                "deaths": (str(case.get("deaths", "")), f"{case.get('deaths', 0):06d}"),
                "tier": (tier_label(ctx, tier), str(tier_rank.get(tier, 9)))}

    def sort_ids(self, ids, ctx):
        data = ctx.dataset.cases
        return sorted(ids, key=lambda i: (str(data[i].get("date") or ""), i), reverse=True)

    def search_docs(self, case_id, ctx):
        from portal.pages.searchdocs import texts_in
        case = ctx.dataset.cases[case_id]
        place = case.get("place") or {}
        fields = [str(case.get("date") or ui("date_unknown", ctx.lang)), pick(place.get("city"), ctx.lang)[0] if place.get("city") else "",
                  place_label(ctx, place), accident_type_label(ctx, case),
                  tier_label(ctx, ctx.derived.tier[case_id]), format_money(case.get("direct_loss_cny"), ctx.lang)]
        fields += texts_in(ctx, self.kind.search_texts(case))
        for ref in case.get("violations") or []:
            regulation = ctx.dataset.regulations.get(ref["regulation"])
            if regulation:
                fields.append(pick(regulation["title"], ctx.lang)[0] + " " + article_label(ctx, ref["regulation"], ref.get("article")))
        return [dict(url=ctx.url(record_src(self.name, case_id)), title=self.title(case, ctx.lang), kind=self.name,
                     text=" ".join(f for f in fields if f), keywords=tuple(self.kind.search_keywords(case)), boost=1.0,
                     badge="")]



VIEW = CasesView()


def place_label(ctx, place: dict) -> str:
    """The province's label; for a record outside mainland China its region and country code (Texas, US)."""
    if place.get("province") or not place.get("country"):
        return label(ctx, "provinces", place.get("province"))
    region = pick(place.get("region"), ctx.lang)[0] if place.get("region") else ""
    return f"{region}, {place['country']}" if region else place["country"]
