# The records core under every command: one Problem, one id maker, one Chinese-numeral parser, one YAML writer, layers.
"""Records core: what every command that reads, checks, imports or writes records shares.

- `problems`: the one `Problem` (location `file:line` or `file.xlsx:Sheet!C12`, field, message, code, severity, hint);
- `ids`: the one id maker (`record_id`, `IdAllocator`): pinyin syllables, cut at a syllable, never a reserved id;
- `numerals`: the one Chinese-numeral parser (`chinese_numeral`), full-width digits included;
- `writer`: the one YAML record writer (schema key order, literal blocks, the schema comment line);
- `layers`: every data layer read through `portal.load`, for importers.

Bottom of the layering: nothing here imports portal.pages, portal.engine, Jinja or Markdown."""
