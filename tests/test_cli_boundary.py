"""The one error boundary, applied by the command class: every command runs inside it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer
import typer.main
from typer.testing import CliRunner

from cai_cach import atomic
from cai_cach.cli import app
from cai_cach.cli.boundary import render_error, stopped
from cai_cach.cli.vietnamese import VietnameseCommand, VietnameseGroup, VietnameseTyper
from cai_cach.errors import PlanError, Problem, UsageError


def walk(command: Any, path: tuple[str, ...]) -> Iterator[tuple[tuple[str, ...], Any]]:
    yield path, command
    for name, sub in sorted((getattr(command, "commands", None) or {}).items()):
        yield from walk(sub, (*path, name))


COMMANDS = [
    (" ".join(path), command)
    for path, command in walk(typer.main.get_group(app), ("caicach",))
    if len(path) > 1
]


def test_the_app_has_its_commands() -> None:
    assert {"check", "overdue", "done", "report", "show"} <= {p.split()[-1] for p, _ in COMMANDS}


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=[path for path, _ in COMMANDS])
def test_every_command_runs_inside_the_boundary(path: str, command: Any) -> None:
    """A command is either a group of commands (walked too) or a ``VietnameseCommand``, whose
    ``invoke`` is the boundary."""
    assert isinstance(command, VietnameseCommand | VietnameseGroup), (
        f"'{path}' is a {type(command).__name__}: register it with app.command() (or "
        "cls=VietnameseCommand) so that it runs inside the error boundary"
    )


def fresh_app(raise_: BaseException) -> typer.Typer:
    """An app of one command, registered with no decorator of its own, that raises."""
    fresh = VietnameseTyper(cls=VietnameseGroup, add_completion=False)

    @fresh.callback()
    def root(debug: bool = typer.Option(False, "--debug")) -> None:
        """Gốc."""

    @fresh.command("thu")
    def thu() -> int:
        """Lệnh thử của kiểm thử ranh giới lỗi."""
        raise raise_

    return fresh


def test_a_typed_error_becomes_its_message_and_exit_status() -> None:
    result = CliRunner().invoke(fresh_app(UsageError("sai cách dùng", "làm thế này")), ["thu"])
    assert result.exit_code == 2
    assert "lỗi: sai cách dùng" in result.output and "làm thế này" in result.output
    assert "Traceback" not in result.output


def test_an_internal_error_is_exit_3_and_a_traceback_only_with_debug() -> None:
    runner = CliRunner()
    result = runner.invoke(fresh_app(ZeroDivisionError("chia cho 0")), ["thu"])
    assert result.exit_code == 3
    assert "lỗi nội bộ: ZeroDivisionError: chia cho 0" in result.output
    assert "--debug" in result.output
    debugged = runner.invoke(fresh_app(ZeroDivisionError("chia cho 0")), ["--debug", "thu"])
    assert isinstance(debugged.exception, ZeroDivisionError)


def test_ctrl_c_names_the_files_written_by_the_command(tmp_path: Path) -> None:
    fresh = VietnameseTyper(cls=VietnameseGroup, add_completion=False)
    target = tmp_path / "bao-cao.md"

    @fresh.callback()
    def root() -> None:
        """Gốc."""

    @fresh.command("ghi")
    def ghi() -> int:
        """Ghi một tệp rồi bị ngắt."""
        atomic.write_atomic(target, b"x")
        raise KeyboardInterrupt

    result = CliRunner().invoke(fresh, ["ghi"])
    assert result.exit_code == 130
    assert f"Tệp {target} đã ghi xong" in result.output
    assert stopped([]) == "Đã dừng."


def test_yaml_detail_is_shown_only_with_debug() -> None:
    problem = Problem("a.yaml", "lỗi cú pháp", 1, 2, detail="expected ':'")
    err = PlanError([problem])
    assert "(YAML: expected ':')" in render_error(err, debug=True)
    assert "YAML" not in render_error(err, debug=False)
    assert "YAML" not in render_error(err)  # outside a command: no --debug
