"""The edit session: a plan edited in memory is written only when it means exactly the
intended change (the operations in ``test_record.py`` go through it)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from cai_cach.errors import RecordError
from cai_cach.recordsession import EditSession
from tests.helpers import SHIPPED_PLAN


def test_an_unintended_change_is_refused_and_nothing_written(tmp_path: Path) -> None:
    path = tmp_path / "tm.yaml"
    shutil.copy(SHIPPED_PLAN, path)
    before = path.read_bytes()
    session = EditSession(path)
    ref = session.task("1.c")
    node = session.node(ref.path)
    first = node.start_mark.line  # 0-based: the task's "- id:" line
    session.text.replace((first, 0), (first, 0), "")  # nothing changed: a save is a no-op
    assert session.save() == ()
    assert path.read_bytes() == before
    session = EditSession(path)
    session.text.insert_after(first + 1, ["        ongoing: true"])  # not what was expected
    with pytest.raises(RecordError, match="khác với điều cần ghi"):
        session.save()
    assert path.read_bytes() == before
