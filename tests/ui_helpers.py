# Shared helpers of the interface tests: axe-core from npm (pinned, integrity-checked), contrast maths, sample pages.
"""Helpers for the browser tests in tests/browser and tests/search (imported by test modules; not a test module itself).

axe-core is vendored the npm way: `npm pack axe-core@AXE_VERSION` into build/vendor/ (git-ignored), the tarball's
sha512 checked against AXE_INTEGRITY (the `dist.integrity` npm publishes), then package/axe.min.js extracted next to it
and injected into pages with page.add_script_tag(path=...). Nothing is fetched by the browser.
"""
from __future__ import annotations

import base64
import hashlib
import shutil
import subprocess
import tarfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
VENDOR = REPO / "build" / "vendor"
AXE_VERSION = "4.10.3"
AXE_INTEGRITY = "sha512-Xm7bpRXnDSX2YE2YFfBk2FnF0ep6tmG7xPh8iHee8MIcrgq762Nkce856dYtJYLkuIoYZvGfTs/PbZhideTcEg=="
AXE_TARBALL = VENDOR / f"axe-core-{AXE_VERSION}.tgz"
AXE_SCRIPT = VENDOR / f"axe-core-{AXE_VERSION}" / "axe.min.js"
# Material's own search dialog (the built-in search input has no accessible name); the portal's replacement search
# ships separately. Left out of the axe runs while it is still in the pages.
AXE_EXCLUDE = [".md-search"]


def _integrity(path: Path) -> str:
    return "sha512-" + base64.b64encode(hashlib.sha512(path.read_bytes()).digest()).decode("ascii")


def npm_tarball(package: str, version: str) -> Path:
    """build/vendor/<package>-<version>.tgz, packed with `npm pack` when missing; the calling test is skipped when npm
    cannot provide it (its integrity is the caller's to check)."""
    tarball = VENDOR / f"{package}-{version}.tgz"
    if not tarball.exists():
        npm = shutil.which("npm")
        if not npm:
            pytest.skip(f"{package} {version} is not in {VENDOR} and npm is not installed to pack it")
        VENDOR.mkdir(parents=True, exist_ok=True)
        result = subprocess.run([npm, "pack", f"{package}@{version}", "--pack-destination", str(VENDOR)],
                                capture_output=True, text=True, timeout=300)
        if result.returncode != 0 or not tarball.exists():
            pytest.skip(f"npm pack {package}@{version} failed: {result.stderr.strip()[-300:]}")
    return tarball


def axe_script() -> Path:
    """Path of axe.min.js AXE_VERSION, packed from npm if missing; the test is skipped when npm cannot provide it and
    fails if the tarball is not the published one."""
    npm_tarball("axe-core", AXE_VERSION)
    actual = _integrity(AXE_TARBALL)
    assert actual == AXE_INTEGRITY, f"{AXE_TARBALL} is not the published axe-core {AXE_VERSION}: {actual}"
    if not AXE_SCRIPT.exists():
        with tarfile.open(AXE_TARBALL, "r:gz") as archive:
            member = archive.extractfile("package/axe.min.js")
            AXE_SCRIPT.parent.mkdir(parents=True, exist_ok=True)
            AXE_SCRIPT.write_bytes(member.read())
    return AXE_SCRIPT


FINISH_ANIMATIONS = """() => { for (const a of document.getAnimations()) {
  const timing = a.effect && a.effect.getComputedTiming ? a.effect.getComputedTiming() : {};
  if (timing.iterations !== Infinity && timing.endTime !== Infinity) a.finish(); } }"""

RUN_AXE = """async (exclude) => {
  const present = exclude.filter(selector => document.querySelector(selector));
  const context = present.length ? {include: [document], exclude: present} : document;
  const result = await axe.run(context, {resultTypes: ['violations']});
  return result.violations.filter(v => v.impact === 'serious' || v.impact === 'critical').flatMap(v =>
    v.nodes.map(n => `${v.id} (${v.impact}): ${n.target.join(' ')} | ${(n.any[0] || n.all[0] || n.none[0] || {}).message || ''}`));
}"""


def serious_violations(page) -> list[str]:
    """axe's serious and critical violations on the page as it is now (fade-ins finished first), one line per node."""
    page.evaluate(FINISH_ANIMATIONS)
    page.add_script_tag(path=str(axe_script()))
    return page.evaluate(RUN_AXE, AXE_EXCLUDE)


# -- contrast (WCAG 2.1 relative luminance) ------------------------------------------------------------------------
def _channel(value: float) -> float:
    value /= 255
    return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4


def luminance(rgb: tuple[float, float, float]) -> float:
    r, g, b = (_channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: tuple[float, float, float], b: tuple[float, float, float]) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def parse_colour(text: str) -> tuple[float, float, float, float]:
    """'#rrggbb', '#rrggbbaa', 'rgb(r, g, b)' or 'rgba(r, g, b, a)' -> (r, g, b, alpha)."""
    text = text.strip()
    if text.startswith("#"):
        digits = text[1:]
        if len(digits) in (3, 4):
            digits = "".join(ch * 2 for ch in digits)
        values = [int(digits[i:i + 2], 16) for i in range(0, len(digits), 2)]
        return (*values[:3], values[3] / 255 if len(values) == 4 else 1.0)
    inner = text[text.index("(") + 1:text.rindex(")")].replace("/", ",").replace(" ", ",")
    parts = [p for p in inner.split(",") if p]
    r, g, b = (float(p) for p in parts[:3])
    return r, g, b, float(parts[3]) if len(parts) > 3 else 1.0


def over(top: tuple[float, float, float, float], below: tuple[float, float, float]) -> tuple[float, float, float]:
    """`top` (with alpha) composited over the opaque colour `below`."""
    alpha = top[3]
    return tuple(alpha * t + (1 - alpha) * b for t, b in zip(top[:3], below))


WHITE = (255.0, 255.0, 255.0)


# -- sample pages of the built site -----------------------------------------------------------------------------------
def records(root: Path, kind: str) -> list[str]:
    """URL paths (relative to the language root) of every record page of `kind`, e.g. 'cases/x/', sorted."""
    folder = root / kind
    if not folder.is_dir():
        return []
    return sorted(f"{kind}/{d.name}/" for d in folder.iterdir()
                  if d.is_dir() and not d.name.startswith("by-") and (d / "index.html").is_file())


def first_record(root: Path, kind: str) -> str:
    found = records(root, kind)
    if not found:
        pytest.fail(f"the site has no {kind} record page")
    return found[0]


def facet_pages(root: Path, kind: str) -> list[str]:
    """Pages of one facet value, e.g. 'cases/by-year/2015/', sorted."""
    return sorted(str(p.parent.relative_to(root)) + "/" for p in (root / kind).glob("by-*/*/index.html"))


def first_facet_page(root: Path, kind: str) -> str:
    found = facet_pages(root, kind)
    if not found:
        pytest.fail(f"the site has no facet page of {kind}")
    return found[0]


def directory_pages(root: Path) -> list[str]:
    """Contact directory pages that hold a directory table (the contacts record pages)."""
    return [p for p in records(root, "contacts") if "portal-directory" in (root / p / "index.html").read_text("utf-8")]


def page_of_every_kind(root: Path) -> dict[str, str]:
    """One page of each kind the portal generates (language-relative URL paths)."""
    return {
        "home": "",
        "regulation list": "regulations/",
        "regulation": first_record(root, "regulations"),
        "case list": "cases/",
        "case": first_record(root, "cases"),
        "directory": (directory_pages(root) or [first_record(root, "contacts")])[0],
        "article": first_record(root, "articles"),
        "quiz": "quiz/",
        "statistics": "stats/",
        "glossary": "glossary/",
        "facet": first_facet_page(root, "cases"),
    }


# -- printed QR codes ----------------------------------------------------------------------------------------------
def pdf_codes(pdf: bytes, folder: Path) -> list[str]:
    """What the QR codes on the printed pages decode to (pdftoppm renders the PDF, zbarimg reads the images)."""
    if not (shutil.which("pdftoppm") and shutil.which("zbarimg")):
        pytest.skip("pdftoppm (poppler-utils) and zbarimg (zbar-tools) are needed to read a printed QR code")
    (folder / "printed.pdf").write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "150", "-png", str(folder / "printed.pdf"), str(folder / "printed")], check=True,
                   timeout=120)
    codes = []
    for image in sorted(folder.glob("printed*.png")):
        result = subprocess.run(["zbarimg", "--quiet", "--raw", str(image)], capture_output=True, text=True, timeout=60)
        codes += [line for line in result.stdout.splitlines() if line]
    return codes
