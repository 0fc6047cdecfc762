"""What the clerk does in Excel or LibreOffice with the review sheet of the Tịnh Minh draft,
made with openpyxl so that the README's transcript can run it: fill in the upper authority,
fix a task's lead, then write "x" in "Đã xem" on every row whose marks were checked.

    python sua-bang-tinh.py xem-lai.xlsx
"""

from __future__ import annotations

import sys
from typing import Any

import openpyxl


def columns(page: Any) -> dict[str, int]:
    return {cell.value: cell.column for cell in page[1]}


def row_of(page: Any, header: str, value: str) -> int:
    column = columns(page)[header]
    return next(n for n in range(2, page.max_row + 1) if page.cell(n, column).value == value)


def main(path: str) -> None:
    book = openpyxl.load_workbook(path)
    general, tasks = book["Thông tin chung"], book["Nhiệm vụ"]
    number = row_of(general, "Trường", "Cơ quan cấp trên")
    general.cell(number, columns(general)["Giá trị"]).value = "UBND huyện Sơn Tịnh"
    print(f"'Thông tin chung'!B{number}: Cơ quan cấp trên = UBND huyện Sơn Tịnh")
    number = row_of(tasks, "Mã", "2.b")
    tasks.cell(number, columns(tasks)["Chủ trì"]).value = "Công chức Văn phòng - Thống kê"
    print(f"'Nhiệm vụ'!E{number}: chủ trì 2.b = Công chức Văn phòng - Thống kê")
    seen = 0
    for page in (general, tasks, book["Công chức"]):
        where = columns(page)
        for number in range(2, page.max_row + 1):
            if page.cell(number, where["Cần xem lại"]).value:
                page.cell(number, where["Đã xem"]).value = "x"
                seen += 1
    book.save(path)
    print(f"Đã xem: {seen} dòng (cột 'Đã xem' ghi x). Đã lưu {path}.")


if __name__ == "__main__":
    main(sys.argv[1])
