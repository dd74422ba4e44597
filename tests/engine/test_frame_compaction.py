# The frame's white space is compacted without changing what the page shows or what its scripts read.
"""`compact` drops the theme template's indentation and blank lines (every generated page carries them) but keeps
<pre>, <textarea>, <script> and <style> verbatim and the theme's JSON configuration equal in value (less the theme's
search words, which nothing reads)."""
from __future__ import annotations

import json
import re

import pytest

from portal.engine.frames import compact

PAGE = """<!doctype html>
<html>
  <head>
    <style>
      p  {  color: red }
    </style>
  </head>
  <body>
    <span>a</span>
        <span>b</span>
    <pre>
  keep   this
    indentation
</pre>
    <textarea>
  typed
    text</textarea>
    <script>
      var x = "  two  spaces";
    </script>
    <script id="__config" type="application/json">{"translations": {"clipboard.copy": "\\u590d\\u5236</b>", "search.result.none": "\\u6ca1\\u6709"}}</script>
  </body>
</html>
"""


def test_verbatim_elements_are_kept():
    out = compact(PAGE)
    for element in ("pre", "textarea", "style"):
        assert re.search(rf"<{element}\b.*?</{element}>", PAGE, re.S).group(0) in out
    assert '<script>\n      var x = "  two  spaces";\n    </script>' in out


def test_indentation_and_blank_lines_go_but_words_stay_apart():
    out = compact(PAGE)
    assert "<span>a</span>\n<span>b</span>" in out  # white space between inline elements remains (as one break)
    assert "\n  <head>" not in out and "\n\n" not in out
    assert len(out) < len(PAGE)


def test_theme_configuration_keeps_its_value_but_the_theme_search_words():
    out = compact(PAGE)
    text = re.search(r'<script id="__config" type="application/json">(.*?)</script>', out, re.S).group(1)
    # the theme's own search is never set up (the portal has its own): its words are left out, every other value kept
    assert json.loads(text) == {"translations": {"clipboard.copy": "复制</b>"}}
    assert "</b>" not in text  # cannot close the script element early


@pytest.mark.shipped_data
def test_built_pages_carry_no_template_indentation(shipped_site):
    site, _report = shipped_site
    page = (site / "cases" / "index.html").read_text(encoding="utf-8")
    outside = re.sub(r"<(pre|textarea|script|style)\b.*?</\1>", "", page, flags=re.S)
    head, _, _ = outside.partition('<article')
    assert not re.search(r"\n[ \t]+<", head), "the frame before the content still has indented lines"


def test_contents_are_written_as_entries_that_read_back_whole():
    from html.parser import HTMLParser

    from portal.engine.frames import toc_html

    tokens = [{"id": "summary", "name": "A &amp; B&#x27;s \"x\"", "children": [{"id": "art-3", "name": "第三条"}]},
              {"id": "sources", "name": "来源"}]
    attributes = []

    class Reader(HTMLParser):
        def handle_starttag(self, tag, attrs):
            attributes.append(dict(attrs))

    Reader().feed(toc_html(tokens, "目录"))
    assert attributes[0]["aria-label"] == "目录"
    assert json.loads(attributes[0]["data-portal-toc"]) == [
        ["summary", "A &amp; B&#x27;s \"x\"", [["art-3", "第三条"]]], ["sources", "来源"]]
    assert "data-portal-toc" not in toc_html([], "目录")


def test_the_menu_list_is_given_out_whole_and_a_script_stands_in_its_place():
    from portal.engine.frames import take_menu

    menu = ('<ul class="md-nav__list" data-md-scrollfix><li class="md-nav__item"><a href="../..">首页</a></li>'
            '<li class="md-nav__item"><nav class="md-nav"><ul class="md-nav__list"><li>inner</li></ul></nav></li></ul>')
    parts = ("<html><body>", f'<nav class="md-nav md-nav--primary" aria-label="x"><label>t</label>{menu}</nav>'
             '<ul class="md-nav__list"><li>toc</li></ul>', "</body></html>")
    seen = []
    taken = take_menu(parts, lambda html: seen.append(html) or "../../assets/portal-menu.abc.js")
    assert taken is not None
    new_parts, given = taken
    assert given == menu == seen[0]
    assert new_parts[1] == ('<nav class="md-nav md-nav--primary" aria-label="x"><label>t</label>'
                            '<script src="../../assets/portal-menu.abc.js"></script></nav>'
                            '<ul class="md-nav__list"><li>toc</li></ul>')
    assert new_parts[0] == parts[0] and new_parts[2] == parts[2]
    assert take_menu(("<html>no menu</html>",), lambda html: "x.js") is None


def test_the_primary_sidebar_is_given_out_whole_where_the_theme_has_one():
    from portal.engine.frames import take_menu

    sidebar = ('<div class="md-sidebar md-sidebar--primary" data-md-type="navigation"><div class="md-sidebar__inner">'
               '<nav class="md-nav md-nav--primary" aria-label="x"><label>t</label><ul class="md-nav__list">'
               '<li><div>inner</div></li></ul></nav></div></div>')
    parts = ('<div class="md-main__inner">' + sidebar + '<div class="md-sidebar md-sidebar--secondary">toc</div>', "</x>")
    new_parts, given = take_menu(parts, lambda html: "m.js")
    assert given == sidebar
    assert new_parts == ('<div class="md-main__inner"><script src="m.js"></script>'
                         '<div class="md-sidebar md-sidebar--secondary">toc</div>', "</x>")


def test_block_gaps_go_inline_gaps_stay_and_theme_icons_become_masks():
    page = ('<body>\n<div>\n<span>a</span>\n<span>b</span>\n</div>\n<script>x=1</script>\n<p>t</p>\n'
            '<label><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M3 6h18v2H3zm0 5h18v2H3zm0 5h18v2H3z"/>'
            '</svg></label><meta name="generator" content="mkdocs">\n</body>')
    out = compact(page)
    assert out == ('<body><div><span>a</span>\n<span>b</span></div><script>x=1</script><p>t</p>'
                   '<label><span class="portal-icon portal-icon-menu"></span></label></body>')


def test_the_theme_scripts_are_run_and_written_by_one_shared_script():
    from portal.engine.frames import take_scripts

    parts = ('<head><script>__md_scope=1</script></head><body>', '<script>var target=2</script></div>'
             '<div class="md-dialog" data-md-component="dialog"></div>'
             '<script id="__config" type="application/json">{"base":"../.."}</script>'
             '<script src="../../assets/bundle.js"></script><script src="../../assets/s.js" data-x="1"></script></body>')
    seen = []
    new_parts, code = take_scripts(parts, lambda text: seen.append(text) or "../../assets/portal-page.abc.js")
    assert new_parts == ("<head></head><body>", '</div><script src="../../assets/portal-page.abc.js"></script></body>')
    assert code == seen[0]
    assert code.startswith("__md_scope=1;\nvar target=2;\ndocument.write(")
    written = json.loads(code[code.index("document.write(") + len("document.write("):code.rindex(");")])
    assert written == parts[1][parts[1].index('<div class="md-dialog"'):parts[1].index("</body>")]
    # what it would write must not hold an inline script to run (the CSP allows the pages' own by their hashes)
    assert take_scripts(("<body>", '<div class="md-dialog"></div><script>alert(1)</script></body>'),
                        lambda text: "x.js") is None


def test_stylesheet_links_become_one():
    from portal.engine.frames import take_stylesheets

    parts = ('<head><title>', '</title><link rel="stylesheet" href="../a.css">\n<link rel="stylesheet" href="../b.css">'
             '</head>')
    seen = []
    new_parts = take_stylesheets(parts, lambda hrefs: seen.append(hrefs) or "../all.css")
    assert seen == [("../a.css", "../b.css")]
    assert new_parts == ("<head><title>", '</title><link rel="stylesheet" href="../all.css"></head>')


def test_the_top_of_the_page_is_written_by_a_shared_script_that_takes_the_title_from_the_document():
    from portal.engine.frames import take_header

    parts = ("<head><title>", " - 门户</title></head><body class=\"b\"><input class=\"md-toggle\" id=\"__drawer\">"
             "<header><nav class=\"md-header__inner md-grid\" aria-label=\"x\">"
             "<a class=\"md-logo\"></a><div data-md-component=\"header-topic\"><span class=\"md-ellipsis\">",
             "</span></div><div class=\"md-header__option\"><div class=\"md-select\"><a href=\"",
             "\" class=\"portal-lang-switch\">English</a></div></div></nav></header>", "</body>")
    slots = ("title", "title", "language_switch", "content")
    seen = []
    new_parts, new_slots, code = take_header(parts, slots, lambda text: seen.append(text) or "h.js")
    assert new_slots == ("title", "language_switch", "content")
    assert new_parts[1] == (' - 门户</title></head><body class="b"><script src="h.js"></script>'
                            '<div class="md-header__option"><div class="md-select"><a href="')
    assert new_parts[0] == parts[0] and new_parts[2:] == parts[3:]
    assert code == seen[0] and '" - 门户"' in code and "document.title" in code and "textContent = title" in code
    written = json.loads(code[code.index("document.write(") + len("document.write("):code.index(");\n")])
    assert written == ('<input class="md-toggle" id="__drawer"><header><nav class="md-header__inner md-grid" '
                       'aria-label="x"><a class="md-logo"></a><div data-md-component="header-topic">'
                       '<span class="md-ellipsis"></span></div>')
    # the kiosk's pages keep the toggles in the page: only the header's contents are written
    kiosk_parts, _, kiosk_code = take_header(parts, slots, lambda text: "h.js", from_body=False)
    assert kiosk_parts[1].endswith('aria-label="x"><script src="h.js"></script><div class="md-header__option">'
                                   '<div class="md-select"><a href="')
    assert "md-toggle" not in kiosk_code
    # a header holding another slot than the title, or no known header, stays as it is
    assert take_header(parts, ("title", "url", "language_switch", "content"), lambda text: "h.js") is None
    assert take_header(("<html>",), (), lambda text: "h.js") is None


def test_the_menu_script_writes_the_container_openings_around_the_sidebar_up_to_the_contents():
    from portal.engine.frames import take_menu

    sidebar = ('<div class="md-sidebar md-sidebar--primary"><nav class="md-nav md-nav--primary" aria-label="x">'
               '<ul class="md-nav__list"><li>a</li></ul></nav></div>')
    opened = '<div class="md-container" data-md-component="container"><main class="md-main"><div class="md-main__inner">'
    toc_open = '<div class="md-sidebar md-sidebar--secondary"><div class="md-sidebar__inner">'
    parts = ("<header></header>" + opened + sidebar + toc_open, "</div></div><article>", "</article>")
    new_parts, given = take_menu(parts, lambda html: "m.js")
    assert given == opened + sidebar + toc_open
    assert new_parts == ('<header></header><script src="m.js"></script>', "</div></div><article>", "</article>")
