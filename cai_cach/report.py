"""The periodic progress report (báo cáo định kỳ) as a value: what was due, done, late, overdue
and coming up, for one plan and one reporting period.

Pure: a loaded plan, a ``Period`` and ``ReportOptions`` in, a ``Report`` out. The figures (the
basis, the counts, the percentages) are ``cai_cach.reportfigures``'; part IV is
``cai_cach.outlook``'s; rendering is ``cai_cach.render``'s.

How a report counts (also stated in docs/bao-cao.md):

- The data window is the official one of Nghị định 09/2019/NĐ-CP (a quarter runs from the 15th
  of the month before it to the 14th of its last month) or, with ``calendar``, the calendar
  period; ``as_of`` replaces the window's end, and a report signed before that end counts data
  up to its signing day. Statuses are taken at the window's end (the cut-off).
- Part II lists a task with what was recorded in the period (notes, milestones done with their
  dates, what is late); the continuous tasks with nothing recorded are named together, once
  per area.
- A report with a part still unwritten (the narrative file, the figures file) is a draft: it
  carries "DỰ THẢO" and no number; ``final`` (or a number) refuses it, naming what is missing.
- The report's deadline and its Nơi nhận come from the commune's report to the body above it
  (the first ``reporting:`` entry without ``internal: true``, see ``province_duty``); the
  deadline is said to be the plan's only when the plan sets a due day.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Literal

from cai_cach.amendments import amendment_lines, task_change
from cai_cach.errors import UsageError
from cai_cach.indicators import AnnexRow, IndicatorList, Statistics, annex
from cai_cach.loading import LoadedPlan
from cai_cach.matching import Role, official_ids, task_involves
from cai_cach.models import Plan, Task
from cai_cach.narrative import Narrative
from cai_cach.outlook import NextPlan, Outlook, outlook
from cai_cach.periods import Period, date_line, format_day
from cai_cach.reportfigures import (
    Counted,
    Figures,
    ItemStatus,
    figures,
    in_period,
    in_year,
    item_status,
)
from cai_cach.schedule import Obligation, obligations
from cai_cach.signing import (
    DEFAULT_AUTHORITY,
    DEPUTY_AUTHORITY,
    FILED_COPY,
    Signature,
    default_recipients,
    number_text,
    punctuate,
    report_deadline,
    same_occurrence,
    signature,
    this_report,
)
from cai_cach.text import fold, shorten

__all__ = [
    "DEFAULT_AUTHORITY",
    "DEPUTY_AUTHORITY",
    "FILED_COPY",
    "ItemStatus",
    "item_status",
    "number_text",
    "punctuate",
]

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

SHORT_TITLE = 72  # a task's title in running text; the annex table has it in full
THIS_REPORT = "báo cáo này"


@dataclass(frozen=True)
class Window:
    """The days whose data the report counts, both ends included; ``end`` is the cut-off."""

    start: date
    end: date
    kind: WindowKind
    end_overridden: bool = False
    end_signed: bool = False  # signed before the rule's cut-off: data up to the signing day

    @property
    def basis(self) -> str:
        """Why these days, in the words the report prints."""
        basis = "Điều 12 Nghị định số 09/2019/NĐ-CP" if self.kind == "official" else "kỳ dương lịch"
        if self.end_signed:
            return f"đầu kỳ theo {basis}, số liệu đến ngày ký báo cáo"
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
    final: bool = False  # refuse a draft (``--final``; a ``number`` asks the same)
    statistics: Statistics | None = None
    indicators: IndicatorList | None = None
    next_plan: NextPlan | None = None  # next year's plan, for the year report's part IV


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
    period_label: str | None = None
    days_overdue: int = 0
    done_after_cutoff: date | None = None  # done after the cut-off, by the signing date
    this_report: bool = False


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
    def short_title(self) -> str:
        return shorten(self.title.rstrip(" ."), SHORT_TITLE)

    @property
    def status_label(self) -> str:
        if self.status == "ongoing" and self.as_instructed:
            return AS_INSTRUCTED_LABEL
        if self.status == "not_yet_due":
            return IN_PROGRESS_LABEL
        return STATUS_LABEL[self.status]


@dataclass(frozen=True)
class SectionReport:
    id: str
    title: str
    tasks: tuple[TaskReport, ...]  # the tasks with something recorded or due in the period
    quiet: tuple[str, ...] = ()  # continuous tasks with nothing recorded: their ids
    objectives: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()
    direction: bool = False  # "công tác chỉ đạo, điều hành": reported in part I


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
    recipients: tuple[str, ...]
    signature: Signature
    figures: Figures
    outlook: Outlook = field(default_factory=Outlook)
    reports: tuple[Item, ...] = ()  # the periodic reports of the year so far, this one marked
    deadline: date | None = None  # when this report is due, where the plan sets the day
    after_cutoff: tuple[Item, ...] = ()
    narrative: Narrative | None = None
    official: str | None = None  # with --by: whose tasks the report covers
    document_number: str | None = None  # a plan issued directly as a Kế hoạch: its number
    document_date: date | None = None
    missing: tuple[str, ...] = ()  # the parts still to write: a draft while any
    annex: tuple[AnnexRow, ...] = ()
    statistics_file: str | None = None
    amendments: tuple[str, ...] = ()  # the amending decisions signed by the cut-off

    @property
    def draft(self) -> bool:
        return bool(self.missing)

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


# --- the window --------------------------------------------------------------------------


def data_window(
    period: Period,
    *,
    calendar: bool = False,
    as_of: date | None = None,
    signed: date | None = None,
) -> Window:
    """The window a report of ``period`` counts; ``as_of`` replaces its end, and a report
    ``signed`` before the end counts up to its signing day."""
    start, end = period.calendar_window() if calendar else period.official_window()
    kind: WindowKind = "calendar" if calendar else "official"
    if as_of is None:
        if signed is not None and start <= signed < end:
            return Window(start, signed, kind, end_signed=True)
        return Window(start, end, kind)
    if as_of < start:
        raise UsageError(
            f"--as-of {format_day(as_of)} trước ngày bắt đầu kỳ báo cáo ({format_day(start)})",
            "chọn ngày trong kỳ báo cáo, hoặc bỏ --as-of",
        )
    return Window(start, as_of, kind, end_overridden=True)


def output_name(plan_name: str, period: Period, suffix: str) -> str:
    """Default file name: ``bao-cao-<plan>-<period key>.<suffix>``, the plan's year not
    repeated (tinh-minh-2024 + 2024-Q1 → bao-cao-tinh-minh-2024-Q1.docx)."""
    stem = plan_name.removesuffix(f"-{period.year}")
    key = period.key
    if stem != plan_name:
        return f"bao-cao-{stem}-{key}.{suffix}"
    return f"bao-cao-{plan_name}-{key}.{suffix}"


# --- building ----------------------------------------------------------------------------

Pair = tuple[Task, Obligation, Item]


def _milestone_of(task: Task, obligation: Obligation) -> tuple[str, str | None]:
    for milestone in task.milestones:
        if milestone.what == obligation.what and milestone.due.date == obligation.due:
            return milestone.due.text, milestone.note
    return "", None


def _pairs(
    plan: Plan, window: Window, issued: date, this: tuple[Task, Obligation] | None
) -> list[Pair]:
    """Every obligation the plan owes with its task and reported form, in document order."""
    found = []
    for task, obligation in obligations(plan):
        deadline, note = (obligation.period.label if obligation.period else ""), None
        if obligation.period is None:
            deadline, note = _milestone_of(task, obligation)
        done = obligation.done if obligation.done and obligation.done <= window.end else None
        item = Item(
            task_id=task.id,
            task_title=task.title,
            what=obligation.what,
            deadline=deadline,
            due=obligation.due,
            done=done,
            status=item_status(obligation.due, obligation.done, window.end),
            lead=tuple(plan.titles(task.lead)),
            note=note if done else None,
            period_key=obligation.period.key if obligation.period else None,
            period_label=obligation.period.label if obligation.period else None,
            days_overdue=max((window.end - obligation.due).days, 0),
            done_after_cutoff=(
                obligation.done
                if obligation.done and window.end < obligation.done <= issued
                else None
            ),
            this_report=same_occurrence(task, obligation, this),
        )
        found.append((task, obligation, item))
    return found


def _counts_in_period(obligation: Obligation, period: Period, window: Window) -> bool:
    return in_period(obligation.due, obligation.done, period, window.start, window.end)


def _task_report(
    plan: Plan, task: Task, pairs: list[Pair], period: Period, window: Window
) -> TaskReport | None:
    """The task as part II lists it, or ``None`` when nothing was recorded or due."""
    items = tuple(item for _, o, item in pairs if _counts_in_period(o, period, window))
    notes = tuple(NoteEntry(note.date, note.text) for note in task.notes if note.date in window)
    change = task_change(plan, task)
    changed_here = any(c is not None and c.date in window for c in (task.added, task.cancelled))
    if not (items or notes or changed_here):
        return None
    flagged = task.ongoing or task.as_instructed
    status: TaskStatus = _worst(i.status for i in items) if items else "ongoing"
    if flagged and not items:
        status = "ongoing"
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


def missing_parts(
    narrative: Narrative | None, statistics: Statistics | None, indicators: IndicatorList | None
) -> list[str]:
    """The parts still to write, as the command and the refusal name them."""
    if narrative is None:  # nothing written at all: every part a person writes is missing
        narrative = Narrative("tệp phần tự viết")
    missing = list(narrative.missing())
    if indicators is not None:
        if statistics is None or not statistics.found:
            where = f" (tệp {statistics.file} chưa có)" if statistics is not None else ""
            missing.append(f"Phụ lục số liệu{where}")
        elif blank := statistics.blank(indicators):
            missing.append(
                f"Phụ lục số liệu: {len(blank)} chỉ tiêu chưa ghi ({', '.join(blank[:3])}"
                f"{', …' if len(blank) > 3 else ''}; tệp {statistics.file})"
            )
    return missing


def _refuse_draft(missing: list[str], narrative: Narrative | None) -> UsageError:
    file = narrative.file if narrative is not None else "tệp phần tự viết"
    return UsageError(
        "chưa lập được báo cáo chính thức (--final/--number): còn thiếu "
        + "; ".join(missing)
        + f" — viết vào tệp {file}",
        "bỏ --final và --number để lập bản DỰ THẢO; tạo các tệp cần điền: "
        "caicach report --init-notes --period <kỳ>",
    )


def build_report(loaded: LoadedPlan, period: Period, options: ReportOptions) -> Report:
    """The report of ``period`` for one loaded plan."""
    plan = loaded.plan
    info = plan.plan
    missing = missing_parts(options.narrative, options.statistics, options.indicators)
    if missing and (options.final or options.number is not None):
        raise _refuse_draft(missing, options.narrative)
    span = plan.window
    after = span.end is not None and period.start > span.end
    if after or (span.start is not None and period.end < span.start):
        raise UsageError(
            f"{period.label} nằm ngoài thời gian thực hiện của kế hoạch ({span.text()})",
            "chọn một kỳ trong thời gian này (plan.start, plan.end của tệp kế hoạch)",
        )
    window = data_window(
        period, calendar=options.calendar, as_of=options.as_of, signed=options.issued
    )
    this = this_report(plan, period)
    keep, official = _kept_tasks(plan, options)
    grouped: dict[int, list[Pair]] = {}
    for task, obligation, item in _pairs(plan, window, options.issued, this):
        grouped.setdefault(id(task), []).append((task, obligation, item))
    sections, counted, areas = [], [], []
    for section in plan.sections:
        kept = [task for task in section.tasks if keep is None or id(task) in keep]
        listed, quiet = [], []
        for task in kept:
            pairs = grouped.get(id(task), [])
            counted += [_counted(section.id, o, i, period, window) for _, o, i in pairs]
            report = _task_report(plan, task, pairs, period, window)
            if report is not None:
                listed.append(report)
            elif task.ongoing or task.as_instructed:
                quiet.append(task.id)
        flagged = sum(task.ongoing or task.as_instructed for task in kept)
        areas.append((section.id, section.title, len(kept), flagged))
        sections.append(
            SectionReport(
                section.id,
                section.title,
                tuple(listed),
                tuple(quiet),
                objectives=tuple(section.objectives),
                targets=tuple(section.targets),
                direction=section.is_direction,
            )
        )
    duties = [duty for duty in plan.reporting if keep is None or id(duty) in keep]
    report_pairs = [pair for duty in duties for pair in grouped.get(id(duty), [])]
    counted += [_counted(None, o, i, period, window) for _, o, i in report_pairs]
    listed_items = [item for s in sections for t in s.tasks for item in t.items]
    overdue = sorted(
        (i for i in listed_items if i.status == "overdue" and i.done_after_cutoff is None),
        key=lambda item: -item.days_overdue,
    )
    kept_pairs = [
        (t, o, i.lead)
        for task_id, pairs in grouped.items()
        if keep is None or task_id in keep
        for t, o, i in pairs
        if not i.this_report
    ]
    statistics = options.statistics
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
        number=number_text(None if missing else options.number),
        sections=tuple(sections),
        overdue=tuple(overdue),
        recipients=punctuate(default_recipients(plan)),
        signature=signature(plan, options.signer, options.signer_title),
        figures=figures(counted, areas, period),
        outlook=outlook(kept_pairs, period, options.issued, options.next_plan),
        reports=tuple(
            item
            for _, o, item in report_pairs
            if in_year(o.due, o.done, period, _year_start(period, window), window.end)
            or item.this_report
        ),
        deadline=report_deadline(plan, this),
        after_cutoff=tuple(i for i in listed_items if i.done_after_cutoff is not None),
        narrative=options.narrative,
        official=official,
        missing=tuple(missing),
        annex=tuple(annex(options.indicators, statistics))
        if options.indicators is not None and statistics is not None
        else (),
        statistics_file=statistics.file if statistics is not None else None,
        amendments=amendment_lines(plan, window.end),
    )


def _year_start(period: Period, window: Window) -> date:
    first = Period(period.year, "quarter", 1)
    return first.calendar_window()[0] if window.kind == "calendar" else first.official_window()[0]


def _counted(
    section: str | None, obligation: Obligation, item: Item, period: Period, window: Window
) -> Counted:
    return Counted(
        section,
        item.status,
        _counts_in_period(obligation, period, window),
        in_year(obligation.due, obligation.done, period, _year_start(period, window), window.end),
        item.this_report,
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
