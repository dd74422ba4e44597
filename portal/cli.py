# The portal's command line: every command is registered here; the only place settings are read from the environment.
"""Work-safety knowledge portal generator.

Steps: load -> check -> derive -> pages -> engine -> outputs -> verify -> ship. Data layers: --data data:../branch.
Environment (read here only): PORTAL_DATA, PORTAL_SITE_URL, SOURCE_DATE_EPOCH, PORTAL_STALE_DAYS,
PORTAL_KIOSK_IDLE_SECONDS, PORTAL_KIOSK_SLIDE_SECONDS, PORTAL_EDIT_URL, PORTAL_FEEDBACK_URL, PORTAL_KIND_MODULES (record kinds beyond the
built-in ones: module names or .py paths separated by ':', see portal/kinds/__init__.py)."""
from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

from portal.check.problems import InvalidData, summary_by_code
from portal.settings import (IDLE_SECONDS_DEFAULT, SHIPPED_DATA, SLIDE_SECONDS_DEFAULT, STALE_DAYS_DEFAULT, Settings,
                             SettingsError, resolved)


# -- settings from options and environment -------------------------------------------------------------------------
def _today(environ) -> dt.date:
    epoch = environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc).date()
        except ValueError:
            raise SettingsError(f"SOURCE_DATE_EPOCH {epoch!r} must be seconds since 1970 (e.g. `date +%s`)")
    return dt.datetime.now(tz=dt.timezone.utc).date()


def _seconds(environ, name: str, default: int) -> int:
    raw = environ.get(name) or default
    try:
        value = int(raw)
    except (TypeError, ValueError):
        raise SettingsError(f"{name} must be a whole number of seconds, not {raw!r}")
    if value < 1:
        raise SettingsError(f"{name} must be at least 1, not {value}")
    return value


def data_layers(value: str | None) -> tuple[Path, ...]:
    """DATA=data:../branch-data -> (data, ../branch-data); later layers add to earlier ones."""
    raw = value or os.environ.get("PORTAL_DATA") or str(SHIPPED_DATA)
    return tuple(resolved(Path(part)) for part in raw.split(os.pathsep) if part)


def kind_modules(environ=os.environ) -> tuple[str, ...]:
    """PORTAL_KIND_MODULES=my_kinds.permits:layer/kinds/inspections.py -> the extra record kinds of this run."""
    return tuple(part for part in (environ.get("PORTAL_KIND_MODULES") or "").split(os.pathsep) if part)


def settings_from(args, environ=os.environ, **overrides) -> Settings:
    from portal.derive.history import git_short_commit

    layers = data_layers(getattr(args, "data", None))
    values = dict(
        data_dirs=layers,
        production=bool(getattr(args, "production", False)),
        site_url=getattr(args, "base_url", None) or environ.get("PORTAL_SITE_URL", ""),
        variant=getattr(args, "variant", None) or "web",
        today=_today(environ),
        stale_days=_seconds(environ, "PORTAL_STALE_DAYS", STALE_DAYS_DEFAULT),
        kiosk_idle_seconds=_seconds(environ, "PORTAL_KIOSK_IDLE_SECONDS", IDLE_SECONDS_DEFAULT),
        kiosk_slide_seconds=_seconds(environ, "PORTAL_KIOSK_SLIDE_SECONDS", SLIDE_SECONDS_DEFAULT),
        edit_url=environ.get("PORTAL_EDIT_URL", ""),
        feedback_url=environ.get("PORTAL_FEEDBACK_URL", ""),
        kind_modules=kind_modules(environ),
        commit=git_short_commit(layers[-1]) if layers and layers[-1].is_dir() else "",
    )
    if getattr(args, "strict_bilingual", None) is not None:
        values["strict_bilingual"] = args.strict_bilingual
    values.update(overrides)
    return Settings(**values)


def print_problems(problems, where: str, tail: str) -> None:
    for problem in problems:
        print(problem)
    counts = ", ".join(f"{code} {n}" for code, n in summary_by_code(problems))
    print(f"\n{len(problems)} 个问题 / {len(problems)} problem(s) in {where} ({counts}) — {tail}", file=sys.stderr)


# -- commands ------------------------------------------------------------------------------------------------------
def cmd_validate(args, settings: Settings) -> int:
    from portal.check.validate import load_checked

    result = load_checked(settings)
    where = ":".join(map(str, settings.data_dirs))
    for warning in result.warnings:
        print(warning)
    if result.problems:
        print_problems(result.problems, where, "nothing was built. Fix each line above and run `make validate` again.")
        return 1
    from portal.derive.facts import Derived
    from portal.kinds import KINDS

    dataset = result.dataset
    counts = ", ".join(f"{kind} {len(records)}" for kind, records in dataset.records.items())
    derived = Derived(dataset, settings.today)
    facts = [line for kind in KINDS for line in kind.summary(derived)]
    vocab_terms = sum(len(dataset.terms(name)) for name in dataset.vocab)
    print(f"OK {where}: {counts}; vocabularies {len(dataset.vocab)} ({vocab_terms} terms)")
    print("   " + "; ".join(facts + [f"warnings: {len(result.warnings)}"]))
    print("   sources by host (official / trusted / other / denied):")
    for kind, quality in sorted(result.source_quality.items()):
        print(f"     {kind:<12} {quality['official']:>4} {quality['trusted']:>4} {quality['other']:>4} {quality['denied']:>4}")
    return 0


def failure_line(error: Exception, where: Path) -> str:
    """A failed build step: a full disk in one line saying where and how much is needed (also when the engine's own
    process ran out of space); any other error as it is (the engine's message ends with its last lines)."""
    from portal.diskspace import os_error_line

    if isinstance(error, OSError):
        return os_error_line(error, where)
    text = str(error)
    if "No space left on device" in text:
        return os_error_line(OSError(28, "No space left on device", str(where)), where)
    return text


def cmd_build(args, settings: Settings) -> int:
    from portal.build.pipeline import build_site
    from portal.engine.contract import EngineError
    from portal.kinds import KINDS

    out = Path(args.out)
    try:
        report = build_site(settings, out)
    except InvalidData as error:
        print_problems(error.problems, ":".join(map(str, settings.data_dirs)),
                       f"nothing was built; the previous site in {out} was left untouched.")
        return 1
    except (EngineError, OSError) as error:
        print(f"build failed: {failure_line(error, out)}; the previous site in {out} was left untouched",
              file=sys.stderr)
        return 1
    derived = report.derived
    pages = sum(report.pages.values())
    counts = ", ".join(f"{kind} {n}" for kind, n in derived.counts().items())
    print(f"built {settings.variant} site into {out} in {report.seconds:.1f} s: {pages} generated pages (zh + en); "
          f"records: {counts}")
    print("phases: " + ", ".join(f"{name} {seconds:.1f} s" for name, seconds in report.phases.items()))
    for kind in KINDS:
        for warning in kind.build_warnings(derived, settings.stale_days):
            print(f"warning: {warning}")
    if not settings.site_url:
        print("note: no BASE_URL given — printed QR codes encode paths relative to the portal's address "
              "(make build BASE_URL=http://intranet.example/safety/ for scannable print-outs)")
    return 0


def cmd_serve(args, settings: Settings) -> int:
    from portal.build.serve import serve
    return serve(settings, Path(args.out), args.port, watch_files=not args.no_watch)


def cmd_coverage(args, settings: Settings) -> int:
    from portal.check.validate import load_checked
    from portal.pages.widgets import translation_coverage

    result = load_checked(settings)
    if result.problems:
        print_problems(result.problems, ":".join(map(str, settings.data_dirs)),
                       "fix them first: coverage counts only valid data.")
        return 1
    print(f"{'kind':<12} {'records':>8} {'one lang':>9} {'long texts':>11} {'missing en':>11}")
    for row in translation_coverage(result.dataset):
        print(f"{row['kind']:<12} {row['records']:>8} {row['one_language']:>9} {row['texts']:>11} {row['missing']:>11}")
        for record_id, lacking, total in row["incomplete"]:
            print(f"    {record_id}: {lacking}/{total} without English")
    return 0


def cmd_offline(args, settings: Settings) -> int:
    from portal.build.pipeline import build_site
    from portal.engine.contract import EngineError
    from portal.outputs.offline import file_url_problems, package_offline
    from portal.verify.sitecheck import check_site

    site = Path(args.site)
    try:
        report = build_site(settings, site)
    except InvalidData as error:
        print_problems(error.problems, ":".join(map(str, settings.data_dirs)), "no offline copy was made.")
        return 1
    except (EngineError, OSError) as error:
        print(f"offline build failed: {failure_line(error, site)}", file=sys.stderr)
        return 1
    problems = check_site(site) + file_url_problems(site)
    if problems:
        for problem in problems:
            print(problem)
        print(f"\n{len(problems)} problem(s) in the offline build — no zip was made.", file=sys.stderr)
        return 1
    counts = report.derived.counts()
    package = package_offline(site, Path(args.dist), counts, settings.today, settings.commit, name=args.name)
    print(f"built the offline copy in {report.seconds:.1f} s: {package.zip_path} — {package.size / 1e6:.1f} MB, "
          f"{package.files} files; records: " + ", ".join(f"{kind} {n}" for kind, n in counts.items()))
    print("check a copy with: python -m portal verify-offline <unzipped folder> (finds changed, missing AND added "
          "files; `sha256sum -c SHA256SUMS` alone misses added files)")
    return 0


def cmd_verify_offline(args, settings: Settings) -> int:
    from portal.outputs.offline import CHECKSUMS, OfflineError, verify

    try:
        differences = verify(Path(args.folder))
    except OfflineError as error:
        print(error, file=sys.stderr)
        return 2
    for line in differences.lines():
        print(line)
    if differences.ok:
        print(f"OK {args.folder}: every file matches {CHECKSUMS}, none missing, none added")
        return 0
    print(f"{len(differences.lines())} difference(s): {len(differences.changed)} changed, "
          f"{len(differences.missing)} missing, {len(differences.extra)} extra", file=sys.stderr)
    return 1


def cmd_publish(args, settings: Settings) -> int:
    from portal.engine.contract import EngineError
    from portal.ship.publish import PublishError, current_release, publish, releases

    dest = Path(args.dest)
    try:
        before = current_release(dest)
    except OSError:
        before = None

    def failed(reason: str) -> int:
        served = f"still serves {before.name}" if before else "has no current release yet"
        print(f"publish failed: {reason}; {dest}/current {served}", file=sys.stderr)
        return 1

    try:
        release = publish(settings, dest, keep=args.keep, nginx_conf=Path(args.nginx_conf) if args.nginx_conf else None)
    except InvalidData as error:
        for problem in error.problems:
            print(problem)
        return failed(f"{len(error.problems)} problem(s) in the data")
    except EngineError as error:
        return failed(f"build failed: {failure_line(error, dest)}")
    except PublishError as error:
        for problem in error.problems:
            print(problem)
        return failed(str(error))
    except OSError as error:
        from portal.diskspace import is_full, os_error_line
        return failed(os_error_line(error, dest) if is_full(error) else
                      f"{error.strerror or error} ({error.filename or dest}) — check free disk space and that "
                      f"{dest} is writable")
    print(f"published {release.name}: {dest}/current -> releases/{release.name} "
          f"({len(releases(dest))} release(s) kept)")
    return 0


def cmd_rollback(args, settings: Settings) -> int:
    from portal.ship.publish import PublishError, rollback

    notes: list[str] = []
    try:
        release = rollback(Path(args.dest), notes)
    except PublishError as error:
        for note in notes:
            print(note, file=sys.stderr)
        print(f"rollback failed: {error}", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"rollback failed: {error.strerror or error} ({error.filename or args.dest})", file=sys.stderr)
        return 1
    for note in notes:
        print(note)
    print(f"rolled back: {args.dest}/current -> releases/{release.name}")
    return 0


def cmd_nginx_conf(args, settings: Settings) -> int:
    from portal.ship.nginx import nginx_server_block, nginx_standalone_conf

    listen = args.port or args.listen
    block = nginx_server_block(Path(args.site), args.base, args.root or Path(args.site), listen=listen,
                               server_name=args.server_name)
    print(nginx_standalone_conf(block, Path(args.standalone)) if args.standalone else block, end="")
    return 0


# -- parser ----------------------------------------------------------------------------------------------------------
def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m portal", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", help="data layers, separated by ':' (default: $PORTAL_DATA or data/)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(name: str, func, help_text: str):
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.set_defaults(func=func)
        return p

    def with_site_options(p, variant=True):
        p.add_argument("--production", action="store_true", help="refuse sample data (sample: true)")
        p.add_argument("--base-url", help="address the site is served at, e.g. http://intranet.example/safety/ "
                                          "(404 page, QR codes; default $PORTAL_SITE_URL)")
        if variant:
            p.add_argument("--variant", choices=("web", "offline", "kiosk"), default="web",
                           help="web (default), offline (file:// copy) or kiosk (corridor touch screens)")

    p = add("validate", cmd_validate, "check every data file; list all problems as file:line: field: message")
    p.add_argument("--production", action="store_true", help="also refuse sample data")
    p.add_argument("--strict-bilingual", action=argparse.BooleanOptionalAction, default=None,
                   help="require both languages (default: only for the shipped data/)")
    p = add("build", cmd_build, "validate, then build both languages into --out")
    p.add_argument("--out", default="site")
    with_site_options(p)
    p = add("serve", cmd_serve, "build, serve on localhost, rebuild when data/docs/templates change (live preview)")
    p.add_argument("--out", default="site")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--no-watch", action="store_true", help="serve the built site without watching for changes")
    with_site_options(p)
    add("coverage", cmd_coverage, "count long texts without English and records in one language")
    p = add("offline", cmd_offline, "build the offline (file://) copy and zip it into --dist")
    p.add_argument("--site", default="build/offline-site", help="where to build it before zipping")
    p.add_argument("--dist", default="dist")
    p.add_argument("--name", default="safety-portal", help="zip name prefix")
    with_site_options(p, variant=False)
    p.set_defaults(variant="offline")
    p = add("verify-offline", cmd_verify_offline, "compare an unzipped offline copy with its SHA256SUMS "
                                                  "(changed, missing and added files)")
    p.add_argument("folder")
    p = add("publish", cmd_publish, "build a new release into DEST/releases, check it, switch DEST/current")
    p.add_argument("--dest", required=True, help="deployment folder (holds releases/ and the current symlink)")
    p.add_argument("--keep", type=int, default=5, help="releases to keep (default 5)")
    p.add_argument("--nginx-conf", help="deployed nginx config: refuse a release whose inline scripts its CSP "
                                        "does not allow")
    with_site_options(p, variant=False)
    p = add("rollback", cmd_rollback, "point DEST/current at the previous complete release")
    p.add_argument("--dest", required=True)
    p = add("nginx-conf", cmd_nginx_conf, "print an nginx server block for a built site (CSP hashes included)")
    p.add_argument("--site", required=True, help="built site whose inline scripts the CSP must allow")
    p.add_argument("--base", default="/", help="sub-path or base URL, e.g. /safety/ or http://intranet.example/safety/")
    p.add_argument("--root", help="folder nginx serves, e.g. DEST/current (default: --site)")
    p.add_argument("--listen", default="80", help="nginx listen value, e.g. 80 or 127.0.0.1:8080")
    p.add_argument("--port", help="shorthand for --listen PORT")
    p.add_argument("--server-name", default="_")
    p.add_argument("--standalone", metavar="PREFIX",
                   help="print a complete unprivileged config keeping pid/logs/temp files under PREFIX")
    register_data_commands(add)
    return parser


def cmd_new(args, settings: Settings) -> int:
    from portal.kinds import BY_NAME
    from portal.load.dataset import read_dataset
    from portal.kinds import KINDS
    from portal.records.skeleton import skeleton
    from portal.records.ids import record_id as id_from_title

    kind = BY_NAME[args.kind]
    title = args.title or "新记录"
    record_id = args.id or id_from_title(title)
    dataset = read_dataset(settings.data_dirs, KINDS)
    firsts = {"level": next(iter(dataset.terms("regulation-levels")), "law"),
              "type": next(iter(dataset.terms("resource-types")), "rescue-team"),
              "province": next(iter(dataset.terms("provinces")), "beijing"),
              "category": next(iter(dataset.terms("article-categories")), "general")}
    target = settings.data_dirs[-1] / kind.name / f"{record_id}.yml"
    if target.exists() or record_id in dataset.records.get(kind.name, {}):
        where = target if target.exists() else f"a record of an earlier data layer ({kind.name}/{record_id}.yml)"
        print(f"{where} exists already: choose another --id", file=sys.stderr)
        return 1
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(skeleton(kind, title, record_id, settings.today, firsts), encoding="utf-8")
    print(f"wrote {target}: fill in every TODO, then run `make validate`")
    return 0


def guess_kind(path: Path, mapping: str | None = None) -> str | None:
    """The kind a ledger holds: the mapping's `kind:` (or the template sheet its `sheets:` names), else words in the
    file name (each kind's Kind.file_hints) when only one kind matches, else the main sheet of a workbook made from a
    template (事故案例, 通讯录, ...)."""
    from portal.kinds import BY_NAME, KINDS
    from portal.tables.columns import KINDS as SHEETS
    from portal.tables.vocab import normalise

    sheet_kinds = {normalise(name): spec.kind for spec in map(SHEETS.__getitem__, SHEETS) for name in (spec.zh, spec.en)}
    if mapping:
        from portal.tables.mapping import load_mapping

        loaded, _problems = load_mapping(mapping)
        if loaded.kind in BY_NAME:
            return loaded.kind
        named = {sheet_kinds[normalise(t)] for t in loaded.sheets.values() if normalise(t) in sheet_kinds}
        if len(named) == 1:
            return named.pop()
    name = path.name.lower()
    found = [kind.name for kind in KINDS if any(word in name for word in kind.file_hints)]
    if len(found) == 1:
        return found[0]
    found = {sheet_kinds[normalise(sheet)] for sheet in _sheet_names(path) if normalise(sheet) in sheet_kinds}
    return found.pop() if len(found) == 1 else None


def _sheet_names(path: Path) -> list[str]:
    """The sheet names of an .xlsx/.xlsm workbook, read from its small workbook.xml part (nothing else unpacked)."""
    import html
    import re
    import zipfile

    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        return []
    try:
        with zipfile.ZipFile(path) as package:
            info = package.getinfo("xl/workbook.xml")
            if info.file_size > 1_000_000:
                return []
            text = package.read(info).decode("utf-8", "replace")
    except (OSError, KeyError, zipfile.BadZipFile, RuntimeError, ValueError):
        return []
    return [html.unescape(name) for name in re.findall(r"<(?:\w+:)?sheet\b[^>]*?\bname=\"([^\"]*)\"", text)]


def cmd_import(args, settings: Settings) -> int:
    from portal.kinds import KINDS
    from portal.tables import commands

    source = Path(args.source)
    files = sorted(p for p in source.iterdir() if p.suffix.lower() in (".xlsx", ".xlsm", ".xls", ".ods", ".csv")
                   and "." not in p.stem) if source.is_dir() else [source]
    if not files:
        print(f"{source}: no .xlsx/.xls/.ods/.csv file to import", file=sys.stderr)
        return 2
    status = 0
    for path in files:
        kind = args.kind or guess_kind(path, args.map)
        if kind is None:
            print(f"{path}: 请用 --kind（make：KIND=cases）或映射文件中的 kind: 指明记录类别 / say which kind of records "
                  f"it holds with --kind (make: KIND=cases) or `kind:` in the mapping "
                  f"({', '.join(kind.name for kind in KINDS)})", file=sys.stderr)
            status = max(status, 2)
            continue
        forwarded = argparse.Namespace(kind=kind, file=str(path), mapping=args.map, into=args.into, dry_run=args.dry_run,
                                       encoding=args.encoding)
        status = max(status, commands.cmd_import(forwarded, settings))
    return status


def cmd_export(args, settings: Settings) -> int:
    from portal.kinds import KINDS
    from portal.tables import commands

    if args.kind != "all":
        return commands.cmd_export(argparse.Namespace(kind=args.kind, out=args.out, ids=args.ids,
                                                      all_layers=args.all_layers), settings)
    folder = Path(args.out)
    folder.mkdir(parents=True, exist_ok=True)
    status = 0
    for kind in KINDS:
        status = max(status, commands.cmd_export(argparse.Namespace(kind=kind.name, out=str(folder / f"{kind.name}.xlsx"),
                                                                    ids=None, all_layers=args.all_layers), settings))
    return status


def cmd_import_statute(args, settings: Settings) -> int:
    from portal.importers.statute import main as statute_main

    argv = [arg for layer in settings.data_dirs for arg in ("--data", str(layer))]
    argv += ["--root", args.root] if args.root else []
    argv += (["--dry-run"] if args.dry_run else []) + args.paths
    return statute_main(argv)


def register_data_commands(add) -> None:
    """Spreadsheet and statute import/export, new-record skeletons (portal/tables, portal/importers)."""
    from portal.kinds import BY_NAME

    def cmd_template(args, settings: Settings) -> int:  # portal.tables (openpyxl) loads only when used
        from portal.tables.commands import cmd_template as template
        return template(args, settings)

    p = add("template", cmd_template, "write an empty spreadsheet for one record kind (Chinese headers, drop-downs, "
                                      "instructions, an example row)")
    p.add_argument("kind", choices=sorted(BY_NAME))
    p.add_argument("out", help="file to write: .xlsx (recommended) or .csv")
    p = add("import", cmd_import, "read spreadsheets or CSV ledgers into YAML records (one file per record); lists "
                                  "every problem with its sheet and cell and writes nothing while any remains")
    p.add_argument("source", help="an .xlsx/.xls/.ods/.csv file, or a folder of them")
    p.add_argument("--kind", choices=sorted(BY_NAME), help="kind of records (default: guessed from the file name)")
    p.add_argument("--map", help="YAML mapping (columns / values / defaults) for a ledger not made from the template")
    p.add_argument("--into", help="folder to write the records to (default: <last data layer>/<kind>)")
    p.add_argument("--encoding", help="encoding of a CSV file, e.g. gb18030 or cp1252 (default: by its BOM, UTF-8, "
                                      "else GB18030 when that reads as Chinese)")
    p.add_argument("--dry-run", action="store_true", help="check and report what would be written; write nothing")
    p = add("export", cmd_export, "write records as a spreadsheet that imports back unchanged")
    p.add_argument("kind", choices=sorted(BY_NAME) + ["all"])
    p.add_argument("out", help=".xlsx or .csv file (all: a folder, one .xlsx per kind)")
    p.add_argument("--ids", help="comma-separated record ids to export (default: all)")
    p.add_argument("--all-layers", action="store_true", help="export the records of every data layer (default: only "
                   "the last layer, the organisation's own, so that the export imports back cleanly)")
    p = add("import-statute", cmd_import_statute, "read official statute texts (flk/LawRefBook Markdown) into "
                                                  "regulation records: full text per version, chapters, anchors")
    p.add_argument("paths", nargs="+", help="statute Markdown files or folders")
    p.add_argument("--root", help="top folder of the mirror checkout (default: found from the folders of each file)")
    p.add_argument("--dry-run", action="store_true")

    p = add("new", cmd_new, "write a new record file that validates, with a comment for every field")
    p.add_argument("kind", choices=sorted(BY_NAME))
    p.add_argument("--title", help="the record's Chinese title (the id is made from it with pinyin)")
    p.add_argument("--id", help="the record id (default: from the title)")


def main(argv: list[str] | None = None) -> int:
    from portal.kinds import load_kind_module

    try:
        for name in kind_modules():  # before the parser: its choices of kinds include them
            load_kind_module(name)
    except (ImportError, ValueError) as error:
        print(f"error: PORTAL_KIND_MODULES: {error}", file=sys.stderr)
        return 2
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        settings = settings_from(args)
    except SettingsError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    return args.func(args, settings)
