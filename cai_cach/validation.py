"""Turn schema errors into field-addressed Vietnamese problems, and check cross-references."""

from __future__ import annotations

import difflib
import functools
import types
import typing
from datetime import date
from typing import Any

from pydantic import BaseModel, ValidationError

from cai_cach.errors import Problem
from cai_cach.models import Evidence, Milestone, Plan, Task
from cai_cach.periods import (
    CADENCE_LABEL,
    Cadence,
    Period,
    format_day,
    parse_period,
    periods_in_year,
)
from cai_cach.standing import Span, period_of
from cai_cach.yamlsource import Document, PathKey, dotted

_MESSAGES = {
    "missing": "thiếu trường bắt buộc '{field}'",
    "string_type": "phải là văn bản",
    "string_too_short": "không được để trống",
    "string_pattern_mismatch": "không được chứa dấu cách",
    "int_parsing": "phải là số nguyên",
    "int_type": "phải là số nguyên",
    "int_from_float": "phải là số nguyên",
    "bool_parsing": "phải là true hoặc false",
    "bool_type": "phải là true hoặc false",
    "list_type": "phải là một danh sách (mỗi mục một dòng bắt đầu bằng '- ')",
    "dict_type": "phải là một bảng các trường dạng 'tên: giá trị'",
    "model_type": "phải là một bảng các trường dạng 'tên: giá trị'",
    "model_attributes_type": "phải là một bảng các trường dạng 'tên: giá trị'",
    "too_short": "cần ít nhất {min_length} mục",
    "greater_than_equal": "phải lớn hơn hoặc bằng {ge}",
    "greater_than": "phải lớn hơn {gt}",
    "float_parsing": "phải là một số (dùng dấu chấm thập phân, ví dụ 0.5)",
    "float_type": "phải là một số (dùng dấu chấm thập phân, ví dụ 0.5)",
    "literal_error": "phải là một trong: {expected}",
    "less_than_equal": "phải nhỏ hơn hoặc bằng {le}",
    "date_type": "phải là một ngày (2024-03-20 hoặc 20/03/2024)",
    "date_from_datetime_parsing": "phải là một ngày (2024-03-20 hoặc 20/03/2024)",
    "date_parsing": "phải là một ngày (2024-03-20 hoặc 20/03/2024)",
}
_HINTS = {
    "string_type": 'đặt giá trị trong dấu nháy kép, ví dụ "true"',
    "missing": "thêm trường này (xem mẫu trong plans/ hoặc lệnh 'caicach schema')",
}


def _model_at(path: tuple[Any, ...], root: type[BaseModel] = Plan) -> type[BaseModel] | None:
    """The model class that describes the mapping at ``path`` (for suggesting field names)."""
    annotation: Any = root
    for part in path:
        annotation = _unwrap(annotation, part)
        if annotation is None:
            return None
    annotation = _unwrap_optional(annotation)
    return (
        annotation if isinstance(annotation, type) and issubclass(annotation, BaseModel) else None
    )


def _unwrap_optional(annotation: Any) -> Any:
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        members = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        return members[0] if len(members) == 1 else annotation
    if typing.get_origin(annotation) is typing.Annotated:
        return typing.get_args(annotation)[0]
    return annotation


def _unwrap(annotation: Any, part: str | int) -> Any:
    annotation = _unwrap_optional(annotation)
    origin = typing.get_origin(annotation)
    if origin is list and isinstance(part, int):
        return typing.get_args(annotation)[0]
    if origin is dict and isinstance(part, str):
        return typing.get_args(annotation)[1]
    if isinstance(annotation, type) and issubclass(annotation, BaseModel) and isinstance(part, str):
        field = annotation.model_fields.get(part)
        return field.annotation if field else None
    return None


def _problem_text(
    error: Any, root: type[BaseModel] = Plan, what: str = "mẫu kế hoạch"
) -> tuple[str, str]:
    kind = error["type"]
    loc = error["loc"]
    ctx = error.get("ctx") or {}
    if kind == "value_error":
        return str(ctx.get("error", error["msg"])), ""
    if error.get("input", ...) is None and kind.endswith("_type"):
        return "không được để trống", "điền giá trị sau dấu ':' hoặc xóa cả dòng"
    if kind == "extra_forbidden":
        field = str(loc[-1])
        model = _model_at(loc[:-1], root)
        known = list(model.model_fields) if model else []
        close = difflib.get_close_matches(field, known, n=1)
        hint = f"có phải ý bạn là '{close[0]}'?" if close else ""
        if known and not hint:
            hint = "các trường hợp lệ: " + ", ".join(known)
        return f"trường '{field}' không có trong {what}", hint
    if kind == "string_pattern_mismatch" and loc and loc[-1] == "email":
        return "không phải một địa chỉ thư điện tử", "ví dụ: tuphap@tinhminh.gov.vn"
    template = _MESSAGES.get(kind)
    if template is None:
        return f"giá trị không hợp lệ ({error['msg']})", ""
    values = {"field": str(loc[-1]) if loc else "", **{k: str(v) for k, v in ctx.items()}}
    return template.format(**values), _HINTS.get(kind, "")


def schema_problems(
    error: ValidationError,
    document: Document,
    root: type[BaseModel] = Plan,
    what: str = "mẫu kế hoạch",
) -> list[Problem]:
    """Pydantic's errors as Vietnamese problems at ``file:line:column`` (``root`` is the model
    the document was validated against; ``what`` names it in "no such field" messages)."""
    problems = []
    for item in error.errors():
        loc: PathKey = tuple(part for part in item["loc"] if part != "[key]")
        message, hint = _problem_text(item, root, what)
        mark = document.source.locate(loc, key=item["type"] == "extra_forbidden")
        problems.append(
            Problem(
                document.file,
                message,
                line=mark.line if mark else None,
                column=mark.column if mark else None,
                path=dotted(loc),
                hint=hint,
            )
        )
    return problems


_ISSUED_FIELDS = (
    ("number", "số"),
    ("date", "ngày ký"),
    ("signer", "người ký"),
    ("signer_title", "chức vụ người ký"),
)


class _Checker:
    """Cross-reference checks that the schema alone cannot express."""

    def __init__(self, plan: Plan, document: Document) -> None:
        self.plan = plan
        self.document = document
        self.window = plan.window
        self.year = plan.year
        self.effective = plan.effective
        self.officials = plan.officials
        self.window_partial = self.partial(self.window)
        self.problems: list[Problem] = []

    def partial(self, span: Span) -> bool:
        """Whether ``span`` leaves out part of the plan's year: only then can a recorded period
        of the plan's year fall outside it."""
        year = self.year
        return (span.start is not None and span.start > date(year, 1, 1)) or (
            span.end is not None and span.end < date(year, 12, 31)
        )

    def add(
        self,
        path: PathKey,
        message: str,
        hint: str = "",
        *,
        key: bool = False,
        severity: str = "error",
    ) -> None:
        mark = self.document.source.locate(path, key=key)
        self.problems.append(
            Problem(
                self.document.file,
                message,
                line=mark.line if mark else None,
                column=mark.column if mark else None,
                path=dotted(path),
                hint=hint,
                severity=severity,
            )
        )

    def run(self) -> list[Problem]:
        self.check_issued()
        seen_sections: dict[str, int] = {}
        seen_tasks: dict[str, PathKey] = {}
        for s_index, section in enumerate(self.plan.sections):
            s_path: PathKey = ("sections", s_index)
            if section.id in seen_sections:
                self.add((*s_path, "id"), f"mục '{section.id}' bị lặp lại")
            seen_sections[section.id] = s_index
            for t_index, task in enumerate(section.tasks):
                # Any numbering the document uses (1.1 under I, a) under 1., PL1) is kept.
                self.check_task(task, (*s_path, "tasks", t_index), seen_tasks)
        for d_index, duty in enumerate(self.plan.reporting):
            self.check_task(duty, ("reporting", d_index), seen_tasks)
        self.check_window()
        self.check_amendments()
        return self.problems

    def check_issued(self) -> None:
        """A draft may leave the issuing document's number, date or signer empty: say so."""
        info = self.plan.plan
        for key, issued in (("decision", info.decision), ("document", info.document)):
            if issued is None:
                continue
            for name, what in _ISSUED_FIELDS:
                if getattr(issued, name) is None:
                    self.add(
                        ("plan", key),
                        f"bản nháp: chưa có {what} của văn bản ban hành (plan.{key}.{name})",
                        "điền đúng như văn bản gốc",
                        severity="warning",
                    )

    def check_window(self) -> None:
        info = self.plan.plan
        if info.end is None:
            return
        if info.end.year != info.year:
            self.add(
                ("plan", "end"),
                f"ngày kết thúc {format_day(info.end)} không thuộc năm kế hoạch {info.year}",
                f"ghi một ngày của năm {info.year}, ví dụ {info.year}-06-30",
            )
        elif info.start is not None and info.end < info.start:
            self.add(
                ("plan", "end"),
                f"ngày kết thúc {format_day(info.end)} trước ngày bắt đầu "
                f"{format_day(info.start)} (plan.start)",
                "sửa plan.start hoặc plan.end",
            )

    def check_amendments(self) -> None:
        changed = any(t.added or t.cancelled for _, t in self.plan.tasks())
        if not (changed or self.plan.amendments):
            return
        numbers: dict[str, int] = {}
        for index, amendment in enumerate(self.plan.amendments):
            if amendment.number in numbers:
                self.add(
                    ("amendments", index, "number"),
                    f"văn bản điều chỉnh '{amendment.number}' bị lặp lại",
                    "mỗi văn bản điều chỉnh ghi một lần",
                )
            numbers.setdefault(amendment.number, index)
        for path, task in self.task_paths():
            for change in ("added", "cancelled"):
                made = getattr(task, change)
                if made is not None and made.by not in numbers:
                    known = ", ".join(numbers) or "chưa có văn bản nào"
                    self.add(
                        (*path, change, "by"),
                        f"không có văn bản điều chỉnh '{made.by}' trong amendments ({known})",
                        "thêm văn bản vào amendments: {number: …, date: …, summary: …}",
                    )
            if task.added and task.cancelled and task.cancelled.date < task.added.date:
                self.add(
                    (*path, "cancelled", "date"),
                    f"nhiệm vụ '{task.id}' bãi bỏ ({format_day(task.cancelled.date)}) trước khi "
                    f"được bổ sung ({format_day(task.added.date)})",
                )

    def task_paths(self) -> list[tuple[PathKey, Task]]:
        paths: list[tuple[PathKey, Task]] = [
            (("sections", s, "tasks", t), task)
            for s, section in enumerate(self.plan.sections)
            for t, task in enumerate(section.tasks)
        ]
        paths += [(("reporting", d), duty) for d, duty in enumerate(self.plan.reporting)]
        return paths

    def check_task(self, task: Task, path: PathKey, seen: dict[str, PathKey]) -> None:
        if not task.lead:
            self.add(
                (*path, "lead"),
                f"nhiệm vụ '{task.id}' chưa có người chủ trì (lead: [])",
                "ghi mã công chức chủ trì như văn bản gốc; danh sách: 'caicach officials'",
                severity="warning",
            )
        if task.id in seen:
            self.add(
                (*path, "id"),
                f"mã nhiệm vụ '{task.id}' bị trùng (đã dùng ở {dotted(seen[task.id])})",
                "mỗi nhiệm vụ cần một mã riêng",
            )
        else:
            seen[task.id] = path
        officials = self.officials
        for role, named in (("lead", task.lead), ("support", task.support)):
            for index, official in enumerate(named):
                if official not in officials:
                    self.unknown_official(official, (*path, role, index))
        if not (task.has_deadline or task.ongoing or task.as_instructed):
            self.add(
                path,
                f"nhiệm vụ '{task.id}' không có thời hạn nào",
                "thêm milestones/recurring, hoặc ongoing: true (thường xuyên), "
                "hoặc as_instructed: true (theo chỉ đạo của cấp trên)",
                severity="warning",
            )
        for m_index, milestone in enumerate(task.milestones):
            self.check_milestone(milestone, (*path, "milestones", m_index))
        changed = task.added is not None or task.cancelled is not None
        partial = self.partial(self.plan.task_span(task)) if changed else self.window_partial
        for r_index, recurrence in enumerate(task.recurring):
            if not recurrence.done:
                continue
            r_path = (*path, "recurring", r_index)
            for key in recurrence.done:
                self.check_period_key(key, recurrence.every, (*r_path, "done", key))
                if partial:
                    self.check_period_owed(task, key, (*r_path, "done", key))
        for e_index, evidence in enumerate(task.evidence):
            self.check_evidence(task, evidence, (*path, "evidence", e_index))

    def unknown_official(self, official: str, path: PathKey) -> None:
        close = difflib.get_close_matches(official, list(self.officials), n=1)
        hint = (
            f"có phải ý bạn là '{close[0]}'?" if close else "thêm công chức này vào mục officials"
        )
        self.add(path, f"không có công chức '{official}' trong danh sách officials", hint)

    def check_milestone(self, milestone: Milestone, m_path: PathKey) -> None:
        due, year, end = milestone.due, self.year, self.window.end
        if due.date.year != year:
            self.add(
                (*m_path, "due"),
                f"thời hạn '{due.text}' nằm ngoài năm kế hoạch {year}",
                severity="warning",
            )
        elif self.effective and due.date < self.effective:
            self.add(
                (*m_path, "due"),
                f"thời hạn '{due.text}' trước ngày kế hoạch có hiệu lực "
                f"({self.effective.isoformat()}): mốc này không được theo dõi",
                "sửa thời hạn, hoặc sửa plan.start nếu kế hoạch có hiệu lực sớm hơn",
                severity="warning",
            )
        elif end is not None and due.date > end:
            self.add(
                (*m_path, "due"),
                f"thời hạn '{due.text}' sau ngày kết thúc kế hoạch "
                f"({end.isoformat()}): mốc này không được theo dõi",
                "sửa thời hạn, hoặc sửa plan.end nếu kế hoạch kéo dài hơn",
                severity="warning",
            )
        if milestone.done and abs(milestone.done.year - year) > 1:
            self.add(
                (*m_path, "done"),
                f"ngày hoàn thành {milestone.done.isoformat()} quá xa năm kế hoạch {year}",
                severity="warning",
            )

    def check_period_owed(self, task: Task, key: str, path: PathKey) -> None:
        """A recorded period outside the task's span is not counted: say so."""
        try:
            period = period_of(key)
        except ValueError:
            return  # reported by check_period_key
        span = self.plan.task_span(task)
        if period.end not in span:
            self.add(
                path,
                f"kỳ '{key}' ({period.label}) nằm ngoài thời gian thực hiện của nhiệm vụ "
                f"'{task.id}' ({span.text()}): ghi nhận này không được tính",
                "xóa dòng này, hoặc sửa plan.start/plan.end, added/cancelled của nhiệm vụ",
                key=True,
                severity="warning",
            )

    def check_evidence(self, task: Task, evidence: Evidence, path: PathKey) -> None:
        if evidence.file is not None and not evidence_path_is_safe(evidence.file):
            self.add(
                (*path, "file"),
                f"tệp kiểm chứng '{evidence.file}' phải nằm trong thư mục evidence/ cạnh tệp "
                "kế hoạch (đường dẫn tương đối, không có '..')",
                "dùng caicach done --file để chép tệp vào đúng chỗ",
            )
        if evidence.milestone is not None and evidence.milestone not in {
            m.what for m in task.milestones
        }:
            self.add(
                (*path, "milestone"),
                f"nhiệm vụ '{task.id}' không có mốc '{evidence.milestone}'",
                "các mốc: " + ("; ".join(m.what for m in task.milestones) or "không có"),
            )
        if evidence.period is not None and not any(
            evidence.period in _period_keys(r.every, self.plan.year) for r in task.recurring
        ):
            self.add(
                (*path, "period"),
                f"kỳ '{evidence.period}' không thuộc nghĩa vụ định kỳ nào của nhiệm vụ '{task.id}'",
                f"ghi kỳ dạng {self.plan.year}-Q1, {self.plan.year}-03 …",
            )

    def check_period_key(self, key: str, cadence: str, path: PathKey) -> None:
        if key in _period_keys(cadence, self.plan.year):
            return  # a period of this cadence and year, written as the tool writes it
        label = CADENCE_LABEL[cadence]  # type: ignore[index]
        try:
            period = parse_period(key)
        except ValueError as err:
            self.add(path, str(err), key=True)
            return
        # A quarterly report may be replaced by the nine-month one (cai_cach.cadence).
        nine = cadence == "quarter" and period.kind == "nine_months"
        if (period.kind != cadence and not nine) or period.year != self.plan.year:
            self.add(
                path,
                f"kỳ '{key}' không phải một kỳ {label} của năm {self.plan.year}",
                "ghi kỳ dạng 2024-01 (tháng), 2024-Q1 (quý), 2024-H1 (6 tháng), 2024 (năm)",
                key=True,
            )
        elif period.key != key:
            self.add(
                path,
                f"kỳ '{key}' cần viết đúng dạng '{period.key}'",
                "caicach so khớp kỳ theo đúng dạng này (như lệnh 'caicach done' ghi)",
                key=True,
            )


def evidence_path_is_safe(text: str) -> bool:
    """An evidence file stays inside the plan's ``evidence/`` folder: relative, no ``..``."""
    parts = text.replace("\\", "/").split("/")
    return (
        not text.startswith(("/", "\\"))
        and ":" not in parts[0]
        and parts[0] == "evidence"
        and len(parts) > 1
        and all(part not in ("", ".", "..") for part in parts)
    )


def reference_problems(plan: Plan, document: Document) -> list[Problem]:
    return _Checker(plan, document).run()


def may_have_reference_errors(plan: Plan) -> bool:
    """False only when ``reference_problems`` would find no error (warnings aside): unique
    section and task ids, known officials, well-formed period keys of the plan's year. A
    set lookup per reference, so that a cache hit can re-check a plan in microseconds; when
    it says True, run ``reference_problems`` to know."""
    officials = plan.officials
    sections = [section.id for section in plan.sections]
    if len(set(sections)) != len(sections):
        return True
    end = plan.plan.end
    if end is not None and (end.year != plan.year or (plan.plan.start or end) > end):
        return True
    amendments = {amendment.number for amendment in plan.amendments}
    if len(amendments) != len(plan.amendments):
        return True
    ids: set[str] = set()
    count = 0
    for _, task in plan.tasks():
        ids.add(task.id)
        count += 1
        if task.added is not None or task.cancelled is not None:
            return True  # rare: let reference_problems check the amendment's number
        for official in (*task.lead, *task.support):
            if official not in officials:
                return True
        for recurrence in task.recurring:
            if recurrence.done and not recurrence.done.keys() <= _period_keys(
                recurrence.every, plan.year
            ):
                return True
    return len(ids) != count


@functools.lru_cache(maxsize=64)
def _period_keys(cadence: Cadence, year: int) -> frozenset[str]:
    """The period keys ``check_period_key`` accepts for a recurrence of ``cadence``."""
    keys = {period.key for period in periods_in_year(cadence, year)}
    if cadence == "quarter":
        keys.add(Period(year, "nine_months").key)
    return frozenset(keys)
