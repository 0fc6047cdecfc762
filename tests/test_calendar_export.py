"""calendar_export: plans → iCalendar bytes (issue 13, item 4)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from icalendar import Calendar

from cai_cach.calendar_export import (
    PRODID,
    CalendarStream,
    calendar_bytes,
    event_uid,
    parse_remind,
)
from cai_cach.errors import UsageError
from cai_cach.loading import load_plan
from cai_cach.models import Plan
from cai_cach.schedule import obligations
from tests.helpers import SHIPPED_PLAN

PLAN = """\
plan: {title: Kế hoạch thử, year: 2024, agency: {name: Xã Thử, place: Thử}}
officials:
  vp: {title: Công chức Văn phòng}
sections:
  - id: "1"
    title: Mục một
    tasks:
      - id: 1.a
        title: Việc một
        lead: [vp]
        timeline: Quý I/2024.
        milestones:
          - {what: Ban hành kế hoạch, due: Quý I/2024, done: 2024-03-01}
          - {what: Tổng kết, due: 2024-03-10}
      - id: 1.b
        title: Báo cáo
        lead: [vp]
        timeline: Hàng quý, năm.
        recurring:
          - {what: Báo cáo quý, every: quý}
          - {what: Báo cáo năm, every: năm}
"""


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    path = tmp_path / "plan.yaml"
    path.write_text(PLAN, encoding="utf-8")
    return path


def test_remind_parsing() -> None:
    assert parse_remind("1, 7,3") == [7, 3, 1]
    assert parse_remind("") == []
    with pytest.raises(UsageError):
        parse_remind("7,x")


def test_calendar_bytes_in_the_library(plan: Path) -> None:
    content, count = calendar_bytes([load_plan(plan).plan], [2], datetime(2024, 1, 1))
    assert count == 6  # quý IV is in the yearly report (cadence)
    assert Calendar.from_ical(content).walk("VALARM")


def test_uids_differ_per_obligation_and_stay_put(plan: Path) -> None:
    first = [event_uid(load_plan(plan).plan, t, o) for t, o in obligations(load_plan(plan).plan)]
    assert len(set(first)) == len(first) == 6
    plan.write_text(PLAN.replace("Việc một", "Việc một (sửa)"), encoding="utf-8")
    again = load_plan(plan).plan
    assert [event_uid(again, t, o) for t, o in obligations(again)] == first


def test_done_work_has_no_alarm(plan: Path) -> None:
    content, _ = calendar_bytes([load_plan(plan).plan], [3], datetime(2024, 1, 1))
    for event in Calendar.from_ical(content).walk("VEVENT"):
        done = str(event["SUMMARY"]).startswith("✓ Đã xong")
        assert bool(event.walk("VALARM")) is not done


def one_calendar(plans: list[Plan], remind: list[int], stamp: datetime) -> bytes:
    """The calendar as one ``icalendar.Calendar`` holding every event (how it was built
    before it was streamed), events made by ``CalendarStream`` itself."""
    stream = CalendarStream(plans, remind, stamp, name="Lịch")
    calendar = Calendar()
    for key, value in (
        ("prodid", PRODID),
        ("version", "2.0"),
        ("calscale", "GREGORIAN"),
        ("method", "PUBLISH"),
        ("x-wr-calname", "Lịch"),
    ):
        calendar.add(key, value)
    for plan in plans:
        for task, obligation in obligations(plan):
            calendar.add_component(stream._event(plan, task, obligation))
    return bytes(calendar.to_ical())


@pytest.mark.parametrize("remind", [[7, 3, 1], []])
def test_the_streamed_calendar_is_the_one_calendar_byte_for_byte(
    plan: Path, remind: list[int]
) -> None:
    plans = [load_plan(plan).plan, load_plan(SHIPPED_PLAN).plan]
    stamp = datetime(2024, 5, 1, 8, 30)
    stream = CalendarStream(plans, remind, stamp, name="Lịch")
    chunks = list(stream.chunks())
    assert len(chunks) == stream.count + 2  # the head, one chunk per event, the end
    assert b"".join(chunks) == one_calendar(plans, remind, stamp)
    assert calendar_bytes(plans, remind, stamp, name="Lịch") == (b"".join(chunks), stream.count)


def test_the_stream_holds_one_event_at_a_time(plan: Path) -> None:
    plans = [load_plan(SHIPPED_PLAN).plan] * 20
    stream = CalendarStream(plans, [7], datetime(2024, 5, 1))
    biggest = max(len(chunk) for chunk in stream.chunks())
    assert stream.count > 500 and biggest < 4096
