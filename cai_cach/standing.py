"""An obligation's standing: whether it is owed at all, and where it stands on a day.

The one rule every listing, count, report and calendar follows (``schedule`` applies ``owed``
when it lists a plan's obligations; ``summary``, ``report``, ``rollup`` and ``schedule`` take
``standing``):

- **owed**: an obligation is owed when it falls due inside the span its task is owed in — the
  plan's window (``plan.start`` to ``plan.end``), narrowed for a task an amendment added (from
  the day it was added) or cancelled (to the day it was cancelled); an occurrence's period
  must also end inside it. A milestone due before the span opened but recorded done still
  counts (work done early); a period's report from before it was never asked for, and nothing
  due after the span closes is owed, done or not.
- **standing on a day**: done on time (done on or before the due day) or done late, when its
  completion is recorded on or before that day; otherwise overdue once the due day has passed,
  else not yet due (a task with no dated obligation has no standing: ``ongoing`` or
  ``as_instructed`` say how it is reported).

Pure and light: no pydantic, so a warm ``overdue`` imports it without the plan's models.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Literal

from cai_cach.periods import Period, parse_period

Standing = Literal["done_on_time", "done_late", "overdue", "not_yet_due"]


@dataclass(frozen=True, slots=True)
class Obligation:
    """One dated thing a task must deliver: a milestone (``period`` None), or one occurrence
    of a recurring duty (``period`` its period; ``covers`` the keys of shorter occurrences
    merged into it)."""

    what: str
    due: date
    done: date | None
    period: Period | None = None
    covers: tuple[str, ...] = ()

    @property
    def kind(self) -> str:
        return "milestone" if self.period is None else "occurrence"

    @property
    def label(self) -> str:
        return self.what if self.period is None else f"{self.what} ({self.period.label})"


@dataclass(frozen=True, slots=True)
class Span:
    """The days a task's obligations may fall due in, both ends included (``None``: open)."""

    start: date | None = None
    end: date | None = None

    def __contains__(self, day: object) -> bool:
        if not isinstance(day, date):
            return False
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)

    def text(self) -> str:
        """The span as the clerk reads it: "từ 21/07/2025 đến 31/12/2025"."""
        from cai_cach.periods import format_day

        parts = []
        if self.start is not None:
            parts.append(f"từ {format_day(self.start)}")
        if self.end is not None:
            parts.append(f"đến {format_day(self.end)}")
        return " ".join(parts) or "cả năm"


def task_span(window: Span, added: date | None = None, cancelled: date | None = None) -> Span:
    """The plan's window narrowed by a task's amendment: added on ``added`` (owed from that
    day), cancelled on ``cancelled`` (owed up to that day)."""
    start, end = window.start, window.end
    if added is not None and (start is None or added > start):
        start = added
    if cancelled is not None and (end is None or cancelled < end):
        end = cancelled
    return Span(start, end)


def owed(obligation: Obligation, span: Span) -> bool:
    """Whether ``obligation`` is owed in ``span``: due inside it (an occurrence's period also
    ends inside it), or a milestone due before it opened and done all the same."""
    due, period = obligation.due, obligation.period
    if span.end is not None and (due > span.end or (period is not None and period.end > span.end)):
        return False
    if span.start is None or due >= span.start:
        return True
    return period is None and obligation.done is not None  # a milestone done early


def standing(due: date, done: date | None, as_of: date) -> Standing:
    """Where an obligation due on ``due`` and done on ``done`` stands on ``as_of``."""
    if done is not None and done <= as_of:
        return "done_late" if done > due else "done_on_time"
    return "overdue" if due < as_of else "not_yet_due"


def days_late(due: date, done: date | None, as_of: date) -> int:
    """Overdue: days past due on ``as_of``; done late: days after due; otherwise 0."""
    if done is not None and done <= as_of:
        return max((done - due).days, 0)
    return max((as_of - due).days, 0)


@lru_cache(maxsize=1024)
def period_of(key: str) -> Period:
    """The period of a key the tool wrote (2024-Q1, 2024-H1, 2024-9M, 2024, 2024-03)."""
    return parse_period(key)
