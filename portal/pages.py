# The list of pages the build generates from data (records, indexes, facets, topics), each with its title and renderer.
from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Callable

from portal.dataset import PAGE_KINDS
from portal.i18n import pick, ui
from portal.printables import PRINT_TEMPLATE, printable_pages
from portal.render import (FACETS, RECORD_RENDERERS, PageContext, Rendered, facet_groups, facet_src, record_src,
                           render_facet_page, render_index, render_topic, render_topics_index)


@dataclass
class PageSpec:
    """One generated page: where it lives, its title, whether it is a record page, and how to render it."""

    src_uri: str
    title: str
    render: Callable[[PageContext], Rendered]
    is_record: bool = False
    in_nav: bool = False
    template: str = ""  # theme template other than main.html (page meta `template`)


def generated_pages(ctx: PageContext) -> list[PageSpec]:
    """Every generated page of the site in ctx.lang; independent of any mkdocs object."""
    lang, dataset = ctx.lang, ctx.dataset
    specs: list[PageSpec] = []
    for kind in PAGE_KINDS:
        specs.append(PageSpec(f"{kind}/index.md", ui(kind, lang), lambda c, k=kind: render_index(k, c), in_nav=True))
        renderer = RECORD_RENDERERS[kind]
        for record_id, record in dataset.records[kind].items():
            specs.append(PageSpec(record_src(kind, record_id), pick(record["title"], lang)[0],
                                  lambda c, r=renderer, i=record_id: r(i, c), is_record=True))
    for facet in FACETS:
        for value, (name, _ids) in facet_groups(facet, ctx).items():
            specs.append(PageSpec(facet_src(facet.kind, facet.name, value), f"{ui(facet.kind, lang)}: {name}",
                                  lambda c, f=facet, v=value: render_facet_page(f, v, c)))
    specs.append(PageSpec("topics/index.md", ui("topics", lang), render_topics_index, in_nav=True))
    for topic_id, term in dataset.terms("topics").items():
        specs.append(PageSpec(f"topics/{topic_id}.md", f"{ui('topics', lang)}: {pick(term['label'], lang)[0]}",
                              lambda c, t=topic_id: render_topic(t, c)))
    # Printable contact cards and case posters; their QR codes use the intranet base address when the build has one.
    for printable in printable_pages(ctx, os.environ.get("PORTAL_SITE_URL", "")):
        specs.append(PageSpec(printable.src_uri, printable.title, printable.render, template=PRINT_TEMPLATE))
    return specs
