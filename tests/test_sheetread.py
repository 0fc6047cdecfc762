"""Reading an edited review workbook back (sheetread.py): rows, hidden state, cell values."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from cai_cach.errors import OutputError
from cai_cach.loading import plan_from_bytes
from cai_cach.sheetexport import PATH_HEADER, TASKS, export_workbook, revision
from cai_cach.sheetread import (
    CellError,
    cadence_value,
    day_value,
    deadline_value,
    id_value,
    int_value,
    lines_value,
    party_ids,
    read_workbook,
    text_value,
)
from tests.helpers import MINIMAL_PLAN

PARTIES = {
    "vp-tk": ("Công chức Văn phòng - Thống kê", None),
    "tc-kt": ("Công chức Tài chính - Kế toán", "Nguyễn Văn Đức"),
    "tc-kt-2": ("Công chức Tài chính - Kế toán 2", None),
}


def exported(tmp_path: Path) -> Path:
    raw = MINIMAL_PLAN.encode()
    plan, _ = plan_from_bytes(raw, "plan.yaml")
    sheet = tmp_path / "x.xlsx"
    sheet.write_bytes(export_workbook(plan, raw, "plan.yaml"))
    return sheet


def test_the_workbook_is_read_with_its_state_and_rows(tmp_path: Path) -> None:
    book = read_workbook(exported(tmp_path))
    assert book.revision == revision(MINIMAL_PLAN.encode())
    assert book.plan_file == "plan.yaml"
    assert [row.path for row in book.rows[TASKS]][:2] == [
        ("sections", 0),
        ("sections", 0, "tasks", 0),
    ]
    task = book.rows[TASKS][1]
    assert task.text("Mã") == "1.a" and task.cell("Chủ trì") == "E3" and not task.seen
    assert book.originals['["sections", 0, "tasks", 0, "title"]'] == "Ban hành kế hoạch"
    assert book.problems == []


def test_a_new_row_has_no_path_and_a_formula_is_noticed(tmp_path: Path) -> None:
    sheet = exported(tmp_path)
    edited = openpyxl.load_workbook(sheet)
    edited[TASKS]["D20"] = "=A1"
    edited[TASKS]["O3"] = "x"
    edited.save(sheet)
    book = read_workbook(sheet)
    added = book.rows[TASKS][-1]
    assert (added.path, added.number, added.formulas) == (None, 20, {"Nội dung"})
    assert book.rows[TASKS][1].seen


def test_an_edited_path_cell_is_a_problem(tmp_path: Path) -> None:
    sheet = exported(tmp_path)
    edited = openpyxl.load_workbook(sheet)
    page = edited[TASKS]
    column = [c.value for c in page[1]].index(PATH_HEADER) + 1
    page.cell(3, column).value = "sửa bậy"
    edited.save(sheet)
    (problem,) = read_workbook(sheet).problems
    assert problem.location == f"'{TASKS}'!{page.cell(3, column).coordinate}"


def test_a_file_that_is_not_an_export_is_refused(tmp_path: Path) -> None:
    other = tmp_path / "khac.xlsx"
    openpyxl.Workbook().save(other)
    with pytest.raises(OutputError, match="thiếu trang"):
        read_workbook(other)
    broken = tmp_path / "hong.xlsx"
    broken.write_bytes(b"not a zip")
    with pytest.raises(OutputError, match="không đọc được"):
        read_workbook(broken)


def test_cell_values() -> None:
    assert text_value("  a ", True, "X") == "a" and text_value(None, False, "X") is None
    with pytest.raises(CellError, match="'X' không được để trống"):
        text_value(" ", True, "X")
    assert day_value(datetime(2024, 3, 20, 0, 0), False, "D") == "2024-03-20"
    assert day_value(date(2024, 3, 20), False, "D") == "2024-03-20"
    assert day_value("20/03/2024", False, "D") == "2024-03-20"
    with pytest.raises(CellError, match="không phải ngày"):
        day_value("hôm qua", False, "D")
    assert int_value(15.0, False, "N", 1, 31) == 15
    with pytest.raises(CellError, match="phải từ 1 đến 31"):
        int_value(40, False, "N", 1, 31)
    with pytest.raises(CellError, match="không phải một số"):
        int_value("mười", False, "N", 1, 31)
    assert deadline_value("Quý II", 2024, "H") == "Quý II"
    assert deadline_value(date(2024, 6, 30), 2024, "H") == "2024-06-30"
    with pytest.raises(CellError, match="không hiểu thời hạn"):
        deadline_value("sớm", 2024, "H")
    assert cadence_value("hàng quý", "C") == "quý" and cadence_value("6 tháng", "C") == "6 tháng"
    with pytest.raises(CellError, match="không hiểu chu kỳ"):
        cadence_value("tuần", "C")
    assert lines_value("a\n\n b \n") == ["a", "b"]
    with pytest.raises(CellError, match="dấu cách"):
        id_value("1 a", "Mã")


def test_parties_by_title_id_or_name_separated_by_semicolons() -> None:
    assert party_ids("Công chức Văn phòng - Thống kê; tc-kt", PARTIES, "P") == ["vp-tk", "tc-kt"]
    assert party_ids("nguyen van duc\nvp-tk; vp-tk", PARTIES, "P") == ["tc-kt", "vp-tk"]
    assert party_ids(None, PARTIES, "P") == []
    with pytest.raises(CellError, match="không có ai khớp"):
        party_ids("Công an xã", PARTIES, "P")
    with pytest.raises(CellError, match="có 2 bên khớp"):
        party_ids("Tài chính", PARTIES, "P")
