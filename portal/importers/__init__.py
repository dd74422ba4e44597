# Importers that turn published source texts (statutes, ...) into portal data records.
"""Importers that turn published source texts into portal data records.

`portal.importers.statute` reads statute texts in the flk/LawRefBook Markdown layout.
"""
