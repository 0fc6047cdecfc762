"""Never a lost record (issue 10): parallel writers, exact undo, writes that reach the clerk's
file, and refusals that leave the plan untouched."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from datetime import date
from pathlib import Path

import pytest

from cai_cach import atomic, cache, record, recordsession, render
from cai_cach.errors import OutputError, RecordError
from cai_cach.loading import load_plan
from tests.helpers import run

DAY = date(2024, 3, 20)
WORKERS = 4
ROUNDS = 50


def plan_text(tasks: int = WORKERS, *, first_milestone: str = "") -> str:
    """A small valid plan with ``tasks`` tasks, each with one milestone."""
    body = [
        "plan:",
        "  title: Kế hoạch thử",
        "  year: 2024",
        "  agency: {name: Ủy ban nhân dân xã Thử, place: Thử}",
        "officials:",
        "  vp: {title: Công chức Văn phòng - Thống kê}",
        "sections:",
        '  - id: "1"',
        "    title: Mục một",
        "    tasks:",
    ]
    for number in range(tasks):
        body += [
            f"      - id: 1.{chr(ord('a') + number)}",
            f"        title: Việc {number}",
            "        lead: [vp]",
            "        timeline: Quý I/2024.",
            "        milestones:",
            "          - what: Ban hành",
            "            due: Quý I/2024",
        ]
        if number == 0 and first_milestone:
            body += ["            " + line for line in first_milestone.splitlines()]
    return "\n".join(body) + "\n"


def write(tmp_path: Path, text: str, name: str = "plan.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# --- 1. parallel writers ------------------------------------------------------------------

WORKER = """
import os, sys, time
from pathlib import Path
from cai_cach.cli import app

plan, me, start, rounds = sys.argv[1], int(sys.argv[2]), Path(sys.argv[3]), int(sys.argv[4])
task = "1." + chr(ord("a") + me)
while not start.exists():
    time.sleep(0.005)
for number in range(rounds):
    for args in (
        ["note", "1.a", f"ghi chú w{me} r{number}", "--plan", plan, "--date", "2024-03-20"],
        ["done", task, "--plan", plan, "--date", "2024-03-20"]
        + (["--undo"] if number % 2 else []),
    ):
        if "--undo" in args:
            args.remove("--date"); args.remove("2024-03-20")
        try:
            app(args, standalone_mode=False)
        except SystemExit:
            pass
        sys.stdout.flush()
"""


@pytest.mark.slow
def test_parallel_writers_never_lose_a_record(tmp_path: Path) -> None:
    plan = write(tmp_path, plan_text())
    start = tmp_path / "start"
    environment = {**os.environ, "CAICACH_LOCK_TIMEOUT": "120"}
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, str(plan), str(me), str(start), str(ROUNDS)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=environment,
        )
        for me in range(WORKERS)
    ]
    start.touch()
    outputs = [worker.communicate(timeout=600) for worker in workers]
    notes = {note.text for note in load_plan(plan).plan.sections[0].tasks[0].notes}
    printed: list[str] = []
    for _me, (stdout, stderr) in enumerate(outputs):
        ticks = [line for line in stdout.splitlines() if line.startswith("✓")]
        assert len(ticks) == 2 * ROUNDS, stderr  # no writer gave up or failed
        printed += [line for line in ticks if "Đã ghi chú" in line]
        done_ticks = [line for line in ticks if "Đã ghi chú" not in line]
        assert done_ticks[-1].startswith("✓ Đã bỏ ghi nhận")  # the last action was an undo
    assert len(printed) == WORKERS * ROUNDS
    for line in printed:
        assert line.rsplit("“", 1)[1].rstrip("”") in notes
    assert len(notes) == WORKERS * ROUNDS
    tasks = load_plan(plan).plan.sections[0].tasks
    assert all(task.milestones[0].done is None for task in tasks)  # every undo landed


HOLDER = """
import sys, time
from pathlib import Path
from cai_cach import atomic
with atomic.locked(Path(sys.argv[1])):
    print("held", flush=True)
    sys.stdin.readline()
"""


def test_a_writer_held_too_long_gets_a_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = write(tmp_path, plan_text(1))
    before = plan.read_bytes()
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(plan)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdin is not None and holder.stdout is not None
    try:
        assert holder.stdout.readline().strip() == "held"
        with (
            pytest.raises(OutputError, match="đang được một lệnh khác ghi"),
            atomic.locked(plan, timeout=0.1),
        ):
            pass  # pragma: no cover
        monkeypatch.setenv("CAICACH_LOCK_TIMEOUT", "0.1")
        code, output = run("done", "1.a", "--plan", str(plan), "-d", "2024-03-20")
    finally:
        holder.stdin.write("\n")
        holder.stdin.flush()
        holder.wait(timeout=60)
    assert code == 2
    assert "đang được một lệnh khác ghi" in output
    assert "✓" not in output
    assert plan.read_bytes() == before
    assert run("done", "1.a", "--plan", str(plan), "-d", "2024-03-20")[0] == 0


# --- 2. undo removes only what it added ---------------------------------------------------


def test_undo_keeps_a_hand_written_note(tmp_path: Path) -> None:
    plan = write(tmp_path, plan_text(1, first_milestone="note: viết tay"))
    before = plan.read_bytes()
    assert run("done", "1.a", "--plan", str(plan), "--date", "2024-03-20")[0] == 0
    code, output = run("done", "1.a", "--undo", "--plan", str(plan))
    assert code == 0, output
    assert "bỏ cả ghi chú" not in output
    assert plan.read_bytes() == before


def test_done_note_then_undo_removes_both(tmp_path: Path) -> None:
    plan = write(tmp_path, plan_text(1))
    before = plan.read_bytes()
    assert run("done", "1.a", "-p", str(plan), "-d", "2024-03-20", "--note", "QĐ số 5")[0] == 0
    assert run("done", "1.a", "--undo", "--plan", str(plan))[0] == 0
    assert plan.read_bytes() == before


def test_done_note_over_an_existing_note_asks_for_force(tmp_path: Path) -> None:
    plan = write(tmp_path, plan_text(1, first_milestone="note: viết tay"))
    before = plan.read_bytes()
    code, output = run("done", "1.a", "-p", str(plan), "-d", "2024-03-20", "--note", "mới")
    assert code == 2
    assert "đã có ghi chú “viết tay”" in output and "--force" in output
    assert plan.read_bytes() == before
    code, _ = run("done", "1.a", "-p", str(plan), "-d", "2024-03-20", "--note", "mới", "--force")
    assert code == 0
    assert load_plan(plan).plan.sections[0].tasks[0].milestones[0].note == "mới"


@pytest.mark.parametrize("placeholder", ["done:", "done: null", "done: ~  # ghi ngày vào đây"])
def test_undo_restores_a_placeholder_the_file_keeps(tmp_path: Path, placeholder: str) -> None:
    due = "            due: Quý I/2024\n"
    plan = write(tmp_path, plan_text(2).replace(due, due + "            " + placeholder + "\n"))
    before = plan.read_bytes()
    assert run("done", "1.a", "-p", str(plan), "-d", "2024-03-20", "--note", "QĐ 5")[0] == 0
    assert "done: 2024-03-20" in plan.read_text(encoding="utf-8")
    assert run("done", "1.a", "--undo", "-p", str(plan))[0] == 0
    assert plan.read_bytes() == before


@pytest.mark.parametrize("layout", ["notes: []", "notes: []  # chưa có"])
def test_note_undo_restores_an_empty_list(tmp_path: Path, layout: str) -> None:
    plan = write(tmp_path, plan_text(1) + "        " + layout + "\n")
    before = plan.read_bytes()
    assert run("note", "1.a", "Đã họp", "-p", str(plan), "-d", "2024-03-20")[0] == 0
    assert run("note", "1.a", "Đã họp", "--undo", "--plan", str(plan))[0] == 0
    assert plan.read_bytes() == before


RECURRING = """\
plan: {title: Thử, year: 2024, agency: {name: UBND xã Thử, place: Thử}}
officials: {vp: {title: Văn phòng}}
sections:
  - id: "1"
    title: Một
    tasks:
      - id: 1.a
        title: Báo cáo
        lead: [vp]
        timeline: Hằng quý.
        recurring:
          - what: Báo cáo quý
            every: quý
            LAYOUT
"""


@pytest.mark.parametrize("layout", ["done: {}", "done: {}  # ghi kỳ ở đây"])
def test_occurrence_undo_restores_an_empty_mapping(tmp_path: Path, layout: str) -> None:
    plan = write(tmp_path, RECURRING.replace("LAYOUT", layout))
    before = plan.read_bytes()
    assert (
        run("done", "1.a", "--period", "2024-Q1", "--date", "2024-04-02", "-p", str(plan))[0] == 0
    )
    assert run("done", "1.a", "--period", "2024-Q1", "--undo", "-p", str(plan))[0] == 0
    assert plan.read_bytes() == before


# --- 3. writes go to the clerk's file -----------------------------------------------------


def test_a_symlinked_plan_gets_the_record_in_its_target(tmp_path: Path) -> None:
    real = write(tmp_path, plan_text(1), "real.yaml")
    link = tmp_path / "plan.yaml"
    link.symlink_to(real.name)
    assert run("done", "1.a", "-p", str(link), "-d", "2024-03-20")[0] == 0
    assert link.is_symlink()
    assert "done: 2024-03-20" in real.read_text(encoding="utf-8")


def test_a_hard_linked_plan_is_refused(tmp_path: Path) -> None:
    plan = write(tmp_path, plan_text(1))
    other = tmp_path / "other.yaml"
    os.link(plan, other)
    before = plan.read_bytes()
    code, output = run("done", "1.a", "-p", str(plan), "-d", "2024-03-20")
    assert code == 2 and "liên kết cứng" in output and "✓" not in output
    assert plan.read_bytes() == before and os.path.samefile(plan, other)


def test_a_read_only_plan_is_refused(tmp_path: Path) -> None:
    plan = write(tmp_path, plan_text(1))
    plan.chmod(0o444)
    before = plan.read_bytes()
    code, output = run("note", "1.a", "Đã họp", "-p", str(plan), "-d", "2024-03-20")
    assert code == 2 and "chỉ đọc" in output and "✓" not in output
    assert plan.read_bytes() == before


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs chown")
def test_owner_and_group_are_kept(tmp_path: Path) -> None:
    plan = write(tmp_path, plan_text(1))
    os.chown(plan, 65534, 65534)
    plan.chmod(0o664)
    assert run("done", "1.a", "-p", str(plan), "-d", "2024-03-20")[0] == 0
    status = plan.stat()
    assert (status.st_uid, status.st_gid, status.st_mode & 0o777) == (65534, 65534, 0o664)


def test_a_record_past_the_size_limit_is_refused_before_writing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = write(tmp_path, plan_text(1))
    before = plan.read_bytes()
    monkeypatch.setattr(recordsession, "MAX_BYTES", len(before) + 10)
    with pytest.raises(RecordError, match="vượt giới hạn"):
        record.add_note(plan, "1.a", "một ghi chú khá dài", day=DAY)
    assert plan.read_bytes() == before


def test_ctrl_c_after_the_file_was_replaced_says_it_was_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = write(tmp_path, plan_text(1))
    real = atomic._fsync_folder

    def interrupted(folder: Path) -> None:
        real(folder)
        raise KeyboardInterrupt

    monkeypatch.setattr(atomic, "_fsync_folder", interrupted)
    code, output = run("done", "1.a", "-p", str(plan), "-d", "2024-03-20")
    assert "done: 2024-03-20" in plan.read_text(encoding="utf-8")
    assert code == 130
    assert "đã ghi xong" in output and str(plan) in output


def test_a_full_standard_output_is_a_vietnamese_error(tmp_path: Path) -> None:
    plan = write(tmp_path, plan_text(1))
    with open(os.devnull if not Path("/dev/full").exists() else "/dev/full", "wb") as full:
        result = subprocess.run(
            [sys.executable, "-m", "cai_cach", "list", str(plan)],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
    if Path("/dev/full").exists():
        assert result.returncode == 2, result.stderr
        assert "đã đầy" in result.stderr and "lỗi nội bộ" not in result.stderr


def test_a_too_long_file_name_is_a_vietnamese_error(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="tên tệp quá dài"):
        atomic.write_atomic(tmp_path / ("b" * 300 + ".md"), b"x")


# --- 5. the cache cannot change an answer -------------------------------------------------

OVERDUE = ("overdue", "--as-of", "2024-05-01")


def cached_plan(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path, str]:
    """A plan with one overdue task, loaded once so that its cache entry exists."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("CAICACH_CACHE_DIR", str(folder))
    plan = write(tmp_path, plan_text(1))
    code, output = run(*OVERDUE, str(plan))
    assert code == 0 and "1.a" in output
    return plan, folder, output


def test_an_edited_or_planted_entry_never_changes_an_answer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan, folder, first = cached_plan(tmp_path, monkeypatch)
    (entry,) = folder.rglob("*.json")
    mac, signed = entry.read_bytes().split(b"\n", 1)
    done = signed.replace(b'"done":null', b'"done":"2024-03-01"')
    assert done != signed
    for forged in (mac + b"\n" + done, b"0" * 64 + b"\n" + done):
        entry.write_bytes(forged)
        assert run(*OVERDUE, str(plan)) == (0, first)
    ghost = signed.replace(b'"lead":["vp"]', b'"lead":["ghost"]')
    assert ghost != signed
    key = entry.stem  # even an entry signed with the right key is re-checked
    entry.write_bytes(cache._mac((folder / "secret").read_bytes(), key, ghost) + b"\n" + ghost)
    loaded = load_plan(plan, cache.PlanCache(folder))
    assert loaded.plan.sections[0].tasks[0].lead == ["vp"]


def test_cache_files_are_private(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _, folder, _ = cached_plan(tmp_path, monkeypatch)
    (entry,) = folder.rglob("*.json")
    assert entry.stat().st_mode & 0o777 == 0o600
    assert (folder / "secret").stat().st_mode & 0o777 == 0o600
    assert folder.stat().st_mode & 0o777 == 0o700


def test_a_fifo_entry_does_not_hang(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    plan, folder, first = cached_plan(tmp_path, monkeypatch)
    (entry,) = folder.rglob("*.json")
    entry.unlink()
    os.mkfifo(entry)
    assert run(*OVERDUE, str(plan)) == (0, first)


def test_a_planted_symlink_is_not_followed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    plan, folder, first = cached_plan(tmp_path, monkeypatch)
    (entry,) = folder.rglob("*.json")
    victim = tmp_path / "victim.txt"
    victim.write_text("giữ nguyên", encoding="utf-8")
    entry.unlink()
    entry.symlink_to(victim)
    assert run(*OVERDUE, str(plan)) == (0, first)
    assert victim.read_text(encoding="utf-8") == "giữ nguyên"


def test_a_cache_folder_others_can_write_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan, folder, first = cached_plan(tmp_path, monkeypatch)
    folder.chmod(0o777)
    (entry,) = folder.rglob("*.json")
    entry.write_bytes(b"planted")
    code, output = run(*OVERDUE, str(plan))
    assert (code, output) == (0, first)
    assert entry.read_bytes() == b"planted"  # neither read nor rewritten


# --- 6. bounded templates and workers -----------------------------------------------------

RUNAWAY = (
    "{% for a in range(100000) %}{% for b in range(100000) %}{% set c = b %}"
    "{% endfor %}{% endfor %}"
)


def report_with(tmp_path: Path, template: Path) -> tuple[int, str]:
    plan = write(tmp_path, plan_text(1))
    out = tmp_path / ("bao-cao.docx" if template.suffix == ".docx" else "bao-cao.md")
    return run(
        "report", "--period", "2024-Q1", "--template", str(template), str(plan), "-o", str(out)
    )


@pytest.mark.parametrize(
    ("source", "message"),
    [
        (RUNAWAY, "mẫu chạy quá"),
        ("{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}", "lồng nhau quá sâu"),
        ('{{ "x" * 10**9 }}', "quá lớn"),
        (
            "{% for a in range(100000) %}{% for b in range(100000) %}{{ 'x' * 1000 }}{% endfor %}"
            "{% endfor %}",
            "quá nhiều chữ",
        ),
    ],
)
def test_a_runaway_markdown_template_ends_with_a_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, source: str, message: str
) -> None:
    monkeypatch.setattr(render, "RENDER_SECONDS", 1.0 if "chạy quá" in message else 120.0)
    template = tmp_path / "mau.md.j2"
    template.write_text(source, encoding="utf-8")
    code, output = report_with(tmp_path, template)
    assert code == 2, output
    assert message in output and "lỗi nội bộ" not in output


def word_template(path: Path, text: str, extra: bytes = b"") -> Path:
    import docx

    document = docx.Document()
    document.add_paragraph(text)
    document.save(str(path))
    if extra:
        with zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("word/media/bomb.bin", extra)
    return path


def test_a_runaway_word_template_ends_with_a_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(render, "RENDER_SECONDS", 1.0)
    code, output = report_with(tmp_path, word_template(tmp_path / "mau.docx", RUNAWAY))
    assert code == 2, output
    assert "mẫu chạy quá" in output


def test_a_word_zip_bomb_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(render, "MAX_UNPACKED_BYTES", 1024 * 1024)
    template = word_template(tmp_path / "mau.docx", "{{ title }}", b"\0" * (4 * 1024 * 1024))
    assert template.stat().st_size < 200 * 1024
    code, output = report_with(tmp_path, template)
    assert code == 2, output
    assert "giải nén ra quá lớn" in output


FORK_FAILS = """
import errno, os, sys
real, started = os.fork, []
def fork():
    started.append(1)
    if len(started) > 1:  # the process limit: only one worker starts
        raise OSError(errno.EAGAIN, "Resource temporarily unavailable")
    return real()
os.fork = fork
from cai_cach.cli import app
app(["list", "--no-cache", sys.argv[1]])
"""


def test_workers_that_cannot_start_fall_back_to_one_process(tmp_path: Path) -> None:
    folder = tmp_path / "plans"
    folder.mkdir()
    for number in range(10):
        write(folder, plan_text(1).replace("Kế hoạch thử", f"Kế hoạch {number}"), f"p{number}.yaml")
    result = subprocess.run(
        [sys.executable, "-c", FORK_FAILS, str(folder)],
        capture_output=True,
        text=True,
        env={**os.environ, "CAICACH_JOBS": "2"},
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("1.a") >= 10


@pytest.mark.skipif(sys.platform == "win32", reason="flock")
def test_a_folder_without_locks_still_records(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno
    import fcntl

    def no_locks(*_: object) -> None:
        raise OSError(errno.ENOLCK, "No locks available")

    monkeypatch.setattr(fcntl, "flock", no_locks)
    plan = write(tmp_path, plan_text(1))
    code, output = run("done", "1.a", "-p", str(plan), "-d", "2024-03-20")
    assert code == 0, output
    assert "done: 2024-03-20" in plan.read_text(encoding="utf-8")
