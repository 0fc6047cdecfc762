"""The plain data templates receive, and the sentences said once for every format."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from cai_cach.loading import load_plan
from cai_cach.periods import Period
from cai_cach.report import Report, ReportOptions, build_report
from cai_cach.reportcontext import (
    basis_text,
    headline,
    outlook_lines,
    quiet_text,
    report_context,
    reports_text,
    results,
    summary_line,
)
from cai_cach.reportfigures import Share
from tests.helpers import realistic_year


@pytest.fixture(scope="module")
def year(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return realistic_year(tmp_path_factory.mktemp("ctx"))


def build(path: Path, period: Period, signed: date) -> Report:
    return build_report(load_plan(path), period, ReportOptions(issued=signed))


def test_a_headline_says_its_basis_and_adds_up() -> None:
    text = headline("Trong kỳ", Share(done_on_time=9, done_late=1, in_time=4, overdue=2))
    assert text == (
        "Trong kỳ: 10/16 việc có thời hạn đã hoàn thành (62,5%), trong đó đúng hạn 9 (56,3%), "
        "trễ hạn 1 (6,2%); chưa hoàn thành 6 (37,5%), trong đó còn trong hạn 4 (25,0%), quá hạn "
        "2 (12,5%)."
    )


def test_the_basis_and_the_summary_line_follow_the_period(year: Path) -> None:
    q3 = build(year, Period(2024, "quarter", 3), date(2024, 10, 2))
    assert basis_text(q3).startswith("Số liệu ghi theo hai cột: «Trong kỳ»")
    assert summary_line(q3).startswith("trong kỳ: 12 việc có thời hạn")
    assert "; lũy kế từ đầu năm: 29 việc có thời hạn" in summary_line(q3)
    q1 = build(year, Period(2024, "quarter", 1), date(2024, 3, 18))
    assert basis_text(q1).startswith("Số liệu tính lũy kế từ đầu năm")
    assert "trong kỳ" not in summary_line(q1)


def test_results_say_what_was_recorded(year: Path) -> None:
    q1 = build(year, Period(2024, "quarter", 1), date(2024, 3, 18))
    tasks = {task.id: task for section in q1.sections for task in section.tasks}
    assert results(tasks["1.c"], 2024) == [
        "Ban hành kế hoạch: hoàn thành ngày 20/02/2024 — Kế hoạch số 15/KH-UBND ngày 20/02/2024"
    ]
    (monthly, quarterly) = results(tasks["1.d"], 2024)[1:]
    assert monthly == (
        "Báo cáo kết quả thực hiện hàng tháng: tháng 1 hoàn thành ngày 30/01/2024; tháng 2 chưa "
        "thực hiện, quá hạn"
    )
    assert quarterly == "Báo cáo kết quả thực hiện hàng quý: quý I chưa đến hạn"
    assert results(tasks["4.a"], 2024) == [
        "Ban hành kế hoạch đào tạo, bồi dưỡng: hoàn thành ngày 15/03/2024, sau ngày chốt số liệu"
    ]


def test_quiet_tasks_and_the_reports_in_one_sentence(year: Path) -> None:
    assert quiet_text(("3.a",)).startswith("Nhiệm vụ 3.a (")
    assert quiet_text(("3.a", "3.b")).startswith("Các nhiệm vụ 3.a, 3.b (")
    assert quiet_text(()) == ""
    q3 = build(year, Period(2024, "quarter", 3), date(2024, 10, 2))
    assert reports_text(q3) == (
        "Báo cáo định kỳ năm 2024: báo cáo quý (quý I): gửi ngày 18/03/2024, đúng hạn; báo cáo "
        "6 tháng (6 tháng đầu): gửi ngày 18/06/2024, đúng hạn; báo cáo quý (quý III): báo cáo này."
    )


def test_part_iv_lines(year: Path) -> None:
    q1 = build(year, Period(2024, "quarter", 1), date(2024, 3, 18))
    lines = outlook_lines(q1)
    assert lines[0].startswith("Khẩn trương hoàn thành: Báo cáo kết quả thực hiện hàng tháng")
    assert any("(4 kỳ: tháng 3, tháng 4, tháng 5, tháng 6; 2.d;" in line for line in lines)
    full_year = build(year, Period(2024, "year"), date(2024, 12, 16))
    assert outlook_lines(full_year)[-1] == (
        "Triển khai nhiệm vụ cải cách hành chính năm 2025 theo Kế hoạch cải cách hành chính năm "
        "2025 của Ủy ban nhân dân xã Tịnh Minh."
    )


def test_the_context_is_json(year: Path) -> None:
    q3 = build(year, Period(2024, "quarter", 3), date(2024, 10, 2))
    context = report_context(q3)
    assert json.loads(json.dumps(context, ensure_ascii=False)) == context
    assert context["report"]["draft"] and context["report"]["deadline_text"] == ""
    assert [row["id"] for row in context["figures"]["areas"]] == [str(n) for n in range(1, 9)]
