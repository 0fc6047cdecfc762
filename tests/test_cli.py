from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import MINIMAL_PLAN, REPO, SHIPPED_PLAN, json_items

Run = Callable[..., Any]


def test_check_shipped_plan(run_cli: Run) -> None:
    result = run_cli("check", SHIPPED_PLAN)
    assert result.exit_code == 0, result.output
    assert "hợp lệ — 8 mục, 37 nhiệm vụ" in result.output


def test_check_defaults_to_plans_folder(run_cli: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    result = run_cli("check")
    assert result.exit_code == 0, result.output
    assert "plans/tinh-minh-2024.yaml" in result.output


def test_check_broken_plan_names_line(run_cli: Run, write_plan: Callable[..., Path]) -> None:
    path = write_plan(MINIMAL_PLAN.replace("lead: [tc-kt]", "lead: [ke-toan]"))
    result = run_cli("check", path)
    assert result.exit_code == 2
    assert f"{path}:22:" in result.output
    assert "không có công chức 'ke-toan'" in result.output
    assert "Traceback" not in result.output


def test_check_one_broken_among_many(run_cli: Run, write_plan: Callable[..., Path]) -> None:
    good = write_plan(name="good.yaml")
    bad = write_plan("plan: [unclosed\n", name="bad.yaml")
    result = run_cli("check", good, bad)
    assert result.exit_code == 2
    assert "good.yaml: hợp lệ" in result.output
    assert f"{bad}:" in result.output
    assert "1 tệp có lỗi, 1 tệp hợp lệ" in result.output


def test_check_missing_file(run_cli: Run, tmp_path: Path) -> None:
    result = run_cli("check", tmp_path / "khong-co.yaml")
    assert result.exit_code == 2
    assert "không tìm thấy tệp" in result.output


def test_list_filters_by_section_and_official(run_cli: Run) -> None:
    result = run_cli("list", SHIPPED_PLAN, "--section", "5")
    assert result.exit_code == 0, result.output
    for task_id in ("5.a", "5.b", "5.c", "5.d"):
        assert task_id in result.output
    assert "1.a" not in result.output
    by = run_cli("list", SHIPPED_PLAN, "--by", "hoa xa hoi", "--role", "tat-ca")
    assert by.exit_code == 0, by.output
    assert "8.a" in by.output and "5.b" not in by.output
    lead_only = run_cli("list", SHIPPED_PLAN, "--by", "hoa xa hoi", "--role", "lead")
    assert "Không có nhiệm vụ nào" in lead_only.output


def test_officials_shows_task_load(run_cli: Run, write_plan: Callable[..., Path]) -> None:
    result = run_cli("officials", write_plan())
    assert result.exit_code == 0, result.output
    line = next(line for line in result.output.splitlines() if "tc-kt" in line)
    assert "Nguyễn Văn Đức" in line
    assert line.split()[-2:] == ["1", "1"]  # leads 1.đ, supports 1.a


def overdue_json(run_cli: Run, *args: str) -> list[dict[str, Any]]:
    result = run_cli("overdue", SHIPPED_PLAN, "--json", *args)
    assert result.exit_code == 0, result.output
    return json_items(result.stdout)  # type: ignore[no-any-return]


def test_overdue_mid_april_2024(run_cli: Run) -> None:
    items = overdue_json(run_cli, "--as-of", "2024-04-15")
    assert items
    for item in items:
        assert {"plan", "task", "title", "lead", "due", "what", "days_overdue"} <= item.keys()
        assert item["due"] < "2024-04-01"
        assert item["plan"] == "tinh-minh-2024"
    milestones = {i["task"] for i in items if i["kind"] == "milestone"}
    assert {"1.c", "1.d", "2.a", "2.b", "2.n", "4.a", "5.b", "7.a", "8.a"} <= milestones
    monthly = [i["period"] for i in items if i["task"] == "2.d"]
    assert sorted(monthly) == ["2024-01", "2024-02", "2024-03"]
    days = [i["days_overdue"] for i in items]
    assert days == sorted(days, reverse=True)
    assert items[0]["days_overdue"] == 75  # January's monthly duty


def test_overdue_by_official(run_cli: Run) -> None:
    items = overdue_json(run_cli, "--as-of", "2024-04-15", "--by", "tai chinh")
    assert [i["task"] for i in items] == ["5.b"]
    assert items[0]["lead"] == ["Công chức Tài chính - Kế toán"]


def test_overdue_by_official_role_any(run_cli: Run) -> None:
    lead = overdue_json(run_cli, "--as-of", "2024-04-15", "--by", "van hoa")
    anyrole = overdue_json(run_cli, "--as-of", "2024-04-15", "--by", "van hoa", "--role", "any")
    assert lead == []
    assert {i["task"] for i in anyrole} == {"8.a"}


def test_overdue_table_and_nothing_overdue(run_cli: Run) -> None:
    result = run_cli("overdue", SHIPPED_PLAN, "--as-of", "15/04/2024", "--by", "tai chinh")
    assert result.exit_code == 0
    assert "Việc quá hạn tính đến ngày 15/04/2024: 1" in result.output
    assert "5.b" in result.output and "31/03/2024" in result.output
    early = run_cli("overdue", SHIPPED_PLAN, "--as-of", "2024-01-02")
    assert "Không có việc nào quá hạn tính đến ngày 02/01/2024." in early.output


def test_overdue_soon(run_cli: Run) -> None:
    items = overdue_json(run_cli, "--as-of", "2024-01-02", "--soon", "30")
    assert items and all(i["status"] == "due_soon" for i in items)
    assert {i["task"] for i in items} == {"1.d", "2.d"}  # January's monthly duties
    assert all(i["days_overdue"] == -29 for i in items)


def test_overdue_exit_code_flag(run_cli: Run) -> None:
    assert run_cli("overdue", SHIPPED_PLAN, "--as-of", "2024-04-15").exit_code == 0
    flagged = run_cli("overdue", SHIPPED_PLAN, "--as-of", "2024-04-15", "--exit-code")
    assert flagged.exit_code == 1
    calm = run_cli("overdue", SHIPPED_PLAN, "--as-of", "2024-01-02", "--exit-code")
    assert calm.exit_code == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--as-of", "2024-13-01"], "--as-of"),
        (["--by", "khong ai ca"], "không có công chức nào khớp"),
        (["--role", "boss"], "--role"),
    ],
)
def test_overdue_usage_errors(run_cli: Run, args: list[str], message: str) -> None:
    result = run_cli("overdue", SHIPPED_PLAN, *args)
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_debug_shows_traceback_for_internal_errors(
    run_cli: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    import cai_cach.summary

    def broken(*_: object, **__: object) -> None:
        raise RuntimeError("hỏng")

    monkeypatch.setattr(cai_cach.summary, "late_or_due", broken)
    quiet = run_cli("overdue", SHIPPED_PLAN)
    assert quiet.exit_code == 3
    assert "lỗi nội bộ: RuntimeError: hỏng" in quiet.output
    loud = run_cli("--debug", "overdue", SHIPPED_PLAN)
    assert isinstance(loud.exception, RuntimeError)


def test_module_entry_point_runs_as_subprocess(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(MINIMAL_PLAN, encoding="utf-8")
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    result = subprocess.run(
        [sys.executable, "-m", "cai_cach", "overdue", str(plan), "--as-of", "2024-04-15", "--json"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=tmp_path,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    tasks = [item["task"] for item in json_items(result.stdout)]
    assert tasks.count("1.đ") == 3 and "1.a" in tasks
    broken = subprocess.run(
        [sys.executable, "-m", "cai_cach", "check", str(tmp_path / "none.yaml")],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        check=False,
    )
    assert broken.returncode == 2
    assert "không tìm thấy tệp" in broken.stderr
    assert "Traceback" not in broken.stderr


def test_every_command_is_registered_by_the_topic_the_table_names() -> None:
    """``cli.TOPIC_OF`` (what a run of one command imports) matches who registers each
    command; a command missing from it would still run, through the whole app."""
    import typer.main

    from cai_cach.cli import TOPIC_OF, TOPICS, app

    group = typer.main.get_group(app)
    assert set(group.commands) == set(TOPIC_OF)
    for info in app.registered_commands:
        assert info.callback is not None
        assert info.callback.__module__ == f"cai_cach.cli.{TOPIC_OF[info.name or '']}"
    assert {f"cai_cach.cli.{topic}" for topic in TOPIC_OF.values()} == set(TOPICS)


def test_a_run_of_one_command_imports_only_its_topic() -> None:
    import subprocess
    import sys

    from tests.helpers import SHIPPED_PLAN

    code = (
        "import sys; from cai_cach.cli import main; sys.argv = ['caicach', 'overdue', "
        f"'--as-of', '2024-04-15', {str(SHIPPED_PLAN)!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m in ('cai_cach.cli.sheet', "
        "'cai_cach.cli.report', 'cai_cach.cli.overdue')), file=sys.stderr)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.stderr.strip().splitlines()[-1] == "['cai_cach.cli.overdue']", done.stderr
