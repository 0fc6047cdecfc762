"""sheet export / sheet apply: review and edit a plan in a spreadsheet, without writing YAML;
review: confirm a draft's marks one by one in the terminal; how ``check`` lists a draft's marks."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from cai_cach.cli import app, draft_warning, echo
from cai_cach.cli.vietnamese import VietnameseGroup, VietnameseTyper
from cai_cach.draftmarks import open_reviews, unplaced
from cai_cach.errors import EXIT_OK
from cai_cach.text import shorten

if TYPE_CHECKING:
    from cai_cach.draftmarks import DraftMark
    from cai_cach.sheetapply import Applied

sheet_app = VietnameseTyper(
    name="sheet",
    cls=VietnameseGroup,
    help="Xem lại, sửa kế hoạch bằng bảng tính, không cần viết YAML.\n\n"
    "'sheet export' ghi bảng tính (Excel, LibreOffice); 'sheet apply' đưa những ô đã sửa vào "
    "tệp kế hoạch.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(sheet_app, name="sheet")


@sheet_app.command("export")
def export_command(
    plan: Annotated[Path, typer.Argument(help="Tệp kế hoạch (.yaml).", show_default=False)],
    output: Annotated[
        Path,
        typer.Option("--output", "-o", help="Tệp bảng tính sẽ ghi (.xlsx).", show_default=False),
    ],
    force: Annotated[bool, typer.Option("--force", help="Ghi đè tệp bảng tính đã có.")] = False,
) -> int:
    """Ghi kế hoạch ra bảng tính .xlsx để xem lại và sửa trong Excel hoặc LibreOffice.

    Trang "Thông tin chung" (cơ quan, văn bản, ngày, nơi nhận, đoạn chưa xếp), trang "Nhiệm
    vụ" (mỗi dòng một mục, nhiệm vụ, mốc, việc định kỳ, nghĩa vụ báo cáo; chủ trì và phối
    hợp chọn trong danh sách) và trang "Công chức". Mỗi dấu '# xem lại' hiện ở cột "Cần xem
    lại" của dòng và thành ghi chú trên ô nó nói đến. Sửa xong: caicach sheet apply TỆP.xlsx
    """
    from cai_cach.errors import UsageError
    from cai_cach.loading import plan_from_bytes
    from cai_cach.outputs import write_output
    from cai_cach.sheetexport import export_workbook
    from cai_cach.yamlsource import read_bytes

    if output.suffix.lower() != ".xlsx":
        raise UsageError("tệp bảng tính phải có đuôi .xlsx", f"ví dụ: -o {output.stem}.xlsx")
    display = str(plan)
    raw = read_bytes(plan, display)
    loaded, _ = plan_from_bytes(raw, display)
    write_output(output, export_workbook(loaded, raw, display), force=force, protected=[plan])
    echo(f"Đã ghi {output}: kế hoạch {display}.")
    from cai_cach.draftmarks import marks_in_bytes, open_reviews

    reviews = open_reviews(marks_in_bytes(raw))
    if reviews:
        echo(f"Còn {len(reviews)} chỗ cần xem lại (cột 'Cần xem lại', ô tô vàng).")
    echo(
        f"Tiếp theo: mở {output}, sửa các ô, ghi 'x' ở cột 'Đã xem' của dòng đã xem lại, lưu; "
        f"rồi chạy 'caicach sheet apply {output}'."
    )
    return EXIT_OK


@sheet_app.command("apply")
def apply_command(
    sheet: Annotated[Path, typer.Argument(help="Bảng tính đã sửa (.xlsx).", show_default=False)],
    plan: Annotated[
        Path | None,
        typer.Argument(
            help="Tệp kế hoạch (mặc định: tệp ghi trong bảng tính khi xuất).",
            show_default=False,
        ),
    ] = None,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Áp dụng cả khi tệp kế hoạch đã đổi sau khi xuất bảng tính (chỉ những ô đã "
            "sửa được đưa vào bản hiện tại).",
        ),
    ] = False,
) -> int:
    """Đưa những ô đã sửa trong bảng tính vào tệp kế hoạch, sửa đúng chỗ đó.

    Mỗi ô sai được báo ở Trang!Ô. Dòng mới thành nhiệm vụ, mốc, việc định kỳ, nghĩa vụ báo
    cáo hoặc công chức mới; dòng nhiệm vụ, mốc bị xóa thì bỏ khỏi kế hoạch. Dấu '# xem lại'
    của một dòng được bỏ khi cột "Đã xem" có chữ (ví dụ x) hoặc cột "Cần xem lại" bị xóa
    trống; dấu gắn với một ô được bỏ khi ô đó được sửa. Mọi byte khác của tệp giữ nguyên; tệp
    được kiểm tra như 'caicach check' trước khi ghi. Bảng tính xuất từ bản khác của kế hoạch
    bị từ chối, trừ khi có --force.
    """
    from cai_cach.sheetapply import apply_workbook

    applied = apply_workbook(sheet, plan, force=force)
    _print_applied(applied)
    return EXIT_OK


def _print_applied(applied: Applied) -> None:
    from cai_cach.cli.record import _print_diff
    from cai_cach.draftmarks import open_reviews
    from cai_cach.plandiff import diff_plans
    from cai_cach.revisiondiff import DiffResult

    if applied.stale:
        echo(
            f"cảnh báo: {applied.workbook} được xuất từ bản khác của {applied.display}; "
            "đã áp dụng các ô đã sửa lên bản hiện tại (--force)",
            err=True,
        )
    if not applied.written:
        echo(
            f"Bảng tính {applied.workbook} không có gì mới so với {applied.display}; không ghi gì."
        )
    else:
        changes = diff_plans(applied.old, applied.new, Path(applied.display).stem)
        if changes:
            _print_diff(
                DiffResult(
                    f"{applied.display} trước", f"sau khi áp dụng {applied.workbook}", changes
                )
            )
        removed = [mark for mark in applied.removed_marks if mark.is_review]
        loose = [mark for mark in applied.removed_marks if not mark.is_review]
        if removed or loose:
            echo(
                f"\nĐã bỏ {len(removed)} dấu xem lại"
                + (f" và {len(loose)} đoạn chưa xếp" if loose else "")
                + f" trong {applied.display}."
            )
        echo(f"Đã ghi {applied.display}; xem lại bằng 'git diff {applied.display}' rồi commit.")
    left = open_reviews(applied.marks_left)
    warning = draft_warning(applied.display, applied.marks_left)
    if left and warning is not None:
        echo(f"Còn {len(left)} chỗ cần xem lại trong {applied.display}.")
    elif not applied.marks_left:
        echo(f"Không còn dấu xem lại nào; kiểm tra: caicach check {applied.display}")


@app.command("review")
def review_command(
    plan: Annotated[Path, typer.Argument(help="Tệp kế hoạch (.yaml).", show_default=False)],
) -> int:
    """Xem lại từng dấu '# xem lại' của bản nháp ngay trên màn hình, không cần sửa YAML.

    Với mỗi dấu: in dòng của tệp mà dấu nói đến, rồi hỏi c (đã xem, bỏ dấu), b (bỏ qua) hoặc
    d (dừng). Các dấu đã xem được bỏ một lần ở cuối; mọi byte khác của tệp giữ nguyên. Cần sửa
    nội dung thì dùng bảng tính: caicach sheet export.
    """
    from cai_cach.draftmarks import lines_of, marks_in_bytes, open_reviews
    from cai_cach.sheetapply import remove_marks
    from cai_cach.yamlsource import read_bytes

    display = str(plan)
    raw = read_bytes(plan, display)
    reviews = open_reviews(marks_in_bytes(raw))
    if not reviews:
        echo(f"{display}: không còn dấu xem lại nào.")
        return EXIT_OK
    lines = lines_of(raw.removeprefix(b"\xef\xbb\xbf").decode("utf-8", "replace"))
    seen: set[int] = set()
    for number, mark in enumerate(reviews, start=1):
        context = _context_line(lines, mark)
        echo(f"\n[{number}/{len(reviews)}] {display}:{mark.line}: xem lại: {mark.text}")
        if context:
            echo(f"    {context}")
        answer = typer.prompt("Đã xem xong? c = có (bỏ dấu), b = bỏ qua, d = dừng", default="b")
        choice = answer.strip().lower()[:1]
        if choice == "d":
            break
        if choice == "c":
            seen.add(mark.line)
    removed = remove_marks(plan, seen) if seen else ()
    left = len(reviews) - len(removed)
    echo(f"\nĐã bỏ {len(removed)} dấu xem lại trong {display}; còn {left} chỗ cần xem lại.")
    return EXIT_OK


def _context_line(lines: list[str], mark: DraftMark) -> str:
    """The file line a mark is about: its own (a trailing mark), else the next one with text."""
    if mark.trailing:
        return lines[mark.line - 1][: mark.column - 1].strip()
    for text in lines[mark.line :]:
        if text.strip() and not text.lstrip().startswith("#"):
            return text.strip()
    return ""


# --- drafts in 'check' ------------------------------------------------------------------


def print_checked(display: str, summary: str, marks: tuple[DraftMark, ...]) -> None:
    """``check``'s lines for one valid plan: ✓ only when no review mark is open; each mark
    at ``file:line:column``, the unplaced text with its count and lines."""
    reviews, loose = open_reviews(marks), unplaced(marks)
    if reviews:
        echo(f"✗ {display}: bản nháp: còn {len(reviews)} chỗ cần xem lại — {summary}")
    else:
        echo(f"✓ {display}: hợp lệ — {summary}")
    for mark in reviews:
        echo(f"  {display}:{mark.line}:{mark.column}: xem lại: {mark.text}")
    if loose:
        lines = ", ".join(str(mark.line) for mark in loose)
        echo(f"  {display}: {len(loose)} đoạn văn bản chưa xếp vào trường nào (dòng {lines}):")
        for mark in loose:
            echo(f"  {display}:{mark.line}:{mark.column}: chưa xếp: {shorten(mark.text, 80)}")
    if marks:
        echo(
            "  → sửa từng chỗ theo văn bản gốc rồi xóa dấu '# xem lại'/'# chưa xếp', hoặc "
            f"không cần viết YAML: caicach sheet export {display} -o xem-lai.xlsx"
        )


def draft_record(marks: tuple[DraftMark, ...]) -> dict[str, Any]:
    """``check --json``'s fields of the draft marks of one plan."""
    return {
        "draft": bool(open_reviews(marks)),
        "marks": [
            {"kind": mark.kind, "text": mark.text, "line": mark.line, "column": mark.column}
            for mark in marks
        ],
    }
