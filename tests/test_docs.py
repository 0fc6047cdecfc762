"""Every command is documented: in its --help and in both languages of the documentation
(README.md and docs/*.md in Vietnamese; the README's English summary and docs/en/*.md), which
show the same transcripts; the README leads with the clerk's sections and stays short."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
import typer.main

from cai_cach.cli import app
from tests.documentation import README, README_ENGLISH, README_VIETNAMESE, pages
from tests.helpers import REPO

VIETNAMESE = "\n".join(pages("vi").values())
ENGLISH = "\n".join(pages("en").values())
PARTS = {"tiếng Việt": VIETNAMESE, "English": ENGLISH}
README_PARTS = {"tiếng Việt": README_VIETNAMESE, "English": README_ENGLISH}

#: The sections of the README, in this order, in each half.
CLERK_SECTIONS = [
    ("Bắt đầu nhanh", "Quick start"),
    ("Mỗi tuần: sáng thứ Hai", "Every week: Monday morning"),
    ("Mỗi quý: báo cáo định kỳ", "Every quarter: the periodic report"),
    ("Đọc thêm", "Read more"),
]
#: What a new clerk must find on the README's first screen.
FIRST_SCREEN_LINES = 50


def walk(command: Any, path: tuple[str, ...]) -> Iterator[tuple[tuple[str, ...], Any]]:
    """Every command of the click tree (groups and their subcommands, at any depth)."""
    yield path, command
    for name, sub in sorted((getattr(command, "commands", None) or {}).items()):
        yield from walk(sub, (*path, name))


COMMANDS = list(walk(typer.main.get_group(app), ("caicach",)))
SUBCOMMANDS = [(path, command) for path, command in COMMANDS if len(path) > 1]
OPTIONS = [
    (" ".join(path), [name for name in (*param.opts, *param.secondary_opts) if name != "-h"])
    for path, command in COMMANDS
    for param in command.params
    if param.param_type_name == "option"
    and not getattr(param, "hidden", False)
    and "--help" not in param.opts
]


def outside_fences(text: str) -> Iterator[str]:
    fenced = False
    for line in text.splitlines():
        if re.match(r"\s*```", line):
            fenced = not fenced
        elif not fenced:
            yield line


def transcripts(text: str) -> list[tuple[str, ...]]:
    """The commands of each ```console block (the README's checked transcripts)."""
    blocks = re.findall(r"^[ \t]*```console\n(.*?)^[ \t]*```$", text, flags=re.M | re.S)
    return [
        tuple(line.strip()[2:] for line in block.splitlines() if line.strip().startswith("$ "))
        for block in blocks
    ]


def test_there_are_commands() -> None:
    assert {"check", "list", "officials", "overdue"} <= {path[-1] for path, _ in SUBCOMMANDS}


@pytest.mark.parametrize("path", [" ".join(path) for path, _ in SUBCOMMANDS])
def test_command_has_help(path: str) -> None:
    command = dict(SUBCOMMANDS)[tuple(path.split())]
    assert command.help and len(command.help) > 20, f"'{path}' has no help text"


@pytest.mark.parametrize("path", [" ".join(path) for path, _ in SUBCOMMANDS])
def test_command_is_documented_in_both_languages(path: str) -> None:
    assert README_ENGLISH, "README needs an English summary headed '# caicach (English)'"
    for part, text in PARTS.items():
        assert path in text, f"'{path}' missing from the documentation ({part})"


@pytest.mark.parametrize(("path", "names"), OPTIONS, ids=[f"{p} {n[0]}" for p, n in OPTIONS])
def test_option_is_documented_in_both_languages(path: str, names: list[str]) -> None:
    for part, text in PARTS.items():
        assert any(re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text) for name in names), (
            f"{path}: option {'/'.join(names)} missing from the documentation ({part})"
        )


def test_both_parts_show_the_same_transcripts() -> None:
    vietnamese, english = transcripts(VIETNAMESE), transcripts(ENGLISH)
    assert len(vietnamese) >= 5
    assert Counter(vietnamese) == Counter(english), (
        "the English part must show the same transcripts as the Vietnamese part: "
        f"only in tiếng Việt {list((Counter(vietnamese) - Counter(english)).elements())}, "
        f"only in English {list((Counter(english) - Counter(vietnamese)).elements())}"
    )


def test_both_readme_halves_have_the_clerks_sections_in_order() -> None:
    for column, text in enumerate((README_VIETNAMESE, README_ENGLISH)):
        headings = [line[3:].strip() for line in outside_fences(text) if line.startswith("## ")]
        assert headings == [pair[column] for pair in CLERK_SECTIONS]


def test_readme_is_short_and_its_first_screen_shows_install_monday_and_the_report() -> None:
    assert len(README.splitlines()) <= 320
    first_screen = "\n".join(README.splitlines()[:FIRST_SCREEN_LINES])
    for shown in ("pip install . && caicach overdue", "caicach overdue", "caicach done"):
        assert shown in first_screen
    assert "thứ Hai" in first_screen and "caicach report --period" in first_screen
    assert "bao-cao-tinh-minh-2024-Q1.docx" in first_screen, "where the report is written"


def test_every_documentation_link_points_at_a_file() -> None:
    for language in ("vi", "en"):
        for name, text in pages(language).items():
            folder = (REPO / name).parent
            for target in re.findall(r"\]\(([^)#:]+)(?:#[^)]*)?\)", text):
                assert (folder / target).exists(), f"{name}: link to missing {target}"


def test_readme_quick_start_is_two_commands() -> None:
    for heading, text in (
        ("## Bắt đầu nhanh", README_VIETNAMESE),
        ("## Quick start", README_ENGLISH),
    ):
        block = text.split(heading, 1)[1].split("```sh", 1)[1].split("```", 1)[0]
        commands = [line for line in block.strip().splitlines() if line.strip()]
        assert commands == ["pip install . && caicach overdue", 'pip install ".[test]" && pytest']
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert commands[1] in ci


def test_readme_shows_windows_and_linux_installation_and_pipx() -> None:
    for text in README_PARTS.values():
        for line in ("py -m venv .venv", ".venv\\Scripts\\activate", "python3 -m venv .venv"):
            assert line in text
        assert ". .venv/bin/activate" in text and "pipx install ." in text


def test_contributing_documents_the_full_and_the_fast_suite() -> None:
    contributing = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert 'pytest -m "not slow"' in contributing and ".ci/run" in contributing
    assert re.search(r'^markers = \[\n\s+"slow: ', pyproject, flags=re.M), "register 'slow'"
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "not slow" not in ci, ".ci/run runs every test, the slow ones too"
