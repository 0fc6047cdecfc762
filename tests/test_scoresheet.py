"""The self-assessment table and the register as files, read back with openpyxl and
python-docx."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import openpyxl
from docx import Document

from cai_cach.evidence import build_register
from cai_cach.loading import load_plan
from cai_cach.rubric import load_rubric
from cai_cach.score import score_plan
from cai_cach.scoresheet import register_workbook, score_document, score_workbook
from tests.helpers import REPO, SHIPPED_PLAN

RUBRIC = REPO / "rubrics" / "vi-du-ca-mau.yaml"


def card():  # type: ignore[no-untyped-def]
    rubric, _ = load_rubric(RUBRIC)
    return score_plan(load_plan(SHIPPED_PLAN).plan, SHIPPED_PLAN, rubric, as_of=date(2024, 12, 31))


def test_workbook_holds_every_criterion_and_the_total() -> None:
    book = openpyxl.load_workbook(io.BytesIO(score_workbook(card())))
    sheet = book["Tự chấm điểm"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("Mã", "Tiêu chí", "Điểm tối đa", "Điểm tự chấm")
    codes = [row[0] for row in rows[1:]]
    assert codes == ["1", "1.1", "1.2", "1.3", None]
    assert rows[-1][1:3] == ("Tổng cộng", 4)
    assert rows[2][3] is None  # 1.1 not scored: left empty, never 0
    assert not any(
        cell.data_type == "f" for page in book for row in page.iter_rows() for cell in row
    )


def test_word_table_in_the_official_layout() -> None:
    document = Document(io.BytesIO(score_document(card())))
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "DỰ THẢO"  # an example rubric and an unscored criterion
    assert "BẢNG TỰ ĐÁNH GIÁ, CHẤM ĐIỂM" in texts
    assert any("Quyết định số 1880/QĐ-UBND" in t for t in texts)
    header, table = document.tables
    assert "ỦY BAN NHÂN DÂN" in header.rows[0].cells[0].text
    assert "Độc lập - Tự do - Hạnh phúc" in header.rows[0].cells[1].text
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert rows[0] == [
        "STT",
        "Tiêu chí",
        "Điểm tối đa",
        "Điểm tự chấm",
        "Cách tính",
        "Tài liệu kiểm chứng",
    ]
    assert rows[-1][1:4] == ["Tổng cộng", "4", "0"]
    assert rows[2][3] == "—"
    fonts = {run.font.name for p in document.paragraphs for run in p.runs}
    assert fonts == {"Times New Roman"}
    section = document.sections[0]
    assert round(section.left_margin.mm) == 30 and round(section.page_width.mm) == 210


def test_register_workbook(tmp_path: Path) -> None:
    register = build_register(load_plan(SHIPPED_PLAN).plan, SHIPPED_PLAN)
    book = openpyxl.load_workbook(io.BytesIO(register_workbook(register)))
    assert book.sheetnames == ["Tài liệu kiểm chứng", "Kiểm tra tệp"]
    assert book["Tài liệu kiểm chứng"].max_row == 1  # the shipped plan records no progress
