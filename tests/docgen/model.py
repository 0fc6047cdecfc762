"""What a generated plan document is: its blocks (paragraphs, tables, page orientation) as a
writer renders them to .docx or .md, and the truth a careful reader finds in it."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class TruthTask:
    """One task as a careful reader of the document finds it.

    ``number`` is the task's number as the reader sees it ("1.1", "a", "3"; Word's own list
    numbers as Word shows them), ``None`` for a bullet ("-", "+", "•"). ``due`` holds the ISO
    days its deadline phrase resolves to (empty for "Thường xuyên", "Theo chỉ đạo …").
    ``lead``/``support`` are the parties as written (one name each)."""

    section: str
    number: str | None
    title: str
    lead: tuple[str, ...]
    support: tuple[str, ...]
    due: tuple[str, ...]
    axes: dict[str, str] = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class HeaderTruth:
    number: str
    date: str  # ISO
    signer: str
    start: str  # ISO: the plan's first day (the signing day: "có hiệu lực kể từ ngày ký")
    end: str  # ISO: the plan's last day


@dataclass
class Run:
    text: str
    bold: bool = False
    italic: bool = False


@dataclass
class Para:
    runs: list[Run]
    align: str = "left"  # left | center | right | justify
    # Word list numbering (docx only): the list's key and its format ("decimal" | "letter");
    # the Markdown writer types the number instead.
    numbered: tuple[str, str] | None = None
    typed_number: str | None = None  # what Markdown types for a Word-numbered paragraph

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


def para(text: str, *, bold: bool = False, italic: bool = False, align: str = "left") -> Para:
    return Para([Run(text, bold=bold, italic=italic)], align=align)


@dataclass
class Cell:
    lines: list[str]
    bold: bool = False
    italic: bool = False
    span: int = 1  # columns this cell covers (a group row spans all)
    merged_below: bool = False  # the cell continues into the row below (vertical merge)


@dataclass
class Table:
    rows: list[list[Cell]]  # each row's cells cover the same number of columns
    borders: bool = True
    header_rows: int = 1  # Word repeats these rows on every page


@dataclass
class Orientation:
    landscape: bool


Block = Para | Table | Orientation


@dataclass
class GeneratedPlan:
    """A document to write (``blocks`` in ``fmt``) and what a reader finds in it."""

    fmt: str  # "docx" | "md"
    blocks: list[Block]
    tasks: list[TruthTask]
    header: HeaderTruth
    axes: dict[str, str]  # the document-wide choices, for the recovery table
