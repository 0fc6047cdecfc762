"""Applying an edited sheet to its plan file (sheetapply.py): minimal edits, every other byte
kept (CRLF, BOM, comments), the result validated, stale sheets refused."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from cai_cach.errors import NotFoundError, RecordError, SheetError
from cai_cach.loading import plan_from_bytes
from cai_cach.sheetapply import apply_workbook
from cai_cach.sheetexport import GENERAL, TASKS, export_workbook
from tests.helpers import DRAFT_PLAN, MINIMAL_PLAN


def export(plan: Path) -> Path:
    raw = plan.read_bytes()
    loaded, _ = plan_from_bytes(raw, str(plan))
    sheet = plan.parent / "x.xlsx"
    sheet.write_bytes(export_workbook(loaded, raw, str(plan)))
    return sheet


def edit(sheet: Path, page: str, match: dict[str, str], cells: dict[str, Any]) -> None:
    book = openpyxl.load_workbook(sheet)
    ws = book[page]
    columns = {cell.value: cell.column for cell in ws[1]}
    for number in range(2, ws.max_row + 1):
        if all(ws.cell(number, columns[k]).value == v for k, v in match.items()):
            for header, value in cells.items():
                ws.cell(number, columns[header]).value = value
            break
    else:
        raise AssertionError(match)
    book.save(sheet)


Write = Callable[..., Path]


def test_crlf_a_bom_and_comments_are_kept(write_plan: Write) -> None:
    raw = b"\xef\xbb\xbf" + DRAFT_PLAN.replace("\n", "\r\n").encode()
    plan = write_plan(raw)
    sheet = export(plan)
    edit(sheet, TASKS, {"Loại": "Mốc", "Mã": "1.a"}, {"Hạn": "31/03/2024"})
    applied = apply_workbook(sheet)
    assert applied.written and not applied.stale
    assert plan.read_bytes() == raw.replace(b"due: Qu\xc3\xbd I/2024", b"due: 31/03/2024")
    assert len(applied.marks_left) == 6  # nothing confirmed: every mark stays


def test_a_cleared_optional_field_is_removed_and_a_flow_mapping_edited(write_plan: Write) -> None:
    plan = write_plan(
        MINIMAL_PLAN.replace("timeline: Quý I", "products: Kế hoạch\n        timeline: Quý I")
    )
    sheet = export(plan)
    edit(sheet, TASKS, {"Loại": "Nhiệm vụ", "Mã": "1.a"}, {"Sản phẩm": None})
    edit(sheet, GENERAL, {"Trường": "Cơ quan cấp trên"}, {"Giá trị": "UBND huyện Thử"})
    apply_workbook(sheet)
    text = plan.read_text(encoding="utf-8")
    assert "products" not in text
    assert "  agency: {name: Ủy ban nhân dân xã Thử, parent: UBND huyện Thử, place: Thử}\n" in text


def test_recipients_are_one_line_each(write_plan: Write) -> None:
    plan = write_plan(DRAFT_PLAN)
    sheet = export(plan)
    field = "Quyết định: nơi nhận (mỗi dòng một nơi)"
    edit(sheet, GENERAL, {"Trường": field}, {"Giá trị": "Như Điều 3;\nUBND huyện;\nLưu: VT."})
    apply_workbook(sheet)
    assert (
        '    recipients:\n      - Như Điều 3;\n      - UBND huyện;\n      - "Lưu: VT."\n  # xem lại'
    ) in plan.read_text(encoding="utf-8")


def test_a_stale_sheet_is_refused_and_the_plan_left_alone(write_plan: Write) -> None:
    plan = write_plan(MINIMAL_PLAN)
    sheet = export(plan)
    edit(sheet, TASKS, {"Loại": "Mốc", "Mã": "1.a"}, {"Hạn": "30/04/2024"})
    plan.write_text(MINIMAL_PLAN + "# ghi chú\n", encoding="utf-8")
    with pytest.raises(RecordError, match="bản khác"):
        apply_workbook(sheet)
    assert plan.read_text(encoding="utf-8") == MINIMAL_PLAN + "# ghi chú\n"
    assert apply_workbook(sheet, force=True).stale


def test_an_invalid_result_is_not_written(write_plan: Write) -> None:
    plan = write_plan(MINIMAL_PLAN)
    sheet = export(plan)
    edit(sheet, TASKS, {"Loại": "Nhiệm vụ", "Mã": "1.a"}, {"Chủ trì": "Ông Không Có"})
    with pytest.raises(SheetError) as caught:
        apply_workbook(sheet)
    (problem,) = caught.value.problems
    assert problem.location == f"'{TASKS}'!E3"
    assert plan.read_text(encoding="utf-8") == MINIMAL_PLAN


def test_the_plan_file_must_exist(tmp_path: Path, write_plan: Write) -> None:
    plan = write_plan(MINIMAL_PLAN)
    sheet = export(plan)
    with pytest.raises(NotFoundError, match="không thấy tệp kế hoạch"):
        apply_workbook(sheet, tmp_path / "khac.yaml")


def test_remove_marks_takes_only_the_comments_at_those_lines(write_plan: Write) -> None:
    from cai_cach.sheetapply import remove_marks

    plan = write_plan(DRAFT_PLAN)
    removed = remove_marks(plan, {7, 23, 1})  # line 1 holds no mark
    assert [mark.line for mark in removed] == [7, 23]
    lines = DRAFT_PLAN.splitlines(keepends=True)
    del lines[6]
    lines[21] = "    title: Tư pháp - Hộ tịch\n"
    assert plan.read_text(encoding="utf-8") == "".join(lines)
    assert remove_marks(plan, set()) == ()


def test_marks_of_a_file_saved_decomposed_are_removed_too(write_plan: Write) -> None:
    import unicodedata

    from cai_cach.draftmarks import marks_in_bytes
    from cai_cach.sheetapply import remove_marks

    raw = unicodedata.normalize("NFD", DRAFT_PLAN).encode()
    plan = write_plan(raw)
    assert [mark.line for mark in remove_marks(plan, {7, 23})] == [7, 23]
    after = plan.read_bytes()
    assert [mark.line for mark in marks_in_bytes(after)] == [
        16,
        32,
        48,
        58,
    ]  # 17, 33, 49, 59 less the line that went
    assert unicodedata.normalize("NFD", "    title: Tư pháp - Hộ tịch\n").encode() in after
