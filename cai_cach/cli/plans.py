"""Commands that read plans: check, list, officials, overdue."""

from __future__ import annotations

import json
import sys
from datetime import date
from typing import TYPE_CHECKING, Annotated, Any

import typer

from cai_cach.cli import (
    ByOption,
    NoCacheOption,
    PlansArg,
    RoleOption,
    app,
    command,
    console,
    day_text,
    exit_status,
    load_all,
    make_table,
    map_all,
    no_official_matched,
    officials_for,
    parse_as_of,
    parse_role,
)
from cai_cach.errors import EXIT_FINDINGS, EXIT_OK, NotFoundError, UsageError

if TYPE_CHECKING:
    from cai_cach.matching import Role
    from cai_cach.rollup import Rollup, Tally
    from cai_cach.schedule import Finding

GROUP_BY_CHOICES = ("agency",)


# --- commands ------------------------------------------------------------------------------


@app.command("check")
@command
def check_command(plans: PlansArg = None, no_cache: NoCacheOption = False) -> int:
    """Kiểm tra tệp kế hoạch: cú pháp, trường bắt buộc, thời hạn, công chức được tham chiếu.

    Mỗi lỗi ghi rõ tệp:dòng:cột, trường bị lỗi và cách sửa.
    Trả về 0 khi mọi tệp hợp lệ, 2 khi có lỗi.
    """
    result = load_all(plans, no_cache=no_cache)
    for loaded in result.plans:
        plan = loaded.plan
        tasks = sum(len(section.tasks) for section in plan.sections)
        typer.echo(
            f"✓ {loaded.display}: hợp lệ — {len(plan.sections)} mục, {tasks} nhiệm vụ, "
            f"{len(plan.reporting)} nghĩa vụ báo cáo, {len(plan.officials)} công chức"
        )
    if result.failures:
        typer.echo(f"{len(result.failures)} tệp có lỗi, {len(result.plans)} tệp hợp lệ.", err=True)
    return exit_status(result)


@app.command("list")
@command
def list_command(
    plans: PlansArg = None,
    section: Annotated[
        str | None, typer.Option("--section", "-s", help="Chỉ hiện một mục, ví dụ -s 2.")
    ] = None,
    by: ByOption = None,
    role: RoleOption = "any",
    no_cache: NoCacheOption = False,
) -> int:
    """Liệt kê nhiệm vụ: mã, nội dung, chủ trì, phối hợp, thời gian thực hiện."""
    from cai_cach.matching import section_matches, task_involves
    from cai_cach.text import shorten

    chosen_role = parse_role(role)
    result = load_all(plans, no_cache=no_cache)
    out = console()
    shown = 0
    for loaded in result.plans:
        officials = officials_for(loaded, by)
        table = make_table(
            "Mã",
            "Nhiệm vụ",
            "Chủ trì",
            "Phối hợp",
            "Thời gian",
            title=f"{loaded.plan.plan.title} ({loaded.display})",
            show_lines=True,
        )
        for owner, task in loaded.plan.tasks():
            section_id = owner.id if owner else "III"
            if section is not None and not section_matches(section_id, section):
                continue
            if officials is not None and not task_involves(task, officials, chosen_role):
                continue
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
    if by is not None and not any(officials_for(p, by) for p in result.plans) and result.plans:
        raise no_official_matched(result, by)
    if shown == 0 and result.plans:
        typer.echo("Không có nhiệm vụ nào khớp với điều kiện lọc.")
    return exit_status(result)


@app.command("officials")
@command
def officials_command(plans: PlansArg = None, no_cache: NoCacheOption = False) -> int:
    """Liệt kê công chức trong kế hoạch và số nhiệm vụ mỗi người chủ trì, phối hợp."""
    result = load_all(plans, no_cache=no_cache)
    out = console()
    for loaded in result.plans:
        plan = loaded.plan
        table = make_table(
            "Mã",
            "Chức danh",
            "Họ tên",
            "Chủ trì",
            "Phối hợp",
            title=f"{plan.plan.title} ({loaded.display})",
        )
        for official_id, official in plan.officials.items():
            leads = sum(official_id in task.lead for _, task in plan.tasks())
            supports = sum(official_id in task.support for _, task in plan.tasks())
            table.add_row(
                official_id, official.title, official.name or "", str(leads), str(supports)
            )
        out.print(table)
    return exit_status(result)


@app.command("overdue")
@command
def overdue_command(
    plans: PlansArg = None,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of", help="Tính đến ngày này (2024-04-15 hoặc 15/04/2024); mặc định hôm nay."
        ),
    ] = None,
    by: ByOption = None,
    role: RoleOption = "lead",
    soon: Annotated[
        int | None,
        typer.Option("--soon", min=0, help="Hiện cả việc sẽ đến hạn trong số ngày này."),
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="In kết quả dạng JSON (cho chương trình khác).")
    ] = False,
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
    no_cache: NoCacheOption = False,
) -> int:
    """Việc quá hạn (mốc chưa hoàn thành, kỳ báo cáo chưa nộp), quá hạn lâu nhất trước.

    Mỗi dòng: mã nhiệm vụ, việc cần làm, người chủ trì, hạn và số ngày trễ.
    Với --group-by agency: mỗi dòng một đơn vị, kèm dòng tổng cộng.
    """
    from cai_cach.matching import task_involves
    from cai_cach.schedule import late_or_due, most_overdue_first

    day = parse_as_of(as_of)
    chosen_role = parse_role(role)
    if group_by is not None and group_by not in GROUP_BY_CHOICES:
        raise UsageError(f"--group-by chỉ nhận 'agency' (theo đơn vị), không phải '{group_by}'")
    if group_by is not None:
        return _overdue_by_agency(plans, day, soon, by, chosen_role, as_json, exit_code, no_cache)
    result = load_all(plans, no_cache=no_cache)
    findings: list[Finding] = []
    matched_any = False
    for loaded in result.plans:
        officials = officials_for(loaded, by)
        matched_any = matched_any or bool(officials)
        findings.extend(
            finding
            for finding in late_or_due(loaded, day, soon)
            if officials is None or task_involves(finding.obligation.task, officials, chosen_role)
        )
    if by is not None and result.plans and not matched_any:
        raise no_official_matched(result, by)
    findings = most_overdue_first(findings)
    if as_json:
        _print_json(findings)
    else:
        _print_findings(findings, day, soon, multiple=len(result.plans) > 1)
    late = any(finding.status == "overdue" for finding in findings)
    return exit_status(result, EXIT_FINDINGS if exit_code and late else EXIT_OK)


def _finding_record(finding: Finding) -> dict[str, Any]:
    obligation = finding.obligation
    plan = obligation.source.plan
    return {
        "plan": obligation.source.name,
        "file": obligation.source.display,
        "task": obligation.task.id,
        "title": obligation.task.title,
        "lead": plan.titles(obligation.task.lead),
        "lead_ids": list(obligation.task.lead),
        "support": plan.titles(obligation.task.support),
        "what": obligation.label,
        "kind": obligation.kind,
        "period": obligation.period.key if obligation.period else None,
        "due": obligation.due.isoformat(),
        "status": finding.status,
        "days_overdue": finding.days_overdue,
    }


def _print_json(findings: list[Finding]) -> None:
    records = [_finding_record(finding) for finding in findings]
    sys.stdout.write(json.dumps(records, ensure_ascii=False, indent=2) + "\n")


def _print_findings(
    findings: list[Finding], day: date, soon: int | None, *, multiple: bool
) -> None:
    from cai_cach.text import shorten

    late = [f for f in findings if f.status == "overdue"]
    upcoming = [f for f in findings if f.status == "due_soon"]
    if not late:
        typer.echo(f"Không có việc nào quá hạn tính đến ngày {day_text(day)}.")
    out = console()
    for rows, title, last in (
        (late, f"Việc quá hạn tính đến ngày {day_text(day)}: {len(late)}", "Trễ (ngày)"),
        (upcoming, f"Sắp đến hạn trong {soon} ngày tới: {len(upcoming)}", "Còn (ngày)"),
    ):
        if not rows:
            continue
        table = make_table(
            *(["Kế hoạch"] if multiple else []),
            "Mã",
            "Nhiệm vụ → việc cần làm",
            "Chủ trì",
            "Hạn",
            last,
            title=title,
            show_lines=True,
        )
        for finding in rows:
            obligation = finding.obligation
            plan = obligation.source.plan
            cells = [obligation.source.name] if multiple else []
            cells += [
                obligation.task.id,
                f"{shorten(obligation.task.title, 70)}\n→ {obligation.label}",
                "\n".join(plan.titles(obligation.task.lead)),
                day_text(obligation.due),
                str(abs(finding.days_overdue)),
            ]
            table.add_row(*cells)
        out.print(table)
    if soon is not None and not upcoming:
        typer.echo(f"Không có việc nào đến hạn trong {soon} ngày tới.")


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
) -> int:
    import functools

    from cai_cach.rollup import combine, tally_for

    work = functools.partial(tally_for, as_of=day, soon_days=soon, by=by, role=role)
    mapped = map_all(plans, work, no_cache=no_cache)
    if by is not None and mapped.results and not any(m for _, _, (_, m) in mapped.results):
        raise NotFoundError(
            f"không có công chức nào khớp với '{by}'",
            "xem các chức danh trong kế hoạch bằng lệnh: caicach officials",
        )
    rollup = combine((tally for _, _, (tally, _) in mapped.results), day)
    if as_json:
        _print_rollup_json(rollup, soon)
    else:
        _print_rollup(rollup, soon)
    late = rollup.total.overdue > 0
    return exit_status(mapped, EXIT_FINDINGS if exit_code and late else EXIT_OK)


def _tally_record(tally: Tally, soon: int | None) -> dict[str, Any]:
    return {
        "plans": len(tally.plans),
        "tasks": tally.tasks,
        "obligations": tally.obligations,
        "done": tally.done,
        "done_late": tally.done_late,
        "overdue": tally.overdue,
        "due_soon": tally.due_soon if soon is not None else None,
    }


def _print_rollup_json(rollup: Rollup, soon: int | None) -> None:
    record = {
        "as_of": rollup.as_of.isoformat(),
        "group_by": "agency",
        "groups": [
            {"agency": group.agency, **_tally_record(group, soon), "files": group.plans}
            for group in rollup.groups
        ],
        "totals": {"agencies": len(rollup.groups), **_tally_record(rollup.total, soon)},
    }
    sys.stdout.write(json.dumps(record, ensure_ascii=False, indent=2) + "\n")


def _print_rollup(rollup: Rollup, soon: int | None) -> None:
    total = rollup.total
    typer.echo(
        f"Tổng hợp theo đơn vị tính đến ngày {day_text(rollup.as_of)}: "
        f"{len(rollup.groups)} đơn vị, {len(total.plans)} kế hoạch, "
        f"{total.overdue} việc quá hạn."
    )
    if not rollup.groups:
        return
    columns = ["Đơn vị", "Nhiệm vụ", "Có hạn", "Đã xong", "Xong trễ", "Quá hạn"]
    columns += ["Sắp hạn"] if soon is not None else []
    rows = []
    for group in [*rollup.groups, total]:
        cells = [_short_agency(group.agency) if group is not total else "Tổng cộng", group.tasks]
        cells += [group.obligations, group.done, group.done_late, group.overdue]
        cells += [group.due_soon] if soon is not None else []
        rows.append([str(cell) for cell in cells])
    typer.echo("\n" + _text_table(columns, rows[:-1], rows[-1]) + "\n")
    typer.echo(
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


def _text_table(columns: list[str], rows: list[list[str]], total: list[str]) -> str:
    """A plain table in the look of the other tables (first column left, numbers right).

    The roll-up of a province has a row per commune: rich takes about a millisecond per row
    to lay a table out, this takes microseconds, and names never need wrapping.
    """
    widths = [max(_cells(row[i]) for row in [columns, *rows, total]) for i in range(len(columns))]

    def line(cells: list[str]) -> str:
        padded = [
            cell + " " * (width - _cells(cell)) if i == 0 else " " * (width - _cells(cell)) + cell
            for i, (cell, width) in enumerate(zip(cells, widths, strict=True))
        ]
        return "  " + "   ".join(padded)

    rule = " " + "─" * (sum(widths) + 3 * (len(widths) - 1) + 2)
    return "\n".join([line(columns), rule, *map(line, rows), rule, line(total)])


def _cells(text: str) -> int:
    """Terminal columns taken by ``text`` (combining marks take none, wide characters two)."""
    import unicodedata

    return sum(
        0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1
        for c in text
    )
