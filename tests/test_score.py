"""The self-assessment draft on the shipped plan with a realistic year recorded, against the
example rubric; every figure is computed again here by hand, not with the scoring code."""

from __future__ import annotations

import shutil
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest

from cai_cach.evidence import EvidenceInput, add_evidence
from cai_cach.loading import load_plan
from cai_cach.periods import parse_period
from cai_cach.record import mark_done
from cai_cach.rubric import load_rubric
from cai_cach.score import percent, score_plan
from tests.helpers import REPO, SHIPPED_PLAN

RUBRIC = REPO / "rubrics" / "vi-du-ca-mau.yaml"

# The year recorded: 12 of the plan's 18 milestones (three of them late), 10 of 1.d's 12 monthly
# reports, 9 of 2.d's 12 monthly publications, and the four CCHC reports (6 tháng one day late).
MILESTONES = [
    ("1.c", None, "2024-01-20"),
    ("1.d", "1", "2024-02-05"),
    ("2.a", None, "2024-03-15"),
    ("2.b", None, "2024-04-10"),  # late (due 31/03)
    ("2.n", "1", "2024-03-20"),
    ("4.a", None, "2024-03-28"),
    ("5.b", None, "2024-04-02"),  # late
    ("5.d", None, "2024-09-25"),
    ("7.a", "1", "2024-03-01"),
    ("8.a", None, "2024-03-30"),
    ("8.b", None, "2024-07-05"),  # late (due 30/06)
    ("8.d", None, "2024-12-20"),
]
MONTHLY = {
    "1.d": ["01", "02", "03", "04", "05", "06", "07", "08", "09", "10"],
    "2.d": ["01", "02", "03", "04", "05", "06", "07", "08", "09"],
}
REPORTS = [
    ("2024-Q1", "2024-03-18"),
    ("2024-H1", "2024-07-01"),
    ("2024-Q3", "2024-09-18"),
    ("2024", "2024-12-18"),
]


@pytest.fixture
def recorded_year(tmp_path: Path) -> Path:
    plan = tmp_path / "plans" / "tinh-minh-2024.yaml"
    plan.parent.mkdir()
    shutil.copy(SHIPPED_PLAN, plan)
    for task, milestone, day in MILESTONES:
        mark_done(plan, task, day=date.fromisoformat(day), milestone=milestone)
    for task, months in MONTHLY.items():
        for month in months:
            mark_done(
                plan,
                task,
                day=date(2024, int(month), 28),
                period=parse_period(f"2024-{month}"),
                milestone="tháng" if task == "1.d" else None,
            )
    for key, day in REPORTS:
        mark_done(plan, "III.1", day=date.fromisoformat(day), period=parse_period(key))
    add_evidence(
        plan, "1.c", EvidenceInput("05/KH-UBND", date(2024, 1, 19)), milestone="Ban hành kế hoạch"
    )
    add_evidence(
        plan,
        "III.1",
        EvidenceInput("20/BC-UBND", date(2024, 3, 18)),
        period=parse_period("2024-Q1"),
    )
    return plan


def by_hand_share() -> tuple[int, int, Decimal]:
    owed = 18 + 12 + 12 + 4  # milestones; 1.d's monthly (quarterly, yearly merged in); 2.d's; III.1
    done = len(MILESTONES) + sum(len(m) for m in MONTHLY.values()) + len(REPORTS)
    share = (Decimal(done) * 100 / owed).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return done, owed, share


def test_scores_agree_with_a_hand_count(recorded_year: Path) -> None:
    rubric, _ = load_rubric(RUBRIC)
    plan = load_plan(recorded_year).plan
    card = score_plan(plan, recorded_year, rubric, as_of=date(2024, 12, 31))
    scores = {s.criterion.code: s for s in card.scores}
    done, owed, share = by_hand_share()
    assert (done, owed, share) == (35, 46, Decimal("76.1"))
    expected_points = 2 if share > 90 else 1 if share >= 70 else 0
    assert scores["1.2"].points == expected_points == 1
    assert scores["1.2"].how.startswith("35/46 việc đến hạn đã hoàn thành = 76,1 % (từ 70 %)")
    # 6 tháng sent on 01/07, due 30/06: not every report on time.
    assert scores["1.3"].points == 0
    assert "(6 tháng đầu năm 2024) gửi trễ 1 ngày" in scores["1.3"].how
    # The example rubric sets no deadline for issuing the plan: nothing is invented.
    assert scores["1.1"].points is None
    assert "chưa tính được" in scores["1.1"].how
    assert scores["1.1"].evidence == ("Quyết định số 479/QĐ-UBND ngày 26/12/2023",)
    assert card.total == 1 and card.maximum == 4


def test_evidence_listed_and_missing_flagged(recorded_year: Path) -> None:
    rubric, _ = load_rubric(RUBRIC)
    card = score_plan(
        load_plan(recorded_year).plan, recorded_year, rubric, as_of=date(2024, 12, 31)
    )
    scores = {s.criterion.code: s for s in card.scores}
    assert "Kế hoạch số 05/KH-UBND ngày 19/01/2024" in scores["1.2"].evidence
    assert "Báo cáo số 20/BC-UBND ngày 18/03/2024" in scores["1.3"].evidence
    # 35 done, two with a document: 33 lack one; 3 of the 4 reports lack their number.
    assert scores["1.2"].missing[0].startswith("33 việc đã xong chưa có văn bản kiểm chứng")
    assert scores["1.3"].missing[0].startswith("3 kỳ báo cáo đã gửi chưa có số văn bản")
    first = card.missing_first()
    assert [s.criterion.code for s in first][:2] == ["1.2", "1.3"]


def test_plan_issued_with_a_deadline(recorded_year: Path, tmp_path: Path) -> None:
    text = RUBRIC.read_text(encoding="utf-8").replace(
        "            deadline:\n", "            deadline: 2023-12-20\n"
    )
    rubric_file = tmp_path / "r.yaml"
    rubric_file.write_text(text, encoding="utf-8")
    rubric, _ = load_rubric(rubric_file)
    card = score_plan(
        load_plan(recorded_year).plan, recorded_year, rubric, as_of=date(2024, 12, 31)
    )
    [issued] = [s for s in card.scores if s.criterion.code == "1.1"]
    # Signed 26/12/2023, after the 20/12 deadline: the late points.
    assert issued.points == 0.5
    assert "trễ hạn (hạn 20/12/2023) → 0,5/1 điểm" in issued.how


@pytest.mark.parametrize(
    ("part", "whole", "text"), [(67, 80, "83.8"), (1, 8, "12.5"), (0, 3, "0.0"), (2, 3, "66.7")]
)
def test_percent_rounds_half_up(part: int, whole: int, text: str) -> None:
    assert str(percent(part, whole)) == text
