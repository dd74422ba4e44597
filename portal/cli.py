# One command line for the portal: validate, build (both languages), coverage, serve.
from __future__ import annotations

import argparse
import functools
import os
import http.server
import subprocess
import sys
from pathlib import Path

from portal.dataset import resolve_data_dir
from portal.build import VARIANTS, build_site
from portal.model import build_date
from portal.problems import InvalidData
from portal.render import stale, translation_coverage
from portal.site import load_site, page_context
from portal.validate import load_checked
from portal import offline
from portal import deploy, publish


def cmd_validate(args) -> int:
    data_dir = resolve_data_dir(args.data)
    dataset, problems = load_checked(data_dir, build_date(), production=args.production)
    for problem in problems:
        print(problem)
    counts = ", ".join(f"{kind} {len(records)}" for kind, records in dataset.records.items())
    vocab_terms = sum(len(dataset.terms(name)) for name in dataset.vocab)
    if problems:
        print(f"\n{len(problems)} 个问题 / {len(problems)} problem(s) in {data_dir} — nothing was built. "
              f"Fix each line above and run `make validate` again.", file=sys.stderr)
        return 1
    print(f"OK {data_dir}: {counts}; vocabularies {len(dataset.vocab)} ({vocab_terms} terms)")
    return 0


def cmd_build(args) -> int:
    data_dir = resolve_data_dir(args.data)
    try:
        seconds = build_site(Path(args.out), data_dir, production=args.production, variant=args.variant,
                             site_url=args.base_url or None)
    except InvalidData as error:
        for problem in error.problems:
            print(problem)
        print(f"\n{len(error.problems)} problem(s) in {data_dir} — nothing was built; the previous site in "
              f"{args.out} was left untouched.", file=sys.stderr)
        return 1
    except subprocess.CalledProcessError as error:
        print(f"build failed: {error}; the previous site in {args.out} was left untouched", file=sys.stderr)
        return 1
    pages = sum(1 for _ in Path(args.out).rglob("index.html"))
    derived = load_site(str(data_dir), args.production)
    counts = ", ".join(f"{kind} {n}" for kind, n in derived.counts().items())
    ctx = page_context("zh", "", True, derived)
    stale_dirs = [i for i, d in sorted(derived.dataset.contacts.items()) if stale(ctx, d)]
    print(f"built {pages} pages (zh + en) into {args.out} in {seconds:.1f} s; records: {counts}")
    if stale_dirs:
        print(f"warning: {len(stale_dirs)} contact directory(ies) not verified for more than {ctx.stale_days} days: "
              + ", ".join(stale_dirs))
    return 0


def cmd_serve(args) -> int:
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=args.out)
    with http.server.ThreadingHTTPServer(("127.0.0.1", args.port), handler) as server:
        print(f"serving {args.out} on http://127.0.0.1:{args.port}/ (Ctrl+C to stop)")
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
    return 0


def cmd_coverage(args) -> int:
    dataset, problems = load_checked(resolve_data_dir(args.data), build_date())
    report = translation_coverage(dataset)
    print(f"{'kind':<12} {'records':>8} {'long texts':>11} {'missing en':>11}")
    for row in report:
        print(f"{row['kind']:<12} {row['records']:>8} {row['texts']:>11} {row['missing']:>11}")
        for record_id, lacking, total in row["incomplete"]:
            print(f"    {record_id}: {lacking}/{total} without English")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="portal", description=__doc__)
    parser.add_argument("--data", help="data directory (default: $PORTAL_DATA or data/)")
    sub = parser.add_subparsers(dest="command", required=True)
    p_validate = sub.add_parser("validate", help="check every data file; list all problems")
    p_validate.add_argument("--production", action="store_true", help="also refuse sample data")
    p_validate.set_defaults(func=cmd_validate)
    p_build = sub.add_parser("build", help="validate, then build both languages")
    p_build.add_argument("--out", default="site")
    p_build.add_argument("--production", action="store_true", help="refuse sample data")
    p_build.add_argument("--base-url", default=os.environ.get("PORTAL_SITE_URL", ""),
                         help="address the site is served at, e.g. http://intranet.example/safety/ (404 page, QR codes)")
    p_build.add_argument("--variant", choices=sorted(VARIANTS), default="web",
                         help="web (default), offline (file:// copy) or kiosk (corridor touch screens)")
    p_build.set_defaults(func=cmd_build)
    p_serve = sub.add_parser("serve", help="serve a built site on localhost")
    p_serve.add_argument("--out", default="site")
    p_serve.add_argument("--port", type=int, default=8000)
    p_serve.set_defaults(func=cmd_serve)
    p_cov = sub.add_parser("coverage", help="count long texts without English")
    p_cov.set_defaults(func=cmd_coverage)
    offline.register_commands(sub)
    deploy.register_commands(sub)
    publish.register_commands(sub)
    args = parser.parse_args(argv)
    return args.func(args)
