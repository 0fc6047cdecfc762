"""caicach import: office documents (Word, Markdown) → draft plans that load and validate."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from cai_cach.cli import app
from cai_cach.loading import load_plan
from cai_cach.models import Plan
from cai_cach.text import fold

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SHIPPED = ROOT / "plans" / "tinh-minh-2024.yaml"


def _shape(plan: Plan) -> dict[str, tuple[object, ...]]:
    """Per task: lead and support titles, milestone due dates, recurring cadences, flags."""

    def titles(ids: list[str]) -> tuple[str, ...]:
        return tuple(sorted(fold(plan.officials[i].title) for i in ids))

    return {
        task.id: (
            fold(task.title),
            titles(task.lead),
            titles(task.support),
            tuple(sorted(m.due.date for m in task.milestones)),
            tuple(sorted(r.every for r in task.recurring)),
            task.ongoing,
        )
        for _, task in plan.tasks()
    }


def _import(tmp_path: Path, source: Path, *extra: str) -> Path:
    out = tmp_path / "thu.yaml"
    result = CliRunner().invoke(app, ["import", str(source), "-o", str(out), *extra])
    assert result.exit_code == 0, result.output
    return out


@pytest.mark.parametrize(
    "name", ["ke-hoach-cchc-2024-xa-tinh-minh.docx", "ke-hoach-cchc-2024-xa-tinh-minh.md"]
)
def test_importing_the_2024_decision_reproduces_the_shipped_plan(tmp_path: Path, name: str) -> None:
    imported = load_plan(_import(tmp_path, DATA / name)).plan
    shipped = load_plan(SHIPPED).plan
    assert _shape(imported) == _shape(shipped)
    assert imported.plan.year == 2024
    assert imported.plan.decision is not None
    assert imported.plan.decision.number == "479/QĐ-UBND"
    assert imported.plan.decision.signer == "Lê Thị Mỹ Hiệp"
    assert len(imported.plan.decision.grounds) == 6
    assert len(imported.plan.decision.articles) == 3
    assert imported.plan.purposes == shipped.plan.purposes
    assert imported.plan.requirements == shipped.plan.requirements


def test_import_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    out = tmp_path / "thu.yaml"
    out.write_text("giữ nguyên\n", encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(
        app, ["import", str(DATA / "ke-hoach-cchc-2024-xa-tinh-minh.md"), "-o", str(out)]
    )
    assert result.exit_code == 2
    assert "--force" in result.output
    assert out.read_text(encoding="utf-8") == "giữ nguyên\n"
    _import(tmp_path, DATA / "ke-hoach-cchc-2024-xa-tinh-minh.md", "--force")
    assert load_plan(out).plan.year == 2024


def test_a_document_that_is_not_a_plan_gets_a_clear_message(tmp_path: Path) -> None:
    letter = tmp_path / "thu-moi.md"
    letter.write_text("Kính gửi các đồng chí,\n\nMời dự họp chiều thứ Sáu.\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["import", str(letter), "-o", str(tmp_path / "x.yaml")])
    assert result.exit_code == 2
    assert "không giống một quyết định hay kế hoạch" in result.output
    assert not (tmp_path / "x.yaml").exists()
