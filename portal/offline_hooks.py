# mkdocs hooks of the offline variant only (mkdocs.offline*.yml): local iframe-worker shim, no 404 page, no JSON index.
from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, InclusionLevel

from portal.offline import SHIM_SITE_PATH, OfflineError, ensure_iframe_worker_shim


def on_config(config):
    if SHIM_SITE_PATH not in (config.extra.get("polyfills") or []):
        raise PluginError(f"offline config must list {SHIM_SITE_PATH} in extra.polyfills (else Material loads it "
                          "from a CDN and file:// search fails)")
    # The 404 page only makes sense behind a server and links absolutely; an offline copy has no server.
    config.theme.static_templates.discard("404.html")
    # Material turns each extra.alternate entry into <link rel="alternate">, then fetches sitemap.xml next to it by
    # XMLHttpRequest, which file:// forbids (a console error on every page). A true value that is not a list keeps
    # the header's language switch (overrides/partials/alternate.html, links from portal_counterpart) without them.
    config.extra["alternate"] = True
    return config


def on_files(files, config):
    try:
        shim = ensure_iframe_worker_shim()
    except OfflineError as error:
        raise PluginError(str(error))
    files.append(File.generated(config, SHIM_SITE_PATH, abs_src_path=str(shim), inclusion=InclusionLevel.NOT_IN_NAV))
    return files


@event_priority(-200)  # after Material's offline plugin (-100) has copied the index into search/search_index.js
def on_post_build(config):
    # Over file:// the search reads search_index.js; the JSON copy cannot be fetched there and would double the size.
    index = Path(config.site_dir) / "search"
    if (index / "search_index.js").is_file():
        (index / "search_index.json").unlink(missing_ok=True)
