"""The one error boundary: typed errors become Vietnamese messages and exit codes.

It is applied by the command class (``cli.vietnamese.VietnameseCommand.invoke``), so every
command registered on the app runs inside it; no command can lack it
(``tests/test_cli_boundary.py`` walks them all). Nothing here is module state: ``--debug`` is
read from the command's own context, and the files written so far are those of the
``atomic.journal`` the boundary opens for the command.
"""

from __future__ import annotations

import contextlib
import errno
from collections.abc import Callable
from pathlib import Path

import typer

from cai_cach.cli.typer_internals import click, current_context
from cai_cach.errors import (
    EXIT_FINDINGS,
    EXIT_INTERNAL,
    EXIT_INVALID,
    CaicachError,
    PlanError,
    system_failure,
)
from cai_cach.text import visible

#: Interrupted by Ctrl-C (128 + SIGINT), as shells report it.
EXIT_INTERRUPTED = 130

OUTPUT_ERRNOS = {
    errno.ENOSPC: "không ghi được kết quả: ổ đĩa (hoặc nơi nhận kết quả) đã đầy",
    errno.EFBIG: "không ghi được kết quả: tệp nhận kết quả đã quá lớn",
    errno.EIO: "không ghi được kết quả: lỗi vào/ra của thiết bị",
    errno.ENAMETOOLONG: "tên tệp quá dài; hãy đặt tên ngắn hơn",
}


def debugging(ctx: click.Context | None = None) -> bool:
    """Whether the command line was given ``--debug`` (an option of the root command): read
    from ``ctx`` or, by default, from the context of the command being run."""
    ctx = ctx if ctx is not None else current_context()
    return bool(ctx is not None and ctx.find_root().params.get("debug"))


def render_error(err: CaicachError, *, debug: bool | None = None) -> str:
    """An error as the clerk reads it; with ``--debug``, plus the parser's own words."""
    text = err.render()
    if (debugging() if debug is None else debug) and isinstance(err, PlanError):
        text += "".join(f"\n    (YAML: {p.detail})" for p in err.problems if p.detail)
    return text


def guarded(ctx: click.Context, command: Callable[[], object]) -> int:
    """Run ``command`` (a command's callback, through click) inside the boundary; its exit
    status. Only ``--debug`` lets an internal error (or an output error) through as a
    traceback."""
    from cai_cach import atomic

    debug = debugging(ctx)
    with atomic.journal() as written:
        try:
            code = command()
            _flush_output()
            return code if isinstance(code, int) else 0
        except CaicachError as err:
            typer.echo(visible(render_error(err, debug=debug)), err=True)
            return err.exit_code
        except KeyboardInterrupt:
            typer.echo(visible(stopped(written)), err=True)
            return EXIT_INTERRUPTED
        except BrokenPipeError:
            return _output_closed()
        except OSError as err:
            if debug:
                raise
            if err.errno in OUTPUT_ERRNOS and err.filename is None:  # our output itself
                typer.echo(f"lỗi: {OUTPUT_ERRNOS[err.errno]}", err=True)
                _output_closed()
            else:  # every other refusal of the system: its Vietnamese words, hint by cause
                typer.echo(visible(system_failure(err).render()), err=True)
            return EXIT_INVALID
        except (typer.Exit, typer.Abort, click.exceptions.ClickException):
            raise  # click's own: exit statuses and usage errors, reported by the group
        except Exception as err:
            if debug:
                raise
            typer.echo(
                visible(f"lỗi nội bộ: {type(err).__name__}: {err}\n")
                + "    → chạy lại với --debug và gửi kết quả cho người bảo trì",
                err=True,
            )
            return EXIT_INTERNAL


def stopped(written: list[Path]) -> str:
    """What to say after Ctrl-C: files already replaced were written, whatever came after."""
    if not written:
        return "Đã dừng."
    names = ", ".join(str(path) for path in dict.fromkeys(written))
    return (
        f"Tệp {names} đã ghi xong (thay đổi đã được lưu); lệnh bị ngắt (Ctrl-C) sau đó, "
        "chỉ phần in kết quả bị bỏ dở."
    )


def _flush_output() -> None:
    """Flush standard output while errors can still be reported (not at interpreter exit)."""
    import sys

    if sys.stdout is not None:
        sys.stdout.flush()


def _output_closed() -> int:
    """The reader of our output went away (``caicach overdue | head``): stop quietly, as rich
    does, pointing stdout at the null device so that the final flush cannot fail again."""
    import os
    import sys

    with contextlib.suppress(OSError, ValueError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return EXIT_FINDINGS
