# The one validator: load every layer, check schemas, files, ids, references, graph and kinds; all problems at once.
"""Check step: every problem of the data set at once, in file and line order, each `file:line: field: message`.

Order: file discovery (portal/load/dataset.py) -> YAML -> schema (strict about languages for the shipped content) ->
ids and file names -> vocabularies -> each kind's semantic checks (portal/kinds/) -> computed-field agreement ->
each kind's checks across its records (Kind.check_all: computed fields, the
supersedes graph). Warnings (e.g. official sources on unknown hosts) are listed but do not fail."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from dataclasses import dataclass, field

from portal.check.checker import Checker
from portal.check.problems import Problem, Warning_
from portal.check.schema import schema_problems
from portal.kinds import BY_NAME, KINDS
from portal.kinds.regulations import article_ref
from portal.load.dataset import Dataset, read_dataset
from portal.load.yamlsafe import ParseCache
from portal.load.vocabularies import LIST_IDENTIFIERS, OPTIONAL_VOCABULARIES, VOCABULARIES
from portal.records.ids import RESERVED_ID
from portal.settings import SHIPPED_DATA, Settings, resolved

# Vocabularies whose term ids become URL folders (checked against RESERVED_ID, the site's own page names).
URL_VOCABULARIES = ("topics", "industries", "provinces", "regulation-levels", "article-categories", "resource-types")


@dataclass
class CheckResult:
    dataset: Dataset
    problems: list[Problem]
    warnings: list[Warning_] = field(default_factory=list)
    source_quality: dict[str, dict[str, int]] = field(default_factory=dict)


def check_dataset(dataset: Dataset, today: dt.date, production: bool = False, bilingual: bool = True) -> CheckResult:
    """Every problem in the data set, in file and line order.

    Schema first: a record or vocabulary layer that did not load or did not pass its schema is left out of every
    semantic check (its own problems say what is wrong), so the semantic checks may rely on the types the schema
    promises. No exception is swallowed here: one escaping a semantic check is a bug of the check."""
    problems: list[Problem] = list(dataset.load_problems)
    for loaded in dataset.unreadable:
        problems.extend(loaded.problems)
        if not loaded.problems:
            problems.append(Problem(loaded.rel_path, 1, "(file)",
                                    "文件内容应为“字段: 值”的形式 / the file must hold fields (key: value), not a list or "
                                    "a single value", "yaml.not-mapping"))
    failed_vocab_files: set[int] = set()
    missing_vocabularies = set()
    for name, schema in VOCABULARIES.items():
        layers = dataset.vocab_layers.get(name) or []
        if not layers and name not in OPTIONAL_VOCABULARIES:
            missing_vocabularies.add(name)
            problems.append(Problem(f"data/vocab/{name}.yml", 1, "(file)", "缺少词表文件 / vocabulary file is missing",
                                    "vocab.missing"))
        for loaded in layers:
            value = loaded.value
            if value.get("overrides") is True:  # a layer replacing items of an earlier one: not a field of the file
                value = {k: v for k, v in value.items() if k != "overrides"}
            found = loaded.problems + schema_problems(loaded, schema, bilingual, value)
            if found:
                failed_vocab_files.add(id(loaded))
            problems.extend(found)
    failed_records: set[tuple[str, str]] = set()
    for key, loaded in dataset.record_files.items():
        found = loaded.problems + schema_problems(loaded, BY_NAME[key[0]].schema, bilingual,
                                                  dataset.records[key[0]][key[1]])
        if found:
            failed_records.add(key)
        problems.extend(found)
    problems.extend(_file_and_id_checks(dataset))
    checked = dataset.schema_valid(failed_records, failed_vocab_files, missing_vocabularies)
    checker = Checker(checked, today, production, bilingual)
    _check_vocabularies(checker, checked)
    _check_synonyms(checker, checked)
    for (folder, record_id), loaded in checked.record_files.items():
        BY_NAME[folder].check(checker, record_id, checked.records[folder][record_id], loaded)
    problems.extend(checker.problems)
    for kind in KINDS:
        problems.extend(kind.check_all(checked, today))
    unique = sorted(set(problems), key=lambda p: (_consequence_rank(p), p.path, p.line, p.field, p.message))
    warnings = sorted(set(checker.warnings), key=lambda w: (w.path, w.line, w.field))
    return CheckResult(dataset, unique, warnings, checker.source_quality)


# Problems that make a file unreadable or a vocabulary unusable come first: others may follow from them.
_ROOT_CAUSE_CODES = ("yaml.", "load.", "vocab.missing")


def _consequence_rank(problem: Problem) -> int:
    """0 for a file that could not be read (syntax, encoding, discovery) or a vocabulary problem, then the rest."""
    if problem.code.startswith(_ROOT_CAUSE_CODES):
        return 0
    return 1 if "/vocab/" not in problem.path.replace("\\", "/") else 0


def _file_and_id_checks(dataset: Dataset) -> list[Problem]:
    """File extension, id against file name, reserved and duplicate ids (on any record that loaded)."""
    problems = []
    ids_seen: dict[tuple[str, str], str] = {}
    for (folder, file_id), loaded in dataset.record_files.items():
        stated_id = dataset.records[folder][file_id].get("id")
        if loaded.rel_path.endswith(".yaml"):
            problems.append(Problem(loaded.rel_path, 1, "(file)", "文件扩展名应为 .yml / rename the file to end in .yml",
                                    "file.extension"))
        if isinstance(stated_id, str) and stated_id != file_id:
            problems.append(Problem(loaded.rel_path, loaded.line_of(("id",)), "id",
                                    f"ID {stated_id!r} 与文件名 {file_id!r} 不一致 / id {stated_id!r} differs from the file "
                                    f"name {file_id!r}: they must be equal (rename the file or fix the id)", "id.file-name"))
        if RESERVED_ID.match(file_id):
            problems.append(Problem(loaded.rel_path, loaded.line_of(("id",)), "id",
                                    f"ID {file_id!r} 是保留字 / {file_id!r} is reserved for the site's own pages: choose "
                                    "another ID", "id.reserved"))
        if isinstance(stated_id, str):
            key = (folder, stated_id)
            if key in ids_seen:
                problems.append(Problem(loaded.rel_path, loaded.line_of(("id",)), "id",
                                        f"ID 重复（{ids_seen[key]} 已使用）/ duplicate id {stated_id!r}, also used by "
                                        f"{ids_seen[key]}", "id.duplicate"))
            else:
                ids_seen[key] = loaded.rel_path
    return problems


def _check_vocabularies(checker: Checker, dataset: Dataset) -> None:
    # The shipped vocabularies cite shipped regulations; a data set without the shipped layer does not show them.
    with_shipped = any(resolved(root) == SHIPPED_DATA.resolve() for root in dataset.roots)
    for name, layers in dataset.vocab_layers.items():
        seen: dict[tuple[str, object], tuple[str, object]] = {}  # (list, identifier) -> (file, item) of its first layer
        for loaded in layers:
            data = loaded.value if isinstance(loaded.value, dict) else {}
            overrides = data.get("overrides") is True
            lists = [((key,), data.get(key)) for key in LIST_IDENTIFIERS if key in data]
            for s_index, scheme in enumerate(data.get("schemes") or []):
                if isinstance(scheme, dict):
                    lists.append((("schemes", s_index, "terms"), scheme.get("terms")))
                    if scheme.get("regulation") and (with_shipped or not _is_shipped(loaded)):
                        article_ref(checker, loaded, ("schemes", s_index), {"regulation": scheme["regulation"]})
            for base, items in lists:
                ident = LIST_IDENTIFIERS.get(base[-1], "id")
                local = set()
                for index, item in enumerate(items or []):
                    term_id = item.get(ident) if isinstance(item, dict) else None
                    if term_id in local:
                        checker.add(loaded, base + (index, ident), f"{term_id} 在本文件中重复",
                                    f"{term_id!r} is listed twice in this file: keep one", "vocab.duplicate")
                    earlier = seen.get((base[0], term_id)) if len(base) == 1 else None
                    if earlier is not None and earlier[0] != loaded.rel_path and earlier[1] != item and not overrides:
                        checker.add(loaded, base + (index, ident), f"{term_id} 已在 {earlier[0]} 中定义，内容不同",
                                    f"{term_id!r} is already defined in {earlier[0]} with other content: a later layer "
                                    "may add to a vocabulary, not change it silently — remove it here, or write "
                                    "`overrides: true` at the top of this file to replace it", "vocab.redefined")
                    if name in URL_VOCABULARIES and isinstance(term_id, str) and RESERVED_ID.match(term_id):
                        checker.add(loaded, base + (index, "id"), f"词条 ID {term_id!r} 是保留字",
                                    f"term id {term_id!r} is reserved for the site's own pages (it would replace an "
                                    "overview page): choose another id", "id.reserved")
                    local.add(term_id)
                    if len(base) == 1:
                        seen.setdefault((base[0], term_id), (loaded.rel_path, item))
            if name == "hazards" and (with_shipped or not _is_shipped(loaded)):
                _check_hazard_hubs(checker, loaded, data)
            if name == "accident-tiers" and isinstance(data.get("basis"), dict) and (
                    with_shipped or not _is_shipped(loaded)):
                article_ref(checker, loaded, ("basis",), data["basis"])


def _check_hazard_hubs(checker: Checker, loaded, data: dict) -> None:
    """Every record, term and article a hazard hub names exists (data/vocab/hazards.yml)."""
    accident_types = {term.get("id") for scheme in checker.dataset.accident_schemes().values()
                      for term in scheme.get("terms") or [] if isinstance(term, dict)}
    for index, hub in enumerate(data.get("terms") or []):
        if not isinstance(hub, dict):
            continue
        path = ("terms", index)
        sources = [(path + ("source",), hub.get("source"))]
        sources += [(path + ("controls", c, "source"), control.get("source"))
                    for c, control in enumerate(hub.get("controls") or []) if isinstance(control, dict)]
        for source_path, source in sources:
            if not isinstance(source, dict):
                continue
            if source.get("regulation"):
                article_ref(checker, loaded, source_path, {k: source[k] for k in ("regulation", "article") if k in source})
            if source.get("case"):
                checker.record_ref(loaded, source_path + ("case",), source["case"], "cases")
            if source.get("method_article"):
                checker.record_ref(loaded, source_path + ("method_article",), source["method_article"], "articles")
        checker.terms(loaded, path + ("topics",), hub.get("topics"), "topics")
        for r, reg_id in enumerate(hub.get("regulations") or []):
            checker.record_ref(loaded, path + ("regulations", r), reg_id, "regulations")
        for t, type_id in enumerate(hub.get("accident_types") or []):
            if accident_types and type_id not in accident_types:
                checker.add(loaded, path + ("accident_types", t), f"{type_id!r} 不是 accident-types.yml 中的事故类别",
                            f"{type_id!r} is not an accident type in data/vocab/accident-types.yml; use one of: "
                            + ", ".join(sorted(accident_types)), "ref.unknown-term")


def _strings(value, out: list | None = None) -> list:
    """Every string inside a record (all fields, both languages), in order (appended to one list: nested generators
    cost a second of `validate` at N=3,000)."""
    out = [] if out is None else out
    if isinstance(value, str):
        out.append(value)
    elif isinstance(value, dict):
        for item in value.values():
            _strings(item, out)
    elif isinstance(value, list):
        for item in value:
            _strings(item, out)
    return out


def _check_synonyms(checker: Checker, dataset: Dataset) -> None:
    """Every search synonym term (data/vocab/synonyms.yml) should lead somewhere: one of its words occurs in a record
    (else a warning names it; data sets with other texts, a layer's or the tests', stay valid)."""
    from portal.search.vocabulary import unreached_terms

    layers = dataset.vocab_layers.get("synonyms") or []
    if not layers:
        return
    corpus = "\n".join(_strings(dataset.records))
    # the shipped terms name the shipped texts' words: a data set without the shipped layer does not show them
    with_shipped = any(resolved(root) == SHIPPED_DATA.resolve() for root in dataset.roots)
    for loaded in layers:
        if not with_shipped and _is_shipped(loaded):
            continue
        terms = [t for t in (loaded.value.get("terms") or []) if isinstance(t, dict)]
        words = [dict(t, words=list(t.get("zh") or []) + list(t.get("en") or [])) for t in terms]
        for term in unreached_terms(words, [corpus]):
            index = terms.index(next(t for t in terms if t.get("id") == term["id"]))
            checker.warn(loaded, ("terms", index, "id"), f"同义词 {term['id']} 的词语在数据中都找不到，搜索时它不会带来任何结果",
                        f"none of the words of synonym term {term['id']!r} occurs in any record, so it leads to no "
                        "document: add the word the records use (e.g. the regulation's wording) or remove the term",
                        "vocab.synonym-unreached")  # a warning: a data set without such texts (a layer's) is valid


def _is_shipped(loaded) -> bool:
    return resolved(Path(loaded.rel_path)).is_relative_to(SHIPPED_DATA.resolve())


def add_workbook_cells(problems: list) -> list:
    from portal.records.provenance import add_workbook_cells as add
    return add(problems)


def load_checked(settings: Settings, cache: ParseCache | None = None) -> CheckResult:
    """Load and check the data layers of these settings. `cache`: the parsed files its caller keeps between runs
    (the live preview); without it, a new one for this run.

    Parsed files are cached in work_dir/cache (keyed by each file's content hash, written atomically, pruned to a few
    sets of layers): a second run re-parses only the files that changed."""
    import hashlib

    from portal.kinds import use_kinds

    use_kinds(settings)

    layers = hashlib.sha256("\n".join(map(str, settings.data_dirs)).encode()).hexdigest()[:12]
    cache_file = settings.work_dir / "cache" / f"parsed-yaml-{layers}.pickle"  # one file per set of data layers
    parsed = ParseCache() if cache is None else cache
    if not len(parsed):  # a cache kept in memory is current (keyed by content); else the file an earlier run left
        parsed.load(cache_file)
    before = set(parsed.entries)
    dataset = read_dataset(settings.data_dirs, KINDS, parsed)
    used = {f.key for f in dataset.all_files() if f.key}
    parsed.forget_except(used)
    writer = _save_cache_meanwhile(parsed, cache_file, used) if used - before else None
    try:
        result = check_dataset(dataset, settings.today, settings.production, settings.bilingual_required)
        result.problems = add_workbook_cells(result.problems)   # imported records: the workbook cell too
        return result
    finally:
        if writer is not None:
            writer.join()


def _save_cache_meanwhile(parsed: ParseCache, cache: Path, used: set) -> object | None:
    """Write the parse cache in a forked process while this one checks (two cores); inline where fork is missing."""
    import multiprocessing

    if "fork" in multiprocessing.get_all_start_methods():
        writer = multiprocessing.get_context("fork").Process(target=_save_cache, args=(parsed, cache, used))
        writer.start()
        return writer
    _save_cache(parsed, cache, used)
    return None


def _save_cache(parsed: ParseCache, cache: Path, used: set) -> None:
    import sys

    try:
        parsed.save(cache, used)
    except OSError as error:  # a full disk or read-only work folder only costs speed: said in one line
        from portal.diskspace import os_error_line
        print(f"note: parse cache not written: {os_error_line(error, cache)}; the next run parses every file again",
              file=sys.stderr, flush=True)