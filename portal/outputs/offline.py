# Offline copy for remote sites: zip with SHA256SUMS + README.txt, the verify check, file:// link checks.
"""Outputs step: the offline copy (file://, USB stick): README.txt, SHA256SUMS, the zip, and `verify`."""
from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from portal import site_layout
from portal.kinds import kind_name

DEFAULT_NAME = "safety-portal"
CHECKSUMS = "SHA256SUMS"
README = "README.txt"
TEMPLATE_DIR = Path(__file__).resolve().parent.parent / "templates"


class OfflineError(RuntimeError):
    """The offline copy cannot be checked: no SHA256SUMS in the folder, or it names files outside the copy."""


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


_CHECKSUM_LINE = re.compile(r"([0-9a-fA-F]{64}) [ *](.+)")


def read_checksums(text: str) -> tuple[dict[str, str], list[str]]:
    """(relative path -> expected sha256, malformed lines) from SHA256SUMS text. A well-formed line is
    `<64 hex digits><space><space or *><path>` (sha256sum's text and binary modes); a path listed twice is malformed."""
    expected: dict[str, str] = {}
    malformed = []
    lines = text.split("\n")  # as sha256sum reads it (splitlines() would also split at \x0b, \u2028 ...)
    if lines and lines[-1] == "":
        lines.pop()
    for number, line in enumerate(lines, start=1):
        match = _CHECKSUM_LINE.fullmatch(line.rstrip("\r"))
        if not match:
            malformed.append(f"line {number}: {line[:80]!r}")
        elif match.group(2) in expected:
            malformed.append(f"line {number}: {match.group(2)} is listed twice")
        else:
            expected[match.group(2)] = match.group(1).lower()
    return expected, malformed


@dataclass
class Differences:
    """How an unzipped offline copy differs from its SHA256SUMS."""

    changed: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    malformed: list[str] = field(default_factory=list)  # lines of SHA256SUMS that are not `<sha256>  <path>`

    @property
    def ok(self) -> bool:
        return not (self.changed or self.missing or self.extra or self.malformed)

    def lines(self) -> list[str]:
        return ([f"changed: {p}" for p in self.changed] + [f"missing: {p}" for p in self.missing]
                + [f"extra: {p}" for p in self.extra]
                + [f"malformed: {CHECKSUMS} {line}" for line in self.malformed])


def copy_root(folder: Path) -> Path:
    """The folder holding SHA256SUMS: `folder` itself, or its single subfolder (the zip's top folder)."""
    if (folder / CHECKSUMS).is_file():
        return folder
    inner = [path for path in folder.iterdir() if path.is_dir()] if folder.is_dir() else []
    if len(inner) == 1 and (inner[0] / CHECKSUMS).is_file():
        return inner[0]
    raise OfflineError(f"{folder}: no {CHECKSUMS} here — is this an unzipped offline copy?")


def verify(folder: Path) -> Differences:
    """Compare every file under the offline copy at `folder` with its SHA256SUMS: changed, missing and extra files,
    and lines of SHA256SUMS that are not checksum lines."""
    root = copy_root(Path(folder))
    # Undecodable bytes become U+FFFD: a damaged SHA256SUMS is reported line by line, not as a crash.
    expected, malformed = read_checksums((root / CHECKSUMS).read_bytes().decode("utf-8", errors="replace"))
    unsafe = [rel for rel in expected if rel.startswith("/") or ".." in rel.split("/")]
    if unsafe:
        raise OfflineError(f"{root / CHECKSUMS} names files outside the copy: {', '.join(unsafe)}")
    present = [rel for rel in _files(root) if rel != CHECKSUMS]
    differences = Differences(extra=[rel for rel in present if rel not in expected], malformed=malformed)
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
        stem=stem, built_on=built_on.isoformat(), commit=commit, counts=counts, checksums=CHECKSUMS, kind_name=kind_name,
        english_home=site_layout.home_file("en"))


def write_zip(folder: Path, target: Path, top: str, built_on: dt.date) -> None:
    """Zip every file of `folder` under the top folder `top`, in a fixed order with one timestamp (reproducible)."""
    stamp = max(built_on, dt.date(1980, 1, 1)).timetuple()[:6]
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


def package_offline(site: Path, dist: Path, counts: dict[str, int], built_on: dt.date, commit: str,
                    name: str = DEFAULT_NAME) -> OfflinePackage:
    """Add README.txt and SHA256SUMS to the built offline site and zip it as dist/<name>-offline-<date>-<commit>.zip."""
    commit = commit or "unknown"
    stem = zip_stem(name, built_on, commit)
    readme = render_readme(stem, built_on, commit, counts)
    (site / README).write_bytes(b"\xef\xbb\xbf" + readme.replace("\n", "\r\n").encode("utf-8"))  # Notepad-friendly
    write_checksums(site)
    dist.mkdir(parents=True, exist_ok=True)
    target = dist / f"{stem}.zip"
    write_zip(site, target, stem, built_on)
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


