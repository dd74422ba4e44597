# mkdocs hooks of the kiosk variant only (listed in mkdocs.kiosk*.yml): idle settings, the attract page, no way out.
from __future__ import annotations

import functools
import os

import yaml
from mkdocs.structure.files import File, InclusionLevel

from portal.kiosk import ATTRACT_SRC, kiosk_links, kiosk_settings, kiosk_text, render_kiosk_attract
from portal.site import page_context


def _lang(config) -> str:
    return "en" if str(config.theme["language"]).startswith("en") else "zh"


def on_config(config):
    # extra.kiosk.* from the config file, overridden by PORTAL_KIOSK_IDLE_SECONDS / PORTAL_KIOSK_SLIDE_SECONDS;
    # overrides/main.html hands the result to kiosk.js as data attributes.
    config.extra["kiosk"] = {**(config.extra.get("kiosk") or {}), **kiosk_settings(config.extra, os.environ)}
    return config


def on_files(files, config):
    meta = {"title": kiosk_text("title", _lang(config)), "render_macros": False, "search": {"exclude": True},
            "hide": ["navigation", "toc", "footer"]}
    content = "---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\n"
    files.append(File.generated(config, ATTRACT_SRC, content=content, inclusion=InclusionLevel.NOT_IN_NAV))
    return files


def on_pre_page(page, config, files):
    if page.file.src_uri == ATTRACT_SRC:
        page.render = functools.partial(_render_attract, page)
    return page


def _render_attract(page, config, files):
    ctx = page_context(_lang(config), page.url, config.use_directory_urls)
    page.content = render_kiosk_attract(ctx, config.extra["kiosk"]["slide_seconds"]).html
    page.present_anchor_ids = set()


def on_page_content(html, page, config, files):
    return kiosk_links(html, _lang(config))
