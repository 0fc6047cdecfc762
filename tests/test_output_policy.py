"""One output policy for every command that writes a file the clerk names (``-o``):
each writer is walked through every case of ``outputs.check_output`` end to end."""

from __future__ import annotations

import os
import socket
import stat
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from cai_cach import outputs
from cai_cach.cli import app
from cai_cach.errors import OutputError
from tests.helpers import ONE_MILESTONE_PLAN, REPO

DOCUMENT = REPO / "tests" / "data" / "ke-hoach-cchc-2024-xa-tinh-minh.md"
RUBRIC = REPO / "rubrics" / "vi-du-ca-mau.yaml"
WRITTEN = (0, 1)  # written; 1: findings (overdue work, missing evidence) said beside it
PLAN_NAME = "thu-2024.yaml"
OLD = b"ban da ky - khong duoc ghi de\n"


# name → (the output's file name, the command line writing it)
WRITERS: dict[str, tuple[str, Callable[[str], list[str]]]] = {
    "report-md": ("bao-cao.md", lambda out: ["report", "--period", "2024-Q1", "-o", out]),
    "report-docx": ("bao-cao.docx", lambda out: ["report", "--period", "2024-Q1", "-o", out]),
    "report-xlsx": ("bao-cao.xlsx", lambda out: ["report", "--period", "2024-Q1", "-o", out]),
    "calendar": ("lich.ics", lambda out: ["calendar", "-o", out]),
    "rollup-xlsx": (
        "tong-hop.xlsx",
        lambda out: ["overdue", "--group-by", "agency", "--as-of", "2024-05-01", "-o", out],
    ),
    "evidence-xlsx": ("kiem-chung.xlsx", lambda out: ["evidence", "-o", out]),
    "score-xlsx": ("bang-diem.xlsx", lambda out: ["score", "--rubric", str(RUBRIC), "-o", out]),
    "score-docx": ("bang-diem.docx", lambda out: ["score", "--rubric", str(RUBRIC), "-o", out]),
    "status": ("trang-thai.html", lambda out: ["status", "--as-of", "2024-05-01", "-o", out]),
    "status-province": (
        "tinh.html",
        lambda out: ["status", "--group-by", "agency", "--as-of", "2024-05-01", "-o", out],
    ),
    "import": ("nhap.yaml", lambda out: ["import", str(DOCUMENT), "-o", out]),
    "new": (
        "moi-2025.yaml",
        lambda out: ["new", "--year", "2025", "--from", f"plans/{PLAN_NAME}", "-o", out],
    ),
}
PLAN_WRITERS = {"import", "new"}  # they make plans: plans/ is their place


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / PLAN_NAME).write_text(ONE_MILESTONE_PLAN, encoding="utf-8")
    yield tmp_path


def write(writer: str, output: str | Path, *extra: str) -> Result:
    _, command = WRITERS[writer]
    return CliRunner().invoke(app, [*command(str(output)), *extra])


def refused(result: Result, *words: str) -> None:
    assert result.exit_code == 2, result.output
    assert "lỗi nội bộ" not in result.output and "Traceback" not in result.output
    for word in words:
        assert word in result.stderr, result.stderr


def plan_bytes(folder: Path) -> bytes:
    return (folder / "plans" / PLAN_NAME).read_bytes()


@pytest.mark.parametrize("writer", sorted(WRITERS))
def test_a_new_name_is_written(folder: Path, writer: str) -> None:
    name, _ = WRITERS[writer]
    result = write(writer, name)
    assert result.exit_code in WRITTEN, result.output
    assert (folder / name).is_file() and (folder / name).stat().st_size > 0


@pytest.mark.parametrize("writer", sorted(WRITERS))
def test_an_existing_file_is_kept_without_force_and_replaced_with_it(
    folder: Path, writer: str
) -> None:
    name, _ = WRITERS[writer]
    (folder / name).write_bytes(OLD)
    refused(write(writer, name), f"tệp '{name}' đã tồn tại", "--force")
    assert (folder / name).read_bytes() == OLD
    result = write(writer, name, "--force")
    assert result.exit_code in WRITTEN, result.output
    assert (folder / name).read_bytes() != OLD


@pytest.mark.parametrize("writer", sorted(WRITERS))
def test_a_symlink_is_never_followed(folder: Path, writer: str) -> None:
    name, _ = WRITERS[writer]
    victim = folder / "da-ky.docx"
    victim.write_bytes(OLD)
    (folder / name).symlink_to(victim)
    refused(write(writer, name), "(một liên kết mềm) đã tồn tại")
    assert (folder / name).is_symlink() and victim.read_bytes() == OLD
    result = write(writer, name, "--force")  # the link itself is replaced
    assert result.exit_code in WRITTEN, result.output
    assert not (folder / name).is_symlink() and (folder / name).is_file()
    assert victim.read_bytes() == OLD


@pytest.mark.parametrize("writer", sorted(WRITERS))
def test_a_planted_dangling_link_cannot_redirect_the_file(folder: Path, writer: str) -> None:
    name, _ = WRITERS[writer]
    elsewhere = folder / "noi-khac" / "bi-tao.txt"
    elsewhere.parent.mkdir()
    (folder / name).symlink_to(elsewhere)
    refused(write(writer, name), "đã tồn tại")
    assert not elsewhere.exists()
    assert write(writer, name, "--force").exit_code in WRITTEN
    assert not elsewhere.exists() and not (folder / name).is_symlink()


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _socket(path: Path) -> None:
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    server.close()


def _device(path: Path) -> None:
    try:
        os.mknod(path, stat.S_IFCHR | 0o600, os.makedev(1, 3))  # a /dev/null of our own
    except PermissionError:
        pytest.skip("tạo tệp thiết bị cần quyền root")


@pytest.mark.parametrize("make", [_fifo, _socket, _device], ids=["fifo", "socket", "device"])
@pytest.mark.parametrize("writer", sorted(WRITERS))
def test_a_special_file_is_refused_even_with_force(
    folder: Path, writer: str, make: Callable[[Path], None]
) -> None:
    name, _ = WRITERS[writer]
    target = folder / name
    make(target)
    kind = target.lstat().st_mode
    refused(write(writer, name, "--force"), "không phải là một tệp thông thường")
    assert stat.S_IFMT(target.lstat().st_mode) == stat.S_IFMT(kind)


# ``report -o FOLDER`` writes its reports into the folder (documented); others refuse one.
@pytest.mark.parametrize("writer", sorted(w for w in WRITERS if not w.startswith("report")))
def test_a_folder_is_refused(folder: Path, writer: str) -> None:
    name, _ = WRITERS[writer]
    (folder / name).mkdir()
    result = write(writer, name, "--force")
    assert result.exit_code == 2, result.output
    assert "lỗi nội bộ" not in result.output
    assert (folder / name).is_dir() and not any((folder / name).iterdir())


@pytest.mark.parametrize("writer", sorted(set(WRITERS) - {"import"}))
def test_the_plan_read_is_never_replaced(folder: Path, writer: str) -> None:
    before = plan_bytes(folder)
    result = write(writer, f"plans/{PLAN_NAME}", "--force")
    assert result.exit_code == 2, result.output
    assert "lỗi nội bộ" not in result.output
    assert plan_bytes(folder) == before


def test_import_replaces_an_existing_plan_only_when_forced(folder: Path) -> None:
    """Making plans is import's job: it may redo a draft over a plan, but only when told."""
    before = plan_bytes(folder)
    refused(write("import", f"plans/{PLAN_NAME}"), "đã tồn tại")
    assert plan_bytes(folder) == before
    assert write("import", f"plans/{PLAN_NAME}", "--force").exit_code == 0
    assert plan_bytes(folder) != before


@pytest.mark.parametrize("writer", sorted(set(WRITERS) - PLAN_WRITERS))
def test_nothing_but_plans_is_written_under_plans(folder: Path, writer: str) -> None:
    name, _ = WRITERS[writer]
    refused(write(writer, f"plans/{name}", "--force"), "nằm trong thư mục plans/")
    assert sorted(p.name for p in (folder / "plans").iterdir()) == [PLAN_NAME]


@pytest.mark.parametrize("writer", sorted(PLAN_WRITERS))
def test_plan_writers_make_new_plans_under_plans(folder: Path, writer: str) -> None:
    name, _ = WRITERS[writer]
    result = write(writer, f"plans/{name}")
    assert result.exit_code == 0, result.output
    assert (folder / "plans" / name).is_file()


def test_a_dangling_link_planted_at_the_default_report_name_is_refused(folder: Path) -> None:
    elsewhere = folder / "noi-khac.docx"
    (folder / "bao-cao-thu-2024-Q1.docx").symlink_to(elsewhere)
    result = CliRunner().invoke(app, ["report", "--period", "2024-Q1"])
    refused(result, "bao-cao-thu-2024-Q1.docx' (một liên kết mềm) đã tồn tại")
    assert not elsewhere.exists()


def test_calendar_and_report_to_standard_output_write_no_file(folder: Path) -> None:
    for command in (["calendar", "-o", "-"], ["report", "--period", "2024-Q1", "-o", "-"]):
        result = CliRunner().invoke(app, command)
        assert result.exit_code == 0, result.output
        assert result.stdout
    assert sorted(p.name for p in folder.iterdir()) == ["plans"]


# --- the library entry point itself ---------------------------------------------------------


def test_write_output_creates_exclusively(tmp_path: Path) -> None:
    target = tmp_path / "ket-qua.ics"
    outputs.write_output(target, b"1", force=False)
    assert target.read_bytes() == b"1"
    with pytest.raises(OutputError, match="đã tồn tại"):
        outputs.write_output(target, b"2", force=False)
    outputs.write_output(target, b"2", force=True)
    assert target.read_bytes() == b"2"


def test_a_link_planted_after_the_check_is_not_followed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The race: the name is free when checked, a link appears before the file is put in
    place. The exclusive creation fails instead of writing through the link."""

    target = tmp_path / "bao-cao.md"
    elsewhere = tmp_path / "noi-khac.md"
    real_mkstemp = tempfile.mkstemp

    def plant(*args: object, **kwargs: object) -> tuple[int, str]:
        target.symlink_to(elsewhere)
        return real_mkstemp(*args, **kwargs)  # type: ignore[call-overload, no-any-return]

    monkeypatch.setattr(tempfile, "mkstemp", plant)  # atomic imports it when it writes
    with pytest.raises(OutputError, match="đã tồn tại"):
        outputs.write_output(target, b"x", force=False)
    assert target.is_symlink() and not elsewhere.exists()
    assert [p.name for p in tmp_path.iterdir()] == ["bao-cao.md"]  # no temporary file left


def test_without_hard_links_the_name_is_claimed_with_o_excl(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    def no_links(*_args: object) -> None:
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    target = tmp_path / "lich.ics"
    outputs.write_output(target, b"ok", force=False)
    assert target.read_bytes() == b"ok"
    with pytest.raises(OutputError, match="đã tồn tại"):
        outputs.write_output(target, b"again", force=False)
    assert target.read_bytes() == b"ok"


def test_an_existing_yaml_is_never_an_output(tmp_path: Path) -> None:
    other = tmp_path / "ke-hoach-khac.yaml"
    other.write_text("plan: {}\n", encoding="utf-8")
    with pytest.raises(OutputError, match="tệp YAML"):
        outputs.check_output(other, force=True)
    with pytest.raises(OutputError, match="tệp kế hoạch đang đọc"):
        outputs.check_output(other, force=True, protected=[other], plan=True)


def test_a_folder_merely_named_plans_is_the_clerks_own(tmp_path: Path) -> None:
    target = tmp_path / "plans" / "xa-thu" / "lich.ics"
    target.parent.mkdir(parents=True)
    outputs.check_output(target, force=False)  # no plan file in that plans/: allowed
    (tmp_path / "plans" / "k.yaml").write_text("plan: {}\n", encoding="utf-8")
    with pytest.raises(OutputError, match="nằm trong thư mục plans/"):
        outputs.check_output(target, force=False)
