"""How `caicach import` scales with the document (issue 17: linear in the document; hostile
Word files bounded). Prints one Markdown row per document: size, blocks, seconds, outcome.

    .venv/bin/python bench/import_scale.py            # Markdown 0.5/1/2/4 MB, hostile .docx
"""

from __future__ import annotations

import sys
import tempfile
import time
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from cai_cach.errors import CaicachError  # noqa: E402
from cai_cach.importing import import_file  # noqa: E402

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
TASK = (
    "{n}. Rà soát, hệ thống hóa văn bản quy phạm pháp luật số {n} của xã\n\n"
    "- Chủ trì: Công chức Văn phòng - Thống kê\n- Phối hợp: Các công chức có liên quan\n"
    "- Thời gian: Quý II/2026\n\n"
)


def markdown(path: Path, size: int) -> Path:
    parts = [
        "ỦY BAN NHÂN DÂN  \nXÃ A\n\nSố: 1/KH-UBND\n\nA, ngày 5 tháng 1 năm 2026\n\n",
        "**KẾ HOẠCH**\n\nCải cách hành chính năm 2026\n\n**I. NỘI DUNG**\n\n",
    ]
    area, n, length = 0, 0, 0
    while length < size:
        if n % 20 == 0:
            area += 1
            parts.append(f"**{area}. Lĩnh vực cải cách số {area}**\n\n")
        n += 1
        parts.append(TASK.format(n=n))
        length += len(parts[-1].encode("utf-8"))
    path.write_text("".join(parts), encoding="utf-8")
    return path


def docx(path: Path, body: str) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(
            "word/document.xml",
            f'<?xml version="1.0"?><w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>',
        )
    return path


def row(path: Path) -> str:
    started = time.monotonic()
    try:
        _, draft = import_file(path)
        outcome = f"{len(draft.tasks())} tasks"
    except CaicachError as err:
        outcome = f"refused: {err.message[:70]}"
    seconds = time.monotonic() - started
    return f"| {path.name} | {path.stat().st_size / 1e6:.2f} MB | {seconds:.2f} s | {outcome} |"


def main() -> int:
    print("| document | size | time | outcome |\n|---|---:|---:|---|")
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        for megabytes in (0.5, 1, 2, 4):
            print(row(markdown(folder / f"plan-{megabytes}mb.md", int(megabytes * 1e6))))
        print(row(docx(folder / "empty-paragraphs-3m.docx", "<w:p/>" * 3_000_000)))
        cells = "<w:tr><w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc></w:tr>" * 10_000
        print(row(docx(folder / "table-10000-rows.docx", f"<w:tbl>{cells}</w:tbl>")))
        nested = "<w:p/>"
        for _ in range(300):
            nested = f"<w:tbl><w:tr><w:tc>{nested}</w:tc></w:tr></w:tbl><w:p/>"
        print(row(docx(folder / "nested-300-tables.docx", nested)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
