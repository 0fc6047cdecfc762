from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cai_cach.atomic import write_atomic
from cai_cach.errors import OutputError


def test_writes_new_file(tmp_path: Path) -> None:
    target = tmp_path / "bao-cao.md"
    write_atomic(target, "Báo cáo".encode())
    assert target.read_text(encoding="utf-8") == "Báo cáo"
    assert [p.name for p in tmp_path.iterdir()] == ["bao-cao.md"]


def test_refuses_to_overwrite_without_permission(tmp_path: Path) -> None:
    target = tmp_path / "bao-cao.md"
    target.write_bytes(b"old")
    with pytest.raises(OutputError, match="đã tồn tại"):
        write_atomic(target, b"new", overwrite=False)
    assert target.read_bytes() == b"old"


def test_new_file_follows_umask(tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        write_atomic(tmp_path / "bao-cao.md", b"x")
    finally:
        os.umask(old)
    assert (tmp_path / "bao-cao.md").stat().st_mode & 0o777 == 0o640


def test_keeps_file_mode(tmp_path: Path) -> None:
    target = tmp_path / "plan.yaml"
    target.write_bytes(b"old")
    target.chmod(0o640)
    write_atomic(target, b"new")
    assert target.stat().st_mode & 0o777 == 0o640


@pytest.mark.parametrize("failing", ["fsync", "replace"])
def test_failure_midway_leaves_old_file_intact(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    target = tmp_path / "plan.yaml"
    target.write_bytes(b"old content")

    def fail(*_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, failing, fail)
    with pytest.raises(OutputError, match="không ghi được tệp"):
        write_atomic(target, b"new content that never lands")
    assert target.read_bytes() == b"old content"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.yaml"]


def test_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="không tạo được tệp"):
        write_atomic(tmp_path / "khong-co" / "x.md", b"x")


SLOW_WRITER = """
import os, sys
from pathlib import Path
from cai_cach import atomic

real_write = os.fdopen
class Slow:
    def __init__(self, handle): self.handle = handle
    def __enter__(self): return self
    def __exit__(self, *a): return self.handle.__exit__(*a)
    def write(self, data):
        half = len(data) // 2
        self.handle.write(data[:half]); self.handle.flush()
        print("half", flush=True)
        import time; time.sleep(60)
        self.handle.write(data[half:])
    def __getattr__(self, name): return getattr(self.handle, name)
atomic.os.fdopen = lambda fd, mode: Slow(real_write(fd, mode))
atomic.write_atomic(Path(sys.argv[1]), b"N" * 1_000_000)
"""


def test_killed_writer_leaves_old_file_intact(tmp_path: Path) -> None:
    target = tmp_path / "plan.yaml"
    target.write_bytes(b"old content")
    process = subprocess.Popen(
        [sys.executable, "-c", SLOW_WRITER, str(target)], stdout=subprocess.PIPE, text=True
    )
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "half"
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=10)
    time.sleep(0.05)
    assert target.read_bytes() == b"old content"


def test_a_journal_lists_the_files_written_in_its_block_only(tmp_path: Path) -> None:
    from cai_cach.atomic import journal

    write_atomic(tmp_path / "truoc.md", b"x")
    with journal() as outer:
        write_atomic(tmp_path / "a.md", b"a")
        with journal() as inner:
            write_atomic(tmp_path / "b.md", b"b")
        write_atomic(tmp_path / "c.md", b"c", durable=False)
    write_atomic(tmp_path / "sau.md", b"x")
    assert outer == [tmp_path / "a.md"]
    assert inner == [tmp_path / "b.md"]
