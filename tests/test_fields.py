"""Field types of the plan format (cai_cach.fields)."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import BaseModel, ValidationError

from cai_cach.fields import YEARLESS_DAY, CadenceField, Day, Deadline, DeadlineField, Id


class _Probe(BaseModel):
    day: Day | None = None
    due: DeadlineField | None = None
    every: CadenceField | None = None
    id: Id | None = None


def test_days_and_deadlines_in_the_plans_words() -> None:
    probe = _Probe(day="20/03/2024", due="Quý I/2024", every="hàng quý")
    assert probe.day == date(2024, 3, 20)
    assert probe.due == Deadline("Quý I/2024", date(2024, 3, 31))
    assert probe.every == "quarter"
    assert probe.model_dump(mode="json")["due"] == "Quý I/2024"


def test_a_deadline_without_a_year_waits_for_the_plan() -> None:
    assert _Probe(due="cuối năm").due == Deadline("cuối năm", YEARLESS_DAY)


@pytest.mark.parametrize("field", [{"id": "1 a"}, {"due": 5}, {"every": 3}, {"day": "30/02/2024"}])
def test_bad_values_are_refused(field: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        _Probe.model_validate(field)
