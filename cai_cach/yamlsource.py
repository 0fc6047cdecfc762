"""Read a YAML file the safe way and remember where every value came from.

The one loading path for plan files. It never constructs Python objects from tags, refuses
anchors and aliases (so an alias bomb costs nothing), reports duplicate keys at any depth,
keeps every mapping key as text (``no:``, ``2024:`` and ``010:`` stay what the clerk typed)
and returns, beside the values, a map from each value's path to its line and column.

Scalars: quoted scalars are text; plain scalars are text, except ``true``/``false`` (bool)
and an empty value, ``~`` or ``null`` (None). Numbers and dates stay text and are converted
by the schema, which knows what each field expects.
"""

from __future__ import annotations

import re
import stat
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from cai_cach.errors import PlanError, Problem
from cai_cach.text import BIDI_CONTROLS

try:  # libyaml's C parser when present; only its event stream is used
    from yaml import CSafeLoader as _EventLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _EventLoader  # type: ignore[assignment]

_Scalar = yaml.ScalarEvent
_MappingStart, _MappingEnd = yaml.MappingStartEvent, yaml.MappingEndEvent
_SequenceStart, _SequenceEnd = yaml.SequenceStartEvent, yaml.SequenceEndEvent

MAX_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 40

PathKey = tuple[str | int, ...]

_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_NULLS = {"", "~", "null", "Null", "NULL"}

# Characters that XML 1.0 (and so a Word file) cannot hold, plus ones YAML 1.1 reads as line
# breaks (NEL, LS, PS), a stray BOM, the C1 controls (U+009B drives a terminal like ESC [)
# and the bidi controls (text that reads differently from what it is): all change meaning
# invisibly.
_FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff"
    f"{BIDI_CONTROLS}]"
)
_BIDI = re.compile(f"[{BIDI_CONTROLS}]")


def _forbidden_message(char: str, *, escaped: bool = False) -> str:
    code = f"U+{ord(char):04X}"
    if _BIDI.match(char):
        why = "" if escaped else " (làm chữ hiện khác với nội dung)"
        return f"ký tự điều khiển chiều chữ không được phép {code}{why}"
    if "\x80" <= char <= "\x9f" and char != "\x85":
        return f"ký tự điều khiển C1 không được phép {code}"
    return f"ký tự ẩn không được phép {code}"


_INVISIBLE = re.compile("[\u00ad\u200b-\u200d\u2060]")
_NBSP_SYNTAX = re.compile(r"^[ \t]*\u00a0|:\u00a0|^[ \t]*-\u00a0", re.MULTILINE)
_CONFLICT = re.compile(r"^(<{7}|\|{7}|={7}|>{7})(?:[ \t]+(.*))?$", re.MULTILINE)


def dotted(path: Iterable[str | int]) -> str:
    """A path as the user reads it: ``sections[0].tasks[3].lead``."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


class Mark(NamedTuple):
    line: int  # 1-based
    column: int  # 1-based


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


def _unreadable(display: str, message: str, hint: str = "") -> PlanError:
    return PlanError([Problem(display, message, hint=hint)])


def read_bytes(path: Path, display: str) -> bytes:
    """The raw bytes of a plan file: a regular file no larger than ``MAX_BYTES``."""
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise _unreadable(
                display, "đây là một thư mục, không phải tệp kế hoạch", "hãy chỉ đến một tệp .yaml"
            )
        if not stat.S_ISREG(info.st_mode):
            raise _unreadable(
                display, "đây không phải là một tệp thông thường", "hãy chỉ đến một tệp .yaml"
            )
        with path.open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise _unreadable(
            display, "không tìm thấy tệp", "kiểm tra lại tên và đường dẫn tệp"
        ) from None
    except PermissionError:
        raise _unreadable(
            display, "không có quyền đọc tệp", "kiểm tra quyền truy cập của tệp"
        ) from None
    except OSError as err:
        raise _unreadable(display, f"không đọc được tệp ({err.strerror})") from None
    if len(raw) > MAX_BYTES:
        raise _unreadable(
            display,
            f"tệp quá lớn (hơn {MAX_BYTES // 1048576} MB)",
            "một kế hoạch thường chỉ vài chục KB; kiểm tra lại có đúng tệp không",
        )
    return raw


def read_text(path: Path, display: str) -> str:
    """Read a plan file as NFC text, with a clear error for every way that can fail."""
    return decode(read_bytes(path, display), display)


def decode(raw: bytes, display: str) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise PlanError(
            [
                Problem(
                    display,
                    "tệp được lưu bằng mã hóa UTF-16",
                    line=1,
                    column=1,
                    hint="hãy lưu lại tệp với mã hóa UTF-8",
                )
            ]
        )
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        column = err.start - (raw.rfind(b"\n", 0, err.start) + 1) + 1
        raise PlanError(
            [
                Problem(
                    display,
                    f"tệp không phải UTF-8: byte 0x{raw[err.start]:02X} ở vị trí {err.start} "
                    "(có thể là Windows-1258, TCVN3 hoặc VNI)",
                    line=line,
                    column=column,
                    hint="mở tệp và lưu lại với mã hóa UTF-8 (Notepad: Lưu thành… → Mã hóa: UTF-8)",
                )
            ]
        ) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def _position(text: str, offset: int) -> Mark:
    line = text.count("\n", 0, offset) + 1
    return Mark(line, offset - (text.rfind("\n", 0, offset) + 1) + 1)


def check_characters(text: str, display: str) -> list[Problem]:
    """Invisible or forbidden characters that would silently change what the file means."""
    problems: list[Problem] = []
    for match in _FORBIDDEN.finditer(text):
        mark = _position(text, match.start())
        problems.append(
            Problem(
                display,
                _forbidden_message(match.group()),
                line=mark.line,
                column=mark.column,
                hint="xóa ký tự này (thường do dán từ Word hoặc trang web)",
            )
        )
        if len(problems) >= 20:
            break
    for match in _NBSP_SYNTAX.finditer(text) if "\u00a0" in text else ():
        mark = _position(text, match.end() - 1)
        problems.append(
            Problem(
                display,
                "dấu cách không ngắt (U+00A0) ở chỗ YAML cần dấu cách thường",
                line=mark.line,
                column=mark.column,
                hint="thay bằng dấu cách thường",
            )
        )
    return problems


def conflict_markers(text: str, display: str) -> Problem | None:
    """Git's conflict markers left in the file by a merge: one message saying how to resolve."""
    if "<<<<<<<" not in text and ">>>>>>>" not in text:
        return None
    markers = list(_CONFLICT.finditer(text))
    if not any(m.group(1)[0] in "<>" for m in markers):
        return None
    first = _position(text, markers[0].start())
    ours = next((m.group(2) or "" for m in markers if m.group(1)[0] == "<"), "")
    theirs = next((m.group(2) or "" for m in markers if m.group(1)[0] == ">"), "")
    ours, theirs = ours.strip() or "phần trên", theirs.strip() or "phần dưới"
    return Problem(
        display,
        "tệp còn dấu xung đột của git (<<<<<<<, =======, >>>>>>>) từ lần gộp hai phiên bản: "
        f"phần '{ours}' (trên dòng =======) và phần '{theirs}' (dưới dòng =======)",
        line=first.line,
        column=1,
        hint="mở tệp, giữ lại nội dung đúng của một trong hai phần, xóa các dòng <<<<<<<, "
        "======= và >>>>>>>, chạy 'caicach check' cho đến khi hợp lệ rồi commit",
    )


def invisible_characters(text: str, display: str) -> list[Problem]:
    """Zero-width characters and soft hyphens: legal, but they make equal-looking text differ."""
    return [
        Problem(
            display,
            f"ký tự vô hình U+{ord(match.group()):04X} trong văn bản",
            line=(mark := _position(text, match.start())).line,
            column=mark.column,
            hint="xóa ký tự này: nó làm việc tìm kiếm và so sánh văn bản sai lệch",
            severity="warning",
        )
        for match in _INVISIBLE.finditer(text)
    ][:20]


_SYNTAX_MESSAGES = (
    (
        "cannot start any token",
        "ký tự không được phép ở đầu giá trị (tab dùng để thụt lề, hoặc ký tự đặc biệt như @ `)",
        "thụt lề bằng dấu cách; đặt văn bản trong dấu nháy kép",
    ),
    (
        "mapping values are not allowed",
        "dấu ':' không được phép ở đây",
        "nếu văn bản có chứa ': ' hãy đặt cả câu trong dấu nháy kép",
    ),
    (
        "could not find expected ':'",
        "thiếu dấu ':' sau tên trường",
        "mỗi dòng phải có dạng 'tên: giá trị'",
    ),
    (
        "did not find expected key",
        "thụt lề không khớp với các dòng xung quanh",
        "kiểm tra số dấu cách ở đầu dòng và các dấu nháy ở những dòng phía trên đã được đóng",
    ),
    (
        "exceeded maximum nesting depth",
        "cấu trúc lồng quá sâu",
        "kế hoạch không cần lồng nhiều cấp",
    ),
    (
        "expected <block end>",
        "thụt lề không khớp với các dòng xung quanh",
        "kiểm tra số dấu cách ở đầu dòng",
    ),
    (
        "did not find expected '-'",
        "thụt lề của danh sách không khớp",
        "các mục '- ' của một danh sách phải thẳng hàng",
    ),
    (
        "unexpected end of stream",
        "tệp kết thúc khi chưa đóng dấu nháy hoặc ngoặc",
        "kiểm tra dấu nháy và ngoặc ] } đã được đóng",
    ),
    (
        "found unknown escape character",
        "ký tự thoát (\\) không hợp lệ trong dấu nháy kép",
        "dùng dấu nháy đơn, hoặc viết \\\\ cho dấu \\",
    ),
    (
        "did not find expected ',' or",
        "thiếu dấu ',' hoặc ngoặc đóng trong danh sách",
        "kiểm tra ngoặc [ ] và { }",
    ),
    ("did not find expected node content", "thiếu giá trị ở đây", ""),
    ("found a tab character", "ký tự tab không được dùng để thụt lề", "thụt lề bằng dấu cách"),
    (
        "invalid Unicode character escape",
        "mã thoát Unicode (\\u…) không hợp lệ trong dấu nháy kép (nửa cặp surrogate)",
        "xóa mã thoát này; gõ thẳng ký tự cần viết",
    ),
)


# Where libyaml notices a mistake is often lines after it: the opening quote or bracket that
# was never closed, or the key whose ':' is missing, is the parser's "context".
_OPENED_AT_CONTEXT = (
    ("while scanning a quoted scalar", "dấu nháy mở ở đây chưa được đóng"),
    ("while parsing a flow sequence", "ngoặc '[' mở ở đây chưa được đóng"),
    ("while parsing a flow mapping", "ngoặc '{' mở ở đây chưa được đóng"),
)
_KEY_WITHOUT_SPACE = re.compile(r"^[ \t]*(?:- )?[^\s:#'\"\[{][^:#]*:(?=[^\s:/])")
_KEY_WITHOUT_COLON = re.compile(r"^[ \t]*(?:- )?[A-Za-z_][\w-]*[ \t]+\S")


def _syntax_problem(
    err: yaml.MarkedYAMLError,
    display: str,
    lines: list[str],
    swallowing: tuple[Mark, int] | None = None,
    unclosed: tuple[Mark, str] | None = None,
) -> Problem:
    mark = err.problem_mark or err.context_mark
    detail = " ".join(filter(None, [err.context, err.problem]))
    message, hint = "cú pháp YAML không hợp lệ", "kiểm tra dòng này và dòng ngay trên nó"
    for needle, vietnamese, advice in _SYNTAX_MESSAGES:
        if needle in detail:
            message, hint = vietnamese, advice or hint
            break
    line = mark.line + 1 if mark else None
    column = mark.column + 1 if mark else None
    context = err.context_mark
    for needle, opened in _OPENED_AT_CONTEXT:
        if err.context and needle in err.context and context is not None:
            line, column, message = context.line + 1, context.column + 1, opened
            hint = "đóng dấu nháy hoặc ngoặc ở cuối giá trị; văn bản dài nên đặt trong dấu nháy kép"
    if unclosed is not None and err.context == "while parsing a flow node":
        # the file ended (or a block began) inside '[' or '{': libyaml names no opening
        (line, column), bracket = unclosed
        message = f"ngoặc '{bracket}' mở ở đây chưa được đóng"
        hint = "đóng dấu nháy hoặc ngoặc ở cuối giá trị; văn bản dài nên đặt trong dấu nháy kép"
    if swallowing is not None and mark is not None and mark.line < swallowing[1] + 1:
        (line, column), last = swallowing
        message = (
            f"dấu nháy mở ở đây có lẽ chưa được đóng: YAML đọc tiếp đến dòng {last} "
            "như một đoạn văn bản"
        )
        hint = "đóng dấu nháy ở cuối giá trị"
    suspect = _mistaken_key(lines, err)
    if suspect is not None:
        line, column, message, hint = suspect
    return Problem(display, message, line=line, column=column, hint=hint, detail=detail)


def _mistaken_key(lines: list[str], err: yaml.MarkedYAMLError) -> tuple[int, int, str, str] | None:
    """A key written without its ':' or without the space after it: libyaml reads the line as
    text running on into the next one and complains there; point at the line the clerk wrote."""
    problem = err.problem or ""
    if "could not find expected ':'" in problem and err.context_mark is not None:
        candidates = [err.context_mark.line]
    elif "mapping values are not allowed" in problem and err.problem_mark is not None:
        candidates = [n for n in range(err.problem_mark.line - 1, -1, -1) if lines[n].strip()][:1]
    else:
        return None
    for number in candidates:
        text = lines[number] if number < len(lines) else ""
        if text.lstrip().startswith("#"):
            continue
        no_space = _KEY_WITHOUT_SPACE.match(text)
        if no_space:
            return (
                number + 1,
                no_space.end() + 1,
                "thiếu dấu cách sau dấu ':' (YAML đọc 'tên:giá trị' thành một đoạn văn bản)",
                "viết 'tên: giá trị' với một dấu cách sau ':'",
            )
        if ":" not in text and _KEY_WITHOUT_COLON.match(text):
            indent = len(text) - len(text.lstrip(" -"))
            return (
                number + 1,
                indent + 1,
                "thiếu dấu ':' sau tên trường",
                "mỗi dòng phải có dạng 'tên: giá trị'",
            )
    return None


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
        self.lines = text.split("\n")
        self.positions = positions
        self.source = SourceMap()
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []
        self.swallowing: tuple[Mark, int] | None = None  # a quoted text's start, end line
        self.value: Any = None
        self.open_brackets: list[tuple[Mark, str]] = []  # flow collections not yet closed

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
        """``_node`` without the source map, for the common case of a valid plan."""
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
            items: list[Any] = []
            while type(child := events()) is not _SequenceEnd:
                items.append(self._value(child, events, (*path, len(items)), depth + 1))
            return items
        raise self._fail(event, "cấu trúc YAML không mong đợi")

    def _plain_mapping(self, events: Any, path: PathKey, depth: int) -> dict[str, Any]:
        """``_mapping`` without the source map; a duplicate key needs positions to be told."""
        mapping: dict[str, Any] = {}
        while type(key_event := events()) is not _MappingEnd:
            if type(key_event) is not _Scalar:
                self._refuse_extras(key_event)
                raise self._fail(key_event, "tên trường phải là văn bản đơn giản")
            if key_event.anchor is not None or key_event.tag not in (None, "!"):
                self._refuse_extras(key_event)
            key = key_event.value
            if key_event.style == '"':
                self._check_escaped(key_event)
            value_event = events()
            value = self._value(value_event, events, (*path, key), depth + 1)
            if value is None:
                self._check_emptied(key, self._mark(key_event), value_event, (*path, key))
            if key in mapping:
                raise _NeedPositions
            mapping[key] = value
        return mapping

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
        found = _FORBIDDEN.search(event.value)
        if found is None:
            return
        mark = self._mark(event)
        self.problems.append(
            Problem(
                self.display,
                _forbidden_message(found.group(), escaped=True)
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
    conflict = conflict_markers(text, display)
    if conflict is not None:
        raise PlanError([conflict])
    problems = check_characters(text, display)
    if problems:
        raise PlanError(problems)
    if not positions:
        try:
            built = _build(text, display, positions=False)
        except (PlanError, _NeedPositions):
            built = None  # errors are told by the pass with positions, exactly as always
        if built is not None and not built.problems:
            data, warnings = built.value, built.warnings
            return Document(display, data, _LazySourceMap(text, display), text, warnings)
    built = _build(text, display, positions=True)
    if built.problems:
        raise PlanError(built.problems)
    return Document(display, built.value, built.source, text, built.warnings)


def _build(text: str, display: str, *, positions: bool) -> _Builder:
    """Run the builder over ``text``: its ``value``, ``problems``, ``warnings`` and ``source``."""
    builder = _Builder(display, text, positions=positions)
    builder.warnings.extend(invisible_characters(text, display))
    loader = _EventLoader(text)
    try:
        builder.value = builder.build(loader.get_event)
    except yaml.MarkedYAMLError as err:
        raise PlanError(
            [
                *builder.problems,
                _syntax_problem(
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
