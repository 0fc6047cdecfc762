"""The terminal tables: plain renderer (fitting, wrapping, alignment) and the rich helper."""

from __future__ import annotations

import unicodedata

import pytest

from cai_cach.cli.tables import Column, make_table, render_table, terminal_width


def test_columns_align_under_their_headers_and_numbers_align_right() -> None:
    text = render_table(
        [Column("Mã"), Column("Trễ (ngày)", right=True)], [["1.a", "5"], ["10.b", "120"]], width=80
    )
    header, rule, first, second = text.split("\n")
    assert header.split() == ["Mã", "Trễ", "(ngày)"]
    assert set(rule.strip()) == {"─"}
    assert first.endswith("5") and second.endswith("120")
    assert len(first) == len(second)  # right-aligned in one column
    assert first.index("1.a") == second.index("10.b") == header.index("Mã")


def test_a_wrapping_column_shrinks_to_fit_the_width_and_wraps_at_spaces() -> None:
    long = "Ban hành kế hoạch kiểm tra công tác cải cách hành chính năm 2024 của xã"
    text = render_table([Column("Mã"), Column("Nhiệm vụ", wrap=True)], [["1.a", long]], width=40)
    lines = text.split("\n")
    assert all(len(line) <= 40 for line in lines)
    assert " ".join(line[len("  1.a   ") :].strip() for line in lines[2:]) == long


def test_columns_that_do_not_wrap_keep_their_width_even_when_too_wide() -> None:
    text = render_table([Column("Mã")], [["x" * 50]], width=20)
    assert "x" * 50 in text


def test_total_row_under_a_second_rule_and_blank_lines_between_rows() -> None:
    text = render_table(
        [Column("Đơn vị"), Column("Quá hạn", right=True)],
        [["A", "1"], ["B", "2"]],
        total=["Tổng cộng", "3"],
        blank_lines=True,
        width=80,
    )
    lines = text.split("\n")
    assert lines[3] == ""  # between the two rows
    assert lines[-2].strip().startswith("─") and lines[-1].split() == ["Tổng", "cộng", "3"]


def test_vietnamese_in_decomposed_form_takes_one_column_per_letter() -> None:
    nfd = "Tha\u0300nh"  # "Thành" with a combining grave accent
    text = render_table([Column("A"), Column("B")], [[nfd, "x"], ["Thanh", "y"]], width=80)
    first, second = text.split("\n")[2:]
    shown = unicodedata.normalize("NFC", first)  # as the terminal draws it
    assert shown.index("x") == second.index("y")


@pytest.mark.parametrize(("columns", "expected"), [("132", 132), ("0", 80), ("", 80)])
def test_terminal_width_follows_columns_then_falls_back_to_80(
    monkeypatch: pytest.MonkeyPatch, columns: str, expected: int
) -> None:
    monkeypatch.setenv("COLUMNS", columns)
    monkeypatch.setattr("sys.__stdout__", None)  # no terminal behind the tests
    assert terminal_width() == expected


def test_rich_table_keeps_codes_on_one_line_and_numbers_right() -> None:
    table = make_table("Mã", "Nhiệm vụ", "Trễ (ngày)", title="Kế hoạch")
    code, task, late = table.columns
    assert code.no_wrap and not task.no_wrap
    assert late.justify == "right" and task.justify == "left"
    assert table.title == "Kế hoạch"


def test_table_cell_widths_of_latin_text_take_the_quick_path_exactly() -> None:
    """The quick width of ASCII and Vietnamese letters (one cell each) is what the per-character
    rule gives, character by character; other text still goes through the rule."""
    import unicodedata

    from cai_cach.cli.tables import _cells

    def rule(text: str) -> int:
        return sum(
            0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1
            for c in text
        )

    ranges = [(0, 0x300), (0x1E00, 0x1F00), (0x2010, 0x2028), (0x2190, 0x2200), (0x2500, 0x2580)]
    for code in [code for low, high in ranges for code in range(low, high)]:
        assert _cells(chr(code)) == rule(chr(code)) == 1
    for text in ("Ủy ban nhân dân xã Tịnh Minh", "e\u0301", "xã 中文", "Tổ 48"):
        assert _cells(text) == rule(text)
    assert _cells("e\u0301") == 1 and _cells("中文") == 4
