# Live preview for editors: build, serve on localhost, watch data/docs/templates, rebuild what changed, reload pages.
"""Build: `make serve` / `python -m portal serve`.

Watches the data layers, docs/, portal/templates/ and overrides/ with the operating system's change notification
(watchdog: inotify on Linux; no scanning while nothing changes). A change to records only re-renders the pages that
depend on the changed records (their record pages, lists, facets, backlinks) and the search index; anything else
(vocabularies, docs, templates, added or removed records) rebuilds the site. Invalid data keeps the last good site
and shows the problems on every page (an overlay) and in the terminal. Pages reload by themselves."""
from __future__ import annotations

import functools
import http.server
import json
import pickle
import threading
import time
import traceback
from pathlib import Path

from watchdog.events import (EVENT_TYPE_ATTRIB, EVENT_TYPE_CREATED, EVENT_TYPE_DELETED, EVENT_TYPE_EVENTS_LOST,
                             EVENT_TYPE_MODIFIED, EVENT_TYPE_MOVED, FileSystemEvent, FileSystemEventHandler)
from watchdog.observers import Observer
from watchdog.observers.polling import PollingObserver

from portal import site_layout
from portal.check.problems import InvalidData
from portal.build.fill import fill_language
from portal.build.pipeline import build_site, derive
from portal.engine.contract import EngineError
from portal.load.yamlsafe import ParseCache
from portal.pages.catalog import ANY, generated_pages
from portal.pages.context import PageContext
from portal.settings import LANGS, REPO_ROOT, Settings

SWAP_WAIT_SECONDS = 5  # longest a request waits for the site folder a full build is putting in place
WATCHED = [REPO_ROOT / "docs", REPO_ROOT / "portal" / "templates", REPO_ROOT / "overrides", REPO_ROOT / "macros"]
LIVE_SCRIPT = """(function(){var seen=null;function overlay(p){var o=document.getElementById('portal-live-problems');
if(!p.length){if(o)o.remove();return;}if(!o){o=document.createElement('div');o.id='portal-live-problems';
o.setAttribute('role','alert');o.style.cssText='position:fixed;z-index:9999;left:0;right:0;bottom:0;max-height:50vh;'+
'overflow:auto;background:#fff4f4;color:#5c0000;border-top:4px solid #b00020;padding:12px 16px;font:14px/1.5 monospace';
document.body.appendChild(o);}o.textContent='';var h=document.createElement('strong');h.textContent=p.length+
' 个数据问题 / problem(s) — the last good site is shown:';o.appendChild(h);p.forEach(function(t){var d=document.
createElement('div');d.textContent=t;o.appendChild(d);});}function poll(){fetch('/__portal/status',{cache:'no-store'})
.then(function(r){return r.json();}).then(function(s){if(seen!==null&&s.generation!==seen){location.reload();return;}
seen=s.generation;overlay(s.problems);}).catch(function(){}).finally(function(){setTimeout(poll,700);});}poll();})();"""


class Preview:
    """The served site and its state: generation (bumped after every rebuild) and the current problems."""

    def __init__(self, settings: Settings, out: Path):
        self.settings = settings
        self.out = out
        self.generation = 0
        self.problems: list[str] = []
        self.derived = None
        self.deps: dict[str, dict[str, frozenset]] = {}  # lang -> page -> the records it showed at the last update
        self.lock = threading.Lock()
        # Set while a full build runs: it replaces the served folder with two renames, and a request that finds no
        # file in between waits for the new folder instead of getting a 404.
        self.building = threading.Event()
        self.parse_cache = ParseCache()  # parsed data files, kept across rebuilds: only changed files are parsed

    def full_build(self) -> bool:
        self.building.set()
        try:
            report = build_site(self.settings, self.out)
        except InvalidData as error:
            self._fail([str(p) for p in error.problems])
            return False
        except EngineError as error:
            self._fail([f"build failed: {error}"])
            return False
        finally:
            self.building.clear()
        self.derived = report.derived
        self.deps = {lang: {s.src_uri: s.dependencies() for s in generated_pages(PageContext(lang, self.derived, self.settings, ""))}
                     for lang in LANGS}
        self._done(f"built in {report.seconds:.1f} s")
        return True

    def update(self) -> None:
        """Re-render only the pages that depend on the records that changed (full build when that is not enough)."""
        started = time.perf_counter()
        try:
            derived, _check = derive(self.settings, self.parse_cache)
        except InvalidData as error:
            self._fail([str(p) for p in error.problems])
            return
        old = self.derived
        if old is None or set(_keys(old)) != set(_keys(derived)) or old.dataset.vocab != derived.dataset.vocab:
            self.full_build()
            return
        changed = {key for key in _keys(derived) if _record(old, key) != _record(derived, key)}
        if not changed:
            self.derived = derived
            self._done("no change")
            return
        kinds = {kind for kind, _ in changed}
        frames_dir = self.settings.work_dir / "frames"
        for lang in LANGS:
            specs = generated_pages(PageContext(lang, derived, self.settings, ""))
            # A page is rewritten when it showed (old deps) or shows (new deps) a changed record.
            before = self.deps.get(lang, {})
            only = {s.src_uri for s in specs
                    if (s.dependencies() | before.get(s.src_uri, frozenset())) & changed
                    or any((k, ANY) in s.dependencies() for k in kinds)}
            self.deps[lang] = {s.src_uri: s.dependencies() for s in specs}
            frames = pickle.loads((frames_dir / f"{self.settings.variant}-{lang}.pickle").read_bytes())
            site_dir = site_layout.lang_dir(self.out, lang)
            fill_language(self.settings, derived, lang, specs, site_dir, frames, only=only)
        self.derived = derived
        self._done(f"updated {len(changed)} record(s) in {time.perf_counter() - started:.2f} s")
        # The search index follows (it is rebuilt whole; pages are already up to date and reloaded).
        from portal.outputs.search import write_search
        write_search(self.settings, derived, {lang: site_layout.lang_dir(self.out, lang) for lang in LANGS})
        print(f"preview: search index updated ({time.perf_counter() - started:.1f} s after the change)", flush=True)

    def rebuild(self, full: bool = False) -> None:
        """One rebuild after a change. Whatever goes wrong is shown in the overlay and the terminal, the last good
        site stays served and the watcher goes on: a later edit that fixes it appears."""
        try:
            if full:
                self.full_build()
            else:
                self.update()
        except OSError as error:  # a full disk, a file removed while it was read, no permission ...
            from portal.diskspace import os_error_line
            self._fail([f"the preview could not be rebuilt: {os_error_line(error, self.out)}; then save again"])
        except Exception as error:  # a bug of the portal: its traceback in the terminal, one line in the overlay
            traceback.print_exc()
            self._fail([f"internal error while rebuilding ({type(error).__name__}: {error}): this is a bug of the "
                        "portal — please report it with the traceback printed in the terminal"])

    def _fail(self, problems: list[str]) -> None:
        with self.lock:
            self.problems = problems
            self.generation += 1
        print("\n".join(problems[:50]) + (f"\n… {len(problems) - 50} more" if len(problems) > 50 else ""), flush=True)
        print(f"{len(problems)} problem(s): the last good site is still served", flush=True)

    def _done(self, what: str) -> None:
        with self.lock:
            self.problems = []
            self.generation += 1
        print(f"preview: {what} — open pages reload by themselves", flush=True)


def _keys(derived) -> list[tuple[str, str]]:
    return [(kind, rid) for kind, records in derived.dataset.records.items() for rid in records]


def _record(derived, key):
    return derived.dataset.records[key[0]].get(key[1])


def _handler(preview: Preview):
    class Handler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):
            if self.path.startswith("/__portal/status"):
                with preview.lock:
                    body = json.dumps({"generation": preview.generation, "problems": preview.problems}).encode()
                self._send(body, "application/json")
                return
            if self.path.startswith("/__portal/live.js"):
                self._send(LIVE_SCRIPT.encode(), "text/javascript")
                return
            path = Path(self.translate_path(self.path))
            deadline = time.monotonic() + SWAP_WAIT_SECONDS
            while not path.exists() and preview.building.is_set() and time.monotonic() < deadline:
                time.sleep(0.02)
            if path.is_dir():
                path = path / "index.html"
            if path.suffix == ".html" and path.is_file():
                text = path.read_text(encoding="utf-8").replace(
                    "</body>", '<script src="/__portal/live.js"></script></body>', 1)
                self._send(text.encode("utf-8"), "text/html; charset=utf-8")
                return
            super().do_GET()

        def _send(self, body: bytes, kind: str):
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Cache-Control", "no-store")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
    return Handler


# What counts as a change: content, a new, removed or renamed path, a new modification time (`touch`). Opening and
# reading a file do not. Lost events (the kernel's queue overflowed) count as a change of everything.
CHANGES = {EVENT_TYPE_CREATED, EVENT_TYPE_DELETED, EVENT_TYPE_MODIFIED, EVENT_TYPE_MOVED, EVENT_TYPE_ATTRIB}


class Changes(FileSystemEventHandler):
    """Collects, from watchdog's thread, whether data or code (docs, templates, overrides) changed since `take()`."""

    def __init__(self, code_dirs: list[Path]):
        self.code_dirs = [str(path.resolve()) for path in code_dirs]
        self.lock = threading.Lock()
        self.pending = threading.Event()
        self.code = self.data = False

    def on_any_event(self, event: FileSystemEvent) -> None:
        lost = event.event_type == EVENT_TYPE_EVENTS_LOST
        folder_touched = event.is_directory and event.event_type == EVENT_TYPE_MODIFIED  # its files report themselves
        if not lost and (event.event_type not in CHANGES or folder_touched):
            return
        paths = [str(event.src_path)] + ([str(event.dest_path)] if getattr(event, "dest_path", "") else [])
        code = lost or any(path == root or path.startswith(root + "/") for path in paths for root in self.code_dirs)
        with self.lock:
            self.code |= code
            self.data |= not code
            self.pending.set()

    def take(self) -> tuple[bool, bool]:
        """(code changed, data changed) since the last call; resets both."""
        with self.lock:
            changed = self.code, self.data
            self.code = self.data = False
            self.pending.clear()
        return changed


class Watcher:
    """Rebuilds the preview when watched files change: a full build after a code change (or lost events), else the
    incremental update. Changes that arrive within `settle` seconds of each other (an editor's save) make one rebuild;
    changes during a rebuild make one more after it."""

    def __init__(self, preview: Preview, code_dirs: list[Path] = WATCHED, settle: float = 0.2):
        self.preview = preview
        self.changes = Changes(code_dirs)
        self.settle = settle
        self.stopping = threading.Event()
        self.observer = Observer()
        self.dirs = [path for path in [*preview.settings.data_dirs, *code_dirs] if Path(path).is_dir()]
        self.thread = threading.Thread(target=self._run, name="preview-rebuild", daemon=True)

    def start(self) -> "Watcher":
        try:
            self._observe(self.observer)
        except OSError as error:  # e.g. the inotify watch limit (fs.inotify.max_user_watches) is reached
            print(f"preview: change notification unavailable ({error}); checking for changes every second instead",
                  flush=True)
            self.observer = PollingObserver(timeout=1)
            self._observe(self.observer)
        self.thread.start()
        return self

    def _observe(self, observer) -> None:
        for path in self.dirs:
            observer.schedule(self.changes, str(path), recursive=True)
        observer.start()

    def stop(self) -> None:
        self.stopping.set()
        self.changes.pending.set()
        self.observer.stop()
        self.observer.join()
        self.thread.join()

    def _run(self) -> None:
        while True:
            self.changes.pending.wait()
            if self.stopping.is_set():
                return
            time.sleep(self.settle)
            code, data = self.changes.take()
            if code:
                print("preview: docs or templates changed — rebuilding", flush=True)
                self.preview.rebuild(full=True)
            elif data:
                self.preview.rebuild()


def serve(settings: Settings, out: Path, port: int, watch_files: bool = True) -> int:
    out = out.resolve()
    preview = Preview(settings, out)
    if not preview.full_build() and not out.is_dir():
        print("no site to serve yet: fix the problems above and run `make serve` again", flush=True)
        return 1
    if watch_files:
        Watcher(preview).start()
    handler = functools.partial(_handler(preview), directory=str(out))
    with http.server.ThreadingHTTPServer(("127.0.0.1", port), handler) as server:
        print(f"serving {out} on http://127.0.0.1:{port}/ (Ctrl+C to stop)"
              + ("; watching data, docs and templates" if watch_files else ""), flush=True)
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
    return 0
