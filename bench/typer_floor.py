"""The framework floor: caicach's command-line stack doing nothing.

A Typer application configured like ``cai_cach.cli`` whose ``overdue`` command takes the same
options and prints ``[]``. Timing it beside ``caicach overdue`` separates what the stack
(Python, Typer, pydantic, PyYAML) costs on every run from what caicach itself adds.

    .venv/bin/python bench/typer_floor.py overdue --json --as-of 2024-04-15 plans/x.yaml
"""

from __future__ import annotations

from typing import Annotated

import typer
import yaml  # noqa: F401  (part of the stack's import floor)

app = typer.Typer(add_completion=False, pretty_exceptions_enable=False, rich_markup_mode=None)


@app.callback()
def main_options(debug: Annotated[bool, typer.Option("--debug")] = False) -> None:
    """Options of the whole program."""


@app.command("overdue")
def overdue(
    plans: Annotated[list[str] | None, typer.Argument()] = None,
    as_of: Annotated[str | None, typer.Option("--as-of")] = None,
    by: Annotated[str | None, typer.Option("--by")] = None,
    role: Annotated[str, typer.Option("--role")] = "lead",
    soon: Annotated[int | None, typer.Option("--soon", min=0)] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
    exit_code: Annotated[bool, typer.Option("--exit-code")] = False,
    group_by: Annotated[str | None, typer.Option("--group-by")] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache")] = False,
) -> None:
    """Print an empty list."""
    print("[]")


@app.command("check")
def check(plans: Annotated[list[str] | None, typer.Argument()] = None) -> None:
    """Do nothing."""


if __name__ == "__main__":
    app()
