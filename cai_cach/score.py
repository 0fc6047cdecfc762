"""The CCHC index self-assessment draft: a rubric's criteria scored from the plan.

Each criterion is scored the way its rubric says — from the plan's own record (the plan issued
by a date, the share of dated work done, the periodic reports on time, a task done) or from the
clerk's entries — and says how, in words a reviewer checks by hand ("31/37 việc đến hạn đã
hoàn thành = 83,8 % → 1/2 điểm"), with the evidence it has and the evidence it lacks.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from cai_cach.counting import percent
from cai_cach.counting import percent_text as share_text
from cai_cach.errors import UsageError
from cai_cach.evidence import Proof, Register, build_register, citation
from cai_cach.models import Plan, Task
from cai_cach.periods import format_day
from cai_cach.rubric import (
    Criterion,
    Entries,
    PlanIssued,
    ReportsOnTime,
    Rubric,
    RubricArea,
    ShareDone,
    TaskDone,
    percent_text,
)
from cai_cach.schedule import Obligation, obligations, state_on
from cai_cach.text import fold


@dataclass(frozen=True)
class CriterionScore:
    area: RubricArea
    criterion: Criterion
    points: float | None  # None: not scored (nothing to compute from, no entry)
    how: str
    evidence: tuple[str, ...]
    missing: tuple[str, ...]  # evidence the criterion needs and the plan lacks

    @property
    def needs_evidence(self) -> bool:
        return bool(self.missing) or ((self.points or 0) > 0 and not self.evidence)


@dataclass(frozen=True)
class AreaTotal:
    area: RubricArea
    points: float
    maximum: float
    unscored: int


@dataclass(frozen=True)
class Scorecard:
    rubric: Rubric
    plan: Plan
    as_of: date
    scores: tuple[CriterionScore, ...]

    def areas(self) -> list[AreaTotal]:
        totals = []
        for area in self.rubric.areas:
            mine = [s for s in self.scores if s.area is area]
            totals.append(
                AreaTotal(
                    area,
                    sum(s.points or 0 for s in mine),
                    sum(s.criterion.max for s in mine),
                    sum(1 for s in mine if s.points is None),
                )
            )
        return totals

    @property
    def total(self) -> float:
        return sum(s.points or 0 for s in self.scores)

    @property
    def maximum(self) -> float:
        return sum(s.criterion.max for s in self.scores)

    def missing_first(self) -> list[CriterionScore]:
        """Criteria whose evidence is missing first (a reviewer deducts there), then the rest,
        each group in the rubric's order."""
        return sorted(self.scores, key=lambda s: not s.needs_evidence)


def points_text(points: float | None) -> str:
    return "—" if points is None else percent_text(points)


def _decision(plan: Plan) -> tuple[str | None, date | None, str]:
    info = plan.plan
    if info.decision is not None:
        return info.decision.number, info.decision.date, "Quyết định"
    if info.document is not None:
        return info.document.number, info.document.date, "Kế hoạch"
    return None, None, "Kế hoạch"


def _plan_issued(
    plan: Plan, measure: PlanIssued, maximum: float
) -> tuple[float | None, str, list[str], list[str]]:
    number, signed, kind = _decision(plan)
    evidence = [f"{kind} số {number} ngày {format_day(signed)}"] if number and signed else []
    missing = [] if evidence else ["số và ngày của văn bản ban hành kế hoạch (plan.decision)"]
    if signed is None:
        return None, "kế hoạch chưa ghi ngày ban hành: chưa tính được", evidence, missing
    if measure.deadline is None:
        return (
            None,
            f"ban hành ngày {format_day(signed)}; bộ tiêu chí chưa ghi hạn ban hành "
            "(score.plan_issued.deadline): chưa tính được",
            evidence,
            missing,
        )
    on_time = signed <= measure.deadline
    points = measure.on_time if on_time else measure.late
    how = (
        f"ban hành ngày {format_day(signed)}, "
        + ("đúng hạn" if on_time else "trễ hạn")
        + f" (hạn {format_day(measure.deadline)}) → "
        + f"{points_text(points)}/{points_text(maximum)} điểm"
    )
    return points, how, evidence, missing


def _owed(
    plan: Plan, as_of: date, tasks: list[Task] | None = None
) -> list[tuple[Task, Obligation]]:
    wanted = None if tasks is None else {id(task) for task in tasks}
    return [
        (t, o)
        for t, o in obligations(plan)
        if o.due <= as_of and (wanted is None or id(t) in wanted)
    ]


def _share_done(
    plan: Plan, measure: ShareDone, maximum: float, as_of: date, register: Register
) -> tuple[float | None, str, list[str], list[str]]:
    owed = _owed(plan, as_of)
    if not owed:
        return None, f"không có việc nào đến hạn trước {format_day(as_of)}: chưa tính được", [], []
    states = [state_on(t, o, as_of).state for t, o in owed]
    counted = sum(
        1 for s in states if s == "done_on_time" or (measure.count == "done" and s == "done_late")
    )
    share = percent(counted, len(owed))
    points = next((band.points for band in measure.bands if band.holds(float(share))), 0.0)
    word = "đúng hạn" if measure.count == "on_time" else "đã hoàn thành"
    band = next((band for band in measure.bands if band.holds(float(share))), None)
    rule = f" ({band.words})" if band else " (dưới mọi ngưỡng)"
    how = (
        f"{counted}/{len(owed)} việc đến hạn {word} = {share_text(share)} %{rule} → "
        f"{points_text(points)}/{points_text(maximum)} điểm"
    )
    evidence = [citation(d) for p in register.proofs for d in p.documents]
    lacking = register.missing
    missing = (
        [f"{len(lacking)} việc đã xong chưa có văn bản kiểm chứng: " + _first(lacking)]
        if lacking
        else []
    )
    return points, how, _unique(evidence), missing


def _first(proofs: Sequence[Proof], limit: int = 5) -> str:
    shown = [
        f"{p.task.id} {p.what}" + (f" ({p.period.label})" if p.period else "")
        for p in proofs[:limit]
    ]
    more = f" và {len(proofs) - limit} việc khác" if len(proofs) > limit else ""
    return "; ".join(shown) + more


def _unique(texts: list[str]) -> list[str]:
    return list(dict.fromkeys(texts))


def _reports_on_time(
    plan: Plan, measure: ReportsOnTime, maximum: float, as_of: date, register: Register
) -> tuple[float | None, str, list[str], list[str]]:
    duties: list[Task] = [d for d in plan.reporting if not getattr(d, "internal", False)]
    owed = _owed(plan, as_of, duties)
    if not owed:
        return None, "kế hoạch không có kỳ báo cáo nào đến hạn: chưa tính được", [], []
    late = [(o, state_on(t, o, as_of)) for t, o in owed]
    bad = [(o, d) for o, d in late if d.state != "done_on_time"]
    points = measure.points if not bad else 0.0
    how = f"{len(owed) - len(bad)}/{len(owed)} kỳ báo cáo gửi đúng hạn"
    if bad:
        how += " (" + "; ".join(_late_text(o.label, d.state, d.days_late) for o, d in bad) + ")"
    how += f" → {points_text(points)}/{points_text(maximum)} điểm"
    proofs = [p for p in register.proofs if p.task in duties]
    evidence = [citation(d) for p in proofs for d in p.documents]
    lacking = [p for p in proofs if not p.documents]
    missing = [f"{len(lacking)} kỳ báo cáo đã gửi chưa có số văn bản: " + _first(lacking)]
    return points, how, _unique(evidence), missing if lacking else []


def _late_text(label: str, state: str, days: int) -> str:
    if state == "done_late":
        return f"{label} gửi trễ {days} ngày"
    if state == "overdue":
        return f"{label} chưa gửi, quá hạn {days} ngày"
    return f"{label} chưa gửi"


def find_target(plan: Plan, measure: TaskDone, code: str) -> Task:
    tasks = [task for _, task in plan.tasks()]
    if measure.task is not None:
        for task in tasks:
            if task.id == measure.task:
                return task
        raise UsageError(f"tiêu chí {code}: kế hoạch không có nhiệm vụ '{measure.task}'")
    assert measure.title is not None
    wanted = fold(measure.title)
    found = [task for task in tasks if wanted in fold(task.title)]
    if len(found) != 1:
        listing = ", ".join(task.id for task in found) or "không có"
        raise UsageError(
            f"tiêu chí {code}: tên '{measure.title}' khớp {len(found)} nhiệm vụ ({listing})",
            "viết cụm từ dài hơn, hoặc dùng task: với mã nhiệm vụ",
        )
    return found[0]


def _task_done(
    plan: Plan, measure: TaskDone, criterion: Criterion, as_of: date, register: Register
) -> tuple[float | None, str, list[str], list[str]]:
    task = find_target(plan, measure, criterion.code)
    owed = [o for t, o in obligations(plan) if t is task]
    if not owed:
        return (
            None,
            f"nhiệm vụ {task.id} là việc thường xuyên/theo chỉ đạo, không có mốc: nhập điểm "
            "trong tệp điểm tự chấm",
            [],
            [],
        )
    states = [state_on(task, o, as_of) for o in owed]
    open_items = [
        o.label
        for o, d in zip(owed, states, strict=True)
        if d.state not in ("done_on_time", "done_late")
    ]
    late = any(d.state == "done_late" for d in states)
    if open_items:
        points: float = 0.0
        how = f"nhiệm vụ {task.id} còn {len(open_items)} việc chưa xong ({'; '.join(open_items)})"
    else:
        points = measure.late if (late and measure.late is not None) else measure.points
        how = f"nhiệm vụ {task.id} đã xong" + (" (có việc xong trễ)" if late else " đúng hạn")
    how += f" → {points_text(points)}/{points_text(criterion.max)} điểm"
    proofs = [p for p in register.proofs if p.task is task]
    evidence = [citation(d) for p in proofs for d in p.documents]
    lacking = [p for p in proofs if not p.documents]
    missing = ["chưa có văn bản kiểm chứng cho: " + _first(lacking)] if lacking else []
    if not proofs:
        missing = [f"nhiệm vụ {task.id} chưa có việc nào xong kèm văn bản"]
    return points, how, _unique(evidence), missing


def _entered(
    criterion: Criterion, entries: Entries | None
) -> tuple[float | None, str, list[str], list[str]]:
    entry = entries.scores.get(criterion.code) if entries else None
    if entry is None:
        return (
            None,
            "chưa nhập điểm (tệp điểm tự chấm, --entries)",
            [],
            [criterion.evidence or "tài liệu kiểm chứng"],
        )
    missing = [] if entry.evidence else [criterion.evidence or "tài liệu kiểm chứng"]
    return entry.points, f"tự chấm: {entry.reason}", list(entry.evidence), missing


def score_criterion(
    plan: Plan,
    area: RubricArea,
    criterion: Criterion,
    *,
    as_of: date,
    register: Register,
    entries: Entries | None,
) -> CriterionScore:
    measure = criterion.score
    if measure.plan_issued is not None:
        result = _plan_issued(plan, measure.plan_issued, criterion.max)
    elif measure.share_done is not None:
        result = _share_done(plan, measure.share_done, criterion.max, as_of, register)
    elif measure.reports_on_time is not None:
        result = _reports_on_time(plan, measure.reports_on_time, criterion.max, as_of, register)
    elif measure.task_done is not None:
        result = _task_done(plan, measure.task_done, criterion, as_of, register)
    else:
        result = _entered(criterion, entries)
    points, how, evidence, missing = result
    entry = entries.scores.get(criterion.code) if entries else None
    if entry is not None and measure.entered is None and points is None:
        # The clerk's entry scores a computed criterion only where nothing could be computed.
        points, how = entry.points, f"tự chấm: {entry.reason}"
        evidence = [*evidence, *entry.evidence]
    return CriterionScore(area, criterion, points, how, tuple(evidence), tuple(missing))


def score_plan(
    plan: Plan,
    plan_path: Path,
    rubric: Rubric,
    *,
    as_of: date,
    entries: Entries | None = None,
) -> Scorecard:
    """The self-assessment draft of ``plan`` against ``rubric``, as things stand on ``as_of``."""
    register = build_register(plan, plan_path, as_of=as_of)
    scores = tuple(
        score_criterion(plan, area, criterion, as_of=as_of, register=register, entries=entries)
        for area, criterion in rubric.criteria()
    )
    return Scorecard(rubric, plan, as_of, scores)
