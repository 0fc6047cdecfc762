"""Read a YAML file the safe way and remember where every value came from.

The one loading path for plan files. It never constructs Python objects from tags, refuses
anchors and aliases (so an alias bomb costs nothing), reports duplicate keys at any depth,
keeps every mapping key as text (``no:``, ``2024:`` and ``010:`` stay what the clerk typed)
and returns, beside the values, a map from each value's path to its line and column.

Scalars: quoted scalars are text; plain scalars are text, except ``true``/``false`` (bool)
and an empty value, ``~`` or ``null`` (None). Numbers and dates stay text and are converted
by the schema, which knows what each field expects.

Its first step, bytes → checked NFC text, is ``yamltext``; syntax errors in the clerk's words
are ``yamlsyntax``. ``read_bytes``, ``decode``, ``read_text``, ``check_characters``, ``Mark`` and
``MAX_BYTES`` are re-exported here for the modules that take them from this one.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from cai_cach.errors import PlanError, Problem
from cai_cach.yamlsyntax import syntax_problem
from cai_cach.yamltext import (
    FORBIDDEN,
    conflict_markers,
    forbidden_message,
    invisible_characters,
    may_need_checks,
)
from cai_cach.yamltext import MAX_BYTES as MAX_BYTES
from cai_cach.yamltext import Mark as Mark
from cai_cach.yamltext import check_characters as check_characters
from cai_cach.yamltext import decode as decode
from cai_cach.yamltext import read_bytes as read_bytes
from cai_cach.yamltext import read_text as read_text

try:  # libyaml's C parser when present; only its event stream is used
    from yaml import CSafeLoader as _EventLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _EventLoader  # type: ignore[assignment]
EventLoader = _EventLoader  # the one loader choice (``draftmarks`` scans with it too)

_Scalar = yaml.ScalarEvent
_MappingStart, _MappingEnd = yaml.MappingStartEvent, yaml.MappingEndEvent
_SequenceStart, _SequenceEnd = yaml.SequenceStartEvent, yaml.SequenceEndEvent

MAX_DEPTH = 40

PathKey = tuple[str | int, ...]

_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_NULLS = {"", "~", "null", "Null", "NULL"}
_SPECIAL: dict[str, bool | None] = {**_BOOLS, **dict.fromkeys(_NULLS)}  # plain scalars not text


def dotted(path: Iterable[str | int]) -> str:
    """A path as the user reads it: ``sections[0].tasks[3].lead``."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


@dataclass
class SourceMap:
    """Where each value (and each mapping key) of a document was written."""

    values: dict[PathKey, Mark] = field(default_factory=dict)
    keys: dict[PathKey, Mark] = field(default_factory=dict)

    def locate(self, path: PathKey, *, key: bool = False) -> Mark | None:
        """The mark of ``path`` or of its nearest ancestor that exists in the file."""
        if key and path in self.keys:
            return self.keys[path]
        probe = path
        while True:
            if probe in self.values:
                return self.values[probe]
            if not probe:
                return None
            probe = probe[:-1]


@dataclass
class Document:
    file: str
    data: Any
    source: SourceMap
    text: str
    warnings: list[Problem] = field(default_factory=list)


class _NeedPositions(Exception):
    """Raised by the position-free pass when what it found can only be told with positions."""


class _Builder:
    """Turn a YAML event stream into plain values plus a ``SourceMap``.

    With ``positions=False`` the values, errors and warnings are the same but no source map is
    kept (a third of the work): only errors in the plan need one, and ``parse`` then reads the
    text again with positions (see ``_LazySourceMap``).
    """

    def __init__(self, display: str, text: str, *, positions: bool = True) -> None:
        self.display = display
        self.text = text
        self.positions = positions
        self.source = SourceMap()
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []
        self.swallowing: tuple[Mark, int] | None = None  # a quoted text's start, end line
        self.value: Any = None
        self.open_brackets: list[tuple[Mark, str]] = []  # flow collections not yet closed

    @functools.cached_property
    def lines(self) -> list[str]:
        """The text's lines (for warnings and syntax errors: most files need none)."""
        return self.text.split("\n")

    @functools.cached_property
    def cut_lines(self) -> frozenset[int]:
        """The (0-based) lines holding ``" #"``: the only ones where a plain scalar can have
        been cut by a comment (``_check_cut_comment``)."""
        text = self.text
        found: set[int] = set()
        line, counted = 0, 0
        at = text.find(" #")
        while at >= 0:
            line += text.count("\n", counted, at)
            counted = at
            found.add(line)
            at = text.find(" #", at + 2)
        return frozenset(found)

    def _mark(self, event: yaml.Event) -> Mark:
        start = event.start_mark
        return Mark(start.line + 1, start.column + 1) if start else Mark(1, 1)

    def _fail(self, event: yaml.Event, message: str, hint: str = "") -> PlanError:
        mark = self._mark(event)
        return PlanError(
            [Problem(self.display, message, line=mark.line, column=mark.column, hint=hint)]
        )

    def _refuse_extras(self, event: yaml.Event) -> None:
        if type(event) is yaml.ScalarEvent and event.anchor is None and event.tag in (None, "!"):
            return  # the common case, decided without probing attributes
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise self._fail(
                event,
                "không dùng neo/bí danh YAML (&, *) trong kế hoạch",
                "chép lại nội dung thay vì tham chiếu bằng & và *",
            )
        tag = getattr(event, "tag", None)
        if tag is not None and not (isinstance(event, yaml.ScalarEvent) and tag == "!"):
            short = tag.replace("tag:yaml.org,2002:", "!!")
            raise self._fail(
                event,
                f"không dùng thẻ YAML '{short}' trong kế hoạch",
                "xóa thẻ; đặt văn bản trong dấu nháy nếu cần",
            )

    def build(self, events: Any) -> Any:
        event = events()  # StreamStart
        event = events()
        if isinstance(event, yaml.StreamEndEvent):
            return None
        if self.positions:
            value = self._node(events(), events, (), 0)
        else:
            value = self._value(events(), events, (), 0)
        event = events()  # DocumentEnd
        event = events()
        if not isinstance(event, yaml.StreamEndEvent):
            raise self._fail(event, "tệp chỉ được chứa một tài liệu YAML (có thêm dòng '---')")
        return value

    def _node(self, event: yaml.Event, events: Any, path: PathKey, depth: int) -> Any:
        self._refuse_extras(event)
        if depth > MAX_DEPTH:
            raise self._fail(event, f"cấu trúc lồng quá sâu (quá {MAX_DEPTH} cấp)")
        self.source.values[path] = self._mark(event)
        if isinstance(event, yaml.ScalarEvent):
            return self._scalar(event)
        if isinstance(event, yaml.SequenceStartEvent):
            self._opening(event, "[")
            items: list[Any] = []
            while not isinstance(child := events(), yaml.SequenceEndEvent):
                items.append(self._node(child, events, (*path, len(items)), depth + 1))
            self._closing(event)
            return items
        if isinstance(event, yaml.MappingStartEvent):
            self._opening(event, "{")
            mapping = self._mapping(events, path, depth)
            self._closing(event)
            return mapping
        raise self._fail(event, "cấu trúc YAML không mong đợi")

    def _value(self, event: Any, events: Any, path: PathKey, depth: int) -> Any:
        """``_node`` without the source map, for the common case of a valid plan (the root:
        the collections below it are read by ``_plain_mapping`` and ``_plain_sequence``)."""
        kind = type(event)
        if kind is _Scalar:
            if event.anchor is not None or event.tag not in (None, "!"):
                self._refuse_extras(event)
            if depth > MAX_DEPTH:
                raise self._fail(event, f"cấu trúc lồng quá sâu (quá {MAX_DEPTH} cấp)")
            return self._scalar(event)
        self._refuse_extras(event)
        if depth > MAX_DEPTH:
            raise self._fail(event, f"cấu trúc lồng quá sâu (quá {MAX_DEPTH} cấp)")
        if kind is _MappingStart:
            return self._plain_mapping(events, path, depth)
        if kind is _SequenceStart:
            return self._plain_sequence(events, path, depth)
        raise self._fail(event, "cấu trúc YAML không mong đợi")

    # The position-free pass reads the common case only: whatever is rare (a tag, an anchor or
    # alias, an escape to check, a duplicate key, the depth limit) raises ``_NeedPositions``
    # and the pass with positions reads the file and tells it, as it always has. Scalars are
    # read inline (``_scalar`` less what only a syntax error needs), and the path of a value is
    # built only for a collection or a warning.

    def _plain_mapping(self, events: Any, path: PathKey, depth: int) -> dict[str, Any]:
        """``_mapping`` without the source map (the mapping's start event already read)."""
        if depth >= MAX_DEPTH:
            raise _NeedPositions
        mapping: dict[str, Any] = {}
        cuts = self.cut_lines
        while (kind := type(key_event := events())) is not _MappingEnd:
            if kind is not _Scalar or key_event.anchor is not None or key_event.tag is not None:
                raise _NeedPositions
            key = key_event.value
            if key_event.style == '"' and FORBIDDEN.search(key):
                raise _NeedPositions
            event = events()
            kind = type(event)
            if kind is _Scalar:
                if event.anchor is not None or event.tag is not None:
                    raise _NeedPositions
                value = event.value
                style = event.style
                if not style:
                    if value in _SPECIAL:
                        if not value:
                            self._check_emptied(key, self._mark(key_event), event, (*path, key))
                        value = _SPECIAL[value]
                    elif cuts and event.end_mark.line in cuts:
                        self._check_cut_comment(event)
                elif style == '"' and FORBIDDEN.search(value):
                    raise _NeedPositions
            else:
                value = self._plain_collection(event, kind, events, (*path, key), depth)
            if key in mapping:
                raise _NeedPositions
            mapping[key] = value
        return mapping

    def _plain_sequence(self, events: Any, path: PathKey, depth: int) -> list[Any]:
        """The items of a sequence without the source map (its start event already read)."""
        if depth >= MAX_DEPTH:
            raise _NeedPositions
        items: list[Any] = []
        cuts = self.cut_lines
        while (kind := type(event := events())) is not _SequenceEnd:
            if kind is _Scalar:
                if event.anchor is not None or event.tag is not None:
                    raise _NeedPositions
                value = event.value
                style = event.style
                if not style:
                    if value in _SPECIAL:
                        value = _SPECIAL[value]
                    elif cuts and event.end_mark.line in cuts:
                        self._check_cut_comment(event)
                elif style == '"' and FORBIDDEN.search(value):
                    raise _NeedPositions
            else:
                value = self._plain_collection(event, kind, events, (*path, len(items)), depth)
            items.append(value)
        return items

    def _plain_collection(
        self, event: Any, kind: type, events: Any, path: PathKey, depth: int
    ) -> Any:
        """The value of a mapping or sequence met at ``depth`` (its start ``event``, of type
        ``kind``, already read); anything else, or an anchor or tag on it, needs positions."""
        if kind is not _MappingStart and kind is not _SequenceStart:
            raise _NeedPositions  # an alias
        if event.anchor is not None or event.tag is not None:
            raise _NeedPositions
        if kind is _MappingStart:
            return self._plain_mapping(events, path, depth + 1)
        return self._plain_sequence(events, path, depth + 1)

    def _opening(self, event: yaml.CollectionStartEvent, bracket: str) -> None:
        if event.flow_style:
            self.open_brackets.append((self._mark(event), bracket))

    def _closing(self, event: yaml.CollectionStartEvent) -> None:
        if event.flow_style:
            self.open_brackets.pop()

    def _mapping(self, events: Any, path: PathKey, depth: int) -> dict[str, Any]:
        mapping: dict[str, Any] = {}
        while not isinstance(key_event := events(), yaml.MappingEndEvent):
            self._refuse_extras(key_event)
            if not isinstance(key_event, yaml.ScalarEvent):
                raise self._fail(key_event, "tên trường phải là văn bản đơn giản")
            key = key_event.value
            if key_event.style == '"':
                self._check_escaped(key_event)
            key_mark = self._mark(key_event)
            value_event = events()
            value = self._node(value_event, events, (*path, key), depth + 1)
            if value is None:
                self._check_emptied(key, key_mark, value_event, (*path, key))
            if key in mapping:
                first = self.source.keys[(*path, key)]
                self.problems.append(
                    Problem(
                        self.display,
                        f"khóa '{key}' bị lặp lại (đã có ở dòng {first.line})",
                        line=key_mark.line,
                        column=key_mark.column,
                        path=dotted((*path, key)),
                        hint="YAML chỉ giữ một giá trị; hãy gộp hoặc xóa một trong hai",
                    )
                )
                continue
            mapping[key] = value
            self.source.keys[(*path, key)] = key_mark
        return mapping

    def _scalar(self, event: yaml.ScalarEvent) -> Any:
        value = event.value
        if event.style == '"':
            self._check_escaped(event)
        start, end = event.start_mark, event.end_mark
        if event.style and start and end and start.line != end.line and ": " in value:
            # a quote left open may have run on over later lines
            self.swallowing = (Mark(start.line + 1, start.column + 1), end.line + 1)
        if not event.style and event.implicit[0]:
            if value in _BOOLS:
                return _BOOLS[value]
            if value in _NULLS:
                return None
            self._check_cut_comment(event)
        return value

    def _check_escaped(self, event: yaml.ScalarEvent) -> None:
        """A character refused when typed raw is refused too when written as an escape
        (``"\\x0b"``, ``"\\u0000"``): Word files cannot hold it and drop the text around it."""
        found = FORBIDDEN.search(event.value)
        if found is None:
            return
        mark = self._mark(event)
        self.problems.append(
            Problem(
                self.display,
                forbidden_message(found.group(), escaped=True)
                + " (viết bằng mã thoát \\ trong dấu nháy kép)",
                line=mark.line,
                column=mark.column,
                hint="xóa mã thoát này khỏi văn bản",
            )
        )

    def _check_emptied(self, key: str, key_mark: Mark, event: yaml.Event, path: PathKey) -> None:
        """A key with nothing after it reads as no value at all: say so, and why."""
        if not (
            type(event) is yaml.ScalarEvent
            and event.value == ""
            and not event.style
            and event.implicit[0]
        ):
            return
        text = self.lines[key_mark.line - 1] if key_mark.line <= len(self.lines) else ""
        after = text[key_mark.column - 1 :].split(":", 1)[-1].strip()
        if after.startswith("#"):
            message = (
                f"giá trị của '{key}' bị YAML coi là chú thích vì bắt đầu bằng '#' "
                f"('{after}'), nên '{key}' không có giá trị"
            )
            hint = f'nếu đó là nội dung, đặt trong dấu nháy kép: {key}: "{after}"'
        elif key == "done" and "recurring" in path:
            message = "'done:' để trống: nghĩa vụ định kỳ này chưa ghi kỳ nào làm xong"
            hint = "ghi mỗi kỳ một dòng, thụt vào dưới 'done:' (2024-Q1: 2024-03-18), hoặc xóa dòng"
        elif key == "done":
            message = "'done:' để trống: mốc được coi là CHƯA hoàn thành"
            hint = "ghi ngày hoàn thành (done: 2024-03-20) hoặc xóa dòng này"
        else:
            message = f"'{key}:' để trống: YAML đọc thành không có giá trị"
            hint = "ghi giá trị sau dấu ':' hoặc xóa dòng này"
        self.warnings.append(
            Problem(
                self.display,
                message,
                line=key_mark.line,
                column=key_mark.column,
                path=dotted(path),
                hint=hint,
                severity="warning",
            )
        )

    def _check_cut_comment(self, event: yaml.ScalarEvent) -> None:
        end = event.end_mark
        if end is None or end.line >= len(self.lines):
            return
        line = self.lines[end.line]
        if line.find(" #", end.column, end.column + 2) < 0:
            return
        rest = line[end.column :]
        if re.match(r" #\S", rest):
            self.warnings.append(
                Problem(
                    self.display,
                    f"văn bản '{event.value}' bị cắt ở ' #': phần sau '#' bị YAML coi là chú thích",
                    line=end.line + 1,
                    column=end.column + 2,
                    severity="warning",
                    hint="nếu '#' là một phần của văn bản, đặt cả giá trị trong dấu nháy kép",
                )
            )


def parse(text: str, display: str, *, positions: bool = True) -> Document:
    """Parse YAML text into values and a source map, or raise ``PlanError``.

    ``positions=False`` (loading a plan) skips the source map while parsing and builds it
    only if something asks for a position: the values, warnings and errors are the same.
    """
    suspect = may_need_checks(text)
    conflict = conflict_markers(text, display) if suspect else None
    if conflict is not None:
        raise PlanError([conflict])
    problems = check_characters(text, display) if suspect else []
    if problems:
        raise PlanError(problems)
    if not positions:
        try:
            built = _build(text, display, positions=False, suspect=suspect)
        except (PlanError, _NeedPositions):
            built = None  # errors are told by the pass with positions, exactly as always
        if built is not None and not built.problems:
            data, warnings = built.value, built.warnings
            return Document(display, data, _LazySourceMap(text, display), text, warnings)
    built = _build(text, display, positions=True, suspect=suspect)
    if built.problems:
        raise PlanError(built.problems)
    return Document(display, built.value, built.source, text, built.warnings)


def _build(text: str, display: str, *, positions: bool, suspect: bool = True) -> _Builder:
    """Run the builder over ``text``: its ``value``, ``problems``, ``warnings`` and ``source``
    (``suspect`` False: ``yamltext.may_need_checks`` said the text has no invisible character)."""
    builder = _Builder(display, text, positions=positions)
    if suspect:
        builder.warnings.extend(invisible_characters(text, display))
    loader = EventLoader(text)
    try:
        builder.value = builder.build(loader.get_event)
    except yaml.MarkedYAMLError as err:
        raise PlanError(
            [
                *builder.problems,
                syntax_problem(
                    err,
                    display,
                    builder.lines,
                    builder.swallowing,
                    builder.open_brackets[-1] if builder.open_brackets else None,
                ),
            ]
        ) from None
    except yaml.YAMLError as err:
        raise PlanError([Problem(display, f"cú pháp YAML không hợp lệ ({err})")]) from None
    finally:
        loader.dispose()
    return builder


class _LazySourceMap(SourceMap):
    """The source map of a text parsed without positions, read again the first time a
    position is asked for (an error or warning found after parsing, e.g. by validation)."""

    def __init__(self, text: str, display: str) -> None:  # no fields yet: see __getattr__
        self._text = text
        self._display = display

    def __getattr__(self, name: str) -> Any:
        if name not in ("values", "keys"):
            raise AttributeError(name)
        source = _build(self._text, self._display, positions=True).source
        self.values, self.keys = source.values, source.keys
        return getattr(self, name)


def load_document(path: Path, display: str | None = None) -> Document:
    """Read and parse one YAML file."""
    name = display if display is not None else str(path)
    return parse(read_text(path, name), name)
