# Layers that do not loop: a kind's model part imports no page code, and checking data loads no template engine.
"""The kind registry and the model parts of the kinds (portal/kinds/<name>.py) import neither portal.pages nor
portal.check nor the spreadsheet code; importing the validator loads no Jinja, Markdown or page renderer. Each
import runs in a fresh interpreter, so nothing another test loaded hides a loop."""
from __future__ import annotations

import ast
import json
import subprocess
import sys

from portal.settings import REPO_ROOT

KINDS_DIR = REPO_ROOT / "portal" / "kinds"


def loaded_after(statement: str) -> set[str]:
    """The modules loaded in a fresh interpreter after running one import statement."""
    code = f"import json, sys\n{statement}\nprint(json.dumps(sorted(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO_ROOT, capture_output=True, text=True, check=True)
    return set(json.loads(done.stdout))


def top_packages(modules: set[str], *prefixes: str) -> set[str]:
    return {m for m in modules if any(m == p or m.startswith(p + ".") for p in prefixes)}


def test_the_registry_and_the_models_load_no_pages_checks_or_sheets():
    modules = loaded_after("import portal.kinds")
    assert not top_packages(modules, "portal.pages", "portal.check", "portal.tables", "portal.derive",
                            "portal.kinds.views", "jinja2", "markdown", "openpyxl", "mkdocs")


def test_importing_the_validator_loads_no_template_engine():
    modules = loaded_after("import portal.check.validate")
    assert not top_packages(modules, "portal.pages", "portal.kinds.views", "jinja2", "markdown", "mkdocs",
                            "openpyxl", "pypinyin")


def test_the_load_step_imports_no_check_code():
    """check imports load (to read the data it checks); load imports only the records core's Problem."""
    assert not top_packages(loaded_after("import portal.load.dataset"), "portal.check", "portal.kinds", "portal.pages")


def test_model_parts_never_import_page_code():
    """Also not inside a function: a kind's model (checks, facts, sheet) works without the page renderers."""
    models = [p for p in KINDS_DIR.glob("*.py")]
    assert len(models) >= 8  # __init__, base and the six kinds
    for path in models:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [node.module or ""] if isinstance(node, ast.ImportFrom) else \
                [a.name for a in node.names] if isinstance(node, ast.Import) else []
            for name in names:
                if path.name == "base.py" and name.startswith("portal.pages"):
                    continue  # KindView's defaults (the view part's base) import pages when called
                assert not name.startswith(("portal.pages", "portal.kinds.views", "portal.engine")), (path, name)


def test_every_kind_with_pages_has_a_view_part():
    from portal.kinds import PAGE_KINDS, KindView

    for kind in PAGE_KINDS:
        assert isinstance(kind.view_part(), KindView) and kind.view_part().kind is kind
