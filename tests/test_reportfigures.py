"""A report's figures: which basis counts what, the shares, the reports' own row."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from cai_cach.periods import Period
from cai_cach.reportfigures import (
    Counted,
    Share,
    figures,
    in_period,
    in_year,
    item_status,
    two_bases,
)

Q3 = Period(2024, "quarter", 3)
START, CUTOFF = date(2024, 6, 15), date(2024, 9, 14)


def test_statuses_at_the_cut_off() -> None:
    due = date(2024, 9, 1)
    assert item_status(due, date(2024, 8, 30), CUTOFF) == "done_on_time"
    assert item_status(due, date(2024, 9, 3), CUTOFF) == "done_late"
    assert item_status(due, None, CUTOFF) == "overdue"
    assert item_status(date(2024, 9, 30), None, CUTOFF) == "not_yet_due"
    assert item_status(due, date(2024, 9, 20), CUTOFF) == "overdue"  # done after the cut-off


def test_the_period_counts_its_own_work_what_is_carried_over_and_what_was_done_early() -> None:
    assert in_period(date(2024, 9, 30), None, Q3, START, CUTOFF)
    assert in_period(date(2024, 3, 31), None, Q3, START, CUTOFF)  # carried over, still open
    assert not in_period(date(2024, 3, 31), date(2024, 4, 1), Q3, START, CUTOFF)  # told in H1
    assert in_period(date(2024, 12, 31), date(2024, 8, 1), Q3, START, CUTOFF)  # done early
    assert not in_period(date(2024, 12, 31), None, Q3, START, CUTOFF)


def test_the_year_to_date_counts_all_due_by_the_period_end_and_all_done() -> None:
    year_start = date(2023, 12, 15)
    assert in_year(date(2024, 3, 31), date(2024, 4, 1), Q3, year_start, CUTOFF)
    assert in_year(date(2024, 12, 31), date(2024, 8, 1), Q3, year_start, CUTOFF)
    assert not in_year(date(2024, 12, 31), None, Q3, year_start, CUTOFF)
    assert not in_year(date(2024, 1, 31), date(2023, 12, 1), Q3, year_start, CUTOFF)


def test_two_bases_only_for_a_period_that_starts_after_january() -> None:
    assert two_bases(Q3)
    assert two_bases(Period(2024, "quarter", 2))
    for one in (Period(2024, "quarter", 1), Period(2024, "half", 1), Period(2024, "year")):
        assert not two_bases(one)


def test_shares_add_up_and_follow_the_groups() -> None:
    share = Share(done_on_time=9, done_late=1, in_time=4, overdue=2)
    rates = share.percents()
    assert share.total == 16
    assert rates["done"] == Decimal("62.5")
    assert rates["done_on_time"] + rates["done_late"] == rates["done"]
    assert rates["in_time"] + rates["overdue"] == rates["open"]
    assert rates["done"] + rates["open"] == 100


def test_reports_have_their_own_row_and_this_report_is_left_out() -> None:
    items = [
        Counted("1", "done_on_time", True, True),
        Counted("1", "overdue", False, True),
        Counted("2", "not_yet_due", True, True),
        Counted(None, "done_on_time", False, True),  # the quý I report, sent
        Counted(None, "not_yet_due", True, True, this_report=True),
    ]
    result = figures(items, [("1", "Thể chế", 2, 1), ("2", "TTHC", 1, 0)], Q3)
    period, year = result.bases
    assert (period.label, year.label) == ("Trong kỳ", "Lũy kế từ đầu năm")
    assert period.tasks.total == 2 and year.tasks.total == 3
    assert year.reports.total == 1 and period.reports.total == 0
    assert [row.id for row in result.areas] == ["1", "2"]  # no row for the reporting duties
    total = result.total()
    assert total.tasks == 3 and total.shares[1].total == year.tasks.total
