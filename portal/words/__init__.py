# Reads the one catalogue of interface words (ui.yml) and gives a word in a language, with the one plural rule.
"""Interface words: the catalogue ``portal/words/ui.yml`` and what is made from it.

- ``ui(key, lang, **values)``: a word or sentence in ``lang`` with its {placeholders} filled; a count entry picks its
  form with ``plural_form`` (the one plural rule: English has a singular, Chinese one form).
- ``forms(key, lang)``: both forms of a count entry, for scripts that count in the browser.
- ``theme_words()``: the words of the theme templates (engine config overlay, ``extra.portal_words``).
- ``nav_title(name, lang)``, ``site_words(lang)``: navigation titles and the site name of the engine's config.
- ``browser_words(lang)`` / ``browser_words_script()``: the words of the browser scripts, written at
  build time as ``assets/portal-words.js`` (``window.PortalWords[lang]``) and read by ``portal-search.js`` and
  ``portal-poster.js``.

Bottom layer: imports nothing of the portal. Data text (titles, vocabulary labels) never comes from here."""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import yaml

CATALOGUE_FILE = Path(__file__).with_name("ui.yml")
LANGS = ("zh", "en")
PLURAL_FORMS = ("one", "other")
# Keys of the theme templates (overrides/): passed in both languages (the 404 page shows both).
THEME_PREFIXES = ("theme.", "autonym.", "kiosk.bar", "kiosk.home", "kiosk.back", "kiosk.sections", "not_found.")
BROWSER_PREFIX = "search."
BROWSER_SCRIPT = "portal-words.js"
# The case page's poster (overrides/assets/portal-poster.js, PortalWords[lang].poster): its words and the labels of the
# facts it reads from the page (print.* without the prefix).
POSTER_WORDS = ("print.wall", "print.people", "print.deaths_n", "print.missing_n", "print.serious_n", "print.injured_n",
                "print.source", "print.no_report", "print.more_online", "print.more_items", "print.scan_poster",
                "print.relative_note", "print.how_poster", "date", "tier", "accident_type", "industry", "place",
                "direct_loss", "summary", "direct_causes", "lessons", "deaths", "missing", "serious_injuries", "injuries")


class CatalogueError(ValueError):
    """The catalogue file is malformed; the message names the key and what to write."""


@lru_cache(maxsize=1)
def catalogue() -> dict[str, dict]:
    """Every entry of ui.yml: key -> {"zh": text or {one, other}, "en": ..., "only": lang (optional)}."""
    entries = yaml.safe_load(CATALOGUE_FILE.read_text(encoding="utf-8")) or {}
    for key, entry in entries.items():
        if not isinstance(entry, dict) or not (set(entry) & set(LANGS)):
            raise CatalogueError(f"{CATALOGUE_FILE}: {key}: write {{zh: \"…\", en: \"…\"}}")
    return entries


def plural_form(n: int, lang: str) -> str:
    """The form of a count: 'one' for exactly 1 in English, 'other' for every other count and for Chinese."""
    return "one" if lang == "en" and n == 1 else "other"


def ui(key: str, lang: str, **values) -> str:
    """An interface word in `lang`, {placeholders} filled ('1 record', not '1 records'); '' for a word the entry
    leaves to the other language only (``only:``)."""
    text = catalogue()[key].get(lang, "")
    if isinstance(text, dict):
        text = text[plural_form(values["n"], lang) if "n" in values else "other"]
    return text.format(**values) if values else text


def is_count(key: str) -> bool:
    """Whether an entry is a count (a form per plural category in some language)."""
    return any(isinstance(catalogue()[key].get(lang), dict) for lang in LANGS)


def forms(key: str, lang: str) -> dict[str, str]:
    """Both forms of a count entry ({n} left in): {"one": ..., "other": ...} (Chinese: the same text twice)."""
    text = catalogue()[key].get(lang, "")
    return dict(text) if isinstance(text, dict) else {form: text for form in PLURAL_FORMS}


def theme_words() -> dict[str, dict[str, str]]:
    """The theme templates' words in both languages: {"zh": {"theme.search_label": ...}, "en": {...}}."""
    keys = [key for key in catalogue() if key.startswith(THEME_PREFIXES)]
    return {lang: {key: ui(key, lang) for key in keys} for lang in LANGS}


def nav_title(name: str, lang: str) -> str:
    """The navigation title of a section (home, a record kind, stats, quiz, glossary, about)."""
    return ui("nav." + name, lang)


def site_words(lang: str) -> dict[str, str]:
    """site_name, site_description and copyright of a language's engine config."""
    return {"site_name": ui("site.name", lang), "site_description": ui("site.description", lang),
            "copyright": ui("site.copyright", lang)}


def browser_words(lang: str) -> dict:
    """What the browser scripts show: the search box's words (a count in both forms), and under "poster" the case
    poster's words ({n} left in). The labels of the record kinds come with the search index (portal/kinds/)."""
    words: dict = {key[len(BROWSER_PREFIX):]: forms(key, lang) if is_count(key) else ui(key, lang)
                   for key in catalogue() if key.startswith(BROWSER_PREFIX)}
    words["poster"] = {key.removeprefix("print."): ui(key, lang) for key in POSTER_WORDS}
    return words


def browser_words_script() -> str:
    """assets/portal-words.js: registers the words of both languages (window.PortalWords[lang]) before the portal's
    scripts run; they pick their page's language."""
    payload = json.dumps({lang: browser_words(lang) for lang in LANGS}, ensure_ascii=False, sort_keys=True)
    return ("// Interface words of the browser scripts, generated from portal/words/ui.yml at build time.\n"
            f"window.PortalWords = {payload};\n")
