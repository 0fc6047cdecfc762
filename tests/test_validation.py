"""Schema errors and cross-references as the clerk reads them: at `file:line:column`, in
Vietnamese, with the field's path and a hint."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from cai_cach.errors import Problem
from cai_cach.models import Plan
from cai_cach.validation import reference_problems, schema_problems
from cai_cach.yamlsource import parse
from tests.helpers import MINIMAL_PLAN


def schema_errors(text: str) -> list[Problem]:
    document = parse(text, "p.yaml")
    with pytest.raises(ValidationError) as caught:
        Plan.model_validate(document.data)
    return schema_problems(caught.value, document)


def references(text: str) -> list[Problem]:
    document = parse(text, "p.yaml")
    return reference_problems(Plan.model_validate(document.data), document)


def test_a_misspelt_field_is_found_at_its_key_with_the_right_name_suggested() -> None:
    missing, unknown = schema_errors(MINIMAL_PLAN.replace("timeline: Quý", "timline: Quý"))
    assert (unknown.file, unknown.line, unknown.column) == ("p.yaml", 16, 9)
    assert unknown.path == "sections[0].tasks[0].timline"
    assert unknown.hint == "có phải ý bạn là 'timeline'?"
    assert missing.path == "sections[0].tasks[0].timeline"
    assert "thiếu trường bắt buộc 'timeline'" in missing.message


def test_a_missing_field_points_at_the_task_that_lacks_it() -> None:
    (problem,) = schema_errors(MINIMAL_PLAN.replace("        timeline: Định kỳ hàng tháng.\n", ""))
    assert problem.path == "sections[0].tasks[1].timeline"
    assert (problem.line, problem.column) == (20, 9)  # the task's first key (`id: 1.đ`)


def test_the_minimal_plan_has_no_reference_problems() -> None:
    assert references(MINIMAL_PLAN) == []


def test_an_unknown_official_is_found_with_the_closest_id_suggested() -> None:
    (problem,) = references(MINIMAL_PLAN.replace("lead: [tc-kt]", "lead: [tc-k]"))
    assert (problem.line, problem.column) == (22, 16)
    assert problem.path == "sections[0].tasks[1].lead[0]"
    assert "tc-k" in problem.message
    assert problem.hint == "có phải ý bạn là 'tc-kt'?"


def test_a_duplicate_task_id_and_a_misshapen_period_key_are_errors() -> None:
    twice = MINIMAL_PLAN.replace("- id: 1.đ", "- id: 1.a")
    assert ["bị trùng" in p.message for p in references(twice)] == [True]
    recorded = MINIMAL_PLAN.replace(
        "every: tháng", "every: tháng\n            done: {2024-Q1: 2024-04-02}"
    )
    (problem,) = references(recorded)
    assert "2024-Q1" in problem.message and problem.severity == "error"


@pytest.mark.parametrize(
    "change",
    [
        ("lead: [vp-tk]", "lead: [ghost]"),
        ("support: []", "support: [ghost]"),
        ("id: 1.b", "id: 1.a"),
        ("2024-Q1: 2024-03-20", "2024-Q5: 2024-03-20"),
        ("2024-Q1: 2024-03-20", "2023-Q1: 2024-03-20"),
        ("2024-Q1: 2024-03-20", "2024-q1: 2024-03-20"),
        ("2024-Q1: 2024-03-20", "2024-01: 2024-03-20"),
    ],
)
def test_the_quick_reference_check_agrees_with_the_full_one(change: tuple[str, str]) -> None:
    """What a cache hit runs (a set lookup per reference) flags every plan whose references
    the full check refuses, and passes those it accepts."""
    from cai_cach.validation import may_have_reference_errors

    good = parse(REFERENCES_PLAN, "plan.yaml")
    plan = Plan.model_validate(good.data)
    assert not [p for p in reference_problems(plan, good) if p.severity == "error"]
    assert not may_have_reference_errors(plan)
    assert change[0] in REFERENCES_PLAN
    bad = parse(REFERENCES_PLAN.replace(*change), "plan.yaml")
    plan = Plan.model_validate(bad.data)
    assert [p for p in reference_problems(plan, bad) if p.severity == "error"]
    assert may_have_reference_errors(plan)


REFERENCES_PLAN = """\
plan:
  title: Kế hoạch
  year: 2024
  agency: {name: UBND xã A, place: A}
officials:
  vp-tk: {title: Công chức Văn phòng - Thống kê}
  tc-kt: {title: Công chức Tài chính - Kế toán}
sections:
  - id: "1"
    title: Cải cách thể chế
    tasks:
      - id: 1.a
        title: Rà soát văn bản
        lead: [vp-tk]
        support: []
        timeline: Quý I/2024
        milestones: [{what: Rà soát, due: Quý I/2024}]
      - id: 1.b
        title: Báo cáo
        lead: [tc-kt]
        timeline: Hàng quý
        recurring:
          - what: Báo cáo quý
            every: quý
            done:
              2024-Q1: 2024-03-20
              2024-9M: 2024-09-20
"""


@pytest.mark.parametrize(
    ("after", "words"),
    [
        ("            due: Quý I/2024\n", "mốc được coi là CHƯA hoàn thành"),
        ("            every: tháng\n", "nghĩa vụ định kỳ này chưa ghi kỳ nào"),
    ],
)
def test_an_empty_done_is_worded_for_a_milestone_and_for_a_recurring_duty(
    after: str, words: str
) -> None:
    assert after in MINIMAL_PLAN
    document = parse(MINIMAL_PLAN.replace(after, after + "            done:\n"), "p.yaml")
    (warning,) = [w for w in document.warnings if w.message.startswith("'done:'")]
    assert words in warning.message
    assert ("mốc" in warning.message) == ("mốc" in words)
