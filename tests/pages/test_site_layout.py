# The site layout: language roots, page URLs per variant, the counterpart page; nothing else spells "en/".
"""portal/site_layout.py is the one place that knows that English lives under en/ and how URLs differ per variant."""
from __future__ import annotations

import re
from pathlib import Path

from portal import site_layout as layout
from portal.settings import REPO_ROOT

# Spelling the English folder outside the layout module: "en/", '/en/', / "en", ('../' if ... 'en' ...).
EN_FOLDER = re.compile(r"""["'](?:\.\./|/)?en/["']|(?<!["'] )/\s*["']en["']|["']\.\./["']\s+if\b""")
CHECKED = sorted([*(REPO_ROOT / "portal").rglob("*.py"), *(REPO_ROOT / "portal" / "templates").glob("*.html"),
                  *(REPO_ROOT / "overrides").rglob("*.html"), *(REPO_ROOT / "overrides" / "assets").glob("*.js")])


def test_page_urls_per_variant():
    assert layout.page_url("cases/x.md", True) == "cases/x/" and layout.page_url("cases/x.md", False) == "cases/x.html"
    assert layout.page_url("index.md", True) == "" and layout.page_url("index.md", False) == "index.html"
    assert layout.page_url("cases/index.md", False) == "cases/index.html"
    assert layout.output_file("cases/x/") == "cases/x/index.html" and layout.output_file("") == "index.html"
    assert layout.output_file("cases/x.html") == "cases/x.html"


def test_language_roots_and_paths():
    assert layout.lang_prefix("zh") == "" and layout.lang_prefix("en") == "en/"
    assert layout.lang_dir(Path("site"), "zh") == Path("site") and layout.lang_dir(Path("site"), "en") == Path("site/en")
    assert layout.root_to_root("zh") == "en/" and layout.root_to_root("en") == "../"
    assert layout.site_path("en", "contacts/x/") == "en/contacts/x/" and layout.home_file("en") == "en/index.html"
    assert layout.lang_site_url("http://h/s/", "en") == "http://h/s/en/" and layout.lang_site_url("", "en") == ""
    assert layout.absolute_url("http://h/s/", "zh", "cases/x/") == "http://h/s/cases/x/"
    assert layout.theme_layout("en")["roots"] == {"zh": "../", "en": ""}
    assert layout.theme_layout("zh")["roots"] == {"zh": "", "en": "en/"}


def test_counterpart_per_variant():
    assert layout.counterpart("../..", "zh", "cases/x/", True) == "../../en/cases/x/"
    assert layout.counterpart("../..", "en", "cases/x/", True) == "../../../cases/x/"
    assert layout.counterpart(".", "zh", "", True) == "./en/"
    assert layout.counterpart(".", "zh", "", False) == "./en/index.html"
    assert layout.counterpart("..", "en", "cases/x.html", False) == "../../cases/x.html"


def test_nothing_else_spells_the_english_folder():
    found = {path.relative_to(REPO_ROOT).as_posix(): EN_FOLDER.findall(path.read_text(encoding="utf-8"))
             for path in CHECKED if path.name != "site_layout.py"}
    assert {name: hits for name, hits in found.items() if hits} == {}
    # The check sees the spellings the layout module replaced.
    assert EN_FOLDER.findall('''target = f"{root}/en/{url}" ... ("en/" if lang == "en" else "") ... out / "en"''')
    assert EN_FOLDER.findall('''{{ '../' if config.theme.language == 'en' else '' }}''')


def test_links_remembered_across_pages_are_those_of_each_page():
    """PageContext.link remembers a link for the pages of a folder (cases/a/, cases/b/ link cases/by-year/2020/
    alike): every page, in any order, gets the link relative_url gives it, also when the target is inside its folder."""
    from portal.pages.context import PageContext

    srcs = ["index.md", "cases/index.md", "cases/a.md", "cases/b.md", "cases/by-year/2020.md", "cases/by-year/index.md",
            "cases/a/2019.md", "cases/a/x/y.md", "topics/fire.md", "regulations/r.md#art-3", "cases/b.md#lessons",
            "quiz.md#q1", "casesx/a.md", "cases/ab.md"]
    for directory_urls in (True, False):
        shared = PageContext("zh", None, None, "")
        object.__setattr__(shared, "settings", type("S", (), {"use_directory_urls": directory_urls})())
        for page in srcs[::-1] + srcs:
            page_url = layout.page_url(page.partition("#")[0], directory_urls)
            ctx = shared.at(page_url)
            for src in srcs:
                path, _, fragment = src.partition("#")
                expected = layout.linkable(layout.relative_url(layout.page_url(path, directory_urls), page_url),
                                           directory_urls) + (f"#{fragment}" if fragment else "")
                assert ctx.link(src) == expected, (page_url, src)
