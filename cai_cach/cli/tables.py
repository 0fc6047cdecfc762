"""Tables on the terminal: the plain renderer of long listings and the rich-table helper.

``render_table`` lays out thousands of rows (``overdue`` over a province) in microseconds a
row without importing rich; ``make_table`` is the rich table of the shorter listings.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from rich.table import Table

NARROW_COLUMNS = {"Mã", "Hạn", "Trễ (ngày)", "Còn (ngày)"}
NUMBER_COLUMNS = {"Trễ (ngày)", "Còn (ngày)"}


def make_table(*columns: str, title: str | None = None, show_lines: bool = False) -> Table:
    """A rich table in the tool's look (SIMPLE_HEAD, title on the left); codes, days and
    numbers never wrap, numbers align right."""
    from rich import box
    from rich.table import Table

    from cai_cach.text import visible

    class ShownTable(Table):
        """Cells and title with every terminal control made visible (``text.visible``)."""

        def add_row(self, *cells: Any, **options: Any) -> None:
            shown = [visible(cell) if isinstance(cell, str) else cell for cell in cells]
            super().add_row(*shown, **options)

    table = ShownTable(
        title=visible(title) if title is not None else None,
        box=box.SIMPLE_HEAD,
        title_justify="left",
        show_lines=show_lines,
    )
    for column in columns:
        table.add_column(
            column,
            overflow="fold",
            no_wrap=column in NARROW_COLUMNS,
            justify="right" if column in NUMBER_COLUMNS else "left",
        )
    return table


class Column(NamedTuple):
    header: str
    wrap: bool = False  # wrap long text at spaces (else the column keeps its full width)
    right: bool = False


def render_table(
    columns: list[Column],
    rows: list[list[str]],
    *,
    total: list[str] | None = None,
    blank_lines: bool = False,
    width: int | None = None,
) -> str:
    """A table in the look of the other tables (rich's SIMPLE_HEAD), fitted to the terminal.

    ``overdue`` over a province lists thousands of rows: rich lays a table out at about three
    milliseconds a row, this at a few microseconds, and ``overdue`` then need not import rich.
    """
    budget = (width or terminal_width()) - 4 - 3 * (len(columns) - 1)
    header = [c.header for c in columns]
    everything = [header, *rows, *([total] if total else [])]
    natural = [max(map(_widest, cells)) for cells in zip(*everything, strict=True)]
    widths = _fit(natural, columns, budget)
    rule = " " + "─" * (sum(widths) + 3 * (len(widths) - 1) + 2)
    layout = [(w, c.wrap, c.right) for w, c in zip(widths, columns, strict=True)]
    lines = [*_render_row(layout, header), rule]
    for index, row in enumerate(rows):
        if blank_lines and index:
            lines.append("")
        lines += _render_row(layout, row)
    if total is not None:
        lines += [rule, *_render_row(layout, total)]
    return "\n".join(lines)


def terminal_width() -> int:
    """Columns of the terminal: $COLUMNS, else the terminal's own width, else 80.

    ``shutil`` is already imported by click when any command starts, so this costs nothing
    at start-up (measured with ``python -X importtime -c "import cai_cach.cli"``).
    """
    import shutil

    return shutil.get_terminal_size((80, 24)).columns


def _fit(natural: list[int], columns: list[Column], budget: int) -> list[int]:
    """Shrink the widest wrapping column, one cell at a time, until the table fits (a wrapping
    column keeps at least 6 cells, cutting longer words; a table that still does not fit is
    left wider)."""
    widths = list(natural)
    floor = [min(w, 6) if c.wrap else w for w, c in zip(natural, columns, strict=True)]
    while sum(widths) > budget:
        shrinkable = [i for i, c in enumerate(columns) if c.wrap and widths[i] > floor[i]]
        if not shrinkable:
            break
        widest = max(shrinkable, key=lambda i: widths[i])
        widths[widest] -= 1
    return widths


def _render_row(layout: list[tuple[int, bool, bool]], cells: list[str]) -> list[str]:
    """The lines of one row (``layout``: each column's width, wrapping and alignment), with
    no spaces at their ends."""
    blocks = [_block(cell, *column) for column, cell in zip(layout, cells, strict=True)]
    height = max(map(len, blocks))
    if height == 1:
        return [("  " + "   ".join([lines[0] for lines in blocks])).rstrip()]
    padded = [
        lines if len(lines) == height else lines + (" " * width,) * (height - len(lines))
        for (width, _, _), lines in zip(layout, blocks, strict=True)
    ]  # below a cell's last line: spaces
    return [("  " + "   ".join(parts)).rstrip() for parts in zip(*padded, strict=True)]


@functools.lru_cache(maxsize=65536)
def _block(cell: str, width: int, wrap: bool, right: bool) -> tuple[str, ...]:
    """The lines of one cell, wrapped (or split) and padded to ``width`` (a province's
    listing repeats its plans, tasks, officials and dates: each cell is laid out once)."""
    lines = _wrap(cell, width) if wrap else tuple(cell.split("\n"))
    padded = []
    for text in lines:
        pad = " " * max(0, width - _cells(text))
        padded.append(pad + text if right else text + pad)
    return tuple(padded)


def _wrap(cell: str, width: int) -> tuple[str, ...]:
    """The lines of ``cell`` wrapped at ``width``, paragraph by paragraph."""
    lines: list[str] = []
    for paragraph in cell.split("\n"):
        lines += _wrap_paragraph(paragraph, width)
    return tuple(lines)


@functools.lru_cache(maxsize=16384)
def _wrap_paragraph(paragraph: str, width: int) -> tuple[str, ...]:
    """One paragraph wrapped at ``width`` (a province's plans repeat the same titles, what is
    due and officials, in different combinations: each paragraph is wrapped once)."""
    import textwrap

    return tuple(textwrap.wrap(paragraph, width, break_on_hyphens=False) or [""])


@functools.lru_cache(maxsize=65536)
def _widest(cell: str) -> int:
    return max(_cells(line) for line in cell.split("\n"))


# Characters one terminal cell wide, neither combining nor East Asian wide: ASCII, the Latin
# blocks that hold every letter of Vietnamese in NFC (the text of nearly every cell), dashes,
# quotes and ellipsis, arrows (→) and box drawing (─).
_ONE_CELL_EACH = re.compile("[\x00-\u02ff\u1e00-\u1eff\u2010-\u2027\u2190-\u21ff\u2500-\u257f]*")


def _cells(text: str) -> int:
    """Terminal columns taken by ``text`` (combining marks take none, wide characters two)."""
    if _ONE_CELL_EACH.fullmatch(text):
        return len(text)
    import unicodedata

    return sum(
        0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1
        for c in text
    )
