"""A plan's dated obligations as plain data, and what is late or due soon among them.

``overdue`` and the roll-up read only this: built from a validated ``Plan`` on a cold run, read
straight from the signed cache entry on a warm one (no pydantic models built or imported), and
the same functions compute the findings and counts from it on both paths, so that the cache
cannot change an answer. Obligations do not depend on the day asked about; findings do.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from cai_cach.models import Plan, Section, Task

Status = Literal["overdue", "due_soon"]


@dataclass(frozen=True, slots=True)
class Due:
    """One dated obligation of a task: a milestone (``period`` None), or one occurrence of a
    recurring duty (``period`` its key, ``period_label`` how the plan names it)."""

    what: str
    due: date
    done: date | None
    period: str | None = None
    period_label: str | None = None

    @property
    def kind(self) -> str:
        return "milestone" if self.period is None else "occurrence"

    @property
    def label(self) -> str:
        return self.what if self.period is None else f"{self.what} ({self.period_label})"


@dataclass(frozen=True, slots=True)
class TaskDues:
    """A task (or reporting duty: ``section`` empty) and its obligations: milestones first,
    then occurrences, as ``schedule.obligations`` yields them (before the effective date too)."""

    id: str
    section: str
    title: str
    lead: tuple[str, ...]
    support: tuple[str, ...]
    dues: tuple[Due, ...]


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
    effective: date | None  # nothing falls due before it (``Plan.effective``)
    officials: tuple[OfficialName, ...]
    tasks: tuple[TaskDues, ...]

    def titles(self, official_ids: tuple[str, ...]) -> list[str]:
        """The labels of ``official_ids`` (as ``Plan.titles``)."""
        labels = {official.id: official.label for official in self.officials}
        return [labels[oid] for oid in official_ids if oid in labels]


@dataclass(frozen=True, slots=True)
class Finding:
    task: TaskDues
    due: Due
    status: Status
    days_overdue: int  # negative: days left before the due date


def task_dues(plan: Plan, section: Section | None, task: Task) -> TaskDues:
    """The summary of one task of ``plan`` (``section`` None for a reporting duty)."""
    from cai_cach.cadence import occurrences
    from cai_cach.schedule import nine_months

    dues = [Due(m.what, m.due.date, m.done) for m in task.milestones]
    if task.recurring:
        dues += [
            Due(o.recurrence.what, o.due, o.done, o.period.key, o.period.label)
            for o in occurrences(task.recurring, plan.year, nine_months(plan))
        ]
    return TaskDues(
        task.id,
        section.id if section is not None else "",
        task.title,
        tuple(task.lead),
        tuple(task.support),
        tuple(dues),
    )


def summarize(plan: Plan) -> PlanSummary:
    """The plain summary of a validated plan."""
    tasks = [task_dues(plan, section, task) for section, task in plan.tasks()]
    officials = tuple(
        OfficialName(official_id, official.title, official.name)
        for official_id, official in plan.officials.items()
    )
    info = plan.plan
    return PlanSummary(
        info.year, info.agency.name, info.title, plan.effective, officials, tuple(tasks)
    )


def late_or_due(summary: PlanSummary, as_of: date, soon_days: int | None = None) -> list[Finding]:
    """Open obligations due from the plan's effective date to before ``as_of`` (overdue) and,
    with ``soon_days``, those due from ``as_of`` up to ``soon_days`` days later."""
    horizon = as_of + timedelta(days=soon_days) if soon_days is not None else None
    last = max(as_of - timedelta(days=1), horizon or date.min)  # the last due day shown
    effective = summary.effective or date.min
    findings = []
    for task in summary.tasks:
        for due in task.dues:
            if due.done is None and effective <= due.due <= last:
                days = (as_of - due.due).days
                status: Status = "overdue" if due.due < as_of else "due_soon"
                findings.append(Finding(task, due, status, days))
    return findings


# --- as stored in a cache entry (JSON) ------------------------------------------------------


def to_plain(summary: PlanSummary) -> dict[str, Any]:
    """The summary as JSON-ready lists and text (``from_plain`` reads it back)."""
    return {
        "year": summary.year,
        "agency": summary.agency,
        "title": summary.title,
        "effective": _day_text(summary.effective),
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
            [d.what, d.due.isoformat(), _day_text(d.done), d.period, d.period_label]
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

    Every field's type is checked, inline (a warm run reads tens of thousands of them)."""
    officials = []
    for oid, title, name in shape["officials"]:
        if type(oid) is not str or type(title) is not str or type(name) not in _OPTIONAL_TEXT:
            raise TypeError("summary: bad official")
        officials.append(OfficialName(oid, title, name))
    tasks = []
    for task_id, section, title, lead, support, rows in shape["tasks"]:
        if type(task_id) is not str or type(section) is not str or type(title) is not str:
            raise TypeError("summary: bad task")
        lead, support = tuple(lead), tuple(support)
        if not set(map(type, lead + support)) <= {str}:
            raise TypeError("summary: bad official id")
        dues = []
        for what, due, done, period, label in rows:
            if (
                type(what) is not str
                or type(period) not in _OPTIONAL_TEXT
                or type(label) not in _OPTIONAL_TEXT
            ):
                raise TypeError("summary: bad obligation")
            done_day = None if done is None else date.fromisoformat(done)
            dues.append(Due(what, date.fromisoformat(due), done_day, period, label))
        tasks.append(TaskDues(task_id, section, title, lead, support, tuple(dues)))
    year = shape["year"]
    if type(year) is not int:
        raise TypeError("summary: bad year")
    effective = shape["effective"]
    return PlanSummary(
        year,
        _text(shape["agency"]),
        _text(shape["title"]),
        None if effective is None else date.fromisoformat(effective),
        tuple(officials),
        tuple(tasks),
    )


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
