# Finds and reads every data file of the data layers (records and vocabularies): the one place data is read from disk.
"""Load step: read the data layers (DATA=base:branch) into one Dataset, keeping where each record came from.

Later layers add records and vocabulary terms; a record that replaces one of an earlier layer must say so with
`overrides: true`, otherwise it is a problem. Files that look like data but would be ignored (x.yaml beside x.yml,
X.YML, x.yml.txt, a misspelled folder, a link pointing outside the layer) are reported, never silently dropped."""
from __future__ import annotations

import difflib
import errno
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from portal.records.problems import Problem
from portal.load.yamlsafe import LoadedFile, ParseCache, load_yaml_file, preload
from portal.settings import SHIPPED_DATA, resolved

VOCAB_FOLDER = "vocab"
IGNORED_FOLDERS = {"schema", VOCAB_FOLDER}
IGNORED_FILES = {"README.md", "readme.md", "layer.yml"}


@dataclass
class Dataset:
    """Everything read from the data layers: records by kind and id, vocabularies, and the files they came from."""

    roots: tuple[Path, ...]
    records: dict[str, dict[str, dict]] = field(default_factory=dict)
    record_files: dict[tuple[str, str], LoadedFile] = field(default_factory=dict)
    vocab: dict[str, dict] = field(default_factory=dict)
    vocab_files: dict[str, LoadedFile] = field(default_factory=dict)
    vocab_layers: dict[str, list[LoadedFile]] = field(default_factory=dict)
    unreadable: list[LoadedFile] = field(default_factory=list)
    load_problems: list[Problem] = field(default_factory=list)
    layer_of: dict[tuple[str, str], int] = field(default_factory=dict)  # (kind, id) -> index of its layer
    # Left out of the semantic checks because they failed to load or did not pass the schema (their problems say why):
    failed_records: frozenset = frozenset()      # (kind, id)
    broken_vocabularies: frozenset = frozenset()  # vocabulary names with a layer that failed
    unreadable_keys: set = field(default_factory=set)  # (kind, id) of unreadable record files, ("vocab", name)
    _terms_cache: dict[str, dict] = field(default_factory=dict, repr=False)

    @property
    def root(self) -> Path:
        return self.roots[-1]

    def __getattr__(self, name: str):
        # dataset.regulations, dataset.cases, ...: the records of a kind by its folder name.
        records = self.__dict__.get("records") or {}
        if name in records:
            return records[name]
        raise AttributeError(name)

    def __getstate__(self):
        return {k: v for k, v in self.__dict__.items() if k != "_terms_cache"}

    def __setstate__(self, state):
        self.__dict__.update(state, _terms_cache={})

    def schema_valid(self, failed_records: set, failed_vocab_files: set, missing_vocabularies: set = frozenset()
                     ) -> "Dataset":
        """The records and vocabulary layers that passed the schema (failed ones left out and remembered), for the
        semantic checks: they may then rely on every type the schema promises."""
        records = {kind: {rid: rec for rid, rec in by_id.items() if (kind, rid) not in failed_records}
                   for kind, by_id in self.records.items()}
        vocab_layers = {name: [f for f in layers if id(f) not in failed_vocab_files]
                        for name, layers in self.vocab_layers.items()}
        broken = {name for name, layers in self.vocab_layers.items() if any(id(f) in failed_vocab_files for f in layers)}
        # Unreadable files are failed too: what refers to them is not reported again (the cause is, first).
        failed_records = set(failed_records) | {key for key in self.unreadable_keys if key[0] != "vocab"}
        broken |= {name for kind, name in self.unreadable_keys if kind == "vocab"} | set(missing_vocabularies)
        vocab, vocab_files = merged_vocabularies(vocab_layers)
        return Dataset(roots=self.roots, records=records,
                       record_files={k: f for k, f in self.record_files.items() if k not in failed_records},
                       vocab=vocab, vocab_files=vocab_files, vocab_layers=vocab_layers, unreadable=self.unreadable,
                       load_problems=self.load_problems,
                       layer_of={k: v for k, v in self.layer_of.items() if k not in failed_records},
                       failed_records=frozenset(failed_records), broken_vocabularies=frozenset(broken))

    def all_files(self) -> list[LoadedFile]:
        """Every file read: records, vocabulary layers and the unreadable ones."""
        files = list(self.record_files.values()) + list(self.unreadable)
        return files + [f for layers in self.vocab_layers.values() for f in layers]

    def terms(self, vocab_name: str) -> dict[str, dict]:
        """Terms of a simple vocabulary by id (empty if the vocabulary is missing or broken)."""
        if vocab_name not in self._terms_cache:
            data = self.vocab.get(vocab_name) or {}
            terms = data.get("terms", []) if isinstance(data.get("terms"), list) else []
            self._terms_cache[vocab_name] = {t["id"]: t for t in terms if isinstance(t, dict) and "id" in t}
        return self._terms_cache[vocab_name]

    def accident_schemes(self) -> dict[str, dict]:
        data = self.vocab.get("accident-types") or {}
        return {s["id"]: s for s in data.get("schemes", []) if isinstance(s, dict) and "id" in s}

    def accident_tiers(self) -> list[dict]:
        return list((self.vocab.get("accident-tiers") or {}).get("tiers", []))

    def service_numbers(self) -> dict[str, dict]:
        data = self.vocab.get("service-numbers") or {}
        return {n["number"]: n for n in data.get("numbers", []) if isinstance(n, dict) and "number" in n}


def _relative(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _problem(path: Path, zh: str, en: str, code: str) -> Problem:
    return Problem(_relative(path), 1, "(file)", f"{zh} / {en}", code)


def _refusal(path: Path) -> Problem | None:
    """Why a directory entry cannot be a data file (a link that loops or points nowhere, a named pipe, a socket, a
    device), as one problem; None for a regular file or folder (or a link to one). Only stat() is used: nothing is
    opened, so a named pipe never blocks."""
    try:
        info = os.lstat(path)
        if stat.S_ISLNK(info.st_mode):
            info = os.stat(path)
    except OSError as error:
        if error.errno == errno.ELOOP:
            return _problem(path, "链接循环指向自身，不予读取", "is a link that loops back on itself (a symlink loop): "
                            "not read; remove the link or point it at a real file", "load.link-loop")
        if error.errno in (errno.ENOENT, errno.ENOTDIR) and not os.path.islink(path):
            return None  # nothing there at all, not a link: the caller says what is missing (load.no-folder)
        if error.errno in (errno.ENOENT, errno.ENOTDIR):
            return _problem(path, "链接指向的文件不存在", "is a link to a file that does not exist: not read; remove the "
                            "link or copy the file in", "load.broken-link")
        return _problem(path, f"无法读取：{error.strerror}", f"cannot be read ({error.strerror}): check its "
                        "permissions", "load.unreadable")
    mode = info.st_mode
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    what = ("命名管道（FIFO）", "a named pipe (FIFO)") if stat.S_ISFIFO(mode) else (
        ("套接字", "a socket") if stat.S_ISSOCK(mode) else ("设备文件", "a device file"))
    return _problem(path, f"是{what[0]}而不是普通文件，不予读取", f"is {what[1]}, not a regular file: not read "
                    "(reading it could wait forever); remove it from the data folder", "load.not-regular")


def _inside(path: Path, root: Path) -> bool:
    try:
        resolved(path).relative_to(resolved(root))
        return True
    except ValueError:
        return False


def _record_files(root: Path, folders: tuple[str, ...], problems: list[Problem]) -> list[tuple[str, Path]]:
    """(kind, path) of every record file of one layer; everything that looks like data but is not read is reported."""
    found: list[tuple[str, Path]] = []
    for entry in sorted(root.iterdir()) if root.is_dir() else []:
        if entry.name.startswith(".") or entry.name in IGNORED_FILES:
            continue
        refused = _refusal(entry)
        if refused:
            problems.append(refused)
            continue
        if entry.is_dir():
            if entry.name in IGNORED_FOLDERS:
                continue
            if entry.name not in folders:
                close = difflib.get_close_matches(entry.name, folders, n=1)
                hint = f"did you mean {close[0]}/?" if close else f"record folders are: {', '.join(folders)}"
                problems.append(_problem(entry, f"未知的文件夹 {entry.name}/，其中的文件不会被读取",
                                         f"unknown folder {entry.name}/ — its files would be ignored: {hint}",
                                         "load.unknown-folder"))
                continue
            stems: dict[str, Path] = {}
            # x.yml before its twin x.yaml, so the .yml file is the one read and the twin the one reported.
            for path in sorted(entry.iterdir(), key=lambda p: (p.stem, p.suffix != ".yml", p.name)):
                if path.name.startswith("."):
                    continue
                refused = _refusal(path)
                if refused:
                    problems.append(refused)
                    continue
                if path.is_symlink() and not _inside(path, root):
                    problems.append(_problem(path, "链接指向数据文件夹之外，不予读取",
                                             "is a link to a file outside the data folder: copy the file in instead",
                                             "load.outside-link"))
                    continue
                if path.is_dir():
                    problems.append(_problem(path, "记录文件夹中不应有子文件夹",
                                             "sub-folders inside a record folder are not read: move its files up",
                                             "load.subfolder"))
                    continue
                suffix = path.suffix
                if suffix not in (".yml", ".yaml"):
                    what = ("请改为小写 .yml" if suffix.lower() in (".yml", ".yaml") else "不是 .yml 文件，不会被读取",
                            "rename it to end in lower-case .yml" if suffix.lower() in (".yml", ".yaml")
                            else "is not a .yml file and would be ignored: rename it to <id>.yml or move it out")
                    problems.append(_problem(path, what[0], what[1], "load.not-yml"))
                    continue
                if path.stem in stems:
                    problems.append(_problem(path, f"与 {stems[path.stem].name} 是同一记录的两个文件，请删除一个",
                                             f"{path.name} and {stems[path.stem].name} are two files for one record: "
                                             "keep one (.yml)", "load.twin"))
                    continue
                stems[path.stem] = path
                found.append((entry.name, path))
        elif entry.suffix.lower() in (".yml", ".yaml"):
            problems.append(_problem(entry, "记录文件应放在其类别的文件夹中",
                                     f"record files belong in a kind folder ({', '.join(folders)}/), not at the top",
                                     "load.loose-file"))
    return found


def read_dataset(roots: tuple[Path, ...] | Path, kinds, cache: ParseCache | None = None) -> Dataset:
    """Read every YAML file of the layers, in order. `kinds` is the kind registry (name, schema of each); `cache`
    the parsed files the caller keeps (a new one when not given: files are parsed once within this read)."""
    cache = ParseCache() if cache is None else cache
    roots = (roots,) if isinstance(roots, Path) else tuple(roots)
    dataset = Dataset(roots=roots)
    folders = tuple(kind.name for kind in kinds)
    for kind in kinds:
        dataset.records[kind.name] = {}
    layers = []
    for root in roots:
        refused = _refusal(root)
        if refused:
            dataset.load_problems.append(refused)
            layers.append([])
            continue
        if not root.is_dir():
            dataset.load_problems.append(_problem(root, "数据文件夹不存在", "data folder does not exist: check DATA=",
                                                  "load.no-folder"))
            layers.append([])
            continue
        layers.append([(kind_name, path, _relative(path))
                       for kind_name, path in _record_files(root, folders, dataset.load_problems)])
    preload([(path, rel_path) for files in layers for _kind, path, rel_path in files], cache)  # both cores
    for layer, files in enumerate(layers):
        for kind_name, path, rel_path in files:
            loaded = load_yaml_file(path, rel_path, cache)
            if not isinstance(loaded.value, dict):
                dataset.unreadable.append(loaded)
                dataset.unreadable_keys.add((kind_name, path.stem))
                continue
            record_id = path.stem
            key = (kind_name, record_id)
            if key in dataset.record_files:
                earlier = dataset.record_files[key]
                if loaded.value.get("overrides") is not True:
                    dataset.load_problems.append(Problem(
                        loaded.rel_path, loaded.line_of(("id",)), "id",
                        f"与上一层的 {earlier.rel_path} 重名；如确需替换，请写 overrides: true / replaces "
                        f"{earlier.rel_path} of an earlier layer: add `overrides: true` if that is meant, "
                        "else choose another id", "load.silent-override"))
                    continue
            value = loaded.value
            if value.get("overrides") is True:
                # Not a field of the record: left out of the record (any other value is reported by the schema).
                # The loaded file itself is shared with the parse cache and never changed.
                value = {k: v for k, v in value.items() if k != "overrides"}
            dataset.records[kind_name][record_id] = value
            dataset.record_files[key] = loaded
            dataset.layer_of[key] = layer
    _read_vocabularies(dataset, roots, cache)
    return dataset


def _read_vocabularies(dataset: Dataset, roots: tuple[Path, ...], cache: ParseCache) -> None:
    """The shipped vocabularies, then each layer's own: a layer's file adds terms to (never replaces) the base.
    A file in a vocab folder that is no vocabulary (vocab/topic.yml for topics.yml) is reported, not ignored."""
    from portal.load.vocabularies import VOCABULARIES

    folders = [SHIPPED_DATA / VOCAB_FOLDER] + [r / VOCAB_FOLDER for r in roots if _refusal(r) is None and r.is_dir()
                                               and resolved(r) != SHIPPED_DATA.resolve()]
    found: dict[str, list[Path]] = {}
    for folder in folders:
        refused = _refusal(folder) if os.path.lexists(folder) else None
        if refused:
            dataset.load_problems.append(refused)
            continue
        for path in sorted(folder.iterdir()) if folder.is_dir() else []:
            if path.name.startswith(".") or path.name in IGNORED_FILES:
                continue
            refused = _refusal(path)
            if refused:
                dataset.load_problems.append(refused)
                continue
            name = path.name[:-4] if path.name.endswith(".yml") and path.is_file() else None
            if name not in VOCABULARIES:
                close = difflib.get_close_matches(path.stem, list(VOCABULARIES), n=1)
                hint = (f"did you mean {close[0]}.yml?" if close
                        else "vocabulary files are: " + ", ".join(f"{n}.yml" for n in VOCABULARIES))
                dataset.load_problems.append(_problem(path, f"未知的词表文件 {path.name}，不会被读取",
                                                      f"unknown vocabulary file {path.name}: it would be ignored; {hint}",
                                                      "load.unknown-vocabulary"))
                continue
            found.setdefault(name, []).append(path)
    for name in VOCABULARIES:
        for path in found.get(name, []):
            loaded = load_yaml_file(path, _relative(path), cache)
            if not isinstance(loaded.value, dict):
                dataset.unreadable.append(loaded)
                dataset.unreadable_keys.add(("vocab", name))
                continue
            dataset.vocab_layers.setdefault(name, []).append(loaded)
    dataset.vocab, dataset.vocab_files = merged_vocabularies(dataset.vocab_layers)


def merged_vocabularies(vocab_layers: dict[str, list[LoadedFile]]) -> tuple[dict[str, dict], dict[str, LoadedFile]]:
    """Each vocabulary's layers merged in order (the first layer's file is the one named), and those first files."""
    from portal.load.vocabularies import merge_vocabulary

    vocab, files = {}, {}
    for name, layers in vocab_layers.items():
        for loaded in layers:
            if name not in vocab:
                files[name] = loaded
                vocab[name] = loaded.value
            else:
                vocab[name] = merge_vocabulary(vocab[name], loaded.value)
    return vocab, files
