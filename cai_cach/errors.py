"""The one hierarchy of errors that the library raises; the CLI maps them to exit codes."""

from __future__ import annotations

from dataclasses import dataclass

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_INVALID = 2
EXIT_INTERNAL = 3


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or suspicious) in an input file, addressed as precisely as we can."""

    file: str
    message: str
    line: int | None = None
    column: int | None = None
    path: str = ""
    hint: str = ""
    severity: str = "error"  # "error" or "warning"
    detail: str = ""  # the parser's own (English) words, shown only with --debug

    @property
    def location(self) -> str:
        if self.line is None:
            return self.file
        if self.column is None:
            return f"{self.file}:{self.line}"
        return f"{self.file}:{self.line}:{self.column}"

    def render(self) -> str:
        label = "lỗi" if self.severity == "error" else "cảnh báo"
        text = f"{self.location}: {label}: {self.message}"
        if self.path:
            text += f" [{self.path}]"
        if self.hint:
            text += f"\n    → {self.hint}"
        return text


class CaicachError(Exception):
    """Base of every error the tool reports to the user (message already in Vietnamese)."""

    exit_code = EXIT_INVALID

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def render(self) -> str:
        text = f"lỗi: {self.message}"
        if self.hint:
            text += f"\n    → {self.hint}"
        return text


class PlanError(CaicachError):
    """A plan file could not be read or is invalid; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        first = problems[0].render() if problems else "kế hoạch không hợp lệ"
        super().__init__(first)
        self.problems = problems

    def render(self) -> str:
        return "\n".join(problem.render() for problem in self.problems)


class UsageError(CaicachError):
    """A command-line argument or option is wrong."""


class NotFoundError(CaicachError):
    """No plan, task, official or template matched what the user asked for."""


class OutputError(CaicachError):
    """A file could not be written (the previous file, if any, is left untouched)."""


class RecordError(CaicachError):
    """Progress cannot be recorded as asked (already recorded, nothing to undo, a layout the
    tool will not edit safely); the plan file is left untouched."""


class MailError(CaicachError):
    """Mail cannot be sent: no settings, the server unreachable, the login refused."""


class GitError(CaicachError):
    """Git is missing, the folder is not a git repository, or a revision does not exist."""


class TemplateError(CaicachError):
    """A report template cannot be read or rendered (syntax error, unknown variable, …)."""

    def __init__(
        self, template: str, message: str, line: int | None = None, hint: str = ""
    ) -> None:
        super().__init__(message, hint)
        self.template = template
        self.line = line

    def render(self) -> str:
        where = self.template if self.line is None else f"{self.template}:{self.line}"
        text = f"{where}: lỗi: {self.message}"
        if self.hint:
            text += f"\n    → {self.hint}"
        return text


class SystemFailure(CaicachError):
    """The operating system refused (``OSError``) where no more precise error applies: the
    boundary's Vietnamese words for it (``system_failure``)."""


def os_reason(err: OSError) -> str:
    """Why the system refused, in Vietnamese (the system's own words only when unknown)."""
    import errno

    reasons = {
        errno.EACCES: "không có quyền truy cập",
        errno.EPERM: "hệ thống không cho phép thao tác này",
        errno.EROFS: "hệ thống tệp (ổ đĩa) chỉ cho đọc",
        errno.ENOENT: "không có tệp hay thư mục này",
        errno.ENOTDIR: "một phần của đường dẫn là tệp chứ không phải thư mục",
        errno.EISDIR: "đây là một thư mục, không phải tệp",
        errno.ENOSPC: "ổ đĩa đã đầy",
        errno.EDQUOT: "đã hết hạn mức dung lượng của tài khoản",
        errno.EFBIG: "tệp đã quá lớn",
        errno.EIO: "lỗi vào/ra của thiết bị",
        errno.ENAMETOOLONG: "tên tệp quá dài",
        errno.E2BIG: "danh sách đối số quá dài",
        errno.ELOOP: "quá nhiều liên kết mềm nối nhau (có thể là vòng lặp)",
        errno.EMFILE: "quá nhiều tệp đang mở",
        errno.ENFILE: "quá nhiều tệp đang mở trên máy",
        errno.ENOMEM: "không đủ bộ nhớ",
        errno.EBUSY: "tệp hoặc thiết bị đang bận",
        errno.ETXTBSY: "tệp đang được chạy nên không ghi được",
        errno.EEXIST: "tệp đã tồn tại",
        errno.ENOTEMPTY: "thư mục không trống",
        errno.EXDEV: "không chuyển được giữa hai ổ đĩa",
        errno.ENXIO: "thiết bị không có mặt",
        errno.ENODEV: "thiết bị không có mặt",
        errno.ETIMEDOUT: "hết thời gian chờ (ổ mạng?)",
        errno.ESTALE: "ổ mạng đã mất kết nối tới tệp này",
    }
    known = reasons.get(err.errno or -1)
    if known is not None:
        return known
    return f"lỗi hệ thống: {err.strerror or type(err).__name__}"


def os_hint(err: OSError) -> str:
    """What to do about it: the hint fits the cause (a read-only file system is not a file
    without write permission)."""
    import errno

    hints = {
        errno.EACCES: "kiểm tra quyền của tệp và thư mục (ls -l); chạy bằng tài khoản chủ của "
        "tệp, hoặc nhờ người quản trị máy cấp quyền",
        errno.EPERM: "kiểm tra quyền của tệp và thư mục (ls -l), hoặc nhờ người quản trị máy",
        errno.EROFS: "ổ đĩa đang gắn ở chế độ chỉ đọc (chmod không giúp được): ghi ra ổ đĩa "
        "khác, hoặc gắn lại ổ ở chế độ ghi (ổ USB có thể đang gạt khóa chống ghi)",
        errno.ENOENT: "kiểm tra lại đường dẫn (ls); tệp có thể đã bị xóa hoặc đổi tên",
        errno.ENOTDIR: "một tên trong đường dẫn là tệp thường: đổi tên tệp đó hoặc chọn "
        "đường dẫn khác",
        errno.EISDIR: "chỉ tên tệp, không phải thư mục",
        errno.ENOSPC: "giải phóng chỗ trên ổ đĩa rồi chạy lại",
        errno.EDQUOT: "xóa bớt tệp của tài khoản, hoặc nhờ người quản trị tăng hạn mức",
        errno.ENAMETOOLONG: "đặt tên ngắn hơn",
        errno.E2BIG: "rút ngắn đối số (ví dụ dùng mã phiên bản git ngắn, hoặc ít tệp hơn mỗi lần)",
        errno.ELOOP: "kiểm tra các liên kết mềm trong đường dẫn (ls -l)",
        errno.EMFILE: "đóng bớt chương trình rồi chạy lại",
        errno.ENFILE: "đóng bớt chương trình rồi chạy lại",
        errno.ENOMEM: "đóng bớt chương trình rồi chạy lại",
        errno.EIO: "thiết bị có thể hỏng hoặc đã rút ra; sao lưu tệp và kiểm tra ổ đĩa",
    }
    return hints.get(err.errno or -1, "kiểm tra tệp, thư mục và ổ đĩa liên quan rồi chạy lại")


def system_failure(err: OSError) -> SystemFailure:
    """An ``OSError`` as the clerk reads it: what failed, on which file, and what to do."""
    import errno
    import os

    if err.errno == errno.ENOENT and err.filename is None:
        try:
            os.getcwd()
        except OSError:
            return SystemFailure(
                "thư mục đang làm việc không còn nữa (đã bị xóa hoặc đổi tên khi lệnh chạy)",
                "chuyển tới thư mục chứa plans/ (cd) rồi chạy lại",
            )
    names = [str(n) for n in (err.filename, err.filename2) if n is not None]
    where = f" '{names[0]}'" if names else ""
    if len(names) > 1:
        where += f" → '{names[1]}'"
    if err.errno == errno.E2BIG:
        return SystemFailure(f"không chạy được lệnh: {os_reason(err)}", os_hint(err))
    return SystemFailure(f"không truy cập được{where}: {os_reason(err)}", os_hint(err))
