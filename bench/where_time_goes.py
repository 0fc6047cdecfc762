"""Where the time goes: the profiles behind the gaps reported in bench/RESULTS.md.

    .venv/bin/python bench/where_time_goes.py            # prints Markdown

1. One run of ``caicach overdue --json`` on the shipped plan, split into phases: interpreter
   start, the stack's imports, caicach's own imports, Typer's argument handling, loading and
   the command itself (wall clock, median of several runs in fresh processes).
2. Loading plans with an empty cache (what every plan costs the first time): cProfile of
   ``load_plan`` over generated plans, by module, and the top functions.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import statistics
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHIPPED = REPO / "plans" / "tinh-minh-2024.yaml"

PHASES = r"""
import time
t0 = time.perf_counter()
import typer, pydantic, yaml
t1 = time.perf_counter()
from pydantic import BaseModel, TypeAdapter
import typer.main, typer._adapters
t1b = time.perf_counter()
import cai_cach.cli, cai_cach.cli.plans as plans_cli
import cai_cach.loading as loading
t2 = time.perf_counter()
marks = {}
original_map = loading.map_plans
def timed_map(*args, **kwargs):
    marks["load start"] = time.perf_counter()
    result = original_map(*args, **kwargs)
    marks["load end"] = time.perf_counter()
    return result
loading.map_plans = timed_map
import sys
sys.argv = ["caicach", "overdue", "--json", "--as-of", "2024-04-15", sys.argv[1]]
import contextlib, io
with contextlib.redirect_stdout(io.StringIO()):
    try:
        cai_cach.cli.main()
    except SystemExit:
        pass
t3 = time.perf_counter()
print(t1 - t0, t1b - t1, t2 - t1b, marks["load start"] - t2,
      marks["load end"] - marks["load start"], t3 - marks["load end"])
"""


def phases(python: str, runs: int) -> str:
    names = [
        "the import floor: `import typer, pydantic, yaml`",
        "what the floor leaves for later: pydantic's BaseModel/TypeAdapter, typer's adapters",
        "caicach's own modules (building the pydantic models, compiling regexes …)",
        "Typer: build the command line, parse and coerce options",
        "load the plan (cache hit)",
        "compute and print the findings",
    ]
    samples: list[list[float]] = [[] for _ in names]
    start: list[float] = []
    environment = dict(os.environ)
    # Compiled bytecode as in an installed package, kept out of the source tree.
    environment.pop("PYTHONDONTWRITEBYTECODE", None)
    environment["PYTHONPYCACHEPREFIX"] = str(Path(tempfile.gettempdir()) / "caicach-pycache")
    command = [python, "-c", PHASES, str(SHIPPED)]
    subprocess.run(command, capture_output=True, cwd=REPO, env=environment)  # compiles bytecode
    for _ in range(runs):
        out = subprocess.run(command, capture_output=True, text=True, cwd=REPO, env=environment)
        for index, value in enumerate(out.stdout.split()):
            samples[index].append(float(value))
        empty = subprocess.run(
            [python, "-X", "importtime", "-c", "pass"],
            capture_output=True,
            text=True,
            env=environment,
        )
        start.append(sum(int(line.split("|")[0][12:]) for line in empty.stderr.splitlines()[1:]))
    lines = [
        "### Phases of `caicach overdue --json` (shipped plan, cache warm)",
        "",
        "| phase | median |",
        "|---|---|",
        f"| site imports at interpreter start (`-X importtime -c pass`) "
        f"| {statistics.median(start) / 1000:.0f} ms |",
    ]
    for name, values in zip(names, samples, strict=True):
        lines.append(f"| {name} | {statistics.median(values) * 1000:.0f} ms |")
    return "\n".join(lines) + "\n"


def cold_profile(python: str, count: int) -> str:
    """Profile load_plan with an empty cache in this process (same interpreter as caicach)."""
    import gc

    from cai_cach.cache import PlanCache
    from cai_cach.loading import load_plan, plan_files

    folder = Path(tempfile.mkdtemp(prefix="caicach-profile-"))
    subprocess.run(
        [python, str(REPO / "bench" / "make_plans.py"), str(count), "--out", str(folder / "p")],
        check=True,
        capture_output=True,
    )
    files = plan_files([str(folder / "p")])
    cache = PlanCache(folder / "cache")
    load_plan(files[0], cache)  # warm up lazy imports
    gc.disable()
    profiler = cProfile.Profile()
    profiler.enable()
    for path in files[1:]:
        load_plan(path, cache)
    profiler.disable()
    stats = pstats.Stats(profiler)
    by_module: dict[str, float] = defaultdict(float)
    total = 0.0
    for (filename, _, _), (_, _, tottime, _, _) in stats.stats.items():  # type: ignore[attr-defined]
        name = Path(filename).stem if "cai_cach" in filename else _package(filename)
        by_module[name] += tottime
        total += tottime
    plans = len(files) - 1
    lines = [
        f"### Loading {plans} generated plans with an empty cache (cProfile, own time)",
        "",
        f"Total {total / plans * 1000:.2f} ms per plan under the profiler.",
        "",
        "| where | ms per plan | share |",
        "|---|---|---|",
    ]
    for name, seconds in sorted(by_module.items(), key=lambda item: -item[1])[:10]:
        lines.append(f"| {name} | {seconds / plans * 1000:.2f} | {seconds / total:.0%} |")
    lines += ["", "Top functions:", "", "```"]
    top = sorted(stats.stats.items(), key=lambda item: -item[1][2])[:12]  # type: ignore[attr-defined]
    for (filename, line, function), (_, calls, tottime, _, _) in top:
        where = f"{Path(filename).name}:{line}({function})"
        lines.append(
            f"{tottime / plans * 1000:7.3f} ms/plan  {calls // plans:6d} calls/plan  {where}"
        )
    lines.append("```")
    return "\n".join(lines) + "\n"


def _package(filename: str) -> str:
    if "site-packages/" in filename:
        return filename.split("site-packages/")[1].split("/")[0]
    if filename.startswith("~") or filename.startswith("<"):
        return "built-in (C: libyaml events, pydantic-core, I/O …)"
    return "Python standard library"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--python", default=str(REPO / ".venv" / "bin" / "python"))
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--plans", type=int, default=200)
    args = parser.parse_args(argv)
    print(phases(args.python, args.runs))
    print(cold_profile(args.python, args.plans))
    return 0


if __name__ == "__main__":
    sys.exit(main())
