# The README's claim, proved: a seventh record kind is one module + one schema + one template (tests/kinds/toy/).
"""A toy kind (emergency drills) defined only in tests/kinds/toy/ and registered the documented way
(PORTAL_KIND_MODULES, read by the command line into Settings.kind_modules) validates, builds in both languages,
appears in the navigation, its lists and facet pages and the search index, and round-trips through its spreadsheet
template. Every step runs the real command line in its own process, so the kind is registered nowhere else."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from openpyxl import load_workbook

from portal_testing import MINIMAL, TODAY
from portal.settings import REPO_ROOT

TOY = Path(__file__).resolve().parent / "toy" / "drills.py"
EPOCH = str(int(__import__("datetime").datetime(TODAY.year, TODAY.month, TODAY.day, 12).timestamp()))
DRILLS = {
    "fire-drill-2025": "id: fire-drill-2025\ntitle: {zh: 仓库消防疏散演练, en: Warehouse fire evacuation drill}\n"
                       "date: 2025-05-12\nparticipants: 40\nobservers: 5\ntopics: [fire-safety]\n"
                       "summary: {zh: 全体员工三分钟内撤离到集合点。, en: Everyone reached the assembly point in three "
                       "minutes.}\nsources:\n  - {title: 演练记录, publisher: 测试安全科, kind: other, date: 2025-05-13}\n",
    "confined-space-2024": "id: confined-space-2024\ntitle: {zh: 有限空间救援演练}\ndate: 2024-11-02\n"
                           "participants: 12\n",
}


def portal(*args: str, data: str, check: bool = True) -> subprocess.CompletedProcess:
    """`python -m portal --data <data> <args>` with the toy kind named in PORTAL_KIND_MODULES."""
    env = dict(os.environ, PORTAL_KIND_MODULES=str(TOY), SOURCE_DATE_EPOCH=EPOCH)
    done = subprocess.run([sys.executable, "-m", "portal", "--data", data, *args], cwd=REPO_ROOT, env=env,
                          capture_output=True, text=True, timeout=600)
    if check:
        assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return done


def write_layer(folder: Path, records: dict[str, str]) -> Path:
    (folder / "drills").mkdir(parents=True)
    for record_id, text in records.items():
        (folder / "drills" / f"{record_id}.yml").write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def layers(tmp_path_factory) -> str:
    layer = write_layer(tmp_path_factory.mktemp("drills-layer"), DRILLS)
    return f"{MINIMAL}{os.pathsep}{layer}"


@pytest.fixture(scope="module")
def site(tmp_path_factory, layers) -> Path:
    out = tmp_path_factory.mktemp("toy-site") / "site"
    portal("build", "--out", str(out), data=layers)
    return out


def test_the_toy_kind_touches_no_other_file():
    """One module, one schema, one template: the portal's code and data say nothing about drills."""
    assert sorted(p.name for p in TOY.parent.iterdir() if p.is_file()) == ["drill.html", "drill.schema.json",
                                                                            "drills.py"]
    code = [p for folder in ("portal", "overrides", "data/schema") for p in (REPO_ROOT / folder).rglob("*")
            if p.is_file() and p.suffix in (".py", ".json", ".html", ".js", ".css")]
    for path in code + [REPO_ROOT / "mkdocs.yml", REPO_ROOT / "mkdocs.en.yml"]:
        assert "drill" not in path.read_text(encoding="utf-8", errors="replace").lower(), path


def test_validates_and_its_checks_run(layers, tmp_path):
    assert "drills 2" in portal("validate", data=layers).stdout
    bad = write_layer(tmp_path / "bad", {"late-drill": "id: late-drill\ntitle: {zh: 未来演练}\ndate: 2099-01-01\n"
                                                       "participants: 3\nobservers: 9\ntopics: [no-such-topic]\n",
                                         "broken": "id: broken\ntitle: {zh: 缺日期}\nparticipants: 0\n"})
    done = portal("validate", data=f"{MINIMAL}{os.pathsep}{bad}", check=False)
    assert done.returncode == 1
    out = done.stdout + done.stderr
    late = str(Path(bad, "drills", "late-drill.yml").relative_to(REPO_ROOT) if Path(bad).is_relative_to(REPO_ROOT)
               else Path(bad, "drills", "late-drill.yml"))
    assert re.search(re.escape(late) + r":3: date: .*2099-01-01 is after today", out), out
    assert re.search(re.escape(late) + r":5: observers: .*observers \(9\) exceed participants \(3\)", out), out
    assert re.search(re.escape(late) + r":6: topics\[0\]: .*no-such-topic", out), out
    assert re.search(r"broken\.yml:\d+: .*date", out), out          # the kind's schema: date is required
    assert re.search(r"broken\.yml:3: participants: ", out), out    # minimum 1


def test_builds_in_both_languages_with_nav_lists_and_facets(site):
    for root, title, nav, heading in ((site, "仓库消防疏散演练", "应急演练", "应急演练"),
                                      (site / "en", "Warehouse fire evacuation drill", "Drills", "Emergency drills")):
        page = (root / "drills" / "fire-drill-2025" / "index.html").read_text(encoding="utf-8")
        assert f"<h1>{title}</h1>" in page and 'data-kind="drills"' in page
        home = (root / "index.html").read_text(encoding="utf-8")
        assert re.search(r'href="drills/"[^>]*>\s*(<[^>]+>\s*)*' + nav, home), "no navigation entry"
        listing = (root / "drills" / "index.html").read_text(encoding="utf-8")
        assert f"<h1>{heading}</h1>" in listing
        assert 'data-id="fire-drill-2025"' in listing and 'data-id="confined-space-2024"' in listing
        facet = (root / "drills" / "by-year" / "2024" / "index.html").read_text(encoding="utf-8")
        assert 'data-id="confined-space-2024"' in facet and 'data-id="fire-drill-2025"' not in facet
    # a record in one language is shown on the other language's page with its original-language note
    english = (site / "en" / "drills" / "confined-space-2024" / "index.html").read_text(encoding="utf-8")
    assert "有限空间救援演练" in english and "portal-original-language" in english


def test_appears_in_search_with_its_label(site):
    for root, label, title in ((site, "演练", "仓库消防疏散演练"), (site / "en", "Drill", "Warehouse fire evacuation drill")):
        manifest = (root / "search-index" / "manifest.js").read_text(encoding="utf-8")
        payload = json.loads(manifest[manifest.index(",") + 1: manifest.rindex(")")])
        assert payload["kinds"]["drills"] == label
        shards = (root / "search-index" / payload["build"]).glob("d*.js")
        # a doc shard is [records, packed texts]: the records [title, url, kind, …] are plain JSON
        docs = [doc for shard in shards for doc in json.loads(shard.read_text(encoding="utf-8").split(",", 1)[1][:-3])[0]]
        assert [doc[1] for doc in docs if doc[2] == "drills" and doc[0] == title] == ["drills/fire-drill-2025/"]


def test_round_trips_through_its_spreadsheet(layers, tmp_path):
    template, export = tmp_path / "template.xlsx", tmp_path / "drills.xlsx"
    portal("template", "drills", str(template), data=layers)
    portal("export", "drills", str(export), data=layers)
    headers = [[cell.value for cell in next(load_workbook(path)["应急演练"].iter_rows(max_row=1))]
               for path in (template, export)]
    assert headers[0] == headers[1] and "*演练日期" in headers[0]
    into = tmp_path / "reimported" / "drills"
    portal("import", str(export), "--kind", "drills", "--into", str(into), data=str(MINIMAL))
    for record_id, text in DRILLS.items():
        assert yaml.safe_load((into / f"{record_id}.yml").read_text(encoding="utf-8")) == yaml.safe_load(text)
    assert "drills 2" in portal("validate", data=f"{MINIMAL}{os.pathsep}{into.parent}").stdout
