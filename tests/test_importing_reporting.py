"""Reporting duties of "Tổ chức thực hiện": the commune's report apart from internal ones."""

from __future__ import annotations

from cai_cach.importing.draft import Draft
from cai_cach.importing.fields import register
from cai_cach.importing.reporting import reporting_duty


def test_the_communes_report_to_the_province_with_its_due_day() -> None:
    draft = Draft()
    office = register(draft, "Văn phòng HĐND và UBND")
    duty = reporting_duty(
        draft,
        "Văn phòng HĐND và UBND tổng hợp báo cáo định kỳ quý, 6 tháng, năm gửi Sở Nội vụ "
        "trước ngày 15 của tháng cuối kỳ.",
        "C.1",
    )
    assert duty is not None and not duty.internal
    assert duty.lead == [office]
    assert duty.recipient == "Sở Nội vụ"
    assert [(r.every, r.due_day) for r in duty.recurring] == [
        ("quý", 15),
        ("6 tháng", 15),
        ("năm", 15),
    ]


def test_the_units_internal_report_to_the_office() -> None:
    draft = Draft()
    duty = reporting_duty(
        draft,
        "Các phòng, đơn vị báo cáo kết quả thực hiện hằng tháng về Văn phòng HĐND và UBND "
        "trước ngày 25.",
        "C.2",
    )
    assert duty is not None and duty.internal
    assert [(r.every, r.due_day) for r in duty.recurring] == [("tháng", 25)]
    assert draft.parties[duty.lead[0]].group


def test_a_paragraph_without_a_cadence_sets_no_duty_and_one_duty_written_twice_merges() -> None:
    draft = Draft()
    assert reporting_duty(draft, "Kịp thời báo cáo UBND xã khi có vướng mắc.", "C.3") is None
    register(draft, "Công chức Văn phòng - Thống kê")
    first = reporting_duty(
        draft, "Công chức Văn phòng - Thống kê định kỳ hàng quý báo cáo UBND huyện.", "III.1"
    )
    again = reporting_duty(
        draft,
        "Công chức Văn phòng - Thống kê định kỳ quý báo cáo UBND huyện (Phòng Nội vụ).",
        "III.4",
    )
    assert again is first and len(draft.reporting) == 1
