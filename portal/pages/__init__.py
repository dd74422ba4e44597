# Package marker of the portal's pages step (see the module docstrings).
"""Pages step: which pages exist and pure renderers (no site-engine import)."""
