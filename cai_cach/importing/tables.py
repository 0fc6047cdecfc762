"""Task tables (an appendix "Phụ lục", or a table in the body) → rows of tasks and groups.

Columns are known by what their header says, in any order; a header may take two rows
("Đơn vị thực hiện" over "Chủ trì | Phối hợp"); a header repeated on a later page, the
"(1) (2) (3)" numbering row and empty rows are skipped; a row that names no one and no time
("I | CẢI CÁCH THỂ CHẾ") is a group: a reform area, or a group of tasks inside one. Merged
cells come from the reader already spread: a vertically merged cell's text on every row it
spans, a horizontally merged one in its first column only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from cai_cach.docreading import TableBlock, clean
from cai_cach.text import fold

FIELDS = ("lead", "support", "products", "timeline")

# checked in this order: "Thời gian thực hiện" is a time, "Đơn vị thực hiện" a lead
_COLUMN_WORDS: list[tuple[str, str]] = [
    ("stt", r"^(?:stt|tt|so tt|so thu tu|thu tu|so)$"),
    ("timeline", r"thoi gian|thoi han|tien do|moc hoan thanh|hoan thanh"),
    ("support", r"phoi hop"),
    ("lead", r"chu tri|don vi thuc hien|co quan thuc hien|chiu trach nhiem|don vi|co quan"),
    ("products", r"san pham|ket qua"),
    ("content", r"\b(?:noi dung|nhiem vu|cong viec|hoat dong|ten nhiem vu|giai phap)\b"),
    ("notes", r"ghi chu"),
]


@dataclass
class TableRow:
    """One row that matters: a group heading (``group``) or a task with its fields."""

    number: str
    content: str
    group: bool
    fields: dict[str, str] = field(default_factory=dict)
    depth: int = 0  # groups: 0 for a reform area, 1 for a group inside one


def _fold(text: str) -> str:
    return " ".join(fold(text).split()).strip(" .:")


def columns_of(header: list[str]) -> dict[str, int]:
    """Field name → column index, for the columns a header row names."""
    columns: dict[str, int] = {}
    for position, text in enumerate(header):
        folded = _fold(text)
        if not folded:
            continue
        for name, pattern in _COLUMN_WORDS:
            if name not in columns and re.search(pattern, folded):
                columns[name] = position
                break
    return columns


def _usable(columns: dict[str, int]) -> bool:
    return "content" in columns and any(name in columns for name in FIELDS)


def header_of(table: TableBlock) -> tuple[dict[str, int], int] | None:
    """The columns of a task table and the index of its first data row, or None."""
    rows = table.rows
    for start in range(min(4, len(rows))):
        columns = columns_of(rows[start])
        if start + 1 < len(rows):
            below = rows[start + 1]
            width = max(len(rows[start]), len(below))
            two = columns_of([_lower_only(rows[start], below, i) for i in range(width)])
            if _usable(two) and len(two) > len(columns):
                return two, start + 2
        if _usable(columns):
            return columns, start + 1
    return None


def _lower_only(top: list[str], below: list[str], index: int) -> str:
    """A two-row header's text for a column: the lower cell where it says something."""
    lower = below[index] if index < len(below) else ""
    return lower or (top[index] if index < len(top) else "")


def is_task_table(table: TableBlock) -> bool:
    return bool(table.rows) and header_of(table) is not None


_ROMAN = re.compile(r"^[IVXLC]+$")
_NUMBERING_ROW = re.compile(r"^\(?[0-9a-z]{1,2}\)?$")


def task_rows(table: TableBlock) -> list[TableRow]:
    """The groups and tasks of a task table, in order."""
    found = header_of(table)
    if found is None:
        return []
    columns, first = found
    headers = [[_fold(c) for c in row] for row in table.rows[:first]]
    rows: list[TableRow] = []
    for row in table.rows[first:]:
        cells = {name: clean(row[i]) if i < len(row) else "" for name, i in columns.items()}
        if [_fold(c) for c in row] in headers or not any(cells.values()):
            continue  # a header repeated on the next page, or an empty row
        if all(_NUMBERING_ROW.match(_fold(v)) for v in cells.values() if v):
            continue  # "(1) (2) (3) …" under the header
        number = cells.get("stt", "").strip().rstrip(".)")
        content = cells.get("content", "")
        if not content:  # a group row merged across: its text is in the first cells
            texts = [clean(c) for c in row if clean(c)]
            number, content = _split_number("", texts[0] if texts else "")
            if not number and texts and re.fullmatch(r"[IVX]+|[A-Z]|\d+(?:\.\d+)*", texts[0]):
                number, content = texts[0], " ".join(texts[1:2])
        elif not number:
            number, content = _split_number("", content)
        values = {name: cells[name] for name in FIELDS if cells.get(name)}
        if not number and not values and content[:1].islower() and rows and not rows[-1].group:
            rows[-1].content = f"{rows[-1].content} {content}"  # a row cut by a page break
            continue
        for name in ("lead", "support"):  # one name a line in a cell
            if name in values and name in columns and columns[name] < len(row):
                values[name] = "; ".join(_names(row[columns[name]]))
        rows.append(TableRow(number, content.rstrip(":"), group=not values, fields=values))
    _mark_groups(rows)
    return rows


def _names(cell: str) -> list[str]:
    """One name a line; a line ending in "-", "," or "và" was wrapped, not a new name."""
    names: list[str] = []
    for part in (clean(p) for p in cell.split("\n")):
        if not part:
            continue
        if names and re.search(r"(?:[-–,&]|\bvà)$", names[-1]):
            names[-1] = f"{names[-1]} {part}"
        else:
            names.append(part)
    return names


def _split_number(number: str, content: str) -> tuple[str, str]:
    match = re.match(r"^([IVX]+|[A-Z]|\d+(?:\.\d+)*|[a-zđ])[.)/]\s+(.+)$", content)
    if match and not number:
        return match[1], match[2]
    return number, content.strip()


def _mark_groups(rows: list[TableRow]) -> None:
    """A row without fields is a reform area (Roman or capital-letter number, or no number),
    a group inside one (a number the next rows continue: "1" before "1.1"), or else a task
    whose lead the table leaves empty."""
    area_seen = False
    for index, row in enumerate(rows):
        if not row.group:
            continue
        following = rows[index + 1] if index + 1 < len(rows) else None
        if _ROMAN.match(row.number) or re.fullmatch(r"[A-Z]", row.number):
            row.depth = 0
        elif not row.number:
            row.depth = 0 if row.content.upper() == row.content else 1
        elif following is not None and following.number.startswith(row.number + "."):
            row.depth = 1 if area_seen else 0
        else:
            row.group = False  # a task with no one named
        area_seen = area_seen or (row.group and row.depth == 0)
