"""What is due when: milestones and the occurrences of recurring obligations, as owed.

Every listing of a plan's obligations goes through ``obligations``, which keeps only what is
owed (``standing.owed``: the plan's window, a task's amendment); where each stands on a day is
``standing.standing``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from cai_cach.cadence import occurrence_due, occurrence_parts
from cai_cach.models import Plan, Recurrence, Task
from cai_cach.periods import Period
from cai_cach.standing import Obligation, Span, Standing, days_late, owed, standing

__all__ = ["Obligation", "occurrence_due"]


def task_dues(
    plan: Plan, task: Task, nine: bool | None = None, window: Span | None = None
) -> list[Obligation]:
    """The obligations ``task`` owes, in document order (milestones, then occurrences).

    Nothing falls due outside the task's span (``Plan.task_span``): a plan approved in July
    owes no first-quarter report, a half-year plan no report after its end, a cancelled task
    nothing after its cancellation (``validation`` warns about milestones outside it).
    ``nine`` and ``window`` may be given when known (a summary asks for every task)."""
    if window is None:
        window = plan.window
    span = window if task.added is None and task.cancelled is None else plan.task_span(task)
    if nine is None:
        nine = nine_months(plan)
    found = [Obligation(m.what, m.due.date, m.done) for m in task.milestones]
    if task.recurring:
        found += [
            Obligation(recurrence.what, due, done, period, covers)
            for recurrence, period, due, done, covers in occurrence_parts(
                task.recurring, plan.year, nine
            )
        ]
    return [obligation for obligation in found if owed(obligation, span)]


def obligations(plan: Plan) -> Iterator[tuple[Task, Obligation]]:
    """Every obligation the plan owes, with its task, in document order."""
    nine, window = nine_months(plan), plan.window
    for _, task in plan.tasks():
        for obligation in task_dues(plan, task, nine, window):
            yield task, obligation


def nine_months(plan: Plan) -> bool:
    """Whether the plan reports on 9 tháng instead of quý III (``plan.report.nine_months``)."""
    return plan.plan.report is not None and plan.plan.report.nine_months


# --- one task in full, one month's work (``caicach show``, ``agenda``, ``calendar``) ------


@dataclass(frozen=True)
class Dated:
    """A task's obligation and where it stands on a given day."""

    task: Task
    obligation: Obligation
    state: Standing
    days_late: int  # overdue: days past due; done late: days after due; otherwise 0


def state_on(task: Task, obligation: Obligation, as_of: date) -> Dated:
    """``obligation`` of ``task`` with its standing on ``as_of`` (``standing.standing``)."""
    due, done = obligation.due, obligation.done
    return Dated(task, obligation, standing(due, done, as_of), days_late(due, done, as_of))


@dataclass(frozen=True)
class TaskSchedule:
    """One task's milestones and each recurrence's occurrences, with their state."""

    milestones: list[Dated]
    recurring: list[tuple[Recurrence, list[Dated]]]


def task_schedule(plan: Plan, task: Task, as_of: date) -> TaskSchedule:
    milestones: list[Dated] = []
    recurring: list[tuple[Recurrence, list[Dated]]] = [(r, []) for r in task.recurring]
    for obligation in task_dues(plan, task):
        dated = state_on(task, obligation, as_of)
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
    for task, obligation in obligations(plan):
        dated = state_on(task, obligation, as_of)
        if start <= obligation.due <= end:
            due.append(dated)
        elif obligation.due < start and dated.state == "overdue":
            carried.append(dated)
    carried.sort(key=lambda dated: -dated.days_late)
    due.sort(key=lambda dated: (dated.state != "overdue", dated.obligation.due))
    return carried + due
