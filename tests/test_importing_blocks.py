"""The body as a tree of numbered blocks, whatever the numbering scheme."""

from __future__ import annotations

from cai_cach.docreading import TableBlock
from cai_cach.importing.blocks import Block, build_tree, ordinal, split_label


def _outline(block: Block, depth: int = 0) -> list[str]:
    lines = [f"{'  ' * depth}{block.label} {block.title}".rstrip()] if block.style != "root" else []
    for child in block.children:
        lines.extend(_outline(child, depth + (block.style != "root")))
    return lines


def test_labels_of_every_scheme() -> None:
    assert split_label("A. MỤC ĐÍCH") == ("A.", "part", "MỤC ĐÍCH")
    assert split_label("II. NỘI DUNG") == ("II.", "roman", "NỘI DUNG")
    assert split_label("1.2. Rà soát") == ("1.2.", "dotted2", "Rà soát")
    assert split_label("1.1.1 Rà soát") == ("1.1.1", "dotted3", "Rà soát")
    assert split_label("3) Rà soát") == ("3)", "number", "Rà soát")
    assert split_label("đ) Rà soát") == ("đ)", "letter", "Rà soát")
    assert split_label("b/ Rà soát") == ("b/", "letter", "Rà soát")
    assert split_label("- e) Rà soát") == ("e)", "letter", "Rà soát")
    assert split_label("+ Rà soát") == ("+", "plus", "Rà soát")
    assert split_label("• Rà soát") == ("•", "dash", "Rà soát")
    assert split_label("Rà soát văn bản") == ("", "", "Rà soát văn bản")


def test_ordinals_count_the_vietnamese_alphabet() -> None:
    assert [ordinal(x) for x in ("3.", "c)", "đ)", "e)", "IV.", "1.2.", "-")] == [
        3,
        3,
        5,
        6,
        4,
        2,
        None,
    ]


def test_schemes_nest_in_the_order_they_appear() -> None:
    root = build_tree(
        [
            "A. MỤC ĐÍCH",
            "B. NỘI DUNG",
            "I. CẢI CÁCH THỂ CHẾ",
            "1.1. Rà soát văn bản",
            "- Chủ trì: Văn phòng",
            "1.2. Công khai (chủ trì: Trung tâm; thời gian: Quý II/2026)",
            "II. CẢI CÁCH TTHC",
            "2.1. Số hóa",
            "C. TỔ CHỨC THỰC HIỆN",
        ]
    )
    assert _outline(root) == [
        "A. MỤC ĐÍCH",
        "B. NỘI DUNG",
        "  I. CẢI CÁCH THỂ CHẾ",
        "    1.1. Rà soát văn bản",
        "    1.2. Công khai",
        "  II. CẢI CÁCH TTHC",
        "    2.1. Số hóa",
        "C. TỔ CHỨC THỰC HIỆN",
    ]
    task = root.children[1].children[0].children[1]
    assert task.fields == [("lead", "Trung tâm"), ("timeline", "Quý II/2026")]


def test_one_scheme_on_two_levels_is_told_apart_by_continuation() -> None:
    root = build_tree(
        [
            "1. Cải cách thể chế",
            "1. Rà soát",
            "- Chủ trì: Văn phòng",
            "2. Công khai",
            "- Chủ trì: Văn phòng",
            "2. Cải cách thủ tục hành chính",
            "1. Số hóa",
            "- Chủ trì: Trung tâm",
        ]
    )
    assert _outline(root) == [
        "1. Cải cách thể chế",
        "  1. Rà soát",
        "  2. Công khai",
        "2. Cải cách thủ tục hành chính",
        "  1. Số hóa",
    ]


def test_unnumbered_task_continuation_and_tables() -> None:
    table = TableBlock([["STT", "Nội dung"]])
    root = build_tree(
        [
            "1. Cải cách thể chế",
            "a) Rà soát văn bản của",
            "xã và thôn",
            "- Chủ trì: Văn phòng",
            "Tuyên truyền cải cách hành chính",
            "- Chủ trì: Văn phòng",
            table,
        ]
    )
    area = root.children[0]
    assert [c.title for c in area.children] == [
        "Rà soát văn bản của xã và thôn",
        "Tuyên truyền cải cách hành chính",
    ]
    assert area.children[0].joined
    assert area.children[1].style == "para"
    assert area.children[1].tables == [table]
