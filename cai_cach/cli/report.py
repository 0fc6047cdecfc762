"""The `report` command: periodic progress reports in Markdown or Word."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from cai_cach.cli import NoCacheOption, PlansArg, app, command, exit_status, load_all
from cai_cach.cli.completion import complete_period
from cai_cach.errors import EXIT_INVALID, NotFoundError, OutputError, UsageError

if TYPE_CHECKING:
    from cai_cach.loading import LoadedPlan
    from cai_cach.periods import Period
    from cai_cach.render import Format, TemplateSource
    from cai_cach.report import Report, ReportOptions

STDOUT = "-"
FORMATS = ("md", "docx")


def _parse_period(text: str | None) -> Period:
    from cai_cach.periods import parse_period

    if text is None:
        raise UsageError(
            "thiếu kỳ báo cáo --period",
            "ví dụ: --period 2024-Q1, --period 2024-H1, --period 2024 hoặc --period 'Quý I/2024'",
        )
    try:
        return parse_period(text)
    except ValueError as err:
        raise UsageError(f"--period: {err}") from None


def _parse_day(option: str, text: str | None) -> date | None:
    from cai_cach.periods import parse_day

    if text is None:
        return None
    try:
        return parse_day(text)
    except ValueError as err:
        raise UsageError(f"{option}: {err}") from None


def _choose_format(fmt: str | None, template: Path | None, output: str | None) -> Format:
    """--format, else the template's kind, else the output's extension, else Word."""
    from cai_cach.render import template_format

    if fmt is not None and fmt not in FORMATS:
        raise UsageError(f"--format phải là 'md' hoặc 'docx', không phải '{fmt}'")
    from_template = template_format(template) if template is not None else None
    if template is not None and from_template is None:
        raise UsageError(
            f"--template: không nhận ra loại mẫu '{template}'",
            "dùng tệp .md.j2 (Markdown) hoặc .docx (Word)",
        )
    if fmt is not None and from_template is not None and fmt != from_template:
        raise UsageError(
            f"--format {fmt} không khớp với mẫu '{template}' ({from_template})",
            "bỏ --format, hoặc chọn mẫu cùng loại",
        )
    chosen = fmt or from_template
    if chosen is None and output not in (None, STDOUT):
        chosen = template_format(Path(str(output)))
    if chosen is None and output == STDOUT:
        chosen = "md"
    return "md" if chosen == "md" else "docx"


def _template(fmt: Format, path: Path | None) -> TemplateSource:
    from cai_cach.render import default_template, load_template

    return load_template(path) if path is not None else default_template(fmt)


def _targets(
    plans: list[LoadedPlan], period: Period, fmt: Format, output: str | None
) -> list[Path | None]:
    """Where each plan's report goes (``None``: standard output)."""
    from cai_cach.report import output_name

    if output == STDOUT:
        if fmt == "docx":
            raise UsageError(
                "không thể in tệp Word ra màn hình",
                "dùng --format md với -o -, hoặc ghi ra tệp: -o bao-cao.docx",
            )
        return [None for _ in plans]
    folder: Path | None = None
    if output is not None:
        path = Path(output)
        if not path.is_dir():
            if len(plans) > 1:
                raise UsageError(
                    f"-o {output}: có {len(plans)} kế hoạch nên cần một thư mục, không phải tệp",
                    "bỏ -o để dùng tên mặc định, hoặc chỉ một thư mục đã có",
                )
            return [path]
        folder = path
    names = [output_name(loaded.name, period, fmt) for loaded in plans]
    return [folder / name if folder else Path(name) for name in names]


def _matching_year(plans: list[LoadedPlan], period: Period) -> list[LoadedPlan]:
    chosen = []
    for loaded in plans:
        if loaded.plan.year == period.year:
            chosen.append(loaded)
        else:
            typer.echo(
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
@command
def report_command(
    plans: PlansArg = None,
    period: Annotated[
        str | None,
        typer.Option(
            "--period",
            help="Kỳ báo cáo: 2024-Q1 … 2024-Q4, 2024-H1, 2024-9M, 2024, 2024-03, hoặc "
            "'Quý I/2024', '6 tháng đầu năm 2024', 'năm 2024'.",
            show_default=False,
            autocompletion=complete_period,
        ),
    ] = None,
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help="docx (Word, mặc định) hoặc md (Markdown).",
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
            help="Tệp (hoặc thư mục) ghi báo cáo; '-' in Markdown ra màn hình. Mặc định: "
            "bao-cao-<kế hoạch>-<kỳ>.docx trong thư mục hiện tại.",
            show_default=False,
        ),
    ] = None,
    day: Annotated[
        str | None,
        typer.Option(
            "--date", help="Ngày ký báo cáo (dòng địa danh, ngày tháng); mặc định hôm nay."
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
        typer.Option("--as-of", help="Số liệu tính đến ngày này (thay ngày cuối kỳ số liệu)."),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Ghi đè tệp báo cáo đã có.")] = False,
    no_cache: NoCacheOption = False,
) -> int:
    """Lập báo cáo định kỳ (quý, 6 tháng, 9 tháng, năm, tháng) kết quả thực hiện kế hoạch.

    Ra tệp Word theo thể thức Nghị định 30/2020/NĐ-CP hoặc Markdown, từ mẫu Jinja trong
    templates/ (hoặc --template). Mỗi kế hoạch một báo cáo; tệp đã có không bị ghi đè nếu
    không có --force.
    """
    from cai_cach.report import ReportOptions

    chosen_period = _parse_period(period)
    options = ReportOptions(
        issued=_parse_day("--date", day) or date.today(),
        calendar=calendar,
        as_of=_parse_day("--as-of", as_of),
        number=number,
        signer=signer,
        signer_title=signer_title,
    )
    chosen_format = _choose_format(fmt, template, output)
    source = _template(chosen_format, template)
    result = load_all(plans, no_cache=no_cache)
    chosen = _matching_year(result.plans, chosen_period)
    if not chosen and not result.failures:
        raise NotFoundError(f"không có kế hoạch nào của năm {chosen_period.year}")
    targets = _targets(chosen, chosen_period, chosen_format, output)
    failed = False
    from cai_cach.cli.progressbar import tracked

    pairs = zip(chosen, targets, strict=True)
    for loaded, target in tracked(pairs, len(chosen), "Lập báo cáo"):
        failed = not _write_one(loaded, chosen_period, options, source, target, force) or failed
    return EXIT_INVALID if failed else exit_status(result)


def _write_one(
    loaded: LoadedPlan,
    period: Period,
    options: ReportOptions,
    source: TemplateSource,
    target: Path | None,
    force: bool,
) -> bool:
    """Render and write one plan's report; ``False`` (after saying why) when it cannot."""
    from cai_cach.atomic import write_atomic
    from cai_cach.render import render
    from cai_cach.report import build_report

    report = build_report(loaded, period, options)
    content = render(report, source)
    if target is None:
        sys.stdout.write(content.decode("utf-8"))
        sys.stdout.flush()
        return True
    try:
        write_atomic(target, content, overwrite=force)
    except OutputError as err:
        typer.echo(f"{loaded.display}: {err.render()}", err=True)
        return False
    typer.echo(f"✓ {target}: báo cáo {period.label} của {loaded.display} — {_summary(report)}")
    return True
