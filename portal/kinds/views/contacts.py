# Record kind: emergency contact directories (view) — page, list, wallet card (应急联络卡), search documents.
"""The pages of contact directories: the directory page (tel: links), list columns (stale rows marked), the
printable wallet card and search documents (numbers as typed and without separators)."""
from __future__ import annotations

from portal.kinds.base import Column, KindView
from portal.text import pick
from portal.words import ui
from portal.pages.render import Rendered, record_src, render_template, stale, tel_href


class ContactsView(KindView):
    def render(self, dir_id, ctx):
        directory = ctx.dataset.records[self.name][dir_id]
        service_numbers = ctx.dataset.service_numbers()

        def tel(phone: dict) -> str:
            """The tel: link of a number that may be dialled, "" for a fax or a fictitious sample number."""
            return tel_href(phone["number"]) if self.kind.dialable(directory, phone, service_numbers) else ""

        from portal.pages.printables import card_layout
        # the card's front: the key numbers, one per most important category, at the top of the page
        key_numbers = card_layout(directory, ctx)["front"]
        html = render_template(self.kind.template, ctx, directory=directory, dir_id=dir_id, stale=stale(ctx, directory),
                               tel=tel, key_numbers=key_numbers)
        return Rendered(html, [])

    def columns(self, ctx):
        lang = ctx.lang
        return [Column("title", ui("title", lang)), Column("organisation", ui("organisation", lang)),
                Column("region", ui("region", lang), True), Column("entries", ui("entries", lang), numeric=True),
                Column("last_verified", ui("last_verified", lang))]

    def row(self, dir_id, directory, ctx):
        lang = ctx.lang
        title = self.title(directory, lang) + (f" [{ui('sample', lang)}]" if directory.get("sample") else "")
        verified = str(directory["last_verified"]["date"])
        return {"title": (title, title),
                "organisation": (pick(directory.get("organisation"), lang)[0],) * 2,
                "region": (pick(directory.get("region"), lang)[0],) * 2,
                "entries": (str(len(directory["entries"])), f"{len(directory['entries']):05d}"),
                "last_verified": (verified, verified)}

    def row_flags(self, dir_id, directory, ctx) -> dict:
        return {"stale": stale(ctx, directory)}

    def printables(self, ctx):
        from portal.pages.printables import contact_cards
        return contact_cards(ctx)

    def search_docs(self, dir_id, ctx):
        from portal.pages.searchdocs import texts_in
        directory = ctx.dataset.records[self.name][dir_id]
        fields = texts_in(ctx, self.kind.search_texts(directory))
        return [dict(url=ctx.url(record_src(self.name, dir_id)), title=self.title(directory, ctx.lang), kind=self.name,
                     text=" ".join(f for f in fields if f), keywords=tuple(self.kind.search_keywords(directory)),
                     boost=SAMPLE_BOOST if directory.get("sample") else 1.0,
                     badge=ui("sample", ctx.lang) if directory.get("sample") else "")]


SAMPLE_BOOST = 0.8  # a fictitious sample directory ranks below a real one with the same words (火警电话)

VIEW = ContactsView()
