"""Each lead's reminder: the right items, overdue first, in Vietnamese."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from cai_cach.loading import load_plan
from cai_cach.reminders import body, email_message, reminders, subject
from tests.helpers import MINIMAL_PLAN, SHIPPED_PLAN


def test_shipped_plan_reminders_on_5_april() -> None:
    plan = load_plan(SHIPPED_PLAN).plan
    found = reminders([plan], date(2024, 4, 5), days=30)
    by_lead = {r.official: r for r in found}
    vp = by_lead["vp-tk"]
    # vp-tk leads 2.d (monthly, January–March overdue) and the quarter's report III.1 …
    assert {d.task for d in vp.overdue} >= {"2.d", "III.1", "2.a"}
    assert vp.overdue[0].what.endswith("(tháng 1 năm 2024)")  # most overdue first
    assert vp.overdue[0].days == 65
    # … and 2.d's April publication falls due on 30/04, inside the 30 days.
    assert [(d.task, d.due) for d in vp.soon] == [("2.d", date(2024, 4, 30))]
    assert found[0] is vp  # the lead with most overdue first


def test_nothing_due_nothing_to_remind(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(MINIMAL_PLAN, encoding="utf-8")
    assert reminders([load_plan(path).plan], date(2024, 1, 2), days=0) == []


def test_each_lead_of_a_shared_task_is_reminded(tmp_path: Path) -> None:
    text = MINIMAL_PLAN.replace("        lead: [vp-tk]\n", "        lead: [vp-tk, tc-kt]\n", 1)
    path = tmp_path / "p.yaml"
    path.write_text(text, encoding="utf-8")
    found = reminders([load_plan(path).plan], date(2024, 4, 2), days=0)
    holders = {r.official for r in found if any(d.task == "1.a" for d in r.overdue)}
    assert holders == {"vp-tk", "tc-kt"}


def test_message_words(tmp_path: Path) -> None:
    text = MINIMAL_PLAN.replace(
        "  vp-tk: {title: Công chức Văn phòng - Thống kê}",
        "  vp-tk: {title: Công chức Văn phòng - Thống kê, email: vp@xa.example}",
    )
    path = tmp_path / "p.yaml"
    path.write_text(text, encoding="utf-8")
    [reminder] = [
        r
        for r in reminders([load_plan(path).plan], date(2024, 3, 28), days=7)
        if r.official == "vp-tk"
    ]
    assert subject(reminder) == (
        "Nhắc việc cải cách hành chính: 1 việc sắp đến hạn — Ủy ban nhân dân xã Thử"
    )
    text = body(reminder, date(2024, 3, 28), 7)
    assert "Kính gửi: Công chức Văn phòng - Thống kê," in text
    assert "→ Ban hành kế hoạch: hạn 31/03/2024 (còn 3 ngày)" in text
    mail = email_message(reminder, "vanphong@xa.example", date(2024, 3, 28), 7)
    assert "vp@xa.example" in mail["To"]
