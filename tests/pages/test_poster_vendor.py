# The QR library the case poster draws its code with: vendored from npm, pinned, and the file is the published one.
"""overrides/assets/vendor/qrcode-generator-2.0.4.js is package/dist/qrcode.js of the npm package qrcode-generator
2.0.4 (MIT, Kazuhiko Arase), unchanged: its sha512 is pinned here (checked offline), and when npm can pack the
package into build/vendor/ (git-ignored) the tarball must carry npm's published integrity and hold the same file.
assets/portal-poster.js names the same file. To update: npm pack qrcode-generator@<version>, copy dist/qrcode.js
under the new name, and change the three pins below and QR_LIBRARY in portal-poster.js."""
from __future__ import annotations

import base64
import hashlib
import re
import tarfile


from portal_testing import REPO_ROOT
from ui_helpers import npm_tarball

QR_PACKAGE, QR_VERSION = "qrcode-generator", "2.0.4"
QR_TARBALL_INTEGRITY = "sha512-mZSiP6RnbHl4xL2Ap5HfkjLnmxfKcPWpWe/c+5XxCuetEenqmNFf1FH/ftXPCtFG5/TDobjsjz6sSNL0Sr8Z9g=="  # npm dist.integrity
QR_FILE_SHA512 = "sha512-K0lYrsz0aEkpUuvFglUXQTLSzK5OOT4HMO5FAIyGK/EHIuMoGSDd7NYrLrAnp/IirYF5LTnR2RLI0IpXLCERTQ=="
VENDORED = REPO_ROOT / "overrides" / "assets" / "vendor" / f"{QR_PACKAGE}-{QR_VERSION}.js"
POSTER_SCRIPT = REPO_ROOT / "overrides" / "assets" / "portal-poster.js"


def integrity(data: bytes) -> str:
    return "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode("ascii")


def test_the_vendored_file_is_the_pinned_one_and_the_poster_loads_it():
    assert integrity(VENDORED.read_bytes()) == QR_FILE_SHA512, f"{VENDORED} was changed"
    assert re.search(r'QR_LIBRARY = "vendor/' + re.escape(VENDORED.name) + '"', POSTER_SCRIPT.read_text(encoding="utf-8"))
    assert sorted(p.name for p in VENDORED.parent.iterdir()) == [VENDORED.name]  # nothing else unpinned in vendor/
    assert "MIT license" in VENDORED.read_text(encoding="utf-8")[:600]  # its licence notice travels with it


def test_the_vendored_file_is_the_published_package_file():
    tarball = npm_tarball(QR_PACKAGE, QR_VERSION)
    assert integrity(tarball.read_bytes()) == QR_TARBALL_INTEGRITY, f"{tarball} is not the published package"
    with tarfile.open(tarball, "r:gz") as archive:
        published = archive.extractfile("package/dist/qrcode.js").read()
    assert published == VENDORED.read_bytes()
