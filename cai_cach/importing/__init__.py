"""A signed decision or plan (as read by ``docreading``) → a draft plan in YAML.

The importer keeps the office's words verbatim (whitespace normalised only), turns deadline
phrases into milestones and recurring duties with the loader's own parser, and marks every
guess with a ``# xem lại: …`` comment that is also returned for the screen. Text it cannot
place is kept as ``# chưa xếp: …`` comments and returned too: nothing is dropped silently,
and nothing unread (a date, a number, a signer, a lead) is filled in.

The steps, one module each: ``header`` (issuing document, signatures, recipients),
``blocks`` (the body as a tree of numbered blocks), ``fields`` (labelled field lines and the
parties they name), ``tables`` (task tables), ``phrases`` (deadlines), ``reporting`` (the
reporting duties of "Tổ chức thực hiện"), ``body`` (tasks and sections from the tree),
``writing`` (the YAML text).
"""

from __future__ import annotations

import re
import time
from collections import Counter
from datetime import date
from pathlib import Path

from cai_cach.docreading import Document, read_document
from cai_cach.errors import UsageError
from cai_cach.importing.body import read_body
from cai_cach.importing.draft import (
    REVIEW,
    UNPLACED,
    Draft,
    DraftMilestone,
    DraftRecurrence,
    DraftSection,
    DraftTask,
    Issuance,
    Party,
)
from cai_cach.importing.fields import field_of, split_parties
from cai_cach.importing.header import (
    normalise,
    plan_heading,
    read_header,
    read_preamble,
    take_closings,
)
from cai_cach.importing.phrases import effective_day, plan_span, schedule_from_timeline
from cai_cach.importing.writing import render_yaml, scalar
from cai_cach.periods import find_periods

__all__ = [
    "REVIEW",
    "UNPLACED",
    "Draft",
    "DraftMilestone",
    "DraftRecurrence",
    "DraftSection",
    "DraftTask",
    "Issuance",
    "Party",
    "build_draft",
    "field_of",
    "import_file",
    "import_text",
    "render_yaml",
    "scalar",
    "schedule_from_timeline",
    "split_parties",
]

TIME_LIMIT = 60.0  # seconds for reading one document's structure


def build_draft(document: Document) -> Draft:
    """Read the document's structure; raise ``UsageError`` for a document that is not a plan."""
    started = time.monotonic()
    draft = Draft(removed_characters=document.removed_characters)
    lines = normalise(document.blocks)
    issued, index = read_header(draft, lines)
    decision = issued if issued.kind == "QĐ" else None
    plan_issued = issued if issued.kind != "QĐ" else None
    if plan_issued is not None:
        plan_issued.kind = "KH"
    rest = lines[index:]
    rest = take_closings(rest, plan_heading(rest, 0), decision, plan_issued)
    start = read_preamble(draft, rest, 0, issued)
    read_body(draft, rest[start:])
    if time.monotonic() - started > TIME_LIMIT:
        raise UsageError(
            f"văn bản quá phức tạp: đọc cấu trúc mất hơn {TIME_LIMIT:.0f} giây",
            "kiểm tra lại tệp (có thể bị hỏng hoặc cố ý làm nặng), hoặc nhập bản .docx gốc",
        )
    draft.decision = decision
    draft.document = plan_issued
    for empty in [s for s in draft.sections if not s.tasks]:
        draft.unplaced.append(f"{empty.id}. {empty.title}")
        draft.sections.remove(empty)
    tasks = draft.tasks()
    if not tasks:
        raise UsageError(
            "không tìm thấy nhiệm vụ nào trong văn bản (các dòng 'Chủ trì: …', 'Thời gian: …', "
            "mục đánh số dưới lĩnh vực cải cách, hoặc bảng có cột 'Nội dung', 'Chủ trì')",
            "văn bản này có phải kế hoạch cải cách hành chính không?",
        )
    _year_and_window(draft, issued)
    for task in tasks:
        _finish(draft, task)
    for duty in draft.reporting:
        _finish(draft, duty)
    return draft


def _year_and_window(draft: Draft, issued: Issuance) -> None:
    span = plan_span(draft.title)
    years = re.findall(r"năm (\d{4})", draft.title)
    if years:
        draft.year = int(years[-1])
    elif span is not None:
        draft.year = span[0].year
    else:
        guessed = _guess_year(draft) or (issued.date.year if issued.date else 0)
        if not guessed:
            raise UsageError(
                "không xác định được năm của kế hoạch: tên kế hoạch, thời hạn và ngày ký "
                "đều không nêu năm",
                "thêm năm vào tên kế hoạch trong văn bản (ví dụ 'năm 2026') rồi nhập lại",
            )
        draft.year = guessed
        draft.reviews.append(f"không thấy năm kế hoạch trong tên; đặt {draft.year}")
        draft.header_notes.append(f"năm kế hoạch {draft.year} suy ra từ thời hạn/ngày ký")
    signed = issued.date
    articles = draft.decision.articles if draft.decision else []
    effective, stated = effective_day(articles, signed)
    if span is not None:
        draft.start = span[0]
        if span[1] != date(draft.year, 12, 31):
            draft.end = span[1]
    elif effective is not None and effective != signed:
        draft.start = effective
    if stated and effective is None:
        draft.header_notes.append(
            "quyết định nêu ngày có hiệu lực nhưng không đọc được ngày đó: ghi plan.start"
        )
    if signed is None and span is None:
        draft.header_notes.append(
            "không đọc được ngày ký nên không biết kế hoạch có hiệu lực từ ngày nào: ghi ngày ký"
        )


def _guess_year(draft: Draft) -> int:
    years = [p.year for t in draft.tasks() for _, p in find_periods(t.timeline or "")]
    return Counter(years).most_common(1)[0][0] if years else 0


def _finish(draft: Draft, task: DraftTask) -> None:
    if not task.lead:
        task.notes.append("văn bản không nêu đơn vị chủ trì: lead để trống, điền theo văn bản")
    is_duty = task in draft.reporting
    if not task.timeline:
        task.timeline = "Theo hướng dẫn"
        task.notes.append("văn bản không nêu thời gian: ghi tạm 'Theo hướng dẫn'")
        task.as_instructed = True
    elif not (is_duty and task.recurring):
        what = task.title if len(task.title) < 120 else "Hoàn thành nhiệm vụ"
        schedule_from_timeline(task, what, draft.year)
    for note in task.notes:
        draft.reviews.append(f"{task.id}: {note}")


def import_text(document: Document, source_name: str) -> tuple[str, Draft]:
    """The YAML text of the draft plan, and the draft (its ``reviews`` and ``unplaced``)."""
    draft = build_draft(document)
    return render_yaml(draft, source_name), draft


def import_file(path: Path) -> tuple[str, Draft]:
    """Read the document at ``path`` (any format ``docreading`` reads) and import it."""
    return import_text(read_document(path), path.name)
