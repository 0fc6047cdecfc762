"""Git plumbing on a real repository built in tmp_path."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from cai_cach.errors import GitError
from cai_cach.gitrepo import FileChange, Git, changed_files, show, toplevel, verify


def commit(folder: Path, message: str) -> None:
    for args in (["add", "-A"], ["commit", "-qm", message]):
        subprocess.run(
            ["git", "-c", "user.name=Thử", "-c", "user.email=thu@example.org", *args],
            cwd=folder,
            check=True,
            capture_output=True,
        )


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "a.yaml").write_text("a: 1\n" * 20, encoding="utf-8")
    (tmp_path / "plans" / "ghi-chu.txt").write_text("x\n", encoding="utf-8")
    commit(tmp_path, "đầu")
    return tmp_path


def test_toplevel_and_outside_a_repository(
    repo: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    assert toplevel(repo / "plans").resolve() == repo.resolve()
    with pytest.raises(GitError, match="không nằm trong một kho git"):
        toplevel(tmp_path_factory.mktemp("ngoai"))


def test_verify_names_the_missing_revision(repo: Path) -> None:
    verify(Git(repo), "HEAD")
    with pytest.raises(GitError, match="không có phiên bản 'khong-co'"):
        verify(Git(repo), "khong-co")


def test_changed_files_sees_renames_untracked_and_keeps_only_wanted(repo: Path) -> None:
    git = Git(repo)
    subprocess.run(["git", "mv", "plans/a.yaml", "plans/b.yaml"], cwd=repo, check=True)
    (repo / "plans" / "moi.yaml").write_text("c: 3\n", encoding="utf-8")
    (repo / "plans" / "ghi-chu.txt").write_text("y\n", encoding="utf-8")
    found = changed_files(git, "HEAD", None, ["plans"], lambda path: path.endswith(".yaml"))
    assert found == [
        FileChange("R", "plans/a.yaml", "plans/b.yaml"),
        FileChange("A", None, "plans/moi.yaml"),
    ]
    assert show(git, "HEAD", "plans/a.yaml") == b"a: 1\n" * 20
