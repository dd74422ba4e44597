# The one YAML record writer of new, import and import-statute: schema key order, literal blocks, the schema comment.
"""YAML text of a record, as a person would write it.

`record_text(record, "case.schema.json")` begins with `# yaml-language-server: $schema=../schema/case.schema.json`;
keys follow the schema's order (unknown keys last, as given), mappings and lists are in block style, Chinese is
written as it is, fields the schema declares as dates are unquoted dates, multi-line text is a `|` block, and no YAML
tags or aliases are ever emitted. `write_record` writes it atomically (a temporary file renamed over the target)."""
from __future__ import annotations

import datetime as dt
import json
import os
import re
from functools import lru_cache
from pathlib import Path

import yaml

from portal.settings import SCHEMA_DIR

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_MAX_DEPTH = 12
LAYER_KEY = "overrides"  # not a schema field: `overrides: true` marks a record that replaces an earlier layer's


def schema_line(schema_name: str) -> str:
    """The first line of every record file: editors' autocompletion and checks from the kind's schema."""
    return f"# yaml-language-server: $schema=../schema/{schema_name}\n"


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data):
        return True


def _str_style(value: str) -> str | None:
    # A literal block cannot keep spaces at the end of a line: such text stays a quoted scalar.
    return "|" if "\n" in value and not any(line != line.rstrip() for line in value.split("\n")) else None


def _str(dumper: yaml.SafeDumper, value: str):
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=_str_style(value))


_Dumper.add_representer(str, _str)

# libyaml's emitter (7 times faster: 100,000 imported records) writes the same text as the Python one, except that it
# escapes characters beyond the Basic Multilingual Plane and NEL/LS/PS, which the Python one writes as they are; text
# with any escape is written again by the Python emitter, so a file's bytes never depend on which one is installed.
_FastDumper = None
if getattr(yaml, "__with_libyaml__", False):
    from yaml.nodes import MappingNode, ScalarNode, SequenceNode

    _STR, _MAP, _SEQ = "tag:yaml.org,2002:str", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"
    _SCALARS = {int: ("tag:yaml.org,2002:int", str), dt.date: ("tag:yaml.org,2002:timestamp", dt.date.isoformat),
                bool: ("tag:yaml.org,2002:bool", lambda value: "true" if value else "false"),
                type(None): ("tag:yaml.org,2002:null", lambda value: "null")}

    class _FastDumper(yaml.CSafeDumper):  # noqa: N801 - a Dumper class like _Dumper
        """SafeDumper's nodes made without its generic dispatch (the same nodes: no aliases, block style), and
        the implicit tag of a plain scalar looked up by its first character only once per dumper class."""
        _implicit: dict = {}

        def ignore_aliases(self, data):
            return True

        def represent_data(self, data):
            kind = type(data)
            if kind is str:
                return ScalarNode(_STR, data, style=_str_style(data))
            if self.default_flow_style is not False:
                return super().represent_data(data)
            if kind is dict:
                represent = self.represent_data
                return MappingNode(_MAP, [(represent(key), represent(value)) for key, value in data.items()],
                                   flow_style=False)
            if kind is list:
                return SequenceNode(_SEQ, [self.represent_data(value) for value in data], flow_style=False)
            if kind in _SCALARS:
                tag, text = _SCALARS[kind]
                return ScalarNode(tag, text(data), style=self.default_style)
            return super().represent_data(data)

        def resolve(self, kind, value, implicit):
            if kind is not ScalarNode or self.yaml_path_resolvers:
                return super().resolve(kind, value, implicit)
            if implicit[0]:
                first = value[:1]
                resolvers = self._implicit.get(first)
                if resolvers is None:
                    resolvers = self._implicit[first] = (self.yaml_implicit_resolvers.get(first, [])
                                                         + self.yaml_implicit_resolvers.get(None, []))
                for tag, regexp in resolvers:
                    if regexp.match(value):
                        return tag
            return self.DEFAULT_SCALAR_TAG

    _FastDumper.add_representer(str, _str)


def dump_yaml(value) -> str:
    """YAML text of any value in the record style (block style, literal blocks, no aliases, keys as given)."""
    if type(value) is dict:
        text = _block_text(value)
        if text is not None:
            return text
    options = dict(allow_unicode=True, sort_keys=False, default_flow_style=False, width=4096, indent=2)
    if _FastDumper is not None:
        text = yaml.dump(value, Dumper=_FastDumper, **options)
        if "\\" not in text:
            return text
    return yaml.dump(value, Dumper=_Dumper, **options)


# ---- the common case written directly --------------------------------------------------------------------------
# A record made of non-empty mappings and lists of mappings, strings, integers, booleans, dates and nulls, whose
# strings need no quotes, is written here as libyaml (and PyYAML's own emitter) write it: block style, two spaces,
# lists at their key's indentation, multi-line text as a `|` block. Anything else (an empty mapping or list, a float,
# a list in a list, text that needs quotes, a block scalar needing an indentation or keep indicator, long plain text
# that the emitter would wrap, characters it escapes) returns None and goes through the emitters themselves.
class _Unusual(Exception):
    pass


# characters either emitter writes as they are in every style: \n, printable ASCII but the backslash, the Basic
# Multilingual Plane without C1 controls, line/paragraph separators, surrogates, the byte order mark and non-characters
_UNUSUAL_CHAR = re.compile(r"[^\n\x20-\x5b\x5d-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd]")
_FIRST_INDICATORS = frozenset("#,[]{}&*!|>'\"%@`")
_LONGEST_PLAIN = 2000        # far below the emitters' line width (4096): a plain scalar is never wrapped
_LONGEST_KEY = 100           # a simple key has at most 128 characters
_SCALAR_TEXT = {int: str, bool: lambda value: "true" if value else "false", type(None): lambda value: "null",
                dt.date: dt.date.isoformat}
_plain_keys: dict[str, bool] = {}


def _implicit_tag(text: str) -> str:
    """The tag a plain scalar `text` would be read as (the SafeDumper's implicit resolvers)."""
    for tag, regexp in (yaml.SafeDumper.yaml_implicit_resolvers.get(text[:1], [])
                        + yaml.SafeDumper.yaml_implicit_resolvers.get(None, [])):
        if regexp.match(text):
            return tag
    return "tag:yaml.org,2002:str"


def _is_plain(text: str) -> bool:
    """True when the emitters write the string `text` (one line) as a plain scalar in block context."""
    if not text or len(text) > _LONGEST_PLAIN or text[0] == " " or text[-1] == " " or text[0] in _FIRST_INDICATORS:
        return False
    if text[0] in "-?:" and (len(text) == 1 or text[1] == " "):
        return False
    if text.startswith(("---", "...")) or ": " in text or text[-1] == ":" or " #" in text:
        return False
    if _UNUSUAL_CHAR.search(text) or "\n" in text:
        return False
    return _implicit_tag(text) == "tag:yaml.org,2002:str"


_plain_values: dict[str, bool] = {}   # short values found plain (a ledger's provinces, terms, sources ...)


def _is_plain_value(text: str) -> bool:
    """_is_plain(text), remembered for short texts (they repeat from record to record)."""
    plain = _is_plain(text)
    if plain and len(text) <= 40 and len(_plain_values) < 50_000:
        _plain_values[text] = True
    return plain


def _block_text(value: dict, plan: tuple | None = None) -> str | None:
    """The direct text of `value`, or None (then the emitters write it). With a `plan` (see `_plan`), keys are put in
    the schema's order and date fields' texts written as dates on the way: the text of `_ordered(value, ...)`."""
    out: list[str] = []
    try:
        _block_mapping(value, 0, out, None, plan, plan is not None)
    except _Unusual:
        return None
    return "".join(out)


def _block_mapping(value: dict, indent: int, out: list, lead: str | None, plan: tuple | None = None,
                   top: bool = False) -> None:
    if not value:
        raise _Unusual
    pad = " " * indent
    if plan is None:
        pairs, children = value.items(), None
    else:
        keys, known, children = plan[0], plan[1], plan[2]
        ranked = [k for k in keys if k in value] + [k for k in value if k not in known]
        if top and LAYER_KEY in value and "id" in value:   # as _ordered puts it
            ranked.remove(LAYER_KEY)
            ranked.insert(ranked.index("id") + 1, LAYER_KEY)
        pairs = ((k, value[k]) for k in ranked)
    for key, item in pairs:
        node = children.get(key) if children is not None else None
        plain = _plain_keys.get(key) if type(key) is str else False
        if plain is None:
            plain = len(key) <= _LONGEST_KEY and _is_plain(key)
            if len(_plain_keys) < 10_000:
                _plain_keys[key] = plain
        if not plain:
            raise _Unusual
        out.append(lead if lead is not None else pad)
        lead = None
        out.append(key)
        out.append(":")
        kind = type(item)
        if kind is str:
            if node is not None and node[4] and _ISO_DATE.match(item):
                item = _date_or_text(item)
                if type(item) is not str:
                    out.append(f" {item.isoformat()}\n")
                    continue
            if "\n" in item:
                _literal(item, indent + 2, out)
            elif _plain_values.get(item) or _is_plain_value(item):
                out.append(f" {item}\n")
            else:
                raise _Unusual
        elif kind is dict:
            out.append("\n")
            _block_mapping(item, indent + 2, out, None, node)
        elif kind is list:
            out.append("\n")
            _block_sequence(item, indent, out, node[3] if node is not None else None)
        elif kind in _SCALAR_TEXT:
            out.append(f" {_SCALAR_TEXT[kind](item)}\n")
        else:
            raise _Unusual


def _block_sequence(value: list, indent: int, out: list, plan: tuple | None = None) -> None:
    if not value:
        raise _Unusual
    dash = " " * indent + "- "
    for item in value:
        kind = type(item)
        if kind is str:
            if plan is not None and plan[4] and _ISO_DATE.match(item):
                item = _date_or_text(item)
                if type(item) is not str:
                    out.append(f"{dash}{item.isoformat()}\n")
                    continue
            if not (_plain_values.get(item) or _is_plain_value(item)):
                raise _Unusual
            out.append(f"{dash}{item}\n")
        elif kind is dict:
            _block_mapping(item, indent + 2, out, dash, plan)
        elif kind in _SCALAR_TEXT:
            out.append(f"{dash}{_SCALAR_TEXT[kind](item)}\n")
        else:
            raise _Unusual


def _literal(text: str, indent: int, out: list) -> None:
    """A mapping value written as a `|` block (clip) or `|-` block (strip): the record style's multi-line text."""
    if _str_style(text) != "|" or text[0] in " \n" or _UNUSUAL_CHAR.search(text):
        raise _Unusual
    if text[-1] == "\n":
        if text[-2] == "\n":
            raise _Unusual   # kept trailing lines (|+)
        body, header = text[:-1], " |\n"
    else:
        body, header = text, " |-\n"
    out.append(header)
    pad = " " * indent
    for line in body.split("\n"):
        out.append(f"{pad}{line}\n" if line else "\n")


def record_text(record: dict, schema_name: str, schema_dir: Path | str = SCHEMA_DIR, *,
                order: dict | None = None, dates: set[tuple] | None = None, direct: list | None = None) -> str:
    """The file text of `record`: the schema comment line, then the record in the schema's key order.
    Without the schema file, `order` (a key tree, see `schema_order`) and `dates` (paths of date fields, list items
    marked "[]") say the same. `direct`: a list that gets True appended when the text is the direct writer's (then
    `read_back` says what the file reads as)."""
    if order is None:
        folder = _resolved(str(schema_dir))
        order, schema_dates = schema_order(folder, schema_name)
        if dates is None:
            if type(record) is dict:    # the common record in one pass: ordered and written together
                text = _block_text(record, _plan(folder, schema_name))
                if text is not None:
                    if direct is not None:
                        direct.append(True)
                    return schema_line(schema_name) + text
            dates = schema_dates
    return schema_line(schema_name) + dump_yaml(_ordered(record, order, (), dates or set()))


_READ_BACK_DEPTH = 12   # far below the loader's limit (portal.load.yamlsafe.MAX_DEPTH)


def read_back(record: dict, schema_name: str, schema_dir: Path | str = SCHEMA_DIR) -> dict | None:
    """What portal.load.yamlsafe reads from the file text record_text wrote for `record` with its direct writer
    (`direct` got True): the same values in the file's key order, dates as their YYYY-MM-DD text (the loader keeps
    dates as text); None when the record nests deeper than a record does (the file must be read to know)."""
    try:
        return _read_back_mapping(record, _plan(_resolved(str(schema_dir)), schema_name), True, 0)
    except _Unusual:
        return None


def _read_back_mapping(value: dict, plan: tuple | None, top: bool, depth: int) -> dict:
    if depth > _READ_BACK_DEPTH:
        raise _Unusual
    if plan is None:
        pairs, children = value.items(), None
    else:   # the order _block_mapping writes
        keys, known, children = plan[0], plan[1], plan[2]
        ranked = [k for k in keys if k in value] + [k for k in value if k not in known]
        if top and LAYER_KEY in value and "id" in value:
            ranked.remove(LAYER_KEY)
            ranked.insert(ranked.index("id") + 1, LAYER_KEY)
        pairs = ((k, value[k]) for k in ranked)
    out = {}
    for key, item in pairs:
        node = children.get(key) if children is not None else None
        kind = type(item)
        if kind is dict:
            out[key] = _read_back_mapping(item, node, False, depth + 1)
        elif kind is list:
            out[key] = _read_back_sequence(item, node[3] if node is not None else None, depth + 1)
        else:
            out[key] = _read_back_scalar(item)
    return out


def _read_back_sequence(value: list, plan: tuple | None, depth: int) -> list:
    if depth > _READ_BACK_DEPTH:
        raise _Unusual
    return [_read_back_mapping(item, plan, False, depth + 1) if type(item) is dict else _read_back_scalar(item)
            for item in value]


def _read_back_scalar(value):
    kind = type(value)
    if kind is str or kind is int or kind is bool or value is None:
        return value
    if kind is dt.date:
        return value.isoformat()
    raise _Unusual   # never in a direct text


def _resolved(folder: str) -> str:
    """The absolute path of a schema folder (resolved once per folder and working directory)."""
    return _resolved_in(folder, os.getcwd())


@lru_cache(maxsize=64)
def _resolved_in(folder: str, cwd: str) -> str:
    return str(Path(cwd, folder).resolve())


def fields_text(fields: dict, schema_name: str, schema_dir: Path | str = SCHEMA_DIR) -> str:
    """YAML text of some top-level fields of a record (no schema line), in the schema's order and style: what an
    importer appends to a file it must not rewrite."""
    order, dates = schema_order(_resolved(str(schema_dir)), schema_name)
    return dump_yaml(_ordered(fields, order, (), dates))


UNREAD = object()   # write_record's `old` when the caller has not read the file
CHANGED = object()  # write_record's `old` when the caller knows the file exists with other bytes than `text`


def write_record(path: Path, text: str, *, old: str | None | object = UNREAD) -> str:
    """Write `text` to `path` (created, updated or unchanged: the word is returned), atomically. `old`: the file's
    text as the caller has just read it, None when it does not exist (then it is not looked at again), or CHANGED
    when the caller knows the file holds other bytes (it is then written without being read)."""
    if old is UNREAD:
        old = path.read_text(encoding="utf-8") if path.is_file() else None
    if old is CHANGED:
        action = "updated"
    elif old is not None:
        if old == text:
            return "unchanged"
        action = "updated"
    else:
        action = "created"
    folder, name = os.path.split(os.fspath(path))
    temporary = os.path.join(folder, f".{name}.tmp")
    try:
        handle = open(temporary, "w", encoding="utf-8")
    except OSError:     # the folder is made when missing (not looked for before every file)
        if folder:
            os.makedirs(folder, exist_ok=True)
        handle = open(temporary, "w", encoding="utf-8")
    with handle:
        handle.write(text)
    os.replace(temporary, path)
    return action


@lru_cache(maxsize=None)
def schema_order(schema_dir: str, schema_name: str) -> tuple[dict, frozenset[tuple]]:
    """({"keys": [...], "children": {key: subtree}, "items": subtree}, paths of date fields) from a schema file;
    ({"keys": [], "children": {}}, ∅) when the file does not exist."""
    files: dict[str, dict] = {}
    dates: set[tuple] = set()

    def load(name: str) -> dict:
        if name not in files:
            path = Path(schema_dir) / name
            if not path.is_file():  # a kind's schema kept elsewhere refers to the shared ones in data/schema/
                path = SCHEMA_DIR / name
            files[name] = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
        return files[name]

    def resolve(node: dict, current: str) -> tuple[dict, str]:
        depth = 0
        while isinstance(node, dict) and "$ref" in node and depth < 20:
            name, _, pointer = node["$ref"].partition("#")
            name = name or current
            target = load(name)
            for part in [p for p in pointer.split("/") if p]:
                target = target.get(part, {})
            node, current, depth = target, name, depth + 1
        return node, current

    def tree(node: dict, current: str, path: tuple) -> dict:
        node, current = resolve(node, current)
        out: dict = {"keys": [], "children": {}}
        if len(path) > _MAX_DEPTH or not isinstance(node, dict):
            return out
        if node.get("format") == "date":
            dates.add(path)
        for key, sub in (node.get("properties") or {}).items():
            out["keys"].append(key)
            out["children"][key] = tree(sub, current, path + (key,))
        if isinstance(node.get("items"), dict):
            out["items"] = tree(node["items"], current, path + ("[]",))
        return out

    return tree(load(schema_name), schema_name, ()), frozenset(dates)


@lru_cache(maxsize=None)
def _plan(schema_dir: str, schema_name: str) -> tuple:
    """schema_order's key tree for the direct writer: each node (keys, the same as a set, key -> child node, the
    items' node or None, whether the node is a date field)."""
    order, dates = schema_order(schema_dir, schema_name)

    def node(tree: dict | None, path: tuple) -> tuple | None:
        if tree is None:
            return None
        keys = tree.get("keys", [])
        children = {key: node(sub, path + (key,)) for key, sub in tree.get("children", {}).items()}
        return (keys, frozenset(keys), children, node(tree.get("items"), path + ("[]",)), path in dates)

    return node(order, ())


def _date_or_text(value: str):
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return value


def _ordered(value, order: dict | None, path: tuple, dates: set[tuple] | frozenset[tuple]):
    if isinstance(value, dict):
        keys = (order or {}).get("keys", [])
        children = (order or {}).get("children", {})
        ranked = [k for k in keys if k in value] + [k for k in value if k not in keys]
        if not path and LAYER_KEY in value and "id" in value:  # read by the load step: it belongs beside the id
            ranked.remove(LAYER_KEY)
            ranked.insert(ranked.index("id") + 1, LAYER_KEY)
        return {k: _ordered(value[k], children.get(k), path + (k,), dates) for k in ranked}
    if isinstance(value, list):
        items = (order or {}).get("items")
        return [_ordered(v, items, path + ("[]",), dates) for v in value]
    if isinstance(value, str) and path in dates and _ISO_DATE.match(value):
        return _date_or_text(value)
    return value
