# Benchmark: generate N synthetic cases (+ proportional other kinds), build both languages, print speed and size figures.
from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from gen_synthetic import generate  # noqa: E402

from portal.build import build_site  # noqa: E402


def tree_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=5000)
    parser.add_argument("--work", type=Path, default=REPO / "build" / "bench")
    args = parser.parse_args()
    data, site = args.work / "data", args.work / "site"
    started = time.perf_counter()
    counts = generate(data, args.cases)
    print(f"generated {counts} in {time.perf_counter() - started:.1f} s")
    seconds = build_site(site, data, extra_env={"SOURCE_DATE_EPOCH": "1795392000"})
    pages = sum(1 for _ in site.rglob("*.html"))
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    index = [site / "search" / "search_index.json", site / "en" / "search" / "search_index.json"]
    print(f"build seconds      {seconds:.1f}")
    print(f"pages (zh + en)    {pages}")
    print(f"pages per second   {pages / seconds:.0f}")
    print(f"peak RSS (largest build process) {peak_mb:.0f} MB")
    print(f"site size          {tree_size(site) / 1e6:.1f} MB")
    print("search index       " + ", ".join(f"{p.relative_to(site)} {p.stat().st_size / 1e6:.1f} MB" for p in index))


if __name__ == "__main__":
    main()
