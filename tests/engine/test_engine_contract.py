# The engine door: the site engine, run through its contract by the real pipeline, must give a site that checks out.
"""Runs the site engine (portal/engine/contract.py) through `build_site` on the minimal fixture and checks what
comes out: the engine's own output (the hand-written pages and nothing else, a frame per outline entry with its
named slots, every asset a frame loads present) and the built site (every link and anchor resolves, nothing is
loaded from another host, every expected page exists). Another engine is tested by adding its factory to
ENGINES. The last tests break an engine's output on purpose: each check must notice."""
from __future__ import annotations

import dataclasses
import posixpath
import shutil
from pathlib import Path

import pytest

from portal.build.pipeline import build_site
from portal.engine import site_engine
from portal.engine.contract import SLOTS, BuiltSite, Frame, FramedPage, StagedSite, page_file, url_depth
from portal.pages.catalog import generated_pages
from portal.pages.context import PageContext
from portal.site_layout import page_url
from portal.settings import LANGS
from portal.verify.sitecheck import check_site
from portal_testing import MINIMAL, settings_for

ENGINES = [site_engine]  # factories of the engines under test (a Zensical engine would be added here)
MAIN_SLOTS = {"title": (1, None), "content": (1, 1), "toc": (1, 1), "language_switch": (1, 1)}  # name: (min, max)
BARE_SLOTS = {"title": (1, None), "content": (1, 1), "language_switch": (1, 1)}


class RecordingEngine:
    """Runs an engine and keeps what went in and a copy of what came out (before the build fills the frames)."""

    def __init__(self, engine, keep: Path):
        self.engine, self.keep, self.name = engine, keep, engine.name
        self.staged: dict[str, StagedSite] = {}
        self.built: dict[str, BuiltSite] = {}

    def build(self, sites, work):
        built = self.engine.build(sites, work)
        self.staged = dict(sites)
        for lang, site in built.items():
            copy = self.keep / lang
            shutil.copytree(site.site_dir, copy)
            self.built[lang] = dataclasses.replace(site, site_dir=copy)
        return built


def expected_handwritten(staged: StagedSite) -> set[str]:
    return {page_url(path.relative_to(staged.pages).as_posix(), staged.options.use_directory_urls)
            for path in staged.pages.rglob("*.md")}


def frame_depth(key, staged: StagedSite) -> int:
    return key[1] if isinstance(key, tuple) else url_depth(page_url(key, staged.options.use_directory_urls))


def engine_output_problems(staged: StagedSite, built: BuiltSite) -> list[str]:
    """What the engine handed back, against the contract: pages, no leftovers, frames and their slots, assets."""
    problems = []
    site = built.site_dir
    expected = expected_handwritten(staged)
    if set(built.pages) != expected:
        problems.append(f"pages listed {sorted(built.pages)}, expected {sorted(expected)}")
    for url in sorted(expected):
        if not page_file(site, url).is_file():
            problems.append(f"hand-written page {url} was not written")
    written = {path.relative_to(site).as_posix() for path in site.rglob("*.html")}
    leftovers = written - {page_file(Path(""), url).as_posix() for url in expected} - {"404.html"}
    if leftovers:
        problems.append(f"pages that are not the site's: {sorted(leftovers)[:5]}")
    for name in ("sitemap.xml", "sitemap.xml.gz"):
        if (site / name).exists():
            problems.append(f"{name} left (it would list placeholder pages)")
    wanted = set(staged.outline.nav) | set(staged.outline.depths)
    if set(built.frames) != wanted:
        problems.append(f"frames {sorted(map(str, built.frames))}, expected {sorted(map(str, wanted))}")
    for key, frame in built.frames.items():
        if len(frame.parts) != len(frame.slots) + 1 or not set(frame.slots) <= set(SLOTS):
            problems.append(f"frame {key}: malformed ({len(frame.parts)} parts, slots {frame.slots})")
        kind = key[0] if isinstance(key, tuple) else "main"
        for slot, (least, most) in (BARE_SLOTS if kind == "bare" else MAIN_SLOTS).items():
            count = frame.slots.count(slot)
            if count < least or (most is not None and count > most):
                problems.append(f"frame {key}: slot {slot} appears {count} time(s)")
        depth = frame_depth(key, staged)
        if not frame.assets:
            problems.append(f"frame {key}: loads no stylesheet or script")
        for asset in frame.assets:
            if "//" in asset.split("?")[0]:
                problems.append(f"frame {key}: asset from another host: {asset}")
                continue
            path = posixpath.normpath(posixpath.join("/".join(["x"] * depth), asset.split("?")[0]))
            if path.startswith("..") or not (site / path).is_file():
                problems.append(f"frame {key} (depth {depth}): asset {asset} is missing")
    return problems


@pytest.fixture(scope="module", params=ENGINES, ids=lambda factory: factory().name)
def contract_build(request, tmp_path_factory):
    root = tmp_path_factory.mktemp("contract")
    settings = settings_for(MINIMAL, work_dir=root / "work")
    recorder = RecordingEngine(request.param(), root / "engine-output")
    report = build_site(settings, root / "site", engine=recorder)
    return settings, report, recorder, root / "site"


def test_engine_output_meets_the_contract(contract_build):
    _settings, _report, recorder, _site = contract_build
    assert set(recorder.built) == set(LANGS)
    for lang in LANGS:
        assert engine_output_problems(recorder.staged[lang], recorder.built[lang]) == [], lang


def test_built_site_links_anchors_and_hosts_check_out(contract_build):
    _settings, _report, _recorder, site = contract_build
    assert check_site(site) == []


def test_every_expected_page_exists(contract_build):
    settings, report, recorder, site = contract_build
    for lang in LANGS:
        lang_dir = site if lang == "zh" else site / "en"
        ctx = PageContext(lang, report.derived, settings, "")
        generated = {page_url(spec.src_uri, settings.use_directory_urls) for spec in generated_pages(ctx)}
        expected = generated | expected_handwritten(recorder.staged[lang])
        missing = sorted(url for url in expected if not page_file(lang_dir, url).is_file())
        assert missing == [], (lang, missing)
        assert len(generated) > 20 and len(expected_handwritten(recorder.staged[lang])) >= 5


def test_a_filled_frame_has_every_slot_filled(contract_build):
    _settings, _report, recorder, _site = contract_build
    frame = recorder.built["zh"].frames[("main", 2)]
    page = FramedPage("A <title>", "<h1>A</h1><p>body</p>", [{"id": "s1", "name": "Section", "children": []}],
                      "cases/a-page/", "../../en/cases/a-page/")
    html = frame.fill(page)
    assert "A &lt;title&gt;" in html and "<p>body</p>" in html
    # the table of contents as its entries, which portal.js writes in the theme's markup (portal/engine/frames.py)
    assert """data-portal-toc='[["s1","Section"]]'""" in html
    assert 'href="../../en/cases/a-page/"' in html


# -- the checks must be able to fail ------------------------------------------------------------------------------
def test_a_missing_page_a_leftover_and_a_lost_slot_are_noticed(contract_build, tmp_path):
    _settings, _report, recorder, _site = contract_build
    staged, built = recorder.staged["zh"], recorder.built["zh"]
    broken_dir = tmp_path / "zh"
    shutil.copytree(built.site_dir, broken_dir)
    page_file(broken_dir, "glossary/").unlink()
    (broken_dir / "_shell").mkdir()
    (broken_dir / "_shell" / "index.html").write_text("<p>placeholder</p>", encoding="utf-8")
    frames = dict(built.frames)
    key = ("main", 2)
    good = frames[key]
    at = good.slots.index("toc")
    frames[key] = Frame(good.parts[:at] + (good.parts[at] + good.parts[at + 1],) + good.parts[at + 2:],
                        good.slots[:at] + good.slots[at + 1:], ("https://cdn.example/x.js",) + good.assets,
                        good.toc_label, good.write_toc)
    problems = engine_output_problems(staged, dataclasses.replace(built, site_dir=broken_dir, frames=frames))
    assert "hand-written page glossary/ was not written" in problems
    assert any("pages that are not the site's" in p and "_shell/index.html" in p for p in problems)
    assert f"frame {key}: slot toc appears 0 time(s)" in problems
    assert f"frame {key}: asset from another host: https://cdn.example/x.js" in problems


def test_a_frame_loading_from_another_host_fails_the_site_check(contract_build, tmp_path):
    _settings, _report, recorder, site = contract_build
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    good = recorder.built["zh"].frames[("main", 2)]
    hostile = dataclasses.replace(good, parts=tuple(
        part.replace("</head>", '<script src="https://cdn.example/x.js"></script></head>') for part in good.parts))
    assert hostile.parts != good.parts
    page = FramedPage("x", "<h1>x</h1><a href='#nowhere'>x</a>", [], "cases/test-case-2020/", "../../en/cases/test-case-2020/")
    page_file(copy, "cases/test-case-2020/").write_text(hostile.fill(page), encoding="utf-8")
    problems = check_site(copy)
    assert any("loads a resource from another host: https://cdn.example/x.js" in p for p in problems), problems
    assert any("missing anchor #nowhere" in p for p in problems), problems
