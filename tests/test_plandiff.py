"""The semantic diff: each change to a plan named exactly once, between git revisions."""

from __future__ import annotations

import shutil
import subprocess
from collections import Counter
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from cai_cach import loading, record
from cai_cach.errors import GitError
from cai_cach.periods import parse_period
from cai_cach.plandiff import diff_plans
from cai_cach.revisiondiff import diff_revisions
from tests.helpers import MINIMAL_PLAN, json_items

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

Run = Callable[..., Any]

BASE_PLAN = (
    MINIMAL_PLAN
    + """\
      - id: 1.g
        title: Việc sẽ bị bỏ
        lead: [vp-tk]
        timeline: Thường xuyên.
        ongoing: true
"""
)


class Repo:
    """A throwaway git repository with a plans/ folder."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.plans = root / "plans"
        self.plans.mkdir(parents=True)
        self.git("init", "-q")
        self.git("config", "user.name", "Văn phòng - Thống kê")
        self.git("config", "user.email", "vp@example.invalid")
        self.git("config", "commit.gpgsign", "false")

    def git(self, *args: str) -> str:
        done = subprocess.run(
            ["git", *args], cwd=self.root, capture_output=True, text=True, check=True
        )
        return done.stdout

    def write(self, name: str, text: str) -> Path:
        path = self.plans / name
        path.write_text(text, encoding="utf-8")
        return path

    def commit(self, message: str = "cập nhật") -> None:
        self.git("add", "-A", ".")
        self.git("commit", "-q", "-m", message)


def made_repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, plan: str) -> Repo:
    """A git repository of its own (no user or system config) holding ``plan``, committed,
    the working folder inside it."""
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "no-global-config"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    made = Repo(tmp_path / "kho")
    made.write("plan.yaml", plan)
    made.commit("Kế hoạch 2024")
    monkeypatch.chdir(made.root)
    return made


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Repo:
    return made_repo(tmp_path, monkeypatch, BASE_PLAN)


def make_changes(repo: Repo) -> None:
    """Move a deadline, change a lead, add and remove a task (by hand), then record a
    completion, an occurrence and a note (with the tool)."""
    path = repo.plans / "plan.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("            due: Quý I/2024\n", "            due: Quý II/2024\n")
    text = text.replace("        lead: [tc-kt]\n", "        lead: [vp-tk]\n")
    text = text.replace(BASE_PLAN[len(MINIMAL_PLAN) :], "")
    text += """\
      - id: 1.h
        title: Việc mới thêm
        lead: [tc-kt]
        timeline: Tháng 6 năm 2024.
        milestones:
          - what: Hoàn thành
            due: Tháng 6 năm 2024
"""
    path.write_text(text, encoding="utf-8")
    record.mark_done(path, "1.a", day=date(2024, 3, 20))
    record.mark_done(path, "1.đ", day=date(2024, 2, 3), period=parse_period("2024-01"))
    record.add_note(path, "1.a", "Đã trình Chủ tịch", day=date(2024, 3, 10))


EXPECTED = {
    "deadline_moved": "Nhiệm vụ 1.a: dời hạn mốc “Ban hành kế hoạch” từ Quý I/2024 (31/03/2024) "
    "sang Quý II/2024 (30/06/2024)",
    "lead": "Nhiệm vụ 1.đ: chủ trì: Công chức Tài chính - Kế toán (Nguyễn Văn Đức) → "
    "Công chức Văn phòng - Thống kê",
    "milestone_completed": "Nhiệm vụ 1.a: hoàn thành mốc “Ban hành kế hoạch” ngày 20/03/2024",
    "occurrence_recorded": "Nhiệm vụ 1.đ: ghi nhận “Báo cáo tháng” tháng 1 năm 2024 đã làm "
    "ngày 03/02/2024",
    "note_added": "Nhiệm vụ 1.a: thêm ghi chú ngày 10/03/2024: “Đã trình Chủ tịch”",
    "task_added": "Thêm nhiệm vụ 1.h: “Việc mới thêm”",
    "task_removed": "Bỏ nhiệm vụ 1.g: “Việc sẽ bị bỏ”",
}


def test_diff_json_names_each_change_exactly_once(repo: Repo, run_cli: Run) -> None:
    make_changes(repo)
    result = run_cli("diff", "--json")
    assert result.exit_code == 0, result.output
    changes = json_items(result.stdout)
    assert Counter(change["kind"] for change in changes) == Counter(list(EXPECTED))
    for change in changes:
        assert change["message"] == EXPECTED[change["kind"]]
        assert change["plan"] == "plans/plan.yaml"
        assert change["section"] == "Mục 1. Mục một"
    moved = next(c for c in changes if c["kind"] == "deadline_moved")
    assert (moved["old"], moved["new"]) == ("Quý I/2024", "Quý II/2024")


def test_diff_text_has_one_line_per_change_grouped(repo: Repo, run_cli: Run) -> None:
    make_changes(repo)
    result = run_cli("diff")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "So sánh kế hoạch: HEAD → bản đang sửa (chưa commit)"
    assert lines.count("plans/plan.yaml") == 1
    assert lines.count("  Mục 1. Mục một") == 1
    for message in EXPECTED.values():
        assert lines.count(f"    - {message}") == 1, message
    assert len([line for line in lines if line.startswith("    - ")]) == len(EXPECTED)
    assert lines[-1] == f"{len(EXPECTED)} thay đổi trong 1 tệp kế hoạch."


def test_diff_between_two_commits(repo: Repo, run_cli: Run) -> None:
    make_changes(repo)
    repo.commit("Ghi tiến độ quý I")
    assert run_cli("diff").stdout.startswith("Không có thay đổi nào trong kế hoạch giữa HEAD")
    result = run_cli("diff", "HEAD~1", "HEAD", "--json")
    assert result.exit_code == 0, result.output
    assert Counter(c["kind"] for c in json_items(result.stdout)) == Counter(list(EXPECTED))


def test_reopening_and_removing_records(repo: Repo, run_cli: Run) -> None:
    make_changes(repo)
    repo.commit()
    path = repo.plans / "plan.yaml"
    record.mark_undone(path, "1.a")
    record.mark_undone(path, "1.đ", period=parse_period("2024-01"))
    record.remove_note(path, "1.a", "trinh chu tich")
    changes = json_items(run_cli("diff", "--json").stdout)
    assert [c["message"] for c in changes] == [
        "Nhiệm vụ 1.a: mở lại mốc “Ban hành kế hoạch” (bỏ ngày hoàn thành 20/03/2024)",
        "Nhiệm vụ 1.a: bỏ ghi chú ngày 10/03/2024: “Đã trình Chủ tịch”",
        "Nhiệm vụ 1.đ: bỏ ghi nhận “Báo cáo tháng” tháng 1 năm 2024 (trước ghi ngày 03/02/2024)",
    ]


def test_renamed_plan_is_compared_with_its_old_name(repo: Repo, run_cli: Run) -> None:
    repo.git("mv", "plans/plan.yaml", "plans/tinh-minh-2024.yaml")
    path = repo.plans / "tinh-minh-2024.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("support: [tc-kt]", "support: []"),
        encoding="utf-8",
    )
    changes = json_items(run_cli("diff", "--json").stdout)
    assert [(c["kind"], c["plan"], c["old_file"]) for c in changes] == [
        ("plan_renamed", "plans/tinh-minh-2024.yaml", "plans/plan.yaml"),
        ("support", "plans/tinh-minh-2024.yaml", "plans/plan.yaml"),
    ]
    assert changes[1]["message"] == (
        "Nhiệm vụ 1.a: phối hợp: Công chức Tài chính - Kế toán (Nguyễn Văn Đức) → (không có)"
    )
    text = run_cli("diff").stdout
    assert "plans/tinh-minh-2024.yaml (trước là plans/plan.yaml)" in text


def test_new_and_removed_plan_files(repo: Repo, run_cli: Run) -> None:
    repo.write("plan-2025.yaml", MINIMAL_PLAN.replace("year: 2024", "year: 2025"))
    (repo.plans / "plan.yaml").unlink()
    (repo.root / "ghi-chu.yaml").write_text("không phải kế hoạch: [", encoding="utf-8")
    changes = json_items(run_cli("diff", "--json").stdout)
    assert sorted((c["kind"], c["plan"], c["message"]) for c in changes) == [
        ("plan_added", "plans/plan-2025.yaml", "Kế hoạch mới: Kế hoạch thử (1 mục, 2 nhiệm vụ)"),
        ("plan_removed", "plans/plan.yaml", "Xóa tệp kế hoạch: Kế hoạch thử"),
    ]


def test_without_a_plans_folder_hidden_yaml_files_are_ignored(repo: Repo, run_cli: Run) -> None:
    repo.git("mv", "plans/plan.yaml", "ke-hoach.yaml")
    repo.commit("không dùng thư mục plans/")
    repo.plans.rmdir()
    (repo.root / "ke-hoach.yaml").write_text(
        BASE_PLAN.replace("due: Quý I/2024", "due: Quý II/2024"), encoding="utf-8"
    )
    (repo.root / ".pre-commit-config.yaml").write_text("repos: []\n", encoding="utf-8")
    (repo.root / ".github").mkdir()
    (repo.root / ".github" / "ci.yml").write_text("on: push\n", encoding="utf-8")
    result = run_cli("diff", "--json")
    assert result.exit_code == 0, result.output
    assert [(c["plan"], c["kind"]) for c in json_items(result.stdout)] == [
        ("ke-hoach.yaml", "deadline_moved")
    ]


def test_diff_from_a_subfolder_names_files_from_there(repo: Repo, run_cli: Run) -> None:
    make_changes(repo)
    import os

    os.chdir(repo.plans)
    changes = json_items(run_cli("diff", "--json").stdout)
    assert {c["plan"] for c in changes} == {"plan.yaml"}


def test_broken_plan_is_reported_with_its_line(repo: Repo, run_cli: Run) -> None:
    path = repo.plans / "plan.yaml"
    path.write_text(BASE_PLAN.replace("lead: [tc-kt]", "lead: [ke-toan]"), encoding="utf-8")
    result = run_cli("diff")
    assert result.exit_code == 2
    assert "plans/plan.yaml:22:" in result.stderr
    assert "không có công chức 'ke-toan'" in result.stderr
    assert "Traceback" not in result.output


def test_outside_a_git_repository(
    tmp_path: Path, run_cli: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "plan.yaml").write_text(MINIMAL_PLAN, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run_cli("diff")
    assert result.exit_code == 2
    assert "không nằm trong một kho git" in result.stderr
    assert "git init" in result.stderr
    assert "Traceback" not in result.output


def test_unknown_revision_and_empty_repository(
    repo: Repo, run_cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = run_cli("diff", "khong-co")
    assert result.exit_code == 2
    assert "không có phiên bản 'khong-co' trong kho git" in result.stderr
    empty = Repo(tmp_path / "trong")
    monkeypatch.chdir(empty.root)
    with pytest.raises(GitError, match="chưa có lần commit nào"):
        diff_revisions()


# --- the comparison itself -------------------------------------------------------------------


def _plans(old: str, new: str) -> list[tuple[str, str]]:
    before, _ = loading.plan_from_bytes(old.encode(), "old.yaml")
    after, _ = loading.plan_from_bytes(new.encode(), "new.yaml")
    return [(c.kind, c.message) for c in diff_plans(before, after, "plan.yaml")]


def test_same_day_written_differently_is_a_rewording_not_a_move() -> None:
    changed = MINIMAL_PLAN.replace("due: Quý I/2024", "due: 2024-03-31")
    assert _plans(MINIMAL_PLAN, changed) == [
        (
            "deadline_reworded",
            "Nhiệm vụ 1.a: ghi lại hạn mốc “Ban hành kế hoạch”: “Quý I/2024” → “2024-03-31” "
            "(vẫn là 31/03/2024)",
        )
    ]


def test_renaming_an_official_id_is_not_a_change_of_lead() -> None:
    changed = MINIMAL_PLAN.replace("tc-kt", "ke-toan")
    assert _plans(MINIMAL_PLAN, changed) == [
        ("official_removed", "Bỏ công chức tc-kt: Công chức Tài chính - Kế toán (Nguyễn Văn Đức)"),
        (
            "official_added",
            "Thêm công chức ke-toan: Công chức Tài chính - Kế toán (Nguyễn Văn Đức)",
        ),
    ]


def test_plan_level_and_task_text_changes() -> None:
    changed = (
        MINIMAL_PLAN.replace("title: Mục một", "title: Cải cách thể chế")
        .replace("name: Nguyễn Văn Đức", "name: Trần Thị Hoa")
        .replace("every: tháng", "every: quý")
        .replace("timeline: Định kỳ hàng tháng.", "timeline: Định kỳ hàng quý.")
    )
    assert _plans(MINIMAL_PLAN, changed) == [
        (
            "official_name",
            "Công chức tc-kt (Công chức Tài chính - Kế toán): họ tên Nguyễn Văn Đức → Trần Thị Hoa",
        ),
        ("section_title", "Mục 1: đổi tên “Mục một” → “Cải cách thể chế”"),
        (
            "timeline",
            "Nhiệm vụ 1.đ: sửa thời gian thực hiện: “Định kỳ hàng tháng.” → “Định kỳ hàng quý.”",
        ),
        ("cadence_changed", "Nhiệm vụ 1.đ: đổi chu kỳ của “Báo cáo tháng”: hàng tháng → hàng quý"),
    ]


def test_unchanged_plan_has_no_changes() -> None:
    assert (
        _plans(
            MINIMAL_PLAN,
            MINIMAL_PLAN.replace("  title: Kế hoạch thử", "  title: Kế hoạch thử  # x"),
        )
        == []
    )
