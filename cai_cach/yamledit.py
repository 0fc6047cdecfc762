"""Edit YAML text at node positions, keeping every other byte of the file as it was.

The text is split into lines (each keeps its own line ending, a BOM is remembered), nodes are
located with the start and end marks of PyYAML's composer (the same libyaml parser the loading
path uses), and text is inserted or removed at those positions: a new entry in a block or flow
mapping, a new item in a block or flow sequence, a scalar replaced, an entry or item removed.
Comments, key order, quoting, blank lines and CRLF line ends stay untouched. This module knows
nothing of plans: ``record`` decides what to write.
"""

from __future__ import annotations

import difflib
import json
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, NamedTuple

import yaml

from cai_cach.errors import RecordError
from cai_cach.yamlsource import PathKey

try:  # the same parser as the loading path; only node positions are used
    from yaml import CSafeLoader as _Composer
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Composer  # type: ignore[assignment]

BOM = b"\xef\xbb\xbf"
_BREAK = re.compile(r"(\r\n|\r|\n)")

Position = tuple[int, int]  # 0-based line and column (in characters) of the file's text


# --- the file as lines ---------------------------------------------------------------------


class YamlText:
    """The text of a YAML file as lines, each remembering its own line ending."""

    def __init__(self, raw: bytes) -> None:
        self.bom = raw.startswith(BOM)
        text = (raw[len(BOM) :] if self.bom else raw).decode("utf-8")
        parts = _BREAK.split(text)  # line, its ending, line, its ending, …, last line
        self.lines: list[str] = parts[0::2]
        self.ends: list[str] = [*parts[1::2], ""]
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


# --- composing only what an edit needs -----------------------------------------------------
# ``compose`` builds the whole file's node tree: seconds on a plan of thousands of tasks. An
# edit touches one block sequence item, so that item's lines are composed alone, and the
# file's indentation is read from the events of the root mapping's entries; both fall back to
# the whole tree when the file is written in a way these shortcuts do not cover.


def _indent(line: str) -> int | None:
    """The indentation of a line holding YAML content (``None``: blank or comment only)."""
    content = line.lstrip(" ")
    if not content or content.startswith("#"):
        return None
    return len(line) - len(content)


def _shifted(node: yaml.Node, lines: int) -> None:
    """Move the marks of ``node`` and everything under it down by ``lines``."""
    stack = [node]
    while stack:
        current = stack.pop()
        for name in ("start_mark", "end_mark"):
            mark = getattr(current, name)
            moved = yaml.Mark(mark.name, mark.index, mark.line + lines, mark.column, None, 0)
            setattr(current, name, moved)
        if isinstance(current, yaml.MappingNode):
            stack.extend(part for pair in current.value for part in pair)
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)


def compose_item(text: YamlText, key: str, value: str) -> yaml.MappingNode | None:
    """The block sequence item written ``- key: value`` (on the one line of the file that reads
    so), composed from its own lines with marks counted in the whole file; ``None`` when no
    single line reads so or the item's lines do not compose to exactly that item."""
    wanted = f"- {key}: {value}"
    found = [i for i, line in enumerate(text.lines) if wanted in line and line.strip() == wanted]
    if len(found) != 1:
        return None
    first = found[0]
    dash = text.lines[first].index("-")
    last = first
    for number in range(first + 1, len(text.lines)):
        indent = _indent(text.lines[number])
        if indent is None:
            continue
        if indent <= dash:
            break
        last = number
    try:
        root = yaml.compose("\n".join(text.lines[first : last + 1]), Loader=_Composer)
    except yaml.YAMLError:
        return None
    if not isinstance(root, yaml.SequenceNode) or len(root.value) != 1:
        return None
    item = root.value[0]
    entry = find_entry(item, key)
    if not isinstance(item, yaml.MappingNode) or entry is None or entry[0] != 0:
        return None
    if not isinstance(entry[2], yaml.ScalarNode) or entry[2].value != value or is_flow(item):
        return None
    _shifted(item, first)
    return item


def _root_indent_steps(text: YamlText) -> tuple[int | None, int | None] | None:
    """``indent_steps`` decided by the root mapping's own entries, read from the event stream
    (stopping as soon as both are known); ``None`` when the root is not a block mapping."""
    events = yaml.parse("\n".join(text.lines), Loader=_Composer)
    mapping_step: int | None = None
    dash_offset: int | None = None
    try:
        heads = [next(events) for _ in range(3)]
        if not isinstance(heads[2], yaml.MappingStartEvent) or heads[2].flow_style:
            return None
        event = next(events)
        while not isinstance(event, yaml.MappingEndEvent):
            key, value = event, next(events)
            if not isinstance(key, yaml.ScalarEvent):
                return None
            collection = value if isinstance(value, yaml.CollectionStartEvent) else None
            depth = 0 if collection is None else 1
            event = next(events)
            block = collection is not None and not collection.flow_style
            if block and not isinstance(event, yaml.CollectionEndEvent):
                assert value.start_mark is not None and key.start_mark is not None
                line, column = value.start_mark.line, value.start_mark.column
                if not text.lines[line][:column].strip():
                    offset = column - key.start_mark.column
                    mapping = isinstance(value, yaml.MappingStartEvent)
                    if mapping and offset > 0 and mapping_step is None:
                        mapping_step = offset
                    if not mapping and offset >= 0 and dash_offset is None:
                        dash_offset = offset
                if mapping_step is not None and dash_offset is not None:
                    return mapping_step, dash_offset
            while depth:
                if isinstance(event, yaml.CollectionStartEvent):
                    depth += 1
                elif isinstance(event, yaml.CollectionEndEvent):
                    depth -= 1
                event = next(events)
    except (StopIteration, yaml.YAMLError):
        return None
    return mapping_step, dash_offset


def plain_scalars(text: YamlText, wanted: Callable[[PathKey], bool]) -> list[tuple[PathKey, str]]:
    """The plain (unquoted) scalars of the file whose path ``wanted`` accepts, with their
    paths, in file order: read from the event stream, building no node tree."""
    found: list[tuple[PathKey, str]] = []
    frames: list[list[Any]] = []  # [path, next index] of a sequence, [path, key] of a mapping
    for event in yaml.parse("\n".join(text.lines), Loader=_Composer):
        if isinstance(event, yaml.CollectionEndEvent):
            frames.pop()
            continue
        if not isinstance(event, yaml.NodeEvent):
            continue
        path: PathKey = ()
        if frames:
            frame = frames[-1]
            if isinstance(frame[1], int):
                path = (*frame[0], frame[1])
                frame[1] += 1
            elif frame[1] is None:  # a key
                frame[1] = event.value if isinstance(event, yaml.ScalarEvent) else ""
                if isinstance(event, yaml.CollectionStartEvent):
                    frames.append([(*frame[0], "?"), None if _is_mapping(event) else 0])
                continue
            else:
                path, frame[1] = (*frame[0], frame[1]), None
        if isinstance(event, yaml.ScalarEvent):
            if not event.style and wanted(path):
                found.append((path, event.value))
        elif isinstance(event, yaml.CollectionStartEvent):
            frames.append([path, None if _is_mapping(event) else 0])
    return found


def _is_mapping(event: yaml.Event) -> bool:
    return isinstance(event, yaml.MappingStartEvent)


def file_indent_steps(text: YamlText) -> tuple[int, int]:
    """``indent_steps`` of the whole file, composing it only when its root mapping's entries
    do not show both steps."""
    found = _root_indent_steps(text)
    if found is not None and found[0] is not None and found[1] is not None:
        return found[0], found[1]
    return indent_steps(text.compose(), text)


# --- locating nodes ------------------------------------------------------------------------


def start_of(node: yaml.Node) -> Position:
    return node.start_mark.line, node.start_mark.column


def end_of(node: yaml.Node, text: YamlText) -> Position:
    """Where the text of ``node`` ends (block collections end at their last scalar, not at the
    next token, which may lie after comments and blank lines)."""
    if isinstance(node, yaml.ScalarNode):
        if node.style in ("|", ">"):
            line = node.end_mark.line - (1 if node.end_mark.column == 0 else 0)
            while line > node.start_mark.line and not text.lines[line].strip():
                line -= 1
            return line, len(text.lines[line])
        return node.end_mark.line, node.end_mark.column
    if is_flow(node) or not node.value:
        return node.end_mark.line, node.end_mark.column
    last = node.value[-1]
    return end_of(last[1] if isinstance(node, yaml.MappingNode) else last, text)


class Entry(NamedTuple):
    """One entry of a mapping node, found by its key."""

    position: int  # its place among the mapping's entries
    key: yaml.Node
    value: yaml.Node


def find_entry(mapping: yaml.Node, key: str) -> Entry | None:
    if not isinstance(mapping, yaml.MappingNode):
        return None
    for index, (key_node, value_node) in enumerate(mapping.value):
        if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
            return Entry(index, key_node, value_node)
    return None


def node_at(root: yaml.Node, path: PathKey) -> yaml.Node:
    node = root
    for part in path:
        if isinstance(part, int):
            if not isinstance(node, yaml.SequenceNode):  # pragma: no cover - validated plan
                raise RecordError(f"không tìm thấy vị trí {part} trong tệp")
            node = node.value[part]
        else:
            found = find_entry(node, part)
            if found is None:  # pragma: no cover - validated plan
                raise RecordError(f"không tìm thấy trường '{part}' trong tệp")
            node = found.value
    return node


def starts_line(text: YamlText, node: yaml.Node) -> bool:
    line, column = start_of(node)
    return not text.lines[line][:column].strip()


def rest_is_blank(text: YamlText, position: Position) -> bool:
    line, column = position
    rest = text.lines[line][column:].strip()
    return not rest or rest.startswith("#")


def layout_error(text_line: int, what: str) -> RecordError:
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


def is_flow(node: yaml.Node) -> bool:
    return isinstance(node, yaml.CollectionNode) and bool(node.flow_style)


def indent_steps(root: yaml.Node, text: YamlText) -> tuple[int, int]:
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
            block = isinstance(value_node, yaml.CollectionNode) and not is_flow(value_node)
            if not (block and value_node.value and starts_line(text, value_node)):
                continue
            offset = value_node.start_mark.column - key_node.start_mark.column
            if isinstance(value_node, yaml.MappingNode) and offset > 0 and mapping_step is None:
                mapping_step = offset
            if isinstance(value_node, yaml.SequenceNode) and offset >= 0 and dash_offset is None:
                dash_offset = offset
    return mapping_step or 2, 2 if dash_offset is None else dash_offset


# --- edits of mappings and sequences -------------------------------------------------------


def set_scalar(text: YamlText, value_node: yaml.Node, value: str, what: str) -> None:
    if not isinstance(value_node, yaml.ScalarNode):
        raise layout_error(value_node.start_mark.line, what)
    start, end = start_of(value_node), end_of(value_node, text)
    if start == end:  # "key:" with nothing after it
        value = " " + value
    text.replace(start, end, value)


def insert_entry(
    text: YamlText,
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
        raise layout_error(mapping.start_mark.line, "bảng các trường")
    entries = mapping.value
    following = find_entry(mapping, before) if before is not None else None
    anchor = find_entry(mapping, after) if after is not None else None
    if is_flow(mapping):
        if not entries:
            line, column = start_of(mapping)
            text.replace((line, column + 1), (line, column + 1), flow)
        elif following is not None:
            position = start_of(following.key)
            text.replace(position, position, flow + ", ")
        else:
            position = end_of(anchor.value if anchor else entries[-1][1], text)
            text.replace(position, position, ", " + flow)
        return
    indent = " " * entries[0][0].start_mark.column
    lines = [indent + line for line in block]
    if following is not None:
        if not starts_line(text, following.key):
            raise layout_error(following.key.start_mark.line, f"trường '{before}'")
        text.insert_before(following.key.start_mark.line, lines)
        return
    line, _ = end_of(anchor.value if anchor else entries[-1][1], text)
    text.insert_after(line, lines)


def remove_entry(text: YamlText, mapping: yaml.Node, key: str) -> None:
    found = find_entry(mapping, key)
    if found is None or not isinstance(mapping, yaml.MappingNode):  # pragma: no cover
        raise RecordError(f"không có trường '{key}' để xóa")
    index, key_node, value_node = found
    entries = mapping.value
    end = end_of(value_node, text)
    if is_flow(mapping):
        if index > 0:
            start = end_of(entries[index - 1][1], text)
        elif len(entries) > 1:
            start, end = start_of(key_node), start_of(entries[1][0])
        else:
            start = start_of(key_node)
        text.replace(start, end, "")
        return
    if not starts_line(text, key_node) or not rest_is_blank(text, end):
        raise layout_error(key_node.start_mark.line, f"trường '{key}'")
    text.delete_lines(key_node.start_mark.line, end[0])


def append_item(text: YamlText, sequence: yaml.Node, item: str) -> None:
    if not isinstance(sequence, yaml.SequenceNode):  # pragma: no cover - validated plan
        raise layout_error(sequence.start_mark.line, "danh sách")
    if is_flow(sequence):
        if not sequence.value:
            line, column = start_of(sequence)
            text.replace((line, column + 1), (line, column + 1), item)
        else:
            position = end_of(sequence.value[-1], text)
            text.replace(position, position, ", " + item)
        return
    line, _ = end_of(sequence.value[-1], text)
    text.insert_after(line, [" " * sequence.start_mark.column + "- " + item])


def add_to_list(text: YamlText, mapping: yaml.Node, key: str, item: str) -> None:
    """Append the flow-style ``item`` to the list ``key`` of ``mapping``, starting the list
    (in the file's own indentation) when the mapping has none yet."""
    found = find_entry(mapping, key)
    if found is not None:
        append_item(text, found[2], item)
        return
    _, offset = file_indent_steps(text)
    insert_entry(text, mapping, [f"{key}:", " " * offset + "- " + item], f"{key}: [{item}]")


def remove_item(text: YamlText, sequence: yaml.Node, index: int) -> None:
    if not isinstance(sequence, yaml.SequenceNode):  # pragma: no cover - validated plan
        raise layout_error(sequence.start_mark.line, "danh sách")
    items = sequence.value
    node = items[index]
    end = end_of(node, text)
    if is_flow(sequence):
        if index > 0:
            start = end_of(items[index - 1], text)
        elif len(items) > 1:
            start, end = start_of(node), start_of(items[1])
        else:
            start = start_of(node)
        text.replace(start, end, "")
        return
    line, column = start_of(node)
    if text.lines[line][:column].strip() != "-" or not rest_is_blank(text, end):
        raise layout_error(line, "mục của danh sách")
    text.delete_lines(line, end[0])


@dataclass(frozen=True)
class ChangedLine:
    """One line added (``+``, numbered in the new file) or removed (``-``, numbered in the old)."""

    sign: str
    number: int
    text: str


def _common_prefix(old: list[str], new: list[str], limit: int) -> int:
    count = 0
    while count < limit and old[count] == new[count]:
        count += 1
    return count


def _common_suffix(old: list[str], new: list[str], limit: int) -> int:
    count = 0
    while count < limit and old[-1 - count] == new[-1 - count]:
        count += 1
    return count


def changed_lines(old: list[str], new: list[str]) -> tuple[ChangedLine, ...]:
    """The lines removed from ``old`` and added in ``new``, as ``difflib`` reports them.

    ``difflib.SequenceMatcher`` is quadratic in the file's length (on 100,000 lines a one-line
    edit took minutes), so the unchanged head and tail are matched first, in linear time, and
    only the changed middle goes through ``difflib``. Its matcher takes the longest common
    block first, preferring the earliest on a tie: the longer of head and tail is therefore
    kept whole and the other trimmed where they would overlap, as it would have done."""
    shortest = min(len(old), len(new))
    head = _common_prefix(old, new, shortest)
    tail = _common_suffix(old, new, shortest)
    if head >= tail:
        tail = min(tail, shortest - head)
    else:
        head = min(head, shortest - tail)
    middle_old, middle_new = old[head : len(old) - tail], new[head : len(new) - tail]
    changes: list[ChangedLine] = []
    matcher = difflib.SequenceMatcher(None, middle_old, middle_new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag in ("delete", "replace"):
            changes += [ChangedLine("-", head + i + 1, middle_old[i]) for i in range(i1, i2)]
        if tag in ("insert", "replace"):
            changes += [ChangedLine("+", head + j + 1, middle_new[j]) for j in range(j1, j2)]
    return tuple(changes)
