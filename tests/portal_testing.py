# Helpers shared by the test suites: settings for a fixture data set, one build per data set and variant, paths.
"""Test helpers: `settings_for(data)` and `build(tmp_path, data, variant)` around the real pipeline."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from portal.build.pipeline import build_site
from portal.settings import REPO_ROOT, SHIPPED_DATA, Settings

FIXTURES = REPO_ROOT / "tests" / "fixtures"
MINIMAL = FIXTURES / "minimal"
# The fixed day of the tests: not before any date the shipped data carries (sources are accessed up to this day),
# so validating data/ on it finds no access date in the future; move it forward when data is reviewed later.
TODAY = dt.date(2026, 12, 7)


def settings_for(*data: Path, **changes) -> Settings:
    """Settings for the given data layers (default: the minimal fixture), on a fixed day, never touching the repo."""
    values = dict(data_dirs=tuple(data) or (MINIMAL,), today=TODAY)
    values.update(changes)
    return Settings(**values)


def build(out: Path, *data: Path, **changes):
    """Build the site of these layers into `out`; returns the BuildReport."""
    settings = settings_for(*data, work_dir=out.parent / (out.name + ".work"), **changes)
    return build_site(settings, out)


__all__ = ["FIXTURES", "MINIMAL", "REPO_ROOT", "SHIPPED_DATA", "TODAY", "build", "settings_for"]
