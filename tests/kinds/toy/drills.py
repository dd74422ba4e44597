# A toy seventh record kind for tests/kinds/test_toy_kind.py: emergency drills (应急演练), model and view in one module.
"""Emergency drills (<layer>/drills/<id>.yml): the whole kind in this module, its schema (drill.schema.json) and
its page template (drill.html) beside it. It is registered the documented way, by naming this file in
PORTAL_KIND_MODULES (Settings.kind_modules); nothing else in the portal knows it."""
from __future__ import annotations

from pathlib import Path

from portal.kinds import Column, Facet, Kind, KindView

HERE = Path(__file__).resolve().parent
NAME = "drills"


def _year(record: dict) -> str:
    return str(record.get("date"))[:4]


class Drills(Kind):
    name = NAME
    schema = "drill.schema.json"
    schema_dir = HERE
    template = "drill.html"
    template_dir = HERE
    names = {"zh": "应急演练", "en": "Emergency drills"}
    nav_title = {"zh": "应急演练", "en": "Drills"}
    search_label = {"zh": "演练", "en": "Drill"}
    file_hints = ("drill", "演练")

    def check(self, checker, drill_id, drill, loaded):
        checker.date_not_future(loaded, ("date",), drill.get("date"), "演练日期 / drill date")
        checker.terms(loaded, ("topics",), drill.get("topics"), "topics")
        participants, observers = drill.get("participants"), drill.get("observers")
        if isinstance(participants, int) and isinstance(observers, int) and observers > participants:
            checker.add(loaded, ("observers",), "观摩人数不能多于参演人数",
                        f"observers ({observers}) exceed participants ({participants}): observers are counted among "
                        "the participants", "figure.inconsistent")
        checker.sources(loaded, drill, self.name)

    def dates(self, record):
        return [record.get("date")] + super().dates(record)

    def sheet(self):
        """One row per drill; its sources in the sheet 来源."""
        from portal.tables.columns import id_column, sources_sheet
        from portal.tables.spec import Column as SheetColumn, KindSpec

        return KindSpec(
            kind=self.name, schema=self.schema, zh="应急演练", en="Drills", key_zh="演练编号", key_en="Drill ID",
            identity=("title.zh", "date"), id_suffix="date",
            columns=(
                id_column("演练编号", "Drill ID"),
                SheetColumn("title", "演练名称", "Title", "text_both", required=True, example=("示例：消防演练", "Example: fire drill")),
                SheetColumn("date", "演练日期", "Date", "date", required=True, past_only=True, example="2025-05-12"),
                SheetColumn("participants", "参演人数", "Participants", "integer", example=20),
                SheetColumn("observers", "观摩人数", "Observers", "integer"),
                SheetColumn("topics", "主题", "Topics", "vocab-list:topics"),
                SheetColumn("summary", "概况", "Summary", "text_both"),
            ),
            children=(sources_sheet(required=False),),
            help_zh="一行一次演练。", help_en="One drill per row.",
        )


class DrillsView(KindView):
    facets = (Facet(NAME, "year", lambda i, r, c: [(_year(r), _year(r))], order="desc"),)

    def columns(self, ctx):
        from portal.words import ui

        return [Column("date", ui("date", ctx.lang)), Column("title", ui("title", ctx.lang)),
                Column("participants", ui("count", ctx.lang), numeric=True)]

    def row(self, drill_id, drill, ctx):
        title = self.title(drill, ctx.lang)
        count = drill.get("participants", 0)
        return {"date": (str(drill["date"]),) * 2, "title": (title, title),
                "participants": (str(count), f"{count:06d}")}

    def sort_ids(self, ids, ctx):
        records = ctx.dataset.records[NAME]
        return sorted(ids, key=lambda i: (str(records[i]["date"]), i), reverse=True)


KIND = Drills()
VIEW = DrillsView()
