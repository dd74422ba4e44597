# The list of pages the build generates from data (records, versions, indexes, facets, topics, print, kiosk).
"""Pages step: which generated pages exist in a language, each with its title, renderer, frame and dependencies.

Independent of any site engine: the engine asks for this list and writes every page into the theme's frame.
`deps` names the records a page shows; an incremental rebuild re-renders the pages whose deps changed."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial
from typing import Callable

from markupsafe import Markup

from portal import site_layout
from portal.kinds import BY_NAME, FACETS, KINDS, PAGE_KINDS, kind_name
from portal.pages.context import PageContext
from portal.text import pick
from portal.words import ui
from portal.pages.lists import (facet_groups, facet_page_src, index_src, kind_facets, page_count, render_facet_index,
                                render_facet_page, render_index, render_topic, render_topics_index,
                                static_subset_pages, topic_page_src)
from portal.pages.render import Rendered, facet_src, record_src

ANY = "*"  # deps wildcard: the page lists every record of a kind


@dataclass
class PageSpec:
    """One generated page: its source path, title, renderer, frame (main | print | bare) and what it depends on."""

    src_uri: str
    title: str
    render: Callable[[PageContext], Rendered]
    frame: str = "main"
    is_record: bool = False
    in_nav: bool = False
    # {(kind, id)} or {(kind, ANY)}; or a function that works them out (record pages: see dependencies)
    deps: frozenset | Callable[[], frozenset] = field(default_factory=frozenset)
    crumb: str = ""  # its short label in breadcrumbs (portal/pages/breadcrumbs.py); the title when empty
    folder_label: str = ""  # what the folder it sits in holds (a regulation's comparisons), for that folder's generated index page

    @property
    def label(self) -> str:
        return self.crumb or self.title

    def dependencies(self) -> frozenset:
        """What the page shows, {(kind, id)} or {(kind, ANY)}. A record page's are worked out when first asked for:
        only the live preview asks (a build never does: record_deps of every record cost ~1 CPU-s at N=10,000)."""
        if callable(self.deps):
            self.deps = self.deps()
        return self.deps


def record_deps(kind_name: str, record_id: str, record: dict, derived) -> frozenset:
    """A record page shows the record, the records it links to and those linking back to it."""
    deps = {(kind_name, record_id)}
    deps.update(BY_NAME[kind_name].references(record))
    deps.update(BY_NAME[kind_name].backlinks(record_id, derived))
    for kind in KINDS:
        deps.update(kind.linking_to(kind_name, record_id, derived))
    return frozenset(deps)


def topic_index(ctx: PageContext) -> dict[str, set[tuple[str, str]]]:
    """Topic id -> (kind, id) of every record that names the topic."""
    members: dict[str, set[tuple[str, str]]] = {}
    for kind in PAGE_KINDS:
        for record_id, record in ctx.dataset.records[kind.name].items():
            for topic in record.get("topics") or []:
                members.setdefault(topic, set()).add((kind.name, record_id))
    return members


def generated_pages(ctx: PageContext) -> list[PageSpec]:
    """Every generated page of the site in ctx.lang."""
    lang, dataset = ctx.lang, ctx.dataset
    specs: list[PageSpec] = []
    for kind in PAGE_KINDS:
        name = kind.name
        view = kind.view_part()
        specs.append(PageSpec(index_src(name), kind_name(name, lang), lambda c, k=name: render_index(k, c), in_nav=True,
                              deps=frozenset({(name, ANY)})))
        for page in range(2, page_count(len(dataset.records[name])) + 1):
            specs.append(PageSpec(index_src(name, page), f"{kind_name(name, lang)} · {ui('list.page_n', lang, n=page)}",
                                  lambda c, k=name, p=page: render_index(k, c, p), deps=frozenset({(name, ANY)}),
                                  crumb=ui('list.page_n', lang, n=page)))
        for record_id, record in dataset.records[name].items():
            deps = partial(record_deps, name, record_id, record, ctx.derived)   # asked for by the preview only
            specs.append(PageSpec(record_src(name, record_id), kind.title(record, lang) or record_id,
                                  lambda c, k=view, i=record_id: k.render(i, c), is_record=True, deps=deps))
            for version in view.version_pages(record_id, record):
                specs.append(PageSpec(f"{name}/{record_id}/{version}.md",
                                      f"{kind.title(record, lang)} · {ui('version_of', lang, date=version)}",
                                      lambda c, k=view, i=record_id, v=version: k.render_version(i, v, c), deps=deps,
                                      crumb=ui('version_of', lang, date=version)))
            for src_uri, title, render, crumb, folder_label in view.extra_pages(record_id, record, ctx):
                specs.append(PageSpec(src_uri, title, render, deps=deps, crumb=crumb, folder_label=folder_label))
        for facet in kind_facets(name):
            specs.append(PageSpec(f"{name}/by-{facet.name}/index.md", f"{kind_name(name, lang)}: {ui(facet.heading_key, lang)}",
                                  lambda c, f=facet: render_facet_index(f, c), deps=frozenset({(name, ANY)}),
                                  crumb=ui(facet.heading_key, lang)))
            for value, (label, ids) in facet_groups(facet, ctx).items():
                specs.append(PageSpec(facet_src(name, facet.name, value), f"{kind_name(name, lang)}: {label}",
                                      lambda c, f=facet, v=value: render_facet_page(f, v, c),
                                      deps=frozenset((name, i) for i in ids), crumb=label))
                # later pages show a slice of the value's records in list order; any of them may move a row there
                # (the kiosk only: elsewhere portal.js pages a facet's rows from the row files, static_subset_pages)
                for page in range(2, page_count(len(ids)) + 1 if static_subset_pages(ctx) else 2):
                    specs.append(PageSpec(facet_page_src(name, facet.name, value, page),
                                          f"{kind_name(name, lang)}: {label} · {ui('list.page_n', lang, n=page)}",
                                          lambda c, f=facet, v=value, p=page: render_facet_page(f, v, c, p),
                                          deps=frozenset((name, i) for i in ids), crumb=ui('list.page_n', lang, n=page)))
        for printable in view.printables(ctx):
            record_id = printable.src_uri.split("/")[1]
            # a record's card depends on that record; a list to print (resources/print.md) on all of them
            deps = {(name, record_id)} if record_id in dataset.records[name] else {(name, ANY)}
            specs.append(PageSpec(printable.src_uri, printable.title, printable.render, frame="print",
                                  deps=frozenset(deps)))
    topic_deps = frozenset((k.name, ANY) for k in PAGE_KINDS)
    specs.append(PageSpec("topics/index.md", ui("topics", lang), render_topics_index, in_nav=True, deps=topic_deps))
    members = topic_index(ctx)
    for topic_id, term in dataset.terms("topics").items():
        specs.append(PageSpec(f"topics/{topic_id}.md", f"{ui('topics', lang)}: {pick(term['label'], lang)[0]}",
                              lambda c, t=topic_id: render_topic(t, c), deps=frozenset(members.get(topic_id, ())),
                              crumb=pick(term['label'], lang)[0]))
        for kind in PAGE_KINDS:
            in_topic = [i for k, i in members.get(topic_id, ()) if k == kind.name]
            for page in range(2, page_count(len(in_topic)) + 1 if static_subset_pages(ctx) else 2):
                specs.append(PageSpec(topic_page_src(topic_id, kind.name, page),
                                      f"{ui('topics', lang)}: {pick(term['label'], lang)[0]} · {kind_name(kind.name, lang)} · "
                                      f"{ui('list.page_n', lang, n=page)}",
                                      lambda c, t=topic_id, k=kind.name, p=page: render_topic(t, c, k, p),
                                      deps=frozenset(members.get(topic_id, ())), crumb=ui('list.page_n', lang, n=page)))
    from portal.pages.hubs import INDEX_SRC as HUBS_INDEX, hub_src, hubs, render_hub, render_hubs_index
    if hubs(dataset):
        hub_deps = frozenset((k.name, ANY) for k in BY_NAME.values())  # computed membership: any record may join
        specs.append(PageSpec(HUBS_INDEX, ui("hub.title", lang), render_hubs_index, in_nav=True, deps=hub_deps))
        for hub_id, hub in hubs(dataset).items():
            specs.append(PageSpec(hub_src(hub_id), f"{ui('hub.title', lang)}: {pick(hub['label'], lang)[0]}",
                                  lambda c, h=hub_id: render_hub(h, c), deps=hub_deps, crumb=pick(hub['label'], lang)[0]))
    if ctx.settings.variant != "kiosk":  # the kiosk has no box to type a query into, and no header search leading here
        from portal.pages.search_page import SEARCH_PAGE_SRC, render_search_page
        specs.append(PageSpec(SEARCH_PAGE_SRC, ui("search.results", lang), render_search_page))
    from portal.pages.widgets import STATS_KIND, render_stats_page, stats_filters, stats_src
    for facet_name, values in stats_filters(ctx):
        for value, label, _count in values:
            specs.append(PageSpec(stats_src(facet_name, value), f"{ui('stats', lang)}: {label}",
                                  lambda c, f=facet_name, v=value: render_stats_page(f, v, c),
                                  deps=frozenset({(STATS_KIND, ANY)}), crumb=label))
    for facet_name, values in stats_filters(ctx):
        facet = next(f for f in FACETS if f.kind == STATS_KIND and f.name == facet_name)
        children = [(label, stats_src(facet_name, value), count) for value, label, count in values]
        specs.append(PageSpec(f"stats/by-{facet_name}/index.md", f"{ui('stats', lang)}: {ui(facet.heading_key, lang)}",
                              lambda c, t=f"{ui('stats', lang)}: {ui(facet.heading_key, lang)}", ch=children:
                              render_folder_index(t, ch, ("stats.md", ui("nav.stats", lang)), c),
                              deps=frozenset({(STATS_KIND, ANY)}), crumb=ui(facet.heading_key, lang)))
    if ctx.settings.variant != "kiosk":  # the open-data folder's page (the kiosk offers no downloads)
        specs.append(PageSpec(f"{site_layout.OPEN_DATA_FOLDER}/index.md", ui("open_data.title", lang), render_open_data_page,
                              deps=frozenset((kind, ANY) for kind in dataset.records)))
    specs += folder_indexes(specs, lang)
    if ctx.settings.variant == "kiosk":
        from portal.pages.kiosk import ATTRACT_SRC, az_index, az_src, kiosk_text, render_az_page, render_kiosk_attract
        every_record = frozenset((k.name, ANY) for k in BY_NAME.values())
        specs.append(PageSpec(ATTRACT_SRC, kiosk_text("title", lang), render_kiosk_attract, frame="bare",
                              deps=every_record))
        for letter in az_index(ctx):
            specs.append(PageSpec(az_src(letter), ui("kiosk.az_letter", lang, letter=letter),
                                  lambda c, l=letter: render_az_page(l, c), deps=every_record))
    return specs


def folder_of(src_uri: str) -> str:
    """The folder a page's source path makes (cases/x.md and cases/x/index.md: cases/x); '' for the home page."""
    stem = src_uri[:-3] if src_uri.endswith(".md") else src_uri
    return stem[: -len("/index")] if stem.endswith("/index") else ("" if stem == "index" else stem)


def folder_indexes(specs: list[PageSpec], lang: str) -> list[PageSpec]:
    """A page for every folder of the site's addresses that has none (cases/page/, topics/<t>/<kind>/, …): a reader
    who trims an address finds the pages in it instead of the server's bare 403. Hand-written pages (docs/<lang>)
    count as pages of their folder."""
    from portal.pages.handwritten import handwritten_sources

    pages = {folder_of(spec.src_uri): spec for spec in specs}
    handwritten = {folder_of(src): src for src in handwritten_sources(lang)}
    wanted: dict[str, list[PageSpec]] = {}
    for spec in specs:
        parts = folder_of(spec.src_uri).split("/")
        for depth in range(1, len(parts)):
            folder = "/".join(parts[:depth])
            if folder not in pages and folder not in handwritten:
                wanted.setdefault(folder, [])
    for spec in specs:
        parent = folder_of(spec.src_uri).rpartition("/")[0]
        if parent in wanted:
            wanted[parent].append(spec)
    made = []
    for folder, children in sorted(wanted.items()):
        parent = folder.rpartition("/")[0]
        up_spec = pages.get(parent)
        up = (up_spec.src_uri, up_spec.label) if up_spec else (handwritten[parent], "") if parent in handwritten else None
        owner = up[1] if up and up[1] else folder
        named = next((child.folder_label for child in children if child.folder_label), "")
        title = f"{owner} · {named}" if named else ui("folder.pages", lang, title=owner)
        listed = [(child.label, child.src_uri, None) for child in children]
        made.append(PageSpec(f"{folder}/index.md", title,
                             lambda c, t=title, ch=listed, u=up: render_folder_index(t, ch, u, c),
                             deps=lambda children=children: frozenset().union(*(c.dependencies() for c in children)),
                             crumb=named or ui("folder.crumb", lang)))
    return made


def render_open_data_page(ctx: PageContext) -> Rendered:
    """data/index.html (and en/data/): the open-data files of every kind, so that trimming a download's address to
    its folder finds them instead of the server's 403. The files are the site root's, one copy for both languages."""
    from portal.pages.render import render_template
    from portal.pages.widgets import render_open_data_links
    return Rendered(render_template("open_data_page.html", ctx, links=Markup(render_open_data_links(ctx))), [])


def render_folder_index(title: str, children: list[tuple[str, str, int | None]], up: tuple[str, str] | None,
                        ctx: PageContext) -> Rendered:
    """A folder's page: its title, a link up (src, label) and the pages in it (label, src, record count or None)."""
    from portal.pages.render import render_template
    up_link = (up[1], up[0]) if up and up[1] else None
    return Rendered(render_template("folder_index.html", ctx, title=title, children=children, up=up_link), [])
