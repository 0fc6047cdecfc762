"""What changed in the plans between two git revisions.

``diff_revisions`` asks git (through ``gitrepo``, the plumbing) which plan files changed (with
rename detection), reads each side — ``git show REV:path`` or the working tree — through the
loading path, and compares them with ``plandiff.diff_plans``. A file that cannot be read on a
side is a failure of the result, never a silent "no change".
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from cai_cach.errors import PlanError, Problem
from cai_cach.gitrepo import FileChange, Git, changed_files, show, toplevel, verify
from cai_cach.loading import PLAN_SUFFIXES, find_plan_dir, plan_from_bytes
from cai_cach.models import Plan
from cai_cach.plandiff import GENERAL, PlanChange, diff_plans
from cai_cach.yamltext import MAX_BYTES, read_bytes

WORKING_TREE = "bản đang sửa (chưa commit)"


@dataclass
class DiffResult:
    """The changes of every plan file, and the files that could not be read on some side."""

    old_label: str
    new_label: str
    changes: list[PlanChange] = field(default_factory=list)
    failures: list[PlanError] = field(default_factory=list)


def _is_plan(path: str) -> bool:
    return path.endswith(PLAN_SUFFIXES)


def _read_side(
    git: Git, top: Path, revision: str | None, path: str, display: str
) -> tuple[Plan, str]:
    """The plan at ``path`` (relative to the repository) in ``revision`` (None: on disk)."""
    if revision is None:
        raw = read_bytes(top / path, display)
        label = display
    else:
        raw = show(git, revision, path)
        label = f"{revision}:{display}"
        if len(raw) > MAX_BYTES:
            raise PlanError([Problem(label, "tệp quá lớn để là một kế hoạch")])
    plan, _ = plan_from_bytes(raw, label)
    return plan, label


def _display(top: Path, path: str, cwd: Path) -> str:
    return os.path.relpath(top / path, cwd)


# Without a plans/ folder every YAML file of the repository is a candidate, except hidden ones
# (.pre-commit-config.yaml, .github/…), which are never plans.
_NOT_HIDDEN = (":(exclude,glob)**/.*", ":(exclude,glob)**/.*/**")


def _pathspec(top: Path, cwd: Path) -> list[str]:
    """The plans/ folder nearest the current folder when it is in the repository, else the
    whole repository without hidden files."""
    folder = find_plan_dir(cwd)
    if folder is not None:
        try:
            return [folder.resolve().relative_to(top.resolve()).as_posix() or "."]
        except ValueError:
            pass
    return [".", *_NOT_HIDDEN]


def diff_revisions(
    old: str = "HEAD", new: str | None = None, cwd: Path | None = None
) -> DiffResult:
    """Compare the plans of revision ``old`` with revision ``new`` (None: the working tree)."""
    here = (cwd or Path.cwd()).resolve()
    top = toplevel(here)
    git = Git(top)
    verify(git, old)
    if new is not None:
        verify(git, new)
    result = DiffResult(old, new or WORKING_TREE)
    for change in changed_files(git, old, new, _pathspec(top, here), _is_plan):
        try:
            result.changes += _compare(git, top, here, old, new, change)
        except PlanError as err:
            result.failures.append(err)
    return result


def _compare(
    git: Git, top: Path, here: Path, old: str, new: str | None, change: FileChange
) -> list[PlanChange]:
    new_display = _display(top, change.new_path, here) if change.new_path else None
    old_display = _display(top, change.old_path, here) if change.old_path else None
    if change.new_path is None and change.old_path is not None and old_display is not None:
        plan, _ = _read_side(git, top, old, change.old_path, old_display)
        return [
            PlanChange(
                old_display,
                GENERAL,
                None,
                "plan_removed",
                f"Xóa tệp kế hoạch: {plan.plan.title}",
                old=plan.plan.title,
            )
        ]
    assert change.new_path is not None and new_display is not None
    after, _ = _read_side(git, top, new, change.new_path, new_display)
    if change.old_path is None or old_display is None:
        tasks = sum(1 for _ in after.tasks())
        return [
            PlanChange(
                new_display,
                GENERAL,
                None,
                "plan_added",
                f"Kế hoạch mới: {after.plan.title} ({len(after.sections)} mục, {tasks} nhiệm vụ)",
                new=after.plan.title,
            )
        ]
    before, _ = _read_side(git, top, old, change.old_path, old_display)
    renamed = old_display if change.old_path != change.new_path else None
    changes: list[PlanChange] = []
    if renamed:
        changes.append(
            PlanChange(
                new_display,
                GENERAL,
                None,
                "plan_renamed",
                f"Đổi tên tệp: {old_display} → {new_display}",
                old_display,
                new_display,
                old_display,
            )
        )
    return changes + diff_plans(before, after, new_display, renamed)
