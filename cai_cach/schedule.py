"""What is due when: milestones and the occurrences of recurring obligations."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from cai_cach.cadence import occurrence_due, occurrences
from cai_cach.models import Milestone, Plan, Task
from cai_cach.periods import Period

__all__ = ["occurrence_due"]

Status = Literal["overdue", "due_soon"]


@dataclass(frozen=True)
class Obligation:
    """One dated thing a task must deliver: a milestone, or one occurrence of a recurrence."""

    plan: Plan
    task: Task
    what: str
    due: date
    done: date | None
    period: Period | None = None  # set for occurrences of a recurring obligation

    @property
    def kind(self) -> str:
        return "milestone" if self.period is None else "occurrence"

    @property
    def label(self) -> str:
        if self.period is None:
            return self.what
        return f"{self.what} ({self.period.label})"


@dataclass(frozen=True)
class Finding:
    obligation: Obligation
    status: Status
    days_overdue: int  # negative: days left before the due date


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
            )


def nine_months(plan: Plan) -> bool:
    """Whether the plan reports on 9 tháng instead of quý III (``plan.report.nine_months``)."""
    return plan.plan.report is not None and plan.plan.report.nine_months


def late_or_due(plan: Plan, as_of: date, soon_days: int | None = None) -> list[Finding]:
    """Open obligations due before ``as_of`` (overdue), and, with ``soon_days``, those due
    from ``as_of`` up to ``soon_days`` days later."""
    horizon = as_of + timedelta(days=soon_days) if soon_days is not None else None
    findings = []
    for obligation in obligations(plan):
        if obligation.done is not None:
            continue
        if obligation.due < as_of:
            findings.append(Finding(obligation, "overdue", (as_of - obligation.due).days))
        elif horizon is not None and obligation.due <= horizon:
            findings.append(Finding(obligation, "due_soon", (as_of - obligation.due).days))
    return findings
