"""Plans → an iCalendar file: one all-day event per milestone and per recurring occurrence.

Each event's UID is derived from the plan (agency and year), the task id, what is due and the
period, so importing a newer file updates the events already imported instead of adding
copies. Open work gets reminders (VALARM) the given days before; work recorded as done is
marked "Đã xong" and gets none. ``icalendar`` is imported here only, and this module only by
``caicach calendar``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from cai_cach.errors import UsageError
from cai_cach.models import Plan, Task
from cai_cach.periods import format_day
from cai_cach.schedule import Obligation, obligations

if TYPE_CHECKING:
    from icalendar import Event

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


class CalendarStream:
    """The calendar's bytes, produced event by event (``chunks``) so that a calendar of tens of
    thousands of events never sits whole in memory; ``count`` is the number of events written
    so far (all of them once ``chunks`` is exhausted)."""

    def __init__(
        self,
        plans: Iterable[Plan],
        remind_days: Sequence[int],
        stamp: datetime,
        keep: Keep | None = None,
        name: str = "Kế hoạch cải cách hành chính",
    ) -> None:
        self.plans = plans
        self.remind_days = remind_days
        self.stamp = stamp
        self.keep = keep
        self.name = name
        self.count = 0

    def chunks(self) -> Iterator[bytes]:
        """``BEGIN:VCALENDAR`` and its properties, each event, ``END:VCALENDAR``: the same
        bytes as one ``icalendar.Calendar`` holding every event would write."""
        from icalendar import Calendar

        calendar = Calendar()
        calendar.add("prodid", PRODID)
        calendar.add("version", "2.0")
        calendar.add("calscale", "GREGORIAN")
        calendar.add("method", "PUBLISH")
        calendar.add("x-wr-calname", self.name)
        empty = calendar.to_ical()
        end = b"END:VCALENDAR\r\n"
        if not empty.endswith(end):  # pragma: no cover - icalendar's own layout changed
            raise ValueError("icalendar: unexpected calendar layout")
        yield empty[: -len(end)]
        for plan in self.plans:
            for task, obligation in obligations(plan):
                if self.keep is not None and not self.keep(plan, task):
                    continue
                yield self._event(plan, task, obligation).to_ical()
                self.count += 1
        yield end

    def _event(self, plan: Plan, task: Task, obligation: Obligation) -> Event:
        from icalendar import Alarm, Event

        done = obligation.done is not None
        summary = f"{task.id} {obligation.label}"
        event = Event()
        event.add("uid", event_uid(plan, task, obligation))
        event.add("dtstamp", self.stamp)
        event.add("last-modified", self.stamp)
        event.add("dtstart", obligation.due)
        event.add("dtend", obligation.due + timedelta(days=1))
        event.add("summary", DONE_PREFIX + summary if done else summary)
        event.add("description", _description(plan, task, obligation))
        event.add("transp", "TRANSPARENT")
        event.add("categories", [DONE_CATEGORY] if done else ["Cải cách hành chính"])
        if not done:
            for days in self.remind_days:
                alarm = Alarm()
                alarm.add("action", "DISPLAY")
                alarm.add("description", f"Sắp đến hạn: {summary}")
                alarm.add("trigger", timedelta(days=-days))
                event.add_component(alarm)
        return event


def calendar_bytes(
    plans: Iterable[Plan],
    remind_days: Sequence[int],
    stamp: datetime,
    keep: Keep | None = None,
    name: str = "Kế hoạch cải cách hành chính",
) -> tuple[bytes, int]:
    """The calendar as bytes and how many events it holds (``CalendarStream``, joined)."""
    stream = CalendarStream(plans, remind_days, stamp, keep, name)
    content = b"".join(stream.chunks())
    return content, stream.count
