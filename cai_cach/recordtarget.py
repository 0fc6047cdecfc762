"""Which task, milestone or occurrence a ``done``/``note`` means: the plan holding the task,
the milestone or recurring duty named (by number or words), the period's key, a clean note."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from cai_cach.cadence import occurrences, recurrence_periods
from cai_cach.errors import NotFoundError, PlanError, UsageError
from cai_cach.loading import cached, load_plan
from cai_cach.matching import search_text
from cai_cach.models import Plan, Recurrence, Task
from cai_cach.periods import CADENCE_LABEL, Period, parse_period
from cai_cach.standing import Span
from cai_cach.text import fold, nfc
from cai_cach.yamlsource import PathKey, check_characters

if TYPE_CHECKING:
    from cai_cach.cache import PlanCache


# --- finding what to record ----------------------------------------------------------------


@dataclass(frozen=True)
class TaskRef:
    """A task and where it sits in the file (``sections[1].tasks[0]`` or ``reporting[0]``)."""

    task: Task
    path: PathKey


def task_refs(plan: Plan) -> list[TaskRef]:
    refs = [
        TaskRef(task, ("sections", s_index, "tasks", t_index))
        for s_index, section in enumerate(plan.sections)
        for t_index, task in enumerate(section.tasks)
    ]
    refs += [TaskRef(duty, ("reporting", index)) for index, duty in enumerate(plan.reporting)]
    return refs


def find_task(plan: Plan, query: str) -> TaskRef | None:
    """The task whose id is ``query``: exactly, else ignoring case, else ignoring diacritics
    and spaces when only one task matches that way ("2.D" → 2.d; "2.dd" → nothing)."""
    refs = task_refs(plan)
    wanted = nfc(query.strip())
    for same in (
        lambda task_id: task_id == wanted,
        lambda task_id: task_id.casefold() == wanted.casefold(),
        lambda task_id: fold(task_id) == fold(wanted).replace(" ", ""),
    ):
        found = [ref for ref in refs if same(ref.task.id)]
        if len(found) == 1:
            return found[0]
        if found:
            return None
    return None


def _unknown_task(plans: Iterable[Plan], query: str) -> NotFoundError:
    known = [ref.task.id for plan in plans for ref in task_refs(plan)]
    close = difflib.get_close_matches(query, known, n=3)
    hint = (
        "có phải ý bạn là " + ", ".join(f"'{task_id}'" for task_id in close) + "?"
        if close
        else "xem danh sách mã nhiệm vụ bằng lệnh: caicach list"
    )
    return NotFoundError(f"không có nhiệm vụ '{query}' trong kế hoạch", hint)


def find_plan_for(task_id: str, paths: list[Path], cache: PlanCache | None = None) -> Path:
    """The one plan file among ``paths`` that has task ``task_id`` (plans read through
    ``cache`` when given: the record itself is made later from the file's fresh bytes). A single
    file already in the cache (so valid) is returned as it is: the session that edits it reads
    it and says if the task is not there, in the same words."""
    if len(paths) == 1 and cache is not None and cached(paths[0], cache):
        return paths[0]
    plans: list[Plan] = []
    holders: list[tuple[Path, Plan]] = []
    failures: list[PlanError] = []
    for path in paths:
        try:
            plan = load_plan(path, cache).plan
        except PlanError as err:
            failures.append(err)
            continue
        plans.append(plan)
        if find_task(plan, task_id) is not None:
            holders.append((path, plan))
    if len(holders) == 1:
        return holders[0][0]
    current = _current_year_holder(holders)
    if current is not None:
        return current
    if len(holders) > 1:
        raise UsageError(
            f"nhiệm vụ '{task_id}' có trong nhiều kế hoạch: "
            + ", ".join(str(path) for path, _ in holders),
            "chọn tệp kế hoạch bằng --plan, ví dụ --plan " + str(holders[0][0]),
        )
    if failures:
        raise PlanError([problem for failure in failures for problem in failure.problems])
    raise _unknown_task(plans, task_id)


def _current_year_holder(holders: list[tuple[Path, Plan]]) -> Path | None:
    """Of several plans with the task (last year's and this year's), the one of this year."""
    if len(holders) < 2:
        return None
    this_year = [path for path, plan in holders if plan.year == date.today().year]
    return this_year[0] if len(this_year) == 1 else None


def _choices(items: list[str]) -> str:
    return "; ".join(f"{index}. {item}" for index, item in enumerate(items, start=1))


def _pick(names: list[str], query: str, what: str) -> list[int]:
    """Indexes of ``names`` matching ``query``: a 1-based number, or words of the name."""
    if query.strip().isdigit():
        number = int(query)
        if not 1 <= number <= len(names):
            raise NotFoundError(
                f"không có {what} số {number} (chỉ có {len(names)})", _choices(names)
            )
        return [number - 1]
    needle = search_text(query).strip()
    exact = [i for i, name in enumerate(names) if search_text(name).strip() == needle]
    if exact:
        return exact
    return [i for i, name in enumerate(names) if needle and f" {needle} " in search_text(name)]


def choose_milestone(task: Task, query: str | None, *, want_open: bool) -> int:
    """The milestone to record (``want_open``) or to undo: by number or name; by default the
    only milestone, or the only one still open (or the only one done, when undoing)."""
    milestones = task.milestones
    names = [f"{m.what} (hạn {m.due.text})" for m in milestones]
    if not milestones:
        if task.recurring:
            cadences = ", ".join(sorted({CADENCE_LABEL[r.every] for r in task.recurring}))
            raise UsageError(
                f"nhiệm vụ {task.id} là nghĩa vụ định kỳ ({cadences}); hãy chỉ rõ kỳ",
                "thêm --period, ví dụ --period 2024-Q1 (quý), 2024-03 (tháng), "
                "2024-H1 (6 tháng), 2024 (năm)",
            )
        raise NotFoundError(
            f"nhiệm vụ {task.id} không có mốc hay kỳ nào để ghi hoàn thành",
            f'ghi tiến độ bằng ghi chú: caicach note {task.id} "nội dung"',
        )
    if query is not None:
        found = _pick([m.what for m in milestones], query, "mốc")
        if not found:
            raise NotFoundError(
                f"nhiệm vụ {task.id} không có mốc nào khớp với '{query}'",
                "các mốc: " + _choices(names),
            )
    elif len(milestones) == 1:
        found = [0]
    else:
        found = [i for i, m in enumerate(milestones) if (m.done is None) == want_open]
    if len(found) == 1:
        return found[0]
    candidates = found or list(range(len(milestones)))
    raise UsageError(
        f"nhiệm vụ {task.id} có nhiều mốc; hãy chọn một",
        "dùng --milestone SỐ hoặc một phần tên mốc: "
        + "; ".join(f"{i + 1}. {names[i]}" for i in candidates),
    )


def choose_recurrence(
    task: Task,
    period: Period,
    query: str | None,
    *,
    nine_months: bool = False,
    span: Span | None = None,
) -> int:
    """The recurring obligation of ``task`` that has an occurrence for ``period`` (a quarterly
    duty of a plan reporting on 9 tháng has 2024-9M instead of 2024-Q3); the periods a refusal
    suggests are those inside ``span`` (the task's, in the plan's window)."""
    recurring = task.recurring
    if not recurring:
        raise NotFoundError(
            f"nhiệm vụ {task.id} không có nghĩa vụ định kỳ nào nên không ghi theo kỳ được",
            "bỏ --period để ghi hoàn thành một mốc"
            if task.milestones
            else f'ghi tiến độ bằng ghi chú: caicach note {task.id} "nội dung"',
        )
    names = [f"{r.what} ({CADENCE_LABEL[r.every]})" for r in recurring]
    found = list(range(len(recurring)))
    if query is not None:
        found = _pick([r.what for r in recurring], query, "nghĩa vụ định kỳ")
        if not found:
            raise NotFoundError(
                f"nhiệm vụ {task.id} không có nghĩa vụ định kỳ nào khớp với '{query}'",
                "các nghĩa vụ định kỳ: " + _choices(names),
            )
    matching = [
        i for i in found if period in recurrence_periods(recurring[i], period.year, nine_months)
    ]
    if len(matching) == 1:
        return matching[0]
    if not matching:
        expected = "; ".join(
            f"{recurring[i].what}: "
            f"{_period_example(recurring[i], period.year, nine_months, span or Span())}"
            for i in found
        )
        raise NotFoundError(
            f"kỳ '{period.key}' ({period.label}) không phải kỳ của nghĩa vụ định kỳ nào "
            f"của nhiệm vụ {task.id}",
            "ghi kỳ theo đúng chu kỳ: " + expected,
        )
    raise UsageError(
        f"nhiệm vụ {task.id} có nhiều nghĩa vụ {CADENCE_LABEL[recurring[matching[0]].every]}; "
        "hãy chọn một",
        "dùng --milestone SỐ hoặc một phần tên: " + "; ".join(names[i] for i in matching),
    )


def _period_example(recurrence: Recurrence, year: int, nine_months: bool, span: Span) -> str:
    periods = recurrence_periods(recurrence, year, nine_months)
    keys = [period.key for period in periods if period.end in span] or ["không có kỳ nào"]
    return ", ".join(keys) if len(keys) <= 4 else f"{keys[0]} … {keys[-1]}"


def merged_into(task: Task, period: Period, nine_months: bool = False) -> Period | None:
    """The longer report that ``period``'s occurrence is merged into (quý II → 6 tháng đầu
    năm when the task also reports on 6 months; see ``cadence``), or ``None``."""
    for occurrence in occurrences(task.recurring, period.year, nine_months):
        if period.key in occurrence.covers:
            return occurrence.period
    return None


def _occurrence_key(recurrence: Recurrence, period: Period) -> str | None:
    """The key under which ``period`` is recorded (the file may write it as 2024-q1)."""
    for key in recurrence.done:
        try:
            if parse_period(key) == period:
                return key
        except ValueError:  # pragma: no cover - validated plan
            continue
    return None


def clean_note(text: str) -> str:
    """A note as it will be stored: one line, NFC, single spaces; refused when empty or when it
    holds characters a plan file may not contain."""
    cleaned = nfc(" ".join(text.split()))
    if not cleaned:
        raise UsageError("nội dung ghi chú đang để trống", 'viết nội dung trong dấu nháy: "…"')
    problems = check_characters(cleaned, "ghi chú")
    if problems:
        raise UsageError(f"ghi chú có {problems[0].message}", problems[0].hint)
    return cleaned
