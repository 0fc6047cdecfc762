"""Commands of the CCHC index self-assessment: evidence (the register), score (the draft)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from cai_cach.cli import (
    AsOfOption,
    JsonOption,
    NoCacheOption,
    app,
    day_text,
    echo,
    echo_failure_notice,
    error_boundary,
    exit_status,
    failure_records,
    load_all,
    plans_read,
)
from cai_cach.cli import PlanOption as PlanFilesOption
from cai_cach.cli.completion import complete_period
from cai_cach.cli.tables import Column, render_table
from cai_cach.errors import EXIT_FINDINGS, EXIT_OK, UsageError

if TYPE_CHECKING:
    from cai_cach.evidence import Register
    from cai_cach.loading import LoadedPlan
    from cai_cach.score import Scorecard

OutputOption = Annotated[
    str | None,
    typer.Option(
        "--output",
        "-o",
        help="Ghi ra tệp: .xlsx (bảng tính) hoặc .docx (Word, chỉ với score).",
    ),
]
ForceOption = Annotated[bool, typer.Option("--force", help="Ghi đè tệp -o đã có.")]


def _write(output: str, content: bytes, force: bool, plans: list[str] | None) -> None:
    """Through the one output policy (``outputs.write_output``)."""
    from cai_cach.outputs import write_output

    write_output(Path(output), content, force=force, protected=plans_read(plans))


def _suffix(output: str, allowed: tuple[str, ...]) -> str:
    suffix = Path(output).suffix.lower()
    if suffix not in allowed:
        raise UsageError(
            f"không ghi được tệp '{output}': chỉ ghi được " + ", ".join(allowed),
            "đặt tên tệp có đuôi " + " hoặc ".join(allowed),
        )
    return suffix


def _one_plan(plans: list[LoadedPlan]) -> LoadedPlan:
    if len(plans) != 1:
        names = ", ".join(loaded.display for loaded in plans) or "không có"
        raise UsageError(
            f"cần đúng một kế hoạch để chấm điểm (đang có: {names})",
            "chỉ rõ kế hoạch bằng -p plans/<tệp>.yaml",
        )
    return plans[0]


def _default_as_of(loaded: LoadedPlan, text: str | None) -> date:
    from cai_cach.cli.parsing import as_of_day

    if text is not None:
        return as_of_day(text)
    return min(date.today(), date(loaded.plan.year, 12, 31))


# --- evidence ------------------------------------------------------------------------------


def _register_json(loaded: LoadedPlan, register: Register) -> dict[str, Any]:
    return {
        "file": loaded.display,
        "proofs": [
            {
                "task": proof.task.id,
                "what": proof.what,
                "period": proof.period.key if proof.period else None,
                "done": proof.done.isoformat(),
                "standing": proof.standing,
                "documents": [
                    d.model_dump(mode="json", exclude_none=True) for d in proof.documents
                ],
            }
            for proof in register.proofs
        ],
        "files": [
            {"task": check.task.id, "file": check.evidence.file, "problem": check.problem}
            for check in register.files
        ],
    }


def _print_register(loaded: LoadedPlan, register: Register) -> None:
    from cai_cach.evidence import citation

    echo(f"Tài liệu kiểm chứng — {loaded.plan.plan.title} ({loaded.display})")
    if not register.proofs:
        echo("  Chưa có việc nào được ghi là đã xong trong khoảng này.")
    rows = [
        [
            proof.task.id,
            proof.what + (f" ({proof.period.label})" if proof.period else ""),
            day_text(proof.done),
            "; ".join(citation(d) for d in proof.documents) or "—",
            proof.standing,
        ]
        for proof in register.proofs
    ]
    if rows:
        columns = [
            Column("Mã"),
            Column("Việc đã xong", wrap=True),
            Column("Ngày xong"),
            Column("Văn bản, tệp", wrap=True),
            Column("Tình trạng"),
        ]
        echo(render_table(columns, rows))
    missing = register.missing
    if missing:
        echo(
            f"⚠ {len(missing)}/{len(register.proofs)} việc đã xong chưa có tài liệu kiểm chứng "
            "(ghi bằng: caicach done MÃ --doc SỐ --doc-date NGÀY … hoặc --file TỆP)."
        )
    for check in register.broken_files:
        echo(f"✗ {check.task.id}: {check.problem}")
    if register.files and not register.broken_files:
        echo(f"Đã kiểm tra {len(register.files)} tệp kiểm chứng: đúng mã băm đã ghi.")


@app.command("evidence")
@error_boundary
def evidence_command(
    plans: PlanFilesOption = None,
    period: Annotated[
        str | None,
        typer.Option(
            "--period",
            help="Chỉ các việc xong trong kỳ này (2024-Q1, Q1, 6t, năm …); mặc định cả năm.",
            autocompletion=complete_period,
        ),
    ] = None,
    as_of: AsOfOption = None,
    as_json: JsonOption = False,
    output: OutputOption = None,
    force: ForceOption = False,
    no_cache: NoCacheOption = False,
) -> int:
    """Liệt kê tài liệu kiểm chứng của năm: mỗi việc đã xong và văn bản, tệp chứng minh.

    Văn bản lấy từ các lần ghi 'caicach done … --doc …/--file …', hoặc đọc từ ghi chú viết theo
    lối thường ("Đã ban hành Kế hoạch số 05/KH-UBND ngày 25/01/2024"). Việc đã xong mà chưa có
    văn bản nào được đánh dấu "thiếu"; mọi tệp đã chép vào evidence/ được kiểm tra lại mã băm.
    Trả mã 1 khi có việc thiếu kiểm chứng hoặc tệp bị thay đổi.
    """
    from cai_cach.cli.parsing import period_spec
    from cai_cach.evidence import build_register

    result = load_all(plans, no_cache=no_cache)
    spec = period_spec(period) if period is not None else None
    registers = []
    for loaded in result.plans:
        chosen = spec.resolve([loaded.plan.year]) if spec is not None else None
        day = _default_as_of(loaded, as_of)
        registers.append(
            (loaded, build_register(loaded.plan, loaded.path, period=chosen, as_of=day))
        )
    findings = any(r.missing or r.broken_files for _, r in registers)
    if as_json:
        shape: Any = [_register_json(loaded, register) for loaded, register in registers]
        if result.failures:
            shape = {"registers": shape, **failure_records(result.failures)}
        typer.echo(json.dumps(shape, ensure_ascii=False, indent=2))
        return exit_status(result, EXIT_FINDINGS if findings else EXIT_OK)
    echo_failure_notice(result, first=True)
    if output is not None:
        from cai_cach.scoresheet import register_workbook

        _suffix(output, (".xlsx",))
        loaded, register = _single(registers)
        _write(output, register_workbook(register), force, plans)
        echo(f"Đã ghi {len(register.proofs)} việc vào {output}.")
    else:
        for loaded, register in registers:
            _print_register(loaded, register)
    echo_failure_notice(result, first=False)
    return exit_status(result, EXIT_FINDINGS if findings else EXIT_OK)


def _single(registers: list[tuple[LoadedPlan, Register]]) -> tuple[LoadedPlan, Register]:
    if len(registers) != 1:
        raise UsageError("-o ghi một kế hoạch mỗi lần", "chỉ rõ kế hoạch bằng -p plans/<tệp>.yaml")
    return registers[0]


# --- score ---------------------------------------------------------------------------------


def _score_json(card: Scorecard, display: str) -> dict[str, Any]:
    info = card.rubric.rubric
    return {
        "file": display,
        "rubric": {
            "province": info.province,
            "year": info.year,
            "decision": info.decision.number,
            "example": info.example,
        },
        "as_of": card.as_of.isoformat(),
        "total": card.total,
        "maximum": card.maximum,
        "areas": [
            {
                "code": total.area.code,
                "title": total.area.title,
                "points": total.points,
                "maximum": total.maximum,
                "unscored": total.unscored,
            }
            for total in card.areas()
        ],
        "criteria": [
            {
                "code": s.criterion.code,
                "text": s.criterion.text,
                "maximum": s.criterion.max,
                "points": s.points,
                "how": s.how,
                "evidence": list(s.evidence),
                "missing": list(s.missing),
            }
            for s in card.scores
        ],
    }


def _print_score(card: Scorecard) -> None:
    from cai_cach.score import points_text

    info = card.rubric.rubric
    echo(
        f"Tự chấm điểm Chỉ số CCHC năm {info.year} — {card.plan.plan.agency.name} "
        f"(bộ tiêu chí {info.decision.number}, tỉnh {info.province}; số liệu đến "
        f"{day_text(card.as_of)})"
    )
    if info.example:
        echo("⚠ Đây là bộ tiêu chí MẪU (example: true), không phải bộ tiêu chí chính thức.")
    rows = [
        [
            s.criterion.code,
            s.criterion.text,
            f"{points_text(s.points)}/{points_text(s.criterion.max)}",
            s.how,
            ("; ".join(s.evidence) or "—")
            + ("\nTHIẾU: " + "; ".join(s.missing) if s.missing else ""),
        ]
        for s in card.missing_first()
    ]
    columns = [
        Column("Mã"),
        Column("Tiêu chí", wrap=True),
        Column("Điểm"),
        Column("Cách tính", wrap=True),
        Column("Tài liệu kiểm chứng", wrap=True),
    ]
    echo(render_table(columns, rows, blank_lines=True))
    for total in card.areas():
        unscored = f" (còn {total.unscored} tiêu chí chưa chấm)" if total.unscored else ""
        echo(
            f"  Lĩnh vực {total.area.code}. {total.area.title}: "
            f"{points_text(total.points)}/{points_text(total.maximum)} điểm{unscored}"
        )
    unscored_count = sum(1 for s in card.scores if s.points is None)
    echo(
        f"Tổng: {points_text(card.total)}/{points_text(card.maximum)} điểm"
        + (f"; {unscored_count} tiêu chí chưa chấm được" if unscored_count else "")
    )
    lacking = [s for s in card.scores if s.needs_evidence]
    if lacking:
        echo(
            f"⚠ {len(lacking)} tiêu chí còn thiếu tài liệu kiểm chứng: "
            + ", ".join(s.criterion.code for s in lacking)
        )


@app.command("score")
@error_boundary
def score_command(
    rubric: Annotated[
        Path,
        typer.Option("--rubric", help="Tệp bộ tiêu chí (YAML), ví dụ rubrics/vi-du-ca-mau.yaml."),
    ],
    plans: PlanFilesOption = None,
    entries: Annotated[
        Path | None,
        typer.Option(
            "--entries",
            help="Tệp điểm tự chấm của các tiêu chí nhập tay (YAML: scores: {mã: {points, "
            "reason, evidence}}).",
        ),
    ] = None,
    as_of: AsOfOption = None,
    as_json: JsonOption = False,
    output: OutputOption = None,
    force: ForceOption = False,
    no_cache: NoCacheOption = False,
) -> int:
    """Bản nháp tự đánh giá, chấm điểm Chỉ số CCHC từ kế hoạch và bộ tiêu chí của tỉnh.

    Mỗi tiêu chí: điểm tối đa, điểm tính được (hoặc tự nhập), cách tính bằng lời ("31/37 việc
    đến hạn đã hoàn thành = 83,8 % → 1/2 điểm"), tài liệu kiểm chứng đã có và còn thiếu; tiêu
    chí thiếu kiểm chứng in trước. -o bang-diem.xlsx hoặc bang-diem.docx (bảng theo thể thức
    Nghị định 30). Trả mã 1 khi còn tiêu chí chưa chấm hoặc thiếu kiểm chứng.
    """
    from cai_cach.errors import PlanError
    from cai_cach.rubric import check_against_plan, load_entries, load_rubric
    from cai_cach.score import score_plan

    result = load_all(plans, no_cache=no_cache)
    if result.failures:
        raise result.failures[0]
    loaded = _one_plan(result.plans)
    chosen, document = load_rubric(rubric)
    problems = check_against_plan(chosen, document, loaded.plan)
    if problems:
        raise PlanError(problems)
    clerk = load_entries(entries, chosen) if entries is not None else None
    card = score_plan(
        loaded.plan, loaded.path, chosen, as_of=_default_as_of(loaded, as_of), entries=clerk
    )
    findings = any(s.points is None or s.needs_evidence for s in card.scores)
    code = EXIT_FINDINGS if findings else EXIT_OK
    if as_json:
        typer.echo(json.dumps(_score_json(card, loaded.display), ensure_ascii=False, indent=2))
        return code
    if output is not None:
        from cai_cach.scoresheet import score_document, score_workbook

        suffix = _suffix(output, (".xlsx", ".docx"))
        content = score_workbook(card) if suffix == ".xlsx" else score_document(card)
        _write(output, content, force, plans)
        echo(f"Đã ghi bảng tự chấm điểm ({len(card.scores)} tiêu chí) vào {output}.")
        return code
    _print_score(card)
    return code
