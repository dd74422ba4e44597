# "About this build" block (build date, data commit, record counts) for the about pages: a pure renderer plus its facts.
from __future__ import annotations

import datetime as dt
import os

from portal.model import build_date
from portal.offline import git_short_commit
from portal.render import PageContext, render_template


def render_build_info(ctx: PageContext, built_on: dt.date, commit: str, variant: str = "web") -> str:
    """The build's date, data commit ("unknown" outside git), variant and record count per kind, in ctx.lang."""
    return render_template("build_info.html", ctx, built_on=built_on.isoformat(), commit=commit, variant=variant,
                   counts=list(ctx.derived.counts().items()))


def render_current_build_info(ctx: PageContext) -> str:
    """render_build_info with this build's facts: today (SOURCE_DATE_EPOCH), HEAD of the data's repository, variant."""
    return render_build_info(ctx, build_date(), git_short_commit(ctx.dataset.root.resolve()),
                             os.environ.get("PORTAL_VARIANT") or "web")
