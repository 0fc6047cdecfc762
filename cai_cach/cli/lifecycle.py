"""Commands that start a plan: import (from the signed document) and new (next year's plan)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from cai_cach.cli import app, echo
from cai_cach.errors import EXIT_INVALID, EXIT_OK

ForceOption = Annotated[bool, typer.Option("--force", help="Ghi đè tệp đã có.")]


def _default_output(stem: str) -> Path:
    folder = Path("plans")
    return (folder if folder.is_dir() else Path(".")) / f"{stem}.yaml"


def _show_reviews(written: Path, text: str, reviews: list[str], unplaced: list[str]) -> None:
    echo(f"Đã ghi {written}.")
    if reviews:
        echo(f"Cần xem lại {len(reviews)} chỗ (tìm '# xem lại' trong tệp):")
        for review in reviews:
            echo(f"  - {review}")
    if unplaced:
        numbers = [
            str(number)
            for number, line in enumerate(text.splitlines(), 1)
            if line.startswith("# chưa xếp: ") and number > 1
        ]
        where = f"dòng {numbers[1]}–{numbers[-1]}" if len(numbers) > 1 else "cuối tệp"
        echo(
            f"{len(unplaced)} đoạn chưa xếp được vào trường nào "
            f"(ghi nguyên văn ở {where} của {written}, mỗi dòng bắt đầu '# chưa xếp'):"
        )
        for item in unplaced:
            echo(f"  - {item[:100]}")
    echo(f"Tiếp theo: sửa các chỗ trên, chạy 'caicach check {written}', rồi commit.")


@app.command("import")
def import_command(
    document: Annotated[
        Path,
        typer.Argument(
            help="Văn bản quyết định/kế hoạch: .docx, .doc, .odt, .rtf, .pdf (có lớp chữ), "
            ".md hoặc .txt (tối đa 20 MB)."
        ),
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Tệp kế hoạch sẽ ghi (mặc định plans/<tên văn bản>.yaml)."
        ),
    ] = None,
    force: ForceOption = False,
    like: Annotated[
        Path | None,
        typer.Option(
            "--like",
            help="Kế hoạch năm trước: nhiệm vụ tiếp nối giữ mã cũ (khi văn bản mới không tự "
            "đánh số), công chức/đơn vị giữ mã cũ; mỗi chỗ khớp đánh dấu '# xem lại'.",
        ),
    ] = None,
) -> int:
    """Nhập văn bản kế hoạch (Word, PDF hoặc Markdown) thành bản nháp tệp kế hoạch YAML.

    Giữ nguyên văn tên nhiệm vụ, sản phẩm, thời gian; đánh dấu mọi chỗ máy đoán bằng
    '# xem lại' để bạn kiểm tra trước khi commit. Điều văn bản không ghi (số, ngày ký,
    người ký, người chủ trì) được để trống và đánh dấu, không bao giờ tự điền.
    .doc, .odt, .rtf cần LibreOffice (gói libreoffice-writer). Với --like, so khớp với kế
    hoạch năm trước.
    """
    from cai_cach.docreading import read_document
    from cai_cach.importing import import_text
    from cai_cach.loading import load_plan
    from cai_cach.outputs import check_output, write_output

    target = output or _default_output(document.stem)
    check_output(target, force=force, protected=[document], plan=True)
    last = load_plan(like).plan if like is not None else None  # a broken one: its error first
    text, draft = import_text(read_document(document), document.name)
    reviews = list(draft.reviews)
    if last is not None:
        from cai_cach.continuity import continue_from

        continued = continue_from(text, last)
        text = continued.text
        reviews += [kept.review for kept in continued.kept]
    write_output(target, text.encode("utf-8"), force=force, protected=[document], plan=True)
    _show_reviews(target, text, reviews, draft.unplaced)
    return _checked(target)


def _checked(path: Path) -> int:
    """Load what was written, as ``caicach check`` would; its problems are the clerk's next step."""
    from cai_cach.cli import echo_problems
    from cai_cach.errors import PlanError
    from cai_cach.loading import load_plan

    try:
        loaded = load_plan(path)
    except PlanError as err:
        echo(err.render(), err=True)
        echo(
            "Bản nháp đã ghi nhưng chưa hợp lệ: sửa các lỗi trên rồi chạy lại 'caicach check'.",
            err=True,
        )
        return EXIT_INVALID
    echo_problems(loaded.warnings)
    return EXIT_OK


@app.command("new")
def new_command(
    year: Annotated[int, typer.Option("--year", help="Năm của kế hoạch mới, ví dụ 2025.")],
    source: Annotated[
        Path | None,
        typer.Option(
            "--from", help="Kế hoạch năm trước (mặc định: tệp trong plans/ của năm trước đó)."
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Tệp sẽ ghi (mặc định plans/<tên cũ đổi năm>.yaml)."),
    ] = None,
    force: ForceOption = False,
) -> int:
    """Tạo kế hoạch năm mới từ kế hoạch năm trước: giữ cấu trúc, bỏ tiến độ, dời năm.

    Mọi chỗ đổi năm được liệt kê để xem lại; thông tin quyết định ban hành được bỏ trống
    để điền số, ngày mới.
    """
    from cai_cach.loading import load_plan, plan_files
    from cai_cach.newyear import new_plan_path, new_year_text, previous_plan
    from cai_cach.outputs import write_output

    if source is None:
        loaded = previous_plan([load_plan(path) for path in plan_files([])], year)
        source = loaded.path
    else:
        loaded = load_plan(source)
    result = new_year_text(source.read_bytes(), loaded.plan.year, year, source.name)
    if output is None:
        output = new_plan_path(source, loaded.plan.year, year)
    write_output(output, result.data, force=force, protected=[source], plan=True)
    echo(f"Đã ghi {output}: kế hoạch năm {year}, {result.removed_progress} ghi nhận tiến độ đã bỏ.")
    echo(f"Đã đổi {len(result.changes)} chỗ (xem lại từng chỗ):")
    for change in result.changes:
        echo(f"  dòng {change.line}: {change.before}")
        echo(f"       → {change.after}")
    echo(f"Tiếp theo: điền số, ngày quyết định mới, chạy 'caicach check {output}', rồi commit.")
    return EXIT_OK
