# The registry of record kinds, in site order: the one list every step asks which kinds exist and what each is.
"""Record kinds: one module per kind (regulations, cases, contacts, resources, articles, quiz), plus any registered.

KINDS lists them in site order; BY_NAME finds one by its folder name; PAGE_KINDS are those with pages of their own;
FACETS the list facets of every kind. The navigation entries, the search kinds and labels, the site sections the
Markdown link policy allows, the spreadsheet kinds and the file-name hints of `import` are all read from here.

Adding a kind: one module (a Kind subclass with `KIND = ...`), one schema and one template. A kind shipped with the
portal is listed in BUILT_IN; any other is named in Settings.kind_modules (command line `--kind-module`, environment
PORTAL_KIND_MODULES, separated by ':'), as an importable module name or the path of a .py file, and `use_kinds`
registers it for the run. Nothing else needs to change (tests/kinds/test_toy_kind.py proves it)."""
from __future__ import annotations

import importlib
import importlib.util
import sys
from pathlib import Path

from portal.kinds.base import Column, Facet, Kind, KindView
from portal.records.ids import RESERVED_ID

BUILT_IN = ("regulations", "cases", "contacts", "resources", "articles", "quiz")

# Filled in place by register(): modules that imported these names see every kind registered later.
KINDS: list[Kind] = []
BY_NAME: dict[str, Kind] = {}
PAGE_KINDS: list[Kind] = []
_MODULES: dict[str, Kind] = {}  # module name or path -> its kind (use_kinds is idempotent)


class FacetList(list):
    """Every list facet of the page kinds; read from each kind's view part on first use (views load pages)."""

    def _fill(self) -> None:
        known = {(facet.kind, facet.name) for facet in list.__iter__(self)}
        for kind in PAGE_KINDS:
            for facet in kind.view_part().facets:
                if (facet.kind, facet.name) not in known:
                    list.append(self, facet)

    def __iter__(self):
        self._fill()
        return list.__iter__(self)

    def __len__(self):
        self._fill()
        return list.__len__(self)


FACETS = FacetList()


def register(kind: Kind) -> Kind:
    """Add a kind to the registry (after those already there). Refused, with nothing changed: a second kind of the
    same name, a name the site's own pages use (its folder would replace them), a derived fact another kind already
    defines (`derived.<fact>` must mean one thing)."""
    if not kind.name or not kind.name.replace("-", "").isalnum() or not kind.name.islower():
        raise ValueError(f"kind name {kind.name!r}: use lower-case letters, digits and hyphens")
    if kind.name in BY_NAME:
        if BY_NAME[kind.name] is kind:
            return kind
        raise ValueError(f"a kind named {kind.name!r} is registered already")
    if kind.name in PAGE_SECTIONS or RESERVED_ID.match(kind.name):
        raise ValueError(f"kind name {kind.name!r} is a section or page of the site itself: choose another name")
    for fact in kind.facts:
        owner = next((other.name for other in KINDS if fact in other.facts), None)
        if owner is not None:
            raise ValueError(f"kind {kind.name!r}: the derived fact {fact!r} is defined by {owner!r} already: "
                             f"name it after the kind (e.g. {kind.name}_{fact})")
    KINDS.append(kind)
    BY_NAME[kind.name] = kind
    if kind.has_pages:
        PAGE_KINDS.append(kind)
    return kind


def load_kind_module(name: str) -> Kind:
    """Import a kind module (a module name, or the path of a .py file) and register its KIND."""
    if name in _MODULES:
        return _MODULES[name]
    if name.endswith(".py") or "/" in name:
        path = Path(name).resolve()
        module_name = "portal_kind_" + path.stem.replace("-", "_")
        spec = importlib.util.spec_from_file_location(module_name, path)
        if spec is None or spec.loader is None:
            raise ImportError(f"kind module {name}: not a Python file")
        module = importlib.util.module_from_spec(spec)
        sys.modules[module_name] = module  # its view ("<module_name>:VIEW") is found again by name
        spec.loader.exec_module(module)
    else:
        module = importlib.import_module(name)
    kind = getattr(module, "KIND", None)
    if not isinstance(kind, Kind):
        raise ImportError(f"kind module {name} has no KIND = <a portal.kinds.Kind>")
    if not kind.view:
        kind.view = f"{module.__name__}:VIEW"
    _MODULES[name] = register(kind)
    return kind


def use_kinds(settings) -> None:
    """Register the kinds named in these settings (Settings.kind_modules) for this run."""
    for name in getattr(settings, "kind_modules", ()) or ():
        load_kind_module(str(name))


PAGE_SECTIONS = ("topics", "hazards", "stats", "glossary", "about")  # the site's own sections besides one per record kind


def site_sections() -> tuple[str, ...]:
    """The top-level sections of the site a relative link may point into: one per record kind, and the pages'."""
    return tuple(kind.name for kind in KINDS) + PAGE_SECTIONS


def nav_entries(lang: str) -> list[dict[str, str]]:
    """The navigation entries of the kinds with pages, in site order ({title: "<kind>/index.md"})."""
    return [{kind.nav_name(lang): f"{kind.name}/index.md"} for kind in PAGE_KINDS]


def kind_name(name: str, lang: str) -> str:
    """A kind's name on pages (list titles, counts) in `lang`: 法规标准 / Regulations and standards."""
    return BY_NAME[name].names[lang]


def search_labels(lang: str) -> dict[str, str]:
    """The label of a search hit of each kind, in `lang` (written into the search index for the browser)."""
    return {kind.name: kind.search_label[lang] for kind in KINDS}


def kind_schema_paths() -> tuple[Path, ...]:
    """Schema files of kinds whose schema lives outside data/schema/ (registered kinds of a test or a layer)."""
    return tuple(sorted({kind.schema_path.resolve() for kind in KINDS if kind.schema and
                         kind.schema_path.resolve().parent != Path(Kind.schema_dir).resolve()}))


def template_dirs() -> tuple[Path, ...]:
    """Template folders of kinds whose template lives outside portal/templates/ (asked for by every page render:
    worked out once per state of the registry, which only grows)."""
    found = _TEMPLATE_DIRS.get(len(KINDS))
    if found is None:
        found = _TEMPLATE_DIRS[len(KINDS)] = tuple(dict.fromkeys(
            Path(kind.template_dir).resolve() for kind in KINDS
            if Path(kind.template_dir).resolve() != Path(Kind.template_dir).resolve()))
    return found


_TEMPLATE_DIRS: dict[int, tuple[Path, ...]] = {}  # number of registered kinds -> their template folders


for _name in BUILT_IN:
    load_kind_module(f"portal.kinds.{_name}")

__all__ = ["BUILT_IN", "KINDS", "BY_NAME", "PAGE_KINDS", "FACETS", "PAGE_SECTIONS", "Column", "Facet", "Kind",
           "KindView", "register", "load_kind_module", "use_kinds", "site_sections", "kind_name", "nav_entries", "search_labels",
           "kind_schema_paths", "template_dirs"]
