# mkdocs hooks: validate data, add generated pages, render them from data, link languages, export open data.
from __future__ import annotations

import json
import logging
import re
from pathlib import Path

import yaml
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, InclusionLevel
from mkdocs.structure.toc import get_toc

from portal.export import open_data
from portal.pages import generated_pages
from portal.problems import InvalidData
from portal.site import current_site, page_context

log = logging.getLogger("mkdocs.portal")
_SPECS: dict[str, object] = {}
_EXTERNAL_LINK = re.compile(r'<a href="(https?://)')


def _lang(config) -> str:
    return "en" if str(config.theme["language"]).startswith("en") else "zh"


def on_config(config):
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
        meta = {"title": spec.title, "render_macros": False}
        if not spec.is_record:
            meta["search"] = {"exclude": True}
        content = "---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\n"
        inclusion = InclusionLevel.INCLUDED if spec.in_nav else InclusionLevel.NOT_IN_NAV
        files.append(File.generated(config, spec.src_uri, content=content, inclusion=inclusion))
        _SPECS[spec.src_uri] = spec
    return files


def on_page_content(html, page, config, files):
    spec = _SPECS.get(page.file.src_uri)
    if spec is None:
        return _EXTERNAL_LINK.sub(r'<a class="portal-external" rel="external noopener noreferrer" href="\1', html)
    ctx = page_context(_lang(config), page.url, config.use_directory_urls)
    rendered = spec.render(ctx)
    page.toc = get_toc(rendered.toc)
    return rendered.html


def on_page_context(context, page, config, nav):
    context["portal_counterpart"] = page_context(_lang(config), page.url, config.use_directory_urls).counterpart
    context["portal_lang"] = _lang(config)
    return context


def on_post_build(config):
    if _lang(config) != "zh":
        return
    out = Path(config.site_dir) / "data"
    out.mkdir(parents=True, exist_ok=True)
    for kind, payload in open_data(current_site()).items():
        (out / f"{kind}.json").write_text(json.dumps(payload, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
