# Releases for the intranet server: build into a new release folder, check it, switch DEST/current atomically; rollback.
"""Ship step: releases under DEST/releases/, DEST/current a symlink switched atomically, rollback, pruning.

A release is served only once it is complete (marked with COMPLETE_MARK after its checks passed) and is marked
SERVED_MARK once DEST/current points at it. Rollback goes back only to a release that was served, or to a complete
one that passes its checks again at rollback (one the publish moved into place but never served: killed, or the disk
full at the switch). Pruning renames a release out of releases/ before deleting it, so a killed publish never leaves a
half-deleted release that rollback could serve; leftovers of killed publishes are cleaned at the next run."""
from __future__ import annotations

import fcntl
import os
import re
import shutil
from contextlib import contextmanager, suppress
from datetime import datetime, timezone
from pathlib import Path

from portal import site_layout
from portal.build.pipeline import build_site
from portal.settings import LANGS, Settings
from portal.ship.nginx import base_path_of, inline_script_hashes
from portal.verify import sitecheck

COMPLETE_MARK = ".portal-release-complete"  # its checks passed; holds the release name and the base path checked
SERVED_MARK = ".portal-release-served"      # DEST/current pointed at it
TRASH = ".trash"

KEEP_RELEASES = 5
RELEASE_NAME = re.compile(r"^\d{8}T\d{6}\.\d{3}Z-[0-9A-Za-z]+(-\d+)?$")
REQUIRED_PAGES = (*(site_layout.home_file(lang) for lang in LANGS), "404.html")


class PublishError(Exception):
    """Publishing or rolling back stopped; `problems` says why. The served release was not changed."""

    def __init__(self, message: str, problems: list[str] | None = None):
        super().__init__(message)
        self.problems = problems or []


def releases(dest: Path) -> list[Path]:
    """Published releases, oldest first (names start with their UTC time)."""
    folder = Path(dest) / "releases"
    if not folder.is_dir():
        return []
    return sorted((p for p in folder.iterdir() if p.is_dir() and RELEASE_NAME.match(p.name)
                   and (p / COMPLETE_MARK).is_file()), key=_release_key)


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


def clean_leftovers(dest: Path) -> list[Path]:
    """Remove what killed publishes left: work folders, trash, temporary links and release folders never marked
    complete (unless served). Folders in releases/ not named like a release (an operator's) are left alone."""
    removed = []
    serving = current_release(dest)
    for folder in (dest / ".incoming", dest / TRASH):
        if folder.exists():
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    for link in dest.glob(".current.*.tmp"):
        if link.is_symlink():
            link.unlink()
            removed.append(link)
    for release in (dest / "releases").iterdir() if (dest / "releases").is_dir() else []:
        if (release.is_dir() and not release.is_symlink() and RELEASE_NAME.match(release.name)
                and not (release / COMPLETE_MARK).is_file() and release.resolve() != serving):
            shutil.rmtree(release, ignore_errors=True)
            removed.append(release)
    return removed


def _new_release_name(dest: Path, commit: str) -> str:
    now = datetime.now(timezone.utc)
    base = f"{now:%Y%m%dT%H%M%S}.{now.microsecond // 1000:03d}Z-{commit or 'nogit'}"
    name, counter = base, 1
    while (dest / "releases" / name).exists():
        counter += 1
        name = f"{base}-{counter}"
    return name


def publish(settings: Settings, dest: Path, keep: int = KEEP_RELEASES, nginx_conf: Path | None = None) -> Path:
    """Build, check and serve a new release in DEST; returns it. Raises InvalidData, EngineError, OSError or
    PublishError — in every failure case DEST/current still points where it pointed before."""
    dest = Path(dest).absolute()
    if nginx_conf is not None and not Path(nginx_conf).is_file():
        raise PublishError(f"nginx config {nginx_conf}: no such file (give the config nginx really uses, e.g. "
                           "/etc/nginx/sites-enabled/portal.conf)")
    (dest / "releases").mkdir(parents=True, exist_ok=True)
    link = dest / "current"
    if link.exists() and not link.is_symlink():
        raise PublishError(f"{link} exists and is not a symlink: move it away first (publish switches a symlink)")
    with _locked(dest):
        clean_leftovers(dest)
        name = _new_release_name(dest, settings.commit)
        # A private workspace per attempt (build_site also stages next to its output); removed whatever happens.
        workspace = dest / ".incoming" / name
        workspace.mkdir(parents=True)
        incoming = workspace / "site"
        try:
            build_site(settings.with_(work_dir=workspace / "work"), incoming)
            problems = check_release(incoming, base_path_of(settings.site_url), nginx_conf)
            if problems:
                raise PublishError(f"release {name} failed {len(problems)} check(s); nothing was switched", problems)
            (incoming / COMPLETE_MARK).write_text(f"{name}\nbase_path: {base_path_of(settings.site_url)}\n",
                                                  encoding="utf-8")
            release = dest / "releases" / name
            incoming.rename(release)
        finally:
            shutil.rmtree(workspace, ignore_errors=True)
        try:
            switch_current(dest, release)
        except BaseException:
            with suppress(OSError):  # never served: it must not linger as a complete release (if it can be moved)
                _discard(dest, release)
            raise
        _mark_served(release)
        prune(dest, keep)
    return release


def _mark_served(release: Path) -> None:
    """Written after the switch (a kill before it leaves the mark out: rollback then checks the release again)."""
    (release / SERVED_MARK).write_text("served\n", encoding="utf-8")


def _checked_base_path(release: Path) -> str:
    for line in (release / COMPLETE_MARK).read_text(encoding="utf-8").splitlines():
        if line.startswith("base_path: "):
            return line[len("base_path: "):]
    return "/"


def _discard(dest: Path, release: Path) -> None:
    """Move a release out of releases/ (one rename), then delete it; a kill in between leaves only trash."""
    trash = dest / TRASH
    trash.mkdir(exist_ok=True)
    gone = trash / release.name
    release.rename(gone)
    shutil.rmtree(gone, ignore_errors=True)


def prune(dest: Path, keep: int = KEEP_RELEASES) -> list[Path]:
    """Delete all but the newest `keep` releases (never the one being served); returns what was deleted."""
    serving = current_release(dest)
    removed = []
    trash = dest / TRASH
    for release in releases(dest)[:-keep] if keep > 0 else []:
        if release.resolve() != serving:
            # Out of releases/ first (one rename), then delete: a kill in between leaves only trash, never a
            # half-deleted release that rollback could pick. A release that cannot be moved stays complete and is
            # tried again next time: pruning runs after the switch, so it must not fail the publish.
            try:
                _discard(dest, release)
            except OSError:
                continue
            removed.append(release)
    shutil.rmtree(trash, ignore_errors=True)
    return removed


def rollback(dest: Path, notes: list[str] | None = None) -> Path:
    """Serve the release published before the current one that was served before, or that passes its checks again;
    returns it. Releases skipped on the way, and why, are added to `notes`."""
    dest = Path(dest).absolute()
    if not (dest / "releases").is_dir():
        raise PublishError(f"{dest} holds no releases: nothing was published there, so there is nothing to roll back to")
    with _locked(dest):
        serving = current_release(dest)
        known = [r.resolve() for r in releases(dest)]
        if serving is None or serving not in known:
            raise PublishError(f"{dest}/current does not point to a complete release in {dest}/releases")
        position = known.index(serving)
        if position == 0:
            raise PublishError(f"{serving.name} is the oldest complete release kept; there is nothing to roll back to")
        if not (serving / SERVED_MARK).is_file():
            _mark_served(serving)  # it is served now (a publish killed right after its switch left the mark out)
        notes = notes if notes is not None else []
        for candidate in reversed(known[:position]):
            if not (candidate / SERVED_MARK).is_file():
                problems = check_release(candidate, _checked_base_path(candidate))
                if problems:
                    notes.append(f"skipped releases/{candidate.name}: it was never served and fails its checks again "
                                 f"({'; '.join(problems[:3])})")
                    continue
                notes.append(f"releases/{candidate.name} was never served; it passed its checks again")
            switch_current(dest, candidate)
            _mark_served(candidate)
            return candidate
        raise PublishError(f"no release before {serving.name} was served or passes its checks again; "
                           f"{dest}/current still points at {serving.name}")
