"""A plan's amendments (Quyết định điều chỉnh, bổ sung kế hoạch) in the plan's words: how one
changed a task, and the decisions signed by a day.

What an added or cancelled task owes is ``standing``'s rule (``Plan.task_span``); ``validation``
checks that each ``added``/``cancelled`` names an amendment of the plan.
"""

from __future__ import annotations

from datetime import date

from cai_cach.models import Plan, Task
from cai_cach.periods import format_day


def task_change(plan: Plan, task: Task) -> str | None:
    """How an amendment changed ``task``: "Bổ sung theo Quyết định số … ngày …" or "Bãi bỏ …"."""
    parts = []
    for made, verb in ((task.added, "Bổ sung"), (task.cancelled, "Bãi bỏ")):
        if made is not None:
            parts.append(f"{verb} từ ngày {format_day(made.date)} theo {named(plan, made.by)}")
    return "; ".join(parts) or None


def named(plan: Plan, number: str) -> str:
    found = next((a for a in plan.amendments if a.number == number), None)
    if found is None:
        return f"văn bản số {number}"
    return f"văn bản số {found.number} ngày {format_day(found.date)}"


def amendment_lines(plan: Plan, until: date) -> tuple[str, ...]:
    """The amending decisions signed by ``until``, as part I names them."""
    return tuple(
        f"Văn bản số {a.number} ngày {format_day(a.date)}: {a.summary}"
        for a in plan.amendments
        if a.date <= until
    )
