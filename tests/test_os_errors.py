"""The boundary maps every OSError to a Vietnamese message and exit 2, with a hint that fits
the cause: real failures of the machine where they can be made, the rest injected."""

from __future__ import annotations

import errno
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from cai_cach import atomic, narrative
from cai_cach.cli import app
from cai_cach.errors import OutputError, os_hint, system_failure
from tests.helpers import ONE_MILESTONE_PLAN

PLAN_NAME = "thu-2024.yaml"


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / PLAN_NAME).write_text(ONE_MILESTONE_PLAN, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def invoke(*args: str) -> Result:
    return CliRunner().invoke(app, list(args))


def clean(result: Result) -> None:
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and "lỗi nội bộ" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_an_unreadable_narrative_file(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    notes = folder / "plans" / "reports" / "thu-2024-Q1.md"
    notes.parent.mkdir()
    notes.write_text("# I.\n", encoding="utf-8")
    original = Path.read_bytes

    def refuse(self: Path) -> bytes:
        if self.name == notes.name:
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return original(self)

    monkeypatch.setattr(narrative.Path, "read_bytes", refuse)
    result = invoke("report", "--period", "2024-Q1", "-o", "-")
    clean(result)
    assert "không truy cập được 'plans/reports/thu-2024-Q1.md': không có quyền truy cập" in (
        result.stderr
    )
    assert "ls -l" in result.stderr


def test_reports_folder_that_is_a_file_under_init_notes(folder: Path) -> None:
    (folder / "plans" / "reports").write_text("không phải thư mục", encoding="utf-8")
    result = invoke("report", "--period", "2024-Q1", "--init-notes")
    clean(result)
    assert "plans/reports" in result.stderr
    assert "một phần của đường dẫn là tệp chứ không phải thư mục" in result.stderr


def test_a_vanished_working_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    gone = tmp_path / "da-xoa"
    gone.mkdir()
    monkeypatch.chdir(gone)
    gone.rmdir()
    result = invoke("overdue")
    clean(result)
    assert "thư mục đang làm việc không còn nữa" in result.stderr
    assert "cd" in result.stderr


@pytest.mark.skipif(shutil.which("git") is None, reason="git chưa cài")
def test_an_argument_list_too_long_for_git(folder: Path) -> None:
    subprocess.run(["git", "init", "-q"], check=True)
    subprocess.run(["git", "add", "plans"], check=True)
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "k"], check=True
    )
    result = invoke("diff", "a" * 131_066)
    clean(result)
    assert "danh sách đối số quá dài" in result.stderr


# Each errno raised where a command reads its plans: the message and the hint fit the cause.
INJECTED = {
    errno.EACCES: ("không có quyền truy cập", "ls -l"),
    errno.EPERM: ("hệ thống không cho phép", "ls -l"),
    errno.EROFS: ("chỉ cho đọc", "chmod không giúp được"),
    errno.ENOTDIR: ("không phải thư mục", "đường dẫn"),
    errno.EISDIR: ("là một thư mục", "tên tệp"),
    errno.ELOOP: ("liên kết mềm", "ls -l"),
    errno.EMFILE: ("quá nhiều tệp đang mở", "đóng bớt"),
    errno.ENOMEM: ("không đủ bộ nhớ", "đóng bớt"),
    errno.E2BIG: ("danh sách đối số quá dài", "rút ngắn"),
    errno.EIO: ("lỗi vào/ra", "ổ đĩa"),
    errno.ESTALE: ("ổ mạng", "kiểm tra"),
    errno.ECONNRESET: ("lỗi hệ thống:", "kiểm tra"),
}


@pytest.mark.parametrize("number", sorted(INJECTED), ids=errno.errorcode.get)
@pytest.mark.parametrize(
    "command", [["check"], ["overdue"], ["report", "--period", "2024-Q1", "-o", "-"]]
)
def test_every_os_error_is_a_vietnamese_message_and_exit_2(
    folder: Path, monkeypatch: pytest.MonkeyPatch, number: int, command: list[str]
) -> None:
    def fail(*_args: Any, **_kwargs: Any) -> Any:
        raise OSError(number, "English words", "plans/thu-2024.yaml")

    monkeypatch.setattr("cai_cach.loading.plan_files", fail)
    result = invoke(*command)
    clean(result)
    words, hint = INJECTED[number]
    assert words in result.stderr and hint in result.stderr, result.stderr
    assert "English words" not in result.stderr or number == errno.ECONNRESET


def test_a_read_only_file_system_is_not_a_read_only_file(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(atomic, "_read_only_file_system", lambda _path: True)
    result = invoke("done", "1.a", "--date", "2024-03-01")
    clean(result)
    assert "hệ thống tệp (ổ đĩa) chỉ cho đọc" in result.stderr
    assert "chmod u+w" not in result.stderr
    assert (folder / "plans" / PLAN_NAME).read_text(encoding="utf-8") == ONE_MILESTONE_PLAN


def test_a_folder_on_a_read_only_file_system_gets_the_mount_hint(tmp_path: Path) -> None:
    def refuse(*_args: Any, **_kwargs: Any) -> Any:
        raise OSError(errno.EROFS, "Read-only file system")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(tempfile, "mkstemp", refuse)  # atomic imports it when it writes
        with pytest.raises(OutputError) as caught:
            atomic.write_atomic(tmp_path / "x.md", b"x")
    assert "chỉ cho đọc" in caught.value.message and "gắn lại" in caught.value.hint
    assert "chmod" in os_hint(OSError(errno.EROFS, "")) and "không giúp" in caught.value.hint


def test_system_failure_names_both_files() -> None:
    failure = system_failure(OSError(errno.EXDEV, "x", "a.yaml", None, "b.yaml"))
    assert (
        failure.message
        == "không truy cập được 'a.yaml' → 'b.yaml': không chuyển được giữa hai ổ đĩa"
    )
