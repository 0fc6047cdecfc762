"""Report outputs: the name says the format, and no report overwrites another or a device."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cai_cach import outputs
from cai_cach.cli import app
from cai_cach.errors import OutputError, UsageError
from tests.helpers import ONE_MILESTONE_PLAN

PLAN = ONE_MILESTONE_PLAN


@pytest.fixture
def plan(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "thu-2024.yaml"
    path.write_text(PLAN, encoding="utf-8")
    return path


def report(*args: str | Path) -> object:
    return CliRunner().invoke(app, ["report", "--period", "2024-Q1", *map(str, args)])


@pytest.mark.parametrize("name", ["baocao.txt", "baocao.doc", "baocao-quy1"])
def test_an_output_name_without_a_known_extension_is_refused(plan: Path, name: str) -> None:
    result = report(plan, "-o", name)
    assert result.exit_code == 2
    assert f"-o {name}: tên tệp" in result.stderr
    assert ".docx (Word), .md (Markdown), .pdf (PDF) hoặc .xlsx" in result.stderr
    assert not Path(name).exists()


def test_format_and_extension_must_agree(plan: Path) -> None:
    result = report(plan, "-o", "baocao.md", "-f", "docx")
    assert result.exit_code == 2
    assert "--format docx không khớp với đuôi tệp của -o baocao.md (md)" in result.stderr


def test_the_extension_chooses_the_format(plan: Path) -> None:
    assert report(plan, "-o", "baocao.md").exit_code == 0
    assert Path("baocao.md").read_text(encoding="utf-8").lstrip().startswith(("#", "*", "Ủ", "U"))
    assert report(plan, "-o", "baocao.docx").exit_code == 0
    assert Path("baocao.docx").read_bytes().startswith(b"PK")


def test_pdf_through_libreoffice(plan: Path) -> None:
    if shutil.which("soffice") is None and shutil.which("libreoffice") is None:
        pytest.skip("LibreOffice (soffice) is not installed: PDF output cannot be tested")
    result = report(plan, "-o", "baocao.pdf")
    assert result.exit_code == 0, result.output
    assert Path("baocao.pdf").read_bytes().startswith(b"%PDF")


def test_pdf_without_libreoffice_names_the_package(
    plan: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(outputs.shutil, "which", lambda _program: None)
    result = report(plan, "-o", "baocao.pdf")
    assert result.exit_code == 2
    assert "xuất PDF cần LibreOffice" in result.stderr
    assert "sudo apt install libreoffice-writer" in result.stderr
    assert not Path("baocao.pdf").exists()


def test_same_named_plans_of_two_folders_get_two_reports(plan: Path, tmp_path: Path) -> None:
    for folder in ("xa-an", "xa-binh"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "ke-hoach-2024.yaml").write_text(
            PLAN.replace("xã Thử", f"xã {folder}"), encoding="utf-8"
        )
    out = tmp_path / "out"
    out.mkdir()
    result = report(tmp_path / "xa-an", tmp_path / "xa-binh", "-o", out, "--force", "-f", "md")
    assert result.exit_code == 0, result.output
    written = sorted(path.name for path in out.iterdir() if path.suffix == ".md")
    assert written == ["bao-cao-xa-an-ke-hoach-2024-Q1.md", "bao-cao-xa-binh-ke-hoach-2024-Q1.md"]
    pictures = sorted(path.name for path in out.iterdir() if path.suffix == ".png")
    assert pictures == [name.replace(".md", "-hinh-1.png") for name in written]
    assert "xã xa-binh" in (out / written[1]).read_text(encoding="utf-8")


def test_reports_that_would_still_share_a_file_are_refused(tmp_path: Path) -> None:
    plans = [tmp_path / "a" / "x" / "p.yaml", tmp_path / "b" / "x" / "p.yaml"]
    with pytest.raises(UsageError, match="cùng một tệp báo cáo"):
        outputs.report_targets(plans, None, lambda name: f"{name}.md", "md")


def test_output_into_a_new_folder(plan: Path, tmp_path: Path) -> None:
    result = report(plan, "-o", "baocao/quy1/", "-f", "md")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "baocao" / "quy1" / "bao-cao-thu-2024-Q1.md").is_file()


def test_a_device_or_pipe_is_never_written_even_with_force(plan: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "ong.md"
    os.mkfifo(fifo)
    result = report(plan, "-o", fifo, "--force")  # would block forever if opened
    assert result.exit_code == 2
    assert f"'{fifo}' không phải là một tệp thông thường" in result.stderr
    assert fifo.is_fifo()


def test_a_link_to_a_device_is_refused_and_with_force_only_the_link_is_replaced(
    plan: Path, tmp_path: Path
) -> None:
    device = tmp_path / "thiet-bi.md"
    device.symlink_to("/dev/null")
    result = report(plan, "-o", device)
    assert result.exit_code == 2
    assert "(một liên kết mềm) đã tồn tại" in result.stderr
    assert device.is_symlink()
    result = report(plan, "-o", device, "--force")
    assert result.exit_code == 0, result.output
    assert not device.is_symlink() and device.is_file()
    assert Path("/dev/null").is_char_device()


def test_check_target_accepts_a_new_or_regular_file(tmp_path: Path) -> None:
    outputs.check_target(tmp_path / "moi.docx")
    (tmp_path / "cu.docx").write_bytes(b"")
    outputs.check_target(tmp_path / "cu.docx")
    with pytest.raises(OutputError, match="là một thư mục"):
        outputs.check_target(tmp_path)


def test_one_target_per_plan_even_when_no_plan_loaded(tmp_path: Path) -> None:
    named = str(tmp_path / "bao-cao.md")
    assert outputs.report_targets([], named, lambda name: f"{name}.md", "md") == []
    plan = [tmp_path / "p.yaml"]
    assert outputs.report_targets(plan, named, lambda n: n, "md") == [Path(named)]
