"""The plan's body (a tree of numbered blocks) → purposes, sections, tasks, reporting duties.

What is a task is decided by content and position, never by heading words: a block with
field lines ("Chủ trì: …", "Thời gian: …") is a task; a numbered block under a reform area
without any is a task too, its lead unknown. The section of a task is the reform area that
encloses it (the outermost block below the part, at whatever depth the part sits). Parts
are the top blocks whose titles say what they hold ("Mục đích, yêu cầu", "Nội dung, nhiệm
vụ", "Tổ chức thực hiện"); a document without part headings is all content.
"""

from __future__ import annotations

import re

from cai_cach.docreading import TableBlock, clean
from cai_cach.importing.blocks import Block, build_tree
from cai_cach.importing.draft import Draft, DraftSection, DraftTask
from cai_cach.importing.fields import register, split_parties
from cai_cach.importing.phrases import has_deadline
from cai_cach.importing.reporting import reporting_duties
from cai_cach.importing.tables import task_rows
from cai_cach.text import fold

_PURPOSE = re.compile(r"^(?:muc dich|yeu cau|muc tieu)\b")
_CONTENT = re.compile(r"\b(?:noi dung|nhiem vu|giai phap|cong viec)\b")
_IMPLEMENTATION = re.compile(r"^(?:to chuc thuc hien|trach nhiem|che do bao cao|phan cong)")
_OTHER_PART = re.compile(r"^(?:kinh phi|dieu khoan|hieu luc)")
_GOAL = re.compile(r"^(?:muc tieu|chi tieu)\b")
_LETTERS = "abcdefghiklmnopqrstuvxy"
# the title lines of an appendix: "DANH MỤC NHIỆM VỤ …", "(Kèm theo Kế hoạch số …)"
_APPENDIX_TITLE = re.compile(r"^(?:\((?:kèm|ban hành kèm) theo|[^a-zà-ỹđ]+$)", re.IGNORECASE)


def _head(block: Block) -> str:
    return " ".join(fold(block.title).split()).strip(" :.")


def part_of(block: Block) -> str:
    """What a top block holds: "purpose", "content", "implementation", "other" or "" (none:
    it is a reform area of a document without part headings)."""
    head = _head(block)
    if _IMPLEMENTATION.match(head):
        return "implementation"
    if _CONTENT.search(head):
        return "content"
    if _PURPOSE.match(head):
        return "purpose"
    if _OTHER_PART.match(head):
        return "other"
    return ""


class BodyReader:
    def __init__(self, draft: Draft) -> None:
        self.draft = draft

    def read(self, lines: list[str | TableBlock]) -> None:
        draft = self.draft
        root = build_tree(lines)
        draft.unplaced.extend(root.texts)
        for name, value in root.fields:
            draft.unplaced.append(f"{name}: {value}")
        for table in root.tables:
            self.table(table, None)
        loose: list[Block] = []  # reform areas outside any part
        plain = not any(block.children for block in root.children)  # a flat list of tasks
        for block in root.children:
            kind = "content" if block.style == "appendix" else part_of(block)
            if block.style == "appendix":
                block.texts = [t for t in block.texts if not _APPENDIX_TITLE.match(t)]
            if kind == "purpose" and not block.has_fields():
                self.purposes(block, "")
            elif kind == "implementation":
                self.implementation(block)
            elif kind == "content":
                self.content(block)
            elif kind == "" and (block.children or block.fields or block.tables or plain):
                loose.append(block)
            else:
                self.unplaced(block)
        if loose:
            holder = Block("", "root", "")
            holder.children = loose
            self.content(holder)

    # --- parts ------------------------------------------------------------------------
    def unplaced(self, block: Block) -> None:
        for inner in block.walk():
            if inner.title:
                self.draft.unplaced.append(clean(f"{inner.label} {inner.title}"))
            self.draft.unplaced.extend(inner.texts)
            self.draft.unplaced.extend(f"{n}: {v}" for n, v in inner.fields)
            for table in inner.tables:
                self.table(table, None)

    def purposes(self, block: Block, kind: str) -> None:
        draft = self.draft
        for text in block.texts:
            self._purpose_text(text, kind)
        for child in block.children:
            head = _head(child)
            if _PURPOSE.match(head) and len(head) < 30:
                inner = "yeu cau" if head.startswith("yeu cau") else "muc dich"
                rest = re.sub(r"^[^:]*:\s*", "", child.title) if ":" in child.title else ""
                if rest:
                    self._purpose_text(rest, inner)
                self.purposes(child, inner)
                continue
            self._purpose_text(child.title, kind)
            self.purposes(child, kind)
        for table in block.tables:
            self.table(table, None)
        if block.fields:
            draft.unplaced.extend(f"{n}: {v}" for n, v in block.fields)

    def _purpose_text(self, text: str, kind: str) -> None:
        match = re.match(r"^(muc dich|yeu cau|muc tieu)\s*:\s*", fold(text))
        if match:
            kind = "yeu cau" if match[1] == "yeu cau" else "muc dich"
            text = text[match.end() :]
        if text.strip():
            target = self.draft.requirements if kind == "yeu cau" else self.draft.purposes
            target.append(clean(text))

    def implementation(self, block: Block) -> None:
        draft = self.draft
        for number, inner in enumerate(block.walk()):
            texts = list(inner.texts) if inner is block else [inner.title, *inner.texts]
            for text in texts:
                draft.implementation.append(text)
                reporting_duties(draft, text, f"{block.key or 'BC'}.{inner.key or number}")
            for table in inner.tables:
                self.table(table, None)

    def content(self, part: Block) -> None:
        """The reform areas of a content part, and their tasks."""
        plain_part = not any(
            child.children or child.tables or child.has_fields() for child in part.children
        )
        own: DraftSection | None = None
        for text in part.texts:
            self.draft.unplaced.append(text)
        for child in part.children:
            if child.fields or (plain_part and child.key):
                if own is None:
                    own = self._part_section(part)
                self.task(child, own, "")
            elif _CONTENT.search(_head(child)) and child.children and len(_head(child)) < 40:
                self.content(child)  # "2. Nhiệm vụ" inside a part: a part itself
            elif child.children or child.tables:
                self.area(child)
            else:
                self.unplaced(child)
        for table in part.tables:
            self.table(table, own)

    def _part_section(self, part: Block) -> DraftSection:
        number = part.key or str(len(self.draft.sections) + 1)
        section = self.draft.section(number, part.title.rstrip(":.") or "Nhiệm vụ")
        if not part.key or not part.title:
            section.notes.append("văn bản không có tên mục trước các nhiệm vụ này: đặt tạm")
        return section

    def area(self, block: Block) -> None:
        number = block.key or str(len(self.draft.sections) + 1)
        section = self.draft.section(number, block.title.rstrip(":."))
        if not block.key:
            section.notes.append("mục không đánh số trong văn bản gốc: đặt số " + number)
        self.goals(section, block.texts)
        self.tasks_in(block, section, "")
        for table in block.tables:
            self.table(table, section)

    def goals(self, section: DraftSection, texts: list[str]) -> None:
        for text in texts:
            head = fold(text)
            if _GOAL.match(head):
                value = clean(re.sub(r"(?i)^(mục tiêu|chỉ tiêu)\s*[:.]?\s*", "", text))
                if value:
                    (section.targets if head.startswith("chi tieu") else section.objectives).append(
                        value
                    )
            elif "%" in text or head.startswith("ty le"):
                section.targets.append(text)
            else:
                self.draft.unplaced.append(text)

    def tasks_in(self, container: Block, section: DraftSection, prefix: str) -> None:
        numbered = [c for c in container.children if c.key]
        field_tasks = [c for c in container.children if c.has_fields()]
        task_styles = {c.style for c in field_tasks if c.fields}
        for child in container.children:
            head = _head(child)
            if _GOAL.match(head) and not child.has_fields():
                self.goals(section, [child.title, *child.texts])
                for inner in child.walk()[1:]:
                    self.goals(section, [inner.title, *inner.texts])
                continue
            if child.fields:
                self.task(child, section, prefix)
            elif child.has_fields() or any(c.key for c in child.children):
                group = (
                    prefix if _CONTENT.search(head) or not child.key else f"{prefix}{child.key}."
                )
                if child.key and not _CONTENT.search(head):
                    section.notes.append(f"nhóm nhiệm vụ {child.key}. {child.title}")
                self.goals(section, child.texts)
                self.tasks_in(child, section, group)
            elif child.key or child.style in task_styles or not (numbered or field_tasks):
                self.task(child, section, prefix)
            else:
                self.draft.unplaced.append(child.title)
                self.draft.unplaced.extend(child.texts)
            for table in child.tables if not child.fields else []:
                self.table(table, section)

    # --- tasks ------------------------------------------------------------------------
    def task(self, block: Block, section: DraftSection, prefix: str) -> None:
        draft = self.draft
        task = DraftTask(id=f"{prefix}{block.key}" if block.key else "", title=block.title)
        if block.joined:
            task.notes.append("tên nhiệm vụ nối từ hai đoạn văn trong văn bản gốc")
        details = [c for c in block.children if not c.has_fields()]
        if task.title.endswith(":") and details:
            task.title = clean(f"{task.title} {'; '.join(c.title for c in details)}")
            details = []
        for text in block.texts:
            if text[:1].islower() and not block.fields:
                task.title = clean(f"{task.title} {text}")
                task.notes.append("tên nhiệm vụ nối từ hai đoạn văn trong văn bản gốc")
            elif not task.timeline and has_deadline(text) and not block.fields:
                task.timeline = text
            else:
                draft.unplaced.append(f"({section.id}) {text}")
        for detail in details:
            draft.unplaced.append(f"({section.id}) {clean(detail.label + ' ' + detail.title)}")
            draft.unplaced.extend(detail.texts)
        self.open_task(section, task)
        for name, value in block.fields:
            self.set_field(task, name, value)
        if not block.fields:
            task.has_fields = False
            if not task.timeline and has_deadline(task.title):
                task.timeline = task.title
                task.notes.append(
                    "thời hạn lấy từ nội dung nhiệm vụ (văn bản không có dòng 'Thời gian')"
                )
        for child in block.children:
            if child.has_fields():
                self.task(child, section, f"{task.id.split('.', 1)[-1]}.")
        for table in block.tables:
            self.table(table, section)

    def open_task(self, section: DraftSection, task: DraftTask) -> None:
        draft = self.draft
        own = task.id
        if not own:
            own = _LETTERS[len(section.tasks) % len(_LETTERS)]
            task.notes.append(f"văn bản gốc không đánh số nhiệm vụ này; đặt mã {section.id}.{own}")
        task.id = own if own.startswith(section.id + ".") else f"{section.id}.{own}"
        task.id = re.sub(r"\s+", "", task.id)
        duty = next((d for d in draft.reporting if d.id == task.id), None)
        if duty is not None:  # a reporting duty numbered by its paragraph gives way to the task
            own, number = f"BC.{duty.id}", 2
            while own in draft.task_ids:
                own, number = f"BC.{duty.id}-{number}", number + 1
            duty.notes.append(f"mã '{duty.id}' trùng với một nhiệm vụ; đặt '{own}'")
            draft.task_ids.discard(duty.id)
            draft.task_ids.add(own)
            duty.id = own
        if task.id in draft.task_ids:
            base, number = task.id, 2
            while f"{base}-{number}" in draft.task_ids:
                number += 1
            task.notes.append(f"mã '{base}' trùng trong văn bản gốc; đặt '{base}-{number}'")
            task.id = f"{base}-{number}"
        draft.task_ids.add(task.id)
        task.has_fields = True
        section.tasks.append(task)

    def set_field(self, task: DraftTask, name: str, value: str) -> None:
        draft = self.draft
        if not value:
            return
        if name in ("lead", "support"):
            names, notes = split_parties(value)
            task.notes.extend(notes)
            ids = [register(draft, n) for n in names]
            if name == "lead" and task.lead:
                task.notes.append("có hai dòng 'Chủ trì': gộp lại")
            target = task.lead if name == "lead" else task.support
            target.extend(i for i in ids if i not in target)
        elif name == "products":
            task.products = clean(f"{task.products or ''} {value}")
        else:
            task.timeline = clean(f"{task.timeline or ''} {value}")

    # --- tables -----------------------------------------------------------------------
    def table(self, table: TableBlock, context: DraftSection | None) -> None:
        draft = self.draft
        rows = task_rows(table)
        if not rows:
            for cells in table.rows:
                if any(cell.strip() for cell in cells):
                    draft.unplaced.append(" | ".join(clean(cell) for cell in cells))
            return
        section = context
        group = ""
        known = {fold(t.title): t for t in draft.tasks()}
        for row in rows:
            if row.group and row.depth == 0:
                number = row.number or str(len(draft.sections) + 1)
                section = draft.section(number, row.content)
                group = ""
                continue
            if row.group:
                group = row.number
                continue
            same = known.get(fold(row.content))
            if same is not None:
                for name, value in row.fields.items():
                    if not getattr(same, name):
                        self.set_field(same, name, value)
                continue
            if section is None:
                section = draft.section(str(len(draft.sections) + 1), "Nhiệm vụ")
                section.notes.append("bảng không có dòng tên mục trước nhiệm vụ này: đặt tạm")
            number = row.number
            if group and number and not number.startswith(group + "."):
                number = f"{group}.{number}"
            task = DraftTask(id=number, title=row.content)
            self.open_task(section, task)
            if not row.fields.get("lead"):
                task.has_fields = False
            for name, value in row.fields.items():
                self.set_field(task, name, value)


def read_body(draft: Draft, lines: list[str | TableBlock]) -> None:
    BodyReader(draft).read(lines)
