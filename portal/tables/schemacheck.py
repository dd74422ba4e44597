# Checks an imported record against its JSON schema (data/schema/), as a last net for what the cell checks miss.
"""Schema check of imported records: each error with the path of the field it concerns."""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import jsonschema
import jsonschema_rs
from referencing import Registry, Resource


@lru_cache(maxsize=None)
def _validator(schema_dir: str, schema_name: str):
    resources = []
    for path in sorted(Path(schema_dir).glob("*.schema.json")):
        resources.append((path.name, Resource.from_contents(json.loads(path.read_text(encoding="utf-8")))))
    registry = Registry().with_resources(resources)
    schema = json.loads((Path(schema_dir) / schema_name).read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema, registry=registry)


@lru_cache(maxsize=None)
def _fast_validator(schema_dir: str, schema_name: str):
    """The same schema compiled by jsonschema-rs: a quick yes/no; the Python validator explains a no."""
    def retrieve(uri: str):
        return json.loads((Path(schema_dir) / uri.rsplit("/", 1)[-1]).read_text(encoding="utf-8"))

    schema = json.loads((Path(schema_dir) / schema_name).read_text(encoding="utf-8"))
    return jsonschema_rs.validator_for(schema, retriever=retrieve, base_uri=f"file:///portal/schema/{schema_name}")


def schema_errors(schema_dir: Path, schema_name: str, record: dict) -> list[tuple[tuple, str, str]]:
    """(path of the field, Chinese message, English message) for each schema error of `record`."""
    if not (Path(schema_dir) / schema_name).is_file():
        return []
    folder = str(Path(schema_dir).resolve())
    if _fast_validator(folder, schema_name).is_valid(record):
        return []
    validator = _validator(folder, schema_name)
    out = []
    for error in validator.iter_errors(record):
        text = error.message if len(error.message) < 200 else error.message[:200] + "…"
        out.append((tuple(error.absolute_path), f"不符合数据格式要求：{text}", f"does not match the data schema: {text}"))
    return out
