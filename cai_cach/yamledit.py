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
from dataclasses import dataclass
from typing import NamedTuple

import yaml

from cai_cach.errors import RecordError
from cai_cach.yamlsource import PathKey

try:  # the same parser as the loading path; only node positions are used
    from yaml import CSafeLoader as _Composer
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Composer  # type: ignore[assignment]

BOM = b"\xef\xbb\xbf"
_BREAK = re.compile(r"\r\n|\r|\n")

Position = tuple[int, int]  # 0-based line and column (in characters) of the file's text


# --- the file as lines ---------------------------------------------------------------------


class YamlText:
    """The text of a YAML file as lines, each remembering its own line ending."""

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


def changed_lines(old: list[str], new: list[str]) -> tuple[ChangedLine, ...]:
    changes: list[ChangedLine] = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag in ("delete", "replace"):
            changes += [ChangedLine("-", i + 1, old[i]) for i in range(i1, i2)]
        if tag in ("insert", "replace"):
            changes += [ChangedLine("+", j + 1, new[j]) for j in range(j1, j2)]
    return tuple(changes)
