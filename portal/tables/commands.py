# Command-line subcommands template / import / export for portal/cli.py, printing every problem for editors.
"""The commands template / import / export behind portal/cli.py's register_data_commands: func(args, settings).

`settings` is the CLI's Settings object; only these attributes are read: data_dirs (layers, the last one is
written to), today, bilingual_required. Exit codes: 0 done, 1 problems (nothing written), 2 cannot start.
"""
from __future__ import annotations

import gc
from contextlib import contextmanager
from pathlib import Path

from portal.records.layers import read_kind
from portal.tables.problems import errors, summary_lines
from portal.tables.reader import read_table
from portal.tables.layer_index import LayerRecords
from portal.tables.records import write_records
from portal.tables.vocab import VocabularyError, load_vocabularies
from portal.tables.workbook import export_table, write_template



def _layers(settings) -> list[Path]:
    return [Path(p) for p in settings.data_dirs]


def _vocabularies(settings) -> dict:
    return load_vocabularies(*(layer / "vocab" for layer in _layers(settings)))


def _records(settings, kind: str, layers: list[Path] | None = None) -> tuple[dict, list]:
    """Records of `kind` in the layers as the load step reads them (a later layer's record replaces an earlier one
    only with `overrides: true`), and the problems of reading them."""
    found = read_kind(tuple(layers if layers is not None else _layers(settings)), kind)
    return found.records, found.problems


def cmd_template(args, settings) -> int:
    try:
        path = write_template(args.kind, _vocabularies(settings), args.out)
    except (VocabularyError, ValueError) as error:
        print(f"error: {error}")
        return 2
    print(f"已写出模板 / template written: {path}")
    return 0


def cmd_export(args, settings) -> int:
    layers = _layers(settings)
    own = layers if getattr(args, "all_layers", False) or len(layers) == 1 else layers[-1:]
    records, problems = _records(settings, args.kind, own)
    for problem in problems:
        print(problem)
    if args.ids:
        wanted = [i.strip() for i in args.ids.split(",") if i.strip()]
        missing = [i for i in wanted if i not in records]
        if missing:
            print(f"找不到 / not found: {', '.join(missing)}")
            return 2
        records = {i: records[i] for i in wanted}
    try:
        result = export_table(args.kind, list(records.values()), args.out, vocabularies=_vocabularies(settings))
    except (VocabularyError, ValueError) as error:
        print(f"error: {error}")
        return 2
    for problem in result.problems:
        print(problem)
    print(f"已导出 {len(records)} 条 / exported {len(records)} record(s): " + ", ".join(map(str, result.paths)))
    return 1 if errors(result.problems) else 0


@contextmanager
def _few_full_collections():
    """Python's full garbage collections made rare while records pile up: each one walks every live object, and an
    import of 100,000 rows holds millions of them (20 full collections, ~3.5 CPU-s); young objects (where the
    reference cycles die) are still collected as usual."""
    young, middle, old = gc.get_threshold()
    gc.set_threshold(young, middle, max(old, 1000))
    try:
        yield
    finally:
        gc.set_threshold(young, middle, old)


def cmd_import(args, settings) -> int:
    with _few_full_collections():
        return _import(args, settings)


def _import(args, settings) -> int:
    from portal.settings import SHIPPED_DATA

    layers = _layers(settings)
    out_dir = Path(args.into) if args.into else layers[-1] / args.kind
    if not args.into and layers[-1].resolve() == SHIPPED_DATA.resolve():
        print(f"{args.file}: 导入写入本单位自己的数据层，不写入门户自带的 data/：请用 make import（默认 ../org-data），"
              f"或 --data data:../org-data / imports go into the organisation's own layer, never the shipped data/: "
              f"use `make import` (default ../org-data) or --data data:../org-data "
              f"(--into data/{args.kind} writes into data/ on purpose)")
        return 2
    try:
        vocabularies = _vocabularies(settings)
    except VocabularyError as error:
        print(f"error: {error}")
        return 2
    existing = LayerRecords(out_dir, args.kind)   # the layer's index: only changed files are parsed
    problems = list(existing.problems)
    other_layers = [layer for layer in layers if layer / args.kind != out_dir]
    found = read_kind(tuple(other_layers), args.kind) if other_layers else None
    earlier = found.records if found else {}
    problems += found.problems if found else []
    located = {i: (str(found.files.get(i, i)), record) for i, record in earlier.items()} if found else {}
    records, read_problems = read_table(args.file, args.kind, vocabularies, mapping=args.mapping, existing=existing,
                                        today=settings.today, strict_bilingual=settings.bilingual_required,
                                        check_schema=True, taken_ids=set(earlier),
                                        encoding=getattr(args, "encoding", None), other_layers=located,
                                        existing_origin=existing.origin)
    problems += read_problems
    for problem in problems:
        print(problem)
    if problems:
        print("\n" + "\n".join(summary_lines(problems)))
    if errors(problems):
        count = len(errors(problems))
        print(f"\n{count} 个问题，未写入任何文件：请逐条改正后重新导入 / {count} problem(s): nothing was written; "
              "fix each line above and import again")
        return 1
    # The files created get an index entry when the direct writer wrote them (what they read back as is known
    # without parsing them: a layer's first import costs ~3 CPU-s more per 100,000 records, a re-import ~20 less);
    # the files updated get none (a re-import of a new version of a ledger updates most of them; the next import
    # parses them once and indexes them).
    results = write_records(records, out_dir, args.kind, dry_run=args.dry_run, provenance=records.provenance,
                            known=existing.written, index_created=existing.index_written)
    if not args.dry_run:
        existing.save()
    existing.close()
    counts: dict[str, int] = {}
    for result in results:
        counts[result.action] = counts.get(result.action, 0) + 1
    done = ", ".join(f"{action} {n}" for action, n in sorted(counts.items()))
    verb = "将写入 / would write" if args.dry_run else "已写入 / written"
    print(f"{verb} {out_dir}: {done or 'nothing'}; run `make validate` next")
    return 0
