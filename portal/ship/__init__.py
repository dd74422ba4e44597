# Package marker of the portal's ship step (see the module docstrings).
"""Ship step: publish releases, rollback, nginx config."""
