"""The status page of a plan and of a province, from the plans' own records."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from cai_cach.loading import load_plan
from cai_cach.record import mark_done
from cai_cach.rollup import combine, tally_plan
from cai_cach.status import plan_page, render_plans, render_rollup
from tests.helpers import SHIPPED_PLAN


def test_page_of_the_shipped_plan_with_progress(tmp_path: Path) -> None:
    plan_file = tmp_path / "tm.yaml"
    shutil.copy(SHIPPED_PLAN, plan_file)
    mark_done(plan_file, "1.c", day=date(2024, 3, 20))
    mark_done(plan_file, "2.b", day=date(2024, 4, 10))  # due 31/03: late
    plan = load_plan(plan_file).plan
    page = plan_page(plan, "tm.yaml", date(2024, 7, 15))
    totals = page.totals
    assert (totals.on_time, totals.late, totals.total) == (1, 1, 46)
    assert totals.overdue == 22 and totals.not_due == 22
    first = page.areas[0]
    assert first.label == "1. Cải cách thể chế" and first.on_time == 1
    lead, lines = page.overdue_by_lead[0]
    assert lead == "Công chức Văn phòng - Thống kê"
    assert lines[0].days_late == max(line.days_late for line in lines)
    assert [line.due for line in page.upcoming] == sorted(line.due for line in page.upcoming)
    assert all(date(2024, 7, 15) <= line.due <= date(2024, 8, 14) for line in page.upcoming)
    assert [line.what for line in page.reports][:2] == [
        "Báo cáo quý (quý I năm 2024)",
        "Báo cáo 6 tháng (6 tháng đầu năm 2024)",
    ]
    html = render_plans([page], date(2024, 7, 15))
    assert f"<h3>{lead} — {len(lines)} việc</h3>" in html
    assert html.count("<svg") == 2


def test_ended_year_is_said() -> None:
    page = plan_page(load_plan(SHIPPED_PLAN).plan, "tm.yaml", date(2026, 1, 5))
    assert "đã kết thúc ngày 31/12/2024" in page.warnings[0]


def test_province_page() -> None:
    plan = load_plan(SHIPPED_PLAN).plan
    tally = tally_plan(plan, date(2024, 7, 15))
    tally.plans.append("tm.yaml")
    html = render_rollup(combine([tally], date(2024, 7, 15)), date(2024, 7, 15))
    assert "Ủy ban nhân dân xã Tịnh Minh" in html and "<svg" in html
    assert "1 đơn vị, 1 kế hoạch" in html
