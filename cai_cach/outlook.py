"""Part IV of a periodic report, "Phương hướng, nhiệm vụ kỳ tới", from the plan itself.

- Work carried over: what is still open on the signing day although its date has passed
  (overdue at the cut-off, or fallen due between the cut-off and the signing).
- The milestones falling due from the signing day to the end of the next period.
- The recurring chores of that time, one line per duty with the number of occurrences
  ("Báo cáo kết quả thực hiện hàng tháng (3 kỳ)"), never one line per month.

Whatever is done by the signing day is left out, and so is the report being written. The
year report's direction is next year's plan when there is one (``NextPlan``); otherwise it
says that the work follows next year's plan, without inventing its content.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from cai_cach.models import Plan, Task
from cai_cach.periods import Period, format_day
from cai_cach.schedule import Obligation, obligations


@dataclass(frozen=True)
class Entry:
    """One line of part IV: a milestone, or a recurring duty's occurrences taken together."""

    task_id: str
    what: str
    lead: tuple[str, ...]
    due: date  # the earliest date among the occurrences
    periods: tuple[str, ...] = ()  # the occurrences' period labels, for a recurring duty

    @property
    def count(self) -> int:
        return max(len(self.periods), 1)


@dataclass(frozen=True)
class NextPlan:
    """Next year's plan, as far as part IV of the year report names it."""

    title: str
    decision: str | None  # "Quyết định số 12/QĐ-UBND ngày 05/01/2025"
    areas: tuple[tuple[str, str, int], ...]  # (id, title, number of tasks)
    early: tuple[Entry, ...]  # its milestones of the first quarter


@dataclass(frozen=True)
class Outlook:
    carried: tuple[Entry, ...] = ()
    milestones: tuple[Entry, ...] = ()
    chores: tuple[Entry, ...] = ()
    next_plan: NextPlan | None = None
    follows_next_plan: bool = False  # a year report without next year's plan at hand
    next_year: int | None = None


def _open_on(obligation: Obligation, day: date) -> bool:
    return obligation.done is None or obligation.done > day


#: An obligation the report covers, with its task and its leads' titles.
Owed = tuple[Task, Obligation, tuple[str, ...]]


def _grouped(owed: Iterable[Owed]) -> list[Entry]:
    """Milestones one by one; a recurring duty's occurrences in one entry, in due order."""
    entries: list[Entry] = []
    recurring: dict[tuple[str, str], list[tuple[Obligation, tuple[str, ...]]]] = {}
    for task, obligation, lead in owed:
        if obligation.period is None:
            entries.append(Entry(task.id, obligation.what, lead, obligation.due))
        else:
            recurring.setdefault((task.id, obligation.what), []).append((obligation, lead))
    for (task_id, what), group in recurring.items():
        periods = tuple(o.period.label for o, _ in group if o.period is not None)
        entries.append(Entry(task_id, what, group[0][1], min(o.due for o, _ in group), periods))
    return sorted(entries, key=lambda entry: (entry.due, entry.task_id))


def outlook(
    pairs: Sequence[Owed],
    period: Period,
    signed: date,
    next_plan: NextPlan | None = None,
) -> Outlook:
    """Part IV of the report of ``period`` signed on ``signed``: ``pairs`` are the plan's
    obligations (those of the tasks the report covers, the report being written left out)
    with their leads' titles."""
    horizon = period.next().end
    open_pairs = [(t, o, lead) for t, o, lead in pairs if _open_on(o, signed)]
    carried = [(t, o, lead) for t, o, lead in open_pairs if o.due < signed]
    coming = [(t, o, lead) for t, o, lead in open_pairs if signed <= o.due <= horizon]
    year_report = period.kind == "year"
    return Outlook(
        carried=tuple(_grouped(carried)),
        milestones=tuple(_grouped(owed for owed in coming if owed[1].period is None)),
        chores=tuple(_grouped(owed for owed in coming if owed[1].period is not None)),
        next_plan=next_plan if year_report else None,
        follows_next_plan=year_report and next_plan is None,
        next_year=period.year + 1 if year_report else None,
    )


def next_plan(plan: Plan) -> NextPlan:
    """What the year report says of next year's plan ``plan``."""
    decision = plan.plan.document or plan.plan.decision
    issued = (
        f"{'Kế hoạch' if plan.plan.document else 'Quyết định'} số {decision.number} "
        f"ngày {format_day(decision.date)}"
        if decision is not None and decision.number and decision.date
        else None
    )
    first = Period(plan.year, "quarter", 1)
    early = [
        (task, obligation, tuple(plan.titles(task.lead)))
        for task, obligation in obligations(plan)
        if obligation.period is None and obligation.due <= first.end
    ]
    return NextPlan(
        title=plan.plan.title,
        decision=issued,
        areas=tuple((section.id, section.title, len(section.tasks)) for section in plan.sections),
        early=tuple(_grouped(early)),
    )
