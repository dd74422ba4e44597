# Property test: every field of every shipped record, turned into every other YAML type and shape, is a located problem.
"""Seeds are the shipped data files (data/<kind>/*.yml, lists cut to three items). Each mutation replaces one field
(any depth) by a value of another YAML type or shape, writes the record as YAML and runs the real steps on it:

- validate: `check_dataset` on the record and the records it refers to; no exception; every problem is printed as
  `file:line: field: message` with a real line; a record the schema rejects gets at least one problem naming the
  mutated field (or its parent or child), in the mutated file;
- build: when validation passes, the derive step and every page (both languages) that shows the record are rendered,
  and its search entries made (the mkdocs run itself is tested in tests/engine);
- live preview: tests/engine/test_preview_robust.py runs a sample of the same mutations through Preview.update().

`test_every_field_of_every_kind_into_every_other_shape` covers every field path (list positions merged) of every kind
with every shape; `test_random_mutations` (hypothesis, seeded) draws any seed file, any field and nested values."""
from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import re
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings as hypothesis_settings, strategies as st

from portal.check.validate import check_dataset
from portal.derive.facts import Derived
from portal.kinds import BY_NAME, KINDS
from portal.load.dataset import read_dataset
from portal.load.yamlsafe import dotted, load_yaml_file
from portal.pages.catalog import generated_pages
from portal.pages.context import PageContext
from portal.settings import LANGS, SHIPPED_DATA, Settings

from portal_testing import TODAY  # noqa: E402  (the suite's fixed day)
PROBLEM_LINE = re.compile(r"^(?P<path>.+?):(?P<line>[1-9][0-9]*): (?P<field>[^:]+): .+$")
# One value of every YAML type and shape an editor may write by mistake.
SHAPES = {
    "null": None, "true": True, "integer": 7, "float": 2.5, "text": "文字 text", "empty text": "",
    "empty list": [], "list of text": ["文字"], "list of mappings": [{"zh": "文字"}], "empty mapping": {},
    "bilingual mapping": {"zh": "文字", "en": "text"},
}
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
STATS = {"mutations": 0, "rejected": 0, "located": 0, "exactly one": 0, "accepted": 0, "pages rendered": 0}


def _trimmed(value, keep: int = 3):
    """A shipped value with every list cut to its first `keep` items (same shapes, smaller files)."""
    if isinstance(value, dict):
        return {k: _trimmed(v, keep) for k, v in value.items()}
    if isinstance(value, list):
        return [_trimmed(v, keep) for v in value[:keep]]
    return value


def _paths(value, prefix: tuple = ()):
    """Every field path of a value, parents before children."""
    if isinstance(value, dict):
        for key, child in value.items():
            yield prefix + (key,)
            yield from _paths(child, prefix + (key,))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield prefix + (index,)
            yield from _paths(child, prefix + (index,))


def _generic(path: tuple) -> tuple:
    return tuple("[*]" if isinstance(part, int) else part for part in path)


def _replaced(value, path: tuple, new):
    if not path:
        return new
    head, rest = path[0], path[1:]
    if isinstance(value, dict):
        return {k: (_replaced(v, rest, new) if k == head else v) for k, v in value.items()}
    return [(_replaced(v, rest, new) if i == head else v) for i, v in enumerate(value)]


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for child in value.values():
            yield from _strings(child)
    elif isinstance(value, list):
        for child in value:
            yield from _strings(child)


@dataclasses.dataclass
class Seeds:
    full: object                  # the shipped Dataset
    records: list[tuple[str, str, dict]]  # (kind, id, trimmed record)

    known: dict = dataclasses.field(default_factory=dict)

    def neighbours(self, kind: str, record_id: str) -> set[tuple[str, str]]:
        """The shipped records a record names (transitively): what its checks and pages look up."""
        if (kind, record_id) in self.known:
            return self.known[(kind, record_id)]
        found: set[tuple[str, str]] = set()
        self.known[(kind, record_id)] = found
        todo = [self.full.records[kind][record_id]]
        while todo:
            for text in set(_strings(todo.pop())):
                for kind, by_id in self.full.records.items():
                    if text in by_id and (kind, text) not in found:
                        found.add((kind, text))
                        todo.append(by_id[text])
        return found


@pytest.fixture(scope="module", autouse=True)
def summary():
    """The figures of the run (shown with -s): mutations, rejected, located, exactly one problem, pages rendered."""
    yield
    print("\nmutation totals: " + ", ".join(f"{k}: {v}" for k, v in STATS.items()))


@pytest.fixture(scope="module")
def seeds() -> Seeds:
    full = read_dataset((SHIPPED_DATA,), KINDS)
    records = [(kind, rid, _trimmed(record)) for (kind, rid), record in
               ((key, full.records[key[0]][key[1]]) for key in sorted(full.record_files))]
    return Seeds(full, records)


def _mutate(seeds: Seeds, root: Path, number: int, kind: str, record_id: str, record: dict, path: tuple, new) -> None:
    """Write the mutated record, run validate and (when it passes) the build's page rendering; assert the property."""
    mutated = _replaced(record, path, new)
    folder = root / f"m{number}" / kind
    folder.mkdir(parents=True)
    target = folder / f"{record_id}.yml"
    target.write_text(yaml.dump(mutated, Dumper=_DUMPER, allow_unicode=True, sort_keys=False), encoding="utf-8")
    line_count = target.read_text(encoding="utf-8").count("\n") + 1
    loaded = load_yaml_file(target, str(target))
    assert isinstance(loaded.value, dict) and not loaded.problems, loaded.problems
    keys = {key for key in seeds.neighbours(kind, record_id) if key != (kind, record_id)}
    full = seeds.full
    records = {name: {} for name in full.records}
    files = {}
    for key in keys:
        records[key[0]][key[1]] = full.records[key[0]][key[1]]
        files[key] = full.record_files[key]
    records[kind][record_id] = loaded.value
    files[(kind, record_id)] = loaded
    dataset = dataclasses.replace(full, roots=(root / f"m{number}",), records=records, record_files=files,
                                  layer_of={key: 0 for key in files}, load_problems=[], unreadable=[],
                                  _terms_cache={})
    result = check_dataset(dataset, TODAY, production=False, bilingual=True)
    STATS["mutations"] += 1
    mine = []
    for problem in result.problems:
        match = PROBLEM_LINE.match(str(problem))
        assert match, f"not a located problem: {problem}"
        if problem.path == str(target):
            assert problem.line <= line_count, str(problem)
            mine.append(problem)
    field = dotted(path)
    naming = [p for p in mine if p.field == field or p.field.startswith((field + ".", field + "["))
              or field.startswith((p.field + ".", p.field + "["))]
    from portal.check.schema import fast_schema_validator
    if not fast_schema_validator(BY_NAME[kind].schema, True).is_valid(loaded.value):
        STATS["rejected"] += 1
        assert naming, (f"{kind}/{record_id} {field} -> {new!r}: no problem names the field; got "
                        + "; ".join(map(str, result.problems)))
        STATS["located"] += 1
        STATS["exactly one"] += len(result.problems) == 1
    if not result.problems:
        STATS["accepted"] += 1
        derived = Derived(dataset, TODAY)
        settings = Settings(data_dirs=dataset.roots, today=TODAY)
        for lang in LANGS:
            ctx = PageContext(lang, derived, settings, "")
            for spec in generated_pages(ctx):
                if (kind, record_id) in spec.dependencies():
                    spec.render(ctx)
                    STATS["pages rendered"] += 1
            if BY_NAME[kind].has_pages:
                BY_NAME[kind].view_part().search_docs(record_id, ctx)


def test_seeds_are_valid_on_their_own(seeds, tmp_path):
    """The property means something only if the unmutated seeds pass: each is checked with its neighbours."""
    for number, (kind, record_id, record) in enumerate(seeds.records):
        _mutate(seeds, tmp_path, number, kind, record_id, record, (), record)


def test_every_field_of_every_kind_into_every_other_shape(seeds, tmp_path):
    """Every field path of every kind (list positions merged; the smallest file having it is the seed) × every shape."""
    STATS.update(dict.fromkeys(STATS, 0))
    chosen: dict[tuple, tuple] = {}
    by_size = sorted(seeds.records, key=lambda r: len(repr(r[2])))
    for kind, record_id, record in by_size:
        for path in _paths(record):
            chosen.setdefault((kind, _generic(path)), (kind, record_id, record, path))
    counter = itertools.count()
    for (kind, _generic_path), (kind, record_id, record, path) in sorted(chosen.items(), key=lambda kv: kv[0]):
        original = _at(record, path)
        for name, new in SHAPES.items():
            if new != original:
                _mutate(seeds, tmp_path, next(counter), kind, record_id, record, path, new)
    print(f"\nexhaustive: {len(chosen)} field paths; " + ", ".join(f"{k}: {v}" for k, v in STATS.items()))


def _at(value, path: tuple):
    for part in path:
        value = value[part]
    return value


_scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=False),
                     st.text(max_size=12), st.sampled_from(["2020-02-30", "con", "nul", "+1 555", "  ", "\t", "：", "x"]))
_values = st.recursive(_scalars, lambda inner: st.lists(inner, max_size=3)
                       | st.dictionaries(st.sampled_from(["zh", "en", "id", "x", "title"]), inner, max_size=3),
                       max_leaves=6)


@hypothesis_settings(max_examples=200, derandomize=True, deadline=None, database=None,
                     suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_random_mutations(seeds, tmp_path_factory, data):
    kind, record_id, record = data.draw(st.sampled_from(seeds.records), label="seed")
    path = data.draw(st.sampled_from(list(_paths(record))), label="field")
    new = data.draw(_values, label="value")
    root = tmp_path_factory.mktemp("mutation")
    _mutate(seeds, root, 0, kind, record_id, record, path, new)
