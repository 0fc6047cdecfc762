"""The draft's values: sections made once per id and title, ids kept unique."""

from __future__ import annotations

from cai_cach.importing.draft import Draft, DraftTask


def test_a_section_is_found_again_by_id_and_title() -> None:
    draft = Draft()
    first = draft.section("I", "CẢI CÁCH THỂ CHẾ")
    assert draft.section("I", "Cải cách thể chế") is first
    other = draft.section("I", "Cải cách tài chính công")
    assert other.id == "I-2" and other.notes
    first.tasks.append(DraftTask("I.1", "Rà soát"))
    assert [task.id for task in draft.tasks()] == ["I.1"]
