# Offline copy for remote sites: iframe-worker shim (fetched at build time), zip with SHA256SUMS + README.txt, verify.
from __future__ import annotations

import base64
import datetime as dt
import hashlib
import io
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import jinja2

from portal.dataset import REPO_ROOT
from portal.i18n import ui
from portal.model import build_date

# Material's offline plugin loads this shim from a CDN unless extra.polyfills already names an iframe-worker script:
# the offline configs point it at SHIM_SITE_PATH, and offline_hooks.py copies the pinned file there.
IFRAME_WORKER_VERSION = "1.0.4"
IFRAME_WORKER_INTEGRITY = ("sha512-roeaaI+Lg1LJNfgpCjoRe/+WzEjy9+Z08LoEvu85MCPbBjwm+qXz8Ag5U05lHa6V1CysZyGzE0SOkAtSUA5q"
                           "7Q==")
SHIM_SITE_PATH = "assets/javascripts/iframe-worker-shim.js"
SHIM_CACHE_DIR = REPO_ROOT / "build" / "vendor"
SHIM_TARBALL_ENV = "PORTAL_IFRAME_WORKER_TGZ"  # a pre-downloaded iframe-worker-1.0.4.tgz (machines without npm)

DEFAULT_NAME = "safety-portal"
CHECKSUMS = "SHA256SUMS"
README = "README.txt"
TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"


class OfflineError(RuntimeError):
    """The offline copy cannot be made (shim not obtainable, folder without SHA256SUMS, ...)."""


# -- the iframe-worker shim ------------------------------------------------------------------------------------
def tarball_integrity(data: bytes) -> str:
    """npm's integrity string (Subresource Integrity, sha512) of a package tarball."""
    return "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode("ascii")


def shim_from_tarball(data: bytes) -> bytes:
    """The browser shim (package/shim/index.js) from the iframe-worker tarball, after checking the pinned integrity."""
    if tarball_integrity(data) != IFRAME_WORKER_INTEGRITY:
        raise OfflineError(f"iframe-worker tarball does not match the pinned integrity of {IFRAME_WORKER_VERSION}")
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
        member = archive.extractfile("package/shim/index.js")
        if member is None:
            raise OfflineError("iframe-worker tarball has no package/shim/index.js")
        return member.read()


def _npm_pack(destination: Path) -> bytes:
    npm = shutil.which("npm")
    if npm is None:
        raise OfflineError(f"npm is needed once to fetch iframe-worker@{IFRAME_WORKER_VERSION} (or set "
                           f"{SHIM_TARBALL_ENV} to a downloaded iframe-worker-{IFRAME_WORKER_VERSION}.tgz)")
    result = subprocess.run([npm, "pack", f"iframe-worker@{IFRAME_WORKER_VERSION}", "--silent",
                             "--pack-destination", str(destination)], cwd=destination, capture_output=True,
                            text=True, timeout=300)
    tarball = destination / f"iframe-worker-{IFRAME_WORKER_VERSION}.tgz"
    if result.returncode != 0 or not tarball.exists():
        raise OfflineError(f"npm pack iframe-worker@{IFRAME_WORKER_VERSION} failed: {result.stderr.strip()}")
    return tarball.read_bytes()


def ensure_iframe_worker_shim(cache_dir: Path = SHIM_CACHE_DIR) -> Path:
    """Path of the cached shim; fetched with `npm pack` (integrity-checked) on first use. Safe to run in parallel."""
    target = cache_dir / f"iframe-worker-{IFRAME_WORKER_VERSION}-shim.js"
    if target.exists():
        return target
    cache_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=cache_dir) as scratch:
        given = os.environ.get(SHIM_TARBALL_ENV)
        data = Path(given).read_bytes() if given else _npm_pack(Path(scratch))
        partial = Path(scratch) / "shim.js"
        partial.write_bytes(shim_from_tarball(data))
        os.replace(partial, target)  # atomic: the two language builds may fetch at the same time
    return target


# -- build facts -----------------------------------------------------------------------------------------------
@lru_cache(maxsize=None)
def git_short_commit(folder: Path = REPO_ROOT) -> str:
    """Short hash of HEAD of the git repository holding `folder`, or "unknown" outside git."""
    try:
        result = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=folder, capture_output=True, text=True,
                                timeout=30)
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    commit = result.stdout.strip()
    return commit if result.returncode == 0 and re.fullmatch(r"[0-9a-f]{4,40}", commit) else "unknown"


def zip_stem(name: str, day: dt.date, commit: str) -> str:
    """<name>-offline-<YYYYMMDD>-<commit>: the zip's file name without .zip, and its top folder."""
    return f"{name}-offline-{day:%Y%m%d}-{commit}"


# -- checksums and verification --------------------------------------------------------------------------------
def _files(folder: Path) -> list[str]:
    return sorted(path.relative_to(folder).as_posix() for path in folder.rglob("*") if path.is_file())


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def checksum_lines(folder: Path) -> list[str]:
    """`<sha256>  <relative path>` for every file except SHA256SUMS itself (the format `sha256sum -c` reads)."""
    return [f"{sha256_of(folder / rel)}  {rel}" for rel in _files(folder) if rel != CHECKSUMS]


def write_checksums(folder: Path) -> Path:
    target = folder / CHECKSUMS
    target.write_text("".join(line + "\n" for line in checksum_lines(folder)), encoding="utf-8", newline="\n")
    return target


def parse_checksums(text: str) -> dict[str, str]:
    """relative path -> expected sha256, from SHA256SUMS text (also accepts sha256sum's binary-mode `*` marker)."""
    expected = {}
    for line in text.splitlines():
        match = re.fullmatch(r"([0-9a-fA-F]{64}) [ *](.+)", line.strip("\r"))
        if match:
            expected[match.group(2)] = match.group(1).lower()
    return expected


@dataclass
class Differences:
    """How an unzipped offline copy differs from its SHA256SUMS."""

    changed: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (self.changed or self.missing or self.extra)

    def lines(self) -> list[str]:
        return ([f"changed: {p}" for p in self.changed] + [f"missing: {p}" for p in self.missing]
                + [f"extra: {p}" for p in self.extra])


def copy_root(folder: Path) -> Path:
    """The folder holding SHA256SUMS: `folder` itself, or its single subfolder (the zip's top folder)."""
    if (folder / CHECKSUMS).is_file():
        return folder
    inner = [path for path in folder.iterdir() if path.is_dir()] if folder.is_dir() else []
    if len(inner) == 1 and (inner[0] / CHECKSUMS).is_file():
        return inner[0]
    raise OfflineError(f"{folder}: no {CHECKSUMS} here — is this an unzipped offline copy?")


def verify(folder: Path) -> Differences:
    """Compare every file under the offline copy at `folder` with its SHA256SUMS: changed, missing and extra files."""
    root = copy_root(Path(folder))
    expected = parse_checksums((root / CHECKSUMS).read_text(encoding="utf-8"))
    unsafe = [rel for rel in expected if rel.startswith("/") or ".." in rel.split("/")]
    if unsafe:
        raise OfflineError(f"{root / CHECKSUMS} names files outside the copy: {', '.join(unsafe)}")
    present = [rel for rel in _files(root) if rel != CHECKSUMS]
    differences = Differences(extra=[rel for rel in present if rel not in expected])
    for rel, digest in expected.items():
        path = root / rel
        if not path.is_file():
            differences.missing.append(rel)
        elif sha256_of(path) != digest:
            differences.changed.append(rel)
    return differences


# -- README.txt and the zip ------------------------------------------------------------------------------------
def render_readme(stem: str, built_on: dt.date, commit: str, counts: dict[str, int]) -> str:
    """README.txt of the offline copy (Chinese, then English): how to open it and how to check it."""
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATE_DIR), autoescape=False,
                                     undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    return environment.get_template("offline_readme.txt").render(
        stem=stem, built_on=built_on.isoformat(), commit=commit, counts=counts, checksums=CHECKSUMS, ui=ui)


def _zip_time() -> tuple[int, int, int, int, int, int]:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = (dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc) if epoch
              else dt.datetime.now(tz=dt.timezone.utc))
    return max(moment, dt.datetime(1980, 1, 1, tzinfo=dt.timezone.utc)).timetuple()[:6]


def write_zip(folder: Path, target: Path, top: str) -> None:
    """Zip every file of `folder` under the top folder `top`, in a fixed order with one timestamp (reproducible)."""
    stamp = _zip_time()
    partial = target.with_name(target.name + ".partial")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for rel in _files(folder):
            info = zipfile.ZipInfo(f"{top}/{rel}", date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, (folder / rel).read_bytes())
    os.replace(partial, target)


@dataclass
class OfflinePackage:
    zip_path: Path
    files: int  # files in the zip, SHA256SUMS and README.txt included
    size: int  # bytes of the zip


def package_offline(site: Path, dist: Path, counts: dict[str, int], name: str = DEFAULT_NAME,
                    commit: str | None = None, built_on: dt.date | None = None) -> OfflinePackage:
    """Add README.txt and SHA256SUMS to the built offline site and zip it as dist/<name>-offline-<date>-<commit>.zip."""
    built_on = built_on or build_date()
    commit = commit or git_short_commit()
    stem = zip_stem(name, built_on, commit)
    readme = render_readme(stem, built_on, commit, counts)
    (site / README).write_bytes(b"\xef\xbb\xbf" + readme.replace("\n", "\r\n").encode("utf-8"))  # Notepad-friendly
    write_checksums(site)
    dist.mkdir(parents=True, exist_ok=True)
    target = dist / f"{stem}.zip"
    write_zip(site, target, stem)
    return OfflinePackage(target, len(_files(site)), target.stat().st_size)


# -- checks specific to file:// -------------------------------------------------------------------------------
_HREF = re.compile(r'<(a|link)\b[^>]*?\bhref="([^"]*)"', re.IGNORECASE)
_REMOTE_LOAD = re.compile(r'''(?:src=|href=|url\(|import\s*\(|importScripts\()\s*["']?(?:https?:)?//''', re.IGNORECASE)


def file_url_problems(site: Path) -> list[str]:
    """Links that break over file:// (a folder link shows a directory listing, not index.html) and remote loads."""
    problems = []
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        text = path.read_text(encoding="utf-8", errors="replace")
        for tag, href in _HREF.findall(text):
            if re.match(r"[a-z][a-z0-9+.-]*:|#", href, re.IGNORECASE):
                continue  # other schemes (external links are checked by sitecheck) and in-page anchors
            target = href.split("#", 1)[0].split("?", 1)[0]
            if target == "" or target.endswith("/") or target in (".", ".."):
                problems.append(f"{rel}: <{tag}> link to a folder (needs index.html over file://): {href}")
    for path in sorted(list(site.rglob("*.html")) + list(site.rglob("*.js")) + list(site.rglob("*.css"))):
        text = path.read_text(encoding="utf-8", errors="replace")
        for match in _REMOTE_LOAD.finditer(text):
            context = text[match.start(): match.end() + 60].split("\n", 1)[0]
            if path.suffix == ".html" and context.lower().startswith("href="):
                continue  # links (<a href>) to other hosts are checked and marked by sitecheck
            problems.append(f"{path.relative_to(site).as_posix()}: loads from another host: {context}")
    return problems


# -- command line ---------------------------------------------------------------------------------------------
def cmd_verify_offline(args) -> int:
    try:
        differences = verify(Path(args.folder))
    except OfflineError as error:
        print(error, file=sys.stderr)
        return 2
    for line in differences.lines():
        print(line)
    if differences.ok:
        print(f"OK {args.folder}: every file matches {CHECKSUMS}")
        return 0
    print(f"{len(differences.lines())} difference(s): {len(differences.changed)} changed, "
          f"{len(differences.missing)} missing, {len(differences.extra)} extra", file=sys.stderr)
    return 1


def cmd_offline(args) -> int:
    from portal.build import build_site
    from portal.dataset import resolve_data_dir
    from portal.problems import InvalidData
    from portal.site import load_site
    from portal.sitecheck import check_site

    data_dir = resolve_data_dir(args.data)
    site = Path(args.site)
    try:
        ensure_iframe_worker_shim()
        seconds = build_site(site, data_dir, production=args.production, variant="offline")
    except InvalidData as error:
        for problem in error.problems:
            print(problem)
        print(f"\n{len(error.problems)} problem(s) in {data_dir} — no offline copy was made.", file=sys.stderr)
        return 1
    except (OfflineError, subprocess.CalledProcessError) as error:
        print(f"offline build failed: {error}", file=sys.stderr)
        return 1
    problems = check_site(site) + file_url_problems(site)
    if problems:
        for problem in problems:
            print(problem)
        print(f"\n{len(problems)} problem(s) in the offline build — no zip was made.", file=sys.stderr)
        return 1
    counts = load_site(str(data_dir), args.production).counts()
    package = package_offline(site, Path(args.dist), counts, name=args.name)
    print(f"built the offline copy in {seconds:.1f} s: {package.zip_path} — {package.size / 1e6:.1f} MB, "
          f"{package.files} files; records: " + ", ".join(f"{kind} {n}" for kind, n in counts.items()))
    return 0


def register_commands(sub) -> None:
    """Register `offline` and `verify-offline` on portal/cli.py's sub-command parser."""
    p_offline = sub.add_parser("offline", help="build the offline (file://) copy and zip it into dist/")
    p_offline.add_argument("--site", default="build/offline-site", help="where to build it before zipping")
    p_offline.add_argument("--dist", default="dist")
    p_offline.add_argument("--name", default=DEFAULT_NAME, help=f"zip name prefix (default {DEFAULT_NAME})")
    p_offline.add_argument("--production", action="store_true", help="refuse sample data")
    p_offline.set_defaults(func=cmd_offline)
    p_verify = sub.add_parser("verify-offline", help="compare an unzipped offline copy with its SHA256SUMS")
    p_verify.add_argument("folder")
    p_verify.set_defaults(func=cmd_verify_offline)
