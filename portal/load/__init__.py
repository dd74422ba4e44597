# Package marker of the portal's load step (see the module docstrings).
"""Load step: safe YAML and the data layers."""
