"""Labelled field lines and the parties they name."""

from __future__ import annotations

import pytest

from cai_cach.importing.draft import Draft
from cai_cach.importing.fields import field_of, fields_of, inline_fields, register, split_parties


@pytest.mark.parametrize(
    ("line", "found"),
    [
        ("- Chủ trì: Văn phòng", ("lead", "Văn phòng")),
        ("+ ĐƠN VỊ CHỦ TRÌ: Văn phòng", ("lead", "Văn phòng")),
        ("Cơ quan chủ trì : Văn phòng", ("lead", "Văn phòng")),
        ("Chịu trách nhiệm: Văn phòng", ("lead", "Văn phòng")),
        ("– Chủ trì thực hiện tiếp nhận: Văn phòng", ("lead", "Văn phòng")),
        ("Đơn vị phối hợp: Các phòng", ("support", "Các phòng")),
        ("Phối hợp, theo dõi: Các phòng", ("support", "Các phòng")),
        ("• Sản phẩm: Báo cáo", ("products", "Báo cáo")),
        ("Kết quả đầu ra: Báo cáo", ("products", "Báo cáo")),
        ("Thời gian hoàn thành: Quý II/2026", ("timeline", "Quý II/2026")),
        ("thời hạn: 31.3.2026", ("timeline", "31.3.2026")),
        ("Tiến độ thực hiện: hằng quý", ("timeline", "hằng quý")),
        ("(Chủ trì: Văn phòng; thời gian: Quý II/2026)", ("lead", "Văn phòng")),
    ],
)
def test_field_lines_in_any_wording(line: str, found: tuple[str, str]) -> None:
    assert field_of(line) == found


@pytest.mark.parametrize(
    "line",
    ["Tổ chức thực hiện:", "Rà soát văn bản", "Thực hiện Kế hoạch số 12/KH-UBND", "Mục tiêu: x"],
)
def test_other_lines_are_not_fields(line: str) -> None:
    assert field_of(line) is None


def test_several_fields_on_one_line() -> None:
    assert fields_of("- Chủ trì: Văn phòng; Phối hợp: Các phòng; Thời gian: Quý I/2026") == [
        ("lead", "Văn phòng"),
        ("support", "Các phòng"),
        ("timeline", "Quý I/2026"),
    ]


def test_inline_fields_after_the_title() -> None:
    title, found = inline_fields(
        "Rà soát văn bản (Đơn vị chủ trì: Văn phòng, đơn vị phối hợp: Các phòng, "
        "thời gian hoàn thành: Quý II/2026)"
    )
    assert title == "Rà soát văn bản"
    assert found == [
        ("lead", "Văn phòng"),
        ("support", "Các phòng"),
        ("timeline", "Quý II/2026"),
    ]
    assert inline_fields("Tổ chức thực hiện kế hoạch") == ("Tổ chức thực hiện kế hoạch", [])


def test_parties_split_and_expanded() -> None:
    names, notes = split_parties("Công chức Văn phòng - Thống kê, Tư pháp - Hộ tịch")
    assert names == ["Công chức Văn phòng - Thống kê", "Công chức Tư pháp - Hộ tịch"]
    assert notes == ["'Tư pháp - Hộ tịch' hiểu là 'Công chức Tư pháp - Hộ tịch'"]
    assert split_parties("Phòng Kinh tế, Hạ tầng và Đô thị")[0] == [
        "Phòng Kinh tế, Hạ tầng và Đô thị"
    ]
    assert split_parties("Văn phòng; Công an xã")[0] == ["Văn phòng", "Công an xã"]


def test_one_party_for_spellings_that_differ_only_in_case_or_diacritics() -> None:
    draft = Draft()
    first = register(draft, "Công chức Văn hóa - Xã hội")
    assert register(draft, "công chức văn hoá - xã hội") == first
    assert register(draft, "Các công chức có liên quan") != first
    assert draft.parties[register(draft, "Các công chức có liên quan")].group
