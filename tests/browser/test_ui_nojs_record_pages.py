# Record pages with JavaScript off (their header is written by a script): the language menu stays usable on screen.
"""Browser tests (regression walk): a record page's top — the header, its buttons and titles — is written by the
shared page script (portal/build/fill.py, assets/portal-page.js). With JavaScript off only the language menu is in the
HTML, alone at the top of the body; its list opens leftwards from the icon (portal.css), so the icon must sit at the
right edge or "中文"/"English" start left of the window and cannot be read or clicked."""
from __future__ import annotations

import pytest

CASE = "cases/chengdu-jinjiang-sump-poisoning-2024/"


@pytest.mark.parametrize("lang", ["", "en/"], ids=["zh", "en"])
@pytest.mark.parametrize("width,height", [(1366, 768), (390, 844)])
def test_language_menu_inside_the_window_without_javascript(web_site, browser, lang, width, height):
    context = browser.new_context(java_script_enabled=False, viewport={"width": width, "height": height})
    try:
        page = context.new_page()
        page.goto(web_site.url + lang + CASE)
        assert page.locator("article h1").first.is_visible()  # the content is there without the script
        page.locator(".md-header__option .md-select > button").first.focus()  # keyboard: :focus-within opens the list
        for link in page.locator(".md-select__list .md-select__link").all():
            box = link.bounding_box()
            assert box and link.is_visible(), link.inner_text()
            assert box["x"] >= 0 and box["x"] + box["width"] <= width, (link.inner_text(), box)
        other = page.locator("a.portal-lang-switch").first
        other.click()
        assert page.url.endswith(("en/" if not lang else "") + CASE)
    finally:
        context.close()
