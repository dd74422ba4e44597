# The build's single cached view of the data: validated once per process, with derived facts and page links.
from __future__ import annotations

import os
import pickle
import subprocess
from functools import lru_cache
from pathlib import Path

from portal.dataset import Dataset, resolve_data_dir
from portal.model import Derived, build_date, parse_date
from portal.problems import InvalidData
from portal.render import PageContext
from portal.validate import load_checked


def production_requested() -> bool:
    return os.environ.get("PORTAL_PRODUCTION", "") not in ("", "0", "false")


@lru_cache(maxsize=None)
def load_site(data_dir: str, production: bool) -> Derived:
    """Validated data plus derived facts; raises InvalidData listing every problem."""
    dataset, problems = load_checked(Path(data_dir), build_date(), production=production)
    if problems:
        raise InvalidData(problems)
    return Derived(dataset, build_date(), updated=_commit_dates(dataset))


def current_site() -> Derived:
    """The data of this build: from the pickle the build command left (already validated), else loaded here."""
    pickled = os.environ.get("PORTAL_DERIVED_PICKLE")
    if pickled:
        return _load_pickle(pickled)
    return load_site(str(resolve_data_dir()), production_requested())


@lru_cache(maxsize=None)
def _load_pickle(path: str) -> Derived:
    return pickle.loads(Path(path).read_bytes())


def _commit_dates(dataset: Dataset) -> dict:
    """(kind, id) -> date of the last commit touching the record's file, from one `git log` run (empty outside git)."""
    try:
        output = subprocess.run(
            ["git", "log", "--format=@%cs", "--name-only", "--", "."], cwd=dataset.root, capture_output=True,
            text=True, timeout=60, check=True).stdout
        top = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=dataset.root, capture_output=True,
                             text=True, timeout=10, check=True).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return {}
    dates, current = {}, None
    for line in output.splitlines():
        if line.startswith("@"):
            current = parse_date(line[1:])
        elif line and current:
            path = (Path(top) / line).resolve()
            try:
                rel = path.relative_to(dataset.root.resolve())
            except ValueError:
                continue
            if len(rel.parts) == 2 and rel.suffix == ".yml":
                dates.setdefault((rel.parts[0], rel.stem), current)
    return dates


def url_of_source(src_uri: str, use_directory_urls: bool) -> str:
    """The URL mkdocs gives a page source path: cases/x.md -> cases/x/ (or cases/x.html offline)."""
    stem = src_uri[:-3] if src_uri.endswith(".md") else src_uri
    if stem == "index" or stem.endswith("/index"):
        base = stem[: -len("index")]
        return base if use_directory_urls else base + "index.html"
    return stem + "/" if use_directory_urls else stem + ".html"


def relative_url(target: str, from_url: str) -> str:
    """Link from the page at from_url to target (both site-relative URLs), as mkdocs writes it."""
    from mkdocs.utils import get_relative_url

    return get_relative_url(target, from_url) if target else get_relative_url(".", from_url) or "./"


def page_context(lang: str, page_url: str, use_directory_urls: bool, derived: Derived | None = None,
                 stale_days: int | None = None) -> PageContext:
    """Context for rendering one page at page_url: links are made relative to it (so sub-paths and file:// work)."""
    derived = derived or current_site()

    def link(src: str) -> str:
        path, _, fragment = src.partition("#")
        href = relative_url(url_of_source(path, use_directory_urls), page_url)
        if use_directory_urls is False and href.endswith("/"):
            href += "index.html"
        return href + (f"#{fragment}" if fragment else "")

    root = relative_url("", page_url).rstrip("/") or "."
    if lang == "zh":
        counterpart = f"{root}/en/{page_url}"
    else:
        counterpart = f"{root}/../{page_url}"
    if counterpart.endswith("/") and not use_directory_urls:
        counterpart += "index.html"
    return PageContext(lang, derived, link, counterpart=counterpart, root=root,
                       stale_days=stale_days or int(os.environ.get("PORTAL_STALE_DAYS", "180")))
