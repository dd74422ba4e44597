# Built-site checks of list pages at a synthetic size: each page holds at most one page of rows, stays under the size
# bound, and every record page is linked from some list page or row file (scripts/gen_synthetic.py data).
"""List pages at any size (issue 21 item 1), checked on the web and offline builds of synthetic data."""
from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote, urljoin

import pytest

from portal.pages.lists import PAGE_SIZE, ROWS_DIR, ROWS_PER_FILE

SIZE_BOUND = 300_000  # bytes of HTML a list or facet page may have, whatever the number of records
ROW = re.compile(r'<tr data-id="([^"]+)"')
HREF = re.compile(r'href="([^"#?]+)')
REGISTERED = re.compile(r"\.q\.push\(\[(\"[^\"]+\"),(\d+),(.*)\]\);\s*$", re.S)


def list_pages(site: Path) -> list[Path]:
    """Every page that shows a record table (kind lists, their later pages, facet and topic pages)."""
    return [path for path in site.rglob("*.html") if 'class="portal-records"' in path.read_text(encoding="utf-8")
            and ("/by-" in path.as_posix() or "/topics/" in path.as_posix() or "/page/" in path.as_posix()
                 or path.name == "index.html" and path.parent.name in ("cases", "regulations", "articles"))]


def record_pages(site: Path, data: Path, kind: str, directory_urls: bool) -> dict[str, Path]:
    return {yml.stem: (site / kind / yml.stem / "index.html" if directory_urls else site / kind / f"{yml.stem}.html")
            for yml in (data / kind).glob("*.yml")}


def row_file_paths(site: Path, kind: str) -> list[Path]:
    """The row files (<kind>/_rows/<i>.js), not the facets file beside them."""
    return [path for path in (site / kind / ROWS_DIR).glob("*.js") if path.stem.isdigit()]


def row_file_rows(site: Path, kind: str) -> list[list]:
    rows = []
    for path in sorted(row_file_paths(site, kind), key=lambda p: int(p.stem)):
        match = REGISTERED.search(path.read_text(encoding="utf-8"))
        assert match, f"{path} does not register its rows"
        assert json.loads(match.group(1)) == kind and int(match.group(2)) == int(path.stem)
        rows += json.loads(match.group(3))
    return rows


def linked_files(page: Path, hrefs: list[str]) -> set[Path]:
    """The files that links on `page` open (a link to a folder opens its index.html, as the web server does)."""
    base = page.as_uri()
    targets = (unquote(urljoin(base, href)[len("file://"):]) for href in hrefs)
    return {Path(target + "index.html" if target.endswith("/") else target).resolve() for target in targets}


@pytest.mark.parametrize("variant", ["web", "offline"])
def test_no_list_page_grows_with_the_data(synthetic_sites, variant):
    site, data = synthetic_sites[variant], synthetic_sites["data"]
    pages = list_pages(site)
    cases = len(list((data / "cases").glob("*.yml")))
    assert cases > 5 * PAGE_SIZE, "the synthetic set must span several pages for this test to mean anything"
    sizes = {page: page.stat().st_size for page in pages}
    largest = max(sizes, key=sizes.get)
    assert sizes[largest] < SIZE_BOUND, f"{largest} is {sizes[largest]} bytes"
    # the bound scales: no table holds more than one page of rows, so no page's size depends on the record count
    for page in pages:
        for table in page.read_text(encoding="utf-8").split('class="portal-records"')[1:]:
            assert len(ROW.findall(table.split("</table>", 1)[0])) <= PAGE_SIZE, page
    # the cases list's pages hold every case once, in page order
    index = site / "cases" / "index.html"
    def number(path: Path) -> str:
        return path.parent.name if path.name == "index.html" else path.stem

    # cases/page/2/ ... (the folder's own index page, cases/page/, lists these pages and is no page of the list)
    later = sorted((p for p in (site / "cases" / "page").rglob("*.html") if number(p).isdigit()), key=lambda p: int(number(p)))
    listed = [row for page in [index] + later for row in ROW.findall(page.read_text(encoding="utf-8"))]
    assert len(later) == -(-cases // PAGE_SIZE) - 1
    assert sorted(listed) == sorted(record_pages(site, data, "cases", variant == "web"))


@pytest.mark.parametrize("variant", ["web", "offline"])
def test_every_record_is_reachable_from_the_lists(synthetic_sites, variant):
    site, data = synthetic_sites[variant], synthetic_sites["data"]
    reached: set[Path] = set()
    for page in list_pages(site):
        reached |= linked_files(page, HREF.findall(page.read_text(encoding="utf-8")))
    for kind in ("cases", "regulations", "articles"):
        records = record_pages(site, data, kind, variant == "web")
        list_page = site / kind / "index.html"
        rows = row_file_rows(site, kind)
        assert len(rows) == len(records) and len({row[0] for row in rows}) == len(records)
        assert len(row_file_paths(site, kind)) == -(-len(records) // ROWS_PER_FILE)
        from_rows = linked_files(list_page, [row[1] for row in rows])
        for record_id, path in records.items():
            assert path.is_file(), path
            assert path.resolve() in reached, f"{record_id} is on no list page"
            assert path.resolve() in from_rows, f"{record_id}'s row file link misses its page"
