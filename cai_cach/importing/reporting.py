"""Reporting duties written in "Tổ chức thực hiện" → recurring obligations with a due day and
a recipient.

Two kinds are kept apart: the commune's report to a body above it (UBND tỉnh, Sở Nội vụ,
UBND huyện …) — what ``caicach report`` writes — and the units' internal reports to the
office ("các phòng, đơn vị báo cáo … hằng tháng về Văn phòng trước ngày 25"), written with
``internal: true``.
"""

from __future__ import annotations

import re

from cai_cach.importing.draft import Draft, DraftRecurrence, DraftTask
from cai_cach.importing.fields import register, split_parties
from cai_cach.importing.phrases import CADENCE_NAME, cadences, due_day
from cai_cach.periods import Cadence
from cai_cach.text import fold

_RECIPIENT = re.compile(
    r"(?:về|gửi|báo cáo|cho|lên)\s+(?:cho\s+)?"
    r"(?P<to>(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân|Sở|Phòng|Văn phòng|Chủ tịch|Trung tâm)"
    r"[^,.;()]*(?:\([^)]*\))?)"
)
_ABOVE = re.compile(r"\b(?:tinh|huyen|so|bo|thanh pho|trung uong|chinh phu)\b")
_UNITS_SUBJECT = re.compile(r"^(?:cac|moi|tung)\s+(?:phong|bo phan|don vi|co quan|cong chuc|ban)")
_SUBJECT = re.compile(
    r"^(?P<who>.{3,90}?)\s+(?:có trách nhiệm|chịu trách nhiệm|định kỳ|hằng|hàng|tổng hợp|"
    r"chủ trì|báo cáo|thực hiện|là cơ quan|được giao|tham mưu|theo dõi)"
)
_WHAT = {
    "month": "Báo cáo tháng",
    "quarter": "Báo cáo quý",
    "half": "Báo cáo 6 tháng",
    "year": "Báo cáo năm",
}


def reporting_duties(draft: Draft, text: str, duty_id: str) -> list[DraftTask]:
    """The reporting duties a paragraph of "Tổ chức thực hiện" sets. Clauses (split at ";")
    that each name a report with its own cadence are duties of their own ("Văn phòng … gửi Sở
    Nội vụ trước ngày 15 của tháng cuối quý; các phòng … hằng tháng trước ngày 20")."""
    clauses = [c for c in text.split(";") if "bao cao" in fold(c) and _cadences_of(c)]
    if len(clauses) < 2:
        duty = reporting_duty(draft, text, duty_id)
        return [duty] if duty is not None else []
    subject = _subject(text)
    found: list[DraftTask] = []
    for number, clause in enumerate(clauses, 1):
        duty = reporting_duty(
            draft, clause.strip(" ."), f"{duty_id}.{number}", subject=_subject(clause) or subject
        )
        if duty is not None:
            found.append(duty)
    return found


def _cadences_of(text: str) -> list[Cadence]:
    found = cadences(text)
    if not found and re.search(r"thang cuoi (?:moi )?quy", fold(text)):
        found = ["quarter"]  # "trước ngày 15 của tháng cuối quý"
    return found


def reporting_duty(
    draft: Draft, text: str, duty_id: str, *, subject: str | None = None
) -> DraftTask | None:
    """The reporting duty a paragraph (or clause) of "Tổ chức thực hiện" sets, added to the
    draft (or merged into the same duty written twice); None when it sets none."""
    folded = fold(text)
    if "bao cao" not in folded:
        return None
    found = _cadences_of(text)
    if not found:
        return None
    day = due_day(text)
    recipient_match = _RECIPIENT.search(text)
    recipient = _recipient(recipient_match["to"]) if recipient_match else None
    subject = subject or _subject(text)
    internal = _is_internal(subject, recipient)
    lead = _lead(draft, subject)
    for duty in draft.reporting:
        if (
            [r.every for r in duty.recurring] == [CADENCE_NAME[c] for c in found]
            and duty.internal == internal
            and (not lead or duty.lead == lead)
        ):
            duty.timeline = " ".join(f"{duty.timeline} {text}".split())
            duty.notes.append("gộp hai đoạn nói cùng một nghĩa vụ báo cáo")
            if day and not any(r.due_day for r in duty.recurring):
                for recurrence in duty.recurring:
                    recurrence.due_day = day
            return duty
    taken = {d.id for d in draft.reporting} | draft.task_ids
    own, number = duty_id, 2
    while own in taken:
        own, number = f"{duty_id}-{number}", number + 1
    title = (
        "Báo cáo định kỳ của các bộ phận, đơn vị về kết quả thực hiện kế hoạch"
        if internal
        else "Tổng hợp báo cáo kết quả thực hiện kế hoạch cải cách hành chính"
    )
    draft.task_ids.add(own)
    duty = DraftTask(id=own, title=title, timeline=text, internal=internal, recipient=recipient)
    duty.notes.append("nghĩa vụ báo cáo lấy từ phần Tổ chức thực hiện; kiểm tra tên và nơi nhận")
    if internal:
        duty.notes.append("báo cáo nội bộ của các bộ phận gửi Văn phòng (internal: true)")
    duty.lead = lead
    if not lead:
        duty.notes.append("không nhận ra người chủ trì báo cáo: lead để trống")
    if recipient is None:
        duty.notes.append("văn bản không nêu nơi nhận báo cáo")
    for cadence in found:
        duty.recurring.append(DraftRecurrence(_WHAT[cadence], CADENCE_NAME[cadence], day))
    draft.reporting.append(duty)
    return duty


_RECIPIENT_END = re.compile(
    r"\s+(?:trước|đúng|để|định kỳ|hằng|hàng|chậm nhất|theo|trong|vào|kèm)\b.*$", re.IGNORECASE
)


def _recipient(text: str) -> str:
    """ "Sở Nội vụ trước ngày 15 của tháng cuối quý" → "Sở Nội vụ"."""
    return " ".join(_RECIPIENT_END.sub("", text).split()).strip(" ,")


def _subject(text: str) -> str | None:
    match = _SUBJECT.match(text.strip(" -+•"))
    return match["who"].strip(" ,;") if match else None


def _is_internal(subject: str | None, recipient: str | None) -> bool:
    to = fold(recipient or "")
    if recipient and _ABOVE.search(to):
        return False
    if recipient and re.search(r"van phong|ubnd (?:xa|phuong)|uy ban nhan dan (?:xa|phuong)", to):
        return True
    return bool(subject and _UNITS_SUBJECT.match(fold(subject)))


def _lead(draft: Draft, subject: str | None) -> list[str]:
    if subject is None:
        return []
    key = fold(subject)
    for party in draft.parties.values():
        if key.startswith(fold(party.title)):
            return [party.id]
    names, _ = split_parties(subject)
    if (
        not names
        or len(names) > 3
        or not re.match(
            r"(?i)^(?:các|công chức|cán bộ|viên chức|phòng|văn phòng|trung tâm|ban|bộ phận|tổ)\b",
            names[0],
        )
    ):
        return []
    return [register(draft, names[0])]
