# Record kind: emergency resources (view) — page, list, facets, the printable list for the duty room, search documents.
"""The pages of emergency resources: the resource page (tel: links), list columns (stale rows marked), facets by
type and province, one printable A4 list of every resource, and search documents."""
from __future__ import annotations

from portal.kinds.base import Column, Facet, KindView
from portal.kinds.resources import NAME
from portal.words import ui
from portal.pages.render import Rendered, label, record_src, render_template, stale, tel_href, vocab_values


PRINT_LIST = f"{NAME}/print.md"  # one A4 list of every resource for the duty room wall


class ResourcesView(KindView):
    facets = (
        Facet(NAME, "type", vocab_values("type", "resource-types"), label_key="by-resource-type"),
        Facet(NAME, "province", lambda i, r, c: [(r["location"]["province"], label(c, "provinces", r["location"]["province"]))]),
    )

    def render(self, res_id, ctx):
        resource = ctx.dataset.records[self.name][res_id]
        html = render_template(self.kind.template, ctx, resource=resource, res_id=res_id, stale=stale(ctx, resource),
                               tel=tel_href)
        return Rendered(html, [])

    def columns(self, ctx):
        lang = ctx.lang
        return [Column("title", ui("title", lang)), Column("type", ui("category", lang), True),
                Column("province", ui("province", lang), True), Column("phone", ui("phones", lang)),
                Column("last_verified", ui("last_verified", lang))]

    def row(self, res_id, resource, ctx):
        title = self.title(resource, ctx.lang) + (f" [{ui('sample', ctx.lang)}]" if resource.get("sample") else "")
        verified = str(resource["last_verified"]["date"])
        phone = resource["contact"]["phone"]
        return {"title": (title, title), "type": (label(ctx, "resource-types", resource.get("type")),) * 2,
                "province": (label(ctx, "provinces", resource["location"]["province"]),) * 2,
                "phone": (phone, phone), "last_verified": (verified, verified)}

    def printables(self, ctx):
        """One A4 list of every resource (type, name, place, phone, capacity, verified) for the duty room wall."""
        from portal.pages.printables import PrintablePage, print_text

        if not ctx.dataset.records[self.name]:
            return []
        return [PrintablePage(PRINT_LIST, f"{print_text('resource_list', ctx.lang)}", self.render_print_list)]

    def list_print_link(self, ctx):
        return (PRINT_LIST, ui("print_resources", ctx.lang))

    def render_print_list(self, ctx):
        records = ctx.dataset.records[self.name]
        ids = self.sort_ids(records, ctx)
        rows = [(i, records[i], label(ctx, "resource-types", records[i].get("type")),
                 label(ctx, "provinces", records[i]["location"]["province"]), stale(ctx, records[i])) for i in ids]
        html = render_template("resources_print.html", ctx, rows=rows, back_href=ctx.link(f"{NAME}/index.md"))
        return Rendered(html, [])

    def sort_ids(self, ids, ctx):
        data = ctx.dataset.records[self.name]
        return sorted(ids, key=lambda i: (str(data[i].get("type")), self.title_order(data[i], ctx), i))

    def row_flags(self, res_id, resource, ctx) -> dict:
        return {"stale": stale(ctx, resource)}

    def search_docs(self, res_id, ctx):
        from portal.pages.searchdocs import texts_in
        resource = ctx.dataset.records[self.name][res_id]
        fields = texts_in(ctx, self.kind.search_texts(resource))
        fields.append(label(ctx, "resource-types", resource.get("type")))
        return [dict(url=ctx.url(record_src(self.name, res_id)), title=self.title(resource, ctx.lang), kind=self.name,
                     text=" ".join(f for f in fields if f), keywords=tuple(self.kind.search_keywords(resource)),
                     boost=1.0, badge=ui("sample", ctx.lang) if resource.get("sample") else "")]


VIEW = ResourcesView()
