"""The issuing document: header in any form, preamble, signatures and recipients."""

from __future__ import annotations

from datetime import date

import pytest

from cai_cach.docreading import TableBlock
from cai_cach.errors import UsageError
from cai_cach.importing.draft import Draft
from cai_cach.importing.header import (
    normalise,
    plan_heading,
    read_header,
    read_preamble,
    take_closings,
)


def test_a_two_by_two_header_table_with_typed_rules() -> None:
    lines = normalise(
        [
            TableBlock(
                [
                    ["ỦY BAN NHÂN DÂN\nXÃ CÁT TIẾN ¯¯¯¯¯¯¯", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
                    [
                        "¯¯¯¯\nSố: 05/KH-UBND",
                        "Độc lập - Tự do - Hạnh phúc\n────\nCát Tiến, ngày 12 tháng 01 năm 2026",
                    ],
                ]
            ),
            "KẾ HOẠCH",
        ]
    )
    assert "¯¯¯¯" not in " ".join(str(line) for line in lines)
    draft = Draft()
    issued, index = read_header(draft, lines)
    assert (issued.kind, issued.number, issued.date, issued.place) == (
        "KH",
        "05/KH-UBND",
        date(2026, 1, 12),
        "Cát Tiến",
    )
    assert draft.agency_name == "Ủy ban nhân dân xã Cát Tiến"
    assert lines[index] == "KẾ HOẠCH"


def test_an_unread_date_stays_empty_and_is_noted() -> None:
    draft = Draft()
    issued, _ = read_header(
        draft,
        ["ỦY BAN NHÂN DÂN", "XÃ A", "Số: /QĐ-UBND", "A, ngày tháng 01 năm 2026", "QUYẾT ĐỊNH"],
    )
    assert issued.number is None and issued.date is None
    assert any("ngày ký" in note for note in draft.header_notes)
    assert any("chưa điền" in note for note in draft.header_notes)


def test_a_letter_is_not_a_plan() -> None:
    with pytest.raises(UsageError, match="không giống"):
        read_header(Draft(), ["Kính gửi các đồng chí,", "Mời dự họp."])


def test_signatures_and_recipients_go_to_their_document() -> None:
    lines: list[str | TableBlock] = [
        "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch.",
        "Nơi nhận:",
        "- Như Điều 2;",
        "- Lưu: VT.",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "(Đã ký)",
        "Trần Thị Bình",
        "KẾ HOẠCH",
        "Cải cách hành chính năm 2026",
        "I. NỘI DUNG",
    ]
    draft = Draft()
    decision, _ = read_header(draft, ["Số: 15/QĐ-UBND", "QUYẾT ĐỊNH"])
    kept = take_closings(lines, plan_heading(lines, 0), decision, None)
    assert decision.recipients == ["Như Điều 2;", "Lưu: VT."]
    assert (decision.signer, decision.signer_title, decision.authority) == (
        "Trần Thị Bình",
        "Phó Chủ tịch",
        "KT. CHỦ TỊCH",
    )
    start = read_preamble(draft, kept, 0, decision)
    assert decision.articles == ["Ban hành kèm theo Quyết định này Kế hoạch."]
    assert draft.title == "Kế hoạch cải cách hành chính năm 2026"
    assert kept[start] == "I. NỘI DUNG"
