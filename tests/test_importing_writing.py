"""The draft's YAML: marks at every guess, unread values left out, text kept verbatim."""

from __future__ import annotations

from datetime import date

import pytest

from cai_cach.importing.draft import Draft, DraftSection, DraftTask, Issuance, Party
from cai_cach.importing.writing import render_yaml, scalar
from cai_cach.yamlsource import parse


def _draft() -> Draft:
    draft = Draft(agency_name="Ủy ban nhân dân xã A", agency_place="A", title="Kế hoạch", year=2026)
    draft.document = Issuance(kind="KH", number="05/KH-UBND", date=date(2026, 1, 5))
    draft.parties["vp"] = Party("vp", "Văn phòng", False)
    section = DraftSection("I", "Cải cách thể chế")
    section.tasks.append(DraftTask("I.1", "Rà soát", lead=[], timeline="Theo hướng dẫn"))
    section.tasks[0].notes.append("văn bản không nêu đơn vị chủ trì")
    section.tasks[0].as_instructed = True
    draft.sections.append(section)
    draft.unplaced.append("Ghi chú: lấy số liệu")
    draft.removed_characters = 3
    return draft


def test_unread_signer_is_a_mark_not_a_value() -> None:
    draft = _draft()
    text = render_yaml(draft, "kh.docx")
    data = parse(text, "kh.yaml").data
    assert isinstance(data, dict)
    document = data["plan"]["document"]
    assert "signer" not in document and document["date"] == "2026-01-05"
    assert "# xem lại: không đọc được tên người ký" in text
    assert data["sections"][0]["tasks"][0]["lead"] == []
    assert "# chưa xếp: Ghi chú: lấy số liệu" in text
    assert "đã bỏ 3 ký tự ẩn" in text
    assert any("plan.document.signer" in review for review in draft.reviews)
    assert date.today().isoformat() not in text


@pytest.mark.parametrize("text", ["2024", "true", "Lưu: VT.", "- gạch", "a\nb", "50%"])
def test_scalars_read_back_verbatim(text: str) -> None:
    assert parse(f"x: {scalar(text)}\n", "t.yaml").data == {"x": text}
