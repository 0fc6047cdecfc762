"""`caicach report` end to end: files written, formats, templates, periods, errors.

Golden files: tests/golden/*.md are the Markdown reports of tests/golden/tien-do-2024.yaml.
After an intended change to the report, regenerate them and review the diff:

    CAICACH_UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_cli_report.py -k golden
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from cai_cach.loading import load_plan
from cai_cach.periods import parse_period
from tests.helpers import MINIMAL_PLAN, REPO, SHIPPED_PLAN, late_or_due, run
from tests.test_render import (
    HOSTILE,
    assert_official_layout,
    body_text,
    hostile_plan,
    make_docx_template,
    open_docx,
    table_rows,
)

GOLDEN = REPO / "tests" / "golden"
PROGRESS_PLAN = GOLDEN / "tien-do-2024.yaml"
Run = Callable[..., Any]


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def shipped_overdue(key: str) -> list[tuple[str, str]]:
    """(task id, lead titles) of every obligation overdue at the end of the period's official
    data window, as `caicach overdue` computes it."""
    loaded = load_plan(SHIPPED_PLAN)
    cut_off = parse_period(key).official_window()[1]
    return [
        (f.task.id, "; ".join(loaded.plan.titles(f.task.lead)))
        for f in late_or_due(loaded.plan, cut_off)
    ]


# --- the shipped plan -----------------------------------------------------------------------


def test_word_report_of_the_shipped_plan(run_cli: Run, in_tmp: Path) -> None:
    result = run_cli(
        "report", "--period", "2024-Q1", "--format", "docx", "--date", "2024-04-05", SHIPPED_PLAN
    )
    assert result.exit_code == 0, result.output
    path = in_tmp / "bao-cao-tinh-minh-2024-Q1.docx"
    assert f"✓ {path.name}" in result.stdout
    document = open_docx(path)
    assert_official_layout(document, "Tịnh Minh", date(2024, 4, 5))
    overdue = shipped_overdue("2024-Q1")
    assert overdue, "the shipped plan has overdue work at the end of Q1's window"
    rows = table_rows(document, "Nhiệm vụ, việc cần làm")
    for task_id, lead in overdue:
        assert any(row[1].startswith(f"{task_id}: ") and row[2] == lead for row in rows), task_id
    assert len(rows) == len(overdue)


def test_markdown_report_of_the_shipped_plan(run_cli: Run, in_tmp: Path) -> None:
    result = run_cli(
        "report", "--period", "2024-Q1", "-f", "md", "--date", "2024-04-05", SHIPPED_PLAN
    )
    assert result.exit_code == 0, result.output
    text = (in_tmp / "bao-cao-tinh-minh-2024-Q1.md").read_text(encoding="utf-8")
    assert "*Tịnh Minh, ngày 05 tháng 4 năm 2024*" in text
    assert "**Độc lập - Tự do - Hạnh phúc**" in text
    # The decision's own header: no parent line above the commune.
    assert text.startswith("**DỰ THẢO**\n\n**ỦY BAN NHÂN DÂN XÃ TỊNH MINH**")
    assert "HUYỆN SƠN TỊNH" not in text
    overdue_part = text.split("### 2. Hạn chế", 1)[1].split("### 3.", 1)[0]
    rows = [line for line in overdue_part.splitlines() if line.startswith("| ") and ": " in line]
    overdue = shipped_overdue("2024-Q1")
    assert len(rows) == len(overdue)
    for task_id, lead in overdue:
        assert any(f"| {task_id}: " in row and f"| {lead} |" in row for row in rows), task_id


# --- periods --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "form",
    [
        "2024-Q1",
        "2024-Q2",
        "2024-Q3",
        "2024-Q4",
        "2024-H1",
        "2024-9M",
        "2024",
        "2024-03",
        "Quý I/2024",
        "6 tháng đầu năm 2024",
        "năm 2024",
    ],
)
def test_each_period_form(run_cli: Run, in_tmp: Path, form: str) -> None:
    period = parse_period(form)
    result = run_cli("report", "--period", form, "-f", "md", "--date", "2024-12-20", PROGRESS_PLAN)
    assert result.exit_code == 0, result.output
    stem = "bao-cao-tien-do-" + period.key
    text = (in_tmp / f"{stem}.md").read_text(encoding="utf-8")
    assert f"**Kết quả thực hiện công tác cải cách hành chính {period.label}**" in text
    start, end = period.official_window()
    assert f"Số liệu tính từ ngày {start:%d/%m/%Y} đến ngày {end:%d/%m/%Y}" in text
    assert f"đến hết {period.next().label}" in text


def test_calendar_and_as_of(run_cli: Run) -> None:
    calendar = run_cli("report", "--period", "2024-Q1", "--calendar", "-o", "-", PROGRESS_PLAN)
    assert "từ ngày 01/01/2024 đến ngày 31/03/2024 (theo kỳ dương lịch)" in calendar.stdout
    cut = run_cli(
        "report", "--period", "2024-Q1", "--as-of", "20/03/2024", "-o", "-", PROGRESS_PLAN
    )
    assert (
        "từ ngày 15/12/2023 đến ngày 20/03/2024 (đầu kỳ theo Điều 12 Nghị định số 09/2019/NĐ-CP)"
        in cut.stdout
    )


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--period", "2024-Q5"], "--period: không hiểu kỳ '2024-Q5'"),
        ([], "thiếu kỳ báo cáo --period"),
        (
            ["--period", "2024-Q1", "--date", "2024-02-30"],
            "--date: ngày '2024-02-30' không tồn tại",
        ),
        (["--period", "2024-Q1", "--as-of", "2023-01-01"], "--as-of 01/01/2023 trước ngày bắt đầu"),
        (
            ["--period", "2024-Q1", "--format", "txt"],
            "--format phải là 'docx', 'md', 'pdf' hoặc 'xlsx'",
        ),
        (["--period", "2024-Q1", "-o", "-", "-f", "docx"], "không thể in tệp Word ra màn hình"),
        (["--period", "2024-Q1", "-o", "-", "-f", "xlsx"], "không thể in tệp Excel ra màn hình"),
        (["--period", "2025-Q1"], "không có kế hoạch nào của năm 2025"),
    ],
)
def test_usage_errors(run_cli: Run, in_tmp: Path, args: list[str], words: str) -> None:
    result = run_cli("report", *args, PROGRESS_PLAN)
    assert result.exit_code == 2
    assert words in result.stderr
    assert "Traceback" not in result.output
    assert list(in_tmp.iterdir()) == []


# --- writing --------------------------------------------------------------------------------


def test_refuses_to_overwrite_without_force(run_cli: Run, in_tmp: Path) -> None:
    target = in_tmp / "bao-cao.md"
    target.write_text("bản cũ\n", encoding="utf-8")
    refused = run_cli("report", "--period", "2024-Q1", "-o", target, PROGRESS_PLAN)
    assert refused.exit_code == 2
    assert f"tệp '{target}' đã tồn tại" in refused.stderr and "--force" in refused.stderr
    assert target.read_text(encoding="utf-8") == "bản cũ\n"
    assert sorted(p.name for p in in_tmp.iterdir()) == ["bao-cao.md"]  # no temporary file left
    forced = run_cli("report", "--period", "2024-Q1", "-o", target, "--force", PROGRESS_PLAN)
    assert forced.exit_code == 0, forced.output
    assert "# BÁO CÁO" in target.read_text(encoding="utf-8")


def test_format_follows_output_name_and_folder(run_cli: Run, in_tmp: Path) -> None:
    assert run_cli("report", "--period", "2024-Q1", "-o", "q1.md", PROGRESS_PLAN).exit_code == 0
    assert (
        (in_tmp / "q1.md").read_text(encoding="utf-8").startswith("**DỰ THẢO**\n\nỦY BAN NHÂN DÂN")
    )
    folder = in_tmp / "bao-cao"
    folder.mkdir()
    assert run_cli("report", "--period", "2024-Q1", "-o", folder, PROGRESS_PLAN).exit_code == 0
    open_docx(folder / "bao-cao-tien-do-2024-Q1.docx")


def test_markdown_to_standard_output(run_cli: Run, in_tmp: Path) -> None:
    result = run_cli("report", "--period", "2024-Q1", "-o", "-", PROGRESS_PLAN)
    assert result.exit_code == 0
    assert result.stdout.startswith("**DỰ THẢO**\n\nỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI")
    assert list(in_tmp.iterdir()) == []


def test_number_and_signer_options(run_cli: Run) -> None:
    # The narrative of quý I is half written: a number (a signable file) is refused.
    refused = run_cli("report", "--period", "2024-Q1", "-o", "-", "--number", "27", PROGRESS_PLAN)
    assert refused.exit_code == 2 and refused.stdout == ""
    assert "còn thiếu III. 2. Hạn chế, tồn tại; III. 3. Nguyên nhân" in refused.output
    assert "reports/tien-do-2024-Q1.md" in refused.output
    result = run_cli(
        "report", "--period", "2024-Q1", "-o", "-",
        "--signer", "Lê Văn Cường", "--signer-title", "Phó Chủ tịch", PROGRESS_PLAN,
    )  # fmt: skip
    assert "Số:         /BC-UBND" in result.stdout
    assert "**KT. CHỦ TỊCH**  \n**PHÓ CHỦ TỊCH**" in result.stdout
    assert "**Lê Văn Cường**" in result.stdout


def test_one_report_per_plan_and_a_broken_plan_does_not_hide_the_others(
    run_cli: Run, in_tmp: Path, write_plan: Callable[..., Path]
) -> None:
    good = write_plan(PROGRESS_PLAN.read_text(encoding="utf-8"), "xa-a-2024.yaml")
    other = write_plan(PROGRESS_PLAN.read_text(encoding="utf-8"), "xa-b-2024.yaml")
    broken = write_plan("plan: [unclosed\n", "hong-2024.yaml")
    result = run_cli("report", "--period", "2024-Q1", good, broken, other)
    assert result.exit_code == 2
    assert f"{broken}:1:7: lỗi:" in result.stderr
    assert (in_tmp / "bao-cao-xa-a-2024-Q1.docx").is_file()
    assert (in_tmp / "bao-cao-xa-b-2024-Q1.docx").is_file()
    single = run_cli("report", "--period", "2024-Q1", "-o", "mot-tep.docx", good, other)
    assert single.exit_code == 2 and "cần một thư mục" in single.stderr


def test_plans_of_another_year_are_skipped(
    run_cli: Run, in_tmp: Path, write_plan: Callable[..., Path]
) -> None:
    old = write_plan(MINIMAL_PLAN.replace("year: 2024", "year: 2023"), "cu.yaml")
    result = run_cli("report", "--period", "2024-Q1", "-f", "md", old, PROGRESS_PLAN)
    assert result.exit_code == 0, result.output
    assert f"{old}: bỏ qua — kế hoạch năm 2023" in result.stderr
    assert sorted(p.name for p in in_tmp.iterdir()) == [
        "bao-cao-tien-do-2024-Q1-hinh-1.png",  # the report's figure, linked from it
        "bao-cao-tien-do-2024-Q1.md",
        "cu.yaml",
    ]


def test_character_xml_forbids_is_refused_with_its_line(
    run_cli: Run, in_tmp: Path, write_plan: Callable[..., Path]
) -> None:
    text = PROGRESS_PLAN.read_text(encoding="utf-8")
    plan = write_plan(text.replace("title: Công khai quyết toán ngân sách", "title: Công\x0bkhai"))
    line = text.splitlines().index("        title: Công khai quyết toán ngân sách") + 1
    result = run_cli("report", "--period", "2024-Q1", plan)
    assert result.exit_code == 2
    assert f"{plan}:{line}:" in result.stderr and "U+000B" in result.stderr
    assert list(in_tmp.iterdir()) == [plan]


# --- templates ------------------------------------------------------------------------------


def test_custom_markdown_template(run_cli: Run, tmp_path: Path) -> None:
    template = tmp_path / "ngan.md.j2"
    template.write_text(
        "{{ report.subject }}\n{% for o in overdue %}- {{ o.task }} ({{ o.lead }})\n{% endfor %}",
        encoding="utf-8",
    )
    result = run_cli("report", "--period", "2024-Q1", "-t", template, "-o", "-", PROGRESS_PLAN)
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "Kết quả thực hiện công tác cải cách hành chính quý I năm 2024\n"
        "- 1.c (Công chức Tài chính - Kế toán (Trần Thị Bình))\n"
    )


def test_custom_word_template(run_cli: Run, in_tmp: Path) -> None:
    template = make_docx_template(
        in_tmp / "mau.docx", ["{{ report.subject }}", "{{ signer.name }}"]
    )
    result = run_cli("report", "--period", "2024-Q1", "--template", template, PROGRESS_PLAN)
    assert result.exit_code == 0, result.output
    texts = body_text(open_docx(in_tmp / "bao-cao-tien-do-2024-Q1.docx"))
    assert texts[:2] == [
        "Kết quả thực hiện công tác cải cách hành chính quý I năm 2024",
        "Nguyễn Văn An",
    ]


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("hong.md.j2", "a\nb\n{% if %}\n", "hong.md.j2:3: lỗi: cú pháp mẫu sai"),
        (
            "la.md.j2",
            "{{ plan.title }}\n{{ ke_hoach }}\n",
            "la.md.j2:2: lỗi: mẫu dùng biến 'ke_hoach'",
        ),
        ("mau.txt", "x", "--template: không nhận ra loại mẫu"),
    ],
)
def test_broken_template(run_cli: Run, in_tmp: Path, name: str, content: str, words: str) -> None:
    template = in_tmp / name
    template.write_text(content, encoding="utf-8")
    result = run_cli("report", "--period", "2024-Q1", "-t", template, PROGRESS_PLAN)
    assert result.exit_code == 2
    assert words in result.stderr
    assert "Traceback" not in result.output
    assert sorted(p.name for p in in_tmp.iterdir()) == [name]


def test_missing_template(run_cli: Run, in_tmp: Path) -> None:
    result = run_cli("report", "--period", "2024-Q1", "-t", "khong-co.docx", PROGRESS_PLAN)
    assert result.exit_code == 2
    assert "không tìm thấy mẫu 'khong-co.docx'" in result.stderr


def test_hostile_plan_text_through_the_command(
    run_cli: Run, in_tmp: Path, write_plan: Callable[..., Path]
) -> None:
    plan = hostile_plan(write_plan)
    result = run_cli("report", "--period", "2024-Q1", "-o", "bao-cao.docx", plan)
    assert result.exit_code == 0, result.output
    document = open_docx(in_tmp / "bao-cao.docx")
    assert f"1.c. Công khai quyết toán {HOSTILE}:" in "\n".join(body_text(document))
    markdown = run_cli("report", "--period", "2024-Q1", "-o", "-", plan)
    # Markdown is read as HTML by forges: the same text, its special characters as entities.
    inert = HOSTILE.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    assert f"*Công khai quyết toán {inert}*" in markdown.stdout
    assert "<c>" not in markdown.stdout and "</w:t>" not in markdown.stdout


# --- golden files ---------------------------------------------------------------------------

GOLDEN_CASES = {
    "tien-do-2024-Q1.md": ["--period", "2024-Q1", "--date", "2024-03-18"],
    "tien-do-2024-H1-calendar.md": [
        "--period",
        "6 tháng đầu năm 2024",
        "--calendar",
        "--date",
        "2024-07-02",
    ],
    "hoa-binh-2025-Q3.md": ["--period", "2025-Q3", "--date", "2025-09-16"],
}
# A plan issued as a Kế hoạch, with units as leads, area goals and a "chỉ đạo, điều hành" section.
GOLDEN_PLANS = {"hoa-binh-2025-Q3.md": GOLDEN / "hoa-binh-2025.yaml"}


@pytest.mark.parametrize("name", sorted(GOLDEN_CASES))
def test_golden_markdown(run_cli: Run, name: str) -> None:
    plan = GOLDEN_PLANS.get(name, PROGRESS_PLAN)
    result = run_cli("report", *GOLDEN_CASES[name], "-o", "-", plan)
    assert result.exit_code == 0, result.output
    path = GOLDEN / name
    if os.environ.get("CAICACH_UPDATE_GOLDEN"):
        path.write_text(result.stdout, encoding="utf-8")
    hint = "review, then: CAICACH_UPDATE_GOLDEN=1 pytest tests/test_cli_report.py -k golden"
    assert result.stdout == path.read_text(encoding="utf-8"), hint


def test_a_report_to_a_named_file_over_an_invalid_plan_ends_in_the_located_error(
    tmp_path: Path,
) -> None:
    """Issue 20, item 6: was "lỗi nội bộ: ValueError: zip() argument 2 is longer than
    argument 1" (no plan loaded, one output file named)."""
    plan = tmp_path / "hong.yaml"
    plan.write_text(MINIMAL_PLAN.replace("    tasks:\n", "    tasks: []\n    x:\n"), "utf-8")
    code, output = run("report", "--period", "2024-Q1", "-f", "md", "-o", tmp_path / "r.md", plan)
    assert code == 2, output
    assert "hong.yaml:" in output and "nội bộ" not in output
    assert not (tmp_path / "r.md").exists()
