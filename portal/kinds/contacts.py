# Record kind: emergency contact directories (应急通讯录), model — names, checks (phone numbers), sheet.
"""Emergency contact directories (data/contacts/): an organisation's numbers, verified on a stated date.

A directory not verified for more than Settings.stale_days is shown as stale; sample directories are refused by a
production build. The page, list, wallet card and search documents are in views/contacts.py."""
from __future__ import annotations

import re

from portal.kinds.base import Kind, not_verified_within
from portal.settings import LANGS
from portal.text import pick

NAME = "contacts"


class Contacts(Kind):
    name = NAME
    schema = "contact-directory.schema.json"
    template = "contacts.html"
    view = "portal.kinds.views.contacts:VIEW"
    names = {"zh": "应急通讯录", "en": "Emergency contacts"}
    nav_title = {"zh": "应急通讯录", "en": "Contacts"}
    search_label = {"zh": "通讯录", "en": "Directory"}
    file_hints = ("contact", "通讯录", "电话", "联络")

    def check(self, checker, dir_id, directory, loaded):
        if checker.production and directory.get("sample") is True:
            checker.add(loaded, ("sample",), "生产构建不允许示例数据：请换成真实核实的通讯录或删除此文件",
                        "sample data is refused by a production build: replace it with a verified directory or remove "
                        "the file", "production.sample")
        verified = (directory.get("last_verified") or {}).get("date")
        checker.date_not_future(loaded, ("last_verified", "date"), verified, "核实日期 / verification date")
        from portal.check.checker import landline_without_trunk_zero   # the check layer loads the kinds

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
                restored = landline_without_trunk_zero(number) if isinstance(number, str) else ""
                if restored:
                    checker.add(loaded, path + ("number",), f"固定电话 {number} 缺少开头的 0（表格软件常把它当数字删掉）：应为 {restored}？",
                                f"the landline {number} lacks its leading 0 (spreadsheets drop it from numbers): is it "
                                f"{restored}? Write the number with its area code as dialled", "phone.trunk-zero")
                elif isinstance(number, str) and not checker.phone_is_valid(number, service):
                    checker.add(loaded, path + ("number",), f"电话号码 {number} 无效",
                                f"{number} is not a valid number: use a national service number listed in "
                                "data/vocab/service-numbers.yml, an 11-digit mobile (13812345678) or a landline with "
                                "area code (0891-5821234)", "phone.invalid")
        checker.sources(loaded, directory, self.name)

    def dialable(self, directory: dict, phone: dict, service_numbers: dict) -> bool:
        """Whether a number may be a tel: link: never a fax, and in a sample directory only a real national service
        number (the others are fictitious: the page says 虚构号码，请勿拨打)."""
        if phone.get("type") == "fax":
            return False
        return not directory.get("sample") or phone.get("number") in service_numbers

    def build_warnings(self, derived, stale_days):
        stale = [i for i, record in sorted(derived.dataset.records[NAME].items())
                 if not_verified_within(record, derived.today, stale_days)]
        return [f"{len(stale)} contact directory(ies) not verified for more than {stale_days} days: "
                + ", ".join(stale)] if stale else []

    def search_texts(self, record):
        texts = [record.get("organisation"), record.get("region"), record.get("summary")]
        for entry in record["entries"]:
            numbers = " ".join(p["number"] for p in entry["phones"])
            texts.append({lang: pick(entry["name"], lang)[0] + " " + numbers for lang in LANGS})
            texts.append(entry.get("notes"))  # what each number is for (三台合一, 停电报修 ...): found by search too
        return texts

    def search_keywords(self, record):
        return [re.sub(r"[\s-]", "", p["number"]) for entry in record["entries"] for p in entry["phones"]]

    def dates(self, record):
        return [(record.get("last_verified") or {}).get("date")] + super().dates(record)

    # -- spreadsheet --------------------------------------------------------------------------------------------
    def sheet(self):
        """The workbook of directories: one row per directory; its numbers in the sheet 号码."""
        from portal.tables.columns import id_column, sources_sheet
        from portal.tables.spec import ChildSheet, Column, KindSpec

        return KindSpec(
            kind=self.name, schema=self.schema, zh="通讯录", en="Directories",
            key_zh="通讯录编号", key_en="Directory ID", required_objects=("last_verified",),
            columns=(
                id_column("通讯录编号", "Directory ID"),
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
                    Column("number", "号码", "Number", "phone", required=True, aliases=("电话", "联系电话", "电话号码"),
                           example="0000-0000000", help_zh="如 119、0891-5821234、13800000000",
                           help_en="e.g. 119, 0891-5821234, 13800000000"),
                    Column("type", "号码类型", "Number type", "vocab:phone-types", required=True, aliases=("类型",),
                           example="duty"),
                ), group_by="name.zh", nested_after=2, required=True,
                    help_zh="每行一个号码。同一联系人有多个号码时，写多行并重复名称（或名称留空表示同上）。",
                    help_en="One phone number per row. For several numbers of one contact, repeat its name on each row "
                            "(or leave the name blank: same as above)."),
                sources_sheet(required=False),
            ),
            help_zh="一行一本号码簿；号码写在“号码”表。", help_en="One directory per row; its numbers go in the sheet 号码.",
        )


KIND = Contacts()
