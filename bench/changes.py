"""The effect of each change, commit by commit, in one process per commit (prints Markdown).

    .venv/bin/python bench/changes.py REV... --plans /tmp/caicach-goals/plans-1000

Each revision is exported (``git archive``) to a temporary folder and measured in a fresh
interpreter that imports ``cai_cach`` from there; the revisions alternate within each round
and the median of the rounds is shown. Measured per plan, over the first ``--count`` plans:

- cold: the loading ``overdue`` does (``loading.load_summary`` where it exists, else
  ``load_plan``) with an empty cache (read, parse, validate, write the cache entry), wall
  clock, so that fsync counts;
- warm: the same again (a cache hit);
- findings: ``overdue``'s findings and ``--json`` records (``plan_findings``);
- table: ``overdue``'s table of those records, per row.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

PROBE = r"""
import contextlib, gc, io, json, sys, tempfile, time
from datetime import date
from pathlib import Path
from cai_cach.cache import PlanCache
import cai_cach.loading as loading
try:  # overdue moved to its own module
    import cai_cach.cli.overdue as plans_cli
except ImportError:
    import cai_cach.cli.plans as plans_cli
load = getattr(loading, "load_summary", loading.load_plan)  # what overdue loads
files = loading.plan_files([sys.argv[1]])[: int(sys.argv[2])]
load(files[0])  # lazy imports
gc.disable()
cache = PlanCache(Path(tempfile.mkdtemp(prefix="caicach-changes-")))
clock = time.perf_counter
t0 = clock(); loaded = [load(p, cache) for p in files]; t1 = clock()
loaded = [load(p, cache) for p in files]; t2 = clock()
day = date(2024, 7, 15)
found = [plans_cli.plan_findings(l, day, None, None, "lead") for l in loaded]; t3 = clock()
records = [r for f in found for r in getattr(f, "rows", None) or f.records]
records.sort(key=lambda r: -(r.days_overdue if hasattr(r, "days_overdue") else r["days_overdue"]))
with contextlib.redirect_stdout(io.StringIO()):
    t4 = clock(); plans_cli._print_findings(records, day, None, multiple=True); t5 = clock()
n = len(files)
print(json.dumps([(t1 - t0) / n, (t2 - t1) / n, (t3 - t2) / n, (t5 - t4) / max(1, len(records))]))
"""


def export(revision: str, into: Path) -> str:
    sha = subprocess.run(
        ["git", "-C", str(REPO), "rev-parse", "--short", revision],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    folder = into / sha
    folder.mkdir()
    archive = subprocess.run(
        ["git", "-C", str(REPO), "archive", sha, "cai_cach", "templates"],
        capture_output=True,
        check=True,
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    return sha


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("revisions", nargs="+")
    parser.add_argument("--plans", type=Path, required=True)
    parser.add_argument("--count", type=int, default=150)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--python", default=sys.executable)
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="caicach-changes-"))
    shas = [export(revision, work) for revision in args.revisions]
    samples: dict[str, list[list[float]]] = {sha: [] for sha in shas}
    for _ in range(args.rounds):
        for sha in shas:
            run = subprocess.run(
                [args.python, "-c", PROBE, str(args.plans), str(args.count)],
                capture_output=True,
                text=True,
                check=True,
                cwd=work / sha,
                env={"PYTHONPATH": str(work / sha), "PATH": "/usr/bin:/bin", "COLUMNS": "80"},
            )
            samples[sha].append(json.loads(run.stdout))
    names = ["cold ms/plan", "warm ms/plan", "findings ms/plan", "table µs/row"]
    scale = [1e3, 1e3, 1e3, 1e6]
    print(f"| revision | {' | '.join(names)} |")
    print("|---|" + "---|" * len(names))
    for sha, subject in zip(shas, args.revisions, strict=True):
        cells = [
            f"{statistics.median(s[i] for s in samples[sha]) * scale[i]:.2f}"
            for i in range(len(names))
        ]
        print(f"| `{sha}` {subject if subject != sha else ''} | {' | '.join(cells)} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
