"""The figures of a periodic report: which obligations each basis counts, their states at the
cut-off, and the counts per area, for the tasks and (in their own row) the periodic reports.

A report states its basis once and every figure uses it:

- **Trong kỳ** (the period): obligations due inside the period, those still open from earlier
  periods (carried over) and those completed inside the data window ahead of their date —
  never one completed before the window began (an earlier report counted it).
- **Lũy kế từ đầu năm** (the year to date): every obligation due by the end of the period,
  and every one completed since the year's first data window began.

A period that starts on the plan year's first day (quý I, 6 tháng đầu năm, 9 tháng, năm) has
the two bases equal: such a report shows one column, "Lũy kế từ đầu năm". Any other period
shows both columns, labelled.

The periodic reports to the province are counted only in their own row; the report being
written is not counted there ("báo cáo này").
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Literal

from cai_cach.counting import split_groups
from cai_cach.periods import Period

ItemStatus = Literal["done_on_time", "done_late", "overdue", "not_yet_due"]
BasisKey = Literal["period", "year"]

BASIS_LABEL: dict[BasisKey, str] = {"period": "Trong kỳ", "year": "Lũy kế từ đầu năm"}


def item_status(due: date, done: date | None, cut_off: date) -> ItemStatus:
    """Status at ``cut_off`` of an obligation due on ``due`` and done on ``done`` (if ever)."""
    if done is not None and done <= cut_off:
        return "done_on_time" if done <= due else "done_late"
    return "overdue" if due < cut_off else "not_yet_due"


def in_period(due: date, done: date | None, period: Period, start: date, cut_off: date) -> bool:
    """Whether an obligation counts "trong kỳ" (see the module docstring); ``start`` and
    ``cut_off`` are the data window's ends."""
    if done is not None and done < start:
        return False
    if done is not None and done <= cut_off:
        return True
    return due <= period.end


def in_year(due: date, done: date | None, period: Period, start: date, cut_off: date) -> bool:
    """Whether an obligation counts "lũy kế từ đầu năm" (see the module docstring); ``start``
    is the data window's start of the year's first quarter: what was done before it belongs
    to no report of this year."""
    if done is not None and done < start:
        return False
    return due <= period.end or (done is not None and done <= cut_off)


def two_bases(period: Period) -> bool:
    """Whether the period and the year to date differ (the period starts after 1 January)."""
    return period.first_month != 1


@dataclass(frozen=True)
class Share:
    """Counts of obligations by state at the cut-off."""

    done_on_time: int = 0
    done_late: int = 0
    in_time: int = 0  # not done, not yet due
    overdue: int = 0

    @property
    def total(self) -> int:
        return self.done_on_time + self.done_late + self.in_time + self.overdue

    @property
    def done(self) -> int:
        return self.done_on_time + self.done_late

    @property
    def open(self) -> int:
        return self.in_time + self.overdue

    def __add__(self, other: Share) -> Share:
        return Share(
            self.done_on_time + other.done_on_time,
            self.done_late + other.done_late,
            self.in_time + other.in_time,
            self.overdue + other.overdue,
        )

    def percents(self) -> dict[str, Decimal]:
        """Each state's share, half up: done and open share 100 (each its half-up value),
        on time + late make done, in time + overdue make open (``counting.split_groups``)."""
        (on_time, late), (in_time, overdue) = split_groups(
            [[self.done_on_time, self.done_late], [self.in_time, self.overdue]]
        )
        return {
            "done": on_time + late,
            "done_on_time": on_time,
            "done_late": late,
            "open": in_time + overdue,
            "in_time": in_time,
            "overdue": overdue,
        }


def share_of(statuses: Iterable[ItemStatus]) -> Share:
    counts = {"done_on_time": 0, "done_late": 0, "not_yet_due": 0, "overdue": 0}
    for status in statuses:
        counts[status] += 1
    return Share(
        counts["done_on_time"], counts["done_late"], counts["not_yet_due"], counts["overdue"]
    )


@dataclass(frozen=True)
class Counted:
    """One obligation as the figures see it: its area, whether it is a periodic report (and
    the report being written), and whether each basis counts it."""

    section: str | None  # the area's id; None for a reporting duty
    status: ItemStatus
    in_period: bool
    in_year: bool
    this_report: bool = False


@dataclass(frozen=True)
class AreaRow:
    """One area of the plan in the area table: its tasks, and a share per basis shown."""

    id: str
    title: str
    tasks: int
    ongoing: int  # tasks carried out continuously or as instructed
    shares: tuple[Share, ...]


@dataclass(frozen=True)
class Basis:
    key: BasisKey
    label: str
    tasks: Share  # the plan's tasks' obligations
    reports: Share  # the periodic reports, the report being written left out


@dataclass(frozen=True)
class Figures:
    bases: tuple[Basis, ...]
    areas: tuple[AreaRow, ...]

    @property
    def main(self) -> Basis:
        """The basis the headline leads with: the period's when both are shown."""
        return self.bases[0]

    def total(self) -> AreaRow:
        shares = tuple(
            sum((area.shares[index] for area in self.areas), Share())
            for index in range(len(self.bases))
        )
        return AreaRow(
            "",
            "Tổng cộng",
            sum(area.tasks for area in self.areas),
            sum(area.ongoing for area in self.areas),
            shares,
        )


def _counts(items: Sequence[Counted], key: BasisKey, section: str | None) -> Share:
    chosen = [
        item.status
        for item in items
        if item.section == section
        and not item.this_report
        and (item.in_period if key == "period" else item.in_year)
    ]
    return share_of(chosen)


def figures(
    items: Sequence[Counted],
    areas: Sequence[tuple[str, str, int, int]],
    period: Period,
) -> Figures:
    """The report's figures: ``areas`` are (id, title, tasks, ongoing) in plan order."""
    keys: tuple[BasisKey, ...] = ("period", "year") if two_bases(period) else ("year",)
    bases = tuple(
        Basis(
            key,
            BASIS_LABEL[key],
            sum((_counts(items, key, area[0]) for area in areas), Share()),
            _counts(items, key, None),
        )
        for key in keys
    )
    rows = tuple(
        AreaRow(
            area_id,
            title,
            tasks,
            ongoing,
            tuple(_counts(items, key, area_id) for key in keys),
        )
        for area_id, title, tasks, ongoing in areas
    )
    return Figures(bases, rows)
