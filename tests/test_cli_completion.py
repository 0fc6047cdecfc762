"""Shell completion (issue 13, item 7): commands, options, role words, task ids, periods."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from cai_cach.cli import app
from cai_cach.cli.completion import periods

PLAN = """\
plan: {title: Kế hoạch thử, year: 2025, agency: {name: Xã Thử, place: Thử}}
officials:
  vp: {title: Công chức Văn phòng}
sections:
  - id: "1"
    title: Mục một
    tasks:
      - {id: 1.a, title: Việc một, lead: [vp], timeline: Năm 2025.}
      - {id: 1.b, title: Việc hai, lead: [vp], timeline: Năm 2025.}
  - id: "2"
    title: Mục hai
    tasks:
      - {id: 2.a, title: Việc ba, lead: [vp], timeline: Năm 2025.}
"""


@pytest.fixture
def plan_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "thu-2025.yaml").write_text(PLAN, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def complete(words: str) -> list[str]:
    """What bash would offer for the last word of ``words``."""
    parts = words.split(" ")
    env = {
        "_CAICACH_COMPLETE": "complete_bash",
        "COMP_WORDS": words,
        "COMP_CWORD": str(len(parts) - 1),
    }
    result = CliRunner().invoke(app, [], env=env, prog_name="caicach")
    return result.output.split()


def test_commands(plan_folder: Path) -> None:
    assert complete("caicach ag") == ["agenda"]
    assert "calendar" in complete("caicach ca")


def test_options_and_role_words(plan_folder: Path) -> None:
    assert complete("caicach calendar --rem") == ["--remind"]
    assert complete("caicach overdue --role ") == ["chu-tri", "phoi-hop", "tat-ca"]


def test_task_ids_from_the_plans(plan_folder: Path) -> None:
    assert complete("caicach show 1.") == ["1.a", "1.b"]
    assert complete("caicach done 2") == ["2", "2.a"]


def test_periods_use_the_plan_year(plan_folder: Path) -> None:
    assert complete("caicach report --period 2025-Q") == [f"2025-Q{q}" for q in range(1, 5)]
    assert complete("caicach agenda --month 2025-1") == ["2025-10", "2025-11", "2025-12"]


def test_period_keys() -> None:
    assert {"2024-Q1", "2024-H2", "2024-9M", "2024", "2024-12"} <= set(periods(2024))


def test_install_and_show_options_are_vietnamese() -> None:
    output = CliRunner().invoke(app, ["--help"]).output
    assert "--install-completion" in output
    assert "Cài gợi ý lệnh" in output


def test_short_periods_are_offered_when_the_plans_have_one_year(plan_folder: Path) -> None:
    assert complete("caicach report --period Q") == ["Q1", "Q2", "Q3", "Q4"]
    assert complete("caicach done 1.a --period 6") == ["6t"]
