# A new record's YAML skeleton (command `new`), from its kind's JSON Schema: required fields filled, others as comments.
"""`python -m portal new <kind> [--title ...]`: a file that validates as it is, with a comment for every field.

Required fields get a value to overwrite (marked TODO in the comment); optional fields are listed as comments with
their description, so an editor sees everything the kind can hold. Values are written by the records core's writer.
`kind` is any object with `name` (its folder) and `schema` (its schema file name)."""
from __future__ import annotations

import datetime as dt
import json

from portal.records.writer import fields_text, schema_line
from portal.settings import SCHEMA_DIR

PLACEHOLDER_HINT = "TODO: 请改为真实内容 / replace with the real value"


def _schema(name: str) -> dict:
    return json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8"))


def _placeholder(field: str, spec: dict, title: str, record_id: str, today: dt.date, vocab_first: dict):
    ref = spec.get("$ref", "")
    if field == "id":
        return record_id
    if field == "title":
        return {"zh": title}
    if ref.endswith("/date"):
        return today.isoformat()
    if ref.endswith("/sources"):
        return [{"title": "来源文件标题 / title of the source document", "publisher": "发布单位 / publisher"}]
    if ref.endswith("/text_both") or ref.endswith("/text_zh"):
        return {"zh": "待填写 / to be written"}
    if ref.endswith("/slug"):
        return vocab_first.get(field, "general")
    if spec.get("type") == "integer":
        return 0
    if spec.get("type") == "object":
        props = spec.get("properties", {})
        return {k: _placeholder(k, props[k], title, record_id, today, vocab_first) for k in spec.get("required", [])}
    return "待填写"


def skeleton(kind, title: str, record_id: str, today: dt.date, vocab_first: dict) -> str:
    schema = _schema(kind.schema)
    required = schema.get("required", [])
    lines = [schema_line(kind.schema).rstrip("\n"),
             f"# 新记录 / new {kind.name} record: 填写后运行 make validate / fill it in, then run make validate"]
    for field, spec in schema.get("properties", {}).items():
        description = spec.get("description", "")
        if field in required:
            value = _placeholder(field, spec, title, record_id, today, vocab_first)
            dumped = fields_text({field: value}, kind.schema).rstrip()
            hint = "" if field in ("id", "title") else f"  # {PLACEHOLDER_HINT}"
            first, *rest = dumped.splitlines()
            lines.append(first + (hint if not rest else ""))
            lines.extend(rest)
            if rest and hint:
                lines.append(f"#   ↑ {PLACEHOLDER_HINT}")
            if description:
                lines.append(f"#   {description}")
        else:
            lines.append(f"# {field}:   # {description}" if description else f"# {field}:")
    return "\n".join(lines) + "\n"
