"""A Word .docx file → paragraphs and tables, read from its XML with bounds.

The XML is parsed without entity expansion, network access or huge-tree mode, so a
billion-laughs or deeply nested document ends in a clean error; the parts' uncompressed
sizes and the number of blocks and table rows are capped before the work is done. Word's
automatic list numbers ("a)", "1.1.") are rendered back in front of their paragraphs. In a
table, a vertically merged cell's text is given to every row it spans; a horizontally merged
one stands in its first column and the columns it covers are empty, so columns keep their
places.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any

from cai_cach.errors import UsageError

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MAX_PART_BYTES = 60 * 1024 * 1024  # uncompressed document.xml / numbering.xml
MAX_BLOCKS = 200_000  # paragraphs and table rows
MAX_TABLE_ROWS = 5_000
MAX_CELL_DEPTH = 8  # tables inside table cells
_BLOCK_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(?:p|tr)[\s/>]")


def read_docx(path: Path) -> list[str | list[list[str]]]:
    """Paragraph lines and tables (rows of cell texts, lines joined by newlines)."""
    try:
        with zipfile.ZipFile(path) as archive:
            body = _part(archive, path, "word/document.xml", required=True)
            numbering = _part(archive, path, "word/numbering.xml", required=False)
    except (zipfile.BadZipFile, OSError, ValueError) as err:
        raise UsageError(f"'{path}' không phải tệp Word .docx hợp lệ ({err})") from None
    blocks = len(_BLOCK_TAG.findall(body or b""))
    if blocks > MAX_BLOCKS:  # counted in the bytes, before building a tree of them
        raise UsageError(
            f"'{path}' có quá nhiều đoạn văn hoặc dòng bảng ({blocks:,}; tối đa {MAX_BLOCKS:,})",
            "một kế hoạch thật chỉ vài nghìn đoạn: kiểm tra lại tệp",
        )
    root = _parse(body, path, "word/document.xml")
    labels = _Numbering(_parse(numbering, path, "word/numbering.xml") if numbering else None)
    found = root.find(f"{W}body")
    if found is None:
        raise UsageError(f"'{path}' không phải tệp Word .docx hợp lệ (không có phần thân văn bản)")
    reader = _Reader(path, labels)
    reader.blocks(found)
    return reader.out


def _part(archive: zipfile.ZipFile, path: Path, name: str, *, required: bool) -> bytes | None:
    try:
        info = archive.getinfo(name)
    except KeyError:
        if required:
            raise UsageError(f"'{path}' không phải tệp Word .docx hợp lệ (thiếu {name})") from None
        return None
    if info.file_size > MAX_PART_BYTES:
        raise UsageError(
            f"'{path}': phần {name} quá lớn ({info.file_size // (1024 * 1024)} MB khi giải nén, "
            f"tối đa {MAX_PART_BYTES // (1024 * 1024)} MB)",
            "một kế hoạch thật chỉ vài trăm KB: kiểm tra lại tệp",
        )
    with archive.open(info) as stream:
        data = stream.read(MAX_PART_BYTES + 1)
    if len(data) > MAX_PART_BYTES:
        raise UsageError(f"'{path}': phần {name} quá lớn khi giải nén")
    return data


def _parse(data: bytes | None, path: Path, name: str) -> Any:
    from lxml import etree

    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False
    )
    try:
        root = etree.fromstring(data or b"", parser)
    except etree.XMLSyntaxError as err:
        line = getattr(err, "lineno", None) or 0
        column = getattr(err, "offset", None) or 0
        raise UsageError(
            f"{path}:{line}:{column}: phần {name} của tệp Word không đọc được "
            f"(XML hỏng, quá sâu hoặc có thực thể lồng nhau: {err.msg})",
            "mở tệp bằng Word hoặc LibreOffice và lưu lại dạng .docx, rồi nhập lại",
        ) from None
    if any(True for _ in root.iter(etree.Entity)):
        raise UsageError(
            f"{path}: phần {name} của tệp Word có thực thể XML (entity) tự định nghĩa",
            "tệp Word thật không có thực thể: mở bằng Word và lưu lại dạng .docx",
        )
    return root


class _Reader:
    def __init__(self, path: Path, numbering: _Numbering) -> None:
        self.path = path
        self.numbering = numbering
        self.out: list[str | list[list[str]]] = []
        self.count = 0

    def _tick(self, amount: int = 1) -> None:
        self.count += amount
        if self.count > MAX_BLOCKS:
            raise UsageError(
                f"'{self.path}' có quá nhiều đoạn văn hoặc dòng bảng (hơn {MAX_BLOCKS:,})",
                "một kế hoạch thật chỉ vài nghìn đoạn: kiểm tra lại tệp",
            )

    def blocks(self, parent: Any) -> None:
        for element in parent.iterchildren():
            tag = element.tag if isinstance(element.tag, str) else ""
            if tag == f"{W}p":
                self._tick()
                text = paragraph_text(element)
                if not text.strip():
                    continue
                label = self.numbering.label(element)
                lines = text.split("\n")
                if label:
                    lines[0] = f"{label} {lines[0]}"
                self.out.extend(line for line in lines if line.strip())
            elif tag == f"{W}tbl":
                self.out.append(self.table(element, 0))
            elif tag in (f"{W}sdt", f"{W}sdtContent", f"{W}customXml", f"{W}smartTag"):
                self.blocks(element)

    def table(self, element: Any, depth: int) -> list[list[str]]:
        if depth > MAX_CELL_DEPTH:
            raise UsageError(
                f"'{self.path}' có bảng lồng trong bảng quá {MAX_CELL_DEPTH} tầng",
                "mở tệp bằng Word, bỏ các bảng lồng nhau rồi lưu lại",
            )
        rows: list[list[str]] = []
        above: dict[int, str] = {}  # column → text of a vertically merged cell
        for tr in element.iterchildren(f"{W}tr"):
            self._tick()
            if len(rows) >= MAX_TABLE_ROWS:
                raise UsageError(
                    f"'{self.path}' có bảng quá lớn (hơn {MAX_TABLE_ROWS:,} dòng)",
                    "một kế hoạch thật có vài trăm dòng: tách bảng hoặc kiểm tra lại tệp",
                )
            row: list[str] = []
            for tc in tr.iterchildren(f"{W}tc"):
                span, merge = _cell_layout(tc)
                column = len(row)
                if merge == "continue":
                    text = above.get(column, "")
                else:
                    text = self.cell_text(tc, depth)
                    if merge == "restart":
                        above[column] = text
                    else:
                        above.pop(column, None)
                row.append(text)
                row.extend("" for _ in range(span - 1))
            rows.append(row)
        return rows

    def cell_text(self, tc: Any, depth: int) -> str:
        lines: list[str] = []
        for child in tc.iterchildren():
            if child.tag == f"{W}p":
                text = paragraph_text(child)
                label = self.numbering.label(child) if text.strip() else ""
                if label:
                    text = f"{label} {text}"
                lines.extend(part for part in text.split("\n") if part.strip())
            elif child.tag == f"{W}tbl":
                for row in self.table(child, depth + 1):
                    lines.append(" | ".join(cell for cell in row if cell))
        return "\n".join(" ".join(line.split()) for line in lines)


def _cell_layout(tc: Any) -> tuple[int, str]:
    props = tc.find(f"{W}tcPr")
    if props is None:
        return 1, ""
    span_node = props.find(f"{W}gridSpan")
    span = 1
    if span_node is not None:
        try:
            span = max(1, min(64, int(span_node.get(f"{W}val", "1"))))
        except ValueError:
            span = 1
    merge_node = props.find(f"{W}vMerge")
    merge = ""
    if merge_node is not None:
        merge = merge_node.get(f"{W}val", "continue")
    return span, merge


def paragraph_text(p: Any) -> str:
    """The visible text of a paragraph: runs, tabs and line breaks (not deleted text or
    field codes)."""
    parts: list[str] = []
    for node in p.iter(f"{W}t", f"{W}tab", f"{W}br", f"{W}cr", f"{W}delText", f"{W}instrText"):
        tag = node.tag
        if tag == f"{W}t":
            parts.append(node.text or "")
        elif tag == f"{W}tab":
            parts.append(" ")
        elif tag in (f"{W}br", f"{W}cr"):
            parts.append("\n")
    return "".join(parts)


_FORMATS = {
    "decimal": lambda n: str(n),
    "lowerLetter": lambda n: "abcdefghijklmnopqrstuvwxyz"[(n - 1) % 26],
    "upperLetter": lambda n: "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[(n - 1) % 26],
    "upperRoman": lambda n: roman(n),
    "lowerRoman": lambda n: roman(n).lower(),
}


def roman(number: int) -> str:
    values = [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = ""
    for value, letters in values:
        while number >= value:
            out += letters
            number -= value
    return out


class _Numbering:
    """Renders Word's automatic list numbers (one counter per list and level; a level's
    counter restarts when a higher level of the same list advances)."""

    def __init__(self, root: Any) -> None:
        self.levels: dict[tuple[str, int], tuple[str, str, int]] = {}
        self.counters: dict[tuple[str, int], int] = {}
        if root is None:
            return
        abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        for node in root.findall(f"{W}abstractNum"):
            levels: dict[int, tuple[str, str, int]] = {}
            for lvl in node.findall(f"{W}lvl"):
                fmt = lvl.find(f"{W}numFmt")
                text = lvl.find(f"{W}lvlText")
                start = lvl.find(f"{W}start")
                levels[_int(lvl.get(f"{W}ilvl", "0"))] = (
                    fmt.get(f"{W}val", "") if fmt is not None else "",
                    text.get(f"{W}val", "") if text is not None else "",
                    _int(start.get(f"{W}val", "1")) if start is not None else 1,
                )
            abstract[node.get(f"{W}abstractNumId", "")] = levels
        for num in root.findall(f"{W}num"):
            num_id = num.get(f"{W}numId", "")
            ref = num.find(f"{W}abstractNumId")
            base = abstract.get(ref.get(f"{W}val", "") if ref is not None else "", {})
            overrides: dict[int, int] = {}
            for override in num.findall(f"{W}lvlOverride"):
                start = override.find(f"{W}startOverride")
                if start is not None:
                    overrides[_int(override.get(f"{W}ilvl", "0"))] = _int(start.get(f"{W}val", "1"))
            for level, (fmt, text, start_at) in base.items():
                self.levels[(num_id, level)] = (fmt, text, overrides.get(level, start_at))

    def label(self, p: Any) -> str:
        if not self.levels:
            return ""
        props = p.find(f"{W}pPr")
        numpr = props.find(f"{W}numPr") if props is not None else None
        if numpr is None:
            return ""
        num = numpr.find(f"{W}numId")
        ilvl = numpr.find(f"{W}ilvl")
        if num is None:
            return ""
        num_id = num.get(f"{W}val", "")
        level = _int(ilvl.get(f"{W}val", "0")) if ilvl is not None else 0
        fmt, text, start = self.levels.get((num_id, level), ("", "", 1))
        if fmt not in _FORMATS:
            return ""
        count = self.counters.get((num_id, level), start - 1) + 1
        self.counters[(num_id, level)] = count
        for (other, deeper), _ in list(self.counters.items()):
            if other == num_id and deeper > level:
                del self.counters[(other, deeper)]
        values = {
            int(digit): self._value(num_id, int(digit) - 1, level, count)
            for digit in re.findall(r"%(\d)", text)
        }
        rendered = re.sub(r"%(\d)", lambda m: values[int(m[1])], text)
        return " ".join(rendered.split())

    def _value(self, num_id: str, wanted: int, level: int, count: int) -> str:
        if wanted == level:
            fmt = self.levels[(num_id, level)][0]
            return _FORMATS[fmt](count)
        fmt, _, start = self.levels.get((num_id, wanted), ("decimal", "", 1))
        value = self.counters.get((num_id, wanted), start)
        return _FORMATS.get(fmt, _FORMATS["decimal"])(value)


def _int(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        return 0
