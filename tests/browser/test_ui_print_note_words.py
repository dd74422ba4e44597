# Print pages: the note after a QR code's address keeps its words whole ("portal's a / ddress" was split on the card).
"""The card page and a case page printed as its poster in Chromium (English, where the note has spaces between words): the address under the QR
code may wrap anywhere, but `word-break: break-all` on it also split the note's own words across lines
("(path under the portal's a" / "ddress)"). Each word of the note must lie on one line."""
from __future__ import annotations

import pytest

from ui_helpers import directory_pages, first_record

SPLIT_WORDS = """() => {
  const span = document.querySelector('.portal-print-url');
  const node = [...span.childNodes].find(n => n.nodeType === 3);
  const text = node.textContent, split = [];
  for (const match of text.matchAll(/[A-Za-z']{3,}/g)) {
    const range = document.createRange();
    range.setStart(node, match.index); range.setEnd(node, match.index + match[0].length);
    const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
    if (tops.size > 1) split.push(match[0]);
  }
  return {text, split};
}"""


@pytest.mark.parametrize("what", ["card", "poster"])
def test_words_of_the_address_note_stay_whole(open_page, page, web_site, what):
    if what == "card":
        page = open_page(1366, 768)
        path = directory_pages(web_site.root)[0] + "card/"
        page.goto(web_site.url + "en/" + path)
    else:  # a case page printed as its poster over file:// (over http the code is the address the page is read at)
        path = first_record(web_site.root, "cases")
        page.goto((web_site.root / "en" / path / "index.html").as_uri())
        page.emulate_media(media="print")
        page.wait_for_selector(".portal-poster .portal-print-url", state="attached", timeout=5000)
    found = page.evaluate(SPLIT_WORDS)
    assert "(" in found["text"], f"this check needs a build without BASE_URL (the note is shown): {found}"
    assert found["split"] == [], f"en/{path}: words split across lines: {found}"
