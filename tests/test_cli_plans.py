"""The commands that read plans (cli/plans.py): what `list`, `officials` and `check` show of
one small plan."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.helpers import MINIMAL_PLAN

Run = Callable[..., Any]
WritePlan = Callable[..., Path]


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
