"""The plan models: deadlines in the plan's words, strictness, and the order of tasks."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from pydantic import ValidationError

from cai_cach import models
from cai_cach.models import Milestone, Official, Plan, Recurrence, Section

PLAN: dict[str, Any] = {
    "plan": {"title": "Kế hoạch", "year": "2024", "agency": {"name": "UBND xã", "place": "Xã"}},
    "officials": {"vp-tk": {"title": "Văn phòng"}, "nhom": {"title": "Các bộ phận", "group": True}},
    "sections": [
        {
            "id": "1",
            "title": "Mục",
            "tasks": [{"id": "1.a", "title": "Việc", "lead": ["vp-tk"], "timeline": "Quý I"}],
        }
    ],
    "reporting": [
        {"id": "bc", "title": "Báo cáo", "lead": ["vp-tk"], "timeline": "Hàng quý"},
    ],
}


def test_a_deadline_keeps_the_plans_words_and_the_day_they_mean() -> None:
    milestone = Milestone.model_validate({"what": "Ban hành", "due": "Quý I/2024"})
    assert (milestone.due.text, milestone.due.date) == ("Quý I/2024", date(2024, 3, 31))
    iso = Milestone.model_validate({"what": "Ban hành", "due": "2024-05-02", "done": "03/05/2024"})
    assert iso.due.date == date(2024, 5, 2)
    assert iso.done == date(2024, 5, 3)
    assert iso.model_dump(mode="json")["due"] == "2024-05-02"


def test_unknown_fields_and_cadences_are_refused() -> None:
    with pytest.raises(ValidationError, match="timline"):
        Milestone.model_validate({"what": "x", "due": "2024-01-01", "timline": "x"})
    with pytest.raises(ValidationError):
        Recurrence.model_validate({"what": "x", "every": "tuần"})
    assert Recurrence.model_validate({"what": "x", "every": "hàng quý"}).every == "quarter"


def test_tasks_come_in_document_order_then_the_reporting_duties() -> None:
    plan = Plan.model_validate(PLAN)
    assert plan.year == 2024
    assert [(section.id if section else None, task.id) for section, task in plan.tasks()] == [
        ("1", "1.a"),
        (None, "bc"),
    ]


def test_titles_of_officials_skip_unknown_ids_and_name_the_person() -> None:
    plan = Plan.model_validate(PLAN)
    assert plan.titles(["vp-tk", "khong-co", "nhom"]) == ["Văn phòng", "Các bộ phận"]
    assert Official(title="Văn phòng", name="Lê Thị Hà").label == "Văn phòng (Lê Thị Hà)"


def test_every_model_and_field_is_described() -> None:
    plan_models = [
        value
        for value in vars(models).values()
        if isinstance(value, type) and issubclass(value, models.Model) and value is not models.Model
    ]
    assert len(plan_models) >= 10
    for model in plan_models:
        config = model.model_config
        assert config.get("title") and config.get("json_schema_extra"), (
            f"give {model.__name__} a Vietnamese title and description in its model_config"
        )
        for name, info in model.model_fields.items():
            assert info.description, (
                f"{model.__name__}.{name}: give it Field(description=...) in Vietnamese "
                "(editors show it; caicach schema writes it into the JSON Schema)"
            )


@pytest.mark.parametrize(
    ("title", "unit", "expected"),
    [
        ("Phòng Kinh tế", None, True),
        ("Văn phòng HĐND và UBND", None, True),
        ("TRUNG TAM PHUC VU HANH CHINH CONG", None, True),  # diacritic- and case-blind
        ("Tổ 48 của UBND xã", None, True),
        ("Công chức Văn phòng - Thống kê", None, False),
        ("Tổ chức, cá nhân có liên quan", None, False),
        ("Lãnh đạo UBND xã", None, False),
        ("Phòng Kinh tế", False, False),  # the plan's word wins
        ("Lãnh đạo UBND xã", True, True),
    ],
)
def test_a_responsible_party_is_a_unit_by_its_title_unless_the_plan_says(
    title: str, unit: bool | None, expected: bool
) -> None:
    assert Official(title=title, unit=unit).is_unit is expected


@pytest.mark.parametrize(
    ("title", "direction", "expected"),
    [
        ("Công tác chỉ đạo, điều hành cải cách hành chính", None, True),
        ("Công tác chỉ đạo, điều hành CCHC", None, True),
        ("Chỉ đạo và điều hành", None, True),
        ("CONG TAC CHI DAO DIEU HANH", None, True),
        ("Cải cách thể chế", None, False),
        ("Cải cách thể chế", True, True),
        ("Công tác chỉ đạo, điều hành", False, False),
    ],
)
def test_the_section_directing_the_reform_is_found_by_title_unless_the_plan_says(
    title: str, direction: bool | None, expected: bool
) -> None:
    task = {"id": "1.a", "title": "x", "lead": ["vp"], "timeline": "x", "ongoing": True}
    section = Section(id="1", title=title, direction=direction, tasks=[task])
    assert section.is_direction is expected
