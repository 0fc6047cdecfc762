"""What an edited sheet asks to change (sheetplan.py), computed without touching any file."""

from __future__ import annotations

from pathlib import Path

import pytest

from cai_cach.errors import SheetError
from cai_cach.loading import plan_from_bytes
from cai_cach.models import Plan
from cai_cach.sheetexport import GENERAL, OFFICIALS, TASKS, export_workbook
from cai_cach.sheetplan import Changes, FieldEdit, NewItem, plan_changes, row_kind
from cai_cach.sheetread import SheetRow, Workbook, read_workbook
from tests.helpers import DRAFT_PLAN


def exported(tmp_path: Path) -> tuple[Workbook, Plan]:
    raw = DRAFT_PLAN.encode()
    plan, _ = plan_from_bytes(raw, "plan.yaml")
    sheet = tmp_path / "x.xlsx"
    sheet.write_bytes(export_workbook(plan, raw, "plan.yaml"))
    return read_workbook(sheet), plan


def row(book: Workbook, sheet: str, **wanted: str) -> SheetRow:
    return next(r for r in book.rows[sheet] if all(r.text(k) == v for k, v in wanted.items()))


def changes(book: Workbook, plan: Plan) -> Changes:
    return plan_changes(book, plan, DRAFT_PLAN.rstrip("\n"))


def test_an_untouched_sheet_asks_for_nothing(tmp_path: Path) -> None:
    book, plan = exported(tmp_path)
    found = changes(book, plan)
    assert (found.edits, found.items, found.removals, found.marks) == ([], [], [], [])


def test_seen_removes_the_rows_marks_and_a_changed_cell_its_own(tmp_path: Path) -> None:
    book, plan = exported(tmp_path)
    row(book, TASKS, Loại="Nhiệm vụ", Mã="1.a").values["Đã xem"] = "x"
    row(book, OFFICIALS, Mã="tp-ht").values["Chức danh, đơn vị"] = "Công chức Tư pháp - Hộ tịch"
    row(book, GENERAL, Trường="Cơ quan ban hành").values["Cần xem lại"] = None  # emptied
    found = changes(book, plan)
    assert sorted(mark.line for mark in found.marks) == [7, 23, 33]
    assert found.edits == [
        FieldEdit(("officials", "tp-ht"), "title", "Công chức Tư pháp - Hộ tịch")
    ]


def test_a_changed_cell_without_a_mark_of_its_own_keeps_the_rows_marks(tmp_path: Path) -> None:
    book, plan = exported(tmp_path)
    task = row(book, TASKS, Loại="Nhiệm vụ", Mã="1.a")
    task.values["Sản phẩm"] = "Kế hoạch rà soát"
    found = changes(book, plan)
    assert found.marks == []
    assert found.edits == [FieldEdit(("sections", 0, "tasks", 0), "products", "Kế hoạch rà soát")]


def test_leads_become_ids_and_dates_iso(tmp_path: Path) -> None:
    book, plan = exported(tmp_path)
    row(book, TASKS, Loại="Nhiệm vụ", Mã="1.b").values["Chủ trì"] = "Tư pháp - Hộ tịch; vp-tk"
    row(book, GENERAL, Trường="Ngày bắt đầu thực hiện").values["Giá trị"] = "01/01/2024"
    found = changes(book, plan)
    assert FieldEdit(("sections", 0, "tasks", 1), "lead", ["tp-ht", "vp-tk"], "ids") in found.edits
    assert FieldEdit(("plan",), "start", "2024-01-01") in found.edits


def test_new_rows_and_deleted_rows(tmp_path: Path) -> None:
    book, plan = exported(tmp_path)
    tasks = book.rows[TASKS]
    tasks.remove(row(book, TASKS, Loại="Mốc", Mã="1.a"))
    tasks.append(
        SheetRow(
            TASKS,
            40,
            None,
            {"Loại": "Mốc", "Mã": "1.b", "Nội dung": "Sơ kết", "Hạn": "Quý II"},
            {"Loại": "B40", "Mã": "C40", "Nội dung": "D40", "Hạn": "I40"},
        )
    )
    found = changes(book, plan)
    assert found.removals == [("sections", 0, "tasks", 0, "milestones", 0)]
    assert found.items == [
        NewItem(("sections", 0, "tasks", 1), "milestones", ["what: Sơ kết", "due: Quý II"])
    ]


def test_every_wrong_cell_is_reported_at_once(tmp_path: Path) -> None:
    book, plan = exported(tmp_path)
    book.rows[TASKS].append(SheetRow(TASKS, 41, None, {"Loại": "Việc"}, {"Loại": "B41"}))
    row(book, TASKS, Loại="Định kỳ", Mã="III.1").values["Chu kỳ"] = "tuần"
    book.rows[GENERAL].remove(row(book, GENERAL, Trường="Địa danh"))
    with pytest.raises(SheetError) as caught:
        changes(book, plan)
    locations = [problem.location for problem in caught.value.problems]
    assert f"'{TASKS}'!B41" in locations
    assert any(location.startswith(f"'{TASKS}'!J") for location in locations)
    assert f"'{GENERAL}'!A6" in locations  # a general row cannot be deleted
    assert len(locations) == 3


def test_row_kinds_and_located_problems() -> None:
    assert row_kind(("sections", 0)) == "Mục"
    assert row_kind(("sections", 0, "tasks", 2)) == "Nhiệm vụ"
    assert row_kind(("reporting", 0)) == "Báo cáo"
    assert row_kind(("reporting", 0, "recurring", 1)) == "Định kỳ"
    found = Changes(cells={"sections[0].tasks[1]": ("Nhiệm vụ", "A4")})
    assert found.locate("sections[0].tasks[1].lead[0]") == ("Nhiệm vụ", "A4")
    assert found.locate("officials.x") is None
