# Every data layer's records of one kind, read through portal.load, for importers (which file, which layer, which id).
"""Layer reading for importers: the records of one kind in every data layer (DATA=base:organisation), read by the
load step (`portal.load.dataset`, safe YAML with line numbers), so an importer sees what every layer already has.

`read_kind(layers, kind_name)` gives a `KindRecords`: id -> record (a later layer's override wins), the file and
layer of each, and the problems of reading them (folders of other kinds are not problems here).
`read_vocabularies(layers)` gives the vocabularies as the load step merges them (the shipped ones, then each layer's
added terms) and the problems of reading their files."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from portal.load.dataset import read_dataset
from portal.records.ids import kind_folders
from portal.records.problems import Problem


class _KindName(NamedTuple):
    name: str


@dataclass
class KindRecords:
    """The records of one kind across the layers; `layers[-1]` is the layer importers write to."""

    kind: str
    layers: tuple[Path, ...]
    records: dict[str, dict] = field(default_factory=dict)
    files: dict[str, Path] = field(default_factory=dict)
    layer_of: dict[str, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    @property
    def write_layer(self) -> Path:
        return self.layers[-1]

    def in_write_layer(self, record_id: str) -> bool:
        return self.layer_of.get(record_id) == len(self.layers) - 1


def read_kind(layers: tuple[Path, ...] | list[Path] | Path, kind: str) -> KindRecords:
    """Every record of `kind` in `layers` (in order), by id, with its file and layer."""
    layers = (Path(layers),) if isinstance(layers, (str, Path)) else tuple(Path(p) for p in layers)
    dataset = read_dataset(layers, [_KindName(kind)])
    other_kinds = kind_folders() - {kind}
    found = KindRecords(kind, layers)
    # A layer that does not exist yet (the import creates it) and the folders of other kinds are not problems here.
    found.problems = [p for p in dataset.load_problems if p.code != "load.no-folder"
                      and not (p.code == "load.unknown-folder" and Path(p.path).name in other_kinds)]
    found.problems += [p for loaded in dataset.unreadable for p in loaded.problems]
    for record_id, record in dataset.records.get(kind, {}).items():
        layer = dataset.layer_of[(kind, record_id)]
        path = layers[layer] / kind / f"{record_id}.yml"
        found.records[record_id] = record
        found.files[record_id] = path if path.is_file() else path.with_suffix(".yaml")
        found.layer_of[record_id] = layer
    return found


def read_vocabularies(layers: tuple[Path, ...] | list[Path] | Path) -> tuple[dict[str, dict], list[Problem]]:
    """Vocabulary file name -> its merged contents over the shipped data and `layers`, and every problem of reading
    a vocabulary file (records are not read)."""
    layers = (Path(layers),) if isinstance(layers, (str, Path)) else tuple(Path(p) for p in layers)
    dataset = read_dataset(layers, [])
    problems = [p for loaded in dataset.unreadable for p in loaded.problems]
    problems += [p for files in dataset.vocab_layers.values() for loaded in files for p in loaded.problems]
    return dataset.vocab, problems
