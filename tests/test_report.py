"""The report as a value: which obligations a period counts, their status, the tallies."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from cai_cach.errors import UsageError
from cai_cach.loading import LoadedPlan, load_plan
from cai_cach.narrative import Narrative
from cai_cach.periods import Period, date_line, parse_period
from cai_cach.report import (
    DEFAULT_AUTHORITY,
    DEPUTY_AUTHORITY,
    FILED_COPY,
    Item,
    Report,
    ReportOptions,
    build_report,
    data_window,
    item_status,
    number_text,
    output_name,
    punctuate,
)
from tests.helpers import MINIMAL_PLAN, REPO

PROGRESS_PLAN = REPO / "tests" / "golden" / "tien-do-2024.yaml"
Q1 = Period(2024, "quarter", 1)
ISSUED = date(2024, 3, 18)


@pytest.fixture(scope="module")
def progress() -> LoadedPlan:
    return load_plan(PROGRESS_PLAN)


def report_of(
    loaded: LoadedPlan, period: Period = Q1, issued: date = ISSUED, **options: Any
) -> Report:
    return build_report(loaded, period, ReportOptions(issued=issued, **options))


def _key(item: Item) -> str:
    label = f"{item.what} ({item.period_label})" if item.period_label else item.what
    return f"{item.task_id}: {label}"


def items(report: Report) -> dict[str, Item]:
    """Reported obligations keyed "task: what (period)", the periodic reports included."""
    found = {
        _key(item): item
        for section in report.sections
        for task in section.tasks
        for item in task.items
    }
    return found | {_key(item): item for item in report.reports}


# --- windows and statuses -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "start", "end"),
    [
        ("2024-Q1", date(2023, 12, 15), date(2024, 3, 14)),
        ("2024-Q3", date(2024, 6, 15), date(2024, 9, 14)),
        ("2024-H1", date(2023, 12, 15), date(2024, 6, 14)),
        ("2024-9M", date(2023, 12, 15), date(2024, 9, 14)),
        ("2024", date(2023, 12, 15), date(2024, 12, 14)),
        ("2024-03", date(2024, 2, 15), date(2024, 3, 14)),
    ],
)
def test_official_window_of_nghi_dinh_09(key: str, start: date, end: date) -> None:
    window = data_window(parse_period(key))
    assert (window.start, window.end, window.kind) == (start, end, "official")
    assert "09/2019/NĐ-CP" in window.basis


def test_calendar_window_and_as_of() -> None:
    calendar = data_window(Q1, calendar=True)
    assert (calendar.start, calendar.end) == (date(2024, 1, 1), date(2024, 3, 31))
    cut = data_window(Q1, as_of=date(2024, 3, 20))
    assert (cut.start, cut.end, cut.end_overridden) == (date(2023, 12, 15), date(2024, 3, 20), True)


def test_as_of_before_the_window_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="trước ngày bắt đầu kỳ báo cáo"):
        data_window(Q1, as_of=date(2023, 12, 1))


@pytest.mark.parametrize(
    ("due", "done", "status"),
    [
        (date(2024, 3, 1), date(2024, 3, 1), "done_on_time"),
        (date(2024, 3, 1), date(2024, 2, 1), "done_on_time"),
        (date(2024, 3, 1), date(2024, 3, 2), "done_late"),
        (date(2024, 3, 1), None, "overdue"),
        (date(2024, 3, 10), None, "not_yet_due"),
        (date(2024, 3, 10), date(2024, 3, 12), "not_yet_due"),  # done after the cut-off
        (date(2024, 3, 1), date(2024, 3, 12), "overdue"),  # late, and not yet done at cut-off
    ],
)
def test_item_status_at_the_cut_off(due: date, done: date | None, status: str) -> None:
    assert item_status(due, done, cut_off=date(2024, 3, 10)) == status


# --- what a period counts -----------------------------------------------------------------


def test_quarter_counts_what_the_plan_records(progress: LoadedPlan) -> None:
    found = items(report_of(progress))
    assert found["1.a: Ban hành kế hoạch"].status == "done_on_time"
    assert found["1.a: Ban hành kế hoạch"].note == "Kế hoạch số 15/KH-UBND"
    assert found["1.b: Báo cáo kết quả rà soát"].status == "done_late"
    assert found["1.c: Công khai quyết toán"].status == "overdue"
    assert (
        found["1.c: Công khai quyết toán"].days_overdue
        == (date(2024, 3, 14) - date(2024, 2, 15)).days
    )
    monthly = "2.a: Công khai kết quả đánh giá"
    assert found[f"{monthly} (tháng 1 năm 2024)"].status == "done_on_time"
    assert found[f"{monthly} (tháng 2 năm 2024)"].status == "done_late"
    # Due 31/03, after the cut-off of 14/03 but inside the quarter: reported as not yet due.
    assert found[f"{monthly} (tháng 3 năm 2024)"].status == "not_yet_due"
    assert found["III.1: Báo cáo quý (quý I năm 2024)"].status == "not_yet_due"
    # Due in the next quarter: not counted in this one.
    assert not any(key.startswith("1.d") for key in found)
    assert f"{monthly} (tháng 4 năm 2024)" not in found
    # Done on 2023-12-01, before the window began: an earlier report counted it.
    assert not any(key.startswith("2.b") for key in found)


def test_figures_add_up_and_keep_the_reports_apart(progress: LoadedPlan) -> None:
    report = report_of(progress)
    listed = [item for s in report.sections for t in s.tasks for item in t.items]
    (basis,) = report.figures.bases
    assert basis.label == "Lũy kế từ đầu năm"
    assert basis.tasks.total == len(listed)
    assert basis.tasks.done_on_time == sum(item.status == "done_on_time" for item in listed)
    assert basis.tasks.overdue == len(report.overdue) == 1
    total = report.figures.total()
    assert total.shares[0] == basis.tasks
    assert total.tasks == sum(len(section.tasks) for section in progress.plan.sections)
    # The quý I report is the report being written: not counted among the reports sent.
    assert basis.reports.total == 0
    assert [item.this_report for item in report.reports] == [True]


def test_ongoing_tasks_and_notes_inside_the_window(progress: LoadedPlan) -> None:
    report = report_of(progress)
    tasks = {task.id: task for section in report.sections for task in section.tasks}
    assert tasks["1.đ"].status == "ongoing"
    assert [note.text for note in tasks["1.đ"].notes] == ["Đã tiếp nhận 3 phản ánh; xử lý xong 3"]
    # Nothing recorded for 1.e (as instructed): named with the area's other quiet tasks.
    assert "1.e" not in tasks and "1.e" in report.sections[0].quiet
    assert "1.d" not in tasks and "2.b" not in tasks
    later = report_of(progress, Period(2024, "quarter", 2), issued=date(2024, 6, 20))
    tasks = {task.id: task for section in later.sections for task in section.tasks}
    assert [note.text for note in tasks["1.đ"].notes] == ["Đã tiếp nhận 1 phản ánh"]


def test_next_quarter_carries_over_what_is_still_overdue(progress: LoadedPlan) -> None:
    found = items(report_of(progress, Period(2024, "quarter", 2), issued=date(2024, 6, 20)))
    assert found["1.c: Công khai quyết toán"].status == "overdue"
    # Completed in Q1's window: not repeated in Q2.
    assert "1.a: Ban hành kế hoạch" not in found
    assert "1.b: Báo cáo kết quả rà soát" not in found
    # Done on 05/03 (inside Q1's window) → already reported.
    assert "2.a: Công khai kết quả đánh giá (tháng 2 năm 2024)" not in found
    assert found["1.d: Ban hành kế hoạch kiểm tra"].status == "not_yet_due"


def test_calendar_window_moves_the_cut_off(progress: LoadedPlan) -> None:
    found = items(report_of(progress, calendar=True, issued=date(2024, 4, 2)))
    assert (
        found["1.c: Công khai quyết toán"].days_overdue
        == (date(2024, 3, 31) - date(2024, 2, 15)).days
    )
    # 2.b was done on 2023-12-01, before 01/01/2024.
    assert not any(key.startswith("2.b") for key in found)


def test_as_of_ignores_completions_after_it(progress: LoadedPlan) -> None:
    found = items(report_of(progress, as_of=date(2024, 2, 25)))
    february = found["2.a: Công khai kết quả đánh giá (tháng 2 năm 2024)"]
    assert february.done is None and february.status == "not_yet_due"
    assert found["1.b: Báo cáo kết quả rà soát"].status == "done_late"


def test_part_iv_runs_from_the_signing_to_the_end_of_the_next_period(
    progress: LoadedPlan,
) -> None:
    report = report_of(progress)
    assert report.next_period == Period(2024, "quarter", 2)
    outlook = report.outlook
    coming = [*outlook.milestones, *outlook.chores]
    assert all(ISSUED <= entry.due <= date(2024, 6, 30) for entry in coming)
    whats = {f"{entry.task_id}: {entry.what}" for entry in coming}
    assert "1.d: Ban hành kế hoạch kiểm tra" in whats
    assert "III.1: Báo cáo quý" in whats  # quý II's, not this one (quý I)
    reports = next(entry for entry in coming if entry.task_id == "III.1")
    assert reports.periods == ("quý II năm 2024",)
    assert [entry.task_id for entry in outlook.carried] == ["1.c"]


def test_a_signing_before_the_cut_off_ends_the_data_there(progress: LoadedPlan) -> None:
    report = report_of(progress, issued=date(2024, 3, 7))
    assert report.window.end == date(2024, 3, 7) and report.window.end_signed
    assert "số liệu đến ngày ký báo cáo" in report.window_text


def test_final_refuses_a_report_with_parts_unwritten(progress: LoadedPlan) -> None:
    narrative = Narrative("reports/tien-do-2024-Q1.md", {"direction": ("x",)}, found=True)
    with pytest.raises(UsageError) as caught:
        report_of(progress, narrative=narrative, final=True)
    assert "III. 1. Ưu điểm" in caught.value.message
    assert "reports/tien-do-2024-Q1.md" in caught.value.message
    draft = report_of(progress, narrative=narrative)
    assert draft.draft and "V. Đề xuất, kiến nghị" in draft.missing


# --- document metadata --------------------------------------------------------------------


def test_header_data_comes_from_the_plan(progress: LoadedPlan) -> None:
    report = report_of(progress)
    assert report.parent == "Ủy ban nhân dân tỉnh Quảng Ngãi"
    assert report.date_line == date_line("Thử Nghiệm", ISSUED)
    assert report.subject.endswith(Q1.label)
    assert report.recipients == ("Sở Nội vụ tỉnh Quảng Ngãi;", "Lưu: VT.")
    assert report.signature.name == "Nguyễn Văn An"
    assert report.signature.authority == DEFAULT_AUTHORITY
    assert "15/12/2023" in report.window_text and "14/03/2024" in report.window_text


def test_signer_overrides_and_deputy(progress: LoadedPlan) -> None:
    report = report_of(progress, signer="Lê Văn Cường", signer_title="Phó Chủ tịch")
    assert (report.signature.name, report.signature.title) == ("Lê Văn Cường", "Phó Chủ tịch")
    assert report.signature.authority == DEPUTY_AUTHORITY


def test_plan_report_block_sets_signer_and_recipients(
    write_plan: Callable[..., Path],
) -> None:
    text = MINIMAL_PLAN.replace(
        "  agency: {name: Ủy ban nhân dân xã Thử, place: Thử}\n",
        "  agency: {name: Ủy ban nhân dân xã Thử, place: Thử}\n"
        "  report:\n"
        "    signer: Phạm Thị Dung\n"
        "    signer_title: Phó Chủ tịch\n"
        "    authority: KT. CHỦ TỊCH\n"
        "    recipients: [Sở Nội vụ tỉnh, Đảng ủy xã, 'Lưu: VT, VP']\n",
    )
    report = report_of(load_plan(write_plan(text)))
    assert report.signature.name == "Phạm Thị Dung"
    assert report.signature.authority == "KT. CHỦ TỊCH"
    assert report.recipients == ("Sở Nội vụ tỉnh;", "Đảng ủy xã;", "Lưu: VT, VP.")


def test_plan_without_decision_or_recipient(write_plan: Callable[..., Path]) -> None:
    report = report_of(load_plan(write_plan()))
    assert report.signature.name == ""
    assert report.signature.title == "Chủ tịch"
    assert report.recipients == (FILED_COPY,)
    assert report.decision_number is None and report.parent is None


@pytest.mark.parametrize(
    ("given", "shown"),
    [(None, "        /BC-UBND"), ("15", "15/BC-UBND"), ("15/BC-UBND", "15/BC-UBND")],
)
def test_number_line(given: str | None, shown: str) -> None:
    assert number_text(given) == shown


@pytest.mark.parametrize(
    ("plan", "key", "name"),
    [
        ("tinh-minh-2024", "2024-Q1", "bao-cao-tinh-minh-2024-Q1.docx"),
        ("tinh-minh-2024", "2024", "bao-cao-tinh-minh-2024.docx"),
        ("tinh-minh", "2024-H1", "bao-cao-tinh-minh-2024-H1.docx"),
        ("ke-hoach-2023", "2024-9M", "bao-cao-ke-hoach-2023-2024-9M.docx"),
    ],
)
def test_output_name(plan: str, key: str, name: str) -> None:
    assert output_name(plan, parse_period(key), "docx") == name


def test_punctuate_recipients() -> None:
    assert punctuate(["A;", " B ", "Lưu: VT."]) == ("A;", "B;", "Lưu: VT.")
    assert punctuate([]) == ()
