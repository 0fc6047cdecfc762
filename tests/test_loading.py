from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from cai_cach.errors import PlanError
from cai_cach.loading import load_plan, plan_files
from tests.helpers import MINIMAL_PLAN, SHIPPED_PLAN


def problems_of(path: Path) -> list[str]:
    with pytest.raises(PlanError) as caught:
        load_plan(path)
    return [problem.render() for problem in caught.value.problems]


def test_shipped_plan_is_the_whole_document() -> None:
    plan = load_plan(SHIPPED_PLAN).plan
    assert plan.year == 2024
    assert plan.plan.decision is not None
    assert plan.plan.decision.number == "479/QĐ-UBND"
    assert plan.plan.decision.signer == "Lê Thị Mỹ Hiệp"
    assert [section.id for section in plan.sections] == [str(n) for n in range(1, 9)]
    ids = [task.id for section in plan.sections for task in section.tasks]
    assert len(ids) == 37
    assert ids[4:17] == [
        f"2.{letter}"
        for letter in ["a", "b", "c", "d", "đ", "e", "f", "g", "h", "k", "l", "m", "n"]
    ]
    assert ids[0] == "1.a" and ids[-1] == "8.d"
    cadences = sorted(r.every for duty in plan.reporting for r in duty.recurring)
    assert cadences == ["half", "quarter", "year"]


def test_shipped_plan_records_no_progress() -> None:
    plan = load_plan(SHIPPED_PLAN).plan
    for _, task in plan.tasks():
        assert not task.notes
        assert all(m.done is None and m.note is None for m in task.milestones)
        assert all(not r.done for r in task.recurring)


def test_minimal_plan_loads(write_plan: Callable[..., Path]) -> None:
    loaded = load_plan(write_plan())
    assert loaded.name == "plan"
    assert loaded.warnings == []


@pytest.mark.parametrize(
    ("old", "new", "line", "expected"),
    [
        ("lead: [tc-kt]", "lead: [ke-toan]", 22, "không có công chức 'ke-toan'"),
        ("id: 1.đ", "id: 1.a", 20, "mã nhiệm vụ '1.a' bị trùng"),
        ("due: Quý I/2024", "due: 2024-02-30", 19, "ngày '2024-02-30' không tồn tại"),
        ("due: Quý I/2024", "due: Quý V/2024", 19, "không hiểu thời hạn 'Quý V/2024'"),
        ("every: tháng", "every: hàng tuần", 26, "không hiểu chu kỳ 'hàng tuần'"),
        ("  year: 2024", "  year: hai nghìn", 3, "phải là số nguyên"),
        (
            "        title: Ban hành kế hoạch\n",
            "        tittle: Ban hành kế hoạch\n",
            13,
            "trường 'tittle' không có trong mẫu kế hoạch",
        ),
        ("        timeline: Định kỳ hàng tháng.\n", "", 20, "thiếu trường bắt buộc 'timeline'"),
    ],
)
def test_schema_errors_name_file_line_and_field(
    write_plan: Callable[..., Path], old: str, new: str, line: int, expected: str
) -> None:
    assert old in MINIMAL_PLAN
    path = write_plan(MINIMAL_PLAN.replace(old, new, 1))
    rendered = problems_of(path)
    assert any(expected in text for text in rendered), rendered
    assert any(f"{path}:{line}:" in text for text in rendered if expected in text), rendered


def test_unknown_field_suggests_the_right_one(write_plan: Callable[..., Path]) -> None:
    path = write_plan(
        MINIMAL_PLAN.replace(
            "        title: Ban hành kế hoạch\n", "        tittle: Ban hành kế hoạch\n"
        )
    )
    assert any("có phải ý bạn là 'title'" in text for text in problems_of(path))


def test_duplicate_keys_are_errors_not_silently_dropped(write_plan: Callable[..., Path]) -> None:
    text = MINIMAL_PLAN.replace(
        "        timeline: Quý I/2024 ban hành kế hoạch.\n",
        "        timeline: Quý I/2024 ban hành kế hoạch.\n        timeline: Quý II/2024.\n",
    )
    rendered = problems_of(write_plan(text))
    assert any(
        "khóa 'timeline' bị lặp lại (đã có ở dòng 16)" in t and ":17:9:" in t for t in rendered
    ), rendered


def test_recorded_period_must_match_the_cadence(write_plan: Callable[..., Path]) -> None:
    text = MINIMAL_PLAN + "            done:\n              2024-Q1: 2024-04-02\n"
    rendered = problems_of(write_plan(text))
    assert any("kỳ '2024-Q1' không phải một kỳ hàng tháng của năm 2024" in t for t in rendered)
    assert any(":28:15:" in t for t in rendered), rendered


def test_recorded_month_is_accepted(write_plan: Callable[..., Path]) -> None:
    text = MINIMAL_PLAN + "            done:\n              2024-01: 2024-02-03\n"
    plan = load_plan(write_plan(text)).plan
    assert str(plan.sections[0].tasks[1].recurring[0].done["2024-01"]) == "2024-02-03"


def test_syntax_error_names_line(write_plan: Callable[..., Path]) -> None:
    rendered = problems_of(write_plan("plan: [unclosed\n  tasks: {a: 1, a: 2}\n"))
    assert any(":1:7:" in text and "ngoặc '['" in text for text in rendered), rendered


def test_plan_files_default_to_plans_folder(tmp_path: Path) -> None:
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "b.yaml").write_text("x: 1\n")
    (tmp_path / "plans" / "a.yml").write_text("x: 1\n")
    (tmp_path / "plans" / "notes.txt").write_text("x\n")
    nested = tmp_path / "sub"
    nested.mkdir()
    found = plan_files([], cwd=nested)
    assert [p.name for p in found] == ["a.yml", "b.yaml"]


def test_a_reports_figures_file_is_not_a_plan(tmp_path: Path) -> None:
    (tmp_path / "reports").mkdir()
    (tmp_path / "a-2024.yaml").write_text("plan: {}\n", encoding="utf-8")
    (tmp_path / "reports" / "a-2024-Q1.so-lieu.yaml").write_text("period: x\n", encoding="utf-8")
    assert plan_files([str(tmp_path)]) == [tmp_path / "a-2024.yaml"]
