"""The plan's own documents, as the plan file records them: the issuing agency, the decision or
Kế hoạch that issued the plan, who signs its periodic reports, and the decisions that amend it
mid-year (and which task each added or cancelled).

Part of the plan format (``models`` builds the plan from these); each model ``extra="forbid"``.
"""

from __future__ import annotations

from pydantic import ConfigDict, Field

from cai_cach.fields import DAY_HELP, Day, Model, Text, empty_list


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

    number: Text | None = Field(
        None,
        title="Số quyết định",
        description="Ví dụ: 479/QĐ-UBND (bản nháp: để trống nếu chưa rõ)",
    )
    date: Day | None = Field(
        None, title="Ngày ký", description=DAY_HELP + " (bản nháp: để trống nếu chưa rõ)"
    )
    place: Text | None = Field(
        None, title="Địa danh", description="Địa danh ở dòng ngày tháng của quyết định."
    )
    title: Text | None = Field(
        None,
        title="Trích yếu",
        description="Ví dụ: Ban hành Kế hoạch cải cách hành chính năm 2024 …",
    )
    signer: Text | None = Field(
        None,
        title="Người ký",
        description="Họ tên người ký quyết định (bản nháp: để trống nếu chưa rõ).",
    )
    signer_title: Text | None = Field(
        None,
        title="Chức vụ người ký",
        description="Ví dụ: Chủ tịch (bản nháp: để trống nếu chưa rõ)",
    )
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

    number: Text | None = Field(
        None, title="Số kế hoạch", description="Ví dụ: 01/KH-UBND (bản nháp: để trống nếu chưa rõ)"
    )
    date: Day | None = Field(
        None, title="Ngày ký", description=DAY_HELP + " (bản nháp: để trống nếu chưa rõ)"
    )
    place: Text | None = Field(
        None, title="Địa danh", description="Địa danh ở dòng ngày tháng của kế hoạch."
    )
    signer: Text | None = Field(
        None,
        title="Người ký",
        description="Họ tên người ký kế hoạch (bản nháp: để trống nếu chưa rõ).",
    )
    signer_title: Text | None = Field(
        None,
        title="Chức vụ người ký",
        description="Ví dụ: Phó Chủ tịch (bản nháp: để trống nếu chưa rõ)",
    )
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


class Amendment(Model):
    """A decision that amends the plan mid-year (Quyết định điều chỉnh, bổ sung kế hoạch)."""

    model_config = ConfigDict(
        title="Văn bản điều chỉnh",
        json_schema_extra={"description": "Một quyết định điều chỉnh, bổ sung kế hoạch."},
    )

    number: Text = Field(title="Số văn bản", description="Ví dụ: 215/QĐ-UBND")
    date: Day = Field(title="Ngày ký", description=DAY_HELP)
    summary: Text = Field(
        title="Trích yếu", description="Ví dụ: Bổ sung nhiệm vụ số hóa hồ sơ, bãi bỏ nhiệm vụ 3.b"
    )


class TaskChange(Model):
    """When and by which amendment a task was added to the plan or cancelled."""

    model_config = ConfigDict(
        title="Điều chỉnh nhiệm vụ",
        json_schema_extra={"description": "Ngày và văn bản điều chỉnh (số trong amendments)."},
    )

    date: Day = Field(title="Ngày", description=DAY_HELP)
    by: Text = Field(
        title="Theo văn bản",
        description="Số văn bản điều chỉnh trong amendments, ví dụ 215/QĐ-UBND",
    )
