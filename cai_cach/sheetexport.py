"""A plan as a workbook the clerk reviews and edits in a spreadsheet program (``sheet export``).

Three visible sheets: "Thông tin chung" (the plan, agency, issuing document, window, and the
text that fitted nowhere), "Nhiệm vụ" (one row per section, task, milestone, recurring duty
and reporting duty, with the columns of offices' appendix tables) and "Công chức" (the
parties that lead and support, offered as a drop-down in the lead and support columns).
Every review mark is shown in the "Cần xem lại" column of its row, and as a cell comment on
the field it is about. A row's YAML path is in a hidden last column (it moves with the row
when the clerk sorts or inserts rows); a hidden sheet keeps the plan's revision (SHA-256 of
the file's bytes), its file, and every editable cell with its YAML path and the value it was
exported with, so that ``sheetapply`` applies only what the clerk changed.

Text is always stored as text: a value starting like a formula (``spreadsheet.FORMULA_STARTS``:
``=``, ``+``, ``-``, ``@`` …) is never written as one, and carries the quote prefix
(``text_cell``). openpyxl is imported inside the functions that need it.
"""

from __future__ import annotations

import functools
import hashlib
import io
import json
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from cai_cach.draftmarks import DraftMark, marks_in, owners
from cai_cach.models import Plan
from cai_cach.periods import CADENCE_LABEL, format_day
from cai_cach.spreadsheet import FORMULA_STARTS  # the one rule of what reads as a formula
from cai_cach.text import nfc
from cai_cach.yamlsource import PathKey

if TYPE_CHECKING:
    from openpyxl.cell import Cell as OpenpyxlCell
    from openpyxl.styles import Alignment
    from openpyxl.worksheet.worksheet import Worksheet

GENERAL = "Thông tin chung"
TASKS = "Nhiệm vụ"
OFFICIALS = "Công chức"
STATE = "caicach"
SHEET_FORMAT = "1"
REVIEW_HEADER = "Cần xem lại"
SEEN_HEADER = "Đã xem"
PATH_HEADER = "Đường dẫn (không sửa)"
UNPLACED_ROW = "#chưa xếp"  # the path of a row showing a '# chưa xếp' mark: (UNPLACED_ROW, line)
MARKS_KEY = "#marks"  # the key under a row's path of its "Cần xem lại" cell
ROW_KEY = "#row"  # the key under a row's path recording that the row was exported
DATE_FORMAT = "DD/MM/YYYY"
DROPDOWN_ROWS = 500  # rows below the last one where a new row still gets the drop-down

# Row kinds of the task sheet, as the clerk reads and types them.
KIND_SECTION = "Mục"
KIND_TASK = "Nhiệm vụ"
KIND_MILESTONE = "Mốc"
KIND_RECURRING = "Định kỳ"
KIND_REPORTING = "Báo cáo"

Value = str | int | date | None


@dataclass(frozen=True)
class Column:
    header: str
    key: str | None  # the YAML key the column edits on rows of the kinds below
    kinds: tuple[str, ...] = ()
    kind: str = "text"  # text, ids, deadline, cadence, day, date, int, lines, readonly
    required: bool = False
    width: int = 14


TASK_COLUMNS = (
    Column("Mục", None, width=6),
    Column("Loại", None, width=10),
    Column("Mã", "id", (KIND_TASK, KIND_REPORTING), required=True, width=8),
    Column(
        "Nội dung",
        "title",
        (KIND_SECTION, KIND_TASK, KIND_REPORTING, KIND_MILESTONE, KIND_RECURRING),
        required=True,
        width=60,
    ),
    Column("Chủ trì", "lead", (KIND_TASK, KIND_REPORTING), "ids", width=28),
    Column("Phối hợp", "support", (KIND_TASK, KIND_REPORTING), "ids", width=28),
    Column("Sản phẩm", "products", (KIND_TASK, KIND_REPORTING), width=36),
    Column("Thời gian", "timeline", (KIND_TASK, KIND_REPORTING), required=True, width=36),
    Column("Hạn", "due", (KIND_MILESTONE,), "deadline", required=True, width=16),
    Column("Chu kỳ", "every", (KIND_RECURRING,), "cadence", required=True, width=10),
    Column("Ngày hạn trong kỳ", "due_day", (KIND_RECURRING,), "day", width=10),
    Column("Đã xong", "done", (KIND_MILESTONE,), "date", width=14),
    Column("Nơi nhận", "recipient", (KIND_REPORTING,), width=24),
)
OFFICIAL_COLUMNS = (
    Column("Mã", None, width=18),
    Column("Chức danh, đơn vị", "title", ("official",), required=True, width=44),
    Column("Họ tên", "name", ("official",), width=24),
)
# the YAML key of a milestone's / recurring duty's text is "what", not "title"
ITEM_TEXT_KEY = {KIND_MILESTONE: "what", KIND_RECURRING: "what"}


@dataclass(frozen=True)
class GeneralField:
    label: str
    path: PathKey
    kind: str = "text"
    required: bool = False


@dataclass
class Row:
    """One row of a sheet: its YAML path (``()`` for a new row), kind, cells by header, and
    the marks shown in it."""

    path: PathKey
    kind: str
    cells: dict[str, Value]
    marks: list[DraftMark] = field(default_factory=list)
    pinned: dict[str, list[DraftMark]] = field(default_factory=dict)  # header → marks


def revision(raw: bytes) -> str:
    """The revision a sheet is exported from: the SHA-256 of the plan file's bytes."""
    return hashlib.sha256(raw).hexdigest()


def path_text(path: PathKey) -> str:
    return json.dumps(list(path), ensure_ascii=False)


def path_from_text(text: str) -> PathKey | None:
    """A row's path as stored by ``path_text``; ``None`` if it is not one."""
    try:
        value = json.loads(text)
    except ValueError:
        return None
    if not isinstance(value, list) or not all(isinstance(p, str | int) for p in value):
        return None
    return tuple(value)


def canonical(value: Any) -> str:
    """A cell's value as compared between export and apply: dates as ISO, whole numbers
    without decimals, text in NFC with Windows line ends made plain and the ends trimmed."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "x" if value else ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, int | float):
        return str(value)
    return nfc(str(value)).replace("\r\n", "\n").replace("\r", "\n").strip()


# --- the plan as rows ----------------------------------------------------------------------


def general_fields(plan: Plan) -> list[GeneralField]:
    """The rows of "Thông tin chung" for this plan (its issuing documents as it has them)."""
    fields = [
        GeneralField("Tên kế hoạch", ("plan", "title"), required=True),
        GeneralField("Năm kế hoạch", ("plan", "year"), "int", required=True),
        GeneralField("Cơ quan ban hành", ("plan", "agency", "name"), required=True),
        GeneralField("Cơ quan cấp trên", ("plan", "agency", "parent")),
        GeneralField("Địa danh", ("plan", "agency", "place"), required=True),
    ]
    for key, what in (("decision", "Quyết định"), ("document", "Kế hoạch")):
        if getattr(plan.plan, key) is None:
            continue
        base = ("plan", key)
        fields += [
            GeneralField(f"{what}: số", (*base, "number"), required=True),
            GeneralField(f"{what}: ngày ký", (*base, "date"), "date", required=True),
            GeneralField(f"{what}: người ký", (*base, "signer"), required=True),
            GeneralField(f"{what}: chức vụ người ký", (*base, "signer_title"), required=True),
            GeneralField(f"{what}: thẩm quyền (TM., KT.)", (*base, "authority")),
            GeneralField(f"{what}: nơi nhận (mỗi dòng một nơi)", (*base, "recipients"), "lines"),
        ]
    fields.append(GeneralField("Ngày bắt đầu thực hiện", ("plan", "start"), "date"))
    if "end" in type(plan.plan).model_fields:
        fields.append(GeneralField("Ngày kết thúc", ("plan", "end"), "date"))
    return fields


def value_at(plain: Any, path: PathKey) -> Any:
    """The value at ``path`` in the plan's plain data (``None`` where absent)."""
    node = plain
    for part in path:
        if isinstance(part, int):
            node = node[part] if isinstance(node, list) and part < len(node) else None
        else:
            node = node.get(part) if isinstance(node, dict) else None
        if node is None:
            return None
    return node


def general_rows(plan: Plan, plain: dict[str, Any]) -> list[Row]:
    rows = []
    for spec in general_fields(plan):
        value = value_at(plain, spec.path)
        if spec.kind == "lines":
            value = "\n".join(value or []) or None
        rows.append(Row(spec.path, spec.label, {"Giá trị": _cell_value(value, spec.kind)}))
    return rows


def task_rows(plan: Plan, plain: dict[str, Any]) -> list[Row]:
    """Rows of the task sheet: each section, then its tasks, each followed by its milestones
    and recurring duties; then the reporting duties."""
    titles = {oid: official.title for oid, official in plan.officials.items()}
    rows: list[Row] = []
    for s_index, section in enumerate(plain["sections"]):
        path: PathKey = ("sections", s_index)
        cells: dict[str, Value] = {
            "Mục": section["id"],
            "Loại": KIND_SECTION,
            "Nội dung": section["title"],
        }
        rows.append(Row(path, KIND_SECTION, cells))
        for t_index, task in enumerate(section["tasks"]):
            rows += _task_and_items(
                (*path, "tasks", t_index), KIND_TASK, section["id"], task, titles
            )
    for r_index, duty in enumerate(plain["reporting"]):
        rows += _task_and_items(("reporting", r_index), KIND_REPORTING, "", duty, titles)
    return rows


def _task_and_items(
    path: PathKey, kind: str, section: str, task: dict[str, Any], titles: dict[str, str]
) -> list[Row]:
    cells: dict[str, Value] = {
        "Mục": section,
        "Loại": kind,
        "Mã": task["id"],
        "Nội dung": task["title"],
        "Chủ trì": "; ".join(titles.get(oid, oid) for oid in task["lead"]) or None,
        "Phối hợp": "; ".join(titles.get(oid, oid) for oid in task["support"]) or None,
        "Sản phẩm": task.get("products"),
        "Thời gian": task["timeline"],
        "Nơi nhận": task.get("recipient"),
    }
    rows = [Row(path, kind, cells)]
    for index, milestone in enumerate(task["milestones"]):
        due = milestone["due"]
        rows.append(
            Row(
                (*path, "milestones", index),
                KIND_MILESTONE,
                {
                    "Mục": section,
                    "Loại": KIND_MILESTONE,
                    "Mã": task["id"],
                    "Nội dung": milestone["what"],
                    "Hạn": due if isinstance(due, str) else str(due),
                    "Đã xong": _day(milestone.get("done")),
                },
            )
        )
    for index, recurrence in enumerate(task["recurring"]):
        rows.append(
            Row(
                (*path, "recurring", index),
                KIND_RECURRING,
                {
                    "Mục": section,
                    "Loại": KIND_RECURRING,
                    "Mã": task["id"],
                    "Nội dung": recurrence["what"],
                    "Chu kỳ": CADENCE_LABEL.get(recurrence["every"], str(recurrence["every"])),
                    "Ngày hạn trong kỳ": recurrence.get("due_day"),
                    "Đã xong": _periods_done(recurrence.get("done") or {}),
                },
            )
        )
    return rows


def _periods_done(done: dict[str, Any]) -> str | None:
    """The recorded periods of a recurring duty, to read (recorded with ``caicach done``)."""
    if not done:
        return None
    return "; ".join(f"{key}: {format_day(_day(day) or date.min)}" for key, day in done.items())


def official_rows(plan: Plan) -> list[Row]:
    return [
        Row(
            ("officials", oid),
            "official",
            {"Mã": oid, "Chức danh, đơn vị": official.title, "Họ tên": official.name},
        )
        for oid, official in plan.officials.items()
    ]


def _day(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    if isinstance(value, str) and value:
        return date.fromisoformat(value)
    return None


def _cell_value(value: Any, kind: str) -> Value:
    if value is None:
        return None
    if kind == "date":
        return _day(value)
    if kind == "int":
        return int(value)
    return str(value)


# --- placing the marks ---------------------------------------------------------------------


def place_marks(text: str, general: list[Row], tasks: list[Row], officials: list[Row]) -> list[Row]:
    """Put every mark of the plan's text in the row it is about; the text that fitted nowhere
    (``# chưa xếp``) becomes rows of its own, returned for the general sheet."""
    marks = marks_in(text)
    unplaced: list[Row] = []
    for mark, owner in zip(marks, owners(text, marks), strict=True):
        if not mark.is_review:
            row = Row((UNPLACED_ROW, mark.line), "unplaced", {"Giá trị": mark.text})
            row.marks.append(mark)
            unplaced.append(row)
            continue
        row, header = _row_for(owner, general, tasks, officials)
        row.marks.append(mark)
        if header is not None:
            row.pinned.setdefault(header, []).append(mark)
    return unplaced


def _row_for(
    owner: PathKey, general: list[Row], tasks: list[Row], officials: list[Row]
) -> tuple[Row, str | None]:
    """The row a mark about ``owner`` is shown in, and the column of the field it pins."""
    if owner[:1] == ("officials",) and len(owner) >= 2:
        for row in officials:
            if row.path == owner[:2]:
                header = _header_of(OFFICIAL_COLUMNS, owner[2:3], "official")
                return row, header
    if owner[:1] in (("sections",), ("reporting",)):
        best = max(
            (row for row in tasks if owner[: len(row.path)] == row.path),
            key=lambda row: len(row.path),
            default=None,
        )
        if best is not None:
            return best, _header_of(
                TASK_COLUMNS, owner[len(best.path) : len(best.path) + 1], best.kind
            )
    for row in general:
        if owner[: len(row.path)] == row.path:
            return row, "Giá trị"
    for row in general:
        if row.path[: len(owner)] == owner:
            return row, None
    return general[0], None


def _header_of(columns: tuple[Column, ...], rest: PathKey, kind: str) -> str | None:
    """The column of a row of ``kind`` that edits the key ``rest[0]`` (``None``: the row)."""
    if not rest:
        return None
    key = "title" if rest[0] == ITEM_TEXT_KEY.get(kind) else rest[0]
    for column in columns:
        if kind in column.kinds and column.key == key:
            return column.header
    return None


def mark_lines(marks: list[DraftMark]) -> str | None:
    if not marks:
        return None
    return "\n".join(f"dòng {mark.line}: {mark.text}" for mark in marks)


# --- the workbook --------------------------------------------------------------------------


def text_cell(cell: OpenpyxlCell, value: Value) -> None:
    """Put ``value`` in ``cell``; text is stored as text even when it starts like a formula
    (``=``, ``+``, ``-``, ``@``), shown with Excel's text prefix; dates as dates."""
    cell.value = value
    cell.alignment = _wrapped()
    if isinstance(value, str):
        cell.data_type = "s"
        if value.startswith(FORMULA_STARTS):
            cell.quotePrefix = True
    elif isinstance(value, date):
        cell.number_format = DATE_FORMAT


@functools.cache
def _wrapped() -> Alignment:
    """Every cell's alignment: one object for all of them (openpyxl keeps one copy of each
    distinct style per workbook, and finds an object it has seen by identity before comparing
    it field by field)."""
    from openpyxl.styles import Alignment

    return Alignment(wrap_text=True, vertical="top")


def export_workbook(plan: Plan, raw: bytes, display: str) -> bytes:
    """The .xlsx bytes of the review sheet of ``plan``, read from ``raw`` (file ``display``)."""
    from openpyxl import Workbook

    text = nfc(raw.removeprefix(b"\xef\xbb\xbf").decode("utf-8"))
    plain = plan.model_dump(mode="json")
    general = general_rows(plan, plain)
    tasks = task_rows(plan, plain)
    officials = official_rows(plan)
    unplaced = place_marks(text, general, tasks, officials)
    book = Workbook()
    book.remove(book.active)
    originals: list[tuple[str, str, str, str]] = []
    _write_sheet(
        book.create_sheet(GENERAL),
        ("Trường", "Giá trị"),
        [_general_display(row) for row in general + unplaced],
        general + unplaced,
        originals,
        {"Giá trị": "general"},
    )
    _write_sheet(
        book.create_sheet(TASKS),
        tuple(column.header for column in TASK_COLUMNS),
        [row.cells for row in tasks],
        tasks,
        originals,
        {column.header: column.key or "" for column in TASK_COLUMNS if column.key},
    )
    _write_sheet(
        book.create_sheet(OFFICIALS),
        tuple(column.header for column in OFFICIAL_COLUMNS),
        [row.cells for row in officials],
        officials,
        originals,
        {column.header: column.key or "" for column in OFFICIAL_COLUMNS if column.key},
    )
    _add_dropdowns(book[TASKS], len(officials))
    _write_state(book.create_sheet(STATE), revision(raw), display, originals)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _general_display(row: Row) -> dict[str, Value]:
    if row.kind == "unplaced":
        return {"Trường": f"Đoạn chưa xếp (dòng {row.marks[0].line})", **row.cells}
    return {"Trường": row.kind, **row.cells}


def _write_sheet(
    page: Worksheet,
    headers: tuple[str, ...],
    values: list[dict[str, Value]],
    rows: list[Row],
    originals: list[tuple[str, str, str, str]],
    edited: dict[str, str],
) -> None:
    """Headers, then one line per row: its cells, its marks, an empty "Đã xem", its path
    (hidden column); every editable cell's original value goes to ``originals``."""
    from openpyxl.comments import Comment
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    all_headers = (*headers, REVIEW_HEADER, SEEN_HEADER, PATH_HEADER)
    for column, header in enumerate(all_headers, start=1):
        cell = page.cell(row=1, column=column)
        text_cell(cell, header)
        cell.font = Font(bold=True)
    flagged = PatternFill("solid", fgColor="FFF2CC")
    for number, (shown, row) in enumerate(zip(values, rows, strict=True), start=2):
        for column, header in enumerate(headers, start=1):
            cell = page.cell(row=number, column=column)
            text_cell(cell, shown.get(header))
            if header in edited and row.path and row.kind != "unplaced":
                key = _edited_key(row, header, edited[header])
                originals.append(
                    (
                        page.title,
                        cell.coordinate,
                        path_text((*row.path, *key)),
                        canonical(shown.get(header)),
                    )
                )
            if header in row.pinned:
                cell.comment = Comment(mark_lines(row.pinned[header]) or "", "caicach")
                cell.fill = flagged
        if row.path:
            originals.append((page.title, f"A{number}", path_text((*row.path, ROW_KEY)), ""))
        review = page.cell(row=number, column=len(headers) + 1)
        text_cell(review, mark_lines(row.marks))
        if row.marks:
            review.fill = flagged
            originals.append(
                (
                    page.title,
                    review.coordinate,
                    path_text((*row.path, MARKS_KEY)),
                    canonical(review.value),
                )
            )
        text_cell(
            page.cell(row=number, column=len(headers) + 3),
            path_text(row.path) if row.path else None,
        )
    widths = {column.header: column.width for column in (*TASK_COLUMNS, *OFFICIAL_COLUMNS)}
    widths.update({"Trường": 32, "Giá trị": 70, REVIEW_HEADER: 40, SEEN_HEADER: 8})
    for column, header in enumerate(all_headers, start=1):
        page.column_dimensions[get_column_letter(column)].width = widths.get(header, 14)
    page.column_dimensions[get_column_letter(len(all_headers))].hidden = True
    page.freeze_panes = "A2"


def _edited_key(row: Row, header: str, key: str) -> PathKey:
    """The YAML key (under the row's path) a cell edits."""
    if key == "general":
        return ()
    if key == "title" and row.kind in ITEM_TEXT_KEY:
        return (ITEM_TEXT_KEY[row.kind],)
    return (key,)


def _add_dropdowns(page: Worksheet, officials: int) -> None:
    """The lead and support columns offer the parties of "Công chức" (several may be typed,
    separated by ';', so a value outside the list is allowed)."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    last = officials + 1 + DROPDOWN_ROWS
    validation = DataValidation(
        type="list",
        formula1=f"'{OFFICIALS}'!$B$2:$B${last}",
        allow_blank=True,
        showErrorMessage=False,
        showInputMessage=True,
        promptTitle="Chủ trì / phối hợp",
        prompt="Chọn trong danh sách; nhiều bên thì ngăn bằng dấu ;",
    )
    headers = [column.header for column in TASK_COLUMNS]
    for header in ("Chủ trì", "Phối hợp"):
        letter = get_column_letter(headers.index(header) + 1)
        validation.add(f"{letter}2:{letter}{page.max_row + DROPDOWN_ROWS}")
    page.add_data_validation(validation)


def _write_state(
    page: Worksheet, plan_revision: str, display: str, originals: list[tuple[str, str, str, str]]
) -> None:
    """The hidden sheet: revision, file, format, then every editable cell with its YAML path
    and exported value."""
    rows: list[tuple[str, ...]] = [
        ("Bản kế hoạch (sha256)", plan_revision),
        ("Tệp kế hoạch", display),
        ("Định dạng", SHEET_FORMAT),
        (),
        ("Trang", "Ô", "Đường dẫn YAML", "Giá trị lúc xuất"),
        *originals,
    ]
    for number, values in enumerate(rows, start=1):
        for column, value in enumerate(values, start=1):
            text_cell(page.cell(row=number, column=column), value)
    page.sheet_state = "hidden"
