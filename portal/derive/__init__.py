# Package marker of the portal's derive step (see the module docstrings).
"""Derive step: computed facts (status, versions, tiers, backlinks, history)."""
