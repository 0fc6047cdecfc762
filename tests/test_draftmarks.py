"""Reading a draft's review marks back from the YAML text (draftmarks.py)."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cai_cach.draftmarks import (
    REVIEW,
    UNPLACED,
    DraftMark,
    from_plain,
    marks_in,
    marks_in_bytes,
    marks_in_decoded,
    open_reviews,
    owners,
    unplaced,
)

DRAFT = """\
# Tìm các dòng '# xem lại' và '# chưa xếp', sửa cho đúng văn bản gốc rồi xóa dấu đó.
plan:
  title: "Kế hoạch # xem lại: không phải dấu"
  agency:
    name: Ủy ban nhân dân xã Thử
    # xem lại: cơ quan cấp trên không ghi
    place: Thử
  # xem lại: số văn bản gốc ghi '01/KH -UBND'
officials:
  vp: {title: Công chức Văn phòng}  # xem lại: gộp hai cách viết
sections:
  - id: "1"
    title: Mục một
    tasks:
      # xem lại: văn bản gốc không đánh số nhiệm vụ này
      - id: 1.a
        title: |
          Dòng một
          # xem lại: đây là chữ trong khối
        lead: []  # xem lại: văn bản không nêu chủ trì
      - id: 1.b
        # xem lại: tên nối từ hai đoạn
        title: Hai
        lead: [vp]
# chưa xếp: Đoạn văn không xếp được vào đâu
"""


def test_every_real_mark_is_found_with_its_line_and_column() -> None:
    marks = marks_in(DRAFT)
    assert [(m.kind, m.line, m.column, m.trailing) for m in marks] == [
        (REVIEW, 6, 5, False),
        (REVIEW, 8, 3, False),
        (REVIEW, 10, 37, True),
        (REVIEW, 15, 7, False),
        (REVIEW, 20, 19, True),
        (REVIEW, 22, 9, False),
        (UNPLACED, 25, 1, False),
    ]
    assert marks[0].text == "cơ quan cấp trên không ghi"
    assert marks[-1].text == "Đoạn văn không xếp được vào đâu"
    assert len(open_reviews(marks)) == 6 and len(unplaced(marks)) == 1


def test_a_hash_inside_quoted_or_block_text_is_not_a_mark() -> None:
    texts = [m.text for m in marks_in(DRAFT)]
    assert "không phải dấu" not in " ".join(texts)
    assert "đây là chữ trong khối" not in " ".join(texts)
    assert marks_in('a: "x\n  # xem lại: trong chuỗi hai dòng"\n') == ()
    assert marks_in("a: b#xem lại: dính liền\n") == ()


def test_each_mark_belongs_to_the_node_it_is_written_at() -> None:
    marks = marks_in(DRAFT)
    assert owners(DRAFT, marks) == [
        ("plan", "agency"),
        ("plan",),
        ("officials", "vp"),
        ("sections", 0, "tasks", 0),
        ("sections", 0, "tasks", 0, "lead"),
        ("sections", 0, "tasks", 1),
        (),
    ]


def test_bytes_in_nfd_crlf_or_with_a_bom_read_the_same() -> None:
    expected = marks_in(DRAFT)
    nfd = unicodedata.normalize("NFD", DRAFT)
    assert marks_in_bytes(nfd.encode()) == expected
    assert marks_in_bytes(b"\xef\xbb\xbf" + DRAFT.replace("\n", "\r\n").encode()) == expected
    assert marks_in_bytes(b"plan: {}\n# just a comment\n") == ()
    assert marks_in_bytes(b"\xff\xfe broken") == ()


def test_a_broken_file_still_shows_the_marks_before_the_error() -> None:
    text = "a: b\n# xem lại: trước lỗi\nc: [\n"
    assert [m.line for m in marks_in(text)] == [2]


def test_marks_survive_the_plain_form_of_the_cache() -> None:
    marks = marks_in(DRAFT)
    assert from_plain([m.as_plain() for m in marks]) == marks
    for bad in ("x", [["lạ", "t", 1, 1, False]], [[REVIEW, "t", "1", 1, False]], [[REVIEW]]):
        with pytest.raises(TypeError):
            from_plain(bad)
    assert DraftMark(REVIEW, "t", 1, 1).is_review


_MARK_PARTS = (
    "# xem lại: ",
    "# chưa xếp: ",
    "#XEM LẠI:",
    "# Chưa Xếp :",
    "#  xEm lại:",
    "# xem lai: ",
    "# chua xep: ",
    "#",
    " #",
    "chưa",
    "xem lại",
    "Xem lại",
    "a: ",
    "'",
    '"',
    "- ",
    "\n",
    "\r\n",
    "\r",
    "  ",
    "text",
    "\ufeff",
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_MARK_PARTS), max_size=25).map("".join), st.booleans())
def test_marks_of_the_decoded_text_are_marks_of_the_bytes(text: str, decomposed: bool) -> None:
    """The loading path reads the marks with the text it decoded for parsing: the same marks
    as ``marks_in_bytes``, in NFD and NFC, with any line ends and a BOM."""
    from cai_cach.errors import PlanError
    from cai_cach.yamltext import decode

    raw = (unicodedata.normalize("NFD", text) if decomposed else text).encode()
    try:
        decoded = decode(raw, "p.yaml")
    except PlanError:
        return
    assert marks_in_decoded(raw, decoded) == marks_in_bytes(raw)


def test_the_decoded_text_finds_the_draft_s_marks() -> None:
    raw = DRAFT.replace("\n", "\r\n").encode()
    assert marks_in_decoded(raw, DRAFT) == marks_in(DRAFT) != ()
