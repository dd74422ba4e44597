# The view parts of the built-in record kinds (page renderers, list columns, facets, print pages).
"""View parts of the kinds: each imports portal.pages; the model parts (portal/kinds/<name>.py) never do."""
