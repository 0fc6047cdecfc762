"""The package: its version is the one pyproject.toml declares, and `--version` prints it."""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from typing import Any

import cai_cach
from tests.helpers import REPO


def test_version_matches_pyproject() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert cai_cach.__version__ == project["version"]


def test_version_option_prints_it(run_cli: Callable[..., Any]) -> None:
    result = run_cli("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"caicach {cai_cach.__version__}"
