"""Commands that read plans: check, list, officials, overdue."""

from __future__ import annotations

import json
import sys
from datetime import date
from typing import TYPE_CHECKING, Annotated, Any

import typer

from cai_cach.cli import (
    ByOption,
    PlansArg,
    RoleOption,
    app,
    command,
    console,
    day_text,
    exit_status,
    load_all,
    make_table,
    no_official_matched,
    officials_for,
    parse_as_of,
    parse_role,
)
from cai_cach.errors import EXIT_FINDINGS, EXIT_OK

if TYPE_CHECKING:
    from cai_cach.schedule import Finding


# --- commands ------------------------------------------------------------------------------


@app.command("check")
@command
def check_command(plans: PlansArg = None) -> int:
    """Kiểm tra tệp kế hoạch: cú pháp, trường bắt buộc, thời hạn, công chức được tham chiếu.

    Mỗi lỗi ghi rõ tệp:dòng:cột, trường bị lỗi và cách sửa.
    Trả về 0 khi mọi tệp hợp lệ, 2 khi có lỗi.
    """
    result = load_all(plans)
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
) -> int:
    """Liệt kê nhiệm vụ: mã, nội dung, chủ trì, phối hợp, thời gian thực hiện."""
    from cai_cach.matching import section_matches, task_involves
    from cai_cach.text import shorten

    chosen_role = parse_role(role)
    result = load_all(plans)
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
def officials_command(plans: PlansArg = None) -> int:
    """Liệt kê công chức trong kế hoạch và số nhiệm vụ mỗi người chủ trì, phối hợp."""
    result = load_all(plans)
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
) -> int:
    """Việc quá hạn (mốc chưa hoàn thành, kỳ báo cáo chưa nộp), quá hạn lâu nhất trước.

    Mỗi dòng: mã nhiệm vụ, việc cần làm, người chủ trì, hạn và số ngày trễ.
    """
    from cai_cach.matching import task_involves
    from cai_cach.schedule import late_or_due, most_overdue_first

    day = parse_as_of(as_of)
    chosen_role = parse_role(role)
    result = load_all(plans)
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
