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
