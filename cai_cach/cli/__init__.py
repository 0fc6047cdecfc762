"""The command line: the only layer that parses arguments, prints, and chooses exit codes.

``cai_cach.cli`` holds the application and the shared options and output helpers; each
``cai_cach.cli.<topic>`` module adds the commands of one topic. The one error boundary
(``cli.boundary``) is applied to every command by its class (``cli.vietnamese``).
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Callable, Iterator
from datetime import date
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from cai_cach import __version__
from cai_cach.cli.boundary import render_error as render_error
from cai_cach.cli.parsing import ROLE_WORDS, plan_arguments
from cai_cach.cli.vietnamese import VietnameseGroup, VietnameseTyper
from cai_cach.errors import EXIT_INVALID, EXIT_OK, CaicachError, PlanError

if TYPE_CHECKING:
    from pathlib import Path

    from rich.console import Console

    from cai_cach.loading import LoadedPlan, LoadedSummary, LoadResult, Mapped

app = VietnameseTyper(
    name="caicach",
    cls=VietnameseGroup,
    context_settings={"help_option_names": ["-h", "--help"]},
    help="Theo dõi kế hoạch cải cách hành chính của xã: kiểm tra tệp kế hoạch, xem việc quá "
    "hạn và ai chủ trì, ghi tiến độ, xem thay đổi và lập báo cáo định kỳ.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

F = TypeVar("F", bound=Callable[..., int])
T = TypeVar("T")

PlansArg = Annotated[
    list[str] | None,
    typer.Argument(
        help="Tệp hoặc thư mục kế hoạch (mặc định: mọi tệp plans/*.yaml tìm từ thư mục hiện tại).",
        show_default=False,
    ),
]
PlanOption = Annotated[
    list[str] | None,
    typer.Option(
        "--plan",
        "-p",
        help="Tệp hoặc thư mục kế hoạch (mặc định: mọi tệp plans/*.yaml tìm từ thư mục hiện "
        "tại); dùng nhiều lần được.",
        show_default=False,
    ),
]
AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        help="Tính tình trạng đến ngày này (2024-04-15 hoặc 15/04/2024); mặc định hôm nay.",
    ),
]
JsonOption = Annotated[
    bool, typer.Option("--json", help="In kết quả dạng JSON (cho chương trình khác).")
]
ByOption = Annotated[
    str | None,
    typer.Option(
        "--by",
        help="Chỉ giữ nhiệm vụ của công chức này (mã, chức danh hoặc tên; không phân biệt hoa "
        'thường và dấu, ví dụ --by "tai chinh").',
    ),
]
RoleOption = Annotated[
    str,
    typer.Option(
        "--role",
        help="Với --by: chu-tri (chỉ nhiệm vụ người đó chủ trì, mặc định), phoi-hop (chỉ nhiệm "
        "vụ người đó phối hợp) hoặc tat-ca (cả hai). Viết có dấu cũng được; lead, support, "
        "any vẫn dùng được.",
        autocompletion=lambda: list(ROLE_WORDS),
    ),
]
NoCacheOption = Annotated[
    bool,
    typer.Option(
        "--no-cache",
        help="Không dùng bộ nhớ đệm: đọc và kiểm tra lại mọi tệp kế hoạch "
        "(bộ nhớ đệm ở ~/.cache/caicach, có thể xóa bất cứ lúc nào).",
    ),
]


def error_boundary(function: F) -> F:
    """Kept only so that commands written before the boundary moved into the command class
    still import: it returns ``function`` unchanged. Every command registered on ``app`` runs
    inside the boundary (``cli.boundary``, applied by ``VietnameseCommand.invoke``)."""
    return function


def _version(value: bool) -> None:
    if value:
        echo(f"caicach {__version__}")
        raise typer.Exit(EXIT_OK)


def _install_completion(value: bool) -> None:
    from cai_cach.cli.completion import install_completion

    install_completion(value)


def _show_completion(value: bool) -> None:
    from cai_cach.cli.completion import show_completion

    show_completion(value)


@app.callback()
def main_options(
    debug: Annotated[
        bool, typer.Option("--debug", help="In chi tiết lỗi nội bộ (traceback) để gỡ lỗi.")
    ] = False,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="In phiên bản rồi thoát."),
    ] = False,
    install_completion: Annotated[
        bool,
        typer.Option(
            "--install-completion",
            callback=_install_completion,
            is_eager=True,
            expose_value=False,
            help="Cài gợi ý lệnh (nhấn Tab) cho trình shell đang dùng: bash, zsh, fish, "
            "PowerShell.",
        ),
    ] = False,
    show_completion: Annotated[
        bool,
        typer.Option(
            "--show-completion",
            callback=_show_completion,
            is_eager=True,
            expose_value=False,
            help="In đoạn mã gợi ý lệnh của trình shell đang dùng (để tự cài).",
        ),
    ] = False,
) -> None:
    """Theo dõi kế hoạch cải cách hành chính của xã."""
    # ``debug`` stays in the root context's parameters, where ``cli.boundary`` reads it.


# --- shared helpers ------------------------------------------------------------------------


def console() -> Console:
    from rich.console import Console

    return Console(highlight=False, soft_wrap=False)


def echo(message: str = "", *, err: bool = False, nl: bool = True, **style: Any) -> None:
    """Print a message for the clerk (standard error with ``err``; ``style`` as
    ``typer.secho``). File names and plan text in it may hold anything: every control a
    terminal would obey is shown as its escape (``text.visible``), never obeyed. Data
    written for programs (JSON, an iCalendar file, a report to ``-o -``) does not come here."""
    from cai_cach.text import visible

    if style:
        typer.secho(visible(message), err=err, nl=nl, **style)
    else:
        typer.echo(visible(message), err=err, nl=nl)


def echo_problems(problems: list[Any]) -> None:
    for problem in problems:
        echo(problem.render(), err=True)


def plans_read(plans: list[str] | None) -> list[Path]:
    """The plan files a command reads, which its outputs must never replace (see
    ``outputs.check_output``); none when they cannot be listed (loading will say why)."""
    from pathlib import Path

    from cai_cach.loading import plan_files

    try:
        return [Path(p) for p in plan_files(plan_arguments(plans, None))]
    except CaicachError:
        return []


def load_all(plans: list[str] | None, *, no_cache: bool = False) -> LoadResult:
    """Load the plans named on the command line (or the default ones), printing warnings and
    failures; valid plans come from the cache unless ``no_cache``."""
    from cai_cach.cache import open_cache
    from cai_cach.cli.progressbar import progress_bar
    from cai_cach.loading import load_plans, plan_files

    paths = plan_files(plan_arguments(plans, None))
    with _plans_kept(), progress_bar("Đọc kế hoạch") as bar:
        result = load_plans(paths, open_cache(enabled=not no_cache), progress=bar)
    for loaded in result.plans:
        echo_problems(loaded.warnings)
    for failure in result.failures:
        echo(render_error(failure), err=True)
    return result


def map_all(
    plans: list[str] | None, work: Callable[[LoadedPlan], T], *, no_cache: bool = False
) -> Mapped[T]:
    """Like ``load_all``, but keep only ``work(plan)`` of each plan (computed in worker
    processes when there are many; see ``loading.map_plans``)."""
    from cai_cach.cache import open_cache
    from cai_cach.cli.progressbar import progress_bar
    from cai_cach.loading import map_plans, plan_files

    with progress_bar("Đọc kế hoạch") as bar:
        cache = open_cache(enabled=not no_cache)
        mapped = map_plans(plan_files(plan_arguments(plans, None)), work, cache, progress=bar)
    return _echoed(mapped)


def map_summaries_all(
    plans: list[str] | None, work: Callable[[LoadedSummary], T], *, no_cache: bool = False
) -> Mapped[T]:
    """``map_all`` over the plans' plain summaries (``loading.map_summaries``): on a warm
    cache no pydantic model is built."""
    from cai_cach.cache import open_cache
    from cai_cach.cli.progressbar import progress_bar
    from cai_cach.loading import map_summaries, plan_files

    with progress_bar("Đọc kế hoạch") as bar:
        cache = open_cache(enabled=not no_cache)
        mapped = map_summaries(plan_files(plan_arguments(plans, None)), work, cache, progress=bar)
    return _echoed(mapped)


def _echoed(mapped: Mapped[T]) -> Mapped[T]:
    """``mapped``, its warnings and failures printed on stderr."""
    for _, warnings, _ in mapped.results:
        echo_problems(warnings)
    for failure in mapped.failures:
        echo(render_error(failure), err=True)
    return mapped


@contextlib.contextmanager
def _plans_kept() -> Iterator[None]:
    """The loaded plans live until the command ends: load them with the cycle collector
    paused, then move them out of its reach (``gc.freeze``) so that it does not walk them again
    and again while the command runs (measured: a third of the time of a 1,000-plan run)."""
    from cai_cach.loading import collector_paused

    with collector_paused():
        yield
    gc.freeze()


def failure_notice(failures: list[PlanError], *, loaded: int, first: bool) -> str | None:
    """What standard output says when plans failed (its first line, ``first``, and its last),
    so that output read or mailed on its own is never taken for a complete answer."""
    if not failures:
        return None
    names = ", ".join(failure_records(failures)["failed_files"])
    if not first:
        scope = "KHÔNG có kết quả nào" if not loaded else "kết quả trên KHÔNG gồm các tệp đó"
        return (
            f"LỖI: {len(failures)} tệp kế hoạch có lỗi ({names}) — {scope}. "
            "Sửa lỗi rồi chạy lại: caicach check"
        )
    scope = "KHÔNG đọc được kế hoạch nào" if not loaded else "kết quả dưới đây KHÔNG gồm tệp đó"
    lines = [f"LỖI: {len(failures)} tệp kế hoạch có lỗi — {scope}:"]
    for failure in failures:
        errors = [p for p in failure.problems if p.severity == "error"] or failure.problems
        if errors:
            lines.append(f"  {errors[0].location}: {errors[0].message}")
    return "\n".join(lines)


def echo_failure_notice(result: LoadResult | Mapped[Any], *, first: bool) -> None:
    loaded = len(getattr(result, "plans", ())) + len(getattr(result, "results", ()))
    notice = failure_notice(result.failures, loaded=loaded, first=first)
    if notice is not None:
        echo(notice if first else f"\n{notice}")


def failure_records(failures: list[PlanError]) -> dict[str, Any]:
    """The ``--json`` fields naming the plans that could not be read and why."""
    return {
        "failed_files": [f.problems[0].file if f.problems else "?" for f in failures],
        "problems": [
            {
                "file": problem.file,
                "line": problem.line,
                "column": problem.column,
                "message": problem.message,
                "hint": problem.hint,
            }
            for failure in failures
            for problem in failure.problems
            if problem.severity == "error"
        ],
    }


def exit_status(result: LoadResult | Mapped[Any], code: int = EXIT_OK) -> int:
    return EXIT_INVALID if result.failures else code


def day_text(value: date) -> str:
    from cai_cach.periods import format_day

    return format_day(value)


def main() -> None:
    """Console-script entry point."""
    import sys

    app_for(sys.argv[1:])()


def app_for(args: list[str]) -> typer.Typer:
    """The app with only the command being run: typer builds the parser of every registered
    command at each start, which costs more than most commands' own work. Help, completion
    and unknown commands get the whole app."""
    import os

    from cai_cach.cli.completion import COMPLETE_VAR
    from cai_cach.cli.typer_internals import command_infos, with_only

    name = next((arg for arg in args if not arg.startswith("-")), None)
    chosen = [info for info in command_infos(app) if info.name == name]
    if os.environ.get(COMPLETE_VAR) or len(chosen) != 1:
        return app
    return with_only(app, chosen)


# Register the commands of each topic (kept last: they import the helpers above).
from cai_cach.cli import lifecycle as _lifecycle  # noqa: E402,F401
from cai_cach.cli import plans as _plans  # noqa: E402,F401
from cai_cach.cli import progress as _progress  # noqa: E402,F401
from cai_cach.cli import report as _report  # noqa: E402,F401
from cai_cach.cli import score as _score  # noqa: E402,F401
from cai_cach.cli import share as _share  # noqa: E402,F401
from cai_cach.cli import tasks as _tasks  # noqa: E402,F401
