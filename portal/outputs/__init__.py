# Package marker of the portal's outputs step (see the module docstrings).
"""Outputs step: search index, open data, offline package."""
