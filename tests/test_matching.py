from __future__ import annotations

import unicodedata

import pytest

from cai_cach.loading import load_plan
from cai_cach.matching import official_ids, section_matches, task_involves
from cai_cach.text import fold
from tests.helpers import SHIPPED_PLAN


@pytest.fixture(scope="module")
def plan():  # type: ignore[no-untyped-def]
    return load_plan(SHIPPED_PLAN).plan


def test_fold_removes_diacritics_and_case() -> None:
    assert fold("Công chức Tài chính - Kế toán") == "cong chuc tai chinh - ke toan"
    assert fold("ĐỊNH KỲ") == "dinh ky"
    assert fold(unicodedata.normalize("NFD", "Đường Hộ tịch")) == "duong ho tich"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("tai chinh", {"tc-kt"}),
        ("TÀI CHÍNH", {"tc-kt"}),
        (unicodedata.normalize("NFD", "Tài chính"), {"tc-kt"}),
        ("tc-kt", {"tc-kt"}),
        ("van phong", {"vp-tk"}),
        ("ho tich", {"tp-ht"}),
        ("lanh dao", {"lanh-dao"}),
        ("dao", {"lanh-dao", "bcd-cds"}),
        ("van hoa xa hoi", {"vh-xh"}),
        ("Văn hóa - Xã hội", {"vh-xh"}),
        ("khong ai", set()),
        ("", set()),
    ],
)
def test_official_ids(plan, query: str, expected: set[str]) -> None:  # type: ignore[no-untyped-def]
    assert official_ids(plan, query) == expected


def test_d_with_stroke_matches_plain_d(plan) -> None:  # type: ignore[no-untyped-def]
    assert official_ids(plan, "lãnh đạo") == official_ids(plan, "lanh dao") == {"lanh-dao"}


def test_task_involves_respects_role(plan) -> None:  # type: ignore[no-untyped-def]
    task = next(t for _, t in plan.tasks() if t.id == "1.a")
    assert task_involves(task, {"vp-tk"}, "lead")
    assert not task_involves(task, {"tp-ht"}, "lead")
    assert task_involves(task, {"tp-ht"}, "any")


def test_section_matches() -> None:
    assert section_matches("2", "2")
    assert section_matches("2", "2.")
    assert not section_matches("2", "3")
