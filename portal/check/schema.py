# JSON Schema checks of one loaded file, with every error worded for editors and tied to its line.
"""Check step, part 1: the JSON Schemas in data/schema/ (one per record kind and vocabulary).

jsonschema-rs gives a fast yes/no; the Python jsonschema validator then explains a "no". Strict mode (the shipped
reference content) requires both languages wherever the schema allows bilingual text; an organisation's own
layers may be in one language."""
from __future__ import annotations

import copy
import json
import re
from functools import lru_cache

import jsonschema
import jsonschema_rs
from referencing import Registry, Resource

from portal.check.problems import Problem
from portal.load.yamlsafe import LoadedFile, dotted
from portal.settings import SCHEMA_DIR

SLUG_PATTERN = "^[a-z0-9]+(-[a-z0-9]+)*$"


def _schema_files(strict: bool) -> dict[str, dict]:
    """Every schema file by name (data/schema/ and the schemas of registered kinds kept elsewhere); in strict mode
    bilingual text requires both zh and en."""
    from portal.kinds import kind_schema_paths

    return _schema_files_of(strict, kind_schema_paths())


@lru_cache(maxsize=None)
def _schema_files_of(strict: bool, kind_schemas: tuple) -> dict[str, dict]:
    schemas = {}
    for path in sorted(SCHEMA_DIR.glob("*.schema.json")) + list(kind_schemas):
        contents = json.loads(path.read_text(encoding="utf-8"))
        if strict and path.name == "common.schema.json":
            contents = copy.deepcopy(contents)
            for name, required in (("text_both", ["zh", "en"]), ("text_zh", ["zh"])):
                definition = contents["$defs"][name]
                definition.pop("anyOf", None)
                definition["required"] = required
        schemas[path.name] = contents
    return schemas


# What to do when a required field is missing, for the fields a source often does not give.
REQUIRED_HINTS = {
    "sources": "say where the facts come from: the ledger, report or official text (title, publisher, url)",
    "title": "write the record's name (Chinese, English or both)",
    "date": "write the accident date as YYYY-MM-DD; when no source gives it, write date_unknown: true instead "
            "(the site shows 日期不详 / date unknown) — never a guessed date",
    "deaths": "write the number of deaths (0 if none); it decides the tier",
    "place": "write the province (place: {province: sichuan}), or for a record outside mainland China the country "
             "and region (place: {country: US, region: {en: Texas}}), not both",
}


@lru_cache(maxsize=None)
def schema_validator(schema_name: str, strict: bool = False) -> jsonschema.protocols.Validator:
    """A validator for one schema file, with the other schema files available to $ref."""
    schemas = _schema_files(strict)
    registry = Registry().with_resources([(name, Resource.from_contents(c)) for name, c in schemas.items()])
    schema = schemas[schema_name]
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema, registry=registry, format_checker=cls.FORMAT_CHECKER)


@lru_cache(maxsize=None)
def fast_schema_validator(schema_name: str, strict: bool = False):
    """The same schema compiled by jsonschema-rs: a quick yes/no; the Python validator then explains any 'no'."""
    schemas = _schema_files(strict)

    def retrieve(uri: str):
        return schemas[uri.rsplit("/", 1)[-1]]

    schema = schemas[schema_name]
    return jsonschema_rs.validator_for(schema, validate_formats=True, retriever=retrieve,
                                       base_uri=f"file:///portal/schema/{schema_name}")


def _kind_name(value) -> str:
    return {dict: "a mapping (key: value)", list: "a list", str: "text", int: "a whole number", float: "a number",
            bool: "true/false", type(None): "empty"}.get(type(value), type(value).__name__)


def schema_problems(loaded: LoadedFile, schema_name: str, strict: bool = False, value=None) -> list[Problem]:
    """Every schema error of one file (or of `value`, the record read from it), explained, each on its own line."""
    value = loaded.value if value is None else value
    return [Problem(loaded.rel_path, loaded.line_of(line_path), dotted(field_path) or "(file)", message, code)
            for line_path, field_path, message, code in schema_errors(value, schema_name, strict)]


def schema_errors(value, schema_name: str, strict: bool = False) -> list[tuple[tuple, tuple, str, str]]:
    """Every schema error of one record (or vocabulary) explained for editors: (path of the line to point at, path
    of the field, message "中文 / English", code). Used by the validator and by the spreadsheet import."""
    if fast_schema_validator(schema_name, strict).is_valid(value):
        return []
    found = []
    validator = schema_validator(schema_name, strict)
    for error in sorted(validator.iter_errors(value), key=lambda e: list(map(str, e.absolute_path))):
        found.extend(_explain(error))
    found = _one_cause_per_field(found)
    if not found:
        # The two engines disagree (e.g. Python's regex lets "$" match before a final newline): never pass silently.
        for error in fast_schema_validator(schema_name, strict).iter_errors(value):
            path = tuple(error.instance_path)
            found.append((path, path, f"格式不对（可能含有换行或空格）/ does not have the expected form (a stray newline "
                                      f"or space?): {error.message}", "schema.strict"))
    return found


# When one field breaks several rules, the one that says what to write wins: a wrong type makes its enum, pattern,
# length and "any of these forms" errors consequences; an empty text is not also "blank"; a bad date is said once.
_OUTRANKED = {"schema.type": {"schema.enum", "schema.pattern", "schema.format", "schema.minLength", "schema.maxLength",
                              "schema.oneOf", "schema.anyOf", "schema.minimum", "schema.maximum", "schema.const"},
              "schema.minLength": {"schema.pattern"},
              "schema.additionalProperties": {"schema.oneOf", "schema.anyOf"}}


def _one_cause_per_field(found: list[tuple[tuple, tuple, str, str]]) -> list[tuple[tuple, tuple, str, str]]:
    codes_at: dict[tuple, set[str]] = {}
    for _line, field_path, _message, code in found:
        codes_at.setdefault(field_path, set()).add(code)
    # an unknown field below a field makes that field's "does not match any allowed form" a consequence too
    for _line, field_path, _message, code in found:
        if code == "schema.additionalProperties" and field_path[:-1] in codes_at:
            codes_at[field_path[:-1]].add("schema.additionalProperties")
    kept, seen = [], set()
    for item in found:
        _line, field_path, message, code = item
        outranked = any(code in _OUTRANKED.get(other, ()) for other in codes_at[field_path] if other != code)
        if not outranked and (field_path, message) not in seen:
            seen.add((field_path, message))
            kept.append(item)
    return kept or found


def _explain(error: jsonschema.ValidationError) -> list[tuple[tuple, tuple, str, str]]:
    """Turn a jsonschema error into plain-worded (line path, field path, message, code), each at the field concerned."""
    path = tuple(error.absolute_path)
    kind = error.validator
    value = error.instance

    code = f"schema.{kind}"

    def one(zh: str, en: str, at_path: tuple = path) -> list[tuple[tuple, tuple, str, str]]:
        return [(at_path, at_path, f"{zh} / {en}", code)]

    if kind == "required":
        missing = re.match(r"'([^']+)'", error.message)
        name = missing.group(1) if missing else error.message
        hint = REQUIRED_HINTS.get(name, "add it")
        if name == "en":
            hint = "shipped reference content needs an English text too: add `en:` (an organisation's own layer may be in one language)"
        return [(path, path + (name,), f"缺少必填字段 {name} / missing required field '{name}': {hint}", code)]
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
    if kind == "minLength" and error.validator_value <= 1:
        return one("不能为空", "must not be empty")
    if kind == "minLength":
        return one(f"过短（至少 {error.validator_value} 个字符）", f"too short (at least {error.validator_value} characters)")
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
    if kind == "anyOf" and isinstance(value, dict) and not ({"zh", "en"} & set(value)):
        return one("请至少写一种语言：zh 或 en", "write the text in at least one language: zh (Chinese) or en (English)")
    if kind == "oneOf" and isinstance(value, dict) and "date_unknown" in json.dumps(error.validator_value):
        if "date" in value and "date_unknown" in value:
            return [(path, path + ("date_unknown",), "有日期就不要写 date_unknown / date_unknown: true is for a record "
                     "without a date: remove it, or remove the date if no source gives it", "schema.oneOf")]
        return [(path, path + ("date",), f"缺少必填字段 date / missing required field 'date': {REQUIRED_HINTS['date']}",
                 "schema.required")]
    if kind in ("oneOf", "anyOf"):
        if path and path[-1] == "cites":
            return one("请填写 regulation + article，或者 case（二选一）",
                       "give either regulation + article, or case (one of the two)")
        return one("内容不符合任何允许的形式", f"does not match any allowed form: {error.message}")
    return one("内容不符合要求", error.message)


