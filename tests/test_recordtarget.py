"""Which task, milestone or occurrence a command means (the rules are exercised end to end in
``test_record.py``; here the pieces directly)."""

from __future__ import annotations

import pytest

from cai_cach.errors import UsageError
from cai_cach.loading import load_plan
from cai_cach.recordtarget import choose_milestone, clean_note, find_task, task_refs
from tests.helpers import SHIPPED_PLAN


def test_find_task_by_id_and_folded_spelling() -> None:
    plan = load_plan(SHIPPED_PLAN).plan
    assert find_task(plan, "2.đ") is not None
    assert find_task(plan, "III.1") is not None
    assert find_task(plan, "9.z") is None
    assert len(task_refs(plan)) == 38


def test_choose_milestone_by_number_and_words() -> None:
    plan = load_plan(SHIPPED_PLAN).plan
    ref = find_task(plan, "2.n")
    assert ref is not None
    assert choose_milestone(ref.task, "2", want_open=True) == 1
    assert choose_milestone(ref.task, "kiểm tra theo", want_open=True) == 1
    with pytest.raises(UsageError):
        choose_milestone(ref.task, None, want_open=True)  # two open: say which


def test_clean_note() -> None:
    assert clean_note("  Đã   họp  ") == "Đã họp"
    with pytest.raises(UsageError):
        clean_note("   ")
