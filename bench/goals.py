"""The four speed goals of issue 14, measured side by side (prints Markdown).

    .venv/bin/python bench/goals.py --rounds 5                          # this checkout
    .venv/bin/python bench/goals.py --variant before=/tmp/old/caicach \\
        --variant after=.venv/bin/caicach                              # two versions, same rounds

1. ``caicach overdue`` on the shipped plan, against the import floor
   (``python -c "import typer, pydantic, yaml"``) and the framework floor (``typer_floor.py``);
2. 1,000 generated plans (``make_plans.py 1000 --seed 1``), ``overdue --group-by agency`` with
   an empty cache, against libyaml's event stream alone on one core and shared by two processes
   (``libyaml_floor.py``, ``--jobs 2``);
3. the same plans with a filled cache: the full listing (table) and 4. the roll-up, against
   ``task overdue`` over the two Taskwarrior peers of ``to_taskwarrior.py``: one task per dated
   obligation (the fairer peer) and one task per plan task.

Each round is one hyperfine run of every row of a table; ratios are taken within a round and
the median of the rounds is reported, with the load average (``uptime``) at the start of each
round, because the machine may be shared.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench import (
    BENCH,
    GENERATED_AS_OF,
    REPO,
    SHIPPED,
    SHIPPED_AS_OF,
    Command,
    Timing,
    check_tools,
    commands_text,
    hyperfine,
    machine,
    table,
    timing_folder,
)


def taskwarrior(folder: Path, plans: Path, python: str, per_task: bool) -> tuple[str, int, int]:
    """A throwaway Taskwarrior holding ``plans``; its rc file, task count and overdue count."""
    data = folder / "data"
    if not (folder / "done").exists():
        shutil.rmtree(folder, ignore_errors=True)
        data.mkdir(parents=True)
        (folder / "taskrc").write_text(
            f"data.location={data}\nconfirmation=off\nhooks=off\nrecurrence=off\n"
            "news.version=9.9.9\n"
        )
        extra = ["--per-task"] if per_task else []
        with (folder / "tasks.json").open("w") as handle:
            subprocess.run(
                [
                    python,
                    str(BENCH / "to_taskwarrior.py"),
                    str(plans),
                    "--as-of",
                    GENERATED_AS_OF,
                    *extra,
                ],
                stdout=handle,
                check=True,
                cwd=REPO,
            )
        rc = f"rc:{folder / 'taskrc'}"
        subprocess.run(
            ["task", rc, "import", str(folder / "tasks.json")], check=True, capture_output=True
        )
        (folder / "done").touch()
    rc = f"rc:{folder / 'taskrc'}"
    count = subprocess.run(
        ["task", rc, "+OVERDUE", "count"], check=True, capture_output=True, text=True
    )
    tasks = sum(1 for _ in (folder / "tasks.json").open())
    return str(folder / "taskrc"), tasks, int(count.stdout.strip())


def rounds_of(
    commands: list[Command], out: Path, runs: int, rounds: int
) -> tuple[list[Timing], list[str]]:
    loads = []
    timings: list[Timing] = []
    for number in range(rounds):
        loads.append(" ".join(f"{x:.2f}" for x in os.getloadavg()))
        got = hyperfine(commands, out, runs, 1)
        if not number:
            timings = got
            continue
        for timing, again in zip(timings, got, strict=True):
            timing.medians += again.medians
            timing.cpu += again.cpu
    return timings, loads


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "caicach-goals")
    parser.add_argument("--python", default=str(REPO / ".venv" / "bin" / "python"))
    parser.add_argument(
        "--variant",
        action="append",
        metavar="NAME=CAICACH",
        help="a caicach executable to time (repeatable); default: this checkout's .venv",
    )
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--runs", type=int, default=20, help="runs per row, one plan")
    parser.add_argument("--many-runs", type=int, default=5, help="runs per row, 1,000 plans")
    parser.add_argument("--only", choices=["one", "many"], help="one table only")
    args = parser.parse_args(argv)
    check_tools()
    out: Path = args.out
    cache = timing_folder(out, fresh=False)  # the generated plans and peers are kept
    for old in out.glob("hyperfine-*.json"):
        old.unlink()
    py = args.python
    variants = [v.split("=", 1) for v in args.variant or [f"caicach={REPO / '.venv/bin/caicach'}"]]
    clear = ["rm", "-rf", str(cache)]
    floor = Command("import floor", [py, "-c", "import typer, pydantic, yaml"], baseline=True)
    report = [f"Machine: {machine()}.", ""]

    if args.only in (None, "one"):
        day = ["--as-of", SHIPPED_AS_OF, str(SHIPPED)]
        one = [floor, Command("typer floor", [py, str(BENCH / "typer_floor.py"), "overdue", *day])]
        one += [Command(f"{name}: overdue", [exe, "overdue", *day]) for name, exe in variants]
        timings, loads = rounds_of(one, out, args.runs, args.rounds)
        report += [
            table(
                "Goal 1: `caicach overdue` on the shipped plan (cache warm)",
                timings,
                ["import floor"],
                loads,
            ),
            commands_text(timings),
        ]

    if args.only in (None, "many"):
        plans = out / "plans-1000"
        if not plans.is_dir():
            subprocess.run(
                [py, str(BENCH / "make_plans.py"), "1000", "--out", str(plans), "--seed", "1"],
                check=True,
                capture_output=True,
            )
        rc_o, tasks_o, late_o = taskwarrior(out / "tw-obligations", plans, py, per_task=False)
        rc_t, tasks_t, late_t = taskwarrior(out / "tw-tasks", plans, py, per_task=True)
        day = ["--as-of", GENERATED_AS_OF, str(plans)]
        many = [
            floor,
            Command("libyaml events, one core", [py, str(BENCH / "libyaml_floor.py"), str(plans)]),
            Command(
                "libyaml events, two cores",
                [py, str(BENCH / "libyaml_floor.py"), "--jobs", "2", str(plans)],
            ),
            Command("task overdue (per obligation)", ["task", f"rc:{rc_o}", "overdue"]),
            Command("task overdue (per task)", ["task", f"rc:{rc_t}", "overdue"]),
        ]
        for name, exe in variants:
            group = [exe, "overdue", "--group-by", "agency", *day]
            many += [
                Command(f"{name}: roll-up, cold", group, clear),
                Command(f"{name}: roll-up, warm", group),
                Command(f"{name}: listing (table), warm", [exe, "overdue", *day]),
                Command(f"{name}: listing --json, warm", [exe, "overdue", "--json", *day]),
            ]
        timings, loads = rounds_of(many, out, args.many_runs, args.rounds)
        title = (
            f"Goals 2–4: 1,000 generated plans; Taskwarrior peers: {tasks_o} obligations "
            f"({late_o} overdue) and {tasks_t} tasks ({late_t} overdue), as of {GENERATED_AS_OF}"
        )
        baselines = [
            "libyaml events, one core",
            "libyaml events, two cores",
            "task overdue (per obligation)",
            "task overdue (per task)",
        ]
        report += [table(title, timings, baselines, loads), commands_text(timings)]
    print("\n".join(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
