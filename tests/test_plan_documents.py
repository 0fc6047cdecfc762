"""The plan's own documents (cai_cach.plan_documents): issuing, report signing, amendments."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError

from cai_cach.plan_documents import Amendment, Decision, TaskChange


def test_an_amendment_and_a_task_change_read_the_plans_days() -> None:
    amendment = Amendment(number="215/QĐ-UBND", date="10/05/2025", summary="Bổ sung 1.3")
    assert amendment.date == date(2025, 5, 10)
    change = TaskChange.model_validate({"date": "2025-05-10", "by": " 215/QĐ-UBND "})
    assert change.by == "215/QĐ-UBND"


@pytest.mark.parametrize(
    "shape",
    [
        {"number": "215/QĐ-UBND", "date": "2025-05-10"},  # no summary
        {"number": "", "date": "2025-05-10", "summary": "x"},
        {"number": "1", "date": "2025-05-10", "summary": "x", "signer": "y"},  # unknown field
    ],
)
def test_bad_amendments_are_refused(shape: dict[str, str]) -> None:
    with pytest.raises(ValidationError):
        Amendment.model_validate(shape)


def test_a_draft_decision_may_leave_its_signer_unread() -> None:
    # A draft leaves what the document does not say empty (validation warns about it).
    decision = Decision.model_validate(
        {"number": "1/QĐ", "date": "2024-01-01", "signer_title": "Chủ tịch"}
    )
    assert decision.signer is None
    with pytest.raises(ValidationError):
        Decision.model_validate({"number": "", "date": "2024-01-01"})
