# Package marker of the portal's verify step (see the module docstrings).
"""Verify step: checks on a built site."""
