# Finds and reads every data file of a data set (records and vocabularies); the one place data is loaded from disk.
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from portal.yamlsafe import LoadedFile, load_yaml_file

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA_DIR = REPO_ROOT / "data"
SCHEMA_DIR = DEFAULT_DATA_DIR / "schema"


@dataclass(frozen=True)
class Kind:
    """A record kind: its folder under the data dir (also its URL segment) and its schema."""

    folder: str
    schema: str
    has_pages: bool = True


KINDS = (
    Kind("regulations", "regulation.schema.json"),
    Kind("cases", "case.schema.json"),
    Kind("contacts", "contact-directory.schema.json"),
    Kind("articles", "article.schema.json"),
    Kind("quiz", "quiz.schema.json", has_pages=False),
)
KIND_BY_FOLDER = {kind.folder: kind for kind in KINDS}
PAGE_KINDS = tuple(kind.folder for kind in KINDS if kind.has_pages)

VOCABULARIES = {
    "regulation-levels": "vocab-terms.schema.json",
    "topics": "vocab-terms.schema.json",
    "industries": "vocab-terms.schema.json",
    "provinces": "vocab-terms.schema.json",
    "contact-categories": "vocab-terms.schema.json",
    "article-categories": "vocab-terms.schema.json",
    "phone-types": "vocab-terms.schema.json",
    "accident-types": "vocab-accident-types.schema.json",
    "accident-tiers": "vocab-accident-tiers.schema.json",
    "service-numbers": "vocab-service-numbers.schema.json",
}


@dataclass
class Dataset:
    """Everything read from one data directory: records by kind and id, vocabularies, and the files they came from."""

    root: Path
    records: dict[str, dict[str, dict]] = field(default_factory=dict)
    record_files: dict[tuple[str, str], LoadedFile] = field(default_factory=dict)
    vocab: dict[str, dict] = field(default_factory=dict)
    vocab_files: dict[str, LoadedFile] = field(default_factory=dict)
    unreadable: list[LoadedFile] = field(default_factory=list)
    _terms_cache: dict[str, dict] = field(default_factory=dict, repr=False)

    @property
    def regulations(self) -> dict[str, dict]:
        return self.records["regulations"]

    @property
    def cases(self) -> dict[str, dict]:
        return self.records["cases"]

    @property
    def contacts(self) -> dict[str, dict]:
        return self.records["contacts"]

    @property
    def articles(self) -> dict[str, dict]:
        return self.records["articles"]

    @property
    def quiz(self) -> dict[str, dict]:
        return self.records["quiz"]

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


def resolve_data_dir(data_dir: str | os.PathLike | None = None) -> Path:
    """The data directory: the argument, else $PORTAL_DATA, else data/ in the repository."""
    chosen = data_dir or os.environ.get("PORTAL_DATA") or DEFAULT_DATA_DIR
    path = Path(chosen)
    if not path.is_absolute():
        path = (Path.cwd() / path).resolve()
    return path


def vocab_dir_for(root: Path) -> Path:
    """A data set may bring its own vocabularies; otherwise it uses the shipped ones."""
    own = root / "vocab"
    return own if own.is_dir() else DEFAULT_DATA_DIR / "vocab"


def _relative(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def read_dataset(root: Path) -> Dataset:
    """Read every YAML file of the data set. Files that cannot be parsed are kept in `unreadable`."""
    dataset = Dataset(root=root)
    for kind in KINDS:
        dataset.records[kind.folder] = {}
        folder = root / kind.folder
        if not folder.is_dir():
            continue
        for path in sorted(folder.iterdir()):
            if path.name.startswith(".") or path.suffix not in (".yml", ".yaml") or not path.is_file():
                continue
            loaded = load_yaml_file(path, _relative(path))
            if not isinstance(loaded.value, dict):
                dataset.unreadable.append(loaded)
                continue
            record_id = path.stem
            dataset.records[kind.folder][record_id] = loaded.value
            dataset.record_files[(kind.folder, record_id)] = loaded
    vocab_dir = vocab_dir_for(root)
    for name in VOCABULARIES:
        path = vocab_dir / f"{name}.yml"
        if not path.is_file():
            continue
        loaded = load_yaml_file(path, _relative(path))
        dataset.vocab_files[name] = loaded
        if isinstance(loaded.value, dict):
            dataset.vocab[name] = loaded.value
        else:
            dataset.unreadable.append(loaded)
    return dataset
