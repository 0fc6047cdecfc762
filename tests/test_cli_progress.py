"""The progress commands end to end: done, note, diff (see test_plandiff), schema."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from cai_cach.cli import app
from cai_cach.loading import load_plan
from tests.helpers import MINIMAL_PLAN, REPO, SHIPPED_PLAN

Run = Callable[..., Any]
WritePlan = Callable[..., Path]


def test_done_writes_one_line_and_says_so(run_cli: Run, write_plan: WritePlan) -> None:
    path = write_plan()
    before = path.read_text(encoding="utf-8").splitlines()
    result = run_cli("done", "1.a", "--plan", path, "--date", "20/03/2024", "--note", "Số 12")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        f"✓ Đã ghi vào {path}: nhiệm vụ 1.a — mốc “Ban hành kế hoạch” hoàn thành ngày 20/03/2024",
        "    + dòng 20: done: 2024-03-20",
        "    + dòng 21: note: Số 12",
        f"  → xem lại bằng 'git diff {path}' rồi commit.",
    ]
    after = path.read_text(encoding="utf-8").splitlines()
    assert after[:19] == before[:19] and after[21:] == before[19:]


def test_done_undo_restores_the_file(run_cli: Run, write_plan: WritePlan) -> None:
    path = write_plan()
    original = path.read_bytes()
    assert run_cli("done", "1.a", "-p", path, "-d", "2024-03-20").exit_code == 0
    result = run_cli("done", "1.a", "-p", path, "--undo")
    assert result.exit_code == 0, result.output
    assert "(trước ghi hoàn thành ngày 20/03/2024)" in result.stdout
    assert "    - dòng 20: done: 2024-03-20" in result.stdout
    assert path.read_bytes() == original


def test_done_for_a_period_in_the_plans_words(run_cli: Run, write_plan: WritePlan) -> None:
    path = write_plan()
    result = run_cli("done", "1.đ", "-p", path, "--period", "tháng 2/2024", "-d", "05/03/2024")
    assert result.exit_code == 0, result.output
    assert "“Báo cáo tháng” tháng 2 năm 2024 hoàn thành ngày 05/03/2024" in result.stdout
    recurrence = load_plan(path).plan.sections[0].tasks[1].recurring[0]
    assert recurrence.done == {"2024-02": date(2024, 3, 5)}
    overdue = run_cli("overdue", path, "--as-of", "2024-04-15", "--json")
    periods = {item["period"] for item in json.loads(overdue.stdout)}
    assert "2024-02" not in periods and "2024-01" in periods


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["done", "9.z"], "không có nhiệm vụ '9.z' trong kế hoạch"),
        (["done", "1.a", "--date", "31/02/2024"], "--date: ngày '31/02/2024' không tồn tại"),
        (["done", "1.đ", "--period", "quý 5/2024"], "--period: không hiểu kỳ"),
        (["done", "1.đ", "--period", "2024-9M"], "'2024-9M' (9 tháng đầu năm 2024) không phải"),
        (["done", "1.đ", "--period", "2024-Q1"], "không phải kỳ của nghĩa vụ định kỳ nào"),
        (["done", "1.a", "--undo", "--date", "2024-03-20"], "--undo không dùng cùng --date"),
        (["done", "1.a", "--undo"], "chưa ghi hoàn thành nên không có gì để bỏ"),
        (["done", "1.a", "--date", "2023-12-30"], "nằm ngoài năm kế hoạch 2024"),
        (["note", "1.a", "khong co", "--undo"], "không có ghi chú nào khớp"),
        (["note", "1.a", "  "], "nội dung ghi chú đang để trống"),
    ],
)
def test_mistakes_are_explained_and_leave_the_file_alone(
    run_cli: Run, write_plan: WritePlan, args: list[str], words: str
) -> None:
    path = write_plan()
    before = path.read_bytes()
    result = run_cli(*args, "--plan", path)
    assert result.exit_code == 2
    assert words in result.stderr
    assert "Traceback" not in result.output
    assert path.read_bytes() == before


def test_already_done_then_force(run_cli: Run, write_plan: WritePlan) -> None:
    path = write_plan()
    run_cli("done", "1.a", "-p", path, "-d", "2024-03-20")
    again = run_cli("done", "1.a", "-p", path, "-d", "2024-03-22")
    assert again.exit_code == 2
    assert "đã ghi hoàn thành ngày 20/03/2024" in again.stderr
    assert "--force" in again.stderr
    forced = run_cli("done", "1.a", "-p", path, "-d", "2024-03-22", "--force")
    assert forced.exit_code == 0, forced.output
    assert "(trước ghi ngày 20/03/2024)" in forced.stdout


def test_note_and_its_undo(run_cli: Run, write_plan: WritePlan) -> None:
    path = write_plan()
    original = path.read_bytes()
    result = run_cli("note", "1.a", "Đã dự thảo, chờ ý kiến", "-p", path, "-d", "2024-02-01")
    assert result.exit_code == 0, result.output
    assert "nhiệm vụ 1.a, ngày 01/02/2024: “Đã dự thảo, chờ ý kiến”" in result.stdout
    assert '- {date: 2024-02-01, text: "Đã dự thảo, chờ ý kiến"}' in result.stdout
    undo = run_cli("note", "1.a", "du thao", "-p", path, "--undo")
    assert undo.exit_code == 0, undo.output
    assert path.read_bytes() == original


def test_the_plan_is_found_in_plans_folder(
    run_cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "plans").mkdir()
    plan = tmp_path / "plans" / "a.yaml"
    plan.write_text(MINIMAL_PLAN, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run_cli("done", "1.a", "-d", "2024-03-01")
    assert result.exit_code == 0, result.output
    assert "Đã ghi vào plans/a.yaml" in result.stdout
    (tmp_path / "plans" / "b.yaml").write_text(MINIMAL_PLAN, encoding="utf-8")
    both = run_cli("done", "1.đ", "--period", "2024-01", "-d", "2024-02-01")
    assert both.exit_code == 2
    assert "có trong nhiều kế hoạch: plans/a.yaml, plans/b.yaml" in both.stderr
    assert "--plan" in both.stderr


def test_done_on_the_shipped_plan_copy(run_cli: Run, tmp_path: Path) -> None:
    path = tmp_path / "tinh-minh-2024.yaml"
    path.write_bytes(SHIPPED_PLAN.read_bytes())
    result = run_cli("done", "2.n", "-p", path, "-d", "2024-03-25")
    assert result.exit_code == 2
    assert "nhiệm vụ 2.n có nhiều mốc" in result.stderr
    assert "1. Ban hành kế hoạch kiểm tra (hạn Quý I năm 2024)" in result.stderr
    chosen = run_cli("done", "2.n", "-p", path, "-d", "2024-03-25", "-m", "ke hoach kiem tra")
    assert chosen.exit_code == 0, chosen.output
    overdue = run_cli("overdue", path, "--as-of", "2024-04-15")
    assert "Ban hành kế hoạch kiểm tra" not in overdue.stdout


def test_startup_imports_nothing_heavy() -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-X",
            "importtime",
            "-m",
            "cai_cach",
            "overdue",
            "--as-of",
            "2024-04-15",
            str(SHIPPED_PLAN),
        ],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    heavy = [
        line
        for line in result.stderr.splitlines()
        if any(name in line.lower() for name in ("jinja", "docx", "ruamel"))
    ]
    assert heavy == []


def test_note_text_beginning_with_a_dash_is_the_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.helpers import ONE_MILESTONE_PLAN

    (tmp_path / "plans").mkdir()
    plan = tmp_path / "plans" / "thu-2024.yaml"
    plan.write_text(ONE_MILESTONE_PLAN, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["note", "1.a", "--date", "2024-03-01", "- Đã họp"])
    assert result.exit_code == 0, result.output
    assert 'text: "- Đã họp"' in plan.read_text(encoding="utf-8")
    # Not last (an option follows): the clerk is told to write -- first.
    before = plan.read_bytes()
    result = CliRunner().invoke(app, ["note", "1.a", "- Đã họp lần 2", "--date", "2024-03-02"])
    assert result.exit_code == 2
    assert "viết -- trước nó" in result.stderr
    assert plan.read_bytes() == before
    result = CliRunner().invoke(app, ["note", "1.a", "--date", "2024-03-02", "--", "-x y"])
    assert result.exit_code == 0, result.output
