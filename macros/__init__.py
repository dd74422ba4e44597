# Macros of the hand-written pages (docs/<lang>/*.md): each widget call is filled with HTML the build rendered.
"""The site engine's macros module (mkdocs-macros `module_name: macros`; Zensical's built-in macros load it the same
way: a folder `macros/` beside the config, or the importable name `macros`).

It registers one macro per widget (`{{ emergency_numbers() }}`, `{{ statistics() }}`, ...). The build's pages step
(portal/pages/widgets.py, pure renderers) has already rendered every widget a page calls, with links relative to that
page, into `widgets.json` beside the config: {page source path: {widget name: HTML}} (the mkdocs engine writes a
marker there instead and puts the HTML into the page mkdocs wrote: portal/engine/mkdocs_engine.py). A macro only looks up the HTML
of the page being rendered, found through the Jinja context (`page`, set by both engines), never through `env.page`.
Nothing here imports the portal or reads the environment: the file is the whole interface."""
from __future__ import annotations

import json
from pathlib import Path

import jinja2

WIDGETS_FILE = "widgets.json"


def config_dir(conf) -> Path:
    """The folder of the engine's config: mkdocs gives the config file's path, Zensical the project's root."""
    path = conf.get("config_file_path")
    return Path(path).parent if path else Path(conf["root_dir"])


def page_source(page) -> str:
    """The page's source path relative to the docs folder (mkdocs: page.file.src_uri, Zensical: page.path)."""
    file = getattr(page, "file", None)
    return str(file.src_uri if file is not None else page.path).replace("\\", "/")


def load_widgets(conf) -> dict:
    path = config_dir(conf) / WIDGETS_FILE
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise FileNotFoundError(f"{path} is missing: the pages are built by `python -m portal build`, which renders "
                                "their widgets there") from None


def widget_macro(name: str, widgets: dict):
    @jinja2.pass_context
    def widget(context) -> str:
        source = page_source(context["page"])
        try:
            return widgets[source][name]
        except KeyError:
            raise LookupError(f"{source}: the build rendered no {name}() for this page") from None

    widget.__name__ = name
    widget.__doc__ = f"The {name} widget of this page, as the build rendered it."
    return widget


def define_env(env) -> None:
    widgets = load_widgets(env.conf)
    for name in sorted({name for page in widgets.values() for name in page}):
        env.macro(widget_macro(name, widgets), name)
