"""Commands that start a plan: import (from the signed document) and new (next year's plan)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from cai_cach.cli import app, command
from cai_cach.errors import EXIT_OK

ForceOption = Annotated[bool, typer.Option("--force", help="Ghi đè tệp đã có.")]


def _default_output(stem: str) -> Path:
    folder = Path("plans")
    return (folder if folder.is_dir() else Path(".")) / f"{stem}.yaml"


def _show_reviews(written: Path, reviews: list[str], unplaced: list[str]) -> None:
    typer.echo(f"Đã ghi {written}.")
    if reviews:
        typer.echo(f"Cần xem lại {len(reviews)} chỗ (tìm '# xem lại' trong tệp):")
        for review in reviews:
            typer.echo(f"  - {review}")
    if unplaced:
        typer.echo(f"{len(unplaced)} đoạn chưa xếp được vào trường nào (tìm '# chưa xếp'):")
        for text in unplaced:
            typer.echo(f"  - {text[:100]}")
    typer.echo(f"Tiếp theo: sửa các chỗ trên, chạy 'caicach check {written}', rồi commit.")


@app.command("import")
@command
def import_command(
    document: Annotated[
        Path, typer.Argument(help="Văn bản quyết định/kế hoạch: .docx, .doc, .md hoặc .txt.")
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Tệp kế hoạch sẽ ghi (mặc định plans/<tên văn bản>.yaml)."
        ),
    ] = None,
    force: ForceOption = False,
) -> int:
    """Nhập văn bản kế hoạch (Word hoặc Markdown) thành bản nháp tệp kế hoạch YAML.

    Giữ nguyên văn tên nhiệm vụ, sản phẩm, thời gian; đánh dấu mọi chỗ máy đoán bằng
    '# xem lại' để bạn kiểm tra trước khi commit.
    """
    from cai_cach.atomic import write_atomic
    from cai_cach.docreading import read_document
    from cai_cach.importing import import_text

    target = output or _default_output(document.stem)
    if target.exists() and not force:
        from cai_cach.errors import OutputError

        raise OutputError(f"tệp '{target}' đã tồn tại", "dùng --force để ghi đè")
    text, draft = import_text(read_document(document), document.name)
    write_atomic(target, text.encode("utf-8"), overwrite=force)
    _show_reviews(target, draft.reviews, draft.unplaced)
    return EXIT_OK
