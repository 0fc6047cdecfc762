"""Next year's plan (caicach new), the effective date, same-year plans, deadline phrases."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cai_cach.cli import app
from cai_cach.loading import load_plan
from cai_cach.periods import CADENCE_SPELLINGS, find_periods, parse_cadence, parse_deadline
from cai_cach.schema import plan_schema
from tests.helpers import json_items

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "plans" / "tinh-minh-2024.yaml"


def _plan_with_progress(folder: Path) -> Path:
    """The shipped plan with a done milestone, a done quarter and a note, as clerks record."""
    text = SHIPPED.read_text(encoding="utf-8")
    text = text.replace(
        "          - what: Ban hành kế hoạch\n            due: Quý I/2024\n",
        "          - what: Ban hành kế hoạch\n            due: Quý I/2024\n"
        "            done: 2024-03-10\n            note: Kế hoạch số 12/KH-UBND\n",
        1,
    )
    text = text.replace(
        "          - what: Báo cáo kết quả thực hiện hàng quý\n            every: quý\n",
        "          - what: Báo cáo kết quả thực hiện hàng quý\n            every: quý\n"
        "            done:\n              2024-Q1: 2024-03-20\n",
        1,
    )
    text = text.replace(
        "        timeline: Thường xuyên.\n        ongoing: true\n",
        "        timeline: Thường xuyên.\n        ongoing: true\n        notes:\n"
        "          - date: 2024-02-01\n            text: Đã ban hành 3 kế hoạch\n",
        1,
    )
    (folder / "plans").mkdir()
    path = folder / "plans" / "tinh-minh-2024.yaml"
    path.write_text(text, encoding="utf-8")
    plan = load_plan(path).plan
    assert any(m.done for _, t in plan.tasks() for m in t.milestones)
    return path


def test_new_year_keeps_structure_drops_progress_and_moves_years(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = _plan_with_progress(tmp_path)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["new", "--year", "2025"])
    assert result.exit_code == 0, result.output
    out = tmp_path / "plans" / "tinh-minh-2025.yaml"
    new = load_plan(out).plan
    old = load_plan(source).plan
    assert new.year == 2025
    assert [t.id for _, t in new.tasks()] == [t.id for _, t in old.tasks()]
    assert not any(m.done or m.note for _, t in new.tasks() for m in t.milestones)
    assert not any(r.done for _, t in new.tasks() for r in t.recurring)
    assert not any(t.notes for _, t in new.tasks())
    assert new.plan.decision is None
    dues = {
        (t.id, m.due.date.replace(year=m.due.date.year - 1))
        for _, t in new.tasks()
        for m in t.milestones
    }
    assert dues == {(t.id, m.due.date) for _, t in old.tasks() for m in t.milestones}
    titles = {t.id: t.title for _, t in new.tasks()}
    assert titles["4.a"].endswith("của xã năm 2025")
    assert "Nghị định số 45/2020/NĐ-CP" in titles["2.h"]  # document numbers keep their year
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server:")
    assert '# Văn bản gốc dùng chữ "f)" ngay sau "e)"; giữ nguyên.' in text  # comments kept
    assert "Quý I/2024 → " not in result.output
    assert "due: Quý I/2025" in result.output
    assert "4 ghi nhận tiến độ đã bỏ" in result.output
    check = CliRunner().invoke(app, ["check", str(out)])
    # valid, but a draft until the new decision is filled in: its marks keep 'check' failing
    assert check.exit_code == 1, check.output
    assert "bản nháp: còn 2 chỗ cần xem lại — 8 mục, 37 nhiệm vụ" in check.output
    assert "decision của năm 2024 đã bỏ" in check.output


def test_new_year_refuses_to_overwrite_and_a_wrong_year(tmp_path: Path) -> None:
    source = _plan_with_progress(tmp_path)
    runner = CliRunner()
    wrong = runner.invoke(app, ["new", "--year", "2024", "--from", str(source)])
    assert wrong.exit_code == 2
    assert "--year 2025" in wrong.output
    out = tmp_path / "x.yaml"
    out.write_text("cũ\n", encoding="utf-8")
    refused = runner.invoke(app, ["new", "--year", "2025", "--from", str(source), "-o", str(out)])
    assert refused.exit_code == 2
    assert out.read_text(encoding="utf-8") == "cũ\n"


def test_check_warns_about_two_plans_of_one_agency_for_one_year(tmp_path: Path) -> None:
    source = _plan_with_progress(tmp_path)
    (source.parent / "ban-sao.yaml").write_text(source.read_text(encoding="utf-8"), "utf-8")
    result = CliRunner().invoke(app, ["check", str(source.parent)])
    assert "cùng cơ quan và cùng năm 2024" in result.output


def test_done_picks_the_plan_of_the_current_year(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = _plan_with_progress(tmp_path)
    this_year = date.today().year
    text = SHIPPED.read_text(encoding="utf-8").replace("year: 2024", f"year: {this_year}", 1)
    current = source.parent / f"tinh-minh-{this_year}.yaml"
    current.write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["done", "4.a", "--date", f"{this_year}-03-01", "--force"])
    assert result.exit_code == 0, result.output
    assert f"done: {this_year}-03-01" in current.read_text(encoding="utf-8")
    assert f"done: {this_year}-03-01" not in source.read_text(encoding="utf-8")


def _small_plan(start: str, due: str, every: str = "quý") -> str:
    return f"""plan:
  title: Kế hoạch cải cách hành chính năm 2025 xã Hòa Bình
  year: 2025
  start: {start}
  agency:
    name: Ủy ban nhân dân xã Hòa Bình
    place: Hòa Bình
officials:
  vp:
    title: Văn phòng HĐND và UBND
sections:
  - id: "1"
    title: Cải cách thể chế
    tasks:
      - id: "1.1"
        title: Rà soát văn bản
        lead: [vp]
        timeline: {due}
        milestones:
          - what: Rà soát
            due: {due}
        recurring:
          - what: Báo cáo
            every: {every}
"""


def test_nothing_due_before_the_start_is_overdue_and_such_a_milestone_is_a_warning(
    tmp_path: Path,
) -> None:
    path = tmp_path / "hoa-binh.yaml"
    path.write_text(_small_plan("2025-07-15", "Quý II/2025", "hằng quý"), encoding="utf-8")
    loaded = load_plan(path)
    assert any("trước ngày kế hoạch có hiệu lực" in w.message for w in loaded.warnings)
    result = CliRunner().invoke(app, ["overdue", str(path), "--as-of", "2025-10-10", "--json"])
    dues = [finding["due"] for finding in json_items(result.stdout)]
    assert dues == ["2025-09-30"]
    from cai_cach.schedule import obligations

    # reports count the same obligations: none before the plan took effect
    assert [o.due.isoformat() for _, o in obligations(loaded.plan)] == ["2025-09-30", "2025-12-31"]


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("Trước ngày 20/4/2025", date(2025, 4, 20)),
        ("trước tháng 10/2024", date(2024, 9, 30)),
        ("trước tháng 1/2025", date(2024, 12, 31)),
        ("31.1.2025", date(2025, 1, 31)),
        ("cuối năm 2025", date(2025, 12, 31)),
    ],
)
def test_new_deadline_phrases(text: str, due: date) -> None:
    assert parse_deadline(text) == due


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("cuối năm", "2025-12-31"),
        ("6 tháng đầu năm", "2025-06-30"),
        ("9 tháng", "2025-09-30"),
        ("Quý II", "2025-06-30"),
    ],
)
def test_phrases_without_a_year_take_the_plan_year(tmp_path: Path, text: str, due: str) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(_small_plan("2025-01-01", text), encoding="utf-8")
    plan = load_plan(path).plan
    assert plan.sections[0].tasks[0].milestones[0].due.date.isoformat() == due


def test_two_months_are_two_milestones_and_not_one_deadline() -> None:
    found = find_periods("Tháng 5 và tháng 11/2025 tổ chức đối thoại")
    assert [period.key for _, period in found] == ["2025-05", "2025-11"]
    with pytest.raises(ValueError, match="tách thành các mốc riêng"):
        parse_deadline("Tháng 5 và tháng 11/2025")


def test_every_cadence_spelling_of_the_schema_is_read_by_the_loader() -> None:
    every = plan_schema()["$defs"]["Recurrence"]["properties"]["every"]
    assert every["enum"] == list(CADENCE_SPELLINGS)
    for spelling in every["enum"]:
        parse_cadence(spelling)
    for spelling in ("hằng năm", "hàng năm", "định kỳ hằng quý", "hằng 6 tháng"):
        assert spelling in every["enum"]


def test_new_year_clears_the_plans_own_document_and_start(tmp_path: Path) -> None:
    source = tmp_path / "hoa-binh-2025.yaml"
    text = _small_plan("2025-07-15", "Trước ngày 20/10/2025").replace(
        "  agency:\n",
        "  document:\n    number: 01/KH-UBND\n    date: 2025-07-15\n"
        "    signer: Nguyễn Văn An\n    signer_title: Phó Chủ tịch\n  agency:\n",
    )
    source.write_text(text, encoding="utf-8")
    assert load_plan(source).plan.plan.document is not None
    result = CliRunner().invoke(app, ["new", "--year", "2026", "--from", str(source)])
    assert result.exit_code == 0, result.output
    new = load_plan(tmp_path / "hoa-binh-2026.yaml").plan
    assert new.plan.document is None and new.plan.start is None
    assert new.sections[0].tasks[0].milestones[0].due.text == "Trước ngày 20/10/2026"
    assert new.sections[0].tasks[0].milestones[0].due.date == date(2026, 10, 20)


def test_new_year_may_skip_a_year(tmp_path: Path) -> None:
    """A commune that kept no 2025 plan here starts 2026 from the 2024 one: every plan-year
    date moves by two years, and "năm <the year after>" with it."""
    source = tmp_path / "plans" / "hoa-binh-2024.yaml"
    source.parent.mkdir()
    source.write_text(
        _small_plan("2024-01-15", "Trước ngày 20/10/2024").replace("2025", "2024"), "utf-8"
    )
    old = load_plan(source).plan
    assert old.year == 2024
    result = CliRunner().invoke(
        app, ["new", "--year", "2026", "--from", str(source), "-o", str(tmp_path / "moi.yaml")]
    )
    assert result.exit_code == 0, result.output
    new = load_plan(tmp_path / "moi.yaml").plan
    assert new.year == 2026
    assert new.sections[0].tasks[0].milestones[0].due.date == date(2026, 10, 20)


def test_the_source_plan_is_the_one_of_the_latest_earlier_year(tmp_path: Path) -> None:
    from cai_cach.errors import NotFoundError
    from cai_cach.newyear import new_plan_path, previous_plan

    text = SHIPPED.read_text(encoding="utf-8")
    older = tmp_path / "xa-2022.yaml"
    older.write_text(text.replace("year: 2024", "year: 2022", 1), encoding="utf-8")
    latest = tmp_path / "xa-2024.yaml"
    latest.write_text(text, encoding="utf-8")
    candidates = [load_plan(older), load_plan(latest)]
    assert previous_plan(candidates, 2025).path == latest
    assert previous_plan(candidates, 2024).path == older  # 2023 skipped
    with pytest.raises(NotFoundError, match="năm 2021"):
        previous_plan(candidates, 2022)
    twin = load_plan(latest)
    with pytest.raises(NotFoundError, match=r"xa-2024\.yaml, .*xa-2024\.yaml"):
        previous_plan([*candidates, twin], 2025)
    assert new_plan_path(latest, 2024, 2025) == tmp_path / "xa-2025.yaml"
    assert new_plan_path(tmp_path / "ke-hoach.yaml", 2024, 2025) == tmp_path / "ke-hoach-2025.yaml"
