"""Which plan files changed between two git revisions, each side read and compared."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from cai_cach.errors import GitError
from cai_cach.revisiondiff import WORKING_TREE, diff_revisions
from tests.helpers import MINIMAL_PLAN
from tests.test_plandiff import Repo, made_repo

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Repo:
    return made_repo(tmp_path, monkeypatch, MINIMAL_PLAN)


def test_nothing_changed_is_no_change_and_no_failure(repo: Repo) -> None:
    result = diff_revisions()
    assert (result.old_label, result.new_label) == ("HEAD", WORKING_TREE)
    assert result.changes == [] and result.failures == []


def test_a_new_and_a_renamed_plan_file(repo: Repo) -> None:
    repo.git("mv", "plans/plan.yaml", "plans/ke-hoach.yaml")
    repo.write("moi.yaml", MINIMAL_PLAN.replace("Kế hoạch thử", "Kế hoạch mới"))
    kinds = {(c.plan, c.kind) for c in diff_revisions().changes}
    assert ("plans/ke-hoach.yaml", "plan_renamed") in kinds
    assert ("plans/moi.yaml", "plan_added") in kinds


def test_a_side_that_cannot_be_read_is_a_failure_not_silence(repo: Repo) -> None:
    repo.write("plan.yaml", "plan: [\n")
    result = diff_revisions()
    assert result.changes == []
    assert [f.problems[0].file for f in result.failures] == ["plans/plan.yaml"]


def test_an_unknown_revision_is_a_git_error_naming_it(repo: Repo) -> None:
    with pytest.raises(GitError, match="khong-co-phien-ban-nay"):
        diff_revisions("khong-co-phien-ban-nay")
