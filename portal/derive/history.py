# When each record was last changed, from git history (one `git log` run); empty outside a git checkout.
"""Derive step: last-change dates of record files (for "recently updated"), read from git, never typed."""
from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path, PurePosixPath

from portal.derive.facts import parse_date


def commit_dates(roots: tuple[Path, ...]) -> dict[tuple[str, str], dt.date]:
    """(kind, id) -> date of the last commit touching the record's file, across the data layers."""
    dates: dict[tuple[str, str], dt.date] = {}
    for root in roots:
        try:
            output = subprocess.run(["git", "log", "--format=@%cs", "--name-only", "--", "."], cwd=root,
                                    capture_output=True, text=True, timeout=60, check=True).stdout
            top = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=root, capture_output=True,
                                 text=True, timeout=10, check=True).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            continue
        try:  # git names files from the top of the repository: the layer's place in it, worked out once
            layer = root.resolve().relative_to(Path(top).resolve()).parts
        except ValueError:
            continue
        current = None
        for line in output.splitlines():
            if line.startswith("@"):
                current = parse_date(line[1:])
            elif line and current:
                parts = PurePosixPath(line).parts
                if parts[:len(layer)] != layer:
                    continue
                rel = PurePosixPath(*parts[len(layer):]) if len(parts) > len(layer) else None
                if rel is not None and len(rel.parts) == 2 and rel.suffix == ".yml":
                    dates.setdefault((rel.parts[0], rel.stem), current)
    return dates


def git_short_commit(folder: Path) -> str:
    """The short hash of HEAD of the repository holding `folder` ('' outside git)."""
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=folder, capture_output=True, text=True,
                              timeout=10, check=True).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""
