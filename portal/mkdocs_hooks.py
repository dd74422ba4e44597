# mkdocs hooks: validate data, add generated pages, render them from data, link languages, export open data.
from __future__ import annotations

import functools
import html
import json
import logging
import os
import re
from pathlib import Path

import yaml
from markupsafe import escape
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, InclusionLevel
from mkdocs.structure.toc import get_toc

from portal.export import open_data
from portal.pages import generated_pages
from portal.problems import InvalidData
from portal.searchindex import record_search_entries, segment_chinese
from portal.site import current_site, page_context

log = logging.getLogger("mkdocs.portal")
_SPECS: dict[str, object] = {}
_EXTERNAL_LINK = re.compile(r'<a href="(https?://)')
_ANCHOR = re.compile(r' id="([^"]+)"')


def _lang(config) -> str:
    return "en" if str(config.theme["language"]).startswith("en") else "zh"


def on_config(config):
    base_url = os.environ.get("PORTAL_SITE_URL", "")
    if base_url:
        # Intranet base address, e.g. http://intranet.example/safety/ : used for the 404 page and canonical links.
        base_url = base_url.rstrip("/") + "/"
        config.site_url = base_url + ("en/" if _lang(config) == "en" else "")
    try:
        current_site()
    except InvalidData as error:
        for problem in error.problems:
            log.error(str(problem))
        raise PluginError(f"{len(error.problems)} problem(s) in the data: nothing was built (run `make validate`)")
    return config


def on_files(files, config):
    lang = _lang(config)
    _SPECS.clear()
    ctx = page_context(lang, "", config.use_directory_urls)
    for spec in generated_pages(ctx):
        # Record pages are indexed from their data (on_page_context); list pages are not indexed at all.
        # Material writes page.meta.title into the header and <title> without escaping: data text must be escaped here.
        meta = {"title": str(escape(spec.title)), "render_macros": False, "search": {"exclude": True}}
        if spec.template:
            meta["template"] = spec.template
        content = "---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\n"
        inclusion = InclusionLevel.INCLUDED if spec.in_nav else InclusionLevel.NOT_IN_NAV
        files.append(File.generated(config, spec.src_uri, content=content, inclusion=inclusion))
        _SPECS[spec.src_uri] = spec
    return files


def on_pre_page(page, config, files):
    spec = _SPECS.get(page.file.src_uri)
    if spec is not None:
        # A generated page has no Markdown: replace this page's Markdown step by the renderer (a large share of
        # build time otherwise goes into setting up Python-Markdown for an empty document).
        page.render = functools.partial(_render_generated, page, spec)
    return page


def _render_generated(page, spec, config, files):
    ctx = page_context(_lang(config), page.url, config.use_directory_urls)
    rendered = spec.render(ctx)
    page.content = rendered.html
    page.toc = get_toc(rendered.toc)
    page.present_anchor_ids = set(_ANCHOR.findall(rendered.html))


def on_page_content(html, page, config, files):
    if page.file.src_uri in _SPECS:
        return html
    return _EXTERNAL_LINK.sub(r'<a class="portal-external" rel="external noopener noreferrer" href="\1', html)


def on_page_context(context, page, config, nav):
    ctx = page_context(_lang(config), page.url, config.use_directory_urls)
    context["portal_counterpart"] = ctx.counterpart
    context["portal_lang"] = ctx.lang
    spec = _SPECS.get(page.file.src_uri)
    search = config.plugins.get("material/search")
    if spec is not None and spec.is_record and search is not None:
        kind, record_id = page.file.src_uri[:-3].split("/", 1)
        for entry in record_search_entries(kind, record_id, ctx):
            search.search_index.entries.append({
                "location": page.url + (f"#{entry['anchor']}" if entry["anchor"] else ""),
                # Material's search shows titles and texts as HTML: escape data text as its own indexer does.
                "title": segment_chinese(html.escape(entry["title"], quote=False)),
                "text": " ".join([segment_chinese(html.escape(entry["text"], quote=False))]
                                 + [html.escape(k, quote=False) for k in entry["keywords"]]),
            })
    return context


def on_post_build(config):
    if _lang(config) != "zh":
        return
    out = Path(config.site_dir) / "data"
    out.mkdir(parents=True, exist_ok=True)
    for kind, payload in open_data(current_site()).items():
        (out / f"{kind}.json").write_text(json.dumps(payload, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
