# mkdocs-macros module of the hand-written pages: only registers the portal's pure renderers as macros.
"""Engine: macros for docs/<lang>/*.md. Each macro calls one pure renderer of portal/pages/widgets.py.

The build state (derived data and settings) comes from the pickle the engine wrote for this build; its path is the
one environment variable the engine hands the mkdocs process."""
from __future__ import annotations

import os
import pickle
from functools import lru_cache
from pathlib import Path

STATE_ENV = "PORTAL_BUILD_STATE"


@lru_cache(maxsize=None)
def _state(path: str):
    return pickle.loads(Path(path).read_bytes())


def define_env(env):
    from portal.pages import widgets
    from portal.pages.buildinfo import render_build_info
    from portal.pages.context import PageContext

    from portal.kinds import use_kinds

    derived, settings = _state(os.environ[STATE_ENV])
    use_kinds(settings)

    def context() -> PageContext:
        lang = "en" if str(env.conf["theme"]["language"]).startswith("en") else "zh"
        return PageContext(lang, derived, settings, env.page.url)

    for name, renderer in {
        "emergency_numbers": widgets.render_emergency_numbers,
        "case_of_the_week": widgets.render_case_of_the_week,
        "section_counts": widgets.render_section_counts,
        "recently_updated": widgets.render_recent,
        "statistics": widgets.render_statistics,
        "statistics_filters": widgets.render_stats_filters,
        "glossary": widgets.render_glossary,
        "translation_coverage": widgets.render_coverage,
        "quiz_questions": widgets.render_quiz,
        "question_of_the_day": lambda ctx: widgets.render_quiz(ctx, only_today=True),
        "open_data_links": widgets.render_open_data_links,
        "build_info": render_build_info,
    }.items():
        env.macro(lambda r=renderer: r(context()), name)
