"""bench/make_plans.py writes realistic, valid commune plans, the same for the same seed."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from cai_cach.loading import load_plans, plan_files
from tests.helpers import REPO

Run = Callable[..., Any]
SCRIPT = REPO / "bench" / "make_plans.py"


def make(out: Path, count: int, seed: int) -> dict[str, bytes]:
    subprocess.run(
        [sys.executable, str(SCRIPT), str(count), "--out", str(out), "--seed", str(seed)],
        check=True,
        capture_output=True,
    )
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*.yaml"))}


def test_generated_plans_pass_check(run_cli: Run, tmp_path: Path) -> None:
    written = make(tmp_path / "plans", 4, seed=7)
    assert len(written) == 4
    assert all(re.fullmatch(r"[a-z0-9-]+/[a-z0-9-]+-2024\.yaml", name) for name in written)
    result = run_cli("check", tmp_path / "plans")
    assert result.exit_code == 0, result.output
    assert result.stdout.count("hợp lệ") == 4
    assert result.stderr == ""  # not even a warning


def test_generated_plans_look_like_real_ones(tmp_path: Path) -> None:
    make(tmp_path / "plans", 4, seed=7)
    loaded = load_plans(plan_files([str(tmp_path / "plans")]))
    assert not loaded.failures
    agencies = {p.plan.plan.agency.name for p in loaded.plans}
    assert len(agencies) == 4
    for item in loaded.plans:
        plan = item.plan
        tasks = [task for _, task in plan.tasks()]
        assert 35 <= len(tasks) <= 45
        assert len(plan.sections) == 8
        assert any(official.name for official in plan.officials.values())
        assert any(official.group for official in plan.officials.values())
        milestones = [m for task in tasks for m in task.milestones]
        assert any(not re.fullmatch(r"\d{4}-\d\d-\d\d", m.due.text) for m in milestones)
        assert any(m.done for m in milestones) and any(not m.done for m in milestones)
        assert any(task.recurring and task.recurring[0].done for task in tasks)
        assert any(task.ongoing for task in tasks) and any(task.notes for task in tasks)
        assert plan.reporting and plan.reporting[0].recipient


def test_same_seed_same_bytes_other_seed_other_plans(tmp_path: Path) -> None:
    first = make(tmp_path / "a", 3, seed=11)
    again = make(tmp_path / "b", 3, seed=11)
    other = make(tmp_path / "c", 3, seed=12)
    assert first == again
    assert set(first.values()).isdisjoint(other.values())


def test_a_big_plan_of_monthly_duties_all_recorded(run_cli: Run, tmp_path: Path) -> None:
    out = tmp_path / "big"
    subprocess.run(
        [
            sys.executable,
            str(SCRIPT),
            "1",
            "--out",
            str(out),
            "--tasks",
            "30",
            "--monthly",
            "1",
            "--open-share",
            "0",
            "--progress-until",
            "2024-11-12",
        ],
        check=True,
        capture_output=True,
    )
    (loaded,) = load_plans(plan_files([str(out)])).plans
    tasks = [task for section in loaded.plan.sections for task in section.tasks]
    assert len(tasks) == 29  # and the reporting duty
    assert all([r.every for r in task.recurring] == ["month"] for task in tasks)
    recorded = [len(task.recurring[0].done) for task in tasks]
    assert all(9 <= count <= 11 for count in recorded)  # January to October, all recorded
    assert run_cli("check", out).exit_code == 0


def test_the_usual_mix_is_what_it_was(tmp_path: Path) -> None:
    default = make(tmp_path / "a", 3, seed=4)
    out = tmp_path / "b"
    subprocess.run(
        [
            *(sys.executable, str(SCRIPT), "3", "--out", str(out), "--seed", "4"),
            *("--monthly", "0", "--open-share", "0.25"),
        ],
        check=True,
        capture_output=True,
    )
    assert {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*.yaml"))} == default
