# Measures import time and peak memory of 10,000- and 100,000-row case ledgers (.xlsx, .csv); run by hand, not by pytest.
"""Usage: .venv/bin/python tests/tables/bench_import.py [ROWS ...]   (default: 10000 100000)

Builds a one-sheet ledger of ROWS cases by repeating the shipped cases under new titles and dates (no ids, so every
id is made from the title with pypinyin, the slow path; no child rows), exports it with export_table, then imports
it with read_table (sources from a mapping default, schema check on, duplicates checked) in a fresh process per file,
and prints wall-clock and CPU time and that process's peak memory (ru_maxrss). One run each: the machine is shared,
so compare CPU seconds rather than wall-clock."""
from __future__ import annotations

import copy
import datetime as dt
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from portal.settings import REPO_ROOT as ROOT

# A ledger has no sources sheet: the mapping gives every record the ledger itself as its source.
MAPPING = {"defaults": {"sources": [{"title": "事故台账（性能测试）", "publisher": "安全管理部门"}]}}


def ledger(rows: int) -> list[dict]:
    from portal.tables import load_existing

    shipped, _ = load_existing(ROOT / "data", "cases")
    base = [shipped[k] for k in sorted(shipped)]
    out = []
    for number in range(rows):
        record = copy.deepcopy(base[number % len(base)])
        for field in ("id", "timeline", "violations", "sources", "tier"):   # a one-sheet ledger: no ids, no child rows
            record.pop(field, None)
        record["title"] = {"zh": f"{record['title'].get('zh', '')}（台账第{number + 1}号）", "en": f"Ledger entry {number + 1}"}
        record["date"] = (dt.date(2025, 12, 31) - dt.timedelta(days=number % 9000)).isoformat()
        out.append(record)
    return out


def write(rows: int, folder: Path) -> list[Path]:
    from portal.tables import export_table, load_vocabularies

    vocabularies = load_vocabularies(ROOT / "data" / "vocab")
    records = ledger(rows)
    paths = []
    for suffix in (".xlsx", ".csv"):
        path = folder / f"ledger-{rows}{suffix}"
        export_table("cases", records, path, vocabularies=vocabularies)
        paths.append(path)
    return paths


def measure(path: str) -> None:
    """In a fresh process: import one file, print JSON with the figures."""
    from portal.tables import load_vocabularies, read_table

    vocabularies = load_vocabularies(ROOT / "data" / "vocab")
    started, started_cpu = time.perf_counter(), time.process_time()
    imported, problems = read_table(path, "cases", vocabularies, mapping=MAPPING, check_schema=True)
    wall, cpu = time.perf_counter() - started, time.process_time() - started_cpu
    errors = [p for p in problems if p.severity == "error"]
    print(json.dumps({"records": len(imported), "errors": len(errors), "wall": wall, "cpu": cpu,
                      "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                      "first_errors": [str(p) for p in errors[:3]]}, ensure_ascii=False))


def main(argv: list[str]) -> None:
    if argv[:1] == ["--measure"]:
        measure(argv[1])
        return
    sizes = [int(a) for a in argv] or [10000, 100000]
    with tempfile.TemporaryDirectory() as folder:
        for rows in sizes:
            for path in write(rows, Path(folder)):
                done = subprocess.run([sys.executable, __file__, "--measure", str(path)], capture_output=True,
                                      text=True, check=True)
                figures = json.loads(done.stdout.strip().splitlines()[-1])
                print(f"{rows} rows {path.suffix} ({path.stat().st_size / 2**20:.1f} MB): {figures['records']} records, "
                      f"{figures['errors']} errors; import {figures['wall']:.1f} s wall, {figures['cpu']:.1f} s CPU, "
                      f"peak {figures['peak_mb']:.0f} MB; {figures['records'] / figures['cpu']:.0f} rows per CPU second"
                      + (f"; first errors: {figures['first_errors']}" if figures["errors"] else ""))


if __name__ == "__main__":
    main(sys.argv[1:])
