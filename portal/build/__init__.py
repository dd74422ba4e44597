# Package marker of the build step: it runs load → check → derive → pages → engine → outputs (see pipeline.py).
"""Build: orchestrates the steps of a site build and the live preview. Runs the site engine only through
portal/engine/contract.py; imports neither mkdocs nor the engine's internals."""
