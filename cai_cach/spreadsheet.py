"""Spreadsheets (.xlsx, openpyxl) for the province's roll-up: one sheet per view, Vietnamese
headers in bold on a frozen first row, fitting column widths, dates stored as dates, and text
always stored as text (a title beginning with '=' is never a formula).

openpyxl is imported inside ``workbook_bytes``: only the commands writing .xlsx load it.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from cai_cach.report import STATUS_LABEL, Item, Report, Share

if TYPE_CHECKING:
    from cai_cach.rollup import Rollup

Cell = str | int | float | date | None
DATE_FORMAT = "DD/MM/YYYY"
MAX_WIDTH = 60


@dataclass(frozen=True)
class Sheet:
    title: str  # at most 31 characters (Excel's limit)
    headers: tuple[str, ...]
    rows: Sequence[Sequence[Cell]]


def _width(values: Sequence[Cell]) -> float:
    longest = max((len(str(v)) if not isinstance(v, date) else 10 for v in values), default=8)
    return min(max(longest, 6) + 2, MAX_WIDTH)


# What a spreadsheet program reads as the start of a formula (or of a DDE payload) when the
# cell is typed or edited: OWASP's "CSV/formula injection".
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _as_text(cell: Any) -> None:
    """Store a text cell as text, never as a formula: a plan's task title or agency name
    ``=HYPERLINK(…)`` stays those characters. Text that a spreadsheet would read as a formula
    gets the string type and the quote prefix (Excel's leading ', kept when the cell is edited)."""
    if cell.value.startswith(FORMULA_STARTS):
        cell.data_type = "s"
        cell.quotePrefix = True


def workbook_bytes(sheets: Sequence[Sheet]) -> bytes:
    """The .xlsx file content of ``sheets``."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    book.remove(book.active)
    for sheet in sheets:
        page = book.create_sheet(sheet.title[:31])
        page.append(list(sheet.headers))
        for cell in page[1]:
            if isinstance(cell.value, str):
                _as_text(cell)
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for row in sheet.rows:
            page.append(list(row))
            for cell in page[page.max_row]:
                if isinstance(cell.value, str):
                    _as_text(cell)
        for column, header in enumerate(sheet.headers, start=1):
            values = [header, *(row[column - 1] for row in sheet.rows)]
            page.column_dimensions[get_column_letter(column)].width = _width(values)
            for (cell,) in page.iter_rows(min_row=2, min_col=column, max_col=column):
                if isinstance(cell.value, date):
                    cell.number_format = DATE_FORMAT
        page.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# --- the periodic report ---------------------------------------------------------------------

ITEM_HEADERS = (
    "Mã nhiệm vụ",
    "Nhiệm vụ",
    "Việc cần làm",
    "Chủ trì",
    "Thời hạn",
    "Hạn",
    "Hoàn thành ngày",
    "Tình trạng",
)


def _item_row(item: Item) -> tuple[Cell, ...]:
    status = STATUS_LABEL[item.status]
    if item.done_after_cutoff:
        status = "Hoàn thành sau ngày chốt số liệu"
    done = item.done or item.done_after_cutoff
    return (
        item.task_id,
        item.task_title,
        item.what,
        "; ".join(item.lead),
        item.deadline,
        item.due,
        done,
        status,
    )


def _share_rows(name: str, share: Share) -> list[tuple[Cell, ...]]:
    labels = (
        ("Hoàn thành đúng hạn", share.done_on_time),
        ("Hoàn thành trễ hạn", share.done_late),
        ("Chưa hoàn thành, còn trong hạn", share.in_time),
        ("Chưa hoàn thành, quá hạn", share.overdue),
    )
    rows: list[tuple[Cell, ...]] = [(name, "Tổng số", share.total, 100.0 if share.total else 0.0)]
    rows += [(name, label, count, share.percent(count)) for label, count in labels]
    return rows


def report_sheets(report: Report) -> list[Sheet]:
    """The views of a periodic report: figures, per-area counts, every item, overdue, next."""
    figures = [
        *_share_rows("Việc có thời hạn của kế hoạch (tính đến nay)", report.completion),
        *_share_rows("Báo cáo định kỳ của kế hoạch", report.reports_sent),
    ]
    areas = [
        (
            s.id,
            s.title,
            s.tally.tasks,
            s.tally.due,
            s.tally.done_on_time,
            s.tally.done_late,
            s.tally.overdue,
            s.tally.not_yet_due,
            s.tally.ongoing,
        )
        for s in report.sections
    ]
    items = [_item_row(item) for s in report.sections for t in s.tasks for item in t.items]
    return [
        Sheet("Số liệu", ("Chỉ tiêu", "Tình trạng", "Số lượng", "Tỷ lệ (%)"), figures),
        Sheet(
            "Theo lĩnh vực",
            (
                "Mục",
                "Lĩnh vực",
                "Số nhiệm vụ",
                "Việc có thời hạn",
                "Hoàn thành đúng hạn",
                "Hoàn thành trễ hạn",
                "Quá hạn",
                "Chưa đến hạn",
                "Thường xuyên",
            ),
            areas,
        ),
        Sheet("Nhiệm vụ", ITEM_HEADERS, items),
        Sheet(
            "Quá hạn",
            (*ITEM_HEADERS[:6], "Số ngày trễ"),
            [(*_item_row(item)[:6], item.days_overdue) for item in report.overdue],
        ),
        Sheet(
            "Hoàn thành sau chốt số liệu", ITEM_HEADERS, [_item_row(i) for i in report.after_cutoff]
        ),
        Sheet("Kỳ tới", ITEM_HEADERS[:6], [_item_row(item)[:6] for item in report.upcoming]),
    ]


def report_workbook(report: Report) -> bytes:
    return workbook_bytes(report_sheets(report))


# --- the roll-up by agency -------------------------------------------------------------------


def rollup_workbook(rollup: Rollup, soon_days: int | None = None) -> bytes:
    """One row per agency and a total row, as ``overdue --group-by agency`` shows them."""
    headers = [
        "Đơn vị",
        "Số kế hoạch",
        "Số nhiệm vụ",
        "Việc có thời hạn",
        "Đã hoàn thành",
        "Hoàn thành trễ hạn",
        "Quá hạn",
    ]
    if soon_days is not None:
        headers.append(f"Đến hạn trong {soon_days} ngày")
    rows: list[list[Cell]] = []
    for tally in [*rollup.groups, rollup.total]:
        row: list[Cell] = [
            tally.agency or "Tổng cộng",
            len(tally.plans),
            tally.tasks,
            tally.obligations,
            tally.done,
            tally.done_late,
            tally.overdue,
        ]
        if soon_days is not None:
            row.append(tally.due_soon)
        rows.append(row)
    title = f"Tổng hợp đến {rollup.as_of.strftime('%d-%m-%Y')}"
    return workbook_bytes([Sheet(title, tuple(headers), rows)])
