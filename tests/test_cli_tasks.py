"""show, agenda and calendar (issue 13, items 2, 4, 5), end to end and in the library."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from icalendar import Calendar

from cai_cach.loading import load_plan
from cai_cach.periods import Period
from cai_cach.schedule import month_agenda, task_schedule
from tests.helpers import invoke, json_items, run

SHIPPED = Path(__file__).resolve().parent.parent / "plans" / "tinh-minh-2024.yaml"

PLAN = """\
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
        title: Ban hành kế hoạch rà soát
        lead: [vp-tk]
        support: [tc-kt]
        products: Kế hoạch của UBND xã
        timeline: Quý I/2024 ban hành kế hoạch.
        milestones:
          - what: Ban hành kế hoạch
            due: Quý I/2024
            done: 2024-03-20
            note: Kế hoạch số 12/KH-UBND
          - what: Tổng kết
            due: 2024-03-10
        notes:
          - {date: 2024-02-01, text: Đã họp triển khai}
      - id: 1.b
        title: Báo cáo định kỳ
        lead: [tc-kt]
        timeline: Định kỳ hàng quý, năm.
        recurring:
          - what: Báo cáo quý
            every: quý
            done: {2024-Q1: 2024-04-05}
          - what: Báo cáo năm
            every: năm
"""


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    path = tmp_path / "plan.yaml"
    path.write_text(PLAN, encoding="utf-8")
    return path


# --- show ----------------------------------------------------------------------------------


def test_show_prints_a_task_in_full(plan: Path) -> None:
    code, output = run("show", "1.a", "-p", plan, "--as-of", "2024-04-15")
    assert code == 0, output
    for text in (
        "Ban hành kế hoạch rà soát",
        "Chủ trì:    Công chức Văn phòng - Thống kê",
        "Phối hợp:   Công chức Tài chính - Kế toán (Nguyễn Văn Đức)",
        "Sản phẩm:   Kế hoạch của UBND xã",
        "Thời gian:  Quý I/2024 ban hành kế hoạch.",
        "hạn 31/03/2024 — đã xong (ghi nhận xong ngày 20/03/2024)",
        "ghi chú: Kế hoạch số 12/KH-UBND",
        "hạn 10/03/2024 — quá hạn 36 ngày",
        "01/02/2024: Đã họp triển khai",
    ):
        assert text in output, text


def test_show_occurrence_states_follow_as_of(plan: Path) -> None:
    _, before = run("show", "1.b", "-p", plan, "--as-of", "2024-04-01")
    _, after = run("show", "1.b", "-p", plan, "--as-of", "2024-04-10")
    assert "quý I năm 2024: hạn 31/03/2024 — quá hạn 1 ngày" in before
    assert "quý I năm 2024: hạn 31/03/2024 — xong trễ 5 ngày" in after
    assert "năm 2024: hạn 31/12/2024 — chưa đến hạn" in after


def test_show_a_section_shows_each_task(plan: Path) -> None:
    _, output = run("show", "1", "-p", plan, "--as-of", "2024-04-15")
    assert "Nhiệm vụ 1.a:" in output
    assert "Nhiệm vụ 1.b:" in output


def test_show_json(plan: Path) -> None:
    code, output = run("show", "1.b", "-p", plan, "--as-of", "2024-04-10", "--json")
    assert code == 0
    (task,) = json_items(output)
    quarterly = task["recurring"][0]["occurrences"]
    # quý IV ends with the year: the yearly report covers it (cadence, 581/BNV-CCHC)
    assert [o["period"] for o in quarterly] == ["2024-Q1", "2024-Q2", "2024-Q3"]
    assert task["recurring"][1]["occurrences"][0]["covers"] == ["2024-Q4"]
    assert (
        quarterly[0] | {"status": "done_late", "done": "2024-04-05", "days_late": 5}
        == (quarterly[0])
    )


def test_show_unknown_task_is_an_error(plan: Path) -> None:
    code, output = run("show", "9.z", "-p", plan)
    assert code == 2
    assert "không có nhiệm vụ hay mục '9.z'" in output


def test_show_shipped_1d_lists_milestone_and_every_report() -> None:
    code, output = run("show", "1.d", "-p", SHIPPED, "--as-of", "2024-04-15")
    assert code == 0, output
    assert "Mốc: Ban hành kế hoạch, quyết định" in output
    for month in (1, 2, 4, 5, 7, 8, 10, 11):
        assert f"tháng {month} năm 2024: hạn" in output
    # a month ending a quarter is reported in the quarter's report, quý IV in the year's
    assert "quý I năm 2024: hạn 31/03/2024 — quá hạn 15 ngày (gồm cả tháng 3 năm 2024)" in output
    for quarter in ("II", "III"):
        assert f"quý {quarter} năm 2024: hạn" in output
    assert (
        "  năm 2024: hạn 31/12/2024 — chưa đến hạn (gồm cả tháng 12 năm 2024, quý IV năm 2024)"
        in output
    )


def test_task_schedule_in_the_library(plan: Path) -> None:
    loaded = load_plan(plan)
    task = next(task for _, task in loaded.plan.tasks() if task.id == "1.b")
    schedule = task_schedule(loaded.plan, task, date(2024, 7, 1))
    quarterly = schedule.recurring[0][1]
    assert [d.state for d in quarterly] == ["done_late", "overdue", "not_yet_due"]
    assert schedule.milestones == []


# --- agenda --------------------------------------------------------------------------------


def test_agenda_lists_the_month_overdue_first(plan: Path) -> None:
    code, output = run("agenda", "-p", plan, "--month", "2024-03", "--as-of", "2024-03-25")
    assert code == 0, output
    assert "Việc tháng 3 năm 2024" in output
    lines = output.splitlines()
    overdue = next(i for i, line in enumerate(lines) if "Tổng kết" in line)
    done = next(i for i, line in enumerate(lines) if "Ban hành kế hoạch —" in line)
    assert overdue < done
    assert "[x] 1.a Ban hành kế hoạch" in output
    assert "Công chức Tài chính - Kế toán (Nguyễn Văn Đức):" in output  # quý I due in March


def test_agenda_carries_overdue_work_of_earlier_months(plan: Path) -> None:
    _, output = run("agenda", "-p", plan, "--month", "2024-04", "--as-of", "2024-04-02")
    assert "Tổng kết — hạn 10/03/2024 — quá hạn 23 ngày" in output


@pytest.mark.parametrize("month", ["2024-04", "04/2024", "4/2024", "tháng 4/2024"])
def test_agenda_month_spellings(plan: Path, month: str) -> None:
    code, output = run("agenda", "-p", plan, "--month", month, "--as-of", "2024-04-02")
    assert code == 0, output
    assert output.startswith("Việc tháng 4 năm 2024")


def test_agenda_refuses_a_quarter(plan: Path) -> None:
    code, output = run("agenda", "-p", plan, "--month", "2024-Q1")
    assert code == 2
    assert "--month cần một tháng" in output


def test_month_agenda_in_the_library(plan: Path) -> None:
    loaded = load_plan(plan)
    agenda = month_agenda(loaded.plan, Period(2024, "month", 6), date(2024, 6, 1))
    assert [(d.obligation.what, d.state) for d in agenda] == [
        ("Tổng kết", "overdue"),
        ("Báo cáo quý", "not_yet_due"),
    ]


# --- calendar ------------------------------------------------------------------------------


def events(path: Path) -> list[dict[str, object]]:
    calendar = Calendar.from_ical(path.read_bytes())
    return [
        {
            "uid": str(event["UID"]),
            "summary": str(event["SUMMARY"]),
            "start": event.decoded("DTSTART"),
            "description": str(event["DESCRIPTION"]),
            "alarms": [alarm.decoded("TRIGGER").days for alarm in event.walk("VALARM")],
        }
        for event in calendar.walk("VEVENT")
    ]


def test_calendar_file_parses_with_alarms(plan: Path, tmp_path: Path) -> None:
    out = tmp_path / "lich.ics"
    code, output = run("calendar", "-p", plan, "-o", out, "--remind", "7,1")
    assert code == 0, output
    found = events(out)
    assert len(found) == 2 + 3 + 1  # two milestones, quý I-III, the year (covering quý IV)
    open_one = next(e for e in found if "Tổng kết" in str(e["summary"]))
    assert open_one["start"] == date(2024, 3, 10)
    assert open_one["alarms"] == [-7, -1]
    assert "Chủ trì: Công chức Văn phòng - Thống kê" in str(open_one["description"])
    done = next(e for e in found if "Ban hành kế hoạch" in str(e["summary"]))
    assert str(done["summary"]).startswith("✓ Đã xong")
    assert done["alarms"] == []


def test_calendar_uids_are_stable(plan: Path, tmp_path: Path) -> None:
    first, second = tmp_path / "a.ics", tmp_path / "b.ics"
    run("calendar", "-p", plan, "-o", first)
    plan.write_text(PLAN.replace("Báo cáo định kỳ", "Báo cáo định kỳ (sửa)"), encoding="utf-8")
    run("calendar", "-p", plan, "-o", second)
    uids = [e["uid"] for e in events(first)]
    assert len(set(uids)) == len(uids)
    assert uids == [e["uid"] for e in events(second)]


def test_calendar_by_official(plan: Path, tmp_path: Path) -> None:
    out = tmp_path / "lich.ics"
    run("calendar", "-p", plan, "-o", out, "--by", "tai chinh")
    found = {str(e["description"]).split(":")[0] for e in events(out)}
    assert found == {"Nhiệm vụ 1.b"}


def test_a_broken_plan_is_named_and_never_hidden(plan: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("plan: [", encoding="utf-8")
    result = invoke("agenda", "-p", plan, "-p", broken, "-m", "2024-03")
    assert result.exit_code == 2
    assert result.stdout.startswith("LỖI: 1 tệp kế hoạch có lỗi")
    assert "KHÔNG gồm các tệp đó" in result.stdout.splitlines()[-1]
    result = invoke("show", "1.a", "-p", plan, "-p", broken, "--json")
    assert result.exit_code == 2
    shape = json.loads(result.stdout)
    assert [item["id"] for item in shape["items"]] == ["1.a"]
    assert shape["failed_files"]


def test_show_prints_the_sections_objectives_targets_and_the_plans_start(tmp_path: Path) -> None:
    text = PLAN.replace(
        "  agency: {name: Ủy ban nhân dân xã Thử, place: Thử}\n",
        "  agency: {name: Ủy ban nhân dân xã Thử, place: Thử}\n  start: 2024-02-01\n",
    ).replace(
        "    title: Mục một\n",
        "    title: Mục một\n    objectives: [Nâng cao chất lượng thể chế]\n"
        "    targets: ['Tỷ lệ văn bản ban hành đúng hạn đạt 100%']\n",
    )
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    code, output = run("show", "1", "-p", path, "--as-of", "2024-04-15")
    assert code == 0, output
    assert output.count("Mục 1. Mục một") == 1  # once for the section, before its tasks
    assert "Mục tiêu:\n    - Nâng cao chất lượng thể chế" in output
    assert "Chỉ tiêu:\n    - Tỷ lệ văn bản ban hành đúng hạn đạt 100%" in output
    assert "Hiệu lực:   từ 01/02/2024" in output
    code, output = run("show", "1.b", "-p", path, "--json")
    (task,) = json_items(output)
    assert task["section_targets"] == ["Tỷ lệ văn bản ban hành đúng hạn đạt 100%"]
    assert task["plan_start"] == "2024-02-01"


def test_show_without_objectives_or_start_prints_neither(plan: Path) -> None:
    _, output = run("show", "1.a", "-p", plan, "--as-of", "2024-04-15")
    assert "Mục tiêu" not in output and "Hiệu lực" not in output
