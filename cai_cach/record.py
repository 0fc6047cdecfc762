"""Record progress in a plan file by editing its text surgically.

A completion, an occurrence or a dated note becomes one or two new lines (or a short insertion
into a flow-style ``{…}``/``[…]``); every other byte of the file — comments, key order,
quoting, long lines, blank lines, CRLF line ends, a BOM — stays exactly as it was, so that
``git diff`` shows only the record, and undoing it restores the original bytes.

How: the file is split into lines (keeping each line's own ending), the YAML nodes are located
with the start and end marks of PyYAML's composer (the same libyaml parser the loading path
uses), and text is inserted or removed at those positions. A YAML dump — even ruamel.yaml's
round trip — is not used: on the shipped plan it moves a new key below a trailing comment and
it cannot keep CRLF or a BOM. Before the file is replaced, the edited bytes go through the one
loading path (``yamlsource`` → ``Plan`` → ``validation``) and the resulting plan must equal the
old plan with exactly the intended change; otherwise nothing is written.
"""

from __future__ import annotations

import difflib
import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Literal

import yaml

from cai_cach.atomic import write_atomic
from cai_cach.errors import NotFoundError, PlanError, RecordError, UsageError
from cai_cach.loading import validate_document
from cai_cach.matching import search_text
from cai_cach.models import Milestone, Note, Plan, Recurrence, Task
from cai_cach.periods import CADENCE_LABEL, Period, format_day, parse_period
from cai_cach.text import fold, nfc
from cai_cach.yamlsource import Document, PathKey, check_characters, decode, parse, read_bytes

try:  # the same parser as the loading path; only node positions are used
    from yaml import CSafeLoader as _Composer
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Composer  # type: ignore[assignment]

BOM = b"\xef\xbb\xbf"
_BREAK = re.compile(r"\r\n|\r|\n")

Action = Literal["done", "undone", "note_added", "note_removed"]
Position = tuple[int, int]  # 0-based line and column (in characters) of the file's text


# --- validating bytes through the loading path ----------------------------------------------


def plan_from_bytes(raw: bytes, display: str) -> tuple[Plan, Document]:
    """Decode, parse and validate the bytes of a plan file exactly as ``load_plan`` does."""
    loaded = validate_document(Path(display), parse(decode(raw, display), display))
    return loaded.plan, loaded.document


# --- the file as lines ---------------------------------------------------------------------


class PlanText:
    """The text of a plan file as lines, each remembering its own line ending."""

    def __init__(self, raw: bytes) -> None:
        self.bom = raw.startswith(BOM)
        text = (raw[len(BOM) :] if self.bom else raw).decode("utf-8")
        self.lines: list[str] = []
        self.ends: list[str] = []
        position = 0
        for match in _BREAK.finditer(text):
            self.lines.append(text[position : match.start()])
            self.ends.append(match.group())
            position = match.end()
        self.lines.append(text[position:])
        self.ends.append("")
        counts = Counter(end for end in self.ends if end)
        self.newline = counts.most_common(1)[0][0] if counts else "\n"

    def to_bytes(self) -> bytes:
        body = "".join(line + end for line, end in zip(self.lines, self.ends, strict=True))
        return (BOM if self.bom else b"") + body.encode("utf-8")

    def compose(self) -> yaml.Node:
        """The YAML node tree; marks count lines and characters exactly as ``self.lines``."""
        node = yaml.compose("\n".join(self.lines), Loader=_Composer)
        if node is None:  # pragma: no cover - the file was validated before
            raise RecordError("tệp kế hoạch trống")
        return node

    def insert_after(self, line: int, new_lines: list[str]) -> None:
        """Insert whole lines after ``line``; they take the file's usual line ending."""
        if self.ends[line]:
            endings = [self.newline] * len(new_lines)
        else:  # ``line`` is the last line and has no ending: keep the file without one
            self.ends[line] = self.newline
            endings = [self.newline] * (len(new_lines) - 1) + [""]
        self.lines[line + 1 : line + 1] = new_lines
        self.ends[line + 1 : line + 1] = endings

    def insert_before(self, line: int, new_lines: list[str]) -> None:
        self.lines[line:line] = new_lines
        self.ends[line:line] = [self.newline] * len(new_lines)

    def delete_lines(self, first: int, last: int) -> None:
        """Remove lines ``first`` to ``last`` (inclusive)."""
        tail = self.ends[last]
        del self.lines[first : last + 1]
        del self.ends[first : last + 1]
        if not tail and first > 0:  # the removed lines ended the file without a line ending
            self.ends[first - 1] = ""

    def replace(self, start: Position, end: Position, new: str) -> None:
        """Replace the text from ``start`` to ``end`` with ``new`` (which has no line break)."""
        (first, column), (last, end_column) = start, end
        self.lines[first] = self.lines[first][:column] + new + self.lines[last][end_column:]
        self.ends[first] = self.ends[last]
        del self.lines[first + 1 : last + 1]
        del self.ends[first + 1 : last + 1]


# --- locating nodes ------------------------------------------------------------------------


def _start(node: yaml.Node) -> Position:
    return node.start_mark.line, node.start_mark.column


def _end(node: yaml.Node, text: PlanText) -> Position:
    """Where the text of ``node`` ends (block collections end at their last scalar, not at the
    next token, which may lie after comments and blank lines)."""
    if isinstance(node, yaml.ScalarNode):
        if node.style in ("|", ">"):
            line = node.end_mark.line - (1 if node.end_mark.column == 0 else 0)
            while line > node.start_mark.line and not text.lines[line].strip():
                line -= 1
            return line, len(text.lines[line])
        return node.end_mark.line, node.end_mark.column
    if _is_flow(node) or not node.value:
        return node.end_mark.line, node.end_mark.column
    last = node.value[-1]
    return _end(last[1] if isinstance(node, yaml.MappingNode) else last, text)


def _entry(mapping: yaml.Node, key: str) -> tuple[int, yaml.Node, yaml.Node] | None:
    if not isinstance(mapping, yaml.MappingNode):
        return None
    for index, (key_node, value_node) in enumerate(mapping.value):
        if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
            return index, key_node, value_node
    return None


def _node_at(root: yaml.Node, path: PathKey) -> yaml.Node:
    node = root
    for part in path:
        if isinstance(part, int):
            if not isinstance(node, yaml.SequenceNode):  # pragma: no cover - validated plan
                raise RecordError(f"không tìm thấy vị trí {part} trong tệp")
            node = node.value[part]
        else:
            found = _entry(node, part)
            if found is None:  # pragma: no cover - validated plan
                raise RecordError(f"không tìm thấy trường '{part}' trong tệp")
            node = found[2]
    return node


def _starts_line(text: PlanText, node: yaml.Node) -> bool:
    line, column = _start(node)
    return not text.lines[line][:column].strip()


def _rest_is_blank(text: PlanText, position: Position) -> bool:
    line, column = position
    rest = text.lines[line][column:].strip()
    return not rest or rest.startswith("#")


def _layout_error(text_line: int, what: str) -> RecordError:
    return RecordError(
        f"không sửa tự động được {what} ở dòng {text_line + 1} vì cách viết của dòng này",
        "sửa tay tệp kế hoạch (mỗi trường một dòng riêng), hoặc đưa trường này xuống dòng riêng "
        "rồi chạy lại lệnh",
    )


# --- YAML text for new values --------------------------------------------------------------

_PLAIN_BAD_FIRST = set("-?:,[]{}#&*!|>'\"%@`")
_RESERVED = {"true", "false", "null", "~", "yes", "no", "on", "off", "y", "n"}


def scalar(value: str, *, flow: bool) -> str:
    """``value`` as a YAML scalar: plain when that reads back unchanged, else double-quoted."""
    plain = (
        bool(value)
        and value == value.strip()
        and value[0] not in _PLAIN_BAD_FIRST
        and ": " not in value
        and " #" not in value
        and not value.endswith(":")
        and value.lower() not in _RESERVED
        and not (flow and any(char in ",[]{}" for char in value))
    )
    return value if plain else json.dumps(value, ensure_ascii=False)


def _is_flow(node: yaml.Node) -> bool:
    return isinstance(node, yaml.CollectionNode) and bool(node.flow_style)


def _step(root: yaml.Node, text: PlanText) -> tuple[int, int]:
    """The file's own indentation: the step of a nested block mapping and the offset of the
    dashes of a block sequence under a key, from the first examples found (default 2 and 2)."""
    mapping_step: int | None = None
    dash_offset: int | None = None
    stack = [root]
    while stack and (mapping_step is None or dash_offset is None):
        node = stack.pop()
        if isinstance(node, yaml.SequenceNode):
            stack.extend(reversed(node.value))
            continue
        if not isinstance(node, yaml.MappingNode):
            continue
        for key_node, value_node in node.value:
            stack.append(value_node)
            block = isinstance(value_node, yaml.CollectionNode) and not _is_flow(value_node)
            if not (block and value_node.value and _starts_line(text, value_node)):
                continue
            offset = value_node.start_mark.column - key_node.start_mark.column
            if isinstance(value_node, yaml.MappingNode) and offset > 0 and mapping_step is None:
                mapping_step = offset
            if isinstance(value_node, yaml.SequenceNode) and offset >= 0 and dash_offset is None:
                dash_offset = offset
    return mapping_step or 2, 2 if dash_offset is None else dash_offset


# --- edits of mappings and sequences -------------------------------------------------------


def _set_scalar(text: PlanText, value_node: yaml.Node, value: str, what: str) -> None:
    if not isinstance(value_node, yaml.ScalarNode):
        raise _layout_error(value_node.start_mark.line, what)
    start, end = _start(value_node), _end(value_node, text)
    if start == end:  # "key:" with nothing after it
        value = " " + value
    text.replace(start, end, value)


def _insert_entry(
    text: PlanText,
    mapping: yaml.Node,
    block: list[str],
    flow: str,
    *,
    after: str | None = None,
    before: str | None = None,
) -> None:
    """Add an entry to ``mapping``: ``block`` lines (relative indentation) in a block mapping,
    ``flow`` text in a ``{…}`` mapping; after the entry ``after`` or before the entry
    ``before`` when given and present, else at the end."""
    if not isinstance(mapping, yaml.MappingNode):  # pragma: no cover - validated plan
        raise _layout_error(mapping.start_mark.line, "bảng các trường")
    entries = mapping.value
    following = _entry(mapping, before) if before is not None else None
    anchor = _entry(mapping, after) if after is not None else None
    if _is_flow(mapping):
        if not entries:
            line, column = _start(mapping)
            text.replace((line, column + 1), (line, column + 1), flow)
        elif following is not None:
            position = _start(following[1])
            text.replace(position, position, flow + ", ")
        else:
            position = _end(anchor[2] if anchor else entries[-1][1], text)
            text.replace(position, position, ", " + flow)
        return
    indent = " " * entries[0][0].start_mark.column
    lines = [indent + line for line in block]
    if following is not None:
        if not _starts_line(text, following[1]):
            raise _layout_error(following[1].start_mark.line, f"trường '{before}'")
        text.insert_before(following[1].start_mark.line, lines)
        return
    line, _ = _end(anchor[2] if anchor else entries[-1][1], text)
    text.insert_after(line, lines)


def _remove_entry(text: PlanText, mapping: yaml.Node, key: str) -> None:
    found = _entry(mapping, key)
    if found is None or not isinstance(mapping, yaml.MappingNode):  # pragma: no cover
        raise RecordError(f"không có trường '{key}' để xóa")
    index, key_node, value_node = found
    entries = mapping.value
    end = _end(value_node, text)
    if _is_flow(mapping):
        if index > 0:
            start = _end(entries[index - 1][1], text)
        elif len(entries) > 1:
            start, end = _start(key_node), _start(entries[1][0])
        else:
            start = _start(key_node)
        text.replace(start, end, "")
        return
    if not _starts_line(text, key_node) or not _rest_is_blank(text, end):
        raise _layout_error(key_node.start_mark.line, f"trường '{key}'")
    text.delete_lines(key_node.start_mark.line, end[0])


def _append_item(text: PlanText, sequence: yaml.Node, item: str) -> None:
    if not isinstance(sequence, yaml.SequenceNode):  # pragma: no cover - validated plan
        raise _layout_error(sequence.start_mark.line, "danh sách")
    if _is_flow(sequence):
        if not sequence.value:
            line, column = _start(sequence)
            text.replace((line, column + 1), (line, column + 1), item)
        else:
            position = _end(sequence.value[-1], text)
            text.replace(position, position, ", " + item)
        return
    line, _ = _end(sequence.value[-1], text)
    text.insert_after(line, [" " * sequence.start_mark.column + "- " + item])


def _remove_item(text: PlanText, sequence: yaml.Node, index: int) -> None:
    if not isinstance(sequence, yaml.SequenceNode):  # pragma: no cover - validated plan
        raise _layout_error(sequence.start_mark.line, "danh sách")
    items = sequence.value
    node = items[index]
    end = _end(node, text)
    if _is_flow(sequence):
        if index > 0:
            start = _end(items[index - 1], text)
        elif len(items) > 1:
            start, end = _start(node), _start(items[1])
        else:
            start = _start(node)
        text.replace(start, end, "")
        return
    line, column = _start(node)
    if text.lines[line][:column].strip() != "-" or not _rest_is_blank(text, end):
        raise _layout_error(line, "mục của danh sách")
    text.delete_lines(line, end[0])


# --- finding what to record ----------------------------------------------------------------


@dataclass(frozen=True)
class TaskRef:
    """A task and where it sits in the file (``sections[1].tasks[0]`` or ``reporting[0]``)."""

    task: Task
    path: PathKey


def task_refs(plan: Plan) -> list[TaskRef]:
    refs = [
        TaskRef(task, ("sections", s_index, "tasks", t_index))
        for s_index, section in enumerate(plan.sections)
        for t_index, task in enumerate(section.tasks)
    ]
    refs += [TaskRef(duty, ("reporting", index)) for index, duty in enumerate(plan.reporting)]
    return refs


def find_task(plan: Plan, query: str) -> TaskRef | None:
    """The task whose id is ``query``: exactly, else ignoring case, else ignoring diacritics
    and spaces when only one task matches that way ("2.D" → 2.d; "2.dd" → nothing)."""
    refs = task_refs(plan)
    wanted = nfc(query.strip())
    for same in (
        lambda task_id: task_id == wanted,
        lambda task_id: task_id.casefold() == wanted.casefold(),
        lambda task_id: fold(task_id) == fold(wanted).replace(" ", ""),
    ):
        found = [ref for ref in refs if same(ref.task.id)]
        if len(found) == 1:
            return found[0]
        if found:
            return None
    return None


def _unknown_task(plans: Iterable[Plan], query: str) -> NotFoundError:
    known = [ref.task.id for plan in plans for ref in task_refs(plan)]
    close = difflib.get_close_matches(query, known, n=3)
    hint = (
        "có phải ý bạn là " + ", ".join(f"'{task_id}'" for task_id in close) + "?"
        if close
        else "xem danh sách mã nhiệm vụ bằng lệnh: caicach list"
    )
    return NotFoundError(f"không có nhiệm vụ '{query}' trong kế hoạch", hint)


def find_plan_for(task_id: str, paths: list[Path]) -> Path:
    """The one plan file among ``paths`` that has task ``task_id``."""
    plans: list[Plan] = []
    holders: list[Path] = []
    failures: list[PlanError] = []
    for path in paths:
        try:
            plan, _ = plan_from_bytes(read_bytes(path, str(path)), str(path))
        except PlanError as err:
            failures.append(err)
            continue
        plans.append(plan)
        if find_task(plan, task_id) is not None:
            holders.append(path)
    if len(holders) == 1:
        return holders[0]
    if len(holders) > 1:
        raise UsageError(
            f"nhiệm vụ '{task_id}' có trong nhiều kế hoạch: " + ", ".join(map(str, holders)),
            "chọn tệp kế hoạch bằng --plan, ví dụ --plan " + str(holders[0]),
        )
    if failures:
        raise PlanError([problem for failure in failures for problem in failure.problems])
    raise _unknown_task(plans, task_id)


def _choices(items: list[str]) -> str:
    return "; ".join(f"{index}. {item}" for index, item in enumerate(items, start=1))


def _pick(names: list[str], query: str, what: str) -> list[int]:
    """Indexes of ``names`` matching ``query``: a 1-based number, or words of the name."""
    if query.strip().isdigit():
        number = int(query)
        if not 1 <= number <= len(names):
            raise NotFoundError(
                f"không có {what} số {number} (chỉ có {len(names)})", _choices(names)
            )
        return [number - 1]
    needle = search_text(query).strip()
    exact = [i for i, name in enumerate(names) if search_text(name).strip() == needle]
    if exact:
        return exact
    return [i for i, name in enumerate(names) if needle and f" {needle} " in search_text(name)]


def choose_milestone(task: Task, query: str | None, *, want_open: bool) -> int:
    """The milestone to record (``want_open``) or to undo: by number or name; by default the
    only milestone, or the only one still open (or the only one done, when undoing)."""
    milestones = task.milestones
    names = [f"{m.what} (hạn {m.due.text})" for m in milestones]
    if not milestones:
        if task.recurring:
            cadences = ", ".join(sorted({CADENCE_LABEL[r.every] for r in task.recurring}))
            raise UsageError(
                f"nhiệm vụ {task.id} là nghĩa vụ định kỳ ({cadences}); hãy chỉ rõ kỳ",
                "thêm --period, ví dụ --period 2024-Q1 (quý), 2024-03 (tháng), "
                "2024-H1 (6 tháng), 2024 (năm)",
            )
        raise NotFoundError(
            f"nhiệm vụ {task.id} không có mốc hay kỳ nào để ghi hoàn thành",
            f'ghi tiến độ bằng ghi chú: caicach note {task.id} "nội dung"',
        )
    if query is not None:
        found = _pick([m.what for m in milestones], query, "mốc")
        if not found:
            raise NotFoundError(
                f"nhiệm vụ {task.id} không có mốc nào khớp với '{query}'",
                "các mốc: " + _choices(names),
            )
    elif len(milestones) == 1:
        found = [0]
    else:
        found = [i for i, m in enumerate(milestones) if (m.done is None) == want_open]
    if len(found) == 1:
        return found[0]
    candidates = found or list(range(len(milestones)))
    raise UsageError(
        f"nhiệm vụ {task.id} có nhiều mốc; hãy chọn một",
        "dùng --milestone SỐ hoặc một phần tên mốc: "
        + "; ".join(f"{i + 1}. {names[i]}" for i in candidates),
    )


def choose_recurrence(task: Task, period: Period, query: str | None) -> int:
    """The recurring obligation of ``task`` whose cadence is the kind of ``period``."""
    recurring = task.recurring
    if not recurring:
        raise NotFoundError(
            f"nhiệm vụ {task.id} không có nghĩa vụ định kỳ nào nên không ghi theo kỳ được",
            "bỏ --period để ghi hoàn thành một mốc"
            if task.milestones
            else f'ghi tiến độ bằng ghi chú: caicach note {task.id} "nội dung"',
        )
    names = [f"{r.what} ({CADENCE_LABEL[r.every]})" for r in recurring]
    found = list(range(len(recurring)))
    if query is not None:
        found = _pick([r.what for r in recurring], query, "nghĩa vụ định kỳ")
        if not found:
            raise NotFoundError(
                f"nhiệm vụ {task.id} không có nghĩa vụ định kỳ nào khớp với '{query}'",
                "các nghĩa vụ định kỳ: " + _choices(names),
            )
    matching = [i for i in found if recurring[i].every == period.kind]
    if len(matching) == 1:
        return matching[0]
    if not matching:
        expected = "; ".join(
            f"{recurring[i].what}: {_period_example(recurring[i].every, period.year)}"
            for i in found
        )
        raise NotFoundError(
            f"kỳ '{period.key}' ({period.label}) không phải kỳ của nghĩa vụ định kỳ nào "
            f"của nhiệm vụ {task.id}",
            "ghi kỳ theo đúng chu kỳ: " + expected,
        )
    raise UsageError(
        f"nhiệm vụ {task.id} có nhiều nghĩa vụ {CADENCE_LABEL[period.kind]}; hãy chọn một",  # type: ignore[index]
        "dùng --milestone SỐ hoặc một phần tên: " + "; ".join(names[i] for i in matching),
    )


def _period_example(cadence: str, year: int) -> str:
    return {
        "month": f"{year}-01 … {year}-12",
        "quarter": f"{year}-Q1 … {year}-Q4",
        "half": f"{year}-H1, {year}-H2",
        "year": f"{year}",
    }[cadence]


def _occurrence_key(recurrence: Recurrence, period: Period) -> str | None:
    """The key under which ``period`` is recorded (the file may write it as 2024-q1)."""
    for key in recurrence.done:
        try:
            if parse_period(key) == period:
                return key
        except ValueError:  # pragma: no cover - validated plan
            continue
    return None


def clean_note(text: str) -> str:
    """A note as it will be stored: one line, NFC, single spaces; refused when empty or when it
    holds characters a plan file may not contain."""
    cleaned = nfc(" ".join(text.split()))
    if not cleaned:
        raise UsageError("nội dung ghi chú đang để trống", 'viết nội dung trong dấu nháy: "…"')
    problems = check_characters(cleaned, "ghi chú")
    if problems:
        raise UsageError(f"ghi chú có {problems[0].message}", problems[0].hint)
    return cleaned


# --- the edit session ----------------------------------------------------------------------


@dataclass(frozen=True)
class ChangedLine:
    """One line added (``+``, numbered in the new file) or removed (``-``, numbered in the old)."""

    sign: str
    number: int
    text: str


@dataclass(frozen=True)
class Recorded:
    """What was written, for the command to tell the clerk."""

    display: str
    task: Task
    action: Action
    what: str
    day: date | None = None
    period: Period | None = None
    previous: date | None = None
    note: str | None = None
    lines: tuple[ChangedLine, ...] = ()


class _Session:
    """One plan file being edited: the old bytes and plan, the text being changed."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.display = str(path)
        self.raw = read_bytes(path, self.display)
        self.plan, _ = plan_from_bytes(self.raw, self.display)
        self.text = PlanText(self.raw)
        self.expected = self.plan.model_copy(deep=True)

    def task(self, task_id: str) -> TaskRef:
        ref = find_task(self.plan, task_id)
        if ref is None:
            raise _unknown_task([self.plan], task_id)
        return ref

    def expected_task(self, ref: TaskRef) -> Task:
        if ref.path[0] == "reporting":
            return self.expected.reporting[int(ref.path[1])]
        return self.expected.sections[int(ref.path[1])].tasks[int(ref.path[3])]

    def node(self, path: PathKey) -> yaml.Node:
        return _node_at(self.text.compose(), path)

    def check_year(self, day: date, force: bool, what: str) -> None:
        if day.year != self.plan.year and not force:
            raise RecordError(
                f"ngày {format_day(day)} ({what}) nằm ngoài năm kế hoạch {self.plan.year}",
                "kiểm tra lại năm; nếu đúng là như vậy (ví dụ báo cáo năm gửi đầu năm sau), "
                "thêm --force",
            )

    def save(self) -> tuple[ChangedLine, ...]:
        """Validate the edited text, check it means exactly the intended change, write it."""
        new_raw = self.text.to_bytes()
        try:
            new_plan, _ = plan_from_bytes(new_raw, self.display)
        except PlanError as err:
            raise RecordError(
                f"sau khi sửa, tệp {self.display} sẽ không hợp lệ nên chưa ghi gì; tệp giữ nguyên",
                "báo lỗi này cho người bảo trì, kèm dòng sau: " + err.problems[0].render(),
            ) from None
        if new_plan.model_dump() != self.expected.model_dump():
            raise RecordError(
                f"không sửa an toàn được tệp {self.display} (kết quả khác với điều cần ghi); "
                "tệp giữ nguyên",
                "ghi tay vào tệp kế hoạch và báo cho người bảo trì",
            )
        if read_bytes(self.path, self.display) != self.raw:
            raise RecordError(
                f"tệp {self.display} vừa bị một chương trình khác sửa; chưa ghi gì",
                "lưu và đóng tệp trong trình soạn thảo rồi chạy lại lệnh",
            )
        write_atomic(self.path, new_raw)
        return changed_lines(PlanText(self.raw).lines, self.text.lines)


def changed_lines(old: list[str], new: list[str]) -> tuple[ChangedLine, ...]:
    changes: list[ChangedLine] = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag in ("delete", "replace"):
            changes += [ChangedLine("-", i + 1, old[i]) for i in range(i1, i2)]
        if tag in ("insert", "replace"):
            changes += [ChangedLine("+", j + 1, new[j]) for j in range(j1, j2)]
    return tuple(changes)


# --- public operations ---------------------------------------------------------------------


def mark_done(
    path: Path,
    task_id: str,
    *,
    day: date,
    milestone: str | None = None,
    period: Period | None = None,
    note: str | None = None,
    force: bool = False,
) -> Recorded:
    """Record that a milestone (or, with ``period``, one occurrence of a recurring obligation)
    of task ``task_id`` was done on ``day``; ``note`` says how (milestones only)."""
    session = _Session(path)
    ref = session.task(task_id)
    if period is not None:
        if note is not None:
            raise UsageError(
                "--note chỉ dùng cho mốc; kỳ của nghĩa vụ định kỳ không có trường ghi chú",
                f'ghi chú riêng bằng lệnh: caicach note {ref.task.id} "nội dung" '
                f"--date {day.isoformat()}",
            )
        return _done_occurrence(session, ref, period, milestone, day, force)
    return _done_milestone(session, ref, milestone, day, note, force)


def mark_undone(
    path: Path, task_id: str, *, milestone: str | None = None, period: Period | None = None
) -> Recorded:
    """Remove a recorded completion (and, for a milestone, its ``note``)."""
    session = _Session(path)
    ref = session.task(task_id)
    if period is not None:
        return _undo_occurrence(session, ref, period, milestone)
    return _undo_milestone(session, ref, milestone)


def _done_milestone(
    session: _Session, ref: TaskRef, query: str | None, day: date, note: str | None, force: bool
) -> Recorded:
    index = choose_milestone(ref.task, query, want_open=True)
    current: Milestone = ref.task.milestones[index]
    if current.done is not None and not force:
        raise RecordError(
            f"mốc “{current.what}” của nhiệm vụ {ref.task.id} đã ghi hoàn thành ngày "
            f"{format_day(current.done)}",
            f"để sửa ngày, thêm --force; để bỏ ghi nhận: caicach done {ref.task.id} --undo",
        )
    session.check_year(day, force, "ngày hoàn thành")
    text_note = clean_note(note) if note is not None else None
    expected = session.expected_task(ref).milestones[index]
    expected.done = day
    if text_note is not None:
        expected.note = text_note
    path = (*ref.path, "milestones", index)
    mapping = session.node(path)
    found = _entry(mapping, "done")
    if found is not None:
        _set_scalar(session.text, found[2], day.isoformat(), "ngày hoàn thành")
    else:
        value = day.isoformat()
        _insert_entry(session.text, mapping, [f"done: {value}"], f"done: {value}", after="due")
    if text_note is not None:
        mapping = session.node(path)
        existing = _entry(mapping, "note")
        if existing is not None:
            _set_scalar(session.text, existing[2], scalar(text_note, flow=False), "ghi chú")
        else:
            _insert_entry(
                session.text,
                mapping,
                [f"note: {scalar(text_note, flow=False)}"],
                f"note: {scalar(text_note, flow=True)}",
                after="done",
            )
    return Recorded(
        session.display,
        ref.task,
        "done",
        current.what,
        day=day,
        previous=current.done,
        note=text_note,
        lines=session.save(),
    )


def _undo_milestone(session: _Session, ref: TaskRef, query: str | None) -> Recorded:
    index = choose_milestone(ref.task, query, want_open=False)
    current = ref.task.milestones[index]
    if current.done is None:
        raise RecordError(
            f"mốc “{current.what}” của nhiệm vụ {ref.task.id} chưa ghi hoàn thành nên không có "
            "gì để bỏ",
            "xem các mốc đã ghi bằng: caicach diff hoặc mở tệp kế hoạch",
        )
    expected = session.expected_task(ref).milestones[index]
    expected.done = None
    expected.note = None
    path = (*ref.path, "milestones", index)
    if current.note is not None:
        _remove_entry(session.text, session.node(path), "note")
    _remove_entry(session.text, session.node(path), "done")
    return Recorded(
        session.display,
        ref.task,
        "undone",
        current.what,
        previous=current.done,
        note=current.note,
        lines=session.save(),
    )


def _done_occurrence(
    session: _Session, ref: TaskRef, period: Period, query: str | None, day: date, force: bool
) -> Recorded:
    _check_period_year(session.plan, period)
    index = choose_recurrence(ref.task, period, query)
    current = ref.task.recurring[index]
    key = _occurrence_key(current, period)
    if key is not None and not force:
        raise RecordError(
            f"“{current.what}” {period.label} của nhiệm vụ {ref.task.id} đã ghi làm xong ngày "
            f"{format_day(current.done[key])}",
            "để sửa ngày, thêm --force; để bỏ ghi nhận: caicach done "
            f"{ref.task.id} --period {period.key} --undo",
        )
    session.check_year(day, force, "ngày làm xong")
    opens = period.official_window()[0]
    if day < opens and not force:
        raise RecordError(
            f"ngày {format_day(day)} là trước khi {period.label} bắt đầu (số liệu của kỳ này "
            f"tính từ ngày {format_day(opens)})",
            "kiểm tra lại kỳ (--period) hoặc ngày (--date); nếu đúng là như vậy, thêm --force",
        )
    expected = session.expected_task(ref).recurring[index]
    expected.done = {k: v for k, v in expected.done.items() if k != key}
    expected.done[key or period.key] = day
    path = (*ref.path, "recurring", index)
    mapping = session.node(path)
    value = day.isoformat()
    done = _entry(mapping, "done")
    if done is None:
        step, _ = _step(session.text.compose(), session.text)
        _insert_entry(
            session.text,
            mapping,
            ["done:", " " * step + f"{period.key}: {value}"],
            f"done: {{{period.key}: {value}}}",
        )
    elif key is not None:
        found = _entry(done[2], key)
        assert found is not None
        _set_scalar(session.text, found[2], value, "ngày làm xong")
    else:
        later = sorted(
            (parse_period(k).start, k) for k in current.done if parse_period(k).start > period.start
        )
        _insert_entry(
            session.text,
            done[2],
            [f"{period.key}: {value}"],
            f"{period.key}: {value}",
            before=later[0][1] if later else None,
        )
    return Recorded(
        session.display,
        ref.task,
        "done",
        current.what,
        day=day,
        period=period,
        previous=current.done.get(key) if key else None,
        lines=session.save(),
    )


def _undo_occurrence(
    session: _Session, ref: TaskRef, period: Period, query: str | None
) -> Recorded:
    _check_period_year(session.plan, period)
    index = choose_recurrence(ref.task, period, query)
    current = ref.task.recurring[index]
    key = _occurrence_key(current, period)
    if key is None:
        raise RecordError(
            f"“{current.what}” {period.label} của nhiệm vụ {ref.task.id} chưa được ghi nên "
            "không có gì để bỏ",
            "các kỳ đã ghi: " + (", ".join(current.done) or "chưa có kỳ nào"),
        )
    expected = session.expected_task(ref).recurring[index]
    expected.done = {k: v for k, v in expected.done.items() if k != key}
    path = (*ref.path, "recurring", index)
    mapping = session.node(path)
    if len(current.done) == 1:
        _remove_entry(session.text, mapping, "done")
    else:
        _remove_entry(session.text, _node_at(mapping, ("done",)), key)
    return Recorded(
        session.display,
        ref.task,
        "undone",
        current.what,
        period=period,
        previous=current.done[key],
        lines=session.save(),
    )


def _check_period_year(plan: Plan, period: Period) -> None:
    if period.year != plan.year:
        raise NotFoundError(
            f"kỳ '{period.key}' ({period.label}) không thuộc năm kế hoạch {plan.year}",
            f"ghi kỳ của năm {plan.year}, ví dụ {plan.year}-Q1",
        )


def add_note(path: Path, task_id: str, text: str, *, day: date, force: bool = False) -> Recorded:
    """Add a dated progress note ``{date: …, text: …}`` to the task's ``notes``."""
    session = _Session(path)
    ref = session.task(task_id)
    cleaned = clean_note(text)
    for existing in ref.task.notes:
        if existing.date == day and existing.text == cleaned and not force:
            raise RecordError(
                f"nhiệm vụ {ref.task.id} đã có ghi chú này ngày {format_day(day)}",
                "không cần ghi lại; thêm --force nếu thật sự muốn ghi hai lần",
            )
    session.check_year(day, force, "ngày của ghi chú")
    session.expected_task(ref).notes.append(Note(date=day, text=cleaned))
    item = f"{{date: {day.isoformat()}, text: {scalar(cleaned, flow=True)}}}"
    mapping = session.node(ref.path)
    notes = _entry(mapping, "notes")
    if notes is None:
        _, offset = _step(session.text.compose(), session.text)
        _insert_entry(
            session.text, mapping, ["notes:", " " * offset + "- " + item], f"notes: [{item}]"
        )
    else:
        _append_item(session.text, notes[2], item)
    return Recorded(
        session.display,
        ref.task,
        "note_added",
        cleaned,
        day=day,
        note=cleaned,
        lines=session.save(),
    )


def remove_note(path: Path, task_id: str, text: str, *, day: date | None = None) -> Recorded:
    """Remove the one note of the task matching ``text`` (and ``day`` when given)."""
    session = _Session(path)
    ref = session.task(task_id)
    notes = ref.task.notes
    candidates = [i for i, n in enumerate(notes) if day is None or n.date == day]
    names = [notes[i].text for i in candidates]
    picked = [candidates[i] for i in _pick(names, text, "ghi chú")] if names else []
    listing = "; ".join(f"{format_day(n.date)}: {n.text}" for n in notes) or "chưa có ghi chú"
    if not picked:
        raise NotFoundError(
            f"nhiệm vụ {ref.task.id} không có ghi chú nào khớp với '{text}'"
            + (f" ngày {format_day(day)}" if day else ""),
            "các ghi chú: " + listing,
        )
    if len(picked) > 1:
        raise UsageError(
            f"có {len(picked)} ghi chú khớp với '{text}'; hãy chọn một",
            "thêm --date hoặc viết đầy đủ hơn; các ghi chú: " + listing,
        )
    index = picked[0]
    removed = notes[index]
    del session.expected_task(ref).notes[index]
    mapping = session.node(ref.path)
    if len(notes) == 1:
        _remove_entry(session.text, mapping, "notes")
    else:
        _remove_item(session.text, _node_at(mapping, ("notes",)), index)
    return Recorded(
        session.display,
        ref.task,
        "note_removed",
        removed.text,
        day=removed.date,
        note=removed.text,
        lines=session.save(),
    )
