# The engine door: load, check, derive and every generated page render without mkdocs or material installed.
"""Only portal/engine/ may know the site engine. These tests prove it twice: by running the pipeline up to the
rendered pages in a Python where `import mkdocs` and `import material` fail, and by reading every import."""
from __future__ import annotations

import re
import subprocess
import sys
import textwrap

from portal_testing import MINIMAL, REPO_ROOT, TODAY

PORTAL = REPO_ROOT / "portal"
ENGINE = PORTAL / "engine"

RENDER_WITHOUT_ENGINE = textwrap.dedent("""
    import sys

    class NoSiteEngine:
        '''Refuses mkdocs and material (and their sub-modules) as if they were not installed.'''

        refused = []

        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] in ("mkdocs", "material"):
                NoSiteEngine.refused.append(name)
                raise ImportError(f"{name} is not available in this test")
            return None

    sys.meta_path.insert(0, NoSiteEngine())
    try:
        import mkdocs  # noqa: F401
    except ImportError:
        pass
    else:
        raise SystemExit("the finder did not block mkdocs")

    import datetime as dt
    from pathlib import Path

    from portal.check.validate import load_checked
    from portal.derive.facts import Derived
    from portal.pages.catalog import generated_pages
    from portal.pages.context import PageContext
    from portal.site_layout import page_url
    from portal.settings import Settings

    data, today = Path(sys.argv[1]), dt.date.fromisoformat(sys.argv[2])
    counts = {}
    for variant in ("web", "offline", "kiosk"):
        settings = Settings(data_dirs=(data,), today=today, variant=variant)
        result = load_checked(settings)
        assert not result.problems, [str(p) for p in result.problems]
        derived = Derived(result.dataset, settings.today)
        for lang in ("zh", "en"):
            ctx = PageContext(lang, derived, settings, "")
            specs = generated_pages(ctx)
            for spec in specs:
                rendered = spec.render(ctx.at(page_url(spec.src_uri, settings.use_directory_urls)))
                assert rendered.html.strip(), spec.src_uri
            counts[(variant, lang)] = len(specs)
    leaked = sorted(m for m in sys.modules if m.split(".")[0] in ("mkdocs", "material"))
    assert not leaked, leaked
    print(counts[("web", "zh")], counts[("web", "en")], len(NoSiteEngine.refused))
""")


def test_pages_render_without_the_site_engine():
    result = subprocess.run([sys.executable, "-c", RENDER_WITHOUT_ENGINE, str(MINIMAL), TODAY.isoformat()],
                            cwd=REPO_ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    zh_pages, en_pages, _refused = map(int, result.stdout.split())
    # Every record (7), the five kind indexes, facets, topics and printables: far more than the navigation alone.
    assert zh_pages == en_pages and zh_pages > 20, result.stdout


IMPORTS_ENGINE = re.compile(
    r"^\s*(?:from|import)\s+(?:mkdocs|material)\b|import_module\(\s*['\"](?:mkdocs|material)\b|__import__\(\s*['\"](?:mkdocs|material)\b",
    re.MULTILINE)


def test_only_the_engine_imports_mkdocs_or_material():
    offenders = []
    for path in sorted(PORTAL.rglob("*.py")):
        if ENGINE in path.parents:
            continue
        for match in IMPORTS_ENGINE.finditer(path.read_text(encoding="utf-8")):
            line = path.read_text(encoding="utf-8")[: match.start()].count("\n") + 1
            offenders.append(f"{path.relative_to(REPO_ROOT)}:{line}: {match.group().strip()}")
    assert offenders == [], "\n".join(offenders)


def test_the_import_check_finds_an_engine_import():
    # The pattern itself must catch the forms a module could use (a check that cannot fail proves nothing).
    for line in ("import mkdocs", "from mkdocs.config import base", "  import material.plugins", "from material import x",
                 "importlib.import_module('mkdocs.commands.build')", '__import__("material")'):
        assert IMPORTS_ENGINE.search(line), line
    for line in ("import mkdocs_macros_helper_not", "# mkdocs is run by portal/engine", "x = 'material'"):
        assert not IMPORTS_ENGINE.search(line), line


ENGINE_IMPORT = re.compile(r"^\s*(?:from\s+portal\.engine(?:\.(\w+))?\s+import\s+([\w, ]+)|import\s+portal\.engine(?:\.(\w+))?)",
                           re.MULTILINE)


def engine_imports_outside_the_door(text: str) -> list[str]:
    """Imports of the engine other than its contract and `site_engine()` (the build may know nothing else)."""
    found = []
    for match in ENGINE_IMPORT.finditer(text):
        module, names, plain = match.group(1), match.group(2), match.group(3)
        if module == "contract" or (module is None and names and {n.strip() for n in names.split(",")} <= {"site_engine"}):
            continue
        found.append(match.group().strip())
    return found


def test_the_rest_of_the_portal_reaches_the_engine_only_through_its_contract():
    offenders = []
    for path in sorted(PORTAL.rglob("*.py")):
        if ENGINE in path.parents:
            continue
        offenders += [f"{path.relative_to(REPO_ROOT)}: {line}"
                      for line in engine_imports_outside_the_door(path.read_text(encoding="utf-8"))]
    assert offenders == [], "\n".join(offenders)


def test_the_door_check_finds_an_import_of_the_engine_internals():
    assert engine_imports_outside_the_door("from portal.engine.frames import compact") != []
    assert engine_imports_outside_the_door("from portal.engine import configs") != []
    assert engine_imports_outside_the_door("import portal.engine.mkdocs_engine") != []
    assert engine_imports_outside_the_door("from portal.engine.contract import Frame\nfrom portal.engine import site_engine") == []


def test_the_macros_module_imports_nothing_of_the_portal():
    # It runs inside the engine's process, which gets no build state: only widgets.json beside the config.
    import ast

    tree = ast.parse((REPO_ROOT / "macros" / "__init__.py").read_text(encoding="utf-8"))
    imported = {alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    imported |= {node.module.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}
    attributes = {node.attr for node in ast.walk(tree) if isinstance(node, ast.Attribute)}
    assert "portal" not in imported and "os" not in imported, imported
    assert "page" not in attributes and "environ" not in attributes  # no env.page (Zensical has none), no environment
