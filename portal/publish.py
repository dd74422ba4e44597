# Releases for the intranet server: build into a new release folder, check it, switch DEST/current atomically; rollback.
from __future__ import annotations

import fcntl
import os
import re
import shutil
import subprocess
import sys
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

from portal import sitecheck
from portal.build import build_site
from portal.dataset import REPO_ROOT, resolve_data_dir
from portal.deploy import base_path_of, inline_script_hashes
from portal.problems import InvalidData

KEEP_RELEASES = 5
RELEASE_NAME = re.compile(r"^\d{8}T\d{6}\.\d{3}Z-[0-9A-Za-z]+(-\d+)?$")
REQUIRED_PAGES = ("index.html", "en/index.html", "404.html", "search/search_index.json")


class PublishError(Exception):
    """Publishing or rolling back stopped; `problems` says why. The served release was not changed."""

    def __init__(self, message: str, problems: list[str] | None = None):
        super().__init__(message)
        self.problems = problems or []


def git_short_commit() -> str:
    try:
        result = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO_ROOT, capture_output=True,
                                text=True, check=True)
        return result.stdout.strip() or "nogit"
    except (OSError, subprocess.CalledProcessError):
        return "nogit"


def releases(dest: Path) -> list[Path]:
    """Published releases, oldest first (names start with their UTC time)."""
    folder = Path(dest) / "releases"
    if not folder.is_dir():
        return []
    return sorted((p for p in folder.iterdir() if p.is_dir() and RELEASE_NAME.match(p.name)), key=_release_key)


def _release_key(path: Path):
    stamp, _, rest = path.name.partition("Z-")
    counter = rest.rsplit("-", 1)[1] if rest.count("-") else "0"
    return stamp, int(counter) if counter.isdigit() else 0


def current_release(dest: Path) -> Path | None:
    link = Path(dest) / "current"
    if not link.is_symlink():
        return None
    return (link.parent / os.readlink(link)).resolve()


def switch_current(dest: Path, release: Path) -> None:
    """Point DEST/current at `release` in one step: a new symlink under a temporary name replaces the old one."""
    dest = Path(dest)
    temporary = dest / f".current.{os.getpid()}.tmp"
    if temporary.is_symlink() or temporary.exists():
        temporary.unlink()
    os.symlink(os.path.relpath(release, dest), temporary)
    os.replace(temporary, dest / "current")


@contextmanager
def _locked(dest: Path):
    with open(dest / ".publish.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def check_release(release: Path, base_path: str, nginx_conf: Path | None = None) -> list[str]:
    """Checks a release must pass before it is served: key pages exist, links/anchors/hosts (portal.sitecheck) and,
    given the deployed nginx config, that its Content-Security-Policy allows every inline script of the release."""
    problems = [f"missing {name}" for name in REQUIRED_PAGES if not (release / name).is_file()]
    problems += sitecheck.check_site(release, base_path=base_path)
    if nginx_conf is not None:
        deployed = Path(nginx_conf).read_text(encoding="utf-8")
        missing = [h for h in inline_script_hashes(release) if h not in deployed]
        if missing:
            problems.append(f"{nginx_conf}: its Content-Security-Policy lacks {len(missing)} inline-script hash(es) of "
                            f"this release ({' '.join(missing)}); regenerate it with `portal nginx-conf`, reload nginx")
    return problems


def _new_release_name(dest: Path) -> str:
    now = datetime.now(timezone.utc)
    base = f"{now:%Y%m%dT%H%M%S}.{now.microsecond // 1000:03d}Z-{git_short_commit()}"
    name, counter = base, 1
    while (dest / "releases" / name).exists():
        counter += 1
        name = f"{base}-{counter}"
    return name


def publish(dest: Path, data_dir: Path, site_url: str | None = None, production: bool = False,
            keep: int = KEEP_RELEASES, nginx_conf: Path | None = None) -> Path:
    """Build, check and serve a new release in DEST; returns it. Raises InvalidData, CalledProcessError or
    PublishError — in every failure case DEST/current still points where it pointed before."""
    dest = Path(dest).absolute()
    (dest / "releases").mkdir(parents=True, exist_ok=True)
    link = dest / "current"
    if link.exists() and not link.is_symlink():
        raise PublishError(f"{link} exists and is not a symlink: move it away first (publish switches a symlink)")
    with _locked(dest):
        name = _new_release_name(dest)
        # A private workspace per attempt (build_site also stages next to its output); removed whatever happens.
        workspace = dest / ".incoming" / name
        workspace.mkdir(parents=True)
        incoming = workspace / "site"
        try:
            build_site(incoming, Path(data_dir), production=production, site_url=site_url)
            problems = check_release(incoming, base_path_of(site_url), nginx_conf)
            if problems:
                raise PublishError(f"release {name} failed {len(problems)} check(s); nothing was switched", problems)
            release = dest / "releases" / name
            incoming.rename(release)
        finally:
            shutil.rmtree(workspace, ignore_errors=True)
        switch_current(dest, release)
        prune(dest, keep)
    return release


def prune(dest: Path, keep: int = KEEP_RELEASES) -> list[Path]:
    """Delete all but the newest `keep` releases (never the one being served); returns what was deleted."""
    serving = current_release(dest)
    removed = []
    for release in releases(dest)[:-keep] if keep > 0 else []:
        if release.resolve() != serving:
            shutil.rmtree(release)
            removed.append(release)
    return removed


def rollback(dest: Path) -> Path:
    """Serve the release published before the current one; returns it."""
    dest = Path(dest).absolute()
    with _locked(dest):
        serving = current_release(dest)
        known = [r.resolve() for r in releases(dest)]
        if serving is None or serving not in known:
            raise PublishError(f"{dest}/current does not point to a release in {dest}/releases")
        position = known.index(serving)
        if position == 0:
            raise PublishError(f"{serving.name} is the oldest release kept; there is nothing to roll back to")
        switch_current(dest, known[position - 1])
        return known[position - 1]


def cmd_publish(args) -> int:
    data_dir = resolve_data_dir(args.data)
    before = current_release(Path(args.dest))
    try:
        release = publish(Path(args.dest), data_dir, site_url=args.base_url or None, production=args.production,
                          keep=args.keep, nginx_conf=Path(args.nginx_conf) if args.nginx_conf else None)
    except InvalidData as error:
        for problem in error.problems:
            print(problem)
        return _failed(args.dest, before, f"{len(error.problems)} problem(s) in {data_dir}")
    except subprocess.CalledProcessError as error:
        return _failed(args.dest, before, f"build failed: {error}")
    except PublishError as error:
        for problem in error.problems:
            print(problem)
        return _failed(args.dest, before, str(error))
    print(f"published {release.name}: {args.dest}/current -> releases/{release.name} "
          f"({len(releases(Path(args.dest)))} release(s) kept)")
    return 0


def _failed(dest: str, before: Path | None, reason: str) -> int:
    served = f"still serves {before.name}" if before else "has no current release yet"
    print(f"publish failed: {reason}; {dest}/current {served}", file=sys.stderr)
    return 1


def cmd_rollback(args) -> int:
    try:
        release = rollback(Path(args.dest))
    except PublishError as error:
        print(f"rollback failed: {error}", file=sys.stderr)
        return 1
    print(f"rolled back: {args.dest}/current -> releases/{release.name}")
    return 0


def register_commands(sub) -> None:
    """Adds `publish` and `rollback` to the portal command line (portal/cli.py)."""
    p_publish = sub.add_parser("publish", help="build a new release into DEST/releases, check it, switch DEST/current")
    p_publish.add_argument("--dest", required=True, help="deployment folder (holds releases/ and the current symlink)")
    p_publish.add_argument("--base-url", default=os.environ.get("PORTAL_SITE_URL", ""),
                           help="address the site is served at, e.g. http://intranet.example/safety/")
    p_publish.add_argument("--production", action="store_true", help="refuse sample data")
    p_publish.add_argument("--keep", type=int, default=KEEP_RELEASES, help="releases to keep (default 5)")
    p_publish.add_argument("--nginx-conf", help="deployed nginx config: refuse a release whose inline scripts its CSP "
                                                "does not allow")
    p_publish.set_defaults(func=cmd_publish)
    p_rollback = sub.add_parser("rollback", help="point DEST/current at the previous release")
    p_rollback.add_argument("--dest", required=True)
    p_rollback.set_defaults(func=cmd_rollback)
