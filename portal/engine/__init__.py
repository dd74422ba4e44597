# Package marker of the portal's engine step (see the module docstrings).
"""Engine: the only code that imports or runs mkdocs/Material."""
