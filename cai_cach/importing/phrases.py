"""Deadline phrases of a task's verbatim timeline → milestones, recurring duties and flags.

The loader's own period parser (``cai_cach.periods``) decides what a phrase means; this
module finds the phrases in free text: dates (31/3/2026, 31.3.2026, "ngày 31 tháng 3 năm
2026", "trước ngày …"), periods ("Quý II/2026", "Tháng 6 và tháng 12/2026", "Cuối năm 2026",
"6 tháng đầu năm"), cadences ("hằng quý", "định kỳ 6 tháng, năm") with their due day ("trước
ngày 15 của tháng cuối kỳ"), and the undated kinds ("Thường xuyên", "Theo chỉ đạo của UBND
tỉnh", "Theo hướng dẫn của Sở Nội vụ").
"""

from __future__ import annotations

import re
from datetime import date

from cai_cach.importing.draft import DraftMilestone, DraftRecurrence, DraftTask
from cai_cach.importing.fields import capitalise
from cai_cach.periods import CADENCE_WORDS, Cadence, Period, find_periods, parse_day
from cai_cach.text import fold

_CADENCE_LIST = re.compile(
    r"(?:dinh ky|hang|moi)\s+"
    r"(?P<list>(?:(?:6 thang|sau thang|thang|quy|nam)(?:\s*,\s*|\s+va\s+|\s+)?)+)"
)
_CADENCE_TOKEN = re.compile(r"6 thang|sau thang|thang|quy|nam")
_ONGOING = re.compile(r"^(?:thuong xuyen|lien tuc|hang ngay)")
_INSTRUCTED = re.compile(
    r"theo (?:ke hoach so|quy dinh|tien do|huong dan|chi dao|yeu cau)|dung tien do|"
    r"khi co (?:yeu cau|chi dao|van ban)|theo ke hoach cua"
)
CADENCE_NAME: dict[Cadence, str] = {
    "month": "tháng",
    "quarter": "quý",
    "half": "6 tháng",
    "year": "năm",
}
CADENCE_WHAT: dict[Cadence, str] = {
    "month": "hàng tháng",
    "quarter": "hàng quý",
    "half": "6 tháng",
    "year": "hàng năm",
}
# "trước ngày 15 của tháng cuối kỳ", "trước ngày 25 hằng tháng" (not "trước ngày 20/10/2025")
_DUE_DAY = re.compile(r"truoc\s+ngay\s+(?P<day>\d{1,2})\b(?!\s*[/.\-]\s*\d|\s*thang\s*\d)")


def cadences(clause: str) -> list[Cadence]:
    """The cadences a clause names ("định kỳ hằng quý, 6 tháng, năm" → quarter, half, year)."""
    folded = fold(clause)
    found: list[Cadence] = []
    for match in _CADENCE_LIST.finditer(folded):
        tail = folded[match.end() :].lstrip()
        for token in _CADENCE_TOKEN.findall(match["list"]):
            cadence = CADENCE_WORDS.get(token)
            # "6 tháng đầu năm 2024" is a period, not a cadence
            if (
                cadence
                and cadence not in found
                and not (token == "6 thang" and tail.startswith(("dau", "cuoi")))
            ):
                found.append(cadence)
        if re.match(r"\d{4}", tail):  # "hàng tháng năm 2024": "năm" names the year
            found = [c for c in found if c != "year"] or found
    return found


def due_day(clause: str) -> int | None:
    """The day of the period's last month a recurring duty is due ("trước ngày 15 …")."""
    match = _DUE_DAY.search(fold(clause))
    if match is None:
        return None
    day = int(match["day"])
    return day if 1 <= day <= 31 else None


def _what(clause: str, phrase: str, fallback: str) -> str:
    if phrase not in clause:
        return fallback
    rest = " ".join(clause.replace(phrase, " ").split())
    rest = re.sub(r"^(?:trong|trước|vào|đến|từ|và|,|;|\.)\s*", "", rest, flags=re.IGNORECASE)
    rest = re.sub(r"\s*(?:trong|trước|vào|đến|và)$", "", rest.strip(" ,;.")).strip(" ,;.")
    return capitalise(rest) if len(rest) > 3 else fallback


def has_deadline(text: str) -> bool:
    """Whether free text (a task without a 'Thời gian' line) states a deadline of its own."""
    folded = fold(text)
    return bool(
        _DATE_IN_TEXT.search(text)
        or _WORDS_DATE.search(folded)
        or re.search(
            r"\b(?:hoan thanh|truoc|cham nhat|xong)\s+(?:trong\s+)?(?:ngay|quy|thang|cuoi nam|"
            r"6 thang|9 thang|nam \d{4})",
            folded,
        )
    )


def schedule_from_timeline(task: DraftTask, fallback_what: str, year: int) -> None:
    """Milestones, recurrences and the ongoing/as-instructed flags from the verbatim timeline."""
    timeline = task.timeline or ""
    folded = fold(timeline).strip()
    if _ONGOING.match(folded):
        task.ongoing = True
        if re.search(r"dinh ky|bao cao", folded):
            task.notes.append("'Thường xuyên' kèm báo cáo không nêu kỳ: chưa đặt lịch báo cáo")
        return
    for clause in re.split(r";", timeline):
        if not clause.strip():
            continue
        found = cadences(clause)
        if found:
            day = due_day(clause)
            for cadence in found:
                task.recurring.append(
                    DraftRecurrence(
                        capitalise(f"Báo cáo {CADENCE_WHAT[cadence]}")
                        if "bao cao" in fold(clause)
                        else capitalise(f"{fallback_what} ({CADENCE_WHAT[cadence]})"),
                        CADENCE_NAME[cadence],
                        day,
                    )
                )
            continue
        periods = find_periods(clause)
        if _INSTRUCTED.search(fold(clause)) or (
            not periods and re.search(r"dinh ky|theo", fold(clause))
        ):
            task.as_instructed = True
            if periods:
                continue
        dated = _dated(clause, periods) or _yearless(clause, year, task)
        for phrase, _period in dated:
            task.milestones.append(DraftMilestone(_what(clause, phrase, fallback_what), phrase))
    if not (task.milestones or task.recurring or task.ongoing or task.as_instructed):
        task.notes.append("không tìm thấy thời hạn trong 'Thời gian': đặt tạm 'theo hướng dẫn'")
        task.as_instructed = True


_YEARLESS_PHRASE = re.compile(
    r"(?:trong\s+)?(?:cuoi nam|6 thang (?:dau|cuoi) nam|9 thang(?: dau nam)?|quy (?:iv|iii|ii|i)\b)"
)
_YEARLESS_MONTH = re.compile(r"\bthang\s*(?P<m>\d{1,2})\b(?!\s*[/.]?\s*\d)(?!\s*nam)")


def _yearless(clause: str, year: int, task: DraftTask) -> list[tuple[str, Period | None]]:
    """Deadline phrases without a year ("cuối năm", "6 tháng đầu năm"): the loader applies the
    plan's year to them. A bare month ("tháng 6") is written with the plan's year, marked."""
    source = " ".join(clause.split())
    folded = fold(source)
    found: list[tuple[str, Period | None]] = [
        (source[m.start() : m.end()], None) for m in _YEARLESS_PHRASE.finditer(folded)
    ]
    if found or not year:
        return found
    for match in _YEARLESS_MONTH.finditer(folded):
        month = int(match["m"])
        if 1 <= month <= 12:
            found.append((f"Tháng {month}/{year}", None))
            task.notes.append(f"'{source[match.start() : match.end()]}' không nêu năm: ghi {year}")
    return found


_DATE_IN_TEXT = re.compile(r"(?:ngày\s*)?\d{1,2}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*\d{4}", re.I)
_WORDS_DATE = re.compile(r"(?:ngay\s*)?(\d{1,2})\s*thang\s*(\d{1,2})\s*nam\s*(\d{4})")
_CUOI_NAM = re.compile(r"(?:den\s+)?cuoi\s+nam\s*\d{4}")


_QUARTERS = re.compile(
    r"quy\s*(?P<a>iv|iii|ii|i|[1-4])\b(?P<more>(?:\s*(?:,|va)\s*(?:quy\s*)?(?:iv|iii|ii|i|[1-4])\b)+)"
    r"\s*(?:/|nam)\s*(?P<y>\d{4})"
)
_QUARTER_NAME = {"1": "I", "2": "II", "3": "III", "4": "IV"}


def _quarters(folded: str) -> list[tuple[str, Period | None]]:
    """ "Quý II và quý IV/2026" → "Quý II/2026", "Quý IV/2026" (one year for both)."""
    found: list[tuple[str, Period | None]] = []
    for match in _QUARTERS.finditer(folded):
        names = [match["a"], *re.findall(r"iv|iii|ii|i|[1-4]", match["more"])]
        for name in names:
            roman = _QUARTER_NAME.get(name, name.upper())
            found.append((f"Quý {roman}/{match['y']}", None))
    return found


def _dated(clause: str, periods: list[tuple[str, Period]]) -> list[tuple[str, Period | None]]:
    """Deadline phrases in a clause: explicit dates first, else period phrases."""
    dates: list[tuple[str, Period | None]] = []
    source = " ".join(clause.split())
    folded = fold(source)
    several = _quarters(folded)
    if several:
        return several
    spans = [m.span() for m in _DATE_IN_TEXT.finditer(source)]
    words = [m.span() for m in _WORDS_DATE.finditer(folded)]
    for start, end in sorted(spans + words):
        text = source[start:end]
        before = source[max(0, start - 12) : start]
        if re.search(r"trước\s*(?:ngày\s*)?$", before, re.IGNORECASE):
            text = " ".join(
                source[start - len(before) + before.lower().rfind("trước") : end].split()
            )
        try:
            day = _day(re.sub(r"(?i)^trước\s*", "", text))
        except ValueError:
            continue
        if (start, end) in words:
            text = day.strftime("%d/%m/%Y")  # "ngày 31 tháng 3 năm 2026" → 31/03/2026
        dates.append((text, None))
    if dates:
        return dates
    found: list[tuple[str, Period | None]] = []
    for phrase, period in periods:
        start = source.find(phrase)
        before = source[max(0, start - 7) : start] if start >= 0 else ""
        if period.kind == "month" and re.search(r"(?i)trước\s+$", before):
            phrase = " ".join((before[before.lower().rfind("trước") :] + phrase).split())
        if period.kind == "year" and start >= 0:
            end_of_year = _CUOI_NAM.search(folded[max(0, start - 12) : start + len(phrase)])
            if end_of_year:
                offset = max(0, start - 12)
                phrase = source[offset + end_of_year.start() : offset + end_of_year.end()]
        found.append((phrase, period))
    return found


def _day(text: str) -> date:
    words = _WORDS_DATE.search(fold(text))
    if words:
        return parse_day(f"{words[1]}/{words[2]}/{words[3]}")
    return parse_day(re.sub(r"\s*[.\-]\s*", "/", text.strip()))


# --- the plan's window ------------------------------------------------------------------

_HALF = re.compile(r"6 thang (?P<h>dau|cuoi) nam (?P<y>\d{4})")
_FROM_TO = re.compile(
    r"tu ngay (?P<a>\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4}) den (?:het )?ngay "
    r"(?P<b>\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4})"
)


def plan_span(title: str) -> tuple[date, date] | None:
    """The window a plan's title states ("… 6 tháng cuối năm 2025" → 01/07–31/12/2025)."""
    folded = fold(title)
    half = _HALF.search(folded)
    if half:
        year = int(half["y"])
        if half["h"] == "dau":
            return date(year, 1, 1), date(year, 6, 30)
        return date(year, 7, 1), date(year, 12, 31)
    span = _FROM_TO.search(folded)
    if span:
        try:
            return parse_day(span["a"]), parse_day(span["b"])
        except ValueError:
            return None
    return None


_EFFECTIVE = re.compile(r"(?:co hieu luc|ap dung)\s+(?:thi hanh\s+)?(?:ke\s+)?tu\s+(?P<when>.+)")


def effective_day(articles: list[str], signed: date | None) -> tuple[date | None, bool]:
    """The day the decision says it takes effect, and whether an article says so at all.

    "có hiệu lực kể từ ngày ký" is the signing day (``None`` when that was not read)."""
    for article in articles:
        match = _EFFECTIVE.search(fold(article))
        if match is None:
            continue
        when = match["when"]
        if when.startswith(("ngay ky", "ngay ban hanh")):
            return signed, True
        stated = re.match(r"ngay\s*(\d{1,2}\s*[/.]\s*\d{1,2}\s*[/.]\s*\d{4})", when)
        if stated:
            try:
                return _day(stated[1]), True
            except ValueError:
                return None, True
        return None, True
    return None, False
