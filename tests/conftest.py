from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cai_cach.cli import app

REPO = Path(__file__).resolve().parent.parent
SHIPPED_PLAN = REPO / "plans" / "tinh-minh-2024.yaml"

MINIMAL_PLAN = """\
plan:
  title: Kế hoạch thử
  year: 2024
  agency: {name: Ủy ban nhân dân xã Thử, place: Thử}
officials:
  vp-tk: {title: Công chức Văn phòng - Thống kê}
  tc-kt: {title: Công chức Tài chính - Kế toán, name: Nguyễn Văn Đức}
sections:
  - id: "1"
    title: Mục một
    tasks:
      - id: 1.a
        title: Ban hành kế hoạch
        lead: [vp-tk]
        support: [tc-kt]
        timeline: Quý I/2024 ban hành kế hoạch.
        milestones:
          - what: Ban hành kế hoạch
            due: Quý I/2024
      - id: 1.đ
        title: Báo cáo hàng tháng
        lead: [tc-kt]
        timeline: Định kỳ hàng tháng.
        recurring:
          - what: Báo cáo tháng
            every: tháng
"""


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
    runner = CliRunner()

    def run(*args: str) -> object:
        return runner.invoke(app, [str(arg) for arg in args])

    return run
