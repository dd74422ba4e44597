# Live preview for editors: build, serve on localhost, watch data/docs/templates, rebuild what changed, reload pages.
"""Engine: `make serve` / `python -m portal serve`.

Watches the data layers, docs/, portal/templates/ and overrides/. A change to records only re-renders the pages that
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
from pathlib import Path

from portal.check.problems import InvalidData
from portal.engine.build import EngineError, build_site, derive, fill_language
from portal.pages.catalog import ANY, generated_pages
from portal.pages.context import PageContext
from portal.settings import LANGS, REPO_ROOT, Settings

WATCHED = [REPO_ROOT / "docs", REPO_ROOT / "portal" / "templates", REPO_ROOT / "overrides"]
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

    def full_build(self) -> bool:
        try:
            report = build_site(self.settings, self.out)
        except InvalidData as error:
            self._fail([str(p) for p in error.problems])
            return False
        except EngineError as error:
            self._fail([f"build failed: {error}"])
            return False
        self.derived = report.derived
        self.deps = {lang: {s.src_uri: s.deps for s in generated_pages(PageContext(lang, self.derived, self.settings, ""))}
                     for lang in LANGS}
        self._done(f"built in {report.seconds:.1f} s")
        return True

    def update(self) -> None:
        """Re-render only the pages that depend on the records that changed (full build when that is not enough)."""
        started = time.perf_counter()
        try:
            derived, _check = derive(self.settings)
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
                    if (s.deps | before.get(s.src_uri, frozenset())) & changed or any((k, ANY) in s.deps for k in kinds)}
            self.deps[lang] = {s.src_uri: s.deps for s in specs}
            frames = pickle.loads((frames_dir / f"{self.settings.variant}-{lang}.pickle").read_bytes())
            site_dir = self.out if lang == "zh" else self.out / "en"
            fill_language(self.settings, derived, lang, specs, site_dir, only=only, frames=frames)
        self.derived = derived
        self._done(f"updated {len(changed)} record(s) in {time.perf_counter() - started:.2f} s")
        # The search index follows (it is rebuilt whole; pages are already up to date and reloaded).
        from portal.outputs.search import write_search
        write_search(self.settings, derived, {"zh": self.out, "en": self.out / "en"})
        print(f"preview: search index updated ({time.perf_counter() - started:.1f} s after the change)", flush=True)

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


def _snapshot(paths: list[Path]) -> dict[Path, float]:
    stamps = {}
    for root in paths:
        for path in root.rglob("*") if root.is_dir() else []:
            if path.is_file():
                stamps[path] = path.stat().st_mtime_ns
    return stamps


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


def watch(preview: Preview, interval: float = 0.5) -> None:
    data = list(preview.settings.data_dirs)
    before_data, before_code = _snapshot(data), _snapshot(WATCHED)
    while True:
        time.sleep(interval)
        now_data, now_code = _snapshot(data), _snapshot(WATCHED)
        if now_code != before_code:
            print("preview: docs or templates changed — rebuilding", flush=True)
            preview.full_build()
        elif now_data != before_data:
            preview.update()
        before_data, before_code = now_data, now_code


def serve(settings: Settings, out: Path, port: int, watch_files: bool = True) -> int:
    out = out.resolve()
    preview = Preview(settings, out)
    if not preview.full_build() and not out.is_dir():
        print("no site to serve yet: fix the problems above and run `make serve` again", flush=True)
        return 1
    if watch_files:
        threading.Thread(target=watch, args=(preview,), daemon=True).start()
    handler = functools.partial(_handler(preview), directory=str(out))
    with http.server.ThreadingHTTPServer(("127.0.0.1", port), handler) as server:
        print(f"serving {out} on http://127.0.0.1:{port}/ (Ctrl+C to stop)"
              + ("; watching data, docs and templates" if watch_files else ""), flush=True)
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
    return 0
