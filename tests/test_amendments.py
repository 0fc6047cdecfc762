"""A plan's window and amendments (issue 20, items 2 and 4): a half-year plan, a mid-year plan
and an amended plan through overdue, agenda, report, calendar and done, end to end."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from icalendar import Calendar

from cai_cach.amendments import amendment_lines, task_change
from cai_cach.loading import load_plan
from tests.helpers import invoke, json_items, run

HEAD = """\
plan:
  title: Kế hoạch cải cách hành chính @TITLE@
  year: 2025
  agency: {name: Ủy ban nhân dân xã Thử, place: Thử}
@WINDOW@officials:
  vp-tk: {title: Công chức Văn phòng - Thống kê}
  tc-kt: {title: Công chức Tài chính - Kế toán}
"""

TASKS = """\
sections:
  - id: I
    title: Cải cách thể chế
    tasks:
      - id: "1.1"
        title: Rà soát văn bản
        lead: [vp-tk]
        timeline: Tháng 3 và tháng 9/2025.
        milestones:
          - {what: Rà soát đợt 1, due: 2025-03-20}
          - {what: Rà soát đợt 2, due: 2025-09-20}
      - id: "1.2"
        title: Báo cáo tháng
        lead: [tc-kt]
        timeline: Hàng tháng.
        recurring:
          - {what: Báo cáo tháng, every: tháng}
@EXTRA@reporting:
  - id: III.1
    title: Báo cáo cải cách hành chính định kỳ
    lead: [vp-tk]
    timeline: Hàng quý.
    recipient: UBND huyện
    recurring:
      - {what: Báo cáo quý, every: quý}
"""

AMENDED_TASKS = """\
      - id: "1.3"
        title: Số hóa hồ sơ
        lead: [vp-tk]
        timeline: Hàng tháng từ tháng 5/2025.
        added: {date: 2025-05-10, by: 215/QĐ-UBND}
        recurring:
          - {what: Báo cáo số hóa, every: tháng}
      - id: "1.4"
        title: Đề án cũ
        lead: [tc-kt]
        timeline: Hàng tháng.
        cancelled: {date: 2025-05-10, by: 215/QĐ-UBND}
        recurring:
          - {what: Báo cáo đề án, every: tháng}
"""

AMENDMENTS = """\
amendments:
  - {number: 215/QĐ-UBND, date: 2025-05-10, summary: Bổ sung nhiệm vụ 1.3; bãi bỏ nhiệm vụ 1.4}
"""


def write(
    folder: Path,
    name: str,
    *,
    window: str = "",
    title: str = "năm 2025",
    extra: str = "",
    amendments: str = "",
) -> Path:
    path = folder / f"{name}.yaml"
    head = HEAD.replace("@TITLE@", title).replace("@WINDOW@", window)
    text = head + TASKS.replace("@EXTRA@", extra) + amendments
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def second_half(tmp_path: Path) -> Path:
    """A plan for the second half of the year (Điện Biên 3462/KH-UBND style)."""
    window = "  start: 2025-07-01\n"
    return write(tmp_path, "h2", window=window, title="6 tháng cuối năm 2025")


@pytest.fixture
def first_half(tmp_path: Path) -> Path:
    window = "  end: 2025-06-30\n"
    return write(tmp_path, "h1", window=window, title="6 tháng đầu năm 2025")


@pytest.fixture
def mid_year(tmp_path: Path) -> Path:
    """Approved on 21/07/2025: owes nothing due before that day."""
    return write(tmp_path, "mid", window="  start: 2025-07-21\n")


@pytest.fixture
def amended(tmp_path: Path) -> Path:
    return write(tmp_path, "amended", extra=AMENDED_TASKS, amendments=AMENDMENTS)


def overdue(path: Path, day: str) -> list[tuple[str, str]]:
    result = invoke("overdue", "--json", "--as-of", day, path)
    assert result.exit_code == 0, result.output
    return [(r["task"], r["what"]) for r in json_items(result.stdout)]


def events(path: Path, out: Path) -> list[tuple[str, date]]:
    code, output = run("calendar", "-p", path, "-o", out)
    assert code == 0, output
    calendar = Calendar.from_ical(out.read_bytes())
    return [(str(e["SUMMARY"]), e.decoded("DTSTART")) for e in calendar.walk("VEVENT")]


# --- a plan for the second half of the year ------------------------------------------------


def test_second_half_plan_owes_nothing_before_july(second_half: Path, tmp_path: Path) -> None:
    code, output = run("check", second_half)
    assert code == 0, output  # the March milestone: a warning, not tracked
    assert "trước ngày kế hoạch có hiệu lực" in output
    late = overdue(second_half, "2025-10-15")
    assert ("1.1", "Rà soát đợt 2") in late
    assert ("1.1", "Rà soát đợt 1") not in late
    months = [what for task, what in late if task == "1.2"]
    assert months == [f"Báo cáo tháng (tháng {m} năm 2025)" for m in (7, 8, 9)]
    assert [what for task, what in late if task == "III.1"] == ["Báo cáo quý (quý III năm 2025)"]
    dates = [day for _, day in events(second_half, tmp_path / "h2.ics")]
    assert min(dates) == date(2025, 7, 31)


def test_second_half_plan_agenda_and_report(second_half: Path, tmp_path: Path) -> None:
    code, output = run("agenda", "-p", second_half, "--month", "2025-03", "--as-of", "2025-03-25")
    assert "Rà soát đợt 1" not in output and "Báo cáo tháng" not in output, output
    code, output = run("agenda", "-p", second_half, "--month", "2025-08", "--as-of", "2025-08-05")
    assert code == 0, output
    assert "Báo cáo tháng (tháng 7 năm 2025) — hạn 31/07/2025 — quá hạn 5 ngày" in output
    out = tmp_path / "q1.md"
    code, output = run("report", "--period", "2025-Q1", "-f", "md", "-o", out, second_half)
    assert code == 2
    assert "ngoài thời gian thực hiện của kế hoạch (từ 01/07/2025 đến 31/12/2025)" in output
    out = tmp_path / "q3.md"
    code, output = run(
        "report",
        "--period",
        "2025-Q3",
        "-f",
        "md",
        "-o",
        out,
        "--date",
        "2025-09-20",
        second_half,
    )
    assert code == 0, output
    text = out.read_text(encoding="utf-8")
    assert "tháng 6 năm 2025" not in text and "quý II " not in text


# --- a plan for the first half of the year -------------------------------------------------


def test_first_half_plan_owes_nothing_after_june(first_half: Path, tmp_path: Path) -> None:
    late = overdue(first_half, "2025-11-01")
    assert ("1.1", "Rà soát đợt 2") not in late
    assert [what for task, what in late if task == "III.1"] == [
        "Báo cáo quý (quý I năm 2025)",
        "Báo cáo quý (quý II năm 2025)",
    ]
    assert max(day for _, day in events(first_half, tmp_path / "h1.ics")) == date(2025, 6, 30)
    code, output = run("report", "--period", "2025-Q3", "-f", "md", first_half)
    assert code == 2 and "đến 30/06/2025" in output
    code, output = run("agenda", "-p", first_half, "--month", "2025-09", "--as-of", "2025-09-01")
    assert "Rà soát đợt 2" not in output


def test_a_plan_cannot_end_before_it_starts_or_in_another_year(tmp_path: Path) -> None:
    path = write(tmp_path, "bad", window="  start: 2025-07-01\n  end: 2025-06-30\n")
    code, output = run("check", path)
    assert code == 2 and "trước ngày bắt đầu" in output and "bad.yaml:6:8" in output
    path = write(tmp_path, "bad2", window="  end: 2026-06-30\n")
    code, output = run("check", path)
    assert code == 2 and "không thuộc năm kế hoạch 2025" in output


# --- a plan approved mid-year --------------------------------------------------------------


def test_mid_year_plan_refuses_a_period_before_it(mid_year: Path) -> None:
    for force in ([], ["--force"]):
        code, output = run(
            "done", "III.1", "--period", "2025-Q1", "--date", "2025-03-30", *force, "-p", mid_year
        )
        assert code == 2, output
        assert "không thuộc thời gian thực hiện của kế hoạch năm 2025: từ 21/07/2025" in output
    code, output = run("done", "III.1", "--period", "2025-07", "--force", "-p", mid_year)
    assert code == 2 and "Báo cáo quý: 2025-Q3, 2025-Q4" in output, output  # no such period
    code, output = run(
        "done", "III.1", "--period", "2025-Q3", "--date", "2025-09-28", "-p", mid_year
    )
    assert code == 0, output


def test_mid_year_plan_overdue_agenda_report_calendar(mid_year: Path, tmp_path: Path) -> None:
    late = overdue(mid_year, "2025-10-01")
    assert [w for t, w in late if t == "1.2"] == [
        "Báo cáo tháng (tháng 7 năm 2025)",
        "Báo cáo tháng (tháng 8 năm 2025)",
        "Báo cáo tháng (tháng 9 năm 2025)",
    ]
    assert ("III.1", "Báo cáo quý (quý III năm 2025)") in late
    code, output = run("agenda", "-p", mid_year, "--month", "2025-07", "--as-of", "2025-07-25")
    assert code == 0 and "tháng 6" not in output and "Báo cáo tháng (tháng 7" in output
    out = tmp_path / "q3.md"
    code, output = run(
        "report", "--period", "2025-Q3", "-f", "md", "-o", out, "--date", "2025-10-02", mid_year
    )
    assert code == 0, output
    text = out.read_text(encoding="utf-8")
    assert "quý II " not in text and "(tháng 6 năm 2025)" not in text
    assert min(day for _, day in events(mid_year, tmp_path / "mid.ics")) == date(2025, 7, 31)


# --- an amended plan -----------------------------------------------------------------------


def test_amended_plan_owes_added_and_cancelled_tasks_only_in_their_span(
    amended: Path, tmp_path: Path
) -> None:
    code, output = run("check", amended)
    assert code == 0, output
    late = overdue(amended, "2025-07-01")
    assert [w for t, w in late if t == "1.3"] == [
        "Báo cáo số hóa (tháng 5 năm 2025)",
        "Báo cáo số hóa (tháng 6 năm 2025)",
    ]
    assert [w for t, w in late if t == "1.4"] == [
        f"Báo cáo đề án (tháng {m} năm 2025)" for m in (1, 2, 3, 4)
    ]
    found = events(amended, tmp_path / "a.ics")
    assert not [d for s, d in found if "đề án" in s and d > date(2025, 5, 10)]
    assert min(d for s, d in found if "số hóa" in s) == date(2025, 5, 31)
    code, output = run("agenda", "-p", amended, "--month", "2025-06", "--as-of", "2025-06-01")
    assert "Báo cáo số hóa (tháng 6" in output and "Báo cáo đề án (tháng 6" not in output
    code, output = run("done", "1.4", "--period", "2025-06", "--date", "2025-06-30", "-p", amended)
    assert code == 2 and "theo văn bản 215/QĐ-UBND" in output


def test_amended_plan_report_names_the_amendment(amended: Path, tmp_path: Path) -> None:
    out = tmp_path / "q2.md"
    code, output = run(
        "report", "--period", "2025-Q2", "-f", "md", "-o", out, "--date", "2025-06-20", amended
    )
    assert code == 0, output
    text = out.read_text(encoding="utf-8")
    part_one = text.split("## I.")[1].split("## II.")[0]
    assert "Văn bản số 215/QĐ-UBND ngày 10/05/2025: Bổ sung nhiệm vụ 1.3" in part_one
    assert "Bổ sung từ ngày 10/05/2025 theo văn bản số 215/QĐ-UBND ngày 10/05/2025" in text
    assert "Bãi bỏ từ ngày 10/05/2025" in text
    out = tmp_path / "q1.md"
    run("report", "--period", "2025-Q1", "-f", "md", "-o", out, "--date", "2025-03-20", amended)
    assert "215/QĐ-UBND ngày" not in out.read_text(encoding="utf-8").split("## II.")[0]


def test_amendment_references_are_checked(tmp_path: Path) -> None:
    extra = AMENDED_TASKS.replace(
        "by: 215/QĐ-UBND}\n        recurring:\n          - {what: Báo cáo đề",
        "by: 216/QĐ-UBND}\n        recurring:\n          - {what: Báo cáo đề",
    )
    path = write(tmp_path, "bad", extra=extra, amendments=AMENDMENTS)
    code, output = run("check", path)
    assert code == 2, output
    assert "không có văn bản điều chỉnh '216/QĐ-UBND' trong amendments (215/QĐ-UBND)" in output
    assert "bad.yaml:36:43" in output


def test_the_library_words(amended: Path) -> None:
    plan = load_plan(amended).plan
    task = next(t for _, t in plan.tasks() if t.id == "1.4")
    assert task_change(plan, task) == (
        "Bãi bỏ từ ngày 10/05/2025 theo văn bản số 215/QĐ-UBND ngày 10/05/2025"
    )
    assert amendment_lines(plan, date(2025, 5, 9)) == ()
    assert len(amendment_lines(plan, date(2025, 5, 10))) == 1


def test_the_documents_own_numbering_draws_no_warning(amended: Path) -> None:
    code, output = run("check", amended)
    assert code == 0 and "không thuộc mục" not in output


def test_check_counts_the_reports_owed_in_the_window(second_half: Path) -> None:
    code, output = run("check", second_half)
    assert code == 0 and "1 nghĩa vụ báo cáo (2 kỳ báo cáo trong năm)" in output, output
