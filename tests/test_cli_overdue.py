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


def _libraries_imported(plan: Path, cache: Path) -> tuple[str, str]:
    """The output of ``overdue`` in a fresh interpreter and which of pydantic and PyYAML it
    imported (issue 24: a plan served from the cache needs neither)."""
    import os
    import subprocess
    import sys

    code = (
        "import sys; from cai_cach.cli import main; sys.argv = ['caicach', 'overdue', "
        f"'--as-of', '2024-04-15', {str(plan)!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'pydantic', 'yaml'}),"
        " file=sys.stderr)"
    )
    env = {**os.environ, "CAICACH_CACHE_DIR": str(cache)}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, env=env
    )
    return done.stdout, done.stderr.strip().splitlines()[-1]


def test_a_cached_plan_is_listed_without_importing_pydantic_or_yaml(tmp_path: Path) -> None:
    from tests.helpers import SHIPPED_PLAN

    cold_output, cold = _libraries_imported(SHIPPED_PLAN, tmp_path / "cache")
    warm_output, warm = _libraries_imported(SHIPPED_PLAN, tmp_path / "cache")
    assert cold == "['pydantic', 'yaml']"  # the first run parses and validates the file
    assert warm == "[]"
    assert warm_output == cold_output
    assert "quá hạn" in warm_output
