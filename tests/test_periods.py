from __future__ import annotations

from datetime import date

import pytest

from cai_cach.periods import (
    Period,
    date_line,
    find_periods,
    format_day,
    parse_cadence,
    parse_day,
    parse_deadline,
    parse_period,
    periods_in_year,
)


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("2024-03-20", date(2024, 3, 20)),
        ("20/03/2024", date(2024, 3, 20)),
        ("Quý I/2024", date(2024, 3, 31)),
        ("Quý I năm 2024", date(2024, 3, 31)),
        ("quý 1/2024", date(2024, 3, 31)),
        ("Quý I /2024", date(2024, 3, 31)),
        ("quý I/2024", date(2024, 3, 31)),
        ("Quý II năm 2024", date(2024, 6, 30)),
        ("Quý III năm 2024", date(2024, 9, 30)),
        ("Quý IV năm 2024", date(2024, 12, 31)),
        ("quý IV/2024", date(2024, 12, 31)),
        ("Tháng 12 năm 2024", date(2024, 12, 31)),
        ("tháng 12/2024", date(2024, 12, 31)),
        ("tháng 2/2024", date(2024, 2, 29)),
        ("6 tháng đầu năm 2024", date(2024, 6, 30)),
        ("6 tháng cuối năm 2024", date(2024, 12, 31)),
        ("9 tháng đầu năm 2024", date(2024, 9, 30)),
        ("Năm 2024", date(2024, 12, 31)),
        ("Trong năm 2024", date(2024, 12, 31)),
        ("Quý IV năm 2024.", date(2024, 12, 31)),
        ("QUÝ I/2024", date(2024, 3, 31)),
    ],
)
def test_deadline_words_resolve_to_last_day(text: str, due: date) -> None:
    assert parse_deadline(text) == due


def test_nfd_deadline_is_the_same_as_nfc() -> None:
    import unicodedata

    assert parse_deadline(unicodedata.normalize("NFD", "Quý IV năm 2024")) == date(2024, 12, 31)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2024-02-30", "không tồn tại"),
        ("31/04/2024", "không tồn tại"),
        ("tháng 13/2024", "không tồn tại"),
        ("Quý V/2024", "không hiểu thời hạn"),
        ("sớm nhất có thể", "không hiểu thời hạn"),
        ("", "không hiểu thời hạn"),
    ],
)
def test_bad_deadlines_are_rejected_in_vietnamese(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_deadline(text)


# Every timeline phrase of the 2024 Tịnh Minh plan that names a period, verbatim, with the
# periods a reader finds in it.
TIMELINES = [
    ("Thường xuyên.", []),
    ("Đúng tiến độ được cấp có thẩm quyền giao.", []),
    (
        "Quý I/2024 ban hành kế hoạch; định kỳ theo quy định báo cáo kết quả thực hiện và các văn "
        "bản xử lý hoặc kiến nghị xử lý cho UBND xã.",
        ["2024-Q1"],
    ),
    (
        "Quý I/2024 ban hành kế hoạch, quyết định; định kỳ hàng tháng, quý, năm, báo cáo kết quả "
        "thực hiện và các văn bản xử lý hoặc kiến nghị xử lý cho UBND xã.",
        ["2024-Q1"],
    ),
    (
        "Hoàn thành tham mưu ban hành các kế hoạch của UBND xã trong quý I/2024; định kỳ báo cáo "
        "theo quy định.",
        ["2024-Q1"],
    ),
    (
        "Quý I năm 2024, ban hành kế hoạch; định kỳ báo cáo kết quả thực hiện theo quy định.",
        ["2024-Q1"],
    ),
    ("Định kỳ hàng tháng trong năm 2024.", ["2024"]),
    ("Thường xuyên trong năm 2024.", ["2024"]),
    (
        "Theo Kế hoạch số 140/KH-UBND ngày 14/10/2021 của Chủ tịch UBND tỉnh đối với những nhiệm "
        "vụ thực hiện trong năm 2024.",
        ["2024"],
    ),
    ("Thường xuyên trong năm; định kỳ báo cáo kết quả thực hiện.", []),
    ("Theo quy định của Chính phủ và hướng dẫn của Sở Thông tin và Truyền thông.", []),
    (
        "Quý I năm 2024, ban hành kế hoạch kiểm tra; tổ chức kiểm tra theo kế hoạch, kiểm tra "
        "đột xuất trong năm 2024.",
        ["2024-Q1", "2024"],
    ),
    ("Thường xuyên trong năm.", []),
    ("Quý I /2024.", ["2024-Q1"]),
    ("Trong năm 2024.", ["2024"]),
    ("Quý IV năm 2024.", ["2024-Q4"]),
    ("Thường xuyên trong năm, báo cáo kết quả sau đợt kiểm tra cho UBND xã.", []),
    ("Quý I năm 2024.", ["2024-Q1"]),
    ("Quý III năm 2024.", ["2024-Q3"]),
    ("Thường xuyên trong năm 2024 và theo kế hoạch.", ["2024"]),
    ("Theo tiến độ và hướng dẫn.", []),
    ("Quý IV năm 2024 ban hành Kế hoạch.", ["2024-Q4"]),
    (
        "Quý I/2024 ban hành kế hoạch, quý IV/2024 báo cáo kết quả thực hiện.",
        ["2024-Q1", "2024-Q4"],
    ),
    ("Quý I năm 2024 ban hành các Kế hoạch; định kỳ báo cáo kết quả thực hiện.", ["2024-Q1"]),
    ("Quý II năm 2024 ban hành Kế hoạch; báo cáo kiểm tra sau đợt kiểm tra", ["2024-Q2"]),
    ("Tháng 12 năm 2024.", ["2024-12"]),
]


@pytest.mark.parametrize(("timeline", "keys"), TIMELINES)
def test_every_timeline_phrase_of_the_document(timeline: str, keys: list[str]) -> None:
    found = find_periods(timeline)
    assert [period.key for _, period in found] == keys
    for phrase, period in found:
        assert parse_deadline(phrase) == period.end


def test_shipped_plan_deadlines_appear_in_their_timelines() -> None:
    from cai_cach.loading import load_plan
    from tests.helpers import SHIPPED_PLAN

    plan = load_plan(SHIPPED_PLAN).plan
    for _, task in plan.tasks():
        mentioned = {period.end for _, period in find_periods(task.timeline)}
        for milestone in task.milestones:
            assert milestone.due.date in mentioned, (task.id, milestone.due.text)


@pytest.mark.parametrize(
    ("text", "key", "label"),
    [
        ("2024-Q1", "2024-Q1", "quý I năm 2024"),
        ("2024-q4", "2024-Q4", "quý IV năm 2024"),
        ("2024-H1", "2024-H1", "6 tháng đầu năm 2024"),
        ("2024-9M", "2024-9M", "9 tháng đầu năm 2024"),
        ("2024", "2024", "năm 2024"),
        ("2024-03", "2024-03", "tháng 3 năm 2024"),
        ("Quý I/2024", "2024-Q1", "quý I năm 2024"),
        ("6 tháng đầu năm 2024", "2024-H1", "6 tháng đầu năm 2024"),
        ("năm 2024", "2024", "năm 2024"),
    ],
)
def test_period_forms(text: str, key: str, label: str) -> None:
    period = parse_period(text)
    assert (period.key, period.label) == (key, label)


def test_official_window_follows_decree_09_2019() -> None:
    assert Period(2024, "quarter", 1).official_window() == (date(2023, 12, 15), date(2024, 3, 14))
    assert Period(2024, "half", 1).official_window() == (date(2023, 12, 15), date(2024, 6, 14))
    assert Period(2024, "year").official_window() == (date(2023, 12, 15), date(2024, 12, 14))
    assert Period(2024, "month", 3).official_window() == (date(2024, 2, 15), date(2024, 3, 14))
    assert Period(2024, "quarter", 3).official_window() == (date(2024, 6, 15), date(2024, 9, 14))


def test_periods_in_year_and_next() -> None:
    assert [p.key for p in periods_in_year("quarter", 2024)] == [
        "2024-Q1",
        "2024-Q2",
        "2024-Q3",
        "2024-Q4",
    ]
    assert len(periods_in_year("month", 2024)) == 12
    assert Period(2024, "quarter", 4).next() == Period(2025, "quarter", 1)
    assert Period(2024, "nine_months").next() == Period(2024, "quarter", 4)


@pytest.mark.parametrize(
    ("word", "cadence"),
    [
        ("tháng", "month"),
        ("hàng tháng", "month"),
        ("Quý", "quarter"),
        ("6 tháng", "half"),
        ("năm", "year"),
        ("hàng năm", "year"),
        ("định kỳ hàng quý", "quarter"),
    ],
)
def test_cadence_words(word: str, cadence: str) -> None:
    assert parse_cadence(word) == cadence


def test_unknown_cadence_is_rejected() -> None:
    with pytest.raises(ValueError, match="không hiểu chu kỳ"):
        parse_cadence("hàng tuần")


def test_vietnamese_formatting_helpers() -> None:
    assert format_day(date(2024, 4, 5)) == "05/04/2024"
    assert date_line("Tịnh Minh", date(2024, 1, 5)) == "Tịnh Minh, ngày 05 tháng 01 năm 2024"
    assert date_line("Tịnh Minh", date(2024, 2, 15)) == "Tịnh Minh, ngày 15 tháng 02 năm 2024"
    assert date_line("Tịnh Minh", date(2024, 3, 15)) == "Tịnh Minh, ngày 15 tháng 3 năm 2024"
    assert date_line("Tịnh Minh", date(2024, 12, 9)) == "Tịnh Minh, ngày 09 tháng 12 năm 2024"


def test_parse_day_forms() -> None:
    assert parse_day("2024-03-20") == date(2024, 3, 20)
    assert parse_day("20/3/2024") == date(2024, 3, 20)
    assert parse_day("ngày 20 tháng 3 năm 2024") == date(2024, 3, 20)
    with pytest.raises(ValueError, match="không phải là ngày"):
        parse_day("Quý I/2024")
