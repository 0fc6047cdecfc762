from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from cai_cach.loading import load_plan
from cai_cach.schedule import obligations
from tests.helpers import MINIMAL_PLAN, SHIPPED_PLAN, late_or_due


def test_milestone_overdue_only_after_its_day(write_plan: Callable[..., Path]) -> None:
    loaded = load_plan(write_plan())
    on_day = [f.task.id for f in late_or_due(loaded.plan, date(2024, 3, 31))]
    assert "1.a" not in on_day
    after = late_or_due(loaded.plan, date(2024, 4, 1))
    milestone = next(f for f in after if f.task.id == "1.a")
    assert milestone.days_overdue == 1 and milestone.status == "overdue"


def test_monthly_occurrences(write_plan: Callable[..., Path]) -> None:
    loaded = load_plan(write_plan())
    monthly = [o for t, o in obligations(loaded.plan) if t.id == "1.đ"]
    assert [o.due.isoformat() for o in monthly][:3] == ["2024-01-31", "2024-02-29", "2024-03-31"]
    assert len(monthly) == 12
    late = [
        f.obligation.period.key
        for f in late_or_due(loaded.plan, date(2024, 3, 15))
        if f.obligation.period
    ]
    assert late == ["2024-01", "2024-02"]


def test_done_is_not_overdue(write_plan: Callable[..., Path]) -> None:
    text = MINIMAL_PLAN.replace(
        "            due: Quý I/2024\n",
        "            due: Quý I/2024\n            done: 2024-04-10\n",
    )
    text += "            done:\n              2024-01: 2024-02-01\n"
    loaded = load_plan(write_plan(text))
    late = late_or_due(loaded.plan, date(2024, 4, 15))
    assert [f.task.id for f in late] == ["1.đ", "1.đ"]  # February and March


def test_due_day_moves_occurrence(write_plan: Callable[..., Path]) -> None:
    text = MINIMAL_PLAN + "            due_day: 20\n"
    loaded = load_plan(write_plan(text))
    monthly = [o.due for t, o in obligations(loaded.plan) if t.id == "1.đ"]
    assert monthly[0] == date(2024, 1, 20)


def test_soon_window(write_plan: Callable[..., Path]) -> None:
    loaded = load_plan(write_plan())
    found = late_or_due(loaded.plan, date(2024, 3, 25), soon_days=7)
    soon = [(f.task.id, f.days_overdue) for f in found if f.status == "due_soon"]
    assert ("1.a", -6) in soon and ("1.đ", -6) in soon


def test_shipped_plan_as_of_mid_april() -> None:
    loaded = load_plan(SHIPPED_PLAN)
    findings = late_or_due(loaded.plan, date(2024, 4, 15))
    assert findings, "the first-quarter milestones are overdue"
    assert all(f.obligation.due < date(2024, 4, 1) for f in findings)
    assert all(f.days_overdue == (date(2024, 4, 15) - f.obligation.due).days for f in findings)
    tasks = {f.task.id for f in findings}
    # Every milestone that the document dates in the first quarter.
    for task_id in ("1.c", "1.d", "2.a", "2.b", "2.n", "4.a", "5.b", "7.a", "8.a"):
        assert task_id in tasks
    assert "8.b" not in tasks  # Quý II
    assert "4.c" not in tasks  # Quý IV
    monthly = sorted(
        f.obligation.period.key for f in findings if f.task.id == "2.d" and f.obligation.period
    )
    assert monthly == ["2024-01", "2024-02", "2024-03"]
