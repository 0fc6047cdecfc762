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


def test_converter_markdown_tables_with_br_and_short_rules(tmp_path: Path) -> None:
    source = tmp_path / "c.md"
    source.write_text(
        "| ỦY BAN NHÂN DÂN<br>**XÃ A**<br>\\_\\_\\_ | CỘNG HÒA |\n|:--:|:--:|\n"
        "| Số: 1/KH-UBND | x |\n",
        encoding="utf-8",
    )
    (table,) = read_document(source).blocks
    assert table == TableBlock([["ỦY BAN NHÂN DÂN\nXÃ A\n___", "CỘNG HÒA"], ["Số: 1/KH-UBND", "x"]])


def test_invisible_characters_are_removed_and_counted(tmp_path: Path) -> None:
    source = tmp_path / "b.md"
    source.write_text("Rà\u200b soát\u202e văn bản\ufeff\x07\n", encoding="utf-8")
    document = read_document(source)
    assert document.blocks == ["Rà soát văn bản"]
    assert document.removed_characters == 4


def test_a_markdown_file_of_too_many_lines_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cai_cach import docxreading

    monkeypatch.setattr(docxreading, "MAX_BLOCKS", 100)
    source = tmp_path / "many.md"
    source.write_text("dòng\n\n" * 200, encoding="utf-8")
    with pytest.raises(UsageError, match="quá nhiều đoạn"):
        read_document(source)


def test_a_file_over_the_size_limit_is_refused_before_reading(tmp_path: Path) -> None:
    source = tmp_path / "big.docx"
    with source.open("wb") as stream:
        stream.truncate(21 * 1024 * 1024)
    with pytest.raises(UsageError, match="tối đa 20 MB"):
        read_document(source)
