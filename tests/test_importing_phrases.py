"""Deadline phrases of a verbatim timeline → milestones, recurrences, flags; the window."""

from __future__ import annotations

from datetime import date

import pytest

from cai_cach.importing.draft import DraftTask
from cai_cach.importing.phrases import (
    cadences,
    due_day,
    effective_day,
    has_deadline,
    plan_span,
    schedule_from_timeline,
)
from cai_cach.periods import parse_deadline


def _schedule(timeline: str, year: int = 2026) -> DraftTask:
    task = DraftTask("1.a", "Rà soát", timeline=timeline)
    schedule_from_timeline(task, "Rà soát", year)
    return task


@pytest.mark.parametrize(
    ("timeline", "due"),
    [
        ("31.3.2026", ["2026-03-31"]),
        ("Trước ngày 20/10/2026", ["2026-10-20"]),
        ("ngày 15 tháng 6 năm 2026", ["2026-06-15"]),
        ("Cuối năm 2026", ["2026-12-31"]),
        ("Tháng 6 và tháng 12/2026", ["2026-06-30", "2026-12-31"]),
        ("Quý II/2026", ["2026-06-30"]),
        ("trước tháng 10/2026", ["2026-09-30"]),
        ("6 tháng đầu năm", ["2026-06-30"]),
        ("trong tháng 6", ["2026-06-30"]),
    ],
)
def test_dated_phrases(timeline: str, due: list[str]) -> None:
    task = _schedule(timeline)
    assert [parse_deadline(m.due, 2026).isoformat() for m in task.milestones] == due
    assert not task.recurring


@pytest.mark.parametrize(
    "timeline", ["Theo chỉ đạo của UBND tỉnh", "Theo hướng dẫn của Sở Nội vụ", "Theo quy định"]
)
def test_as_instructed(timeline: str) -> None:
    task = _schedule(timeline)
    assert task.as_instructed and not task.milestones and not task.notes


def test_ongoing_and_nothing_found() -> None:
    assert _schedule("Thường xuyên").ongoing
    unknown = _schedule("Khi cần")
    assert unknown.as_instructed and unknown.notes


def test_recurring_with_their_due_day() -> None:
    task = _schedule("Báo cáo định kỳ hằng quý, trước ngày 15 của tháng cuối quý")
    assert [(r.every, r.due_day) for r in task.recurring] == [("quý", 15)]
    monthly = _schedule("hằng tháng, trước ngày 25")
    assert [(r.every, r.due_day) for r in monthly.recurring] == [("tháng", 25)]
    assert cadences("định kỳ hằng quý, 6 tháng, năm") == ["quarter", "half", "year"]
    assert cadences("6 tháng đầu năm 2026") == []
    assert due_day("trước ngày 20/10/2026") is None


def test_deadlines_in_a_plain_task_text() -> None:
    assert has_deadline("Rà soát văn bản, hoàn thành trong quý II/2026")
    assert has_deadline("Ban hành kế hoạch trước ngày 31/3/2026")
    assert not has_deadline("Ban hành Kế hoạch cải cách hành chính năm 2026")


def test_the_plan_window() -> None:
    assert plan_span("Kế hoạch cải cách hành chính 6 tháng cuối năm 2025") == (
        date(2025, 7, 1),
        date(2025, 12, 31),
    )
    assert plan_span("Kế hoạch cải cách hành chính năm 2026") is None
    signed = date(2026, 1, 5)
    assert effective_day(["Quyết định có hiệu lực kể từ ngày ký."], signed) == (signed, True)
    assert effective_day(["Quyết định có hiệu lực kể từ ngày ký."], None) == (None, True)
    assert effective_day(["Có hiệu lực từ ngày 15/01/2026."], signed) == (date(2026, 1, 15), True)
    assert effective_day(["Ban hành kèm theo …"], signed) == (None, False)
