"""Every command is documented: in its --help and in both halves of the README."""

from __future__ import annotations

import pytest
import typer.main

from cai_cach.cli import app
from tests.helpers import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")
VIETNAMESE, _, ENGLISH = README.partition("# caicach (English)")


def command_names() -> list[str]:
    group = typer.main.get_group(app)
    return sorted(group.commands)


def test_there_are_commands() -> None:
    assert {"check", "list", "officials", "overdue"} <= set(command_names())


@pytest.mark.parametrize("name", command_names())
def test_command_has_help(name: str) -> None:
    command = typer.main.get_group(app).commands[name]
    assert command.help and len(command.help) > 20, f"'{name}' has no help text"


@pytest.mark.parametrize("name", command_names())
def test_command_is_in_both_readme_halves(name: str) -> None:
    assert ENGLISH, "README needs an English section headed '# caicach (English)'"
    assert f"caicach {name}" in VIETNAMESE, f"'caicach {name}' missing from the Vietnamese part"
    assert f"caicach {name}" in ENGLISH, f"'caicach {name}' missing from the English part"


def test_readme_quick_start_is_two_commands() -> None:
    block = VIETNAMESE.split("## Bắt đầu nhanh", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    commands = [line for line in block.strip().splitlines() if line.strip()]
    assert commands == ["pip install . && caicach overdue", 'pip install ".[test]" && pytest']
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert commands[1] in ci
