"""The one loading path: find plan files, read them safely, validate, and report problems."""

from __future__ import annotations

import contextlib
import functools
import gc
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from cai_cach.config import PLANS_FOLDER, jobs
from cai_cach.draftmarks import DraftMark, marks_in_decoded
from cai_cach.errors import NotFoundError, PlanError, Problem
from cai_cach.yamltext import decode, read_bytes

if TYPE_CHECKING:  # the YAML reader is imported to parse a file, never for a cached plan
    from cai_cach.cache import PlanCache
    from cai_cach.models import Plan
    from cai_cach.summary import PlanSummary
    from cai_cach.yamlsource import Document

PLAN_SUFFIXES = (".yaml", ".yml")
# A report's figures file (``reports/<plan>-<period>.so-lieu.yaml``, ``cai_cach.indicators``)
# lives beside the plans but is no plan: folders are searched without it.
FIGURES_SUFFIX = ".so-lieu.yaml"
# Parsing a plan costs a few milliseconds and starting worker processes tens of them: use
# workers only when enough plans have to be parsed (fewer where processes start by spawning).
PARALLEL_MIN_PLANS = 8
_SPAWN_MIN_PLANS = 64


@dataclass
class LoadedPlan:
    """A valid plan with where it came from.

    The parsed YAML ``document`` (values plus the line and column of each) is only needed to
    point errors into the file. It is not kept in memory: reading it re-parses the file, which
    may have changed since the plan was loaded.
    """

    path: Path
    display: str
    plan: Plan
    parsed: Document | None = field(default=None, repr=False)
    warnings: list[Problem] = field(default_factory=list)
    marks: tuple[DraftMark, ...] = ()  # the draft's review marks (``draftmarks``)

    @property
    def name(self) -> str:
        """Short id of the plan: its file name without extension (``tinh-minh-2024``)."""
        return self.path.stem

    @property
    def document(self) -> Document:
        if self.parsed is None:
            from cai_cach.yamlsource import load_document

            self.parsed = load_document(self.path, self.display)
        return self.parsed


def display_path(path: Path) -> str:
    """How the user sees a path: as they typed it; found plans relative to the current folder."""
    if not path.is_absolute():
        return str(path)
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def find_plan_dir(start: Path) -> Path | None:
    """The nearest ``plans/`` folder at or above ``start``."""
    for folder in (start, *start.parents):
        candidate = folder / PLANS_FOLDER
        if candidate.is_dir():
            return candidate
    return None


def _files_in(folder: Path) -> list[Path]:
    return sorted(
        p
        for p in folder.rglob("*")
        if p.suffix in PLAN_SUFFIXES and not p.name.endswith(FIGURES_SUFFIX) and p.is_file()
    )


def plan_files(arguments: Iterable[str], cwd: Path | None = None) -> list[Path]:
    """The plan files named on the command line (folders expanded), or the default ones."""
    paths: list[Path] = []
    for argument in arguments:
        path = Path(argument)
        paths.extend(_files_in(path) if path.is_dir() else [path])
    if paths:
        return paths
    if arguments:
        raise NotFoundError(
            "không có tệp kế hoạch (.yaml) nào trong " + ", ".join(str(a) for a in arguments)
        )
    folder = find_plan_dir(cwd or Path.cwd())
    found = [Path(display_path(p)) for p in _files_in(folder)] if folder else []
    if not found:
        raise NotFoundError(
            "không tìm thấy kế hoạch nào trong thư mục plans/",
            "chạy lệnh trong thư mục chứa plans/, "
            "hoặc chỉ đường dẫn tệp: caicach check kehoach.yaml",
        )
    return found


def load_plan(path: Path, cache: PlanCache | None = None) -> LoadedPlan:
    """Read and validate one plan; raise ``PlanError`` with every problem found.

    With a ``cache``, a file whose bytes were already validated (by this same program) is not
    parsed again, and a newly validated plan is stored.
    """
    display = str(path)
    raw = read_bytes(path, display)
    key = None
    if cache is not None:
        from cai_cach.cache import content_key

        key = content_key(raw)
        hit = cache.get(key, display)
        if hit is not None:
            return LoadedPlan(path, display, hit.plan, None, hit.warnings, hit.marks)
    loaded = _from_bytes(path, raw, display)
    if cache is not None and key is not None:
        cache.put(key, loaded.plan, loaded.warnings, marks=loaded.marks)
    loaded.parsed = None  # only errors need it; see LoadedPlan.document
    return loaded


@dataclass
class LoadedSummary:
    """A valid plan's obligations as plain data (``summary.PlanSummary``) with where it came
    from: what ``overdue`` and the roll-up need, read from the cache without the models."""

    path: Path
    display: str
    summary: PlanSummary
    warnings: list[Problem] = field(default_factory=list)
    marks: tuple[DraftMark, ...] = ()  # the draft's review marks (``draftmarks``)

    @property
    def name(self) -> str:
        """Short id of the plan: its file name without extension (``tinh-minh-2024``)."""
        return self.path.stem


def load_summary(path: Path, cache: PlanCache | None = None) -> LoadedSummary:
    """``load_plan``, keeping only the plan's plain summary: on a cache hit the summary is read
    from the entry and no pydantic model is built; otherwise the plan is validated (and
    cached) and summarised by the same ``summary.summarize`` that filled the entry."""
    from cai_cach.summary import summarize

    display = str(path)
    raw = read_bytes(path, display)
    key = None
    if cache is not None:
        from cai_cach.cache import content_key

        key = content_key(raw)
        hit = cache.get_summary(key, display)
        if hit is not None:
            return LoadedSummary(path, display, hit.summary, hit.warnings, hit.marks)
    loaded = _from_bytes(path, raw, display)
    summary = summarize(loaded.plan)
    if cache is not None and key is not None:
        cache.put(key, loaded.plan, loaded.warnings, summary, marks=loaded.marks)
    return LoadedSummary(path, display, summary, loaded.warnings, loaded.marks)


def plan_from_bytes(raw: bytes, display: str) -> tuple[Plan, Document]:
    """Decode, parse and validate the bytes of a plan file exactly as ``load_plan`` does."""
    loaded = _from_bytes(Path(display), raw, display)
    return loaded.plan, loaded.document


def validate_bytes(path: Path, raw: bytes, display: str) -> LoadedPlan:
    """``plan_from_bytes`` with the plan's warnings (what a writer checks its bytes with)."""
    return _from_bytes(path, raw, display)


def _from_bytes(path: Path, raw: bytes, display: str) -> LoadedPlan:
    """Decode, parse (positions only when a problem needs them) and validate a plan's bytes;
    the draft marks are read from the same bytes."""
    from cai_cach.yamlsource import parse

    text = decode(raw, display)
    loaded = validate_document(path, parse(text, display, positions=False))
    loaded.marks = marks_in_decoded(raw, text)
    return loaded


def validate_document(path: Path, document: Document) -> LoadedPlan:
    """Validate a parsed plan file; raise ``PlanError`` with every problem found."""
    from pydantic import ValidationError

    from cai_cach.models import Plan
    from cai_cach.validation import reference_problems, schema_problems  # not needed on hits

    display = document.file
    if not isinstance(document.data, dict):
        kind = "trống" if document.data is None else "không phải một bảng các trường"
        raise PlanError(
            [
                Problem(
                    display,
                    f"tệp kế hoạch {kind}",
                    line=1,
                    column=1,
                    hint="tệp phải bắt đầu bằng các trường plan:, officials:, sections:",
                )
            ]
        )
    try:
        plan = Plan.model_validate(document.data)
    except ValidationError as err:
        raise PlanError(document.warnings + schema_problems(err, document)) from None
    found = reference_problems(plan, document)
    errors = [problem for problem in found if problem.severity == "error"]
    if errors:
        raise PlanError(document.warnings + errors)
    warnings = document.warnings + [p for p in found if p.severity == "warning"]
    return LoadedPlan(path, display, plan, document, warnings)


@dataclass
class LoadResult:
    plans: list[LoadedPlan]
    failures: list[PlanError]


T = TypeVar("T")
L = TypeVar("L", "LoadedPlan", "LoadedSummary")  # what a worker loads


@dataclass
class Mapped(Generic[T]):
    """What ``map_plans`` computed for each valid plan, in order, and the plans that failed."""

    results: list[tuple[str, list[Problem], T]]  # plan as the user named it, warnings, result
    failures: list[PlanError]
    drafts: dict[str, tuple[DraftMark, ...]] = field(default_factory=dict)  # plans with marks


def load_plans(
    paths: Iterable[Path],
    cache: PlanCache | None = None,
    *,
    jobs: int | None = None,
    parallel_min: int | None = None,
    progress: Progress | None = None,
) -> LoadResult:
    """Load many plans, in order; a broken plan is reported without hiding the others.

    Plans found in the ``cache`` are read by this process; when at least ``parallel_min``
    (default ``PARALLEL_MIN_PLANS``) others have to be parsed, ``jobs`` worker processes
    (default: ``$CAICACH_JOBS``, else one per core) parse them meanwhile. ``progress(done,
    total)`` is called as each plan is finished.
    """
    paths = list(paths)
    tick = _counter(len(paths), progress)
    workers = available_jobs() if jobs is None else jobs
    threshold = max(2, parallel_min if parallel_min is not None else _parallel_threshold())
    to_parse: list[int] = []
    if workers > 1 and len(paths) >= threshold:
        to_parse = [i for i, path in enumerate(paths) if cache is None or not cached(path, cache)]
    if len(to_parse) < threshold:
        to_parse = []
    parsing = set(to_parse)
    outcomes: dict[int, LoadedPlan | PlanError] = {}
    with collector_paused(), _Workers(workers if to_parse else 0, tick) as pool:
        load = functools.partial(_load_for_transfer, cache=cache)
        pending = pool.map(load, [paths[i] for i in to_parse])
        for index, path in enumerate(paths):
            if index not in parsing:
                outcomes[index] = _attempt(path, cache)
                tick()
        for index, sent in zip(to_parse, pending(), strict=True):
            outcomes[index] = _received_plan(paths[index], sent)
    result = LoadResult([], [])
    for index in range(len(paths)):
        outcome = outcomes[index]
        if isinstance(outcome, PlanError):
            result.failures.append(outcome)
        else:
            result.plans.append(outcome)
    return result


def map_plans(
    paths: Iterable[Path],
    work: Callable[[LoadedPlan], T],
    cache: PlanCache | None = None,
    *,
    jobs: int | None = None,
    parallel_min: int | None = None,
    progress: Progress | None = None,
) -> Mapped[T]:
    """Load each plan and compute ``work(plan)``, keeping only the (small) results.

    For many plans, loading and ``work`` both run in ``jobs`` worker processes and only the
    results come back, so this process never holds every plan (``work`` must then be a
    module-level function or a ``functools.partial`` of one, and its result picklable).
    ``progress(done, total)`` is called as each plan is finished.
    """
    return _map(paths, work, _attempt, cache, jobs, parallel_min, progress)


def _map(
    paths: Iterable[Path],
    work: Callable[[L], T],
    attempt: Callable[[Path, PlanCache | None], L | PlanError],
    cache: PlanCache | None,
    jobs: int | None,
    parallel_min: int | None,
    progress: Progress | None,
) -> Mapped[T]:
    paths = list(paths)
    tick = _counter(len(paths), progress)
    workers = available_jobs() if jobs is None else jobs
    threshold = max(2, parallel_min if parallel_min is not None else _parallel_threshold())
    in_workers = workers > 1 and len(paths) >= threshold
    with collector_paused(), _Workers(workers if in_workers else 0, tick) as pool:
        task = functools.partial(_work_for_transfer, work=work, attempt=attempt, cache=cache)
        sent = pool.map(task, paths)()
    mapped: Mapped[T] = Mapped([], [])
    for path, outcome in zip(paths, sent, strict=True):
        if isinstance(outcome, list):
            mapped.failures.append(PlanError(outcome))
        else:
            mapped.results.append((str(path), outcome[0], outcome[1]))
            if outcome[2]:
                mapped.drafts[str(path)] = outcome[2]
    return mapped


def map_summaries(
    paths: Iterable[Path],
    work: Callable[[LoadedSummary], T],
    cache: PlanCache | None = None,
    *,
    jobs: int | None = None,
    parallel_min: int | None = None,
    progress: Progress | None = None,
) -> Mapped[T]:
    """``map_plans`` over the plans' plain summaries (``load_summary``)."""
    return _map(paths, work, _attempt_summary, cache, jobs, parallel_min, progress)


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector while plans load (nested uses are harmless).

    Loading creates many long-lived objects and no garbage cycles; with the collector on, each
    full collection walks every plan loaded so far (measured: 1,000 plans load about three
    times faster with it paused).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def available_jobs() -> int:
    """Worker processes to use: ``$CAICACH_JOBS`` if set, else the cores this process may use."""
    configured = jobs()
    if configured is not None:
        return configured
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def cached(path: Path, cache: PlanCache) -> bool:
    """Whether ``path``'s current bytes have a cache entry (without reading the entry)."""
    from cai_cach.cache import content_key

    try:
        raw = read_bytes(path, str(path))
    except PlanError:
        return True  # unreadable: reported at once, no parsing needed
    return cache.entry_path(content_key(raw)).is_file()


Progress = Callable[[int, int], None]


def _counter(total: int, progress: Progress | None) -> Callable[[], None]:
    """A function to call once per finished plan; it tells ``progress`` (done, total)."""
    done = 0

    def tick() -> None:
        nonlocal done
        done = min(done + 1, total)
        if progress is not None:
            progress(done, total)

    return tick


def _parallel_threshold() -> int:
    return PARALLEL_MIN_PLANS if _start_method() == "fork" else _SPAWN_MIN_PLANS


def _start_method() -> str:
    """Fork where it is safe and cheap (Linux); elsewhere start fresh interpreters."""
    return "fork" if sys.platform == "linux" and hasattr(os, "fork") else "spawn"


def _attempt(path: Path, cache: PlanCache | None) -> LoadedPlan | PlanError:
    try:
        return load_plan(path, cache)
    except PlanError as err:
        return err


def _attempt_summary(path: Path, cache: PlanCache | None) -> LoadedSummary | PlanError:
    try:
        return load_summary(path, cache)
    except PlanError as err:
        return err


# What crosses between processes: the problems of a broken plan, or the warnings and result of
# a valid one. A loaded plan itself crosses as JSON, validated again on arrival: that costs
# less than pickling the pydantic models both ways.
_Sent = tuple[list[Problem], T, tuple[DraftMark, ...]] | list[Problem]


def _load_for_transfer(path: Path, cache: PlanCache | None) -> _Sent[bytes]:
    outcome = _attempt(path, cache)
    if isinstance(outcome, PlanError):
        return outcome.problems
    return outcome.warnings, outcome.plan.model_dump_json().encode("utf-8"), outcome.marks


def _received_plan(path: Path, sent: _Sent[bytes]) -> LoadedPlan | PlanError:
    if isinstance(sent, list):
        return PlanError(sent)
    from cai_cach.models import Plan

    plan = Plan.model_validate_json(sent[1])
    return LoadedPlan(path, str(path), plan, None, sent[0], sent[2])


def _work_for_transfer(
    path: Path,
    work: Callable[[L], T],
    attempt: Callable[[Path, PlanCache | None], L | PlanError],
    cache: PlanCache | None,
) -> _Sent[T]:
    outcome = attempt(path, cache)
    if isinstance(outcome, PlanError):
        return outcome.problems
    return outcome.warnings, work(outcome), outcome.marks


class _Workers:
    """Worker processes for ``map``; if they cannot start, or die, the work is done here."""

    def __init__(self, count: int, tick: Callable[[], None] = lambda: None) -> None:
        self.count = count
        self.tick = tick
        self.pool: Any = None

    def __enter__(self) -> _Workers:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)

    def _abandon(self) -> None:
        """Stop the workers of a pool that could not fully start (else the interpreter waits
        for them at exit, and the command hangs after printing its result)."""
        pool, self.pool = self.pool, None
        if pool is None:
            return
        started = list(getattr(pool, "_processes", None) or {})
        processes = [pool._processes[pid] for pid in started]
        for process in processes:
            with contextlib.suppress(OSError, ValueError, AttributeError):
                process.terminate()
        for process in processes:
            with contextlib.suppress(OSError, ValueError, AttributeError):
                process.join(5)
        with contextlib.suppress(Exception):
            pool.shutdown(wait=False, cancel_futures=True)

    def map(
        self, function: Callable[[Path], _Sent[T]], paths: list[Path]
    ) -> Callable[[], list[_Sent[T]]]:
        """Start ``function(path)`` for every path (``function`` must pickle: a module-level
        function or a partial of one); the returned function waits for the outcomes, in order.
        """

        def here() -> list[_Sent[T]]:
            outcomes = []
            for path in paths:
                outcomes.append(function(path))
                self.tick()
            return outcomes

        if not paths or self.count < 2:
            return here
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        for stream in (sys.stdout, sys.stderr):  # forked workers flush what they inherit
            with contextlib.suppress(OSError, ValueError, AttributeError):
                stream.flush()
        try:
            context = multiprocessing.get_context(_start_method())
            self.pool = ProcessPoolExecutor(max_workers=self.count, mp_context=context)
            chunk = max(1, min(16, len(paths) // (4 * self.count)))
            sent = self.pool.map(function, paths, chunksize=chunk)
        except OSError:  # a process limit: the workers that did start must not outlive us
            self._abandon()
            return here

        def wait() -> list[_Sent[T]]:
            from concurrent.futures.process import BrokenProcessPool

            try:
                outcomes = []
                for outcome in sent:
                    outcomes.append(outcome)
                    self.tick()
                return outcomes
            except (OSError, BrokenProcessPool):
                return here()

        return wait
