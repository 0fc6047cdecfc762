"""The body of a document as a tree of numbered blocks, whatever the numbering scheme.

A block opens at a numbered or bulleted line — A./B./C., I./II., 1./2., 1.1./1.2., 1.1.1.,
a)/b)/đ), "-", "+", "•" (typed, or rendered from Word's list numbering by the reader). Its
depth comes from the order the schemes appear in: a scheme already open closes the blocks
below it (a sibling), a new one opens a child. Field lines ("Chủ trì: …") and plain
paragraphs belong to the innermost open block; tables too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from cai_cach.docreading import TableBlock
from cai_cach.importing.fields import fields_of, inline_fields
from cai_cach.text import fold

_LABEL = re.compile(
    r"^(?:[-+•·–]\s+)?(?P<label>"
    r"(?:[A-H]|[IVX]+)[./)]"  # A. B. / I. II.
    r"|\d+(?:\.\d+)+\.?"  # 1.1 1.1.1.
    r"|\d+[.)/]"  # 1. 1) 1/
    r"|\(\d+\)"  # (1)
    r"|[a-zđ][)/.]"  # a) b/ đ.
    r")\s+(?=\S)"
)
_BULLET = re.compile(r"^(?P<label>[-+•·–*])\s+(?=\S)")
_ROMAN = re.compile(r"^[IVX]+$")
_APPENDIX = re.compile(r"^phu luc\b")


@dataclass
class Block:
    """A numbered block: its label as written, the scheme of that label, its text."""

    label: str
    style: str
    title: str
    fields: list[tuple[str, str]] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    tables: list[TableBlock] = field(default_factory=list)
    children: list[Block] = field(default_factory=list)
    parent: Block | None = field(default=None, repr=False)
    order: int = 0  # position in the document, for keeping tables and text in order
    joined: bool = False  # the title continues on a second paragraph

    @property
    def key(self) -> str:
        """The label without its punctuation: "1.1", "a", "II"; "" for bullets."""
        if self.style in ("dash", "plus", "para", "chapter", "appendix"):
            return ""
        return self.label.strip("().").rstrip(".)/")

    def has_fields(self) -> bool:
        return bool(self.fields) or any(child.has_fields() for child in self.children)

    def walk(self) -> list[Block]:
        found: list[Block] = []
        stack = [self]
        while stack:
            block = stack.pop()
            found.append(block)
            stack.extend(reversed(block.children))
        return found


_CHAPTER = re.compile(
    r"^(?P<label>(?i:phần)\s+(?:(?i:thứ)\s+)?(?i:nhất|hai|ba|tư|bốn|năm|sáu|bảy|[IVX]+|\d+))"
    r"\b\s*[.:\-–]?\s*"
)


def split_label(line: str) -> tuple[str, str, str]:
    """(label, style, rest): "1.2. Rà soát" → ("1.2.", "dotted2", "Rà soát"); "Phần thứ
    hai" is a part of its own ("chapter"), its title on the same or the next line."""
    chapter = _CHAPTER.match(line)
    if chapter:
        return chapter["label"], "chapter", line[chapter.end() :]
    match = _LABEL.match(line)
    if match:
        label = match["label"]
        return label, style_of(label), line[match.end() :]
    bullet = _BULLET.match(line)
    if bullet:
        mark = bullet["label"]
        return mark, "plus" if mark == "+" else "dash", line[bullet.end() :]
    return "", "", line


def style_of(label: str) -> str:
    key = label.strip("()").rstrip(".)/")
    if re.fullmatch(r"\d+(?:\.\d+)+", key):
        return f"dotted{key.count('.') + 1}"
    if key.isdigit():
        return "paren" if label.startswith("(") else "number"
    if _ROMAN.match(key):
        return "roman"
    if re.fullmatch(r"[A-H]", key):
        return "part"
    return "letter"


def build_tree(lines: list[str | TableBlock]) -> Block:
    """The root block (no label) holding the document's blocks."""
    root = Block("", "root", "")
    stack: list[Block] = [root]
    for position, line in enumerate(lines):
        top = stack[-1]
        if isinstance(line, TableBlock):
            top.tables.append(line)
            continue
        found = fields_of(line)
        if found:
            top.fields.extend(found)
            continue
        label, style, rest = split_label(line)
        if not label and _APPENDIX.match(fold(line)):
            del stack[1:]  # an appendix starts a part of its own
            _push(stack, Block("", "appendix", line, order=position))
            continue
        continues = top is not root and not (top.fields or top.texts or top.children)
        if not label and top.style == "chapter" and not top.title:
            top.title = line  # "Phần thứ hai" / "NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH"
            continue
        if not label and line[:1].islower() and continues:
            top.title = f"{top.title} {line}"
            top.joined = True
            continue
        if not label and line[:1].islower() and top.texts and not top.children:
            top.texts[-1] = f"{top.texts[-1]} {line}"
            continue
        if not label:
            if _fields_next(lines, position + 1):
                # an unnumbered task: a sibling of the task before it
                while len(stack) > 1 and (stack[-1].fields or stack[-1].style == "para"):
                    stack.pop()
                block = Block("", "para", line, order=position)
                _push(stack, block)
            else:
                top.texts.append(line)
            continue
        at = _sibling_of(stack, style, label, lines, position + 1)
        if at is not None:
            del stack[at:]
        title, inline = inline_fields(rest)
        block = Block(label, style, title, fields=inline, order=position)
        _push(stack, block)
    return root


_LETTER_ORDER = "abcdđefghiklmnopqrstuvxy"
_ROMAN_VALUE = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def ordinal(label: str) -> int | None:
    """The place of a label in its list: "3." → 3, "c)" → 4 ("đ" counts), "IV." → 4,
    "1.2." → 2; None for bullets."""
    key = label.strip("().").rstrip(".)/")
    if not key or key in "-+•·–*":
        return None
    last = key.split(".")[-1]
    if last.isdigit():
        return int(last)
    if _ROMAN.match(last):
        values = [_ROMAN_VALUE[ch] for ch in last]
        return sum(
            -v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values)
        )
    if last.lower() in _LETTER_ORDER:
        return _LETTER_ORDER.index(last.lower()) + 1
    return None


def _sibling_of(
    stack: list[Block], style: str, label: str, lines: list[str | TableBlock], following: int
) -> int | None:
    """The stack index of the block a new label is a sibling of (closing it and all below), or
    None for a child of the innermost block. The same scheme may number two levels ("2. Cải
    cách chế độ công vụ" over "1. Xây dựng kế hoạch"): a list restarting at 1 opens a child; a
    label continuing a list is a sibling of the block it continues — the innermost one when
    field lines follow it (a task), else the outermost."""
    candidates = [i for i in range(1, len(stack)) if stack[i].style == style]
    if not candidates:
        return None
    number = ordinal(label)
    if number is None:
        return candidates[-1]
    if number == 1 and all(ordinal(stack[i].label) is not None for i in candidates):
        return None
    continuing = [i for i in candidates if ordinal(stack[i].label) == number - 1]
    if not continuing:
        return candidates[-1]
    if len(continuing) == 1:
        return continuing[0]
    return continuing[-1] if _fields_next(lines, following) else continuing[0]


def _push(stack: list[Block], block: Block) -> None:
    block.parent = stack[-1]
    stack[-1].children.append(block)
    stack.append(block)


def _fields_next(lines: list[str | TableBlock], index: int) -> bool:
    """Whether the next line is a field line (so the paragraph before it heads a task)."""
    if index >= len(lines):
        return False
    following = lines[index]
    return isinstance(following, str) and bool(fields_of(following))


def is_roman(key: str) -> bool:
    return bool(_ROMAN.match(key))
