# Serve a built folder on a free loopback port (browser tests, measurement scripts) and the Chromium that looks at it.
"""Verify step: look at a built site the way a reader does — over loopback HTTP, in Debian's Chromium.

`served_folder(folder)` is the one static server of the tests and the measurement scripts: a threaded
`http.server` on 127.0.0.1 and a free port, quiet, stopped when the `with` block ends. A test that needs other
response headers (a Content-Security-Policy, cache headers) passes its own subclass of `QuietHandler`.
`CHROMIUM` and `CHROMIUM_ARGS` are how every test and script launches the browser through Playwright
(`executable_path=CHROMIUM`; Playwright's own browser download is never used)."""
from __future__ import annotations

import functools
import http.server
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-default-apps"]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Static files from the served folder, without a log line per request."""

    def log_message(self, format, *args):  # noqa: A002 - the signature of the method it replaces
        return


@contextmanager
def served_folder(folder: Path, handler: type[http.server.BaseHTTPRequestHandler] = QuietHandler) -> Iterator[str]:
    """Serve `folder` over http://127.0.0.1:<free port>/ while the block runs; yields that base URL (ends in /)."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
