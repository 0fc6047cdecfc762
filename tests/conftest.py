from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.helpers import MINIMAL_PLAN, invoke


@pytest.fixture(autouse=True)
def plan_cache_folder(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Tests never touch the user's plan cache: each test gets an empty cache folder."""
    folder = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("CAICACH_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def write_plan(tmp_path: Path) -> Callable[..., Path]:
    """Write a plan file into ``tmp_path`` (text or bytes) and return its path."""

    def write(content: str | bytes = MINIMAL_PLAN, name: str = "plan.yaml") -> Path:
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return write


@pytest.fixture
def run_cli() -> Callable[..., object]:
    return invoke
