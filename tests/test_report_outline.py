"""The report the district/province asks for: five-part outline, the clerk's narrative,
the agency block, signing-date warnings, the figures, spreadsheets."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import docx
import pytest
from openpyxl import load_workbook

from tests.helpers import json_items

Run = Callable[..., Any]

PLAN = """\
plan:
  title: Kế hoạch cải cách hành chính năm 2024 xã Thử
  year: 2024
  agency: {{name: Ủy ban nhân dân xã Thử, parent: Ủy ban nhân dân huyện Mẫu, place: Thử}}
{report}officials:
  vp-tk: {{title: Công chức Văn phòng - Thống kê}}
  tc-kt: {{title: Công chức Tài chính - Kế toán}}
sections:
  - id: "1"
    title: Cải cách thể chế
    tasks:
      - id: 1.a
        title: Việc đúng hạn
        lead: [vp-tk]
        timeline: Tháng 2/2024
        milestones: [{{what: Xong đúng hạn, due: 2024-02-15, done: 2024-02-10}}]
      - id: 1.b
        title: Việc trễ hạn
        lead: [vp-tk]
        timeline: Tháng 2/2024
        milestones: [{{what: Xong trễ, due: 2024-02-20, done: 2024-03-01}}]
      - id: 1.c
        title: Việc quá hạn
        lead: [tc-kt]
        timeline: Tháng 3/2024
        milestones: [{{what: Chưa xong, due: 2024-03-01}}]
      - id: 1.d
        title: Việc còn hạn
        lead: [tc-kt]
        timeline: Quý I/2024
        milestones: [{{what: Còn hạn, due: 2024-03-31}}]
      - id: 1.e
        title: Việc xong sau ngày chốt
        lead: [vp-tk]
        timeline: Tháng 3/2024
        milestones: [{{what: Xong sau chốt, due: 2024-03-10, done: 2024-03-16}}]
reporting:
  - id: III.1
    title: Báo cáo CCHC
    lead: [vp-tk]
    timeline: Định kỳ hàng quý, 6 tháng, năm
    recurring:
      - what: Báo cáo quý
        every: quý
        due_after_cutoff: 3
        done: {{2024-Q1: 2024-03-25}}
      - what: Báo cáo 6 tháng
        every: 6 tháng
      - what: Báo cáo năm
        every: năm
"""

NOTES = """\
<!-- ghi chú cho cán bộ -->
## I. Công tác chỉ đạo, điều hành
Ban hành kế hoạch và họp triển khai.

## II. 1. Cải cách thể chế
Rà soát ba văn bản.

## III. 1. Ưu điểm
Triển khai kịp thời.

## V. Đề xuất, kiến nghị
Đề nghị tập huấn.
"""

OUTLINE_MD = [
    "## I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH",
    "## II. KẾT QUẢ THỰC HIỆN NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH",
    "### 1. Cải cách thể chế",
    "## III. ĐÁNH GIÁ CHUNG",
    "### 1. Ưu điểm",
    "### 2. Hạn chế, tồn tại",
    "### 3. Nguyên nhân",
    "## IV. PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI",
    "## V. ĐỀ XUẤT, KIẾN NGHỊ",
]


@pytest.fixture
def plan(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "thu-2024.yaml"
    path.write_text(PLAN.format(report=""), encoding="utf-8")
    return path


def _notes(plan: Path, text: str = NOTES) -> Path:
    folder = plan.parent / "reports"
    folder.mkdir(exist_ok=True)
    path = folder / "thu-2024-Q1.md"
    path.write_text(text, encoding="utf-8")
    return path


def _markdown(run_cli: Run, plan: Path, *extra: str) -> Any:
    return run_cli("report", plan, "--period", "2024-Q1", "-o", "-", *extra)


def test_outline_headings_in_order_with_narrative_merged(run_cli: Run, plan: Path) -> None:
    _notes(plan)
    result = _markdown(run_cli, plan, "--date", "2024-03-20")
    assert result.exit_code == 0, result.output
    text = result.stdout
    positions = [text.index(heading) for heading in OUTLINE_MD]
    assert positions == sorted(positions)
    direction = text.split(OUTLINE_MD[0])[1].split(OUTLINE_MD[1])[0]
    assert "Ban hành kế hoạch và họp triển khai." in direction
    area = text.split(OUTLINE_MD[2])[1].split("**1.a.**")[0]
    assert "Rà soát ba văn bản." in area
    assert "Đề nghị tập huấn." in text.split(OUTLINE_MD[-1])[1]
    # Empty parts print a visible placeholder and the command lists them.
    weaknesses = text.split(OUTLINE_MD[5])[1].split(OUTLINE_MD[6])[0]
    assert "[Chưa viết: III. 2. Hạn chế, tồn tại" in weaknesses
    assert "Triển khai kịp thời." in text and "[Chưa viết: III. 1. Ưu điểm" not in text
    assert "DỰ THẢO — còn phải viết" in result.stderr
    assert "III. 2. Hạn chế, tồn tại; III. 3. Nguyên nhân" in result.stderr


def test_word_report_has_the_outline_in_order(run_cli: Run, plan: Path) -> None:
    _notes(plan)
    result = run_cli("report", plan, "--period", "2024-Q1", "--date", "2024-03-20", "-o", "q.docx")
    assert result.exit_code == 0, result.output
    document = docx.Document(str(plan.parent / "q.docx"))
    texts = [paragraph.text for paragraph in document.paragraphs]
    headings = [
        "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH",
        "II. KẾT QUẢ THỰC HIỆN NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH",
        "1. Cải cách thể chế",
        "III. ĐÁNH GIÁ CHUNG",
        "1. Ưu điểm",
        "2. Hạn chế, tồn tại",
        "3. Nguyên nhân",
        "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI",
        "V. ĐỀ XUẤT, KIẾN NGHỊ",
    ]
    positions = [texts.index(heading) for heading in headings]
    assert positions == sorted(positions)
    assert texts[positions[0] + 1] == "Ban hành kế hoạch và họp triển khai."
    assert any(t.startswith("[Chưa viết: III. 3. Nguyên nhân") for t in texts)
    agency = document.tables[0].rows[0].cells[0].text
    assert agency.split() == ["ỦY", "BAN", "NHÂN", "DÂN", "XÃ", "THỬ"]


def test_agency_block_has_parent_only_when_the_plan_asks(run_cli: Run, plan: Path) -> None:
    text = _markdown(run_cli, plan, "--date", "2024-03-20").stdout
    text = text.removeprefix("**DỰ THẢO**\n\n")  # parts unwritten: a draft
    assert text.startswith("**ỦY BAN NHÂN DÂN XÃ THỬ**")
    assert "HUYỆN MẪU" not in text
    plan.write_text(PLAN.format(report="  report: {parent_line: true}\n"), encoding="utf-8")
    text = _markdown(run_cli, plan, "--date", "2024-03-20").stdout
    assert text.removeprefix("**DỰ THẢO**\n\n").startswith("ỦY BAN NHÂN DÂN HUYỆN MẪU")


def test_init_notes_writes_headings_and_never_overwrites(run_cli: Run, plan: Path) -> None:
    result = run_cli("report", plan, "--period", "2024-Q1", "--init-notes")
    assert result.exit_code == 0, result.output
    written = plan.parent / "reports" / "thu-2024-Q1.md"
    text = written.read_text(encoding="utf-8")
    for heading in (
        "## I. Công tác chỉ đạo, điều hành",
        "## II. 1. Cải cách thể chế",
        "## III. 2. Hạn chế, tồn tại",
        "## V. Đề xuất, kiến nghị",
    ):
        assert heading in text
    # The untouched file reads back with every part empty.
    report = _markdown(run_cli, plan, "--date", "2024-03-20")
    assert report.exit_code == 0 and "[Chưa viết: I. Công tác chỉ đạo" in report.stdout
    written.write_text(text + "thêm\n", encoding="utf-8")
    again = run_cli("report", plan, "--period", "2024-Q1", "--init-notes")
    assert again.exit_code == 2 and "đã tồn tại" in again.stderr
    assert written.read_text(encoding="utf-8").endswith("thêm\n")


def test_unknown_heading_names_its_line(run_cli: Run, plan: Path) -> None:
    _notes(plan, "## I. Công tác chỉ đạo, điều hành\nA\n\n## Ưu diem\nB\n")
    result = _markdown(run_cli, plan, "--date", "2024-03-20")
    assert result.exit_code == 2
    assert "reports/thu-2024-Q1.md:4:1" in result.stderr and "Ưu diem" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("extra", "warned"),
    [
        ((), "ngày ký lấy mặc định là hôm nay"),
        # Signed before the cut-off (14/03): the data run to the signing day, nothing to warn.
        (("--date", "2024-03-10"), None),
        (("--date", "2024-03-20"), None),
    ],
)
def test_signing_date_warnings(
    run_cli: Run, plan: Path, extra: tuple[str, ...], warned: str | None
) -> None:
    result = _markdown(run_cli, plan, *extra)
    assert result.exit_code == 0
    if warned is None:
        assert "CẢNH BÁO" not in result.stderr
    else:
        assert "CẢNH BÁO" in result.stderr and warned in result.stderr


def test_completed_after_cutoff_listed_separately(run_cli: Run, plan: Path) -> None:
    text = _markdown(run_cli, plan, "--date", "2024-03-20").stdout
    after = text.split("### Hoàn thành sau ngày chốt số liệu")[1].split("## III.")[0]
    assert "1.e: Xong sau chốt" in after and "16/03/2024" in after
    overdue = text.split("### 2. Hạn chế, tồn tại")[1].split("### 3.")[0]
    assert "1.c: Chưa xong" in overdue and "1.e" not in overdue
    # Signed before it was done: not listed as done after the cut-off.
    text = _markdown(run_cli, plan, "--date", "2024-03-15").stdout
    assert "Hoàn thành sau ngày chốt số liệu" not in text


def test_figures_in_json(run_cli: Run, plan: Path) -> None:
    result = _markdown(run_cli, plan, "--date", "2024-03-20", "--json")
    assert result.exit_code == 0, result.output
    (context,) = json_items(result.stdout)
    (basis,) = context["figures"]["bases"]
    completion = basis["tasks"]
    # Due by 31/03 at the cut-off 14/03: 1.a on time, 1.b late, 1.c and 1.e overdue, 1.d in
    # time; the quý I report is this report, counted in no row.
    assert {
        k: completion[k] for k in ("total", "done_on_time", "done_late", "in_time", "overdue")
    } == {"total": 5, "done_on_time": 1, "done_late": 1, "in_time": 1, "overdue": 2}
    assert completion["rate"]["done"] == pytest.approx(40.0)
    assert completion["percent"]["done"] == "40,0"
    assert basis["reports"]["total"] == 0
    # Report due 3 working days after the cut-off (Thu 14/03 → Tue 19/03).
    assert context["report"]["deadline"] == "19/03/2024"


def test_reports_record_and_half_year_deadline(run_cli: Run, plan: Path) -> None:
    result = run_cli("report", plan, "--period", "2024-Q2", "--date", "2024-06-20", "--json")
    (context,) = json_items(result.stdout)
    sent = context["figures"]["bases"][1]["reports"]  # lũy kế từ đầu năm
    # quý I sent 25/03, after its deadline 19/03; the 6-month report (covering quý II) is
    # this report: named, not counted.
    assert (sent["total"], sent["done_late"], sent["in_time"]) == (1, 1, 0)
    assert [r["this_report"] for r in context["reports"]] == [False, True]
    assert context["report"]["deadline"] == "19/06/2024"


def test_report_by_official(run_cli: Run, plan: Path) -> None:
    text = _markdown(run_cli, plan, "--date", "2024-03-20", "--by", "tài chính").stdout
    assert "Phần việc của: Công chức Tài chính - Kế toán" in text
    assert "**1.c.**" in text and "**1.d.**" in text
    assert "**1.a.**" not in text and "**III.1.**" not in text
    wrong = _markdown(run_cli, plan, "--date", "2024-03-20", "--by", "không ai")
    assert wrong.exit_code == 2


def _sheet_rows(sheet: Any) -> list[tuple[Any, ...]]:
    return list(sheet.iter_rows(values_only=True))


def test_report_xlsx_reads_back(run_cli: Run, plan: Path) -> None:
    result = run_cli("report", plan, "--period", "2024-Q1", "--date", "2024-03-20", "-f", "xlsx")
    assert result.exit_code == 0, result.output
    book = load_workbook(plan.parent / "bao-cao-thu-2024-Q1.xlsx")
    assert book.sheetnames[:4] == ["Số liệu", "Theo lĩnh vực", "Nhiệm vụ", "Quá hạn"]
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2"
        assert sheet["A1"].font.bold
        assert sheet.column_dimensions["A"].width > 0
    items = _sheet_rows(book["Nhiệm vụ"])
    assert items[0][:4] == ("Mã nhiệm vụ", "Nhiệm vụ", "Việc cần làm", "Chủ trì")
    late = next(row for row in items if row[0] == "1.b")
    assert late[5] == datetime(2024, 2, 20) and late[6] == datetime(2024, 3, 1)
    assert book["Nhiệm vụ"].cell(row=items.index(late) + 1, column=6).number_format == "DD/MM/YYYY"
    overdue = [row[0] for row in _sheet_rows(book["Quá hạn"])[1:]]
    assert overdue == ["1.c"]
    figures = _sheet_rows(book["Số liệu"])
    assert ("Nhiệm vụ — Lũy kế từ đầu năm", "Tổng số", 5, 100.0) in figures


def test_rollup_xlsx_reads_back(run_cli: Run, plan: Path) -> None:
    other = plan.parent / "khac-2024.yaml"
    other.write_text(
        PLAN.format(report="").replace("xã Thử, parent", "xã Khác, parent"), encoding="utf-8"
    )
    result = run_cli(
        "overdue",
        plan,
        other,
        "--group-by",
        "agency",
        "--as-of",
        "2024-07-15",
        "-o",
        "tong-hop.xlsx",
    )
    assert result.exit_code == 0, result.output
    book = load_workbook(io.BytesIO((plan.parent / "tong-hop.xlsx").read_bytes()))
    (sheet,) = book.worksheets
    rows = _sheet_rows(sheet)
    assert rows[0][0] == "Đơn vị" and sheet.freeze_panes == "A2"
    assert [row[0] for row in rows[1:]] == [
        "Ủy ban nhân dân xã Khác",
        "Ủy ban nhân dân xã Thử",
        "Tổng cộng",
    ]
    json_result = run_cli(
        "overdue", plan, other, "--group-by", "agency", "--as-of", "2024-07-15", "--json"
    )
    total = json.loads(json_result.stdout)["totals"]
    assert rows[-1][6] == total["overdue"]
    bad = run_cli("overdue", plan, "-o", "x.xlsx")
    assert bad.exit_code == 2


# --- the plan's own "công tác chỉ đạo, điều hành", area goals, a plan issued as a Kế hoạch ----

DIRECTED = PLAN.replace(
    "reporting:\n",
    """\
  - id: "2"
    title: {title}
{flag}    objectives: [Nâng cao chất lượng phục vụ người dân.]
    targets: [Tỷ lệ hồ sơ giải quyết đúng hạn đạt 100%.]
    tasks:
      - id: 2.a
        title: Ban hành kế hoạch tuyên truyền
        lead: [vp-tk]
        timeline: Quý I/2024
        milestones: [{{what: Ban hành, due: Quý I/2024, done: 2024-02-01}}]
reporting:
""",
)


def _directed(plan: Path, title: str, flag: str = "") -> None:
    text = DIRECTED.replace("{title}", title).replace("{flag}", flag)
    plan.write_text(text.format(report=""), encoding="utf-8")


@pytest.mark.parametrize(
    ("title", "flag", "in_part_one"),
    [
        ("Công tác chỉ đạo, điều hành cải cách hành chính", "", True),
        ("CONG TAC CHI DAO DIEU HANH CCHC", "", True),  # typed without diacritics
        ("Công tác chỉ đạo, điều hành CCHC", "    direction: false\n", False),
        ("Tuyên truyền cải cách hành chính", "    direction: true\n", True),
        ("Tuyên truyền cải cách hành chính", "", False),
    ],
)
def test_the_section_directing_the_reform_is_reported_in_part_one(
    run_cli: Run, plan: Path, title: str, flag: str, in_part_one: bool
) -> None:
    _directed(plan, title, flag)
    text = _markdown(run_cli, plan, "--date", "2024-03-20").stdout
    part_one = text.split(OUTLINE_MD[0])[1].split(OUTLINE_MD[1])[0]
    part_two = text.split(OUTLINE_MD[1])[1].split(OUTLINE_MD[4])[0]
    assert ("**2.a.** *Ban hành kế hoạch tuyên truyền*" in part_one) == in_part_one
    assert ("**2.a.**" in part_two) != in_part_one
    assert (f"### 2. {title}" in part_two) != in_part_one
    # the figures still count it, in the table by area
    assert f"| 2 | {title} | 1 | 0 | 1 | 1 | 0 | 0 | 0 |" in text
    document = run_cli(
        "report", plan, "--period", "2024-Q1", "--date", "2024-03-20", "-o", "d.docx"
    )
    assert document.exit_code == 0, document.output
    texts = [p.text for p in docx.Document(str(plan.parent / "d.docx")).paragraphs]
    one, two = texts.index("I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH"), texts.index(OUTLINE_MD[1][3:])
    task = next(i for i, t in enumerate(texts) if t.startswith("2.a. Ban hành kế hoạch tuyên"))
    assert (one < task < two) == in_part_one
    # the narrative file asks for part I's text only once
    init = run_cli("report", plan, "--period", "2024-Q2", "--init-notes")
    assert init.exit_code == 0, init.output
    headings = (plan.parent / "reports" / "thu-2024-Q2.md").read_text(encoding="utf-8")
    assert (f"## II. 2. {title}" in headings) != in_part_one


def test_area_objectives_and_targets_are_shown_under_the_area(run_cli: Run, plan: Path) -> None:
    _directed(plan, "Cải cách thủ tục hành chính")
    text = _markdown(run_cli, plan, "--date", "2024-03-20").stdout
    area = text.split("### 2. Cải cách thủ tục hành chính")[1].split("**2.a.**")[0]
    assert "*Mục tiêu:* Nâng cao chất lượng phục vụ người dân." in area
    assert "*Chỉ tiêu:* Tỷ lệ hồ sơ giải quyết đúng hạn đạt 100%." in area
    result = run_cli("report", plan, "--period", "2024-Q1", "--date", "2024-03-20", "-o", "g.docx")
    assert result.exit_code == 0, result.output
    texts = [p.text for p in docx.Document(str(plan.parent / "g.docx")).paragraphs]
    heading = texts.index("2. Cải cách thủ tục hành chính")
    assert texts[heading + 1 : heading + 3] == [
        "Mục tiêu: Nâng cao chất lượng phục vụ người dân.",
        "Chỉ tiêu: Tỷ lệ hồ sơ giải quyết đúng hạn đạt 100%.",
    ]
    context = json_items(_markdown(run_cli, plan, "--date", "2024-03-20", "--json").stdout)
    (area_context,) = [a for a in context[0]["areas"] if a["id"] == "2"]
    assert area_context["targets"] == ["Tỷ lệ hồ sơ giải quyết đúng hạn đạt 100%."]


PLAN_DOCUMENT = """\
  document:
    number: 01/KH-UBND
    date: 2024-01-10
    signer: Trần Văn Bình
    signer_title: Phó Chủ tịch
    authority: KT. CHỦ TỊCH
"""


@pytest.mark.parametrize("decision", [False, True])
def test_a_plan_issued_as_a_ke_hoach_names_its_own_number_and_signer(
    run_cli: Run, plan: Path, decision: bool
) -> None:
    approving = (
        "  decision: {number: 05/QĐ-UBND, date: 2024-01-12, signer: Lê Văn Cường, "
        "signer_title: Chủ tịch}\n"
        if decision
        else ""
    )
    plan.write_text(PLAN.format(report=PLAN_DOCUMENT + approving), encoding="utf-8")
    text = _markdown(run_cli, plan, "--date", "2024-03-20").stdout
    basis = (
        "Thực hiện Kế hoạch số 01/KH-UBND ngày 10/01/2024 về cải cách hành chính năm 2024 xã Thử"
    )
    assert basis in text
    assert ("được phê duyệt tại Quyết định số 05/QĐ-UBND ngày 12/01/2024" in text) == decision
    body = text.split("\n## PHỤ LỤC")[0].rstrip()  # the annexes follow the signature
    assert body.endswith("**KT. CHỦ TỊCH**  \n**PHÓ CHỦ TỊCH**\n\n**Trần Văn Bình**")
    result = run_cli("report", plan, "--period", "2024-Q1", "--date", "2024-03-20", "-o", "k.docx")
    assert result.exit_code == 0, result.output
    document = docx.Document(str(plan.parent / "k.docx"))
    assert any(p.text.startswith(basis) for p in document.paragraphs)
    signing = next(t for t in document.tables if "Nơi nhận" in t.rows[0].cells[0].text)
    signature = [p.text for p in signing.rows[0].cells[1].paragraphs if p.text]
    assert signature == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Trần Văn Bình"]
    # the command line still wins, and the authority then follows the title asked for
    text = _markdown(
        run_cli,
        plan,
        "--date",
        "2024-03-20",
        "--signer",
        "Lê Văn Cường",
        "--signer-title",
        "Chủ tịch",
    ).stdout
    assert (
        text.split("\n## PHỤ LỤC")[0]
        .rstrip()
        .endswith("**TM. ỦY BAN NHÂN DÂN**  \n**CHỦ TỊCH**\n\n**Lê Văn Cường**")
    )
