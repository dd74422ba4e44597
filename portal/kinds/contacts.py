# Record kind: emergency contact directories (应急通讯录) — checks (phone numbers), page, list, wallet card, search.
"""Emergency contact directories (data/contacts/): an organisation's numbers, verified on a stated date.

A directory not verified for more than Settings.stale_days is shown as stale; sample directories are refused by a
production build."""
from __future__ import annotations

import re

from portal.check.checker import phone_is_valid
from portal.kinds.base import Column, Kind
from portal.pages.i18n import pick, ui
from portal.pages.render import Rendered, record_src, render_template, stale


class Contacts(Kind):
    name = "contacts"
    schema = "contact-directory.schema.json"
    template = "contacts.html"
    search_label = {"zh": "通讯录", "en": "Directory"}

    def check(self, checker, dir_id, directory, loaded):
        if checker.production and directory.get("sample") is True:
            checker.add(loaded, ("sample",), "生产构建不允许示例数据：请换成真实核实的通讯录或删除此文件",
                        "sample data is refused by a production build: replace it with a verified directory or remove "
                        "the file", "production.sample")
        verified = (directory.get("last_verified") or {}).get("date")
        checker.date_not_future(loaded, ("last_verified", "date"), verified, "核实日期 / verification date")
        service = checker.dataset.service_numbers()
        for e_index, entry in enumerate(directory.get("entries") or []):
            if not isinstance(entry, dict):
                continue
            checker.term(loaded, ("entries", e_index, "category"), entry.get("category"), "contact-categories")
            for p_index, phone in enumerate(entry.get("phones") or []):
                if not isinstance(phone, dict):
                    continue
                path = ("entries", e_index, "phones", p_index)
                checker.term(loaded, path + ("type",), phone.get("type"), "phone-types")
                number = phone.get("number")
                if isinstance(number, str) and not phone_is_valid(number, service):
                    checker.add(loaded, path + ("number",), f"电话号码 {number} 无效",
                                f"{number} is not a valid number: use a national service number listed in "
                                "data/vocab/service-numbers.yml, an 11-digit mobile (13812345678) or a landline with "
                                "area code (0891-5821234)", "phone.invalid")
        checker.sources(loaded, directory, self.name)

    def render(self, dir_id, ctx):
        directory = ctx.dataset.contacts[dir_id]
        html = render_template("contacts.html", ctx, directory=directory, dir_id=dir_id, stale=stale(ctx, directory),
                               tel=lambda number: "tel:" + re.sub(r"[^0-9+]", "", number))
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
        directory = ctx.dataset.contacts[dir_id]
        fields = texts_in(ctx, [directory.get("organisation"), directory.get("region"), directory.get("summary")])
        numbers = []
        for entry in directory["entries"]:
            fields.append(pick(entry["name"], ctx.lang)[0] + " " + " ".join(p["number"] for p in entry["phones"]))
            numbers += [re.sub(r"[\s-]", "", p["number"]) for p in entry["phones"]]
        return [dict(url=ctx.url(record_src(self.name, dir_id)), title=self.title(directory, ctx.lang), kind=self.name,
                     text=" ".join(f for f in fields if f), keywords=tuple(numbers), boost=1.0,
                     badge=ui("sample", ctx.lang) if directory.get("sample") else "")]

    def dates(self, record):
        return [(record.get("last_verified") or {}).get("date")] + super().dates(record)

    def computed(self, dir_id, derived):
        return {}


KIND = Contacts()
