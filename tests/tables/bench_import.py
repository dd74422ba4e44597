# Measures import time of a 10,000-row accident-case ledger (.xlsx and .csv); run by hand, not collected by pytest.
"""Usage: .venv/bin/python tests/tables/bench_import.py [ROWS]

Builds a one-sheet ledger of ROWS cases (default 10000) by repeating the shipped cases under new titles, without
ids (so every id is made from the title with pypinyin, the slow path) and without child rows, exports it with
export_table, then times read_table (sources from a mapping default, schema check on) on the .xlsx and on the
.csv file, best of 3 runs each, wall-clock and CPU time (the machine may be shared), and prints rows per second."""
from __future__ import annotations

import copy
import sys
import tempfile
import time

from portal.settings import REPO_ROOT as ROOT
from portal.tables import export_table, load_existing, load_vocabularies, read_table


# A ledger has no sources sheet: the mapping gives every record the ledger itself as its source.
MAPPING = {"defaults": {"sources": [{"title": "事故台账（性能测试）", "publisher": "安全管理部门"}]}}


def ledger(rows: int) -> list[dict]:
    shipped, _ = load_existing(ROOT / "data", "cases")
    base = [shipped[k] for k in sorted(shipped)]
    out = []
    for number in range(rows):
        record = copy.deepcopy(base[number % len(base)])
        for field in ("id", "timeline", "violations", "sources"):   # a one-sheet ledger: no ids, no child rows
            record.pop(field, None)
        record["title"] = {"zh": f"{record['title'].get('zh', '')}（台账第{number + 1}号）", "en": f"Ledger entry {number + 1}"}
        out.append(record)
    return out


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 10000
    vocabularies = load_vocabularies(ROOT / "data" / "vocab")
    records = ledger(rows)
    with tempfile.TemporaryDirectory() as folder:
        for suffix in (".xlsx", ".csv"):
            path = Path(folder) / f"ledger{suffix}"
            started = time.perf_counter()
            export_table("cases", records, path, vocabularies=vocabularies)
            written = time.perf_counter() - started
            times, cpu = [], []
            for _ in range(3):
                started, started_cpu = time.perf_counter(), time.process_time()
                imported, problems = read_table(path, "cases", vocabularies, mapping=MAPPING,
                                                check_schema=True)
                times.append(time.perf_counter() - started)
                cpu.append(time.process_time() - started_cpu)
            errors = [p for p in problems if p.severity == "error"]
            print(f"{suffix} ({path.stat().st_size / 2**20:.1f} MB): {len(imported)} records, {len(errors)} errors; "
                  f"export {written:.1f} s; import best {min(times):.2f} s wall, {min(cpu):.2f} s CPU "
                  f"(runs {', '.join(f'{t:.2f}' for t in times)} s), {len(imported) / min(cpu):.0f} rows per CPU second")


if __name__ == "__main__":
    main()
