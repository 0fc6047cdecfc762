"""Every environment variable the tool reads and every default folder it uses, in one place.

Documented for the clerk in ``docs/moi-truong.md`` (``docs/en/environment.md``), whose table
``tests/test_config.py`` checks against ``VARIABLES``. No other module reads an environment
variable of ours or names one of these folders. A value that cannot be used (``CAICACH_JOBS=abc``,
a negative timeout) is ignored and the default taken: the clerk never sets these by hand on
a normal day, and a typo must not stop the Monday listing.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "caicach"

CACHE_DIR_ENV = "CAICACH_CACHE_DIR"
JOBS_ENV = "CAICACH_JOBS"
LOCK_TIMEOUT_ENV = "CAICACH_LOCK_TIMEOUT"
COMPLETE_ENV = "_CAICACH_COMPLETE"  # set by the shell's completion script, never by hand
MAIL_CONFIG_ENV = "CAICACH_MAIL_CONFIG"
#: The mail settings of ``caicach remind`` (``mailer``), by their key in ``mail.toml``.
SMTP_ENV = {
    "host": "CAICACH_SMTP_HOST",
    "port": "CAICACH_SMTP_PORT",
    "security": "CAICACH_SMTP_SECURITY",
    "user": "CAICACH_SMTP_USER",
    "password": "CAICACH_SMTP_PASSWORD",
    "sender": "CAICACH_MAIL_FROM",
}

DEFAULT_LOCK_TIMEOUT = 30.0  # seconds

#: The folder of plan files, looked for in the current folder and its parents.
PLANS_FOLDER = "plans"
#: The folder, beside a plan file, of the report narratives (``reports/<plan>-<period>.md``).
NARRATIVE_FOLDER = "reports"


@dataclass(frozen=True)
class Variable:
    name: str
    default: str  # as the documentation says it


VARIABLES = (
    Variable(CACHE_DIR_ENV, "thư mục bộ nhớ đệm của người dùng"),
    Variable(JOBS_ENV, "số lõi CPU mà chương trình được dùng"),
    Variable(LOCK_TIMEOUT_ENV, f"{DEFAULT_LOCK_TIMEOUT:.0f} giây"),
    Variable(MAIL_CONFIG_ENV, "mail.toml trong thư mục cấu hình của người dùng"),
    *(Variable(name, "lấy từ mail.toml") for name in SMTP_ENV.values()),
    Variable(COMPLETE_ENV, "không đặt"),
)


def environment() -> Mapping[str, str]:
    """The process's environment, for code that takes its settings as a mapping (``mailer``)."""
    return os.environ


def mail_config_file(env: Mapping[str, str] | None = None) -> Path:
    """The mail settings file: ``$CAICACH_MAIL_CONFIG``, else ``mail.toml`` in the user's
    config folder."""
    env = environment() if env is None else env
    if env.get(MAIL_CONFIG_ENV):
        return Path(env[MAIL_CONFIG_ENV])
    from platformdirs import user_config_dir

    return Path(user_config_dir(APP_NAME)) / "mail.toml"


def cache_dir() -> Path | None:
    """Where the plan cache lives: ``$CAICACH_CACHE_DIR``, else the platform's user cache
    folder as ``platformdirs`` names it, or ``None`` when no sensible folder can be named."""
    configured = os.environ.get(CACHE_DIR_ENV)
    if configured:
        return Path(configured)
    import platformdirs

    try:
        return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))
    except (RuntimeError, KeyError, OSError):  # no home folder
        return None


def jobs() -> int | None:
    """The worker processes asked for by ``$CAICACH_JOBS`` (a positive number), if any."""
    configured = os.environ.get(JOBS_ENV, "").strip()
    if configured.isdigit() and int(configured) > 0:
        return int(configured)
    return None


def lock_timeout() -> float:
    """How long a writer waits for another one: ``$CAICACH_LOCK_TIMEOUT`` seconds (not
    negative), else ``DEFAULT_LOCK_TIMEOUT``."""
    try:
        configured = float(os.environ.get(LOCK_TIMEOUT_ENV, ""))
    except ValueError:
        return DEFAULT_LOCK_TIMEOUT
    return configured if configured >= 0 else DEFAULT_LOCK_TIMEOUT


def completing() -> bool:
    """Whether the shell asked for completions (its script sets ``_CAICACH_COMPLETE``)."""
    return bool(os.environ.get(COMPLETE_ENV))
