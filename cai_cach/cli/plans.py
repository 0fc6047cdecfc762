"""Commands that read plans: check, list, officials (overdue: ``cli/overdue.py``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, NamedTuple

import typer

from cai_cach.cli import (
    ByOption,
    JsonOption,
    NoCacheOption,
    PlanOption,
    PlansArg,
    RoleOption,
    app,
    console,
    echo,
    echo_failure_notice,
    exit_status,
    load_all,
    map_all,
)
from cai_cach.cli.parsing import (
    DEFAULT_ROLE,
    no_official_matched,
    official_titles,
    officials_for,
    parse_role,
    plan_arguments,
)
from cai_cach.cli.result import Envelope, emit
from cai_cach.cli.tables import make_table
from cai_cach.errors import EXIT_FINDINGS, EXIT_OK

if TYPE_CHECKING:
    from collections.abc import Iterator

    from cai_cach.loading import LoadedPlan
    from cai_cach.matching import Role
    from cai_cach.models import Official, Plan, Task


# --- commands ------------------------------------------------------------------------------


@app.command("check")
def check_command(
    plans: PlansArg = None,
    plan: PlanOption = None,
    as_json: JsonOption = False,
    no_cache: NoCacheOption = False,
) -> int:
    """Kiểm tra tệp kế hoạch: cú pháp, trường bắt buộc, thời hạn, công chức được tham chiếu.

    Mỗi lỗi ghi rõ tệp:dòng:cột, trường bị lỗi và cách sửa. Bản nháp (còn dấu '# xem lại')
    chưa được coi là xong: mỗi dấu được liệt kê ở tệp:dòng:cột, đoạn '# chưa xếp' được đếm.
    Trả về 0 khi mọi tệp hợp lệ, 1 khi còn bản nháp, 2 khi có lỗi.
    """
    from cai_cach.cli.sheet import draft_record, print_checked
    from cai_cach.draftmarks import open_reviews
    from cai_cach.newyear import same_year_plans

    result = map_all(
        plan_arguments(plans, plan), checked_plan, no_cache=no_cache, warn_drafts=False
    )
    if as_json:
        records = [
            {
                "file": display,
                "agency": c.agency,
                "year": c.year,
                "contents": c.contents,
                **draft_record(result.drafts.get(display, ())),
            }
            for display, _, c in result.results
        ]
        emit(Envelope("check", records, result.failures))
    else:
        echo_failure_notice(result, first=True)
        for display, _, checked in result.results:
            print_checked(display, checked.contents, result.drafts.get(display, ()))
    for display, _, checked in result.results:
        for warning in checked.warnings:
            echo(f"{display}: cảnh báo: {warning}", err=True)
    for warning in same_year_plans([(d, c.agency, c.year) for d, _, c in result.results]):
        echo(warning, err=True)
    if result.failures:
        valid = len(result.results)
        echo(f"{len(result.failures)} tệp có lỗi, {valid} tệp hợp lệ.", err=True)
    if not as_json:
        echo_failure_notice(result, first=False)
    drafts = any(open_reviews(marks) for marks in result.drafts.values())
    return exit_status(result, EXIT_FINDINGS if drafts else EXIT_OK)


class CheckedPlan(NamedTuple):
    """What ``check`` keeps of a valid plan (computed beside the loading, see ``map_plans``)."""

    contents: str  # what the plan holds, in one line ("8 mục, 37 nhiệm vụ, …")
    agency: str  # for the same-year warning
    year: int
    warnings: list[str]  # the commune's report has no recipient above the commune …


def checked_plan(loaded: LoadedPlan) -> CheckedPlan:
    from cai_cach.signing import duty_warnings

    plan = loaded.plan
    return CheckedPlan(plan_contents(loaded), plan.plan.agency.name, plan.year, duty_warnings(plan))


def plan_contents(loaded: LoadedPlan) -> str:
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
        emit(Envelope("list", records, result.failures))
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
                "\n".join(loaded.plan.titles(task.lead)) or "chưa rõ",
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
        emit(Envelope("officials", records, result.failures))
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
