"""An agency's plans across years, on a day: which a newer plan supersedes, which are over,
which have not begun.

This is the rule ``overdue`` (listing and roll-up) follows to show the plan in force and only
summarise the older ones: an agency's plan of an earlier year is *superseded* on ``day`` when
the agency has a plan of a later year that has begun by ``day``'s year, unless the clerk named
that file on the command line (then it is listed as asked).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import NamedTuple


class PlanYear(NamedTuple):
    """One plan as this rule sees it."""

    display: str  # the plan file as the user named it
    year: int
    agency: str
    still_open: int  # obligations overdue (all not done, once the year is over)


@dataclass(frozen=True)
class YearStanding:
    """The plans sorted by their year's standing on a day (each list in the plans' order)."""

    superseded: list[PlanYear]  # an earlier year's, with a newer plan of the agency begun
    ended: list[PlanYear]  # an earlier year's, still the agency's latest begun plan
    future: list[PlanYear]  # a later year's: not begun
    latest_begun: dict[str, int]  # agency → the year of its latest plan begun by then

    @property
    def superseded_files(self) -> set[str]:
        return {plan.display for plan in self.superseded}

    def newer_year(self, plan: PlanYear) -> int:
        """The year of the plan that supersedes ``plan``."""
        return self.latest_begun[plan.agency]


def year_standing(plans: list[PlanYear], day: date, named: set[str]) -> YearStanding:
    """Sort ``plans`` by their year's standing on ``day``; the files in ``named`` (named one
    by one on the command line) are never superseded."""
    latest: dict[str, int] = {}
    for plan in plans:
        if plan.year <= day.year:
            latest[plan.agency] = max(latest.get(plan.agency, 0), plan.year)
    superseded = [
        p
        for p in plans
        if p.year < day.year and p.year < latest[p.agency] and p.display not in named
    ]
    ended = [p for p in plans if p.year < day.year and p not in superseded]
    future = [p for p in plans if p.year > day.year]
    return YearStanding(superseded, ended, future, latest)


def latest_year_before(years: list[int], year: int) -> int:
    """The latest of ``years`` before ``year`` (a year may have been skipped); ``year - 1``
    when there is none, so that a message can name the year looked for."""
    return max((known for known in years if known < year), default=year - 1)
