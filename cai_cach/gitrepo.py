"""Git plumbing, with no knowledge of plans: run git, find the repository, check revisions,
list the files changed between two revisions, read a file as it was in a revision."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from cai_cach.errors import GitError


@dataclass(frozen=True)
class FileChange:
    """One changed file; a path is ``None`` on the side where the file does not exist (or is
    not wanted)."""

    status: str  # A, D, M, R (renamed, maybe changed), T …
    old_path: str | None
    new_path: str | None


class Git:
    """Run git commands in one folder; git's messages in English (``LC_ALL=C``) so that they
    can be read, and no optional locks (a diff must not block a clerk's commit)."""

    def __init__(self, cwd: Path) -> None:
        self.cwd = cwd
        self.environment = {**os.environ, "GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C"}

    def __call__(self, *args: str, allow_failure: bool = False) -> bytes:
        try:
            completed = subprocess.run(
                ["git", *args], cwd=self.cwd, capture_output=True, check=False, env=self.environment
            )
        except FileNotFoundError:
            raise GitError(
                "không tìm thấy chương trình git trên máy này",
                "cài git (https://git-scm.com) rồi chạy lại lệnh",
            ) from None
        if completed.returncode != 0 and not allow_failure:
            detail = completed.stderr.decode("utf-8", "replace").strip().splitlines()
            raise GitError(
                f"git {args[0]} báo lỗi: {detail[0] if detail else completed.returncode}"
            )
        return completed.stdout if completed.returncode == 0 else b""


def toplevel(cwd: Path) -> Path:
    """The top folder of the repository holding ``cwd``."""
    top = Git(cwd)("rev-parse", "--show-toplevel", allow_failure=True).decode().strip()
    if not top:
        raise GitError(
            f"thư mục '{cwd}' không nằm trong một kho git nên không so sánh được các phiên bản",
            "chạy lệnh trong thư mục kho kế hoạch; tạo kho mới bằng: git init && git add plans "
            '&& git commit -m "Kế hoạch"',
        )
    return Path(top)


def verify(git: Git, revision: str) -> None:
    """Raise ``GitError`` unless ``revision`` names a commit."""
    if git("rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}", allow_failure=True):
        return
    if revision == "HEAD" and not git(
        "rev-parse", "--verify", "--quiet", "HEAD", allow_failure=True
    ):
        raise GitError(
            "kho git chưa có lần commit nào nên chưa có gì để so sánh",
            'commit kế hoạch lần đầu: git add plans && git commit -m "Kế hoạch"',
        )
    raise GitError(
        f"không có phiên bản '{revision}' trong kho git",
        "xem các phiên bản bằng: git log --oneline (dùng mã commit, tên nhánh, HEAD, HEAD~1 …)",
    )


def changed_files(
    git: Git,
    old: str,
    new: str | None,
    pathspec: list[str],
    wanted: Callable[[str], bool],
) -> list[FileChange]:
    """Files changed from ``old`` to ``new`` (None: the working tree, untracked files
    included), renames detected; only paths that are ``wanted`` are kept."""

    def keep(path: str | None) -> bool:
        return path is not None and wanted(path)

    args = ["diff", "-M", "--name-status", "-z", old, *([new] if new else []), "--", *pathspec]
    tokens = git(*args).decode("utf-8", "surrogateescape").split("\0")
    changes: list[FileChange] = []
    index = 0
    while index < len(tokens) and tokens[index]:
        status = tokens[index][0]
        old_path: str | None = tokens[index + 1]
        new_path = tokens[index + 2] if status in "RC" else old_path
        index += 3 if status in "RC" else 2
        if status == "C":  # a copy is a new file
            status, old_path = "A", None
        change = FileChange(
            status,
            old_path if status != "A" and keep(old_path) else None,
            new_path if status != "D" and keep(new_path) else None,
        )
        if change.old_path or change.new_path:
            changes.append(change)
    if new is None:
        untracked = git("ls-files", "-z", "--others", "--exclude-standard", "--", *pathspec)
        for path in untracked.decode("utf-8", "surrogateescape").split("\0"):
            if keep(path):
                changes.append(FileChange("A", None, path))
    return changes


def show(git: Git, revision: str, path: str) -> bytes:
    """The bytes of ``path`` (relative to the repository's top) in ``revision``."""
    return git("show", f"{revision}:{path}")
