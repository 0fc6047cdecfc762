"""Time the commands a clerk runs on one big plan: 5,000 tasks, 50,000 recorded occurrences.

    .venv/bin/python bench/big_plan.py --out /tmp/big-plan \\
        --variant before=/tmp/caicach-before --variant after=.

The plan is written by ``bench/make_plans.py`` (one commune, 5,000 tasks, each a monthly duty
with January to October recorded: 50,445 occurrences, 60,000 calendar events; the same bytes
every run). Each variant is a source tree (run as ``python -m cai_cach`` with that tree first
on ``PYTHONPATH``, e.g. a ``git archive`` of an older commit) or an executable. For each one
the plan is copied into a fresh folder with its own cache, checked once (the cache warm, as on
the clerk's machine), then the commands below run one after the other on it; each gets wall
time, processor time (user + system) and peak memory of the process (``wait4``), and is killed
after ``--timeout`` seconds. Printed as a Markdown table (the load average is shown: the
machine is shared, compare the processor times and within a run).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from make_plans import write_plans  # noqa: E402

TASKS = 5_000
PROGRESS_UNTIL = "2024-11-12"  # January to October recorded: 50,445 occurrences
TASK = "4.b1"  # a monthly duty in the middle of the file

COMMANDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("check", ("check", "{plan}")),
    (
        "done --period",
        ("done", TASK, "--plan", "{plan}", "--period", "2024-12", "--date", "2024-12-20"),
    ),
    ("note", ("note", TASK, "Đã họp giao ban", "--plan", "{plan}", "--date", "2024-12-21")),
    ("done --period --undo", ("done", TASK, "--plan", "{plan}", "--period", "2024-12", "--undo")),
    ("note --undo", ("note", TASK, "Đã họp giao ban", "--plan", "{plan}", "--undo")),
    (
        "report, year, Word (default template)",
        ("report", "{plan}", "--period", "2024", "--signed", "2024-12-20", "-o", "{dir}/bc.docx"),
    ),
    (
        "report, year, Markdown (default template)",
        ("report", "{plan}", "--period", "2024", "--signed", "2024-12-20", "-o", "{dir}/bc.md"),
    ),
    ("calendar (60,000 events)", ("calendar", "-p", "{plan}", "-o", "{dir}/lich.ics")),
)


def big_plan(out: Path) -> Path:
    from datetime import date

    folder = out / "plan"
    if folder.exists():
        shutil.rmtree(folder)
    (written,) = write_plans(
        folder,
        1,
        1,
        2024,
        TASKS,
        date.fromisoformat(PROGRESS_UNTIL),
        monthly=1.0,
        open_share=0.0,
    )
    return written


def command_of(variant: str) -> tuple[list[str], dict[str, str]]:
    path = Path(variant)
    env = dict(os.environ)
    if path.is_dir():
        env["PYTHONPATH"] = str(path.resolve())
        return [sys.executable, "-m", "cai_cach"], env
    return [variant], env


def timed(argv: list[str], env: dict[str, str], cwd: Path, timeout: float) -> tuple[str, ...]:
    start = time.perf_counter()
    process = subprocess.Popen(
        argv, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    killed = False
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() - start > timeout:
            process.kill()
            killed = True
        time.sleep(0.02)
    wall = time.perf_counter() - start
    cpu = usage.ru_utime + usage.ru_stime
    code = os.waitstatus_to_exitcode(status)
    assert process.stderr is not None
    error = process.stderr.read().decode(errors="replace").strip().splitlines()
    if killed:
        outcome = f"killed after {timeout:g} s"
    elif code == 0:
        outcome = "ok"
    else:
        outcome = f"exit {code}: {error[0] if error else ''}"
    return f"{wall:.2f} s", f"{cpu:.2f} s", f"{usage.ru_maxrss // 1024} MB", outcome


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, required=True, help="working folder")
    parser.add_argument(
        "--variant",
        action="append",
        required=True,
        metavar="NAME=TREE_OR_EXECUTABLE",
        help="a source tree or a caicach executable to time (repeatable)",
    )
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds per command")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    source = big_plan(args.out)
    size = source.stat().st_size
    print(f"Plan: {TASKS:,} tasks, {size / 1e6:.1f} MB ({source.name}); load {os.getloadavg()}")
    print()
    print("| variant | command | wall | CPU | peak memory | outcome |")
    print("|---|---|---|---|---|---|")
    for spec in args.variant:
        name, _, target = spec.partition("=")
        base, env = command_of(target)
        folder = args.out / name
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir()
        plan = folder / source.name
        shutil.copyfile(source, plan)
        env["CAICACH_CACHE_DIR"] = str(folder / "cache")
        for label, words in COMMANDS:
            argv = [*base, *(w.format(plan=plan, dir=folder) for w in words)]
            wall, cpu, memory, outcome = timed(argv, env, folder, args.timeout)
            print(f"| {name} | `{label}` | {wall} | {cpu} | {memory} | {outcome} |", flush=True)
    print(f"\nload average at the end: {os.getloadavg()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
