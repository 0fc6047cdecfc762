"""Commands that record progress and review it: done, note, diff, schema."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from cai_cach.cli import (
    app,
    day_text,
    echo,
    failure_notice,
    render_error,
)
from cai_cach.cli.completion import complete_period, complete_task_id
from cai_cach.cli.parsing import day_option, day_or_today, period_spec
from cai_cach.cli.result import Envelope, emit
from cai_cach.errors import EXIT_INVALID, EXIT_OK, CaicachError, UsageError
from cai_cach.text import shorten

if TYPE_CHECKING:
    from cai_cach.cache import PlanCache
    from cai_cach.cli.parsing import PeriodSpec
    from cai_cach.evidence import EvidenceInput
    from cai_cach.periods import Period
    from cai_cach.record import Recorded
    from cai_cach.revisiondiff import DiffResult

TaskArg = Annotated[
    str,
    typer.Argument(
        help="Mã nhiệm vụ như trong kế hoạch, ví dụ 2.a hoặc III.1.",
        autocompletion=complete_task_id,
    ),
]
PlanOption = Annotated[
    str | None,
    typer.Option(
        "--plan",
        "-p",
        help="Tệp kế hoạch cần ghi (mặc định: tệp trong plans/ có nhiệm vụ này).",
    ),
]
DateOption = Annotated[
    str | None,
    typer.Option("--date", "-d", help="Ngày (2024-03-20 hoặc 20/03/2024); mặc định hôm nay."),
]
ForceOption = Annotated[
    bool,
    typer.Option(
        "--force",
        help="Vẫn ghi khi đã ghi trước đó, ngày nằm ngoài năm kế hoạch, hoặc (với --note) thay "
        "ghi chú đã có của mốc.",
    ),
]
UndoOption = Annotated[bool, typer.Option("--undo", help="Bỏ ghi nhận (hoàn tác).")]


def _recurrence_period(text: str | None) -> PeriodSpec | None:
    """``done --period``: the period of a recurring obligation, its year (when the clerk
    wrote none: Q1, 6t, 03) taken later from the plan being written."""
    if text is None:
        return None
    return period_spec(text)


def _resolve(spec: PeriodSpec | None, target: Path, cache: PlanCache | None) -> Period | None:
    if spec is None:
        return None
    return spec.resolve([spec.year] if spec.year is not None else [_plan_year(target, cache)])


def _plan_year(target: Path, cache: PlanCache | None) -> int:
    from cai_cach.loading import load_summary

    return load_summary(target, cache).summary.year


def _target(task: str, plan: str | None, cache: PlanCache | None) -> Path:
    from cai_cach.loading import plan_files
    from cai_cach.record import find_plan_for

    return find_plan_for(task, plan_files([plan] if plan else []), cache)


def _refuse_with_undo(**options: object) -> None:
    given = [name for name, value in options.items() if value not in (None, False)]
    if given:
        raise UsageError(
            "--undo không dùng cùng " + ", ".join(given),
            "bỏ các tùy chọn này; --undo chỉ cần mã nhiệm vụ (và --milestone/--period)",
        )


def _print_recorded(recorded: Recorded) -> None:
    task = recorded.task.id
    period = f" {recorded.period.label}" if recorded.period else ""
    kind = "" if recorded.period else "mốc "
    if recorded.action == "done" and recorded.day is not None:
        line = (
            f"✓ Đã ghi vào {recorded.display}: nhiệm vụ {task} — {kind}“{recorded.what}”{period} "
            f"hoàn thành ngày {day_text(recorded.day)}"
        )
        if recorded.previous is not None:
            line += f" (trước ghi ngày {day_text(recorded.previous)})"
    elif recorded.action == "undone":
        line = (
            f"✓ Đã bỏ ghi nhận trong {recorded.display}: nhiệm vụ {task} — {kind}"
            f"“{recorded.what}”{period} (trước ghi hoàn thành ngày "
            f"{day_text(recorded.previous) if recorded.previous else '?'})"
        )
        if recorded.note is not None:
            line += f"; bỏ cả ghi chú “{recorded.note}”"
    elif recorded.action == "evidence_added":
        line = (
            f"✓ Đã ghi tài liệu kiểm chứng vào {recorded.display}: nhiệm vụ {task} — "
            f"{recorded.what}"
        )
    elif recorded.action == "evidence_removed":
        line = (
            f"✓ Đã bỏ tài liệu kiểm chứng trong {recorded.display}: nhiệm vụ {task} — "
            f"{recorded.what}"
        )
    elif recorded.action == "note_added" and recorded.day is not None:
        line = (
            f"✓ Đã ghi chú vào {recorded.display}: nhiệm vụ {task}, ngày "
            f"{day_text(recorded.day)}: “{recorded.what}”"
        )
    else:
        line = (
            f"✓ Đã xóa ghi chú trong {recorded.display}: nhiệm vụ {task}"
            + (f", ngày {day_text(recorded.day)}" if recorded.day else "")
            + f": “{recorded.what}”"
        )
    echo(line)
    for changed in recorded.lines:
        echo(f"    {changed.sign} dòng {changed.number}: {changed.text.strip()}")
    echo(f"  → xem lại bằng 'git diff {recorded.display}' rồi commit.")


# --- commands ------------------------------------------------------------------------------


@app.command("done")
def done_command(
    task: TaskArg,
    milestone: Annotated[
        str | None,
        typer.Option(
            "--milestone",
            "-m",
            help="Mốc cần ghi: số thứ tự (1, 2 …) hoặc một phần tên mốc; mặc định mốc duy nhất "
            "còn mở. Với --period: chọn giữa các nghĩa vụ định kỳ cùng chu kỳ.",
        ),
    ] = None,
    period: Annotated[
        str | None,
        typer.Option(
            "--period",
            help="Kỳ của nghĩa vụ định kỳ: 2024-03 hoặc 03/2024 (tháng), 2024-Q1, Q1/2024, "
            "'Quý I/2024' (quý), 2024-H1 hoặc 6t (6 tháng), 2024 hoặc năm (năm); không ghi năm "
            "thì lấy năm của kế hoạch.",
            autocompletion=complete_period,
        ),
    ] = None,
    day: DateOption = None,
    note: Annotated[
        str | None,
        typer.Option("--note", help="Ghi chú cách hoàn thành mốc, ví dụ số văn bản đã ban hành."),
    ] = None,
    force: ForceOption = False,
    undo: UndoOption = False,
    plan: PlanOption = None,
    doc: Annotated[
        str | None,
        typer.Option(
            "--doc",
            help="Số, ký hiệu văn bản đã hoàn thành việc này (tài liệu kiểm chứng), ví dụ "
            "05/KH-UBND.",
        ),
    ] = None,
    doc_date: Annotated[
        str | None, typer.Option("--doc-date", help="Ngày của văn bản (25/01/2024).")
    ] = None,
    doc_kind: Annotated[
        str | None,
        typer.Option(
            "--doc-kind",
            help="Loại văn bản (Kế hoạch, Quyết định, Báo cáo, Công văn …); mặc định suy từ "
            "ký hiệu (KH → Kế hoạch).",
        ),
    ] = None,
    doc_summary: Annotated[
        str | None, typer.Option("--doc-summary", help="Trích yếu nội dung văn bản.")
    ] = None,
    file: Annotated[
        Path | None,
        typer.Option(
            "--file",
            help="Tệp kiểm chứng (biên bản, văn bản đã ký …): chép vào evidence/ cạnh tệp kế "
            "hoạch, ghi kèm mã băm.",
        ),
    ] = None,
) -> int:
    """Ghi một mốc (hoặc một kỳ của nghĩa vụ định kỳ) đã hoàn thành vào tệp kế hoạch.

    Chỉ thêm một dòng 'done: ngày' (kỳ định kỳ: dòng '2024-Q1: ngày' dưới 'done:'); mọi dòng
    khác của tệp giữ nguyên từng byte, nên 'git diff' chỉ hiện đúng dòng vừa ghi. Tệp được
    kiểm tra trước khi ghi; khi có lỗi tệp giữ nguyên. --undo bỏ ghi nhận đúng các dòng đó.
    """
    from cai_cach.cache import open_cache
    from cai_cach.evidence import EvidenceInput, check_input
    from cai_cach.record import mark_done, mark_undone

    spec = _recurrence_period(period)
    cache = open_cache()
    target = _target(task, plan, cache)
    chosen_period = _resolve(spec, target, cache)
    given = EvidenceInput(doc, day_option("--doc-date", doc_date), doc_kind, doc_summary, file)
    if undo:
        _refuse_with_undo(
            **{"--date": day, "--note": note, "--force": force, "--doc": given.given or None}
        )
        recorded = mark_undone(target, task, milestone=milestone, period=chosen_period, cache=cache)
        _print_recorded(recorded)
        _undo_evidence(target, recorded)
        return EXIT_OK
    check_input(given)  # before anything is written
    recorded = mark_done(
        target,
        task,
        day=day_or_today("--date", day),
        milestone=milestone,
        period=chosen_period,
        note=note,
        force=force,
        cache=cache,
    )
    _print_recorded(recorded)
    _record_evidence(target, recorded, given, note)
    return EXIT_OK


def _record_evidence(
    target: Path, recorded: Recorded, given: EvidenceInput, note: str | None
) -> None:
    """The document behind a ``done``: from the options, else from the note's usual wording."""
    from cai_cach.evidence import EvidenceInput, add_evidence, references_in

    if not given.given and note is not None:
        cited = references_in(note)
        if len(cited) != 1:
            return
        found = cited[0]
        given = EvidenceInput(found.number, found.date, found.kind, found.summary)
    if not given.given:
        return
    milestone = recorded.what if recorded.period is None else None
    try:
        written = add_evidence(
            target, recorded.task.id, given, milestone=milestone, period=recorded.period
        )
    except CaicachError as err:
        echo(
            "⚠ Đã ghi việc hoàn thành nhưng chưa ghi được tài liệu kiểm chứng: " + err.message,
            err=True,
        )
        raise
    _print_recorded(written)


def _undo_evidence(target: Path, recorded: Recorded) -> None:
    from cai_cach.evidence import remove_evidence

    milestone = recorded.what if recorded.period is None else None
    removed = remove_evidence(target, recorded.task.id, milestone=milestone, period=recorded.period)
    if removed is not None:
        _print_recorded(removed)


@app.command("note")
def note_command(
    task: TaskArg,
    text: Annotated[str, typer.Argument(help="Nội dung ghi chú, đặt trong dấu nháy.")],
    day: DateOption = None,
    force: ForceOption = False,
    undo: Annotated[
        bool,
        typer.Option(
            "--undo",
            help="Xóa ghi chú khớp với nội dung này (một phần nội dung là đủ; thêm --date nếu "
            "có nhiều ghi chú khớp).",
        ),
    ] = False,
    plan: PlanOption = None,
) -> int:
    """Thêm một ghi chú tiến độ có ngày vào nhiệm vụ (dùng cho báo cáo của kỳ chứa ngày đó).

    Ghi một dòng '- {date: …, text: …}' vào danh sách 'notes:' của nhiệm vụ; mọi dòng khác
    giữ nguyên. --undo xóa đúng dòng đó.
    """
    from cai_cach.cache import open_cache
    from cai_cach.record import add_note, remove_note

    cache = open_cache()
    target = _target(task, plan, cache)
    if undo:
        _refuse_with_undo(**{"--force": force})
        recorded = remove_note(target, task, text, day=day_option("--date", day), cache=cache)
    else:
        recorded = add_note(
            target, task, text, day=day_or_today("--date", day), force=force, cache=cache
        )
    _print_recorded(recorded)
    return EXIT_OK


@app.command("diff")
def diff_command(
    old: Annotated[
        str,
        typer.Argument(help="Phiên bản cũ (mã commit, nhánh, HEAD~1 …); mặc định HEAD."),
    ] = "HEAD",
    new: Annotated[
        str | None,
        typer.Argument(
            help="Phiên bản mới; mặc định là bản đang sửa trong thư mục (chưa commit).",
            show_default=False,
        ),
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="In kết quả dạng JSON (cho chương trình khác).")
    ] = False,
) -> int:
    """So sánh kế hoạch giữa hai phiên bản git theo nội dung: mỗi thay đổi một dòng.

    Nhiệm vụ thêm/bỏ, dời hạn, đổi chủ trì/phối hợp, mốc hoàn thành/mở lại, kỳ đã ghi, ghi chú
    …, nhóm theo kế hoạch và theo mục. Tệp đổi tên được so với tên cũ; tệp mới, tệp bị xóa
    được báo riêng. Mặc định: HEAD so với bản đang sửa. Với hai tệp kế hoạch (năm trước, năm
    nay): nhiệm vụ tiếp nối, thêm mới và không còn.
    """
    from cai_cach.revisiondiff import diff_revisions

    if new is not None and _two_plan_files(old, new):
        return _diff_years(Path(old), Path(new), as_json)
    result = diff_revisions(old, new)
    if as_json:
        records = [change.as_json() for change in result.changes]
        emit(Envelope("diff", records, result.failures))
    else:
        notice = failure_notice(result.failures, loaded=len(result.changes), first=True)
        if notice is not None:
            echo(notice.replace("KHÔNG đọc được kế hoạch nào", "không so sánh được tệp đó"))
        _print_diff(result)
    for failure in result.failures:
        echo(render_error(failure), err=True)
    return EXIT_INVALID if result.failures else EXIT_OK


def _two_plan_files(old: str, new: str) -> bool:
    return all(
        Path(side).suffix in (".yaml", ".yml") and Path(side).is_file() for side in (old, new)
    )


def _diff_years(old: Path, new: Path, as_json: bool) -> int:
    """Two plans (last year's, this year's): tasks carried over, added and dropped."""
    from cai_cach.continuity import year_over_year
    from cai_cach.loading import load_plan

    before, after = load_plan(old), load_plan(new)
    found = year_over_year(before.plan, after.plan)
    if as_json:
        items = [
            {
                "kind": "carried",
                "old": m.old.id,
                "new": m.new.id,
                "title": m.new.title,
                "similarity": m.percent,
            }
            for m in found.carried
        ]
        items += [{"kind": "added", "new": t.id, "title": t.title} for t in found.added]
        items += [{"kind": "dropped", "old": t.id, "title": t.title} for t in found.dropped]
        emit(Envelope("diff", items, fields={"old": before.display, "new": after.display}))
        return EXIT_OK
    echo(
        f"So sánh hai kế hoạch: {before.display} (năm {before.plan.year}) → "
        f"{after.display} (năm {after.plan.year})"
    )
    echo(f"\nTiếp nối ({len(found.carried)} nhiệm vụ):")
    for m in found.carried:
        moved = f"{m.old.id} → {m.new.id}" if m.old.id != m.new.id else m.new.id
        alike = "" if m.percent == 100 else f" (tên giống {m.percent}%)"
        echo(f"  = {moved}: {shorten(m.new.title, 80)}{alike}")
    echo(f"\nThêm mới ({len(found.added)} nhiệm vụ):")
    for task in found.added:
        echo(f"  + {task.id}: {shorten(task.title, 80)}")
    echo(f"\nKhông còn ({len(found.dropped)} nhiệm vụ):")
    for task in found.dropped:
        echo(f"  - {task.id}: {shorten(task.title, 80)}")
    return EXIT_OK


def _print_diff(result: DiffResult) -> None:
    if not result.changes:
        if result.failures:
            return  # a file could not be compared: "no changes" would not be true
        echo(f"Không có thay đổi nào trong kế hoạch giữa {result.old_label} và {result.new_label}.")
        return
    echo(f"So sánh kế hoạch: {result.old_label} → {result.new_label}")
    plan = section = None
    for change in result.changes:
        if change.plan != plan:
            plan, section = change.plan, None
            renamed = f" (trước là {change.old_file})" if change.old_file else ""
            echo(f"\n{plan}{renamed}")
        if change.section != section:
            section = change.section
            echo(f"  {section}")
        echo(f"    - {change.message}")
    plans = len({change.plan for change in result.changes})
    echo(f"\n{len(result.changes)} thay đổi trong {plans} tệp kế hoạch.")


@app.command("schema")
def schema_command(
    rubric: Annotated[
        bool,
        typer.Option("--rubric", help="In JSON Schema của tệp bộ tiêu chí chấm điểm Chỉ số CCHC."),
    ] = False,
) -> int:
    """In JSON Schema của tệp kế hoạch (cho trình soạn thảo như VS Code gợi ý và kiểm tra).

    Bản lưu trong kho là schema/plan.schema.json; tạo lại bằng:
    caicach schema > schema/plan.schema.json (bộ tiêu chí: caicach schema --rubric >
    schema/rubric.schema.json)
    """
    from cai_cach.schema import schema_text

    sys.stdout.write(schema_text("rubric" if rubric else "plan"))
    return EXIT_OK
