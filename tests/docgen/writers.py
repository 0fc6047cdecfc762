"""Generated plan blocks → a Word document (python-docx: real merged cells, Word list
numbering, landscape sections, repeated header rows) or Markdown as a docx converter writes it
(pipe tables, ``<br>`` inside cells, bold and italic marks)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

from tests.docgen.model import Block, Cell, Orientation, Para, Run, Table

FIXED_ZIP_TIME = (2026, 1, 1, 0, 0, 0)


# --- Word ------------------------------------------------------------------------------------


class _Lists:
    """Word list numbering: one abstract list per format, one numbering instance per list key
    (each restarts at 1, as each area's tasks do)."""

    def __init__(self, document: Any) -> None:
        self.numbering = document.part.numbering_part.element
        self.abstract: dict[str, int] = {}
        self.instances: dict[str, int] = {}

    def _abstract_id(self, list_format: str) -> int:
        from docx.oxml import parse_xml
        from docx.oxml.ns import nsdecls

        if list_format not in self.abstract:
            ident = 90 + len(self.abstract)
            fmt, text = ("decimal", "%1.") if list_format == "decimal" else ("lowerLetter", "%1)")
            element = parse_xml(
                f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{ident}">'
                '<w:multiLevelType w:val="singleLevel"/>'
                f'<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
                f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
                '<w:pPr><w:ind w:left="0" w:firstLine="567"/></w:pPr></w:lvl></w:abstractNum>'
            )
            first_num = self.numbering.find(
                "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}num"
            )
            if first_num is not None:
                first_num.addprevious(element)
            else:
                self.numbering.append(element)
            self.abstract[list_format] = ident
        return self.abstract[list_format]

    def number_id(self, key: str, list_format: str) -> int:
        from docx.oxml import parse_xml
        from docx.oxml.ns import nsdecls

        if key not in self.instances:
            abstract = self._abstract_id(list_format)
            ident = 900 + len(self.instances)
            self.numbering.append(
                parse_xml(
                    f'<w:num {nsdecls("w")} w:numId="{ident}">'
                    f'<w:abstractNumId w:val="{abstract}"/>'
                    '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>'
                    "</w:num>"
                )
            )
            self.instances[key] = ident
        return self.instances[key]


def _align(paragraph: Any, align: str) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    paragraph.alignment = {
        "left": None,
        "center": WD_ALIGN_PARAGRAPH.CENTER,
        "right": WD_ALIGN_PARAGRAPH.RIGHT,
        "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
    }[align]


def _number(paragraph: Any, number_id: int) -> None:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    properties = paragraph._p.get_or_add_pPr()
    properties.append(
        parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="{number_id}"/></w:numPr>'
        )
    )


def _paragraph(document: Any, block: Para, lists: _Lists) -> None:
    paragraph = document.add_paragraph()
    _align(paragraph, block.align)
    for run in block.runs:
        added = paragraph.add_run(run.text)
        added.bold = run.bold or None
        added.italic = run.italic or None
    if block.numbered is not None:
        _number(paragraph, lists.number_id(*block.numbered))


def _fill(cell: Any, content: Cell) -> None:
    first = True
    for line in content.lines:
        paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
        first = False
        if line:
            run = paragraph.add_run(line)
            run.bold = content.bold or None
            run.italic = content.italic or None


def _table(document: Any, block: Table) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    width = sum(cell.span for cell in block.rows[0])
    table = document.add_table(rows=len(block.rows), cols=width)
    if block.borders:
        table.style = "Table Grid"
    below: dict[int, Any] = {}  # column → the cell that continues into this row
    for row_index, row in enumerate(block.rows):
        column = 0
        for content in row:
            target = table.cell(row_index, column)
            if column in below:
                start = below.pop(column)
                start.merge(target)  # the text stays in the top cell
            else:
                _fill(target, content)
                start = target
            if content.span > 1:
                start = start.merge(table.cell(row_index, column + content.span - 1))
            if content.merged_below:
                below[column] = start
            column += content.span
    for row_index in range(block.header_rows):
        properties = table.rows[row_index]._tr.get_or_add_trPr()
        repeat = OxmlElement("w:tblHeader")
        repeat.set(qn("w:val"), "true")
        properties.append(repeat)


def _orient(document: Any, landscape: bool) -> None:
    from docx.enum.section import WD_ORIENT, WD_SECTION

    section = document.add_section(WD_SECTION.NEW_PAGE)
    width, height = section.page_width, section.page_height
    if landscape != (width > height):
        section.page_width, section.page_height = height, width
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT


def write_docx(blocks: list[Block], path: Path) -> None:
    """Write the blocks as a .docx with fixed zip timestamps (the same blocks, the same bytes)."""
    from docx import Document

    document = Document()
    document.core_properties.author = "UBND"
    document.core_properties.comments = ""
    lists = _Lists(document)
    for block in blocks:
        if isinstance(block, Para):
            _paragraph(document, block, lists)
        elif isinstance(block, Table):
            _table(document, block)
        else:
            _orient(document, block.landscape)
    raw = io.BytesIO()
    document.save(raw)
    path.write_bytes(_fixed_zip(raw.getvalue()))


def _fixed_zip(data: bytes) -> bytes:
    from datetime import datetime

    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                stamp = datetime(2026, 1, 1).strftime("%Y-%m-%dT%H:%M:%SZ")
                text = content.decode("utf-8")
                import re

                text = re.sub(r"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rf"\g<1>{stamp}", text)
                content = text.encode("utf-8")
            fixed = zipfile.ZipInfo(info.filename, FIXED_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, content)
    return out.getvalue()


# --- Markdown --------------------------------------------------------------------------------


def _marked(run: Run) -> str:
    text = run.text
    core = text.strip()
    if not core or not (run.bold or run.italic):
        return text
    mark = "***" if run.bold and run.italic else "**" if run.bold else "*"
    lead = text[: len(text) - len(text.lstrip())]
    tail = text[len(text.rstrip()) :]
    return f"{lead}{mark}{core}{mark}{tail}"


def _md_paragraph(block: Para) -> str:
    text = "".join(_marked(run) for run in block.runs)
    if block.numbered is not None and block.typed_number:
        text = block.typed_number + text
    return text


def _md_cell(cell: Cell) -> str:
    lines = [line for line in cell.lines]
    if cell.bold or cell.italic:
        lines = [_marked(Run(line, bold=cell.bold, italic=cell.italic)) for line in lines]
    return "<br>".join(lines).replace("|", "\\|")


def _md_table(block: Table) -> list[str]:
    width = sum(cell.span for cell in block.rows[0])
    rows: list[list[str]] = []
    for row in block.rows:
        cells: list[str] = []
        for cell in row:
            cells.append(_md_cell(cell))
            cells += [""] * (cell.span - 1)
        rows.append(cells)
    lines = ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * width]
    lines += ["| " + " | ".join(row) + " |" for row in rows[1:]]
    return lines


def markdown_text(blocks: list[Block]) -> str:
    parts: list[str] = []
    for block in blocks:
        if isinstance(block, Para):
            text = _md_paragraph(block)
            if text.strip():
                parts.append(text)
        elif isinstance(block, Table):
            parts.append("\n".join(_md_table(block)))
        elif isinstance(block, Orientation):
            continue
    return "\n\n".join(parts) + "\n"


def write_markdown(blocks: list[Block], path: Path) -> None:
    path.write_text(markdown_text(blocks), encoding="utf-8")


def write_plan(fmt: str, blocks: list[Block], path: Path) -> None:
    (write_docx if fmt == "docx" else write_markdown)(blocks, path)
