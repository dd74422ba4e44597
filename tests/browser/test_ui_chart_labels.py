# Item: statistics chart labels are drawn whole inside their SVG (long English labels wrap instead of being cut off).
"""Every <text> of every statistics chart lies inside its SVG, in both languages, on a laptop and on a phone."""
from __future__ import annotations

import pytest

OUTSIDE = """() => [...document.querySelectorAll('.portal-chart svg')].flatMap(svg => {
  const box = svg.getBoundingClientRect();
  return [...svg.querySelectorAll('text')].filter(text => {
    const r = text.getBoundingClientRect();
    return r.left < box.left - 0.5 || r.right > box.right + 0.5 || r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5;
  }).map(text => `${svg.closest('section').id}: ${text.textContent}`);
})"""

OVERLAPPING = """() => [...document.querySelectorAll('.portal-chart svg')].flatMap(svg => {
  const labels = [...svg.querySelectorAll('text[text-anchor=end]')].map(t => ({t: t.textContent, r: t.getBoundingClientRect()}));
  const clashes = [];
  for (let i = 1; i < labels.length; i += 1) if (labels[i].r.top < labels[i - 1].r.bottom - 1) clashes.push(labels[i - 1].t + ' / ' + labels[i].t);
  return clashes;
})"""


@pytest.mark.parametrize("width, height", [(1366, 768), (390, 844)], ids=["1366", "390"])
@pytest.mark.parametrize("lang", ["", "en/"], ids=["zh", "en"])
def test_chart_labels_lie_inside_the_chart(open_page, web_site, lang, width, height):
    page = open_page(width, height)
    page.goto(web_site.url + lang + "stats/")
    assert page.locator(".portal-chart svg text").count() > 0
    assert page.evaluate(OUTSIDE) == []
    assert page.evaluate(OVERLAPPING) == []  # wrapped labels do not run into the next row
