# Writes imported records as one YAML file each (schema key order, block style, no tags) and reads a data folder back.
"""YAML files of records.

`write_records(records, out_dir, kind)` writes `<out_dir>/<id>.yml`, beginning with
`# yaml-language-server: $schema=../schema/<schema>`; keys follow the schema's order (unknown keys last),
mappings and lists are in block style, Chinese is written as it is, dates unquoted, multi-line text as `|`
blocks, and no YAML tags or aliases are ever emitted.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from portal.tables.columns import KINDS
from portal.tables.problems import TableProblem
from portal.tables.spec import ChildSheet, Column, KindSpec
from portal.tables.values import SLUG
from portal.tables.yamlload import load_yaml_file


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass
class WriteResult:
    path: Path
    action: str   # "created", "updated", "unchanged", "skipped"


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data):
        return True


def _str(dumper, value: str):
    style = "|" if "\n" in value and not any(line != line.rstrip() for line in value.split("\n")) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def dump_record(record: dict, kind: str, schema_dir: Path | None = None) -> str:
    spec = KINDS[kind]
    order = _key_order(spec, schema_dir)
    dates = _date_paths(spec)
    ordered = _order(record, order, (), dates)
    body = yaml.dump(ordered, Dumper=_Dumper, allow_unicode=True, sort_keys=False, default_flow_style=False,
                     width=4096, indent=2)
    return f"# yaml-language-server: $schema=../schema/{spec.schema}\n{body}"


def write_records(records: list[dict], out_dir: Path | str, kind: str, dry_run: bool = False, *,
                  schema_dir: Path | str | None = None) -> list[WriteResult]:
    """One file per record; with dry_run nothing is written but the actions are reported."""
    out_dir = Path(out_dir)
    if schema_dir is None and (out_dir.parent / "schema").is_dir():
        schema_dir = out_dir.parent / "schema"
    results = []
    for record in records:
        record_id = record.get("id")
        if not isinstance(record_id, str) or not SLUG.match(record_id):
            results.append(WriteResult(out_dir / f"{record_id}.yml", "skipped"))
            continue
        path = out_dir / f"{record_id}.yml"
        text = dump_record(record, kind, Path(schema_dir) if schema_dir else None)
        if path.is_file():
            action = "unchanged" if path.read_text(encoding="utf-8") == text else "updated"
        else:
            action = "created"
        if not dry_run and action != "unchanged":
            out_dir.mkdir(parents=True, exist_ok=True)
            temporary = path.with_name(f".{path.name}.tmp")
            temporary.write_text(text, encoding="utf-8")
            temporary.replace(path)
        results.append(WriteResult(path, action))
    return results


def load_existing(data_dir: Path | str, kind: str) -> tuple[dict[str, dict], list[TableProblem]]:
    """id -> record of every <data_dir>/<kind>/*.yml (dates stay YYYY-MM-DD strings), for `existing`."""
    folder = Path(data_dir) / kind
    records, problems = {}, []
    for path in sorted(folder.glob("*.yml")):
        loaded = load_yaml_file(path, f"{kind}/{path.name}")
        problems += [TableProblem(path.name, None, p.line, None, p.field, "file", p.message, unit="line")
                     for p in loaded.problems]
        if isinstance(loaded.value, dict):
            records[path.stem] = loaded.value
    return records, problems


# ---- key order -------------------------------------------------------------------------------------------------

def _key_order(spec: KindSpec, schema_dir: Path | None) -> dict:
    """{"keys": [...], "children": {key: subtree}, "items": subtree} from the schema, else from the spec."""
    if schema_dir is not None and (Path(schema_dir) / spec.schema).is_file():
        return _schema_order(Path(schema_dir), spec.schema)
    return _spec_order(spec)


def _schema_order(schema_dir: Path, schema_name: str) -> dict:
    files: dict[str, dict] = {}

    def load(name: str) -> dict:
        if name not in files:
            path = schema_dir / name
            files[name] = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
        return files[name]

    def resolve(node: dict, current: str, depth: int = 0) -> tuple[dict, str]:
        while isinstance(node, dict) and "$ref" in node and depth < 20:
            ref = node["$ref"]
            name, _, pointer = ref.partition("#")
            name = name or current
            target = load(name)
            for part in [p for p in pointer.split("/") if p]:
                target = target.get(part, {})
            node, current, depth = target, name, depth + 1
        return node, current

    def tree(node: dict, current: str, depth: int = 0) -> dict:
        node, current = resolve(node, current)
        out: dict = {"keys": [], "children": {}}
        if depth > 12 or not isinstance(node, dict):
            return out
        for key, sub in (node.get("properties") or {}).items():
            out["keys"].append(key)
            out["children"][key] = tree(sub, current, depth + 1)
        if isinstance(node.get("items"), dict):
            out["items"] = tree(node["items"], current, depth + 1)
        return out

    return tree(load(schema_name), schema_name)


def _spec_order(spec: KindSpec) -> dict:
    root: dict = {"keys": [], "children": {}}

    def add(node: dict, path: list[str], col: Column | None = None) -> dict:
        for part in path:
            if part not in node["children"]:
                node["keys"].append(part)
                node["children"][part] = {"keys": [], "children": {}}
            node = node["children"][part]
        if col is not None and col.bilingual:
            target = node.setdefault("items", {"keys": [], "children": {}}) if col.is_list else node
            for lang in ("zh", "en"):
                add(target, [lang])
        return node

    for col in spec.columns:
        add(root, col.path.split("."), col)
    for child in spec.children:
        node = add(root, child.path.split("."))
        items = node.setdefault("items", {"keys": [], "children": {}})
        _add_child(add, items, child)
    return root


def _add_child(add, items: dict, child: ChildSheet) -> None:
    for col in child.columns:
        add(items, col.path.split(".") if col.path else [], col)
    if child.nested_path:
        nested = add(items, [child.nested_path]).setdefault("items", {"keys": [], "children": {}})
        for col in child.nested_columns:
            add(nested, col.path.split("."), col)


def _date_paths(spec: KindSpec) -> set[tuple]:
    """Field paths of date fields, lists marked "[]": ("sources", "[]", "accessed")."""
    out = set()
    for col in spec.columns:
        if col.type == "date":
            out.add(tuple(col.path.split(".")))
    for child in spec.children:
        base = tuple(child.path.split(".")) + ("[]",)
        for col in child.columns:
            if col.type == "date":
                out.add(base + tuple(col.path.split(".")))
        for col in child.nested_columns:
            if col.type == "date":
                out.add(base + (child.nested_path, "[]") + tuple(col.path.split(".")))
    return out


def _order(value, order: dict | None, path: tuple, dates: set[tuple]):
    if isinstance(value, dict):
        keys = (order or {}).get("keys", [])
        children = (order or {}).get("children", {})
        ranked = [k for k in keys if k in value] + [k for k in value if k not in keys]
        return {k: _order(value[k], children.get(k), path + (k,), dates) for k in ranked}
    if isinstance(value, list):
        items = (order or {}).get("items")
        return [_order(v, items, path + ("[]",), dates) for v in value]
    if isinstance(value, str) and path in dates and _ISO_DATE.match(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    return value
