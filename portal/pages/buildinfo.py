# "About this build" block (build date, data commit, record counts) for the about pages: a pure renderer.
"""Pages step: the build facts shown on the about page (date, data commit, variant, counts)."""
from __future__ import annotations

from portal.pages.context import PageContext
from portal.pages.render import render_template


def render_build_info(ctx: PageContext) -> str:
    """The build's date, data commit ("unknown" outside git), variant and record count per kind, in ctx.lang."""
    settings = ctx.settings
    return render_template("build_info.html", ctx, built_on=settings.today.isoformat(), commit=settings.commit or "unknown",
                           variant=settings.variant, counts=list(ctx.derived.counts().items()))
