"""The commands that read plans (cli/plans.py): what `list`, `officials` and `check` show of
one small plan."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.helpers import MINIMAL_PLAN, json_items

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


DRAFT_PLAN = (
    MINIMAL_PLAN.replace(
        "      - id: 1.a\n",
        "      - id: 1.a\n        # xem lại: văn bản gốc không đánh số nhiệm vụ này\n",
    ).replace(
        "        lead: [tc-kt]\n", "        lead: [tc-kt]  # xem lại: 'Tài chính' hiểu là tc-kt\n"
    )
    + "# chưa xếp: Đoạn văn không xếp được\n"
)


def test_check_refuses_a_draft_naming_each_mark(run_cli: Run, write_plan: WritePlan) -> None:
    path = write_plan(DRAFT_PLAN)
    for _ in range(2):  # the second run reads the plan from the cache: same marks
        result = run_cli("check", path)
        assert result.exit_code == 1, result.output
        assert f"✗ {path}: bản nháp: còn 2 chỗ cần xem lại" in result.stdout
        assert "✓" not in result.stdout
        assert f"{path}:13:9: xem lại: văn bản gốc không đánh số nhiệm vụ này" in result.stdout
        assert f"{path}:23:24: xem lại: 'Tài chính' hiểu là tc-kt" in result.stdout
        assert f"1 đoạn văn bản chưa xếp vào trường nào (dòng {DRAFT_PLAN.count(chr(10))})" in (
            result.stdout
        )
    records = json_items(run_cli("check", "--json", path).stdout)
    assert records[0]["draft"] is True and len(records[0]["marks"]) == 3


def test_check_passes_once_the_review_marks_are_gone(run_cli: Run, write_plan: WritePlan) -> None:
    only_unplaced = MINIMAL_PLAN + "# chưa xếp: Đoạn văn không xếp được\n"
    result = run_cli("check", write_plan(only_unplaced))
    assert result.exit_code == 0, result.output
    assert "✓" in result.stdout and "1 đoạn văn bản chưa xếp" in result.stdout


def test_overdue_and_agenda_over_a_draft_warn_and_never_reassure_alone(
    run_cli: Run, write_plan: WritePlan
) -> None:
    path = write_plan(DRAFT_PLAN)
    for _ in range(2):  # cold, then from the cache
        result = run_cli("overdue", "--as-of", "2024-01-02", path)
        assert result.exit_code == 0, result.output
        assert f"cảnh báo: {path} là BẢN NHÁP (còn 2 chỗ cần xem lại, 1 đoạn" in result.stderr
        assert "Không có việc nào quá hạn (BẢN NHÁP" in result.stdout
    agenda = run_cli("agenda", "--month", "2024-01", "--as-of", "2024-01-02", "-p", path)
    assert "BẢN NHÁP" in agenda.stderr and "(BẢN NHÁP" in agenda.stdout
    clean = run_cli("overdue", "--as-of", "2024-01-02", write_plan())
    assert "BẢN NHÁP" not in clean.output


def test_list_show_and_report_over_a_draft_warn(
    run_cli: Run, write_plan: WritePlan, tmp_path: Path
) -> None:
    path = write_plan(DRAFT_PLAN)
    for args in (
        ("list", path),
        ("show", "1.a", "-p", path),
        ("report", "--period", "2024-Q1", "-f", "md", "-o", tmp_path / "bc.md", "-p", path),
    ):
        result = run_cli(*args)
        assert result.exit_code == 0, result.output
        assert f"cảnh báo: {path} là BẢN NHÁP" in result.stderr, args
    assert "(BẢN NHÁP, chưa xem lại xong" in result.stdout  # report's ✓ line says so too
