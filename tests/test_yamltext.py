"""A plan file's bytes → NFC text, and what must not be in that text."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cai_cach.errors import PlanError
from cai_cach.yamltext import (
    MAX_BYTES,
    Mark,
    check_characters,
    conflict_markers,
    decode,
    invisible_characters,
    may_need_checks,
    position,
    read_bytes,
)


def test_decode_drops_a_bom_joins_line_ends_and_normalises_to_nfc() -> None:
    nfd = unicodedata.normalize("NFD", "Tịnh Minh")
    text = decode(b"\xef\xbb\xbfa: " + nfd.encode() + b"\r\nb: 1\r", "a.yaml")
    assert text == "a: Tịnh Minh\nb: 1\n"
    assert text == unicodedata.normalize("NFC", text)


def test_utf16_and_old_code_pages_are_refused_with_the_place() -> None:
    with pytest.raises(PlanError, match="UTF-16"):
        decode("a: b".encode("utf-16"), "a.yaml")
    with pytest.raises(PlanError) as raised:
        decode(b"a: 1\nb: T\xecnh\n", "a.yaml")
    problem = raised.value.problems[0]
    assert (problem.line, problem.column) == (2, 5) and "0xEC" in problem.message


def test_read_bytes_refuses_a_folder_a_missing_file_and_a_huge_one(tmp_path: Path) -> None:
    with pytest.raises(PlanError, match="thư mục"):
        read_bytes(tmp_path, "x")
    with pytest.raises(PlanError, match="không tìm thấy"):
        read_bytes(tmp_path / "khong-co.yaml", "x")
    huge = tmp_path / "lon.yaml"
    huge.write_bytes(b"a" * (MAX_BYTES + 1))
    with pytest.raises(PlanError, match="quá lớn"):
        read_bytes(huge, "x")


def test_positions_are_one_based() -> None:
    assert position("ab\ncd", 4) == Mark(2, 2)


def test_forbidden_and_invisible_characters_are_found_where_they_are() -> None:
    (forbidden,) = check_characters("a: b\nc: d\x0be\n", "a.yaml")
    assert (forbidden.line, forbidden.column) == (2, 5) and "U+000B" in forbidden.message
    (nbsp,) = check_characters("a:\u00a0b\n", "a.yaml")
    assert "U+00A0" in nbsp.message
    (hidden,) = invisible_characters("a: b\u200bc\n", "a.yaml")
    assert hidden.severity == "warning" and hidden.column == 5


def test_conflict_markers_name_both_sides() -> None:
    text = "a: 1\n<<<<<<< HEAD\nb: 2\n=======\nb: 3\n>>>>>>> abc123\n"
    problem = conflict_markers(text, "a.yaml")
    assert problem is not None and problem.line == 2
    assert "'HEAD'" in problem.message and "'abc123'" in problem.message
    assert conflict_markers("a: '<<<<<<< chữ'\n", "a.yaml") is None


@pytest.mark.parametrize(
    ("content", "size", "limit", "expected"),
    [
        (b"abc", 3, 10, b"abc"),  # the bytes the file holds
        (b"abcdef", 3, 10, b"abcdef"),  # it grew after its size was taken: read on
        (b"a" * 20, 3, 10, b"a" * 11),  # it grew past the limit: one byte more tells it
        (b"a" * 20, 20, 10, b"a" * 11),  # too large from the start
        (b"abc", 10, 10, b"abc"),  # it shrank
        (b"", 0, 10, b""),
    ],
)
def test_read_capped_reads_what_the_file_holds_up_to_one_byte_past_the_limit(
    content: bytes, size: int, limit: int, expected: bytes
) -> None:
    import io

    from cai_cach.yamltext import read_capped

    assert read_capped(io.BytesIO(content), size, limit) == expected


def test_the_one_search_finds_every_character_the_checks_look_for() -> None:
    """``may_need_checks`` says False only when both checks would find nothing: every
    character either check reports (and the no-break space) is one it finds, over all of
    Unicode."""
    from cai_cach.yamltext import _INVISIBLE, _SUSPECT, FORBIDDEN

    everything = "".join(map(chr, range(0x110000)))
    looked_for = {m.start() for m in FORBIDDEN.finditer(everything)}
    looked_for |= {m.start() for m in _INVISIBLE.finditer(everything)}
    looked_for |= {0xA0, ord("<"), ord(">")}  # a no-break space; conflict markers
    assert {m.start() for m in _SUSPECT.finditer(everything)} == looked_for


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("a: -\n\t\u00a0\u00ad\u200b\u2060\x0b\u202e\ufeffạ#<>=|")))
def test_a_text_the_search_passes_is_clean_for_every_check(text: str) -> None:
    if not may_need_checks(text):
        assert conflict_markers(text, "p.yaml") is None
        assert check_characters(text, "p.yaml") == []
        assert invisible_characters(text, "p.yaml") == []
