"""Commands about the work itself: show (one task in full), agenda (a month), calendar (.ics)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated, Any

import typer

from cai_cach.cli import (
    AsOfOption,
    ByOption,
    JsonOption,
    NoCacheOption,
    RoleOption,
    app,
    day_text,
    draft_scope,
    echo,
    echo_failure_notice,
    exit_status,
    load_all,
    plans_read,
)
from cai_cach.cli import PlanOption as PlanFilesOption
from cai_cach.cli.completion import complete_month, complete_task_id
from cai_cach.cli.parsing import (
    DEFAULT_ROLE,
    as_of_day,
    month_option,
    no_official_matched,
    official_titles,
    officials_for,
    parse_role,
)
from cai_cach.cli.result import Envelope, emit
from cai_cach.errors import NotFoundError

if TYPE_CHECKING:
    from cai_cach.loading import LoadedPlan, LoadResult
    from cai_cach.models import Plan, Section, Task
    from cai_cach.schedule import Dated

STATE_LABEL = {
    "done_on_time": "đã xong",
    "done_late": "xong trễ",
    "overdue": "quá hạn",
    "not_yet_due": "chưa đến hạn",
}


def state_text(dated: Dated) -> str:
    label = STATE_LABEL[dated.state]
    if dated.state == "overdue":
        return f"{label} {dated.days_late} ngày"
    if dated.state == "done_late":
        return f"{label} {dated.days_late} ngày"
    return label


# --- show ----------------------------------------------------------------------------------


@app.command("show")
def show_command(
    tasks: Annotated[
        list[str],
        typer.Argument(
            help="Mã nhiệm vụ (ví dụ 1.d, III.1) hoặc mã mục (ví dụ 1: mọi nhiệm vụ của mục 1).",
            autocompletion=complete_task_id,
            show_default=False,
        ),
    ],
    plans: PlanFilesOption = None,
    as_of: AsOfOption = None,
    as_json: JsonOption = False,
    no_cache: NoCacheOption = False,
) -> int:
    """Xem đầy đủ một nhiệm vụ (hoặc cả một mục): nội dung, chủ trì, phối hợp, sản phẩm.

    Kèm thời gian thực hiện, từng mốc và từng kỳ của nghĩa vụ định kỳ với tình trạng tính đến
    --as-of (đã xong, xong trễ, quá hạn, chưa đến hạn), ngày đã ghi và các ghi chú.
    """
    from cai_cach.schedule import task_schedule

    day = as_of_day(as_of)
    result = load_all(plans, no_cache=no_cache)
    chosen = _chosen_tasks(result, tasks)
    if as_json:
        records = [
            task_record(loaded, section, task, task_schedule(loaded.plan, task, day))
            for loaded, section, task in chosen
        ]
        emit(Envelope("show", records, result.failures))
    else:
        echo_failure_notice(result, first=True)
        shown_sections: set[int] = set()
        for index, (loaded, section, task) in enumerate(chosen):
            if index:
                echo("")
            if section is not None and id(section) not in shown_sections:
                shown_sections.add(id(section))
                aims = section_text(section)
                if aims:
                    echo(aims + "\n")
            echo(task_text(loaded, section, task, day))
        echo_failure_notice(result, first=False)
    return exit_status(result)


def _chosen_tasks(
    result: LoadResult, queries: list[str]
) -> list[tuple[LoadedPlan, Section | None, Task]]:
    from cai_cach.matching import section_matches
    from cai_cach.record import find_task

    chosen: list[tuple[LoadedPlan, Section | None, Task]] = []
    for query in queries:
        found: list[tuple[LoadedPlan, Section | None, Task]] = []
        for loaded in result.plans:
            ref = find_task(loaded.plan, query)
            if ref is not None:
                section = next(
                    (owner for owner, task in loaded.plan.tasks() if task is ref.task), None
                )
                found.append((loaded, section, ref.task))
                continue
            for owner, task in loaded.plan.tasks():
                section_id = owner.id if owner else "III"
                if section_matches(section_id, query):
                    found.append((loaded, owner, task))
        if not found:
            if not result.plans:
                raise NotFoundError("không đọc được kế hoạch nào")
            raise NotFoundError(
                f"không có nhiệm vụ hay mục '{query}' trong kế hoạch",
                "xem danh sách mã nhiệm vụ bằng lệnh: caicach list",
            )
        chosen.extend(found)
    return chosen


def section_text(section: Section) -> str:
    """A section's objectives and numeric targets as written in the plan ('' when none)."""
    lines = []
    for heading, texts in (("Mục tiêu", section.objectives), ("Chỉ tiêu", section.targets)):
        if texts:
            lines.append(f"  {heading}:")
            lines.extend(f"    - {text}" for text in texts)
    if not lines:
        return ""
    return "\n".join([f"Mục {section.id}. {section.title}", *lines])


def task_text(loaded: LoadedPlan, section: Section | None, task: Task, day: date) -> str:
    from cai_cach.periods import CADENCE_LABEL
    from cai_cach.schedule import task_schedule

    plan = loaded.plan
    schedule = task_schedule(loaded.plan, task, day)
    where = f"mục {section.id}. {section.title}" if section else "III. Tổ chức thực hiện"
    lines = [
        f"Nhiệm vụ {task.id}: {task.title}",
        f"  Kế hoạch:   {plan.plan.title} ({loaded.display}) — {where}",
    ]
    if plan.plan.start is not None:  # set by hand: a plan taking effect mid-year
        lines.append(
            f"  Hiệu lực:   từ {day_text(plan.plan.start)} (việc đến hạn trước đó không theo dõi)"
        )
    lines.append(f"  Chủ trì:    {'; '.join(plan.titles(task.lead)) or 'chưa rõ'}")
    if task.support:
        lines.append(f"  Phối hợp:   {'; '.join(plan.titles(task.support))}")
    if task.products:
        lines.append(f"  Sản phẩm:   {task.products}")
    lines.append(f"  Thời gian:  {task.timeline}")
    recipient = getattr(task, "recipient", None)
    if recipient:
        lines.append(f"  Gửi:        {recipient}")
    if task.ongoing:
        lines.append("  (thường xuyên: không tự quá hạn)")
    if task.as_instructed:
        lines.append("  (theo quy định / hướng dẫn: không tự quá hạn)")
    lines.append(f"  Tình trạng tính đến {day_text(day)}:")
    if not schedule.milestones and not schedule.recurring:
        lines.append("    không có mốc hay kỳ nào có ngày cụ thể")
    for dated in schedule.milestones:
        milestone = dated.obligation
        lines.append(f"    Mốc: {milestone.what}")
        lines.append(f"      {_dated_line(dated)}")
        note = next((m.note for m in task.milestones if m.what == milestone.what and m.note), None)
        if note:
            lines.append(f"      ghi chú: {note}")
    for recurrence, occurrences in schedule.recurring:
        lines.append(f"    Định kỳ ({CADENCE_LABEL[recurrence.every]}): {recurrence.what}")
        for dated in occurrences:
            period = dated.obligation.period
            label = period.label if period else ""
            lines.append(f"      {label}: {_dated_line(dated)}{_covers_text(dated)}")
    if task.notes:
        lines.append("  Ghi chú:")
        lines.extend(f"    {day_text(note.date)}: {note.text}" for note in task.notes)
    return "\n".join(lines)


def _covers_text(dated: Dated) -> str:
    """' (gồm cả tháng 3 năm 2024)' when shorter reports ending the same day are merged in."""
    from cai_cach.periods import parse_period

    covers = dated.obligation.covers
    if not covers:
        return ""
    return " (gồm cả " + ", ".join(parse_period(key).label for key in covers) + ")"


def _dated_line(dated: Dated) -> str:
    obligation = dated.obligation
    text = f"hạn {day_text(obligation.due)} — {state_text(dated)}"
    if obligation.done is not None:
        text += f" (ghi nhận xong ngày {day_text(obligation.done)})"
    return text


def _dated_record(dated: Dated) -> dict[str, Any]:
    obligation = dated.obligation
    record: dict[str, Any] = {
        "what": obligation.what,
        "due": obligation.due.isoformat(),
        "done": obligation.done.isoformat() if obligation.done else None,
        "status": dated.state,
        "days_late": dated.days_late,
    }
    if obligation.period is not None:
        record["period"] = obligation.period.key
        record["period_label"] = obligation.period.label
        record["covers"] = list(obligation.covers)
    return record


def task_record(loaded: LoadedPlan, section: Section | None, task: Task, schedule: Any) -> Any:
    plan = loaded.plan
    milestones = []
    for dated in schedule.milestones:
        record = _dated_record(dated)
        source = next((m for m in task.milestones if m.what == dated.obligation.what), None)
        record["due_text"] = source.due.text if source else None
        record["note"] = source.note if source else None
        milestones.append(record)
    return {
        "plan": loaded.display,
        "section": section.id if section else "III",
        "id": task.id,
        "title": task.title,
        "lead": task.lead,
        "lead_titles": plan.titles(task.lead),
        "support": task.support,
        "support_titles": plan.titles(task.support),
        "products": task.products,
        "timeline": task.timeline,
        "ongoing": task.ongoing,
        "as_instructed": task.as_instructed,
        "milestones": milestones,
        "recurring": [
            {
                "what": recurrence.what,
                "every": recurrence.every,
                "occurrences": [_dated_record(dated) for dated in occurrences],
            }
            for recurrence, occurrences in schedule.recurring
        ],
        "notes": [{"date": note.date.isoformat(), "text": note.text} for note in task.notes],
        "section_objectives": list(section.objectives) if section else [],
        "section_targets": list(section.targets) if section else [],
        "plan_start": plan.plan.start.isoformat() if plan.plan.start else None,
    }


# --- agenda --------------------------------------------------------------------------------


@app.command("agenda")
def agenda_command(
    plans: PlanFilesOption = None,
    month: Annotated[
        str | None,
        typer.Option(
            "--month",
            "-m",
            help="Tháng cần xem: 2024-04, 04/2024 hoặc 'tháng 4/2024'; mặc định tháng của "
            "--as-of (hôm nay).",
            autocompletion=complete_month,
        ),
    ] = None,
    as_of: AsOfOption = None,
    by: ByOption = None,
    role: RoleOption = DEFAULT_ROLE,
    as_json: JsonOption = False,
    no_cache: NoCacheOption = False,
) -> int:
    """Việc của một tháng theo từng người chủ trì, việc quá hạn trước: tờ in cho giao ban.

    Gồm mọi mốc và kỳ báo cáo đến hạn trong tháng (kể cả đã xong) và việc các tháng trước
    còn quá hạn. Tình trạng tính đến --as-of (mặc định hôm nay, hoặc cuối tháng khi xem
    một tháng đã qua).
    """
    from cai_cach.matching import task_involves
    from cai_cach.schedule import month_agenda

    chosen_month = month_option(month, as_of)
    day = as_of_day(as_of)
    if as_of is None and chosen_month.end < day:
        day = chosen_month.end  # a past month: as it stood at its end
    chosen_role = parse_role(role)
    result = load_all(plans, no_cache=no_cache)
    groups: dict[str, list[tuple[LoadedPlan, Dated]]] = {}
    matched_any = False
    for loaded in result.plans:
        officials = officials_for(loaded, by)
        matched_any = matched_any or bool(officials)
        for dated in month_agenda(loaded.plan, chosen_month, day):
            task = dated.task
            if officials is not None and not task_involves(task, officials, chosen_role):
                continue
            lead = "; ".join(loaded.plan.titles(task.lead)) or "chưa rõ"
            groups.setdefault(lead, []).append((loaded, dated))
    if by is not None and result.plans and not matched_any:
        raise no_official_matched(by, official_titles(result.plans))
    if as_json:
        emit(Envelope("agenda", _agenda_records(groups), result.failures))
    else:
        echo_failure_notice(result, first=True)
        drafts = [loaded.display for loaded in result.plans if loaded.marks]
        _print_agenda(groups, chosen_month.label, day, draft_scope(drafts))
        echo_failure_notice(result, first=False)
    return exit_status(result)


def _agenda_order(groups: dict[str, list[tuple[LoadedPlan, Dated]]]) -> list[str]:
    """Parties with overdue work first (most overdue first), then by name."""
    return sorted(
        groups,
        key=lambda lead: (
            -max(
                (dated.days_late for _, dated in groups[lead] if dated.state == "overdue"),
                default=-1,
            ),
            lead,
        ),
    )


def _print_agenda(
    groups: dict[str, list[tuple[LoadedPlan, Dated]]], label: str, day: date, scope: str = ""
) -> None:
    echo(f"Việc {label} (tình trạng tính đến {day_text(day)}){scope}")
    if not groups:
        echo(f"Không có mốc hay kỳ báo cáo nào đến hạn trong tháng, không có việc quá hạn{scope}.")
        return
    many_plans = len({id(loaded) for items in groups.values() for loaded, _ in items}) > 1
    for lead in _agenda_order(groups):
        echo("")
        echo(f"{lead}:")
        for loaded, dated in groups[lead]:
            obligation = dated.obligation
            mark = "[x]" if dated.state in ("done_on_time", "done_late") else "[ ]"
            where = f" [{loaded.display}]" if many_plans else ""
            echo(
                f"  {mark} {dated.task.id} {obligation.label} — hạn "
                f"{day_text(obligation.due)} — {state_text(dated)}{where}"
            )


def _agenda_records(groups: dict[str, list[tuple[LoadedPlan, Dated]]]) -> list[dict[str, Any]]:
    return [
        {
            "lead": lead,
            "items": [
                {"plan": loaded.display, "task": dated.task.id, **_dated_record(dated)}
                for loaded, dated in groups[lead]
            ],
        }
        for lead in _agenda_order(groups)
    ]


# --- calendar ------------------------------------------------------------------------------


@app.command("calendar")
def calendar_command(
    plans: PlanFilesOption = None,
    output: Annotated[
        str,
        typer.Option(
            "--output",
            "-o",
            help="Tệp lịch cần ghi (tệp đã có chỉ ghi đè khi có --force); '-' để in ra màn hình.",
        ),
    ] = "lich.ics",
    force: Annotated[
        bool, typer.Option("--force", help="Ghi đè tệp lịch đã có (không bao giờ ghi vào plans/).")
    ] = False,
    by: ByOption = None,
    role: RoleOption = DEFAULT_ROLE,
    remind: Annotated[
        str,
        typer.Option(
            "--remind",
            help="Nhắc trước hạn bao nhiêu ngày, cách nhau bởi dấu phẩy; '' để không nhắc.",
        ),
    ] = "7,3,1",
    no_cache: NoCacheOption = False,
) -> int:
    """Xuất lịch (.ics) mọi mốc và kỳ báo cáo để nhập vào Google Calendar, Outlook, điện thoại.

    Mỗi việc là một sự kiện cả ngày vào ngày đến hạn, ghi người chủ trì, có nhắc trước hạn;
    việc đã ghi xong được đánh dấu "✓ Đã xong" và không nhắc. Nhập lại tệp mới sẽ cập nhật
    các sự kiện đã có chứ không nhân đôi.
    """
    from datetime import UTC, datetime
    from pathlib import Path

    from cai_cach.calendar_export import CalendarStream, parse_remind
    from cai_cach.matching import task_involves
    from cai_cach.outputs import check_output, write_output

    days = parse_remind(remind)
    if output != "-":
        check_output(Path(output), force=force, protected=plans_read(plans))
    chosen_role = parse_role(role)
    result = load_all(plans, no_cache=no_cache)
    wanted = {id(loaded.plan): officials_for(loaded, by) for loaded in result.plans}
    if by is not None and result.plans and not any(wanted.values()):
        raise no_official_matched(by, official_titles(result.plans))

    def keep(plan: Plan, task: Task) -> bool:
        officials = wanted[id(plan)]
        return officials is None or task_involves(task, officials, chosen_role)

    titles = sorted({loaded.plan.plan.title for loaded in result.plans})
    stream = CalendarStream(  # written event by event: memory stays bounded
        [loaded.plan for loaded in result.plans],
        days,
        datetime.now(UTC).replace(microsecond=0),
        keep,
        name="; ".join(titles) or "Kế hoạch cải cách hành chính",
    )
    if output == "-":
        for chunk in stream.chunks():
            typer.echo(chunk.decode(), nl=False)
    else:
        echo_failure_notice(result, first=True)
        write_output(Path(output), stream.chunks(), force=force, protected=plans_read(plans))
        reminder = f", nhắc trước {', '.join(map(str, days))} ngày" if days else ""
        echo(f"Đã ghi {stream.count} sự kiện vào {output}{reminder}.")
        echo_failure_notice(result, first=False)
    return exit_status(result)
