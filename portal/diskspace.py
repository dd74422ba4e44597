# One line for a full disk (or another OS error while writing): where it happened, how much is needed, how much is free.
"""Disk-space messages shared by every command that writes (build, offline, publish, preview, caches).

`os_error_line(error, where, needed)` turns an OSError (a single one, or shutil's list of copy errors) into one
line: the folder on the full file system, the space the step needs (when known) and the space free there."""
from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

FULL = {errno.ENOSPC, errno.EDQUOT}


def tree_size(path: Path) -> int:
    """Bytes of the files under `path` (0 when it does not exist); links are not followed."""
    total = 0
    for folder, _dirs, files in os.walk(path):
        for name in files:
            try:
                total += os.lstat(os.path.join(folder, name)).st_size
            except OSError:
                continue  # removed meanwhile: it needs no space
    return total


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


def _existing_parent(path: Path) -> Path:
    path = Path(path).absolute()
    while not path.exists() and path != path.parent:
        path = path.parent
    return path


def first_error(error: OSError) -> OSError:
    """shutil.Error carries a list of (source, target, message) per file: the first one as an OSError."""
    if isinstance(error, shutil.Error) and error.args and isinstance(error.args[0], list) and error.args[0]:
        _source, target, message = error.args[0][0]
        code = errno.ENOSPC if "No space left" in str(message) else None
        return OSError(code, str(message).split("] ", 1)[-1].split(":", 1)[0], target)
    return error


def is_full(error: BaseException) -> bool:
    error = first_error(error) if isinstance(error, OSError) else error
    return isinstance(error, OSError) and (error.errno in FULL or "No space left on device" in str(error))


def os_error_line(error: OSError, where: Path | str, needed: int | None = None) -> str:
    """One line: what failed, in which folder, and for a full disk the space needed and free there."""
    needed = needed or getattr(error, "needed", None)
    error = first_error(error)
    needed = needed or getattr(error, "needed", None)
    place = Path(error.filename) if error.filename else Path(where)
    if is_full(error):
        folder = _existing_parent(place if place.is_dir() else place.parent)
        free = shutil.disk_usage(folder).free
        need = f"about {_megabytes(needed)} needed, " if needed else ""
        return (f"No space left on device at {folder} ({need}{_megabytes(free)} free): free space on that disk or "
                "write somewhere else")
    return f"{error.strerror or error} ({place})"
