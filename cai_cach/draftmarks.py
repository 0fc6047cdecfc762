"""The review marks of a draft plan, read back from the YAML text.

A draft written by ``caicach import`` (or ``caicach new``) carries two kinds of comments:
``# xem lại: <why>`` (a guess to check) and ``# chưa xếp: <text>`` (document text that fitted
nowhere). They are comments, so the plan model never sees them; this module finds them in the
text — only real comments: a ``#`` inside a quoted or block scalar is text, not a mark — with
their line and column, and tells which YAML node each one belongs to (``owners``), so that the
spreadsheet can show a mark beside the cell it is about. This module knows nothing of plans.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from cai_cach.text import nfc

if TYPE_CHECKING:  # PyYAML is imported only to read a file's marks: a cached plan needs none
    import yaml

    from cai_cach.yamlsource import PathKey

REVIEW = "xem lại"
UNPLACED = "chưa xếp"
KINDS = (REVIEW, UNPLACED)

_BREAK = re.compile(r"\r\n|\r|\n")
# "# xem lại: …" or "# chưa xếp: …" (any case, spaces around the colon allowed)
_MARK = re.compile(r"#\s*(xem lại|chưa xếp)\s*:\s?(.*)$", re.IGNORECASE)
# the bytes every mark contains, in NFC and in NFD (a file saved decomposed is read as NFC)
_NEEDLES = (
    b"xem l",
    b"XEM L",
    b"Xem l",
    b"ch\xc6\xb0a",
    b"chu\xcc\x9ba",
    b"CH\xc6\xafA",
    b"Ch\xc6\xb0a",
)


@dataclass(frozen=True)
class DraftMark:
    """One review mark: its kind (``REVIEW`` or ``UNPLACED``), its text, where its ``#`` is
    (1-based line and column) and whether it follows a value on the same line."""

    kind: str
    text: str
    line: int
    column: int
    trailing: bool = False

    @property
    def is_review(self) -> bool:
        return self.kind == REVIEW

    def as_plain(self) -> list[Any]:
        """The mark as JSON-ready data (for the plan cache)."""
        return [self.kind, self.text, self.line, self.column, self.trailing]


def from_plain(value: Any) -> tuple[DraftMark, ...]:
    """Marks stored by ``as_plain``; raise ``TypeError`` on anything else."""
    if not isinstance(value, list):
        raise TypeError("draft marks: not a list")
    marks = []
    for item in value:
        if not (isinstance(item, list) and len(item) == 5):
            raise TypeError("draft marks: bad entry")
        kind, text, line, column, trailing = item
        if kind not in KINDS or not isinstance(text, str):
            raise TypeError("draft marks: bad kind or text")
        if not (isinstance(line, int) and isinstance(column, int) and isinstance(trailing, bool)):
            raise TypeError("draft marks: bad position")
        marks.append(DraftMark(kind, text, line, column, trailing))
    return tuple(marks)


def lines_of(text: str) -> list[str]:
    """The text's lines as YAML counts them (``\\r\\n``, ``\\r`` or ``\\n`` ends a line)."""
    return _BREAK.split(text)


def may_have_marks(raw: bytes) -> bool:
    """Whether the bytes of a file can hold a mark at all (a cheap test before reading)."""
    return b"#" in raw and any(needle in raw for needle in _NEEDLES)


def marks_in_bytes(raw: bytes) -> tuple[DraftMark, ...]:
    """``marks_in`` of a file's bytes (UTF-8, an optional BOM); none if they do not decode."""
    if not may_have_marks(raw):
        return ()
    try:
        text = raw.removeprefix(b"\xef\xbb\xbf").decode("utf-8")
    except UnicodeDecodeError:
        return ()
    return marks_in(nfc(text))


# The start of every mark ``_MARK`` finds in a line (so a text it is not in holds no mark).
_MARK_START = re.compile(r"#\s*(?:xem lại|chưa xếp)", re.IGNORECASE)


def marks_in_decoded(raw: bytes, text: str) -> tuple[DraftMark, ...]:
    """``marks_in_bytes(raw)``, given ``text``: the same file read by ``yamltext.decode``
    (NFC, line ends made ``\\n``). A text in which no mark begins is not read again (one
    search, cheaper than ``may_have_marks`` on the bytes)."""
    if _MARK_START.search(text) is None:
        return ()
    return marks_in_bytes(raw)


def marks_in(text: str) -> tuple[DraftMark, ...]:
    """Every ``# xem lại: …`` and ``# chưa xếp: …`` comment of a YAML text, in order (a
    ``#`` after a space ends a plain scalar in YAML, so a candidate outside every scalar
    token is a comment)."""
    lines = lines_of(text)
    candidates: list[tuple[int, int, re.Match[str]]] = []
    for number, line in enumerate(lines):
        for match in _MARK.finditer(line):
            column = match.start()
            if column == 0 or line[column - 1] in " \t":
                candidates.append((number, column, match))
                break
    if not candidates:
        return ()
    spans = _scalar_spans(text)
    marks = []
    for number, column, match in candidates:
        if any(start <= (number, column) < end for start, end in spans):
            continue  # a '#' inside a quoted or block scalar is text
        kind = REVIEW if match.group(1).lower() == REVIEW else UNPLACED
        trailing = bool(lines[number][:column].strip())
        marks.append(DraftMark(kind, match.group(2).strip(), number + 1, column + 1, trailing))
    return tuple(marks)


def _scalar_spans(text: str) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """The (start, end) positions of every scalar token the scanner reads before any error
    (libyaml's scanner, as the loading path reads the file: ``yamlsource.EventLoader``)."""
    import yaml

    from cai_cach.yamlsource import EventLoader

    spans = []
    try:
        for token in yaml.scan(text, Loader=EventLoader):
            if isinstance(token, yaml.ScalarToken):
                start, end = token.start_mark, token.end_mark
                spans.append(((start.line, start.column), (end.line, end.column)))
    except yaml.YAMLError:
        pass  # the file is broken: the loader reports it; marks before the error still count
    return spans


def open_reviews(marks: tuple[DraftMark, ...] | list[DraftMark]) -> list[DraftMark]:
    return [mark for mark in marks if mark.is_review]


def unplaced(marks: tuple[DraftMark, ...] | list[DraftMark]) -> list[DraftMark]:
    return [mark for mark in marks if not mark.is_review]


# --- which node a mark belongs to ----------------------------------------------------------


@dataclass(frozen=True)
class _Collection:
    path: PathKey
    column: int  # of its keys (mapping) or dashes (sequence)
    first: int  # 0-based lines covered, trailing comments included
    last: int
    node: yaml.Node


def owners(text: str, marks: tuple[DraftMark, ...] | list[DraftMark]) -> list[PathKey]:
    """The YAML path each mark is about, in order: for a mark after a value, the outermost
    key on its line; for a mark on its own line, the mapping whose keys stand at its column (a mark
    before a ``-`` item at the dashes' column: that item). ``()`` is the whole file."""
    if not marks:
        return []
    import yaml

    from cai_cach.yamlsource import EventLoader

    try:
        root = yaml.compose(text, Loader=EventLoader)
    except yaml.YAMLError:
        return [() for _ in marks]
    if root is None:
        return [() for _ in marks]
    collections: list[_Collection] = []
    values: list[tuple[int, PathKey]] = []  # (line, path) of each scalar value
    _walk(root, (), collections, values)
    found: list[PathKey] = []
    for mark in marks:
        line, column = mark.line - 1, mark.column - 1
        if mark.trailing:
            found.append(_value_on_line(values, line))
        else:
            found.append(_enclosing(collections, line, column))
    return found


def _walk(
    node: yaml.Node,
    path: PathKey,
    collections: list[_Collection],
    values: list[tuple[int, PathKey]],
    first: int = 0,
) -> None:
    """Collect the block collections (from ``first``, the line of their key, so that a mark
    between the key and the first entry belongs to them) and the scalars' lines."""
    import yaml

    if isinstance(node, yaml.MappingNode):
        if node.value and not node.flow_style:
            column = node.value[0][0].start_mark.column
            last = max(node.end_mark.line, node.start_mark.line)
            collections.append(_Collection(path, column, first, last, node))
        for key, value in node.value:
            child = (*path, str(key.value))
            values.append((key.start_mark.line, child))
            _walk(value, child, collections, values, key.start_mark.line)
    elif isinstance(node, yaml.SequenceNode):
        if node.value and not node.flow_style:
            column = node.start_mark.column
            last = max(node.end_mark.line, node.start_mark.line)
            collections.append(_Collection(path, column, first, last, node))
        for index, item in enumerate(node.value):
            _walk(item, (*path, index), collections, values, item.start_mark.line)
    else:
        values.append((node.start_mark.line, path))


def _value_on_line(values: list[tuple[int, PathKey]], line: int) -> PathKey:
    """The outermost path whose key or scalar starts on ``line`` (a trailing mark's field:
    ``lead: [a, b]  # …`` is about ``lead``, ``vp: {title: …}  # …`` about ``vp``)."""
    on_line = [path for start, path in values if start == line]
    if on_line:
        return min(on_line, key=len)
    before = [path for start, path in values if start < line]
    return before[-1] if before else ()


def _enclosing(collections: list[_Collection], line: int, column: int) -> PathKey:
    """The innermost block collection covering ``line`` whose keys (or dashes) stand at
    ``column``; for a sequence, its item that follows the mark (else its last item)."""
    covering = [c for c in collections if c.first <= line <= c.last and c.column <= column]
    if not covering:
        return ()
    exact = [c for c in covering if c.column == column]
    chosen = max(exact or covering, key=lambda c: (len(c.path), c.column))
    import yaml

    if isinstance(chosen.node, yaml.SequenceNode):
        items = chosen.node.value
        following = [i for i, item in enumerate(items) if item.start_mark.line > line]
        preceding = [i for i, item in enumerate(items) if item.start_mark.line <= line]
        if not exact:
            index = preceding[-1] if preceding else 0
        else:
            index = following[0] if following else len(items) - 1
        return (*chosen.path, index)
    return chosen.path
