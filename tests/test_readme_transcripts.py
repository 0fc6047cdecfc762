"""Every transcript of README.md and of docs/**/*.md runs and prints what the page shows.

The convention (```` ```console ```` blocks, ``$`` lines, ``…``, the ``transcript-*`` comments)
is described in ``scripts/update_readme_transcripts.py``, which runs the same blocks and
rewrites their outputs after the command line changes.
"""

from __future__ import annotations

import importlib.util
import shutil
import sys
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from tests.documentation import every_file, pages

REPO = Path(__file__).resolve().parent.parent
SCRIPT = REPO / "scripts" / "update_readme_transcripts.py"

pytestmark = pytest.mark.skipif(
    shutil.which("bash") is None or shutil.which("git") is None,
    reason="the README's transcripts are bash command lines in a git repository",
)


def load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("update_readme_transcripts", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


transcripts = load_script()
BLOCKS = [
    block
    for path in every_file()
    for block in transcripts.parse(
        path.read_text(encoding="utf-8"), path.relative_to(REPO).as_posix()
    )
]
RUNNER = transcripts.Runner()


def commands(texts: dict[str, str]) -> list[str]:
    return [
        step.command
        for name, text in texts.items()
        for block in transcripts.parse(text, name)
        for step in block.steps
    ]


def test_the_script_checks_the_files_the_tests_check() -> None:
    assert transcripts.documents() == every_file()
    assert len({block.source for block in BLOCKS}) >= 8


def test_the_readme_shows_the_clerks_routines() -> None:
    shown = commands({"README.md": pages("vi")["README.md"]})
    for expected in (
        "caicach overdue --as-of 2024-02-05",
        "caicach done 1.d --period 2024-01 --date 02/02/2024",
        "git diff",
        "caicach report --period 2024-Q1 --signed 2024-03-18",
    ):
        assert expected in shown


def test_the_routines_are_transcripts_in_both_languages() -> None:
    for language in ("vi", "en"):
        shown = commands(pages(language))
        for expected in (
            "caicach overdue --as-of 2024-02-05",
            "caicach agenda --month 2024-02 --as-of 2024-02-05",
            "git diff",
            "caicach diff",
            "caicach report --period 2024-Q1 --init-notes",
            "caicach report --period 2024-Q1 --signed 2024-03-18",
            "git pull",
        ):
            assert expected in shown
        assert any(c.startswith("caicach done ") for c in shown)
        assert any(c.startswith("git commit ") for c in shown)


@pytest.mark.parametrize("block", BLOCKS, ids=[f"{b.source}:{b.line}" for b in BLOCKS])
def test_transcript_prints_what_the_page_shows(block: Any) -> None:
    outputs = RUNNER.outputs(block)
    stale = list(transcripts.differences(block, outputs))
    assert not stale, (
        f"{block.name}: the page shows another output "
        "(after an intended change: python scripts/update_readme_transcripts.py)\n\n"
        + "\n\n".join(stale)
    )


def test_the_shipped_plan_is_never_written() -> None:
    before = (REPO / "plans" / "tinh-minh-2024.yaml").read_bytes()
    text = "```console\n$ caicach done 5.b --date 20/03/2024\n```\n"
    transcripts.run(transcripts.parse(text)[0])
    assert (REPO / "plans" / "tinh-minh-2024.yaml").read_bytes() == before


def test_a_stale_output_is_found_and_rewritten() -> None:
    text = "Trước.\n\n```console\n$ caicach check\n✓ sai\n\n$ echo hai\nhai\n```\nSau.\n"
    block = transcripts.parse(text)[0]
    runner = transcripts.Runner()
    stale = list(transcripts.differences(block, runner.outputs(block)))
    assert len(stale) == 1 and "✓ sai" in stale[0]
    rewritten, changed = transcripts.rewrite(text, runner)
    assert changed == [block.name]
    assert "✓ plans/tinh-minh-2024.yaml: hợp lệ" in rewritten
    assert rewritten.startswith("Trước.\n\n```console\n$ caicach check\n")
    assert rewritten.endswith("\n\n$ echo hai\nhai\n```\nSau.\n")
    assert transcripts.rewrite(rewritten, runner) == (rewritten, [])
    assert runner.warnings == []


def test_a_rewritten_output_of_a_failing_command_is_flagged() -> None:
    text = "```console\n$ caicach overdue --khong-co\nViệc quá hạn\n```\n"
    runner = transcripts.Runner()
    rewritten, _ = transcripts.rewrite(text, runner)
    assert "--khong-co" in rewritten and "Việc quá hạn" not in rewritten
    assert len(runner.warnings) == 1 and "exits with 2" in runner.warnings[0]


def test_commands_of_a_block_share_its_folder_and_blocks_do_not() -> None:
    text = (
        "```console\n$ echo một > ghi.txt\n$ cat ghi.txt\nmột\n```\n"
        "```console\n$ cat ghi.txt\n```\n"
    )
    first, second = transcripts.parse(text)
    assert transcripts.run(first) == [[], ["một"]]
    assert "No such file" in transcripts.run(second)[0][0]


def test_setup_comments_prepare_the_next_block_only() -> None:
    text = (
        "<!-- transcript-file: ghi-chu.md -->\n```markdown\n## I. Mở đầu\n```\n"
        "<!-- transcript-copy: tests/data/ke-hoach-cchc-2024-xa-tinh-minh.md -> vb.md -->\n"
        "<!-- transcript-run: git tag moc -->\n"
        "```console\n$ cat ghi-chu.md && ls vb.md && git tag\n```\n"
        "```console\n$ ls\n```\n"
    )
    first, second = transcripts.parse(text)
    assert transcripts.run(first) == [["## I. Mở đầu", "vb.md", "moc"]]
    assert transcripts.run(second) == [["plans"]]


def test_only_paths_dates_and_line_ends_are_normalised(tmp_path: Path) -> None:
    today = date(2026, 11, 28)
    printed = f"{tmp_path}/plans/a.yaml: ngày 28/11/2026 (2026-11-28), hạn 15/04/2024   \n\n"
    assert transcripts.normalise(printed, tmp_path, today) == [
        "~/ke-hoach/plans/a.yaml: ngày HÔM_NAY (HOM_NAY), hạn 15/04/2024"
    ]


@pytest.mark.parametrize(
    ("expected", "actual", "same"),
    [
        (["a", "…", "d"], ["a", "b", "c", "d"], True),
        (["a", "…", "d"], ["a", "d"], True),
        (["a", "…", "d"], ["a", "b", "c"], False),
        (["a", "b"], ["a", "b", "c"], False),
        (["a (b)"], ["a (b)"], True),
        (["a", "  …"], ["a", "  b", "  c"], True),
    ],
)
def test_an_ellipsis_line_stands_for_any_lines(
    expected: list[str], actual: list[str], same: bool
) -> None:
    assert transcripts.matches(expected, actual) is same


def test_a_cut_output_is_cut_at_the_same_places_when_rewritten() -> None:
    step = transcripts.Step("caicach new", ["đầu", "  …", "cuối"], 0)
    assert transcripts.shorten(step, ["đầu 2", "a", "b", "c", "cuối 2"]) == [
        "đầu 2",
        "  …",
        "cuối 2",
    ]


def test_a_console_block_starts_with_a_command() -> None:
    with pytest.raises(ValueError, match=r"README\.md:2"):
        transcripts.parse("```console\nkhông có lệnh\n```\n")
    with pytest.raises(ValueError, match=r"docs/git\.md:2"):
        transcripts.parse("```console\nkhông có lệnh\n```\n", "docs/git.md")
