# The frozen Settings of one run, built by the command line from its options and the environment.
"""One frozen Settings object for a run: data layers, production, site address, variant, today, kiosk timings.

Built once by the command line (portal/cli.py) from its options and the environment, then passed down; nothing below
the command line and the engine reads os.environ."""
from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
SHIPPED_DATA = REPO_ROOT / "data"
SCHEMA_DIR = SHIPPED_DATA / "schema"
VARIANTS = ("web", "offline", "kiosk")
LANGS = ("zh", "en")
STALE_DAYS_DEFAULT = 180
IDLE_SECONDS_DEFAULT = 120
SLIDE_SECONDS_DEFAULT = 12
_BASE_URL = re.compile(r"^https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[A-Za-z0-9._~%!$&()*+,;=:@/-]*)?$")


class SettingsError(ValueError):
    """An operator setting is not usable; the message says which and what to write instead."""


def check_base_url(value: str) -> str:
    """The site address, normalised to end in '/'; refuses anything that is not a plain http(s) address.

    A quote, angle bracket, space or backslash would otherwise reach every page's HTML."""
    if not value:
        return ""
    if not _BASE_URL.match(value):
        raise SettingsError(
            f"BASE_URL {value!r} 不是有效的网址 / is not a plain web address: write it like "
            "http://intranet.example/safety/ (letters, digits and - . _ ~ / only; no quotes, spaces or backslashes)")
    return value.rstrip("/") + "/"


@dataclass(frozen=True)
class Settings:
    """What one run of the generator needs to know; frozen so no step can change it for the next."""

    data_dirs: tuple[Path, ...] = (SHIPPED_DATA,)
    production: bool = False
    site_url: str = ""            # e.g. http://intranet.example/safety/ ('' = unknown: QR codes use relative paths)
    variant: str = "web"          # web | offline | kiosk
    today: dt.date = field(default_factory=lambda: dt.datetime.now(tz=dt.timezone.utc).date())
    stale_days: int = STALE_DAYS_DEFAULT
    kiosk_idle_seconds: int = IDLE_SECONDS_DEFAULT
    kiosk_slide_seconds: int = SLIDE_SECONDS_DEFAULT
    strict_bilingual: bool | None = None  # None: required for the shipped data only
    edit_url: str = ""            # e.g. https://git.intranet/safety/data/-/edit/main/{path} ('' = no edit links)
    feedback_url: str = ""        # e.g. mailto:safety@corp.example?subject={kind}/{id} ('' = no feedback links)
    commit: str = ""              # data commit shown on the about page ('' = unknown)
    kind_modules: tuple[str, ...] = ()  # record kinds beyond the built-in ones (portal/kinds/__init__.py: use_kinds)
    work_dir: Path = REPO_ROOT / "build"

    def __post_init__(self):
        if self.variant not in VARIANTS:
            raise SettingsError(f"variant {self.variant!r}: choose one of {', '.join(VARIANTS)}")
        object.__setattr__(self, "site_url", check_base_url(self.site_url))
        object.__setattr__(self, "data_dirs", tuple(resolved(Path(p)) for p in self.data_dirs))
        if self.edit_url and not re.match(r"^https?://[^\s\"'<>\\]+$", self.edit_url):
            raise SettingsError(f"EDIT_URL {self.edit_url!r} must be an http(s) address without quotes or spaces")
        if self.feedback_url and not re.match(r"^(https?://|mailto:)[^\s\"'<>\\]+$", self.feedback_url):
            raise SettingsError(f"FEEDBACK_URL {self.feedback_url!r} must be an http(s) or mailto: address without "
                                "quotes or spaces")

    @property
    def bilingual_required(self) -> bool:
        """Shipped reference content must carry English titles and summaries; an organisation's layers need not."""
        if self.strict_bilingual is not None:
            return self.strict_bilingual
        return all(path == SHIPPED_DATA.resolve() for path in self.data_dirs)

    @property
    def use_directory_urls(self) -> bool:
        return self.variant != "offline"

    def with_(self, **changes) -> "Settings":
        return replace(self, **changes)


def resolved(path: Path) -> Path:
    """The absolute path with links resolved; a link that loops is kept as it is written (loading reports it)."""
    try:
        return path.resolve()
    except (RuntimeError, OSError):  # RuntimeError: a symlink loop (Python before 3.13)
        return Path(os.path.abspath(path))
