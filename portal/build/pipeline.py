# Builds the site: load, check, derive, stage the pages for the site engine, run it, fill the generated pages, outputs.
"""Build: the flow of `build_site`.

1. load + check + derive (raises InvalidData with every problem; nothing is written);
2. stage (portal/build/stage.py): per language what the engine needs (portal/engine/contract.py): the hand-written
   pages with their widgets rendered, the outline of frames, the assets and the options;
3. the site engine builds both languages (mkdocs + Material: portal/engine/);
4. fill (portal/build/fill.py): in one process per language, every generated page (portal/pages/, pure) is written
   into its frame, then the language's search index; the open data, which needs only the derived data, is written
   by a process started before step 2 (start_outputs), so that it uses the second core while this one stages;
5. outputs: the offline variant's clean-up; swap the new site into place.
"""
from __future__ import annotations

import os
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from portal import site_layout
from portal.build.fill import fill_all, prime_slugs, start_outputs
from portal.build.stage import stage_site
from portal.check.problems import InvalidData
from portal.check.validate import CheckResult, load_checked
from portal.derive.facts import Derived
from portal.derive.history import commit_dates
from portal.engine import site_engine
from portal.engine.contract import SiteEngine
from portal.settings import LANGS, Settings


@dataclass
class BuildReport:
    seconds: float
    pages: dict[str, int] = field(default_factory=dict)  # lang -> generated pages written
    check: CheckResult | None = None
    derived: Derived | None = None
    phases: dict[str, float] = field(default_factory=dict)  # wall seconds per step (derive, stage, engine, fill, outputs)


def derive(settings: Settings, cache=None) -> tuple[Derived, CheckResult]:
    """Load, check and derive; raises InvalidData listing every problem. `cache`: a ParseCache its caller keeps
    between runs (the live preview), so that only changed files are parsed again."""
    result = load_checked(settings, cache)
    if result.problems:
        raise InvalidData(result.problems)
    return Derived(result.dataset, settings.today, updated=commit_dates(result.dataset.roots)), result


def build_site(settings: Settings, out: Path, derived: Derived | None = None,
               engine: SiteEngine | None = None) -> BuildReport:
    """Build both languages (folders: portal/site_layout.py) into `out` with `engine` (default: the portal's site engine).
    On any failure `out` is left as it was."""
    started = time.perf_counter()
    phases: dict[str, float] = {}

    def lap(name: str, since: list = [started]) -> None:
        now = time.perf_counter()
        phases[name] = now - since[0]
        since[0] = now

    check = None
    if derived is None:
        derived, check = derive(settings)
    lap("derive")
    out = out.resolve()
    settings.work_dir.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f"build-{settings.variant}-", dir=settings.work_dir)).resolve()
    outputs = None
    try:
        prime_slugs(derived, settings.work_dir / "cache")
        outputs = start_outputs(settings, derived, work / "open")  # the open data meanwhile (fill.py)
        staged = {lang: stage_site(settings, derived, lang) for lang in LANGS}
        lap("stage")
        engine = engine or site_engine()
        built = engine.build(staged, work)
        lap(f"engine ({engine.name})")
        running, outputs = outputs, None  # fill_all waits for them
        pages = fill_all(settings, derived, built, running)
        lap("fill pages and open data")
        site = work / "site"
        lang_dirs = {lang: site_layout.lang_dir(site, lang) for lang in LANGS}
        for lang in sorted(LANGS, key=lambda each: len(site_layout.lang_prefix(each))):  # the site root's first
            built[lang].site_dir.rename(lang_dirs[lang])
        place_open_data(work / "open" / site_layout.OPEN_DATA_FOLDER, site / site_layout.OPEN_DATA_FOLDER)
        finish_outputs(settings, lang_dirs)
        lap("outputs")
        swap_into_place(site, out)
        lap("swap")
        return BuildReport(time.perf_counter() - started, pages, check, derived, phases)
    finally:
        if outputs is not None:  # staging or the engine failed: the outputs started meanwhile are not wanted
            outputs.stop()
        shutil.rmtree(work, ignore_errors=True)


def place_open_data(files: Path, folder: Path) -> None:
    """The open-data files into the site's data/ folder: renamed whole, or file by file beside its index page."""
    if not folder.exists():
        files.rename(folder)
        return
    for path in files.iterdir():
        path.rename(folder / path.name)


def finish_outputs(settings: Settings, lang_dirs: dict[str, Path]) -> None:
    """Offline: the 404 page goes (it links absolutely and needs a server; an offline copy has none)."""
    if settings.variant == "offline":
        for lang_dir in lang_dirs.values():
            (lang_dir / "404.html").unlink(missing_ok=True)


def swap_into_place(site: Path, out: Path) -> None:
    """Replace `out` by the new site with two renames; the old one is deleted afterwards, in the background (removing
    45,000 files takes longer than building them: 14 s at N=10,000)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    incoming = out.with_name(out.name + ".incoming")
    shutil.rmtree(incoming, ignore_errors=True)
    try:
        shutil.move(str(site), str(incoming))  # a copy when `out` is on another file system
    except OSError as error:  # e.g. that disk is full: leave nothing half-copied behind, say how much is needed
        shutil.rmtree(incoming, ignore_errors=True)
        from portal.diskspace import first_error, tree_size
        raise _with_needed(first_error(error), tree_size(site)) from error
    leftovers = sorted(out.parent.glob(out.name + ".old*"))  # from an earlier build whose deletion was cut short
    old = out.with_name(f"{out.name}.old-{os.getpid()}-{time.time_ns()}")
    if out.exists():
        out.rename(old)
        leftovers.append(old)
    incoming.rename(out)
    delete_in_background(leftovers)


def _with_needed(error: OSError, needed: int) -> OSError:
    """The error with the bytes the step needed (read by portal.diskspace.os_error_line)."""
    error.needed = needed
    return error


def delete_in_background(paths: list[Path]) -> None:
    """Remove these folders in a detached process (double fork: nothing to wait for, no zombie in a long-running
    preview); inline where fork is missing or fails."""
    if not paths:
        return
    try:
        child = os.fork() if hasattr(os, "fork") else -1
    except OSError:
        child = -1
    if child == 0:  # the child forks the remover and leaves at once
        try:
            if os.fork() == 0:
                try:
                    os.setsid()
                    _remove(paths)
                finally:
                    os._exit(0)
        finally:
            os._exit(0)
    if child > 0:
        os.waitpid(child, 0)
    else:
        _remove(paths)


def _remove(paths: list[Path]) -> None:
    for path in paths:
        shutil.rmtree(path, ignore_errors=True)
