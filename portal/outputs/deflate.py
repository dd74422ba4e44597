# The deflate compressor of the open data (.json.gz, .csv.gz, .xlsx): zlib-ng when installed, else the standard zlib.
"""One place that chooses how the open data is compressed: the files are deflate streams either way (any gzip or zip
reader opens them; decompressed, the bytes are the same), only the CPU and the compressed size change.

zlib-ng (pinned in pyproject.toml) does the same work in less CPU. Measured on the N=10,000 files (cases: JSON 53 MB,
CSV 36 MB, sheet XML 49 MB), CPU-s and compressed MB:

    standard zlib, level 4 (what the build used):  JSON 0.50 s 11.8 MB, CSV 0.35 s 9.0 MB, sheet 0.43 s 10.5 MB
    zlib-ng, level 3 (used when installed):         JSON 0.28 s 12.3 MB, CSV 0.22 s 9.3 MB, sheet 0.25 s 10.8 MB
    (zlib-ng level 2: 0.20 / 0.15 / 0.18 s for 13.2 / 9.8 / 11.5 MB; standard zlib level 6: 1.39 / 1.08 / 0.99 s)

A checkout whose .venv predates the pin still builds, with the standard zlib at level 4 (as before)."""
from __future__ import annotations

try:
    from zlib_ng import gzip_ng as _gzip
    from zlib_ng import zlib_ng as _zlib
    LIBRARY, LEVEL = "zlib-ng", 3
except ImportError:   # a .venv from before the pin
    import gzip as _gzip
    import zlib as _zlib
    LIBRARY, LEVEL = "zlib", 4

crc32 = _zlib.crc32


def raw_compressor():
    """A compressor of raw deflate data (no header: what a zip entry holds)."""
    return _zlib.compressobj(LEVEL, _zlib.DEFLATED, -15)


def gzip_writer(raw):
    """A gzip stream over the binary file `raw`, with no time or name in its header (the same bytes in, the same
    bytes out)."""
    return _gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=LEVEL)
