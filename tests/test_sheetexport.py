"""The review workbook of a plan (sheetexport.py): its sheets, rows, marks, drop-down, hidden
state, and text that is never a formula."""

from __future__ import annotations

import io
import zipfile
from datetime import date
from typing import Any

import openpyxl
import pytest

from cai_cach.loading import plan_from_bytes
from cai_cach.sheetexport import (
    GENERAL,
    OFFICIALS,
    STATE,
    TASKS,
    canonical,
    export_workbook,
    path_from_text,
    path_text,
    revision,
)
from tests.helpers import DRAFT_PLAN, MINIMAL_PLAN


def workbook(text: str) -> Any:
    raw = text.encode("utf-8")
    plan, _ = plan_from_bytes(raw, "plans/thu.yaml")
    return openpyxl.load_workbook(io.BytesIO(export_workbook(plan, raw, "plans/thu.yaml")))


def rows(page: Any) -> list[dict[str, Any]]:
    header = [cell.value for cell in page[1]]
    return [
        dict(zip(header, line, strict=True)) for line in page.iter_rows(min_row=2, values_only=True)
    ]


def test_the_sheets_and_the_hidden_state() -> None:
    book = workbook(DRAFT_PLAN)
    assert book.sheetnames == [GENERAL, TASKS, OFFICIALS, STATE]
    state = book[STATE]
    assert state.sheet_state == "hidden"
    assert state["B1"].value == revision(DRAFT_PLAN.encode()) and len(state["B1"].value) == 64
    assert state["B2"].value == "plans/thu.yaml"
    mapping = {
        row[2]: (row[0], row[1], row[3]) for row in state.iter_rows(min_row=6, values_only=True)
    }
    assert mapping[path_text(("sections", 0, "tasks", 0, "lead"))][0] == TASKS
    assert mapping[path_text(("plan", "decision", "number"))] == (GENERAL, "B7", "12/QĐ-UBND")
    for page in (book[GENERAL], book[TASKS], book[OFFICIALS]):
        assert page.column_dimensions[openpyxl.utils.get_column_letter(page.max_column)].hidden


def test_one_row_per_section_task_milestone_recurring_and_reporting_duty() -> None:
    tasks = rows(workbook(DRAFT_PLAN)[TASKS])
    assert [(r["Loại"], r["Mã"], r["Nội dung"]) for r in tasks] == [
        ("Mục", None, "Cải cách thể chế"),
        ("Nhiệm vụ", "1.a", "Rà soát văn bản quy phạm pháp luật"),
        ("Mốc", "1.a", "Ban hành kế hoạch"),
        ("Nhiệm vụ", "1.b", "Theo dõi thi hành pháp luật"),
        ("Báo cáo", "III.1", "Báo cáo kết quả thực hiện kế hoạch"),
        ("Định kỳ", "III.1", "Báo cáo quý"),
    ]
    task, milestone, duty, recurring = tasks[1], tasks[2], tasks[4], tasks[5]
    assert task["Chủ trì"] == "Công chức Văn phòng - Thống kê; Tư pháp - Hộ tịch"
    assert task["Phối hợp"] == "Các công chức có liên quan"
    assert task["Thời gian"] == "Quý I/2024 ban hành kế hoạch."
    assert milestone["Hạn"] == "Quý I/2024" and milestone["Đã xong"] is None
    assert duty["Nơi nhận"] == "UBND huyện"
    assert (recurring["Chu kỳ"], recurring["Ngày hạn trong kỳ"]) == ("hàng quý", 15)
    assert path_from_text(task["Đường dẫn (không sửa)"]) == ("sections", 0, "tasks", 0)


def test_general_information_and_the_unplaced_text() -> None:
    general = {r["Trường"]: r for r in rows(workbook(DRAFT_PLAN)[GENERAL])}
    assert general["Cơ quan ban hành"]["Giá trị"] == "Ủy ban nhân dân xã Thử"
    assert general["Quyết định: ngày ký"]["Giá trị"].date() == date(2023, 12, 26)
    assert general["Quyết định: nơi nhận (mỗi dòng một nơi)"]["Giá trị"] == "Như Điều 3;\nLưu: VT."
    assert general["Ngày bắt đầu thực hiện"]["Giá trị"] is None
    unplaced = [r for name, r in general.items() if name.startswith("Đoạn chưa xếp")]
    assert [r["Giá trị"] for r in unplaced] == [
        "Các công chức kịp thời báo cáo khó khăn, vướng mắc."
    ]


def test_each_mark_is_in_its_row_and_on_the_cell_it_is_about() -> None:
    book = workbook(DRAFT_PLAN)
    tasks = rows(book[TASKS])
    assert tasks[1]["Cần xem lại"] == "dòng 33: 'Tư pháp' hiểu là 'Công chức Tư pháp - Hộ tịch'"
    assert tasks[4]["Cần xem lại"].startswith("dòng 49: nghĩa vụ báo cáo")
    officials = book[OFFICIALS]
    tp = next(r for r in range(2, officials.max_row + 1) if officials.cell(r, 1).value == "tp-ht")
    assert officials.cell(tp, 2).comment.text == "dòng 23: tên chức danh lấy nguyên văn"
    general = rows(book[GENERAL])
    assert general[2]["Cần xem lại"].startswith("dòng 7: cơ quan cấp trên")
    assert rows(book[TASKS])[3]["Cần xem lại"] is None


def test_leads_and_supports_offer_the_officials_as_a_drop_down() -> None:
    page = workbook(MINIMAL_PLAN)[TASKS]
    (validation,) = page.data_validations.dataValidation
    assert validation.type == "list"
    assert validation.formula1 == f"'{OFFICIALS}'!$B$2:$B$503"
    assert {str(r) for r in validation.sqref.ranges} == {
        "E2:E506",
        "F2:F506",
    }  # 5 rows, then 500 for new ones
    assert validation.showErrorMessage is False  # several parties may be typed, with ';'


@pytest.mark.parametrize("value", ["=1+1", "+84 912", "-5 ngày", "@tham-muu"])
def test_text_that_looks_like_a_formula_stays_text(value: str) -> None:
    text = MINIMAL_PLAN.replace("title: Ban hành kế hoạch\n", f'title: "{value}"\n', 1)
    raw = text.encode()
    plan, _ = plan_from_bytes(raw, "p.yaml")
    content = export_workbook(plan, raw, "p.yaml")
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        sheets = [archive.read(n) for n in archive.namelist() if n.startswith("xl/worksheets/")]
    assert not any(b"<f>" in sheet for sheet in sheets)
    page = openpyxl.load_workbook(io.BytesIO(content))[TASKS]
    cell = page["D3"]
    assert (cell.value, cell.data_type, cell.quotePrefix) == (value, "s", True)


def test_canonical_values_compare_as_the_clerk_sees_them() -> None:
    assert canonical(None) == "" and canonical(" a\r\nb ") == "a\nb"
    assert canonical(2024.0) == "2024" and canonical(15) == "15"
    assert canonical(date(2024, 3, 1)) == "2024-03-01"
    assert path_from_text("không phải") is None and path_from_text('{"a": 1}') is None


def test_every_cell_is_wrapped_and_aligned_to_the_top() -> None:
    book = workbook(DRAFT_PLAN)
    for page in book.worksheets:
        cells = [cell for line in page.iter_rows() for cell in line if cell.value is not None]
        assert cells, page.title
        for cell in cells:
            assert (cell.alignment.wrap_text, cell.alignment.vertical) == (True, "top"), (
                f"{page.title}!{cell.coordinate}"
            )
