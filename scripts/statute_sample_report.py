# Measures what `python -m portal import-statute` keeps from a folder of real statute files (issue 18's figures).
"""Run the statute importer over a sample of LawRefBook/Laws files into a throwaway data layer and report.

    python scripts/statute_sample_report.py SAMPLE_DIR
    python scripts/statute_sample_report.py SAMPLE_DIR --extract-from /work/.mirror/LawRefBook+Laws/repo

With `--extract-from GIT_DIR` (a clone or bare mirror of github.com/LawRefBook/Laws) the sample folder is first
filled with a fixed, deterministic selection of files across every folder of the mirror (法律 categories, 行政法规,
部门规章, 司法解释, 案例, the DLC local regulations of each province), keeping the mirror's relative paths so that
levels and source links can be derived from them.  An existing sample folder is never overwritten.

The importer is used only through its command line (`python -m portal import-statute SAMPLE_DIR`, with the data
layers `data:<throwaway layer>` in PORTAL_DATA), and the figures are read from what it wrote and from
`python -m portal validate` of the same layers, so the script measures later versions of the importer the same way:

- files: statute Markdown files in the sample (``_index.md``, ``README.md`` and templates are not statutes);
- records: regulation records the import wrote into the layer;
- texts kept: sample files whose text is in a record's ``texts`` (matched by the file's path in the text's
  ``source``), records with a full text, text versions and their articles;
- dates inferred: text versions or amendments whose record marks a date as inferred (any field whose name contains
  "infer"), and the importer's output lines saying it inferred a date;
- texts refused: sample files whose text is in no record, grouped by the importer's messages that name the file;
- problems after validating the layer, by problem code, and warnings.

The shipped data/ must not change; the script compares it before and after and says so (and puts it back) if the
importer wrote to it.  Exit status 0 when the measurement ran (whatever the figures), 2 when it could not run.
"""
from __future__ import annotations

import argparse
import collections
import hashlib
import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
NOT_STATUTES = ("_index.md", "README.md")
# Strata of the mirror and how many files each contributes (every n-th file of the sorted list, deterministic).
LAW_CATEGORIES = ("宪法", "宪法相关法", "民法典", "民法商法", "行政法", "经济法", "社会法", "刑法",
                  "诉讼与非诉讼程序法", "其他")
QUOTAS = {"law": 20, "行政法规": 70, "司法解释": 40, "部门规章": 40, "案例": 6, "DLC": 15}
# Files a safety department needs are always in the sample (statutes the shipped data also has).
ALWAYS = re.compile(r"安全|矿山|消防|职业病|危险化学品|煤矿|特种设备|刑法修正案|^刑法/刑法\.md$")
DATE_WORDS = re.compile(r"[0-9０-９]{4}-[0-9]{2}-[0-9]{2}|[0-9０-９]+")
PROBLEM_LINE = re.compile(r"^(?P<file>[^\s:][^:]*):(?P<line>[0-9]+): (?P<rest>.*)$")
SUMMARY_LINE = re.compile(r"([0-9]+) problem\(s\) in .*?\((?P<codes>[^)]*)\)")


# -- sample ----------------------------------------------------------------------------------------------------------
def stratum(path: str) -> str | None:
    """The part of the mirror a file belongs to (None for files that are not statutes)."""
    parts = path.split("/")
    if not path.endswith(".md") or parts[-1] in NOT_STATUTES or len(parts) < 2 or "模版" in parts[-1]:
        return None
    if parts[0] in LAW_CATEGORIES:
        return f"law/{parts[0]}"
    if parts[0] in ("DLC", "案例", "部门规章"):
        return f"{parts[0]}/{parts[1]}" if len(parts) > 2 else parts[0]
    if parts[0] in ("行政法规", "司法解释"):
        return parts[0]
    return None


def select_sample(paths: list[str]) -> list[str]:
    """A fixed selection: every n-th file of each stratum up to its quota, plus every safety-related file."""
    by_stratum: dict[str, list[str]] = collections.defaultdict(list)
    for path in sorted(paths):
        name = stratum(path)
        if name:
            by_stratum[name].append(path)
    chosen = []
    for name, files in sorted(by_stratum.items()):
        quota = QUOTAS.get(name.split("/")[0], QUOTAS["law"])
        step = max(1, len(files) // quota)
        picked = set(files[::step][:quota])
        picked.update(f for f in files if ALWAYS.search(f.split("/", 1)[1] if name.startswith("law/") else
                                                         f.rsplit("/", 1)[-1]) and name.split("/")[0] != "DLC")
        chosen.extend(sorted(picked))
    return chosen


def extract_sample(git_dir: Path, target: Path) -> int:
    """Write the selected files of the mirror's HEAD into `target` (which must not exist yet). Returns the count."""
    if target.exists() and any(target.iterdir()):
        raise SystemExit(f"{target}: exists and is not empty; not overwritten (leave out --extract-from to measure it)")
    listing = subprocess.run(["git", "--git-dir", str(git_dir), "-c", "core.quotepath=off", "ls-tree", "-r",
                              "--name-only", "HEAD"], capture_output=True, text=True, check=True).stdout.splitlines()
    chosen = select_sample(listing)
    for path in chosen:
        blob = subprocess.run(["git", "--git-dir", str(git_dir), "show", f"HEAD:{path}"], capture_output=True,
                              check=True).stdout
        out = target / path
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(blob)
    return len(chosen)


def sample_files(sample: Path) -> list[Path]:
    return sorted(p for p in sample.rglob("*.md") if p.name not in NOT_STATUTES and "模版" not in p.name)


# -- running the portal ----------------------------------------------------------------------------------------------
def run_portal(args: list[str], layers: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PORTAL_DATA": layers, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, "-m", "portal", *args], cwd=REPO, env=env, capture_output=True, text=True)


def snapshot(folder: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def restore(before: dict[Path, bytes], folder: Path) -> list[str]:
    """Put `folder` back as it was; the names of the files that had changed, appeared or gone."""
    changed = []
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path not in before:
            changed.append(f"added {path.relative_to(REPO)}")
            path.unlink()
    for path, content in before.items():
        if not path.exists() or path.read_bytes() != content:
            changed.append(f"changed {path.relative_to(REPO)}")
            path.write_bytes(content)
    return changed


# -- reading what the import wrote -----------------------------------------------------------------------------------
def load_records(layer: Path) -> dict[Path, dict]:
    records = {}
    for path in sorted(layer.rglob("*.yml")):
        try:
            loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (yaml.YAMLError, UnicodeDecodeError) as error:
            print(f"{path}: not readable YAML ({error.__class__.__name__}); counted as a record without texts")
            loaded = None
        records[path] = loaded if isinstance(loaded, dict) else {}
    return records


def mentions_inferred(value) -> bool:
    """True when a mapping anywhere inside `value` has a key naming an inferred date (e.g. effective_inferred) with a
    value that is not empty or false."""
    if isinstance(value, dict):
        return any(("infer" in str(key).lower() and bool(item)) or mentions_inferred(item)
                   for key, item in value.items())
    if isinstance(value, list):
        return any(mentions_inferred(item) for item in value)
    return False


def mirror_path(source: str) -> str:
    """The file path a source names: after github.com/<owner>/<repo>/blob/<branch>/ when it is such a URL."""
    path = urllib.parse.unquote(source)
    return re.sub(r"^https?://github\.com/[^/]+/[^/]+/blob/[^/]+/", "", path).lstrip("/")


def files_of_source(source: str, files: list[str]) -> list[str]:
    """Sample files a text's `source` URL or path names: its path after /blob/<branch>/ (or the whole value) is the
    file's path in the sample, ends with it, or (when the importer named files from a wrong root) is its tail."""
    path = mirror_path(source)
    exact = [f for f in files if path == f or path.endswith("/" + f)]
    return exact or [f for f in files if f.endswith("/" + path)]


def inferred_reasons(value, found: collections.Counter) -> None:
    """Count the values of the inferred-date fields inside `value` (the rule each date follows)."""
    if isinstance(value, dict):
        for key, item in value.items():
            if "infer" in str(key).lower() and item:
                found[str(item) if isinstance(item, (str, int, float)) else "yes"] += 1
            else:
                inferred_reasons(item, found)
    elif isinstance(value, list):
        for item in value:
            inferred_reasons(item, found)


def is_copy(sample: Path, rel: str, present: set[str], messages: list[str]) -> bool:
    """True when `rel` repeats a file whose text was kept: byte for byte the same file under the same name in another
    folder, or the importer says it is the same version and text as another file."""
    name = rel.rsplit("/", 1)[-1]
    twins = [other for other in present if other != rel and other.rsplit("/", 1)[-1] == name]
    if any((sample / twin).read_bytes() == (sample / rel).read_bytes() for twin in twins):
        return True
    return any(message.startswith("same version and text as") for message in messages)


def normalised(message: str) -> str:
    """A message with its numbers and dates replaced by N, so that messages of one kind group together."""
    message = re.sub(r"«[^»]*»|《[^》]*》|\"[^\"]*\"", "…", message)
    return DATE_WORDS.sub("N", message).strip()


def messages_by_file(output: str, files: list[str]) -> dict[str, list[str]]:
    """Importer output lines naming each sample file, reduced to the kind of message (what follows the file's name,
    up to its first ": ", with URLs, record ids of MISMATCH lines, numbers and dates left out).  A file is found by its
    path in the sample, that path URL-quoted, or its bare file name when no other sample file has that name."""
    found: dict[str, list[str]] = collections.defaultdict(list)
    lines = output.splitlines()
    names = collections.Counter(rel.rsplit("/", 1)[-1] for rel in files)
    for rel in files:
        name = rel.rsplit("/", 1)[-1]
        keys = [rel, urllib.parse.quote(rel)] + ([name] if names[name] == 1 else [])
        for line in lines:
            key = next((k for k in keys if k in line), None)
            if key is None:
                continue
            text = line.split(key, 1)[-1] if key != name or rel not in line else line.split(rel, 1)[-1]
            message = re.sub(r"https?://[^\s)]+", "<url>", text)
            message = re.sub(r"^(?:MISMATCH [^:]+: )?[^:]*?\.md\b", "", message)  # "MISMATCH <id>: <path>.md"
            message = re.sub(r"^[^:]*:[0-9]+: ", "", message.lstrip(":0123456789 "))
            message = re.sub(r"^[a-z_]+: ", "", message)  # the field of a records-core Problem (header: …)
            found[rel].append(normalised(message.split(": ", 1)[0]))
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sample", type=Path, help="folder of statute Markdown files in the mirror's layout")
    parser.add_argument("--extract-from", type=Path, help="git directory of a LawRefBook/Laws mirror: fill SAMPLE "
                                                          "with the fixed selection first")
    parser.add_argument("--keep", type=Path, help="write the layer here (must not exist) and keep it for inspection")
    args = parser.parse_args(argv)
    if args.extract_from:
        print(f"extracted {extract_sample(args.extract_from, args.sample)} files into {args.sample}")
    sample = args.sample.resolve()
    if not sample.is_dir():
        print(f"{sample}: no such folder", file=sys.stderr)
        return 2
    files = [p.relative_to(sample).as_posix() for p in sample_files(sample)]
    strata = collections.Counter((stratum(f) or f.split("/")[0]).split("/")[0] for f in files)
    with tempfile.TemporaryDirectory(prefix="statute-layer-") as temp:
        layer = args.keep.resolve() if args.keep else Path(temp) / "layer"
        if layer.exists():
            print(f"{layer}: exists; give a new folder to --keep", file=sys.stderr)
            return 2
        layer.mkdir(parents=True)
        layers = f"{REPO / 'data'}:{layer}"
        shipped_before = snapshot(REPO / "data")
        started = time.monotonic()
        imported = run_portal(["import-statute", str(sample)], layers)
        elapsed = time.monotonic() - started
        shipped_changes = restore(shipped_before, REPO / "data")
        validated = run_portal(["validate"], layers)
        records = load_records(layer)
        report(sample, files, strata, imported, elapsed, validated, records, layer, shipped_changes)
    return 0


def report(sample, files, strata, imported, elapsed, validated, records, layer, shipped_changes) -> None:
    output = imported.stdout + "\n" + imported.stderr
    print(f"== statute sample: {len(files)} files ({', '.join(f'{k} {v}' for k, v in sorted(strata.items()))})")
    print(f"import-statute: exit status {imported.returncode}, {elapsed:.1f} s, {len(output.splitlines())} output "
          f"lines; its last lines:")
    for line in [l for l in imported.stdout.splitlines() if l.strip()][-3:]:
        print(f"    | {line}")
    if "Traceback" in imported.stderr:
        print("    import-statute ended with a traceback:")
        for line in imported.stderr.strip().splitlines()[-3:]:
            print(f"    ! {line}")
    if shipped_changes:
        print(f"the import changed the shipped data/ ({len(shipped_changes)} files; put back): "
              + "; ".join(shipped_changes[:5]))

    kept_files, with_text, versions, articles, inferred, undated = set(), 0, 0, 0, 0, 0
    source_kinds: collections.Counter = collections.Counter()
    levels: collections.Counter = collections.Counter()
    for record in records.values():
        texts = [t for t in record.get("texts") or [] if isinstance(t, dict)]
        with_text += bool(texts)
        versions += len(texts)
        for text in texts:
            articles += len(text.get("articles") or [])
            undated += not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", str(text.get("version", "")))
            inferred += mentions_inferred(text)
            source = str(text.get("source") or "")
            matched = files_of_source(source, files)
            if str(sample) in urllib.parse.unquote(source):
                source_kinds["a local path of this machine"] += 1
            elif matched and mirror_path(source) in matched:
                source_kinds["the file's path in the mirror"] += 1
            else:
                source_kinds["another path (wrong root)" if matched else "no file of the sample"] += 1
            kept_files.update(matched)
            for rel in matched:
                levels[(stratum(rel) or rel).split("/")[0], str(record.get("level"))] += 1
        inferred += sum(mentions_inferred(a) for a in record.get("amendments") or [])
        inferred += mentions_inferred({k: v for k, v in record.items() if k not in ("texts", "amendments")})
    inferred_lines = [l for l in output.splitlines() if re.search(r"infer|推定|推断", l, re.IGNORECASE)]
    print(f"records written: {len(records)}")
    print(f"texts kept: {len(kept_files)} of {len(files)} files; records with a full text {with_text} of "
          f"{len(records)}; text versions {versions}, articles {articles}"
          + (f"; versions without an in-force date {undated}" if undated else ""))
    print("text sources name: " + ", ".join(f"{kind} {n}" for kind, n in source_kinds.most_common()))
    print("level given, by mirror folder of the text's file: "
          + "; ".join(f"{folder} -> {level} {n}" for (folder, level), n in sorted(levels.items())))
    reasons: collections.Counter = collections.Counter()
    inferred_reasons(list(records.values()), reasons)
    print(f"dates inferred: {inferred} marked in the records"
          + (f" (by rule: {', '.join(f'{rule} {n}' for rule, n in reasons.most_common())})" if reasons else "")
          + f"; {len(inferred_lines)} importer lines say a date was inferred")

    shipped_texts = set()
    for record in load_records(REPO / "data" / "regulations").values():
        for text in record.get("texts") or []:
            if isinstance(text, dict):
                shipped_texts.update(files_of_source(str(text.get("source") or ""), files))
    already = [f for f in files if f not in kept_files and f in shipped_texts]
    print(f"texts not written because the shipped data/ already has them (same mirror file): {len(already)}")
    not_kept = [f for f in files if f not in kept_files and f not in shipped_texts]
    reasons = messages_by_file(output, not_kept)
    present = kept_files | shipped_texts
    copies = [f for f in not_kept if is_copy(sample, f, present, reasons.get(f) or [])]
    print(f"left out as copies of another sample file whose text was kept (the mirror files some statutes in two "
          f"folders): {len(copies)}")
    refused = [f for f in not_kept if f not in copies]
    groups: collections.Counter = collections.Counter()
    for rel in refused:
        for message in dict.fromkeys(reasons.get(rel) or ["(the importer names no reason for this file)"]):
            groups[message] += 1
    print(f"texts refused (file's text in no record of the layer or of data/): {len(refused)}; reasons the importer gives (a file may have "
          f"several; numbers shown as N):")
    for message, count in groups.most_common(25):
        print(f"  {count:5d}  {message[:150]}")
    if len(groups) > 25:
        print(f"  ... {len(groups) - 25} other kinds of message")

    lines = validated.stdout.splitlines() + validated.stderr.splitlines()
    problems = [l for l in lines if PROBLEM_LINE.match(l) and "warning:" not in l]
    warnings = [l for l in lines if PROBLEM_LINE.match(l) and "warning:" in l]
    in_layer = [l for l in problems if l.startswith(str(layer)) or "/statute-layer-" in l.split(":", 1)[0]]
    codes = next((m.group("codes") for l in lines for m in [SUMMARY_LINE.search(l)] if m), "")
    print(f"validate data:<layer>: exit status {validated.returncode}; problems {len(problems)} ({len(in_layer)} in "
          f"layer files, {len(problems) - len(in_layer)} in shipped files){f'; by code: {codes}' if codes else ''}")
    warning_kinds = collections.Counter(normalised(PROBLEM_LINE.match(l).group("rest").split("warning:", 1)[-1])[:90]
                                        for l in warnings)
    print(f"warnings {len(warnings)}" + "".join(f"\n  {n:5d}  {kind}" for kind, n in warning_kinds.most_common(5)))
    field_kinds = collections.Counter(
        re.sub(r"\b[a-z0-9]+(?:-[a-z0-9]+){1,}\b", lambda m: m.group(0) if m.group(0) == "in-force" else "<id>",
               normalised(re.sub(r"\[[0-9]+\]", "[]", PROBLEM_LINE.match(l).group("rest"))))[:110]
        for l in problems)
    if field_kinds:
        print("problems by field and message (first 10 kinds):")
        for kind, n in field_kinds.most_common(10):
            print(f"  {n:5d}  {kind}")


if __name__ == "__main__":
    sys.exit(main())
