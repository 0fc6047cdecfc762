"""Which of an agency's plans a newer year supersedes, which are over, which not begun."""

from __future__ import annotations

from datetime import date

from cai_cach.planyears import PlanYear, latest_year_before, year_standing

DAY = date(2025, 3, 1)


def plan(display: str, year: int, agency: str = "Xã A", still_open: int = 0) -> PlanYear:
    return PlanYear(display, year, agency, still_open)


def test_a_newer_plan_begun_supersedes_the_agencys_older_one() -> None:
    old, new = plan("a-2024.yaml", 2024, still_open=3), plan("a-2025.yaml", 2025)
    standing = year_standing([old, new], DAY, named=set())
    assert standing.superseded == [old] and standing.superseded_files == {"a-2024.yaml"}
    assert standing.ended == [] and standing.future == []
    assert standing.newer_year(old) == 2025


def test_an_older_plan_alone_is_over_not_superseded() -> None:
    old = plan("a-2024.yaml", 2024)
    standing = year_standing([old], DAY, named=set())
    assert standing.superseded == [] and standing.ended == [old]


def test_a_plan_named_on_the_command_line_is_never_superseded() -> None:
    old, new = plan("a-2024.yaml", 2024), plan("a-2025.yaml", 2025)
    standing = year_standing([old, new], DAY, named={"a-2024.yaml"})
    assert standing.superseded == [] and standing.ended == [old]


def test_a_future_plan_does_not_supersede_and_has_not_begun() -> None:
    now, later = plan("a-2025.yaml", 2025), plan("a-2026.yaml", 2026)
    older = plan("a-2024.yaml", 2024)
    standing = year_standing([older, now, later], DAY, named=set())
    assert standing.future == [later]
    assert standing.superseded == [older]  # by 2025, not by the future 2026
    assert standing.newer_year(older) == 2025


def test_agencies_are_apart() -> None:
    a_old, b_new = plan("a-2024.yaml", 2024, "Xã A"), plan("b-2025.yaml", 2025, "Xã B")
    standing = year_standing([a_old, b_new], DAY, named=set())
    assert standing.superseded == [] and standing.ended == [a_old]


def test_the_latest_year_before_skips_missing_years() -> None:
    assert latest_year_before([2022, 2023, 2026], 2025) == 2023
    assert latest_year_before([2026], 2025) == 2024  # none: the year looked for
