"""The plan format: pydantic models at the YAML boundary (``extra="forbid"`` everywhere).

Field names are what the YAML file uses. Deadlines may be ISO dates or the plan's own words;
cross-references (officials, unique ids, recorded periods) are checked in ``validation``.
"""

from __future__ import annotations

import re
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
from cai_cach.text import fold

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
# One address, as mail servers take it: no spaces, one "@", a dot in the domain.
Email = Annotated[str, Field(pattern=r"^[^@\s,;<>]+@[^@\s,;<>]+\.[^@\s,;<>]+$")]
Id = Annotated[str, Field(min_length=1, pattern=r"^[^\s]+$")]


# Titles that name a unit rather than one official, and the section that directs the reform
# (matched on ``text.fold``: lower case, no diacritics).
_UNIT_TITLE = re.compile(r"(?:phong|van phong|trung tam|ban|bo phan|to(?! chuc)|doi|hoi dong)\b")
_DIRECTION_TITLE = re.compile(
    r"(?:(?:tang cuong|nang cao|day manh)\s+)?(?:cong tac\s+)?chi dao[\s,]+(?:va\s+)?dieu hanh\b"
)

_DAY = "Ngày: 2024-03-20 hoặc 20/03/2024"

# Empty lists and maps as default values are built fresh for each model (``default_factory``):
# a literal ``[]`` default is deep-copied by pydantic for every model built (a tenth of
# validating a plan). The schema still shows the default to editors.
_EMPTY_LIST: dict[str, Any] = {"default": []}
_EMPTY_MAP: dict[str, Any] = {"default": {}}


def empty_list(*, title: str, description: str) -> Any:
    """A list field that defaults to a fresh empty list (shown as ``[]`` to editors)."""
    return Field(
        default_factory=list,
        json_schema_extra=_EMPTY_LIST,
        title=title,
        description=description,
    )


_IDS = "Mã công chức trong mục officials, ví dụ vp-tk"


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=False)


class Agency(Model):
    model_config = ConfigDict(
        title="Cơ quan ban hành",
        json_schema_extra={"description": "Ủy ban nhân dân xã và cơ quan cấp trên."},
    )

    name: Text = Field(title="Tên cơ quan", description="Ví dụ: Ủy ban nhân dân xã Tịnh Minh")
    parent: Text | None = Field(
        None, title="Cơ quan cấp trên", description="Ví dụ: Ủy ban nhân dân huyện Sơn Tịnh"
    )
    place: Text = Field(
        title="Địa danh", description="Dùng ở dòng ngày tháng: 'Tịnh Minh, ngày … tháng … năm …'."
    )


class Decision(Model):
    model_config = ConfigDict(
        title="Quyết định ban hành",
        json_schema_extra={"description": "Quyết định ban hành kèm theo kế hoạch."},
    )

    number: Text = Field(title="Số quyết định", description="Ví dụ: 479/QĐ-UBND")
    date: Day = Field(title="Ngày ký", description=_DAY)
    place: Text | None = Field(
        None, title="Địa danh", description="Địa danh ở dòng ngày tháng của quyết định."
    )
    title: Text | None = Field(
        None,
        title="Trích yếu",
        description="Ví dụ: Ban hành Kế hoạch cải cách hành chính năm 2024 …",
    )
    signer: Text = Field(title="Người ký", description="Họ tên người ký quyết định.")
    signer_title: Text = Field(title="Chức vụ người ký", description="Ví dụ: Chủ tịch")
    authority: Text | None = Field(
        None,
        title="Thẩm quyền ký",
        description="Dòng thẩm quyền trên chữ ký, ví dụ 'KT. CHỦ TỊCH' hoặc 'TM. ỦY BAN NHÂN DÂN'",
    )
    grounds: list[Text] = empty_list(
        title="Căn cứ",
        description="Các dòng 'Căn cứ …' và 'Theo đề nghị …'.",
    )
    articles: list[Text] = empty_list(
        title="Các điều",
        description="Nội dung Điều 1, Điều 2 … (bỏ nhãn 'Điều N.').",
    )
    recipients: list[Text] = empty_list(
        title="Nơi nhận",
        description="Mỗi nơi nhận một dòng, ví dụ 'Lưu: VT.'",
    )


class PlanDocument(Model):
    """The plan's own number, date and signer when it is issued directly as a Kế hoạch."""

    model_config = ConfigDict(
        title="Văn bản kế hoạch",
        json_schema_extra={
            "description": "Kế hoạch ban hành trực tiếp (Số: …/KH-UBND): số, ngày, người ký."
        },
    )

    number: Text = Field(title="Số kế hoạch", description="Ví dụ: 01/KH-UBND")
    date: Day = Field(title="Ngày ký", description=_DAY)
    place: Text | None = Field(
        None, title="Địa danh", description="Địa danh ở dòng ngày tháng của kế hoạch."
    )
    signer: Text = Field(title="Người ký", description="Họ tên người ký kế hoạch.")
    signer_title: Text = Field(title="Chức vụ người ký", description="Ví dụ: Phó Chủ tịch")
    authority: Text | None = Field(
        None, title="Thẩm quyền ký", description="Ví dụ: KT. CHỦ TỊCH hoặc TM. ỦY BAN NHÂN DÂN"
    )
    grounds: list[Text] = empty_list(
        title="Căn cứ",
        description="Các dòng 'Căn cứ …', 'Thực hiện …'.",
    )
    recipients: list[Text] = empty_list(
        title="Nơi nhận",
        description="Mỗi nơi nhận một dòng, ví dụ 'Lưu: VT.'",
    )


class ReportSettings(Model):
    """Optional ``plan.report`` block: who signs the periodic reports and who receives them
    (defaults: the decision's signer and title, the reporting duties' recipients)."""

    model_config = ConfigDict(
        title="Báo cáo định kỳ",
        json_schema_extra={"description": "Người ký và nơi nhận báo cáo định kỳ (không bắt buộc)."},
    )

    signer: Text | None = Field(
        None,
        title="Người ký báo cáo",
        description="Mặc định: người ký quyết định ban hành kế hoạch.",
    )
    signer_title: Text | None = Field(
        None, title="Chức vụ người ký", description="Ví dụ: Chủ tịch, Phó Chủ tịch"
    )
    authority: Text | None = Field(
        None, title="Thẩm quyền ký", description="Ví dụ: TM. ỦY BAN NHÂN DÂN hoặc KT. CHỦ TỊCH"
    )
    recipients: list[Text] = empty_list(
        title="Nơi nhận báo cáo",
        description="Mỗi nơi nhận một dòng, ví dụ 'Lưu: VT.'",
    )
    parent_line: bool = Field(
        False,
        title="In dòng cơ quan cấp trên",
        description="true: in tên cơ quan cấp trên phía trên tên xã ở đầu báo cáo "
        "(mặc định: không, như quyết định của xã).",
    )
    nine_months: bool = Field(
        False,
        title="Báo cáo 9 tháng",
        description="true: báo cáo 9 tháng (2024-9M) thay báo cáo quý III (mặc định: quý III).",
    )


class PlanInfo(Model):
    model_config = ConfigDict(
        title="Thông tin kế hoạch",
        json_schema_extra={"description": "Tên, năm, cơ quan và quyết định ban hành kế hoạch."},
    )

    title: Text = Field(
        title="Tên kế hoạch",
        description="Ví dụ: Kế hoạch cải cách hành chính năm 2024 xã Tịnh Minh",
    )
    year: int = Field(
        ge=2000, le=2100, title="Năm kế hoạch", description="Năm áp dụng, ví dụ 2024."
    )
    agency: Agency = Field(
        title="Cơ quan ban hành", description="Ủy ban nhân dân xã và cơ quan cấp trên."
    )
    decision: Decision | None = Field(
        None, title="Quyết định ban hành", description="Quyết định ban hành kèm theo kế hoạch."
    )
    document: PlanDocument | None = Field(
        None,
        title="Văn bản kế hoạch",
        description="Số, ngày, người ký của chính kế hoạch khi kế hoạch được ban hành trực tiếp "
        "(Số: …/KH-UBND), có hoặc không có quyết định phê duyệt.",
    )
    start: Day | None = Field(
        None,
        title="Ngày có hiệu lực",
        description="Ngày kế hoạch bắt đầu có hiệu lực (mặc định: ngày ký kế hoạch hoặc quyết "
        "định); việc đến hạn trước ngày này không được theo dõi.",
    )
    purposes: list[Text] = empty_list(
        title="Mục đích",
        description="Các đoạn của phần I.1 Mục đích.",
    )
    requirements: list[Text] = empty_list(
        title="Yêu cầu",
        description="Các đoạn của phần I.2 Yêu cầu.",
    )
    report: ReportSettings | None = Field(
        None,
        title="Báo cáo định kỳ",
        description="Người ký và nơi nhận báo cáo định kỳ (không bắt buộc).",
    )


class Official(Model):
    model_config = ConfigDict(
        title="Công chức",
        json_schema_extra={"description": "Một công chức (chức danh) hoặc một nhóm, bộ phận."},
    )

    title: Text = Field(
        title="Chức danh hoặc đơn vị",
        description="Người hoặc đơn vị: Công chức Văn phòng - Thống kê; Phòng Kinh tế; "
        "Trung tâm Phục vụ hành chính công",
    )
    name: Text | None = Field(
        None, title="Họ tên", description="Họ tên người đang giữ chức danh (không bắt buộc)."
    )
    group: bool = Field(
        False,
        title="Là nhóm",
        description="true khi đây là một nhóm (Các công chức có liên quan …).",
    )
    unit: bool | None = Field(
        None,
        title="Là đơn vị",
        description="true: một đơn vị (phòng, văn phòng, trung tâm, ban, bộ phận, tổ); false: "
        "một công chức. Mặc định: nhận theo chức danh (bắt đầu bằng Phòng, Văn phòng, "
        "Trung tâm, Ban, Bộ phận, Tổ, Đội là đơn vị).",
    )
    email: Email | None = Field(
        None,
        title="Thư điện tử",
        description="Địa chỉ nhận lời nhắc việc (caicach remind), ví dụ tuphap@tinhminh.gov.vn.",
    )

    @property
    def label(self) -> str:
        return f"{self.title} ({self.name})" if self.name else self.title

    @property
    def is_unit(self) -> bool:
        """A department, office, centre or team rather than one official (``unit``, else the
        title's first word)."""
        if self.unit is not None:
            return self.unit
        return _UNIT_TITLE.match(fold(self.title)) is not None


class Note(Model):
    """A dated progress note ("Đã ban hành Kế hoạch số 12/KH-UBND"), counted in the report
    of the period its date falls in."""

    model_config = ConfigDict(
        title="Ghi chú tiến độ", json_schema_extra={"description": "Một ghi chú có ngày."}
    )

    date: Day = Field(title="Ngày", description=_DAY)
    text: Text = Field(title="Nội dung", description="Ví dụ: Đã ban hành Kế hoạch số 12/KH-UBND")


class Evidence(Model):
    """A document (tài liệu kiểm chứng) that completed a milestone or an occurrence: its
    number and symbol, date, kind and summary, and optionally a copy under the plan's
    ``evidence/`` folder with its SHA-256."""

    model_config = ConfigDict(
        title="Tài liệu kiểm chứng",
        json_schema_extra={"description": "Văn bản chứng minh một việc đã làm."},
    )

    number: Text | None = Field(None, title="Số, ký hiệu", description="Ví dụ: 05/KH-UBND")
    date: Day | None = Field(None, title="Ngày văn bản", description=_DAY)
    kind: Text | None = Field(
        None, title="Loại văn bản", description="Kế hoạch, Quyết định, Báo cáo, Công văn …"
    )
    summary: Text | None = Field(None, title="Trích yếu", description="Trích yếu nội dung.")
    file: Text | None = Field(
        None,
        title="Tệp",
        description="Đường dẫn tương đối từ thư mục kế hoạch, trong evidence/ "
        "(caicach done --file chép tệp vào đó).",
    )
    sha256: Text | None = Field(
        None, title="Mã băm SHA-256", description="Của tệp, để kiểm tra tệp không bị thay."
    )
    milestone: Text | None = Field(
        None, title="Mốc", description="Tên mốc (what) mà văn bản này hoàn thành."
    )
    period: Text | None = Field(
        None, title="Kỳ", description="Kỳ của nghĩa vụ định kỳ, ví dụ 2024-Q1."
    )

    @model_validator(mode="after")
    def _names_something(self) -> Evidence:
        if self.number is None and self.file is None and self.summary is None:
            raise ValueError("tài liệu kiểm chứng cần ít nhất số văn bản, trích yếu hoặc tệp")
        return self

    @property
    def label(self) -> str:
        """How a report cites it: "Kế hoạch số 05/KH-UBND ngày 25/01/2024"."""
        parts = [self.kind or "Văn bản"]
        if self.number:
            parts.append(f"số {self.number}")
        if self.date:
            parts.append(f"ngày {self.date.strftime('%d/%m/%Y')}")
        if self.summary:
            parts.append(f"về {self.summary}" if self.number else self.summary)
        return " ".join(parts)


class Milestone(Model):
    """A dated deliverable; ``done`` is the day it was completed, ``note`` says how."""

    model_config = ConfigDict(
        title="Mốc", json_schema_extra={"description": "Một việc có hạn của nhiệm vụ."}
    )

    what: Text = Field(title="Việc cần làm", description="Ví dụ: Ban hành kế hoạch")
    due: DeadlineField = Field(
        title="Hạn",
        description="Ngày (2024-03-31) hoặc lời của văn bản: 'Quý I/2024', 'Năm 2024' …",
    )
    done: Day | None = Field(
        None, title="Ngày hoàn thành", description=_DAY + " (caicach done ghi trường này)"
    )
    note: Text | None = Field(
        None,
        title="Ghi chú hoàn thành",
        description="Đã làm thế nào, ví dụ 'Kế hoạch số 12/KH-UBND'.",
    )


class Recurrence(Model):
    """A recurring obligation; ``done`` maps a period key (2024-01, 2024-Q1, 2024-H1, 2024)
    to the day that occurrence was done."""

    model_config = ConfigDict(
        title="Nghĩa vụ định kỳ",
        json_schema_extra={"description": "Việc lặp lại mỗi kỳ trong năm kế hoạch."},
    )

    what: Text = Field(
        title="Việc cần làm", description="Ví dụ: Báo cáo kết quả thực hiện hàng quý"
    )
    every: CadenceField = Field(
        title="Chu kỳ",
        description="tháng, quý, 6 tháng, năm (có thể kèm 'hàng'/'hằng', 'định kỳ').",
    )
    due_day: int | None = Field(
        default=None,
        ge=1,
        le=31,
        title="Ngày hạn trong kỳ",
        description="Hạn là ngày này của tháng cuối kỳ (mặc định: ngày cuối kỳ).",
    )
    due_after_cutoff: int | None = Field(
        default=None,
        ge=0,
        le=60,
        title="Hạn sau ngày chốt số liệu",
        description="Số ngày làm việc sau ngày chốt số liệu (ngày 14 tháng cuối kỳ); "
        "không ghi cùng due_day.",
    )
    nine_months: bool | None = Field(
        None,
        title="Báo cáo 9 tháng",
        description="Nghĩa vụ quý: true thì kỳ thứ ba là 9 tháng (2024-9M) thay quý III.",
    )
    done: dict[str, Day] = Field(
        default_factory=dict,
        json_schema_extra=_EMPTY_MAP,
        title="Các kỳ đã làm",
        description="Kỳ → ngày làm xong, ví dụ 2024-Q1: 2024-03-18 "
        "(kỳ: 2024-01, 2024-Q1, 2024-H1, 2024).",
    )

    @model_validator(mode="after")
    def _one_due_rule(self) -> Recurrence:
        if self.due_day is not None and self.due_after_cutoff is not None:
            raise ValueError("chỉ ghi một trong hai: due_day hoặc due_after_cutoff")
        return self


class Task(Model):
    model_config = ConfigDict(
        title="Nhiệm vụ", json_schema_extra={"description": "Một nhiệm vụ của kế hoạch, ví dụ 2.a."}
    )

    id: Id = Field(
        title="Mã nhiệm vụ", description="Số mục và chữ cái của văn bản, ví dụ 2.a, 2.đ."
    )
    title: Text = Field(title="Nội dung nhiệm vụ", description="Nguyên văn nội dung nhiệm vụ.")
    lead: list[Id] = Field(min_length=1, title="Chủ trì", description=_IDS)
    support: list[Id] = empty_list(title="Phối hợp", description=_IDS)
    products: Text | None = Field(
        None, title="Sản phẩm", description="Sản phẩm dự kiến, nguyên văn."
    )
    timeline: Text = Field(
        title="Thời gian thực hiện", description="Nguyên văn thời gian thực hiện/hoàn thành."
    )
    ongoing: bool = Field(
        False,
        title="Thường xuyên",
        description="true: việc thường xuyên, không bao giờ tự quá hạn.",
    )
    as_instructed: bool = Field(
        False,
        title="Theo chỉ đạo của cấp trên",
        description="true: làm theo chỉ đạo, hướng dẫn của cấp trên; không tự quá hạn.",
    )
    milestones: list[Milestone] = empty_list(
        title="Các mốc",
        description="Các việc có hạn; ghi 'done: ngày' khi hoàn thành.",
    )
    recurring: list[Recurrence] = empty_list(
        title="Nghĩa vụ định kỳ",
        description="Việc lặp lại hàng tháng, quý, 6 tháng hoặc năm.",
    )
    notes: list[Note] = empty_list(
        title="Ghi chú tiến độ",
        description="Ghi chú có ngày, dùng cho báo cáo của kỳ chứa ngày đó.",
    )
    evidence: list[Evidence] = empty_list(
        title="Tài liệu kiểm chứng",
        description="Văn bản, tệp chứng minh các mốc, các kỳ đã làm (caicach done --doc …).",
    )

    @property
    def has_deadline(self) -> bool:
        return bool(self.milestones or self.recurring)


class ReportingDuty(Task):
    """A periodic reporting duty from section III ("Tổ chức thực hiện")."""

    model_config = ConfigDict(
        title="Nghĩa vụ báo cáo",
        json_schema_extra={"description": "Nghĩa vụ báo cáo định kỳ của phần III, có nơi nhận."},
    )

    recipient: Text | None = Field(
        None, title="Nơi nhận báo cáo", description="Ví dụ: UBND huyện (Phòng Nội vụ huyện)"
    )


class Section(Model):
    model_config = ConfigDict(
        title="Mục nhiệm vụ",
        json_schema_extra={
            "description": "Một mục của phần II, ví dụ '2. Cải cách thủ tục hành chính'."
        },
    )

    id: Id = Field(title="Số mục", description='Số mục viết trong dấu nháy, ví dụ "2".')
    title: Text = Field(title="Tên mục", description="Ví dụ: Cải cách thủ tục hành chính")
    objectives: list[Text] = empty_list(
        title="Mục tiêu",
        description="Mục tiêu của lĩnh vực ('Mục tiêu: …'), nguyên văn.",
    )
    targets: list[Text] = empty_list(
        title="Chỉ tiêu",
        description="Chỉ tiêu định lượng của lĩnh vực ('Tỷ lệ … đạt 100%'), nguyên văn.",
    )
    direction: bool | None = Field(
        None,
        title="Là công tác chỉ đạo, điều hành",
        description="true: kết quả của mục này thuộc phần I 'Công tác chỉ đạo, điều hành' của báo "
        "cáo; false: là một lĩnh vực của phần II. Mặc định: nhận theo tên mục ('Công tác chỉ "
        "đạo, điều hành …').",
    )
    tasks: list[Task] = Field(
        min_length=1, title="Nhiệm vụ", description="Các nhiệm vụ a), b), c) … của mục."
    )

    @property
    def is_direction(self) -> bool:
        """Whether the section is the plan's "công tác chỉ đạo, điều hành" (report part I):
        ``direction``, else the title, diacritic- and case-blind."""
        if self.direction is not None:
            return self.direction
        return _DIRECTION_TITLE.match(fold(self.title)) is not None


class Plan(Model):
    """One yearly plan file."""

    model_config = ConfigDict(
        title="Kế hoạch cải cách hành chính",
        json_schema_extra={
            "description": "Một tệp kế hoạch CCHC năm của xã: thông tin chung, công chức, "
            "các mục nhiệm vụ và nghĩa vụ báo cáo."
        },
    )

    plan: PlanInfo = Field(
        title="Thông tin kế hoạch", description="Tên, năm, cơ quan và quyết định ban hành kế hoạch."
    )
    officials: dict[str, Official] = Field(
        min_length=1,
        title="Công chức",
        description="Danh mục công chức/bộ phận; nhiệm vụ tham chiếu bằng mã (vp-tk, tc-kt …).",
    )
    sections: list[Section] = Field(
        min_length=1,
        title="Các mục nhiệm vụ",
        description="Phần II của kế hoạch: 1. Cải cách thể chế, 2. …",
    )
    reporting: list[ReportingDuty] = empty_list(
        title="Nghĩa vụ báo cáo",
        description="Nghĩa vụ báo cáo định kỳ của phần III (Tổ chức thực hiện), có nơi nhận.",
    )
    implementation: list[Text] = empty_list(
        title="Tổ chức thực hiện",
        description="Các đoạn của phần III, nguyên văn.",
    )

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
