"""Build templates/report.docx, the default Word template of `caicach report`.

The layout follows Nghị định 30/2020/NĐ-CP, Phụ lục I (see docs/bao-cao.md):
A4 portrait, margins 20/20/30/15 mm, Times New Roman throughout; agency block and national
motto in a borderless two-column table; number line and italic place-and-date line;
"BÁO CÁO" and the subject; a statistics table; "Nơi nhận" and the signature block; page
numbers centred at the top from page 2 on. The template holds docxtpl (Jinja) tags; the
variables are documented in docs/bao-cao.md.

Run from the repository root after changing the layout, and commit both files:

    .venv/bin/python scripts/make_report_template.py            # writes templates/report.docx

The output is byte-for-byte reproducible (fixed timestamps), so `git diff --stat` shows
whether the committed template matches this script; tests/test_render.py checks it too.
"""

from __future__ import annotations

import io
import sys
import zipfile
from datetime import datetime
from pathlib import Path

from docx import Document as new_document
from docx.document import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt
from docx.styles.style import ParagraphStyle
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

REPO = Path(__file__).resolve().parent.parent
TARGET = REPO / "templates" / "report.docx"
FONT = "Times New Roman"
FIXED_TIME = datetime(2024, 1, 1)

# Page geometry (mm): Nghị định 30/2020, Phụ lục I.
PAGE_WIDTH, PAGE_HEIGHT = 210, 297
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT = 20, 20, 30, 15
TEXT_WIDTH_CM = (PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT) / 10  # 16.5 cm

BODY = "Báo cáo - Nội dung"
HEADING = "Báo cáo - Đề mục"
SUBHEADING = "Báo cáo - Đề mục nhỏ"
TABLE_TEXT = "Báo cáo - Bảng"
BLOCK = "Báo cáo - Khối"  # the agency, motto, number and signature blocks: centred, no indent

Container = Document | _Cell


# --- styles ----------------------------------------------------------------------------------


def _times_new_roman_everywhere(document: Document) -> None:
    """Every font declaration in styles.xml (and the defaults) becomes Times New Roman; theme
    fonts are removed because Word prefers them over named fonts."""
    styles = document.styles.element
    for fonts in styles.iter(qn("w:rFonts")):
        for attribute in list(fonts.attrib):
            if attribute.endswith("Theme") or attribute.endswith("theme"):
                del fonts.attrib[attribute]
        for slot in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            fonts.set(qn(slot), FONT)
    defaults = styles.find(qn("w:docDefaults"))
    assert defaults is not None
    run_defaults = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
    assert run_defaults is not None
    for child in run_defaults.findall(qn("w:lang")):
        child.set(qn("w:val"), "vi-VN")
        child.set(qn("w:eastAsia"), "vi-VN")
    for child in run_defaults.findall(qn("w:sz")) + run_defaults.findall(qn("w:szCs")):
        child.set(qn("w:val"), "28")
    for color in styles.iter(qn("w:color")):
        color.set(qn("w:val"), "000000")
        for attribute in list(color.attrib):
            if attribute != qn("w:val"):
                del color.attrib[attribute]


def _paragraph_style(
    document: Document,
    name: str,
    *,
    size: float = 14,
    bold: bool = False,
    italic: bool = False,
    align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.JUSTIFY,
    first_line_cm: float = 0.0,
    space_after: float = 6,
    keep_with_next: bool = False,
) -> ParagraphStyle:
    style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    assert isinstance(style, ParagraphStyle)
    style.base_style = document.styles["Normal"]
    style.quick_style = True
    style.font.name = FONT
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.italic = italic
    fmt = style.paragraph_format
    fmt.alignment = align
    fmt.first_line_indent = Cm(first_line_cm)
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(space_after)
    fmt.line_spacing = 1.0
    fmt.keep_with_next = keep_with_next
    fmt.widow_control = True
    return style


def _styles(document: Document) -> None:
    _times_new_roman_everywhere(document)
    normal = document.styles["Normal"]
    assert isinstance(normal, ParagraphStyle)
    normal.font.name = FONT
    normal.font.size = Pt(14)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.0
    _paragraph_style(document, BODY, first_line_cm=1.0)
    _paragraph_style(document, HEADING, bold=True, first_line_cm=1.0, keep_with_next=True)
    _paragraph_style(
        document, SUBHEADING, bold=True, italic=True, first_line_cm=1.0, keep_with_next=True
    )
    _paragraph_style(document, TABLE_TEXT, size=12, align=WD_ALIGN_PARAGRAPH.LEFT, space_after=0)
    _paragraph_style(document, BLOCK, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=0)
    header = document.styles["Header"]
    assert isinstance(header, ParagraphStyle)
    header.font.size = Pt(14)
    header.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER


# --- small builders ------------------------------------------------------------------------


def _paragraph(
    container: Container,
    text: str = "",
    style: str = BODY,
    *,
    bold: bool | None = None,
    italic: bool | None = None,
    underline: bool | None = None,
    size: float | None = None,
    align: WD_ALIGN_PARAGRAPH | None = None,
) -> Paragraph:
    paragraph = container.add_paragraph(style=style)
    if align is not None:
        paragraph.alignment = align
    if text:
        _run(paragraph, text, bold=bold, italic=italic, underline=underline, size=size)
    return paragraph


def _run(
    paragraph: Paragraph,
    text: str,
    *,
    bold: bool | None = None,
    italic: bool | None = None,
    underline: bool | None = None,
    size: float | None = None,
) -> None:
    run = paragraph.add_run(text)
    run.bold = bold
    run.italic = italic
    run.underline = underline
    if size is not None:
        run.font.size = Pt(size)


def _tag(container: Container, tag: str) -> None:
    """A paragraph holding only a docxtpl paragraph tag ({%p … %}); it disappears on render."""
    _paragraph(container, tag, BLOCK, size=2)


def _rule(container: Container, width_cm: float, available_cm: float) -> None:
    """A short centred horizontal line: an empty paragraph with a bottom border, indented so
    that the border is ``width_cm`` long."""
    paragraph = _paragraph(container, style=BLOCK)
    indent = max((available_cm - width_cm) / 2, 0)
    paragraph.paragraph_format.left_indent = Cm(indent)
    paragraph.paragraph_format.right_indent = Cm(indent)
    paragraph.paragraph_format.space_after = Pt(0)
    paragraph.paragraph_format.line_spacing = Pt(2)
    properties = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    properties.insert_element_before(
        borders,
        "w:shd",
        "w:tabs",
        "w:suppressAutoHyphens",
        "w:kinsoku",
        "w:wordWrap",
        "w:overflowPunct",
        "w:topLinePunct",
        "w:autoSpaceDE",
        "w:autoSpaceDN",
        "w:bidi",
        "w:adjustRightInd",
        "w:snapToGrid",
        "w:spacing",
        "w:ind",
        "w:contextualSpacing",
        "w:mirrorIndents",
        "w:suppressOverlap",
        "w:jc",
        "w:textDirection",
        "w:textAlignment",
        "w:textboxTightWrap",
        "w:outlineLvl",
        "w:divId",
        "w:cnfStyle",
        "w:rPr",
        "w:sectPr",
        "w:pPrChange",
    )


def _table(
    container: Document, widths_cm: list[float], rows: int, *, grid: bool, padding_cm: float = 0.19
) -> Table:
    table = container.add_table(rows=rows, cols=len(widths_cm))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False  # fixed layout: the column widths below are kept
    if grid:
        table.style = container.styles["Table Grid"]
    properties = table._tbl.tblPr
    if not grid:
        borders = OxmlElement("w:tblBorders")
        for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
            element = OxmlElement(f"w:{edge}")
            element.set(qn("w:val"), "nil")
            borders.append(element)
        properties.insert_element_before(
            borders, "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption"
        )
    margins = OxmlElement("w:tblCellMar")
    for edge in ("left", "right"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:w"), str(round(padding_cm / 2.54 * 1440)))
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    properties.insert_element_before(margins, "w:tblLook", "w:tblCaption", "w:tblDescription")
    for index, width in enumerate(widths_cm):
        table.columns[index].width = Cm(width)
        for cell in table.columns[index].cells:
            cell.width = Cm(width)
    return table


def _cell(table: Table, row: int, column: int) -> _Cell:
    """A table cell emptied of its default paragraph, ready for ``_paragraph``."""
    cell = table.cell(row, column)
    for paragraph in cell.paragraphs:
        paragraph._p.getparent().remove(paragraph._p)
    return cell


def _cant_split(table: Table) -> None:
    for row in table.rows:
        properties = row._tr.get_or_add_trPr()
        element = OxmlElement("w:cantSplit")
        properties.append(element)


def _repeat_header(table: Table) -> None:
    properties = table.rows[0]._tr.get_or_add_trPr()
    element = OxmlElement("w:tblHeader")
    properties.append(element)


def _row(
    table: Table,
    row: int,
    texts: list[str],
    *,
    bold: bool = False,
    left: tuple[int, ...] = (),
    size: float | None = None,
) -> None:
    """Fill one row; columns in ``left`` are left-aligned, the others centred."""
    for column, text in enumerate(texts):
        cell = _cell(table, row, column)
        align = WD_ALIGN_PARAGRAPH.LEFT if column in left else WD_ALIGN_PARAGRAPH.CENTER
        _paragraph(cell, text, TABLE_TEXT, bold=bold or None, align=align, size=size)


def _page_number(paragraph: Paragraph) -> None:
    """A PAGE field (Word updates it on every page)."""
    run = paragraph.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    instruction = OxmlElement("w:instrText")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = " PAGE "
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    run._r.append(begin)
    run._r.append(instruction)
    run._r.append(separate)
    paragraph.add_run("2")  # shown until Word or LibreOffice updates the field
    end_run = paragraph.add_run()
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    end_run._r.append(end)


# --- the document --------------------------------------------------------------------------


def _page(document: Document) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width = Mm(PAGE_WIDTH)
    section.page_height = Mm(PAGE_HEIGHT)
    section.top_margin = Mm(MARGIN_TOP)
    section.bottom_margin = Mm(MARGIN_BOTTOM)
    section.left_margin = Mm(MARGIN_LEFT)
    section.right_margin = Mm(MARGIN_RIGHT)
    section.header_distance = Mm(10)
    section.footer_distance = Mm(10)
    # Page numbers centred at the top from page 2 on: the first page has its own, empty header.
    section.different_first_page_header_footer = True
    section.first_page_header.is_linked_to_previous = False
    first = section.first_page_header.paragraphs[0]
    first.style = document.styles["Header"]
    header = section.header
    header.is_linked_to_previous = False
    number = header.paragraphs[0]
    number.style = document.styles["Header"]
    number.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _page_number(number)


def _heading_block(document: Document) -> None:
    """Agency (left) and national name and motto (right); number and date line below."""
    left, right = 6.0, TEXT_WIDTH_CM - 6.0
    # A report with a part unwritten is a draft: "DỰ THẢO" above everything, no number.
    _tag(document, "{%p if report.draft %}")
    _paragraph(document, "DỰ THẢO", BLOCK, bold=True, size=14)
    _tag(document, "{%p endif %}")
    table = _table(document, [left, right], 2, grid=False)
    agency = _cell(table, 0, 0)
    _tag(agency, "{%p if agency.parent %}")
    _paragraph(agency, "{{ agency.parent_block }}", BLOCK, size=12)
    _tag(agency, "{%p endif %}")
    _paragraph(agency, "{{ agency.name_block }}", BLOCK, bold=True, size=12)
    _rule(agency, 2.2, left - 0.4)
    nation = _cell(table, 0, 1)
    _paragraph(nation, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", BLOCK, bold=True, size=12)
    _paragraph(nation, "Độc lập - Tự do - Hạnh phúc", BLOCK, bold=True, size=13)
    _rule(nation, 5.6, right - 0.4)
    number = _cell(table, 1, 0)
    paragraph = _paragraph(number, "Số: {{ report.number }}", BLOCK, size=13)
    paragraph.paragraph_format.space_before = Pt(6)
    date = _cell(table, 1, 1)
    paragraph = _paragraph(date, "{{ report.date_line }}", BLOCK, italic=True, size=14)
    paragraph.paragraph_format.space_before = Pt(6)


def _title(document: Document) -> None:
    title = _paragraph(document, "{{ report.title }}", BLOCK, bold=True, size=14)
    title.paragraph_format.space_before = Pt(18)
    _paragraph(document, "{{ report.subject }}", BLOCK, bold=True, size=14)
    _rule(document, 3.0, TEXT_WIDTH_CM)
    spacer = _paragraph(document, style=BLOCK)
    spacer.paragraph_format.space_after = Pt(6)


def _cells(basis: str) -> list[str]:
    return [
        f"{{{{ {basis}.total }}}}",
        f"{{{{ {basis}.done_on_time }}}} ({{{{ {basis}.percent.done_on_time }}}}%)",
        f"{{{{ {basis}.done_late }}}} ({{{{ {basis}.percent.done_late }}}}%)",
        f"{{{{ {basis}.in_time }}}} ({{{{ {basis}.percent.in_time }}}}%)",
        f"{{{{ {basis}.overdue }}}} ({{{{ {basis}.percent.overdue }}}}%)",
        f"{{{{ {basis}.percent.done }}}}%",
    ]


FIGURES_HEADERS = [
    ("Chỉ tiêu", 4.4),
    ("Tổng số", 1.4),
    ("Đúng hạn", 2.1),
    ("Trễ hạn", 2.1),
    ("Chưa xong, còn hạn", 2.2),
    ("Quá hạn", 2.1),
    ("Tỷ lệ hoàn thành", 2.2),
]


def _loop_rows(
    table: Table, start: int, loop: str, cells: list[str], left: tuple[int, ...]
) -> None:
    width = len(cells)
    _row(table, start, [f"{{%tr for {loop} %}}"] + [""] * (width - 1))
    _row(table, start + 1, cells, left=left, size=11)
    _row(table, start + 2, ["{%tr endfor %}"] + [""] * (width - 1))


def _figures(document: Document) -> None:
    """The tasks' figures and, in their own rows, the periodic reports', per basis."""
    caption = _paragraph(
        document, "Mức độ thực hiện kế hoạch và báo cáo định kỳ", BLOCK, bold=True, size=13
    )
    caption.paragraph_format.keep_with_next = True
    caption.paragraph_format.space_after = Pt(6)
    widths = [width for _, width in FIGURES_HEADERS]
    table = _table(document, widths, 7, grid=True, padding_cm=0.08)
    _row(table, 0, [name for name, _ in FIGURES_HEADERS], bold=True, size=11)
    _loop_rows(
        table, 1, "b in figures.bases", ["Nhiệm vụ — {{ b.label }}", *_cells("b.tasks")], (0,)
    )
    _loop_rows(
        table,
        4,
        "b in figures.bases",
        ["Báo cáo định kỳ (không kể báo cáo này) — {{ b.label }}", *_cells("b.reports")],
        (0,),
    )
    _cant_split(table)
    spacer = _paragraph(document, style=BODY)
    spacer.paragraph_format.space_after = Pt(0)


ONE_BASIS = [
    ("TT", 0.9, "{{ s.id }}", ""),
    ("Lĩnh vực", 5.0, "{{ s.title }}", "Tổng cộng"),
    ("Số nhiệm vụ", 1.3, "{{ s.tasks }}", "{{ figures.total.tasks }}"),
    ("Thường xuyên", 1.5, "{{ s.ongoing }}", "{{ figures.total.ongoing }}"),
    ("Việc có thời hạn", 1.5, "{{ s.b0.total }}", "{{ figures.total.b0.total }}"),
    ("Đúng hạn", 1.3, "{{ s.b0.done_on_time }}", "{{ figures.total.b0.done_on_time }}"),
    ("Trễ hạn", 1.3, "{{ s.b0.done_late }}", "{{ figures.total.b0.done_late }}"),
    ("Còn trong hạn", 1.4, "{{ s.b0.in_time }}", "{{ figures.total.b0.in_time }}"),
    ("Quá hạn", 1.3, "{{ s.b0.overdue }}", "{{ figures.total.b0.overdue }}"),
]
TWO_BASES = [
    ("TT", 0.8, "{{ s.id }}", ""),
    ("Lĩnh vực", 4.1, "{{ s.title }}", "Tổng cộng"),
    ("Số nhiệm vụ", 1.1, "{{ s.tasks }}", "{{ figures.total.tasks }}"),
    *[
        (
            f"{label}: {what}",
            1.3,
            f"{{{{ s.b{index}.{key} }}}}",
            f"{{{{ figures.total.b{index}.{key} }}}}",
        )
        for index, label in ((0, "Trong kỳ"), (1, "Lũy kế"))
        for what, key in (
            ("số việc", "total"),
            ("hoàn thành", "done"),
            ("còn hạn", "in_time"),
            ("quá hạn", "overdue"),
        )
    ],
]


def _area_table(document: Document, columns: list[tuple[str, float, str, str]]) -> None:
    widths = [width for _, width, _, _ in columns]
    table = _table(document, widths, 5, grid=True, padding_cm=0.06)
    _row(table, 0, [name for name, _, _, _ in columns], bold=True, size=10)
    _row(table, 1, ["{%tr for s in figures.areas %}"] + [""] * (len(widths) - 1))
    _row(table, 2, [cell for _, _, cell, _ in columns], left=(1,), size=11)
    _row(table, 3, ["{%tr endfor %}"] + [""] * (len(widths) - 1))
    _row(table, 4, [total for _, _, _, total in columns], bold=True, left=(1,), size=11)
    _repeat_header(table)
    _cant_split(table)


def _statistics(document: Document) -> None:
    caption = _paragraph(document, "Bảng tổng hợp theo lĩnh vực", BLOCK, bold=True, size=13)
    caption.paragraph_format.keep_with_next = True
    caption.paragraph_format.space_after = Pt(6)
    _tag(document, "{%p if figures.two_bases %}")
    _area_table(document, TWO_BASES)
    _tag(document, "{%p else %}")
    _area_table(document, ONE_BASIS)
    _tag(document, "{%p endif %}")


def _written(document: Document, part: str) -> None:
    """The clerk's paragraphs for one part of the outline, or its visible placeholder."""
    _tag(document, f"{{%p if narrative.{part}.written %}}")
    _tag(document, f"{{%p for p in narrative.{part}.paragraphs %}}")
    _paragraph(document, "{{ p }}")
    _tag(document, "{%p endfor %}")
    _tag(document, "{%p else %}")
    _paragraph(document, f"{{{{ narrative.{part}.placeholder }}}}", bold=True)
    _tag(document, "{%p endif %}")


def _goals(document: Document) -> None:
    """An area's objectives and numeric targets (``s``), verbatim from the plan."""
    for key, label in (("objectives", "Mục tiêu: "), ("targets", "Chỉ tiêu: ")):
        _tag(document, f"{{%p for o in s.{key} %}}")
        paragraph = _paragraph(document)
        _run(paragraph, label, italic=True)
        _run(paragraph, "{{ o }}")
        _tag(document, "{%p endfor %}")


def _area_tasks(document: Document) -> None:
    """The tasks of one area (``s``) with what was recorded, then the quiet ones together."""
    _tag(document, "{%p for t in s.tasks %}")
    task = _paragraph(document)
    _run(task, "{{ t.id }}. ", bold=True)
    _run(task, "{{ t.short_title }}", italic=True)
    _run(task, ": {{ t.results|join('; ') }}{% if not t.results[-1].endswith('.') %}.{% endif %}")
    _tag(document, "{%p endfor %}")
    _tag(document, "{%p if s.quiet_text %}")
    _paragraph(document, "{{ s.quiet_text }}")
    _tag(document, "{%p endif %}")


def _direction(document: Document) -> None:
    _paragraph(
        document,
        "{{ plan.basis }}, {{ agency.name }} báo cáo kết quả thực hiện công tác cải cách hành "
        "chính {{ period.label }} như sau:",
    )
    _paragraph(
        document,
        "{{ report.window }}{% if report.deadline_text %} {{ report.deadline_text }}{% endif %}",
        italic=True,
    )
    _paragraph(document, "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH", HEADING)
    _written(document, "direction")
    # The plan's own "công tác chỉ đạo, điều hành" section, reported here rather than in II.
    _tag(document, "{%p for s in direction %}")
    _tag(document, "{%p for p in s.narrative %}")
    _paragraph(document, "{{ p }}")
    _tag(document, "{%p endfor %}")
    _goals(document)
    _area_tasks(document)
    _tag(document, "{%p endfor %}")
    _tag(document, "{%p if reports_text %}")
    _paragraph(document, "{{ reports_text }}")
    _tag(document, "{%p endif %}")


def _results(document: Document) -> None:
    _paragraph(document, "II. KẾT QUẢ THỰC HIỆN NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH", HEADING)
    _paragraph(document, "{{ report.basis }}", italic=True)
    _tag(document, "{%p for b in figures.bases %}")
    _paragraph(document, "{{ b.headline }}")
    _tag(document, "{%p endfor %}")
    _figures(document)
    _statistics(document)
    spacer = _paragraph(document, style=BODY)
    spacer.paragraph_format.space_after = Pt(0)
    _tag(document, "{%p for s in areas %}")
    _paragraph(document, "{{ s.id }}. {{ s.title }}", SUBHEADING)
    _goals(document)
    _tag(document, "{%p for p in s.narrative %}")
    _paragraph(document, "{{ p }}")
    _tag(document, "{%p endfor %}")
    _area_tasks(document)
    _tag(document, "{%p if not s.tasks and not s.narrative and not s.quiet_text %}")
    _paragraph(document, "Trong kỳ không có nhiệm vụ đến hạn.")
    _tag(document, "{%p endif %}")
    _tag(document, "{%p endfor %}")
    _tag(document, "{%p if after_cutoff %}")
    _paragraph(document, "Hoàn thành sau ngày chốt số liệu", SUBHEADING)
    _tag(document, "{%p for a in after_cutoff %}")
    _paragraph(
        document,
        "- {{ a.task }}: {{ a.label }} (chủ trì: {{ a.lead }}; hạn {{ a.due }}; hoàn thành ngày "
        "{{ a.done_after_cutoff }}).",
    )
    _tag(document, "{%p endfor %}")
    _tag(document, "{%p endif %}")


OVERDUE_COLUMNS = [
    ("TT", 1.0, "{{ loop.index }}"),
    ("Nhiệm vụ, việc cần làm", 7.1, "{{ o.task }}: {{ o.label }}"),
    ("Chủ trì", 4.4, "{{ o.lead }}"),
    ("Hạn", 2.4, "{{ o.due }}"),
    ("Trễ (ngày)", 1.6, "{{ o.days_overdue }}"),
]


def _assessment(document: Document) -> None:
    _paragraph(document, "III. ĐÁNH GIÁ CHUNG", HEADING)
    _paragraph(document, "1. Ưu điểm", SUBHEADING)
    _written(document, "strengths")
    _paragraph(document, "2. Hạn chế, tồn tại", SUBHEADING)
    _written(document, "weaknesses")
    _tag(document, "{%p if overdue %}")
    _paragraph(
        document,
        "Tính đến ngày {{ period.as_of }}, còn {{ overdue|length }} việc quá hạn chưa hoàn thành:",
    )
    widths = [width for _, width, _ in OVERDUE_COLUMNS]
    table = _table(document, widths, 4, grid=True)
    _row(table, 0, [name for name, _, _ in OVERDUE_COLUMNS], bold=True)
    _row(table, 1, ["{%tr for o in overdue %}"] + [""] * (len(widths) - 1))
    _row(table, 2, [cell for _, _, cell in OVERDUE_COLUMNS], left=(1, 2))
    _row(table, 3, ["{%tr endfor %}"] + [""] * (len(widths) - 1))
    _repeat_header(table)
    _cant_split(table)
    spacer = _paragraph(document, style=BODY)
    spacer.paragraph_format.space_after = Pt(0)
    _tag(document, "{%p else %}")
    _paragraph(document, "Tính đến ngày {{ period.as_of }}, không có việc nào quá hạn.")
    _tag(document, "{%p endif %}")
    _paragraph(document, "3. Nguyên nhân", SUBHEADING)
    _written(document, "causes")


def _next_period(document: Document) -> None:
    _paragraph(document, "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI", HEADING)
    _paragraph(
        document,
        "Từ nay đến hết {{ next_period.label }}, tập trung thực hiện các việc sau:",
    )
    _tag(document, "{%p for line in outlook %}")
    _paragraph(document, "- {{ line }}")
    _tag(document, "{%p endfor %}")
    _paragraph(document, "- Tiếp tục thực hiện các nhiệm vụ thường xuyên theo kế hoạch.")


def _proposals(document: Document) -> None:
    _paragraph(document, "V. ĐỀ XUẤT, KIẾN NGHỊ", HEADING)
    _written(document, "proposals")
    closing = _paragraph(
        document,
        "Trên đây là báo cáo kết quả thực hiện công tác cải cách hành chính {{ period.label }} "
        "của {{ agency.name }}./.",
    )
    closing.paragraph_format.keep_with_next = True  # never a signature alone on its page


def _signature(document: Document) -> None:
    left, right = 7.5, TEXT_WIDTH_CM - 7.5
    table = _table(document, [left, right], 1, grid=False)
    recipients = _cell(table, 0, 0)
    heading = _paragraph(
        recipients,
        "Nơi nhận:",
        TABLE_TEXT,
        bold=True,
        italic=True,
        size=12,
    )
    heading.paragraph_format.space_before = Pt(6)
    _tag(recipients, "{%p for r in recipients %}")
    _paragraph(recipients, "- {{ r }}", TABLE_TEXT, size=11)
    _tag(recipients, "{%p endfor %}")
    signer = _cell(table, 0, 1)
    authority = _paragraph(signer, "{{ signer.authority }}", BLOCK, bold=True, size=14)
    authority.paragraph_format.space_before = Pt(6)
    _paragraph(signer, "{{ signer.title }}", BLOCK, bold=True, size=14)
    for _ in range(4):
        _paragraph(signer, "", BLOCK)
    _paragraph(signer, "{{ signer.name }}", BLOCK, bold=True, size=14)
    _cant_split(table)


ANNEX_COLUMNS = [
    ("TT", 1.1, "{{ r.number }}"),
    ("Chỉ tiêu", 8.6, "{{ r.label }}"),
    ("Đơn vị", 2.0, "{{ r.unit }}"),
    ("Số liệu", 2.4, "{{ r.value }}"),
    ("Tỷ lệ", 2.0, "{{ r.share }}"),
]
TASK_ANNEX_COLUMNS = [
    ("Mã", 1.1, "{{ t.id }}"),
    ("Nhiệm vụ", 9.4, "{{ t.title }}"),
    ("Chủ trì", 3.2, "{{ t.lead }}"),
    ("Tình trạng", 2.4, "{{ t.status }}"),
]


def _annex_table(
    document: Document,
    columns: list[tuple[str, float, str]],
    loop: str,
    heading: str | None = None,
) -> Table:
    """A table of one row per item of ``loop``; with ``heading`` (a test on the item), the
    first two cells of a heading row are bold (a group of the statistics annex)."""
    widths = [width for _, width, _ in columns]
    table = _table(document, widths, 4, grid=True, padding_cm=0.08)
    _row(table, 0, [name for name, _, _ in columns], bold=True, size=11)
    _row(table, 1, [f"{{%tr for {loop} %}}"] + [""] * (len(widths) - 1))
    _row(table, 2, [cell for _, _, cell in columns], left=(1,), size=11)
    _row(table, 3, ["{%tr endfor %}"] + [""] * (len(widths) - 1))
    if heading is not None:
        for column in (0, 1):
            cell = _cell(table, 2, column)
            align = WD_ALIGN_PARAGRAPH.LEFT if column == 1 else WD_ALIGN_PARAGRAPH.CENTER
            paragraph = _paragraph(cell, style=TABLE_TEXT, align=align)
            text = columns[column][2]
            _run(paragraph, f"{{% if {heading} %}}{text}{{% endif %}}", bold=True, size=11)
            _run(paragraph, f"{{% if not {heading} %}}{text}{{% endif %}}", size=11)
    _repeat_header(table)
    _cant_split(table)
    return table


def _annexes(document: Document) -> None:
    """Phụ lục số liệu (the figures file) and the full titles of the tasks named in II."""
    _tag(document, "{%p if annex.shown %}")
    title = _paragraph(document, "PHỤ LỤC SỐ LIỆU", BLOCK, bold=True, size=14)
    title.paragraph_format.page_break_before = True
    _paragraph(
        document,
        "(Kèm theo Báo cáo {{ period.label }} của {{ agency.name }})",
        BLOCK,
        italic=True,
        size=13,
    )
    _annex_table(document, ANNEX_COLUMNS, "r in annex.rows", heading="r.heading")
    _tag(document, "{%p endif %}")
    _tag(document, "{%p if task_annex %}")
    title = _paragraph(document, "PHỤ LỤC NHIỆM VỤ", BLOCK, bold=True, size=14)
    title.paragraph_format.space_before = Pt(18)
    _paragraph(
        document,
        "(Nội dung đầy đủ của các nhiệm vụ nêu tại phần II, theo kế hoạch)",
        BLOCK,
        italic=True,
        size=13,
    )
    _annex_table(document, TASK_ANNEX_COLUMNS, "t in task_annex")
    _tag(document, "{%p endif %}")


def build() -> Document:
    document = new_document()
    # python-docx starts with one empty paragraph; remove it so the page starts with the table.
    body = document.element.body
    for paragraph in list(body.iterchildren(qn("w:p"))):
        body.remove(paragraph)
    _styles(document)
    _page(document)
    _heading_block(document)
    _title(document)
    _direction(document)
    _results(document)
    _assessment(document)
    _next_period(document)
    _proposals(document)
    _signature(document)
    _annexes(document)
    properties = document.core_properties
    properties.title = "Báo cáo kết quả thực hiện công tác cải cách hành chính"
    properties.author = "caicach"
    properties.last_modified_by = "caicach"
    properties.comments = "Mẫu báo cáo định kỳ của caicach (scripts/make_report_template.py)"
    properties.language = "vi-VN"
    properties.created = FIXED_TIME
    properties.modified = FIXED_TIME
    properties.revision = 1
    return document


def reproducible(data: bytes) -> bytes:
    """The same .docx with fixed timestamps inside the zip, so that rebuilding it without a
    layout change gives identical bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, source.read(info.filename))
    return output.getvalue()


def template_bytes() -> bytes:
    buffer = io.BytesIO()
    build().save(buffer)
    return reproducible(buffer.getvalue())


def main(argv: list[str]) -> int:
    target = Path(argv[1]) if len(argv) > 1 else TARGET
    target.write_bytes(template_bytes())
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
