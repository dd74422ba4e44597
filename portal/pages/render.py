# Rendering core: the Jinja environment over portal/templates (autoescaped) and the helpers every renderer shares.
"""Pages step: the template environment and shared field helpers. Pure: no site-engine import.

Every data string is escaped by the templates' autoescaping; data is never evaluated as a template."""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import jinja2
from markupsafe import Markup

from portal import site_layout
from portal.kinds import kind_name, template_dirs
from portal.kinds.base import not_verified_within
from portal.kinds.regulations import NAME as REGULATIONS, article_anchor
from portal.pages.context import PageContext
from portal.pages.fragments import escape_str, for_lang, paragraphs
from portal.records.ids import slug_words
from portal.text import pick
from portal.words import forms, ui

TEMPLATE_DIR = Path(__file__).resolve().parent.parent / "templates"


@dataclass
class Rendered:
    html: str
    toc: list[dict] = field(default_factory=list)


def toc_token(level: int, anchor: str, name: str, children: list | None = None) -> dict:
    """A table-of-contents entry in the shape mkdocs' get_toc() expects."""
    return {"level": level, "id": anchor, "name": escape_str(name), "children": children or []}


# -- link targets (source paths of generated pages) -------------------------------------------------------------
def record_src(kind: str, record_id: str) -> str:
    return f"{kind}/{record_id}.md"


def facet_src(kind: str, facet: str, value: str) -> str:
    return f"{kind}/by-{facet}/{value}.md"


SLUG_VERSION = 2  # bump when stable_slug changes: slugs cached by earlier builds are then worked out again


def url_slug(ctx: PageContext, name: str) -> str:
    """The URL slug of a name: the one the build worked out up front (Derived.url_slugs), else stable_slug's."""
    return ctx.derived.url_slugs.get(name) or stable_slug(name)


@lru_cache(maxsize=4096)
def stable_slug(text: str, limit: int = 60) -> str:
    """An ASCII URL slug for a Chinese or English name (pinyin for Chinese), stable across translations.

    A name longer than `limit` keeps its first words plus a hash of the whole name, so two long names that begin
    alike (joint issuers) still get two pages."""
    slug = slug_words(text)  # the records core's syllables (pypinyin loaded only for text that is not ASCII)
    if len(slug) > limit:
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]
        slug = slug[: limit - len(digest) - 1].strip("-") + "-" + digest
    return slug or "other"


# -- template environment ---------------------------------------------------------------------------------------
def _environment() -> jinja2.Environment:
    """The template environment: portal/templates/ and the template folders of registered kinds."""
    return _environment_for(template_dirs())


@lru_cache(maxsize=None)
def _environment_for(kind_template_dirs: tuple) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(TEMPLATE_DIR)] + [str(d) for d in kind_template_dirs]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["paras"] = _paragraphs
    env.filters["thousands"] = lambda n: f"{n:,}"
    env.globals["article_anchor"] = article_anchor
    return env


def _paragraphs(text: str) -> Markup:
    """Plain text to HTML paragraphs: escaped, blank lines split paragraphs, single newlines become <br>."""
    return Markup(paragraphs(text))


def render_template(template: str, ctx: PageContext, **values) -> str:
    lang = ctx.lang

    def t(text):
        value, fallback = pick(text, lang)
        return value, fallback

    def label(vocab: str, term_id: str) -> str:
        term = ctx.dataset.terms(vocab).get(term_id)
        return pick(term["label"], lang)[0] if term else term_id

    return _environment().get_template(template).render(
        lang=lang,
        not_stated=ui("not_stated", lang),
        ui=lambda key, **kw: ui(key, lang, **kw),
        forms=lambda key: forms(key, lang),
        kind_name=lambda kind: kind_name(kind, lang),
        html_lang=site_layout.HTML_LANG,
        other_lang=site_layout.other_lang(lang),
        t=t,
        label=label,
        link=ctx.link,
        ctx=ctx,
        fragments=for_lang(lang),
        **values,
    )


# -- shared field helpers ---------------------------------------------------------------------------------------
# Units an amount of money is shown in per language: (catalogue key, yuan per unit, whether a whole number drops its
# ".00"), largest first; an amount takes the first unit it reaches (the last one otherwise). Chinese counts in 亿 and
# 万, English in millions with two decimals.
MONEY_UNITS = {"zh": (("money.yi", 100_000_000, True), ("money.wan", 10_000, True)),
               "en": (("money.million", 1_000_000, False),)}


def format_money(yuan: int | None, lang: str) -> str:
    if yuan is None:
        return ""
    units = MONEY_UNITS[lang]
    key, size, trim = next((unit for unit in units if yuan >= unit[1]), units[-1])
    amount = f"{yuan / size:,.2f}"
    return ui(key, lang, n=amount[:-3] if trim and amount.endswith(".00") else amount)


def tier_label(ctx: PageContext, tier_id: str | None) -> str:
    labels = ctx.memo.get(("tier-labels", ctx.lang))
    if labels is None:  # once per build and language (a case page, row, hub and chart each ask)
        labels = ctx.memo[("tier-labels", ctx.lang)] = {}
        for tier in ctx.dataset.accident_tiers():
            labels.setdefault(tier["id"], pick(tier["label"], ctx.lang)[0])
    return labels.get(tier_id, "")


def accident_type_term(ctx: PageContext, case: dict) -> dict | None:
    value = case.get("accident_type") or {}
    terms = ctx.memo.get("accident-type-terms")
    if terms is None:  # (scheme, term) -> term, once per build (the first of a scheme's terms with an id)
        terms = ctx.memo["accident-type-terms"] = {}
        for scheme_id, scheme in ctx.dataset.accident_schemes().items():
            for term in scheme.get("terms") or []:
                terms.setdefault((scheme_id, term.get("id")), term)
    return terms.get((value.get("scheme"), value.get("term")))


def accident_type_label(ctx: PageContext, case: dict) -> str:
    term = accident_type_term(ctx, case)
    return pick(term["label"], ctx.lang)[0] if term else ""


def accident_scheme(ctx: PageContext, case: dict) -> dict | None:
    """The classification a case's accident type is from, as readers know it: the standard's number linking to its
    regulation page (GB 6441-86), else the scheme's label; never the scheme's id (gb6441-1986)."""
    scheme = ctx.dataset.accident_schemes().get((case.get("accident_type") or {}).get("scheme"))
    if not scheme:
        return None
    regulation = ctx.dataset.records[REGULATIONS].get(scheme.get("regulation") or "")
    if regulation and regulation.get("doc_number"):
        return {"text": regulation["doc_number"], "src": record_src(REGULATIONS, scheme["regulation"])}
    return {"text": pick(scheme["label"], ctx.lang)[0], "src": None}


def article_label(ctx: PageContext, reg_id: str, number: str | None) -> str:
    if not number:
        return ""
    regulation = ctx.dataset.records[REGULATIONS].get(reg_id, {})
    key = "clause_n" if regulation.get("level") in ("national-standard", "industry-standard") else "article_n"
    return ui(key, ctx.lang, n=number)


def article_link(ctx: PageContext, reg_id: str, number: str | None) -> str:
    target = record_src(REGULATIONS, reg_id)
    return ctx.link(target + (f"#{article_anchor(number)}" if number else ""))


def tel_href(number: str) -> str:
    """A tel: link of a phone number as written (digits and + only)."""
    return "tel:" + re.sub(r"[^0-9+]", "", number)


def stale(ctx: PageContext, record: dict) -> bool:
    """Not verified within the stale days of these settings (a directory or resource shown as stale)."""
    return not_verified_within(record, ctx.derived.today, ctx.stale_days)




def label(ctx: PageContext, vocab: str, term_id: str | None) -> str:
    """The label of a vocabulary term in the page language (the id itself if unknown, 'not stated' if absent)."""
    if not term_id:
        return ui("not_stated", ctx.lang)
    term = ctx.dataset.terms(vocab).get(term_id)
    return pick(term["label"], ctx.lang)[0] if term else term_id


def record_title(ctx: PageContext, kind: str, record_id: str) -> str:
    return pick(ctx.dataset.records[kind][record_id].get("title"), ctx.lang)[0]


def vocab_values(field_name: str, vocab: str, many: bool = False):
    """Facet values of a vocabulary field: the term id as slug, its label as name."""
    def values(record_id, record, ctx):
        raw = record.get(field_name) or ([] if many else None)
        items = raw if many else ([raw] if raw else [])
        return [(item, label(ctx, vocab, item)) for item in items]
    return values
