"""A PDF with a text layer → lines and tables, page by page in reading order (pdfplumber,
imported only here). A scanned PDF (pictures of pages, no text) is refused with a message
saying what to do instead.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from cai_cach.errors import UsageError

MAX_PAGES = 300


def read_pdf(path: Path) -> list[str | list[list[str]]]:
    try:
        import pdfplumber
    except ImportError:
        raise UsageError(
            f"cần gói pdfplumber để đọc tệp PDF '{path.name}'",
            "cài bằng: pip install pdfplumber, hoặc nhập tệp .docx gốc",
        ) from None
    out: list[str | list[list[str]]] = []
    characters = 0
    try:
        with pdfplumber.open(str(path)) as pdf:
            if len(pdf.pages) > MAX_PAGES:
                raise UsageError(
                    f"'{path.name}' có {len(pdf.pages)} trang (tối đa {MAX_PAGES})",
                    "một kế hoạch thật chỉ vài chục trang: kiểm tra lại tệp",
                )
            for page in pdf.pages:
                characters += len(page.chars)
                out.extend(_page_blocks(page))
            out = merge_split_tables(out)
    except UsageError:
        raise
    except Exception as err:  # pdfminer raises many kinds for a damaged file
        raise UsageError(
            f"không đọc được tệp PDF '{path.name}' ({type(err).__name__}: {err})",
            "mở tệp bằng trình đọc PDF để kiểm tra, hoặc nhập tệp .docx gốc",
        ) from None
    if characters == 0:
        raise UsageError(
            f"tệp PDF '{path.name}' là bản quét (chỉ có ảnh trang, không có lớp chữ)",
            "cần bản Word (.docx) của văn bản, hoặc bản PDF có chữ (nhận dạng chữ OCR trước)",
        )
    return out


def _page_blocks(page: Any) -> list[str | list[list[str]]]:
    """The page's tables and the text lines outside them, ordered from top to bottom; a run of
    lines laid out in two columns (the header, the signature) comes as a two-cell row."""
    placed: list[tuple[float, str | list[list[str]]]] = []
    tables = page.find_tables()
    boxes = [table.bbox for table in tables]
    for table in tables:
        rows = [[_lines(cell or "") for cell in row] for row in table.extract()]
        placed.append((table.bbox[1], rows))

    def outside(obj: dict[str, Any]) -> bool:
        x = (obj["x0"] + obj["x1"]) / 2
        y = (obj["top"] + obj["bottom"]) / 2
        return not any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in boxes)

    text_page = page.filter(outside) if boxes else page
    placed.extend(_text_blocks(text_page.extract_words()))
    placed.sort(key=lambda item: item[0])
    return [block for _, block in placed]


Segment = tuple[float, str]  # where a run of words starts, and its text
GAP = 24.0  # points between words that part two columns


def _text_lines(words: list[dict[str, Any]]) -> list[tuple[float, list[Segment]]]:
    """Words grouped into lines (by their top), each line cut into segments at wide gaps."""
    lines: list[tuple[float, list[dict[str, Any]]]] = []
    for word in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if lines and abs(lines[-1][0] - word["top"]) < 3:
            lines[-1][1].append(word)
        else:
            lines.append((word["top"], [word]))
    out: list[tuple[float, list[Segment]]] = []
    for top, line in lines:
        line.sort(key=lambda w: w["x0"])
        segments: list[tuple[float, list[str]]] = []
        end = None
        for word in line:
            if end is None or word["x0"] - end > GAP:
                segments.append((word["x0"], [word["text"]]))
            else:
                segments[-1][1].append(word["text"])
            end = word["x1"]
        out.append((top, [(x, " ".join(texts)) for x, texts in segments]))
    return out


def _text_blocks(words: list[dict[str, Any]]) -> list[tuple[float, str | list[list[str]]]]:
    lines = _text_lines(words)
    blocks: list[tuple[float, str | list[list[str]]]] = []
    index = 0
    while index < len(lines):
        top, segments = lines[index]
        if len(segments) == 2:
            left_x, right_x = segments[0][0], segments[1][0]
            columns: tuple[list[str], list[str]] = ([], [])
            while index < len(lines):
                _, row = lines[index]
                if len(row) == 2:
                    _append(columns[0], row[0][1])
                    _append(columns[1], row[1][1])
                elif len(row) == 1 and abs(row[0][0] - left_x) < 12:
                    _append(columns[0], row[0][1])
                elif len(row) == 1 and abs(row[0][0] - right_x) < 12:
                    _append(columns[1], row[0][1])
                else:
                    break
                index += 1
            blocks.append((top, [["\n".join(columns[0]), "\n".join(columns[1])]]))
            continue
        text = " ".join(text for _, text in segments)
        if blocks and isinstance(blocks[-1][1], str) and text[:1].islower():
            blocks[-1] = (blocks[-1][0], f"{blocks[-1][1]} {text}")  # a wrapped line
        else:
            blocks.append((top, text))
        index += 1
    return blocks


def _append(column: list[str], text: str) -> None:
    if column and text[:1].islower():
        column[-1] = f"{column[-1]} {text}"
    else:
        column.append(text)


def _lines(cell: str) -> str:
    return "\n".join(" ".join(part.split()) for part in cell.split("\n") if part.strip())


def merge_split_tables(blocks: list[str | list[list[str]]]) -> list[str | list[list[str]]]:
    """A table continued on the next page (its header repeated) is one table."""
    out: list[str | list[list[str]]] = []
    for block in blocks:
        previous = out[-1] if out else None
        if (
            isinstance(block, list)
            and isinstance(previous, list)
            and block
            and previous
            and block[0] == previous[0]
            and len(block[0]) > 2
        ):
            previous.extend(block[1:])
            continue
        out.append(block)
    return out
