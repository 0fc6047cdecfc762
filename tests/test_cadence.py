"""Reporting cadence: 'quý, 6 tháng, năm' is four reports a year (581/BNV-CCHC)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from cai_cach.cadence import add_working_days, occurrences
from cai_cach.loading import load_plan
from cai_cach.models import Recurrence
from cai_cach.schedule import obligations
from tests.helpers import json_items, late_or_due

SHIPPED = Path(__file__).resolve().parent.parent / "plans" / "tinh-minh-2024.yaml"

PLAN = """\
plan:
  title: Kế hoạch thử
  year: 2024
  agency: {{name: Ủy ban nhân dân xã Thử, place: Thử}}
{report}officials:
  vp-tk: {{title: Công chức Văn phòng - Thống kê}}
sections:
  - id: "1"
    title: Mục một
    tasks:
      - id: 1.a
        title: Việc
        lead: [vp-tk]
        timeline: Thường xuyên
        ongoing: true
reporting:
  - id: III.1
    title: Báo cáo CCHC
    lead: [vp-tk]
    timeline: Định kỳ hàng quý, 6 tháng, năm
    recurring:
{recurring}"""


def _keys(recurring: list[dict[str, object]], nine: bool = False) -> list[str]:
    models = [Recurrence.model_validate(r) for r in recurring]
    return [o.period.key for o in occurrences(models, 2024, nine)]


@pytest.mark.parametrize(
    ("phrases", "expected"),
    [
        (["quý"], ["2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4"]),
        (["6 tháng"], ["2024-H1", "2024-H2"]),
        (["năm"], ["2024"]),
        (["quý", "6 tháng", "năm"], ["2024-Q1", "2024-H1", "2024-Q3", "2024"]),
        (["hàng quý", "năm"], ["2024-Q1", "2024-Q2", "2024-Q3", "2024"]),
        (["6 tháng", "năm"], ["2024-H1", "2024"]),
        (["tháng", "quý"], ["2024-01", "2024-02", "2024-Q1", "2024-04", "2024-05", "2024-Q2"]),
    ],
)
def test_cadence_per_phrase(phrases: list[str], expected: list[str]) -> None:
    keys = _keys([{"what": f"Báo cáo {p}", "every": p} for p in phrases])
    assert keys[: len(expected)] == expected
    if "tháng" not in phrases:
        assert len(keys) == len(expected)


def test_nine_months_replaces_quarter_three_plan_or_duty_level() -> None:
    every = [{"what": "Báo cáo quý", "every": "quý"}, {"what": "Năm", "every": "năm"}]
    assert _keys(every, nine=True) == ["2024-Q1", "2024-Q2", "2024-9M", "2024"]
    duty = [{"what": "Báo cáo quý", "every": "quý", "nine_months": False}]
    assert _keys(duty, nine=True)[2] == "2024-Q3"
    duty = [{"what": "Báo cáo quý", "every": "quý", "nine_months": True}]
    assert _keys(duty)[2] == "2024-9M"


def test_merged_occurrence_done_when_any_part_recorded() -> None:
    recurring = [
        Recurrence.model_validate(
            {"what": "Quý", "every": "quý", "done": {"2024-Q2": "2024-06-16"}}
        ),
        Recurrence.model_validate({"what": "6 tháng", "every": "6 tháng"}),
    ]
    half = next(o for o in occurrences(recurring, 2024) if o.period.key == "2024-H1")
    assert half.done == date(2024, 6, 16)
    assert half.covers == ("2024-Q2",)
    assert half.recurrence.what == "6 tháng"


def test_due_after_cutoff_counts_working_days() -> None:
    # 14/03/2024 is a Thursday: 3 working days later is Tuesday 19/03.
    assert add_working_days(date(2024, 3, 14), 3) == date(2024, 3, 19)
    recurrence = Recurrence.model_validate({"what": "Q", "every": "quý", "due_after_cutoff": 3})
    first = occurrences([recurrence], 2024)[0]
    assert first.due == date(2024, 3, 19)


def test_due_day_and_due_after_cutoff_exclusive() -> None:
    with pytest.raises(ValueError, match="due_day hoặc due_after_cutoff"):
        Recurrence.model_validate(
            {"what": "Q", "every": "quý", "due_day": 20, "due_after_cutoff": 3}
        )


def test_shipped_plan_has_four_section_three_reports() -> None:
    loaded = load_plan(SHIPPED).plan
    reports = [o for t, o in obligations(loaded) if t.id.startswith("III")]
    assert [o.period.key for o in reports if o.period] == ["2024-Q1", "2024-H1", "2024-Q3", "2024"]


def test_shipped_plan_overdue_mid_july_lists_q1_and_half_once(
    run_cli: Callable[..., object],
) -> None:

    result = run_cli("overdue", SHIPPED, "--as-of", "2024-07-15", "--json")
    records = json_items(result.output)  # type: ignore[attr-defined]
    reports = sorted(r["what"] for r in records if r["task"] == "III.1")
    assert reports == ["Báo cáo 6 tháng (6 tháng đầu năm 2024)", "Báo cáo quý (quý I năm 2024)"]


def test_plan_level_nine_months_and_recorded_key(
    write_plan: Callable[..., Path], run_cli: Callable[..., object]
) -> None:
    text = PLAN.format(
        report="  report:\n    nine_months: true\n",
        recurring="      - what: Báo cáo quý\n        every: quý\n"
        "        done:\n          2024-9M: 2024-09-16\n",
    )
    path = write_plan(text)
    result = run_cli("check", path)
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    keys = [o.period.key for _, o in obligations(load_plan(path).plan) if o.period]
    assert keys == ["2024-Q1", "2024-Q2", "2024-9M", "2024-Q4"]
    late = [
        f.obligation.period.key
        for f in late_or_due(load_plan(path).plan, date(2024, 12, 1))
        if f.obligation.period
    ]
    assert late == ["2024-Q1", "2024-Q2"]


def test_check_counts_reports_the_same_way(run_cli: Callable[..., object]) -> None:
    result = run_cli("check", SHIPPED)
    assert "1 nghĩa vụ báo cáo (4 kỳ báo cáo trong năm)" in result.output  # type: ignore[attr-defined]
