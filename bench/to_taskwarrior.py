"""Export plans as a Taskwarrior import file (the benchmark's peers).

    python bench/to_taskwarrior.py PLANS... --as-of 2024-07-15 > tasks.json
    python bench/to_taskwarrior.py PLANS... --as-of 2024-07-15 --per-task > tasks.json
    TASKRC=... TASKDATA=... task import tasks.json

Two ways to hold the same plans in Taskwarrior, both read through caicach's own loading path:

- by obligation (default, the fairer peer): one Taskwarrior task per dated obligation (each
  milestone, each occurrence of a recurring duty), so that both tools hold the same dated
  things; obligations with a completion date are imported as completed;
- ``--per-task``: one Taskwarrior task per plan task (about 40 per plan), due on its earliest
  open obligation (completed when every obligation is done; no due date when it has none):
  the way a clerk would keep the plan in a to-do list, and the peer issue 14 first named.

Taskwarrior has no "as of" date: it compares due dates with now. So every due date is shifted
by ``today - as_of``, and a due date becomes the end of that (UTC) day; ``task overdue`` then
lists exactly the obligations (or the tasks with an obligation) that ``caicach overdue --as-of
AS_OF`` lists.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from typing import Any

from cai_cach.loading import LoadedPlan, load_plans, plan_files
from cai_cach.schedule import obligations


def stamp(day: date) -> str:
    return f"{day:%Y%m%d}T235959Z"


def by_obligation(loaded: LoadedPlan, shift: timedelta) -> Iterator[dict[str, Any]]:
    entry = stamp(date(loaded.plan.year, 1, 1) + shift - timedelta(days=1))
    for owner, obligation in obligations(loaded.plan):
        task = {
            "description": f"{owner.id} {obligation.label}",
            "project": loaded.name,
            "due": stamp(obligation.due + shift),
            "entry": entry,
            "status": "pending" if obligation.done is None else "completed",
        }
        if obligation.done is not None:
            task["end"] = stamp(obligation.done + shift)
        yield task


def by_task(loaded: LoadedPlan, shift: timedelta) -> Iterator[dict[str, Any]]:
    entry = stamp(date(loaded.plan.year, 1, 1) + shift - timedelta(days=1))
    owed: dict[int, list[Any]] = {}
    for owner, obligation in obligations(loaded.plan):
        owed.setdefault(id(owner), []).append(obligation)
    for _, plan_task in loaded.plan.tasks():
        mine = owed.get(id(plan_task), [])
        open_dues = [o.due for o in mine if o.done is None]
        task: dict[str, Any] = {
            "description": f"{plan_task.id} {plan_task.title}",
            "project": loaded.name,
            "entry": entry,
            "status": "pending" if open_dues or not mine else "completed",
        }
        if open_dues:
            task["due"] = stamp(min(open_dues) + shift)
        elif mine:
            task["end"] = stamp(max(o.done for o in mine) + shift)
        yield task


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("plans", nargs="+", help="plan files or folders")
    parser.add_argument("--as-of", type=date.fromisoformat, required=True)
    parser.add_argument(
        "--per-task", action="store_true", help="one Taskwarrior task per plan task"
    )
    args = parser.parse_args(argv)
    shift = datetime.now().astimezone().date() - args.as_of
    result = load_plans(plan_files(args.plans))
    if result.failures:
        for failure in result.failures:
            print(failure.render(), file=sys.stderr)
        return 2
    export = by_task if args.per_task else by_obligation
    count = 0
    out = sys.stdout
    for loaded in result.plans:
        for task in export(loaded, shift):
            out.write(json.dumps(task, ensure_ascii=False) + "\n")
            count += 1
    print(f"{count} tasks from {len(result.plans)} plans", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
