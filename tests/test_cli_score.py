"""evidence and score end to end, and done's document options."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import openpyxl
import pytest
from docx import Document

from tests.helpers import REPO, SHIPPED_PLAN, invoke

RUBRIC = REPO / "rubrics" / "vi-du-ca-mau.yaml"


@pytest.fixture
def office(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "plans").mkdir()
    shutil.copy(SHIPPED_PLAN, tmp_path / "plans" / "tinh-minh-2024.yaml")
    monkeypatch.chdir(tmp_path)
    return tmp_path / "plans" / "tinh-minh-2024.yaml"


def test_done_with_a_document_and_a_file_then_undo(office: Path, tmp_path: Path) -> None:
    before = office.read_bytes()
    scan = tmp_path / "bien-ban.pdf"
    scan.write_bytes(b"%PDF scan")
    result = invoke(
        "done",
        "1.c",
        "-d",
        "2024-01-20",
        "--doc",
        "05/KH-UBND",
        "--doc-date",
        "18/01/2024",
        "--file",
        scan,
    )
    assert result.exit_code == 0, result.output
    assert "Đã ghi tài liệu kiểm chứng" in result.output
    assert (office.parent / "evidence" / "1.c" / "bien-ban.pdf").read_bytes() == b"%PDF scan"
    listed = invoke("evidence", "--as-of", "2024-12-31")
    assert listed.exit_code == 0, listed.output
    assert "đúng mã băm" in listed.output
    [register] = json.loads(invoke("evidence", "--json", "--as-of", "2024-12-31").stdout)
    [proof] = register["proofs"]
    assert proof["standing"] == "có tệp"
    assert proof["documents"][0]["number"] == "05/KH-UBND"
    assert proof["documents"][0]["file"] == "evidence/1.c/bien-ban.pdf"
    assert register["files"] == [
        {"task": "1.c", "file": "evidence/1.c/bien-ban.pdf", "problem": None}
    ]
    undone = invoke("done", "1.c", "--undo")
    assert undone.exit_code == 0, undone.output
    assert "Đã bỏ tài liệu kiểm chứng" in undone.output
    assert office.read_bytes() == before


def test_done_reads_the_document_from_the_note(office: Path) -> None:
    result = invoke(
        "done",
        "2.b",
        "-d",
        "2024-02-20",
        "--note",
        "Đã ban hành Kế hoạch số 12/KH-UBND ngày 19/02/2024",
    )
    assert result.exit_code == 0, result.output
    assert "{number: 12/KH-UBND, date: 2024-02-19, kind: Kế hoạch" in office.read_text("utf-8")


def test_bad_document_options_write_nothing(office: Path) -> None:
    before = office.read_bytes()
    result = invoke("done", "1.c", "-d", "2024-01-20", "--doc-date", "2024-01-01")
    assert result.exit_code == 2
    assert "cần số văn bản" in result.output
    result = invoke("done", "1.c", "-d", "2024-01-20", "--doc", "1/KH", "--file", "khong-co.pdf")
    assert result.exit_code == 2 and "không có tệp" in result.output
    assert office.read_bytes() == before


def test_evidence_flags_done_work_without_documents(office: Path) -> None:
    invoke("done", "1.c", "-d", "2024-01-20")
    result = invoke("evidence", "--as-of", "2024-12-31")
    assert result.exit_code == 1
    assert "1/1 việc đã xong chưa có tài liệu kiểm chứng" in result.output
    data = json.loads(invoke("evidence", "--json", "--as-of", "2024-12-31").stdout)
    assert data[0]["proofs"][0]["standing"] == "thiếu"


def test_score_prints_json_and_files(office: Path, tmp_path: Path) -> None:
    result = invoke("score", "--rubric", RUBRIC, "--as-of", "2024-12-31")
    assert result.exit_code == 1, result.output  # an unscored criterion
    assert "bộ tiêu chí MẪU" in result.output
    assert "Tổng: 0/4 điểm; 1 tiêu chí chưa chấm được" in result.output
    data = json.loads(invoke("score", "--rubric", RUBRIC, "--json", "--as-of", "2024-12-31").stdout)
    assert [c["code"] for c in data["criteria"]] == ["1.1", "1.2", "1.3"]
    assert data["criteria"][0]["points"] is None
    out = tmp_path / "bang-diem.xlsx"
    assert invoke("score", "--rubric", RUBRIC, "-o", out).exit_code == 1
    assert openpyxl.load_workbook(out).sheetnames == ["Tự chấm điểm", "Thiếu kiểm chứng"]
    again = invoke("score", "--rubric", RUBRIC, "-o", out)
    assert again.exit_code == 2 and "đã tồn tại" in again.output
    word = tmp_path / "bang-diem.docx"
    invoke("score", "--rubric", RUBRIC, "-o", word)
    assert "BẢNG TỰ ĐÁNH GIÁ, CHẤM ĐIỂM" in [p.text for p in Document(word).paragraphs]
    bad = invoke("score", "--rubric", RUBRIC, "-o", tmp_path / "x.pdf")
    assert bad.exit_code == 2 and ".xlsx, .docx" in bad.output


def test_score_entries_and_malformed_rubric(office: Path, tmp_path: Path) -> None:
    rubric = tmp_path / "r.yaml"
    rubric.write_text(
        RUBRIC.read_text("utf-8").replace(
            "reports_on_time: {points: 1}", "task_done: {task: 9.z, points: 1}"
        ),
        encoding="utf-8",
    )
    result = invoke("score", "--rubric", rubric)
    assert result.exit_code == 2
    assert "'9.z'" in result.output and f"{rubric}:" in result.output
    assert "Traceback" not in result.output
    entries = tmp_path / "e.yaml"
    entries.write_text("scores:\n  '1.1': {points: 1, reason: Ban hành đúng hạn}\n", "utf-8")
    result = invoke("score", "--rubric", RUBRIC, "--entries", entries, "--json")
    assert json.loads(result.stdout)["criteria"][0]["points"] == 1


def test_score_needs_one_plan(office: Path) -> None:
    shutil.copy(office, office.parent / "khac-2024.yaml")
    result = invoke("score", "--rubric", RUBRIC)
    assert result.exit_code == 2 and "cần đúng một kế hoạch" in result.output
