"""overdue (cli/overdue.py): what `overdue --json` and `--group-by agency` show of one small
plan, and the text table read from typed rows."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from cai_cach.cli.overdue import FindingRow, _print_findings
from tests.helpers import json_items

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


def test_the_table_reads_typed_rows(capsys: Any) -> None:
    row = FindingRow(
        plan="xa-thu",
        file="plans/xa-thu.yaml",
        task="1.a",
        title="Ban hành kế hoạch",
        lead=["Công chức Văn phòng - Thống kê"],
        lead_ids=["vp-tk"],
        support=[],
        what="Ban hành kế hoạch",
        kind="milestone",
        period=None,
        due=date(2024, 3, 31),
        status="overdue",
        days_overdue=15,
    )
    _print_findings([row], date(2024, 4, 15), None, multiple=False)
    printed = capsys.readouterr().out
    assert "Việc quá hạn tính đến ngày 15/04/2024: 1" in printed
    assert "31/03/2024" in printed and "15" in printed and "1.a" in printed
    assert row.as_json()["due"] == "2024-03-31"
