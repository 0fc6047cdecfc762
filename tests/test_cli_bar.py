"""Progress on long runs (issue 13, item 6): the library reports, the CLI draws."""

from __future__ import annotations

import io
from pathlib import Path

from cai_cach.cli.bar import Bar
from cai_cach.loading import LoadedPlan, load_plans, map_plans

PLAN = """\
plan: {{title: Kế hoạch {n}, year: 2024, agency: {{name: Xã {n}, place: Xã {n}}}}}
officials:
  vp: {{title: Công chức Văn phòng}}
sections:
  - id: "1"
    title: Mục
    tasks:
      - {{id: 1.a, title: Việc, lead: [vp], timeline: Năm 2024.}}
"""


def plan_year(loaded: LoadedPlan) -> int:
    return loaded.plan.year


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def plans(tmp_path: Path, count: int) -> list[Path]:
    paths = []
    for n in range(count):
        path = tmp_path / f"p{n}.yaml"
        path.write_text(PLAN.format(n=n), encoding="utf-8")
        paths.append(path)
    (tmp_path / "broken.yaml").write_text("plan: [", encoding="utf-8")
    return [*paths, tmp_path / "broken.yaml"]


def test_loading_reports_each_plan(tmp_path: Path) -> None:
    calls: list[tuple[int, int]] = []
    result = load_plans(
        plans(tmp_path, 4), progress=lambda done, total: calls.append((done, total))
    )
    assert len(result.plans) == 4 and len(result.failures) == 1
    assert calls == [(1, 5), (2, 5), (3, 5), (4, 5), (5, 5)]


def test_loading_in_workers_reports_each_plan(tmp_path: Path) -> None:
    calls: list[tuple[int, int]] = []
    mapped = map_plans(
        plans(tmp_path, 6),
        plan_year,
        jobs=2,
        parallel_min=2,
        progress=lambda done, total: calls.append((done, total)),
    )
    assert len(mapped.results) == 6
    assert calls[-1] == (7, 7)
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)


def test_bar_draws_on_a_terminal() -> None:
    stream = Terminal()
    bar = Bar("Đọc kế hoạch", minimum=2, stream=stream)
    for done in range(1, 4):
        bar(done, 3)
    bar.close()
    assert "Đọc kế hoạch" in stream.getvalue()


def test_bar_is_silent_when_not_a_terminal() -> None:
    stream = io.StringIO()
    bar = Bar("Đọc kế hoạch", minimum=2, stream=stream)
    for done in range(1, 4):
        bar(done, 3)
    bar.close()
    assert stream.getvalue() == ""


def test_bar_is_silent_for_short_runs() -> None:
    stream = Terminal()
    bar = Bar("Đọc kế hoạch", minimum=10, stream=stream)
    bar(1, 3)
    bar.close()
    assert stream.getvalue() == ""


def test_tracked_yields_every_item() -> None:
    from cai_cach.cli.bar import tracked

    assert list(tracked(iter("abc"), 3, "Lập báo cáo")) == ["a", "b", "c"]
