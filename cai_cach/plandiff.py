"""What changed between two versions of a plan, in the plan's own terms.

``diff_plans`` compares two ``Plan`` values (pure): every change is one ``PlanChange`` with a
Vietnamese sentence, grouped by section. Which plan files changed between two git revisions,
and reading each side, is ``revisiondiff``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from cai_cach.fields import Deadline
from cai_cach.models import Milestone, Plan, Recurrence, Section, Task
from cai_cach.periods import CADENCE_LABEL, format_day, parse_period
from cai_cach.text import shorten

GENERAL = "Thông tin chung"
OFFICIALS = "Công chức"
REPORTING = "Nghĩa vụ báo cáo (Tổ chức thực hiện)"

_Item = TypeVar("_Item", Milestone, Recurrence)


@dataclass(frozen=True)
class PlanChange:
    """One change: ``message`` is the line the clerk reads; ``old``/``new`` are for scripts."""

    plan: str
    section: str
    task: str | None
    kind: str
    message: str
    old: Any = None
    new: Any = None
    old_file: str | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "plan": self.plan,
            "old_file": self.old_file,
            "section": self.section,
            "task": self.task,
            "kind": self.kind,
            "message": self.message,
            "old": self.old,
            "new": self.new,
        }


def _quote(text: str, width: int = 90) -> str:
    return f"“{shorten(' '.join(text.split()), width)}”"


def _iso_day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _section_label(section: Section | None) -> str:
    return REPORTING if section is None else f"Mục {section.id}. {section.title}"


class _Differ:
    """Collects the changes between an old and a new version of one plan."""

    def __init__(self, old: Plan, new: Plan, plan: str, old_file: str | None) -> None:
        self.old = old
        self.new = new
        self.plan = plan
        self.old_file = old_file
        self.changes: list[PlanChange] = []

    def add(
        self,
        section: str,
        task: str | None,
        kind: str,
        message: str,
        old: Any = None,
        new: Any = None,
    ) -> None:
        self.changes.append(
            PlanChange(self.plan, section, task, kind, message, old, new, self.old_file)
        )

    # -- the whole plan --

    def run(self) -> list[PlanChange]:
        self.general()
        self.officials()
        self.sections()
        self.tasks()
        return self.changes

    def general(self) -> None:
        old, new = self.old.plan, self.new.plan
        if old.title != new.title:
            self.add(
                GENERAL,
                None,
                "plan_title",
                f"Sửa tên kế hoạch: {_quote(old.title)} → {_quote(new.title)}",
                old.title,
                new.title,
            )
        if old.year != new.year:
            self.add(
                GENERAL,
                None,
                "plan_year",
                f"Sửa năm kế hoạch: {old.year} → {new.year}",
                old.year,
                new.year,
            )
        parts: list[tuple[str, str, Any, Any]] = [
            ("agency", "thông tin cơ quan ban hành", old.agency, new.agency),
            ("decision", "thông tin quyết định ban hành kế hoạch", old.decision, new.decision),
            ("purposes", "phần mục đích (I.1)", old.purposes, new.purposes),
            ("requirements", "phần yêu cầu (I.2)", old.requirements, new.requirements),
            (
                "implementation",
                "phần tổ chức thực hiện (III)",
                self.old.implementation,
                self.new.implementation,
            ),
        ]
        for kind, label, before, after in parts:
            if before != after:
                self.add(GENERAL, None, kind, f"Sửa {label}")

    def officials(self) -> None:
        old, new = self.old.officials, self.new.officials
        for oid in old.keys() - new.keys():
            self.add(OFFICIALS, None, "official_removed", f"Bỏ công chức {oid}: {old[oid].label}")
        for oid in new:
            if oid not in old:
                self.add(
                    OFFICIALS, None, "official_added", f"Thêm công chức {oid}: {new[oid].label}"
                )
                continue
            before, after = old[oid], new[oid]
            if before.title != after.title:
                self.add(
                    OFFICIALS,
                    None,
                    "official_title",
                    f"Công chức {oid}: đổi chức danh {before.title} → {after.title}",
                    before.title,
                    after.title,
                )
            if before.name != after.name:
                self.add(
                    OFFICIALS,
                    None,
                    "official_name",
                    f"Công chức {oid} ({after.title}): họ tên {before.name or '(chưa ghi)'} → "
                    f"{after.name or '(bỏ trống)'}",
                    before.name,
                    after.name,
                )

    def sections(self) -> None:
        old = {section.id: section for section in self.old.sections}
        new = {section.id: section for section in self.new.sections}
        for sid, section in old.items():
            if sid not in new:
                self.add(
                    _section_label(section),
                    None,
                    "section_removed",
                    f"Bỏ mục {sid}. {section.title}",
                )
        for sid, section in new.items():
            if sid not in old:
                self.add(
                    _section_label(section),
                    None,
                    "section_added",
                    f"Thêm mục {sid}. {section.title}",
                )
            elif old[sid].title != section.title:
                self.add(
                    _section_label(section),
                    None,
                    "section_title",
                    f"Mục {sid}: đổi tên {_quote(old[sid].title)} → {_quote(section.title)}",
                    old[sid].title,
                    section.title,
                )

    # -- tasks --

    def tasks(self) -> None:
        old = {task.id: (section, task) for section, task in self.old.tasks()}
        new = {task.id: (section, task) for section, task in self.new.tasks()}
        for tid, (section, task) in old.items():
            if tid not in new:
                self.add(
                    _section_label(section),
                    tid,
                    "task_removed",
                    f"Bỏ nhiệm vụ {tid}: {_quote(task.title)}",
                    task.title,
                )
        for tid, (section, task) in new.items():
            label = _section_label(section)
            if tid not in old:
                self.add(
                    label,
                    tid,
                    "task_added",
                    f"Thêm nhiệm vụ {tid}: {_quote(task.title)}",
                    None,
                    task.title,
                )
                continue
            old_section, old_task = old[tid]
            old_id = old_section.id if old_section else None
            new_id = section.id if section else None
            if old_id != new_id:
                self.add(
                    label,
                    tid,
                    "task_moved",
                    f"Nhiệm vụ {tid}: chuyển từ {_section_label(old_section)} sang {label}",
                    old_id,
                    new_id,
                )
            _TaskDiffer(self, label, old_task, task).run()


class _TaskDiffer:
    """The changes inside one task that exists on both sides."""

    def __init__(self, owner: _Differ, section: str, old: Task, new: Task) -> None:
        self.owner = owner
        self.section = section
        self.old = old
        self.new = new
        self.tid = new.id

    def add(self, kind: str, message: str, old: Any = None, new: Any = None) -> None:
        self.owner.add(self.section, self.tid, kind, f"Nhiệm vụ {self.tid}: {message}", old, new)

    def run(self) -> None:
        self.texts()
        self.people()
        self.flags()
        self.milestones()
        self.recurring()
        self.notes()

    def texts(self) -> None:
        for kind, label in (("title", "sửa nội dung"), ("timeline", "sửa thời gian thực hiện")):
            before, after = getattr(self.old, kind), getattr(self.new, kind)
            if before != after:
                self.add(kind, f"{label}: {_quote(before)} → {_quote(after)}", before, after)
        if self.old.products != self.new.products:
            before = _quote(self.old.products) if self.old.products else "(không có)"
            after = _quote(self.new.products) if self.new.products else "(bỏ trống)"
            self.add(
                "products",
                f"sửa sản phẩm: {before} → {after}",
                self.old.products,
                self.new.products,
            )
        old_recipient = getattr(self.old, "recipient", None)
        new_recipient = getattr(self.new, "recipient", None)
        if old_recipient != new_recipient:
            self.add(
                "recipient",
                f"nơi nhận báo cáo: {old_recipient or '(không có)'} → "
                f"{new_recipient or '(bỏ trống)'}",
                old_recipient,
                new_recipient,
            )

    def people(self) -> None:
        for role, label in (("lead", "chủ trì"), ("support", "phối hợp")):
            before: list[str] = getattr(self.old, role)
            after: list[str] = getattr(self.new, role)
            if before == after:
                continue
            old_titles = self.owner.old.titles(before)
            new_titles = self.owner.new.titles(after)
            if old_titles == new_titles:
                continue  # only the ids were renamed; the officials are the same
            self.add(
                role,
                f"{label}: {'; '.join(old_titles) or '(không có)'} → "
                f"{'; '.join(new_titles) or '(không có)'}",
                old_titles,
                new_titles,
            )

    def flags(self) -> None:
        for flag, label in (
            ("ongoing", "thường xuyên"),
            ("as_instructed", "theo chỉ đạo, hướng dẫn của cấp trên"),
        ):
            before, after = getattr(self.old, flag), getattr(self.new, flag)
            if before != after:
                verb = "đánh dấu" if after else "bỏ đánh dấu"
                self.add(flag, f"{verb} “{label}”", before, after)

    def milestones(self) -> None:
        for before, after in _pair(self.old.milestones, self.new.milestones):
            if before is None and after is not None:
                self.add(
                    "milestone_added",
                    f"thêm mốc “{after.what}” (hạn {after.due.text})",
                    None,
                    after.what,
                )
            elif after is None and before is not None:
                self.add(
                    "milestone_removed",
                    f"bỏ mốc “{before.what}” (hạn {before.due.text})",
                    before.what,
                )
            elif before is not None and after is not None:
                self.milestone(before, after)

    def milestone(self, old: Milestone, new: Milestone) -> None:
        what = f"mốc “{new.what}”"
        if old.what != new.what:
            self.add(
                "milestone_renamed", f"đổi tên mốc “{old.what}” → “{new.what}”", old.what, new.what
            )
        self.deadline(what, old.due, new.due)
        if old.done is None and new.done is not None:
            self.add(
                "milestone_completed",
                f"hoàn thành {what} ngày {format_day(new.done)}",
                None,
                _iso_day(new.done),
            )
        elif old.done is not None and new.done is None:
            self.add(
                "milestone_reopened",
                f"mở lại {what} (bỏ ngày hoàn thành {format_day(old.done)})",
                _iso_day(old.done),
                None,
            )
        elif old.done is not None and new.done is not None and old.done != new.done:
            self.add(
                "completion_date_changed",
                f"sửa ngày hoàn thành {what}: {format_day(old.done)} → {format_day(new.done)}",
                _iso_day(old.done),
                _iso_day(new.done),
            )
        if old.note != new.note:
            if old.note is None:
                message = f"thêm ghi chú cho {what}: {_quote(new.note or '')}"
                kind = "milestone_note_added"
            elif new.note is None:
                message = f"bỏ ghi chú của {what}: {_quote(old.note)}"
                kind = "milestone_note_removed"
            else:
                message = f"sửa ghi chú của {what}: {_quote(old.note)} → {_quote(new.note)}"
                kind = "milestone_note_changed"
            self.add(kind, message, old.note, new.note)

    def deadline(self, what: str, old: Deadline, new: Deadline) -> None:
        if old.date != new.date:
            self.add(
                "deadline_moved",
                f"dời hạn {what} từ {old.text} ({format_day(old.date)}) sang {new.text} "
                f"({format_day(new.date)})",
                old.text,
                new.text,
            )
        elif old.text != new.text:
            self.add(
                "deadline_reworded",
                f"ghi lại hạn {what}: “{old.text}” → “{new.text}” (vẫn là {format_day(new.date)})",
                old.text,
                new.text,
            )

    def recurring(self) -> None:
        for before, after in _pair(self.old.recurring, self.new.recurring):
            if before is None and after is not None:
                self.add(
                    "recurrence_added",
                    f"thêm nghĩa vụ định kỳ “{after.what}” ({CADENCE_LABEL[after.every]})",
                    None,
                    after.what,
                )
            elif after is None and before is not None:
                self.add(
                    "recurrence_removed",
                    f"bỏ nghĩa vụ định kỳ “{before.what}” ({CADENCE_LABEL[before.every]})",
                    before.what,
                )
            elif before is not None and after is not None:
                self.recurrence(before, after)

    def recurrence(self, old: Recurrence, new: Recurrence) -> None:
        what = f"“{new.what}”"
        if old.what != new.what:
            self.add(
                "recurrence_renamed",
                f"đổi tên nghĩa vụ định kỳ “{old.what}” → “{new.what}”",
                old.what,
                new.what,
            )
        if old.every != new.every:
            self.add(
                "cadence_changed",
                f"đổi chu kỳ của {what}: {CADENCE_LABEL[old.every]} → {CADENCE_LABEL[new.every]}",
                old.every,
                new.every,
            )
        if old.due_day != new.due_day:
            old_day = f"ngày {old.due_day}" if old.due_day else "ngày cuối kỳ"
            new_day = f"ngày {new.due_day}" if new.due_day else "ngày cuối kỳ"
            self.add(
                "due_day_changed",
                f"dời hạn hằng kỳ của {what}: {old_day} → {new_day}",
                old.due_day,
                new.due_day,
            )
        old_done = _by_period(old.done)
        new_done = _by_period(new.done)
        for key in sorted(old_done.keys() | new_done.keys(), key=_period_order):
            before, after = old_done.get(key), new_done.get(key)
            label = _period_label(key)
            if before is None and after is not None:
                self.add(
                    "occurrence_recorded",
                    f"ghi nhận {what} {label} đã làm ngày {format_day(after)}",
                    None,
                    {"period": key, "done": _iso_day(after)},
                )
            elif after is None and before is not None:
                self.add(
                    "occurrence_removed",
                    f"bỏ ghi nhận {what} {label} (trước ghi ngày {format_day(before)})",
                    {"period": key, "done": _iso_day(before)},
                    None,
                )
            elif before is not None and after is not None and before != after:
                self.add(
                    "occurrence_date_changed",
                    f"sửa ngày làm {what} {label}: {format_day(before)} → {format_day(after)}",
                    {"period": key, "done": _iso_day(before)},
                    {"period": key, "done": _iso_day(after)},
                )

    def notes(self) -> None:
        before = Counter((note.date, note.text) for note in self.old.notes)
        after = Counter((note.date, note.text) for note in self.new.notes)
        for day, text in (before - after).elements():
            self.add(
                "note_removed",
                f"bỏ ghi chú ngày {format_day(day)}: {_quote(text)}",
                {"date": _iso_day(day), "text": text},
            )
        for day, text in (after - before).elements():
            self.add(
                "note_added",
                f"thêm ghi chú ngày {format_day(day)}: {_quote(text)}",
                None,
                {"date": _iso_day(day), "text": text},
            )


def _pair(old: list[_Item], new: list[_Item]) -> list[tuple[_Item | None, _Item | None]]:
    """Match items by name, then the unmatched ones in order (a renamed item), then the rest
    as added or removed."""
    pairs: list[tuple[_Item | None, _Item | None]] = []
    unmatched_new = list(new)
    leftovers: list[_Item] = []
    for item in old:
        same = next((other for other in unmatched_new if other.what == item.what), None)
        if same is None:
            leftovers.append(item)
        else:
            unmatched_new.remove(same)
            pairs.append((item, same))
    for index, item in enumerate(leftovers):
        pairs.append((item, unmatched_new[index] if index < len(unmatched_new) else None))
    pairs += [(None, item) for item in unmatched_new[len(leftovers) :]]
    return pairs


def _by_period(done: dict[str, date]) -> dict[str, date]:
    """Recorded occurrences keyed by their canonical period key (2024-q1 → 2024-Q1)."""
    result: dict[str, date] = {}
    for key, value in done.items():
        try:
            result[parse_period(key).key] = value
        except ValueError:
            result[key] = value
    return result


def _period_order(key: str) -> tuple[date, str]:
    try:
        return parse_period(key).start, key
    except ValueError:
        return date.min, key


def _period_label(key: str) -> str:
    try:
        return parse_period(key).label
    except ValueError:
        return key


def diff_plans(old: Plan, new: Plan, plan: str, old_file: str | None = None) -> list[PlanChange]:
    """Every change from ``old`` to ``new``, grouped: general, officials, then sections."""
    changes = _Differ(old, new, plan, old_file).run()
    order = [GENERAL, OFFICIALS]
    order += [_section_label(section) for section in old.sections + new.sections]
    order.append(REPORTING)
    rank = {label: index for index, label in reversed(list(enumerate(order)))}
    return sorted(changes, key=lambda change: rank.get(change.section, len(order)))
