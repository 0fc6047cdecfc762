"""The error hierarchy: what each error says and which exit status it carries."""

from __future__ import annotations

import pytest

from cai_cach.errors import (
    EXIT_INVALID,
    CaicachError,
    GitError,
    NotFoundError,
    OutputError,
    PlanError,
    Problem,
    RecordError,
    SheetError,
    SheetProblem,
    TemplateError,
    UsageError,
)


def test_a_problem_names_file_line_column_field_and_hint() -> None:
    problem = Problem("plan.yaml", "thiếu trường", 4, 7, "sections[0].title", "thêm title")
    assert problem.render() == (
        "plan.yaml:4:7: lỗi: thiếu trường [sections[0].title]\n    → thêm title"
    )
    assert Problem("plan.yaml", "x", 4).location == "plan.yaml:4"
    assert Problem("plan.yaml", "x").location == "plan.yaml"
    assert Problem("a.yaml", "ký tự lạ", 1, 2, severity="warning").render() == (
        "a.yaml:1:2: cảnh báo: ký tự lạ"
    )


def test_a_plan_error_renders_every_problem() -> None:
    problems = [Problem("a.yaml", "một", 1, 1), Problem("a.yaml", "hai", 2, 1)]
    error = PlanError(problems)
    assert error.render() == "a.yaml:1:1: lỗi: một\na.yaml:2:1: lỗi: hai"
    assert error.message == "a.yaml:1:1: lỗi: một"


def test_a_template_error_names_the_template_and_line() -> None:
    assert TemplateError("bao-cao.md.j2", "biến lạ", 3).render() == "bao-cao.md.j2:3: lỗi: biến lạ"
    assert TemplateError("mau.docx", "thẻ hỏng", hint="sửa thẻ").render() == (
        "mau.docx: lỗi: thẻ hỏng\n    → sửa thẻ"
    )


@pytest.mark.parametrize(
    "error",
    [UsageError("x"), NotFoundError("x"), OutputError("x"), RecordError("x"), GitError("x")],
)
def test_every_error_is_a_caicach_error_that_means_invalid_input(error: CaicachError) -> None:
    assert isinstance(error, CaicachError)
    assert error.exit_code == EXIT_INVALID
    assert error.render() == "lỗi: x"


def test_a_sheet_error_names_each_cell_and_the_count() -> None:
    error = SheetError(
        "x.xlsx",
        [SheetProblem("Nhiệm vụ", "E3", "'Chủ trì' sai"), SheetProblem("plans/a.yaml", "", "lạ")],
        "sửa rồi chạy lại",
    )
    assert error.exit_code == EXIT_INVALID
    assert error.render() == (
        "x.xlsx: 'Nhiệm vụ'!E3: lỗi: 'Chủ trì' sai\n"
        "x.xlsx: plans/a.yaml: lỗi: lạ\n"
        "x.xlsx: 2 ô cần sửa; tệp kế hoạch giữ nguyên\n"
        "    → sửa rồi chạy lại"
    )
