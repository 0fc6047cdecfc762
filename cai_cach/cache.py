"""A cache of validated plans, keyed by the hash of each plan file's bytes.

Parsing and validating a plan costs milliseconds; a province reading a thousand unchanged plans
every week should not pay that again. An entry is found by the SHA-256 of the plan file's bytes
together with a fingerprint of this program (its version, the source of the modules that turn
bytes into a plan, and the versions of Python, pydantic and PyYAML), so an entry can
never be served for a file whose bytes differ by even one, nor by a program that would read
the file differently. Size and modification time play no part.

Only valid plans are stored, with their warnings; an invalid plan is always parsed again so
that its messages stay exact. An entry is two lines of JSON (never pickle: a cache file cannot
run code): a header (format, key, warnings, the draft's review marks, and the plan's
obligations as plain data, ``summary.PlanSummary``, which ``overdue`` and the roll-up read
without building or importing the pydantic models) and the plan, which the plan model validates
again when it is read (straight from the JSON text, the fastest way measured). Both are under
one HMAC. The cache is an optimisation only: a missing, unreadable, corrupt or unwritable cache
is ignored, and the folder can be deleted at any time; so entries are renamed into place
without fsync (a torn entry fails its HMAC and the plan is parsed again). Location:
``$CAICACH_CACHE_DIR``, else ``$XDG_CACHE_HOME/caicach``, else ``~/.cache/caicach``
(``%LOCALAPPDATA%\\caicach\\cache`` on Windows).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import hmac
import json
import os
import stat
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cai_cach import __version__
from cai_cach.errors import OutputError, Problem
from cai_cach.yamltext import read_capped

if TYPE_CHECKING:
    from cai_cach.draftmarks import DraftMark
    from cai_cach.models import Plan
    from cai_cach.summary import PlanSummary

ENTRY_FORMAT = 3
_ENTRY_LIMIT = 64 * 1024 * 1024  # an entry larger than this is not ours: ignore it
_CACHEDIR_TAG = (
    b"Signature: 8a477f597d28d172789f06886806bc55\n"
    b"# This folder is a cache of caicach (parsed plans). It may be deleted at any time.\n"
)
_BROKEN = (OSError, ValueError, TypeError, KeyError, AttributeError, RecursionError)


def default_root() -> Path | None:
    """Where the cache lives (``config.cache_dir``: ``$CAICACH_CACHE_DIR``, else the user's
    cache folder), or ``None`` when no sensible folder can be named."""
    from cai_cach.config import cache_dir

    return cache_dir()


# The modules that turn a file's bytes into a plan, its warnings and its summary (everything
# that ``cai_cach.loading`` imports, and what the summary is computed by; a test keeps this
# list complete).
LOADING_MODULES = (
    "__init__",
    "cache",
    "cadence",
    "draftmarks",
    "config",
    "errors",
    "loading",
    "models",
    "periods",
    "schedule",
    "summary",
    "text",
    "validation",
    "yamlsource",
    "yamlsyntax",
    "yamltext",
)


@functools.cache
def program_fingerprint() -> bytes:
    """Everything besides the file's bytes that can change what a plan file loads as: the
    source of the loading modules and the versions of Python, pydantic and PyYAML (read from
    their files, so that a run served from the cache imports neither)."""
    digest = hashlib.sha256()
    for part in (__version__, sys.version):
        digest.update(part.encode() + b"\0")
    for stamp in library_stamps():
        digest.update(stamp + b"\0")
    package = Path(__file__).resolve().parent
    for name in LOADING_MODULES:
        try:
            source = (package / f"{name}.py").read_bytes()
        except OSError:
            source = b"?"
        digest.update(name.encode() + b"\0" + source + b"\0")
    return digest.digest()


# The file of each library that names its version, and whether PyYAML has its C extension
# (the reader uses libyaml's loader when present).
_VERSION_FILES = (("pydantic", "version.py"), ("yaml", "__init__.py"))


def library_stamps() -> list[bytes]:
    """The version files of pydantic (which pins its pydantic-core) and PyYAML, and the name
    of PyYAML's C extension if it has one, found without importing either library (importing
    pydantic alone costs more than a warm run's own work)."""
    from importlib.util import find_spec

    stamps: list[bytes] = []
    for library, version_file in _VERSION_FILES:
        spec = find_spec(library)
        folders = list(spec.submodule_search_locations or []) if spec is not None else []
        if not folders:
            stamps.append(f"{library}: ?".encode())
            continue
        folder = Path(folders[0])
        try:
            stamps.append((folder / version_file).read_bytes())
            if library == "yaml":
                extension = sorted(name for name in os.listdir(folder) if name.startswith("_yaml"))
                stamps.append(" ".join(extension).encode())
        except OSError:
            stamps.append(f"{library}: ?".encode())
    return stamps


def content_key(raw: bytes) -> str:
    """The cache key of a plan file whose bytes are ``raw``."""
    return hashlib.sha256(program_fingerprint() + raw).hexdigest()


@dataclass(frozen=True)
class CachedPlan:
    plan: Plan
    warnings: list[Problem]
    marks: tuple[DraftMark, ...] = ()


@dataclass(frozen=True)
class CachedSummary:
    summary: PlanSummary
    warnings: list[Problem]
    marks: tuple[DraftMark, ...] = ()


@dataclass(frozen=True)
class PlanCache:
    """The cache folder; every method fails silently (a cache is never worth an error)."""

    root: Path
    # the secret once read (a thousand plans need it a thousand times; read once per process)
    _known: dict[str, bytes] = field(default_factory=dict, compare=False, repr=False)
    # the entry folders this process has seen made (a cold run puts into each many times)
    _folders: set[Path] = field(default_factory=set, compare=False, repr=False)

    def entry_path(self, key: str) -> Path:
        return Path(self._entry_file(key))

    def _entry_file(self, key: str) -> str:
        """``entry_path`` as text (a warm run reads a thousand entries: no ``Path`` each)."""
        return os.path.join(self.root, f"plans-v{ENTRY_FORMAT}", key[:2], f"{key}.json")

    def get(self, key: str, display: str) -> CachedPlan | None:
        """The plan stored under ``key`` (warnings addressed to ``display``), if any."""
        found = self.get_entry(key, display)
        return found[0] if found is not None else None

    def get_entry(self, key: str, display: str) -> tuple[CachedPlan, dict[str, Any]] | None:
        """``get``, with the summary as stored (``summary.to_plain``'s shape, for a writer
        that changes one task: ``summary.with_task``)."""
        from cai_cach.models import Plan

        try:
            found = self._verified(key, display)
            if found is None:
                return None
            warnings, plan_line, plain, marks = found
            plan = Plan.model_validate_json(plan_line)
            if _reference_errors(plan, display) or not isinstance(plain, dict):
                return None
        except _BROKEN:
            return None
        return CachedPlan(plan, warnings, marks), plain

    def get_summary(self, key: str, display: str) -> CachedSummary | None:
        """The plain summary of the plan stored under ``key``, without building the plan."""
        from cai_cach.summary import from_plain, references_known

        try:
            found = self._verified(key, display)
            if found is None:
                return None
            warnings, _, plain, marks = found
            summary = from_plain(plain)
            if not references_known(summary):
                return None
        except _BROKEN:
            return None
        return CachedSummary(summary, warnings, marks)

    def _verified(
        self, key: str, display: str
    ) -> tuple[list[Problem], bytes, Any, tuple[DraftMark, ...]] | None:
        """The warnings, plan line, plain summary and draft marks of a signed entry of this
        format."""
        from cai_cach.draftmarks import from_plain as marks_from_plain

        secret = self._secret(create=False)
        if secret is None:
            return None
        raw = _read_private(self._entry_file(key))
        if raw is None:
            return None
        mac, _, signed = raw.partition(b"\n")
        if not hmac.compare_digest(mac, _mac(secret, key, signed)):
            return None  # edited, planted or written by another user: never served
        header, _, plan_line = signed.partition(b"\n")
        entry = json.loads(header)
        if entry["format"] != ENTRY_FORMAT or entry["key"] != key:
            return None
        warnings = [_problem(display, item) for item in entry["warnings"]]
        return warnings, plan_line, entry["summary"], marks_from_plain(entry["marks"])

    def put(
        self,
        key: str,
        plan: Plan,
        warnings: list[Problem],
        summary: PlanSummary | None = None,
        plain: dict[str, Any] | None = None,
        *,
        marks: tuple[DraftMark, ...] = (),
    ) -> None:
        """Store a valid plan, its summary (``summarize(plan)`` unless given, as a
        ``PlanSummary`` or already ``to_plain``), its warnings and its draft marks (read from
        the same bytes) under ``key``; ignore any failure."""
        from cai_cach.summary import summarize, to_plain

        if plain is None:
            plain = to_plain(summary if summary is not None else summarize(plan))
        header = {
            "format": ENTRY_FORMAT,
            "key": key,
            "warnings": [_problem_fields(problem) for problem in warnings],
            "summary": plain,
            "marks": [mark.as_plain() for mark in marks],
        }
        signed = (
            _HEADER.encode(header).encode("utf-8")
            + b"\n"
            + plan.__pydantic_serializer__.to_json(plan)  # what model_dump_json gives, as bytes
        )
        path = self.entry_path(key)
        try:
            self._prepare(path.parent)
            secret = self._secret(create=True)
            if secret is None:
                return
            _write_entry(path, _mac(secret, key, signed) + b"\n" + signed)
        except (OSError, OutputError):
            self._folders.clear()  # the folder may have been deleted: look again next time
            return

    def usable(self) -> bool:
        """Whether the folder is ours alone: a folder others may write is never trusted."""
        for folder in (self.root, self.root / f"plans-v{ENTRY_FORMAT}"):
            try:
                status = os.lstat(folder)
            except FileNotFoundError:
                continue
            except OSError:
                return False
            if not stat.S_ISDIR(status.st_mode) or status.st_mode & 0o022:
                return False
            if hasattr(os, "getuid") and status.st_uid != os.getuid():
                return False
        return True

    def _secret(self, *, create: bool) -> bytes | None:
        """The per-user key of the entries' HMAC (``secret``, mode 0600, in a 0700 folder)."""
        if "secret" in self._known:
            return self._known["secret"]
        path = self.root / "secret"
        raw = _read_private(path, limit=64)
        if raw is not None and len(raw) == 32:
            self._known["secret"] = raw
            return raw
        if not create or raw is not None:
            return None
        with contextlib.suppress(OSError):  # a folder made by an older version: make it private
            os.chmod(self.root, 0o700)
        # Written whole under a temporary name, then linked into place (fails if another
        # process was first): a reader never sees a secret half written, and two processes
        # creating it at once agree on the first one.
        import tempfile

        secret = os.urandom(32)
        descriptor, temporary = tempfile.mkstemp(prefix=".secret.", dir=self.root)
        try:
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(secret)
            try:
                os.link(temporary, path)
            except FileExistsError:
                return self._secret(create=False)
        finally:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
        self._known["secret"] = secret
        return secret

    def _prepare(self, folder: Path) -> None:
        if folder in self._folders:
            return
        if not folder.is_dir():
            self._make(folder)
        self._folders.add(folder)

    def _make(self, folder: Path) -> None:
        from cai_cach.atomic import write_atomic

        if self.root not in self._folders:
            fresh = not self.root.exists()
            self.root.mkdir(mode=0o700, parents=True, exist_ok=True)
            if fresh:
                write_atomic(self.root / "CACHEDIR.TAG", _CACHEDIR_TAG, lock=False, durable=False)
            self._folders.add(self.root)
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)


def open_cache(enabled: bool = True) -> PlanCache | None:
    """The user's plan cache, or ``None`` when disabled or when no folder can be named."""
    if not enabled:
        return None
    root = default_root()
    if root is None:
        return None
    cache = PlanCache(root)
    return cache if cache.usable() else None


# An entry's header, as ``json.dumps(header, ensure_ascii=False, separators=(",", ":"))``
# writes it (one encoder for every entry; the header is never circular).
_HEADER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), check_circular=False)


def _write_entry(path: Path, content: bytes) -> None:
    """Put an entry in place atomically: written whole under a fresh temporary name in its
    folder (created exclusively, private, never through a link), then renamed over ``path``.
    No fsync and no lock: a torn entry fails its HMAC, and two processes writing one key
    write the same bytes. (``atomic.write_atomic``'s checks are for the clerk's files.)"""
    temporary = path.with_name(f".{path.name}.{os.urandom(6).hex()}.tmp")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    flags |= getattr(os, "O_BINARY", 0)
    descriptor = os.open(temporary, flags, 0o600)
    try:
        try:
            view = memoryview(content)
            while view:
                view = view[os.write(descriptor, view) :]
        finally:
            os.close(descriptor)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _mac(secret: bytes, key: str, signed: bytes) -> bytes:
    return hmac.new(secret, key.encode() + b"\n" + signed, hashlib.sha256).hexdigest().encode()


def _read_private(path: Path | str, limit: int = _ENTRY_LIMIT) -> bytes | None:
    """The bytes of ``path`` if it is a regular file (not a link, FIFO or device) owned by
    this user and no larger than ``limit``; else ``None`` (a FIFO cannot block: O_NONBLOCK)."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        descriptor = os.open(path, flags)
    except OSError:
        return None
    with os.fdopen(descriptor, "rb") as handle:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode) or status.st_size > limit:
            return None
        if hasattr(os, "getuid") and status.st_uid != os.getuid():
            return None
        raw = read_capped(handle, status.st_size, limit)
    return raw if len(raw) <= limit else None


def _reference_errors(plan: Plan, display: str) -> bool:
    """Whether a cached plan breaks a cross-reference (``lead: [ghost]``): re-checked on every
    hit, so that even a verified entry cannot pass what the file would not."""
    from cai_cach.validation import may_have_reference_errors, reference_problems
    from cai_cach.yamlsource import Document, SourceMap

    if not may_have_reference_errors(plan):
        return False
    found = reference_problems(plan, Document(display, None, SourceMap(), ""))
    return any(problem.severity == "error" for problem in found)


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
