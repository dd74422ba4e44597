# Writes the generated pages into the engine's frames (one process per language), with search index and open data.
"""Build, step 4: every generated page of a language (portal/pages/, pure) is rendered, completed with what the pages
step adds around a renderer (record notes, kiosk links) and written into its frame (portal/engine/contract.py);
then the language's search index. Languages run in parallel in forked processes that share the derived data; the
open data is written by a third one, started before the pages are staged (start_outputs)."""
from __future__ import annotations

import hashlib
import html as htmllib
import json
import multiprocessing
import os
import pickle
import re
import shutil
from pathlib import Path

from portal import site_layout
from portal.derive.facts import Derived
from portal.engine.contract import BuiltSite, EngineError, FramedPage, page_file, url_depth
from portal.pages.breadcrumbs import page_key, render_breadcrumbs, section_of
from portal.pages.catalog import PageSpec, generated_pages
from portal.pages.context import PageContext
from portal.pages.handwritten import finish_html
from portal.pages.record_notes import record_page_content
from portal.settings import LANGS, Settings

PRINT_FRAME = "print_page.html"
MENU_SCRIPT = "portal-menu"  # assets/portal-menu.<hash>.js: the menu of generated pages (Whereabouts.shared_menu)
PAGE_SCRIPT = "portal-page"  # assets/portal-page.<hash>.js: the theme's scripts of generated pages (shared_scripts)
PAGE_STYLES = "portal-pages"  # assets/portal-pages.<hash>.css: their stylesheets in one file (shared_stylesheets)
_CHARSET = re.compile(r'@charset "[^"]*";')
_SOURCE_MAP = re.compile(r"/\*# sourceMappingURL=[^*]*\*/")


class Whereabouts:
    """Where a language's pages are: breadcrumb labels of every page (generated pages' own labels, the menu's for
    the hand-written ones) and the frames with the reader's section marked in the menu (made once per section)."""

    def __init__(self, specs: list[PageSpec], frames: dict, use_directory_urls: bool, site_dir: Path | None = None,
                 kiosk: bool = False):
        self.frames = frames
        self.kiosk = kiosk  # the kiosk's pages keep the theme's toggles in the page (kiosk_without_inputs hides them)
        self.site_dir = site_dir  # where the engine's assets are (shared_stylesheets reads them)
        self.marked: dict = {}
        self.menus: dict[str, str] = {}  # file name under assets/ -> the menu list it writes (shared_menu)
        self.scripts: dict[str, str] = {}  # file name under assets/ -> its code (shared_scripts)
        self.styles: dict[tuple[str, ...], str] = {}  # stylesheets from assets/ -> the file holding them all
        self.labels: dict[str, tuple[str, str]] = {}
        self.crumbs: dict = {}  # breadcrumb items as written from a group of folders (render_breadcrumbs' memo)
        menu = next((frame.nav for frame in frames.values() if frame.nav), ())
        for path, title, _href in menu:
            src = "index.md" if not path else path + ".md"
            self.labels[path] = (title, site_layout.page_url(src, use_directory_urls))
        for spec in specs:
            if spec.frame != "print":
                url = site_layout.page_url(spec.src_uri, use_directory_urls)
                self.labels[page_key(url)] = (spec.label, url)
        self.sections = [path for path, _title, _href in menu]

    def frame(self, key, url: str):
        """The frame of a page at `url` with its section marked in the menu."""
        section = section_of(url, self.sections)
        if (key, section) not in self.marked:
            frame = self.frames[key]
            frame = frame.in_section(section) if section is not None else frame
            if isinstance(key, tuple) and key[0] == "main":
                frame = self.shared_menu(frame, url_depth(url))
                frame = self.shared_scripts(frame, url_depth(url))
                frame = self.shared_header(frame, url_depth(url))
                frame = self.shared_stylesheets(frame, url_depth(url))
            self.marked[(key, section)] = frame
        return self.marked[(key, section)]

    def shared_menu(self, frame, depth: int):
        """The frame loading its menu's list from assets/portal-menu.<hash>.js (one file per section and depth,
        named by its content) instead of carrying it: the menu was a fifth of every record page's bytes."""
        def script_src(menu: str) -> str:
            name = f"{MENU_SCRIPT}.{hashlib.sha1(menu.encode('utf-8')).hexdigest()[:10]}.js"
            self.menus[name] = menu
            return "../" * depth + "assets/" + name

        return frame.with_shared_menu(script_src)[0]

    def page_script(self, depth: int):
        """script_src for a frame at `depth`: the code goes into assets/portal-page.<hash>.js (named by its content)."""
        def script_src(code: str) -> str:
            name = f"{PAGE_SCRIPT}.{hashlib.sha1(code.encode('utf-8')).hexdigest()[:10]}.js"
            self.scripts[name] = code
            return "../" * depth + "assets/" + name

        return script_src

    def shared_scripts(self, frame, depth: int):
        """The frame loading the theme's scripts and footer from a shared portal-page script (one per depth): they
        and the theme's configuration were a seventh of every record page's bytes."""
        return frame.with_shared_scripts(self.page_script(depth))

    def shared_header(self, frame, depth: int):
        """The frame loading the top of its page (the theme's toggles, its header's buttons, titles and search box)
        from a shared portal-page script (one per depth): the header was a quarter of a record page's frame."""
        return frame.with_shared_header(self.page_script(depth), from_body=not self.kiosk)

    def shared_stylesheets(self, frame, depth: int):
        """The frame loading its stylesheets (the theme's and the portal's, seven links on every page) from one file,
        assets/portal-pages.<hash>.css, written here at once (named by its content, the same at every depth)."""
        if self.site_dir is None:
            return frame

        def stylesheet_src(hrefs: tuple[str, ...]) -> str:
            prefix = "../" * depth
            paths = tuple(href[len(prefix):] for href in hrefs)
            if not all(href.startswith(prefix) and path.startswith("assets/") and "?" not in path and "#" not in path
                       for href, path in zip(hrefs, paths)):
                raise ValueError(f"stylesheets outside the site's assets: {hrefs}")
            if paths not in self.styles:
                # @charset and source maps name their own file: one charset at the top, no map
                text = '@charset "UTF-8";\n' + "\n".join(
                    _SOURCE_MAP.sub("", _CHARSET.sub("", (self.site_dir / path).read_text(encoding="utf-8")))
                    for path in paths)
                name = f"{PAGE_STYLES}.{hashlib.sha1(text.encode('utf-8')).hexdigest()[:10]}.css"
                target = self.site_dir / "assets" / name
                if not target.is_file():
                    target.write_text(text, encoding="utf-8")
                self.styles[paths] = name
            return prefix + "assets/" + self.styles[paths]

        try:
            return frame.with_shared_stylesheets(stylesheet_src)
        except (ValueError, OSError):
            return frame  # a stylesheet that is not a file of the site's assets: the links stay as they are

    def write_menus(self, site_dir: Path) -> None:
        """Each menu script: it writes its list (or the page's container up to the contents, with the menu's
        sidebar) where it stands, while the page loads (before the theme's script starts), over http and file://."""
        for name, menu in self.menus.items():
            path = site_dir / "assets" / name
            if not path.is_file():
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text("// The site menu of the pages of one section and depth (portal/build/fill.py).\n"
                                f"document.write({json.dumps(menu, ensure_ascii=False)});\n", encoding="utf-8")
        for name, code in self.scripts.items():
            path = site_dir / "assets" / name
            if not path.is_file():
                path.write_text("// The theme's scripts, or header, of the generated pages of one depth (portal/build/fill.py).\n"
                                + code, encoding="utf-8")


def render_page(spec: PageSpec, ctx: PageContext, frames: dict, settings: Settings, print_frame,
                where: Whereabouts | None = None) -> str:
    """The HTML file of one generated page."""
    rendered = spec.render(ctx)
    content = record_page_content(spec.src_uri, ctx, rendered.html) if spec.is_record else rendered.html
    if settings.variant == "kiosk":
        from portal.pages.kiosk import kiosk_links
        content = kiosk_links(content, ctx.lang)
    if spec.frame == "print":
        return print_frame(ctx, spec.title, content)
    if "<h1" not in content:
        content = f"<h1>{htmllib.escape(spec.title, quote=True)}</h1>\n{content}"
    if spec.in_nav:
        frame = frames[spec.src_uri]
    elif where is not None:
        frame = where.frame((spec.frame, url_depth(ctx.page_url)), ctx.page_url)
    else:
        frame = frames[(spec.frame, url_depth(ctx.page_url))]
    if where is not None and spec.frame == "main":
        content = render_breadcrumbs(ctx.page_url, where.labels, ctx.lang, settings.use_directory_urls,
                                     where.crumbs) + content
    page = frame.fill(FramedPage(spec.title, content, rendered.toc, ctx.page_url, ctx.counterpart))
    if settings.variant == "kiosk":
        from portal.pages.kiosk import kiosk_without_inputs
        page = kiosk_without_inputs(page)
    return page


def fill_language(settings: Settings, derived: Derived, lang: str, specs: list[PageSpec], site_dir: Path,
                  frames: dict, only: set[str] | None = None) -> int:
    """Write every generated page of one language (or only those whose src_uri is in `only`: live preview)."""
    if only is None:
        finish_handwritten(site_dir, settings.variant, lang)
        # Kept for incremental rebuilds (live preview).
        (settings.work_dir / "frames").mkdir(parents=True, exist_ok=True)
        (settings.work_dir / "frames" / f"{settings.variant}-{lang}.pickle").write_bytes(pickle.dumps(frames))
    written = _write_pages(settings, derived, lang, specs, site_dir, only, frames)
    if only is None:
        import gc

        gc.collect()  # the pages' memo (rows, facets) went with _write_pages: the search index gets that memory
        # This language's search index, in the same process (both languages run in parallel, one core each).
        from portal.outputs.search import write_language_search
        write_language_search(settings, derived, lang, site_dir)
    return written


def _write_pages(settings: Settings, derived: Derived, lang: str, specs: list[PageSpec], site_dir: Path,
                 only: set[str] | None, frames: dict) -> int:
    from markupsafe import Markup

    from portal.pages.render import render_template

    base = PageContext(lang, derived, settings, "")

    def print_frame(ctx, title, content):
        return render_template(PRINT_FRAME, ctx, title=title, content=Markup(content))

    where = Whereabouts(specs, frames, settings.use_directory_urls, site_dir, settings.variant == "kiosk")
    written = 0
    made_dirs: set[Path] = set()
    for spec in specs:
        if only is not None and spec.src_uri not in only:
            continue
        url = site_layout.page_url(spec.src_uri, settings.use_directory_urls)
        ctx = base.at(url)
        path = page_file(site_dir, url)
        if path.parent not in made_dirs:
            _make_folder(path.parent)
            made_dirs.add(path.parent)
        html = render_page(spec, ctx, frames, settings, print_frame, where)
        if only is None:
            write_page_file(path, html)
        else:  # rewriting pages of a site being served (live preview): a reader gets the old page or the new one
            partial = path.with_name(path.name + ".partial")
            partial.write_text(html, encoding="utf-8")
            os.replace(partial, path)
        written += 1
    where.write_menus(site_dir)
    if only is None or any(src.endswith("/index.md") for src in only):
        _write_row_files(base, site_dir, settings)
    return written


def _make_folder(folder: Path) -> None:
    """A page's folder (most pages have one of their own: cases/<id>/index.html), made with one system call when its
    parent is there (Path.mkdir(parents=True, exist_ok=True) costs more Python per page than the call)."""
    try:
        os.mkdir(folder)
    except FileExistsError:
        if not folder.is_dir():
            raise
    except FileNotFoundError:
        folder.mkdir(parents=True, exist_ok=True)


def write_page_file(path: Path, html: str) -> None:
    """A page's HTML written as UTF-8, the same bytes as Path.write_text(html, encoding="utf-8") on POSIX (no
    newline translation there), without the text layer's cost for each of the 12,000 files of a language."""
    data = memoryview(html.encode("utf-8"))
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
    try:
        while data:
            data = data[os.write(fd, data):]
    finally:
        os.close(fd)


def _write_row_files(base: PageContext, site_dir: Path, settings: Settings) -> None:
    """Each kind's row files (<kind>/_rows/<i>.js, portal/pages/lists.py) that its list pages filter and sort."""
    from portal.kinds import PAGE_KINDS
    from portal.pages.lists import ROWS_DIR, index_src, row_files

    for kind in PAGE_KINDS:
        ctx = base.at(site_layout.page_url(index_src(kind.name), settings.use_directory_urls))
        folder = page_file(site_dir, ctx.page_url).parent / ROWS_DIR
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True, exist_ok=True)
        for name, text in row_files(kind.name, ctx).items():
            (folder / name).write_text(text, encoding="utf-8")


def finish_handwritten(site_dir: Path, variant: str, lang: str) -> None:
    """The pages the engine wrote (before any generated page is): portal/pages/handwritten.py finishes their HTML."""
    for path in site_dir.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        new = finish_html(text, variant, lang)
        if new != text:
            path.write_text(new, encoding="utf-8")


def prime_slugs(derived: Derived, cache_dir: Path) -> None:
    """URL slugs of names (pinyin) worked out before the page-writing processes fork, so that they need neither
    pypinyin's dictionaries (50 MB each) nor the time to load them (0.7 s each): names seen by an earlier build come
    from cache_dir/slugs.json, new ones from a throwaway process."""
    from portal.kinds import KINDS, PAGE_KINDS
    from portal.pages import render

    names = sorted({name for kind in KINDS for name in kind.url_names(derived.dataset.records.get(kind.name, {}))} |
                   {name for kind in PAGE_KINDS for name in kind.sort_names(derived.dataset.records.get(kind.name, {}))})
    cache = cache_dir / "slugs.json"
    try:
        stored = json.loads(cache.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        stored = {}
    known = {}
    if isinstance(stored, dict) and stored.get("version") == render.SLUG_VERSION and isinstance(stored.get("slugs"), dict):
        # only well-formed slugs are taken from the file (they become folder names)
        known = {k: v for k, v in stored["slugs"].items() if isinstance(v, str) and re.fullmatch(r"[a-z0-9-]{1,60}", v)}
    missing = [name for name in names if name not in known and not name.isascii()]
    if missing:
        known.update(run_forked({"URL slugs": lambda: {name: render.stable_slug(name) for name in missing}})["URL slugs"])
        try:
            cache_dir.mkdir(parents=True, exist_ok=True)
            partial = cache.with_name(f"slugs.{os.getpid()}.partial")
            partial.write_text(json.dumps({"version": render.SLUG_VERSION, "slugs": known}, ensure_ascii=False,
                                          sort_keys=True), encoding="utf-8")
            os.replace(partial, cache)
        except OSError:
            pass  # a read-only work folder only costs time
    derived.url_slugs.update({name: known[name] for name in names if name in known})


def start_outputs(settings: Settings, derived: Derived, open_data_dir: Path) -> "Forked":
    """The open data, which needs only the derived data, started at once in a forked process: it runs while this
    process stages the pages and the engine makes the frames (the second core was idle meanwhile)."""
    from portal.outputs.open_data import write_open_data

    return start_forked({"open data": lambda: len(write_open_data(derived, open_data_dir, settings.site_url))})


def fill_all(settings: Settings, derived: Derived, built: dict[str, BuiltSite],
             outputs: "Forked | None" = None) -> dict[str, int]:
    """Both languages in parallel (forked processes share the derived data and the frames without pickling them);
    then waits for `outputs` (start_outputs) too."""
    def fill(lang: str) -> int:
        specs = generated_pages(PageContext(lang, derived, settings, ""))
        return fill_language(settings, derived, lang, specs, built[lang].site_dir, built[lang].frames)

    pages = start_forked({lang: (lambda lang=lang: fill(lang)) for lang in built})
    results = wait_all([pages] + ([outputs] if outputs is not None else []))
    return {lang: results[lang] for lang in built}


def run_forked(jobs: dict) -> dict:
    """Run each job (name -> function returning a picklable value) in its own forked process; results by name.

    An OSError (disk full, read-only folder) is raised as it is; any other failure as EngineError naming the job."""
    return wait_all([start_forked(jobs)])


class Forked:
    """Jobs started in forked processes (start_forked): results collects what each sent, stop ends them unfinished."""

    def __init__(self, results, processes: list):
        self.results = results
        self.processes = processes

    def collect(self) -> tuple[dict, list, list]:
        """(result by job name, OSErrors, other failures as lines) once every job has ended."""
        done, errors, os_errors = {}, [], []
        for _ in self.processes:
            name, count, os_error, error = self.results.get()
            done[name] = count
            if os_error is not None:
                os_errors.append(os_error)
            if error:
                label = f"writing the {name} pages" if name in LANGS else f"writing the {name}"
                errors.append(f"{label} failed: {error}")
        for process in self.processes:
            process.join()
        return done, os_errors, errors

    def stop(self) -> None:
        """End the jobs still running (the build failed before it waited for them)."""
        for process in self.processes:
            if process.is_alive():
                process.terminate()
        for process in self.processes:
            process.join()


def wait_all(started: list[Forked]) -> dict:
    """The results of every job of these (each waited for, even after another failed); an OSError is raised as it
    is, any other failure as EngineError naming its job."""
    done, os_errors, errors = {}, [], []
    for forked in started:
        results, os_failed, failed = forked.collect()
        done.update(results)
        os_errors += os_failed
        errors += failed
    if os_errors:
        raise os_errors[0]
    if errors:
        raise EngineError("\n".join(errors))
    return done


def start_forked(jobs: dict) -> Forked:
    """Start each job (name -> function returning a picklable value) in its own forked process."""
    context = multiprocessing.get_context("fork")
    results = context.Queue()

    def child(name: str) -> None:
        import gc

        # What the child inherits (the derived data, the frames) lives as long as it does: out of the cyclic
        # collector's way, every collection walked it (N=3,000: GC 1.0 -> 0.4 CPU-s per language).
        gc.freeze()
        try:
            results.put((name, jobs[name](), None, ""))
        except OSError as error:
            results.put((name, 0, error, ""))
        except BaseException as error:  # reported by the parent, with where it failed
            import traceback
            results.put((name, 0, None, f"{type(error).__name__}: {error}\n{traceback.format_exc()}"))

    processes = [context.Process(target=child, args=(name,)) for name in jobs]
    for process in processes:
        process.start()
    return Forked(results, processes)
