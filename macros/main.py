# mkdocs-macros module: only registers the portal's pure renderers as macros for hand-written pages.
from portal import render
from portal.buildinfo import render_current_build_info
from portal.site import page_context


def define_env(env):
    def context():
        lang = "en" if str(env.conf["theme"]["language"]).startswith("en") else "zh"
        return page_context(lang, env.page.url, env.conf["use_directory_urls"])

    for name, renderer in {
        "emergency_numbers": render.render_emergency_numbers,
        "case_of_the_week": render.render_case_of_the_week,
        "section_counts": render.render_section_counts,
        "recently_updated": render.render_recent,
        "statistics": render.render_statistics,
        "glossary": render.render_glossary,
        "translation_coverage": render.render_coverage,
        "quiz_questions": render.render_quiz,
        "question_of_the_day": lambda ctx: render.render_quiz(ctx, only_today=True),
        "open_data_links": render.render_open_data_links,
        "build_info": render_current_build_info,
    }.items():
        env.macro(lambda r=renderer: r(context()), name)
