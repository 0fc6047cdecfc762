"""Every screen typer and click print by themselves is Vietnamese (issue 13, item 1)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
import typer
from typer.testing import CliRunner

from cai_cach.cli import app
from cai_cach.cli.parsing import parse_role
from cai_cach.errors import UsageError
from tests.helpers import run

#: Wording of click and typer that must never reach a clerk.
ENGLISH = re.compile(
    r"\b(Usage|Options|Arguments|Commands|Error|Try|Missing|Invalid|required|default|"
    r"Show this message|No such|Did you mean|Got unexpected|requires|Input should|"
    r"env var|OPTIONS|COMMAND|ARGS|Aborted)\b|<(str|int|float|bool|int range|list\[str\])>|"
    r"\bx[<>]="
)


def command_paths() -> Iterator[list[str]]:
    """Every command registered in the app, found by walking click's command tree, so that
    commands added later are covered without touching this test."""
    root = typer.main.get_command(app)

    def walk(command: object, path: list[str]) -> Iterator[list[str]]:
        yield path
        for name, sub in getattr(command, "commands", {}).items():
            yield from walk(sub, [*path, name])

    yield from walk(root, [])


def english_in(text: str) -> list[str]:
    return [found.group(0) for found in ENGLISH.finditer(text)]


def test_the_tree_has_the_everyday_commands() -> None:
    names = {" ".join(path) for path in command_paths()}
    assert {"overdue", "list", "done", "report", "show", "calendar", "agenda"} <= names


@pytest.mark.parametrize("path", list(command_paths()), ids=lambda path: " ".join(path) or "-")
@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_help_of_every_command_is_vietnamese(path: list[str], flag: str) -> None:
    code, output = run(*path, flag)
    assert code == 0, output
    assert output.startswith("Cách dùng: caicach")
    assert english_in(output) == [], output


USAGE_ERRORS = [
    ["overdue", "--bogus"],
    ["overdue", "--soon", "-1"],
    ["overdue", "--soon", "x"],
    ["overdue", "--as-of"],
    ["note"],
    ["done"],
    ["ovrdue"],
    ["diff", "a", "b", "c"],
    ["overdue", "--json=yes"],
]


@pytest.mark.parametrize("args", USAGE_ERRORS, ids=" ".join)
def test_usage_errors_are_vietnamese(args: list[str]) -> None:
    code, output = run(*args)
    assert code == 2, output
    assert "lỗi: " in output
    assert english_in(output) == [], output


def test_usage_error_names_the_option_and_the_rule() -> None:
    _, output = run("overdue", "--soon", "-1")
    assert "'--soon'" in output
    assert "phải lớn hơn hoặc bằng 0" in output
    assert "Xem 'caicach overdue -h'" in output


def test_caicach_alone_prints_help_and_succeeds() -> None:
    code, output = run()
    assert code == 0
    assert "Lệnh:" in output
    assert "overdue" in output


def test_command_summaries_are_not_cut() -> None:
    _, output = run("--help")
    commands = output.split("Lệnh:")[1]
    assert "..." not in commands
    assert "…" not in commands
    assert "quá hạn lâu nhất trước." in " ".join(commands.split())


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("chu-tri", "lead"),
        ("chủ trì", "lead"),
        ("lead", "lead"),
        ("phoi-hop", "support"),
        ("Phối hợp", "support"),
        ("tat-ca", "any"),
        ("any", "any"),
    ],
)
def test_role_words(text: str, role: str) -> None:
    assert parse_role(text) == role


def test_unknown_role_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="chu-tri, phoi-hop hoặc tat-ca"):
        parse_role("boss")


def test_only_the_command_being_run_is_built() -> None:
    from cai_cach.cli import app_for

    assert [info.name for info in app_for(["--debug", "overdue", "x"]).registered_commands] == [
        "overdue"
    ]
    assert app_for(["-h"]) is app
    assert app_for(["ovrdue"]) is app
    result = CliRunner().invoke(app_for(["overdue", "-h"]), ["overdue", "-h"])
    assert result.exit_code == 0
    assert result.output.startswith("Cách dùng: caicach overdue")
