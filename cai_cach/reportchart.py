"""The report's figure: the plan's areas in the four task states, on the report's basis — the
standing chart of the status page (``charts``), as a PNG for Word and beside a Markdown file."""

from __future__ import annotations

from cai_cach.charts import Bar, standing_chart
from cai_cach.report import Report

#: Width of the figure in the Word report (the text block of A4 with 30/15 mm margins: 165 mm).
WIDTH_MM = 160


def report_bars(report: Report) -> list[Bar]:
    """One bar per area of part II, on the report's widest basis (the year to date when the
    report shows two)."""
    bars = []
    for row in report.figures.areas:
        share = row.shares[-1]
        if share.total:
            bars.append(
                Bar(
                    f"{row.id}. {row.title}",
                    share.done_on_time,
                    share.done_late,
                    share.in_time,
                    share.overdue,
                )
            )
    return bars


def caption(report: Report) -> str:
    basis = report.figures.bases[-1].label
    return f"Hình 1. Tình hình thực hiện các việc có thời hạn theo lĩnh vực ({basis.lower()})"


def chart_png(report: Report) -> bytes | None:
    """The figure as PNG bytes, or None when no area has dated work."""
    bars = report_bars(report)
    if not bars:
        return None
    return standing_chart(bars, title="", fmt="png")
