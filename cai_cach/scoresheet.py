"""The self-assessment table ("Bảng tự đánh giá, chấm điểm") and the evidence register as
files: a spreadsheet (openpyxl) and a Word table in the Nghị định 30/2020 layout (python-docx).
Both libraries are imported inside the functions that write them."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

from cai_cach.evidence import Register, citation, done_text
from cai_cach.periods import format_day
from cai_cach.render import block_text
from cai_cach.score import CriterionScore, Scorecard, points_text
from cai_cach.spreadsheet import Sheet, workbook_bytes

if TYPE_CHECKING:
    from cai_cach.models import Plan

SCORE_HEADERS = (
    "Mã",
    "Tiêu chí",
    "Điểm tối đa",
    "Điểm tự chấm",
    "Cách tính",
    "Tài liệu kiểm chứng",
    "Còn thiếu",
)


def _score_row(score: CriterionScore) -> tuple[Any, ...]:
    return (
        score.criterion.code,
        score.criterion.text,
        score.criterion.max,
        score.points,
        score.how,
        "\n".join(score.evidence),
        "\n".join(score.missing),
    )


def score_workbook(card: Scorecard) -> bytes:
    rows: list[tuple[Any, ...]] = []
    for total in card.areas():
        rows.append((total.area.code, total.area.title, total.maximum, total.points, "", "", ""))
        rows.extend(_score_row(s) for s in card.scores if s.area is total.area)
    rows.append(("", "Tổng cộng", card.maximum, card.total, "", "", ""))
    missing = [_score_row(s) for s in card.missing_first() if s.needs_evidence]
    return workbook_bytes(
        [
            Sheet("Tự chấm điểm", SCORE_HEADERS, rows),
            Sheet("Thiếu kiểm chứng", SCORE_HEADERS, missing),
        ]
    )


REGISTER_HEADERS = (
    "Mã nhiệm vụ",
    "Lĩnh vực",
    "Việc đã xong",
    "Ngày xong",
    "Tài liệu kiểm chứng",
    "Tình trạng",
)


def register_workbook(register: Register) -> bytes:
    rows = [
        (
            proof.task.id,
            proof.section.title if proof.section else "Tổ chức thực hiện",
            proof.what + (f" ({proof.period.label})" if proof.period else ""),
            proof.done,
            "\n".join(citation(d) for d in proof.documents),
            proof.standing,
        )
        for proof in register.proofs
    ]
    files = [
        (check.task.id, check.evidence.file, check.problem or "đúng mã băm")
        for check in register.files
    ]
    return workbook_bytes(
        [
            Sheet("Tài liệu kiểm chứng", REGISTER_HEADERS, rows),
            Sheet("Kiểm tra tệp", ("Mã nhiệm vụ", "Tệp", "Kết quả"), files),
        ]
    )


# --- Word ----------------------------------------------------------------------------------


def _run(
    paragraph: Any,
    text: str,
    *,
    size: float,
    bold: bool = False,
    italic: bool = False,
    underline: bool = False,
) -> None:
    from docx.shared import Pt

    run = paragraph.add_run(text)
    run.font.name = "Times New Roman"
    run.font.size = Pt(size)
    run.bold = bold
    run.italic = italic
    run.underline = underline


def _paragraph(
    container: Any,
    text: str,
    *,
    size: float = 13,
    bold: bool = False,
    italic: bool = False,
    underline: bool = False,
    center: bool = False,
) -> Any:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    paragraph = container.add_paragraph()
    if center:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_after = 0
    _run(paragraph, text, size=size, bold=bold, italic=italic, underline=underline)
    return paragraph


def _page(document: Any) -> None:
    from docx.shared import Mm

    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)


#: Column widths in millimetres; the text block of A4 with 30/15 mm margins is 165 mm.
HEADER_WIDTHS = (65, 100)
TABLE_WIDTHS = (12, 43, 15, 15, 45, 35)


def _widths(table: Any, widths: tuple[int, ...]) -> None:
    from docx.shared import Mm

    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Mm(width)  # the grid LibreOffice lays out by
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Mm(width)


def _header(document: Any, plan: Plan) -> None:
    table = document.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    left.paragraphs[0].text = ""
    for line in block_text(plan.plan.agency.name).split("\n"):
        _paragraph(left, line, size=13, bold=True, center=True)
    _paragraph(left, "¯" * 10, size=8, center=True)
    _paragraph(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=12, bold=True, center=True)
    _paragraph(
        right, "Độc lập - Tự do - Hạnh phúc", size=13, bold=True, underline=True, center=True
    )
    for cell in (left, right):
        first = cell.paragraphs[0]
        if not first.text:
            first._element.getparent().remove(first._element)
    _widths(table, HEADER_WIDTHS)


def _cell(cell: Any, text: str, *, bold: bool = False, center: bool = False) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    lines = text.split("\n") if text else [""]
    first = cell.paragraphs[0]
    for index, line in enumerate(lines):
        paragraph = first if index == 0 else cell.add_paragraph()
        if center:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _run(paragraph, line, size=11, bold=bold)


def score_document(card: Scorecard) -> bytes:
    """The self-assessment table as a Word file (A4, Times New Roman, NĐ 30 header)."""
    from docx import Document

    document = Document()
    _page(document)
    draft = card.rubric.rubric.example or any(s.points is None for s in card.scores)
    if draft:
        _paragraph(document, "DỰ THẢO", size=13, bold=True, center=True)
    _header(document, card.plan)
    _paragraph(document, "", size=8)
    _paragraph(document, "BẢNG TỰ ĐÁNH GIÁ, CHẤM ĐIỂM", size=14, bold=True, center=True)
    _paragraph(
        document,
        f"Chỉ số cải cách hành chính năm {card.rubric.rubric.year} của "
        f"{card.plan.plan.agency.name}",
        size=13,
        bold=True,
        center=True,
    )
    decision = card.rubric.rubric.decision
    basis = f"(Theo Bộ tiêu chí ban hành kèm theo Quyết định số {decision.number}"
    if decision.date:
        basis += f" ngày {format_day(decision.date)}"
    basis += (
        f" của UBND tỉnh {card.rubric.rubric.province}; số liệu đến ngày {format_day(card.as_of)})"
    )
    _paragraph(document, basis, size=13, italic=True, center=True)
    if card.rubric.rubric.example:
        _paragraph(
            document,
            "Bộ tiêu chí dùng ở đây là bảng mẫu, không phải bộ tiêu chí chính thức của tỉnh.",
            size=12,
            italic=True,
            center=True,
        )
    _paragraph(document, "", size=8)
    headers = ("STT", "Tiêu chí", "Điểm tối đa", "Điểm tự chấm", "Cách tính", "Tài liệu kiểm chứng")
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    for cell, header in zip(table.rows[0].cells, headers, strict=True):
        _cell(cell, header, bold=True, center=True)
    for total in card.areas():
        cells = table.add_row().cells
        for cell, text in zip(
            cells,
            (
                total.area.code,
                total.area.title,
                points_text(total.maximum),
                points_text(total.points),
                "",
                "",
            ),
            strict=True,
        ):
            _cell(cell, text, bold=True, center=cell is not cells[1])
        for score in (s for s in card.scores if s.area is total.area):
            evidence = "\n".join(score.evidence) or "Chưa có"
            if score.missing:
                evidence += "\nCòn thiếu: " + "; ".join(score.missing)
            row = (
                score.criterion.code,
                score.criterion.text,
                points_text(score.criterion.max),
                points_text(score.points),
                score.how,
                evidence,
            )
            for index, (cell, text) in enumerate(zip(table.add_row().cells, row, strict=True)):
                _cell(cell, text, center=index in (0, 2, 3))
    cells = table.add_row().cells
    for cell, text in zip(
        cells,
        ("", "Tổng cộng", points_text(card.maximum), points_text(card.total), "", ""),
        strict=True,
    ):
        _cell(cell, text, bold=True, center=cell is not cells[1])
    _widths(table, TABLE_WIDTHS)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def register_lines(register: Register) -> list[str]:
    """The register in plain lines (for Markdown and the terminal's fallback)."""
    return [
        f"{p.task.id} {done_text(p)}: " + ("; ".join(citation(d) for d in p.documents) or "THIẾU")
        for p in register.proofs
    ]
