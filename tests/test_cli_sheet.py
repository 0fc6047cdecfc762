"""`caicach sheet export` and `caicach sheet apply` end to end: a draft taken to a clean plan
with a spreadsheet (the clerk's edits made here with openpyxl), a stale sheet refused, wrong
cells reported at Sheet!Cell."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from tests.helpers import DRAFT_PLAN, MINIMAL_PLAN

Run = Callable[..., Any]
WritePlan = Callable[..., Path]


def headers(page: Any) -> dict[str, int]:
    return {cell.value: cell.column for cell in page[1]}


def find_row(page: Any, **wanted: str) -> int:
    columns = headers(page)
    for number in range(2, page.max_row + 1):
        if all(page.cell(number, columns[k]).value == v for k, v in wanted.items()):
            return number
    raise AssertionError(f"no row {wanted}")


def edit(sheet: Path, changes: Callable[[Any], None]) -> None:
    book = openpyxl.load_workbook(sheet)
    changes(book)
    book.save(sheet)


def set_cell(page: Any, row: int, header: str, value: Any) -> None:
    page.cell(row, headers(page)[header]).value = value


def confirm_every_mark(book: Any) -> None:
    for name in ("Thông tin chung", "Nhiệm vụ", "Công chức"):
        page = book[name]
        columns = headers(page)
        for number in range(2, page.max_row + 1):
            if page.cell(number, columns["Cần xem lại"]).value:
                page.cell(number, columns["Đã xem"]).value = "x"


def exported(run_cli: Run, plan: Path) -> Path:
    sheet = plan.parent / "xem-lai.xlsx"
    result = run_cli("sheet", "export", plan, "-o", sheet)
    assert result.exit_code == 0, result.output
    return sheet


def test_a_draft_becomes_a_clean_plan_through_the_sheet(
    run_cli: Run, write_plan: WritePlan
) -> None:
    plan = write_plan(DRAFT_PLAN)
    assert run_cli("check", plan).exit_code == 1
    sheet = exported(run_cli, plan)

    def clerk(book: Any) -> None:
        confirm_every_mark(book)
        tasks, general = book["Nhiệm vụ"], book["Thông tin chung"]
        set_cell(
            tasks,
            find_row(tasks, Loại="Nhiệm vụ", Mã="1.a"),
            "Chủ trì",
            "Công chức Văn phòng - Thống kê",
        )
        set_cell(tasks, find_row(tasks, Loại="Mốc", Mã="1.a"), "Đã xong", date(2024, 3, 15))
        set_cell(general, find_row(general, Trường="Cơ quan cấp trên"), "Giá trị", "UBND huyện Thử")

    edit(sheet, clerk)
    result = run_cli("sheet", "apply", sheet)
    assert result.exit_code == 0, result.output
    assert "Nhiệm vụ 1.a: chủ trì: Công chức Văn phòng - Thống kê; Tư pháp - Hộ tịch → " in (
        result.stdout
    )
    assert "hoàn thành mốc “Ban hành kế hoạch” ngày 15/03/2024" in result.stdout
    assert "Đã bỏ 5 dấu xem lại và 1 đoạn chưa xếp" in result.stdout
    checked = run_cli("check", plan)
    assert checked.exit_code == 0, checked.output
    assert "✓" in checked.stdout
    text = plan.read_text(encoding="utf-8")
    assert "xem lại" not in text and "chưa xếp" not in text
    # every line the clerk did not touch is still there, byte for byte
    expected = [
        line.split("  # xem lại")[0].replace("lead: [vp-tk, tp-ht]", "lead: [vp-tk]")
        for line in DRAFT_PLAN.splitlines()
        if not line.lstrip().startswith(("# xem lại", "# chưa xếp"))
    ]
    lines = text.splitlines()
    assert "    parent: UBND huyện Thử" in lines
    assert "            done: 2024-03-15" in lines
    lines.remove("    parent: UBND huyện Thử")
    lines.remove("            done: 2024-03-15")
    assert lines == expected


def test_a_sheet_with_nothing_changed_writes_nothing(run_cli: Run, write_plan: WritePlan) -> None:
    plan = write_plan(DRAFT_PLAN)
    sheet = exported(run_cli, plan)
    result = run_cli("sheet", "apply", sheet, plan)
    assert result.exit_code == 0, result.output
    assert "không có gì mới" in result.stdout
    assert plan.read_text(encoding="utf-8") == DRAFT_PLAN


def test_a_sheet_from_another_revision_is_refused_unless_forced(
    run_cli: Run, write_plan: WritePlan
) -> None:
    plan = write_plan(MINIMAL_PLAN)
    sheet = exported(run_cli, plan)
    edit(
        sheet,
        lambda book: set_cell(
            book["Nhiệm vụ"], find_row(book["Nhiệm vụ"], Loại="Mốc", Mã="1.a"), "Hạn", "30/04/2024"
        ),
    )
    changed = MINIMAL_PLAN.replace("title: Báo cáo hàng tháng", "title: Báo cáo tháng")
    plan.write_text(changed, encoding="utf-8")
    refused = run_cli("sheet", "apply", sheet)
    assert refused.exit_code == 2
    assert "được xuất từ một bản khác" in refused.stderr and "--force" in refused.stderr
    assert plan.read_text(encoding="utf-8") == changed
    forced = run_cli("sheet", "apply", sheet, "--force")
    assert forced.exit_code == 0, forced.output
    text = plan.read_text(encoding="utf-8")
    assert "due: 30/04/2024" in text and "title: Báo cáo tháng" in text  # both changes kept


def test_wrong_cells_are_reported_at_sheet_and_cell(run_cli: Run, write_plan: WritePlan) -> None:
    plan = write_plan(MINIMAL_PLAN)
    sheet = exported(run_cli, plan)
    tasks_rows: dict[str, int] = {}

    def clerk(book: Any) -> None:
        tasks = book["Nhiệm vụ"]
        tasks_rows["task"] = find_row(tasks, Loại="Nhiệm vụ", Mã="1.a")
        tasks_rows["milestone"] = find_row(tasks, Loại="Mốc", Mã="1.a")
        set_cell(tasks, tasks_rows["task"], "Phối hợp", "Người không có")
        set_cell(tasks, tasks_rows["milestone"], "Hạn", "sớm nhất")
        set_cell(tasks, tasks_rows["milestone"], "Đã xong", "hôm qua")
        set_cell(tasks, tasks_rows["task"], "Nội dung", None)

    edit(sheet, clerk)
    result = run_cli("sheet", "apply", sheet)
    assert result.exit_code == 2
    errors = result.stderr
    assert f"{sheet}: 'Nhiệm vụ'!F{tasks_rows['task']}: lỗi: 'Phối hợp': 'Người không có'" in errors
    assert f"'Nhiệm vụ'!I{tasks_rows['milestone']}: lỗi: 'Hạn': không hiểu thời hạn" in errors
    assert f"'Nhiệm vụ'!L{tasks_rows['milestone']}: lỗi: 'Đã xong': 'hôm qua' không phải" in errors
    assert f"'Nhiệm vụ'!D{tasks_rows['task']}: lỗi: 'Nội dung' không được để trống" in errors
    assert "4 ô cần sửa; tệp kế hoạch giữ nguyên" in errors
    assert "Traceback" not in result.output
    assert plan.read_text(encoding="utf-8") == MINIMAL_PLAN


def test_a_plan_problem_after_the_edits_points_at_the_cell(
    run_cli: Run, write_plan: WritePlan
) -> None:
    plan = write_plan(MINIMAL_PLAN)
    sheet = exported(run_cli, plan)
    row: list[int] = []

    def clerk(book: Any) -> None:
        tasks = book["Nhiệm vụ"]
        row.append(find_row(tasks, Loại="Nhiệm vụ", Mã="1.đ"))
        set_cell(tasks, row[0], "Mã", "1.a")  # a duplicate id: the plan would be invalid

    edit(sheet, clerk)
    result = run_cli("sheet", "apply", sheet)
    assert result.exit_code == 2
    assert f"'Nhiệm vụ'!C{row[0]}: lỗi:" in result.stderr
    assert plan.read_text(encoding="utf-8") == MINIMAL_PLAN


def test_rows_added_and_deleted_become_tasks_milestones_and_officials(
    run_cli: Run, write_plan: WritePlan
) -> None:
    plan = write_plan(MINIMAL_PLAN)
    sheet = exported(run_cli, plan)

    def clerk(book: Any) -> None:
        tasks, officials = book["Nhiệm vụ"], book["Công chức"]
        new = officials.max_row + 1
        set_cell(officials, new, "Mã", "vh-xh")
        set_cell(officials, new, "Chức danh, đơn vị", "Công chức Văn hóa - Xã hội")
        tasks.delete_rows(find_row(tasks, Loại="Mốc", Mã="1.a"))
        new = tasks.max_row + 1
        for header, value in {
            "Mục": "1",
            "Loại": "Nhiệm vụ",
            "Mã": "1.e",
            "Nội dung": "Tuyên truyền cải cách hành chính",
            "Chủ trì": "Công chức Văn hóa - Xã hội",
            "Phối hợp": "vp-tk; Nguyễn Văn Đức",
            "Thời gian": "Quý II/2024",
        }.items():
            set_cell(tasks, new, header, value)
        for header, value in {
            "Loại": "Mốc",
            "Mã": "1.e",
            "Nội dung": "Xong",
            "Hạn": "Quý II/2024",
        }.items():
            set_cell(tasks, new + 1, header, value)
        for header, value in {
            "Loại": "Định kỳ",
            "Mã": "1.a",
            "Nội dung": "Báo cáo quý",
            "Chu kỳ": "hàng quý",
            "Ngày hạn trong kỳ": 15,
        }.items():
            set_cell(tasks, new + 2, header, value)

    edit(sheet, clerk)
    result = run_cli("sheet", "apply", sheet)
    assert result.exit_code == 0, result.output
    assert "Thêm nhiệm vụ 1.e" in result.stdout
    assert run_cli("check", plan).exit_code == 0
    text = plan.read_text(encoding="utf-8")
    assert "  vh-xh: {title: Công chức Văn hóa - Xã hội}\n" in text
    assert (
        "      - id: 1.e\n"
        "        title: Tuyên truyền cải cách hành chính\n"
        "        lead: [vh-xh]\n"
        "        support: [vp-tk, tc-kt]\n"
        "        timeline: Quý II/2024\n"
        "        milestones:\n"
        "          - what: Xong\n"
        "            due: Quý II/2024\n"
    ) in text
    assert (
        "recurring:\n          - what: Báo cáo quý\n"
        "            every: quý\n            due_day: 15\n" in text
    )
    assert "Ban hành kế hoạch\n            due: Quý I/2024" not in text  # the deleted milestone


@pytest.mark.parametrize("name", ["x.txt", "x.csv"])
def test_export_wants_an_xlsx_file(run_cli: Run, write_plan: WritePlan, name: str) -> None:
    plan = write_plan()
    result = run_cli("sheet", "export", plan, "-o", plan.parent / name)
    assert result.exit_code == 2
    assert ".xlsx" in result.stderr


def test_export_does_not_overwrite_without_force(run_cli: Run, write_plan: WritePlan) -> None:
    plan = write_plan()
    sheet = exported(run_cli, plan)
    again = run_cli("sheet", "export", plan, "-o", sheet)
    assert again.exit_code == 2
    assert run_cli("sheet", "export", plan, "-o", sheet, "--force").exit_code == 0


def test_apply_of_a_workbook_not_from_export_is_refused(run_cli: Run, tmp_path: Path) -> None:
    other = tmp_path / "khac.xlsx"
    openpyxl.Workbook().save(other)
    result = run_cli("sheet", "apply", other)
    assert result.exit_code == 2
    assert "không phải bảng tính do 'caicach sheet export' tạo" in result.stderr


def test_review_confirms_marks_one_by_one(write_plan: WritePlan) -> None:
    from typer.testing import CliRunner

    from cai_cach.cli import app

    plan = write_plan(DRAFT_PLAN)
    result = CliRunner().invoke(app, ["review", str(plan)], input="c\nb\nc\nd\n")
    assert result.exit_code == 0, result.output
    assert f"[1/5] {plan}:7: xem lại: cơ quan cấp trên" in result.output
    assert "    place: Thử" in result.output  # the line the first mark is about
    assert "    title: Tư pháp - Hộ tịch\n" in result.output  # a trailing mark: its field
    assert "Đã bỏ 2 dấu xem lại" in result.output and "còn 3 chỗ cần xem lại" in result.output
    text = plan.read_text(encoding="utf-8")
    assert "cơ quan cấp trên (parent)" not in text and "'12/QĐ -UBND'" in text
    assert "    title: Tư pháp - Hộ tịch\n" in text  # the third mark, cut from its line
    again = CliRunner().invoke(app, ["review", str(write_plan(MINIMAL_PLAN, "sach.yaml"))])
    assert "không còn dấu xem lại nào" in again.output
