"""Part IV from the plan: carried over, the next period's milestones, one line per duty."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from cai_cach.loading import load_plan
from cai_cach.outlook import next_plan, outlook
from cai_cach.periods import Period
from cai_cach.schedule import obligations
from tests.helpers import SHIPPED_PLAN, realistic_year


def pairs(path: Path) -> list:  # type: ignore[type-arg]
    plan = load_plan(path).plan
    return [
        (task, o, tuple(plan.titles(task.lead)))
        for task, o in obligations(plan)
        if task.id != "III.1"  # as build_report passes them: this report left out
    ]


def test_done_by_the_signing_day_is_left_out_and_chores_are_one_line(tmp_path: Path) -> None:
    path = realistic_year(tmp_path)
    # 4.a was done on 15/03, after the cut-off (14/03) but before the signing (18/03).
    result = outlook(pairs(path), Period(2024, "quarter", 1), date(2024, 3, 18))
    named = [(e.task_id, e.what) for e in (*result.carried, *result.milestones, *result.chores)]
    assert ("4.a", "Ban hành kế hoạch đào tạo, bồi dưỡng") not in named
    monthly = [e for e in result.chores if e.what.endswith("hàng tháng") and e.task_id == "2.d"]
    assert len(monthly) == 1 and monthly[0].count == 4  # tháng 3 … tháng 6
    assert [e.task_id for e in result.carried] == ["1.d"]  # the missed February report


def test_work_due_before_the_signing_is_carried_over_not_next_period(tmp_path: Path) -> None:
    path = realistic_year(tmp_path)
    result = outlook(pairs(path), Period(2024, "quarter", 3), date(2024, 10, 2))
    assert all(entry.due >= date(2024, 10, 2) for entry in (*result.milestones, *result.chores))
    carried = {(e.task_id, e.what) for e in result.carried}
    assert ("2.d", "Đánh giá, công khai kết quả đánh giá chất lượng phục vụ hàng tháng") in carried


def test_the_year_report_follows_next_years_plan() -> None:
    plan = load_plan(SHIPPED_PLAN).plan
    following = next_plan(plan)
    assert following.decision == "Quyết định số 479/QĐ-UBND ngày 26/12/2023"
    assert [area_id for area_id, _, _ in following.areas] == [str(n) for n in range(1, 9)]
    assert all(entry.due <= date(2024, 3, 31) for entry in following.early)
    with_plan = outlook([], Period(2023, "year"), date(2023, 12, 20), following)
    assert with_plan.next_plan is following and not with_plan.follows_next_plan
    without = outlook([], Period(2024, "year"), date(2024, 12, 16))
    assert without.follows_next_plan and without.next_year == 2025
