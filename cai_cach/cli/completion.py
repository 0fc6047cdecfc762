"""Shell completion (typer's): the install/show options in Vietnamese, and completion of task
ids and periods from the plans found from the current folder.

Nothing here is imported by typer until the shell asks for completions or the clerk installs
them, so start-up stays fast.
"""

from __future__ import annotations

import contextlib
import io
import os
from collections.abc import Iterator

import typer

from cai_cach.cli.typer_internals import (
    completion_script,
    install_completion_script,
    register_completion_classes,
    shell_name,
)

PROG_NAME = "caicach"
COMPLETE_VAR = "_CAICACH_COMPLETE"


def install_completion(value: bool) -> None:
    """``--install-completion``: add completion to the current shell's start-up file."""
    if not value:
        return
    shell = shell_name()
    if shell not in ("bash", "zsh", "fish", "powershell", "pwsh"):
        typer.echo(
            f"lỗi: không nhận ra trình shell đang dùng ({shell or 'không rõ'}); hỗ trợ bash, "
            "zsh, fish và PowerShell",
            err=True,
        )
        raise typer.Exit(2)
    shell, path = install_completion_script(
        shell=shell, prog_name=PROG_NAME, complete_var=COMPLETE_VAR
    )
    typer.echo(f"Đã cài gợi ý lệnh cho {shell} vào {path}.")
    typer.echo("Mở lại cửa sổ dòng lệnh để bắt đầu dùng (gõ caicach rồi nhấn Tab).")
    raise typer.Exit(0)


def show_completion(value: bool) -> None:
    """``--show-completion``: print the script, to copy or install by hand."""
    if not value:
        return
    shell = shell_name() or "bash"
    typer.echo(completion_script(shell=shell, prog_name=PROG_NAME, complete_var=COMPLETE_VAR))
    raise typer.Exit(0)


def prepare_shell_completion() -> None:
    """Register typer's completion classes before a completion request is answered (typer does
    this itself only when it adds its own English install options)."""
    if os.environ.get(COMPLETE_VAR):
        register_completion_classes()


@contextlib.contextmanager
def _quiet() -> Iterator[None]:
    """Loading warnings must not leak into the shell while it completes a word."""
    with contextlib.redirect_stderr(io.StringIO()), contextlib.redirect_stdout(io.StringIO()):
        yield


def _plans() -> list[object]:
    from cai_cach.cache import open_cache
    from cai_cach.errors import CaicachError
    from cai_cach.loading import load_plans, plan_files

    try:
        with _quiet():
            return list(load_plans(plan_files([]), open_cache()).plans)
    except (CaicachError, OSError):
        return []


def task_ids(plans: list[object]) -> list[tuple[str, str]]:
    """(id, title) of every task and section of the plans, in document order."""
    from cai_cach.loading import LoadedPlan

    seen: dict[str, str] = {}
    for loaded in plans:
        if not isinstance(loaded, LoadedPlan):
            continue
        for section in loaded.plan.sections:
            seen.setdefault(section.id, section.title)
        for _, task in loaded.plan.tasks():
            seen.setdefault(task.id, task.title)
    return list(seen.items())


def complete_task_id(incomplete: str) -> list[tuple[str, str]]:
    """Task ids (and section ids) starting with what was typed, each with its title."""
    return [(tid, title[:60]) for tid, title in task_ids(_plans()) if tid.startswith(incomplete)]


def months(year: int) -> list[str]:
    return [f"{year}-{month:02d}" for month in range(1, 13)]


def periods(year: int) -> list[str]:
    """Period keys of a year as the command line accepts them."""
    keys = [f"{year}-Q{quarter}" for quarter in range(1, 5)]
    keys += [f"{year}-H1", f"{year}-H2", f"{year}-9M", f"{year}"]
    return keys + months(year)


def _years() -> list[int]:
    from datetime import date

    from cai_cach.loading import LoadedPlan

    years = sorted({p.plan.year for p in _plans() if isinstance(p, LoadedPlan)})
    return years or [date.today().year]


def complete_month(incomplete: str) -> list[str]:
    return [key for year in _years() for key in months(year) if key.startswith(incomplete)]


SHORT_PERIODS = ("Q1", "Q2", "Q3", "Q4", "6t", "9t", "năm")  # the year taken from the plan


def complete_period(incomplete: str) -> list[str]:
    """Period keys of the plans' years; with one year in play, the short forms too."""
    years = _years()
    keys = [key for year in years for key in periods(year)]
    if len(years) == 1:
        keys += SHORT_PERIODS
    return [key for key in keys if key.startswith(incomplete)]
