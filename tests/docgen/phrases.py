"""Deadline phrases as offices write them, each with the days it resolves to.

The forms are those of design.md ("Deadlines, in the plan's own words" and "Plans as offices
write them") and of issue 18: a quarter, a month, the first half, "Trước ngày D/M/Y" (due on D
itself, as offices accept work arriving that day), "D.M.Y", the year's end, two months, and
phrases with no date at all ("Thường xuyên", "Theo chỉ đạo của UBND tỉnh").
"""

from __future__ import annotations

import calendar
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any, TypeVar

from hypothesis import strategies as st

T = TypeVar("T")
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")


class Chooser:
    """Hypothesis draws with the axis each choice belongs to recorded (for the table)."""

    def __init__(self, draw: Callable[[st.SearchStrategy[Any]], Any]) -> None:
        self.draw = draw

    def one(self, options: Sequence[T]) -> T:
        return self.draw(st.sampled_from(list(options)))  # type: ignore[no-any-return]

    def chance(self, percent: int) -> bool:
        return bool(self.draw(st.integers(0, 99)) < percent)

    def number(self, low: int, high: int) -> int:
        return int(self.draw(st.integers(low, high)))

    def shuffled(self, items: Sequence[T]) -> list[T]:
        return list(self.draw(st.permutations(list(items))))

    def some(self, items: Sequence[T], low: int, high: int) -> list[T]:
        """``low``..``high`` distinct items, in a drawn order."""
        count = self.number(low, min(high, len(items)))
        return self.shuffled(items)[:count]


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _iso(*days: date) -> tuple[str, ...]:
    return tuple(day.isoformat() for day in days)


def deadline(c: Chooser, year: int, earliest: date) -> tuple[str, tuple[str, ...], str]:
    """A deadline phrase, the ISO days it resolves to, and its kind (an axis of the table).

    Every resolved day is on or after ``earliest`` (the plan's first day): what falls due
    before a plan takes effect is left out by design, which is not what is measured here."""
    kind = c.one(
        (
            "quarter",
            "quarter-words",
            "month",
            "half-year",
            "before-day",
            "dotted-day",
            "year-end",
            "two-months",
            "ongoing",
            "as-instructed",
        )
    )
    if kind in ("quarter", "quarter-words"):
        quarter = c.number(1, 4)
        due = month_end(year, quarter * 3)
        roman = ROMAN[quarter - 1]
        if kind == "quarter":
            phrase = c.one((f"Quý {roman}/{year}", f"quý {quarter}/{year}", f"Quý {roman}/{year}"))
        else:
            phrase = c.one((f"Quý {roman} năm {year}", f"Trong quý {roman} năm {year}"))
        return phrase, _iso(due), kind
    if kind == "month":
        month = c.number(2, 12)
        phrase = c.one((f"Tháng {month} năm {year}", f"tháng {month}/{year}"))
        return phrase, _iso(month_end(year, month)), kind
    if kind == "half-year":
        return f"6 tháng đầu năm {year}", _iso(date(year, 6, 30)), kind
    if kind in ("before-day", "dotted-day"):
        month = c.number(2, 12)
        day = c.number(1, calendar.monthrange(year, month)[1])
        due = date(year, month, day)
        if kind == "before-day":
            written = c.one((f"{day}/{month}/{year}", f"{day:02d}/{month:02d}/{year}"))
            phrase = c.one(("Trước ngày ", "trước ngày ")) + written
        else:
            phrase = f"{day}.{month}.{year}"
        return phrase, _iso(due), kind
    if kind == "year-end":
        phrase = c.one((f"Cuối năm {year}", f"Năm {year}", f"Trong năm {year}"))
        return phrase, _iso(date(year, 12, 31)), kind
    if kind == "two-months":
        first = c.number(2, 6)
        second = c.number(first + 1, 12)
        phrase = f"Tháng {first} và tháng {second}/{year}"
        return phrase, _iso(month_end(year, first), month_end(year, second)), kind
    if kind == "ongoing":
        return "Thường xuyên", (), kind
    phrase = c.one(("Theo chỉ đạo của UBND tỉnh", "Theo hướng dẫn của Sở Nội vụ"))
    return phrase, (), kind


def day_words(day: date, padded: bool) -> str:
    """ "ngày 05 tháng 01 năm 2026" (padded) or "ngày 5 tháng 1 năm 2026"."""
    if padded:
        return f"ngày {day.day:02d} tháng {day.month:02d} năm {day.year}"
    return f"ngày {day.day} tháng {day.month} năm {day.year}"
