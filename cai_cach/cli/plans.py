"""Commands that read plans: check, list, officials, overdue."""

from __future__ import annotations

import functools
import json
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NamedTuple

import typer

from cai_cach.cli import (
    AsOfOption,
    ByOption,
    JsonOption,
    NoCacheOption,
    PlanOption,
    PlansArg,
    RoleOption,
    app,
    console,
    day_text,
    echo,
    echo_failure_notice,
    exit_status,
    failure_records,
    load_all,
    map_all,
    map_summaries_all,
    plans_read,
)
from cai_cach.cli.parsing import (
    DEFAULT_ROLE,
    as_of_day,
    no_official_matched,
    official_titles,
    officials_for,
    parse_role,
    plan_arguments,
)
from cai_cach.cli.tables import Column, make_table, render_table
from cai_cach.errors import EXIT_FINDINGS, EXIT_OK, UsageError

if TYPE_CHECKING:
    from collections.abc import Iterator

    from cai_cach.loading import LoadedPlan, LoadedSummary
    from cai_cach.matching import Role
    from cai_cach.models import Official, Plan, Task
    from cai_cach.rollup import AgencyTally, Rollup
    from cai_cach.summary import Finding, PlanSummary

GROUP_BY_CHOICES = ("agency",)


# --- commands ------------------------------------------------------------------------------


@app.command("check")
def check_command(
    plans: PlansArg = None,
    plan: PlanOption = None,
    as_json: JsonOption = False,
    no_cache: NoCacheOption = False,
) -> int:
    """Kiểm tra tệp kế hoạch: cú pháp, trường bắt buộc, thời hạn, công chức được tham chiếu.

    Mỗi lỗi ghi rõ tệp:dòng:cột, trường bị lỗi và cách sửa.
    Trả về 0 khi mọi tệp hợp lệ, 2 khi có lỗi.
    """
    from cai_cach.newyear import same_year_plans

    result = map_all(plan_arguments(plans, plan), check_summary, no_cache=no_cache)
    if as_json:
        records = [
            {"file": display, "agency": agency, "year": year, "summary": summary}
            for display, _, (summary, agency, year) in result.results
        ]
        _print_json(records, result.failures)
    else:
        echo_failure_notice(result, first=True)
        for display, _, (summary, _, _) in result.results:
            echo(f"✓ {display}: hợp lệ — {summary}")
    for warning in same_year_plans(
        [(d, agency, year) for d, _, (_, agency, year) in result.results]
    ):
        echo(warning, err=True)
    if result.failures:
        valid = len(result.results)
        echo(f"{len(result.failures)} tệp có lỗi, {valid} tệp hợp lệ.", err=True)
    if not as_json:
        echo_failure_notice(result, first=False)
    return exit_status(result)


def check_summary(loaded: LoadedPlan) -> tuple[str, str, int]:
    """``plan_summary`` with the plan's agency and year (for the same-year warning)."""
    return plan_summary(loaded), loaded.plan.plan.agency.name, loaded.plan.year


def plan_summary(loaded: LoadedPlan) -> str:
    """What ``check`` says of a valid plan (computed beside the loading, see ``map_plans``)."""
    plan = loaded.plan
    from cai_cach.schedule import task_dues

    tasks = sum(len(section.tasks) for section in plan.sections)
    # the reports owed inside the plan's window (a half-year plan owes two quarterly reports)
    reports = sum(
        1 for duty in plan.reporting for due in task_dues(plan, duty) if due.period is not None
    )
    return (
        f"{len(plan.sections)} mục, {tasks} nhiệm vụ, {len(plan.reporting)} nghĩa vụ báo cáo "
        f"({reports} kỳ báo cáo trong năm), {_parties(plan)}"
    )


def _party_kind(official: Official) -> str:
    return "nhóm" if official.group else "đơn vị" if official.is_unit else "công chức"


def _parties(plan: Plan) -> str:
    """ "13 công chức", or "3 công chức, 4 đơn vị" when some parties are units."""
    units = sum(official.is_unit and not official.group for official in plan.officials.values())
    people = len(plan.officials) - units
    return f"{people} công chức" + (f", {units} đơn vị" if units else "")


@app.command("list")
def list_command(
    plans: PlansArg = None,
    plan: PlanOption = None,
    section: Annotated[
        str | None, typer.Option("--section", "-s", help="Chỉ hiện một mục, ví dụ -s 2.")
    ] = None,
    by: ByOption = None,
    role: RoleOption = DEFAULT_ROLE,
    as_json: JsonOption = False,
    no_cache: NoCacheOption = False,
) -> int:
    """Liệt kê nhiệm vụ: mã, nội dung, chủ trì, phối hợp, thời gian thực hiện.

    Xem đầy đủ một nhiệm vụ (mốc, kỳ báo cáo, ghi chú): caicach show MÃ.
    """
    from cai_cach.text import shorten

    chosen_role = parse_role(role)
    result = load_all(plan_arguments(plans, plan), no_cache=no_cache)
    if by is not None and result.plans and not any(officials_for(p, by) for p in result.plans):
        raise no_official_matched(by, official_titles(result.plans))
    if as_json:
        records = [
            _task_record(loaded, section_id, task)
            for loaded in result.plans
            for section_id, task in _listed_tasks(loaded, section, by, chosen_role)
        ]
        _print_json(records, result.failures)
        return exit_status(result)
    echo_failure_notice(result, first=True)
    out = console()
    shown = 0
    for loaded in result.plans:
        table = make_table(
            "Mã",
            "Nhiệm vụ",
            "Chủ trì",
            "Phối hợp",
            "Thời gian",
            title=f"{loaded.plan.plan.title} ({loaded.display})",
            show_lines=True,
        )
        for _, task in _listed_tasks(loaded, section, by, chosen_role):
            table.add_row(
                task.id,
                shorten(task.title, 90),
                "\n".join(loaded.plan.titles(task.lead)),
                "\n".join(loaded.plan.titles(task.support)),
                task.timeline,
            )
            shown += 1
        if table.row_count:
            out.print(table)
    if shown == 0 and result.plans:
        echo("Không có nhiệm vụ nào khớp với điều kiện lọc.")
    echo_failure_notice(result, first=False)
    return exit_status(result)


def _listed_tasks(
    loaded: LoadedPlan, section: str | None, by: str | None, role: Role
) -> Iterator[tuple[str, Task]]:
    """The tasks ``list`` shows of one plan (``-s``, ``--by``/``--role``), with their
    section's id ("III" for the reporting duties)."""
    from cai_cach.matching import section_matches, task_involves

    officials = officials_for(loaded, by)
    for owner, task in loaded.plan.tasks():
        section_id = owner.id if owner else "III"
        if section is not None and not section_matches(section_id, section):
            continue
        if officials is not None and not task_involves(task, officials, role):
            continue
        yield section_id, task


@app.command("officials")
def officials_command(
    plans: PlansArg = None,
    plan: PlanOption = None,
    as_json: JsonOption = False,
    no_cache: NoCacheOption = False,
) -> int:
    """Liệt kê công chức, đơn vị trong kế hoạch và số nhiệm vụ mỗi bên chủ trì, phối hợp."""
    result = load_all(plan_arguments(plans, plan), no_cache=no_cache)
    if as_json:
        records = [
            {
                "file": loaded.display,
                "id": official_id,
                "title": official.title,
                "name": official.name,
                "kind": _party_kind(official),
                "leads": sum(official_id in task.lead for _, task in loaded.plan.tasks()),
                "supports": sum(official_id in task.support for _, task in loaded.plan.tasks()),
            }
            for loaded in result.plans
            for official_id, official in loaded.plan.officials.items()
        ]
        _print_json(records, result.failures)
        return exit_status(result)
    echo_failure_notice(result, first=True)
    out = console()
    for loaded in result.plans:
        content = loaded.plan
        table = make_table(
            "Mã",
            "Chức danh, đơn vị",
            "Loại",
            "Họ tên",
            "Chủ trì",
            "Phối hợp",
            title=f"{content.plan.title} ({loaded.display})",
        )
        for official_id, official in content.officials.items():
            leads = sum(official_id in task.lead for _, task in content.tasks())
            supports = sum(official_id in task.support for _, task in content.tasks())
            kind = _party_kind(official)
            table.add_row(
                official_id, official.title, kind, official.name or "", str(leads), str(supports)
            )
        out.print(table)
    echo_failure_notice(result, first=False)
    return exit_status(result)


@app.command("overdue")
def overdue_command(
    plans: PlansArg = None,
    plan: PlanOption = None,
    as_of: AsOfOption = None,
    by: ByOption = None,
    role: RoleOption = DEFAULT_ROLE,
    soon: Annotated[
        int | None,
        typer.Option("--soon", min=0, help="Hiện cả việc sẽ đến hạn trong số ngày này."),
    ] = None,
    as_json: JsonOption = False,
    exit_code: Annotated[
        bool, typer.Option("--exit-code", help="Trả về mã 1 khi có việc quá hạn.")
    ] = False,
    group_by: Annotated[
        str | None,
        typer.Option(
            "--group-by",
            help="'agency': bảng tổng hợp theo đơn vị (xã) — số nhiệm vụ, việc có hạn, đã "
            "xong, xong trễ, quá hạn — và tổng cộng, thay cho danh sách từng việc.",
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Với --group-by agency: ghi bảng tổng hợp ra tệp Excel (.xlsx), ví dụ "
            "-o tong-hop.xlsx (tệp đã có chỉ ghi đè khi có --force).",
            show_default=False,
        ),
    ] = None,
    force: Annotated[
        bool,
        typer.Option("--force", help="Với -o: ghi đè tệp đã có (không bao giờ ghi vào plans/)."),
    ] = False,
    no_cache: NoCacheOption = False,
) -> int:
    """Việc quá hạn (mốc chưa hoàn thành, kỳ báo cáo chưa nộp), quá hạn lâu nhất trước.

    Mỗi dòng: mã nhiệm vụ, việc cần làm, người chủ trì, hạn và số ngày trễ.
    Với --group-by agency: mỗi dòng một đơn vị, kèm dòng tổng cộng.
    """

    plans = plan_arguments(plans, plan)
    day = as_of_day(as_of)
    chosen_role = parse_role(role)
    if group_by is not None and group_by not in GROUP_BY_CHOICES:
        raise UsageError(f"--group-by chỉ nhận 'agency' (theo đơn vị), không phải '{group_by}'")
    if output is not None and (group_by is None or output.suffix.lower() != ".xlsx"):
        raise UsageError(
            "-o chỉ dùng với --group-by agency và tệp .xlsx",
            "ví dụ: caicach overdue --group-by agency -o tong-hop.xlsx",
        )
    if output is not None:
        from cai_cach.outputs import check_output

        check_output(output, force=force, protected=plans_read(plans))
    if group_by is not None:
        return _overdue_by_agency(
            plans, day, soon, by, chosen_role, as_json, exit_code, no_cache, output, force
        )
    work = functools.partial(plan_findings, as_of=day, soon=soon, by=by, role=chosen_role)
    mapped = map_summaries_all(plans, work, no_cache=no_cache)
    if by is not None and mapped.results and not any(f.matched for _, _, f in mapped.results):
        raise no_official_matched(by, (t for _, _, f in mapped.results for t in f.titles))
    found = [(display, findings) for display, _, findings in mapped.results]
    years = [
        PlanYear(display, f.year, f.agency, sum(r["status"] == "overdue" for r in f.records))
        for display, f in found
    ]
    notices, hidden = _year_notices(years, day, _named_files(plans))
    records = [record for display, f in found for record in f.records if display not in hidden]
    if as_json:  # every plan's items: a program filters by "file" itself
        records = [record for _, f in found for record in f.records]
    records.sort(key=lambda record: -record["days_overdue"])  # stable: plan order kept
    if as_json:
        shape: Any = records
        if mapped.failures:
            shape = {"items": records, **failure_records(mapped.failures)}
        sys.stdout.write(json.dumps(shape, ensure_ascii=False, indent=2) + "\n")
    else:
        echo_failure_notice(mapped, first=True)
        for notice in notices:
            echo(notice)
        scope = ""
        if mapped.failures:
            scope = f" trong {len(mapped.results)} kế hoạch đọc được (KHÔNG gồm tệp có lỗi)"
        elif hidden:
            scope = " trong các kế hoạch đang thực hiện (kế hoạch năm trước: xem ở trên)"
        if mapped.results:
            _print_findings(records, day, soon, multiple=len(found) - len(hidden) > 1, scope=scope)
        echo_failure_notice(mapped, first=False)
    late = any(record["status"] == "overdue" for record in records)
    return exit_status(mapped, EXIT_FINDINGS if exit_code and late else EXIT_OK)


class PlanFindings(NamedTuple):
    records: list[dict[str, Any]]  # the --json records
    matched: bool  # whether --by named one of the plan's officials (True without --by)
    year: int
    agency: str
    titles: list[str]  # the plan's official titles when --by matched none (for the message)


def _named_files(plans: list[str] | None) -> set[str]:
    """Plan files named one by one on the command line (not found in a folder)."""
    from pathlib import Path

    return {str(Path(argument)) for argument in plans or [] if not Path(argument).is_dir()}


class PlanYear(NamedTuple):
    display: str  # the plan file as the user named it
    year: int
    agency: str
    still_open: int  # obligations overdue (all not done, once the year is over)


YEAR_NOTICES_IN_FULL = 3  # more plans than this: one summary line per kind


def _year_notices(plans: list[PlanYear], day: date, named: set[str]) -> tuple[list[str], set[str]]:
    """What ``overdue`` says of plans whose year is over or not begun, and which plans it
    summarises instead of listing: an agency's plans of earlier years, when it has a plan
    for a later year up to ``day``'s and the earlier one was not named on the command line.
    Over many plans (a province), one line per kind instead of one notice per plan."""
    current: dict[str, int] = {}
    for plan in plans:
        if plan.year <= day.year:
            current[plan.agency] = max(current.get(plan.agency, 0), plan.year)
    hidden = [
        p
        for p in plans
        if p.year < day.year and p.year < current[p.agency] and p.display not in named
    ]
    ended = [p for p in plans if p.year < day.year and p not in hidden]
    future = [p for p in plans if p.year > day.year]
    if len(hidden) + len(ended) + len(future) > YEAR_NOTICES_IN_FULL:
        return _year_summary(hidden, ended, future), {p.display for p in hidden}
    notices = [
        f"Kế hoạch năm {p.year} ({p.display}) đã kết thúc, còn {p.still_open} việc chưa hoàn "
        f"thành — không liệt kê vì đơn vị đã có kế hoạch năm {current[p.agency]}; "
        f"xem riêng: caicach overdue {p.display}"
        for p in hidden
    ]
    notices += [
        f"Kế hoạch năm {p.year} ({p.display}) đã kết thúc ngày 31/12/{p.year}; còn "
        f"{p.still_open} việc chưa hoàn thành.\n"
        f"  → lập báo cáo năm: caicach report --period {p.year} {p.display}\n"
        f"  → lập kế hoạch năm {day.year}: caicach new --year {day.year} --from {p.display} "
        "(hoặc nhập quyết định mới: caicach import QUYẾT_ĐỊNH.docx); khi đã có, lệnh này chỉ "
        "tóm tắt kế hoạch cũ."
        for p in ended
    ]
    notices += [
        f"Kế hoạch năm {p.year} ({p.display}) chưa bắt đầu (từ ngày 01/01/{p.year}): "
        "các việc của kế hoạch này chưa đến hạn."
        for p in future
    ]
    return notices, {p.display for p in hidden}


def _year_summary(
    hidden: list[PlanYear], ended: list[PlanYear], future: list[PlanYear]
) -> list[str]:
    def years(plans: list[PlanYear]) -> str:
        return ", ".join(str(year) for year in sorted({p.year for p in plans}))

    def still_open(plans: list[PlanYear]) -> int:
        return sum(p.still_open for p in plans)

    notices = []
    if hidden:
        names = ", ".join(p.display for p in hidden[:5]) + (" …" if len(hidden) > 5 else "")
        notices.append(
            f"{len(hidden)} kế hoạch năm trước ({years(hidden)}) không được tính vì đơn vị đã có "
            f"kế hoạch năm mới hơn (còn {still_open(hidden)} việc chưa hoàn thành): {names}; "
            "chỉ tên tệp để xem riêng."
        )
    if ended:
        notices.append(
            f"{len(ended)} kế hoạch đã hết năm kế hoạch ({years(ended)}), còn "
            f"{still_open(ended)} việc chưa hoàn thành → lập báo cáo năm (caicach report "
            "--period NĂM) và kế hoạch năm sau."
        )
    if future:
        notices.append(f"{len(future)} kế hoạch chưa bắt đầu (năm {years(future)}).")
    return notices


def plan_findings(
    loaded: LoadedSummary, as_of: date, soon: int | None, by: str | None, role: Role
) -> PlanFindings:
    """What ``overdue`` shows of one plan (its ``--json`` records), whether ``by`` named
    one of its officials, and the plan's year and agency. Runs beside the loading (in worker
    processes for many plans), so that only these records, not whole plans, come back."""
    from cai_cach.matching import task_involves
    from cai_cach.summary import late_or_due

    summary = loaded.summary
    officials = _summary_officials(summary, by)
    records = [
        _finding_record(loaded, finding)
        for finding in late_or_due(summary, as_of, soon)
        if officials is None or task_involves(finding.task, officials, role)
    ]
    matched = officials is None or bool(officials)
    titles = [] if matched else [official.title for official in summary.officials]
    return PlanFindings(records, matched, summary.year, summary.agency, titles)


def _summary_officials(summary: PlanSummary, by: str | None) -> set[str] | None:
    """The ids of the plan's officials that ``--by`` names (``None``: no ``--by``)."""
    from cai_cach.matching import official_ids_among

    if by is None:
        return None
    return official_ids_among(((o.id, o.title, o.name) for o in summary.officials), by)


def _print_json(records: list[dict[str, Any]], failures: list[Any]) -> None:
    """A listing's ``--json``: the array alone when every plan loaded, else ``{"items",
    "failed_files", "problems"}`` (never a bare [] that reads as "nothing")."""
    shape: Any = records
    if failures:
        shape = {"items": records, **failure_records(failures)}
    sys.stdout.write(json.dumps(shape, ensure_ascii=False, indent=2) + "\n")


def _task_record(loaded: LoadedPlan, section: str, task: Task) -> dict[str, Any]:
    """One row of ``list --json``."""
    return {
        "plan": loaded.name,
        "file": loaded.display,
        "section": section,
        "task": task.id,
        "title": task.title,
        "lead": loaded.plan.titles(task.lead),
        "lead_ids": list(task.lead),
        "support": loaded.plan.titles(task.support),
        "support_ids": list(task.support),
        "timeline": task.timeline,
    }


def _finding_record(loaded: LoadedSummary, finding: Finding) -> dict[str, Any]:
    task, obligation, summary = finding.task, finding.due, loaded.summary
    return {
        "plan": loaded.name,
        "file": loaded.display,
        "task": task.id,
        "title": task.title,
        "lead": summary.titles(task.lead),
        "lead_ids": list(task.lead),
        "support": summary.titles(task.support),
        "what": obligation.label,
        "kind": obligation.kind,
        "period": obligation.period.key if obligation.period else None,
        "due": obligation.due.isoformat(),
        "status": finding.status,
        "days_overdue": finding.days_overdue,
    }


def _print_findings(
    records: list[dict[str, Any]],
    day: date,
    soon: int | None,
    *,
    multiple: bool,
    scope: str = "",
) -> None:
    """The findings, with ``scope`` saying what "nothing overdue" covers when it is not all."""
    late = [r for r in records if r["status"] == "overdue"]
    upcoming = [r for r in records if r["status"] == "due_soon"]
    if not late:
        echo(f"Không có việc nào quá hạn{scope} tính đến ngày {day_text(day)}.")
    for rows, title, last in (
        (late, f"Việc quá hạn tính đến ngày {day_text(day)}: {len(late)}", "Trễ (ngày)"),
        (upcoming, f"Sắp đến hạn trong {soon} ngày tới: {len(upcoming)}", "Còn (ngày)"),
    ):
        if not rows:
            continue
        columns = [Column("Kế hoạch")] if multiple else []
        columns += [
            Column("Mã"),
            Column("Nhiệm vụ → việc cần làm", wrap=True),
            Column("Chủ trì", wrap=True),
            Column("Hạn"),
            Column(last, right=True),
        ]
        cells = []
        for record in rows:
            row = [record["plan"]] if multiple else []
            row += [
                record["task"],
                _task_and_what(record["title"], record["what"]),
                "\n".join(record["lead"]),
                day_text(date.fromisoformat(record["due"])),
                str(abs(record["days_overdue"])),
            ]
            cells.append(row)
        echo(f"{title}\n\n{render_table(columns, cells, blank_lines=True)}\n")
    if soon is not None and not upcoming and not scope:
        echo(f"Không có việc nào đến hạn trong {soon} ngày tới.")


def _task_and_what(title: str, what: str) -> str:
    """The task (shortened) and, when it says more, what is due: "Ban hành … → Báo cáo tháng 1"."""
    from cai_cach.text import shorten

    if what.rstrip(". ") == title.rstrip(". "):
        return title
    return f"{shorten(title, 70)}\n→ {what}"


# --- roll-up by agency --------------------------------------------------------------------


def _overdue_by_agency(
    plans: list[str] | None,
    day: date,
    soon: int | None,
    by: str | None,
    role: Role,
    as_json: bool,
    exit_code: bool,
    no_cache: bool,
    output: Path | None = None,
    force: bool = False,
) -> int:

    from cai_cach.rollup import combine

    work = functools.partial(_tally_and_year, as_of=day, soon_days=soon, by=by, role=role)
    mapped = map_summaries_all(plans, work, no_cache=no_cache)
    if by is not None and mapped.results and not any(m for _, _, (_, m, _, _) in mapped.results):
        titles = (title for _, _, (_, _, _, ts) in mapped.results for title in ts)
        raise no_official_matched(by, titles)
    years = [
        PlanYear(display, year, tally.agency, tally.overdue)
        for display, _, (tally, _, year, _) in mapped.results
    ]
    notices, hidden = _year_notices(years, day, _named_files(plans))
    tallies = [tally for display, _, (tally, *_) in mapped.results if display not in hidden]
    rollup = combine(tallies, day)
    if output is not None:
        from cai_cach.outputs import write_output
        from cai_cach.spreadsheet import rollup_workbook

        echo_failure_notice(mapped, first=True)
        write_output(
            output, rollup_workbook(rollup, soon), force=force, protected=plans_read(plans)
        )
        echo(f"✓ {output}: bảng tổng hợp {len(rollup.groups)} đơn vị")
        echo_failure_notice(mapped, first=False)
    elif as_json:
        earlier = [
            {"file": plan.display, "year": plan.year, "overdue": plan.still_open}
            for plan in years
            if plan.display in hidden
        ]
        _print_rollup_json(
            rollup, soon, {"earlier_years": earlier, **failure_records(mapped.failures)}
        )
    else:
        echo_failure_notice(mapped, first=True)
        for notice in notices:  # their first lines: the table follows
            echo(notice.split("\n")[0])
        if mapped.results:
            _print_rollup(rollup, soon)
        echo_failure_notice(mapped, first=False)
    if mapped.failures:
        echo(f"{len(mapped.failures)} tệp kế hoạch có lỗi, không được tính vào bảng.", err=True)
    late = rollup.total.overdue > 0
    return exit_status(mapped, EXIT_FINDINGS if exit_code and late else EXIT_OK)


def _tally_and_year(
    loaded: LoadedSummary, as_of: date, soon_days: int | None, by: str | None, role: Role
) -> tuple[AgencyTally, bool, int, list[str]]:
    """``rollup.tally_for``, the plan's year, and its official titles when ``by`` matched
    none of them (beside the loading, see ``map_plans``)."""
    from cai_cach.rollup import tally_for

    tally, matched = tally_for(loaded, as_of, soon_days, by, role)
    titles = [] if matched else [official.title for official in loaded.summary.officials]
    return tally, matched, loaded.summary.year, titles


def _tally_record(tally: AgencyTally, soon: int | None) -> dict[str, Any]:
    return {
        "plans": len(tally.plans),
        "tasks": tally.tasks,
        "obligations": tally.obligations,
        "done": tally.done,
        "done_late": tally.done_late,
        "overdue": tally.overdue,
        "due_soon": tally.due_soon if soon is not None else None,
    }


def _print_rollup_json(rollup: Rollup, soon: int | None, failed: dict[str, Any]) -> None:
    record = {
        "as_of": rollup.as_of.isoformat(),
        "group_by": "agency",
        "groups": [
            {"agency": group.agency, **_tally_record(group, soon), "files": group.plans}
            for group in rollup.groups
        ],
        "totals": {"agencies": len(rollup.groups), **_tally_record(rollup.total, soon)},
        **failed,
    }
    sys.stdout.write(json.dumps(record, ensure_ascii=False, indent=2) + "\n")


def _print_rollup(rollup: Rollup, soon: int | None) -> None:
    total = rollup.total
    echo(
        f"Tổng hợp theo đơn vị tính đến ngày {day_text(rollup.as_of)}: "
        f"{len(rollup.groups)} đơn vị, {len(total.plans)} kế hoạch, "
        f"{total.overdue} việc quá hạn."
    )
    if not rollup.groups:
        return
    headers = ["Nhiệm vụ", "Có hạn", "Đã xong", "Xong trễ", "Quá hạn"]
    headers += ["Sắp hạn"] if soon is not None else []
    columns = [Column("Đơn vị"), *(Column(header, right=True) for header in headers)]
    rows = []
    for group in [*rollup.groups, total]:
        cells = [_short_agency(group.agency) if group is not total else "Tổng cộng", group.tasks]
        cells += [group.obligations, group.done, group.done_late, group.overdue]
        cells += [group.due_soon] if soon is not None else []
        rows.append([str(cell) for cell in cells])
    echo("\n" + render_table(columns, rows[:-1], total=rows[-1]) + "\n")
    echo(
        "Có hạn: mốc và kỳ báo cáo có hạn trong năm kế hoạch; Xong trễ: hoàn thành sau hạn;\n"
        "Quá hạn: chưa hoàn thành mà đã qua hạn"
        + (f"; Sắp hạn: đến hạn trong {soon} ngày tới." if soon is not None else ".")
    )


def _short_agency(name: str) -> str:
    """ "Ủy ban nhân dân xã Tịnh Minh" → "UBND xã Tịnh Minh", the usual short form."""
    for long in ("Ủy ban nhân dân ", "Uỷ ban nhân dân "):
        if name.startswith(long):
            return "UBND " + name[len(long) :]
    return name
