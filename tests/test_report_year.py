"""A reviewer's reading (as at a Sở Nội vụ) of the four reports of a realistic 2024 on the
shipped plan, each made on its signing date (issue 21): one basis, no placeholder in a final
file, compact results, part IV short and right, counts that add up, true attribution, the
plan's numbering and the statistics annex. The year is a fixture in ``tmp_path``
(``tests.helpers.realistic_year``); nothing of it is written into ``plans/``.

Golden files: ``tests/golden/year/*.md`` are its four Markdown reports; regenerate on purpose:

    CAICACH_UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_report_year.py -k golden
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import (
    MINIMAL_PLAN,
    REALISTIC_SIGNED,
    REPO,
    TWO_DUTIES,
    invoke,
    json_items,
    realistic_year,
)

GOLDEN = REPO / "tests" / "golden" / "year"
KEYS = tuple(REALISTIC_SIGNED)


@pytest.fixture(scope="module")
def year(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return realistic_year(tmp_path_factory.mktemp("year"))


@pytest.fixture(scope="module")
def markdown(year: Path) -> dict[str, str]:
    texts = {}
    for key, signed in REALISTIC_SIGNED.items():
        result = invoke("report", "--period", key, "--signed", signed.isoformat(), "-o", "-", year)
        assert result.exit_code == 0, result.output
        texts[key] = result.stdout
    return texts


def context(year: Path, key: str) -> dict[str, Any]:
    signed = REALISTIC_SIGNED[key].isoformat()
    result = invoke("report", "--period", key, "--signed", signed, "--json", year)
    assert result.exit_code == 0, result.output
    record: dict[str, Any] = json_items(result.stdout)[0]
    return record


def percents(text: str) -> list[float]:
    return [float(value.replace(",", ".")) for value in re.findall(r"(\d+,\d)%", text)]


# --- 1. one basis --------------------------------------------------------------------------


@pytest.mark.parametrize("key", KEYS)
def test_the_basis_is_stated_once(markdown: dict[str, str], key: str) -> None:
    text = markdown[key]
    assert (
        text.count("Số liệu tính lũy kế từ đầu năm") + text.count("Số liệu ghi theo hai cột") == 1
    )


def test_quy_iii_shows_both_bases_labelled_everywhere(year: Path, markdown: dict[str, str]) -> None:
    text = markdown["2024-Q3"]
    data = context(year, "2024-Q3")
    period, ytd = data["figures"]["bases"]
    assert (period["label"], ytd["label"]) == ("Trong kỳ", "Lũy kế từ đầu năm")
    assert f"Trong kỳ: {period['tasks']['done']}/{period['tasks']['total']} việc" in text
    assert f"Lũy kế từ đầu năm: {ytd['tasks']['done']}/{ytd['tasks']['total']} việc" in text
    assert "| TT | Lĩnh vực | Số nhiệm vụ | Trong kỳ: số việc |" in text
    total = data["figures"]["total"]
    assert total["b0"]["total"] == period["tasks"]["total"]
    assert total["b1"]["total"] == ytd["tasks"]["total"]
    # The command's own line says both, with the same numbers.
    signed = REALISTIC_SIGNED["2024-Q3"].isoformat()
    line = invoke("report", "--period", "2024-Q3", "--signed", signed, "-o", "q3.md", year)
    assert f"trong kỳ: {period['tasks']['total']} việc có thời hạn" in line.output
    assert f"lũy kế từ đầu năm: {ytd['tasks']['total']} việc có thời hạn" in line.output
    Path("q3.md").unlink()


@pytest.mark.parametrize("key", ["2024-Q1", "2024-H1", "2024"])
def test_a_period_from_january_has_one_basis(year: Path, key: str) -> None:
    data = context(year, key)
    assert [basis["label"] for basis in data["figures"]["bases"]] == ["Lũy kế từ đầu năm"]


def test_the_spreadsheet_uses_the_same_bases(year: Path, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    target = tmp_path / "q3.xlsx"
    signed = REALISTIC_SIGNED["2024-Q3"].isoformat()
    result = invoke("report", "--period", "2024-Q3", "--signed", signed, "-o", target, year)
    assert result.exit_code == 0, result.output
    book = load_workbook(target)
    headers = [cell.value for cell in book["Theo lĩnh vực"][1]]
    assert "Trong kỳ: Việc có thời hạn" in headers and "Lũy kế từ đầu năm: Quá hạn" in headers
    data = context(year, "2024-Q3")
    last = [cell.value for cell in book["Theo lĩnh vực"][book["Theo lĩnh vực"].max_row]]
    column = headers.index("Lũy kế từ đầu năm: Việc có thời hạn")
    assert last[column] == data["figures"]["total"]["b1"]["total"]
    annex = [row for row in book["Phụ lục số liệu"].iter_rows(min_row=2, values_only=True)]
    assert len(annex) == 16


# --- 2. draft or final ---------------------------------------------------------------------


@pytest.mark.parametrize("key", ["2024-Q1", "2024-H1"])
def test_the_written_periods_are_final_without_placeholders(
    markdown: dict[str, str], key: str
) -> None:
    text = markdown[key]
    assert "DỰ THẢO" not in text and "[Chưa viết" not in text and "chưa có số liệu" not in text


@pytest.mark.parametrize("key", ["2024-Q3", "2024"])
def test_the_unwritten_periods_are_drafts_without_a_number(
    markdown: dict[str, str], key: str
) -> None:
    text = markdown[key]
    assert text.startswith("**DỰ THẢO**")
    assert "Số:         /BC-UBND" in text


@pytest.mark.parametrize("flag", [["--number", "102"], ["--final"]])
def test_a_numbered_or_final_draft_is_refused_naming_what_is_missing(
    year: Path, tmp_path: Path, flag: list[str]
) -> None:
    target = tmp_path / "q3.docx"
    result = invoke(
        "report", "--period", "2024-Q3", "--signed", "2024-10-02", *flag, "-o", target, year
    )
    assert result.exit_code == 2
    assert "III. 2. Hạn chế, tồn tại" in result.output
    assert "tinh-minh-2024-Q3.md" in result.output and "Phụ lục số liệu" in result.output
    assert not target.exists()


def test_a_final_report_takes_its_number(year: Path, tmp_path: Path) -> None:
    target = tmp_path / "q1.md"
    result = invoke(
        "report",
        "--period",
        "2024-Q1",
        "--signed",
        "2024-03-18",
        "--number",
        "15",
        "-o",
        target,
        year,
    )
    assert result.exit_code == 0, result.output
    assert "Số: 15/BC-UBND" in target.read_text(encoding="utf-8")


def test_the_draft_word_file_says_du_thao_at_the_top(year: Path, tmp_path: Path) -> None:
    import docx

    target = tmp_path / "q3.docx"
    assert (
        invoke(
            "report", "--period", "2024-Q3", "--signed", "2024-10-02", "-o", target, year
        ).exit_code
        == 0
    )
    document = docx.Document(str(target))
    assert document.paragraphs[0].text == "DỰ THẢO"
    final = tmp_path / "q1.docx"
    assert (
        invoke(
            "report", "--period", "2024-Q1", "--signed", "2024-03-18", "-o", final, year
        ).exit_code
        == 0
    )
    assert "DỰ THẢO" not in "\n".join(p.text for p in docx.Document(str(final)).paragraphs)


# --- 3. results, compactly -----------------------------------------------------------------


def test_a_task_appears_with_what_was_recorded(markdown: dict[str, str]) -> None:
    text = markdown["2024-Q1"]
    assert "Ban hành kế hoạch: hoàn thành ngày 20/02/2024 — Kế hoạch số 15/KH-UBND" in text
    assert "Ngày 26/02/2024: Số hóa 312 hồ sơ" in text
    assert "Tình trạng: Thực hiện thường xuyên" not in text


def test_quiet_tasks_are_one_sentence_per_area(year: Path, markdown: dict[str, str]) -> None:
    data = context(year, "2024-Q1")
    for area in data["areas"]:
        if area["quiet"]:
            assert markdown["2024-Q1"].count(area["quiet_text"]) == 1
    area_three = next(area for area in data["areas"] if area["id"] == "3")
    assert area_three["quiet"] == ["3.a", "3.b", "3.c"] and not area_three["tasks"]


def test_long_titles_are_short_in_the_text_and_full_in_the_annex(year: Path) -> None:
    data = context(year, "2024-Q1")
    tasks = [task for area in data["sections"] for task in area["tasks"]]
    assert all(len(task["short_title"]) <= 72 for task in tasks)
    full = {row["id"]: row["title"] for row in data["task_annex"]}
    assert all(full[task["id"]] == task["title"] for task in tasks)


def _pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    return int(re.search(r"Pages:\s+(\d+)", info.stdout).group(1))  # type: ignore[union-attr]


def _page_of(pdf: Path, text: str, pages: int) -> int:
    for page in range(1, pages + 1):
        found = subprocess.run(
            ["pdftotext", "-f", str(page), "-l", str(page), str(pdf), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        if text in found:
            return page
    return pages + 1


@pytest.mark.slow
@pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdfinfo") is None,
    reason="LibreOffice (soffice) and poppler (pdfinfo) are needed to count the pages",
)
def test_the_quy_i_report_body_fits_on_four_to_six_pages(year: Path, tmp_path: Path) -> None:
    target = tmp_path / "q1.docx"
    assert (
        invoke(
            "report", "--period", "2024-Q1", "--signed", "2024-03-18", "-o", target, year
        ).exit_code
        == 0
    )
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(target)],
        capture_output=True,
        check=True,
        timeout=240,
    )
    pdf = tmp_path / "q1.pdf"
    pages = _pages(pdf)
    body = _page_of(pdf, "PHỤ LỤC SỐ LIỆU", pages) - 1  # the annexes start on a new page
    assert 4 <= body <= 6, f"body {body} pages, {pages} with the annexes"


# --- 4. part IV ----------------------------------------------------------------------------


def _part_iv(text: str) -> str:
    return text.split("## IV.")[1].split("## V.")[0]


def test_part_iv_leaves_out_what_is_done_by_signing_and_the_report_itself(
    markdown: dict[str, str],
) -> None:
    part = _part_iv(markdown["2024-Q1"])
    assert "Ban hành kế hoạch đào tạo" not in part  # 4.a done 15/03, signed 18/03
    assert "Báo cáo quý (quý I" not in part
    monthly = [line for line in part.splitlines() if "2.d" in line and "hàng tháng" in line]
    assert len(monthly) == 1 and "4 kỳ" in monthly[0]
    assert len([line for line in part.splitlines() if line.startswith("- ")]) <= 16


def test_part_iv_of_quy_iii_does_not_list_work_due_before_the_signing(
    markdown: dict[str, str],
) -> None:
    part = _part_iv(markdown["2024-Q3"])
    for line in part.splitlines():
        if "hạn 30/09/2024" in line:
            assert line.startswith("- Khẩn trương hoàn thành")


def test_the_year_report_follows_next_years_plan(
    year: Path, markdown: dict[str, str], tmp_path: Path
) -> None:
    assert "theo Kế hoạch cải cách hành chính năm 2025 của Ủy ban nhân dân xã Tịnh Minh" in (
        _part_iv(markdown["2024"])
    )
    folder = tmp_path / "plans"
    shutil.copytree(year.parent, folder)
    text = year.read_text(encoding="utf-8").replace("2024", "2025").replace("2023", "2024")
    (folder / "tinh-minh-2025.yaml").write_text(text, encoding="utf-8")
    result = invoke(
        "report", "--period", "2024", "--signed", "2024-12-16", "-o", "-", folder / year.name
    )
    assert result.exit_code == 0, result.output
    assert "Triển khai Kế hoạch cải cách hành chính năm 2025 xã Tịnh Minh" in _part_iv(
        result.stdout
    )


# --- 5. attribution and deadlines -----------------------------------------------------------


def test_no_deadline_is_attributed_to_the_plan_that_does_not_set_one(
    markdown: dict[str, str],
) -> None:
    for text in markdown.values():
        assert "theo kế hoạch: ngày" not in text
        assert "- UBND huyện (Phòng Nội vụ huyện);" in text


def test_deadline_and_recipient_come_from_the_report_to_the_province(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(MINIMAL_PLAN + TWO_DUTIES, encoding="utf-8")
    result = invoke("report", "--period", "2024-Q1", "--signed", "2024-03-10", "-o", "-", plan)
    assert result.exit_code == 0, result.output
    assert "Thời hạn gửi báo cáo theo kế hoạch: ngày 15/03/2024." in result.stdout
    assert "- Sở Nội vụ tỉnh Quảng Ngãi;" in result.stdout
    assert "Văn phòng UBND xã;" not in result.stdout


def test_check_warns_when_the_report_has_no_recipient_above_the_commune(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(MINIMAL_PLAN + TWO_DUTIES.split("  - id: III.1")[0], encoding="utf-8")
    result = invoke("check", plan)
    assert result.exit_code == 0
    assert "cảnh báo: kế hoạch không có nghĩa vụ báo cáo gửi cấp trên" in result.output


def test_signed_before_the_cut_off_counts_up_to_the_signing_day(year: Path) -> None:
    result = invoke("report", "--period", "2024-Q1", "--signed", "2024-03-07", "-o", "-", year)
    assert result.exit_code == 0, result.output
    assert (
        "đến ngày 07/03/2024 (đầu kỳ theo Điều 12 Nghị định số 09/2019/NĐ-CP, số liệu đến "
        "ngày ký báo cáo)" in result.stdout
    )
    assert "trước ngày chốt số liệu" not in result.output


# --- 6. counts -----------------------------------------------------------------------------


@pytest.mark.parametrize("key", KEYS)
def test_every_headline_adds_up(markdown: dict[str, str], key: str) -> None:
    for line in markdown[key].splitlines():
        if line.startswith(("Trong kỳ:", "Lũy kế từ đầu năm:")):
            done, on_time, late, open_, in_time, overdue = percents(line)
            assert round(on_time + late, 1) == done
            assert round(in_time + overdue, 1) == open_
            assert round(done + open_, 1) == 100.0


@pytest.mark.parametrize("key", KEYS)
def test_area_rows_add_up_to_the_total(year: Path, key: str) -> None:
    figures = context(year, key)["figures"]
    for index in range(len(figures["bases"])):
        name = f"b{index}"
        for field in ("total", "done", "in_time", "overdue"):
            assert sum(a[name][field] for a in figures["areas"]) == figures["total"][name][field]
        assert figures["total"][name]["total"] == figures["bases"][index]["tasks"]["total"]


def test_the_reports_are_counted_in_their_own_row_and_this_one_is_named(
    year: Path, markdown: dict[str, str]
) -> None:
    year_report = markdown["2024"]
    assert "báo cáo năm (năm 2024): báo cáo này" in year_report.lower()
    data = context(year, "2024")
    sent = data["figures"]["bases"][0]["reports"]
    # Q1, H1 sent on time, Q3 on 02/10 after its day (30/09); this one not counted.
    assert (sent["total"], sent["done_on_time"], sent["done_late"]) == (3, 2, 1)
    assert all(area["id"] != "III" for area in data["figures"]["areas"])


# --- 7. numbering --------------------------------------------------------------------------


@pytest.mark.parametrize("key", KEYS)
def test_headings_and_tables_use_the_plans_numbers(markdown: dict[str, str], key: str) -> None:
    text = markdown[key]
    assert "### 2. Cải cách thủ tục hành chính (TTHC) và thực hiện cơ chế một cửa" in text
    section_two = text.split("### 2. ")[1].split("### 3. ")[0]
    assert set(re.findall(r"^\*\*(\d+)\.[^*]*\*\*", section_two, re.M)) == {"2"}
    assert "| III |" not in text and "Tổ chức thực hiện (báo cáo định kỳ)" not in text


# --- 8. the statistics annex ---------------------------------------------------------------


def test_the_annex_is_filled_from_the_figures_file(markdown: dict[str, str]) -> None:
    text = markdown["2024-H1"]
    annex = text.split("## PHỤ LỤC SỐ LIỆU")[1]
    assert "| 1.1 | Hồ sơ thủ tục hành chính tiếp nhận | hồ sơ | 412 |" in annex
    assert "| 4.2 | Trong đó: Văn bản đi được ký số | văn bản | 205 | 97,6% |" in annex
    assert "| 5.1 | Mức độ hài lòng" in annex and "| 98,5 |" in annex


def test_init_notes_writes_a_blank_figures_file(tmp_path: Path) -> None:
    folder = realistic_year(tmp_path)
    result = invoke("report", "--period", "2024-Q3", "--init-notes", folder)
    assert result.exit_code == 0, result.output
    written = folder.parent / "reports" / "tinh-minh-2024-Q3.so-lieu.yaml"
    text = written.read_text(encoding="utf-8")
    assert "period: 2024-Q3" in text and "ho-so-tiep-nhan:" in text
    assert re.search(r"^  ho-so-tiep-nhan:\s+#", text, re.M)


def test_a_bad_figure_stops_the_report_at_its_position(tmp_path: Path) -> None:
    folder = realistic_year(tmp_path)
    figures = folder.parent / "reports" / "tinh-minh-2024-Q1.so-lieu.yaml"
    figures.write_text(figures.read_text(encoding="utf-8").replace("98,5", "105"), encoding="utf-8")
    result = invoke("report", "--period", "2024-Q1", "--signed", "2024-03-18", "-o", "-", folder)
    assert result.exit_code == 2
    assert (
        "tinh-minh-2024-Q1.so-lieu.yaml:18:20: lỗi: tỷ lệ 105 ngoài khoảng 0–100" in result.output
    )


def test_the_province_roll_up_carries_the_figures(year: Path, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    target = tmp_path / "tong-hop.xlsx"
    result = invoke("overdue", "--group-by", "agency", "--as-of", "2024-07-01", "-o", target, year)
    assert result.exit_code in (0, 1), result.output
    sheet = load_workbook(target)["Số liệu thống kê"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][:3] == ("Ủy ban nhân dân xã Tịnh Minh", "6 tháng đầu năm 2024", 412)


# --- golden files ---------------------------------------------------------------------------


@pytest.mark.parametrize("key", KEYS)
def test_golden_year(markdown: dict[str, str], key: str) -> None:
    path = GOLDEN / f"tinh-minh-{key}.md"
    if os.environ.get("CAICACH_UPDATE_GOLDEN"):
        path.parent.mkdir(exist_ok=True)
        path.write_text(markdown[key], encoding="utf-8")
    hint = "review, then: CAICACH_UPDATE_GOLDEN=1 pytest tests/test_report_year.py -k golden"
    assert markdown[key] == path.read_text(encoding="utf-8"), hint


def test_a_province_indicator_list_replaces_the_default(tmp_path: Path) -> None:
    folder = realistic_year(tmp_path)
    own = tmp_path / "chi-tieu-tinh.yaml"
    own.write_text(
        "groups:\n  - title: Một cửa\n    indicators:\n      - id: tiep-nhan\n"
        "        label: Hồ sơ tiếp nhận\n        unit: hồ sơ\n",
        encoding="utf-8",
    )
    init = invoke("report", "--period", "2024-Q3", "--init-notes", "--indicators", own, folder)
    assert init.exit_code == 0, init.output
    figures = folder.parent / "reports" / "tinh-minh-2024-Q3.so-lieu.yaml"
    assert "  tiep-nhan:" in figures.read_text(encoding="utf-8")
    assert "ho-so-tiep-nhan" not in figures.read_text(encoding="utf-8")
    figures.write_text("period: 2024-Q3\nvalues:\n  tiep-nhan: 120\n", encoding="utf-8")
    args = ("report", "--period", "2024-Q3", "--signed", "2024-10-02", "-o", "-", folder)
    result = invoke(*args, "--indicators", own)
    assert result.exit_code == 0, result.output
    assert "| 1.1 | Hồ sơ tiếp nhận | hồ sơ | 120 |" in result.stdout
    # With the default list the same file names an indicator it does not know.
    default = invoke(*args)
    assert (
        default.exit_code == 2 and "chỉ tiêu 'tiep-nhan' không có trong danh mục" in default.output
    )
