"""Apply a review spreadsheet to its plan file (``sheet apply``) as minimal text edits.

Only the cells the clerk changed since the export (compared with the values kept in the
workbook's hidden sheet) are applied, each as a ``yamledit`` edit of its own field: every other
byte of the plan file stays as it was. Added rows become new tasks, milestones, recurring
duties, reporting duties or officials; a deleted task, milestone or recurring row removes it.

Review marks: the marks of a row go when the clerk writes anything in its "Đã xem" cell or
empties its "Cần xem lại" cell; a mark about one field (shown as a comment on that cell) goes
when that cell is changed. A "chưa xếp" row goes with "Đã xem" or when the row is deleted.

A sheet exported from another revision of the plan is refused unless ``force``; the edited
text is validated exactly as ``caicach check`` reads it before it replaces the file, under the
plan's writers' lock, atomically. Reading the sheet is ``sheetread``'s job; planning the edits
is ``sheetplan``'s.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from cai_cach.atomic import locked, write_atomic
from cai_cach.draftmarks import DraftMark, marks_in
from cai_cach.errors import NotFoundError, PlanError, RecordError, SheetError, SheetProblem
from cai_cach.loading import plan_from_bytes
from cai_cach.models import Plan
from cai_cach.sheetexport import revision
from cai_cach.sheetplan import Changes, FieldEdit, NewItem, plan_changes
from cai_cach.sheetread import read_workbook
from cai_cach.text import nfc
from cai_cach.yamledit import (
    YamlText,
    end_of,
    find_entry,
    indent_steps,
    insert_entry,
    is_flow,
    layout_error,
    node_at,
    remove_entry,
    remove_item,
    scalar,
    set_scalar,
)
from cai_cach.yamlsource import MAX_BYTES, read_bytes

# Where a new key goes: after the first of these keys the mapping has (else at its end).
_AFTER = {
    "support": ("lead",),
    "products": ("support", "lead"),
    "recipient": ("lead",),
    "parent": ("name",),
    "name": ("title",),
    "authority": ("signer_title",),
    "recipients": ("articles", "grounds", "authority", "signer_title"),
    "done": ("due",),
    "due_day": ("every",),
    "start": ("document", "decision", "agency", "year"),
    "end": ("start", "document", "decision", "agency", "year"),
}


@dataclass(frozen=True)
class Applied:
    """What ``apply_workbook`` did, for the command to tell the clerk."""

    display: str
    workbook: str
    old: Plan
    new: Plan
    removed_marks: tuple[DraftMark, ...]
    marks_left: tuple[DraftMark, ...]
    written: bool
    stale: bool  # the sheet came from another revision (applied with ``force``)


def apply_workbook(sheet: Path, plan_path: Path | None = None, *, force: bool = False) -> Applied:
    """Apply the clerk's changes in ``sheet`` to its plan (``plan_path``, else the file named
    in the sheet); raise ``SheetError`` with every wrong cell, and write nothing then."""
    book = read_workbook(sheet)
    path = plan_path if plan_path is not None else Path(book.plan_file)
    display = str(path)
    if not path.is_file():
        raise NotFoundError(
            f"không thấy tệp kế hoạch {display} mà bảng tính {sheet} được xuất từ",
            f"chỉ rõ tệp: caicach sheet apply {sheet} plans/ten-ke-hoach.yaml",
        )
    with locked(path):
        raw = read_bytes(path, display)
        plan, _ = plan_from_bytes(raw, display)
        stale = revision(raw) != book.revision
        if stale and not force:
            raise RecordError(
                f"bảng tính {sheet} được xuất từ một bản khác của {display} (tệp kế hoạch đã "
                "đổi sau khi xuất); chưa ghi gì",
                f"xuất lại rồi sửa trên bản mới: caicach sheet export {display} -o {sheet.name}; "
                "hoặc thêm --force để áp dụng những ô đã sửa lên bản hiện tại",
            )
        if book.problems:
            raise SheetError(str(sheet), book.problems)
        text = YamlText(raw)
        changes = plan_changes(book, plan, _joined(raw))
        _apply(text, changes)
        new_raw = text.to_bytes()
        if new_raw == raw:
            return Applied(
                display, str(sheet), plan, plan, (), marks_in(_joined(raw)), False, stale
            )
        new_plan = _validated(new_raw, display, changes, str(sheet))
        if read_bytes(path, display) != raw:
            raise RecordError(
                f"tệp {display} vừa bị một chương trình khác sửa; chưa ghi gì",
                "lưu và đóng tệp trong trình soạn thảo rồi chạy lại lệnh",
            )
        write_atomic(path, new_raw)
    left = marks_in(_joined(new_raw))
    return Applied(display, str(sheet), plan, new_plan, tuple(changes.marks), left, True, stale)


def _joined(raw: bytes) -> str:
    """The file's text as the marks are read (NFC, lines as ``YamlText`` splits them)."""
    return nfc("\n".join(YamlText(raw).lines))


def _cut_at(line: str, column: int) -> str:
    """``line`` without its trailing mark, whose ``#`` is at ``column`` (1-based) of the NFC
    form of the line (the file itself may be NFD)."""
    for index, char in enumerate(line):
        if char == "#" and len(nfc(line[:index])) == column - 1:
            return line[:index].rstrip()
    return line  # pragma: no cover - the mark was read from this very line


def _validated(raw: bytes, display: str, changes: Changes, workbook: str) -> Plan:
    """The plan the edited bytes load as; its problems as the sheet's cells when they can be
    placed (the row and column of the field), else at the plan file."""
    if len(raw) > MAX_BYTES:
        raise RecordError(f"sau khi áp dụng, tệp {display} sẽ quá lớn; chưa ghi gì")
    try:
        plan, _ = plan_from_bytes(raw, display)
    except PlanError as err:
        problems = []
        for problem in err.problems:
            if problem.severity != "error":
                continue
            where = changes.locate(problem.path)
            message = problem.message + (f" ({problem.hint})" if problem.hint else "")
            if where is None:
                where = (display, "")
                message = f"sau khi áp dụng, {message} [{problem.path or problem.location}]"
            problems.append(SheetProblem(where[0], where[1], message))
        raise SheetError(workbook, problems) from None
    return plan


# --- the edits -------------------------------------------------------------------------------


def _apply(text: YamlText, changes: Changes) -> None:
    """Marks first (they are lines of the current text), then fields, then new entries, then
    removals from the last item back (so earlier paths stay right)."""
    for mark in sorted(set(changes.marks), key=lambda m: (m.line, m.column), reverse=True):
        index = mark.line - 1
        if mark.trailing:
            text.lines[index] = _cut_at(text.lines[index], mark.column)
        else:
            text.delete_lines(index, index)
    for edit in changes.edits:
        _set_field(text, edit)
    for official_id, flow in changes.officials:
        mapping = node_at(text.compose(), ("officials",))
        entry = f"{scalar(official_id, flow=is_flow(mapping))}: {flow}"
        insert_entry(text, mapping, [entry], entry)
    for item in changes.items:
        _append(text, item)
    for path in sorted(changes.removals, reverse=True):
        root = text.compose()
        sequence = node_at(root, path[:-1])
        position = path[-1]
        assert isinstance(position, int)
        if isinstance(sequence, yaml.SequenceNode) and len(sequence.value) == 1:
            remove_entry(text, node_at(root, path[:-2]), str(path[-2]))  # no empty key left
        else:
            remove_item(text, sequence, position)


def _after(mapping: yaml.Node, key: str) -> str | None:
    return next((k for k in _AFTER.get(key, ()) if find_entry(mapping, k) is not None), None)


def _set_field(text: YamlText, edit: FieldEdit) -> None:
    root = text.compose()
    mapping = node_at(root, edit.mapping)
    if not isinstance(mapping, yaml.MappingNode):
        raise layout_error(mapping.start_mark.line, f"trường '{edit.key}'")
    flow = is_flow(mapping)
    found = find_entry(mapping, edit.key)
    value = edit.value
    if value is None or (isinstance(value, list) and not value and edit.key != "lead"):
        if found is not None:
            remove_entry(text, mapping, edit.key)
        return
    if isinstance(value, list) and edit.kind == "lines":
        _set_lines(text, root, mapping, edit.key, value)
        return
    if isinstance(value, list):
        rendered = "[" + ", ".join(scalar(item, flow=True) for item in value) + "]"
    else:
        rendered = scalar(str(value), flow=flow)
    if found is None:
        entry = f"{edit.key}: {rendered}"
        insert_entry(text, mapping, [entry], entry, after=_after(mapping, edit.key))
        return
    _, key_node, node = found
    if isinstance(node, yaml.ScalarNode):
        set_scalar(text, node, rendered, f"trường '{edit.key}'")
    else:
        text.replace(_end(key_node), end_of(node, text), ": " + rendered)


def _end(node: yaml.Node) -> tuple[int, int]:
    return node.end_mark.line, node.end_mark.column


def _set_lines(
    text: YamlText, root: yaml.Node, mapping: yaml.Node, key: str, values: list[str]
) -> None:
    """A list of texts (``recipients``) as a block sequence, one item per line."""
    _, dash = indent_steps(root, text)
    items = ["- " + scalar(value, flow=False) for value in values]
    found = find_entry(mapping, key)
    if is_flow(mapping):
        rendered = "[" + ", ".join(scalar(value, flow=True) for value in values) + "]"
        if found is None:
            insert_entry(text, mapping, [], f"{key}: {rendered}")
        else:
            text.replace(_end(found[1]), end_of(found[2], text), ": " + rendered)
        return
    if found is None:
        block = [f"{key}:", *(" " * dash + item for item in items)]
        insert_entry(text, mapping, block, "", after=_after(mapping, key))
        return
    _, key_node, node = found
    text.replace(_end(key_node), end_of(node, text), ":")
    indent = " " * (key_node.start_mark.column + dash)
    text.insert_after(key_node.start_mark.line, [indent + item for item in items])


def _dashed(lines: list[str], indent: int) -> list[str]:
    """An item's lines as a block sequence item at ``indent``."""
    pad = " " * indent
    return [pad + "- " + lines[0], *(pad + "  " + line for line in lines[1:])]


def _append(text: YamlText, item: NewItem) -> None:
    """Add ``item`` at the end of the sequence ``item.key`` of the mapping ``item.parent``
    (the key is added when missing, an empty ``[]`` becomes a block)."""
    root = text.compose()
    mapping = node_at(root, item.parent)
    if not isinstance(mapping, yaml.MappingNode) or is_flow(mapping):
        raise layout_error(mapping.start_mark.line, f"danh sách '{item.key}'")
    _, dash = indent_steps(root, text)
    found = find_entry(mapping, item.key)
    if found is None:
        block = [f"{item.key}:", *_dashed(item.lines, dash)]
        insert_entry(text, mapping, block, "", after=_after(mapping, item.key))
        return
    _, key_node, sequence = found
    if not isinstance(sequence, yaml.SequenceNode):
        raise layout_error(sequence.start_mark.line, f"danh sách '{item.key}'")
    if sequence.value and not is_flow(sequence):
        line, _ = end_of(sequence.value[-1], text)
        text.insert_after(line, _dashed(item.lines, sequence.start_mark.column))
        return
    if sequence.value:
        raise layout_error(sequence.start_mark.line, f"danh sách '{item.key}'")
    text.replace(_end(key_node), end_of(sequence, text), ":")
    text.insert_after(
        key_node.start_mark.line, _dashed(item.lines, key_node.start_mark.column + dash)
    )


def remove_marks(path: Path, lines: set[int]) -> tuple[DraftMark, ...]:
    """Remove the review marks at these 1-based ``lines`` of the plan file (``caicach
    review``): only comments go, so the plan must load exactly as before; under the lock,
    atomically. Returns the marks removed."""
    display = str(path)
    with locked(path):
        raw = read_bytes(path, display)
        plan, _ = plan_from_bytes(raw, display)
        text = YamlText(raw)
        chosen = [mark for mark in marks_in(_joined(raw)) if mark.line in lines]
        if not chosen:
            return ()
        _apply(text, Changes(marks=chosen))
        new_raw = text.to_bytes()
        new_plan, _ = plan_from_bytes(new_raw, display)
        if new_plan.model_dump() != plan.model_dump():  # pragma: no cover - comments only
            raise RecordError(f"không bỏ dấu an toàn được trong {display}; tệp giữ nguyên")
        write_atomic(path, new_raw)
    return tuple(chosen)
