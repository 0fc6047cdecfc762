"""The JSON Schema of the plan format, for editors (VS Code's YAML extension and others).

Generated from the pydantic models, so it follows them; what an editor shows the clerk
(titles and descriptions on hover and in completion) is replaced by Vietnamese text. The
committed copy is ``schema/plan.schema.json`` (``caicach schema > schema/plan.schema.json``).
"""

from __future__ import annotations

import json
from typing import Any

from cai_cach.models import Plan

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_FILE = "schema/plan.schema.json"

# Period keys exactly as the tool writes and matches them: 2024-01, 2024-Q1, 2024-H1, 2024.
PERIOD_KEY_PATTERN = r"^[0-9]{4}(-(0[1-9]|1[0-2]|Q[1-4]|H[12]))?$"

_DAY = "Ngày: 2024-03-20 hoặc 20/03/2024"
_IDS = "Mã công chức trong mục officials, ví dụ vp-tk"

# model → (title, description) for the model itself ("") and for each field.
_TEXTS: dict[str, dict[str, tuple[str, str]]] = {
    "Plan": {
        "": (
            "Kế hoạch cải cách hành chính",
            "Một tệp kế hoạch CCHC năm của xã: thông tin chung, công chức, các mục nhiệm vụ và "
            "nghĩa vụ báo cáo.",
        ),
        "plan": ("Thông tin kế hoạch", "Tên, năm, cơ quan và quyết định ban hành kế hoạch."),
        "officials": (
            "Công chức",
            "Danh mục công chức/bộ phận; nhiệm vụ tham chiếu bằng mã (vp-tk, tc-kt …).",
        ),
        "sections": ("Các mục nhiệm vụ", "Phần II của kế hoạch: 1. Cải cách thể chế, 2. …"),
        "reporting": (
            "Nghĩa vụ báo cáo",
            "Nghĩa vụ báo cáo định kỳ của phần III (Tổ chức thực hiện), có nơi nhận.",
        ),
        "implementation": ("Tổ chức thực hiện", "Các đoạn của phần III, nguyên văn."),
    },
    "PlanInfo": {
        "": ("Thông tin kế hoạch", "Tên, năm, cơ quan và quyết định ban hành kế hoạch."),
        "title": ("Tên kế hoạch", "Ví dụ: Kế hoạch cải cách hành chính năm 2024 xã Tịnh Minh"),
        "year": ("Năm kế hoạch", "Năm áp dụng, ví dụ 2024."),
        "agency": ("Cơ quan ban hành", "Ủy ban nhân dân xã và cơ quan cấp trên."),
        "decision": ("Quyết định ban hành", "Quyết định ban hành kèm theo kế hoạch."),
        "document": ("Văn bản kế hoạch", "Số, ngày, người ký khi kế hoạch ban hành trực tiếp."),
        "start": ("Ngày có hiệu lực", "Mặc định: ngày ký; việc đến hạn trước ngày này không tính."),
        "purposes": ("Mục đích", "Các đoạn của phần I.1 Mục đích."),
        "requirements": ("Yêu cầu", "Các đoạn của phần I.2 Yêu cầu."),
        "report": ("Báo cáo định kỳ", "Người ký và nơi nhận báo cáo định kỳ (không bắt buộc)."),
    },
    "ReportSettings": {
        "": ("Báo cáo định kỳ", "Người ký và nơi nhận báo cáo định kỳ (không bắt buộc)."),
        "signer": ("Người ký báo cáo", "Mặc định: người ký quyết định ban hành kế hoạch."),
        "signer_title": ("Chức vụ người ký", "Ví dụ: Chủ tịch, Phó Chủ tịch"),
        "authority": ("Thẩm quyền ký", "Ví dụ: TM. ỦY BAN NHÂN DÂN hoặc KT. CHỦ TỊCH"),
        "recipients": ("Nơi nhận báo cáo", "Mỗi nơi nhận một dòng, ví dụ 'Lưu: VT.'"),
    },
    "Agency": {
        "": ("Cơ quan ban hành", "Ủy ban nhân dân xã và cơ quan cấp trên."),
        "name": ("Tên cơ quan", "Ví dụ: Ủy ban nhân dân xã Tịnh Minh"),
        "parent": ("Cơ quan cấp trên", "Ví dụ: Ủy ban nhân dân huyện Sơn Tịnh"),
        "place": ("Địa danh", "Dùng ở dòng ngày tháng: 'Tịnh Minh, ngày … tháng … năm …'."),
    },
    "Decision": {
        "": ("Quyết định ban hành", "Quyết định ban hành kèm theo kế hoạch."),
        "number": ("Số quyết định", "Ví dụ: 479/QĐ-UBND"),
        "date": ("Ngày ký", _DAY),
        "place": ("Địa danh", "Địa danh ở dòng ngày tháng của quyết định."),
        "title": ("Trích yếu", "Ví dụ: Ban hành Kế hoạch cải cách hành chính năm 2024 …"),
        "signer": ("Người ký", "Họ tên người ký quyết định."),
        "signer_title": ("Chức vụ người ký", "Ví dụ: Chủ tịch"),
        "authority": ("Thẩm quyền ký", "Ví dụ: TM. ỦY BAN NHÂN DÂN hoặc KT. CHỦ TỊCH"),
        "grounds": ("Căn cứ", "Các dòng 'Căn cứ …' và 'Theo đề nghị …'."),
        "articles": ("Các điều", "Nội dung Điều 1, Điều 2 … (bỏ nhãn 'Điều N.')."),
        "recipients": ("Nơi nhận", "Mỗi nơi nhận một dòng, ví dụ 'Lưu: VT.'"),
    },
    "PlanDocument": {
        "": (
            "Văn bản kế hoạch",
            "Kế hoạch ban hành trực tiếp (Số: …/KH-UBND): số, ngày, người ký.",
        ),
        "number": ("Số kế hoạch", "Ví dụ: 01/KH-UBND"),
        "date": ("Ngày ký", _DAY),
        "place": ("Địa danh", "Địa danh ở dòng ngày tháng của kế hoạch."),
        "signer": ("Người ký", "Họ tên người ký kế hoạch."),
        "signer_title": ("Chức vụ người ký", "Ví dụ: Phó Chủ tịch"),
        "authority": ("Thẩm quyền ký", "Ví dụ: TM. ỦY BAN NHÂN DÂN hoặc KT. CHỦ TỊCH"),
        "grounds": ("Căn cứ", "Các dòng 'Căn cứ …', 'Thực hiện …'."),
        "recipients": ("Nơi nhận", "Mỗi nơi nhận một dòng, ví dụ 'Lưu: VT.'"),
    },
    "Official": {
        "": ("Công chức", "Một công chức (chức danh) hoặc một nhóm, bộ phận."),
        "title": (
            "Chức danh hoặc đơn vị",
            "Người hoặc đơn vị: Công chức Văn phòng - Thống kê; Phòng Kinh tế; "
            "Trung tâm Phục vụ hành chính công",
        ),
        "name": ("Họ tên", "Họ tên người đang giữ chức danh (không bắt buộc)."),
        "group": ("Là nhóm", "true khi đây là một nhóm (Các công chức có liên quan …)."),
    },
    "Section": {
        "": ("Mục nhiệm vụ", "Một mục của phần II, ví dụ '2. Cải cách thủ tục hành chính'."),
        "id": ("Số mục", 'Số mục viết trong dấu nháy, ví dụ "2".'),
        "title": ("Tên mục", "Ví dụ: Cải cách thủ tục hành chính"),
        "objectives": ("Mục tiêu", "Mục tiêu của lĩnh vực, nguyên văn."),
        "targets": ("Chỉ tiêu", "Chỉ tiêu định lượng, ví dụ 'Tỷ lệ … đạt 100%'."),
        "tasks": ("Nhiệm vụ", "Các nhiệm vụ a), b), c) … của mục."),
    },
    "Task": {
        "": ("Nhiệm vụ", "Một nhiệm vụ của kế hoạch, ví dụ 2.a."),
        "id": ("Mã nhiệm vụ", "Số mục và chữ cái của văn bản, ví dụ 2.a, 2.đ."),
        "title": ("Nội dung nhiệm vụ", "Nguyên văn nội dung nhiệm vụ."),
        "lead": ("Chủ trì", _IDS),
        "support": ("Phối hợp", _IDS),
        "products": ("Sản phẩm", "Sản phẩm dự kiến, nguyên văn."),
        "timeline": ("Thời gian thực hiện", "Nguyên văn thời gian thực hiện/hoàn thành."),
        "ongoing": ("Thường xuyên", "true: việc thường xuyên, không bao giờ tự quá hạn."),
        "as_instructed": (
            "Theo chỉ đạo của cấp trên",
            "true: làm theo chỉ đạo, hướng dẫn của cấp trên; không tự quá hạn.",
        ),
        "milestones": ("Các mốc", "Các việc có hạn; ghi 'done: ngày' khi hoàn thành."),
        "recurring": ("Nghĩa vụ định kỳ", "Việc lặp lại hàng tháng, quý, 6 tháng hoặc năm."),
        "notes": ("Ghi chú tiến độ", "Ghi chú có ngày, dùng cho báo cáo của kỳ chứa ngày đó."),
        "recipient": ("Nơi nhận báo cáo", "Ví dụ: UBND huyện (Phòng Nội vụ huyện)"),
    },
    "Milestone": {
        "": ("Mốc", "Một việc có hạn của nhiệm vụ."),
        "what": ("Việc cần làm", "Ví dụ: Ban hành kế hoạch"),
        "due": ("Hạn", "Ngày (2024-03-31) hoặc lời của văn bản: 'Quý I/2024', 'Năm 2024' …"),
        "done": ("Ngày hoàn thành", _DAY + " (caicach done ghi trường này)"),
        "note": ("Ghi chú hoàn thành", "Đã làm thế nào, ví dụ 'Kế hoạch số 12/KH-UBND'."),
    },
    "Recurrence": {
        "": ("Nghĩa vụ định kỳ", "Việc lặp lại mỗi kỳ trong năm kế hoạch."),
        "what": ("Việc cần làm", "Ví dụ: Báo cáo kết quả thực hiện hàng quý"),
        "every": ("Chu kỳ", "tháng, quý, 6 tháng, năm (có thể kèm 'hàng'/'hằng', 'định kỳ')."),
        "due_day": (
            "Ngày hạn trong kỳ",
            "Hạn là ngày này của tháng cuối kỳ (mặc định: ngày cuối kỳ).",
        ),
        "done": (
            "Các kỳ đã làm",
            "Kỳ → ngày làm xong, ví dụ 2024-Q1: 2024-03-18 (kỳ: 2024-01, 2024-Q1, 2024-H1, 2024).",
        ),
    },
    "Note": {
        "": ("Ghi chú tiến độ", "Một ghi chú có ngày."),
        "date": ("Ngày", _DAY),
        "text": ("Nội dung", "Ví dụ: Đã ban hành Kế hoạch số 12/KH-UBND"),
    },
}
_TEXTS["ReportingDuty"] = {
    **_TEXTS["Task"],
    "": ("Nghĩa vụ báo cáo", "Nghĩa vụ báo cáo định kỳ của phần III, có nơi nhận."),
}


def _localise(name: str, model: dict[str, Any]) -> None:
    texts = _TEXTS.get(name, {})
    title, description = texts.get("", (None, None))
    model.pop("description", None)  # English docstrings are for developers
    if title:
        model["title"] = title
        model["description"] = description
    for field_name, prop in model.get("properties", {}).items():
        prop.pop("title", None)
        if field_name in texts:
            prop["title"], prop["description"] = texts[field_name]


def plan_schema() -> dict[str, Any]:
    """The JSON Schema of a plan file, with Vietnamese titles and descriptions."""
    schema = Plan.model_json_schema()
    definitions: dict[str, Any] = schema.get("$defs", {})
    for name, model in definitions.items():
        _localise(name, model)
    _localise("Plan", schema)
    done = definitions.get("Recurrence", {}).get("properties", {}).get("done")
    if done is not None:
        done["propertyNames"] = {"pattern": PERIOD_KEY_PATTERN}
    return {"$schema": SCHEMA_DIALECT, **schema}


def schema_text() -> str:
    """The schema as the committed file holds it (UTF-8 JSON, two-space indent, final newline)."""
    return json.dumps(plan_schema(), ensure_ascii=False, indent=2) + "\n"
