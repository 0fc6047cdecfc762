"""The clerk's commands on the shipped plan, each timed with hyperfine (issue 24, goal 4:
every one under 1 s). Prints a Markdown report.

    .venv/bin/python bench/clerk_commands.py                          # this checkout's .venv
    .venv/bin/python bench/clerk_commands.py --caicach /work/venv-clerk/bin/caicach \\
        --runs 10 --rounds 3                                           # an installed caicach

Needs hyperfine (``sudo apt-get install -y hyperfine``) and git. Everything runs in a throwaway
folder (``--out``): the repository's ``plans/`` committed in a new git repository (as the
README's transcripts run), the plan cache in ``<out>/cache``, the report's narrative and figures
files filled in, a spreadsheet exported from the plan with two cells edited (a milestone done,
a product reworded), and a long decision written with python-docx (the shipped decision scaled
up: its front matter and its 37 tasks in body text as shipped, then a landscape appendix table
repeating them for 3 villages, 148 tasks in all; deterministic; 57 pages as LibreOffice lays it
out, more than the 30 the goal names). Its pages are counted by LibreOffice and poppler when both
are installed, else estimated from its text (lines per paragraph and per table row at the
writer's page, font and column widths), and printed with its word count.

Every command runs with fixed dates (``--as-of``, ``--date``, ``--signed``). The writers
(``done``, ``note``, ``sheet apply``) get the plan back before each run (hyperfine
``--prepare``: ``git checkout -- plans``), so each run writes the same lines into the same
file. "warm" is the clerk's usual case: the cache holds the shipped plan (hyperfine's warm-up
runs fill it); "cold" empties the cache before each run, as the first run after the plan
changed (``import`` reads no plan, so it has no cold row). The OS file cache is warm in both.
Each table is measured in ``--rounds`` hyperfine runs; the load average is stated before each,
as the machine may be shared.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(REPO))

from bench import Command, machine, timing_folder  # noqa: E402

AS_OF = "2024-04-15"
REPORT_DATES = ("--signed", "2024-03-18", "--as-of", "2024-03-14")  # as the README's report
LIMIT = 1.0  # seconds: the goal
VILLAGES = ("Minh Xuân", "Minh Trung", "Minh Đông", "Minh Tây")
GIT_ENV = {
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_AUTHOR_NAME": "Văn phòng - Thống kê",
    "GIT_AUTHOR_EMAIL": "vanphong@example.invalid",
    "GIT_COMMITTER_NAME": "Văn phòng - Thống kê",
    "GIT_COMMITTER_EMAIL": "vanphong@example.invalid",
    "GIT_AUTHOR_DATE": "2024-01-02T08:00:00+07:00",
    "GIT_COMMITTER_DATE": "2024-01-02T08:00:00+07:00",
}
NARRATIVE = """\
## I. Công tác chỉ đạo, điều hành
UBND xã ban hành Kế hoạch cải cách hành chính năm 2024 (Quyết định số 479/QĐ-UBND ngày \
26/12/2023), giao nhiệm vụ cho từng công chức; giao ban hằng tuần có nội dung cải cách hành chính.

## III. 1. Ưu điểm
- Bộ phận Một cửa tiếp nhận, trả kết quả đúng hạn.

## III. 2. Hạn chế, tồn tại
- Một số kế hoạch chuyên đề ban hành chậm so với kế hoạch.

## III. 3. Nguyên nhân
- Công chức kiêm nhiệm nhiều việc; hướng dẫn của cấp trên đến chậm.

## V. Đề xuất, kiến nghị
- Đề nghị Phòng Nội vụ huyện tổ chức tập huấn nghiệp vụ cải cách hành chính cho công chức xã.
"""
FIGURES = """\
period: 2024-Q1
values: {ho-so-tiep-nhan: 412, ho-so-da-giai-quyet: 400, giai-quyet-truoc-han: 96,
  giai-quyet-dung-han: 301, giai-quyet-tre-han: 3, ho-so-truc-tuyen: 250,
  truc-tuyen-toan-trinh: 140, truc-tuyen-mot-phan: 110, thanh-toan-truc-tuyen: 88,
  ho-so-so-hoa: 312, pakn-tiep-nhan: 4, pakn-da-xu-ly: 4, van-ban-di: 210, van-ban-ky-so: 205,
  van-ban-dien-tu: 198, muc-do-hai-long: 98.5}
"""


@dataclass
class Result:
    """One command over several rounds (one hyperfine run each): every run's wall time."""

    command: Command
    medians: list[float] = field(default_factory=list)  # seconds, one per round
    times: list[float] = field(default_factory=list)  # seconds, every timed run

    @property
    def median(self) -> float:
        return statistics.median(self.times)


# --- the working folder -----------------------------------------------------------------------


def git(folder: Path, *args: str) -> None:
    env = {**os.environ, **GIT_ENV}
    subprocess.run(["git", *args], cwd=folder, env=env, check=True, capture_output=True)


def office(folder: Path) -> Path:
    """The shipped plans committed in a new git repository, with the Q1 report's narrative and
    figures files written (and committed) as the README's quarterly transcript has them."""
    shutil.copytree(REPO / "plans", folder / "plans")
    reports = folder / "plans" / "reports"
    reports.mkdir(exist_ok=True)
    (reports / "tinh-minh-2024-Q1.md").write_text(NARRATIVE, encoding="utf-8")
    (reports / "tinh-minh-2024-Q1.so-lieu.yaml").write_text(FIGURES, encoding="utf-8")
    git(folder, "init", "-q", "-b", "main")
    git(folder, "add", "plans")
    git(folder, "commit", "-q", "-m", "Kế hoạch CCHC năm 2024")
    return folder


def edited_sheet(caicach: str, folder: Path) -> Path:
    """The plan exported as a spreadsheet, then two cells edited as a clerk would: milestone
    1.c marked done, task 1.a's product reworded."""
    import openpyxl

    exported = folder / "xuat.xlsx"
    subprocess.run(
        [caicach, "sheet", "export", "plans/tinh-minh-2024.yaml", "-o", str(exported)],
        cwd=folder,
        check=True,
        capture_output=True,
    )
    book = openpyxl.load_workbook(exported)
    sheet = book["Nhiệm vụ"]
    head = [cell.value for cell in sheet[1]]
    kind, code = head.index("Loại"), head.index("Mã")
    done, product = head.index("Đã xong"), head.index("Sản phẩm")
    for row in sheet.iter_rows(min_row=2):
        if (row[kind].value, row[code].value) == ("Mốc", "1.c"):
            row[done].value = "10/03/2024"
        if (row[kind].value, row[code].value) == ("Nhiệm vụ", "1.a"):
            row[product].value = f"{row[product].value} (đã rà soát, cập nhật)"
    target = folder / "da-sua.xlsx"
    book.save(target)
    return target


# --- the long decision -------------------------------------------------------------------------

# python-docx's default template: Letter, margins 1.25 in left and right, 1 in top and bottom,
# 11 pt Calibri (about 0.19 cm a character), lines of 1.15 and 10 pt after each paragraph.
CHAR_CM, LINE_CM, AFTER_LINES = 0.19, 0.446, 0.8
PORTRAIT_CM, LANDSCAPE_CM = (15.24, 22.86), (21.59, 16.51)  # text width, text height
APPENDIX_CM = (1.0, 7.6, 3.2, 3.2, 3.3, 3.3)  # column widths of the appendix table
APPENDIX_HEAD = ("STT", "Nhiệm vụ", "Chủ trì", "Phối hợp", "Thời gian hoàn thành", "Sản phẩm")


def _shipped() -> dict[str, Any]:
    import yaml

    loaded: dict[str, Any] = yaml.safe_load(
        (REPO / "plans" / "tinh-minh-2024.yaml").read_text(encoding="utf-8")
    )
    return loaded


def _names(plan: dict[str, Any], ids: list[str]) -> str:
    return "; ".join(plan["officials"][ident]["title"] for ident in ids)


def _letter(task_id: str) -> str:
    return task_id.rsplit(".", 1)[-1]


def _para(text: str, *, bold: bool = False, italic: bool = False, center: bool = False) -> Any:
    from tests.docgen.model import Para, Run

    return Para([Run(text, bold=bold, italic=italic)], align="center" if center else "left")


def _front(plan: dict[str, Any]) -> list[Any]:
    """The decision as shipped: header, grounds, articles, recipients and signature, then the
    plan's title and its purposes and requirements."""
    from tests.docgen.model import Cell, Table

    p = _para
    meta = plan["plan"]
    decision = meta["decision"]
    header = Table(
        [
            [
                Cell(["ỦY BAN NHÂN DÂN", "XÃ TỊNH MINH", "¯¯¯¯¯¯¯¯¯¯"], bold=True),
                Cell(
                    ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"], bold=True
                ),
            ],
            [
                Cell(["Số: 479/QĐ-UBND"]),
                Cell(["Tịnh Minh, ngày 26 tháng 12 năm 2023"], italic=True),
            ],
        ],
        borders=False,
        header_rows=0,
    )
    return [
        header,
        p("QUYẾT ĐỊNH", bold=True, center=True),
        p(decision["title"], bold=True, center=True),
        p("CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ TỊNH MINH", bold=True, center=True),
        *(p(ground, italic=True) for ground in decision["grounds"]),
        p("QUYẾT ĐỊNH:", bold=True, center=True),
        *(p(f"Điều {n}. {text}") for n, text in enumerate(decision["articles"], 1)),
        _signature(decision),
        p("KẾ HOẠCH", bold=True, center=True),
        p("Cải cách hành chính năm 2024 xã Tịnh Minh", bold=True, center=True),
        p(
            "(Ban hành kèm theo Quyết định số 479/QĐ-UBND ngày 26/12/2023)",
            italic=True,
            center=True,
        ),
        p("I. MỤC ĐÍCH, YÊU CẦU", bold=True),
        p("1. Mục đích:", bold=True),
        *(p(f"{letter}) {text}") for letter, text in zip("abcdđ", meta["purposes"], strict=False)),
        p("2. Yêu cầu:", bold=True),
        *(
            p(f"{letter}) {text}")
            for letter, text in zip("abcdđ", meta["requirements"], strict=False)
        ),
    ]


def _signature(decision: dict[str, Any]) -> Any:
    from tests.docgen.model import Cell, Table

    recipients = Cell(["Nơi nhận:", *(f"- {r}" for r in decision["recipients"])])
    signer = Cell(["CHỦ TỊCH", "", "", decision["signer"]], bold=True)
    return Table([[recipients, signer]], borders=False, header_rows=0)


def _body_tasks(plan: dict[str, Any], areas: list[dict[str, Any]]) -> list[Any]:
    """Part II as the shipped decision writes it: each area, its tasks "a) …" with the lead,
    support, product and time lines."""
    p = _para
    blocks = [p("II. NỘI DUNG, NHIỆM VỤ TRỌNG TÂM CẢI CÁCH HÀNH CHÍNH NĂM 2024", bold=True)]
    for number, area in enumerate(areas, 1):
        blocks.append(p(f"{number}. {area['title']}:", bold=True))
        for task in area["tasks"]:
            blocks += [
                p(f"{_letter(task['id'])}) {task['title']}"),
                p(f"- Chủ trì thực hiện: {_names(plan, task['lead'])}."),
                p(f"- Phối hợp: {_names(plan, task.get('support', [])) or 'Không'}."),
                p(f"- Sản phẩm: {task.get('products', 'Báo cáo kết quả thực hiện.')}"),
                p(f"- Thời gian thực hiện: {task.get('timeline', 'Thường xuyên.')}"),
            ]
    return blocks


def _appendix(plan: dict[str, Any], areas: list[dict[str, Any]], villages: int) -> list[Any]:
    """The appendix table: every task of the areas again for each village, numbered on."""
    from tests.docgen.model import Cell, Table

    rows = [[Cell([text], bold=True) for text in APPENDIX_HEAD]]
    roman = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")
    n = 0
    for number, area in enumerate(areas):
        rows.append(
            [Cell([roman[number]], bold=True), Cell([area["title"].upper()], bold=True, span=5)]
        )
        for village in VILLAGES[:villages]:
            for task in area["tasks"]:
                n += 1
                cells = [
                    str(n),
                    f"{task['title'].rstrip('. ')} tại thôn {village}.",
                    _names(plan, task["lead"]),
                    _names(plan, task.get("support", [])),
                    task.get("timeline", "Thường xuyên."),
                    task.get("products", ""),
                ]
                rows.append([Cell([text]) for text in cells])
    return [
        _para("PHỤ LỤC", bold=True, center=True),
        _para(
            "NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2024 CỦA CÁC THÔN XÃ TỊNH MINH",
            bold=True,
            center=True,
        ),
        Table(rows, borders=True, header_rows=1),
    ]


def decision_blocks(plan: dict[str, Any], villages: int = 3) -> list[Any]:
    """The shipped decision scaled up: its front matter and part II as shipped (the commune's
    tasks in body text), part III with the reporting duty, then, on landscape pages, an
    appendix table repeating every task for ``villages`` villages."""
    from tests.docgen.model import Orientation

    p = _para
    areas = [s for s in plan["sections"] if s["id"].isdigit()]
    return [
        *_front(plan),
        *_body_tasks(plan, areas),
        p("III. TỔ CHỨC THỰC HIỆN", bold=True),
        p(
            "1. Các công chức chuyên môn, các thôn căn cứ nhiệm vụ được giao tại Kế hoạch này "
            "và Phụ lục kèm theo, chủ động tổ chức thực hiện đúng tiến độ, chất lượng."
        ),
        p(
            "2. Công chức Văn phòng - Thống kê theo dõi, đôn đốc, tổng hợp báo cáo kết quả thực "
            "hiện kế hoạch cải cách hành chính định kỳ quý, 6 tháng, năm gửi Phòng Nội vụ huyện "
            "trước ngày 15 của tháng cuối kỳ báo cáo."
        ),
        _signature(plan["plan"]["decision"]),
        Orientation(landscape=True),
        *_appendix(plan, areas, villages),
    ]


def _lines(text: str, width_cm: float) -> int:
    return math.ceil(max(len(text), 1) / (width_cm / CHAR_CM))


def estimated_pages(blocks: list[Any]) -> tuple[float, int]:
    """Pages and words of ``blocks`` as written by ``write_decision`` (see ``CHAR_CM``): a
    paragraph takes its wrapped lines plus the space after it, a table row its tallest cell
    (each line of a cell is a paragraph); a table of as many columns as the appendix has its
    widths, any other shares the width equally."""
    from tests.docgen.model import Orientation, Para, Table

    pages, lines, words = 0, 0.0, 0
    width, height = PORTRAIT_CM
    for block in blocks:
        if isinstance(block, Orientation):
            pages += math.ceil(lines / (height / LINE_CM))
            lines = 0.0
            width, height = LANDSCAPE_CM if block.landscape else PORTRAIT_CM
        elif isinstance(block, Para):
            lines += _lines(block.text, width) + AFTER_LINES
            words += len(block.text.split())
        elif isinstance(block, Table):
            columns = sum(cell.span for cell in block.rows[0])
            widths = APPENDIX_CM if columns == len(APPENDIX_CM) else (width / columns,) * columns
            for row in block.rows:
                tallest, column = 0.0, 0
                for cell in row:
                    cm = sum(widths[column : column + cell.span]) - 0.2  # cell margins
                    column += cell.span
                    tallest = max(tallest, sum(_lines(ln, cm) + AFTER_LINES for ln in cell.lines))
                    words += sum(len(ln.split()) for ln in cell.lines)
                lines += tallest
    return pages + lines / (height / LINE_CM), words


def _widen(path: Path) -> None:
    """Give the appendix table (the document's last) its column widths, as an office would."""
    import io

    from docx import Document
    from docx.shared import Cm

    from tests.docgen.writers import _fixed_zip

    document = Document(str(path))
    table = document.tables[-1]
    table.autofit = False
    for row in table.rows:
        for cell, cm in zip(row.cells, APPENDIX_CM, strict=True):
            cell.width = Cm(cm)
    raw = io.BytesIO()
    document.save(raw)
    path.write_bytes(_fixed_zip(raw.getvalue()))


def write_decision(path: Path) -> str:
    """Write the long decision; a sentence saying what it holds."""
    from tests.docgen.writers import write_docx

    plan = _shipped()
    blocks = decision_blocks(plan)
    write_docx(blocks, path)
    _widen(path)
    estimate, words = estimated_pages(blocks)
    counted = counted_pages(path)
    pages = (
        f"{counted} pages as LibreOffice lays it out"
        if counted is not None
        else f"about {estimate:.0f} pages, estimated from its lines at the page, font and column "
        "widths it is written with (LibreOffice and poppler not installed: not counted)"
    )
    tasks = sum(len(s["tasks"]) for s in plan["sections"] if s["id"].isdigit())
    return (
        f"`{path.name}`, {path.stat().st_size / 1024:.0f} KB: {words:,} words, {tasks} tasks "
        f"in body text as in the shipped decision and {3 * tasks} (the same for 3 villages) "
        f"in an appendix table; {pages}"
    )


def counted_pages(path: Path) -> int | None:
    """The pages of a .docx as LibreOffice lays it out (converted to PDF, counted by poppler's
    ``pdfinfo``), or None when either is missing or fails."""
    soffice, pdfinfo = shutil.which("soffice"), shutil.which("pdfinfo")
    if soffice is None or pdfinfo is None:
        return None
    with tempfile.TemporaryDirectory() as folder:
        converted = subprocess.run(
            [soffice, "--headless", "--convert-to", "pdf", "--outdir", folder, str(path)],
            capture_output=True,
            timeout=300,
            check=False,
        )
        pdf = Path(folder) / f"{path.stem}.pdf"
        if converted.returncode != 0 or not pdf.is_file():
            return None
        info = subprocess.run([pdfinfo, str(pdf)], capture_output=True, text=True, check=False)
    for line in info.stdout.splitlines():
        if line.startswith("Pages:"):
            return int(line.split()[1])
    return None


# --- timing -----------------------------------------------------------------------------------


def hyperfine(commands: list[Command], folder: Path, runs: int, warmup: int) -> list[Any]:
    """One hyperfine run of ``commands`` in ``folder``; hyperfine's result of each."""
    export = folder / "hyperfine.json"
    argv = ["hyperfine", "-N", "--style", "basic", "--runs", str(runs), "--warmup", str(warmup)]
    argv += ["--export-json", str(export)]
    for command in commands:
        argv += ["--command-name", command.name]
    for command in commands:
        argv += ["--prepare", shlex.join(command.prepare or ["true"])]
    argv += [shlex.join(command.argv) for command in commands]
    print("$ " + shlex.join(argv), file=sys.stderr)
    subprocess.run(argv, check=True, stdout=sys.stderr, cwd=folder)
    results: list[Any] = json.loads(export.read_text())["results"]
    return results


def measure(
    commands: list[Command], folder: Path, runs: int, warmup: int, rounds: int
) -> tuple[list[Result], list[str]]:
    """``rounds`` hyperfine runs of every command; the load average before each round."""
    results = [Result(command) for command in commands]
    loads = []
    for _ in range(rounds):
        loads.append(" ".join(f"{x:.2f}" for x in os.getloadavg()))
        for result, timed in zip(results, hyperfine(commands, folder, runs, warmup), strict=True):
            result.medians.append(timed["median"])
            result.times += timed["times"]
    return results, loads


def table(title: str, results: list[Result], loads: list[str]) -> str:
    rounds = len(results[0].medians)
    lines = [
        f"### {title}",
        "",
        "Load average (1, 5, 15 min) at the start of each round: " + "; ".join(loads) + ".",
        "",
        f"| command | median | min–max | round medians ({rounds}) | under {LIMIT:.0f} s |",
        "|---|---:|---:|---:|:-:|",
    ]
    for r in results:
        lines.append(
            f"| `{r.command.name}` | {r.median * 1000:.0f} ms | "
            f"{min(r.times) * 1000:.0f}–{max(r.times) * 1000:.0f} ms | "
            + " / ".join(f"{m * 1000:.0f}" for m in r.medians)
            + f" | {'yes' if max(r.medians) < LIMIT else '**no**'} |"
        )
    return "\n".join(lines) + "\n"


def commands_text(results: list[Result], folder: Path) -> str:
    lines = ["<details><summary>commands</summary>", "", "```sh"]
    for r in results:
        shown = shlex.join(r.command.argv).replace(str(folder), "$OUT")
        before = (
            f"  # before each run: {shlex.join(r.command.prepare)}" if r.command.prepare else ""
        )
        lines.append(f"{r.command.name}: {shown}{before.replace(str(folder), '$OUT')}")
    return "\n".join([*lines, "```", "", "</details>", ""])


def clerk_commands(cc: str, folder: Path, decision: Path, sheet: Path) -> list[Command]:
    """The commands of goal 4, with fixed dates; writers start from the committed plan."""
    plan = "plans/tinh-minh-2024.yaml"
    report = str(folder / "bao-cao.docx")
    restore = ["git", "checkout", "-q", "--", "plans"]
    return [
        Command("caicach check", [cc, "check"]),
        Command("caicach show 1.d", [cc, "show", "1.d", "--as-of", AS_OF]),
        Command("caicach agenda", [cc, "agenda", "--month", "2024-04", "--as-of", AS_OF]),
        Command(
            "caicach done (a period)",
            [cc, "done", "1.d", "--period", "2024-01", "--date", "02/02/2024"],
            restore,
        ),
        Command(
            "caicach done (a milestone)",
            [cc, "done", "1.c", "--date", "10/03/2024", "--doc", "05/KH-UBND"],
            restore,
        ),
        Command(
            "caicach note",
            [cc, "note", "2.d", "Đã công khai kết quả đánh giá tháng 1", "--date", "31/01/2024"],
            restore,
        ),
        Command(
            "caicach report (docx)",
            [cc, "report", "--period", "2024-Q1", *REPORT_DATES, "--force", "-o", report],
        ),
        Command(
            "caicach import (long decision)",
            [cc, "import", str(decision), "-o", str(folder / "du-thao.yaml"), "--force"],
        ),
        Command(
            "caicach sheet export",
            [cc, "sheet", "export", plan, "-o", str(folder / "ke-hoach.xlsx"), "--force"],
        ),
        Command("caicach sheet apply", [cc, "sheet", "apply", str(sheet)], restore),
    ]


def cold(commands: list[Command], cache: Path) -> list[Command]:
    """The same commands with the cache emptied before each run (import reads no plan)."""
    out = []
    for c in commands:
        if "import" in c.name:
            continue
        steps = [shlex.join(c.prepare)] if c.prepare else []
        prepare = ["sh", "-c", " && ".join([*steps, shlex.join(["rm", "-rf", str(cache)])])]
        out.append(Command(f"{c.name}, cold", c.argv, prepare))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "caicach-clerk")
    parser.add_argument("--runs", type=int, default=10, help="timed runs per command and round")
    parser.add_argument("--rounds", type=int, default=3, help="hyperfine runs of each table")
    parser.add_argument("--caicach", default=str(REPO / ".venv" / "bin" / "caicach"))
    parser.add_argument("--no-cold", action="store_true", help="warm rows only")
    parser.add_argument("--only", help="comma-separated words: keep commands naming one")
    args = parser.parse_args(argv)
    if shutil.which("hyperfine") is None or shutil.which("git") is None:
        sys.exit("clerk_commands: needs hyperfine and git (sudo apt-get install -y hyperfine git)")
    out: Path = args.out
    cache = timing_folder(out)
    os.environ.update(GIT_ENV)
    folder = office(out / "ke-hoach")
    decision = out / "quyet-dinh-dai.docx"
    about = write_decision(decision)
    sheet = edited_sheet(args.caicach, folder)
    commands = clerk_commands(args.caicach, folder, decision, sheet)
    if args.only:
        words = args.only.split(",")
        commands = [c for c in commands if any(w in c.name for w in words)]
    version = subprocess.run([args.caicach, "--version"], capture_output=True, text=True)
    report = [
        f"Machine: {machine()}.",
        f"Date: {datetime.now().astimezone():%Y-%m-%d %H:%M %Z}; {version.stdout.strip()} "
        f"(`{args.caicach}`); hyperfine -N, {args.runs} runs × {args.rounds} rounds.",
        f"Decision: {about}.",
        "",
    ]
    warm, loads = measure(commands, folder, args.runs, 2, args.rounds)
    report += [table("Warm (plan cache filled)", warm, loads), commands_text(warm, out)]
    if not args.no_cold:
        chilled, loads = measure(cold(commands, cache), folder, args.runs, 1, args.rounds)
        report += [table("Cold (plan cache emptied before each run)", chilled, loads)]
    print("\n".join(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
