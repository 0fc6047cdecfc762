"""Output cannot be turned against its reader: a hostile plan (tests/hostile/injection.yaml)
through every workbook and Markdown file the project writes, and file names and plan text
that would drive a terminal."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cai_cach.cli import app
from tests.helpers import ONE_MILESTONE_PLAN, REPO

HOSTILE = REPO / "tests" / "hostile" / "injection.yaml"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "plans").mkdir()
    shutil.copy(HOSTILE, tmp_path / "plans" / "doc-2024.yaml")
    monkeypatch.chdir(tmp_path)
    return tmp_path


WORKBOOKS = {
    "report": ["report", "--period", "2024", "--as-of", "2024-12-31", "-o", "bao-cao.xlsx"],
    "report-q1": ["report", "--period", "2024-Q1", "--as-of", "2024-04-15", "-o", "q1.xlsx"],
    "evidence": ["evidence", "--as-of", "2024-12-31", "-o", "kiem-chung.xlsx"],
    "score": [
        *("score", "--rubric", str(REPO / "rubrics" / "vi-du-ca-mau.yaml")),
        *("--as-of", "2024-12-31", "-o", "bang-diem.xlsx"),
    ],
    "rollup": [
        *("overdue", "--group-by", "agency", "--as-of", "2024-12-31", "--soon", "400"),
        *("-o", "tong-hop.xlsx"),
    ],
}


@pytest.mark.parametrize("name", sorted(WORKBOOKS))
def test_no_workbook_cell_is_a_formula(folder: Path, name: str) -> None:
    from openpyxl import load_workbook

    command = WORKBOOKS[name]
    result = CliRunner().invoke(app, command)
    assert result.exit_code in (0, 1), result.output
    book = load_workbook(io.BytesIO((folder / command[-1]).read_bytes()))
    hostile = 0
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS):
                    assert cell.data_type == "s" and cell.quotePrefix, cell.coordinate
                    hostile += 1
    if name == "score":  # the rubric's criteria and the computed points: no plan text
        return
    assert hostile >= 1  # the hostile text is there, kept as text
    text = "\n".join(
        str(cell.value) for s in book.worksheets for row in s.iter_rows() for cell in row
    )
    shown = {"rollup": "=1+1+WEBSERVICE(", "evidence": "=cmd|"}
    assert shown.get(name, "=HYPERLINK(") in text


def test_the_agency_name_is_text_in_the_rollup(folder: Path) -> None:
    from openpyxl import load_workbook

    CliRunner().invoke(app, WORKBOOKS["rollup"])
    sheet = load_workbook(folder / "tong-hop.xlsx").worksheets[0]
    cell = sheet["A2"]
    assert cell.value == '=1+1+WEBSERVICE("http://evil.example/")'
    assert cell.data_type == "s" and cell.quotePrefix


def _markdown(folder: Path) -> str:
    result = CliRunner().invoke(
        app, ["report", "--period", "2024-Q1", "--as-of", "2024-04-15", "-o", "-"]
    )
    assert result.exit_code == 0, result.output
    return result.stdout


def test_markdown_has_no_raw_html_and_no_live_link_or_image(folder: Path) -> None:
    text = _markdown(folder)
    for raw in ("<script", "<img", "<iframe", "<a ", "<b>"):
        assert raw not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert not re.search(r"\]\(", text)  # no inline link or image
    assert not re.search(r"^\s*\[[^\]]*\]:", text, re.MULTILINE)  # no link definition
    assert "[tải]\\(http://evil.example/x)" in text  # the text and its target, shown
    assert "![]\\(http://evil.example/p.png)" in text
    assert "[x]\\: http://evil.example/" in text


def test_markdown_of_normal_text_is_unchanged() -> None:
    from cai_cach.render import markdown_text

    normal = "Ban hành Kế hoạch số 15/KH-UBND (quý I) — **[Chưa viết: III. 2.]** 50% _x_"
    assert markdown_text(normal) == normal


def test_a_template_may_ask_for_raw_text() -> None:
    from cai_cach.render import environment

    env = environment(autoescape=False)
    out = env.from_string("{{ a }}|{{ a|raw }}|{{ a|cell }}").render(a="<b>[x](y)</b>")
    assert out == "&lt;b&gt;[x]\\(y)&lt;/b&gt;|<b>[x](y)</b>|&lt;b&gt;[x]\\(y)&lt;/b&gt;"


# --- the terminal ---------------------------------------------------------------------------

TRAP = "z\x1b[2J\x1b[H✓ tm-2024.yaml: hợp lệ \u202e\x9b8m"


@pytest.mark.parametrize(
    "command",
    [
        ["check"],
        ["list"],
        ["overdue", "--as-of", "2024-05-01"],
        ["report", "--period", "2024-Q1", "-o", "bao-cao.md"],
        ["calendar", "-o", "lich.ics"],
    ],
    ids=lambda c: c[0],
)
def test_a_file_name_cannot_drive_the_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / f"{TRAP}.yaml").write_text(ONE_MILESTONE_PLAN, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, command)
    assert result.exit_code in (0, 1), result.output
    for control in ("\x1b", "\x9b", "\u202e"):
        assert control not in result.output
    if command[0] in ("check", "list", "report"):  # they name the file
        assert "\\x1b[2J" in result.output


def test_a_broken_plan_with_a_trap_name_is_shown_escaped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / f"{TRAP}.yaml").write_text("plan: [\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["overdue"])
    assert result.exit_code == 2
    assert "\x1b" not in result.output and "\\x1b[2J\\x1b[H" in result.stderr


@pytest.mark.parametrize("text", ["a\x9b2Jb", "a\u202eb", "a\x1b[2Jb", "a\x07b", "a\u2066b"])
@pytest.mark.parametrize("command", ["note", "done"])
def test_note_refuses_what_the_loader_would_refuse_before_writing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, command: str
) -> None:
    (tmp_path / "plans").mkdir()
    plan = tmp_path / "plans" / "thu-2024.yaml"
    plan.write_text(ONE_MILESTONE_PLAN, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    args = ["note", "1.a", text] if command == "note" else ["done", "1.a", "--note", text]
    result = CliRunner().invoke(app, [*args, "--date", "2024-03-01"])
    assert result.exit_code == 2, result.output
    assert "ghi chú có" in result.stderr and "không được phép U+" in result.stderr
    assert "lỗi nội bộ" not in result.output
    assert plan.read_text(encoding="utf-8") == ONE_MILESTONE_PLAN


def test_a_usage_error_quoting_what_was_typed_cannot_drive_the_terminal() -> None:
    result = CliRunner().invoke(app, ["overdue", "--\x1b[2Jx"])
    assert result.exit_code == 2
    assert "\x1b" not in result.output and "\\x1b[2Jx" in result.stderr


def test_the_status_page_shows_plan_html_as_text(folder: Path) -> None:
    result = CliRunner().invoke(app, ["status", "--as-of", "2024-12-31", "-o", "trang.html"])
    assert result.exit_code in (0, 1), result.output
    page = (folder / "trang.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in page and "onerror=alert" not in page.replace(
        "&lt;img src=x onerror=alert(1)&gt;", ""
    )
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert 'href="javascript' not in page and "<iframe" not in page
