"""Roll many plans up by agency (commune): tasks, dated obligations, done, done late, overdue.

The province's Department of Home Affairs reads the plans of hundreds of communes at once; this
module counts, for each agency (``plan.agency.name``) and for all of them together, what
``caicach overdue`` would list and what the reports call "completed late".

Counts follow ``cai_cach.standing``: only owed obligations are counted (the summary holds no
other); an obligation is *overdue* when it is not done and its due date is before ``as_of``;
*due soon* when it is not done and due from ``as_of`` to ``as_of + soon_days``; *done late*
when it was done after its due date (counted as done even if recorded after ``as_of``, as the
roll-up has always counted recorded work).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

from cai_cach.matching import Role, official_ids_among, task_involves
from cai_cach.standing import standing
from cai_cach.summary import PlanSummary, TaskDues
from cai_cach.text import fold

if TYPE_CHECKING:
    from cai_cach.loading import LoadedPlan, LoadedSummary

TaskFilter = Callable[[TaskDues], bool]


@dataclass
class AgencyTally:
    """Counts for one agency, or for all of them (``agency`` is then empty)."""

    agency: str = ""
    plans: list[str] = field(default_factory=list)  # plan files, as the user named them
    tasks: int = 0
    obligations: int = 0  # dated obligations in the plan year
    done: int = 0
    done_late: int = 0
    overdue: int = 0
    due_soon: int = 0

    def add(self, other: AgencyTally) -> None:
        self.plans.extend(other.plans)
        self.tasks += other.tasks
        self.obligations += other.obligations
        self.done += other.done
        self.done_late += other.done_late
        self.overdue += other.overdue
        self.due_soon += other.due_soon


@dataclass
class Rollup:
    as_of: date
    groups: list[AgencyTally]  # most overdue first, then by name
    total: AgencyTally


def tally_summary(
    summary: PlanSummary, as_of: date, soon_days: int | None = None, keep: TaskFilter | None = None
) -> AgencyTally:
    """The counts of one plan, from its plain summary (what both the cold and the warm path
    count; ``plans`` left empty); ``keep`` limits them to some tasks (e.g. one official's)."""
    horizon = as_of + timedelta(days=soon_days) if soon_days is not None else None
    tally = AgencyTally(summary.agency)
    for task in summary.tasks:
        if keep is not None and not keep(task):
            continue
        tally.tasks += 1
        for obligation in task.dues:
            due, done = obligation.due, obligation.done
            tally.obligations += 1
            if done is not None:  # recorded done, whenever: as the listing (summary.late_or_due)
                tally.done += 1
                tally.done_late += standing(due, done, done) == "done_late"
            elif standing(due, None, as_of) == "overdue":
                tally.overdue += 1
            elif horizon is not None and due <= horizon:
                tally.due_soon += 1
    return tally


def tally_for(
    loaded: LoadedSummary | LoadedPlan,
    as_of: date,
    soon_days: int | None = None,
    by: str | None = None,
    role: Role = "lead",
) -> tuple[AgencyTally, bool]:
    """``tally_summary`` of one loaded plan (its file in ``plans``), limited to the tasks of
    the officials matching ``by`` (as ``--by`` does), and whether ``by`` matched an official
    of this plan. Picklable with ``functools.partial``, so ``loading.map_summaries`` can run
    it beside the loading, in worker processes."""
    from cai_cach.loading import LoadedSummary
    from cai_cach.summary import summarize

    summary = loaded.summary if isinstance(loaded, LoadedSummary) else summarize(loaded.plan)
    if by is None:
        tally, matched = tally_summary(summary, as_of, soon_days), True
    else:
        officials = official_ids_among(((o.id, o.title, o.name) for o in summary.officials), by)

        def keep(task: TaskDues) -> bool:
            return task_involves(task, officials, role)

        tally, matched = tally_summary(summary, as_of, soon_days, keep), bool(officials)
    tally.plans.append(loaded.display)
    return tally, matched


def combine(tallies: Iterable[AgencyTally], as_of: date) -> Rollup:
    """Add plan tallies up per agency (plans of the same agency together) and in total."""
    groups: dict[str, AgencyTally] = {}
    total = AgencyTally()
    for tally in tallies:
        group = groups.setdefault(tally.agency, AgencyTally(tally.agency))
        group.add(tally)
        total.add(tally)
    ordered = sorted(groups.values(), key=lambda g: (-g.overdue, fold(g.agency), g.agency))
    return Rollup(as_of, ordered, total)
