"""Every environment variable and default folder in one module, documented in a table."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from cai_cach import config
from cai_cach.config import (
    CACHE_DIR_ENV,
    COMPLETE_ENV,
    DEFAULT_LOCK_TIMEOUT,
    JOBS_ENV,
    LOCK_TIMEOUT_ENV,
    VARIABLES,
    cache_dir,
    completing,
    jobs,
    lock_timeout,
)
from tests.helpers import REPO

PACKAGE = REPO / "cai_cach"


def test_the_cache_folder_is_the_variable_else_the_users_cache(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv(CACHE_DIR_ENV, str(tmp_path / "mine"))
    assert cache_dir() == tmp_path / "mine"
    monkeypatch.delenv(CACHE_DIR_ENV)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    folder = cache_dir()
    assert folder is not None and folder.name == "caicach"


@pytest.mark.parametrize(
    ("value", "expected"), [("3", 3), (" 2 ", 2), ("0", None), ("abc", None), ("", None)]
)
def test_jobs_takes_a_positive_number_only(
    monkeypatch: pytest.MonkeyPatch, value: str, expected: int | None
) -> None:
    monkeypatch.setenv(JOBS_ENV, value)
    assert jobs() == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [("5", 5.0), ("0", 0.0), ("2.5", 2.5), ("-1", DEFAULT_LOCK_TIMEOUT), ("x", 30.0)],
)
def test_the_lock_timeout_ignores_what_cannot_be_a_wait(
    monkeypatch: pytest.MonkeyPatch, value: str, expected: float
) -> None:
    monkeypatch.setenv(LOCK_TIMEOUT_ENV, value)
    assert lock_timeout() == expected
    monkeypatch.delenv(LOCK_TIMEOUT_ENV)
    assert lock_timeout() == DEFAULT_LOCK_TIMEOUT == 30.0


def test_completing_is_the_shells_request(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(COMPLETE_ENV, raising=False)
    assert not completing()
    monkeypatch.setenv(COMPLETE_ENV, "complete_bash")
    assert completing()


def environment_reads(tree: ast.AST) -> list[str]:
    """``os.environ.get``, ``os.getenv``, ``os.environ[...]`` and our variables' names."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            text = ast.unparse(node.func)
            if text in ("os.environ.get", "os.getenv", "environ.get"):
                found.append(text)
        elif isinstance(node, ast.Subscript) and ast.unparse(node.value) == "os.environ":
            found.append("os.environ[...]")
        elif (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and re.fullmatch(r"_?CAICACH_[A-Z_]+", node.value)
        ):
            found.append(node.value)
    return found


def test_the_scan_finds_a_read() -> None:
    assert environment_reads(ast.parse("import os\nos.environ.get('X')\n")) == ["os.environ.get"]
    assert environment_reads(ast.parse("X = 'CAICACH_JOBS'\n")) == ["CAICACH_JOBS"]
    assert environment_reads(ast.parse("env = {**os.environ, 'LC_ALL': 'C'}\n")) == []


@pytest.mark.parametrize(
    "path",
    [p for p in sorted(PACKAGE.rglob("*.py")) if p.name != "config.py"],
    ids=lambda p: p.relative_to(PACKAGE).as_posix(),
)
def test_no_other_module_reads_the_environment(path: Path) -> None:
    reads = environment_reads(ast.parse(path.read_text(encoding="utf-8")))
    assert not reads, f"{path.name} reads {reads}: define it in cai_cach/config.py"


@pytest.mark.parametrize("page", ["docs/moi-truong.md", "docs/en/environment.md"])
def test_every_variable_is_in_the_documented_table(page: str) -> None:
    text = (REPO / page).read_text(encoding="utf-8")
    rows = [line for line in text.splitlines() if line.startswith("| `")]
    documented = {name for row in rows for name in re.findall(r"`(_?CAICACH_\w+)`", row)}
    names = {variable.name for variable in VARIABLES}
    assert documented == names
    defined = {v for k, v in vars(config).items() if k.endswith("_ENV") and isinstance(v, str)}
    assert defined | set(config.SMTP_ENV.values()) == names
