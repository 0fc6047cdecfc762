"""Task tables: columns by header meaning, two-row and repeated headers, groups, merges."""

from __future__ import annotations

from cai_cach.docreading import TableBlock
from cai_cach.importing.tables import columns_of, is_task_table, task_rows

HEADER = [
    "STT",
    "Nội dung",
    "Thời gian hoàn thành",
    "Đơn vị chủ trì",
    "Đơn vị phối hợp",
    "Sản phẩm",
]


def test_columns_in_any_order() -> None:
    assert columns_of(HEADER) == {
        "stt": 0,
        "content": 1,
        "timeline": 2,
        "lead": 3,
        "support": 4,
        "products": 5,
    }
    assert columns_of(["Cơ quan thực hiện", "Nhiệm vụ", "Thời hạn"]) == {
        "lead": 0,
        "content": 1,
        "timeline": 2,
    }


def test_group_rows_tasks_repeated_header_numbering_and_empty_rows() -> None:
    table = TableBlock(
        [
            HEADER,
            ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)"],
            ["I", "CẢI CÁCH THỂ CHẾ", "", "", "", ""],
            ["1", "Rà soát văn bản", "Quý II/2026", "Văn phòng", "", "Báo cáo"],
            HEADER,
            ["II. CẢI CÁCH TTHC", "", "", "", "", ""],
            ["1", "Số hóa hồ sơ", "31.3.2026", "Trung tâm\nCông an xã", "Các phòng", ""],
            ["2", "Công khai thủ tục", "", "", "", ""],
            ["", "", "", "", "", ""],
        ]
    )
    rows = task_rows(table)
    assert [(r.number, r.content, r.group) for r in rows] == [
        ("I", "CẢI CÁCH THỂ CHẾ", True),
        ("1", "Rà soát văn bản", False),
        ("II", "CẢI CÁCH TTHC", True),
        ("1", "Số hóa hồ sơ", False),
        ("2", "Công khai thủ tục", False),
    ]
    assert rows[3].fields == {
        "lead": "Trung tâm; Công an xã",
        "support": "Các phòng",
        "timeline": "31.3.2026",
    }
    assert rows[4].fields == {}  # a task that names no one: lead unknown, not a group


def test_a_two_row_header() -> None:
    table = TableBlock(
        [
            ["TT", "Nội dung nhiệm vụ", "Đơn vị thực hiện", "", "Thời gian"],
            ["TT", "Nội dung nhiệm vụ", "Chủ trì", "Phối hợp", "Thời gian"],
            ["1", "Rà soát", "Văn phòng", "Các phòng", "Tháng 6 và tháng 12/2026"],
        ]
    )
    assert is_task_table(table)
    (row,) = task_rows(table)
    assert row.fields == {
        "lead": "Văn phòng",
        "support": "Các phòng",
        "timeline": "Tháng 6 và tháng 12/2026",
    }


def test_a_layout_table_is_not_a_task_table() -> None:
    header = TableBlock([["ỦY BAN NHÂN DÂN\nXÃ A\nSố: 1/KH-UBND", "CỘNG HÒA …"]])
    assert not is_task_table(header)
    assert task_rows(header) == []


def test_numbered_groups_inside_an_area() -> None:
    table = TableBlock(
        [
            ["STT", "Nội dung", "Chủ trì"],
            ["I", "CẢI CÁCH THỂ CHẾ", ""],
            ["1", "Nhiệm vụ trọng tâm", ""],
            ["1.1", "Rà soát", "Văn phòng"],
        ]
    )
    rows = task_rows(table)
    assert [(r.number, r.group, r.depth) for r in rows] == [
        ("I", True, 0),
        ("1", True, 1),
        ("1.1", False, 0),
    ]
