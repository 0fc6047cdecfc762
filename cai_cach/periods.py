"""Periods and deadlines in the plan's own words ("Quý I/2024", "6 tháng đầu năm 2024", …).

Everything here is pure: strings in, dates and ``Period`` values out, ``ValueError`` (with a
Vietnamese message) for text that is not a period or a date.
"""

from __future__ import annotations

import calendar
import functools
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from cai_cach.text import fold

PeriodKind = Literal["month", "quarter", "half", "nine_months", "year"]
Cadence = Literal["month", "quarter", "half", "year"]

ROMAN = ("I", "II", "III", "IV")
_ROMAN_VALUE = {"i": 1, "ii": 2, "iii": 3, "iv": 4}

CADENCE_WORDS: dict[str, Cadence] = {
    "thang": "month",
    "hang thang": "month",
    "month": "month",
    "quy": "quarter",
    "hang quy": "quarter",
    "quarter": "quarter",
    "6 thang": "half",
    "sau thang": "half",
    "half": "half",
    "nam": "year",
    "hang nam": "year",
    "year": "year",
    "hang 6 thang": "half",
    "hang sau thang": "half",
}
# The spellings the JSON Schema offers (the loader also accepts them without diacritics and in
# any case): "hằng" and "hàng" are both in use, with or without "định kỳ".
CADENCE_SPELLINGS: tuple[str, ...] = tuple(
    f"{prefix}{base}"
    for prefix in ("", "hàng ", "hằng ", "định kỳ ", "định kỳ hàng ", "định kỳ hằng ")
    for base in ("tháng", "quý", "6 tháng", "năm")
)
CADENCE_LABEL: dict[Cadence, str] = {
    "month": "hàng tháng",
    "quarter": "hàng quý",
    "half": "6 tháng",
    "year": "hàng năm",
}

DEADLINE_HINT = (
    "dùng ngày dạng 2024-03-31 (hoặc 31/03/2024, 31.3.2024, 'trước ngày 31/3/2024') hoặc cụm từ "
    "như 'Quý I/2024', 'Tháng 12 năm 2024', 'trước tháng 10/2024', '6 tháng đầu năm', "
    "'9 tháng', 'cuối năm', 'Năm 2024'"
)


class YearlessDeadline(ValueError):
    """A deadline phrase that names no year ("cuối năm", "Quý II"): the plan's year applies."""


@dataclass(frozen=True)
class Period:
    """A reporting or deadline period: a month, quarter, half-year, nine months or year."""

    year: int
    kind: PeriodKind
    index: int = 1  # month 1-12, quarter 1-4, half 1-2; 1 for nine months and year

    def __post_init__(self) -> None:
        limits = {"month": 12, "quarter": 4, "half": 2, "nine_months": 1, "year": 1}
        if not 1 <= self.index <= limits[self.kind]:
            raise ValueError(f"kỳ không hợp lệ: {self.kind} {self.index}")
        if not 1900 <= self.year <= 2200:
            raise ValueError(f"năm {self.year} không hợp lệ")

    @property
    def first_month(self) -> int:
        return {
            "month": self.index,
            "quarter": 3 * self.index - 2,
            "half": 6 * self.index - 5,
            "nine_months": 1,
            "year": 1,
        }[self.kind]

    @property
    def last_month(self) -> int:
        return {
            "month": self.index,
            "quarter": 3 * self.index,
            "half": 6 * self.index,
            "nine_months": 9,
            "year": 12,
        }[self.kind]

    @property
    def start(self) -> date:
        return date(self.year, self.first_month, 1)

    @functools.cached_property  # (read for every obligation a summary lists: computed once)
    def end(self) -> date:
        return month_end(self.year, self.last_month)

    @functools.cached_property
    def key(self) -> str:
        """The short form used in files and on the command line: 2024-03, 2024-Q1, 2024-H1…"""
        return {
            "month": f"{self.year}-{self.index:02d}",
            "quarter": f"{self.year}-Q{self.index}",
            "half": f"{self.year}-H{self.index}",
            "nine_months": f"{self.year}-9M",
            "year": f"{self.year}",
        }[self.kind]

    @property
    def label(self) -> str:
        """Vietnamese name as used in report titles: "quý I năm 2024"."""
        if self.kind == "month":
            return f"tháng {self.index} năm {self.year}"
        if self.kind == "quarter":
            return f"quý {ROMAN[self.index - 1]} năm {self.year}"
        if self.kind == "half":
            part = "đầu" if self.index == 1 else "cuối"
            return f"6 tháng {part} năm {self.year}"
        if self.kind == "nine_months":
            return f"9 tháng đầu năm {self.year}"
        return f"năm {self.year}"

    def official_window(self) -> tuple[date, date]:
        """Data window of Nghị định 09/2019/NĐ-CP, Điều 12: 15th of the month before the
        period's first month to the 14th of its last month."""
        before = self.start - timedelta(days=1)
        return date(before.year, before.month, 15), date(self.year, self.last_month, 14)

    def calendar_window(self) -> tuple[date, date]:
        return self.start, self.end

    def next(self) -> Period:
        """The period of the same length that follows this one (9 months are followed by Q4)."""
        if self.kind == "year":
            return Period(self.year + 1, "year")
        if self.kind == "nine_months":
            return Period(self.year, "quarter", 4)
        count = {"month": 12, "quarter": 4, "half": 2}[self.kind]
        if self.index == count:
            return Period(self.year + 1, self.kind, 1)
        return Period(self.year, self.kind, self.index + 1)


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def periods_in_year(cadence: Cadence, year: int) -> list[Period]:
    """Every period of a recurring obligation inside one plan year."""
    count = {"month": 12, "quarter": 4, "half": 2, "year": 1}[cadence]
    return [Period(year, cadence, index) for index in range(1, count + 1)]


def parse_cadence(text: str) -> Cadence:
    words = " ".join(fold(text).replace("dinh ky", "").split())
    if words in CADENCE_WORDS:
        return CADENCE_WORDS[words]
    raise ValueError(f"không hiểu chu kỳ '{text}'; dùng một trong: tháng, quý, 6 tháng, năm")


# --- parsing -----------------------------------------------------------------------------

_SEP = r"\s*(?:/|nam)\s*"
_QUARTER = rf"(?:trong\s+)?quy\s*(?P<q>iv|iii|ii|i|[1-4])\b{_SEP}(?P<qy>\d{{4}})"
_MONTH = rf"(?:trong\s+)?thang\s*(?P<m>\d{{1,2}}){_SEP}(?P<my>\d{{4}})"
_HALF = r"(?:trong\s+)?6\s*thang\s*(?P<h>dau|cuoi)\s*nam\s*(?P<hy>\d{4})"
_NINE = r"(?:trong\s+)?9\s*thang\s*(?:dau\s*)?nam\s*(?P<ny>\d{4})"
_YEAR = r"(?:trong\s+|ca\s+)?nam\s*(?P<y>\d{4})"
_PHRASE = re.compile(rf"{_QUARTER}|{_MONTH}|{_HALF}|{_NINE}|{_YEAR}")
_KEY = re.compile(r"(?P<year>\d{4})(?:-(?:(?P<m>\d{1,2})|q(?P<q>[1-4])|h(?P<h>[12])|(?P<n>9m)))?")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_DMY = re.compile(r"(?:ngay\s*)?(\d{1,2})\s*[/.]\s*(\d{1,2})\s*[/.]\s*(\d{4})")
_WORDS_DATE = re.compile(r"(?:ngay\s*)?(\d{1,2})\s*thang\s*(\d{1,2})\s*nam\s*(\d{4})")


def _clean(text: str) -> str:
    return " ".join(fold(text).split()).strip(" .;,")


def _period_from_match(match: re.Match[str]) -> Period:
    groups = match.groupdict()
    if groups.get("q"):
        quarter = groups["q"]
        index = _ROMAN_VALUE[quarter] if quarter in _ROMAN_VALUE else int(quarter)
        return Period(int(groups["qy"]), "quarter", index)
    if groups.get("m"):
        return _month_period(int(groups["my"]), int(groups["m"]))
    if groups.get("h"):
        return Period(int(groups["hy"]), "half", 1 if groups["h"] == "dau" else 2)
    if groups.get("ny"):
        return Period(int(groups["ny"]), "nine_months")
    return Period(int(groups["y"]), "year")


def _month_period(year: int, month: int) -> Period:
    if not 1 <= month <= 12:
        raise ValueError(f"tháng {month} không tồn tại")
    return Period(year, "month", month)


def parse_period(text: str) -> Period:
    """Parse "2024-Q1", "2024-H1", "2024-9M", "2024", "2024-03" or a Vietnamese phrase."""
    cleaned = _clean(text)
    key = _KEY.fullmatch(cleaned)
    if key:
        year = int(key["year"])
        if key["m"]:
            return _month_period(year, int(key["m"]))
        if key["q"]:
            return Period(year, "quarter", int(key["q"]))
        if key["h"]:
            return Period(year, "half", int(key["h"]))
        if key["n"]:
            return Period(year, "nine_months")
        return Period(year, "year")
    phrase = _PHRASE.fullmatch(cleaned)
    if phrase:
        return _period_from_match(phrase)
    raise ValueError(
        f"không hiểu kỳ '{text}'; dùng 2024-Q1 … 2024-Q4, 2024-H1, 2024-9M, 2024, 2024-03 "
        "hoặc 'Quý I/2024', '6 tháng đầu năm 2024', 'năm 2024'"
    )


def _make_date(year: int, month: int, day: int, text: str) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(f"ngày '{text}' không tồn tại") from None


def parse_day(text: str) -> date:
    """Parse a calendar date: 2024-03-20, 20/03/2024 or "ngày 20 tháng 3 năm 2024"."""
    cleaned = _clean(text)
    iso = _ISO.fullmatch(cleaned)
    if iso:
        return _make_date(int(iso[1]), int(iso[2]), int(iso[3]), text)
    for pattern in (_DMY, _WORDS_DATE):
        match = pattern.fullmatch(cleaned)
        if match:
            return _make_date(int(match[3]), int(match[2]), int(match[1]), text)
    raise ValueError(f"'{text}' không phải là ngày; dùng dạng 2024-03-20 hoặc 20/03/2024")


_BEFORE_DAY = re.compile(r"truoc\s+(?:ngay\s*)?(?P<rest>\d.*)")
_BEFORE_MONTH = re.compile(rf"truoc\s+thang\s*(?P<m>\d{{1,2}}){_SEP}(?P<y>\d{{4}})")
_TWO_MONTHS = re.compile(
    r"thang\s*(?P<a>\d{1,2})(?P<more>(?:\s*(?:,|va)\s*(?:thang\s*)?\d{1,2})+)"
    r"\s*(?:/|nam)\s*(?P<y>\d{4})"
)
# Phrases without a year: the plan's year applies ("cuối năm", "6 tháng đầu năm", "9 tháng").
_YEARLESS: list[tuple[re.Pattern[str], PeriodKind, int]] = [
    (re.compile(r"(?:trong\s+|den\s+)?cuoi\s+nam"), "year", 1),
    (re.compile(r"(?:trong\s+)?(?:ca\s+)?nam"), "year", 1),
    (re.compile(r"(?:trong\s+)?6\s*thang\s*dau\s*nam"), "half", 1),
    (re.compile(r"(?:trong\s+)?6\s*thang\s*cuoi\s*nam"), "half", 2),
    (re.compile(r"(?:trong\s+)?9\s*thang(?:\s*dau\s*nam)?"), "nine_months", 1),
]
_YEARLESS_QUARTER = re.compile(r"(?:trong\s+)?quy\s*(?P<q>iv|iii|ii|i|[1-4])")
_CUOI_NAM = re.compile(r"(?:trong\s+|den\s+)?cuoi\s+nam\s*(?P<y>\d{4})")


def parse_deadline(text: str, year: int | None = None) -> date:
    """Resolve a deadline written as a date or a period phrase to its last day.

    "Trước ngày 20/4/2025" is read as offices read it in practice: the work is on time when it
    arrives on 20/4 at the latest, so the due day is 20/4 itself. "Trước tháng 10/2024" means
    by the end of September. Phrases without a year ("cuối năm", "6 tháng đầu năm", "9 tháng",
    "Quý II") take ``year``; without it they raise ``YearlessDeadline``.
    """
    cleaned = _clean(text)
    before = _BEFORE_MONTH.fullmatch(cleaned)
    if before:
        first = _month_period(int(before["y"]), int(before["m"])).start
        return first - timedelta(days=1)
    day = _BEFORE_DAY.fullmatch(cleaned)
    if day:
        return parse_day(day["rest"])
    if _TWO_MONTHS.fullmatch(cleaned):
        raise ValueError(
            f"thời hạn '{text}' nêu nhiều tháng; tách thành các mốc riêng, mỗi mốc một tháng"
        )
    end = _CUOI_NAM.fullmatch(cleaned)
    if end:
        return Period(int(end["y"]), "year").end
    try:
        return parse_day(text)
    except ValueError as err:
        if "không tồn tại" in str(err):
            raise
    try:
        return parse_period(text).end
    except ValueError as err:
        if "không tồn tại" in str(err):
            raise
    yearless = _yearless_period(cleaned, year)
    if yearless is not None:
        return yearless.end
    raise ValueError(f"không hiểu thời hạn '{text}'; {DEADLINE_HINT}")


def _yearless_period(cleaned: str, year: int | None) -> Period | None:
    kind_index: tuple[PeriodKind, int] | None = None
    for pattern, kind, index in _YEARLESS:
        if pattern.fullmatch(cleaned):
            kind_index = (kind, index)
    quarter = _YEARLESS_QUARTER.fullmatch(cleaned)
    if quarter:
        q = quarter["q"]
        kind_index = ("quarter", _ROMAN_VALUE[q] if q in _ROMAN_VALUE else int(q))
    if kind_index is None:
        return None
    if year is None:
        raise YearlessDeadline(f"thời hạn '{cleaned}' không nêu năm: dùng năm của kế hoạch")
    return Period(year, kind_index[0], kind_index[1])


def find_periods(text: str) -> list[tuple[str, Period]]:
    """Every period phrase inside free text (a task's verbatim timeline), in order.

    "Tháng 5 và tháng 11/2025" gives two phrases, "Tháng 5/2025" and "tháng 11/2025".
    """
    source = " ".join(text.split())
    folded = fold(source)
    found: list[tuple[str, Period]] = []
    for match in _TWO_MONTHS.finditer(folded):
        year = int(match["y"])
        months = [int(match["a"]), *map(int, re.findall(r"\d{1,2}", match["more"]))]
        try:
            periods = [_month_period(year, month) for month in months]
        except ValueError:
            continue
        for month, period in zip(months, periods, strict=True):
            found.append((f"Tháng {month}/{year}", period))
        folded = (
            folded[: match.start()] + " " * (match.end() - match.start()) + folded[match.end() :]
        )
    for match in _PHRASE.finditer(folded):
        if match.start() > 0 and folded[match.start() - 1].isalnum():
            continue
        try:
            found.append((source[match.start() : match.end()], _period_from_match(match)))
        except ValueError:
            continue
    return found


# --- formatting --------------------------------------------------------------------------


def format_day(day: date) -> str:
    """dd/mm/yyyy, the usual Vietnamese short form."""
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def date_line(place: str, day: date) -> str:
    """Place-and-date line of Nghị định 30/2020: "Tịnh Minh, ngày 05 tháng 01 năm 2024".

    Days below 10 and the months 1 and 2 take a leading zero.
    """
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"
