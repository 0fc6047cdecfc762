"""The periodic progress report (báo cáo định kỳ) as a value: what was due, done, late, overdue
and coming up, for one plan and one reporting period.

Pure: a loaded plan, a ``Period`` and ``ReportOptions`` in, a ``Report`` out. Rendering it to
Markdown or Word is ``cai_cach.render``'s job.

How a report counts (also stated in docs/bao-cao.md):

- The data window is the official one of Nghị định 09/2019/NĐ-CP (a quarter runs from the 15th
  of the month before it to the 14th of its last month) or, with ``calendar``, the calendar
  period; ``as_of`` replaces the window's end. Statuses are taken at the window's end (the
  cut-off): a completion dated after the cut-off does not count yet.
- An obligation (a milestone, or one occurrence of a recurring duty) belongs to the report when
  it falls due by the end of the period, or was completed inside the window, unless it was
  already completed before the window began (an earlier report counted it).
- Its status: done on time (done ≤ due), done late, overdue (due before the cut-off, not done)
  or not yet due. A task without obligations in the report but marked ``ongoing`` or
  ``as_instructed`` is counted as ongoing.
- A task is listed when it has obligations in the report, is ongoing, or has progress notes
  dated inside the window; notes and milestone notes are quoted.
- "Next period" lists the open obligations due from the cut-off to the end of the next period.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import astuple, dataclass, field
from datetime import date, timedelta
from typing import Literal

from cai_cach.amendments import amendment_lines, task_change
from cai_cach.errors import UsageError
from cai_cach.loading import LoadedPlan
from cai_cach.matching import Role, official_ids, task_involves
from cai_cach.models import Plan, Section, Task
from cai_cach.narrative import Narrative
from cai_cach.periods import Period, date_line, format_day
from cai_cach.schedule import Obligation, obligations
from cai_cach.standing import Standing, standing
from cai_cach.text import fold

ItemStatus = Standing
TaskStatus = Literal["done_on_time", "done_late", "overdue", "not_yet_due", "ongoing"]
WindowKind = Literal["official", "calendar"]

STATUS_LABEL: dict[str, str] = {
    "done_on_time": "Hoàn thành đúng hạn",
    "done_late": "Hoàn thành trễ hạn",
    "overdue": "Quá hạn",
    "not_yet_due": "Chưa đến hạn",
    "ongoing": "Thực hiện thường xuyên",
}
AS_INSTRUCTED_LABEL = "Thực hiện theo chỉ đạo, hướng dẫn của cấp trên"
IN_PROGRESS_LABEL = "Đang thực hiện, chưa đến hạn"  # a task whose next deadline is still ahead
# Worst first: a task takes the status of its worst obligation.
_SEVERITY: tuple[ItemStatus, ...] = ("overdue", "not_yet_due", "done_late", "done_on_time")

REPORTING_SECTION_ID = "III"
REPORTING_SECTION_TITLE = "Tổ chức thực hiện (báo cáo định kỳ)"
DEFAULT_AUTHORITY = "TM. ỦY BAN NHÂN DÂN"
DEPUTY_AUTHORITY = "KT. CHỦ TỊCH"
DEFAULT_SIGNER_TITLE = "Chủ tịch"
NUMBER_SUFFIX = "/BC-UBND"
FILED_COPY = "Lưu: VT."


@dataclass(frozen=True)
class Window:
    """The days whose data the report counts, both ends included; ``end`` is the cut-off."""

    start: date
    end: date
    kind: WindowKind
    end_overridden: bool = False

    @property
    def basis(self) -> str:
        """Why these days, in the words the report prints."""
        basis = "Điều 12 Nghị định số 09/2019/NĐ-CP" if self.kind == "official" else "kỳ dương lịch"
        # With --as-of only the start follows the rule; the end is the day the clerk chose.
        return f"đầu kỳ theo {basis}" if self.end_overridden else f"theo {basis}"

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end


@dataclass(frozen=True)
class ReportOptions:
    """What the clerk chooses on the command line (``None`` means: take it from the plan)."""

    issued: date
    calendar: bool = False
    as_of: date | None = None
    number: str | None = None
    signer: str | None = None
    signer_title: str | None = None
    narrative: Narrative | None = None
    by: str | None = None  # only the tasks of the officials matching this (as ``--by``)
    role: Role = "lead"


@dataclass(frozen=True)
class Item:
    """One obligation as the report states it."""

    task_id: str
    task_title: str
    what: str
    deadline: str  # as the plan writes it ("Quý I/2024"), or the occurrence's period
    due: date
    done: date | None  # only when done by the cut-off
    status: ItemStatus
    lead: tuple[str, ...]
    note: str | None = None
    period_key: str | None = None
    days_overdue: int = 0
    done_after_cutoff: date | None = None  # done after the cut-off, by the signing date


@dataclass(frozen=True)
class Share:
    """Counts of obligations by state, and each as a share of the total."""

    total: int = 0
    done_on_time: int = 0
    done_late: int = 0
    in_time: int = 0  # not done, not yet due
    overdue: int = 0

    @property
    def done(self) -> int:
        return self.done_on_time + self.done_late

    def percent(self, count: int) -> float:
        return round(100 * count / self.total, 1) if self.total else 0.0


@dataclass(frozen=True)
class NoteEntry:
    date: date
    text: str


@dataclass(frozen=True)
class TaskReport:
    id: str
    title: str
    lead: tuple[str, ...]
    support: tuple[str, ...]
    timeline: str
    products: str | None
    status: TaskStatus
    as_instructed: bool
    items: tuple[Item, ...]
    notes: tuple[NoteEntry, ...]
    change: str | None = None  # added or cancelled by an amendment: how and when

    @property
    def status_label(self) -> str:
        if self.status == "ongoing" and self.as_instructed:
            return AS_INSTRUCTED_LABEL
        if self.status == "not_yet_due":
            return IN_PROGRESS_LABEL
        return STATUS_LABEL[self.status]


@dataclass(frozen=True)
class Tally:
    """Counts for one section or the whole plan."""

    tasks: int = 0
    due: int = 0
    done_on_time: int = 0
    done_late: int = 0
    overdue: int = 0
    not_yet_due: int = 0
    ongoing: int = 0

    def __add__(self, other: Tally) -> Tally:
        return Tally(*(a + b for a, b in zip(astuple(self), astuple(other), strict=True)))


@dataclass(frozen=True)
class SectionReport:
    id: str
    title: str
    tasks: tuple[TaskReport, ...]
    tally: Tally
    objectives: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()
    direction: bool = False  # "công tác chỉ đạo, điều hành": reported in part I


@dataclass(frozen=True)
class Signature:
    authority: str  # "TM. ỦY BAN NHÂN DÂN" or "KT. CHỦ TỊCH"
    title: str  # "Chủ tịch"
    name: str  # may be empty: signed by hand


@dataclass(frozen=True)
class Report:
    plan_title: str
    plan_name: str
    plan_file: str
    year: int
    agency: str
    parent: str | None
    place: str
    decision_number: str | None
    decision_date: date | None
    period: Period
    next_period: Period
    window: Window
    issued: date
    number: str
    sections: tuple[SectionReport, ...]
    overdue: tuple[Item, ...]
    upcoming: tuple[Item, ...]
    recipients: tuple[str, ...]
    signature: Signature
    tally: Tally = field(default_factory=Tally)
    completion: Share = field(default_factory=Share)  # the plan's dated obligations so far
    reports_sent: Share = field(default_factory=Share)  # this plan's own periodic reports
    deadline: date | None = None  # when this report is due, as the plan says
    after_cutoff: tuple[Item, ...] = ()
    narrative: Narrative | None = None
    official: str | None = None  # with --by: whose tasks the report covers
    document_number: str | None = None  # a plan issued directly as a Kế hoạch: its number
    document_date: date | None = None
    amendments: tuple[str, ...] = ()  # the amending decisions signed by the cut-off

    @property
    def basis(self) -> str:
        """The opening "Thực hiện …" clause: the plan, by the document that issued it."""
        decision = (
            f"Quyết định số {self.decision_number} ngày {format_day(self.decision_date)}"
            if self.decision_number and self.decision_date
            else None
        )
        if self.document_number and self.document_date:
            issued = f"số {self.document_number} ngày {format_day(self.document_date)}"
            title = self.plan_title
            words = title.split(None, 2)
            if len(words) == 3 and fold(" ".join(words[:2])) == "ke hoach":
                text = f"Thực hiện Kế hoạch {issued} về {words[2]}"
            else:
                text = f"Thực hiện {title} ({issued})"
            return text + (f", được phê duyệt tại {decision}" if decision else "")
        if decision:
            return f"Thực hiện {self.plan_title} ban hành kèm theo {decision}"
        return f"Thực hiện {self.plan_title}"

    @property
    def subject(self) -> str:
        return f"Kết quả thực hiện công tác cải cách hành chính {self.period.label}"

    @property
    def date_line(self) -> str:
        return date_line(self.place, self.issued)

    @property
    def window_text(self) -> str:
        return (
            f"Số liệu tính từ ngày {format_day(self.window.start)} đến ngày "
            f"{format_day(self.window.end)} ({self.window.basis})."
        )


# --- building ------------------------------------------------------------------------------

Grouped = dict[int, list[tuple[Obligation, Item]]]


def data_window(period: Period, *, calendar: bool = False, as_of: date | None = None) -> Window:
    """The window a report of ``period`` counts; ``as_of`` replaces its end."""
    start, end = period.calendar_window() if calendar else period.official_window()
    kind: WindowKind = "calendar" if calendar else "official"
    if as_of is None:
        return Window(start, end, kind)
    if as_of < start:
        raise UsageError(
            f"--as-of {format_day(as_of)} trước ngày bắt đầu kỳ báo cáo ({format_day(start)})",
            "chọn ngày trong kỳ báo cáo, hoặc bỏ --as-of",
        )
    return Window(start, as_of, kind, end_overridden=True)


def item_status(due: date, done: date | None, cut_off: date) -> ItemStatus:
    """Status at ``cut_off`` of an obligation due on ``due`` and done on ``done`` (if ever)."""
    return standing(due, done, cut_off)


def in_report(obligation: Obligation, period: Period, window: Window) -> bool:
    """Whether an obligation belongs to the report of ``period`` (see the module docstring)."""
    done = obligation.done
    if done is not None and done < window.start:
        return False
    if done is not None and done in window:
        return True
    return obligation.due <= period.end


def number_text(number: str | None) -> str:
    """The number line's value: "15" → "15/BC-UBND"; blank (filled in by hand) without one."""
    if number is None or not number.strip():
        return " " * 8 + NUMBER_SUFFIX
    number = number.strip()
    return number if "/" in number else number + NUMBER_SUFFIX


def output_name(plan_name: str, period: Period, suffix: str) -> str:
    """Default file name: ``bao-cao-<plan>-<period key>.<suffix>``, the plan's year not
    repeated (tinh-minh-2024 + 2024-Q1 → bao-cao-tinh-minh-2024-Q1.docx)."""
    stem = plan_name.removesuffix(f"-{period.year}")
    key = period.key
    if stem != plan_name:
        return f"bao-cao-{stem}-{key}.{suffix}"
    return f"bao-cao-{plan_name}-{key}.{suffix}"


def punctuate(recipients: Iterable[str]) -> tuple[str, ...]:
    """The "Nơi nhận" entries as the layout writes them: each ends with ';', the last with '.'."""
    entries = [entry.strip().rstrip(";.").strip() for entry in recipients]
    entries = [entry for entry in entries if entry]
    return tuple(
        entry + ("." if index == len(entries) - 1 else ";") for index, entry in enumerate(entries)
    )


def default_recipients(plan: Plan) -> list[str]:
    """The plan's ``report.recipients``, else the reporting duties' recipients; then "Lưu: VT."."""
    settings = plan.plan.report
    if settings is not None and settings.recipients:
        return list(settings.recipients)
    found: list[str] = []
    for duty in plan.reporting:
        if duty.recipient and duty.recipient not in found:
            found.append(duty.recipient)
    return [*found, FILED_COPY]


_AUTHORITY = re.compile(r"^(?:TM|KT|TL|TUQ|Q)\.\s", re.IGNORECASE)


def signature(plan: Plan, options: ReportOptions) -> Signature:
    """Signer, title and authority: the command line, then the plan's ``report`` block, then
    the plan's own document (a plan issued as a Kế hoạch), then its decision. A signing
    authority written on that document ("KT. CHỦ TỊCH") is kept when its title is used;
    otherwise the authority follows the title (Phó … → KT. CHỦ TỊCH)."""
    settings = plan.plan.report
    issued = plan.plan.document or plan.plan.decision
    name = options.signer or (settings.signer if settings else None)
    name = name or (issued.signer if issued else "")
    title = options.signer_title or (settings.signer_title if settings else None)
    authority = settings.authority if settings and settings.authority else None
    if title is None and issued is not None:
        title = issued.signer_title
        if authority is None and issued.authority and _AUTHORITY.match(issued.authority):
            authority = issued.authority
    title = title or DEFAULT_SIGNER_TITLE
    if authority is None:
        deputy = fold(title).startswith("pho ")
        authority = DEPUTY_AUTHORITY if deputy else DEFAULT_AUTHORITY
    return Signature(authority, title, name)


def _items_by_task(loaded: LoadedPlan, window: Window, issued: date) -> Grouped:
    """Every obligation of the plan with its reported form, grouped by task (``id(task)``)."""
    plan = loaded.plan
    grouped: dict[int, list[tuple[Obligation, Item]]] = {}
    for task, obligation in obligations(loaded.plan):
        deadline, note = (obligation.period.label if obligation.period else ""), None
        if obligation.period is None:
            milestone = next(
                m
                for m in task.milestones
                if m.what == obligation.what and m.due.date == obligation.due
            )
            deadline, note = milestone.due.text, milestone.note
        done = obligation.done if obligation.done and obligation.done <= window.end else None
        status = item_status(obligation.due, obligation.done, window.end)
        item = Item(
            task_id=task.id,
            task_title=task.title,
            what=obligation.label,
            deadline=deadline,
            due=obligation.due,
            done=done,
            status=status,
            lead=tuple(plan.titles(task.lead)),
            note=note if done else None,
            period_key=obligation.period.key if obligation.period else None,
            days_overdue=max((window.end - obligation.due).days, 0),
            done_after_cutoff=(
                obligation.done
                if obligation.done and window.end < obligation.done <= issued
                else None
            ),
        )
        grouped.setdefault(id(task), []).append((obligation, item))
    return grouped


def _task_report(
    plan: Plan,
    task: Task,
    pairs: list[tuple[Obligation, Item]],
    period: Period,
    window: Window,
) -> TaskReport | None:
    """The task as listed in the report, or ``None`` when the report has nothing to say."""
    items = tuple(item for obligation, item in pairs if in_report(obligation, period, window))
    notes = tuple(NoteEntry(note.date, note.text) for note in task.notes if note.date in window)
    flagged = task.ongoing or task.as_instructed
    change = task_change(plan, task)
    changed_here = any(c is not None and c.date in window for c in (task.added, task.cancelled))
    if not (items or flagged or notes or changed_here):
        return None
    status: TaskStatus
    if items:
        status = _worst(item.status for item in items)
    elif flagged:
        status = "ongoing"
    else:
        status = _worst(item.status for _, item in pairs) if pairs else "ongoing"
    return TaskReport(
        id=task.id,
        title=task.title,
        lead=tuple(plan.titles(task.lead)),
        support=tuple(plan.titles(task.support)),
        timeline=task.timeline,
        products=task.products,
        status=status,
        as_instructed=task.as_instructed and not task.ongoing,
        items=items,
        notes=notes,
        change=change,
    )


def _worst(statuses: Iterable[ItemStatus]) -> ItemStatus:
    present = set(statuses)
    return next(status for status in _SEVERITY if status in present)


def tally(tasks: Iterable[TaskReport]) -> Tally:
    total = Tally()
    for task in tasks:
        counts = {status: sum(item.status == status for item in task.items) for status in _SEVERITY}
        total += Tally(
            tasks=1,
            due=len(task.items),
            done_on_time=counts["done_on_time"],
            done_late=counts["done_late"],
            overdue=counts["overdue"],
            not_yet_due=counts["not_yet_due"],
            ongoing=int(task.status == "ongoing"),
        )
    return total


def _sections(
    plan: Plan, grouped: Grouped, period: Period, window: Window, keep: set[int] | None
) -> list[SectionReport]:
    owners: list[tuple[Section | None, list[Task]]] = [
        (section, list(section.tasks)) for section in plan.sections
    ]
    if plan.reporting:
        owners.append((None, list(plan.reporting)))
    sections = []
    for section, tasks in owners:
        kept = [task for task in tasks if keep is None or id(task) in keep]
        listed = [
            report
            for task in kept
            if (report := _task_report(plan, task, grouped.get(id(task), []), period, window))
        ]
        if section is None:
            sections.append(
                SectionReport(
                    REPORTING_SECTION_ID, REPORTING_SECTION_TITLE, tuple(listed), tally(listed)
                )
            )
            continue
        sections.append(
            SectionReport(
                section.id,
                section.title,
                tuple(listed),
                tally(listed),
                objectives=tuple(section.objectives),
                targets=tuple(section.targets),
                direction=section.is_direction,
            )
        )
    return sections


def _upcoming(grouped: Grouped, period: Period, window: Window) -> list[Item]:
    """Open obligations due from the cut-off to the end of the next period, soonest first."""
    horizon = period.next().end
    found = [
        item
        for pairs in grouped.values()
        for _, item in pairs
        if item.done is None and window.end <= item.due <= horizon
    ]
    return sorted(found, key=lambda item: item.due)


def share(items: Iterable[Item], period: Period) -> Share:
    """States at the cut-off of the obligations due by the end of ``period`` or already done."""
    counts = {"done_on_time": 0, "done_late": 0, "not_yet_due": 0, "overdue": 0}
    for item in items:
        if item.due <= period.end or item.done is not None:
            counts[item.status] += 1
    return Share(
        total=sum(counts.values()),
        done_on_time=counts["done_on_time"],
        done_late=counts["done_late"],
        in_time=counts["not_yet_due"],
        overdue=counts["overdue"],
    )


def _kept_tasks(plan: Plan, options: ReportOptions) -> tuple[set[int] | None, str | None]:
    """With ``--by``: the tasks of the matching officials (``id(task)``) and their titles."""
    if options.by is None:
        return None, None
    officials = official_ids(plan, options.by)
    if not officials:
        raise UsageError(
            f"--by '{options.by}': không có công chức hay đơn vị nào khớp trong kế hoạch",
            "xem danh sách: caicach officials",
        )
    keep = {id(task) for _, task in plan.tasks() if task_involves(task, officials, options.role)}
    return keep, "; ".join(plan.titles(sorted(officials)))


def _deadline(grouped: Grouped, plan: Plan, period: Period) -> date | None:
    """When the plan's reporting duty says this period's report is due."""
    duties = {id(duty) for duty in plan.reporting}
    for task_id, pairs in grouped.items():
        if task_id in duties:
            for obligation, _ in pairs:
                # "Báo cáo 6 tháng" is also the report of quý II (cai_cach.cadence).
                if obligation.period is not None and obligation.period.end == period.end:
                    return obligation.due
    return None


def build_report(loaded: LoadedPlan, period: Period, options: ReportOptions) -> Report:
    """The report of ``period`` for one loaded plan."""
    plan = loaded.plan
    info = plan.plan
    span = plan.window
    after = span.end is not None and period.start > span.end
    if after or (span.start is not None and period.end < span.start):
        raise UsageError(
            f"{period.label} nằm ngoài thời gian thực hiện của kế hoạch ({span.text()})",
            "chọn một kỳ trong thời gian này (plan.start, plan.end của tệp kế hoạch)",
        )
    window = data_window(period, calendar=options.calendar, as_of=options.as_of)
    grouped = _items_by_task(loaded, window, options.issued)
    keep, official = _kept_tasks(plan, options)
    sections = _sections(plan, grouped, period, window, keep)
    listed = [item for section in sections for task in section.tasks for item in task.items]
    overdue = [
        item for item in listed if item.status == "overdue" and item.done_after_cutoff is None
    ]
    after_cutoff = [item for item in listed if item.done_after_cutoff is not None]
    kept = [
        item
        for task_id, pairs in grouped.items()
        if keep is None or task_id in keep
        for _, item in pairs
    ]
    duties = {id(duty) for duty in plan.reporting}
    sent = [item for task_id, pairs in grouped.items() if task_id in duties for _, item in pairs]
    overdue.sort(key=lambda item: -item.days_overdue)
    total = Tally()
    for section in sections:
        total += section.tally
    return Report(
        plan_title=info.title,
        plan_name=loaded.name,
        plan_file=loaded.display,
        year=info.year,
        agency=info.agency.name,
        parent=info.agency.parent if info.report and info.report.parent_line else None,
        place=info.agency.place,
        decision_number=info.decision.number if info.decision else None,
        decision_date=info.decision.date if info.decision else None,
        document_number=info.document.number if info.document else None,
        document_date=info.document.date if info.document else None,
        period=period,
        next_period=period.next(),
        window=window,
        issued=options.issued,
        number=number_text(options.number),
        sections=tuple(sections),
        overdue=tuple(overdue),
        upcoming=tuple(_upcoming(grouped, period, window)),
        recipients=punctuate(default_recipients(plan)),
        signature=signature(plan, options),
        tally=total,
        completion=share(kept, period),
        reports_sent=share(sent, period),
        deadline=_deadline(grouped, plan, period),
        after_cutoff=tuple(after_cutoff),
        narrative=options.narrative,
        official=official,
        amendments=amendment_lines(plan, window.end),
    )


def date_warnings(period: Period, window: Window, issued: date, defaulted: bool) -> list[str]:
    """What the signer should know about the signing date before signing."""
    warnings = []
    late_limit = period.end + timedelta(days=31)
    if defaulted and not period.start <= issued <= late_limit:
        warnings.append(
            f"ngày ký lấy mặc định là hôm nay ({format_day(issued)}), quá một tháng sau khi "
            f"{period.label} kết thúc ({format_day(period.end)}) — ghi ngày ký bằng --signed"
        )
    if issued < window.end:
        warnings.append(
            f"ngày ký {format_day(issued)} trước ngày chốt số liệu {format_day(window.end)}"
        )
    return warnings
