"""Plans → an iCalendar file: one all-day event per milestone and per recurring occurrence.

Each event's UID is derived from the plan (agency and year), the task id, what is due and the
period, so importing a newer file updates the events already imported instead of adding
copies. Open work gets reminders (VALARM) the given days before; work recorded as done is
marked "Đã xong" and gets none. ``icalendar`` is imported here only, and this module only by
``caicach calendar``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime, timedelta

from cai_cach.errors import UsageError
from cai_cach.models import Plan, Task
from cai_cach.periods import format_day
from cai_cach.schedule import Obligation, obligations

PRODID = "-//caicach//Ke hoach cai cach hanh chinh//VI"
DONE_PREFIX = "✓ Đã xong: "
DONE_CATEGORY = "Đã xong"

Keep = Callable[[Plan, Task], bool]


def parse_remind(text: str) -> list[int]:
    """``"7,3,1"`` → ``[7, 3, 1]``: days before the due day; an empty text means no alarm."""
    days: list[int] = []
    for piece in text.replace(";", ",").split(","):
        piece = piece.strip()
        if not piece:
            continue
        if not piece.isdigit() or int(piece) > 366:
            raise UsageError(
                f"--remind: '{piece}' không phải số ngày (0 đến 366)",
                "ví dụ --remind 7,3,1: nhắc trước 7 ngày, 3 ngày và 1 ngày",
            )
        days.append(int(piece))
    return sorted(set(days), reverse=True)


def event_uid(plan: Plan, task: Task, obligation: Obligation) -> str:
    """Stable across runs and edits elsewhere in the plan: the same obligation, the same UID."""
    info = plan.plan
    period = obligation.period.key if obligation.period else "milestone"
    key = "\x1f".join((info.agency.name, str(info.year), task.id, obligation.what, period))
    return f"{hashlib.sha256(key.encode()).hexdigest()[:32]}@caicach"


def _description(plan: Plan, task: Task, obligation: Obligation) -> str:
    lines = [
        f"Nhiệm vụ {task.id}: {task.title}",
        f"Chủ trì: {'; '.join(plan.titles(task.lead))}",
    ]
    if task.support:
        lines.append(f"Phối hợp: {'; '.join(plan.titles(task.support))}")
    lines.append(f"Hạn: {format_day(obligation.due)}")
    if obligation.done is not None:
        lines.append(f"Đã xong ngày {format_day(obligation.done)}")
    lines.append(f"Kế hoạch: {plan.plan.title}")
    return "\n".join(lines)


def calendar_bytes(
    plans: Iterable[Plan],
    remind_days: Sequence[int],
    stamp: datetime,
    keep: Keep | None = None,
    name: str = "Kế hoạch cải cách hành chính",
) -> tuple[bytes, int]:
    """The calendar as bytes and how many events it holds."""
    from icalendar import Alarm, Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    count = 0
    for plan in plans:
        for task, obligation in obligations(plan):
            if keep is not None and not keep(plan, task):
                continue
            done = obligation.done is not None
            summary = f"{task.id} {obligation.label}"
            event = Event()
            event.add("uid", event_uid(plan, task, obligation))
            event.add("dtstamp", stamp)
            event.add("last-modified", stamp)
            event.add("dtstart", obligation.due)
            event.add("dtend", obligation.due + timedelta(days=1))
            event.add("summary", DONE_PREFIX + summary if done else summary)
            event.add("description", _description(plan, task, obligation))
            event.add("transp", "TRANSPARENT")
            event.add("categories", [DONE_CATEGORY] if done else ["Cải cách hành chính"])
            if not done:
                for days in remind_days:
                    alarm = Alarm()
                    alarm.add("action", "DISPLAY")
                    alarm.add("description", f"Sắp đến hạn: {summary}")
                    alarm.add("trigger", timedelta(days=-days))
                    event.add_component(alarm)
            calendar.add_component(event)
            count += 1
    return calendar.to_ical(), count
