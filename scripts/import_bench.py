# Measures `python -m portal import` (read, check, write) of 10,000- and 100,000-row case ledgers (.xlsx, .csv); by hand.
"""Usage: .venv/bin/python scripts/import_bench.py [--shape ledger|full|both] [--reimport] [ROWS ...]   (default: both, 10000 100000)

Writes one-sheet case ledgers of ROWS rows with export_table, then runs the import command on each file in a fresh
process (`portal import FILE --kind cases --map M`, data layers `data/` + an empty organisation layer in a temporary
folder, so the shipped records are checked for duplicates and 100,000 YAML files are written), and prints that
process's wall-clock and CPU time (user + system) and peak memory (ru_maxrss). Two shapes of row:

- ledger: what a 台账 or a public fatality list holds: title, date, province, city, place, industry, accident type,
  deaths, injuries, direct loss, a summary (about 300 bytes of CSV per row);
- full: every field of the shipped cases, with their long texts in both languages (causes, lessons, measures ...;
  about 4 KB of CSV per row).

With --reimport, each file is then imported twice more into the layer its first import filled, each in a fresh
process: the same file again (every record unchanged), then the same file with 1 row in 50 changed (summary), 1 in 100
removed and 1 in 100 new (updated, unchanged and created records) — the layer's index (.import-index.jsonl) at work.

Rows repeat the shipped cases under new titles and dates (no ids: every id is made from the title with pypinyin; dates
varied so that the duplicate check sees distinct events). One run each: the machine is shared, so compare CPU seconds
rather than wall-clock. Never run by pytest (no timed tests)."""
from __future__ import annotations

import argparse
import copy
import datetime as dt
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from portal.settings import REPO_ROOT as ROOT

# A ledger has no sources sheet: the mapping gives every record the ledger itself as its source.
MAPPING = "defaults: {sources: [{title: 事故台账（性能测试）, publisher: 安全管理部门}]}\n"
LEDGER_FIELDS = ("title", "date", "place", "industry", "accident_type", "deaths", "injuries", "direct_loss_cny",
                 "summary")


def ledger(rows: int, shape: str) -> list[dict]:
    from portal.tables import load_existing

    shipped, _ = load_existing(ROOT / "data", "cases")
    base = [shipped[k] for k in sorted(shipped)]
    out = []
    for number in range(rows):
        source = base[number % len(base)]
        if shape == "ledger":
            record = {k: copy.deepcopy(source[k]) for k in LEDGER_FIELDS if k in source}
            record["summary"] = {"zh": str((source.get("summary") or {}).get("zh", ""))[:120]}
        else:
            record = copy.deepcopy(source)
            for field in ("id", "timeline", "violations", "sources", "tier"):   # one sheet: no ids, no child rows
                record.pop(field, None)
        record["title"] = {"zh": f"{record['title'].get('zh', '')}（台账第{number + 1}号）",
                           **({"en": f"Ledger entry {number + 1}"} if shape == "full" else {})}
        record["date"] = (dt.date(2025, 12, 31) - dt.timedelta(days=number % 9000)).isoformat()
        out.append(record)
    return out


def changed(records: list[dict]) -> list[dict]:
    """The ledger with 1 row in 50 changed (its summary), 1 in 100 removed and 1 in 100 new (at the end)."""
    out = []
    for number, record in enumerate(records):
        if number % 100 == 7:
            continue
        if number % 50 == 3:
            record = {**record, "summary": {"zh": str(record.get("summary", {}).get("zh", "")) + "（已更正）"}}
        out.append(record)
    for number in range(len(records) // 100):
        record = copy.deepcopy(records[number])
        record["title"] = {**record["title"], "zh": f"新增事故（台账补录第{number + 1}号）"}
        record["date"] = (dt.date(1990, 1, 1) + dt.timedelta(days=number)).isoformat()   # before the other rows'
        out.append(record)
    return out


def write(rows: int, shape: str, folder: Path, variant: bool = False) -> list[Path]:
    from portal.tables import export_table, load_vocabularies

    vocabularies = load_vocabularies(ROOT / "data" / "vocab")
    records = ledger(rows, shape)
    if variant:   # the same file names in a folder of their own
        records = changed(records)
        folder = folder / "changed"
        folder.mkdir(exist_ok=True)
    paths = []
    for suffix in (".xlsx", ".csv"):
        path = folder / f"{shape}-{rows}{suffix}"
        export_table("cases", records, path, vocabularies=vocabularies)
        paths.append(path)
    return paths


def measure(path: str, folder: str, again: bool = False) -> None:
    """In a fresh process: the import command on one file (into a new layer, or `again` into the layer its first
    import filled), then JSON with its figures on the last line."""
    from portal.cli import main as portal_main

    mapping = Path(folder) / "mapping.yml"
    mapping.write_text(MAPPING, encoding="utf-8")
    org = Path(folder) / f"org-{Path(path).name}"
    org.mkdir(exist_ok=again)
    os.environ["PORTAL_DATA"] = f"{ROOT / 'data'}:{org}"
    started = time.perf_counter()
    try:
        code = portal_main(["import", path, "--kind", "cases", "--map", str(mapping)])
    except SystemExit as leaving:
        code = leaving.code
    wall = time.perf_counter() - started
    usage = resource.getrusage(resource.RUSAGE_SELF)
    written = sum(1 for _ in (org / "cases").glob("*.yml")) if (org / "cases").is_dir() else 0
    print(json.dumps({"code": code, "written": written, "wall": wall, "cpu": usage.ru_utime + usage.ru_stime,
                      "peak_mb": usage.ru_maxrss / 1024}))


def main(argv: list[str]) -> None:
    if argv[:1] == ["--measure"]:
        measure(argv[1], argv[2], again=argv[3:] == ["again"])
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shape", choices=("ledger", "full", "both"), default="both")
    parser.add_argument("--reimport", action="store_true",
                        help="import each file twice more into its layer: unchanged, then with rows changed and new")
    parser.add_argument("rows", nargs="*", type=int, default=[10000, 100000])
    args = parser.parse_args(argv)
    shapes = ("ledger", "full") if args.shape == "both" else (args.shape,)
    with tempfile.TemporaryDirectory() as folder:
        for rows in args.rows:
            for shape in shapes:
                passes = [(path, "first import", []) for path in write(rows, shape, Path(folder))]
                if args.reimport:
                    passes += [(path, "re-import, unchanged", ["again"]) for path, _, _ in passes] + [
                        (path, "re-import, rows changed and new", ["again"])
                        for path in write(rows, shape, Path(folder), variant=True)]
                for path, what, again in sorted(passes, key=lambda item: item[0].suffix):
                    done = subprocess.run([sys.executable, __file__, "--measure", str(path), folder, *again],
                                          capture_output=True, text=True, cwd=ROOT)
                    last = (done.stdout.strip().splitlines() or ["{}"])[-1]
                    try:
                        figures = json.loads(last)
                    except json.JSONDecodeError:
                        print(f"{path.name}: failed\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")
                        continue
                    summary = [line for line in done.stdout.splitlines()
                               if not line.startswith("{") and ("written" in line or "problem" in line)]
                    print(f"{rows} rows, {shape} shape, {path.suffix} ({path.stat().st_size / 2**20:.1f} MB), {what}: exit "
                          f"{figures['code']}, {figures['written']} files written; {figures['wall']:.1f} s wall, "
                          f"{figures['cpu']:.1f} s CPU, peak {figures['peak_mb']:.0f} MB"
                          + (f"  [{summary[-1][:160]}]" if summary else ""), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
