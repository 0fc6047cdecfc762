"""Reporting cadence as offices read it: the occurrences of a task's recurring duties.

"Định kỳ hàng quý, 6 tháng, năm" names four reports a year, not seven (Bộ Nội vụ guidance
581/BNV-CCHC): quý I, 6 tháng, quý III (or 9 tháng) and năm. The rule that gives exactly that:

- each recurrence yields one occurrence per period of its cadence inside the plan year;
- a quarterly recurrence marked ``nine_months`` (or every quarterly recurrence of a plan whose
  ``plan.report.nine_months`` is true) reports on the first nine months instead of quý III;
- occurrences of one task whose periods end on the same day are one document: they merge into
  the occurrence of the longest period ("báo cáo 6 tháng" covers quý II; "báo cáo năm" covers
  quý IV and 6 tháng cuối năm; a monthly report due with a quarterly one is the quarterly one).
  The merged occurrence counts as done when any of the merged ones was recorded done, and is
  due by the earliest of their due dates.

Due dates: the end of the period, or a ``due_day`` of the period's last month, or
``due_after_cutoff`` working days (Monday to Friday; public holidays are not known) after the
data cut-off of Nghị định 09/2019/NĐ-CP, the 14th of the period's last month.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import NamedTuple

from cai_cach.models import Recurrence
from cai_cach.periods import Cadence, Period, month_end, periods_in_year

# Longer periods absorb shorter ones ending the same day.
_LENGTH = {"month": 1, "quarter": 3, "half": 6, "nine_months": 9, "year": 12}


@dataclass(frozen=True)
class Occurrence:
    """One report (or other recurring deliverable) a task owes for one period."""

    recurrence: Recurrence
    period: Period
    due: date
    done: date | None
    covers: tuple[str, ...] = ()  # keys of the shorter occurrences merged into this one


def add_working_days(day: date, count: int) -> date:
    """``count`` working days (Monday to Friday) after ``day``."""
    while count > 0:
        day += timedelta(days=1)
        if day.weekday() < 5:
            count -= 1
    return day


@dataclass(frozen=True)
class _Rule:
    """What of a recurrence decides its periods and due dates (hashable, so cached)."""

    every: Cadence
    due_day: int | None
    due_after_cutoff: int | None
    nine_months: bool | None


def _rule(recurrence: Recurrence) -> _Rule:
    return _Rule(
        recurrence.every, recurrence.due_day, recurrence.due_after_cutoff, recurrence.nine_months
    )


def _due(rule: _Rule, period: Period) -> date:
    if rule.due_after_cutoff is not None:
        return add_working_days(period.official_window()[1], rule.due_after_cutoff)
    if rule.due_day is None:
        return period.end
    last = month_end(period.year, period.last_month)
    return last.replace(day=min(rule.due_day, last.day))


def _periods(rule: _Rule, year: int, nine_months: bool) -> list[Period]:
    periods = periods_in_year(rule.every, year)
    wanted = rule.nine_months if rule.nine_months is not None else nine_months
    if rule.every == "quarter" and wanted:
        periods[2] = Period(year, "nine_months")
    return periods


def occurrence_due(recurrence: Recurrence, period: Period) -> date:
    """When the occurrence of ``period`` is due, as the plan says (see the module docstring)."""
    return _due(_rule(recurrence), period)


def recurrence_periods(
    recurrence: Recurrence, year: int, nine_months: bool = False
) -> list[Period]:
    """The periods of one recurrence in ``year``; quý III becomes 9 tháng when asked."""
    return _periods(_rule(recurrence), year, nine_months)


class _Slot(NamedTuple):
    """One merged occurrence (computed once per rule set: a province's plans repeat the same
    few)."""

    owner: int  # the index of the recurrence that owns it
    period: Period  # the owner's period
    due: date
    key: str  # the owner's period key
    merged: tuple[tuple[int, str], ...]  # every other (recurrence index, period key) in it
    covers: tuple[str, ...]  # the keys it covers besides its own


@lru_cache(maxsize=1024)
def _slots(rules: tuple[_Rule, ...], year: int, nine_months: bool) -> tuple[_Slot, ...]:
    by_end: dict[date, list[tuple[int, Period]]] = {}
    for index, rule in enumerate(rules):
        for period in _periods(rule, year, nine_months):
            by_end.setdefault(period.end, []).append((index, period))
    slots = []
    for group in by_end.values():
        owner = max(group, key=lambda pair: _LENGTH[pair[1].kind])
        others = tuple(pair for pair in group if pair != owner)
        # One document: it must meet the earliest of the merged deadlines.
        due = min(_due(rules[index], period) for index, period in group)
        covers = tuple(dict.fromkeys(p.key for _, p in others if p != owner[1]))
        merged = tuple((index, period.key) for index, period in others)
        index, period = owner
        slots.append(_Slot(index, period, due, period.key, merged, covers))
    slots.sort(key=lambda slot: (slot.period.end, slot.due))
    return tuple(slots)


def occurrences(
    recurring: Sequence[Recurrence], year: int, nine_months: bool = False
) -> list[Occurrence]:
    """A task's occurrences in ``year`` after merging those that end together, by due date."""
    return [Occurrence(*parts) for parts in occurrence_parts(recurring, year, nine_months)]


def occurrence_parts(
    recurring: Sequence[Recurrence], year: int, nine_months: bool = False
) -> list[tuple[Recurrence, Period, date, date | None, tuple[str, ...]]]:
    """``occurrences`` as plain tuples (recurrence, period, due, done, covers), for a caller
    that builds its own objects from them (``schedule.task_dues``)."""
    if not recurring:
        return []
    found = []
    slots = _slots(tuple(_rule(r) for r in recurring), year, nine_months)
    for index, period, due, key, merged, covers in slots:
        recurrence = recurring[index]
        done = recurrence.done.get(key)
        if done is None and merged:
            recorded = [day for i, k in merged if (day := recurring[i].done.get(k)) is not None]
            done = min(recorded, default=None)
        found.append((recurrence, period, due, done, covers))
    return found
