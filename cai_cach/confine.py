"""Run a function in a child process that cannot outgrow its limits.

A timer inside a Python process cannot interrupt C code (``'%900000000d' % 1`` formats for
seconds and takes gigabytes before the interpreter looks at a signal again), so work that
must stay bounded runs in a forked child: its address space may grow by ``memory_bytes``
beyond the parent's (``RLIMIT_AS``), it may use ``cpu_seconds`` of processor time
(``RLIMIT_CPU``), and the parent kills it (``SIGKILL``) once ``wall_seconds`` have passed,
whatever it is doing. The result (or the exception raised) comes back pickled through a pipe.

Where there is no ``fork`` or no ``resource`` module (Windows), ``available()`` is false and
the caller runs the work in-process with its own, weaker, limits. This module knows nothing
of templates or plans.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import select
import signal
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal, TypeVar

T = TypeVar("T")

Exhausted = Literal["memory", "cpu", "time"]


@dataclass(frozen=True)
class Limits:
    memory_bytes: int  # address space the child may add to what it starts with
    cpu_seconds: int
    wall_seconds: float


class LimitExceeded(Exception):
    """The child used up its memory, processor time or wall-clock time and was stopped."""

    def __init__(self, what: Exhausted) -> None:
        super().__init__(what)
        self.what: Exhausted = what


def available() -> bool:
    """Whether work can be confined to a child process on this platform."""
    try:
        import resource  # noqa: F401  (POSIX only)
    except ImportError:  # pragma: no cover - Windows
        return False
    return hasattr(os, "fork")


def _address_space() -> int | None:
    """This process's current virtual size in bytes (Linux ``/proc``), if known."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            pages = int(statm.read().split()[0])
    except (OSError, ValueError, IndexError):
        return None
    return pages * os.sysconf("SC_PAGE_SIZE")


def _limit_self(limits: Limits) -> None:
    import resource

    size = _address_space()
    if size is not None:
        cap = size + limits.memory_bytes
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    cpu = max(1, limits.cpu_seconds)
    with contextlib.suppress(ValueError, OSError):  # a lower hard limit set by the system
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))


def _child(function: Callable[[], T], limits: Limits, out: int) -> None:
    """In the child: limit, run, send back ``("ok", result)`` or ``("error", exception)``."""
    try:
        _limit_self(limits)
        outcome: tuple[str, object] = ("ok", function())
    except MemoryError:
        outcome = ("exceeded", "memory")
    except BaseException as err:  # everything goes back to the parent
        outcome = ("error", err)
    try:
        payload = pickle.dumps(outcome)
    except MemoryError:
        payload = pickle.dumps(("exceeded", "memory"))
    except Exception as err:  # an unpicklable result or exception
        payload = pickle.dumps(("error", RuntimeError(f"{type(err).__name__}: {err}")))
    with os.fdopen(out, "wb") as pipe:
        pipe.write(payload)


def _read_until(source: int, deadline: float) -> bytes | None:
    """Everything written to ``source`` until it closes, or ``None`` at ``deadline``."""
    chunks: list[bytes] = []
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            return None
        ready, _, _ = select.select([source], [], [], left)
        if not ready:
            continue
        chunk = os.read(source, 1 << 20)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def run_confined(function: Callable[[], T], limits: Limits) -> T:
    """``function()``'s result, computed in a child process under ``limits``; its exception
    re-raised here; ``LimitExceeded`` when the child ran out of memory or time."""
    source, sink = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child (its coverage is not collected)
        status = 1
        try:
            os.close(source)
            _child(function, limits, sink)
            status = 0
        finally:
            os._exit(status)
    os.close(sink)
    try:
        payload = _read_until(source, time.monotonic() + limits.wall_seconds)
    finally:
        os.close(source)
    if payload is None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        raise LimitExceeded("time")
    _, status = os.waitpid(pid, 0)
    if not payload:  # killed (processor time) or died without a word (out of memory)
        cpu = os.WIFSIGNALED(status) and os.WTERMSIG(status) in (signal.SIGXCPU, signal.SIGKILL)
        raise LimitExceeded("cpu" if cpu else "memory")
    kind, value = pickle.loads(payload)  # our own child's bytes
    if kind == "ok":
        return value  # type: ignore[no-any-return]
    if kind == "exceeded":
        raise LimitExceeded(value)
    raise value
