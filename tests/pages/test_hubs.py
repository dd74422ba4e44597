# Hazard hubs: membership computed from the hub's data, data text escaped, and on the built shipped site every hub in both languages with content and links that resolve.
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urldefrag, urljoin

import pytest
import yaml

from portal.build.pipeline import derive
from portal.pages.context import PageContext
from portal.pages.hubs import hub_members, hubs, render_hub
from portal.verify.sitecheck import parse_html
from portal_testing import MINIMAL, SHIPPED_DATA, settings_for

REQUIRED = {"confined-space": "有限空间", "fall-from-height": "高处坠落", "hot-work": "动火作业", "electric-shock": "触电",
            "hazardous-chemicals": "危险化学品", "dust-explosion": "粉尘防爆", "lifting": "起重伤害",
            "coal-mine-gas": "煤矿瓦斯"}
HOSTILE = "<script>alert('x')</script> {{ 7*7 }}"
SECTION = re.compile(r'<h2 id="(what|controls|law|standards|cases|questions)"')


def _hub_layer(tmp_path: Path, hub: dict) -> Path:
    layer = tmp_path / "layer"
    (layer / "vocab").mkdir(parents=True)
    (layer / "vocab" / "hazards.yml").write_text(yaml.safe_dump({"title": {"zh": "专题", "en": "Hubs"}, "terms": [hub]},
                                                                allow_unicode=True), encoding="utf-8")
    return layer


def _context(*layers: Path) -> PageContext:
    settings = settings_for(*layers)
    derived, _ = derive(settings)
    return PageContext("zh", derived, settings, page_url="hazards/test-hub/")


def test_membership_is_computed_from_the_hub_and_data_text_is_escaped(tmp_path):
    fixture_case = yaml.safe_load((MINIMAL / "cases" / "test-case-2020.yml").read_text(encoding="utf-8"))
    hub = {"id": "test-hub", "label": {"zh": HOSTILE, "en": HOSTILE}, "description": {"zh": HOSTILE, "en": HOSTILE},
           "source": {"regulation": "gb-6441-1986"},
           "controls": [{"text": {"zh": HOSTILE, "en": HOSTILE}, "source": {"case": "test-case-2020"}}],
           "accident_types": [fixture_case["accident_type"]["term"]]}
    ctx = _context(MINIMAL, _hub_layer(tmp_path, hub))
    members = hub_members("test-hub", ctx)
    assert members.cases == ["test-case-2020"]  # by its accident type, not listed in the case
    assert members.questions == [] and members.articles == []
    html = render_hub("test-hub", ctx).html
    assert "<script>alert" not in html and "&lt;script&gt;" in html and "{{ 7*7 }}" in html
    assert 'id="questions"' not in html and 'id="law"' not in html  # empty sections are left out
    assert 'id="cases"' in html and 'id="controls"' in html
    ctx.dataset.cases["test-case-2020"].pop("date")  # a case of unknown date (date_unknown: true) is listed too
    ctx.dataset.cases["test-case-2020"]["date_unknown"] = True
    ctx.memo.clear()
    assert "日期不详" in render_hub("test-hub", ctx).html


def test_a_case_without_a_stated_tier_shows_the_tier_its_casualties_give(tmp_path):
    """A case's tier is most often computed from its deaths (3 deaths: 较大事故), not written in the data: the hub
    showed 未注明 for every such case (10 of 10 on 有限空间)."""
    from portal.pages.render import tier_label
    from portal.words import ui

    fixture_case = yaml.safe_load((MINIMAL / "cases" / "test-case-2020.yml").read_text(encoding="utf-8"))
    untiered = {key: value for key, value in fixture_case.items() if key != "tier"}
    untiered["id"] = "test-untiered-case-2020"
    hub = {"id": "test-hub", "label": {"zh": "专题", "en": "Hub"}, "description": {"zh": "说明", "en": "About"},
           "source": {"regulation": "gb-6441-1986"}, "accident_types": [fixture_case["accident_type"]["term"]]}
    layer = _hub_layer(tmp_path, hub)
    (layer / "cases").mkdir()
    (layer / "cases" / "test-untiered-case-2020.yml").write_text(yaml.safe_dump(untiered, allow_unicode=True),
                                                               encoding="utf-8")
    ctx = _context(MINIMAL, layer)
    assert "test-untiered-case-2020" in hub_members("test-hub", ctx).cases
    derived_tier = ctx.derived.tier.get("test-untiered-case-2020")
    assert derived_tier, "the fixture case's deaths give a tier"
    html = render_hub("test-hub", ctx).html
    tiers = re.findall(r'<span class="portal-hub-tier">([^<]*)</span>', html)
    assert tiers and ui("not_stated", "zh") not in tiers, tiers
    assert tier_label(ctx, derived_tier) in tiers


def test_a_keyword_gathers_cases_and_an_unknown_reference_is_a_problem(tmp_path):
    from portal.check.problems import InvalidData

    fixture_case = yaml.safe_load((MINIMAL / "cases" / "test-case-2020.yml").read_text(encoding="utf-8"))
    word = fixture_case["title"]["zh"][:2]
    hub = {"id": "test-hub", "label": {"zh": "专题", "en": "Hub"}, "description": {"zh": "说明", "en": "About"},
           "source": {"regulation": "gb-6441-1986"}, "keywords": {"zh": [word]}}
    assert hub_members("test-hub", _context(MINIMAL, _hub_layer(tmp_path, hub))).cases == ["test-case-2020"]
    hub.update(source={"regulation": "no-such-law", "article": "9"}, topics=["no-such-topic"],
               accident_types=["no-such-type"])
    with pytest.raises(InvalidData) as raised:
        derive(settings_for(MINIMAL, _hub_layer(tmp_path / "bad", hub)))
    text = "\n".join(str(p) for p in raised.value.problems)
    assert "hazards.yml" in text and "no-such-law" in text and "no-such-topic" in text and "no-such-type" in text


def test_a_hub_is_found_by_its_synonyms_in_both_languages(tmp_path):
    from portal.kinds import KINDS
    from portal.pages.searchdocs import site_search_docs

    hub = {"id": "test-hub", "label": {"zh": "专题", "en": "Hub"}, "description": {"zh": "说明", "en": "About"},
           "source": {"regulation": "gb-6441-1986"}, "synonyms": {"zh": ["窨井"], "en": ["manhole"]}}
    ctx = _context(MINIMAL, _hub_layer(tmp_path, hub))
    for lang in ("zh", "en"):
        docs = [d for d in site_search_docs(PageContext(lang, ctx.derived, ctx.settings, ""), KINDS)
                if d["url"] == "hazards/test-hub/"]
        assert len(docs) == 1 and "窨井" in docs[0]["text"] and "manhole" in docs[0]["text"]
        assert docs[0]["kind"] == "page" and docs[0]["title"] == ("专题" if lang == "zh" else "Hub")


def _resolves(site: Path, page: Path, href: str) -> str | None:
    """None when `href` (relative, from `page`) names a file of the site and, with a #fragment, an id on it."""
    url, fragment = urldefrag(href)
    base = "/" + page.relative_to(site).as_posix()
    target = unquote(urljoin(base, url)) if url else base
    path = site / target.lstrip("/")
    if path.is_dir() or target.endswith("/"):
        path = path / "index.html"
    if not path.is_file():
        return f"{href} -> {target}: no such page"
    if fragment and fragment not in parse_html(path).ids:
        return f"{href}: no #{fragment} on {target}"
    return None


@pytest.mark.shipped_data
def test_every_hub_is_built_in_both_languages_with_content_and_working_links(shipped_site):
    site, _ = shipped_site
    shipped = settings_for(SHIPPED_DATA)
    derived, _ = derive(shipped)
    hub_ids = list(hubs(derived.dataset))
    assert set(REQUIRED) <= set(hub_ids)
    for lang_root in (site, site / "en"):
        index = lang_root / "hazards" / "index.html"
        home = (lang_root / "index.html").read_text(encoding="utf-8")
        for hub_id in hub_ids:
            page = lang_root / "hazards" / hub_id / "index.html"
            html = page.read_text(encoding="utf-8")
            content = html[html.index('<div class="portal-hub">'):]
            sections = SECTION.findall(content)
            assert {"law", "cases", "questions"} & set(sections), f"{page}: no law, case or question"
            for section, body in zip(sections, re.split(SECTION.pattern, content)[2::2]):
                assert "<li" in body or "portal-question" in body or section == "what", f"{page}: empty {section}"
            problems = [p for _, href, _ in parse_html(page).links if not re.match(r"[a-z]+:", href)
                        for p in [_resolves(site, page, href)] if p]
            assert not problems, f"{page}: {problems[:5]}"
            dates = re.findall(r'<li><time datetime="([^"]+)"', content)
            assert dates == sorted(dates, reverse=True), f"{page}: cases not newest first"
            assert f'hazards/{hub_id}/' in home, f"home page of {lang_root} does not link the {hub_id} hub"
            assert f'{hub_id}/' in index.read_text(encoding="utf-8")
        assert re.search(r'class="md-nav__link[^"]*"[^>]*href="[^"]*hazards/"|href="[^"]*hazards/"[^>]*class="md-nav__link',
                         home), "the hubs overview is not in the navigation"
    for hub_id, label in REQUIRED.items():
        assert f"<h1>{label}</h1>" in (site / "hazards" / hub_id / "index.html").read_text(encoding="utf-8")
