"""PDF with a text layer → lines and tables in reading order; a scan is refused clearly."""

from __future__ import annotations

from pathlib import Path

import pytest

from cai_cach.errors import UsageError
from cai_cach.loading import load_plan
from cai_cach.pdfreading import read_pdf
from tests.helpers import invoke
from tests.pdfmaker import scanned_pdf, text_pdf

HEADER = [
    "ỦY BAN NHÂN DÂN",
    "XÃ CÁT TIẾN",
    "Số: 05/KH-UBND",
    "Cát Tiến, ngày 10 tháng 01 năm 2026",
    "KẾ HOẠCH",
    "Cải cách hành chính năm 2026",
    "I. NỘI DUNG, NHIỆM VỤ",
]
TABLE = [
    ["STT", "Nội dung", "Chủ trì", "Phối hợp", "Thời gian"],
    ["1", "CẢI CÁCH THỂ CHẾ", "", "", ""],
    ["1.1", "Rà soát văn bản", "Văn phòng", "Các phòng", "Quý II/2026"],
    ["1.2", "Công khai TTHC", "Trung tâm", "", "31.3.2026"],
]


def test_lines_and_tables_come_in_reading_order(tmp_path: Path) -> None:
    blocks = read_pdf(text_pdf(tmp_path / "a.pdf", HEADER, TABLE))
    assert blocks[: len(HEADER)] == HEADER
    assert blocks[-1] == TABLE


def test_a_scanned_pdf_says_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="bản quét") as raised:
        read_pdf(scanned_pdf(tmp_path / "scan.pdf"))
    assert ".docx" in raised.value.hint


def test_a_damaged_pdf_is_a_usage_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.pdf"
    path.write_bytes(b"%PDF-1.4\nnot really")
    with pytest.raises(UsageError, match="PDF"):
        read_pdf(path)


def test_a_text_pdf_imports_end_to_end(tmp_path: Path) -> None:
    source = text_pdf(tmp_path / "kh.pdf", HEADER, TABLE)
    out = tmp_path / "kh.yaml"
    result = invoke("import", source, "-o", out)
    assert result.exit_code == 0, result.output
    plan = load_plan(out).plan
    tasks = {task.id: task for _, task in plan.tasks()}
    assert [t.title for t in tasks.values()] == ["Rà soát văn bản", "Công khai TTHC"]
    assert [m.due.date.isoformat() for m in tasks["1.1"].milestones] == ["2026-06-30"]
    assert [m.due.date.isoformat() for m in tasks["1.2"].milestones] == ["2026-03-31"]
    assert plan.plan.document is not None and plan.plan.document.number == "05/KH-UBND"
    assert plan.plan.document.signer is None  # not in the document: not invented
