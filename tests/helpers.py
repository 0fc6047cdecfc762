"""Shared test data and helpers: the repository's paths, the smallest valid plan, and
running the CLI in-process.

Test files import these from here; ``conftest.py`` holds only pytest fixtures.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

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


def json_envelope(text: str) -> dict[str, Any]:
    """A ``--json`` output, checked to be the documented envelope (``cli/result.py``)."""
    envelope = json.loads(text)
    assert isinstance(envelope, dict), "every --json prints one object"
    assert envelope["version"] == 1 and isinstance(envelope["command"], str)
    assert isinstance(envelope["items"], list) and isinstance(envelope["failed_files"], list)
    assert envelope["complete"] is (not envelope["failed_files"])
    return envelope


def json_items(text: str) -> list[Any]:
    """The ``items`` of a ``--json`` output (see ``json_envelope``)."""
    items: list[Any] = json_envelope(text)["items"]
    return items


# --- a realistic 2024 year of progress on the shipped plan (a fixture: never in plans/) -----

REALISTIC_SIGNED = {
    "2024-Q1": date(2024, 3, 18),
    "2024-H1": date(2024, 6, 18),
    "2024-Q3": date(2024, 10, 2),
    "2024": date(2024, 12, 16),
}
# task id → {milestone what → (done, note)}; 12 of the 18 milestones done, 4 of them late
# (2.b, 5.d, 8.b; 4.a done the day after the Q1 cut-off).
REALISTIC_MILESTONES: dict[str, dict[str, tuple[str, str | None]]] = {
    "1.c": {"Ban hành kế hoạch": ("2024-02-20", "Kế hoạch số 15/KH-UBND ngày 20/02/2024")},
    "1.d": {"Ban hành kế hoạch, quyết định": ("2024-03-05", "Kế hoạch số 18/KH-UBND")},
    "2.a": {
        "Hoàn thành tham mưu ban hành các kế hoạch của UBND xã": (
            "2024-01-25",
            "Kế hoạch số 08/KH-UBND, 09/KH-UBND và 10/KH-UBND",
        )
    },
    "2.b": {"Ban hành kế hoạch": ("2024-04-10", "Kế hoạch số 31/KH-UBND")},
    "2.n": {
        "Ban hành kế hoạch kiểm tra": ("2024-03-12", "Kế hoạch số 21/KH-UBND"),
        "Tổ chức kiểm tra theo kế hoạch": ("2024-11-20", None),
    },
    "4.a": {"Ban hành kế hoạch đào tạo, bồi dưỡng": ("2024-03-15", "Kế hoạch số 24/KH-UBND")},
    "5.b": {
        "Ban hành chương trình thực hành tiết kiệm, chống lãng phí": (
            "2024-02-28",
            "Quyết định số 19/QĐ-UBND",
        )
    },
    "5.d": {"Công khai quyết toán ngân sách": ("2024-10-15", None)},
    "7.a": {"Ban hành kế hoạch": ("2024-03-08", "Kế hoạch số 20/KH-UBND")},
    "8.a": {"Ban hành các Kế hoạch": ("2024-01-30", "Kế hoạch số 11/KH-UBND")},
    "8.b": {"Ban hành Kế hoạch": ("2024-07-05", "Kế hoạch số 45/KH-UBND")},
}
# task id → recurrence what → {period key: done}; missing months are missed reports.
REALISTIC_RECURRING: dict[str, dict[str, dict[str, str]]] = {
    "1.d": {
        "Báo cáo kết quả thực hiện hàng tháng": {
            "2024-01": "2024-01-30",
            "2024-04": "2024-04-29",
            "2024-05": "2024-06-03",
            "2024-07": "2024-07-30",
            "2024-10": "2024-10-30",
            "2024-11": "2024-11-28",
        },
        "Báo cáo kết quả thực hiện hàng quý": {
            "2024-Q1": "2024-03-29",
            "2024-Q2": "2024-06-28",
            "2024-Q3": "2024-09-30",
        },
    },
    "2.d": {
        "Đánh giá, công khai kết quả đánh giá chất lượng phục vụ hàng tháng": {
            f"2024-{month:02d}": f"2024-{month:02d}-2{month % 8}"
            for month in (1, 2, 4, 5, 7, 8, 10, 11)
        }
        | {"2024-06": "2024-07-08"},
    },
    "III.1": {
        "Báo cáo quý": {"2024-Q1": "2024-03-18", "2024-Q3": "2024-10-02"},
        "Báo cáo 6 tháng": {"2024-H1": "2024-06-18"},
    },
}
REALISTIC_NOTES: dict[str, list[tuple[str, str]]] = {
    "1.a": [
        ("2024-02-02", "Tham mưu ban hành Kế hoạch số 12/KH-UBND triển khai Nghị quyết của HĐND xã")
    ],
    "1.b": [("2024-05-20", "Ban hành Nghị quyết số 05/NQ-HĐND đúng trình tự, thủ tục")],
    "2.c": [("2024-03-01", "Tiếp nhận 4 phản ánh, kiến nghị; đã xử lý xong 4")],
    "2.e": [("2024-06-10", "Rà soát quy trình nội bộ 45 thủ tục hành chính liên thông")],
    "2.h": [
        ("2024-02-26", "Số hóa 312 hồ sơ, kết quả giải quyết thủ tục hành chính"),
        ("2024-08-15", "Số hóa thêm 280 hồ sơ hộ tịch"),
    ],
    "2.k": [("2024-09-05", "Tỷ lệ hồ sơ trực tuyến đạt 62,5%")],
    "3.b": [("2024-04-02", "Sử dụng 21/22 biên chế được giao")],
    "6.a": [("2024-11-12", "Ra mắt Tổ công nghệ số cộng đồng tại 6 thôn")],
}
REALISTIC_NARRATIVE = {
    "2024-Q1": {
        "I. Công tác chỉ đạo, điều hành": (
            "UBND xã ban hành Kế hoạch CCHC năm 2024 và tổ chức hội nghị triển khai ngày "
            "10/01/2024."
        ),
        "III. 1. Ưu điểm": "Các kế hoạch đầu năm được ban hành kịp thời.",
        "III. 2. Hạn chế, tồn tại": "Một số báo cáo hằng tháng chưa đúng hạn.",
        "III. 3. Nguyên nhân": "Công chức kiêm nhiệm nhiều việc.",
        "V. Đề xuất, kiến nghị": "Đề nghị UBND huyện tập huấn chuyển đổi số cho công chức xã.",
    },
    "2024-H1": {
        "I. Công tác chỉ đạo, điều hành": "UBND xã kiểm tra CCHC tại Bộ phận Một cửa tháng 5/2024.",
        "III. 1. Ưu điểm": "Tỷ lệ hồ sơ giải quyết đúng hạn cao.",
        "III. 2. Hạn chế, tồn tại": "Kế hoạch rà soát TTHC ban hành chậm.",
        "III. 3. Nguyên nhân": "Chờ hướng dẫn của cấp trên.",
        "V. Đề xuất, kiến nghị": "Đề nghị bổ sung thiết bị số hóa cho Bộ phận Một cửa.",
    },
}
REALISTIC_FIGURES = {
    "ho-so-tiep-nhan": 412,
    "ho-so-da-giai-quyet": 400,
    "giai-quyet-truoc-han": 96,
    "giai-quyet-dung-han": 301,
    "giai-quyet-tre-han": 3,
    "ho-so-truc-tuyen": 250,
    "truc-tuyen-toan-trinh": 140,
    "truc-tuyen-mot-phan": 110,
    "thanh-toan-truc-tuyen": 88,
    "ho-so-so-hoa": 312,
    "pakn-tiep-nhan": 4,
    "pakn-da-xu-ly": 4,
    "van-ban-di": 210,
    "van-ban-ky-so": 205,
    "van-ban-dien-tu": 198,
    "muc-do-hai-long": "98,5",
}


def realistic_year(folder: Path) -> Path:
    """A copy of the shipped plan in ``folder/plans`` with a realistic 2024 of progress, the
    narrative and figures files of quý I and 6 tháng written; returns the plan's path."""
    import yaml

    data = yaml.safe_load(SHIPPED_PLAN.read_text(encoding="utf-8"))
    tasks = [task for section in data["sections"] for task in section["tasks"]]
    for task in [*tasks, *data["reporting"]]:
        for milestone in task.get("milestones", []):
            done = REALISTIC_MILESTONES.get(task["id"], {}).get(milestone["what"])
            if done is not None:
                milestone["done"] = done[0]
                if done[1]:
                    milestone["note"] = done[1]
        for recurrence in task.get("recurring", []):
            found = REALISTIC_RECURRING.get(task["id"], {}).get(recurrence["what"])
            if found:
                recurrence["done"] = dict(found)
        if task["id"] in REALISTIC_NOTES:
            task["notes"] = [{"date": d, "text": t} for d, t in REALISTIC_NOTES[task["id"]]]
    plans = folder / "plans"
    (plans / "reports").mkdir(parents=True, exist_ok=True)
    path = plans / "tinh-minh-2024.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    for key, parts in REALISTIC_NARRATIVE.items():
        text = "".join(f"## {heading}\n{body}\n\n" for heading, body in parts.items())
        (plans / "reports" / f"tinh-minh-{key}.md").write_text(text, encoding="utf-8")
        values = "".join(f"  {name}: {value}\n" for name, value in REALISTIC_FIGURES.items())
        (plans / "reports" / f"tinh-minh-{key}.so-lieu.yaml").write_text(
            f"period: {key}\nvalues:\n{values}", encoding="utf-8"
        )
    return path


# The commune's report to the Sở Nội vụ (due on the 15th) and the units' internal report to
# the office (due at the period's end): the report must take its deadline and Nơi nhận from
# the first, never from the second.
TWO_DUTIES = """\
reporting:
  - id: III.2
    title: Các bộ phận báo cáo kết quả về Văn phòng UBND xã
    lead: [tc-kt]
    recipient: Văn phòng UBND xã
    internal: true
    timeline: Định kỳ hàng quý.
    recurring:
      - what: Báo cáo của các bộ phận
        every: quý
  - id: III.1
    title: Báo cáo kết quả thực hiện kế hoạch
    lead: [vp-tk]
    recipient: Sở Nội vụ tỉnh Quảng Ngãi
    timeline: Trước ngày 15 tháng cuối quý.
    recurring:
      - what: Báo cáo quý
        every: quý
        due_day: 15
"""


# A draft as `caicach import` writes one: review marks on their own lines and after values,
# a decision with recipients, a reporting duty and text that fitted nowhere (the sheet tests).
DRAFT_PLAN = """\
# Bản nháp do 'caicach import' tạo.
plan:
  title: Kế hoạch cải cách hành chính năm 2024 xã Thử
  year: 2024
  agency:
    name: Ủy ban nhân dân xã Thử
    # xem lại: cơ quan cấp trên (parent) không ghi ở phần đầu văn bản
    place: Thử
  decision:
    number: 12/QĐ-UBND
    date: 2023-12-26
    signer: Nguyễn Văn An
    signer_title: Chủ tịch
    recipients:
      - Như Điều 3;
      - "Lưu: VT."
  # xem lại: số văn bản gốc ghi '12/QĐ -UBND'

officials:
  vp-tk:
    title: Công chức Văn phòng - Thống kê
  tp-ht:
    title: Tư pháp - Hộ tịch  # xem lại: tên chức danh lấy nguyên văn
  cong-chuc:
    title: Các công chức có liên quan
    group: true

sections:
  - id: "1"
    title: Cải cách thể chế
    tasks:
      - id: 1.a
        # xem lại: 'Tư pháp' hiểu là 'Công chức Tư pháp - Hộ tịch'
        title: Rà soát văn bản quy phạm pháp luật
        lead: [vp-tk, tp-ht]
        support: [cong-chuc]
        timeline: Quý I/2024 ban hành kế hoạch.
        milestones:
          - what: Ban hành kế hoạch
            due: Quý I/2024
      - id: 1.b
        title: Theo dõi thi hành pháp luật
        lead: [tp-ht]
        timeline: Thường xuyên.
        ongoing: true

reporting:
  - id: III.1
    # xem lại: nghĩa vụ báo cáo lấy từ phần Tổ chức thực hiện
    title: Báo cáo kết quả thực hiện kế hoạch
    lead: [vp-tk]
    recipient: UBND huyện
    timeline: Định kỳ hàng quý.
    recurring:
      - what: Báo cáo quý
        every: quý
        due_day: 15

# chưa xếp: Các công chức kịp thời báo cáo khó khăn, vướng mắc.
"""
