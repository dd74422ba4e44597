# The mkdocs + Material site engine behind the contract of portal/engine/contract.py.
"""Engine: mkdocs 1.6 + Material (+ mkdocs-macros for the widgets of the hand-written pages), no hooks.

For each language it stages a folder: the overlay config (portal/engine/configs.py, INHERITing the repository's
mkdocs.yml / mkdocs.en.yml), `macros/` (a copy of the top-level macros module: mkdocs-macros finds `module_name:
macros` beside the config), `widgets.json` (a marker per widget call, see below) and `docs/` = the hand-written pages
+ the assets + one placeholder page per frame of the outline (portal/engine/frames.py). Both languages are built by
`mkdocs build --strict` at once (one process each); the placeholder pages are then cut into frames and removed, with
mkdocs' sitemaps (they would list them).

The widgets' HTML does not go through mkdocs: the macros fill each call with a marker (an HTML comment, which
Python-Markdown passes through as it is), and `collect` puts the widget's HTML where its marker is in the page mkdocs
wrote. Python-Markdown parsed every tag of the widgets' HTML only to copy it (the translation-coverage page lists
every record missing English: 700 KB at N=10,000): 0.7 of each language's 1.3 CPU-s of `mkdocs build`."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Mapping

from portal.engine import configs
from portal.engine.contract import BuiltSite, EngineError, StagedSite, page_file
from portal.engine.frames import SHELL_DIR, parse_frame, placeholder_markdown, shell_src
from portal.settings import REPO_ROOT
from portal.site_layout import page_url

MACROS_PACKAGE = REPO_ROOT / "macros"


class MkDocsEngine:
    """mkdocs + Material behind the engine contract."""

    name = "mkdocs-material"

    def build(self, sites: Mapping[str, StagedSite], work: Path) -> dict[str, BuiltSite]:
        config_files, site_dirs = {}, {}
        for lang, staged in sites.items():
            site_dirs[lang] = work / "out" / lang
            config_files[lang] = self.stage(staged, work / "stage" / lang, site_dirs[lang])
        self.run(config_files)
        return {lang: self.collect(staged, site_dirs[lang]) for lang, staged in sites.items()}

    def stage(self, staged: StagedSite, stage_dir: Path, site_dir: Path) -> Path:
        """The staged folder of one language; returns its config's path."""
        docs = stage_dir / "docs"
        shutil.copytree(staged.pages, docs)
        options = staged.options
        for src_uri in staged.outline.nav:
            _write(docs / src_uri, placeholder_markdown("main"))
        for frame, depth in staged.outline.depths:
            _write(docs / shell_src(frame, depth, options.use_directory_urls), placeholder_markdown(frame))
        assets = docs / "assets"
        assets.mkdir(parents=True, exist_ok=True)
        for path in staged.assets:
            shutil.copy2(path, assets / path.name)
        shutil.copytree(MACROS_PACKAGE, stage_dir / "macros", ignore=shutil.ignore_patterns("__pycache__"))
        markers = {src: {name: widget_marker(name) for name in widgets} for src, widgets in staged.widgets.items()}
        (stage_dir / "widgets.json").write_text(json.dumps(markers, ensure_ascii=False), encoding="utf-8")
        values = configs.overlay(options, staged.lang, docs, site_dir, list(staged.stylesheets), staged.menu)
        return configs.write_overlay(stage_dir / "mkdocs.yml", values)

    def run(self, config_files: Mapping[str, Path]) -> None:
        """mkdocs build of every language in parallel (one process each)."""
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
        processes = {lang: subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(path)],
                                            cwd=path.parent, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                            text=True)
                     for lang, path in config_files.items()}
        failures = []
        for lang, process in processes.items():
            output, _ = process.communicate()
            if process.returncode != 0:
                failures.append(f"mkdocs ({lang}) failed:\n" + "\n".join(output.strip().splitlines()[-15:]))
        if failures:
            raise EngineError("\n".join(failures))

    def collect(self, staged: StagedSite, site_dir: Path) -> BuiltSite:
        """Cut the placeholder pages into frames, remove them and the sitemaps; list the hand-written pages."""
        directory_urls = staged.options.use_directory_urls
        frames: dict = {}
        for frame, depth in staged.outline.depths:
            url = page_url(shell_src(frame, depth, directory_urls), directory_urls)
            frames[(frame, depth)] = parse_frame(page_file(site_dir, url).read_text(encoding="utf-8"), url)
        for src_uri in staged.outline.nav:
            url = page_url(src_uri, directory_urls)
            path = page_file(site_dir, url)
            frames[src_uri] = parse_frame(path.read_text(encoding="utf-8"), url, own_page=True)
            path.unlink()
        shutil.rmtree(site_dir / SHELL_DIR, ignore_errors=True)
        for stray in site_dir.glob(f"{SHELL_DIR}-*"):
            shutil.rmtree(stray, ignore_errors=True) if stray.is_dir() else stray.unlink()
        for name in ("sitemap.xml", "sitemap.xml.gz"):
            (site_dir / name).unlink(missing_ok=True)
        for src_uri, widgets in staged.widgets.items():
            fill_widgets(page_file(site_dir, page_url(src_uri, directory_urls)), widgets)
        pages = sorted(page_url(path.relative_to(staged.pages).as_posix(), directory_urls)
                       for path in staged.pages.rglob("*.md"))
        return BuiltSite(site_dir, tuple(pages), frames)


def widget_marker(name: str) -> str:
    """What a widget call of a hand-written page becomes in mkdocs' output (filled by fill_widgets)."""
    return f"<!--portal-widget:{name}-->"


def fill_widgets(path: Path, widgets: Mapping[str, str]) -> None:
    """Each widget's marker in the page mkdocs wrote replaced by the widget's HTML; a call whose marker mkdocs did not
    pass through as it is fails the build (the page would show nothing there)."""
    text = path.read_text(encoding="utf-8")
    for name, html in widgets.items():
        marker = widget_marker(name)
        if marker not in text:
            raise EngineError(f"{path}: mkdocs did not pass the marker of the {name}() widget through as it is")
        html = html.rstrip("\n")   # as Python-Markdown ends a raw HTML block; an empty one it leaves out
        text = text.replace(marker, html) if html else text.replace(marker + "\n\n", "").replace(marker, "")
    path.write_text(text, encoding="utf-8")


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
