# Intranet deployment: Content-Security-Policy hashes of a built site's inline scripts and the generated nginx config.
"""Ship step: nginx server block with security headers and a CSP that allows exactly the site's inline scripts."""
from __future__ import annotations

import base64
import hashlib
import re
import textwrap
from pathlib import Path
from urllib.parse import urlsplit

from portal.settings import REPO_ROOT

NGINX_TEMPLATES = REPO_ROOT / "deploy" / "nginx"
_INLINE_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.IGNORECASE | re.DOTALL)
_SCRIPT_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)
_EXECUTABLE_TYPES = {"", "text/javascript", "application/javascript", "module"}


def inline_scripts(html: str) -> list[str]:
    """The text of every inline script the browser would run (JSON data blocks such as __config are not scripts)."""
    scripts = []
    for attributes, body in _INLINE_SCRIPT.findall(html):
        if re.search(r"\bsrc\s*=", attributes, re.IGNORECASE):
            continue
        kind = _SCRIPT_TYPE.search(attributes)
        if (kind.group(1).lower() if kind else "") in _EXECUTABLE_TYPES:
            scripts.append(body)
    return scripts


def csp_hash(script: str) -> str:
    """CSP source expression for one inline script: 'sha256-<base64 of the UTF-8 text's digest>'."""
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def inline_script_hashes(site: Path) -> list[str]:
    """Sorted distinct CSP hashes of all inline scripts in the built site (Material's differ by page depth)."""
    hashes = set()
    for page in Path(site).rglob("*.html"):
        hashes.update(csp_hash(script) for script in inline_scripts(page.read_text(encoding="utf-8")))
    return sorted(hashes)


def content_security_policy(script_hashes: list[str]) -> str:
    """The policy the portal works under: everything from the site itself, inline scripts only by hash."""
    directives = [
        "default-src 'none'",
        "script-src " + " ".join(["'self'", *script_hashes]),
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "worker-src 'self'",
        "manifest-src 'self'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
    return "; ".join(directives)


def security_headers(script_hashes: list[str]) -> dict[str, str]:
    """Response headers sent with every file of the portal (also with the 404 page)."""
    return {
        "Content-Security-Policy": content_security_policy(script_hashes),
        "X-Content-Type-Options": "nosniff",
        "X-Frame-Options": "DENY",
        "Referrer-Policy": "same-origin",
        "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
        "Cross-Origin-Opener-Policy": "same-origin",
    }


def base_path_of(base: str | None) -> str:
    """'/safety/' from 'http://intranet.example/safety/', '/safety' or 'safety/'; '/' when empty."""
    path = urlsplit(base).path if base and "://" in base else (base or "/")
    return "/" + path.strip("/") + "/" if path.strip("/") else "/"


def _fill(template: str, values: dict[str, str]) -> str:
    for key, value in values.items():
        template = template.replace(f"@@{key}@@", value)
    leftover = re.search(r"@@[A-Z_]+@@", template)
    if leftover:
        raise ValueError(f"nginx template placeholder not filled: {leftover.group(0)}")
    return template


def nginx_server_block(site: Path, base: str, root: Path | str, listen: str = "80", server_name: str = "_") -> str:
    """nginx `server {}` block serving `root` (e.g. DEST/current) under `base`, with a CSP fitted to `site`."""
    base_path = base_path_of(base)
    header_lines = "\n".join(f'        add_header {name} "{value}" always;'
                             for name, value in security_headers(inline_script_hashes(site)).items())
    # The redirects carry the same security headers as every other response.
    redirect_headers = " ".join(f'add_header {name} "{value}" always;'
                                for name, value in security_headers(inline_script_hashes(site)).items())
    root_redirect = (f"location = {base_path.rstrip('/')} {{ {redirect_headers} return 301 {base_path}; }}\n"
                     f"    location = / {{ {redirect_headers} return 302 {base_path}; }}") if base_path != "/" else ""
    template = (NGINX_TEMPLATES / "portal.conf.template").read_text(encoding="utf-8")
    return _fill(template, {"LISTEN": listen, "SERVER_NAME": server_name, "BASE_PATH": base_path,
                            "ROOT": str(Path(root).absolute()).rstrip("/"), "ROOT_REDIRECT": root_redirect,
                            "SECURITY_HEADERS": header_lines,
                            "SERVER_SECURITY_HEADERS": textwrap.dedent(header_lines).replace("\n", "\n    ")
                            .join(["    ", ""])})


def nginx_standalone_conf(server_block: str, prefix: Path) -> str:
    """A complete nginx configuration around `server_block` that keeps pid, logs and temp files under `prefix`."""
    prefix = Path(prefix).absolute()
    for name in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (prefix / "temp" / name).mkdir(parents=True, exist_ok=True)
    template = (NGINX_TEMPLATES / "standalone.conf.template").read_text(encoding="utf-8")
    return _fill(template, {"PREFIX": str(prefix), "SERVER_BLOCK": textwrap.indent(server_block, "    ")})
