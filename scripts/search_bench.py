# Benchmarks the portal's own search: builds a synthetic index (N cases + statutes) and times queries in Chromium.
"""Search benchmark.

Generates synthetic documents (N cases of about 2 KB of Chinese text, S statutes of A articles each, a hundred
standards), builds the index with ``portal.search.write_search_index`` into a temporary site with one blank page (two
folders deep, so the relative index root is exercised), then measures in Debian's Chromium, over http
(``http.server`` on 127.0.0.1) and over file://:

- bytes: everything the page loaded for the query (page, script, style sheet, index files for all shown hits, an
  upper bound of what the first hit needed), counted from the files on disk, plus what went over the wire (http,
  resource timing);
- ms: from putting the query into the box (as an IME commit or a paste would) to the first hit in the page, to the
  next frame after that (painted), and to the last of the ten hits.

"cold" is a new browser context (empty cache) per query; "warm" reloads the page in the same context and repeats the
query (http cache revalidated, or over file:// the OS file cache). The synthetic text is sampled word by word from the
project's own Chinese texts (data/ and the seed texts), so word frequencies are realistic; document numbers and
standard numbers in it are made up for the benchmark and mean nothing.

    .venv/bin/python scripts/search_bench.py --cases 10000 --statutes 400
"""
from __future__ import annotations

import argparse
import os
import random
import resource
import re
import shutil
import tempfile
import time
from pathlib import Path

from portal.kinds import search_labels
from portal.search import STATIC_DIR, SearchDoc, write_search_index
from portal.search.tokens import chinese_numeral
from portal.verify.served import CHROMIUM, CHROMIUM_ARGS, served_folder

REPO = Path(__file__).resolve().parent.parent

QUERIES = ["坠落", "高处坠落", "瓦斯爆炸", "安全生产", "有限空间作业中毒窒息", "主席令第88号", "国务院令第493号",
           "GB 6441-1986", "6441", "第三条 从业人员"]
ACCIDENTS = ["高处坠落", "瓦斯爆炸", "火灾", "坍塌", "中毒窒息", "触电", "机械伤害", "起重伤害", "透水", "车辆伤害",
             "粉尘爆炸", "物体打击"]
PLACES = ["北京", "天津", "河北", "山西", "内蒙古", "辽宁", "吉林", "黑龙江", "上海", "江苏", "浙江", "安徽", "福建",
          "江西", "山东", "河南", "湖北", "湖南", "广东", "广西", "海南", "重庆", "四川", "贵州", "云南", "陕西", "甘肃"]
_HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")


def cn_number(n: int) -> str:
    """Chinese numeral for 1..9999 (一百零八, 八十八, 十三), the inverse of tokens.chinese_numeral."""
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    out, zero = "", False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d = n // value % 10
        if d:
            if zero and out:
                out += "零"
            out += ("" if (unit == "十" and n < 20) else digits[d]) + unit
            zero = False
        elif out:
            zero = True
    assert chinese_numeral(out) == n, (n, out)
    return out


def word_stream() -> list[str]:
    """Chinese words of the project's own texts, with repeats (sampling from it follows their real frequencies)."""
    import rjieba

    texts = [p.read_text(encoding="utf-8") for p in sorted((REPO / "data").rglob("*.yml"))]
    seeds = Path("/work/shared/seeds")
    if seeds.is_dir():
        texts += [p.read_text(encoding="utf-8") for p in sorted(seeds.glob("*.txt"))]
    words: list[str] = []
    for text in texts:
        for run in _HAN_RUN.findall(text):
            words.extend(rjieba.cut(run, False))
    return words


def sentences(rng: random.Random, words: list[str], chars: int) -> str:
    out, length = [], 0
    while length < chars:
        sentence = "".join(rng.choice(words) for _ in range(rng.randint(6, 18))) + rng.choice("，，，。")
        out.append(sentence)
        length += len(sentence)
    return "".join(out).rstrip("，") + "。"


def synthetic_docs(cases: int, statutes: int, articles: int, case_chars: int, seed: int = 7) -> list[SearchDoc]:
    rng = random.Random(seed)
    words = word_stream()
    docs: list[SearchDoc] = []
    for i in range(statutes):
        kind_of_law = "法" if i < statutes // 4 else rng.choice(["条例", "规定", "办法"])
        issuer = "主席令" if i < statutes // 2 else "国务院令"
        number = i + 1 if issuer == "主席令" else 293 + i
        title = ("中华人民共和国" if kind_of_law == "法" else "") + "".join(rng.choice(words) for _ in range(2)) + \
            rng.choice(["安全", "安全生产", "消防", "职业病防治", "矿山安全", "特种设备安全"]) + kind_of_law
        repealed = rng.random() < 0.1
        common = dict(kind="regulations", boost=0.6 if repealed else 1.0, badge="已废止" if repealed else "")
        url = f"regulations/law-{i:03d}/"
        docs.append(SearchDoc(url=url, title=title, text=sentences(rng, words, 300),
                              keywords=(f"{issuer}第{cn_number(number)}号",), **common))
        for j in range(1, articles + 1):
            docs.append(SearchDoc(url=f"{url}#art-{j}", title=title, section=f"第{cn_number(j)}条",
                                  text=sentences(rng, words, rng.randint(90, 220)), **common))
    for i in range(cases):
        accident = rng.choice(ACCIDENTS)
        date = f"“{rng.randint(1, 12)}·{rng.randint(1, 28)}”"
        title = rng.choice(PLACES) + "".join(rng.choice(words) for _ in range(2)) + f"{date}{accident}事故"
        text = sentences(rng, words, case_chars // 2) + accident + sentences(rng, words, case_chars // 2)
        docs.append(SearchDoc(url=f"cases/case-{i:05d}/", title=title, kind="cases", text=text))
    for i in range(100):
        number = "GB 6441-1986" if i == 0 else f"GB {rng.randint(2000, 40000)}-{rng.randint(1984, 2024)}"
        title = number + " " + "".join(rng.choice(words) for _ in range(4))
        docs.append(SearchDoc(url=f"resources/std-{i:03d}/", title=title, kind="resources",
                              text=sentences(rng, words, 200), keywords=(number,)))
    return docs


PAGE = """<!doctype html>
<html lang="{lang}" data-portal-search-root="../../">
<head><meta charset="utf-8"><title>search bench</title>
<link rel="stylesheet" href="../../assets/portal-search.css"></head>
<body><label for="q">搜索</label> <input id="q" type="search" data-portal-search>
<script src="../../assets/portal-search.js"></script></body></html>
"""

MEASURE = """async (query) => {
  const input = document.querySelector("input[data-portal-search]");
  const list = input.portalSearch.list;
  const started = performance.now();
  const first = new Promise((resolve) => {
    const done = () => { observer.disconnect(); input.removeEventListener("portalsearch:results", done);
                         resolve(performance.now() - started); };
    const observer = new MutationObserver(() => { if (list.querySelector("[role=option]")) done(); });
    observer.observe(list, {childList: true});
    input.addEventListener("portalsearch:results", done);  // also ends a query without hits
  });
  const all = new Promise((resolve) => input.addEventListener("portalsearch:results",
    () => resolve(performance.now() - started), {once: true}));
  input.focus();
  input.value = query;
  input.dispatchEvent(new Event("input", {bubbles: true}));
  const dom = await first;
  await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  const painted = performance.now() - started;
  const allMs = await all;
  const wire = performance.getEntriesByType("resource").reduce((sum, e) => sum + (e.transferSize || 0), 0)
    + ((performance.getEntriesByType("navigation")[0] || {}).transferSize || 0);
  return {dom, painted, all: allMs, index: PortalSearch.loaded(), timing: PortalSearch.last.timing,
          hits: list.querySelectorAll("[role=option]").length,
          status: input.portalSearch.panel.querySelector(".portal-search-status").textContent, wire};
}"""


def local_bytes(site: Path, base: str, urls: list[str]) -> int:
    """Size on disk of the files behind the given URLs (query strings ignored)."""
    total = 0
    for url in set(urls):
        url = url.split("?")[0]
        if url.startswith(base):
            path = site / url[len(base):]
            if path.is_file():
                total += path.stat().st_size
    return total


def measure(site: Path, base: str, page_path: str, queries: list[str], repeat: int) -> list[dict]:
    """One row per query and mode, with the median (and worst) of ``repeat`` runs, each in a new browser context."""
    from playwright.sync_api import sync_playwright

    rows = []
    page_bytes = sum((site / path).stat().st_size for path in (page_path, "assets/portal-search.js",
                                                                 "assets/portal-search.css"))
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        warmup = browser.new_page()  # the first page of a fresh browser pays for its start-up; keep that out
        warmup.goto(base + page_path)
        warmup.close()
        for query in queries:
            runs: dict[str, list[dict]] = {"cold": [], "warm": []}
            for _ in range(repeat):
                context = browser.new_context()
                page = context.new_page()
                outside: list[str] = []
                page.on("request", lambda request: request.url.startswith(base) or outside.append(request.url))
                for mode in ("cold", "warm"):
                    if mode == "cold":
                        page.goto(base + page_path)
                    else:
                        page.reload()
                    page.wait_for_load_state("load")
                    result = page.evaluate(MEASURE, query)
                    result["outside"] = list(outside)
                    runs[mode].append(result)
                context.close()
            for mode, results in runs.items():
                results.sort(key=lambda r: r["painted"])
                median = results[len(results) // 2]
                timing = median["timing"] or {}
                rows.append({
                    "query": query, "mode": mode, "dom_ms": median["dom"], "painted_ms": median["painted"],
                    "all_ms": median["all"],
                    "worst_ms": results[-1]["painted"], "hits": median["hits"], "status": median["status"],
                    "index_files": len(median["index"]), "index_bytes": local_bytes(site, base, median["index"]),
                    "page_bytes": page_bytes, "wire_bytes": median["wire"],
                    "phases": "/".join(f"{timing.get(k, 0):.0f}" for k in ("manifest", "tokens", "scored", "docs")),
                    "outside": sorted({u for r in results for u in r["outside"]}),
                })
        browser.close()
    return rows


def make_site(site: Path, lang: str) -> str:
    (site / "assets").mkdir(parents=True, exist_ok=True)
    for name in ("portal-search.js", "portal-search.css"):
        shutil.copy(STATIC_DIR / name, site / "assets" / name)
    page = site / "bench" / "blank" / "index.html"
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(PAGE.format(lang=lang), encoding="utf-8")
    return "bench/blank/index.html"


def print_table(title: str, rows: list[dict]) -> None:
    print(f"\n{title}")
    print("query                  mode  hits files  index KB  total KB  wire KB  first ms  painted  worst  all hits"
          "  phases ms        status")
    for r in rows:
        query = r["query"] + " " * (22 - sum(2 if ord(c) > 0x2e80 else 1 for c in r["query"]))
        print(f"{query} {r['mode']:<5}{r['hits']:>5}{r['index_files']:>6}{r['index_bytes'] / 1024:>10.0f}"
              f"{(r['index_bytes'] + r['page_bytes']) / 1024:>10.0f}{r['wire_bytes'] / 1024:>9.0f}"
              f"{r['dom_ms']:>10.0f}{r['painted_ms']:>9.0f}{r['worst_ms']:>7.0f}{r['all_ms']:>10.0f}"
              f"  {r['phases']:<16} {r['status']}")
    for mode in ("cold", "warm"):
        picked = [r for r in rows if r["mode"] == mode]
        if picked:
            print(f"  {mode}: max total {max(r['index_bytes'] + r['page_bytes'] for r in picked) / 1024:.0f} KB, "
                  f"median painted {sorted(r['painted_ms'] for r in picked)[len(picked) // 2]:.0f} ms, "
                  f"max of medians {max(r['painted_ms'] for r in picked):.0f} ms, "
                  f"worst single run {max(r['worst_ms'] for r in picked):.0f} ms")
    print("  first ms: query to first hit in the page; painted: to the next frame; worst: slowest run (painted);\n"
          "  all hits: to the last of the (up to 10) hits; phases: ms until manifest / token shards loaded / scored /\n"
          "  all documents loaded (median run); index KB and total KB count every file loaded for all the hits")


def cpu_seconds() -> float:
    """CPU time of this process and of its finished children (the tokenising workers)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--statutes", type=int, default=400)
    parser.add_argument("--articles", type=int, default=100, help="articles per statute")
    parser.add_argument("--case-chars", type=int, default=700, help="Chinese characters per case (700 ≈ 2 KB UTF-8)")
    parser.add_argument("--keep", type=Path, help="build the site here and keep it (default: a temporary folder)")
    parser.add_argument("--no-browser", action="store_true", help="only build and print index figures")
    parser.add_argument("--measure-only", action="store_true", help="measure the site kept in --keep, do not rebuild")
    parser.add_argument("--repeat", type=int, default=3, help="runs per query and mode (the median is shown)")
    parser.add_argument("--workers", type=int, default=1, help="processes for tokenising (write_search_index workers)")
    args = parser.parse_args()
    if args.measure_only:
        if not args.keep:
            parser.error("--measure-only needs --keep DIR")
        measure_site(args.keep / "site", args.repeat)
        return

    started = time.perf_counter()
    docs = synthetic_docs(args.cases, args.statutes, args.articles, args.case_chars)
    text_bytes = sum(len(d.text.encode()) for d in docs)
    print(f"generated {len(docs)} docs ({args.cases} cases, {args.statutes} statutes x {args.articles} articles, "
          f"100 standards; {text_bytes / 1e6:.1f} MB of text) in {time.perf_counter() - started:.1f} s")
    workdir = args.keep or Path(tempfile.mkdtemp(prefix="search-bench-"))
    site = workdir / "site"
    if site.exists():
        shutil.rmtree(site)
    site.mkdir(parents=True)
    built, cpu = time.perf_counter(), cpu_seconds()
    stats = write_search_index(docs, "zh", site, kind_labels=search_labels("zh"), workers=args.workers)
    print(f"index built in {time.perf_counter() - built:.1f} s wall, {cpu_seconds() - cpu:.1f} s CPU "
          f"({args.workers} worker(s); load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores): "
          f"{stats['files']} files, {stats['bytes'] / 1e6:.1f} MB "
          f"({stats['tokens']} tokens; {stats['token_shards']} token shards + {stats['solo_shards']} solo, largest "
          f"{stats['largest_token_shard'] / 1024:.0f} KB; {stats['doc_shards']} doc shards, largest "
          f"{stats['largest_doc_shard'] / 1024:.0f} KB; manifest {stats['manifest_bytes'] / 1024:.1f} KB)")
    if not args.no_browser:
        measure_site(site, args.repeat)
    if not args.keep:
        shutil.rmtree(workdir)


def measure_site(site: Path, repeat: int) -> None:
    page_path = make_site(site, "zh")
    print(f"\nload average before measuring: {os.getloadavg()[0]:.1f} (1 min) on {os.cpu_count()} cores")
    with served_folder(site) as base:
        http_rows = measure(site, base, page_path, QUERIES, repeat)
    print_table(f"http (python http.server on 127.0.0.1; median of {repeat} runs)", http_rows)
    file_rows = measure(site, site.as_uri() + "/", page_path, QUERIES, repeat)
    print_table(f"file:// (median of {repeat} runs)", file_rows)
    outside = sorted({u for r in http_rows + file_rows for u in r["outside"]})
    print(f"\nrequests to other hosts: {outside or 'none'}; load average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
