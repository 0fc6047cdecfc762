"""A ``Report`` as the plain data a template receives (``report_context``): dicts, lists,
strings, numbers and booleans only, never the plan's models (documented in docs/bao-cao.md,
section "Mẫu báo cáo"). The sentences every template prints the same way — the basis, the
headline figures, a task's results, part IV's lines — are made here once, so Markdown, Word,
``--json`` and the command's own line all say the same thing.
"""

from __future__ import annotations

import re
from dataclasses import asdict
from datetime import date
from pathlib import PurePath
from typing import Any

from cai_cach.counting import percent_text
from cai_cach.narrative import PARTS, PLACEHOLDER
from cai_cach.outlook import Entry, Outlook
from cai_cach.periods import format_day
from cai_cach.report import STATUS_LABEL, THIS_REPORT, Item, Report, SectionReport, TaskReport
from cai_cach.reportfigures import AreaRow, Figures, Share
from cai_cach.text import fold, nfc

_LEVEL = re.compile(r"(?<!\w)(?:thi tran|thi xa|thanh pho|dac khu|phuong|huyen|quan|tinh|xa)(?!\w)")
BLOCK_WIDTH = 24


def block_text(name: str) -> str:
    """An agency's name in capitals for the top-left block, broken before the administrative
    level when it is too long for one line: "ỦY BAN NHÂN DÂN\nXÃ TỊNH MINH"."""
    name = nfc(" ".join(name.split()))
    upper = name.upper()
    if len(name) <= BLOCK_WIDTH:
        return upper
    match = _LEVEL.search(fold(name), 1)
    if match is None:
        return upper
    return upper[: match.start()].rstrip() + "\n" + upper[match.start() :]


def _day(value: date | None) -> str | None:
    return format_day(value) if value is not None else None


def _item(item: Item) -> dict[str, Any]:
    return {
        "task": item.task_id,
        "task_title": item.task_title,
        "what": item.what,
        "label": f"{item.what} ({item.period_label})" if item.period_label else item.what,
        "deadline": item.deadline,
        "due": format_day(item.due),
        "done": _day(item.done),
        "status": item.status,
        "status_label": STATUS_LABEL[item.status],
        "lead": "; ".join(item.lead),
        "leads": list(item.lead),
        "note": item.note,
        "period": item.period_key,
        "days_overdue": item.days_overdue,
        "done_after_cutoff": _day(item.done_after_cutoff),
        "this_report": item.this_report,
    }


def share_context(share: Share) -> dict[str, Any]:
    percents = share.percents()
    counts = {
        "done": share.done,
        "done_on_time": share.done_on_time,
        "done_late": share.done_late,
        "open": share.open,
        "in_time": share.in_time,
        "overdue": share.overdue,
    }
    return {
        "total": share.total,
        **counts,
        "rate": {key: float(value) for key, value in percents.items()},
        "percent": {key: percent_text(value) for key, value in percents.items()},
    }


def headline(label: str, share: Share) -> str:
    """One basis' figures in a sentence; its parts add up to its total."""
    p = share_context(share)["percent"]
    return (
        f"{label}: {share.done}/{share.total} việc có thời hạn đã hoàn thành ({p['done']}%), "
        f"trong đó đúng hạn {share.done_on_time} ({p['done_on_time']}%), trễ hạn "
        f"{share.done_late} ({p['done_late']}%); chưa hoàn thành {share.open} ({p['open']}%), "
        f"trong đó còn trong hạn {share.in_time} ({p['in_time']}%), quá hạn {share.overdue} "
        f"({p['overdue']}%)."
    )


def basis_text(report: Report) -> str:
    """The report's basis, stated once."""
    end = format_day(report.window.end)
    label = report.period.label
    if len(report.figures.bases) == 2:
        text = (
            f"Số liệu ghi theo hai cột: «Trong kỳ» gồm việc có thời hạn đến hạn trong {label}, "
            "việc còn tồn từ kỳ trước và việc hoàn thành trong kỳ; «Lũy kế từ đầu năm» gồm "
            f"việc có thời hạn đến hạn từ đầu năm đến hết {label} và việc đã hoàn thành"
        )
    else:
        text = (
            "Số liệu tính lũy kế từ đầu năm: việc có thời hạn đến hạn đến hết "
            f"{label} và việc đã hoàn thành"
        )
    return (
        f"{text}; tình trạng tính tại ngày {end}. Báo cáo định kỳ được tính riêng một dòng, "
        f"không kể {THIS_REPORT}."
    )


def _area_row(row: AreaRow) -> dict[str, Any]:
    return {
        "id": row.id,
        "title": row.title,
        "tasks": row.tasks,
        "ongoing": row.ongoing,
        "shares": [share_context(share) for share in row.shares],
        **{f"b{index}": share_context(share) for index, share in enumerate(row.shares)},
    }


def figures_context(figures: Figures) -> dict[str, Any]:
    bases = [
        {
            "key": basis.key,
            "label": basis.label,
            "tasks": share_context(basis.tasks),
            "reports": share_context(basis.reports),
            "headline": headline(basis.label, basis.tasks),
        }
        for basis in figures.bases
    ]
    return {
        "two_bases": len(bases) == 2,
        "bases": bases,
        "labels": [basis["label"] for basis in bases],
        "areas": [_area_row(row) for row in figures.areas],
        "total": _area_row(figures.total()),
    }


def summary_line(report: Report) -> str:
    """The command's own line: the same basis and figures as the report."""
    parts = []
    for basis in report.figures.bases:
        share = basis.tasks
        parts.append(
            f"{basis.label.lower()}: {share.total} việc có thời hạn (đúng hạn "
            f"{share.done_on_time}, trễ hạn {share.done_late}, quá hạn {share.overdue}, "
            f"chưa đến hạn {share.in_time})"
        )
    return "; ".join(parts)


# --- part II: a task's results -----------------------------------------------------------


def _short_label(label: str) -> str:
    return re.sub(r" năm \d{4}$", "", label)


def _short_period(label: str | None, year: int) -> str:
    return (label or "").removesuffix(f" năm {year}")


def _milestone_result(item: Item) -> str:
    if item.done_after_cutoff is not None:
        return (
            f"{item.what}: hoàn thành ngày {format_day(item.done_after_cutoff)}, sau ngày chốt "
            "số liệu"
        )
    if item.done is not None:
        late = f", trễ hạn (hạn {format_day(item.due)})" if item.status == "done_late" else ""
        note = f" — {item.note}" if item.note else ""
        return f"{item.what}: hoàn thành ngày {format_day(item.done)}{late}{note}"
    state = "quá hạn" if item.status == "overdue" else "chưa đến hạn"
    return f"{item.what}: {state} (hạn {format_day(item.due)})"


def _occurrence(item: Item, year: int) -> str:
    period = _short_period(item.period_label, year)
    if item.done_after_cutoff is not None:
        return f"{period} hoàn thành ngày {format_day(item.done_after_cutoff)} (sau ngày chốt)"
    if item.done is not None:
        late = " (trễ hạn)" if item.status == "done_late" else ""
        return f"{period} hoàn thành ngày {format_day(item.done)}{late}"
    return f"{period} {'chưa thực hiện, quá hạn' if item.status == 'overdue' else 'chưa đến hạn'}"


def results(task: TaskReport, year: int) -> list[str]:
    """What was recorded for a task in the period, one line per milestone or duty, then notes."""
    lines: list[str] = []
    recurring: dict[str, list[Item]] = {}
    for item in task.items:
        if item.period_key is None:
            lines.append(_milestone_result(item))
        else:
            recurring.setdefault(item.what, []).append(item)
    for what, items in recurring.items():
        lines.append(f"{what}: " + "; ".join(_occurrence(item, year) for item in items))
    lines += [f"Ngày {format_day(note.date)}: {note.text}" for note in task.notes]
    return lines


def _task(task: TaskReport, year: int) -> dict[str, Any]:
    return {
        "id": task.id,
        "title": task.title,
        "short_title": task.short_title,
        "lead": "; ".join(task.lead),
        "leads": list(task.lead),
        "support": "; ".join(task.support),
        "timeline": task.timeline,
        "products": task.products,
        "status": task.status,
        "status_label": task.status_label,
        "as_instructed": task.as_instructed,
        "results": results(task, year),
        "deadlines": [_item(item) for item in task.items],
        "notes": [{"date": format_day(note.date), "text": note.text} for note in task.notes],
        "change": task.change,
    }


def quiet_text(ids: tuple[str, ...]) -> str:
    if not ids:
        return ""
    which = "Nhiệm vụ" if len(ids) == 1 else "Các nhiệm vụ"
    return (
        f"{which} {', '.join(ids)} (thực hiện thường xuyên, theo chỉ đạo của cấp trên): trong "
        "kỳ chưa ghi nhận kết quả riêng."
    )


def _section(report: Report, section: SectionReport) -> dict[str, Any]:
    written = report.narrative.areas.get(section.id, ()) if report.narrative else ()
    return {
        "id": section.id,
        "title": section.title,
        "tasks": [_task(task, report.year) for task in section.tasks],
        "quiet": list(section.quiet),
        "quiet_text": quiet_text(section.quiet),
        "narrative": list(written),
        "objectives": list(section.objectives),
        "targets": list(section.targets),
        "direction": section.direction,
    }


# --- part I: the periodic reports; part IV ------------------------------------------------


def _report_state(item: Item) -> str:
    if item.this_report:
        return THIS_REPORT
    done = item.done or item.done_after_cutoff
    if done is not None:
        late = "trễ hạn" if done > item.due else "đúng hạn"
        return f"gửi ngày {format_day(done)}, {late}"
    return "chưa gửi, quá hạn" if item.status == "overdue" else "chưa đến hạn"


def reports_text(report: Report) -> str:
    """The year's periodic reports so far, in one sentence; this one as "báo cáo này"."""
    if not report.reports:
        return ""
    listed = "; ".join(
        f"{item.what.lower()} ({_short_period(item.period_label, report.year)}): "
        f"{_report_state(item)}"
        for item in report.reports
    )
    return f"Báo cáo định kỳ năm {report.year}: {listed}."


def _entry(entry: Entry, *, carried: bool) -> str:
    lead = f"; chủ trì: {'; '.join(entry.lead)}" if entry.lead else ""
    if entry.periods:
        kinds = ", ".join(_short_label(period) for period in entry.periods)
        state = "kỳ chưa thực hiện" if carried else "kỳ"
        return f"{entry.what} ({entry.count} {state}: {kinds}; {entry.task_id}{lead})."
    when = f"quá hạn từ {format_day(entry.due)}" if carried else f"hạn {format_day(entry.due)}"
    return f"{entry.what} ({entry.task_id}{lead}; {when})."


def outlook_lines(report: Report) -> list[str]:
    """Part IV's list: carried over, milestones, chores, next year's plan; then the clerk's."""
    outlook: Outlook = report.outlook
    lines = [f"Khẩn trương hoàn thành: {_entry(e, carried=True)}" for e in outlook.carried]
    lines += [_entry(entry, carried=False) for entry in outlook.milestones]
    lines += [_entry(entry, carried=False) for entry in outlook.chores]
    plan = outlook.next_plan
    if plan is not None:
        issued = f" ({plan.decision})" if plan.decision else ""
        tasks = sum(count for _, _, count in plan.areas)
        areas = "; ".join(f"{area_id}. {title}" for area_id, title, _ in plan.areas)
        lines.append(
            f"Triển khai {plan.title}{issued}: {tasks} nhiệm vụ thuộc {len(plan.areas)} "
            f"lĩnh vực ({areas})."
        )
        lines += [_entry(entry, carried=False) for entry in plan.early]
    elif outlook.follows_next_plan:
        lines.append(
            f"Triển khai nhiệm vụ cải cách hành chính năm {outlook.next_year} theo Kế hoạch cải "
            f"cách hành chính năm {outlook.next_year} của {report.agency}."
        )
    written = report.narrative.parts.get("next_steps", ()) if report.narrative else ()
    lines += [paragraph.removeprefix("- ") for paragraph in written]
    return lines


def _narrative(report: Report) -> dict[str, Any]:
    """Each written part: its heading, paragraphs, and the placeholder shown when empty."""
    narrative = report.narrative
    file = narrative.file if narrative else "tệp phần tự viết"
    short = PurePath(file).name if narrative else file
    parts: dict[str, Any] = {}
    for key, heading, required in PARTS:
        paragraphs = list(narrative.parts.get(key, ())) if narrative else []
        parts[key] = {
            "heading": heading,
            "paragraphs": paragraphs,
            "written": bool(paragraphs),
            "placeholder": PLACEHOLDER.format(heading=heading, file=short) if required else "",
        }
    parts["file"] = file
    parts["missing"] = narrative.missing() if narrative else [h for _, h, r in PARTS if r]
    return parts


def report_context(report: Report) -> dict[str, Any]:
    """Everything a template can use (documented in docs/bao-cao.md, section "Mẫu báo cáo")."""
    window = report.window
    decision = (
        {"number": report.decision_number, "date": _day(report.decision_date)}
        if report.decision_number
        else None
    )
    document = (
        {"number": report.document_number, "date": _day(report.document_date)}
        if report.document_number
        else None
    )
    deadline = _day(report.deadline)
    sections = [_section(report, section) for section in report.sections]
    listed = [task for section in sections for task in section["tasks"]]
    return {
        "report": {
            "title": "BÁO CÁO",
            "subject": report.subject,
            "number": report.number,
            "draft": report.draft,
            "missing": list(report.missing),
            "date": format_day(report.issued),
            "date_line": report.date_line,
            "window": report.window_text,
            "basis": basis_text(report),
            "deadline": deadline,
            "deadline_text": f"Thời hạn gửi báo cáo theo kế hoạch: ngày {deadline}."
            if deadline
            else "",
            "official": report.official,
            "summary": summary_line(report),
        },
        "plan": {
            "title": report.plan_title,
            "year": report.year,
            "name": report.plan_name,
            "file": report.plan_file,
            "decision": decision,
            "document": document,
            "basis": report.basis,
            "amendments": list(report.amendments),
        },
        "agency": {
            "name": report.agency,
            "name_upper": report.agency.upper(),
            "name_block": block_text(report.agency),
            "parent": report.parent,
            "parent_upper": report.parent.upper() if report.parent else None,
            "parent_block": block_text(report.parent) if report.parent else None,
            "place": report.place,
        },
        "period": {
            "key": report.period.key,
            "label": report.period.label,
            "start": format_day(report.period.start),
            "end": format_day(report.period.end),
            "window_start": format_day(window.start),
            "window_end": format_day(window.end),
            "window_basis": window.basis,
            "calendar": window.kind == "calendar",
            "as_of": format_day(window.end),
        },
        "next_period": {"key": report.next_period.key, "label": report.next_period.label},
        "figures": figures_context(report.figures),
        "sections": sections,
        "areas": [s for s in sections if not s["direction"]],
        "direction": [s for s in sections if s["direction"]],
        "reports": [_item(item) for item in report.reports],
        "reports_text": reports_text(report),
        "after_cutoff": [_item(item) for item in report.after_cutoff],
        "narrative": _narrative(report),
        "overdue": [_item(item) for item in report.overdue],
        "outlook": outlook_lines(report),
        "annex": {
            "shown": bool(report.annex),
            "file": report.statistics_file,
            "file_name": PurePath(report.statistics_file).name if report.statistics_file else "",
            "rows": [
                {**asdict(row), "value": row.value_text(), "share": row.share_text()}
                for row in report.annex
            ],
        },
        "task_annex": [
            {"id": t["id"], "title": t["title"], "lead": t["lead"], "status": t["status_label"]}
            for t in listed
        ],
        "recipients": list(report.recipients),
        "signer": {
            "authority": report.signature.authority.upper(),
            "title": report.signature.title.upper(),
            "name": report.signature.name,
        },
    }
