# Record kind: emergency resources (应急资源数据库), model — rescue teams, stores, shelters, experts; checks, sheet.
"""Emergency resources (data/resources/): what a county bureau or enterprise can call on, with location, contact,
capacity and the date it was last verified (stale after Settings.stale_days). Sample records are refused in
production. The page, list, facets and the printable list are in views/resources.py."""
from __future__ import annotations

import re

from portal.kinds.base import Kind

NAME = "resources"


class Resources(Kind):
    name = NAME
    schema = "resource.schema.json"
    template = "resource.html"
    view = "portal.kinds.views.resources:VIEW"
    names = {"zh": "应急资源", "en": "Emergency resources"}
    nav_title = {"zh": "应急资源", "en": "Resources"}
    search_label = {"zh": "资源", "en": "Resource"}
    file_hints = ("resource", "资源", "队伍", "物资")

    def check(self, checker, res_id, resource, loaded):
        if checker.production and resource.get("sample") is True:
            checker.add(loaded, ("sample",), "生产构建不允许示例数据", "sample data is refused by a production build: "
                        "replace it with a verified record or remove the file", "production.sample")
        checker.term(loaded, ("type",), resource.get("type"), "resource-types")
        checker.term(loaded, ("location", "province"), (resource.get("location") or {}).get("province"), "provinces")
        checker.terms(loaded, ("industries",), resource.get("industries"), "industries")
        checker.date_not_future(loaded, ("last_verified", "date"), (resource.get("last_verified") or {}).get("date"),
                                "核实日期 / verification date")
        number = (resource.get("contact") or {}).get("phone")
        if isinstance(number, str) and not checker.phone_is_valid(number, checker.dataset.service_numbers()):
            checker.add(loaded, ("contact", "phone"), f"电话号码 {number} 无效",
                        f"{number} is not a valid number: an 11-digit mobile or a landline with area code "
                        "(0891-5821234)", "phone.invalid")
        checker.sources(loaded, resource, self.name)

    def search_texts(self, record):
        return [record.get("organisation"), record.get("capacity"),
                (record.get("location") or {}).get("address")] + list(record.get("items") or [])

    def search_keywords(self, record):
        return [re.sub(r"[\s-]", "", record["contact"]["phone"])]

    def dates(self, record):
        return [(record.get("last_verified") or {}).get("date")] + super().dates(record)

    # -- spreadsheet --------------------------------------------------------------------------------------------
    def sheet(self):
        """The workbook of emergency resources: one row per resource; sources."""
        from portal.tables.columns import TOPICS_HELP, id_column, sources_sheet
        from portal.tables.spec import Column, KindSpec

        return KindSpec(
            kind=self.name, schema=self.schema, zh="应急资源", en="Emergency resources",
            key_zh="资源编号", key_en="Resource ID", required_objects=("location", "contact", "last_verified"),
            columns=(
                id_column("资源编号", "Resource ID"),
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
            children=(sources_sheet(),),
            help_zh="一行一项应急资源（救援队伍、装备库、物资库、避难场所、专家等）。",
            help_en="One emergency resource per row (rescue team, equipment or material store, shelter, expert ...).",
        )


KIND = Resources()
