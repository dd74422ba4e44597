# Builds both languages in parallel (one mkdocs process each) into a fresh folder, then swaps it into place.
from __future__ import annotations

import os
import pickle
import shutil
import subprocess
import sys
import time
from pathlib import Path

from portal.dataset import REPO_ROOT
from portal.site import load_site

# Output variants: each is a pair of mkdocs configs (Chinese at the root, English under en/).
VARIANTS = {
    "web": {"zh": "mkdocs.yml", "en": "mkdocs.en.yml"},
    "offline": {"zh": "mkdocs.offline.yml", "en": "mkdocs.offline.en.yml"},
    "kiosk": {"zh": "mkdocs.kiosk.yml", "en": "mkdocs.kiosk.en.yml"},
}


def build_site(out: Path, data_dir: Path, production: bool = False, extra_env: dict | None = None,
               config_dir: Path = REPO_ROOT, variant: str = "web", site_url: str | None = None) -> float:
    """Build zh (at the root) and en (under en/) into `out`; returns seconds.

    Raises InvalidData when the data has problems and CalledProcessError when mkdocs fails; either way `out` is
    left as it was."""
    started = time.perf_counter()
    out = out.resolve()
    staging = out.with_name(out.name + ".building")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    env = dict(os.environ, PORTAL_DATA=str(data_dir), NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(REPO_ROOT),
               PORTAL_PRODUCTION="1" if production else "", PORTAL_VARIANT=variant,
               PORTAL_SITE_URL=site_url or "", **(extra_env or {}))
    # Validate once here (raises InvalidData); both language builds then load the checked data from a pickle.
    saved_environ = dict(os.environ)
    os.environ.update(env)
    try:
        derived = load_site(str(data_dir), production)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    finally:
        os.environ.clear()
        os.environ.update(saved_environ)
    pickle_path = staging / "derived.pickle"
    pickle_path.write_bytes(pickle.dumps(derived, protocol=pickle.HIGHEST_PROTOCOL))
    env["PORTAL_DERIVED_PICKLE"] = str(pickle_path)
    processes = {
        lang: subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(config_dir / config),
                                "-d", str(staging / lang)], cwd=REPO_ROOT, env=env)
        for lang, config in VARIANTS[variant].items()
    }
    failed = [lang for lang, process in processes.items() if process.wait() != 0]
    if failed:
        shutil.rmtree(staging, ignore_errors=True)
        raise subprocess.CalledProcessError(1, f"mkdocs build ({', '.join(failed)})")
    (staging / "zh").rename(staging / "site")
    (staging / "en").rename(staging / "site" / "en")
    old = out.with_name(out.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if out.exists():
        out.rename(old)
    (staging / "site").rename(out)
    shutil.rmtree(old, ignore_errors=True)
    shutil.rmtree(staging, ignore_errors=True)
    return time.perf_counter() - started
