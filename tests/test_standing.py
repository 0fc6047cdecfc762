"""The one rule of an obligation's standing (cai_cach.standing)."""

from __future__ import annotations

from datetime import date

import pytest

from cai_cach.periods import Period
from cai_cach.standing import (
    Obligation,
    Span,
    days_late,
    owed,
    period_of,
    standing,
    task_span,
)

D = date


@pytest.mark.parametrize(
    ("due", "done", "as_of", "expected"),
    [
        (D(2024, 3, 31), D(2024, 3, 30), D(2024, 4, 1), "done_on_time"),
        (D(2024, 3, 31), D(2024, 3, 31), D(2024, 4, 1), "done_on_time"),
        (D(2024, 3, 31), D(2024, 4, 5), D(2024, 4, 10), "done_late"),
        (D(2024, 3, 31), D(2024, 4, 5), D(2024, 4, 1), "overdue"),  # done later than asked
        (D(2024, 3, 31), None, D(2024, 3, 31), "not_yet_due"),
        (D(2024, 3, 31), None, D(2024, 4, 1), "overdue"),
    ],
)
def test_standing_on_a_day(due: date, done: date | None, as_of: date, expected: str) -> None:
    assert standing(due, done, as_of) == expected


def test_days_late() -> None:
    assert days_late(D(2024, 3, 31), None, D(2024, 4, 3)) == 3
    assert days_late(D(2024, 3, 31), D(2024, 4, 2), D(2024, 4, 3)) == 2
    assert days_late(D(2024, 3, 31), None, D(2024, 3, 1)) == 0


def test_owed_inside_the_window_only() -> None:
    half = Span(D(2025, 7, 21), D(2025, 12, 31))
    q1 = Obligation("Báo cáo quý", D(2025, 3, 31), None, Period(2025, "quarter", 1))
    q3 = Obligation("Báo cáo quý", D(2025, 9, 30), None, Period(2025, "quarter", 3))
    assert not owed(q1, half) and owed(q3, half)
    first_half = Span(D(2025, 1, 1), D(2025, 6, 30))
    year = Obligation("Báo cáo năm", D(2025, 6, 20), None, Period(2025, "year"))
    assert not owed(year, first_half)  # its period ends after the plan does
    early = Obligation("Ban hành", D(2025, 3, 1), D(2025, 2, 1))
    assert owed(early, half)  # a milestone done before the plan began: still counted
    assert not owed(Obligation("Báo cáo quý", D(2025, 3, 31), D(2025, 3, 30), q1.period), half)
    assert not owed(Obligation("x", D(2026, 1, 5), D(2025, 12, 1)), half)


def test_a_task_span_narrows_the_window() -> None:
    window = Span(D(2025, 1, 1), D(2025, 12, 31))
    span = task_span(window, added=D(2025, 5, 10), cancelled=None)
    assert span == Span(D(2025, 5, 10), D(2025, 12, 31))
    span = task_span(window, cancelled=D(2025, 8, 1))
    assert span == Span(D(2025, 1, 1), D(2025, 8, 1))
    assert D(2025, 8, 2) not in span and D(2025, 8, 1) in span
    assert task_span(window, added=D(2024, 6, 1)) == window
    assert span.text() == "từ 01/01/2025 đến 01/08/2025"


def test_period_of_a_key() -> None:
    assert period_of("2024-9M") == Period(2024, "nine_months")
    with pytest.raises(ValueError):
        period_of("Q")
