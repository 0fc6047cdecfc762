"""Appendix tables of a generated plan: columns in any order under varied header words, one
or two header rows, reform areas as group rows merged across (or one table per area), cells
merged down over rows that share a value (Word only: Markdown has no merges), the header
repeated part way down as a converted page break leaves it, empty rows at the end."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, replace

from tests.docgen.model import Block, Cell, Table, TruthTask, para
from tests.docgen.phrases import ROMAN, Chooser
from tests.docgen.tasks import TaskContent, truth
from tests.docgen.vocab import PARTIES_SPAN, TABLE_HEADERS


@dataclass
class TableStyle:
    columns: list[str]
    headers: dict[str, str]
    two_rows: bool
    groups: str  # rows | tables
    numbers: str  # restart | continuous
    merge_down: bool
    repeat_header: bool
    trailing: int
    parties_in_lines: bool


def draw_table_style(c: Chooser, fmt: str, axes: dict[str, str]) -> TableStyle:
    rest = ["parties", "time"]
    if c.chance(80):
        rest.append("products")
    rest = c.shuffled(rest) if c.chance(60) else rest
    two_rows = c.chance(40)
    parties = ["lead", "support"] if c.chance(90) else ["lead"]
    columns = ["number", "title"]
    for name in rest:
        columns += parties if name == "parties" else [name]
    if len(parties) == 1:
        two_rows = False
    style = TableStyle(
        columns=columns,
        headers={name: c.one(TABLE_HEADERS[name]) for name in columns},
        two_rows=two_rows,
        groups=c.one(("rows", "rows", "tables")),
        numbers=c.one(("restart", "continuous")),
        merge_down=fmt == "docx" and c.chance(50),
        repeat_header=c.chance(30),
        trailing=c.one((0, 0, 1, 3)),
        parties_in_lines=c.chance(30),
    )
    axes["table_columns"] = "standard" if rest[0] == "parties" else "reordered"
    axes["table_header"] = "two rows" if two_rows else "one row"
    axes["table_groups"] = style.groups
    axes["table_merge_down"] = str(style.merge_down)
    axes["table_repeat_header"] = str(style.repeat_header)
    axes["table_trailing_rows"] = str(style.trailing)
    return style


def _header_rows(style: TableStyle) -> list[list[Cell]]:
    if not style.two_rows:
        return [[Cell([style.headers[name]], bold=True) for name in style.columns]]
    top: list[Cell] = []
    bottom: list[Cell] = []
    span = PARTIES_SPAN[len(style.columns) % 2]
    for name in style.columns:
        if name == "support":
            continue
        if name == "lead":
            top.append(Cell([span], bold=True, span=2))
            bottom += [Cell(["Chủ trì"], bold=True), Cell(["Phối hợp"], bold=True)]
        else:
            top.append(Cell([style.headers[name]], bold=True, merged_below=True))
            bottom.append(Cell([""], bold=True))
    return [top, bottom]


def _cell(name: str, number: str, content: TaskContent, style: TableStyle) -> Cell:
    if name == "number":
        return Cell([number])
    if name == "title":
        return Cell([content.title])
    if name in ("lead", "support"):
        parties = content.lead if name == "lead" else content.support
        if style.parties_in_lines:
            return Cell(list(parties) or [""])
        return Cell([("; " if any("," in p for p in parties) else ", ").join(parties)])
    if name == "products":
        return Cell([content.product or ""])
    return Cell([content.phrase])


def _merge_down(rows: list[list[Cell]], columns: list[str], tasks: set[int]) -> None:
    """Merge a lead or time cell into the one above when both say the same (Word only);
    only between two task rows (``tasks``: their ids), never into a repeated header."""
    for column, name in enumerate(columns):
        if name not in ("lead", "time"):
            continue
        for above, below in itertools.pairwise(rows):
            if id(above) not in tasks or id(below) not in tasks:
                continue
            if above[column].lines == below[column].lines and above[column].lines != [""]:
                above[column].merged_below = True


def area_rows(
    c: Chooser, style: TableStyle, areas: list[tuple[int, str, list[TaskContent]]], counter: int
) -> tuple[list[Block], list[TruthTask]]:
    """The appendix: one table with group rows, or a heading and a table per area."""
    blocks: list[Block] = []
    found: list[TruthTask] = []
    rows: list[list[Cell]] = []
    width = len(style.columns)
    for area_index, (position, section, contents) in enumerate(areas):
        if style.groups == "tables":
            if rows:
                blocks.append(_table(rows, style))
            blocks.append(para(f"{ROMAN[position - 1]}. {section.upper()}", bold=True))
            rows = []
        else:
            if c.chance(70):
                rows.append(
                    [
                        Cell([ROMAN[position - 1]], bold=True),
                        Cell([section], bold=True, span=width - 1),
                    ]
                )
            else:
                rows.append([Cell([f"{ROMAN[position - 1]}. {section}"], bold=True, span=width)])
        body: list[list[Cell]] = []
        task_rows: set[int] = set()
        for task_index, written in enumerate(contents, 1):
            # a table without a support column says nothing of support
            content = written if "support" in style.columns else replace(written, support=())
            if style.numbers == "continuous":
                counter += 1
                number = str(counter)
            else:
                number = str(task_index)
            if style.repeat_header and area_index == 0 and task_index == 3:
                body += [
                    [
                        Cell(
                            list(cell.lines),
                            bold=True,
                            span=cell.span,
                            merged_below=cell.merged_below,
                        )
                        for cell in row
                    ]
                    for row in _header_rows(style)
                ]
            row = [_cell(name, number, content, style) for name in style.columns]
            task_rows.add(id(row))
            body.append(row)
            found.append(truth(section, number, content, "table", table=True))
        if style.merge_down:
            _merge_down(body, style.columns, task_rows)
        rows += body
    for _ in range(style.trailing):
        rows.append([Cell([""]) for _ in style.columns])
    blocks.append(_table(rows, style))
    return blocks, found


def _table(body: list[list[Cell]], style: TableStyle) -> Table:
    head = _header_rows(style)
    return Table([*head, *body], borders=True, header_rows=len(head))
