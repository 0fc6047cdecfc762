"""Read an office document (.docx, .doc, .odt, .rtf, .pdf, .md, .txt) into lines and tables.

Every reader is bounded: a file over ``MAX_BYTES`` is refused before it is read, Word XML is
parsed without entity expansion (``docxreading``), and the text that comes out has its
invisible characters (zero-width spaces, bidi controls, other control characters) removed
and counted, so a title cannot read differently from what it is. .doc/.odt/.rtf go through
LibreOffice (detected; when missing, the message says how to install it); PDF through
``pdfreading``.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from cai_cach.errors import UsageError
from cai_cach.text import nfc

MAX_BYTES = 20 * 1024 * 1024
CONVERTED = (".doc", ".odt", ".rtf")


@dataclass
class TableBlock:
    """A table: rows of cell texts (the lines of a cell joined by newlines)."""

    rows: list[list[str]]


@dataclass
class Document:
    """The document as a sequence of blocks: a line of text (``str``) or a table, and how many
    invisible characters were removed from it."""

    blocks: list[str | TableBlock] = field(default_factory=list)
    removed_characters: int = 0


def clean(text: str) -> str:
    """Whitespace normalised, nothing else."""
    return " ".join(nfc(text).replace("\u00a0", " ").split())


# zero-width characters, bidi embeddings/overrides/isolates, BOM, other C0/C1 controls
_INVISIBLE = re.compile(
    "[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\u061c\ufeff\u00ad"
    "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]"
)


def scrub(text: str) -> tuple[str, int]:
    """``text`` without invisible and control characters, and how many there were."""
    cleaned, count = _INVISIBLE.subn("", text)
    return cleaned, count


def read_document(path: Path) -> Document:
    suffix = path.suffix.lower()
    if not path.is_file():
        raise UsageError(f"không tìm thấy tệp '{path}'")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise UsageError(
            f"tệp '{path}' quá lớn ({size / (1024 * 1024):.1f} MB; tối đa "
            f"{MAX_BYTES // (1024 * 1024)} MB)",
            "một văn bản kế hoạch chỉ vài trăm KB: kiểm tra lại tệp (bỏ ảnh lớn nếu có)",
        )
    if suffix == ".docx":
        from cai_cach.docxreading import read_docx

        return _document(read_docx(path))
    if suffix in CONVERTED:
        return _converted(path)
    if suffix == ".pdf":
        from cai_cach.pdfreading import read_pdf

        return _document(read_pdf(path))
    if suffix in (".md", ".txt", ".markdown"):
        try:
            text = path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError:
            raise UsageError(
                f"tệp '{path}' không phải văn bản UTF-8",
                "lưu lại tệp với mã hóa UTF-8, hoặc nhập tệp .docx gốc",
            ) from None
        return read_markdown(text, plain=suffix == ".txt")
    raise UsageError(
        f"không đọc được loại tệp '{path.suffix or path.name}'",
        "nhập tệp .docx, .doc, .odt, .rtf, .pdf, .md hoặc .txt",
    )


def _document(blocks: list[str | list[list[str]]]) -> Document:
    document = Document()
    for block in blocks:
        if isinstance(block, str):
            text, count = scrub(block)
            document.removed_characters += count
            line = clean(text)
            if line:
                document.blocks.append(line)
        else:
            rows: list[list[str]] = []
            for row in block:
                cells = []
                for cell in row:
                    text, count = scrub(cell)
                    document.removed_characters += count
                    cells.append("\n".join(clean(p) for p in text.split("\n") if clean(p)))
                rows.append(cells)
            document.blocks.append(TableBlock(rows))
    return document


# --- Markdown / plain text --------------------------------------------------------------

_MD_HEADING = re.compile(r"^\s*(?:#{1,6}\s+|>\s*)+")
_MD_ITEM = re.compile(r"^\s*[-*+]\s+")
_MD_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_MD_RULE = re.compile(r"^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)+\|?\s*$")


def _strip_markdown(line: str) -> str:
    line = _MD_HEADING.sub("", line)
    line = re.sub(r"\*\*|__", "", line)
    line = re.sub(r"(?<!\w)\*(?=\S)|(?<=\S)\*(?!\w)", "", line)
    line = re.sub(r"\\([\\`*_{}\[\]()#+\-.!|])", r"\1", line)  # converters' escapes
    return line


def read_markdown(text: str, *, plain: bool = False) -> Document:
    """Markdown paragraphs (soft line breaks join lines, as Markdown renders them, except after
    an all-capitals line such as "ỦY BAN NHÂN DÂN" or "CHỦ TỊCH"); in plain text (``plain``)
    every line stands alone. A list item keeps its "- " in front; ``<br>`` breaks a line."""
    blocks: list[str | list[list[str]]] = []
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            blocks.extend(part for part in "".join(paragraph).split("\n") if part.strip())
            paragraph.clear()

    lines = nfc(text).splitlines()
    index = 0
    while index < len(lines):
        raw = lines[index]
        if (
            raw.strip().startswith("|")
            and index + 1 < len(lines)
            and _MD_RULE.match(lines[index + 1])
        ):
            flush()
            rows: list[list[str]] = []
            while index < len(lines) and lines[index].strip().startswith("|"):
                cells = [
                    "\n".join(_strip_markdown(part) for part in _MD_BREAK.split(cell))
                    for cell in re.split(r"(?<!\\)\|", lines[index].strip().strip("|"))
                ]
                if not all(re.fullmatch(r"\s*:?-+:?\s*", c) for c in cells if c.strip()):
                    rows.append(cells)
                index += 1
            blocks.append(rows)
            continue
        stripped = raw.strip()
        if not stripped:
            flush()
        else:
            item = _MD_ITEM.match(raw)
            if item or _MD_HEADING.match(raw):  # a new list item or heading starts a new line
                flush()
            body = raw[item.end() :] if item else raw
            # Markdown hard breaks (two trailing spaces) keep lines apart (header blocks)
            parts = _MD_BREAK.split(_strip_markdown(body).strip())
            line = "\n".join(part.strip() for part in parts)
            if item:
                line = "- " + line
            hard = plain or raw.endswith("  ") or (line.upper() == line and line.lower() != line)
            paragraph.append(line + ("\n" if hard else " "))
        index += 1
    flush()
    from cai_cach.docxreading import MAX_BLOCKS

    if len(blocks) > MAX_BLOCKS:
        raise UsageError(
            f"văn bản có quá nhiều đoạn ({len(blocks):,}; tối đa {MAX_BLOCKS:,})",
            "một kế hoạch thật chỉ vài nghìn đoạn: kiểm tra lại tệp",
        )
    return _document(blocks)


# --- formats LibreOffice converts -------------------------------------------------------


def office_program() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def _converted(path: Path) -> Document:
    office = office_program()
    kind = {".doc": "Word cũ (.doc)", ".odt": "OpenDocument (.odt)", ".rtf": "RTF (.rtf)"}
    if office is None:
        raise UsageError(
            f"tệp '{path.name}' là {kind[path.suffix.lower()]}; cần LibreOffice để đọc",
            "cài LibreOffice (ví dụ: sudo apt install libreoffice-writer), hoặc mở tệp bằng "
            "Word/LibreOffice, lưu lại dạng .docx rồi nhập tệp .docx",
        )
    from cai_cach.docxreading import read_docx

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
        return _document(read_docx(converted))
