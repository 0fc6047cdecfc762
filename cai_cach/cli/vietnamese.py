"""Vietnamese for what typer and click print by themselves: help layout, usage errors.

typer (0.29) ships its own copy of click whose strings are plain English literals, so they
are translated here through the hooks both offer, never by editing installed files:

- ``VietnameseContext.formatter_class``: the help formatter ("Cách dùng:", section titles,
  "[mặc định: …]", "[bắt buộc]", value placeholders such as ``<số>``);
- ``VietnameseCommand`` / ``VietnameseGroup`` (``Typer(cls=…)``, ``Typer.command(cls=…)``):
  the help option's text, argument names, command summaries that are not cut;
- ``VietnameseGroup.main``: usage errors caught and written in Vietnamese (exit 2), and
  ``caicach`` alone prints the help and exits 0;
- ``VietnameseCommand.invoke``: every command runs inside the one error boundary
  (``cli.boundary``), so no command can lack it.

typer's private modules are reached only through ``cli.typer_internals``.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, NoReturn

import typer
from typer.core import TyperArgument, TyperCommand, TyperOption

from cai_cach.cli.boundary import guarded
from cai_cach.cli.typer_internals import (
    ShellCompletionGroup,
    TopicTyper,
    click,
    defer_coercion,
)

USAGE_PREFIX = "Cách dùng: "
HELP_OPTION_HELP = "In hướng dẫn này rồi thoát."
OPTIONS_METAVAR = "[TÙY_CHỌN]"
SUBCOMMAND_METAVAR = "LỆNH [ĐỐI_SỐ]..."

SECTIONS = {"Options": "Tùy chọn", "Arguments": "Đối số", "Commands": "Lệnh"}

#: Help texts typer and click give their own options.
STOCK_HELP = {
    "Show this message and exit.": HELP_OPTION_HELP,
    "Show the version and exit.": "In phiên bản rồi thoát.",
}

#: Names of positional arguments as a clerk reads them (the Python name otherwise, in capitals).
ARGUMENT_NAMES = {
    "plans": "KẾ_HOẠCH",
    "plan": "KẾ_HOẠCH",
    "task": "NHIỆM_VỤ",
    "tasks": "NHIỆM_VỤ",
    "text": "NỘI_DUNG",
    "old": "BẢN_CŨ",
    "new": "BẢN_MỚI",
    "period": "KỲ",
    "source": "NGUỒN",
    "path": "TỆP",
    "output": "TỆP",
}

#: Value placeholders typer writes after an option (``<int range>``, ``<list[str]>`` …).
TYPE_NAMES = {
    "str": "chữ",
    "int": "số",
    "float": "số",
    "int range": "số",
    "float range": "số",
    "bool": "có/không",
    "Path": "đường dẫn",
    "path": "đường dẫn",
    "datetime": "ngày",
    "file": "tệp",
    "filename": "tệp",
    "directory": "thư mục",
    "text": "chữ",
    "integer": "số",
    "boolean": "có/không",
}

_TYPE_TOKEN = r"<([^<>]+)>"
_EXTRA = r"\[([^\[\]]*)\]\s*$"


def type_name(text: str) -> str:
    """``list[str]`` → ``chữ…``, ``int range`` → ``số``; unknown names are kept."""
    listed = re.fullmatch(r"list\[(.*)\]", text)
    if listed:
        return f"{type_name(listed.group(1))}…"
    return TYPE_NAMES.get(text, text)


def term(text: str) -> str:
    """The left column of a help row: translate the value placeholder."""
    return re.sub(_TYPE_TOKEN, lambda found: f"<{type_name(found.group(1))}>", text)


def _extra_piece(piece: str) -> str:
    piece = piece.strip()
    if piece == "required":
        return "bắt buộc"
    for english, vietnamese in (("default: ", "mặc định: "), ("env var: ", "biến môi trường: ")):
        if piece.startswith(english):
            return vietnamese + piece[len(english) :]
    between = re.fullmatch(r"(\S+)<=x<=(\S+)", piece)
    if between:
        return f"từ {between.group(1)} đến {between.group(2)}"
    at_least = re.fullmatch(r"x>=(\S+)", piece)
    if at_least:
        return f"tối thiểu {at_least.group(1)}"
    at_most = re.fullmatch(r"x<=(\S+)", piece)
    if at_most:
        return f"tối đa {at_most.group(1)}"
    return piece


def description(text: str) -> str:
    """The right column of a help row: stock texts and the ``[default: …; required]`` tail."""
    text = STOCK_HELP.get(text, text)
    found = re.search(_EXTRA, text)
    if not found:
        return text
    pieces = "; ".join(_extra_piece(piece) for piece in found.group(1).split(";"))
    return f"{text[: found.start()]}[{pieces}]"


class VietnameseHelpFormatter(click.HelpFormatter):
    """click's help formatter with Vietnamese headings, placeholders and notes."""

    section_name = ""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, USAGE_PREFIX if prefix is None else prefix)

    @contextmanager
    def section(self, name: str) -> Iterator[None]:
        self.section_name = name
        with super().section(SECTIONS.get(name, name)):
            yield

    def write_dl(
        self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2
    ) -> None:
        translated = [(self._term(first), description(second)) for first, second in rows]
        super().write_dl(translated, col_max, col_spacing)

    def _term(self, text: str) -> str:
        if self.section_name == "Arguments":
            # an argument's name already says what it is; its type adds only noise
            return re.sub(_TYPE_TOKEN, "", text).strip()
        return term(text)


class VietnameseContext(typer.Context):
    formatter_class = VietnameseHelpFormatter


def _localise_params(params: list[click.Parameter]) -> None:
    for param in params:
        if isinstance(param, TyperArgument) and param.metavar is None and param.name:
            param.metavar = ARGUMENT_NAMES.get(param.name, param.name.upper())
        if param.name == "help" and isinstance(param, TyperOption):
            param.help = HELP_OPTION_HELP


def _vietnamese_metavar(attrs: dict[str, Any]) -> None:
    if attrs.get("options_metavar") in (None, "[OPTIONS]"):
        attrs["options_metavar"] = OPTIONS_METAVAR


def _vietnamese_help(option: TyperOption | None) -> TyperOption | None:
    if option is not None:
        option.help = HELP_OPTION_HELP
    return option


class VietnameseCommand(TyperCommand):
    """A command whose help and errors are Vietnamese (see the module docstring)."""

    context_class = VietnameseContext

    def __init__(self, name: str | None, **attrs: Any) -> None:
        _vietnamese_metavar(attrs)
        super().__init__(name, **attrs)
        _localise_params(self.params)

    def get_help_option(self, ctx: click.Context) -> TyperOption | None:
        return _vietnamese_help(super().get_help_option(ctx))

    def get_short_help_str(self, limit: int = 45) -> str:
        return super().get_short_help_str(limit=1000)

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        defer_coercion(self, ctx)  # no pydantic adapter for options left unset or given as text
        return super().parse_args(ctx, _content_last(self, args))

    def invoke(self, ctx: click.Context) -> Any:
        """Run the command inside the one error boundary; its status is the exit status."""
        run = super().invoke
        raise typer.Exit(guarded(ctx, lambda: run(ctx)))


def looks_like_content(arg: str) -> bool:
    """An argument starting with '-' that no option can be: it has a space or a non-ASCII
    letter after the dash (``"- Đã họp"``, ``-Đã``)."""
    if not arg.startswith("-") or arg in ("-", "--"):
        return False
    name = arg.split("=", 1)[0]
    return any(char.isspace() or not char.isascii() for char in name)


def _content_last(command: click.Command, args: list[str]) -> list[str]:
    """``caicach note 5.b "- Đã họp"``: the text is the last argument and cannot be an
    option, so it is read as the text (as if ``--`` stood before it)."""
    if not args or "--" in args or not looks_like_content(args[-1]):
        return args
    before = args[-2] if len(args) > 1 else ""
    takes_value = any(
        param.param_type_name == "option"
        and not getattr(param, "is_flag", False)
        and before in param.opts
        for param in command.params
    )
    return args if takes_value else [*args[:-1], "--", args[-1]]


class VietnameseGroup(ShellCompletionGroup):
    """The top-level group: Vietnamese help, and usage errors reported in Vietnamese."""

    context_class = VietnameseContext

    def __init__(self, **attrs: Any) -> None:
        _vietnamese_metavar(attrs)
        super().__init__(**attrs)
        if self.subcommand_metavar == "COMMAND [ARGS]...":
            self.subcommand_metavar = SUBCOMMAND_METAVAR
        _localise_params(self.params)

    def get_help_option(self, ctx: click.Context) -> TyperOption | None:
        return _vietnamese_help(super().get_help_option(ctx))

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        defer_coercion(self, ctx)  # --debug, --version …: no pydantic adapter for them either
        return super().parse_args(ctx, args)

    def before_completion(self) -> None:
        from cai_cach.cli.completion import prepare_shell_completion

        prepare_shell_completion()

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.exceptions.NoArgsIsHelpError as err:
            typer.echo(err.message)
            sys.exit(0)
        except click.exceptions.UsageError as err:
            show_usage_error(err)
        except click.exceptions.ClickException as err:
            typer.echo(f"lỗi: {error_message(err)}", err=True)
            sys.exit(err.exit_code)
        except typer.Abort:
            typer.echo("Đã dừng.", err=True)
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)


class VietnameseTyper(TopicTyper):
    """``Typer`` whose commands are ``VietnameseCommand`` unless told otherwise (its commands
    may come from ``topics`` imported when first read: ``typer_internals.TopicTyper``)."""

    def command(  # type: ignore[override]
        self, name: str | None = None, *, cls: type[TyperCommand] | None = None, **kwargs: Any
    ) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        return super().command(name, cls=cls or VietnameseCommand, **kwargs)


# --- usage errors --------------------------------------------------------------------------

_PARAM_KIND = {"argument": "đối số", "option": "tùy chọn", "parameter": "tham số"}

#: click's and typer's own messages, English pattern → Vietnamese (first match wins).
_MESSAGES: list[tuple[str, str]] = [
    (r"Missing command\.?", "thiếu tên lệnh"),
    (r"No such command (.+?)\.?", r"không có lệnh \1"),
    (r"Got unexpected extra arguments?(?:\(s\))? \((.*)\)", r"thừa đối số: \1"),
    (r"Option (.+) requires an argument\.?", r"tùy chọn \1 cần một giá trị"),
    (r"Option (.+) requires (\d+) arguments\.?", r"tùy chọn \1 cần \2 giá trị"),
    (r"Option (.+) does not take a value\.?", r"tùy chọn \1 không nhận giá trị"),
    (r"Argument (.+) takes (\d+) values\.?", r"đối số \1 cần \2 giá trị"),
    (r"Value (.+) is not a valid (\w+)\.?", r"\1 không phải giá trị hợp lệ"),
    (r"Value must be an iterable\.?", "cần một danh sách giá trị"),
    (
        r"Input should be greater than or equal to (\S+)",
        r"phải lớn hơn hoặc bằng \1",
    ),
    (r"Input should be greater than (\S+)", r"phải lớn hơn \1"),
    (r"Input should be less than or equal to (\S+)", r"phải nhỏ hơn hoặc bằng \1"),
    (r"Input should be less than (\S+)", r"phải nhỏ hơn \1"),
    (r"Input should be a valid integer.*", "phải là một số nguyên"),
    (r"Input should be a valid number.*", "phải là một số"),
    (r"Input should be a valid boolean.*", "phải là có hoặc không (true/false)"),
    (r"Input should be (.+)", r"phải là \1"),
    (r"Choose from:\s*(.*)", r"chọn một trong: \1"),
]


def _translate(message: str) -> str:
    message = message.strip()
    suggestion = re.fullmatch(r"(.*?)\.? Did you mean (.+)\?", message, re.S)
    if suggestion:
        return f"{_translate(suggestion.group(1))} (có phải ý bạn là {suggestion.group(2)}?)"
    for pattern, replacement in _MESSAGES:
        found = re.fullmatch(pattern, message, re.S)
        if found:
            return found.expand(replacement)
    return message


def _hint(err: click.exceptions.BadParameter) -> str:
    if err.param_hint is not None:
        hints = [err.param_hint] if isinstance(err.param_hint, str) else list(err.param_hint)
        return " / ".join(f"'{hint}'" for hint in hints)
    if err.param is not None:
        return str(err.param.get_error_hint())
    return ""


def error_message(err: click.exceptions.ClickException) -> str:
    """The Vietnamese text of one of click's errors (without the "lỗi:" prefix)."""
    if isinstance(err, click.exceptions.NoSuchOption):
        text = f"không có tùy chọn {err.option_name}"
        if err.possibilities:
            text += f" (có phải ý bạn là {', '.join(sorted(err.possibilities))}?)"
        if looks_like_content(err.option_name) or err.option_name.startswith("- "):
            text += (
                "\n    → nội dung bắt đầu bằng '-' bị đọc như một tùy chọn: viết -- trước nó, "
                'ví dụ: caicach note 5.b -- "- Đã họp"'
            )
        return text
    if isinstance(err, click.exceptions.MissingParameter):
        kind = err.param_type or (err.param.param_type_name if err.param else "parameter")
        hint = _hint(err)
        return f"thiếu {_PARAM_KIND.get(kind, kind)} {hint}".strip()
    if isinstance(err, click.exceptions.BadParameter):
        hint = _hint(err)
        detail = _translate(err.message)
        return f"giá trị không hợp lệ cho {hint}: {detail}" if hint else detail
    if isinstance(err, click.exceptions.FileError):
        return f"không mở được tệp {err.ui_filename!r}: {err.message}"
    return _translate(err.message)


def show_usage_error(err: click.exceptions.UsageError) -> NoReturn:
    """Usage line, where to find help, and the error — like click, in Vietnamese; exit 2."""
    ctx = err.ctx
    if ctx is not None:
        typer.echo(ctx.get_usage(), err=True)
        if ctx.command.get_help_option(ctx) is not None:
            typer.echo(
                f"Xem '{ctx.command_path} {ctx.help_option_names[0]}' để biết cách dùng.",
                err=True,
            )
        typer.echo("", err=True)
    from cai_cach.text import visible

    typer.echo(visible(f"lỗi: {error_message(err)}"), err=True)  # it quotes what was typed
    sys.exit(err.exit_code)
