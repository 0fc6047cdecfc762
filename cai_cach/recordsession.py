"""One plan file being edited by ``done``/``note``/``evidence``: the old bytes and plan, the
text being changed, and the checked, locked, atomic save (see ``record`` for the rules)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import yaml

from cai_cach.atomic import write_atomic
from cai_cach.cache import content_key
from cai_cach.draftmarks import marks_in_bytes
from cai_cach.errors import PlanError, RecordError
from cai_cach.loading import LoadedPlan, plan_from_bytes, validate_bytes
from cai_cach.models import Plan, Task
from cai_cach.periods import Period, format_day
from cai_cach.recordtarget import TaskRef, _unknown_task, find_task, task_refs
from cai_cach.summary import task_summary, with_task
from cai_cach.yamledit import (
    ChangedLine,
    YamlText,
    changed_lines,
    compose_item,
    node_at,
)
from cai_cach.yamlsource import MAX_BYTES, PathKey, read_bytes

if TYPE_CHECKING:
    from cai_cach.cache import PlanCache

Action = Literal[
    "done", "undone", "note_added", "note_removed", "evidence_added", "evidence_removed"
]


# --- the edit session ----------------------------------------------------------------------


@dataclass(frozen=True)
class Recorded:
    """What was written, for the command to tell the clerk."""

    display: str
    task: Task
    action: Action
    what: str
    day: date | None = None
    period: Period | None = None
    previous: date | None = None
    note: str | None = None
    lines: tuple[ChangedLine, ...] = ()


class _Session:
    """One plan file being edited: the old bytes and plan, the text being changed, and the one
    task being changed as it must read afterwards.

    The cost is kept to the size of the edit plus one validation of the written bytes: the old
    plan comes from the ``cache`` when its bytes are there, only the edited task's lines are
    composed to YAML nodes (``yamledit.compose_item``), the expected result is a copy of that
    one task, and the lines shown come from a linear diff."""

    def __init__(self, path: Path, cache: PlanCache | None = None) -> None:
        self.path = path
        self.display = str(path)
        self.raw = read_bytes(path, self.display)
        self.cache = cache
        hit = cache.get_entry(content_key(self.raw), self.display) if cache is not None else None
        self.plan = hit[0].plan if hit is not None else plan_from_bytes(self.raw, self.display)[0]
        self.summary = hit[1] if hit is not None else None  # as stored: reused, one task new
        self.text = YamlText(self.raw)
        self.old_lines = list(self.text.lines)
        self.ref: TaskRef | None = None
        self.expected: Task | None = None

    def task(self, task_id: str) -> TaskRef:
        ref = find_task(self.plan, task_id)
        if ref is None:
            raise _unknown_task([self.plan], task_id)
        self.ref = ref
        return ref

    def expected_task(self, ref: TaskRef) -> Task:
        """The task as it must read after the edit (one task per session)."""
        if self.expected is None:
            self.expected = ref.task.model_copy(deep=True)
        assert ref == self.ref
        return self.expected

    def node(self, path: PathKey) -> yaml.Node:
        ref = self.ref
        if ref is not None and path[: len(ref.path)] == ref.path:
            item = compose_item(self.text, "id", ref.task.id)
            if item is not None:
                return node_at(item, path[len(ref.path) :])
        return node_at(self.text.compose(), path)

    def _summary(self, written: LoadedPlan) -> dict[str, Any] | None:
        """The written plan's summary: the old one with the edited task summarised again
        (``None``: summarise it whole)."""
        if self.summary is None or self.ref is None:
            return None
        refs = task_refs(written.plan)
        index = next((i for i, ref in enumerate(refs) if ref.path == self.ref.path), None)
        if index is None:
            return None
        path = self.ref.path
        section = None if path[0] == "reporting" else written.plan.sections[int(path[1])]
        return with_task(self.summary, index, task_summary(written.plan, section, refs[index].task))

    def _means_expected(self, new_plan: Plan) -> bool:
        """Whether ``new_plan`` is the old plan with the edited task as expected, nothing else."""
        if self.ref is None or self.expected is None:
            return new_plan == self.plan
        path = self.ref.path
        holder: list[Any] = (
            new_plan.reporting
            if path[0] == "reporting"
            else new_plan.sections[int(path[1])].tasks
            if int(path[1]) < len(new_plan.sections)
            else []
        )
        index = int(path[-1])
        if index >= len(holder) or holder[index].model_dump() != self.expected.model_dump():
            return False
        edited = holder[index]
        holder[index] = self.ref.task  # the rest must be the old plan, unchanged
        try:
            return new_plan == self.plan
        finally:
            holder[index] = edited

    def check_year(self, day: date, force: bool, what: str) -> None:
        if day.year != self.plan.year and not force:
            raise RecordError(
                f"ngày {format_day(day)} ({what}) nằm ngoài năm kế hoạch {self.plan.year}",
                "kiểm tra lại năm; nếu đúng là như vậy (ví dụ báo cáo năm gửi đầu năm sau), "
                "thêm --force",
            )

    def save(self) -> tuple[ChangedLine, ...]:
        """Validate the edited text, check it means exactly the intended change, write it."""
        new_raw = self.text.to_bytes()
        try:
            written = validate_bytes(self.path, new_raw, self.display)
        except PlanError as err:
            raise RecordError(
                f"sau khi sửa, tệp {self.display} sẽ không hợp lệ nên chưa ghi gì; tệp giữ nguyên",
                "báo lỗi này cho người bảo trì, kèm dòng sau: " + err.problems[0].render(),
            ) from None
        if not self._means_expected(written.plan):
            raise RecordError(
                f"không sửa an toàn được tệp {self.display} (kết quả khác với điều cần ghi); "
                "tệp giữ nguyên",
                "ghi tay vào tệp kế hoạch và báo cho người bảo trì",
            )
        if len(new_raw) > MAX_BYTES:
            raise RecordError(
                f"ghi thêm thì tệp {self.display} sẽ vượt giới hạn {MAX_BYTES // (1024 * 1024)} MB "
                "của tệp kế hoạch nên chưa ghi gì; tệp giữ nguyên",
                "tách kế hoạch thành nhiều tệp hoặc chuyển bớt ghi chú cũ sang tệp khác",
            )
        if read_bytes(self.path, self.display) != self.raw:
            raise RecordError(
                f"tệp {self.display} vừa bị một chương trình khác sửa; chưa ghi gì",
                "lưu và đóng tệp trong trình soạn thảo rồi chạy lại lệnh",
            )
        write_atomic(self.path, new_raw)
        if self.cache is not None:  # the next command on this plan reads it from the cache
            self.cache.put(
                content_key(new_raw),
                written.plan,
                written.warnings,
                plain=self._summary(written),
                marks=marks_in_bytes(new_raw),  # a draft stays a draft on the next warm hit
            )
        return changed_lines(self.old_lines, self.text.lines)


#: The edit session, for features that record other things the same way (``evidence``).
EditSession = _Session
