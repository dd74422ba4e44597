# Measures the live preview: seconds from editing one record to its page being rewritten, on a built synthetic site.
"""`python scripts/preview_bench.py --work build/bench` after `make bench`: edit one case file of the bench data, run
the preview's incremental update, and print how long until the record page (and its lists) were rewritten."""
from __future__ import annotations

import argparse
import datetime as dt
import time
from pathlib import Path

from portal.build.pipeline import derive
from portal.build.serve import Preview
from portal.settings import REPO_ROOT as REPO
from portal.settings import Settings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--work", type=Path, default=REPO / "build" / "bench")
    args = parser.parse_args()
    data, site = args.work / "data", args.work / "site"
    settings = Settings(data_dirs=(data,), today=dt.date(2026, 12, 1), work_dir=args.work / "work")
    frames = settings.work_dir / "frames" / f"{settings.variant}-zh.pickle"
    if not frames.exists():  # the preview fills pages into the frames its own first build kept
        from portal.build.pipeline import build_site
        print(f"first build (the preview's own): {build_site(settings, site).seconds:.1f} s")
    preview = Preview(settings, site)
    started = time.perf_counter()
    preview.derived, _ = derive(settings)
    from portal.pages.catalog import generated_pages
    from portal.pages.context import PageContext
    preview.deps = {lang: {s.src_uri: s.deps for s in generated_pages(PageContext(lang, preview.derived, settings, ""))}
                    for lang in ("zh", "en")}
    print(f"preview start: data loaded and checked in {time.perf_counter() - started:.1f} s")
    case = sorted((data / "cases").glob("*.yml"))[len(list((data / "cases").glob("*.yml"))) // 2]
    page = site / "cases" / case.stem / "index.html"
    original = case.read_text(encoding="utf-8")
    marker = f"预览测试{int(time.time())}"
    try:
        case.write_text(original.replace("title:\n  zh: ", f"title:\n  zh: {marker}", 1)
                        if "title:\n  zh: " in original else original.replace("zh: ", f"zh: {marker}", 1), encoding="utf-8")
        edited = time.perf_counter()
        preview.update()
        print(f"update including the search index: {time.perf_counter() - edited:.2f} s (record page rewritten: "
              f"{marker in page.read_text(encoding='utf-8')})")
    finally:
        case.write_text(original, encoding="utf-8")


if __name__ == "__main__":
    main()
