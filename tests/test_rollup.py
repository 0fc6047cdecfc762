"""Roll-up across many plans: counts per agency, totals, a folder with a broken plan, workers."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from cai_cach.loading import load_plan, load_plans, map_plans, plan_files
from cai_cach.rollup import AgencyTally, combine, tally_for, tally_summary
from cai_cach.schedule import obligations
from cai_cach.summary import summarize
from tests.helpers import SHIPPED_PLAN, late_or_due

Run = Callable[..., Any]

AS_OF = date(2024, 5, 15)

# Each task below is one case; the expected counts are derived in the comments.
COUNTED_PLAN = """\
plan:
  title: Kế hoạch đếm
  year: 2024
  agency: {name: Ủy ban nhân dân xã Đếm, place: Đếm}
officials:
  vp-tk: {title: Công chức Văn phòng - Thống kê}
  tc-kt: {title: Công chức Tài chính - Kế toán}
sections:
  - id: "1"
    title: Mục một
    tasks:
      - id: 1.a          # due 31/03, done 20/03: done on time
        title: Đúng hạn
        lead: [vp-tk]
        timeline: Quý I/2024.
        milestones: [{what: Ban hành, due: Quý I/2024, done: 2024-03-20}]
      - id: 1.b          # due 29/02, done 05/03: done late
        title: Trễ hạn
        lead: [vp-tk]
        timeline: Tháng 2 năm 2024.
        milestones: [{what: Ban hành, due: Tháng 2 năm 2024, done: 2024-03-05}]
      - id: 1.c          # due 31/03, not done, before 15/05: overdue
        title: Quá hạn
        lead: [tc-kt]
        timeline: Quý I/2024.
        milestones: [{what: Ban hành, due: Quý I/2024}]
      - id: 1.d          # due 31/12, not done: neither overdue nor due within 50 days
        title: Cuối năm
        lead: [tc-kt]
        timeline: Quý IV/2024.
        milestones: [{what: Tổng kết, due: Quý IV/2024}]
      - id: 1.e          # 4 quarters: Q1 (due 31/03) done 10/04 late; Q2 due 30/06 is
        title: Báo cáo quý   # within 50 days of 15/05; Q3, Q4 later
        lead: [vp-tk]
        timeline: Định kỳ hằng quý.
        recurring: [{what: Báo cáo quý, every: quý, done: {2024-Q1: 2024-04-10}}]
      - id: 1.g          # no obligation at all
        title: Thường xuyên
        lead: [tc-kt]
        timeline: Thường xuyên.
        ongoing: true
"""
# tasks 6; obligations 1+1+1+1+4 = 8; done 1.a, 1.b, Q1 = 3; late 1.b, Q1 = 2; overdue 1.c = 1;
# due within 50 days: Q2 = 1.


def counted(tmp_path: Path, name: str = "dem.yaml", agency: str = "Đếm") -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(COUNTED_PLAN.replace("xã Đếm", f"xã {agency}"), encoding="utf-8")
    return path


def test_tally_of_one_plan(tmp_path: Path) -> None:
    tally, _ = tally_for(load_plan(counted(tmp_path)), AS_OF, soon_days=50)
    assert tally == AgencyTally(
        "Ủy ban nhân dân xã Đếm",
        [str(tmp_path / "dem.yaml")],
        tasks=6,
        obligations=8,
        done=3,
        done_late=2,
        overdue=1,
        due_soon=1,
    )


def test_tally_by_official_counts_only_their_tasks(tmp_path: Path) -> None:
    loaded = load_plan(counted(tmp_path))
    tally, matched = tally_for(loaded, AS_OF, by="tai chinh")
    # tc-kt leads 1.c (overdue), 1.d and 1.g
    assert matched
    assert (tally.tasks, tally.obligations, tally.overdue, tally.done) == (3, 2, 1, 0)
    nobody, matched = tally_for(loaded, AS_OF, by="khong ai")
    assert not matched
    assert nobody.tasks == 0


@pytest.mark.parametrize("as_of", [date(2024, 1, 1), date(2024, 4, 15), date(2025, 1, 1)])
def test_tally_agrees_with_the_schedule(as_of: date) -> None:
    loaded = load_plan(SHIPPED_PLAN)
    tally = tally_summary(summarize(loaded.plan), as_of, soon_days=30)
    findings = late_or_due(loaded.plan, as_of, 30)
    everything = [o for _, o in obligations(loaded.plan)]
    assert tally.overdue == sum(f.status == "overdue" for f in findings)
    assert tally.due_soon == sum(f.status == "due_soon" for f in findings)
    assert tally.obligations == len(everything)
    assert tally.done == sum(o.done is not None for o in everything)
    assert tally.tasks == sum(1 for _ in loaded.plan.tasks())


def test_tally_of_a_plan_begun_mid_year_owes_nothing_before_its_start(tmp_path: Path) -> None:
    """A commune re-formed on 1 July approves its plan in July: the roll-up counts what the
    listing lists, nothing due before the start."""
    text = SHIPPED_PLAN.read_text(encoding="utf-8")
    path = tmp_path / "giua-nam.yaml"
    path.write_text(text.replace("  year: 2024\n", "  year: 2024\n  start: 2024-07-01\n", 1))
    plan = load_plan(path).plan
    assert plan.effective == date(2024, 7, 1)
    as_of = date(2024, 10, 15)
    tally = tally_summary(summarize(plan), as_of, soon_days=30)
    findings = late_or_due(plan, as_of, 30)
    everything = [o for _, o in obligations(plan)]
    assert tally.overdue == sum(f.status == "overdue" for f in findings) > 0
    assert all(f.obligation.due >= date(2024, 7, 1) for f in findings)
    assert tally.obligations == len(everything)


def test_plans_of_one_agency_are_added_up_and_most_overdue_come_first(tmp_path: Path) -> None:
    plans = [
        load_plan(counted(tmp_path, "a.yaml", "An")),
        load_plan(counted(tmp_path, "b.yaml", "Bình")),
        load_plan(counted(tmp_path, "b2.yaml", "Bình")),
    ]
    rollup = combine((tally_for(loaded, AS_OF)[0] for loaded in plans), AS_OF)
    assert [g.agency for g in rollup.groups] == ["Ủy ban nhân dân xã Bình", "Ủy ban nhân dân xã An"]
    bình, an = rollup.groups
    assert bình.overdue == 2 * an.overdue
    assert bình.plans == [str(tmp_path / "b.yaml"), str(tmp_path / "b2.yaml")]
    assert rollup.total.tasks == 3 * an.tasks
    assert rollup.total.plans == [p.display for p in plans]


def test_combine_of_nothing_is_empty() -> None:
    rollup = combine([], AS_OF)
    assert rollup.groups == []
    assert rollup.total == AgencyTally()


@pytest.fixture
def province(tmp_path: Path) -> Path:
    """A folder of plans in district folders, one of them broken."""
    root = tmp_path / "tinh"
    counted(root / "huyen-mot", "an.yaml", "An")
    counted(root / "huyen-mot", "binh.yaml", "Bình")
    broken = root / "huyen-hai" / "hong.yaml"
    broken.parent.mkdir(parents=True)
    broken.write_text(COUNTED_PLAN.replace("lead: [tc-kt]", "lead: [ke-toan]", 1), "utf-8")
    return root


def test_group_by_agency_over_a_folder_with_a_broken_plan(run_cli: Run, province: Path) -> None:
    result = run_cli("overdue", "--group-by", "agency", "--as-of", "2024-05-15", province)
    assert result.exit_code == 2
    broken = province / "huyen-hai" / "hong.yaml"
    assert f"{broken}:" in result.stderr
    assert "không có công chức 'ke-toan'" in result.stderr
    assert "1 tệp kế hoạch có lỗi, không được tính vào bảng." in result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "LỖI: 1 tệp kế hoạch có lỗi — kết quả dưới đây KHÔNG gồm tệp đó:"
    assert "2 đơn vị, 2 kế hoạch, 2 việc quá hạn" in lines[2]
    rows = {line.split()[2]: line.split()[3:] for line in lines if line.startswith("  UBND xã")}
    assert rows == {"An": ["6", "8", "3", "2", "1"], "Bình": ["6", "8", "3", "2", "1"]}
    (total,) = [line.split()[2:] for line in lines if line.startswith("  Tổng cộng")]
    assert total == ["12", "16", "6", "4", "2"]


def test_group_by_agency_json_has_groups_and_totals(run_cli: Run, province: Path) -> None:
    result = run_cli(
        "overdue",
        "--group-by",
        "agency",
        "--json",
        "--soon",
        "50",
        "--as-of",
        "15/05/2024",
        province,
    )
    assert result.exit_code == 2
    report = json.loads(result.stdout)
    assert report["as_of"] == "2024-05-15"
    assert report["complete"] is False
    assert [g["agency"] for g in report["items"]] == [
        "Ủy ban nhân dân xã An",
        "Ủy ban nhân dân xã Bình",
    ]
    for key in ("tasks", "obligations", "done", "done_late", "overdue", "due_soon", "plans"):
        assert report["totals"][key] == sum(g[key] for g in report["items"]), key
    assert report["totals"]["agencies"] == 2
    assert report["failed_files"] == [str(province / "huyen-hai" / "hong.yaml")]
    assert report["items"][0]["files"] == [str(province / "huyen-mot" / "an.yaml")]


def test_listing_over_a_folder_shows_the_valid_plans_beside_the_error(
    run_cli: Run, province: Path
) -> None:
    result = run_cli("overdue", "--json", "--as-of", "2024-05-15", province)
    assert result.exit_code == 2
    assert "hong.yaml" in result.stderr
    assert {item["plan"] for item in json.loads(result.stdout)["items"]} == {"an", "binh"}
    checked = run_cli("check", province)
    assert checked.exit_code == 2
    assert checked.stdout.count("hợp lệ") == 2
    assert "1 tệp có lỗi, 2 tệp hợp lệ" in checked.stderr


def test_group_by_counts_match_the_listing(run_cli: Run, province: Path) -> None:
    listed = json.loads(run_cli("overdue", "--json", "--as-of", "2024-06-30", province).stdout)
    grouped = run_cli(
        "overdue", "--group-by", "agency", "--json", "--as-of", "2024-06-30", province
    )
    assert json.loads(grouped.stdout)["totals"]["overdue"] == len(listed["items"])


def test_group_by_with_an_official(run_cli: Run, province: Path) -> None:
    folder = province / "huyen-mot"
    result = run_cli("overdue", "--group-by", "agency", "--json", "--by", "Tài chính", folder)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["totals"]["tasks"] == 2 * 3
    unknown = run_cli("overdue", "--group-by", "agency", "--by", "khong ai", folder)
    assert unknown.exit_code == 2
    assert "không có công chức nào khớp với 'khong ai'" in unknown.stderr


def test_group_by_exit_code_and_bad_value(run_cli: Run, province: Path) -> None:
    folder = province / "huyen-mot"
    late = run_cli(
        "overdue", "--group-by", "agency", "--exit-code", "--as-of", "2024-05-15", folder
    )
    assert late.exit_code == 1
    early = run_cli(
        "overdue", "--group-by", "agency", "--exit-code", "--as-of", "2024-01-02", folder
    )
    assert early.exit_code == 0
    bad = run_cli("overdue", "--group-by", "huyen", folder)
    assert bad.exit_code == 2
    assert "--group-by chỉ nhận 'agency'" in bad.stderr


def test_workers_give_what_one_process_gives(province: Path) -> None:
    paths = plan_files([str(province)]) * 3
    alone = load_plans(paths, jobs=1)
    shared = load_plans(paths, jobs=2, parallel_min=2)
    assert [p.plan for p in shared.plans] == [p.plan for p in alone.plans]
    assert [p.display for p in shared.plans] == [p.display for p in alone.plans]
    assert [f.problems for f in shared.failures] == [f.problems for f in alone.failures]
    assert len(alone.failures) == 3


def test_map_plans_in_workers_returns_results_in_order(province: Path) -> None:
    paths = plan_files([str(province)]) * 2
    work = functools.partial(tally_for, as_of=AS_OF)
    alone = map_plans(paths, work, jobs=1)
    shared = map_plans(paths, work, jobs=2, parallel_min=2)
    assert shared.results == alone.results
    assert [name for name, _, _ in shared.results] == [
        str(p) for p in paths if "hong" not in str(p)
    ]
    assert [f.problems for f in shared.failures] == [f.problems for f in alone.failures]


def test_loading_goes_on_here_when_workers_cannot_start(
    province: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import concurrent.futures

    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError("no processes today")

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", refuse)
    paths = plan_files([str(province)]) * 2
    work = functools.partial(tally_for, as_of=AS_OF)
    assert map_plans(paths, work, jobs=2, parallel_min=2).results == map_plans(paths, work).results
    loaded = load_plans(paths, jobs=2, parallel_min=2)
    assert [p.display for p in loaded.plans] == [str(p) for p in paths if "hong" not in str(p)]


def test_listing_over_a_folder_fits_the_terminal_and_keeps_plan_names(
    run_cli: Run, province: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "70")
    result = run_cli("overdue", "--as-of", "2024-06-30", province / "huyen-mot")
    lines = result.stdout.splitlines()
    assert result.exit_code == 0, result.output
    assert max(len(line) for line in lines) <= 70
    listed = json.loads(run_cli("overdue", "--json", "--as-of", "2024-06-30", province).stdout)
    table_rows = [line.split()[:2] for line in lines if line.startswith(("  an ", "  binh "))]
    assert sorted(table_rows) == sorted([item["plan"], item["task"]] for item in listed["items"])


def test_a_closed_pipe_is_not_an_internal_error(province: Path) -> None:
    import subprocess
    import sys

    command = [sys.executable, "-m", "cai_cach", "overdue", "--as-of", "2024-06-30", str(province)]
    reader = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert reader.stdout is not None and reader.stderr is not None
    reader.stdout.close()  # before the program writes anything
    errors = reader.stderr.read().decode()
    reader.wait(timeout=60)
    assert "lỗi nội bộ" not in errors
    assert "Traceback" not in errors
