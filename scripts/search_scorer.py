# Scores the portal's search on the query set (scripts/search_queries.yml) by typing each query into the real box in Chromium.
"""`python scripts/search_scorer.py [--site DIR] [--reindex] [--file] [--box home|header] [--held-out] [--json OUT]`

Builds the shipped site into DIR (default build/scorer-site) unless DIR already holds one (`--rebuild` forces a
build; `--reindex` only rewrites the search index and the search script of an existing site, which is what ranking
changes need, in seconds). Then, for every query, opens the language's home page in a fresh tab, types the query into
the search box (home page box or header box), waits for the box's `portalsearch:results` event and reads the links
shown. A query succeeds at k when one of its expected targets is among the first k links.

Prints success@1, success@5, MRR@10, the zero-result rate and the median / cold (first query of a new browser)
latency from typing to results shown, for the tuning queries and the held-out ones separately, plus every miss.
Exit status 0 always (it measures; tests/search decide what must hold)."""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import unquote

import yaml

REPO = Path(__file__).resolve().parent.parent
QUERIES = REPO / "scripts" / "search_queries.yml"
BOXES = {"home": ".md-content input[data-portal-search]", "header": ".md-header input[data-portal-search]"}


def load_queries(path: Path = QUERIES) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["queries"]


def target_of(href: str) -> tuple[str, str]:
    """A result link as (record path, anchor): "../regulations/work-safety-law/index.html#key-art-21" ->
    ("regulations/work-safety-law", "art-21"). The language root prefix and index.html are dropped."""
    href = unquote(href)
    path, _, anchor = href.partition("#")
    path = path.removesuffix("index.html").removesuffix(".html")
    parts = [p for p in path.split("/") if p not in ("", ".", "..", "en")]
    anchor = anchor.removeprefix("key-")
    return "/".join(parts), anchor


def matches(expect: str, href: str) -> bool:
    """Whether a shown link is one the query expects (see the header of search_queries.yml)."""
    path, anchor = target_of(href)
    want_path, _, want_anchor = expect.partition("#")
    if path != want_path:
        return False
    return want_anchor == "*" or want_anchor == anchor


def first_rank(query: dict, hrefs: list[str]) -> int | None:
    for rank, href in enumerate(hrefs, start=1):
        if any(matches(expect, href) for expect in query["expect"]):
            return rank
    return None


def build_site(site: Path) -> None:
    print(f"building the shipped site into {site} ...", file=sys.stderr)
    subprocess.run([sys.executable, "-m", "portal", "build", "--out", str(site)], check=True, cwd=REPO,
                   stdout=subprocess.DEVNULL)


def reindex_site(site: Path) -> None:
    """Rewrite only the search index, the search script and the words script of a built site (a ranking change)."""
    import shutil

    from portal import site_layout
    from portal.build.pipeline import derive
    from portal.cli import settings_from
    from portal.outputs.search import write_search
    from portal.search import STATIC_DIR
    from portal.settings import LANGS
    from portal.words import BROWSER_SCRIPT, browser_words_script

    settings = settings_from(argparse.Namespace())
    derived, _ = derive(settings)
    folders = {lang: site_layout.lang_dir(site, lang) for lang in LANGS}
    write_search(settings, derived, folders)
    for folder in folders.values():
        for path in STATIC_DIR.glob("*.*"):
            shutil.copy(path, folder / "assets" / path.name)
        (folder / "assets" / BROWSER_SCRIPT).write_text(browser_words_script(), encoding="utf-8")


TYPE_AND_READ = """async ([selector, query]) => {
  const input = document.querySelector(selector);
  const shown = new Promise((resolve) => input.addEventListener("portalsearch:results", resolve, {once: true}));
  const started = performance.now();
  input.focus();
  input.value = query;
  input.dispatchEvent(new Event("input", {bubbles: true}));
  await shown;
  const ms = performance.now() - started;
  const panel = input.nextElementSibling;
  return {ms, hrefs: [...panel.querySelectorAll("[role=option]")].map((a) => a.getAttribute("href"))};
}"""


def run_queries(base: str, queries: list[dict], box: str) -> list[dict]:
    from playwright.sync_api import sync_playwright

    from portal.verify.served import CHROMIUM, CHROMIUM_ARGS

    out = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        cold = {}
        for lang in ("zh", "en"):
            context = browser.new_context()  # an empty cache: the first query of each language is cold
            page = context.new_page()
            page.goto(base + ("en/" if lang == "en" else "") + "index.html")
            got = page.evaluate(TYPE_AND_READ, [BOXES[box], "安全" if lang == "zh" else "safety"])
            cold[lang] = got["ms"]
            context.close()
        context = browser.new_context()
        for query in queries:
            page = context.new_page()
            page.goto(base + ("en/" if query["lang"] == "en" else "") + "index.html")
            got = page.evaluate(TYPE_AND_READ, [BOXES[box], query["q"]])
            page.close()
            out.append(dict(query, hrefs=got["hrefs"], ms=got["ms"], rank=first_rank(query, got["hrefs"])))
        browser.close()
    out.append({"cold": cold})
    return out


def figures(rows: list[dict]) -> dict:
    n = len(rows)
    if not n:
        return {}
    ranks = [r["rank"] for r in rows]
    return {
        "queries": n,
        "success@1": sum(1 for k in ranks if k == 1) / n,
        "success@5": sum(1 for k in ranks if k and k <= 5) / n,
        "mrr@10": sum(1 / k for k in ranks if k and k <= 10) / n,
        "zero_results": sum(1 for r in rows if not r["hrefs"]) / n,
        "median_ms": statistics.median(r["ms"] for r in rows),
    }


def report(name: str, rows: list[dict]) -> str:
    f = figures(rows)
    if not f:
        return f"{name}: no queries"
    lines = [f"{name}: {f['queries']} queries  success@1 {f['success@1']:.0%}  success@5 {f['success@5']:.0%}  "
             f"MRR@10 {f['mrr@10']:.2f}  zero results {f['zero_results']:.0%}  median {f['median_ms']:.0f} ms"]
    for r in rows:
        if r["rank"] != 1:
            shown = ", ".join("/".join(filter(None, target_of(h))) for h in r["hrefs"][:3]) or "nothing"
            lines.append(f"  {'miss' if not r['rank'] else 'rank ' + str(r['rank']):>7}  [{r['class']}] {r['q']}"
                         f"  -> {shown}")
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=REPO / "build" / "scorer-site")
    parser.add_argument("--rebuild", action="store_true", help="build the site even if --site holds one")
    parser.add_argument("--reindex", action="store_true", help="rewrite only the search index and script of --site")
    parser.add_argument("--file", action="store_true", help="open the site over file:// instead of http")
    parser.add_argument("--box", choices=sorted(BOXES), default="home")
    parser.add_argument("--queries", type=Path, default=QUERIES)
    parser.add_argument("--only", help="run only the queries containing this text")
    parser.add_argument("--json", type=Path, help="write every query's links and rank here")
    args = parser.parse_args(argv)

    site = args.site.resolve()
    if args.rebuild or not (site / "index.html").exists():
        build_site(site)
    elif args.reindex:
        reindex_site(site)
    queries = load_queries(args.queries)
    if args.only:
        queries = [q for q in queries if args.only in q["q"]]
    started = time.perf_counter()
    if args.file:
        rows = run_queries(site.as_uri() + "/", queries, args.box)
    else:
        from portal.verify.served import served_folder
        with served_folder(site) as base:
            rows = run_queries(base, queries, args.box)
    cold = rows.pop()["cold"]
    tuning = [r for r in rows if not r.get("held_out")]
    held = [r for r in rows if r.get("held_out")]
    print(report("tuning set", tuning))
    for lang in ("zh", "en"):
        f = figures([r for r in tuning if r["lang"] == lang])
        if f:
            print(f"  {lang}: {f['queries']} queries  success@1 {f['success@1']:.0%}  success@5 {f['success@5']:.0%}"
                  f"  MRR@10 {f['mrr@10']:.2f}  zero results {f['zero_results']:.0%}")
    print(report("held-out set", held))
    print(f"cold first query (new browser, empty cache): zh {cold['zh']:.0f} ms, en {cold['en']:.0f} ms; "
          f"{'file://' if args.file else 'http'}, {args.box} box; {time.perf_counter() - started:.0f} s")
    if args.json:
        args.json.write_text(json.dumps({"rows": rows, "cold": cold}, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
