"""overdue: what is late (or due soon), most overdue first; ``--group-by agency``: the
roll-up by commune. Plans a newer year supersedes are only summarised (``planyears``)."""

from __future__ import annotations

import functools
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
    day_text,
    draft_scope,
    echo,
    echo_failure_notice,
    exit_status,
    map_summaries_all,
    plans_read,
)
from cai_cach.cli.parsing import (
    DEFAULT_ROLE,
    as_of_day,
    no_official_matched,
    parse_role,
    plan_arguments,
)
from cai_cach.cli.result import Envelope, emit
from cai_cach.cli.tables import Column, render_table
from cai_cach.errors import EXIT_FINDINGS, EXIT_OK, PlanError, UsageError
from cai_cach.planyears import PlanYear

if TYPE_CHECKING:
    from cai_cach.loading import LoadedSummary
    from cai_cach.matching import Role
    from cai_cach.rollup import AgencyTally, Rollup
    from cai_cach.summary import Finding, PlanSummary

GROUP_BY_CHOICES = ("agency",)


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
        PlanYear(display, f.year, f.agency, sum(row.status == "overdue" for row in f.rows))
        for display, f in found
    ]
    notices, hidden = _year_notices(years, day, _named_files(plans))
    rows = [row for display, f in found for row in f.rows if display not in hidden]
    if as_json:  # every plan's items: a program filters by "file" itself
        rows = [row for _, f in found for row in f.rows]
    rows.sort(key=lambda row: -row.days_overdue)  # stable: plan order kept
    if as_json:
        emit(Envelope("overdue", [row.as_json() for row in rows], mapped.failures))
    else:
        echo_failure_notice(mapped, first=True)
        for notice in notices:
            echo(notice)
        scope = ""
        if mapped.failures:
            scope = f" trong {len(mapped.results)} kế hoạch đọc được (KHÔNG gồm tệp có lỗi)"
        elif hidden:
            scope = " trong các kế hoạch đang thực hiện (kế hoạch năm trước: xem ở trên)"
        scope += draft_scope(mapped.drafts)
        if mapped.results:
            _print_findings(rows, day, soon, multiple=len(found) - len(hidden) > 1, scope=scope)
        echo_failure_notice(mapped, first=False)
    late = any(row.status == "overdue" for row in rows)
    return exit_status(mapped, EXIT_FINDINGS if exit_code and late else EXIT_OK)


class FindingRow(NamedTuple):
    """One finding of ``overdue``: what the table shows and ``--json`` prints (a named tuple:
    a province's thousands of findings cross from the worker processes cheaply)."""

    plan: str  # the plan's name
    file: str  # the plan file as the user named it
    task: str
    title: str
    lead: list[str]  # the leads' titles
    lead_ids: list[str]
    support: list[str]
    what: str  # the milestone, or the recurring obligation and its period
    kind: str  # "milestone" or "occurrence"
    period: str | None  # the occurrence's period key
    due: date
    status: str  # "overdue" or "due_soon"
    days_overdue: int  # negative: days left

    def as_json(self) -> dict[str, Any]:
        record = self._asdict()
        record["due"] = self.due.isoformat()
        return record


class PlanFindings(NamedTuple):
    rows: list[FindingRow]
    matched: bool  # whether --by named one of the plan's officials (True without --by)
    year: int
    agency: str
    titles: list[str]  # the plan's official titles when --by matched none (for the message)


def _named_files(plans: list[str] | None) -> set[str]:
    """Plan files named one by one on the command line (not found in a folder)."""
    from pathlib import Path

    return {str(Path(argument)) for argument in plans or [] if not Path(argument).is_dir()}


YEAR_NOTICES_IN_FULL = 3  # more plans than this: one summary line per kind


def _year_notices(plans: list[PlanYear], day: date, named: set[str]) -> tuple[list[str], set[str]]:
    """What ``overdue`` says of plans whose year is over or not begun, and which plans it
    summarises instead of listing (those a newer plan supersedes: ``planyears``). Over many
    plans (a province), one line per kind instead of one notice per plan."""
    from cai_cach.planyears import year_standing

    standing = year_standing(plans, day, named)
    hidden, ended, future = standing.superseded, standing.ended, standing.future
    if len(hidden) + len(ended) + len(future) > YEAR_NOTICES_IN_FULL:
        return _year_summary(hidden, ended, future), standing.superseded_files
    notices = [
        f"Kế hoạch năm {p.year} ({p.display}) đã kết thúc, còn {p.still_open} việc chưa hoàn "
        f"thành — không liệt kê vì đơn vị đã có kế hoạch năm {standing.newer_year(p)}; "
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
    return notices, standing.superseded_files


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
    rows = [
        _finding_row(loaded, finding)
        for finding in late_or_due(summary, as_of, soon)
        if officials is None or task_involves(finding.task, officials, role)
    ]
    matched = officials is None or bool(officials)
    titles = [] if matched else [official.title for official in summary.officials]
    return PlanFindings(rows, matched, summary.year, summary.agency, titles)


def _summary_officials(summary: PlanSummary, by: str | None) -> set[str] | None:
    """The ids of the plan's officials that ``--by`` names (``None``: no ``--by``)."""
    from cai_cach.matching import official_ids_among

    if by is None:
        return None
    return official_ids_among(((o.id, o.title, o.name) for o in summary.officials), by)


def _finding_row(loaded: LoadedSummary, finding: Finding) -> FindingRow:
    task, obligation, summary = finding.task, finding.due, loaded.summary
    return FindingRow(
        plan=loaded.name,
        file=loaded.display,
        task=task.id,
        title=task.title,
        lead=summary.titles(task.lead),
        lead_ids=list(task.lead),
        support=summary.titles(task.support),
        what=obligation.label,
        kind=obligation.kind,
        period=obligation.period.key if obligation.period else None,
        due=obligation.due,
        status=finding.status,
        days_overdue=finding.days_overdue,
    )


def _print_findings(
    rows: list[FindingRow],
    day: date,
    soon: int | None,
    *,
    multiple: bool,
    scope: str = "",
) -> None:
    """The findings, with ``scope`` saying what "nothing overdue" covers when it is not all."""
    late = [row for row in rows if row.status == "overdue"]
    upcoming = [row for row in rows if row.status == "due_soon"]
    if not late:
        echo(f"Không có việc nào quá hạn{scope} tính đến ngày {day_text(day)}.")
    for found, title, last in (
        (late, f"Việc quá hạn tính đến ngày {day_text(day)}: {len(late)}", "Trễ (ngày)"),
        (upcoming, f"Sắp đến hạn trong {soon} ngày tới: {len(upcoming)}", "Còn (ngày)"),
    ):
        if not found:
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
        for row in found:
            cells.append(
                ([row.plan] if multiple else [])
                + [
                    row.task,
                    _task_and_what(row.title, row.what),
                    "\n".join(row.lead) or "chưa rõ",
                    day_text(row.due),
                    str(abs(row.days_overdue)),
                ]
            )
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

    work = functools.partial(plan_tally, as_of=day, soon_days=soon, by=by, role=role)
    mapped = map_summaries_all(plans, work, no_cache=no_cache)
    if by is not None and mapped.results and not any(p.matched for _, _, p in mapped.results):
        raise no_official_matched(by, (title for _, _, p in mapped.results for title in p.titles))
    years = [
        PlanYear(display, p.year, p.tally.agency, p.tally.overdue)
        for display, _, p in mapped.results
    ]
    notices, hidden = _year_notices(years, day, _named_files(plans))
    tallies = [p.tally for display, _, p in mapped.results if display not in hidden]
    rollup = combine(tallies, day)
    if output is not None:
        from cai_cach.outputs import write_output
        from cai_cach.spreadsheet import latest_statistics, rollup_workbook

        echo_failure_notice(mapped, first=True)
        agencies = [(Path(d), p.tally.agency or d, p.year) for d, _, p in mapped.results]
        write_output(
            output,
            rollup_workbook(rollup, soon, latest_statistics(agencies)),
            force=force,
            protected=plans_read(plans),
        )
        echo(f"✓ {output}: bảng tổng hợp {len(rollup.groups)} đơn vị")
        echo_failure_notice(mapped, first=False)
    elif as_json:
        earlier = [
            {"file": plan.display, "year": plan.year, "overdue": plan.still_open}
            for plan in years
            if plan.display in hidden
        ]
        _print_rollup_json(rollup, soon, earlier, mapped.failures)
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


class PlanTally(NamedTuple):
    """What the roll-up keeps of one plan (computed beside the loading, see ``map_plans``)."""

    tally: AgencyTally
    matched: bool  # whether --by named one of the plan's officials (True without --by)
    year: int
    titles: list[str]  # the plan's official titles when --by matched none (for the message)


def plan_tally(
    loaded: LoadedSummary, as_of: date, soon_days: int | None, by: str | None, role: Role
) -> PlanTally:
    from cai_cach.rollup import tally_for

    tally, matched = tally_for(loaded, as_of, soon_days, by, role)
    titles = [] if matched else [official.title for official in loaded.summary.officials]
    return PlanTally(tally, matched, loaded.summary.year, titles)


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


def _print_rollup_json(
    rollup: Rollup, soon: int | None, earlier: list[dict[str, Any]], failures: list[PlanError]
) -> None:
    """The roll-up's envelope: one item per agency, with the totals and the earlier years'
    plans left out beside them."""
    groups = [
        {"agency": group.agency, **_tally_record(group, soon), "files": group.plans}
        for group in rollup.groups
    ]
    fields = {
        "as_of": rollup.as_of.isoformat(),
        "group_by": "agency",
        "totals": {"agencies": len(rollup.groups), **_tally_record(rollup.total, soon)},
        "earlier_years": earlier,
    }
    emit(Envelope("overdue", groups, failures, fields))


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
