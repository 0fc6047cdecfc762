"""A cache of validated plans, keyed by the hash of each plan file's bytes.

Parsing and validating a plan costs milliseconds; a province reading a thousand unchanged plans
every week should not pay that again. An entry is found by the SHA-256 of the plan file's bytes
together with a fingerprint of this program (its version, the source of the modules that turn
bytes into a plan, and the versions of Python, pydantic and PyYAML), so an entry can
never be served for a file whose bytes differ by even one, nor by a program that would read
the file differently. Size and modification time play no part.

Only valid plans are stored, with their warnings; an invalid plan is always parsed again so
that its messages stay exact. An entry is two lines of JSON (never pickle: a cache file cannot
run code): a header (format, key, warnings) and the plan, which the plan model validates again
when it is read (straight from the JSON text, the fastest way measured). The cache is an
optimisation only: a missing, unreadable, corrupt or unwritable cache is ignored, and the
folder can be deleted at any time. Location: ``$CAICACH_CACHE_DIR``, else
``$XDG_CACHE_HOME/caicach``, else ``~/.cache/caicach`` (``%LOCALAPPDATA%\\caicach\\cache`` on
Windows).
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import sys
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from cai_cach import __version__
from cai_cach.errors import OutputError, Problem
from cai_cach.models import Plan

CACHE_DIR_ENV = "CAICACH_CACHE_DIR"
ENTRY_FORMAT = 1
_ENTRY_LIMIT = 64 * 1024 * 1024  # an entry larger than this is not ours: ignore it
_CACHEDIR_TAG = (
    b"Signature: 8a477f597d28d172789f06886806bc55\n"
    b"# This folder is a cache of caicach (parsed plans). It may be deleted at any time.\n"
)
_BROKEN = (OSError, ValueError, TypeError, KeyError, AttributeError, RecursionError)


def default_root() -> Path | None:
    """Where the cache lives, or ``None`` when no sensible folder can be named."""
    configured = os.environ.get(CACHE_DIR_ENV)
    if configured:
        return Path(configured)
    if sys.platform == "win32" and os.environ.get("LOCALAPPDATA"):
        return Path(os.environ["LOCALAPPDATA"]) / "caicach" / "cache"
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg and Path(xdg).is_absolute():
        return Path(xdg) / "caicach"
    try:
        return Path.home() / ".cache" / "caicach"
    except RuntimeError:  # no home folder
        return None


# The modules that turn a file's bytes into a plan and its warnings (everything that
# ``cai_cach.loading`` imports; a test keeps this list complete).
LOADING_MODULES = (
    "__init__",
    "cache",
    "errors",
    "loading",
    "models",
    "periods",
    "text",
    "validation",
    "yamlsource",
)


@functools.cache
def program_fingerprint() -> bytes:
    """Everything besides the file's bytes that can change what a plan file loads as: the
    source of the loading modules and the versions of Python, pydantic and PyYAML."""
    import pydantic
    import yaml

    digest = hashlib.sha256()
    for part in (__version__, sys.version, pydantic.VERSION, yaml.__version__):
        digest.update(part.encode() + b"\0")
    package = Path(__file__).resolve().parent
    for name in LOADING_MODULES:
        try:
            source = (package / f"{name}.py").read_bytes()
        except OSError:
            source = b"?"
        digest.update(name.encode() + b"\0" + source + b"\0")
    return digest.digest()


def content_key(raw: bytes) -> str:
    """The cache key of a plan file whose bytes are ``raw``."""
    return hashlib.sha256(program_fingerprint() + raw).hexdigest()


@dataclass(frozen=True)
class CachedPlan:
    plan: Plan
    warnings: list[Problem]


@dataclass(frozen=True)
class PlanCache:
    """The cache folder; every method fails silently (a cache is never worth an error)."""

    root: Path

    def entry_path(self, key: str) -> Path:
        return self.root / f"plans-v{ENTRY_FORMAT}" / key[:2] / f"{key}.json"

    def get(self, key: str, display: str) -> CachedPlan | None:
        """The plan stored under ``key`` (warnings addressed to ``display``), if any."""
        try:
            with self.entry_path(key).open("rb") as handle:
                raw = handle.read(_ENTRY_LIMIT + 1)
            if len(raw) > _ENTRY_LIMIT:
                return None
            header, _, body = raw.partition(b"\n")
            entry = json.loads(header)
            if entry["format"] != ENTRY_FORMAT or entry["key"] != key:
                return None
            warnings = [_problem(display, item) for item in entry["warnings"]]
            plan = Plan.model_validate_json(body)
        except _BROKEN:
            return None
        return CachedPlan(plan, warnings)

    def put(self, key: str, plan: Plan, warnings: list[Problem]) -> None:
        """Store a valid plan and its warnings under ``key``; ignore any failure."""
        header = {
            "format": ENTRY_FORMAT,
            "key": key,
            "warnings": [_problem_fields(problem) for problem in warnings],
        }
        content = (
            json.dumps(header, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
            + b"\n"
            + plan.model_dump_json().encode("utf-8")
        )
        from cai_cach.atomic import write_atomic

        path = self.entry_path(key)
        try:
            self._prepare(path.parent)
            write_atomic(path, content)
        except (OSError, OutputError):
            return

    def _prepare(self, folder: Path) -> None:
        if folder.is_dir():
            return
        from cai_cach.atomic import write_atomic

        fresh = not self.root.exists()
        folder.mkdir(parents=True, exist_ok=True)
        if fresh:
            write_atomic(self.root / "CACHEDIR.TAG", _CACHEDIR_TAG)


def open_cache(enabled: bool = True) -> PlanCache | None:
    """The user's plan cache, or ``None`` when disabled or when no folder can be named."""
    if not enabled:
        return None
    root = default_root()
    return PlanCache(root) if root is not None else None


def _problem_fields(problem: Problem) -> dict[str, Any]:
    """A warning as stored: everything but the file name (the file may move)."""
    return {name: value for name, value in asdict(problem).items() if name != "file"}


def _problem(display: str, item: dict[str, Any]) -> Problem:
    line, column = item["line"], item["column"]
    if not all(isinstance(v, str) for v in (item["message"], item["path"], item["hint"])):
        raise TypeError("cache entry: bad warning")
    if not all(v is None or isinstance(v, int) for v in (line, column)):
        raise TypeError("cache entry: bad warning position")
    return Problem(
        display,
        item["message"],
        line=line,
        column=column,
        path=item["path"],
        hint=item["hint"],
        severity=str(item["severity"]),
    )
