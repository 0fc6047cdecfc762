"""The hostile-input corpus (tests/hostile/, made by make_corpus.py) through every command."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from cai_cach.cli import app
from tests.helpers import json_items
from tests.hostile.make_corpus import corpus

HOSTILE = Path(__file__).resolve().parent / "hostile"
RUBRIC = HOSTILE.parent.parent / "rubrics" / "vi-du-ca-mau.yaml"

# file → (exit status, line or None, words the message must contain)
EXPECTED: dict[str, tuple[int, int | None, str]] = {
    "windows-1258.yaml": (2, 2, "tệp không phải UTF-8"),
    "utf-16.yaml": (2, 1, "UTF-16"),
    "bom-crlf.yaml": (0, None, ""),
    "nfd.yaml": (0, None, ""),
    "duplicate-key-deep.yaml": (2, 19, "khóa 'due' bị lặp lại (đã có ở dòng 18)"),
    "duplicate-top-key.yaml": (2, 19, "khóa 'officials' bị lặp lại (đã có ở dòng 5)"),
    "alias.yaml": (2, 14, "không dùng neo/bí danh YAML"),
    "billion-laughs.yaml": (2, 1, "không dùng neo/bí danh YAML"),
    "python-tag.yaml": (2, 13, "không dùng thẻ YAML '!!python/object/apply:os.system'"),
    "yaml11-words.yaml": (0, None, ""),
    "impossible-date.yaml": (2, 18, "ngày '2024-02-30' không tồn tại"),
    "cut-by-comment.yaml": (0, 13, "bị cắt ở ' #'"),
    "nbsp-after-colon.yaml": (2, 3, "U+00A0"),
    "next-line-char.yaml": (2, 2, "U+0085"),
    "line-separator.yaml": (2, 2, "U+2028"),
    "control-char.yaml": (2, 13, "U+000B"),
    "empty.yaml": (2, 1, "tệp kế hoạch trống"),
    "only-comment.yaml": (2, 1, "tệp kế hoạch trống"),
    "list-root.yaml": (2, 1, "không phải một bảng các trường"),
    "scalar-root.yaml": (2, 1, "không phải một bảng các trường"),
    "deep-nesting.yaml": (2, 1, "cấu trúc lồng quá sâu"),
    "tab-indent.yaml": (2, 3, "tab"),
    "unclosed-quote.yaml": (2, 2, "dấu nháy mở ở đây có lẽ chưa được đóng"),
    "two-documents.yaml": (2, 19, "một tài liệu YAML"),
    "truncated.yaml": (2, 12, "thiếu trường bắt buộc 'timeline'"),
    "empty-title.yaml": (2, 13, "không được để trống"),
    "bool-title.yaml": (2, 13, "phải là văn bản"),
    "complex-key.yaml": (2, 19, "tên trường phải là văn bản đơn giản"),
    "unknown-official.yaml": (2, 14, "không có công chức 'ke-toan'"),
    "colon-in-text.yaml": (2, 13, "dấu ':' không được phép ở đây"),
    "conflict-markers.yaml": (2, 13, "phần 'HEAD' (trên dòng =======) và phần 'nhanh-van-phong'"),
    "missing-colon.yaml": (2, 13, "thiếu dấu ':' sau tên trường"),
    "no-space-after-colon.yaml": (2, 13, "thiếu dấu cách sau dấu ':'"),
    "unclosed-bracket.yaml": (2, 14, "ngoặc '[' mở ở đây chưa được đóng"),
    "escaped-vertical-tab.yaml": (2, 13, "U+000B (viết bằng mã thoát"),
    "escaped-nul.yaml": (2, 13, "U+0000 (viết bằng mã thoát"),
    "escaped-escape.yaml": (2, 13, "U+001B (viết bằng mã thoát"),
    "escaped-surrogate.yaml": (2, 13, "mã thoát Unicode"),
    "note-eaten-by-comment.yaml": (0, 19, "giá trị của 'note' bị YAML coi là chú thích"),
    "done-without-date.yaml": (0, 19, "'done:' để trống: mốc được coi là CHƯA hoàn thành"),
    "c1-csi.yaml": (2, 13, "ký tự điều khiển C1 không được phép U+009B"),
    "escaped-c1.yaml": (2, 13, "U+009B (viết bằng mã thoát"),
    "bidi-override.yaml": (2, 13, "ký tự điều khiển chiều chữ không được phép U+202E"),
    "injection.yaml": (0, None, ""),
}

# Every command that reads plans, with the arguments it needs besides the plan.
READ_COMMANDS: list[list[str]] = [
    ["check"],
    ["list"],
    ["officials"],
    ["overdue", "--as-of", "2024-04-15"],
    ["overdue", "--as-of", "2024-04-15", "--json"],
    ["report", "--period", "2024-Q1", "-o", "-"],
]


def test_corpus_files_match_their_generator() -> None:
    files = {path.name for path in HOSTILE.glob("*.yaml")}
    assert files == set(EXPECTED) == set(corpus())
    for name, content in corpus().items():
        assert (HOSTILE / name).read_bytes() == content, (
            f"run tests/hostile/make_corpus.py ({name})"
        )


@pytest.mark.parametrize("command", READ_COMMANDS, ids=lambda c: " ".join(c))
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_command_on_every_hostile_file(name: str, command: list[str]) -> None:
    status, line, words = EXPECTED[name]
    path = HOSTILE / name
    result = CliRunner().invoke(app, [*command, str(path)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    assert result.exit_code == status, result.output
    assert "(YAML:" not in result.output  # the parser's English words only with --debug
    if words:
        assert words in result.stderr
        location = f"{path}:{line}:" if line else str(path)
        assert location in result.stderr, result.stderr
    if status == 2 and "--json" in command:
        shape = json.loads(result.stdout)  # never a bare [] that reads as "nothing overdue"
        assert shape["failed_files"] == [str(path)]
        assert shape["problems"][0]["line"] == line
    elif status == 2 and "-" not in command:  # `report -o -`: standard output is the report
        # Standard output read on its own (mailed, glanced at) says the plan was not read.
        first = result.stdout.splitlines()[0]
        assert first.startswith("LỖI: 1 tệp kế hoạch có lỗi"), result.stdout
        assert f"{path}:" in result.stdout
        assert "Không có việc nào quá hạn" not in result.stdout


# Every command, the writers included, each run in a folder whose plans/ holds only the
# hostile file (``{plan}``: its path there).
ALL_COMMANDS: list[list[str]] = [
    *([*command, "{plan}"] for command in READ_COMMANDS),
    ["overdue", "--group-by", "agency", "--as-of", "2024-04-15", "{plan}"],
    ["overdue", "--group-by", "agency", "--as-of", "2024-04-15", "-o", "tong-hop.xlsx"],
    ["report", "--period", "2024-Q1", "-o", "bao-cao.docx"],
    ["report", "--period", "2024-Q1", "-o", "bao-cao.xlsx"],
    ["report", "--period", "2024-Q1", "--json"],
    ["report", "--period", "2024-Q1", "--init-notes"],
    ["show", "1.a"],
    ["agenda", "--month", "2024-03"],
    ["calendar", "-o", "lich.ics"],
    ["calendar", "-o", "-"],
    ["done", "1.a", "--date", "2024-03-01"],
    ["done", "1.a", "--undo"],
    ["note", "1.a", "Đã họp", "--date", "2024-03-01"],
    ["new", "--year", "2025", "--from", "{plan}", "-o", "moi-2025.yaml"],
    ["evidence", "-o", "kiem-chung.xlsx"],
    ["status", "--as-of", "2024-04-15", "-o", "trang-thai.html"],
    ["remind", "--as-of", "2024-04-15", "--dry-run"],
    ["score", "--rubric", str(RUBRIC), "-o", "bang-diem.xlsx"],
]


@pytest.mark.parametrize("command", ALL_COMMANDS, ids=lambda c: " ".join(c))
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_command_ends_in_a_located_vietnamese_error_never_an_internal_one(
    name: str, command: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    status, line, _ = EXPECTED[name]
    (tmp_path / "plans").mkdir()
    plan = tmp_path / "plans" / name
    plan.write_bytes((HOSTILE / name).read_bytes())
    monkeypatch.chdir(tmp_path)
    shown = f"plans/{name}"
    args = [arg.replace("{plan}", shown) for arg in command]
    result = CliRunner().invoke(app, args)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "lỗi nội bộ" not in result.output and "Traceback" not in result.output
    assert result.exit_code != 3, result.output
    assert "(YAML:" not in result.output
    if status == 2:
        assert result.exit_code == 2, result.output
        assert f"{shown}:{line}:" in result.stderr, result.stderr
        assert "\x1b" not in result.output and "\x9b" not in result.output
    written = {"done", "note", "new"} & set(command)
    if status == 2 and written:
        assert plan.read_bytes() == (HOSTILE / name).read_bytes()


def test_nfd_file_behaves_exactly_like_nfc(tmp_path: Path) -> None:
    runner = CliRunner()
    outputs = []
    for name in ("nfd.yaml", "bom-crlf.yaml"):
        copy = tmp_path / "plan.yaml"
        copy.write_bytes((HOSTILE / name).read_bytes())
        result = runner.invoke(
            app, ["overdue", str(copy), "--as-of", "2024-05-01", "--json", "--by", "tài chính"]
        )
        assert result.exit_code == 0, result.output
        outputs.append(json_items(result.stdout))
    assert outputs[0] == outputs[1]
    assert outputs[0][0]["lead"] == ["Công chức Tài chính - Kế toán"]


def test_yaml11_words_stay_what_the_clerk_typed() -> None:
    from cai_cach.loading import load_plan

    plan = load_plan(HOSTILE / "yaml11-words.yaml").plan
    task = plan.sections[0].tasks[0]
    assert plan.sections[0].title == "on"
    assert task.title == "yes"
    assert task.lead == ["no"] and "no" in plan.officials
    assert task.milestones[0].what == "010"
    assert task.timeline == "2024-03-31"


def test_fifty_megabyte_file_is_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    with big.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    result = CliRunner().invoke(app, ["check", str(big)])
    assert result.exit_code == 2
    assert f"{big}: lỗi: tệp quá lớn" in result.stderr


def test_folder_without_plans(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["overdue", str(tmp_path)])
    assert result.exit_code == 2
    assert str(tmp_path) in result.stderr
    assert "không có tệp kế hoạch" in result.stderr


def test_special_file_is_refused() -> None:
    result = CliRunner().invoke(app, ["check", "/dev/zero"])
    assert result.exit_code == 2
    assert "/dev/zero: lỗi: đây không phải là một tệp thông thường" in result.stderr


def test_unreadable_file(write_plan: Callable[..., Path], monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_plan()
    original = Path.open

    def refuse(self: Path, *args: Any, **kwargs: Any) -> Any:
        if self == path:
            raise PermissionError(13, "Permission denied")
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refuse)
    result = CliRunner().invoke(app, ["check", str(path)])
    assert result.exit_code == 2
    assert f"{path}: lỗi: không có quyền đọc tệp" in result.stderr


PATHOLOGICAL = {
    "flow-sequences": b"[" * 200_000,
    "flow-mappings": b"{a: " * 100_000,
    "block-sequences": b"".join(b" " * i + b"- \n" for i in range(3000)),
    "block-mappings": b"".join(b" " * i + b"a:\n" for i in range(3000)),
    "anchors-everywhere": b"".join(b"k%d: &a%d [*a%d]\n" % (i, i, i - 1) for i in range(1, 5000)),
    "long-line": b"a: " + b"x" * 3_000_000 + b"\n",
    "many-keys": b"".join(b"k%d: v\n" % i for i in range(100_000)),
}


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(PATHOLOGICAL))
def test_pathological_input_never_crashes_the_process(tmp_path: Path, name: str) -> None:
    """libyaml's C code crashes (segfault) on some inputs when its composer is used: the
    loader only reads its event stream, so every one of these must end as a clean error."""
    path = tmp_path / f"{name}.yaml"
    path.write_bytes(PATHOLOGICAL[name])
    result = subprocess.run(
        [sys.executable, "-m", "cai_cach", "check", str(path)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )
    assert result.returncode == 2, (result.returncode, result.stderr[-500:])
    assert "Traceback" not in result.stderr
    assert str(path) in result.stderr
