"""The one YAML reader, called directly: plain values, positions, and what it refuses."""

from __future__ import annotations

import pytest

from cai_cach.errors import PlanError
from cai_cach.yamlsource import Mark, dotted, parse


def test_scalars_stay_text_except_true_false_and_null() -> None:
    document = parse("a: 010\nb: no\nc: 2024-03-20\nd: true\ne: null\nf:\n", "p.yaml")
    assert document.data == {
        "a": "010",
        "b": "no",
        "c": "2024-03-20",
        "d": True,
        "e": None,
        "f": None,
    }


def test_every_value_and_key_has_its_line_and_column() -> None:
    document = parse("plan:\n  tasks:\n    - id: 1.a\n      lead: [vp-tk]\n", "p.yaml")
    assert document.source.locate(("plan", "tasks", 0, "id")) == Mark(3, 11)
    assert document.source.locate(("plan", "tasks", 0, "lead", 0)) == Mark(4, 14)
    assert document.source.locate(("plan", "tasks", 0, "lead"), key=True) == Mark(4, 7)
    # a path that is not in the file points at its nearest ancestor that is
    assert document.source.locate(("plan", "tasks", 0, "title")) == Mark(3, 7)


def test_dotted_paths_read_like_the_plan() -> None:
    assert dotted(("sections", 1, "tasks", 4, "lead", 0)) == "sections[1].tasks[4].lead[0]"


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("a: 1\nb: 2\na: 3\n", 3, "a"),
        ("a: &x 1\nb: *x\n", 1, "neo"),
        ("a: !!python/object 1\n", 1, "thẻ"),
    ],
)
def test_duplicates_anchors_and_tags_are_refused_at_their_line(
    text: str, line: int, words: str
) -> None:
    with pytest.raises(PlanError) as caught:
        parse(text, "p.yaml")
    (problem,) = caught.value.problems
    assert (problem.file, problem.line) == ("p.yaml", line)
    assert words in problem.message


def test_text_cut_by_a_comment_is_a_warning() -> None:
    document = parse("title: Kế hoạch #1 năm 2024\n", "p.yaml")
    assert document.data == {"title": "Kế hoạch"}
    assert [w.line for w in document.warnings] == [1]


@pytest.mark.parametrize(
    ("text", "where", "bracket"),
    [
        ("plan: [\n", (1, 7), "["),
        ("plan: {title: x,\n", (1, 7), "{"),
        ("plan:\n  title: x\n  lead: [a, [b,\n", (3, 13), "["),
    ],
)
def test_a_bracket_left_open_at_the_end_of_the_file_is_named_where_it_opens(
    text: str, where: tuple[int, int], bracket: str
) -> None:
    with pytest.raises(PlanError) as caught:
        parse(text, "thu.yaml")
    (problem,) = caught.value.problems
    assert (problem.line, problem.column) == where
    assert problem.message == f"ngoặc '{bracket}' mở ở đây chưa được đóng"


@pytest.mark.parametrize(
    ("text", "words", "column"),
    [
        ("title: a\x9bb\n", "ký tự điều khiển C1 không được phép U+009B", 9),
        ("title: a\u202eb\n", "ký tự điều khiển chiều chữ không được phép U+202E", 9),
        ("# chú thích \u202e\n", "U+202E", 13),
        ("title: a\u2069b\n", "U+2069", 9),
    ],
)
def test_c1_and_bidi_controls_typed_raw_are_refused_at_their_place(
    text: str, words: str, column: int
) -> None:
    from cai_cach.yamlsource import check_characters

    first = check_characters(text, "k.yaml")[0]
    assert words in first.message
    assert first.location == f"k.yaml:1:{column}"


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ('title: "a\\x9bb"\n', "U+009B (viết bằng mã thoát"),
        ('title: "a\\u202eb"\n', "chiều chữ không được phép U+202E (viết bằng mã thoát"),
    ],
)
def test_c1_and_bidi_controls_written_as_escapes_are_refused(text: str, words: str) -> None:
    with pytest.raises(PlanError) as caught:
        parse(text, "k.yaml")
    first = caught.value.problems[0]
    assert words in first.message
    assert first.location == "k.yaml:1:8"
