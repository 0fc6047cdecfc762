"""What a review spreadsheet asks to change in its plan: field edits, new entries, removals and
review marks to drop, each checked against its cell (errors at ``Sheet!Cell``, in Vietnamese).

Pure: ``plan_changes`` reads the rows ``sheetread`` found and the plan's current text and
returns a ``Changes``; ``sheetapply`` turns it into text edits.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from cai_cach.draftmarks import DraftMark
from cai_cach.errors import SheetError, SheetProblem
from cai_cach.models import Plan
from cai_cach.sheetexport import (
    GENERAL,
    KIND_MILESTONE,
    KIND_RECURRING,
    KIND_REPORTING,
    KIND_SECTION,
    KIND_TASK,
    MARKS_KEY,
    OFFICIAL_COLUMNS,
    OFFICIALS,
    REVIEW_HEADER,
    ROW_KEY,
    TASK_COLUMNS,
    TASKS,
    UNPLACED_ROW,
    Column,
    Row,
    general_fields,
    general_rows,
    official_rows,
    path_from_text,
    path_text,
    place_marks,
    task_rows,
)
from cai_cach.sheetread import (
    CellError,
    SheetRow,
    Workbook,
    cadence_value,
    day_value,
    deadline_value,
    id_value,
    int_value,
    lines_value,
    party_ids,
    text_value,
)
from cai_cach.yamlsource import PathKey, dotted

FieldValue = str | int | list[str] | None
KINDS = (KIND_TASK, KIND_MILESTONE, KIND_RECURRING, KIND_REPORTING)
ITEM_KINDS = (KIND_MILESTONE, KIND_RECURRING)


@dataclass(frozen=True)
class FieldEdit:
    """Set (or, with ``None``, remove) the key ``key`` of the mapping at ``mapping``."""

    mapping: PathKey
    key: str
    value: FieldValue
    kind: str = "text"  # "lines": a block list of texts; "ids": a flow list of ids


@dataclass(frozen=True)
class NewItem:
    """A new item (its YAML lines, without the dash) at the end of ``parent``'s ``key``."""

    parent: PathKey
    key: str
    lines: list[str]


@dataclass
class Changes:
    edits: list[FieldEdit] = field(default_factory=list)
    officials: list[tuple[str, str]] = field(default_factory=list)  # id, flow mapping text
    items: list[NewItem] = field(default_factory=list)
    removals: list[PathKey] = field(default_factory=list)
    marks: list[DraftMark] = field(default_factory=list)
    cells: dict[str, tuple[str, str]] = field(default_factory=dict)  # dotted path → cell

    def locate(self, path: str) -> tuple[str, str] | None:
        """The sheet and cell of the longest known path that ``path`` starts with."""
        while path:
            if path in self.cells:
                return self.cells[path]
            cut = max(path.rfind("."), path.rfind("["))
            path = path[:cut] if cut > 0 else ""
        return None


def row_kind(path: PathKey) -> str:
    """The kind of a task-sheet row from its YAML path."""
    if len(path) == 2 and path[0] == "sections":
        return KIND_SECTION
    if len(path) == 2 and path[0] == "reporting":
        return KIND_REPORTING
    if len(path) >= 2 and path[-2] in ("milestones", "recurring"):
        return KIND_MILESTONE if path[-2] == "milestones" else KIND_RECURRING
    return KIND_TASK


def _sc(value: str) -> str:
    from cai_cach.yamledit import scalar

    return scalar(value, flow=False)


def _flow(values: list[str]) -> str:
    from cai_cach.yamledit import scalar

    return "[" + ", ".join(scalar(value, flow=True) for value in values) + "]"


class _Planner:
    def __init__(self, book: Workbook, plan: Plan, text: str) -> None:
        self.book = book
        self.plan = plan
        self.problems: list[SheetProblem] = []
        self.changes = Changes()
        plain = plan.model_dump(mode="json")
        self.general = general_rows(plan, plain)
        self.tasks = task_rows(plan, plain)
        self.official_list = official_rows(plan)
        unplaced = place_marks(text, self.general, self.tasks, self.official_list)
        self.current: dict[PathKey, Row] = {
            row.path: row for row in (*self.general, *self.tasks, *self.official_list, *unplaced)
        }
        self.parties = {oid: (o.title, o.name) for oid, o in plan.officials.items()}
        self.task_paths: dict[str, PathKey] = {
            row.cells["Mã"]: row.path  # type: ignore[misc]
            for row in self.tasks
            if row.kind in (KIND_TASK, KIND_REPORTING)
        }
        # new task id → (its row, its lines, its new milestones' and recurring duties' lines)
        self.new_tasks: dict[str, tuple[SheetRow, list[str], list[list[str]], list[list[str]]]] = {}
        self.parents: dict[str, PathKey] = {}  # new task id → the mapping it is added to
        self.added: dict[PathKey, int] = {}  # sequence path → how many new items go there

    # -- helpers --------------------------------------------------------------------------

    def problem(self, row: SheetRow, header: str, message: str) -> None:
        self.problems.append(SheetProblem(row.sheet, row.cell(header), message))

    def parsed(self, row: SheetRow, header: str, parse: Callable[[Any], Any]) -> Any:
        """``parse(cell value)``, or ``CellError`` noted at the cell (then ``...``)."""
        if header in row.formulas:
            self.problem(row, header, f"'{header}' là công thức; hãy gõ giá trị (chữ, ngày)")
            return ...
        try:
            return parse(row.values.get(header))
        except CellError as err:
            self.problem(row, header, str(err))
            return ...

    def original(self, path: PathKey) -> str | None:
        return self.book.originals.get(path_text(path))

    def changed(self, row: SheetRow, header: str, path: PathKey) -> bool:
        original = self.original(path)
        return original is not None and row.text(header) != original

    def register(self, path: PathKey, row: SheetRow, columns: tuple[Column, ...]) -> None:
        """Remember where the fields of ``path`` are shown, to place validation errors."""
        self.changes.cells[dotted(path)] = (row.sheet, row.cell(columns[0].header))
        for column in columns:
            if column.key is not None and column.header in row.cells:
                key = (
                    "what"
                    if column.key == "title"
                    and path[-2:-1]
                    in (
                        ("milestones",),
                        ("recurring",),
                    )
                    else column.key
                )
                self.changes.cells[dotted((*path, key))] = (row.sheet, row.cell(column.header))

    # -- the run --------------------------------------------------------------------------

    def run(self) -> Changes:
        for row in self.book.rows.get(OFFICIALS, []):
            self.official(row)
        for row in self.book.rows.get(GENERAL, []):
            self.general_row(row)
        for row in self.book.rows.get(TASKS, []):
            self.task_row(row)
        self.removed_rows()
        self.flush_new_tasks()
        if self.problems:
            raise SheetError(
                self.book.display,
                self.problems,
                "sửa các ô trên trong bảng tính, lưu lại rồi chạy lại lệnh",
            )
        return self.changes

    def marks_of(self, row: SheetRow, changed_headers: list[str]) -> None:
        """Drop the marks the clerk dealt with: all of the row's with "Đã xem" or an emptied
        "Cần xem lại"; those about one field when its cell changed."""
        assert row.path is not None
        current = self.current.get(row.path)
        if current is None:
            return
        emptied = bool(self.original((*row.path, MARKS_KEY))) and not row.text(REVIEW_HEADER)
        if row.seen or emptied:
            self.changes.marks += current.marks
            return
        for header in changed_headers:
            self.changes.marks += current.pinned.get(header, [])

    def general_row(self, row: SheetRow) -> None:
        if row.path is None:
            self.problem(row, "Trường", f"không thêm dòng được ở trang '{GENERAL}'")
            return
        if row.path[:1] == (UNPLACED_ROW,):
            self.marks_of(row, [])
            return
        specs = {spec.path: spec for spec in general_fields(self.plan)}
        spec = specs.get(row.path)
        if spec is None:
            self.problem(row, "Trường", "dòng này không thuộc kế hoạch hiện tại")
            return
        self.changes.cells[dotted(row.path)] = (row.sheet, row.cell("Giá trị"))
        changed = self.changed(row, "Giá trị", row.path)
        if changed:
            value = self.parsed(row, "Giá trị", self.general_parser(spec.kind, spec.required))
            if value is not ...:
                kind = "lines" if spec.kind == "lines" else "text"
                self.changes.edits.append(FieldEdit(row.path[:-1], str(row.path[-1]), value, kind))
        self.marks_of(row, ["Giá trị"] if changed else [])

    def general_parser(self, kind: str, required: bool) -> Callable[[Any], Any]:
        header = "Giá trị"
        if kind == "date":
            return lambda value: day_value(value, required, header)
        if kind == "int":
            return lambda value: int_value(value, required, header, 1900, 2200)
        if kind == "lines":
            return lines_value
        return lambda value: text_value(value, required, header)

    def official(self, row: SheetRow) -> None:
        if row.path is not None:
            edited = []
            for column in OFFICIAL_COLUMNS[1:]:
                assert column.key is not None
                full = (*row.path, column.key)
                if not self.changed(row, column.header, full):
                    continue
                value = self.parsed(row, column.header, self.column_parser(column))
                if value is not ...:
                    edited.append(column.header)
                    self.changes.edits.append(FieldEdit(row.path, column.key, value))
            self.register(row.path, row, OFFICIAL_COLUMNS)
            self.marks_of(row, edited)
            return
        official_id = self.parsed(row, "Mã", lambda v: id_value(v, "Mã"))
        title = self.parsed(row, "Chức danh, đơn vị", lambda v: text_value(v, True, "Chức danh"))
        name = self.parsed(row, "Họ tên", lambda v: text_value(v, False, "Họ tên"))
        if ... in (official_id, title, name):
            return
        if official_id in self.parties:
            self.problem(row, "Mã", f"mã '{official_id}' đã có; đặt mã khác")
            return
        from cai_cach.yamledit import scalar

        flow = "{title: " + scalar(title, flow=True)
        flow += (", name: " + scalar(name, flow=True) if name else "") + "}"
        self.parties[official_id] = (title, name)
        self.changes.officials.append((official_id, flow))
        self.register(("officials", official_id), row, OFFICIAL_COLUMNS)

    def column_parser(self, column: Column) -> Callable[[Any], Any]:
        header, required = column.header, column.required
        parsers: dict[str, Callable[[Any], Any]] = {
            "ids": lambda v: party_ids(v, self.parties, header),
            "deadline": lambda v: deadline_value(v, self.plan.year, header),
            "cadence": lambda v: cadence_value(v, header),
            "day": lambda v: int_value(v, False, header, 1, 31),
            "date": lambda v: day_value(v, False, header),
        }
        if column.key == "id":
            return lambda v: id_value(v, header)
        return parsers.get(column.kind, lambda v: text_value(v, required, header))

    def task_row(self, row: SheetRow) -> None:
        if row.path is None:
            self.new_row(row)
            return
        if row.path not in self.current:
            self.problem(
                row, "Mã", "dòng này không còn trong kế hoạch hiện tại (xuất lại bảng tính)"
            )
            return
        kind = row_kind(row.path)
        edited = []
        for column in TASK_COLUMNS:
            if column.key is None:
                continue
            key = (
                "what"
                if column.key == "title" and kind in (KIND_MILESTONE, KIND_RECURRING)
                else column.key
            )
            full = (*row.path, key)
            if not self.changed(row, column.header, full):
                continue
            if kind not in column.kinds:
                self.problem(
                    row, column.header, f"cột '{column.header}' không sửa được ở dòng loại '{kind}'"
                )
                continue
            value = self.parsed(row, column.header, self.column_parser(column))
            if value is ...:
                continue
            edited.append(column.header)
            kind_of_value = "ids" if column.kind == "ids" else "text"
            self.changes.edits.append(FieldEdit(row.path, key, value, kind_of_value))
        self.register(row.path, row, TASK_COLUMNS)
        self.marks_of(row, edited)

    def removed_rows(self) -> None:
        """Exported rows the clerk deleted: tasks, milestones and recurring duties go; the
        text of a deleted "chưa xếp" row is taken as dealt with."""
        shown = {row.path for rows in self.book.rows.values() for row in rows if row.path}
        exported: dict[PathKey, tuple[str, str]] = {}
        for key, (sheet, cell) in self.book.exported_cells.items():
            path = path_from_text(key)
            if path and path[-1] == ROW_KEY:
                exported[path[:-1]] = (sheet, cell)
        for path, row in self.current.items():
            if path[:1] == (UNPLACED_ROW,) and path not in shown:
                self.changes.marks += row.marks
        for path, (sheet, cell) in sorted(exported.items()):
            if path in shown or not path or path[:1] == (UNPLACED_ROW,):
                continue
            if sheet != TASKS or row_kind(path) == KIND_SECTION:
                self.problems.append(
                    SheetProblem(
                        sheet,
                        cell,
                        "dòng này đã bị xóa; chỉ xóa được dòng nhiệm vụ, "
                        "mốc, định kỳ (thêm lại dòng hoặc xuất lại bảng tính)",
                    )
                )
                continue
            if path not in self.current:
                continue
            self.changes.removals.append(path)
            self.changes.marks += self.current[path].marks

    # -- new rows -------------------------------------------------------------------------

    def new_row(self, row: SheetRow) -> None:
        kind = row.text("Loại")
        if kind not in KINDS:
            self.problem(row, "Loại", f"dòng mới cần 'Loại' là một trong: {', '.join(KINDS)}")
            return
        values = {}
        for column in TASK_COLUMNS:
            if column.key is None or (column.key == "id" and kind in ITEM_KINDS):
                continue  # a milestone's or recurring duty's "Mã" names its task
            if kind not in column.kinds:
                if row.text(column.header):
                    self.problem(
                        row,
                        column.header,
                        f"cột '{column.header}' không dùng cho dòng loại '{kind}'",
                    )
                continue
            values[column.key] = self.parsed(row, column.header, self.column_parser(column))
        if ... in values.values():
            return
        if kind in (KIND_TASK, KIND_REPORTING):
            self.new_task(row, kind, values)
        else:
            self.new_item(row, kind, values)

    def new_task(self, row: SheetRow, kind: str, values: dict[str, Any]) -> None:
        task_id = values["id"]
        if task_id in self.task_paths or task_id in self.new_tasks:
            self.problem(row, "Mã", f"mã nhiệm vụ '{task_id}' đã có; đặt mã khác")
            return
        lines = [
            f"id: {_sc(task_id)}",
            f"title: {_sc(values['title'])}",
            f"lead: {_flow(values['lead'])}",
        ]
        if values["support"]:
            lines.append(f"support: {_flow(values['support'])}")
        if values.get("products"):
            lines.append(f"products: {_sc(values['products'])}")
        if kind == KIND_REPORTING and values.get("recipient"):
            lines.append(f"recipient: {_sc(values['recipient'])}")
        lines.append(f"timeline: {_sc(values['timeline'])}")
        if kind == KIND_REPORTING:
            parent: PathKey = ()
            sequence: PathKey = ("reporting",)
            count = len(self.plan.reporting)
        else:
            section = row.text("Mục")
            found = [i for i, s in enumerate(self.plan.sections) if s.id == section]
            if not found:
                ids = ", ".join(s.id for s in self.plan.sections)
                self.problem(row, "Mục", f"dòng nhiệm vụ mới cần 'Mục' là số mục có sẵn ({ids})")
                return
            parent = ("sections", found[0])
            sequence = (*parent, "tasks")
            count = len(self.plan.sections[found[0]].tasks)
        index = count + self.added.get(sequence, 0)
        self.added[sequence] = self.added.get(sequence, 0) + 1
        self.new_tasks[task_id] = (row, lines, [], [])
        self.register((*sequence, index), row, TASK_COLUMNS)
        self.parents[task_id] = parent

    def new_item(self, row: SheetRow, kind: str, values: dict[str, Any]) -> None:
        task_id = row.text("Mã")
        if kind == KIND_MILESTONE:
            lines = [f"what: {_sc(values['title'])}", f"due: {_sc(values['due'])}"]
            if values.get("done"):
                lines.append(f"done: {values['done']}")
            key = "milestones"
        else:
            lines = [f"what: {_sc(values['title'])}", f"every: {values['every']}"]
            if values.get("due_day"):
                lines.append(f"due_day: {values['due_day']}")
            key = "recurring"
        if task_id in self.new_tasks:
            _, _, milestones, recurring = self.new_tasks[task_id]
            (milestones if key == "milestones" else recurring).append(lines)
            return
        if task_id not in self.task_paths:
            self.problem(row, "Mã", f"dòng {kind} mới cần 'Mã' của một nhiệm vụ có sẵn hoặc mới")
            return
        self.changes.items.append(NewItem(self.task_paths[task_id], key, lines))

    def flush_new_tasks(self) -> None:
        for task_id, (_, lines, milestones, recurring) in self.new_tasks.items():
            for key, items in (("milestones", milestones), ("recurring", recurring)):
                if items:
                    lines.append(f"{key}:")
                    for item in items:
                        lines += ["  - " + item[0], *("    " + line for line in item[1:])]
            parent = self.parents[task_id]
            key = "reporting" if not parent else "tasks"
            self.changes.items.append(NewItem(parent, key, lines))


def plan_changes(book: Workbook, plan: Plan, text: str) -> Changes:
    """The changes the sheet asks for; ``SheetError`` with every wrong cell."""
    return _Planner(book, plan, text).run()
