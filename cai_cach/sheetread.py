"""A review spreadsheet read back (``sheet apply``): its rows, its hidden state, and each cell's
value checked and turned into what the plan file holds, with errors at ``Sheet!Cell``.

openpyxl is imported inside ``read_workbook``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from cai_cach.errors import OutputError, SheetProblem
from cai_cach.periods import DEADLINE_HINT, parse_cadence, parse_day, parse_deadline
from cai_cach.sheetexport import (
    GENERAL,
    OFFICIALS,
    PATH_HEADER,
    SEEN_HEADER,
    STATE,
    TASKS,
    canonical,
    path_from_text,
)
from cai_cach.yamlsource import PathKey

CADENCE_YAML = {"month": "tháng", "quarter": "quý", "half": "6 tháng", "year": "năm"}


@dataclass
class SheetRow:
    """One filled row of a visible sheet as the clerk left it."""

    sheet: str
    number: int
    path: PathKey | None  # None: a row the clerk added
    values: dict[str, Any]  # header → raw cell value
    cells: dict[str, str]  # header → coordinate
    formulas: set[str] = field(default_factory=set)  # headers whose cell holds a formula

    def cell(self, header: str) -> str:
        return self.cells.get(header, f"?{self.number}")

    def text(self, header: str) -> str:
        return canonical(self.values.get(header))

    @property
    def seen(self) -> bool:
        """Whether the clerk confirmed the row's marks ("Đã xem": x, có, ok …)."""
        return bool(self.text(SEEN_HEADER))


@dataclass
class Workbook:
    """What a review spreadsheet holds: its plan's revision and file, every exported cell's
    value (by YAML path text), and the rows of each visible sheet."""

    display: str
    revision: str
    plan_file: str
    originals: dict[str, str]  # path_text(YAML path) → value at export
    exported_cells: dict[str, tuple[str, str]]  # path_text → (sheet, cell) at export
    rows: dict[str, list[SheetRow]]
    problems: list[SheetProblem] = field(default_factory=list)


def read_workbook(path: Path) -> Workbook:
    """Read ``path`` (an .xlsx written by ``sheet export`` and edited by the clerk)."""
    import zipfile

    from openpyxl import load_workbook

    display = str(path)
    try:
        book = load_workbook(path, data_only=False)
    except (OSError, zipfile.BadZipFile, KeyError, ValueError) as err:
        raise OutputError(
            f"không đọc được bảng tính {display} ({type(err).__name__})",
            "mở tệp bằng Excel hoặc LibreOffice rồi lưu lại dạng .xlsx",
        ) from None
    missing = [name for name in (GENERAL, TASKS, OFFICIALS, STATE) if name not in book.sheetnames]
    if missing:
        raise OutputError(
            f"{display} không phải bảng tính do 'caicach sheet export' tạo "
            f"(thiếu trang {', '.join(missing)})",
            "xuất bảng tính: caicach sheet export KẾ_HOẠCH -o xem-lai.xlsx",
        )
    state = book[STATE]
    revision = canonical(state["B1"].value)
    plan_file = canonical(state["B2"].value)
    originals: dict[str, str] = {}
    exported: dict[str, tuple[str, str]] = {}
    for sheet, cell, yaml_path, value in state.iter_rows(min_row=6, max_col=4, values_only=True):
        if yaml_path is None:
            continue
        originals[str(yaml_path)] = canonical(value)
        exported[str(yaml_path)] = (str(sheet), str(cell))
    workbook = Workbook(display, revision, plan_file, originals, exported, {})
    for name in (GENERAL, TASKS, OFFICIALS):
        workbook.rows[name] = _rows(book[name], workbook.problems)
    return workbook


def _rows(page: Any, problems: list[SheetProblem]) -> list[SheetRow]:
    headers = [canonical(cell.value) for cell in page[1]]
    if PATH_HEADER not in headers:
        problems.append(SheetProblem(page.title, "1", f"thiếu cột '{PATH_HEADER}'"))
        return []
    rows = []
    for line in page.iter_rows(min_row=2):
        values: dict[str, Any] = {}
        cells: dict[str, str] = {}
        formulas = set()
        for header, cell in zip(headers, line, strict=False):
            if not header:
                continue
            cells[header] = cell.coordinate
            values[header] = cell.value
            if cell.data_type == "f":
                formulas.add(header)
        if all(canonical(value) == "" for value in values.values()):
            continue
        number = line[0].row
        path_value = canonical(values.pop(PATH_HEADER, None))
        path = path_from_text(path_value) if path_value else None
        if path_value and path is None:
            problems.append(
                SheetProblem(page.title, cells[PATH_HEADER], f"cột '{PATH_HEADER}' đã bị sửa")
            )
            continue
        rows.append(SheetRow(page.title, number, path, values, cells, formulas))
    return rows


# --- cell values -----------------------------------------------------------------------------


class CellError(ValueError):
    """A cell's value cannot be what its column holds (the message is the clerk's)."""


def text_value(value: Any, required: bool, header: str) -> str | None:
    text = canonical(value)
    if not text:
        if required:
            raise CellError(f"'{header}' không được để trống")
        return None
    return text


def day_value(value: Any, required: bool, header: str) -> str | None:
    """A calendar day (a date cell, or text such as 20/03/2024) as ISO text."""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    text = text_value(value, required, header)
    if text is None:
        return None
    try:
        return parse_day(text).isoformat()
    except ValueError:
        raise CellError(f"'{header}': '{text}' không phải ngày; gõ ngày dạng 20/03/2024") from None


def int_value(value: Any, required: bool, header: str, low: int, high: int) -> int | None:
    text = text_value(value, required, header)
    if text is None:
        return None
    try:
        number = int(float(text)) if isinstance(value, float) else int(text)
    except ValueError:
        raise CellError(f"'{header}': '{text}' không phải một số") from None
    if not low <= number <= high:
        raise CellError(f"'{header}': {number} phải từ {low} đến {high}")
    return number


def deadline_value(value: Any, year: int, header: str) -> str:
    """A deadline in the plan's words (kept as typed), checked as the loader will read it."""
    if isinstance(value, datetime | date):
        return (value.date() if isinstance(value, datetime) else value).isoformat()
    text = text_value(value, True, header)
    assert text is not None
    try:
        parse_deadline(text, year)
    except ValueError:
        raise CellError(f"'{header}': không hiểu thời hạn '{text}'; {DEADLINE_HINT}") from None
    return text


def cadence_value(value: Any, header: str) -> str:
    text = text_value(value, True, header)
    assert text is not None
    try:
        return CADENCE_YAML[parse_cadence(text)]
    except ValueError:
        raise CellError(
            f"'{header}': không hiểu chu kỳ '{text}'; dùng một trong: tháng, quý, 6 tháng, năm"
        ) from None


def lines_value(value: Any) -> list[str]:
    return [line.strip() for line in canonical(value).split("\n") if line.strip()]


def id_value(value: Any, header: str) -> str:
    text = text_value(value, True, header)
    assert text is not None
    if any(char.isspace() for char in text):
        raise CellError(f"'{header}': mã '{text}' không được có dấu cách")
    return text


def party_ids(value: Any, parties: dict[str, tuple[str, str | None]], header: str) -> list[str]:
    """The official ids named in a lead/support cell: titles (as the drop-down offers them),
    ids or names, separated by ';' or line breaks."""
    from cai_cach.matching import official_ids_among, search_text

    found: list[str] = []
    for part in canonical(value).replace("\n", ";").split(";"):
        name = part.strip()
        if not name:
            continue
        exact = [
            oid
            for oid, (title, person) in parties.items()
            if name == oid or search_text(name) in (search_text(title), search_text(person or ""))
        ]
        matches = exact or sorted(
            official_ids_among(((o, t, p) for o, (t, p) in parties.items()), name)
        )
        if len(matches) != 1:
            why = "không có ai" if not matches else f"có {len(matches)} bên"
            raise CellError(
                f"'{header}': '{name}' — {why} khớp trong trang '{OFFICIALS}'; chọn trong danh "
                f"sách (nhiều bên ngăn bằng dấu ;) hoặc thêm một dòng ở trang '{OFFICIALS}'"
            )
        if matches[0] not in found:
            found.append(matches[0])
    return found
