"""Who signs and receives a periodic report, and its number: the signature block, the
"Nơi nhận" list and the commune's report to the body above it (``province_duty``), whose
recipient is the report's and whose due day is its deadline. ``check`` warns through
``duty_warnings`` when that report has no recipient above the commune.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from cai_cach.cadence import recurrence_periods
from cai_cach.models import Plan, ReportingDuty, Task
from cai_cach.periods import Period
from cai_cach.schedule import Obligation, nine_months, obligations
from cai_cach.text import fold

DEFAULT_AUTHORITY = "TM. ỦY BAN NHÂN DÂN"
DEPUTY_AUTHORITY = "KT. CHỦ TỊCH"
DEFAULT_SIGNER_TITLE = "Chủ tịch"
NUMBER_SUFFIX = "/BC-UBND"
FILED_COPY = "Lưu: VT."


@dataclass(frozen=True)
class Signature:
    authority: str  # "TM. ỦY BAN NHÂN DÂN" or "KT. CHỦ TỊCH"
    title: str  # "Chủ tịch"
    name: str  # may be empty: signed by hand


def number_text(number: str | None) -> str:
    """The number line's value: "15" → "15/BC-UBND"; blank (filled in by hand) without one."""
    if number is None or not number.strip():
        return " " * 8 + NUMBER_SUFFIX
    number = number.strip()
    return number if "/" in number else number + NUMBER_SUFFIX


def punctuate(recipients: Iterable[str]) -> tuple[str, ...]:
    """The "Nơi nhận" entries as the layout writes them: each ends with ';', the last with '.'."""
    entries = [entry.strip().rstrip(";.").strip() for entry in recipients]
    entries = [entry for entry in entries if entry]
    return tuple(
        entry + ("." if index == len(entries) - 1 else ";") for index, entry in enumerate(entries)
    )


_ABOVE = re.compile(
    r"(?<!\w)(?:huyen|tinh|so|bo|(?<!van )phong|quan|thi xa|thanh pho|chinh phu|trung uong)"
    r"(?!\w)"
)


def above_commune(recipient: str) -> bool:
    """Whether a recipient names a body above the commune (UBND huyện, Sở Nội vụ, Phòng …)."""
    return _ABOVE.search(fold(recipient)) is not None


def province_duty(plan: Plan) -> ReportingDuty | None:
    """The commune's report to the body above it: the first duty without ``internal: true``
    whose recipient is above the commune, else the first duty without ``internal: true``."""
    external = [duty for duty in plan.reporting if not duty.internal]
    chosen = [duty for duty in external if duty.recipient and above_commune(duty.recipient)]
    found = chosen or external
    return found[0] if found else None


def duty_warnings(plan: Plan) -> list[str]:
    """What ``check`` says when the plan has no report to a body above the commune."""
    duty = province_duty(plan)
    if duty is not None and duty.recipient and above_commune(duty.recipient):
        return []
    if duty is None:
        return [
            "kế hoạch không có nghĩa vụ báo cáo gửi cấp trên (mục 'reporting:' không có mục nào "
            "thiếu 'internal: true'): báo cáo định kỳ sẽ không có thời hạn và nơi nhận cấp trên"
        ]
    return [
        f"nghĩa vụ báo cáo {duty.id} (báo cáo của xã gửi cấp trên) không có nơi nhận là cơ quan "
        "cấp trên: ghi 'recipient:', ví dụ 'UBND huyện (Phòng Nội vụ huyện)'"
    ]


def default_recipients(plan: Plan) -> list[str]:
    """The plan's ``report.recipients``, else the recipient of the commune's report to the
    body above it (``province_duty``, never an internal duty's); then "Lưu: VT."."""
    settings = plan.plan.report
    if settings is not None and settings.recipients:
        return list(settings.recipients)
    duty = province_duty(plan)
    found = [duty.recipient] if duty is not None and duty.recipient else []
    return [*found, FILED_COPY]


_AUTHORITY = re.compile(r"^(?:TM|KT|TL|TUQ|Q)\.\s", re.IGNORECASE)


def signature(plan: Plan, signer: str | None = None, signer_title: str | None = None) -> Signature:
    """Signer, title and authority: the command line, then the plan's ``report`` block, then
    the plan's own document (a plan issued as a Kế hoạch), then its decision. A signing
    authority written on that document ("KT. CHỦ TỊCH") is kept when its title is used;
    otherwise the authority follows the title (Phó … → KT. CHỦ TỊCH)."""
    settings = plan.plan.report
    issued = plan.plan.document or plan.plan.decision
    name = signer or (settings.signer if settings else None)
    name = name or ((issued.signer or "") if issued else "")
    title = signer_title or (settings.signer_title if settings else None)
    authority = settings.authority if settings and settings.authority else None
    if title is None and issued is not None:
        title = issued.signer_title
        if authority is None and issued.authority and _AUTHORITY.match(issued.authority):
            authority = issued.authority
    title = title or DEFAULT_SIGNER_TITLE
    if authority is None:
        deputy = fold(title).startswith("pho ")
        authority = DEPUTY_AUTHORITY if deputy else DEFAULT_AUTHORITY
    return Signature(authority, title, name)


# --- this report among the plan's duties ------------------------------------------------


def this_report(plan: Plan, period: Period) -> tuple[Task, Obligation] | None:
    """The province duty's occurrence this report is ("Báo cáo 6 tháng" is also quý II's)."""
    duty = province_duty(plan)
    if duty is None:
        return None
    for task, obligation in obligations(plan):
        owned = task is duty and obligation.period is not None
        if owned and obligation.period is not None and obligation.period.end == period.end:
            return task, obligation
    return None


def same_occurrence(
    task: Task, obligation: Obligation, other: tuple[Task, Obligation] | None
) -> bool:
    return (
        other is not None
        and task is other[0]
        and obligation.what == other[1].what
        and obligation.period == other[1].period
    )


def report_deadline(plan: Plan, this: tuple[Task, Obligation] | None) -> date | None:
    """This report's due date, only where the plan sets the day (``due_day`` or
    ``due_after_cutoff`` of a recurrence of the duty falling due with it — "Báo cáo 6 tháng"
    also takes quý II's): the period's end is no date of the plan."""
    if this is None or this[1].period is None:
        return None
    task, occurrence = this
    assert occurrence.period is not None
    end = occurrence.period.end
    for recurrence in task.recurring:
        if recurrence.due_day is None and recurrence.due_after_cutoff is None:
            continue
        periods = recurrence_periods(recurrence, plan.year, nine_months(plan))
        if recurrence.what == occurrence.what or any(period.end == end for period in periods):
            return occurrence.due
    return None
