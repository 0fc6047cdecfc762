"""A plan's dated obligations as plain data, and what is late or due soon among them.

``overdue`` and the roll-up read only this: built from a validated ``Plan`` on a cold run, read
straight from the signed cache entry on a warm one (no pydantic models built or imported), and
the same functions compute the findings and counts from it on both paths, so that the cache
cannot change an answer. Obligations do not depend on the day asked about; findings do. The
summary holds only what the plan owes (``schedule.task_dues``: the plan's window and a task's
amendments, ``standing.owed``), each as a ``standing.Obligation``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, fields
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, Literal

from cai_cach.standing import Obligation, period_of, standing

if TYPE_CHECKING:
    from cai_cach.models import Plan, Section, Task
    from cai_cach.periods import Period

Status = Literal["overdue", "due_soon"]


@dataclass(frozen=True, slots=True)
class TaskDues:
    """A task (or reporting duty: ``section`` empty) and the obligations it owes: milestones
    first, then occurrences, as ``schedule.obligations`` yields them (only what is owed)."""

    id: str
    section: str
    title: str
    lead: tuple[str, ...]
    support: tuple[str, ...]
    dues: tuple[Obligation, ...]


@dataclass(frozen=True, slots=True)
class OfficialName:
    id: str
    title: str
    name: str | None

    @property
    def label(self) -> str:
        return f"{self.title} ({self.name})" if self.name else self.title


@dataclass(frozen=True)
class PlanSummary:
    year: int
    agency: str
    title: str
    officials: tuple[OfficialName, ...]
    tasks: tuple[TaskDues, ...]

    def titles(self, official_ids: tuple[str, ...]) -> list[str]:
        """The labels of ``official_ids`` (as ``Plan.titles``)."""
        labels = self.labels
        return [labels[oid] for oid in official_ids if oid in labels]

    @functools.cached_property
    def labels(self) -> dict[str, str]:
        """Each official's label by id (asked for twice by each of the plan's findings)."""
        return {official.id: official.label for official in self.officials}


@dataclass(frozen=True, slots=True)
class Finding:
    task: TaskDues
    due: Obligation
    status: Status
    days_overdue: int  # negative: days left before the due date


def task_summary(
    plan: Plan, section: Section | None, task: Task, nine: bool | None = None
) -> TaskDues:
    """The summary of one task of ``plan`` (``section`` None for a reporting duty): what it
    owes in the plan's window."""
    from cai_cach.schedule import nine_months, task_dues

    if nine is None:
        nine = nine_months(plan)
    return _as_task_dues(section, task, task_dues(plan, task, nine, plan.window))


def _as_task_dues(section: Section | None, task: Task, dues: list[Obligation]) -> TaskDues:
    return TaskDues(
        task.id,
        section.id if section is not None else "",
        task.title,
        tuple(task.lead),
        tuple(task.support),
        tuple(dues),
    )


def summarize(plan: Plan) -> PlanSummary:
    """The plain summary of a validated plan: ``task_summary`` of each task, with what they
    share (the schedule, the plan's window, whether it runs nine months) found once."""
    from cai_cach.schedule import nine_months, task_dues

    nine, window = nine_months(plan), plan.window
    tasks = [
        _as_task_dues(section, task, task_dues(plan, task, nine, window))
        for section, task in plan.tasks()
    ]
    officials = tuple(
        OfficialName(official_id, official.title, official.name)
        for official_id, official in plan.officials.items()
    )
    info = plan.plan
    return PlanSummary(info.year, info.agency.name, info.title, officials, tuple(tasks))


def late_or_due(summary: PlanSummary, as_of: date, soon_days: int | None = None) -> list[Finding]:
    """Open obligations due before ``as_of`` (overdue: ``standing.standing``) and, with
    ``soon_days``, those due from ``as_of`` up to ``soon_days`` days later (the summary holds
    only what is owed)."""
    horizon = as_of + timedelta(days=soon_days) if soon_days is not None else None
    last = max(as_of - timedelta(days=1), horizon or date.min)  # the last due day shown
    findings = []
    for task in summary.tasks:
        for due in task.dues:
            if due.done is None and due.due <= last:
                days = (as_of - due.due).days
                late = standing(due.due, None, as_of) == "overdue"
                status: Status = "overdue" if late else "due_soon"
                findings.append(Finding(task, due, status, days))
    return findings


# --- as stored in a cache entry (JSON) ------------------------------------------------------


def to_plain(summary: PlanSummary) -> dict[str, Any]:
    """The summary as JSON-ready lists and text (``from_plain`` reads it back)."""
    return {
        "year": summary.year,
        "agency": summary.agency,
        "title": summary.title,
        "officials": [[o.id, o.title, o.name] for o in summary.officials],
        "tasks": [task_plain(task) for task in summary.tasks],
    }


def task_plain(task: TaskDues) -> list[Any]:
    """One task's row of ``to_plain``."""
    return [
        task.id,
        task.section,
        task.title,
        list(task.lead),
        list(task.support),
        [
            [
                d.what,
                d.due.isoformat(),
                _day_text(d.done),
                d.period.key if d.period else None,
                list(d.covers),
            ]
            for d in task.dues
        ],
    ]


def with_task(shape: dict[str, Any], index: int, task: TaskDues) -> dict[str, Any] | None:
    """``to_plain``'s ``shape`` with task ``index`` replaced by ``task`` (a plan edited in one
    task, so that its summary is not computed again), or ``None`` if no such task is there."""
    rows = shape.get("tasks")
    if not isinstance(rows, list) or not 0 <= index < len(rows) or rows[index][0] != task.id:
        return None
    rows = list(rows)
    rows[index] = task_plain(task)
    return {**shape, "tasks": rows}


def from_plain(shape: Any) -> PlanSummary:
    """The summary ``to_plain`` gave; ``TypeError``/``ValueError``/``KeyError`` if malformed.

    Every field's type is checked, inline (a warm run reads tens of thousands of them), and
    the records are made without their ``__init__``'s per-field guard (``_make_obligation``:
    a province's warm roll-up makes a hundred thousand of them)."""
    officials = []
    for oid, title, name in shape["officials"]:
        if type(oid) is not str or type(title) is not str or type(name) not in _OPTIONAL_TEXT:
            raise TypeError("summary: bad official")
        officials.append(OfficialName(oid, title, name))
    tasks = []
    day, obligation, task_dues = date.fromisoformat, _make_obligation, _make_task_dues
    texts, optional, period_named = _texts, _OPTIONAL_TEXT, period_of
    for task_id, section, title, lead, support, rows in shape["tasks"]:
        if type(task_id) is not str or type(section) is not str or type(title) is not str:
            raise TypeError("summary: bad task")
        lead, support = texts(lead), texts(support)
        dues = []
        for what, due, done, period, covers in rows:
            if type(what) is not str or type(period) not in optional:
                raise TypeError("summary: bad obligation")
            covered = () if covers == [] else texts(covers)
            done_day = None if done is None else day(done)
            owner = None if period is None else period_named(period)
            dues.append(obligation(what, day(due), done_day, owner, covered))
        tasks.append(task_dues(task_id, section, title, lead, support, tuple(dues)))
    year = shape["year"]
    if type(year) is not int:
        raise TypeError("summary: bad year")
    return PlanSummary(
        year, _text(shape["agency"]), _text(shape["title"]), tuple(officials), tuple(tasks)
    )


def _texts(values: Any) -> tuple[str, ...]:
    """A stored list of texts as a tuple; ``TypeError`` for anything else."""
    if type(values) is not list:
        raise TypeError("summary: list expected")
    found = tuple(values)
    for value in found:
        if type(value) is not str:
            raise TypeError("summary: text expected")
    return found


def _slot_setters(record: type, names: str) -> tuple[Callable[[Any, Any], None], ...]:
    """The setters of a slotted record's fields, by name (checked against its fields)."""
    if tuple(names.split()) != tuple(item.name for item in fields(record)):
        raise TypeError(f"{record.__name__}: fields changed")
    return tuple(getattr(record, name).__set__ for name in names.split())


# A frozen dataclass's ``__init__`` sets each field through ``object.__setattr__`` to get past
# its own guard, which costs as much again as the object itself. The two records read back
# by the hundred thousand from cache entries (fields all given and already checked) are made
# by setting their slots directly: the same objects (equal, hashable, still frozen).
_WHAT, _DUE, _DONE, _PERIOD, _COVERS = _slot_setters(Obligation, "what due done period covers")
_ID, _SECTION, _TITLE, _LEAD, _SUPPORT, _DUES = _slot_setters(
    TaskDues, "id section title lead support dues"
)


def _make_obligation(
    what: str, due: date, done: date | None, period: Period | None, covers: tuple[str, ...]
) -> Obligation:
    made = object.__new__(Obligation)
    _WHAT(made, what)
    _DUE(made, due)
    _DONE(made, done)
    _PERIOD(made, period)
    _COVERS(made, covers)
    return made


def _make_task_dues(
    task_id: str,
    section: str,
    title: str,
    lead: tuple[str, ...],
    support: tuple[str, ...],
    dues: tuple[Obligation, ...],
) -> TaskDues:
    made = object.__new__(TaskDues)
    _ID(made, task_id)
    _SECTION(made, section)
    _TITLE(made, title)
    _LEAD(made, lead)
    _SUPPORT(made, support)
    _DUES(made, dues)
    return made


_OPTIONAL_TEXT = {str, type(None)}


def references_known(summary: PlanSummary) -> bool:
    """Unique task ids, and every lead and support one of the plan's officials (what a cache
    hit re-checks, as it re-checks a cached plan's cross-references)."""
    known = {official.id for official in summary.officials}
    ids = {task.id for task in summary.tasks}
    if len(ids) != len(summary.tasks):
        return False
    return all(
        known.issuperset(task.lead) and known.issuperset(task.support) for task in summary.tasks
    )


def _day_text(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError("summary: text expected")
    return value
