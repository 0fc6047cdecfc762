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


STATISTICS_COLUMNS = [
    ("TT", 1.0, "{{ s.id }}", ""),
    ("Lĩnh vực", 4.4, "{{ s.title }}", "Tổng cộng"),
    ("Số nhiệm vụ", 1.5, "{{ s.totals.tasks }}", "{{ totals.tasks }}"),
    ("Việc có thời hạn", 1.6, "{{ s.totals.due }}", "{{ totals.due }}"),
    ("Hoàn thành đúng hạn", 1.6, "{{ s.totals.done_on_time }}", "{{ totals.done_on_time }}"),
    ("Hoàn thành trễ hạn", 1.6, "{{ s.totals.done_late }}", "{{ totals.done_late }}"),
    ("Quá hạn", 1.5, "{{ s.totals.overdue }}", "{{ totals.overdue }}"),
    ("Chưa đến hạn", 1.6, "{{ s.totals.not_yet_due }}", "{{ totals.not_yet_due }}"),
    ("Thường xuyên", 1.7, "{{ s.totals.ongoing }}", "{{ totals.ongoing }}"),
]


FIGURES_COLUMNS = [
    ("Chỉ tiêu", 4.4, "Việc có thời hạn của kế hoạch", "Báo cáo định kỳ"),
    ("Tổng số", 1.6, "{{ completion.total }}", "{{ reports_sent.total }}"),
    (
        "Đúng hạn",
        2.0,
        "{{ completion.done_on_time }} ({{ completion.percent.done_on_time }}%)",
        "{{ reports_sent.done_on_time }}",
    ),
    (
        "Trễ hạn",
        2.0,
        "{{ completion.done_late }} ({{ completion.percent.done_late }}%)",
        "{{ reports_sent.done_late }}",
    ),
    (
        "Chưa xong, còn hạn",
        2.2,
        "{{ completion.in_time }} ({{ completion.percent.in_time }}%)",
        "{{ reports_sent.in_time }}",
    ),
    (
        "Quá hạn",
        2.0,
        "{{ completion.overdue }} ({{ completion.percent.overdue }}%)",
        "{{ reports_sent.overdue }}",
    ),
    (
        "Tỷ lệ hoàn thành",
        2.3,
        "{{ completion.percent.done }}%",
        "{{ reports_sent.percent.done }}%",
    ),
]


def _figures(document: Document) -> None:
    """Mức độ thực hiện kế hoạch and the record of the plan's own periodic reports."""
    caption = _paragraph(
        document, "Mức độ thực hiện kế hoạch và báo cáo định kỳ", BLOCK, bold=True, size=13
    )
    caption.paragraph_format.keep_with_next = True
    caption.paragraph_format.space_after = Pt(6)
    widths = [width for _, width, _, _ in FIGURES_COLUMNS]
    table = _table(document, widths, 3, grid=True, padding_cm=0.08)
    _row(table, 0, [name for name, _, _, _ in FIGURES_COLUMNS], bold=True, size=11)
    _row(table, 1, [plan for _, _, plan, _ in FIGURES_COLUMNS], left=(0,))
    _row(table, 2, [sent for _, _, _, sent in FIGURES_COLUMNS], left=(0,))
    _cant_split(table)
    spacer = _paragraph(document, style=BODY)
    spacer.paragraph_format.space_after = Pt(0)


def _statistics(document: Document) -> None:
    caption = _paragraph(document, "Bảng tổng hợp kết quả thực hiện", BLOCK, bold=True, size=13)
    caption.paragraph_format.keep_with_next = True
    caption.paragraph_format.space_after = Pt(6)
    widths = [width for _, width, _, _ in STATISTICS_COLUMNS]
    table = _table(document, widths, 5, grid=True, padding_cm=0.08)
    _row(table, 0, [name for name, _, _, _ in STATISTICS_COLUMNS], bold=True, size=11)
    _row(table, 1, ["{%tr for s in sections %}"] + [""] * (len(widths) - 1))
    _row(table, 2, [cell for _, _, cell, _ in STATISTICS_COLUMNS], left=(1,))
    _row(table, 3, ["{%tr endfor %}"] + [""] * (len(widths) - 1))
    _row(table, 4, [total for _, _, _, total in STATISTICS_COLUMNS], bold=True, left=(1,))
    _repeat_header(table)
    _cant_split(table)


def _written(document: Document, part: str) -> None:
    """The clerk's paragraphs for one part of the outline, or its visible placeholder."""
    _tag(document, f"{{%p if narrative.{part}.written %}}")
    _tag(document, f"{{%p for p in narrative.{part}.paragraphs %}}")
    _paragraph(document, "{{ p }}")
    _tag(document, "{%p endfor %}")
    _tag(document, "{%p else %}")
    _paragraph(document, f"{{{{ narrative.{part}.placeholder }}}}", bold=True)
    _tag(document, "{%p endif %}")


def _deadlines(document: Document) -> None:
    """A task's dated obligations, its timeline when it has none, and its notes."""
    _tag(document, "{%p for d in t.deadlines %}")
    _paragraph(
        document,
        "- {{ d.what }} (hạn {{ d.due }}): {% if d.done_after_cutoff %}hoàn thành sau ngày chốt "
        "số liệu (ngày {{ d.done_after_cutoff }}){% else %}{{ d.status_label|lower }}"
        "{% if d.done %}, hoàn thành ngày {{ d.done }}{% endif %}{% if d.note %} ({{ d.note }})"
        "{% endif %}{% endif %}.",
    )
    _tag(document, "{%p endfor %}")
    _tag(document, "{%p if not t.deadlines and (t.status != 'ongoing' or t.as_instructed) %}")
    _paragraph(document, "- Thời gian thực hiện: {{ t.timeline }}")
    _tag(document, "{%p endif %}")
    _tag(document, "{%p for n in t.notes %}")
    _paragraph(document, "- Ngày {{ n.date }}: {{ n.text }}")
    _tag(document, "{%p endfor %}")


def _goals(document: Document) -> None:
    """An area's objectives and numeric targets (``s``), verbatim from the plan."""
    for key, label in (("objectives", "Mục tiêu: "), ("targets", "Chỉ tiêu: ")):
        _tag(document, f"{{%p for o in s.{key} %}}")
        paragraph = _paragraph(document)
        _run(paragraph, label, italic=True)
        _run(paragraph, "{{ o }}")
        _tag(document, "{%p endfor %}")


def _area_tasks(document: Document) -> None:
    """The tasks of one area (``s``): id, title, lead, state, deadlines and notes."""
    _tag(document, "{%p for t in s.tasks %}")
    task = _paragraph(document)
    _run(task, "{{ t.id }}. ", bold=True)
    _run(task, "{{ t.title }}", italic=True)
    _paragraph(document, "Chủ trì: {{ t.lead }}. Tình trạng: {{ t.status_label }}.")
    _deadlines(document)
    _tag(document, "{%p endfor %}")


def _direction(document: Document) -> None:
    _paragraph(
        document,
        "{{ plan.basis }}, {{ agency.name }} báo cáo kết quả thực hiện công tác cải cách hành "
        "chính {{ period.label }} như sau:",
    )
    _paragraph(
        document,
        "{{ report.window }}{% if report.deadline %} Thời hạn gửi báo cáo theo kế hoạch: ngày "
        "{{ report.deadline }}.{% endif %}",
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
    _tag(document, "{%p if reporting %}")
    _tag(document, "{%p for t in reporting.tasks %}")
    _paragraph(document, "{{ t.title }} (chủ trì: {{ t.lead }}):")
    _deadlines(document)
    _tag(document, "{%p endfor %}")
    _tag(document, "{%p endif %}")
    _paragraph(
        document,
        "Báo cáo định kỳ của kế hoạch đến hạn tính đến nay: {{ reports_sent.total }}; gửi đúng "
        "hạn {{ reports_sent.done_on_time }}; gửi trễ hạn {{ reports_sent.done_late }}; chưa "
        "gửi, quá hạn {{ reports_sent.overdue }}; chưa đến hạn {{ reports_sent.in_time }}.",
    )


def _results(document: Document) -> None:
    _paragraph(document, "II. KẾT QUẢ THỰC HIỆN NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH", HEADING)
    _paragraph(
        document,
        "Mức độ thực hiện kế hoạch: {{ completion.done }}/{{ completion.total }} việc có thời "
        "hạn tính đến nay đã hoàn thành ({{ completion.percent.done }}%): đúng hạn "
        "{{ completion.done_on_time }} ({{ completion.percent.done_on_time }}%); trễ hạn "
        "{{ completion.done_late }} ({{ completion.percent.done_late }}%); chưa hoàn thành, còn "
        "trong hạn {{ completion.in_time }} ({{ completion.percent.in_time }}%); chưa hoàn "
        "thành, quá hạn {{ completion.overdue }} ({{ completion.percent.overdue }}%).",
    )
    _figures(document)
    _statistics(document)
    spacer = _paragraph(document, style=BODY)
    spacer.paragraph_format.space_after = Pt(0)
    _tag(document, "{%p for s in areas %}")
    _paragraph(document, "{{ loop.index }}. {{ s.title }}", SUBHEADING)
    _goals(document)
    _tag(document, "{%p for p in s.narrative %}")
    _paragraph(document, "{{ p }}")
    _tag(document, "{%p endfor %}")
    _area_tasks(document)
    _tag(document, "{%p if not s.tasks and not s.narrative %}")
    _paragraph(document, "Trong kỳ không có nhiệm vụ đến hạn.")
    _tag(document, "{%p endif %}")
    _tag(document, "{%p endfor %}")
    _tag(document, "{%p if after_cutoff %}")
    _paragraph(document, "Hoàn thành sau ngày chốt số liệu", SUBHEADING)
    _tag(document, "{%p for a in after_cutoff %}")
    _paragraph(
        document,
        "- {{ a.task }}: {{ a.what }} (chủ trì: {{ a.lead }}; hạn {{ a.due }}; hoàn thành ngày "
        "{{ a.done_after_cutoff }}).",
    )
    _tag(document, "{%p endfor %}")
    _tag(document, "{%p endif %}")


OVERDUE_COLUMNS = [
    ("TT", 1.0, "{{ loop.index }}"),
    ("Nhiệm vụ, việc cần làm", 7.1, "{{ o.task }}: {{ o.what }}"),
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
    _tag(document, "{%p if overdue %}")
    _paragraph(
        document, "- Khẩn trương hoàn thành {{ overdue|length }} việc quá hạn nêu tại mục III."
    )
    _tag(document, "{%p endif %}")
    _tag(document, "{%p for u in upcoming %}")
    _paragraph(document, "- {{ u.what }} ({{ u.task }}; chủ trì: {{ u.lead }}; hạn {{ u.due }}).")
    _tag(document, "{%p endfor %}")
    _tag(document, "{%p for p in narrative.next_steps.paragraphs %}")
    _paragraph(document, "{% if not p.startswith('- ') %}- {% endif %}{{ p }}")
    _tag(document, "{%p endfor %}")
    _paragraph(document, "- Tiếp tục thực hiện các nhiệm vụ thường xuyên theo kế hoạch.")


def _proposals(document: Document) -> None:
    _paragraph(document, "V. ĐỀ XUẤT, KIẾN NGHỊ", HEADING)
    _written(document, "proposals")
    _paragraph(
        document,
        "Trên đây là báo cáo kết quả thực hiện công tác cải cách hành chính {{ period.label }} "
        "của {{ agency.name }}./.",
    )


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
