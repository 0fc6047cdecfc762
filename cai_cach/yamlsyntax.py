"""libyaml's syntax errors → one Vietnamese problem, at the place the clerk typed.

libyaml reports where it noticed a mistake, which is often lines after the mistake itself (an
unclosed quote, a key without its ``:``, ``tên:giá trị`` without the space): this module names
the mistake in the clerk's words and points at where it was made. The parser's own English
words are kept as the problem's ``detail`` (shown only with ``--debug``).
"""

from __future__ import annotations

import re

import yaml

from cai_cach.errors import Problem
from cai_cach.yamltext import Mark

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


def syntax_problem(
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
