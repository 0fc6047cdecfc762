"""What is due when: milestones and the occurrences of recurring obligations."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Literal

from cai_cach.cadence import occurrence_due, occurrences
from cai_cach.models import Milestone, Plan, Recurrence, Task
from cai_cach.periods import Period

__all__ = ["occurrence_due"]


@dataclass(frozen=True)
class Obligation:
    """One dated thing a task must deliver: a milestone, or one occurrence of a recurrence."""

    plan: Plan
    task: Task
    what: str
    due: date
    done: date | None
    period: Period | None = None  # set for occurrences of a recurring obligation
    covers: tuple[str, ...] = ()  # period keys of shorter occurrences merged into this one

    @property
    def kind(self) -> str:
        return "milestone" if self.period is None else "occurrence"

    @property
    def label(self) -> str:
        if self.period is None:
            return self.what
        return f"{self.what} ({self.period.label})"


def _milestone(plan: Plan, task: Task, milestone: Milestone) -> Obligation:
    return Obligation(plan, task, milestone.what, milestone.due.date, milestone.done)


def obligations(plan: Plan) -> Iterator[Obligation]:
    """Every dated obligation of a plan, in document order.

    Nothing falls due before the plan took effect (``Plan.effective``): a plan approved in
    July owes no first-quarter report (``validation`` warns about milestones dated before it).
    """
    effective = plan.effective or date.min
    for _, task in plan.tasks():
        for milestone in task.milestones:
            if milestone.due.date >= effective or milestone.done is not None:
                yield _milestone(plan, task, milestone)
        for occurrence in occurrences(task.recurring, plan.year, nine_months(plan)):
            if occurrence.due < effective and occurrence.done is None:
                continue
            yield Obligation(
                plan,
                task,
                occurrence.recurrence.what,
                occurrence.due,
                occurrence.done,
                occurrence.period,
                occurrence.covers,
            )


def nine_months(plan: Plan) -> bool:
    """Whether the plan reports on 9 tháng instead of quý III (``plan.report.nine_months``)."""
    return plan.plan.report is not None and plan.plan.report.nine_months


# --- one task in full, one month's work (``caicach show``, ``agenda``, ``calendar``) ------

State = Literal["done", "done_late", "overdue", "not_due"]


@dataclass(frozen=True)
class Dated:
    """An obligation and where it stands on a given day."""

    obligation: Obligation
    state: State
    days_late: int  # overdue: days past due; done late: days after due; otherwise 0


def state_on(obligation: Obligation, as_of: date) -> Dated:
    """Done (on time or late) when its completion is recorded on or before ``as_of``; else
    overdue once its due day has passed, else not yet due."""
    done = obligation.done
    if done is not None and done <= as_of:
        late = (done - obligation.due).days
        return Dated(obligation, "done_late" if late > 0 else "done", max(late, 0))
    if obligation.due < as_of:
        return Dated(obligation, "overdue", (as_of - obligation.due).days)
    return Dated(obligation, "not_due", 0)


def task_obligations(plan: Plan, task: Task) -> list[Obligation]:
    """The obligations of one task, in document order (milestones, then occurrences)."""
    return [obligation for obligation in obligations(plan) if obligation.task is task]


@dataclass(frozen=True)
class TaskSchedule:
    """One task's milestones and each recurrence's occurrences, with their state."""

    milestones: list[Dated]
    recurring: list[tuple[Recurrence, list[Dated]]]


def task_schedule(plan: Plan, task: Task, as_of: date) -> TaskSchedule:
    milestones: list[Dated] = []
    recurring: list[tuple[Recurrence, list[Dated]]] = [(r, []) for r in task.recurring]
    for obligation in task_obligations(plan, task):
        dated = state_on(obligation, as_of)
        if obligation.period is None:
            milestones.append(dated)
            continue
        for recurrence, dated_list in recurring:
            if recurrence.what == obligation.what and recurrence.every == obligation.period.kind:
                dated_list.append(dated)
                break
    return TaskSchedule(milestones, recurring)


def month_agenda(plan: Plan, month: Period, as_of: date) -> list[Dated]:
    """The work of ``month``: every obligation due in it (whatever its state), and before them
    the open ones that fell due earlier and are still overdue on ``as_of`` — most overdue
    first, then by due day."""
    start, end = month.start, month.end
    carried: list[Dated] = []
    due: list[Dated] = []
    for obligation in obligations(plan):
        dated = state_on(obligation, as_of)
        if start <= obligation.due <= end:
            due.append(dated)
        elif obligation.due < start and dated.state == "overdue":
            carried.append(dated)
    carried.sort(key=lambda dated: -dated.days_late)
    due.sort(key=lambda dated: (dated.state != "overdue", dated.obligation.due))
    return carried + due
