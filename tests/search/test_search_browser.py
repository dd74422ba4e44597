# Browser tests of the portal search (Chromium via Playwright) over http and file://: ranking, numbers, UI, safety.
import shutil
from pathlib import Path

import pytest

from portal.kinds import search_labels
from portal.search import STATIC_DIR, SearchDoc, write_search_index
from portal.search.tokens import compact, fnv1a, normalize, runs, stem, text_tokens
from portal.verify.served import QuietHandler, served_folder

HOSTILE = '<script>window.pwned=1</script><img src=x onerror="window.pwned=2"> {{ 7*7 }} "双引号" \'单引号\' 防护用品'

ZH_DOCS = [
    SearchDoc(url="regulations/work-safety-law/", title="中华人民共和国安全生产法", kind="regulations",
              text="测试文本：生产经营单位应当加强安全生产管理。", keywords=("主席令第八十八号",)),
    SearchDoc(url="regulations/work-safety-law/#art-3", title="中华人民共和国安全生产法", kind="regulations",
              section="第三条", text="测试文本：从业人员应当遵守安全生产规章制度和操作规程。"),
    SearchDoc(url="regulations/work-safety-law/#art-4", title="中华人民共和国安全生产法", kind="regulations",
              section="第四条", text="测试文本：生产经营单位应当建立健全全员安全生产责任制。"),
    SearchDoc(url="regulations/accident-reporting/", title="生产安全事故报告和调查处理条例", kind="regulations",
              text="测试文本：事故报告应当及时、准确、完整。", keywords=("国务院令第493号",)),
    SearchDoc(url="regulations/emergency-plans/", title="生产安全事故应急预案管理办法", kind="regulations",
              text="测试文本：应急预案的编制和演练。", keywords=("国家安全生产监督管理总局令第88号",)),
    SearchDoc(url="resources/gb-6441/", title="GB 6441-1986 企业职工伤亡事故分类", kind="resources",
              text="测试文本：事故类别包括物体打击、车辆伤害、机械伤害。", keywords=("GB 6441-1986",)),
    # Repealed first in build order, so only the boost can put the record in force ahead of it.
    SearchDoc(url="regulations/permit-old/", title="安全生产许可证条例", kind="regulations", boost=0.6, badge="已废止",
              text="测试文本：许可证的申请和审查。"),
    SearchDoc(url="regulations/permit/", title="安全生产许可证条例", kind="regulations",
              text="测试文本：许可证的申请和审查。"),
    SearchDoc(url="cases/body-hit/", title="某厂房检修事故", kind="cases",
              text="测试文本：检修期间一名工人在屋面作业，发生高处坠落，现场未设安全网。"),
    SearchDoc(url="cases/title-hit/", title="某工地坠落事故", kind="cases", text="测试文本：脚手架未验收即投入使用。"),
    SearchDoc(url="contacts/emergency/", title="应急管理部门值班电话", kind="contacts", text="测试文本：值班室。"),
    SearchDoc(url="page/hostile/", title=HOSTILE, kind="page", text=HOSTILE + " 测试文本。"),
    SearchDoc(url="regulations/confined/", title="工贸企业有限空间作业安全规定", kind="regulations",
              text="测试文本：有限空间作业应当先通风、再检测、后作业。"),
    SearchDoc(url="regulations/confined/#art-21", title="工贸企业有限空间作业安全规定", kind="regulations",
              section="第21条", text="测试文本：监护人员不得离开作业现场。"),
    SearchDoc(url="cases/company/", title="某建材有限公司仓库火灾", kind="cases",
              text="测试文本：某建材有限公司的仓库空间狭小，堆放杂乱。"),
]
VOCABULARY = [{"id": "confined-space", "words": ["有限空间", "受限空间", "confined space"]},
              {"id": "kind-cases", "words": ["案例", "case"], "kind": "cases"}]
EN_DOCS = [
    SearchDoc(url="articles/working-at-height/", title="Working at height", kind="articles",
              text="Test text: a worker may fall from an unguarded edge; guard rails prevent the fall."),
    SearchDoc(url="articles/scaffold/", title="Scaffold inspection", kind="articles",
              text="Test text: inspect every scaffold before use."),
    SearchDoc(url="quiz/fire/", title="Fire extinguishers", kind="quiz", text="Test text: which extinguisher for oil?"),
    SearchDoc(url="articles/fireworks/", title="Fire and fireworks storage", kind="articles", text="Test text: keep apart."),
    # Words that are also names of JavaScript object properties must be ordinary words.
    SearchDoc(url="articles/constructor/", title="Duties of the constructor", kind="articles",
              text="Test text: the constructor keeps a hasOwnProperty toString register."),
]

HOME = """<!doctype html>
<html lang="zh-CN" data-portal-search-root="./">
<head><meta charset="utf-8"><title>首页</title><link rel="stylesheet" href="assets/portal-search.css"></head>
<body>
<header><form role="search" action="#"><input type="search" id="header-q" data-portal-search
  data-portal-search-align="end" placeholder="搜索"></form></header>
<main><h1>首页</h1><label for="home-q">搜索法规和案例</label><div><input type="search" id="home-q" data-portal-search></div>
</main>
<script src="assets/portal-words.js"></script>
<script src="assets/portal-search.js"></script>
</body></html>
"""
DEEP = """<!doctype html>
<html lang="{lang}">
<head><meta charset="utf-8"><title>deep</title><link rel="stylesheet" href="{up}assets/portal-search.css"></head>
<body><input type="search" id="q" data-portal-search>
<script src="{up}assets/portal-words.js"></script>
<script src="{up}assets/portal-search.js" data-portal-search-root="{root}"></script></body></html>
"""
TARGET = """<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>安全生产法</title></head>
<body><h1>中华人民共和国安全生产法</h1><h2 id="art-3">第三条</h2><p>…</p><h2 id="art-4">第四条</h2></body></html>
"""
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
       "connect-src 'self'; worker-src 'self'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'")


def write_words(assets: Path) -> None:
    """The search box's words, as the build writes them (portal/words: assets/portal-words.js)."""
    from portal.words import BROWSER_SCRIPT, browser_words_script
    (assets / BROWSER_SCRIPT).write_text(browser_words_script(), encoding="utf-8")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """A small two-language site: zh at the root, en under en/, pages one, two and three folders deep."""
    root = tmp_path_factory.mktemp("search-site")
    (root / "assets").mkdir()
    for name in ("portal-search.js", "portal-search.css"):
        shutil.copy(STATIC_DIR / name, root / "assets" / name)
    write_words(root / "assets")
    write_search_index(ZH_DOCS, "zh", root, kind_labels=search_labels("zh"), vocabulary=VOCABULARY)
    write_search_index(EN_DOCS, "en", root / "en", kind_labels=search_labels("en"))
    (root / "index.html").write_text(HOME, encoding="utf-8")
    (root / "favicon.ico").write_bytes(b"")  # Chromium asks for it at some point: a 404 would be a console error
    for path, text in {
        "guide/deep/index.html": DEEP.format(lang="zh-CN", up="../../", root="../../"),
        "en/guide/deep/index.html": DEEP.format(lang="en", up="../../../", root="../../"),
        "regulations/work-safety-law/index.html": TARGET,
    }.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text, encoding="utf-8")
    return root


class CSPHandler(QuietHandler):
    """Static files with the portal's Content-Security-Policy (no inline scripts or styles, no eval), revalidated."""

    def cache_control(self) -> str:
        return "no-cache"

    def end_headers(self):
        self.send_header("Content-Security-Policy", CSP)
        self.send_header("Cache-Control", self.cache_control())
        super().end_headers()


@pytest.fixture(scope="module")
def http_base(site):
    with served_folder(site, CSPHandler) as url:
        yield url


@pytest.fixture(params=["http", "file"])
def base(request, site):
    """Address of the site root, once over http and once over file://."""
    return request.getfixturevalue("http_base") if request.param == "http" else site.as_uri() + "/"


@pytest.fixture
def tab(page):
    """The conftest page, also recording CSP violations."""
    page.violations = []
    page.expose_function("reportViolation", lambda text: page.violations.append(text))
    page.add_init_script("document.addEventListener('securitypolicyviolation',"
                         " (e) => window.reportViolation(e.violatedDirective + ' ' + e.blockedURI));")
    return page


def search(page, selector, query):
    """Type query into the box and return its hits once the results (or the no-result message) are shown."""
    page.evaluate("""(selector) => { const input = document.querySelector(selector);
        window.__searched = new Promise((resolve) =>
          input.addEventListener("portalsearch:results", () => resolve(), {once: true})); }""", selector)
    page.fill(selector, query)
    page.evaluate("() => window.__searched")
    panel = f"{selector} + .portal-search-panel"
    return page.eval_on_selector(panel, """(panel) => ({
        status: panel.querySelector(".portal-search-status").textContent,
        hits: [...panel.querySelectorAll("[role=option]")].map((a) => ({
          title: a.querySelector(".portal-search-title").textContent,
          marked: [...a.querySelectorAll("mark")].map((m) => m.textContent),
          kind: a.querySelector(".portal-search-kind").textContent,
          badge: (a.querySelector(".portal-search-badge") || {}).textContent || "",
          snippet: (a.querySelector(".portal-search-snippet") || {}).textContent || "",
          href: a.getAttribute("href"), id: a.id})) })""")


def urls(result):
    return [hit["href"].split("/", 1)[1] if hit["href"].startswith("./") else hit["href"] for hit in result["hits"]]


def page_url(base, url):
    """What a doc URL becomes as a link from the home page: index.html added to folders over file://."""
    if base.startswith("file:"):
        path, _, anchor = url.partition("#")
        url = path + ("index.html" if path.endswith("/") or not path else "") + ("#" + anchor if anchor else "")
    return url


def test_title_hit_ranks_before_body_hit_and_inner_word_is_found(tab, base):
    tab.goto(base + "index.html")
    result = search(tab, "#home-q", "坠落")
    assert urls(result) == [page_url(base, "cases/title-hit/"), page_url(base, "cases/body-hit/")]
    assert result["status"] == "2 个结果"
    body_hit = result["hits"][1]
    assert "高处坠落" in body_hit["snippet"] and "坠落" in body_hit["marked"], "坠落 found inside 高处坠落"
    assert result["hits"][0]["kind"] == "案例"


def test_single_characters_match_titles(tab, base):
    tab.goto(base + "index.html")
    assert urls(search(tab, "#home-q", "坠"))[0] == page_url(base, "cases/title-hit/")
    assert urls(search(tab, "#home-q", "许 证")) == [page_url(base, "regulations/permit/"),
                                                     page_url(base, "regulations/permit-old/")]


def test_in_force_ranks_before_repealed(tab, base):
    tab.goto(base + "index.html")
    result = search(tab, "#home-q", "许可证条例")
    assert urls(result) == [page_url(base, "regulations/permit/"), page_url(base, "regulations/permit-old/")]
    assert [hit["badge"] for hit in result["hits"]] == ["", "已废止"]
    assert result["hits"][0]["kind"] == "法规"


@pytest.mark.parametrize("query, first", [
    ("主席令第88号", "regulations/work-safety-law/"),
    ("主席令第八十八号", "regulations/work-safety-law/"),
    ("国务院令第493号", "regulations/accident-reporting/"),
    ("GB 6441-1986", "resources/gb-6441/"),
    ("GB6441", "resources/gb-6441/"),
    ("6441", "resources/gb-6441/"),
    ("gb 6441", "resources/gb-6441/"),
])
def test_document_and_standard_numbers_as_typed(tab, base, query, first):
    tab.goto(base + "index.html")
    result = search(tab, "#home-q", query)
    assert urls(result)[0] == page_url(base, first)
    if query.startswith("主席令"):
        assert page_url(base, "regulations/emergency-plans/") not in urls(result), "总局令第88号 is another number"


def test_article_hit_links_to_its_anchor(tab, base):
    tab.goto(base + "index.html")
    result = search(tab, "#home-q", "第三条 从业人员")
    assert urls(result)[0] == page_url(base, "regulations/work-safety-law/#art-3")
    assert result["hits"][0]["title"] == "中华人民共和国安全生产法 · 第三条"
    tab.press("#home-q", "ArrowDown")
    with tab.expect_navigation():
        tab.press("#home-q", "Enter")
    assert tab.url.endswith(page_url(base, "regulations/work-safety-law/#art-3"))
    assert tab.evaluate("document.getElementById('art-3') !== null")


def test_english_stemming_and_prefix_while_typing(tab, base):
    tab.goto(base + "en/guide/deep/index.html")
    result = search(tab, "#q", "falls")
    assert urls(result) == ["../../" + page_url(base, "articles/working-at-height/")]
    assert result["status"] == "1 result"
    assert result["hits"][0]["kind"] == "Method"
    assert "fall" in result["hits"][0]["marked"]
    assert urls(search(tab, "#q", "falling")) == urls(result)
    assert urls(search(tab, "#q", "scaff"))[0] == "../../" + page_url(base, "articles/scaffold/")
    assert urls(search(tab, "#q", "constructor"))[0] == "../../" + page_url(base, "articles/constructor/")
    assert urls(search(tab, "#q", "tostring hasownproperty")) == ["../../" + page_url(base, "articles/constructor/")]
    assert tab.console_errors == []
    # a word that matches nothing does not empty the list: what matches some of the words is shown
    assert urls(search(tab, "#q", "scaffold tunnel")) == ["../../" + page_url(base, "articles/scaffold/")]
    none = search(tab, "#q", "tunnel quarry")
    assert none["hits"] == [] and none["status"] == "No results. Try fewer or different words."


def test_two_boxes_on_one_page(tab, base):
    tab.goto(base + "index.html")
    header = search(tab, "#header-q", "应急")
    home = search(tab, "#home-q", "坠落")
    assert header["hits"] and home["hits"]
    assert {h["id"] for h in header["hits"]}.isdisjoint(h["id"] for h in home["hits"])
    controls = tab.eval_on_selector_all("input[data-portal-search]",
                                        "els => els.map(e => e.getAttribute('aria-controls'))")
    assert len(set(controls)) == 2 and all(tab.locator(f"#{c}").count() == 1 for c in controls)
    # The header box has no <label>: the script names it; the home box keeps its label.
    assert tab.get_attribute("#header-q", "aria-label") == "搜索门户"
    assert tab.get_attribute("#home-q", "aria-label") is None
    assert tab.get_by_label("搜索法规和案例").count() == 1


def test_keyboard_and_aria(tab, base):
    tab.goto(base + "index.html")
    box = "#home-q"
    assert tab.get_attribute(box, "role") == "combobox"
    assert tab.get_attribute(box, "aria-expanded") == "false"
    result = search(tab, box, "安全生产")
    assert len(result["hits"]) >= 3
    assert tab.get_attribute(box, "aria-expanded") == "true"
    listbox = tab.get_attribute(box, "aria-controls")
    assert tab.get_attribute(f"#{listbox}", "role") == "listbox"
    tab.press(box, "ArrowDown")
    tab.press(box, "ArrowDown")
    active = tab.get_attribute(box, "aria-activedescendant")
    assert active == result["hits"][1]["id"]
    assert tab.get_attribute(f"#{active}", "aria-selected") == "true"
    tab.press(box, "ArrowUp")
    assert tab.get_attribute(box, "aria-activedescendant") == result["hits"][0]["id"]
    tab.press(box, "Escape")
    assert tab.get_attribute(box, "aria-expanded") == "false"
    assert tab.get_attribute(box, "aria-activedescendant") is None
    assert not tab.is_visible(f"{box} + .portal-search-panel")
    tab.press(box, "Escape")
    assert tab.input_value(box) == ""
    none = search(tab, box, "潜水艇 宇航员")
    assert none["hits"] == [] and none["status"].startswith("无结果") and "减少关键词" in none["status"]


def test_hostile_title_is_shown_as_text(tab, base):
    dialogs = []
    tab.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    tab.goto(base + "index.html")
    result = search(tab, "#home-q", "防护用品")
    assert result["hits"][0]["title"] == HOSTILE
    assert "{{ 7*7 }}" in result["hits"][0]["snippet"] and "49" not in result["hits"][0]["snippet"]
    panel = "#home-q + .portal-search-panel"
    assert tab.eval_on_selector(panel, "p => p.querySelectorAll('script, img').length") == 0
    assert tab.evaluate("window.pwned === undefined") and dialogs == []
    assert result["hits"][0]["kind"] == "页面"


def test_query_api_for_other_scripts(tab, base):
    """PortalSearch.query (the results page's API): ranked results with links and marked HTML; a document's facet
    values come from the facet rows (facetRows), never with the document."""
    tab.goto(base + "index.html")
    answer = tab.evaluate("PortalSearch.query('安全生产许可证', {limit: 5})")
    assert answer["total"] == 2 and not answer["zeroResult"]
    first, second = answer["results"]
    assert first["url"] == "regulations/permit/" and first["href"] == "./" + page_url(base, "regulations/permit/")
    assert "fields" not in first and "fields" not in second
    assert second["badge"] == "已废止" and first["score"] > second["score"]
    assert first["kind"] == "regulations" and first["kindLabel"] == search_labels("zh")["regulations"]
    assert "<mark>安全生产许可证</mark>" in first["titleHtml"] and "<mark>" in first["snippet"]
    paged = tab.evaluate("PortalSearch.query('安全生产许可证', {limit: 1, offset: 1})")
    assert [r["url"] for r in paged["results"]] == ["regulations/permit-old/"]
    hostile = tab.evaluate("PortalSearch.query('防护用品')")["results"][0]
    assert "<script>" not in hostile["titleHtml"] and "&lt;script&gt;" in hostile["titleHtml"]
    assert tab.evaluate("PortalSearch.query('没有这种词语')")["zeroResult"] is True


def test_synonyms_citations_sound_and_word_highlights(tab, base):
    """受限空间 finds 有限空间; a cited article ranks first however it is written; a same-sound typo or pinyin finds the
    title; 有限空间 is marked as a word, never 有限 inside 有限公司."""
    tab.goto(base + "index.html")
    first = lambda query: tab.evaluate("q => PortalSearch.query(q, {limit: 3})", query)["results"]
    assert first("受限空间")[0]["url"] == "regulations/confined/"
    for query in ("有限空间作业安全规定第二十一条", "有限空间作业安全规定第21条", "《有限空间作业安全规定》第21条",
                  "有限空间作业安全规定 21条", "confined space art. 21"):
        assert first(query)[0]["url"] == "regulations/confined/#art-21", query
    for query in ("有线空间", "youxian kongjian", "youxiankongjian"):
        assert first(query)[0]["url"].startswith("regulations/confined/"), query
    hits = first("有限空间")
    assert [h["url"] for h in hits][:2] == ["regulations/confined/", "regulations/confined/#art-21"]
    assert all("cases/company/" != h["url"] for h in hits), "有限公司 + 空间 is not 有限空间"
    shown = search(tab, "#home-q", "有限空间")
    assert all(mark == "有限空间" for hit in shown["hits"] for mark in hit["marked"]), shown["hits"]
    # a word that matches nothing leaves the others' matches; a kind word ranks that kind first, it is not required
    assert first("有限公司 潜水艇")[0]["url"] == "cases/company/"
    assert first("仓库 案例")[0]["url"] == "cases/company/"


def test_typed_prefix_counts_once(tab, base):
    """A word being typed matches as a prefix or as the whole word, whichever is better: never both added up (fire is
    a whole title word and the prefix of fireworks here)."""
    tab.goto(base + "en/guide/deep/index.html")
    score = lambda query: {r["url"]: r["score"] for r in tab.evaluate("q => PortalSearch.query(q)", query)["results"]}
    doc = "articles/fireworks/"
    whole, prefix = score("fire ")[doc], score("firew")[doc]  # the whole word only; a prefix only (same df: 1)
    assert whole > 0 and prefix > 0
    assert score("fire")[doc] == pytest.approx(max(whole, prefix))


def test_no_request_leaves_the_site_and_no_policy_violation(tab, base):
    tab.goto(base + "index.html")
    search(tab, "#home-q", "安全生产")
    search(tab, "#header-q", "GB 6441-1986")
    loaded = tab.evaluate("PortalSearch.loaded()")
    assert loaded and all(url.startswith(base) for url in loaded)
    assert all(url.startswith(base) for url in tab.requested), tab.requested
    assert tab.console_errors == [] and tab.violations == []


def test_only_the_needed_shards_are_loaded(tab, base, site):
    tab.goto(base + "index.html")
    search(tab, "#home-q", "坠落")
    loaded = [url.rsplit("/", 1)[1] for url in tab.evaluate("PortalSearch.loaded()")]
    assert loaded[0] == "manifest.js"
    # the words file is fetched when a box gets the focus (a query typed without spaces)
    needed = [name for name in loaded[1:] if name not in ("w0.js", "p0.js")]
    assert all(name.startswith(("t", "s", "d", "v")) for name in needed) and len(needed) <= 4
    # the vocabulary: only the file of the query's one pair of characters (the manifest holds none of it)
    assert len([name for name in needed if name.startswith("v")]) == 1
    assert len(loaded) - len(needed) <= 3


def test_javascript_tokeniser_matches_python(tab, base):
    tab.goto(base + "index.html")
    samples = ["高处坠落事故", "ＧＢ　６４４１—１９８６", "Falls from the Scaffold, injuries; caresses ponies",
               "主席令第八十八号", "国务院令第四百九十三号", "café Über straße", "第三条 从业人员", "x2y3z 12ab"]
    words = ["falls", "falling", "injuries", "hopping", "agreed", "happy", "sky", "conflated", "sized", "filing"]
    js = tab.evaluate("""([samples, words]) => { const t = PortalSearch._internals;
        return {normalize: samples.map(t.normalize), runs: samples.map((s) => t.runs(t.normalize(s))),
                compact: samples.map(t.compact), fnv: samples.map(t.fnv1a), stem: words.map(t.stem),
                title: samples.map((s) => t.textTokens(s, true)),
                body: samples.map((s) => t.textTokens(s, false))}; }""",
                      [samples, words])
    assert js["normalize"] == [normalize(s) for s in samples]
    assert js["runs"] == [[list(r) for r in runs(normalize(s))] for s in samples]
    assert js["compact"] == [compact(s) for s in samples]
    assert js["fnv"] == [fnv1a(s) for s in samples]
    assert js["stem"] == [stem(w) for w in words]
    assert js["title"] == [text_tokens(s, title=True, words=False) for s in samples]
    assert js["body"] == [text_tokens(s, words=False) for s in samples]


def test_open_results_panel_has_no_serious_accessibility_violation(browser, base):
    from ui_helpers import serious_violations  # axe-core from npm, pinned and integrity-checked

    context = browser.new_context(bypass_csp=True)  # axe is injected as an inline script
    try:
        tab = context.new_page()
        tab.goto(base + "index.html")
        search(tab, "#header-q", "安全生产")
        tab.press("#header-q", "ArrowDown")
        assert tab.get_attribute("#header-q", "aria-activedescendant")
        assert serious_violations(tab) == []
    finally:
        context.close()


def test_missing_index_says_so(tab, base, site):
    (site / "broken").mkdir(exist_ok=True)
    (site / "broken" / "index.html").write_text(DEEP.format(lang="zh-CN", up="../", root="./"), encoding="utf-8")
    tab.goto(base + "broken/index.html")
    tab.fill("#q", "坠落")
    tab.wait_for_function("() => document.querySelector('.portal-search-status').textContent === '搜索索引无法加载。'")
    tab.console_errors.clear()  # the failed load is reported on the console on purpose


class StaleManifestHandler(CSPHandler):
    """Lets browsers cache manifest.js for an hour (a misconfigured server); everything else is revalidated."""

    def cache_control(self) -> str:
        return "max-age=3600" if self.path.endswith("manifest.js") else "no-cache"


def test_stale_cached_manifest_after_a_rebuild(browser, tmp_path):
    """A manifest of an earlier build from the http cache points at shards that are gone: the script fetches the
    current manifest once (cache-busting query) and answers from the new build."""
    (tmp_path / "assets").mkdir()
    for name in ("portal-search.js", "portal-search.css"):
        shutil.copy(STATIC_DIR / name, tmp_path / "assets" / name)
    write_words(tmp_path / "assets")
    (tmp_path / "index.html").write_text(HOME, encoding="utf-8")
    write_search_index(ZH_DOCS, "zh", tmp_path, kind_labels=search_labels("zh"))
    with served_folder(tmp_path, StaleManifestHandler) as base_url:
        context = browser.new_context()
        try:
            tab = context.new_page()
            address = base_url + "index.html"
            tab.goto(address)
            assert search(tab, "#home-q", "坠落")["hits"]
            extra = SearchDoc(url="cases/new/", title="新增的透水事故", kind="cases", text="测试文本：巷道透水。")
            write_search_index(ZH_DOCS + [extra], "zh", tmp_path, kind_labels=search_labels("zh"))
            tab.goto(address)
            assert urls(search(tab, "#home-q", "透水")) == ["cases/new/"]
            manifests = [url for url in tab.evaluate("PortalSearch.loaded()") if "manifest.js" in url]
            assert len(manifests) == 2 and "?r=" in manifests[1], manifests
        finally:
            context.close()
