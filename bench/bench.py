"""Benchmarks of issue 6, measured with public tools; prints a Markdown report.

Needs hyperfine, GNU time and Taskwarrior (dev-time tools, not dependencies of caicach):

    sudo apt-get install -y hyperfine time taskwarrior        # Debian / Ubuntu
    .venv/bin/python bench/bench.py > /tmp/bench.md           # from the repository

Every table comes from one hyperfine run in which each row is timed beside its baselines:
the stack's import floor (``python -c "import typer, pydantic, yaml"``), the framework floor
(``bench/typer_floor.py``: the same Typer command doing nothing) and Taskwarrior's
``task overdue`` on the same obligations (``bench/to_taskwarrior.py``). Peak memory comes
from ``/usr/bin/time`` (one run each), import costs from ``python -X importtime``. Plans for
the scale rows come from ``bench/make_plans.py`` (seed 1). Each table is measured in several
rounds (``--rounds``); a ratio is taken within each round (same hyperfine run) and the median
of the rounds is reported. Peak RSS is GNU time's maximum resident set size: that of the
largest single process (with worker processes, each of them is at most that large). "cold"
means an empty plan cache (each run starts by deleting it), "warm" a filled one; the OS file
cache is warm in both.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
SHIPPED = REPO / "plans" / "tinh-minh-2024.yaml"
SHIPPED_AS_OF = "2024-04-15"
GENERATED_AS_OF = "2024-07-15"
TOOLS = {
    "hyperfine": "hyperfine",
    "/usr/bin/time": "time",
    "task": "taskwarrior",
}


@dataclass
class Command:
    name: str
    argv: list[str]
    prepare: list[str] | None = None  # run before every timed run (e.g. empty the cache)
    baseline: bool = False


@dataclass
class Timing:
    """One command over several rounds: each round is one hyperfine run of the whole table."""

    command: Command
    medians: list[float]  # seconds, one per round
    cpu: list[float]  # user + system seconds (mean of the round), one per round
    peak_kb: int | None = None

    @property
    def median(self) -> float:
        return statistics.median(self.medians)


def timing_folder(out: Path, *, fresh: bool = True) -> Path:
    """Make ``out`` (emptied first when ``fresh``) the folder of a benchmark and set the
    environment every timed command inherits: the plan cache in ``out/cache`` (returned),
    one worker per core, compiled bytecode as in an installed package, kept in ``out/pycache``
    out of the source tree."""
    if fresh:
        shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True, exist_ok=True)
    cache = out / "cache"
    os.environ["CAICACH_CACHE_DIR"] = str(cache)
    os.environ.pop("CAICACH_JOBS", None)
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    os.environ["PYTHONPYCACHEPREFIX"] = str(out / "pycache")
    return cache


def check_tools() -> None:
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing:
        packages = " ".join(sorted({TOOLS[tool] for tool in missing}))
        sys.exit(
            f"bench: missing {', '.join(missing)}; install with: "
            f"sudo apt-get install -y {packages}  (Debian/Ubuntu; see the docstring)"
        )


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kb / 1048576:.0f} GB RAM"
    except (OSError, ValueError, IndexError):
        pass
    tools = []
    for argv in (["hyperfine", "--version"], ["task", "--version"]):
        tools.append(subprocess.run(argv, capture_output=True, text=True).stdout.strip())
    return (
        f"{cpu}, {os.cpu_count()} cores{memory}; {platform.platform()}; "
        f"Python {platform.python_version()}; {'; '.join(tools)}"
    )


def hyperfine(commands: list[Command], out: Path, runs: int, warmup: int) -> list[Timing]:
    """Time ``commands`` in one hyperfine run (one round)."""
    export = out / f"hyperfine-{len(list(out.glob('hyperfine-*.json')))}.json"
    argv = ["hyperfine", "-N", "--style", "basic", "--runs", str(runs), "--warmup", str(warmup)]
    argv += ["--export-json", str(export)]
    for command in commands:
        argv += ["--command-name", command.name]
    if any(command.prepare for command in commands):
        for command in commands:
            argv += ["--prepare", shlex.join(command.prepare or ["true"])]
    argv += [shlex.join(command.argv) for command in commands]
    print("$ " + shlex.join(argv), file=sys.stderr)
    subprocess.run(argv, check=True, stdout=sys.stderr)
    results = json.loads(export.read_text())["results"]
    return [
        Timing(command, [r["median"]], [r["user"] + r["system"]])
        for command, r in zip(commands, results, strict=True)
    ]


def measure(
    commands: list[Command], out: Path, runs: int, warmup: int, rounds: int
) -> list[Timing]:
    """Several rounds of the same hyperfine run (this machine is shared: a round can be hit
    by other work), then the peak memory of each command."""
    timings = hyperfine(commands, out, runs, warmup)
    for _ in range(rounds - 1):
        for timing, again in zip(timings, hyperfine(commands, out, runs, warmup), strict=True):
            timing.medians += again.medians
            timing.cpu += again.cpu
    for timing in timings:
        peak_memory(timing)
    return timings


def peak_memory(timing: Timing) -> None:
    """Peak resident memory of one run (children included), in KB, with GNU time."""
    if timing.command.prepare:
        subprocess.run(timing.command.prepare, check=True)
    run = subprocess.run(
        ["/usr/bin/time", "-f", "%M", *timing.command.argv],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    timing.peak_kb = int(run.stderr.strip().splitlines()[-1])


def table(
    title: str, timings: list[Timing], baselines: list[str], loads: list[str] | None = None
) -> str:
    """Medians of the rounds; each ratio is taken within a round, then the median of those.
    ``loads``: the machine's load average at the start of each round, stated above the table.
    The peak RSS column appears when some timing has one."""
    by_name = {t.command.name: t for t in timings}
    rounds = len(timings[0].medians)
    with_peak = any(t.peak_kb for t in timings)
    header = ["command", "median", f"round medians ({rounds})", "CPU (user+sys)"]
    header += ["peak RSS"] if with_peak else []
    header += [f"× {name}" for name in baselines]
    lines = [f"### {title}", ""]
    if loads is not None:
        lines += [
            "Load average (1, 5, 15 min) at the start of each round: " + "; ".join(loads) + ".",
            "",
        ]
    lines += ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for t in timings:
        cells = [
            f"`{t.command.name}`",
            f"{t.median * 1000:.0f} ms",
            " / ".join(f"{m * 1000:.0f}" for m in t.medians),
            f"{statistics.median(t.cpu) * 1000:.0f} ms",
        ]
        cells += [f"{t.peak_kb / 1024:.0f} MB" if t.peak_kb else ""] if with_peak else []
        for name in baselines:
            base = by_name[name].medians
            ratios = [mine / theirs for mine, theirs in zip(t.medians, base, strict=True)]
            cells.append(f"{statistics.median(ratios):.2f}")
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def commands_text(timings: list[Timing]) -> str:
    lines = ["<details><summary>commands</summary>", "", "```sh"]
    for t in timings:
        prepare = (
            f"  # before each run: {shlex.join(t.command.prepare)}" if t.command.prepare else ""
        )
        lines.append(f"{t.command.name}: {shlex.join(t.command.argv)}{prepare}")
    return "\n".join([*lines, "```", "", "</details>", ""])


def scaling_table(scaling: dict[int, dict[str, float]]) -> str:
    """Median time at each size and the cost of each added plan between sizes (linear: the
    added cost per plan stays the same)."""
    sizes = sorted(scaling)
    names = list(scaling[sizes[0]])
    header = ["command", *(f"{n} plans" for n in sizes)]
    header += [f"ms/plan {a}→{b}" for a, b in itertools.pairwise(sizes)]
    lines = ["### Scaling (medians)", "", "| " + " | ".join(header) + " |"]
    lines.append("|" + "---|" * len(header))
    for name in names:
        cells = [f"`{name}`", *(f"{scaling[n][name] * 1000:.0f} ms" for n in sizes)]
        for a, b in itertools.pairwise(sizes):
            cells.append(f"{(scaling[b][name] - scaling[a][name]) * 1000 / (b - a):.2f}")
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def taskwarrior(plans: list[str], as_of: str, folder: Path, python: str) -> tuple[str, int]:
    """Import the obligations of ``plans`` into a throwaway Taskwarrior; its rc file and the
    number of overdue tasks Taskwarrior sees."""
    data = folder / "data"
    shutil.rmtree(folder, ignore_errors=True)
    data.mkdir(parents=True)
    rc = folder / "taskrc"
    rc.write_text(
        f"data.location={data}\nconfirmation=off\nhooks=off\nrecurrence=off\nnews.version=9.9.9\n"
    )
    export = folder / "tasks.json"
    with export.open("w") as handle:
        subprocess.run(
            [python, str(BENCH / "to_taskwarrior.py"), *plans, "--as-of", as_of],
            stdout=handle,
            check=True,
            cwd=REPO,
        )
    subprocess.run(["task", f"rc:{rc}", "import", str(export)], check=True, capture_output=True)
    count = subprocess.run(
        ["task", f"rc:{rc}", "+OVERDUE", "count"], check=True, capture_output=True, text=True
    )
    return str(rc), int(count.stdout.strip())


def importtime(python: str) -> str:
    """Which packages ``overdue`` and ``overdue --json`` import, and what they cost."""
    lines = ["### What `overdue` imports (`python -X importtime`)", ""]
    for extra in ([], ["--json"]):
        argv = [python, "-X", "importtime", "-m", "cai_cach", "overdue", *extra]
        argv += ["--as-of", SHIPPED_AS_OF, str(SHIPPED)]
        run = subprocess.run(argv, capture_output=True, text=True, cwd=REPO)
        totals: dict[str, int] = {}
        for line in run.stderr.splitlines():
            if not line.startswith("import time:") or "|" not in line:
                continue
            _, cumulative, name = (part.strip() for part in line[12:].split("|"))
            if not cumulative.isdigit():
                continue
            top = name.split(".")[0]
            if name == top:  # a top-level import: its cumulative time counts once
                totals[top] = totals.get(top, 0) + int(cumulative)
        heavy = sorted(totals.items(), key=lambda item: -item[1])[:8]
        shown = ", ".join(f"{name} {us / 1000:.0f} ms" for name, us in heavy)
        absent = [p for p in ("rich", "jinja2", "docx", "docxtpl", "ruamel") if p not in totals]
        lines.append(
            f"- `{' '.join(['caicach overdue', *extra])}`: {shown}; not imported: {absent}"
        )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10,100,1000", help="numbers of generated plans")
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "caicach-bench")
    parser.add_argument("--runs", type=int, default=10, help="timed runs per fast command")
    parser.add_argument("--rounds", type=int, default=3, help="hyperfine runs of each table")
    parser.add_argument("--caicach", default=str(REPO / ".venv" / "bin" / "caicach"))
    parser.add_argument("--python", default=str(REPO / ".venv" / "bin" / "python"))
    parser.add_argument("--skip-report", action="store_true", help="skip report md/docx rows")
    args = parser.parse_args(argv)
    check_tools()
    out: Path = args.out
    cache = timing_folder(out)
    clear = ["rm", "-rf", str(cache)]
    py, cc = args.python, args.caicach
    floor = Command("import floor", [py, "-c", "import typer, pydantic, yaml"], baseline=True)
    report = [
        "## Results",
        "",
        f"Machine: {machine()}.",
        f"Date: {datetime.now().astimezone():%Y-%m-%d %H:%M %Z}. Load average at start: "
        f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}.",
        "",
    ]

    # 1. One plan: the weekly check.
    rc, late = taskwarrior([str(SHIPPED)], SHIPPED_AS_OF, out / "tw-shipped", py)
    day = ["--as-of", SHIPPED_AS_OF, str(SHIPPED)]
    one = [
        floor,
        Command("typer floor", [py, str(BENCH / "typer_floor.py"), "overdue", "--json", *day]),
        Command("task overdue", ["task", f"rc:{rc}", "overdue"], baseline=True),
        Command("caicach overdue", [cc, "overdue", *day]),
        Command("caicach overdue --no-cache", [cc, "overdue", "--no-cache", *day]),
        Command("caicach overdue --json", [cc, "overdue", "--json", *day]),
        Command("caicach check", [cc, "check", str(SHIPPED)]),
        Command("caicach check --no-cache", [cc, "check", "--no-cache", str(SHIPPED)]),
    ]
    timings = measure(one, out, args.runs * 3, 3, args.rounds)
    title = f"One plan (the shipped plan, {late} overdue of 54 obligations, as of {SHIPPED_AS_OF})"
    report += [table(title, timings, ["import floor", "task overdue"]), commands_text(timings)]

    # 2. Reports.
    if not args.skip_report:
        target = out / "reports"
        target.mkdir()
        rep = [cc, "report", "--period", "2024-Q1", "--force", str(SHIPPED)]
        reports = [
            floor,
            Command("caicach report -f md", [*rep, "-f", "md", "-o", str(target / "r.md")]),
            Command("caicach report -f docx", [*rep, "-f", "docx", "-o", str(target / "r.docx")]),
        ]
        timings = measure(reports, out, args.runs, 2, args.rounds)
        report += [table("Reports (shipped plan, 2024-Q1)", timings, ["import floor"])]
        report += [commands_text(timings)]

    # 3. Many plans.
    scaling: dict[int, dict[str, float]] = {}
    for size in [int(s) for s in args.sizes.split(",")]:
        folder = out / f"plans-{size}"
        subprocess.run(
            [py, str(BENCH / "make_plans.py"), str(size), "--out", str(folder), "--seed", "1"],
            check=True,
            capture_output=True,
        )
        rc, late = taskwarrior([str(folder)], GENERATED_AS_OF, out / f"tw-{size}", py)
        day = ["--as-of", GENERATED_AS_OF, str(folder)]
        runs = max(3, args.runs // (1 + size // 200))
        group = [cc, "overdue", "--group-by", "agency", *day]
        listing = [cc, "overdue", "--json", *day]
        many = [
            floor,
            Command("task overdue", ["task", f"rc:{rc}", "overdue"], baseline=True),
            Command("overdue --group-by agency, cold", group, clear),
            Command("overdue --group-by agency, warm", group),
            Command("overdue --json, cold", listing, clear),
            Command("overdue --json, warm", listing),
            Command("overdue (table), warm", [cc, "overdue", *day]),
            Command("check, warm", [cc, "check", str(folder)]),
        ]
        timings = measure(many, out, runs, 1, args.rounds)
        obligations = sum(1 for _ in (out / f"tw-{size}" / "tasks.json").open())
        title = (
            f"{size} generated plans ({obligations} dated obligations, {late} overdue "
            f"as of {GENERATED_AS_OF})"
        )
        report += [table(title, timings, ["import floor", "task overdue"])]
        report += [commands_text(timings)]
        scaling[size] = {t.command.name: t.median for t in timings}

    if len(scaling) > 1:
        report.append(scaling_table(scaling))
    report.append(importtime(py))
    print("\n".join(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
