"""The one JSON contract: every command with ``--json`` prints the documented envelope, the
same on success and when a plan could not be read."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer.main

from cai_cach.cli import app
from cai_cach.cli.result import ENVELOPE_KEYS, JSON_VERSION, PROBLEM_KEYS, Envelope
from cai_cach.errors import PlanError, Problem
from tests.helpers import REPO, SHIPPED_PLAN, invoke

#: How to run each command with --json on the shipped plan (a new command with --json must
#: be added here: the walk below fails until it is).
INVOCATIONS: dict[str, list[str]] = {
    "check": [],
    "list": [],
    "officials": [],
    "overdue": ["--as-of", "2024-04-15"],
    "show": ["1.d", "--as-of", "2024-04-15"],
    "agenda": ["--month", "2024-02", "--as-of", "2024-02-05"],
    "report": ["--period", "2024-Q1", "--signed", "2024-03-18"],
    "diff": [],
    "evidence": ["--as-of", "2024-12-31"],
    "score": ["--rubric", str(REPO / "rubrics" / "vi-du-ca-mau.yaml"), "--as-of", "2024-12-31"],
}
#: Commands whose answer is about one plan only: a broken plan beside it is an error (exit 2,
#: the message on standard error), not a partial result, so they print no envelope then.
WHOLE_OR_NOTHING = {"score": "scores exactly one plan; a plan that cannot be read is refused"}
#: Exit statuses of a run that found something to report (1), as documented per command.
FINDINGS = {"evidence", "score"}
VARIANTS = {
    "overdue --group-by agency": ["overdue", "--group-by", "agency", "--as-of", "2024-04-15"]
}


def walk(command: Any, path: tuple[str, ...]) -> Iterator[tuple[tuple[str, ...], Any]]:
    yield path, command
    for name, sub in sorted((getattr(command, "commands", None) or {}).items()):
        yield from walk(sub, (*path, name))


WITH_JSON = sorted(
    " ".join(path[1:])
    for path, command in walk(typer.main.get_group(app), ("caicach",))
    if any("--json" in getattr(param, "opts", ()) for param in command.params)
)
CASES = {name: [name.split()[0], *INVOCATIONS.get(name, [])] for name in WITH_JSON}
CASES.update(VARIANTS)


def test_every_command_with_json_has_an_invocation_here() -> None:
    assert {"check", "overdue", "diff", "report"} <= set(WITH_JSON)
    missing = [name for name in WITH_JSON if name not in INVOCATIONS]
    assert not missing, f"add {missing} to INVOCATIONS: its --json must meet the contract"


def check_envelope(envelope: Any, command: str) -> None:
    """The documented envelope (docs/json.md), key by key."""
    assert isinstance(envelope, dict), "one object, never a bare array"
    keys = list(envelope)
    assert keys[:3] == ["version", "command", "complete"] and keys[-3:] == list(ENVELOPE_KEYS[3:])
    assert envelope["version"] == JSON_VERSION
    assert envelope["command"] == command
    assert isinstance(envelope["items"], list)
    assert all(isinstance(name, str) for name in envelope["failed_files"])
    for problem in envelope["problems"]:
        assert list(problem) == list(PROBLEM_KEYS)
        assert isinstance(problem["message"], str) and isinstance(problem["file"], str)
    assert envelope["complete"] is (not envelope["failed_files"])


@pytest.fixture
def office(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A plan folder with the shipped plan, committed in git (for ``diff``)."""
    (tmp_path / "plans").mkdir()
    shutil.copy(SHIPPED_PLAN, tmp_path / "plans" / SHIPPED_PLAN.name)
    monkeypatch.chdir(tmp_path)
    if shutil.which("git"):
        env = {
            "GIT_CONFIG_GLOBAL": "/dev/null",
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_AUTHOR_NAME": "t",
            "GIT_AUTHOR_EMAIL": "t@example.invalid",
            "GIT_COMMITTER_NAME": "t",
            "GIT_COMMITTER_EMAIL": "t@example.invalid",
            "PATH": "/usr/bin:/bin",
        }
        for args in (["init", "-q"], ["add", "plans"], ["commit", "-qm", "kế hoạch"]):
            subprocess.run(["git", *args], cwd=tmp_path, env=env, check=True)
    return tmp_path


def needs_git(name: str) -> None:
    if name == "diff" and shutil.which("git") is None:
        pytest.skip("diff --json needs git")


@pytest.mark.parametrize("name", sorted(CASES))
def test_json_is_the_envelope_when_every_plan_loads(office: Path, name: str) -> None:
    needs_git(name)
    result = invoke(*CASES[name], "--json")
    assert result.exit_code in ((0, 1) if name in FINDINGS else (0,)), result.output
    envelope = json.loads(result.stdout)
    check_envelope(envelope, name.split()[0])
    assert envelope["complete"] is True and envelope["problems"] == []
    if name != "diff":  # nothing changed since the commit
        assert envelope["items"], f"{name}: the shipped plan gives items"


@pytest.mark.parametrize("name", sorted(CASES))
def test_json_is_the_same_envelope_when_a_plan_fails(office: Path, name: str) -> None:
    needs_git(name)
    if name in WHOLE_OR_NOTHING:
        pytest.skip(WHOLE_OR_NOTHING[name])
    broken = office / "plans" / ("tinh-minh-2024.yaml" if name == "diff" else "hong.yaml")
    broken.write_text("plan: [\n", encoding="utf-8")
    result = invoke(*CASES[name], "--json")
    assert result.exit_code == 2, result.output
    envelope = json.loads(result.stdout)
    check_envelope(envelope, name.split()[0])
    assert envelope["complete"] is False
    assert envelope["failed_files"] == [f"plans/{broken.name}"]
    assert envelope["problems"][0]["line"] == 1


def test_command_fields_sit_between_complete_and_items() -> None:
    failure = PlanError([Problem("a.yaml", "hỏng", 2, 3, hint="sửa")])
    shaped = Envelope("overdue", [{"agency": "Xã"}], [failure], {"as_of": "2024-04-15"}).to_json()
    assert list(shaped) == [
        "version",
        "command",
        "complete",
        "as_of",
        "items",
        "failed_files",
        "problems",
    ]
    assert shaped["problems"] == [
        {"file": "a.yaml", "line": 2, "column": 3, "message": "hỏng", "hint": "sửa"}
    ]
    assert shaped["complete"] is False and shaped["failed_files"] == ["a.yaml"]


@pytest.mark.parametrize("page", ["docs/json.md", "docs/en/json-output.md"])
def test_the_envelope_is_documented(page: str) -> None:
    text = (REPO / page).read_text(encoding="utf-8")
    for key in (*ENVELOPE_KEYS, *PROBLEM_KEYS, "as_of", "totals", "earlier_years"):
        assert f"`{key}`" in text, f"{page}: '{key}' undocumented"
    for name in CASES:
        assert f"`{name} --json`" in text, f"{page}: '{name} --json' undocumented"
    assert f'"version": {JSON_VERSION}' in text
