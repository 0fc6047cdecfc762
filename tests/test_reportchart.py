"""The report's figure: one bar per area on the report's widest basis, the same counts as the
area table; drawn into the Word report and written beside a Markdown report."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from docx import Document

from cai_cach.loading import load_plan
from cai_cach.periods import parse_period
from cai_cach.report import ReportOptions, build_report
from cai_cach.reportchart import caption, chart_png, report_bars
from tests.helpers import REALISTIC_SIGNED, invoke, realistic_year


@pytest.fixture
def year(tmp_path: Path) -> Path:
    return realistic_year(tmp_path)


def test_bars_are_the_area_table_on_the_widest_basis(year: Path) -> None:
    loaded = load_plan(year)
    report = build_report(
        loaded, parse_period("2024-H1"), ReportOptions(issued=REALISTIC_SIGNED["2024-H1"])
    )
    bars = report_bars(report)
    rows = [row for row in report.figures.areas if row.shares[-1].total]
    assert [bar.label for bar in bars] == [f"{row.id}. {row.title}" for row in rows]
    for bar, row in zip(bars, rows, strict=True):
        share = row.shares[-1]
        assert (bar.on_time, bar.late, bar.not_due, bar.overdue) == (
            share.done_on_time,
            share.done_late,
            share.in_time,
            share.overdue,
        )
    assert sum(bar.total for bar in bars) == sum(row.shares[-1].total for row in rows) > 0
    assert caption(report).endswith("(lũy kế từ đầu năm)")
    png = chart_png(report)
    assert png is not None and png[:4] == b"\x89PNG"


def test_word_report_holds_the_figure_and_markdown_links_it(
    year: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    signed = REALISTIC_SIGNED["2024-Q1"].isoformat()
    word = tmp_path / "bc.docx"
    result = invoke("report", "--period", "2024-Q1", "--signed", signed, "-o", word, year)
    assert result.exit_code == 0, result.output
    document = Document(io.BytesIO(word.read_bytes()))
    assert len(document.inline_shapes) == 1
    texts = [p.text for p in document.paragraphs]
    assert any(t.startswith("Hình 1. Tình hình thực hiện") for t in texts)
    markdown = tmp_path / "bc.md"
    result = invoke("report", "--period", "2024-Q1", "--signed", signed, "-o", markdown, year)
    assert result.exit_code == 0, result.output
    picture = tmp_path / "bc-hinh-1.png"
    assert picture.read_bytes()[:4] == b"\x89PNG"
    assert "](bc-hinh-1.png)" in markdown.read_text(encoding="utf-8")
    again = invoke("report", "--period", "2024-Q1", "--signed", signed, "-o", markdown, year)
    assert again.exit_code == 2  # neither the report nor its picture is overwritten unasked
    stdout = invoke("report", "--period", "2024-Q1", "--signed", signed, "-o", "-", year)
    assert "hinh-1.png" not in stdout.stdout  # no file beside standard output


def test_no_dated_work_no_figure(tmp_path: Path) -> None:
    from tests.helpers import MINIMAL_PLAN

    path = tmp_path / "p.yaml"
    path.write_text(
        MINIMAL_PLAN.split("      - id: 1.a")[0]
        + """      - id: 1.a
        title: Việc thường xuyên
        lead: [vp-tk]
        timeline: Thường xuyên.
        ongoing: true
""",
        encoding="utf-8",
    )
    report = build_report(
        load_plan(path), parse_period("2024-Q1"), ReportOptions(issued=date(2024, 3, 20))
    )
    assert chart_png(report) is None
