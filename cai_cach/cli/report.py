"""The `report` command: periodic progress reports in Markdown or Word."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from cai_cach.cli import (
    ByOption,
    NoCacheOption,
    PlanOption,
    PlansArg,
    RoleOption,
    app,
    echo,
    echo_failure_notice,
    exit_status,
    load_all,
)
from cai_cach.cli.completion import complete_period
from cai_cach.cli.parsing import (
    DEFAULT_ROLE,
    PeriodSpec,
    day_option,
    no_official_matched,
    official_titles,
    officials_for,
    parse_role,
    period_spec,
    plan_arguments,
)
from cai_cach.errors import EXIT_INVALID, NotFoundError, OutputError, UsageError

if TYPE_CHECKING:
    from cai_cach.loading import LoadedPlan
    from cai_cach.outputs import OutputFormat
    from cai_cach.periods import Period
    from cai_cach.render import Format, TemplateSource
    from cai_cach.report import Report, ReportOptions

STDOUT = "-"


def _report_period(text: str | None) -> PeriodSpec:
    if text is None:
        raise UsageError(
            "thiếu kỳ báo cáo --period",
            "ví dụ: --period 2024-Q1, --period 2024-H1, --period 2024 hoặc --period 'Quý I/2024'",
        )
    return period_spec(text)


def _choose_format(fmt: str | None, template: Path | None, output: str | None) -> OutputFormat:
    """--format, the template's kind and the output's extension (see ``outputs``)."""
    from cai_cach.outputs import choose_format
    from cai_cach.render import template_format

    kind = template_format(template) if template is not None else None
    if template is not None and kind is None:
        raise UsageError(
            f"--template: không nhận ra loại mẫu '{template}'",
            "dùng tệp .md.j2 (Markdown) hoặc .docx (Word)",
        )
    return choose_format(fmt, kind, output)


def _template(fmt: Format, path: Path | None) -> TemplateSource:
    from cai_cach.render import default_template, load_template

    return load_template(path) if path is not None else default_template(fmt)


def _targets(
    plans: list[LoadedPlan], period: Period, fmt: OutputFormat, output: str | None
) -> list[Path | None]:
    """Where each plan's report goes (``None``: standard output), one file per plan."""
    from cai_cach.outputs import report_targets
    from cai_cach.report import output_name

    return report_targets(
        [loaded.path for loaded in plans],
        output,
        lambda name: output_name(name, period, fmt),
        fmt,
    )


def _matching_year(plans: list[LoadedPlan], period: Period) -> list[LoadedPlan]:
    chosen = []
    for loaded in plans:
        if loaded.plan.year == period.year:
            chosen.append(loaded)
        else:
            echo(
                f"{loaded.display}: bỏ qua — kế hoạch năm {loaded.plan.year}, "
                f"không phải năm của kỳ {period.key}",
                err=True,
            )
    return chosen


def _summary(report: Report) -> str:
    counts = report.tally
    return (
        f"{counts.tasks} nhiệm vụ, {counts.due} việc có thời hạn (đúng hạn {counts.done_on_time}, "
        f"trễ hạn {counts.done_late}, quá hạn {counts.overdue}, chưa đến hạn {counts.not_yet_due})"
    )


@app.command("report")
def report_command(
    plans: PlansArg = None,
    plan: PlanOption = None,
    period: Annotated[
        str | None,
        typer.Option(
            "--period",
            help="Kỳ báo cáo: 2024-Q1 … 2024-Q4, 2024-H1, 2024-9M, 2024, 2024-03, hoặc "
            "'Quý I/2024', '6 tháng đầu năm 2024', 'năm 2024'; không ghi năm (Q1, quý I, 6t, "
            "9t, năm) thì lấy năm của kế hoạch.",
            show_default=False,
            autocompletion=complete_period,
        ),
    ] = None,
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help="docx (Word, mặc định), md (Markdown) hoặc pdf (PDF, cần LibreOffice); "
            "phải khớp với đuôi tệp của -o.",
            show_default=False,
        ),
    ] = None,
    template: Annotated[
        Path | None,
        typer.Option(
            "--template",
            "-t",
            help="Mẫu riêng: tệp .md.j2 (Markdown) hoặc .docx (Word, thẻ docxtpl).",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            help="Tệp ghi báo cáo, đuôi .docx, .md hoặc .pdf quyết định định dạng; hoặc thư "
            "mục (kết thúc bằng /, được tạo nếu chưa có); '-' in Markdown ra màn hình. Mặc "
            "định: bao-cao-<kế hoạch>-<kỳ>.docx trong thư mục hiện tại.",
            show_default=False,
        ),
    ] = None,
    day: Annotated[
        str | None,
        typer.Option(
            "--signed",
            "--date",
            help="Ngày ký báo cáo (dòng địa danh, ngày tháng); mặc định hôm nay. --date là tên "
            "cũ, vẫn dùng được.",
        ),
    ] = None,
    number: Annotated[
        str | None,
        typer.Option("--number", help="Số văn bản: 15 → 'Số: 15/BC-UBND'; mặc định để trống."),
    ] = None,
    signer: Annotated[
        str | None,
        typer.Option("--signer", help="Người ký (mặc định: theo kế hoạch)."),
    ] = None,
    signer_title: Annotated[
        str | None,
        typer.Option(
            "--signer-title",
            help="Chức vụ người ký, ví dụ 'Phó Chủ tịch' (mặc định: theo kế hoạch).",
        ),
    ] = None,
    calendar: Annotated[
        bool,
        typer.Option(
            "--calendar",
            help="Tính số liệu theo kỳ dương lịch (mặc định: từ ngày 15 tháng trước kỳ đến "
            "ngày 14 tháng cuối kỳ, Nghị định 09/2019/NĐ-CP).",
        ),
    ] = False,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            help="Số liệu tính đến ngày này, 2024-04-15 hoặc 15/04/2024 (thay ngày cuối kỳ số "
            "liệu).",
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Ghi đè tệp báo cáo đã có.")] = False,
    notes: Annotated[
        Path | None,
        typer.Option(
            "--notes",
            help="Tệp phần tự viết (chỉ đạo điều hành, đánh giá, kiến nghị); mặc định "
            "reports/<kế hoạch>-<kỳ>.md cạnh tệp kế hoạch.",
            show_default=False,
        ),
    ] = None,
    init_notes: Annotated[
        bool,
        typer.Option(
            "--init-notes",
            help="Tạo tệp phần tự viết của kỳ với các tiêu đề cần điền (không ghi đè), "
            "thay vì lập báo cáo.",
        ),
    ] = False,
    by: ByOption = None,
    role: RoleOption = DEFAULT_ROLE,
    as_json: Annotated[
        bool,
        typer.Option("--json", help="In số liệu báo cáo dạng JSON thay vì ghi tệp."),
    ] = False,
    no_cache: NoCacheOption = False,
) -> int:
    """Lập báo cáo định kỳ (quý, 6 tháng, 9 tháng, năm, tháng) kết quả thực hiện kế hoạch.

    Ra tệp Word theo thể thức Nghị định 30/2020/NĐ-CP hoặc Markdown, từ mẫu Jinja trong
    templates/ (hoặc --template). Mỗi kế hoạch một báo cáo; tệp đã có không bị ghi đè nếu
    không có --force.
    """
    from cai_cach.report import ReportOptions

    spec = _report_period(period)
    signed = day_option("--signed/--date", day)
    options = ReportOptions(
        issued=signed or date.today(),
        calendar=calendar,
        as_of=day_option("--as-of", as_of),
        number=number,
        signer=signer,
        signer_title=signer_title,
        by=by,
        role=parse_role(role),
    )
    result = load_all(plan_arguments(plans, plan), no_cache=no_cache)
    chosen_period = spec.resolve(loaded.plan.year for loaded in result.plans)
    chosen = _matching_year(result.plans, chosen_period)
    if not chosen and not result.failures:
        raise NotFoundError(f"không có kế hoạch nào của năm {chosen_period.year}")
    if by is not None and chosen and not any(officials_for(loaded, by) for loaded in chosen):
        raise no_official_matched(by, official_titles(chosen))
    if init_notes:
        for loaded in chosen:
            _init_notes(loaded, chosen_period, notes if len(chosen) == 1 else None)
        return exit_status(result)
    if as_json:
        _print_json([_build(loaded, chosen_period, options, notes) for loaded in chosen])
        return exit_status(result)
    chosen_format = _choose_format(fmt, template, output)
    source = (
        None
        if chosen_format == "xlsx"
        else _template("md" if chosen_format == "md" else "docx", template)
    )
    targets = _targets(chosen, chosen_period, chosen_format, output)
    if output != STDOUT:  # standard output is then the report itself
        echo_failure_notice(result, first=True)
    failed = False
    from cai_cach.cli.progressbar import tracked

    pairs = zip(chosen, targets, strict=True)
    for loaded, target in tracked(pairs, len(chosen), "Lập báo cáo"):
        report = _build(loaded, chosen_period, options, notes)
        _warn_dates(report, defaulted=signed is None)
        written = _write_one(loaded, report, source, target, force, chosen_format)
        failed = not written or failed
    if output != STDOUT:
        echo_failure_notice(result, first=False)
    return EXIT_INVALID if failed else exit_status(result)


def _notes_file(loaded: LoadedPlan, period: Period, notes: Path | None) -> tuple[Path, str]:
    """The narrative file's path, and its name as messages and placeholders show it."""
    from cai_cach.narrative import notes_path

    if notes is not None:
        return notes, str(notes)
    shown = notes_path(Path(loaded.display), loaded.name, period)
    return notes_path(loaded.path, loaded.name, period), shown.as_posix()


def _build(
    loaded: LoadedPlan, period: Period, options: ReportOptions, notes: Path | None
) -> Report:
    import dataclasses

    from cai_cach.narrative import load
    from cai_cach.report import build_report

    path, shown = _notes_file(loaded, period, notes)
    narrative = load(path, loaded.plan, shown)
    return build_report(loaded, period, dataclasses.replace(options, narrative=narrative))


def _init_notes(loaded: LoadedPlan, period: Period, notes: Path | None) -> None:
    from cai_cach.atomic import write_atomic
    from cai_cach.narrative import template_text
    from cai_cach.outputs import check_target, prepare_folder

    target, shown = _notes_file(loaded, period, notes)
    check_target(target)
    prepare_folder(target)
    write_atomic(target, template_text(loaded.plan, period).encode("utf-8"), overwrite=False)
    echo(f"✓ {shown}: tệp phần tự viết của báo cáo {period.label} — điền dưới mỗi tiêu đề")


def _warn_dates(report: Report, *, defaulted: bool) -> None:
    from cai_cach.report import date_warnings

    for warning in date_warnings(report.period, report.window, report.issued, defaulted):
        echo(f"⚠ CẢNH BÁO: {warning}", err=True, fg="yellow", bold=True)


def _print_json(reports: list[Report]) -> None:
    import json

    from cai_cach.render import report_context

    records = [report_context(report) for report in reports]
    sys.stdout.write(json.dumps(records, ensure_ascii=False, indent=2) + "\n")


def _write_one(
    loaded: LoadedPlan,
    report: Report,
    source: TemplateSource | None,
    target: Path | None,
    force: bool,
    fmt: OutputFormat = "docx",
) -> bool:
    """Render and write one plan's report; ``False`` (after saying why) when it cannot."""
    from cai_cach.outputs import check_output, docx_to_pdf, write_output
    from cai_cach.render import render

    period = report.period
    if target is not None:
        try:
            check_output(target, force=force, protected=[loaded.path])
        except OutputError as err:
            echo(f"{loaded.display}: {err.render()}", err=True)
            return False
    if source is None:
        from cai_cach.spreadsheet import report_workbook

        content = report_workbook(report)
    else:
        content = render(report, source)
    if target is None:
        sys.stdout.write(content.decode("utf-8"))
        sys.stdout.flush()
        _list_missing(report)
        return True
    try:
        if fmt == "pdf":
            content = docx_to_pdf(content, target.name)
        write_output(target, content, force=force, protected=[loaded.path])
    except OutputError as err:
        echo(f"{loaded.display}: {err.render()}", err=True)
        return False
    echo(f"✓ {target}: báo cáo {period.label} của {loaded.display} — {_summary(report)}")
    _list_missing(report)
    return True


def _list_missing(report: Report) -> None:
    narrative = report.narrative
    if narrative is None or not narrative.missing():
        return
    echo(
        f"Còn phải viết ({narrative.file}): " + "; ".join(narrative.missing()),
        err=True,
        fg="yellow",
    )
    if not narrative.found:
        period = report.period.key
        echo(
            f"  → tạo tệp với các tiêu đề: caicach report --init-notes --period {period}",
            err=True,
        )
