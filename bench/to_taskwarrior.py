"""Export the dated obligations of plans as a Taskwarrior import file (the benchmark's peer).

    python bench/to_taskwarrior.py PLANS... --as-of 2024-07-15 > tasks.json
    TASKRC=... TASKDATA=... task import tasks.json

One Taskwarrior task per dated obligation (each milestone, each occurrence of a recurring duty),
read through caicach's own loading path, so that both tools hold the same tasks. Taskwarrior has
no "as of" date: it compares due dates with now. So every due date is shifted by
``today - as_of``, and a due date becomes the end of that (UTC) day; ``task overdue`` then
lists exactly the obligations that ``caicach overdue --as-of AS_OF`` lists. Obligations with a
completion date are imported as completed tasks.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date, datetime, timedelta

from cai_cach.loading import load_plans, plan_files
from cai_cach.schedule import obligations


def stamp(day: date) -> str:
    return f"{day:%Y%m%d}T235959Z"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("plans", nargs="+", help="plan files or folders")
    parser.add_argument("--as-of", type=date.fromisoformat, required=True)
    args = parser.parse_args(argv)
    shift = datetime.now().astimezone().date() - args.as_of
    result = load_plans(plan_files(args.plans))
    if result.failures:
        for failure in result.failures:
            print(failure.render(), file=sys.stderr)
        return 2
    count = 0
    out = sys.stdout
    for loaded in result.plans:
        project = loaded.name
        for obligation in obligations(loaded.plan):
            due = obligation.due + shift
            task = {
                "description": f"{obligation.task.id} {obligation.label}",
                "project": project,
                "due": stamp(due),
                "entry": stamp(date(loaded.plan.year, 1, 1) + shift - timedelta(days=1)),
                "status": "pending" if obligation.done is None else "completed",
            }
            if obligation.done is not None:
                task["end"] = stamp(obligation.done + shift)
            out.write(json.dumps(task, ensure_ascii=False) + "\n")
            count += 1
    print(f"{count} tasks from {len(result.plans)} plans", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
