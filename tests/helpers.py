"""Shared test data and helpers: the repository's paths, the smallest valid plan, and
running the CLI in-process.

Test files import these from here; ``conftest.py`` holds only pytest fixtures.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from typer.testing import CliRunner, Result

from cai_cach.cli import app
from cai_cach.models import Plan, Task
from cai_cach.schedule import Obligation, obligations

REPO = Path(__file__).resolve().parent.parent
SHIPPED_PLAN = REPO / "plans" / "tinh-minh-2024.yaml"

MINIMAL_PLAN = """\
plan:
  title: Kế hoạch thử
  year: 2024
  agency: {name: Ủy ban nhân dân xã Thử, place: Thử}
officials:
  vp-tk: {title: Công chức Văn phòng - Thống kê}
  tc-kt: {title: Công chức Tài chính - Kế toán, name: Nguyễn Văn Đức}
sections:
  - id: "1"
    title: Mục một
    tasks:
      - id: 1.a
        title: Ban hành kế hoạch
        lead: [vp-tk]
        support: [tc-kt]
        timeline: Quý I/2024 ban hành kế hoạch.
        milestones:
          - what: Ban hành kế hoạch
            due: Quý I/2024
      - id: 1.đ
        title: Báo cáo hàng tháng
        lead: [tc-kt]
        timeline: Định kỳ hàng tháng.
        recurring:
          - what: Báo cáo tháng
            every: tháng
"""

# One task with one milestone: the smallest plan whose lines the file:line tests count on.
ONE_MILESTONE_PLAN = """\
plan:
  title: Kế hoạch thử
  year: 2024
  agency: {name: Ủy ban nhân dân xã Thử, place: Thử}
officials:
  vp-tk: {title: Công chức Văn phòng - Thống kê}
sections:
  - id: "1"
    title: Mục một
    tasks:
      - id: 1.a
        title: Ban hành kế hoạch
        lead: [vp-tk]
        timeline: Quý I/2024 ban hành kế hoạch.
        milestones:
          - what: Ban hành kế hoạch
            due: Quý I/2024
"""


def invoke(*args: object) -> Result:
    """Run ``caicach`` in-process (typer's CliRunner) with these arguments."""
    return CliRunner().invoke(app, [str(arg) for arg in args])


def run(*args: object) -> tuple[int, str]:
    """Run ``caicach`` in-process: its exit status and everything it printed."""
    result = invoke(*args)
    return result.exit_code, result.output


@dataclass(frozen=True)
class Finding:
    task: Task
    obligation: Obligation
    status: str  # "overdue" or "due_soon"
    days_overdue: int  # negative: days left before the due date


def late_or_due(plan: Plan, as_of: date, soon_days: int | None = None) -> list[Finding]:
    """The reference for what ``overdue`` lists: the open obligations of ``schedule.obligations``
    due before ``as_of``, and with ``soon_days`` those due up to that many days later. The CLI
    computes the same from a plan's summary (``summary.late_or_due``); tests compare both."""
    horizon = as_of + timedelta(days=soon_days) if soon_days is not None else None
    last = max(as_of - timedelta(days=1), horizon or date.min)
    return [
        Finding(t, o, "overdue" if o.due < as_of else "due_soon", (as_of - o.due).days)
        for t, o in obligations(plan)
        if o.done is None and o.due <= last
    ]
