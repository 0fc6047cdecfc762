"""Reminders for each lead (a công chức or a unit): what is overdue and what falls due within
the next days, composed in Vietnamese as an e-mail or as a copy-ready text for Zalo."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from email.message import EmailMessage
from email.utils import formataddr, make_msgid

from cai_cach.models import Plan
from cai_cach.periods import format_day
from cai_cach.schedule import obligations, state_on
from cai_cach.text import shorten

DEFAULT_DAYS = 7
TITLE_WIDTH = 80


@dataclass(frozen=True)
class Due:
    task: str
    title: str
    what: str
    due: date
    days: int  # overdue: days late; soon: days left


@dataclass
class Reminder:
    """One lead's items in one plan."""

    official: str  # the key in the plan's officials
    label: str
    email: str | None
    agency: str
    plan: str  # the plan's title
    overdue: list[Due] = field(default_factory=list)
    soon: list[Due] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.overdue) + len(self.soon)


def reminders(plans: Iterable[Plan], as_of: date, days: int = DEFAULT_DAYS) -> list[Reminder]:
    """Every lead with something overdue or due from ``as_of`` to ``as_of + days``, the most
    overdue lead first; an obligation of a task with several leads goes to each."""
    horizon = as_of + timedelta(days=days)
    found: list[Reminder] = []
    for plan in plans:
        by_lead: dict[str, Reminder] = {}
        for obligation in obligations(plan):
            task = obligation.task
            dated = state_on(obligation, as_of)
            soon = dated.state == "not_due" and obligation.due <= horizon
            if dated.state != "overdue" and not soon:
                continue
            item = Due(
                task.id,
                shorten(task.title, TITLE_WIDTH),
                obligation.label,
                obligation.due,
                dated.days_late if not soon else (obligation.due - as_of).days,
            )
            for key in task.lead:
                official = plan.officials.get(key)
                if official is None:
                    continue
                reminder = by_lead.setdefault(
                    key,
                    Reminder(
                        key, official.label, official.email, plan.plan.agency.name, plan.plan.title
                    ),
                )
                (reminder.soon if soon else reminder.overdue).append(item)
        for reminder in by_lead.values():
            reminder.overdue.sort(key=lambda due: -due.days)
            reminder.soon.sort(key=lambda due: due.due)
        found.extend(by_lead.values())
    found.sort(key=lambda r: (-len(r.overdue), -len(r.soon), r.label))
    return found


def subject(reminder: Reminder) -> str:
    parts = []
    if reminder.overdue:
        parts.append(f"{len(reminder.overdue)} việc quá hạn")
    if reminder.soon:
        parts.append(f"{len(reminder.soon)} việc sắp đến hạn")
    return f"Nhắc việc cải cách hành chính: {', '.join(parts)} — {reminder.agency}"


def body(reminder: Reminder, as_of: date, days: int) -> str:
    """The text of the reminder (the e-mail's body, and what is pasted into Zalo)."""
    lines = [
        f"Kính gửi: {reminder.label},",
        "",
        f"Theo {reminder.plan}, tính đến ngày {format_day(as_of)}:",
    ]
    if reminder.overdue:
        lines += ["", f"VIỆC QUÁ HẠN ({len(reminder.overdue)}):"]
        lines += [
            f"- {due.task} {due.title}\n  → {due.what}: hạn {format_day(due.due)}, "
            f"quá {due.days} ngày"
            for due in reminder.overdue
        ]
    if reminder.soon:
        lines += ["", f"VIỆC ĐẾN HẠN TRONG {days} NGÀY TỚI ({len(reminder.soon)}):"]
        lines += [
            f"- {due.task} {due.title}\n  → {due.what}: hạn {format_day(due.due)}"
            + (" (hôm nay)" if due.days == 0 else f" (còn {due.days} ngày)")
            for due in reminder.soon
        ]
    lines += [
        "",
        "Khi hoàn thành, xin báo Văn phòng để ghi vào kế hoạch (kèm số, ngày văn bản nếu có).",
        "",
        f"Văn phòng {reminder.agency}",
        "(Lời nhắc do caicach lập từ tệp kế hoạch.)",
    ]
    return "\n".join(lines) + "\n"


def email_message(reminder: Reminder, sender: str, as_of: date, days: int) -> EmailMessage:
    """The reminder as an e-mail to the lead's address (which must be known)."""
    if reminder.email is None:
        raise ValueError("the lead has no address")
    message = EmailMessage()
    message["From"] = sender
    message["To"] = formataddr((reminder.label, reminder.email))
    message["Subject"] = subject(reminder)
    message["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2] or None)
    message.set_content(body(reminder, as_of, days))
    return message
