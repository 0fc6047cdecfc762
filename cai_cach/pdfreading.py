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
    """The page's tables and the text lines outside them, ordered from top to bottom."""
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
    for line in text_page.extract_text_lines(return_chars=False):
        text = " ".join(line["text"].split())
        if text:
            placed.append((line["top"], text))
    placed.sort(key=lambda item: item[0])
    return [block for _, block in placed]


def _lines(cell: str) -> str:
    return "\n".join(" ".join(part.split()) for part in cell.split("\n") if part.strip())
