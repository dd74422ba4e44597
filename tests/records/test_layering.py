# Tests that the records core stays at the bottom of the layering: no pages, engine, Jinja, Markdown or mkdocs.
"""Importing every module of portal.records (and the adapters' core users) loads none of the upper layers."""
import subprocess
import sys

FORBIDDEN = ("portal.pages", "portal.engine", "portal.kinds", "jinja2", "markdown", "mkdocs")


def test_records_core_imports_no_upper_layer():
    code = ("import sys, pkgutil, importlib, portal.records as r\n"
            "for m in pkgutil.iter_modules(r.__path__): importlib.import_module('portal.records.' + m.name)\n"
            f"print(sorted(n for n in sys.modules if n.startswith({FORBIDDEN!r})))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "[]", out
