"""summary: a plan's obligations as plain data; the warm path (read from the cache) must
answer exactly as the cold one, without building or importing the pydantic models."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from cai_cach.loading import load_plan
from cai_cach.schedule import obligations
from cai_cach.summary import from_plain, late_or_due, summarize, to_plain
from tests.helpers import REPO, SHIPPED_PLAN
from tests.helpers import late_or_due as plan_late_or_due

MAKE_PLANS = REPO / "bench" / "make_plans.py"
DAYS = [
    date(2024, 1, 2),
    date(2024, 4, 15),
    date(2024, 7, 15),
    date(2024, 12, 31),
    date(2025, 3, 1),
]


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """A few realistic plans with recorded progress (done milestones and occurrences)."""
    out = tmp_path_factory.mktemp("generated")
    subprocess.run(
        [sys.executable, str(MAKE_PLANS), "6", "--out", str(out), "--seed", "7"],
        check=True,
        capture_output=True,
    )
    return sorted(out.rglob("*.yaml"))


def _plans(generated: list[Path]) -> list[Path]:
    return [SHIPPED_PLAN, *generated]


def test_the_findings_are_the_schedules(generated: list[Path]) -> None:
    for path in _plans(generated):
        plan = load_plan(path).plan
        summary = summarize(plan)
        for day in DAYS:
            for soon in (None, 0, 30):
                expected = [
                    (f.task.id, f.obligation.label, f.obligation.due, f.status)
                    for f in plan_late_or_due(plan, day, soon)
                ]
                found = [
                    (f.task.id, f.due.label, f.due.due, f.status)
                    for f in late_or_due(summary, day, soon)
                ]
                assert found == expected, (path, day, soon)


def test_a_summary_holds_every_obligation_with_its_progress(generated: list[Path]) -> None:
    plan = load_plan(generated[0]).plan
    summary = summarize(plan)
    dues = {(t.id, d.due, d.label, d.done) for t in summary.tasks for d in t.dues}
    listed = {(t.id, o.due, o.label, o.done) for t, o in obligations(plan)}
    assert listed <= dues
    assert any(done is not None for *_, done in dues)


def test_a_summary_survives_json(generated: list[Path]) -> None:
    for path in _plans(generated):
        summary = summarize(load_plan(path).plan)
        assert from_plain(json.loads(json.dumps(to_plain(summary)))) == summary


@pytest.mark.parametrize(
    "shape",
    [
        lambda s: {**s, "year": "2024"},
        lambda s: {**s, "agency": None},
        lambda s: {**s, "tasks": [[1, *s["tasks"][0][1:]]]},
        lambda s: {**s, "tasks": [[*s["tasks"][0][:5], [["x", "2024-01-01", None, "Q", []]]]]},
        lambda s: {**s, "tasks": [[*s["tasks"][0][:5], [["x", "2024-03-31", None, None, [3]]]]]},
        lambda s: {**s, "officials": [[*s["officials"][0][:2], 3]]},
        lambda s: {**s, "tasks": [[*s["tasks"][0][:3], [None], [], []]]},
        lambda s: {**s, "tasks": [[*s["tasks"][0][:5], [[1, "2024-01-01", None, None, None]]]]},
        lambda s: {**s, "tasks": [[*s["tasks"][0][:5], [["x", "2024-01-01", None, 7, None]]]]},
        lambda s: {**s, "tasks": [[*s["tasks"][0][:5], [["x", "2024-01-01", "?", None, None]]]]},
        lambda s: {**s, "tasks": [[*s["tasks"][0][:5], [["x", "2024-01-01", None, None, "ab"]]]]},
        lambda s: {**s, "tasks": [[*s["tasks"][0][:3], "vp-tk", [], []]]},
    ],
)
def test_a_malformed_summary_is_refused(shape: object) -> None:
    plain = to_plain(summarize(load_plan(SHIPPED_PLAN).plan))
    with pytest.raises((TypeError, ValueError, KeyError)):
        from_plain(shape(plain))  # type: ignore[operator]


def _caicach(args: list[str], cache: Path) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "CAICACH_CACHE_DIR": str(cache), "CAICACH_JOBS": "1", "COLUMNS": "100"}
    return subprocess.run(
        [sys.executable, "-m", "cai_cach", *args], capture_output=True, env=env, check=False
    )


OPTIONS = [
    ["--as-of", "2024-04-15"],
    ["--as-of", "2024-07-15", "--json"],
    ["--as-of", "2024-07-15", "--group-by", "agency"],
    ["--as-of", "2024-07-15", "--group-by", "agency", "--json", "--soon", "30"],
    ["--as-of", "2024-10-01", "--soon", "30", "--by", "van phong"],
    ["--as-of", "2024-10-01", "--json", "--by", "tai chinh", "--role", "any"],
    ["--as-of", "2024-10-01", "--by", "khong ai ca"],
]


@pytest.mark.slow
@pytest.mark.parametrize("options", OPTIONS, ids=" ".join)
def test_warm_and_cold_overdue_print_the_same_bytes(
    generated: list[Path], tmp_path: Path, options: list[str]
) -> None:
    folder = tmp_path / "plans"
    folder.mkdir()
    for path in _plans(generated):
        shutil.copy(path, folder / path.name)
    cache = tmp_path / "cache"
    for target in ([str(folder)], [str(folder / SHIPPED_PLAN.name)]):
        args = ["overdue", *options, *target]
        cold = _caicach([*args, "--no-cache"], cache)
        filling = _caicach(args, cache)
        warm = _caicach(args, cache)
        assert any(cache.rglob("*.json"))
        for run in (filling, warm):
            assert (run.returncode, run.stdout, run.stderr) == (
                cold.returncode,
                cold.stdout,
                cold.stderr,
            )


def test_a_warm_overdue_never_imports_the_models(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    probe = (
        "import sys\n"
        "from cai_cach.cli import main\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('models' if 'cai_cach.models' in sys.modules else 'plain', file=sys.stderr)\n"
    )
    for number, options in enumerate((["--json"], ["--group-by", "agency"], ["--by", "van phong"])):
        env = {**os.environ, "CAICACH_CACHE_DIR": str(cache / str(number)), "CAICACH_JOBS": "1"}
        argv = ["caicach", "overdue", "--as-of", "2024-04-15", *options, str(SHIPPED_PLAN)]
        run = [sys.executable, "-c", f"import sys; sys.argv = {argv!r}\n{probe}"]
        first = subprocess.run(run, capture_output=True, text=True, env=env, check=False)
        assert first.stderr.strip().splitlines()[-1] == "models"  # cold: the plan is validated
        second = subprocess.run(run, capture_output=True, text=True, env=env, check=False)
        assert second.stderr.strip().splitlines()[-1] == "plain", second.stderr
        assert second.stdout == first.stdout


def test_records_read_back_are_the_records_their_constructors_make() -> None:
    from dataclasses import FrozenInstanceError

    from cai_cach.periods import parse_period
    from cai_cach.standing import Obligation
    from cai_cach.summary import TaskDues, _make_obligation, _make_task_dues, _slot_setters

    period = parse_period("2024-Q1")
    made = _make_obligation("Báo cáo", date(2024, 3, 15), None, period, ("2024-01",))
    built = Obligation("Báo cáo", date(2024, 3, 15), None, period, ("2024-01",))
    assert made == built and hash(made) == hash(built) and repr(made) == repr(built)
    task = _make_task_dues("1.a", "1", "Việc", ("vp-tk",), (), (made,))
    assert task == TaskDues("1.a", "1", "Việc", ("vp-tk",), (), (built,))
    with pytest.raises(FrozenInstanceError):
        made.what = "khác"  # type: ignore[misc]
    with pytest.raises(TypeError):
        _slot_setters(Obligation, "due what done period covers")  # a field order it does not have
