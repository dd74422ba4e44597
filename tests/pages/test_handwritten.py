# The hand-written pages' widgets: rendered per page by the pages step, an unknown widget named with its file.
"""portal/pages/handwritten.py: which widgets a page calls, their HTML for that page (links relative to it), and a
call of a widget that does not exist refused with the file's path."""
from __future__ import annotations

import pytest

from portal.build.pipeline import derive
from portal.pages.context import PageContext
from portal.pages.handwritten import WIDGETS, UnknownWidget, called_widgets, finish_html, render_widgets
from portal_testing import settings_for


@pytest.fixture(scope="module")
def ctx():
    settings = settings_for()
    return PageContext("zh", derive(settings)[0], settings, "")


def test_called_widgets_in_order_once():
    text = "{{ section_counts() }}\n{{- glossary( ) }} {{ section_counts() }} {{ page.title }}"
    assert called_widgets(text) == ["section_counts", "glossary"]


def test_widgets_are_rendered_for_the_page_that_calls_them(ctx, tmp_path):
    (tmp_path / "deep").mkdir()
    (tmp_path / "index.md").write_text("# Home\n\n{{ section_counts() }}\n", encoding="utf-8")
    (tmp_path / "deep" / "page.md").write_text("{{ section_counts() }}\n", encoding="utf-8")
    (tmp_path / "plain.md").write_text("# No widget\n", encoding="utf-8")
    rendered = render_widgets(ctx, tmp_path)
    assert set(rendered) == {"index.md", "deep/page.md"} and set(rendered["index.md"]) == {"section_counts"}
    assert 'href="regulations/"' in rendered["index.md"]["section_counts"]
    assert 'href="../../regulations/"' in rendered["deep/page.md"]["section_counts"]


def test_an_unknown_widget_is_refused_with_its_file(ctx, tmp_path):
    (tmp_path / "stats.md").write_text("{{ statistics() }} {{ statistcs() }}\n", encoding="utf-8")
    with pytest.raises(UnknownWidget, match=r"stats\.md: no widget named statistcs"):
        render_widgets(ctx, tmp_path)
    assert "statistics" in WIDGETS


def test_links_to_other_hosts_are_marked_external_and_the_kiosk_shows_them_as_qr_codes():
    page = '<p><a href="https://www.mem.gov.cn/">MEM</a> <a href="cases/">cases</a></p>'
    web = finish_html(page, "web", "zh")
    assert '<a class="portal-external" rel="external noopener noreferrer" href="https://www.mem.gov.cn/">' in web
    assert '<a href="cases/">' in web
    kiosk = finish_html(page, "kiosk", "zh")
    assert 'href="https://www.mem.gov.cn/"' not in kiosk and "<svg" in kiosk
