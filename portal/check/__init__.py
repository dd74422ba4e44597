# Package marker of the portal's check step (see the module docstrings).
"""Check step: schema, references, graph; problems with stable codes."""
