"""One test per use of typer's and click's private internals (``cli/typer_internals.py``):
each fails loudly, naming the use, when a typer release moves or changes it."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path
from typing import Annotated

import pytest
import typer
from typer.testing import CliRunner

from cai_cach.cli import app, typer_internals
from cai_cach.cli.typer_internals import (
    ShellCompletionGroup,
    click,
    command_infos,
    completion_script,
    current_context,
    register_completion_classes,
    shell_name,
    with_only,
)
from cai_cach.cli.vietnamese import VietnameseGroup, VietnameseTyper

CLI = Path(typer_internals.__file__).parent
PINNED = "typer 0.29 (pyproject pins typer>=0.29,<0.30)"


def test_1_typers_click_is_the_one_its_commands_use() -> None:
    assert issubclass(typer.Context, click.Context), f"typer._click moved: {PINNED}"
    assert issubclass(click.exceptions.UsageError, click.exceptions.ClickException)
    assert hasattr(click, "HelpFormatter") and hasattr(click.exceptions, "NoArgsIsHelpError")


def test_2_the_completion_script_and_shell_name() -> None:
    script = completion_script(shell="bash", prog_name="caicach", complete_var="_CAICACH_COMPLETE")
    assert "_CAICACH_COMPLETE" in script and "caicach" in script, "get_completion_script changed"
    assert shell_name() is None or isinstance(shell_name(), str)
    from typer import _completion_shared

    parameters = inspect.signature(_completion_shared.install).parameters
    assert {"shell", "prog_name", "complete_var"} <= set(parameters), "install() changed"


def test_3_completion_classes_register() -> None:
    register_completion_classes()
    from typer._click.shell_completion import get_completion_class

    assert get_completion_class("bash") is not None, "completion_init no longer registers bash"


def test_4_the_completion_hook_runs_before_a_completion_is_answered(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert "_main_shell_completion" in vars(click.Command), "click renamed _main_shell_completion"
    calls: list[str] = []
    monkeypatch.setattr(VietnameseGroup, "before_completion", lambda self: calls.append("x"))
    env = {"_CAICACH_COMPLETE": "complete_bash", "COMP_WORDS": "caicach ov", "COMP_CWORD": "1"}
    result = CliRunner().invoke(app, [], env=env, prog_name="caicach")
    assert calls == ["x"] and "overdue" in result.output
    assert issubclass(VietnameseGroup, ShellCompletionGroup)


def test_5_the_registered_commands_of_a_copy_can_be_narrowed() -> None:
    infos = command_infos(app)
    assert {info.name for info in infos} >= {"check", "overdue"}, "registered_commands changed"
    lean = with_only(app, [info for info in infos if info.name == "check"])
    assert [info.name for info in command_infos(lean)] == ["check"]
    assert len(command_infos(app)) == len(infos), "the app itself is not changed"
    result = CliRunner().invoke(lean, ["check", "-h"])
    assert result.exit_code == 0 and "Cách dùng:" in result.output


def test_6_the_current_context_is_the_running_commands() -> None:
    assert current_context() is None
    seen: list[object] = []
    fresh = VietnameseTyper(cls=VietnameseGroup, add_completion=False)

    @fresh.callback()
    def root() -> None:
        """Gốc."""

    @fresh.command("thu")
    def thu() -> int:
        """Lệnh thử của ngữ cảnh."""
        seen.append(current_context())
        return 0

    assert CliRunner().invoke(fresh, ["thu"]).exit_code == 0
    assert isinstance(seen[0], click.Context) and seen[0].info_name == "thu"


PRIVATE = {
    "_click",
    "_completion_shared",
    "_completion_classes",
    "_main_shell_completion",
    "registered_commands",
}


def private_uses(source: str) -> list[str]:
    """typer's private modules imported, and private names used, in ``source``."""
    used: list[str] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.module:
            if node.module.startswith(("typer._", "click.")) or node.module == "click":
                used.append(node.module)
            if node.module == "typer":
                used += [alias.name for alias in node.names if alias.name in PRIVATE]
        elif isinstance(node, ast.Import):
            used += [a.name for a in node.names if a.name.startswith("typer._")]
        elif isinstance(node, ast.Attribute) and node.attr in PRIVATE:
            used.append(node.attr)
        elif isinstance(node, ast.FunctionDef) and node.name in PRIVATE:
            used.append(node.name)
    return used


Names = Annotated[list[str] | None, typer.Option("--name")]


def test_7_coercion_is_deferred_and_still_converts() -> None:
    """Text and lists of text pass through; an int or a Path still goes through typer's own
    converter; an unset option stays unset."""
    probe = VietnameseTyper()  # its commands defer their coercion (VietnameseCommand)
    seen: dict[str, object] = {}

    @probe.command()
    def run(
        names: Names = None,
        word: str | None = None,
        count: int = 1,
        where: Path | None = None,
        flag: bool = False,
    ) -> None:
        seen.update(names=names, word=word, count=count, where=where, flag=flag)

    command = typer.main.get_command(probe)
    typer_internals.defer_coercion(command, typer_internals.click.Context(command))
    deferred = {type(p._runtime_param).__name__ for p in command.params}  # type: ignore[attr-defined]
    assert deferred == {"Deferred"}
    result = CliRunner().invoke(
        probe, ["--name", "a", "--name", "b", "--word", "x", "--count", "3", "--where", "p/q"]
    )
    assert result.exit_code == 0, result.output
    assert seen == {
        "names": ["a", "b"],
        "word": "x",
        "count": 3,
        "where": Path("p/q"),
        "flag": False,
    }
    bad = CliRunner().invoke(probe, ["--count", "ba"])
    assert bad.exit_code == 2


def test_7_overdue_builds_no_pydantic_adapter(tmp_path: Path) -> None:
    import subprocess
    import sys

    from tests.helpers import SHIPPED_PLAN

    code = (
        "import sys; from cai_cach.cli import main; sys.argv = ['caicach', 'overdue', "
        f"'--as-of', '2024-04-15', {str(SHIPPED_PLAN)!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('typer._adapters' in sys.modules, file=sys.stderr)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.stderr.strip().splitlines()[-1] == "False", done.stderr


def test_the_fence_finds_a_private_use() -> None:
    assert private_uses("from typer import _click as click\n") == ["_click"]
    assert private_uses("from typer._completion_shared import install\n") == [
        "typer._completion_shared"
    ]
    assert private_uses("app.registered_commands = []\n") == ["registered_commands"]
    assert private_uses("from typer.core import TyperGroup\n") == []


@pytest.mark.parametrize(
    "path",
    [p for p in sorted(CLI.glob("*.py")) if p.name != "typer_internals.py"],
    ids=lambda p: p.name,
)
def test_no_other_module_touches_typer_or_click_internals(path: Path) -> None:
    used = private_uses(path.read_text(encoding="utf-8"))
    assert not used, f"{path.name} uses {used}: go through cli/typer_internals.py"
