"""Read an office document (.docx, .doc, .md, .txt) into plain lines and tables.

Word list numbering ("a)", "1.1.") lives in numbering definitions rather than in the text;
it is rendered back in front of the paragraph so every format reads the same way.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cai_cach.errors import UsageError
from cai_cach.text import nfc


@dataclass
class TableBlock:
    """A table: rows of cell texts (whitespace normalised, line breaks kept as spaces)."""

    rows: list[list[str]]


@dataclass
class Document:
    """The document as a sequence of blocks: a line of text (``str``) or a table."""

    blocks: list[str | TableBlock] = field(default_factory=list)


def clean(text: str) -> str:
    """Whitespace normalised, nothing else."""
    return " ".join(nfc(text).replace("\u00a0", " ").split())


def read_document(path: Path) -> Document:
    suffix = path.suffix.lower()
    if not path.is_file():
        raise UsageError(f"không tìm thấy tệp '{path}'")
    if suffix == ".docx":
        return _read_docx(path)
    if suffix == ".doc":
        return _read_doc(path)
    if suffix in (".md", ".txt", ".markdown"):
        try:
            text = path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError:
            raise UsageError(
                f"tệp '{path}' không phải văn bản UTF-8",
                "lưu lại tệp với mã hóa UTF-8, hoặc nhập tệp .docx gốc",
            ) from None
        return _read_markdown(text, plain=suffix == ".txt")
    raise UsageError(
        f"không đọc được loại tệp '{path.suffix or path.name}'",
        "nhập tệp .docx, .doc, .md hoặc .txt",
    )


# --- Markdown / plain text --------------------------------------------------------------

_MD_MARK = re.compile(r"^\s*(?:#{1,6}\s+|[-*+]\s+|>\s*)+")


def _strip_markdown(line: str) -> str:
    line = _MD_MARK.sub("", line)
    line = re.sub(r"\*\*|__", "", line)
    line = re.sub(r"(?<!\w)\*(?=\S)|(?<=\S)\*(?!\w)", "", line)
    return line


def _read_markdown(text: str, *, plain: bool = False) -> Document:
    """Markdown paragraphs (soft line breaks join lines, as Markdown renders them, except after
    an all-capitals line such as "ỦY BAN NHÂN DÂN" or "CHỦ TỊCH"); in plain text (``plain``)
    every line stands alone."""
    document = Document()
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            for part in "".join(paragraph).split("\n"):
                if clean(part):
                    document.blocks.append(clean(part))
            paragraph.clear()

    lines = nfc(text).splitlines()
    index = 0
    while index < len(lines):
        raw = lines[index]
        if raw.strip().startswith("|") and index + 1 < len(lines) and "---" in lines[index + 1]:
            flush()
            rows: list[list[str]] = []
            while index < len(lines) and lines[index].strip().startswith("|"):
                cells = [
                    clean(_strip_markdown(c)) for c in lines[index].strip().strip("|").split("|")
                ]
                if not all(re.fullmatch(r":?-{3,}:?", c) for c in cells if c):
                    rows.append(cells)
                index += 1
            document.blocks.append(TableBlock(rows))
            continue
        stripped = raw.strip()
        if not stripped:
            flush()
        else:
            if _MD_MARK.match(raw):  # a new list item or heading starts a new line
                flush()
            # Markdown hard breaks (two trailing spaces) keep lines apart (header blocks)
            line = _strip_markdown(raw).strip()
            hard = plain or raw.endswith("  ") or (line.upper() == line and line.lower() != line)
            paragraph.append(line + ("\n" if hard else " "))
        index += 1
    flush()
    return document


# --- Word -------------------------------------------------------------------------------


def _read_doc(path: Path) -> Document:
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        raise UsageError(
            f"tệp '{path.name}' là Word cũ (.doc); cần LibreOffice để đọc",
            "cài gói libreoffice (ví dụ: sudo apt install libreoffice-writer), hoặc mở tệp "
            "bằng Word và lưu lại dạng .docx rồi nhập tệp .docx",
        )
    with tempfile.TemporaryDirectory() as folder:
        try:
            subprocess.run(
                [
                    office,
                    # a profile of its own: an open LibreOffice window would otherwise take
                    # the request and convert nothing
                    f"-env:UserInstallation={Path(folder, 'profile').as_uri()}",
                    "--headless",
                    "--convert-to",
                    "docx",
                    "--outdir",
                    folder,
                    str(path),
                ],
                check=True,
                capture_output=True,
                timeout=180,
            )
        except (subprocess.SubprocessError, OSError) as err:
            raise UsageError(
                f"LibreOffice không chuyển được '{path.name}' sang .docx ({err})"
            ) from None
        converted = Path(folder) / (path.stem + ".docx")
        if not converted.is_file():
            raise UsageError(f"LibreOffice không chuyển được '{path.name}' sang .docx")
        return _read_docx(converted)


def _read_docx(path: Path) -> Document:
    import zipfile

    try:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph
    except ImportError:  # pragma: no cover - python-docx ships with docxtpl
        raise UsageError("cần gói python-docx để đọc tệp .docx") from None
    from docx.opc.exceptions import PackageNotFoundError

    try:
        word = docx.Document(str(path))
    except (zipfile.BadZipFile, KeyError, ValueError, PackageNotFoundError) as err:
        raise UsageError(f"'{path}' không phải tệp Word .docx hợp lệ ({err})") from None
    numbering = _Numbering(word)
    document = Document()
    body = word.element.body
    for element in body.iterchildren():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph = Paragraph(element, word)
            label = numbering.label(paragraph)
            for number, part in enumerate(paragraph.text.split("\n")):
                line = clean(part)
                if line:
                    document.blocks.append(f"{label} {line}" if label and number == 0 else line)
        elif tag == "tbl":
            table = Table(element, word)
            document.blocks.append(TableBlock(_table_rows(table)))
    return document


def _table_rows(table: Any) -> list[list[str]]:
    rows: list[list[str]] = []
    for row in table.rows:
        cells: list[str] = []
        previous = None
        for cell in row.cells:
            if cell._tc is previous:  # a merged cell repeats itself
                continue
            previous = cell._tc
            lines = [clean(line) for p in cell.paragraphs for line in p.text.split("\n")]
            cells.append("\n".join(line for line in lines if line))
        rows.append(cells)
    return rows


_FORMATS = {
    "decimal": lambda n: str(n),
    "lowerLetter": lambda n: "abcdefghijklmnopqrstuvwxyz"[(n - 1) % 26],
    "upperLetter": lambda n: "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[(n - 1) % 26],
    "upperRoman": lambda n: _roman(n),
    "lowerRoman": lambda n: _roman(n).lower(),
}


def _roman(number: int) -> str:
    values = [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = ""
    for value, letters in values:
        while number >= value:
            out += letters
            number -= value
    return out


class _Numbering:
    """Renders Word's automatic list numbers (only what plans use: one counter per list)."""

    def __init__(self, word: Any) -> None:
        self.levels: dict[tuple[str, int], tuple[str, str, int]] = {}
        self.counters: dict[tuple[str, int], int] = {}
        try:
            root = word.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
        abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        for node in root.findall(f"{w}abstractNum"):
            levels: dict[int, tuple[str, str, int]] = {}
            for lvl in node.findall(f"{w}lvl"):
                fmt = lvl.find(f"{w}numFmt")
                text = lvl.find(f"{w}lvlText")
                start = lvl.find(f"{w}start")
                levels[int(lvl.get(f"{w}ilvl", "0"))] = (
                    fmt.get(f"{w}val", "") if fmt is not None else "",
                    text.get(f"{w}val", "") if text is not None else "",
                    int(start.get(f"{w}val", "1")) if start is not None else 1,
                )
            abstract[node.get(f"{w}abstractNumId", "")] = levels
        for num in root.findall(f"{w}num"):
            num_id = num.get(f"{w}numId", "")
            ref = num.find(f"{w}abstractNumId")
            base = abstract.get(ref.get(f"{w}val", "") if ref is not None else "", {})
            overrides: dict[int, int] = {}
            for override in num.findall(f"{w}lvlOverride"):
                start = override.find(f"{w}startOverride")
                if start is not None:
                    overrides[int(override.get(f"{w}ilvl", "0"))] = int(start.get(f"{w}val", "1"))
            for level, (fmt, text, start_at) in base.items():
                self.levels[(num_id, level)] = (fmt, text, overrides.get(level, start_at))

    def label(self, paragraph: Any) -> str:
        ppr = paragraph._p.pPr
        numpr = ppr.numPr if ppr is not None else None
        if numpr is None or numpr.numId is None:
            return ""
        key = (str(numpr.numId.val), int(numpr.ilvl.val) if numpr.ilvl is not None else 0)
        fmt, text, start = self.levels.get(key, ("", "", 1))
        if fmt not in _FORMATS or not clean(paragraph.text):
            return ""
        count = self.counters.get(key, start - 1) + 1
        self.counters[key] = count
        return clean(re.sub(r"%\d", _FORMATS[fmt](count), text))
