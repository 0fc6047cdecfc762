"""What the clerk types: periods with and without a year, days, months, roles, plan arguments."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from cai_cach.cli.parsing import (
    as_of_day,
    day_option,
    month_option,
    no_official_matched,
    parse_role,
    period_spec,
    plan_arguments,
)
from cai_cach.errors import UsageError
from cai_cach.periods import Period
from tests.helpers import json_items

Run = Callable[..., Any]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Q1", Period(2024, "quarter", 1)),
        ("quý I", Period(2024, "quarter", 1)),
        ("Quý IV", Period(2024, "quarter", 4)),
        ("6t", Period(2024, "half", 1)),
        ("6 tháng cuối năm", Period(2024, "half", 2)),
        ("9t", Period(2024, "nine_months")),
        ("năm", Period(2024, "year")),
        ("H2", Period(2024, "half", 2)),
        ("tháng 3", Period(2024, "month", 3)),
    ],
)
def test_a_period_without_a_year_takes_the_one_plan_year(text: str, expected: Period) -> None:
    spec = period_spec(text)
    assert spec.year is None
    assert spec.resolve([2024, 2024]) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-Q1", Period(2024, "quarter", 1)),
        ("Q1/2024", Period(2024, "quarter", 1)),
        ("q2-2025", Period(2025, "quarter", 2)),
        ("03/2024", Period(2024, "month", 3)),
        ("3/2024", Period(2024, "month", 3)),
        ("2024-03", Period(2024, "month", 3)),
        ("quý II/2024", Period(2024, "quarter", 2)),
        ("6t/2024", Period(2024, "half", 1)),
        ("9t 2024", Period(2024, "nine_months")),
        ("năm 2023", Period(2023, "year")),
        ("2024", Period(2024, "year")),
    ],
)
def test_a_period_with_its_year_ignores_the_plans(text: str, expected: Period) -> None:
    assert period_spec(text).resolve([1999]) == expected


def test_a_period_without_a_year_over_plans_of_two_years_asks_for_the_year() -> None:
    with pytest.raises(UsageError) as caught:
        period_spec("Q1").resolve([2023, 2024])
    assert "không nêu năm" in caught.value.render()
    assert "2023, 2024" in caught.value.render()
    assert "Q1/2024" in caught.value.render()


@pytest.mark.parametrize("text", ["Q5", "quý V", "13/2024", "tháng 13", "mùa xuân", "7"])
def test_what_is_not_a_period_is_a_usage_error_naming_the_option(text: str) -> None:
    with pytest.raises(UsageError) as caught:
        period_spec(text, "--period").resolve([2024])
    assert caught.value.render().startswith("lỗi: --period")


def test_days_months_and_roles() -> None:
    assert day_option("--date", "20/03/2024") == date(2024, 3, 20)
    assert day_option("--date", None) is None
    assert as_of_day(None) == date.today()
    with pytest.raises(UsageError, match="--as-of"):
        as_of_day("30/02/2024")
    assert month_option("04/2024", None) == Period(2024, "month", 4)
    assert month_option("tháng 4", "2023-06-01") == Period(2023, "month", 4)
    assert month_option(None, "2024-06-15") == Period(2024, "month", 6)
    with pytest.raises(UsageError, match="cần một tháng"):
        month_option("2024-Q1", None)
    assert [parse_role(word) for word in ("chủ trì", "phoi-hop", "TAT CA", "lead")] == [
        "lead",
        "support",
        "any",
        "lead",
    ]


def test_no_official_matched_lists_each_title_once() -> None:
    error = no_official_matched("xyz", ["B", "A", "B"])
    assert error.render().count("B") == 1
    assert "các chức danh có trong kế hoạch: A; B" in error.render()


def test_a_task_id_where_a_plan_was_expected_points_to_show(tmp_path: Path) -> None:
    assert plan_arguments(["a.yaml"], ["b.yaml"]) == ["a.yaml", "b.yaml"]
    with pytest.raises(UsageError) as caught:
        plan_arguments(["2.a"], None)
    assert "caicach show 2.a" in caught.value.render()


# --- end to end ------------------------------------------------------------------------------


def test_list_of_a_task_id_says_how_to_see_one_task(
    run_cli: Run, write_plan: Callable[..., Path]
) -> None:
    write_plan()
    result = run_cli("list", "2.a")
    assert result.exit_code == 2
    assert "không tìm thấy tệp" not in result.output
    assert "caicach show 2.a" in result.output


def test_report_q1_takes_the_year_of_the_plan(
    run_cli: Run, write_plan: Callable[..., Path]
) -> None:
    path = write_plan()
    result = run_cli("report", "-p", path, "--period", "quý I", "--json", "--signed", "2024-04-10")
    assert result.exit_code == 0, result.output
    (report,) = json_items(result.stdout)
    assert "quý I năm 2024" in json.dumps(report, ensure_ascii=False)


def test_done_with_a_period_without_a_year(run_cli: Run, write_plan: Callable[..., Path]) -> None:
    path = write_plan()
    result = run_cli("done", "1.đ", "--period", "03/2024", "-p", path, "-d", "2024-04-02")
    assert result.exit_code == 0, result.output
    yearless = run_cli("done", "1.đ", "--period", "tháng 4", "-p", path, "-d", "2024-05-02")
    assert yearless.exit_code == 0, yearless.output
    text = path.read_text(encoding="utf-8")
    assert "2024-03: 2024-04-02" in text and "2024-04: 2024-05-02" in text


def test_every_listing_takes_plan_option_and_json(
    run_cli: Run, write_plan: Callable[..., Path]
) -> None:
    path = write_plan()
    listed = json_items(run_cli("list", "-p", path, "--json").stdout)
    assert [task["task"] for task in listed] == ["1.a", "1.đ"]
    assert listed[0]["lead"] == ["Công chức Văn phòng - Thống kê"]
    officials = json_items(run_cli("officials", "--plan", path, "--json").stdout)
    assert [(o["id"], o["leads"], o["supports"]) for o in officials] == [
        ("vp-tk", 1, 0),
        ("tc-kt", 1, 1),
    ]
    (checked,) = json_items(run_cli("check", "-p", path, "--json").stdout)
    assert checked["year"] == 2024 and checked["file"] == str(path)
    overdue = run_cli("overdue", "-p", path, "--as-of", "2024-04-15", "--json")
    assert overdue.exit_code == 0, overdue.output
    assert {item["task"] for item in json_items(overdue.stdout)} == {"1.a", "1.đ"}


def test_role_defaults_to_lead_in_list_as_elsewhere(
    run_cli: Run, write_plan: Callable[..., Path]
) -> None:
    path = write_plan()
    lead = json_items(run_cli("list", path, "--by", "duc", "--json").stdout)
    assert [task["task"] for task in lead] == ["1.đ"]
    both = json_items(run_cli("list", path, "--by", "duc", "--role", "tat-ca", "--json").stdout)
    assert [task["task"] for task in both] == ["1.a", "1.đ"]


def test_no_official_matched_names_the_titles_without_reloading(
    run_cli: Run, write_plan: Callable[..., Path]
) -> None:
    path = write_plan()
    for args in (("overdue",), ("overdue", "--group-by", "agency"), ("list",), ("agenda",)):
        result = run_cli(*args, "-p", path, "--by", "khong ai")
        assert result.exit_code != 0
        assert "Công chức Tài chính - Kế toán; Công chức Văn phòng - Thống kê" in result.output


def test_report_by_nobody_names_the_titles_like_the_other_commands(
    run_cli: Run, write_plan: Callable[..., Path]
) -> None:
    path = write_plan()
    result = run_cli("report", path, "--period", "Q1", "--json", "--by", "khong ai")
    assert result.exit_code == 2
    assert "không có công chức nào khớp với 'khong ai'" in result.output
    assert "Công chức Tài chính - Kế toán; Công chức Văn phòng - Thống kê" in result.output


def test_check_json_keeps_the_same_year_warning_off_standard_output(
    run_cli: Run, write_plan: Callable[..., Path]
) -> None:
    first, second = write_plan(name="a.yaml"), write_plan(name="b.yaml")
    result = run_cli("check", first, second, "--json")
    assert result.exit_code == 0, result.output
    assert [record["file"] for record in json_items(result.stdout)] == [str(first), str(second)]
    assert "2024" in result.stderr  # two plans of one agency and year: warned on stderr
