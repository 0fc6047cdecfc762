"""The commands that read plans (cli/plans.py): what `overdue --json`, `--group-by agency`,
`list` and `officials` show of one small plan."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.helpers import MINIMAL_PLAN, json_items

Run = Callable[..., Any]
WritePlan = Callable[..., Path]


def test_overdue_json_names_the_plan_and_file_of_every_finding(
    run_cli: Run, write_plan: WritePlan
) -> None:
    path = write_plan(name="xa-thu.yaml")
    result = run_cli("overdue", "--json", "--as-of", "2024-04-15", path)
    assert result.exit_code == 0, result.output
    records = json_items(result.stdout)
    # 1.a is due at the end of Q1; the monthly report of 1.đ for January, February and March.
    assert sorted((r["task"], r["period"]) for r in records) == [
        ("1.a", None),
        ("1.đ", "2024-01"),
        ("1.đ", "2024-02"),
        ("1.đ", "2024-03"),
    ]
    assert {(r["plan"], r["file"]) for r in records} == {("xa-thu", str(path))}
    milestone = next(r for r in records if r["task"] == "1.a")
    assert milestone["days_overdue"] == 15
    assert milestone["support"] == ["Công chức Tài chính - Kế toán (Nguyễn Văn Đức)"]


def test_group_by_agency_counts_the_plan(run_cli: Run, write_plan: WritePlan) -> None:
    path = write_plan()
    result = run_cli("overdue", "--group-by", "agency", "--json", "--as-of", "2024-04-15", path)
    assert result.exit_code == 0, result.output
    rollup = json.loads(result.stdout)
    assert rollup["group_by"] == "agency" and rollup["command"] == "overdue"
    (group,) = rollup["items"]
    assert group["agency"] == "Ủy ban nhân dân xã Thử"
    assert group["files"] == [str(path)]
    # one milestone and twelve monthly occurrences; four of them overdue on 15 April
    assert (group["tasks"], group["obligations"], group["overdue"]) == (2, 13, 4)
    assert rollup["totals"]["overdue"] == 4


def test_list_by_an_officials_name_keeps_the_tasks_they_lead_or_support(
    run_cli: Run, write_plan: WritePlan
) -> None:
    path = write_plan()
    both = run_cli("list", path, "--by", "duc", "--role", "tat-ca")
    assert both.exit_code == 0, both.output
    assert "1.a" in both.stdout and "1.đ" in both.stdout
    leads = run_cli("list", path, "--by", "van phong", "--role", "lead")
    assert "1.a" in leads.stdout
    assert "1.đ" not in leads.stdout


def test_officials_lists_every_official_once(run_cli: Run, write_plan: WritePlan) -> None:
    result = run_cli("officials", write_plan())
    assert result.exit_code == 0, result.output
    rows = [
        line.split()
        for line in result.stdout.splitlines()
        if line.strip()[:5] in ("vp-tk", "tc-kt")
    ]
    assert [row[0] for row in rows] == ["vp-tk", "tc-kt"]
    assert rows[1][-2:] == ["1", "1"]  # tc-kt leads 1.đ and supports 1.a


def test_officials_and_check_tell_units_from_officials(run_cli: Run, write_plan: WritePlan) -> None:
    text = MINIMAL_PLAN.replace("{title: Công chức Tài chính - Kế toán", "{title: Phòng Kinh tế")
    assert "Phòng Kinh tế" in text
    path = write_plan(text)
    listing = run_cli("officials", path)
    assert listing.exit_code == 0, listing.output
    kinds = {line.split()[0]: line for line in listing.stdout.splitlines() if line.strip()}
    assert "đơn vị" in kinds["tc-kt"] and "công chức" in kinds["vp-tk"]
    assert "Chức danh, đơn vị" in listing.stdout
    check = run_cli("check", path)
    assert "1 công chức, 1 đơn vị" in check.stdout
