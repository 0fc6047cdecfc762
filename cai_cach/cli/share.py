"""Commands that take the plan beyond the clerk: status (a page the chairman opens) and remind
(each lead told what is late or falls due soon)."""

from __future__ import annotations

import functools
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from cai_cach.cli import (
    AsOfOption,
    NoCacheOption,
    app,
    echo,
    echo_failure_notice,
    exit_status,
    load_all,
    map_summaries_all,
    plans_read,
)
from cai_cach.cli import PlanOption as PlanFilesOption
from cai_cach.cli.parsing import as_of_day
from cai_cach.errors import EXIT_FINDINGS, EXIT_OK, CaicachError, UsageError

if TYPE_CHECKING:
    from cai_cach.loading import LoadedSummary, LoadResult
    from cai_cach.reminders import Reminder
    from cai_cach.rollup import AgencyTally

ForceOption = Annotated[bool, typer.Option("--force", help="Ghi đè tệp -o đã có.")]


def _write_page(output: Path, html: str, force: bool, plans: list[str] | None) -> None:
    """Through the one output policy (``outputs.write_output``)."""
    from cai_cach.outputs import write_output

    if output.suffix.lower() not in (".html", ".htm"):
        raise UsageError(
            f"trang trạng thái là tệp .html, không ghi được '{output}'",
            "đặt tên tệp đuôi .html, ví dụ -o trang-thai.html",
        )
    write_output(output, html.encode("utf-8"), force=force, protected=plans_read(plans))


@app.command("status")
def status_command(
    plans: PlanFilesOption = None,
    output: Annotated[
        Path,
        typer.Option("--output", "-o", help="Tệp trang cần ghi (.html)."),
    ] = Path("trang-thai.html"),
    as_of: AsOfOption = None,
    group_by: Annotated[
        str | None,
        typer.Option(
            "--group-by",
            help="agency: trang của tỉnh — mỗi xã một dòng, xã quá hạn nhiều nhất trước.",
        ),
    ] = None,
    force: ForceOption = False,
    no_cache: NoCacheOption = False,
) -> int:
    """Ghi trang trạng thái (.html) cho lãnh đạo: biểu đồ theo lĩnh vực và người chủ trì, việc
    quá hạn, 30 ngày tới, báo cáo định kỳ.

    Một tệp duy nhất, không cần mạng hay máy chủ: mở bằng trình duyệt từ máy hoặc thư mục dùng
    chung, đọc được trên điện thoại, in vừa khổ A4. --group-by agency: trang tổng hợp của tỉnh
    trên nhiều kế hoạch, mỗi đơn vị một dòng.
    """
    day = as_of_day(as_of)
    if group_by is not None:
        if group_by != "agency":
            raise UsageError(f"--group-by chỉ nhận 'agency' (theo đơn vị), không phải '{group_by}'")
        return _province_page(plans, day, output, force, no_cache)
    from cai_cach.status import draft_notice, plan_page, render_plans

    result = load_all(plans, no_cache=no_cache)
    echo_failure_notice(result, first=True)
    if not result.plans:
        return exit_status(result)
    pages = [plan_page(loaded.plan, loaded.display, day) for loaded in result.plans]
    for loaded, page in zip(result.plans, pages, strict=True):
        page.warnings.extend(draft_notice(loaded.marks))  # the page itself says it, not only stderr
    _write_page(output, render_plans(pages, date.today()), force, plans)
    overdue = sum(page.totals.overdue for page in pages)
    echo(
        f"✓ Đã ghi trang trạng thái {output}: {len(pages)} kế hoạch, tính đến ngày "
        f"{day.strftime('%d/%m/%Y')}, {overdue} việc quá hạn. Mở tệp bằng trình duyệt."
    )
    echo_failure_notice(result, first=False)
    return exit_status(result)


def _tally(loaded: LoadedSummary, as_of: date) -> tuple[AgencyTally, int]:
    from cai_cach.rollup import tally_for

    tally, _ = tally_for(loaded, as_of)
    return tally, loaded.summary.year


def _province_page(
    plans: list[str] | None, day: date, output: Path, force: bool, no_cache: bool
) -> int:
    from cai_cach.cli.overdue import _named_files, _year_notices
    from cai_cach.planyears import PlanYear
    from cai_cach.rollup import combine
    from cai_cach.status import render_rollup

    mapped = map_summaries_all(plans, functools.partial(_tally, as_of=day), no_cache=no_cache)
    years = [
        PlanYear(display, year, tally.agency, tally.overdue)
        for display, _, (tally, year) in mapped.results
    ]
    _, hidden = _year_notices(years, day, _named_files(plans))
    rollup = combine(
        (tally for display, _, (tally, _) in mapped.results if display not in hidden), day
    )
    echo_failure_notice(mapped, first=True)
    if mapped.results:
        _write_page(output, render_rollup(rollup, date.today()), force, plans)
        echo(
            f"✓ Đã ghi trang tổng hợp {output}: {len(rollup.groups)} đơn vị, "
            f"{len(rollup.total.plans)} kế hoạch, {rollup.total.overdue} việc quá hạn."
        )
    echo_failure_notice(mapped, first=False)
    return exit_status(mapped)


# --- remind --------------------------------------------------------------------------------


@app.command("remind")
def remind_command(
    plans: PlanFilesOption = None,
    days: Annotated[
        int,
        typer.Option(
            "--days", min=0, max=90, help="Nhắc cả việc đến hạn trong chừng này ngày tới."
        ),
    ] = 7,
    as_of: AsOfOption = None,
    dry_run: Annotated[
        bool,
        typer.Option("--dry-run", help="Chỉ in từng thư sẽ gửi (người nhận, tiêu đề, nội dung)."),
    ] = False,
    text: Annotated[
        bool,
        typer.Option(
            "--text",
            help="In mỗi người một tin nhắn để dán vào Zalo (không gửi thư, không cần địa chỉ).",
        ),
    ] = False,
    no_cache: NoCacheOption = False,
) -> int:
    """Nhắc từng người, đơn vị chủ trì những việc đã quá hạn và sắp đến hạn, qua thư điện tử.

    Địa chỉ lấy từ trường email: của công chức, đơn vị trong kế hoạch; máy chủ thư lấy từ tệp
    cấu hình của người dùng (mail.toml) hoặc biến môi trường, không bao giờ từ kho kế hoạch
    (xem docs/nhac-viec.md). Chỉ báo "đã gửi" khi máy chủ đã nhận thư. Trả mã 1 khi có người
    chưa có địa chỉ hoặc thư bị từ chối, mã 2 khi không kết nối hoặc đăng nhập được.
    """
    from cai_cach.reminders import body, reminders, subject

    day = as_of_day(as_of)
    result = load_all(plans, no_cache=no_cache)
    echo_failure_notice(result, first=True)
    due = reminders([loaded.plan for loaded in result.plans], day, days)
    if not due:
        if result.plans:
            echo(
                f"Không có việc nào quá hạn hoặc đến hạn trong {days} ngày tới (tính đến ngày "
                f"{day.strftime('%d/%m/%Y')}); không cần nhắc ai."
            )
        echo_failure_notice(result, first=False)
        return exit_status(result)
    if text:
        for index, reminder in enumerate(due):
            if index:
                echo("-" * 60)
            echo(body(reminder, day, days), nl=False)
        echo_failure_notice(result, first=False)
        return exit_status(result)
    if dry_run:
        from cai_cach.mailer import mail_settings

        try:
            sender = mail_settings().sender
        except CaicachError:
            sender = "(chưa cấu hình máy chủ thư)"
        for reminder in due:
            echo(f"Gửi tới: {reminder.label} <{reminder.email or 'CHƯA CÓ ĐỊA CHỈ'}>")
            echo(f"Từ: {sender}")
            echo(f"Tiêu đề: {subject(reminder)}\n")
            echo(body(reminder, day, days))
        echo(f"(Chạy thử: chưa gửi thư nào; {len(due)} thư.)")
        echo_failure_notice(result, first=False)
        return exit_status(result)
    return _send(due, day, days, result)


def _send(due: list[Reminder], day: date, days: int, result: LoadResult) -> int:
    from cai_cach.mailer import mail_settings, send_all
    from cai_cach.reminders import email_message

    addressed = [r for r in due if r.email]
    unaddressed = [r for r in due if not r.email]
    settings = mail_settings() if addressed else None
    deliveries = (
        send_all(settings, [email_message(r, settings.sender, day, days) for r in addressed])
        if settings is not None
        else []
    )
    for reminder, delivery in zip(addressed, deliveries, strict=True):
        if delivery.sent:
            echo(
                f"✓ Đã gửi tới {reminder.label} <{reminder.email}>: "
                f"{len(reminder.overdue)} việc quá hạn, {len(reminder.soon)} việc sắp đến hạn."
            )
        else:
            echo(
                f"✗ Máy chủ từ chối thư tới {reminder.label} <{reminder.email}>: "
                f"{delivery.refused} — thư này CHƯA được gửi."
            )
    for reminder in unaddressed:
        echo(
            f"– Chưa gửi cho {reminder.label} ({reminder.count} việc): kế hoạch chưa ghi email "
            f"của '{reminder.official}' (thêm email: dưới officials.{reminder.official}, hoặc "
            "dùng --text để nhắn qua Zalo)."
        )
    sent = sum(1 for d in deliveries if d.sent)
    echo(f"Đã gửi {sent}/{len(due)} thư nhắc việc.")
    echo_failure_notice(result, first=False)
    incomplete = sent < len(due)
    return exit_status(result, EXIT_FINDINGS if incomplete else EXIT_OK)
