"""A plan file's bytes → NFC text, and what must not be in that text.

The first step of the one loading path (``yamlsource``): a regular file no larger than
``MAX_BYTES``, UTF-8 (a BOM dropped, UTF-16 and the old Vietnamese code pages refused with
how to re-save), line ends and Unicode normalised (NFC); then the characters that would
silently change what the file means, and git's conflict markers left by a merge, each reported
at its line and column.
"""

from __future__ import annotations

import re
import stat
import unicodedata
from pathlib import Path
from typing import BinaryIO, NamedTuple

from cai_cach.errors import PlanError, Problem
from cai_cach.text import BIDI_CONTROLS

MAX_BYTES = 5 * 1024 * 1024

# Characters that XML 1.0 (and so a Word file) cannot hold, plus ones YAML 1.1 reads as line
# breaks (NEL, LS, PS), a stray BOM, the C1 controls (U+009B drives a terminal like ESC [)
# and the bidi controls (text that reads differently from what it is): all change meaning
# invisibly.
_FORBIDDEN_CHARS = (
    f"\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff{BIDI_CONTROLS}"
)
FORBIDDEN = re.compile(f"[{_FORBIDDEN_CHARS}]")
_BIDI = re.compile(f"[{BIDI_CONTROLS}]")


def forbidden_message(char: str, *, escaped: bool = False) -> str:
    """What a forbidden character is, in the clerk's words."""
    code = f"U+{ord(char):04X}"
    if _BIDI.match(char):
        why = "" if escaped else " (làm chữ hiện khác với nội dung)"
        return f"ký tự điều khiển chiều chữ không được phép {code}{why}"
    if "\x80" <= char <= "\x9f" and char != "\x85":
        return f"ký tự điều khiển C1 không được phép {code}"
    return f"ký tự ẩn không được phép {code}"


_INVISIBLE_CHARS = "\u00ad\u200b-\u200d\u2060"
_INVISIBLE = re.compile(f"[{_INVISIBLE_CHARS}]")
_NBSP_SYNTAX = re.compile(r"^[ \t]*\u00a0|:\u00a0|^[ \t]*-\u00a0", re.MULTILINE)
_CONFLICT = re.compile(r"^(<{7}|\|{7}|={7}|>{7})(?:[ \t]+(.*))?$", re.MULTILINE)


class Mark(NamedTuple):
    line: int  # 1-based
    column: int  # 1-based


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
            raw = read_capped(handle, info.st_size, MAX_BYTES)
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


def read_capped(handle: BinaryIO, size: int, limit: int) -> bytes:
    """Up to ``limit + 1`` bytes of an open file whose size was ``size`` (so that the caller
    can tell a file over ``limit``). Asking for the bytes the file holds, not for ``limit``,
    spares allocating a buffer of ``limit`` bytes for each of a province's thousand files; a
    file that grew since its size was taken is read on, up to the limit."""
    raw = handle.read(min(max(size, 0), limit) + 1)
    if size < len(raw) <= limit:  # it grew: read on
        raw += handle.read(limit + 1 - len(raw))
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
    if "\r" in text:  # (one search: most files have none)
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def position(text: str, offset: int) -> Mark:
    """The 1-based line and column of ``offset`` in ``text``."""
    line = text.count("\n", 0, offset) + 1
    return Mark(line, offset - (text.rfind("\n", 0, offset) + 1) + 1)


# Every character ``check_characters`` or ``invisible_characters`` looks for (a no-break space
# included), and those conflict markers are made of: a text without any is clean for all three,
# found in one search.
_SUSPECT = re.compile(f"[{_FORBIDDEN_CHARS}{_INVISIBLE_CHARS}\u00a0<>]")


def may_need_checks(text: str) -> bool:
    """False only when ``conflict_markers``, ``check_characters`` and ``invisible_characters``
    would all find nothing in ``text`` (most plans: one search instead of five)."""
    return _SUSPECT.search(text) is not None


def check_characters(text: str, display: str) -> list[Problem]:
    """Invisible or forbidden characters that would silently change what the file means."""
    problems: list[Problem] = []
    for match in FORBIDDEN.finditer(text):
        mark = position(text, match.start())
        problems.append(
            Problem(
                display,
                forbidden_message(match.group()),
                line=mark.line,
                column=mark.column,
                hint="xóa ký tự này (thường do dán từ Word hoặc trang web)",
            )
        )
        if len(problems) >= 20:
            break
    for match in _NBSP_SYNTAX.finditer(text) if "\u00a0" in text else ():
        mark = position(text, match.end() - 1)
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
    first = position(text, markers[0].start())
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
            line=(mark := position(text, match.start())).line,
            column=mark.column,
            hint="xóa ký tự này: nó làm việc tìm kiếm và so sánh văn bản sai lệch",
            severity="warning",
        )
        for match in _INVISIBLE.finditer(text)
    ][:20]
