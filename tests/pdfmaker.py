"""Small text PDFs for tests, written by hand (no PDF library needed): one page, lines of
Vietnamese text through a ToUnicode map, and optionally a ruled table; or a page with no text
at all (what a scan looks like to a text extractor)."""

from __future__ import annotations

from pathlib import Path

PAGE_W, PAGE_H = 595, 842


def _codes(texts: list[str]) -> dict[str, int]:
    chars = sorted({ch for text in texts for ch in text} - {" "})
    if len(chars) > 200:
        raise ValueError("too many distinct characters for one simple font")
    codes = {" ": 0x20}
    code = 0x21
    for ch in chars:
        if code == 0x20:
            code += 1
        codes[ch] = code
        code += 1
    return codes


def _hex(text: str, codes: dict[str, int]) -> str:
    return "<" + "".join(f"{codes[ch]:02X}" for ch in text) + ">"


def _cmap(codes: dict[str, int]) -> bytes:
    entries = "\n".join(f"<{code:02X}> <{ord(ch):04X}>" for ch, code in sorted(codes.items()))
    return (
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        "/CMapName /T def /CMapType 2 def\n"
        "1 begincodespacerange <00> <FF> endcodespacerange\n"
        f"{len(codes)} beginbfchar\n{entries}\nendbfchar\n"
        "endcmap CMapName currentdict /CMap defineresource pop end end\n"
    ).encode("ascii")


def text_pdf(path: Path, lines: list[str], table: list[list[str]] | None = None) -> Path:
    """A one-page PDF: ``lines`` from the top, then ``table`` as ruled cells."""
    cells = [cell for row in table or [] for cell in row]
    codes = _codes([*lines, *cells])
    ops = ["BT /F1 10 Tf 14 TL 40 800 Td"]
    for line in lines:
        ops.append(f"{_hex(line, codes)} Tj T*")
    ops.append("ET")
    if table:
        width = (PAGE_W - 80) / max(len(r) for r in table)
        top = 800 - 14 * len(lines) - 30
        for r, row in enumerate(table):
            y = top - 24 * (r + 1)
            for c, cell in enumerate(row):
                x = 40 + width * c
                ops.append(f"{x:.1f} {y} {width:.1f} 24 re S")
                ops.append(f"BT /F1 7 Tf {x + 2:.1f} {y + 8} Td {_hex(cell, codes)} Tj ET")
    content = "\n".join(ops).encode("ascii")
    return _write(path, content, codes)


def scanned_pdf(path: Path) -> Path:
    """A page with a filled rectangle and no text, as a scanned page looks to pdfplumber."""
    return _write(path, b"0.5 g 40 40 500 700 re f", {" ": 0x20})


def _write(path: Path, content: bytes, codes: dict[str, int]) -> Path:
    first, last = min(codes.values()), max(codes.values())
    widths = " ".join("250" if code == 0x20 else "520" for code in range(first, last + 1))
    cmap = _cmap(codes)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        (
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PAGE_W} {PAGE_H}] "
            "/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>"
        ).encode("ascii"),
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        (
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
            f"/FirstChar {first} /LastChar {last} /Widths [{widths}] /ToUnicode 6 0 R >>"
        ).encode("ascii"),
        b"<< /Length %d >>\nstream\n" % len(cmap) + cmap + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    path.write_bytes(bytes(out))
    return path
