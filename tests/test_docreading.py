"""Reading office documents into lines and tables, the same way for every format."""

from __future__ import annotations

from pathlib import Path

import pytest

from cai_cach.docreading import TableBlock, read_document
from cai_cach.errors import UsageError

DATA = Path(__file__).resolve().parent / "data"


def test_markdown_marks_go_and_hard_breaks_split_lines(tmp_path: Path) -> None:
    source = tmp_path / "a.md"
    source.write_text(
        "**ỦY BAN NHÂN DÂN  \nXÃ A**\n\n## **1. Cải   cách thể chế:**\n\n"
        "a) Rà soát văn bản\ntiếp dòng\n\n- Chủ trì: Văn phòng\n  - Phối hợp: *Các phòng*\n\n"
        "| STT | Nội dung |\n|---|---|\n| 1 | Việc **một** |\n",
        encoding="utf-8",
    )
    blocks = read_document(source).blocks
    assert blocks[:6] == [
        "ỦY BAN NHÂN DÂN",
        "XÃ A",
        "1. Cải cách thể chế:",
        "a) Rà soát văn bản tiếp dòng",
        "- Chủ trì: Văn phòng",
        "- Phối hợp: Các phòng",
    ]
    assert blocks[6] == TableBlock([["STT", "Nội dung"], ["1", "Việc một"]])


def test_word_list_numbers_are_written_back_in_front_of_the_text() -> None:
    blocks = read_document(DATA / "ke-hoach-cchc-2024-xa-tinh-minh.docx").blocks
    # "f)", "h)" and "k)" are Word numbering that restarts at 6, 8 and 11, not typed text
    assert any(str(b).startswith("f) Nâng cao hiệu quả hoạt động") for b in blocks)
    assert any(str(b).startswith("k) Đẩy mạnh thực hiện dịch vụ công") for b in blocks)
    assert any(str(b).startswith("đ) Thực hiện niêm yết") for b in blocks)


def test_table_cells_keep_their_lines(tmp_path: Path) -> None:
    import docx

    word = docx.Document()
    table = word.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "ỦY BAN NHÂN DÂN\nXÃ B"
    table.cell(0, 1).text = "B, ngày 1 tháng 2 năm 2025"
    path = tmp_path / "b.docx"
    word.save(str(path))
    assert read_document(path).blocks == [
        TableBlock([["ỦY BAN NHÂN DÂN\nXÃ B", "B, ngày 1 tháng 2 năm 2025"]])
    ]


def test_unknown_kinds_of_file_are_refused(tmp_path: Path) -> None:
    source = tmp_path / "a.xls"
    source.write_bytes(b"\xd0\xcf")
    with pytest.raises(UsageError, match="không đọc được loại tệp"):
        read_document(source)
