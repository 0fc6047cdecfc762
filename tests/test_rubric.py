"""Rubric and entries files: validated, every mistake at file:line:column in Vietnamese."""

from __future__ import annotations

from pathlib import Path

import pytest

from cai_cach.errors import PlanError
from cai_cach.loading import load_plan
from cai_cach.rubric import check_against_plan, load_entries, load_rubric
from tests.helpers import REPO, SHIPPED_PLAN

EXAMPLE = REPO / "rubrics" / "vi-du-ca-mau.yaml"

HEAD = """\
rubric:
  province: Thử
  year: 2024
  decision: {number: 1/QĐ-UBND}
areas:
  - code: "1"
    title: Chỉ đạo
    criteria:
"""


def write(tmp_path: Path, criteria: str) -> Path:
    path = tmp_path / "r.yaml"
    path.write_text(HEAD + criteria, encoding="utf-8")
    return path


def test_the_example_rubric_is_valid_and_labelled() -> None:
    rubric, _ = load_rubric(EXAMPLE)
    assert rubric.rubric.example is True
    assert rubric.rubric.decision.number == "1880/QĐ-UBND"
    assert [c.code for _, c in rubric.criteria()] == ["1.1", "1.2", "1.3"]
    text = EXAMPLE.read_text(encoding="utf-8")
    assert "MẪU" in text and "1880/QĐ-UBND" in text


@pytest.mark.parametrize(
    ("criteria", "line", "message"),
    [
        (
            "      - {code: a, text: T, max: 1, score: {}}\n",
            9,
            "đúng một cách chấm",
        ),
        (
            "      - {code: a, text: T, max: 1,\n"
            "         score: {entered: true, reports_on_time: {points: 1}}}\n",
            10,
            "đang ghi reports_on_time, entered",
        ),
        (
            "      - {code: a, text: T, max: 1, score: {reports_on_time: {points: 2}}}\n",
            9,
            "lớn hơn điểm tối đa",
        ),
        (
            "      - code: a\n        text: T\n        max: một\n        score: {entered: true}\n",
            11,
            "phải là một số",
        ),
        (
            "      - {code: a, text: T, max: 1, score: {entered: true}, evidnce: x}\n",
            9,
            "không có trong bộ tiêu chí",
        ),
        (
            "      - {code: a, text: T, max: 1, score: {share_done: {bands: [{points: 1}]}}}\n",
            9,
            "more_than hoặc at_least",
        ),
        (
            "      - {code: a, text: T, max: 1, score: {entered: true}}\n"
            "      - {code: a, text: U, max: 1, score: {entered: true}}\n",
            10,
            "bị lặp lại",
        ),
    ],
)
def test_malformed_rubrics_are_located(
    tmp_path: Path, criteria: str, line: int, message: str
) -> None:
    path = write(tmp_path, criteria)
    with pytest.raises(PlanError) as caught:
        load_rubric(path)
    problem = caught.value.problems[0]
    assert message in problem.message, problem.render()
    assert problem.line == line, problem.render()
    assert problem.file == str(path)


def test_a_task_the_plan_lacks_is_named(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "      - {code: a, text: T, max: 1, score: {task_done: {task: 9.z, points: 1}}}\n",
    )
    rubric, document = load_rubric(path)
    [problem] = check_against_plan(rubric, document, load_plan(SHIPPED_PLAN).plan)
    assert "'9.z'" in problem.message and problem.line == 9


def test_entries_are_checked_against_the_rubric(tmp_path: Path) -> None:
    rubric, _ = load_rubric(EXAMPLE)
    entries = tmp_path / "e.yaml"
    entries.write_text(
        "scores:\n  '1.1': {points: 3, reason: x}\n  '9.9': {points: 1, reason: y}\n",
        encoding="utf-8",
    )
    with pytest.raises(PlanError) as caught:
        load_entries(entries, rubric)
    messages = [(p.line, p.message) for p in caught.value.problems]
    assert (2, "điểm 3 lớn hơn điểm tối đa 1 của tiêu chí 1.1") in messages
    assert any(line == 3 and "không có tiêu chí '9.9'" in m for line, m in messages)
