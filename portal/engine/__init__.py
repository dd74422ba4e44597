# Package marker of the site engine step: the engine door (contract.py) and the mkdocs + Material engine behind it.
"""Engine: the only code that imports or runs mkdocs/Material. The build reaches it through `site_engine()` and the
types of portal/engine/contract.py."""
from __future__ import annotations


def site_engine():
    """The site engine of this portal (mkdocs + Material)."""
    from portal.engine.mkdocs_engine import MkDocsEngine

    return MkDocsEngine()
