# The mkdocs engine's widget markers: each replaced by its widget's HTML as Python-Markdown would have left it.
from __future__ import annotations

import pytest

from portal.engine.contract import EngineError
from portal.engine.mkdocs_engine import fill_widgets, widget_marker


def test_markers_become_the_widgets_html_without_its_trailing_newlines(tmp_path):
    page = tmp_path / "index.html"
    page.write_text(f"<p>a</p>\n\n{widget_marker('glossary')}\n\n<h2>b</h2>\n{widget_marker('empty')}\n\n<p>c</p>",
                    encoding="utf-8")
    fill_widgets(page, {"glossary": "<dl><dt>{{ 7*7 }}</dt></dl>\n\n", "empty": ""})
    assert page.read_text(encoding="utf-8") == "<p>a</p>\n\n<dl><dt>{{ 7*7 }}</dt></dl>\n\n<h2>b</h2>\n<p>c</p>"


def test_a_marker_mkdocs_did_not_pass_through_fails_the_build(tmp_path):
    page = tmp_path / "index.html"
    page.write_text("<p>&lt;!--portal-widget:glossary--&gt;</p>", encoding="utf-8")
    with pytest.raises(EngineError, match="glossary"):
        fill_widgets(page, {"glossary": "<dl></dl>"})
