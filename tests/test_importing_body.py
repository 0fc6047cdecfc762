"""Tasks by content and position: field lines make a task, a numbered item under a reform
area is one even without them, the section is the enclosing reform area at any depth."""

from __future__ import annotations

from cai_cach.docreading import TableBlock
from cai_cach.importing.blocks import Block
from cai_cach.importing.body import part_of, read_body
from cai_cach.importing.draft import Draft


def _read(lines: list[str | TableBlock]) -> Draft:
    draft = Draft()
    read_body(draft, lines)
    return draft


def _tasks(draft: Draft) -> list[tuple[str, str, str, list[str]]]:
    return [
        (s.title, t.id, t.title, [draft.parties[p].title for p in t.lead])
        for s in draft.sections
        for t in s.tasks
    ]


def test_parts_are_named_by_what_they_hold() -> None:
    assert part_of(Block("A.", "part", "MỤC ĐÍCH, YÊU CẦU")) == "purpose"
    assert part_of(Block("B.", "part", "NỘI DUNG THỰC HIỆN")) == "content"
    assert part_of(Block("III.", "roman", "TỔ CHỨC THỰC HIỆN")) == "implementation"
    assert part_of(Block("I.", "roman", "CẢI CÁCH THỂ CHẾ")) == ""


def test_tasks_without_a_heading_word_and_plain_numbered_tasks() -> None:
    draft = _read(
        [
            "A. MỤC ĐÍCH, YÊU CẦU",
            "1. Mục đích",
            "- Nâng cao chất lượng phục vụ.",
            "2. Yêu cầu",
            "- Bám sát chỉ đạo.",
            "B. CÁC CÔNG VIỆC",  # no "nhiệm vụ" anywhere
            "I. CẢI CÁCH THỂ CHẾ",
            "Mục tiêu: Văn bản đúng quy định.",
            "1.1. Rà soát văn bản",
            "- Đơn vị chủ trì: Văn phòng",
            "- Thời gian hoàn thành: Quý II/2026",
            "1.2. Công khai văn bản",
            "II. CẢI CÁCH TTHC",
            "1. Nhiệm vụ trọng tâm",
            "1.1. Số hóa hồ sơ (chủ trì: Trung tâm; thời gian: 31.3.2026)",
            "C. TỔ CHỨC THỰC HIỆN",
            "1. Văn phòng tổng hợp báo cáo hằng quý gửi UBND tỉnh.",
        ]
    )
    assert draft.purposes == ["Nâng cao chất lượng phục vụ."]
    assert draft.requirements == ["Bám sát chỉ đạo."]
    assert _tasks(draft) == [
        ("CẢI CÁCH THỂ CHẾ", "I.1.1", "Rà soát văn bản", ["Văn phòng"]),
        ("CẢI CÁCH THỂ CHẾ", "I.1.2", "Công khai văn bản", []),
        ("CẢI CÁCH TTHC", "II.1.1", "Số hóa hồ sơ", ["Trung tâm"]),
    ]
    assert draft.sections[0].objectives == ["Văn bản đúng quy định."]
    assert [d.recipient for d in draft.reporting] == ["UBND tỉnh"]


def test_a_table_under_an_area_belongs_to_it_and_repeats_merge_into_body_tasks() -> None:
    table = TableBlock(
        [
            ["STT", "Nội dung", "Chủ trì", "Thời gian"],
            ["1", "Rà soát văn bản", "Văn phòng", "Quý II/2026"],
            ["2", "Số hóa hồ sơ", "Trung tâm", "Năm 2026"],
        ]
    )
    draft = _read(
        [
            "II. NỘI DUNG",
            "1. Cải cách thể chế",
            "a) Rà soát văn bản",
            "- Thời gian: Quý II/2026",
            table,
        ]
    )
    assert _tasks(draft) == [
        ("Cải cách thể chế", "1.a", "Rà soát văn bản", ["Văn phòng"]),
        ("Cải cách thể chế", "1.2", "Số hóa hồ sơ", ["Trung tâm"]),
    ]


def test_text_that_fits_nowhere_is_kept() -> None:
    draft = _read(
        [
            "II. NỘI DUNG",
            "1. Cải cách thể chế",
            "a) Rà soát",
            "- Chủ trì: Văn phòng",
            "Ghi chú: số liệu theo kỳ báo cáo.",
            "IV. KINH PHÍ",
            "Kinh phí từ ngân sách xã.",
        ]
    )
    assert "(1) Ghi chú: số liệu theo kỳ báo cáo." in draft.unplaced
    assert "Kinh phí từ ngân sách xã." in draft.unplaced
