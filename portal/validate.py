# The one validator: schema checks plus semantic checks (IDs, references, dates, tiers, phones), all problems at once.
from __future__ import annotations

import datetime as dt
import json
import re
from functools import lru_cache
from pathlib import Path

import jsonschema
import jsonschema_rs
import phonenumbers
from referencing import Registry, Resource

from portal.dataset import KIND_BY_FOLDER, SCHEMA_DIR, VOCABULARIES, Dataset, read_dataset
from portal.model import Derived, accident_tier, parse_date
from portal.problems import Problem
from portal.yamlsafe import LoadedFile, _dotted

RESERVED_ID = re.compile(r"^(by-.*|index|search|assets|en|print|tags)$")
SLUG_PATTERN = "^[a-z0-9]+(-[a-z0-9]+)*$"


@lru_cache(maxsize=None)
def schema_validator(schema_name: str) -> jsonschema.protocols.Validator:
    """A validator for one schema file, with the other schema files available to $ref."""
    resources = []
    for path in sorted(SCHEMA_DIR.glob("*.schema.json")):
        contents = json.loads(path.read_text(encoding="utf-8"))
        resources.append((path.name, Resource.from_contents(contents)))
    registry = Registry().with_resources(resources)
    schema = json.loads((SCHEMA_DIR / schema_name).read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema, registry=registry, format_checker=cls.FORMAT_CHECKER)


@lru_cache(maxsize=None)
def fast_schema_validator(schema_name: str):
    """The same schema compiled by jsonschema-rs: a quick yes/no; the Python validator then explains any 'no'."""
    def retrieve(uri: str):
        return json.loads((SCHEMA_DIR / uri.rsplit("/", 1)[-1]).read_text(encoding="utf-8"))

    schema = json.loads((SCHEMA_DIR / schema_name).read_text(encoding="utf-8"))
    return jsonschema_rs.validator_for(schema, validate_formats=True, retriever=retrieve,
                                       base_uri=f"file:///portal/schema/{schema_name}")


def _kind_name(value) -> str:
    return {dict: "a mapping (key: value)", list: "a list", str: "text", int: "a whole number", float: "a number",
            bool: "true/false", type(None): "empty"}.get(type(value), type(value).__name__)


def _schema_problems(loaded: LoadedFile, schema_name: str) -> list[Problem]:
    if fast_schema_validator(schema_name).is_valid(loaded.value):
        return []
    problems = []
    validator = schema_validator(schema_name)
    for error in sorted(validator.iter_errors(loaded.value), key=lambda e: list(map(str, e.absolute_path))):
        problems.extend(_explain(error, loaded))
    return problems


def _explain(error: jsonschema.ValidationError, loaded: LoadedFile) -> list[Problem]:
    """Turn a jsonschema error into plain-worded problems, each on the line of the field concerned."""
    path = tuple(error.absolute_path)
    line = loaded.line_of(path)
    kind = error.validator
    value = error.instance

    def one(zh: str, en: str, at_path: tuple = path) -> list[Problem]:
        return [Problem(loaded.rel_path, loaded.line_of(at_path), _dotted(at_path) or "(file)", f"{zh} / {en}")]

    if kind == "required":
        missing = re.match(r"'([^']+)'", error.message)
        name = missing.group(1) if missing else error.message
        return [Problem(loaded.rel_path, line, _dotted(path + (name,)),
                        f"缺少必填字段 {name} / missing required field '{name}': add it")]
    if kind == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        extras = [key for key in value if key not in allowed] if isinstance(value, dict) else []
        out = []
        for key in extras:
            out.extend(one(f"未知字段 {key}，请检查拼写", f"unknown field '{key}': check the spelling; allowed here: "
                           + ", ".join(allowed), path + (key,)))
        return out
    if kind == "type":
        expected = error.validator_value
        if expected == "string" and isinstance(value, (int, float)) and not isinstance(value, bool):
            return one("应为文字，请加引号", f"should be text, not a number: put it in quotes, e.g. \"{value}\"")
        if expected == "object" and isinstance(value, str):
            return one("应写成 {zh: 中文, en: English}", "should be a mapping, e.g. {zh: 中文, en: English}")
        wanted = {"string": "text", "integer": "a whole number", "object": "a mapping (key: value)",
                  "array": "a list", "boolean": "true or false", "number": "a number"}.get(expected, expected)
        return one(f"类型错误，应为 {wanted}", f"should be {wanted}, but is {_kind_name(value)}")
    if kind == "format" and error.validator_value == "date" or (kind == "pattern" and "[0-9]{4}" in str(error.validator_value)):
        return one(f"{value} 不是有效日期，请写成 YYYY-MM-DD", f"'{value}' is not a real calendar date: write YYYY-MM-DD")
    if kind == "pattern":
        if error.validator_value == SLUG_PATTERN:
            return one(f"{value!r} 不是有效的 ID：只用小写字母、数字和连字符",
                       f"{value!r} is not a valid ID: use lower-case letters, digits and single hyphens")
        if error.validator_value == "\\S":
            return one("不能为空白", "must not be blank: write the text or remove the field")
        if error.validator_value.startswith("^https?"):
            return one("网址必须以 http:// 或 https:// 开头", f"{value!r} is not a web address starting with http:// or https://")
        if "[0-9]+(\\\\.[0-9]+)" in json.dumps(error.validator_value) or error.validator_value.startswith("^[0-9]+("):
            return one("条款号只能是数字，如 \"3\" 或 \"4.2.1\"", f"{value!r} is not an article number like \"3\" or \"4.2.1\"")
        return one(f"格式不对：{value!r}", f"{value!r} does not have the expected form ({error.validator_value})")
    if kind == "enum":
        choices = ", ".join(map(str, error.validator_value))
        return one(f"{value!r} 不在允许的取值中", f"{value!r} is not allowed; choose one of: {choices}")
    if kind in ("minLength",):
        return one("不能为空", "must not be empty")
    if kind == "minItems":
        return one(f"至少需要 {error.validator_value} 项", f"needs at least {error.validator_value} item(s)")
    if kind == "maxItems":
        return one(f"最多 {error.validator_value} 项", f"allows at most {error.validator_value} item(s)")
    if kind == "uniqueItems":
        return one("列表中有重复项", "the list repeats a value: remove the duplicate")
    if kind in ("minimum", "maximum"):
        return one(f"数值超出范围：{value}", f"{value} is out of range ({kind} {error.validator_value})")
    if kind == "maxLength":
        return one(f"过长（上限 {error.validator_value} 字符）", f"too long (at most {error.validator_value} characters)")
    if kind in ("oneOf", "anyOf"):
        if path and path[-1] == "cites":
            return one("请填写 regulation + article，或者 case（二选一）",
                       "give either regulation + article, or case (one of the two)")
        return one("内容不符合任何允许的形式", f"does not match any allowed form: {error.message}")
    return one("内容不符合要求", error.message)


class _Checker:
    """Semantic checks over a whole data set; each problem is tied to a file, line and field."""

    def __init__(self, dataset: Dataset, today: dt.date, production: bool):
        self.dataset = dataset
        self.today = today
        self.production = production
        self.problems: list[Problem] = []

    def add(self, loaded: LoadedFile, path: tuple, zh: str, en: str) -> None:
        self.problems.append(Problem(loaded.rel_path, loaded.line_of(path), _dotted(path) or "(file)", f"{zh} / {en}"))

    # -- vocabulary references -------------------------------------------------
    def term(self, loaded, path, value, vocab_name: str) -> None:
        if value is None:
            return
        terms = self.dataset.terms(vocab_name)
        if value not in terms:
            sample = ", ".join(list(terms)[:12])
            self.add(loaded, path, f"{value!r} 不是 data/vocab/{vocab_name}.yml 中的词条",
                     f"{value!r} is not a term in data/vocab/{vocab_name}.yml; use one of: {sample}"
                     + (" ..." if len(terms) > 12 else ""))

    def terms(self, loaded, path, values, vocab_name: str) -> None:
        for index, value in enumerate(values or []):
            self.term(loaded, path + (index,), value, vocab_name)

    def record_ref(self, loaded, path, value, folder: str) -> bool:
        if value is None:
            return False
        if value not in self.dataset.records[folder]:
            self.add(loaded, path, f"引用的记录 {value!r} 不存在于 data/{folder}/",
                     f"refers to {value!r}, but there is no data/{folder}/{value}.yml: fix the ID or add the record")
            return False
        return True

    def article_ref(self, loaded, path, ref: dict) -> None:
        if not isinstance(ref, dict):
            return
        reg_id = ref.get("regulation")
        if not self.record_ref(loaded, path + ("regulation",), reg_id, "regulations"):
            return
        number = ref.get("article")
        if number is None:
            return
        numbers = [a.get("number") for a in self.dataset.regulations[reg_id].get("articles") or [] if isinstance(a, dict)]
        if str(number) not in numbers:
            listed = ", ".join(map(str, numbers)) or "none"
            self.add(loaded, path + ("article",), f"{reg_id} 的重点条款中没有第 {number} 条",
                     f"article {number} is not among the key articles of {reg_id} (listed: {listed}): "
                     f"add it to data/regulations/{reg_id}.yml or cite another article")

    def date_not_future(self, loaded, path, value, what: str) -> None:
        date = parse_date(value)
        if date and date > self.today:
            self.add(loaded, path, f"{what}不能晚于今天（{self.today}）", f"{what} {date} is after today ({self.today})")

    # -- per kind ---------------------------------------------------------------
    def regulation(self, reg_id: str, reg: dict, loaded: LoadedFile) -> None:
        self.term(loaded, ("level",), reg.get("level"), "regulation-levels")
        self.terms(loaded, ("topics",), reg.get("topics"), "topics")
        self.terms(loaded, ("industries",), reg.get("industries"), "industries")
        promulgated, effective = parse_date(reg.get("promulgated")), parse_date(reg.get("effective"))
        if promulgated and effective and effective < promulgated:
            self.add(loaded, ("effective",), "施行日期早于公布日期", f"effective date {effective} is before the promulgation date {promulgated}")
        self.date_not_future(loaded, ("promulgated",), reg.get("promulgated"), "公布日期 / promulgation date")
        previous = promulgated
        for index, amendment in enumerate(reg.get("amendments") or []):
            adopted = parse_date(amendment.get("date"))
            in_force = parse_date(amendment.get("effective"))
            if adopted and previous and adopted < previous:
                self.add(loaded, ("amendments", index, "date"), "修订日期应晚于公布日期和前一次修订，按时间先后排列",
                         f"amendment date {adopted} is before {previous}: list amendments oldest first, after promulgation")
            if adopted and in_force and in_force < adopted:
                self.add(loaded, ("amendments", index, "effective"), "修订施行日期早于修订日期",
                         f"amended text in force {in_force} before it was adopted {adopted}")
            previous = adopted or previous
        repealed = parse_date(reg.get("repealed"))
        if repealed and effective and repealed < effective:
            self.add(loaded, ("repealed",), "废止日期早于施行日期", f"repealed {repealed} before it came into force {effective}")
        for index, older in enumerate(reg.get("supersedes") or []):
            if older == reg_id:
                self.add(loaded, ("supersedes", index), "不能替代自身", "a regulation cannot supersede itself")
            else:
                self.record_ref(loaded, ("supersedes", index), older, "regulations")
        seen: dict[str, int] = {}
        for index, article in enumerate(reg.get("articles") or []):
            number = article.get("number") if isinstance(article, dict) else None
            if number in seen:
                self.add(loaded, ("articles", index, "number"), f"第 {number} 条重复出现",
                         f"article {number} is listed twice (also item {seen[number]}): merge them")
            elif number is not None:
                seen[number] = index
        self.sources(loaded, reg)

    def case(self, case_id: str, case: dict, loaded: LoadedFile) -> None:
        self.term(loaded, ("place", "province"), (case.get("place") or {}).get("province"), "provinces")
        self.term(loaded, ("industry",), case.get("industry"), "industries")
        self.terms(loaded, ("topics",), case.get("topics"), "topics")
        self.date_not_future(loaded, ("date",), case.get("date"), "事故日期 / accident date")
        accident_type = case.get("accident_type") or {}
        schemes = self.dataset.accident_schemes()
        scheme = schemes.get(accident_type.get("scheme"))
        if accident_type.get("scheme") and scheme is None:
            self.add(loaded, ("accident_type", "scheme"), f"分类方案 {accident_type.get('scheme')!r} 不存在",
                     f"classification scheme {accident_type.get('scheme')!r} is not in data/vocab/accident-types.yml; "
                     f"use one of: {', '.join(schemes)}")
        elif scheme and accident_type.get("term") not in {t["id"] for t in scheme.get("terms", [])}:
            ids = ", ".join(t["id"] for t in scheme.get("terms", []))
            self.add(loaded, ("accident_type", "term"), f"{accident_type.get('term')!r} 不是 {scheme['id']} 的事故类别",
                     f"{accident_type.get('term')!r} is not a type in scheme {scheme['id']}; use one of: {ids}")
        serious, injured = case.get("serious_injuries"), case.get("injuries")
        if isinstance(serious, int) and isinstance(injured, int) and serious > injured:
            self.add(loaded, ("serious_injuries",), "重伤人数不能多于受伤总人数",
                     f"serious injuries ({serious}) exceed all injuries ({injured}); injuries counts the seriously injured too")
        stated = case.get("tier")
        tiers = self.dataset.accident_tiers()
        if stated is not None:
            tier_ids = [t.get("id") for t in tiers]
            if stated not in tier_ids:
                self.add(loaded, ("tier",), f"{stated!r} 不是 data/vocab/accident-tiers.yml 中的等级",
                         f"{stated!r} is not a tier in data/vocab/accident-tiers.yml; use one of: {', '.join(map(str, tier_ids))}")
            elif all(isinstance(case.get(k, 0), int) and case.get(k, 0) >= 0
                     for k in ("deaths", "serious_injuries", "direct_loss_cny")):
                computed = accident_tier(case, tiers)
                if computed != stated:
                    self.add(loaded, ("tier",), f"填写的等级 {stated} 与按伤亡和损失计算的等级 {computed} 不一致",
                             f"stated tier {stated} does not match {computed}, computed from deaths "
                             f"{case.get('deaths')}, serious injuries {case.get('serious_injuries', 0)} and direct loss "
                             f"{case.get('direct_loss_cny', 0)} yuan: correct the figures or remove 'tier'")
        for index, ref in enumerate(case.get("violations") or []):
            self.article_ref(loaded, ("violations", index), ref)
        for index, art_id in enumerate(case.get("related_articles") or []):
            self.record_ref(loaded, ("related_articles", index), art_id, "articles")
        self.sources(loaded, case)

    def contact_directory(self, dir_id: str, directory: dict, loaded: LoadedFile) -> None:
        if self.production and directory.get("sample") is True:
            self.add(loaded, ("sample",), "生产构建不允许示例数据：请换成真实核实的通讯录或删除此文件",
                     "sample data is refused by a production build: replace it with a verified directory or remove the file")
        verified = (directory.get("last_verified") or {}).get("date")
        self.date_not_future(loaded, ("last_verified", "date"), verified, "核实日期 / verification date")
        service = self.dataset.service_numbers()
        for e_index, entry in enumerate(directory.get("entries") or []):
            if not isinstance(entry, dict):
                continue
            self.term(loaded, ("entries", e_index, "category"), entry.get("category"), "contact-categories")
            for p_index, phone in enumerate(entry.get("phones") or []):
                if not isinstance(phone, dict):
                    continue
                path = ("entries", e_index, "phones", p_index)
                self.term(loaded, path + ("type",), phone.get("type"), "phone-types")
                number = phone.get("number")
                if isinstance(number, str) and not phone_is_valid(number, service):
                    self.add(loaded, path + ("number",), f"电话号码 {number} 无效",
                             f"{number} is not a valid number: use a national service number listed in "
                             "data/vocab/service-numbers.yml, an 11-digit mobile (13812345678) or a landline with "
                             "area code (0891-5821234)")
        self.sources(loaded, directory)

    def article(self, art_id: str, article: dict, loaded: LoadedFile) -> None:
        self.term(loaded, ("category",), article.get("category"), "article-categories")
        self.terms(loaded, ("topics",), article.get("topics"), "topics")
        self.date_not_future(loaded, ("updated",), article.get("updated"), "更新日期 / update date")
        related = article.get("related") or {}
        for index, ref in enumerate(related.get("regulations") or []):
            self.article_ref(loaded, ("related", "regulations", index), ref)
        for index, case_id in enumerate(related.get("cases") or []):
            self.record_ref(loaded, ("related", "cases", index), case_id, "cases")
        for index, other in enumerate(related.get("articles") or []):
            if other == art_id:
                self.add(loaded, ("related", "articles", index), "不能关联自身", "an article cannot relate to itself")
            else:
                self.record_ref(loaded, ("related", "articles", index), other, "articles")
        self.sources(loaded, article)

    def quiz(self, quiz_id: str, question: dict, loaded: LoadedFile) -> None:
        choices = question.get("choices") or []
        answer = question.get("answer")
        if isinstance(answer, int) and not isinstance(answer, bool) and answer >= len(choices):
            self.add(loaded, ("answer",), f"答案序号 {answer} 超出选项范围（从 0 开始计数）",
                     f"answer {answer} points past the last choice (there are {len(choices)}; counting starts at 0)")
        cites = question.get("cites") or {}
        if "regulation" in cites:
            self.article_ref(loaded, ("cites",), cites)
        if "case" in cites:
            self.record_ref(loaded, ("cites", "case"), cites["case"], "cases")
        self.terms(loaded, ("topics",), question.get("topics"), "topics")

    def sources(self, loaded: LoadedFile, record: dict) -> None:
        for index, source in enumerate(record.get("sources") or []):
            if isinstance(source, dict):
                self.date_not_future(loaded, ("sources", index, "date"), source.get("date"), "来源日期 / source date")
                self.date_not_future(loaded, ("sources", index, "accessed"), source.get("accessed"), "访问日期 / access date")

    def vocabularies(self) -> None:
        for name, loaded in self.dataset.vocab_files.items():
            data = loaded.value if isinstance(loaded.value, dict) else {}
            lists = [("terms", data.get("terms"))] if "terms" in data else []
            lists += [("tiers", data.get("tiers"))] if "tiers" in data else []
            for s_index, scheme in enumerate(data.get("schemes") or []):
                if isinstance(scheme, dict):
                    lists.append((("schemes", s_index, "terms"), scheme.get("terms")))
                    if scheme.get("regulation"):
                        self.record_ref(loaded, ("schemes", s_index, "regulation"), scheme["regulation"], "regulations")
            for key, items in lists:
                base = key if isinstance(key, tuple) else (key,)
                seen = set()
                for index, item in enumerate(items or []):
                    term_id = item.get("id") if isinstance(item, dict) else None
                    if term_id in seen:
                        self.add(loaded, base + (index, "id"), f"词条 {term_id} 重复", f"term {term_id!r} is defined twice")
                    seen.add(term_id)
            if name == "accident-tiers" and isinstance(data.get("basis"), dict):
                self.article_ref(loaded, ("basis",), data["basis"])


def phone_is_valid(number: str, service_numbers: dict) -> bool:
    """A national short service number from the vocabulary, or a number libphonenumber accepts for mainland China."""
    digits = re.sub(r"[\s-]", "", number)
    if digits in service_numbers:
        return True
    if len(digits) < 7:
        return False
    try:
        parsed = phonenumbers.parse(digits, "CN")
    except phonenumbers.NumberParseException:
        return False
    return phonenumbers.is_valid_number(parsed)


def check_dataset(dataset: Dataset, today: dt.date, production: bool = False) -> list[Problem]:
    """Every problem in the data set, in file and line order."""
    problems: list[Problem] = []
    for loaded in dataset.unreadable:
        problems.extend(loaded.problems)
        if not loaded.problems:
            problems.append(Problem(loaded.rel_path, 1, "(file)",
                                    "文件内容应为“字段: 值”的形式 / the file must hold fields (key: value), not a list or a single value"))
    for name, schema in VOCABULARIES.items():
        loaded = dataset.vocab_files.get(name)
        if loaded is None:
            problems.append(Problem(f"data/vocab/{name}.yml", 1, "(file)", "缺少词表文件 / vocabulary file is missing"))
        elif isinstance(loaded.value, dict):
            problems.extend(loaded.problems)
            problems.extend(_schema_problems(loaded, schema))
    ids_seen: dict[tuple[str, str], str] = {}
    for (folder, file_id), loaded in dataset.record_files.items():
        problems.extend(loaded.problems)
        problems.extend(_schema_problems(loaded, KIND_BY_FOLDER[folder].schema))
        record = loaded.value
        stated_id = record.get("id")
        if loaded.rel_path.endswith(".yaml"):
            problems.append(Problem(loaded.rel_path, 1, "(file)", "文件扩展名应为 .yml / rename the file to end in .yml"))
        if isinstance(stated_id, str) and stated_id != file_id:
            problems.append(Problem(loaded.rel_path, loaded.line_of(("id",)), "id",
                                    f"ID {stated_id!r} 与文件名 {file_id!r} 不一致 / id {stated_id!r} differs from the file name "
                                    f"{file_id!r}: they must be equal (rename the file or fix the id)"))
        if RESERVED_ID.match(file_id):
            problems.append(Problem(loaded.rel_path, loaded.line_of(("id",)), "id",
                                    f"ID {file_id!r} 是保留字 / {file_id!r} is reserved for the site's own pages: choose another ID"))
        if isinstance(stated_id, str):
            key = (folder, stated_id)
            if key in ids_seen:
                problems.append(Problem(loaded.rel_path, loaded.line_of(("id",)), "id",
                                        f"ID 重复（{ids_seen[key]} 已使用）/ duplicate id {stated_id!r}, also used by {ids_seen[key]}"))
            else:
                ids_seen[key] = loaded.rel_path
    checker = _Checker(dataset, today, production)
    checker.vocabularies()
    handlers = {"regulations": checker.regulation, "cases": checker.case, "contacts": checker.contact_directory,
                "articles": checker.article, "quiz": checker.quiz}
    for (folder, record_id), loaded in dataset.record_files.items():
        try:
            handlers[folder](record_id, loaded.value, loaded)
        except (AttributeError, TypeError, KeyError):
            # Wrong shapes are already reported by the schema; semantic checks skip what they cannot read.
            pass
    problems.extend(checker.problems)
    problems.extend(_status_checks(dataset, today))
    problems.extend(_supersede_cycles(dataset))
    unique = sorted(set(problems), key=lambda p: (p.path, p.line, p.field, p.message))
    return unique


def _status_checks(dataset: Dataset, today: dt.date) -> list[Problem]:
    problems = []
    try:
        statuses = Derived(dataset, today).status
    except (AttributeError, TypeError, KeyError):
        return problems
    for reg_id, reg in dataset.regulations.items():
        stated = reg.get("status")
        if stated and stated != statuses.get(reg_id):
            loaded = dataset.record_files[("regulations", reg_id)]
            problems.append(Problem(loaded.rel_path, loaded.line_of(("status",)), "status",
                                    f"填写的状态 {stated} 与按日期计算的 {statuses.get(reg_id)} 不一致 / stated status {stated} "
                                    f"disagrees with {statuses.get(reg_id)}, computed from the dates on {today}: remove 'status' "
                                    "or correct the dates"))
    return problems


def _supersede_cycles(dataset: Dataset) -> list[Problem]:
    problems = []
    for start in dataset.regulations:
        chain, current = [start], start
        while True:
            nexts = [s for s in (dataset.regulations.get(current) or {}).get("supersedes") or [] if s in dataset.regulations]
            if not nexts:
                break
            current = nexts[0]
            if current == start:
                loaded = dataset.record_files[("regulations", start)]
                problems.append(Problem(loaded.rel_path, loaded.line_of(("supersedes",)), "supersedes",
                                        "替代关系形成循环 / the supersedes chain loops back: " + " -> ".join(chain + [start])))
                break
            if current in chain:
                break
            chain.append(current)
    return problems


def load_checked(data_dir: Path, today: dt.date, production: bool = False) -> tuple[Dataset, list[Problem]]:
    dataset = read_dataset(data_dir)
    return dataset, check_dataset(dataset, today, production)
