"""caicach import and caicach new on the command line: overwriting, messages, exit codes."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cai_cach.cli import app
from cai_cach.loading import load_plan

DATA = Path(__file__).resolve().parent / "data"
SOURCE = DATA / "ke-hoach-cchc-2024-xa-tinh-minh.md"


def test_import_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    out = tmp_path / "thu.yaml"
    out.write_text("giữ nguyên\n", encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(app, ["import", str(SOURCE), "-o", str(out)])
    assert result.exit_code == 2
    assert "--force" in result.output
    assert out.read_text(encoding="utf-8") == "giữ nguyên\n"
    forced = runner.invoke(app, ["import", str(SOURCE), "-o", str(out), "--force"])
    assert forced.exit_code == 0, forced.output
    assert load_plan(out).plan.year == 2024


def test_old_word_files_need_libreoffice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    monkeypatch.setattr(shutil, "which", lambda name: None)
    source = tmp_path / "cu.doc"
    source.write_bytes(b"\xd0\xcf\x11\xe0")
    result = CliRunner().invoke(app, ["import", str(source), "-o", str(tmp_path / "x.yaml")])
    assert result.exit_code == 2
    assert "LibreOffice" in result.output
    assert "libreoffice-writer" in result.output


def test_a_broken_word_file_gets_a_message_not_a_traceback(tmp_path: Path) -> None:
    source = tmp_path / "hong.docx"
    source.write_text("không phải Word", encoding="utf-8")
    result = CliRunner().invoke(app, ["import", str(source), "-o", str(tmp_path / "x.yaml")])
    assert result.exit_code == 2
    assert "không phải tệp Word .docx hợp lệ" in result.output


def test_new_needs_one_plan_of_the_latest_earlier_year(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "plans").mkdir()
    shipped = Path(__file__).resolve().parent.parent / "plans" / "tinh-minh-2024.yaml"
    (tmp_path / "plans" / "tinh-minh-2024.yaml").write_bytes(shipped.read_bytes())
    monkeypatch.chdir(tmp_path)
    none_before = CliRunner().invoke(app, ["new", "--year", "2020"])
    assert none_before.exit_code == 2
    assert "cần đúng một kế hoạch năm 2019" in none_before.output
    (tmp_path / "plans" / "ban-sao.yaml").write_bytes(shipped.read_bytes())
    two = CliRunner().invoke(app, ["new", "--year", "2026"])
    assert two.exit_code == 2
    assert "cần đúng một kế hoạch năm 2024 (năm gần nhất trước 2026)" in two.output
    assert "--from" in two.output


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_an_old_word_file_is_read_through_libreoffice(tmp_path: Path) -> None:
    profile = (tmp_path / "profile").as_uri()
    docx = DATA / "ke-hoach-cchc-2024-xa-tinh-minh.docx"
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "doc",
            "--outdir",
            str(tmp_path),
            str(docx),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    out = tmp_path / "thu.yaml"
    result = CliRunner().invoke(app, ["import", str(tmp_path / f"{docx.stem}.doc"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    plan = load_plan(out).plan
    shipped = load_plan(DATA.parent.parent / "plans" / "tinh-minh-2024.yaml").plan
    assert [t.id for _, t in plan.tasks()] == [t.id for _, t in shipped.tasks()]
