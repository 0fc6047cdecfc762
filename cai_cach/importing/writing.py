"""A draft → the text of a plan YAML file, with a ``# xem lại: …`` comment at every guess and
``# chưa xếp: …`` comments for the text that fitted nowhere.

An unread number, date or signer is not written at all (the model allows a draft without
them and ``check`` warns): its place holds the review comment instead.
"""

from __future__ import annotations

import json
import re

from cai_cach import yamledit
from cai_cach.importing.draft import REVIEW, UNPLACED, Draft, DraftTask, Issuance

_NUMBER_LIKE = re.compile(r"[-+.\d_:eE]+")


def scalar(text: str) -> str:
    """A YAML scalar for ``text`` (``yamledit.scalar`` in block context); a text that looks
    like a number or a date, or spans lines, is double-quoted as well."""
    if "\n" in text or _NUMBER_LIKE.fullmatch(text):
        return json.dumps(text, ensure_ascii=False)
    return yamledit.scalar(text, flow=False)


def _comment(text: str) -> str:
    return " ".join(text.split())


def render_yaml(draft: Draft, source_name: str) -> str:
    out: list[str] = [
        "# yaml-language-server: $schema=../schema/plan.schema.json",
        f"# Bản nháp do 'caicach import' tạo từ {_comment(source_name)}.",
        f"# Tìm các dòng '# {REVIEW}' và '# {UNPLACED}', sửa cho đúng văn bản gốc rồi xóa dấu đó.",
        "plan:",
        f"  title: {scalar(draft.title or 'Kế hoạch cải cách hành chính')}",
        f"  year: {draft.year}",
        "  agency:",
        f"    name: {scalar(draft.agency_name or 'Ủy ban nhân dân')}",
    ]
    if not draft.title:
        out[4] += f"  # {REVIEW}: không đọc được tên kế hoạch"
        draft.reviews.append("plan.title: không đọc được tên kế hoạch")
    if not draft.agency_name:
        out[-1] += f"  # {REVIEW}: không đọc được tên cơ quan ở phần đầu văn bản"
        draft.reviews.append("plan.agency.name: không đọc được tên cơ quan")
    if draft.parent:
        out.append(f"    parent: {scalar(draft.parent)}")
    else:
        out.append(f"    # {REVIEW}: cơ quan cấp trên (parent) không ghi ở phần đầu văn bản")
    out.append(f"    place: {scalar(draft.agency_place or draft.agency_name or 'xã')}")
    for key, issued in (("decision", draft.decision), ("document", draft.document)):
        if issued is not None:
            out.extend(_issuance(key, issued, draft))
    if draft.start is not None:
        out.append(f"  start: {draft.start.isoformat()}")
    if draft.end is not None:
        out.append(f"  end: {draft.end.isoformat()}")
    for note in draft.header_notes:
        out.append(f"  # {REVIEW}: {_comment(note)}")
        draft.reviews.insert(0, f"plan: {note}")
    for key, items in (("purposes", draft.purposes), ("requirements", draft.requirements)):
        if items:
            out.append(f"  {key}:")
            out.extend(f"    - {scalar(item)}" for item in items)
    out.append("")
    out.append("# Người và đơn vị chủ trì, phối hợp (tên lấy từ văn bản; mã do máy đặt).")
    out.append("officials:")
    if not draft.parties:
        out.append(f"  # {REVIEW}: văn bản không nêu người, đơn vị chủ trì nào")
        out.append("  ubnd:")
        out.append(f"    title: {scalar(draft.agency_name or 'Ủy ban nhân dân')}")
        draft.reviews.append("officials: văn bản không nêu người, đơn vị chủ trì nào")
    for party in draft.parties.values():
        out.append(f"  {party.id}:")
        line = f"    title: {scalar(party.title)}"
        if party.note:
            line += f"  # {REVIEW}: {_comment(party.note)}"
            draft.reviews.append(f"officials.{party.id}: {party.note}")
        out.append(line)
        if party.group:
            out.append("    group: true")
    out.append("")
    out.append("sections:")
    for section in draft.sections:
        out.append(f"  - id: {scalar(section.id)}")
        for note in section.notes:
            out.append(f"    # {REVIEW}: {_comment(note)}")
            draft.reviews.append(f"mục {section.id}: {note}")
        out.append(f"    title: {scalar(section.title)}")
        for key, items in (("objectives", section.objectives), ("targets", section.targets)):
            if items:
                out.append(f"    {key}:")
                out.extend(f"      - {scalar(item)}" for item in items)
        out.append("    tasks:")
        for task in section.tasks:
            out.extend(_task_lines(task, "      "))
        out.append("")
    if draft.reporting:
        out.append("reporting:")
        for duty in draft.reporting:
            out.extend(_task_lines(duty, "  "))
        out.append("")
    if draft.implementation:
        out.append("implementation:")
        out.extend(f"  - {scalar(item)}" for item in draft.implementation)
    if draft.removed_characters:
        note = (
            f"đã bỏ {draft.removed_characters} ký tự ẩn hoặc điều khiển hướng chữ "
            "(chữ có thể đọc khác với nội dung thật): so lại với văn bản gốc"
        )
        out.insert(3, f"# {REVIEW}: {note}")
        draft.reviews.insert(0, f"văn bản: {note}")
    if draft.unplaced:
        out.append("")
        out.append(f"# {UNPLACED}: các đoạn văn bản gốc chưa đặt vào trường nào (giữ nguyên văn):")
        out.extend(f"# {UNPLACED}: {_comment(text)}" for text in draft.unplaced)
    return "\n".join(out).rstrip() + "\n"


_ISSUED_MISSING = {
    "number": "không đọc được số {label}",
    "date": "không đọc được ngày ký",
    "signer": "không đọc được tên người ký",
    "signer_title": "không đọc được chức vụ người ký",
}


def _issuance(key: str, issued: Issuance, draft: Draft) -> list[str]:
    out = [f"  {key}:"]
    label = "quyết định" if key == "decision" else "kế hoạch"
    values = {
        "number": scalar(issued.number) if issued.number else None,
        "date": issued.date.isoformat() if issued.date else None,
        "place": scalar(issued.place) if issued.place else None,
        "title": scalar(issued.title) if issued.title and key == "decision" else None,
        "signer": scalar(issued.signer) if issued.signer else None,
        "signer_title": scalar(issued.signer_title) if issued.signer_title else None,
        "authority": scalar(issued.authority) if issued.authority else None,
    }
    for name, value in values.items():
        if value:
            out.append(f"    {name}: {value}")
        elif name in _ISSUED_MISSING:
            missing = _ISSUED_MISSING[name].format(label=label)
            out.append(f"    # {REVIEW}: {missing} ({name}: để trống, điền theo văn bản gốc)")
            draft.reviews.append(f"plan.{key}.{name}: {missing}")
    lists = [("grounds", issued.grounds), ("recipients", issued.recipients)]
    if key == "decision":
        lists.insert(1, ("articles", issued.articles))
    for name, items in lists:
        if items:
            out.append(f"    {name}:")
            out.extend(f"      - {scalar(item)}" for item in items)
    return out


def _task_lines(task: DraftTask, indent: str) -> list[str]:
    out = [f"{indent}- id: {scalar(task.id)}"]
    inner = indent + "  "
    for note in task.notes:
        out.append(f"{inner}# {REVIEW}: {_comment(note)}")
    out.append(f"{inner}title: {scalar(task.title)}")
    out.append(f"{inner}lead: [{', '.join(task.lead)}]")
    if task.support:
        out.append(f"{inner}support: [{', '.join(task.support)}]")
    if task.recipient:
        out.append(f"{inner}recipient: {scalar(task.recipient)}")
    if task.internal:
        out.append(f"{inner}internal: true")
    if task.products:
        out.append(f"{inner}products: {scalar(task.products)}")
    out.append(f"{inner}timeline: {scalar(task.timeline or '')}")
    if task.ongoing:
        out.append(f"{inner}ongoing: true")
    if task.as_instructed:
        out.append(f"{inner}as_instructed: true")
    if task.milestones:
        out.append(f"{inner}milestones:")
        for milestone in task.milestones:
            out.append(f"{inner}  - what: {scalar(milestone.what)}")
            out.append(f"{inner}    due: {scalar(milestone.due)}")
    if task.recurring:
        out.append(f"{inner}recurring:")
        for recurrence in task.recurring:
            out.append(f"{inner}  - what: {scalar(recurrence.what)}")
            out.append(f"{inner}    every: {scalar(recurrence.every)}")
            if recurrence.due_day:
                out.append(f"{inner}    due_day: {recurrence.due_day}")
    return out
