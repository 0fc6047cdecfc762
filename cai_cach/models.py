"""The plan format: pydantic models at the YAML boundary (``extra="forbid"`` everywhere).

Field names are what the YAML file uses. Deadlines may be ISO dates or the plan's own words;
cross-references (officials, unique ids, recorded periods) are checked in ``validation``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    WithJsonSchema,
    model_validator,
)

from cai_cach.periods import (
    CADENCE_SPELLINGS,
    Cadence,
    YearlessDeadline,
    parse_cadence,
    parse_day,
    parse_deadline,
)

# Plans repeat the same few hundred dates and deadline phrases: parse each text once per
# process (results are immutable; errors are not cached and are raised again each time).
_parse_day = lru_cache(maxsize=4096)(parse_day)
_parse_cadence = lru_cache(maxsize=256)(parse_cadence)


# A phrase without a year ("cuối năm", "Quý II") is kept with this placeholder day until the
# plan's year is known (``Plan._resolve_yearless``).
_YEARLESS_DAY = date(1, 1, 1)


@lru_cache(maxsize=4096)
def _deadline_from_text(text: str) -> Deadline:
    try:
        return Deadline(text, parse_deadline(text))
    except YearlessDeadline:
        return Deadline(text, _YEARLESS_DAY)


def _to_day(value: Any) -> Any:
    if isinstance(value, str):
        return _parse_day(value)
    return value


def _to_deadline(value: Any) -> Any:
    if isinstance(value, Deadline):
        return value
    if isinstance(value, date):
        return Deadline(value.isoformat(), value)
    if isinstance(value, str):
        return _deadline_from_text(value)
    raise ValueError("thời hạn phải là ngày hoặc cụm từ như 'Quý I/2024'")


def _to_cadence(value: Any) -> Any:
    if isinstance(value, str):
        return _parse_cadence(value)
    raise ValueError("chu kỳ phải là một trong: tháng, quý, 6 tháng, năm")


@dataclass(frozen=True)
class Deadline:
    """A deadline as written in the plan (``text``) and the day it resolves to (``date``)."""

    text: str
    date: date


Day = Annotated[
    date,
    BeforeValidator(_to_day),
    WithJsonSchema({"type": "string", "description": "Ngày: 2024-03-20 hoặc 20/03/2024"}),
]
DeadlineField = Annotated[
    Deadline,
    BeforeValidator(_to_deadline),
    PlainSerializer(lambda deadline: deadline.text, return_type=str),
    WithJsonSchema(
        {
            "type": "string",
            "description": "Thời hạn: 2024-03-31, 31/3/2024, 31.3.2024, 'Trước ngày 20/4/2024' "
            "(hạn là chính ngày 20/4), 'trước tháng 10/2024', 'Quý I/2024', 'Tháng 12 năm 2024', "
            "'6 tháng đầu năm', '9 tháng', 'cuối năm', 'Năm 2024' (không nêu năm: năm kế hoạch)",
        }
    ),
]
CadenceField = Annotated[
    Cadence,
    BeforeValidator(_to_cadence),
    WithJsonSchema(
        {
            "type": "string",
            "enum": list(CADENCE_SPELLINGS),
        }
    ),
]
Text = Annotated[str, Field(min_length=1)]
Id = Annotated[str, Field(min_length=1, pattern=r"^[^\s]+$")]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=False)


class Agency(Model):
    name: Text
    parent: Text | None = None
    place: Text


class Decision(Model):
    number: Text
    date: Day
    place: Text | None = None
    title: Text | None = None
    signer: Text
    signer_title: Text
    authority: Text | None = Field(
        default=None,
        description="Thẩm quyền ký ghi trên chữ ký, ví dụ 'KT. CHỦ TỊCH' hoặc "
        "'TM. ỦY BAN NHÂN DÂN'",
    )
    grounds: list[Text] = []
    articles: list[Text] = []
    recipients: list[Text] = []


class PlanDocument(Model):
    """The plan's own number, date and signer when it is issued directly as a Kế hoạch."""

    number: Text = Field(description="Số kế hoạch, ví dụ '01/KH-UBND'")
    date: Day = Field(description="Ngày ký kế hoạch")
    place: Text | None = Field(default=None, description="Địa danh ghi cạnh ngày ký")
    signer: Text = Field(description="Họ tên người ký kế hoạch")
    signer_title: Text = Field(description="Chức vụ người ký, ví dụ 'Phó Chủ tịch'")
    authority: Text | None = Field(
        default=None, description="Thẩm quyền ký, ví dụ 'KT. CHỦ TỊCH' hoặc 'TM. ỦY BAN NHÂN DÂN'"
    )
    grounds: list[Text] = Field(default=[], description="Các căn cứ ('Căn cứ …', 'Thực hiện …')")
    recipients: list[Text] = Field(default=[], description="Nơi nhận")


class ReportSettings(Model):
    """Optional ``plan.report`` block: who signs the periodic reports and who receives them
    (defaults: the decision's signer and title, the reporting duties' recipients)."""

    signer: Text | None = None
    signer_title: Text | None = None
    authority: Text | None = None  # "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"
    recipients: list[Text] = []


class PlanInfo(Model):
    title: Text
    year: int = Field(ge=2000, le=2100)
    agency: Agency
    decision: Decision | None = None
    document: PlanDocument | None = Field(
        default=None,
        description="Số, ngày, người ký của chính kế hoạch khi kế hoạch được ban hành trực tiếp "
        "(Số: …/KH-UBND), có hoặc không có quyết định phê duyệt",
    )
    start: Day | None = Field(
        default=None,
        description="Ngày kế hoạch bắt đầu có hiệu lực (mặc định: ngày ký quyết định hoặc kế "
        "hoạch); việc đến hạn trước ngày này không tính là quá hạn",
    )
    purposes: list[Text] = []
    requirements: list[Text] = []
    report: ReportSettings | None = None


class Official(Model):
    title: Text
    name: Text | None = None
    group: bool = False

    @property
    def label(self) -> str:
        return f"{self.title} ({self.name})" if self.name else self.title


class Note(Model):
    """A dated progress note ("Đã ban hành Kế hoạch số 12/KH-UBND"), counted in the report
    of the period its date falls in."""

    date: Day
    text: Text


class Milestone(Model):
    """A dated deliverable; ``done`` is the day it was completed, ``note`` says how."""

    what: Text
    due: DeadlineField
    done: Day | None = None
    note: Text | None = None


class Recurrence(Model):
    """A recurring obligation; ``done`` maps a period key (2024-01, 2024-Q1, 2024-H1, 2024)
    to the day that occurrence was done."""

    what: Text
    every: CadenceField
    due_day: int | None = Field(default=None, ge=1, le=31)
    done: dict[str, Day] = {}


class Task(Model):
    id: Id
    title: Text
    lead: list[Id] = Field(min_length=1)
    support: list[Id] = []
    products: Text | None = None
    timeline: Text
    ongoing: bool = False
    as_instructed: bool = False
    milestones: list[Milestone] = []
    recurring: list[Recurrence] = []
    notes: list[Note] = []

    @property
    def has_deadline(self) -> bool:
        return bool(self.milestones or self.recurring)


class ReportingDuty(Task):
    """A periodic reporting duty from section III ("Tổ chức thực hiện")."""

    recipient: Text | None = None


class Section(Model):
    id: Id
    title: Text
    objectives: list[Text] = Field(
        default=[], description="Mục tiêu của lĩnh vực ('1.1. Mục tiêu: …'), nguyên văn"
    )
    targets: list[Text] = Field(
        default=[], description="Chỉ tiêu định lượng của lĩnh vực ('Tỷ lệ … đạt 100%'), nguyên văn"
    )
    tasks: list[Task] = Field(min_length=1)


class Plan(Model):
    """One yearly plan file."""

    plan: PlanInfo
    officials: dict[str, Official] = Field(min_length=1)
    sections: list[Section] = Field(min_length=1)
    reporting: list[ReportingDuty] = []
    implementation: list[Text] = []

    @model_validator(mode="after")
    def _resolve_yearless(self) -> Plan:
        """Deadlines that name no year ("cuối năm", "6 tháng đầu năm") fall in the plan's year."""
        for _, task in self.tasks():
            for milestone in task.milestones:
                if milestone.due.date == _YEARLESS_DAY:
                    due = parse_deadline(milestone.due.text, self.plan.year)
                    milestone.due = Deadline(milestone.due.text, due)
        return self

    @property
    def year(self) -> int:
        return self.plan.year

    @property
    def effective(self) -> date | None:
        """The day the plan takes effect: ``start``, else the plan's or the decision's date."""
        info = self.plan
        if info.start is not None:
            return info.start
        if info.document is not None:
            return info.document.date
        if info.decision is not None:
            return info.decision.date
        return None

    def tasks(self) -> Iterator[tuple[Section | None, Task]]:
        """Every task in document order, then the reporting duties (section ``None``)."""
        for section in self.sections:
            for task in section.tasks:
                yield section, task
        for duty in self.reporting:
            yield None, duty

    def titles(self, official_ids: list[str]) -> list[str]:
        return [self.officials[oid].label for oid in official_ids if oid in self.officials]
