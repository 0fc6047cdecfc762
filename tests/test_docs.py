"""Every command is documented: in its --help and in both halves of the README, which keep the
same shape (the same transcripts, the clerk's sections in the same order)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
import typer.main

from cai_cach.cli import app
from tests.helpers import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")
VIETNAMESE, _, ENGLISH = README.partition("# caicach (English)")
PARTS = {"tiếng Việt": VIETNAMESE, "English": ENGLISH}

#: The sections a clerk reads first, in this order, in each part.
CLERK_SECTIONS = [
    ("Bắt đầu nhanh", "Quick start"),
    ("Mỗi tuần: sáng thứ Hai", "Every week: Monday morning"),
    ("Mỗi quý: báo cáo định kỳ", "Every quarter: the periodic report"),
    ("Git cho thư mục kế hoạch", "Git for the plan folder"),
    ("Các lệnh", "Commands"),
]


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
def test_command_is_in_both_readme_halves(path: str) -> None:
    assert ENGLISH, "README needs an English section headed '# caicach (English)'"
    for part, text in PARTS.items():
        assert path in text, f"'{path}' missing from the README ({part})"


@pytest.mark.parametrize(("path", "names"), OPTIONS, ids=[f"{p} {n[0]}" for p, n in OPTIONS])
def test_option_is_in_both_readme_halves(path: str, names: list[str]) -> None:
    for part, text in PARTS.items():
        assert any(re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text) for name in names), (
            f"{path}: option {'/'.join(names)} missing from the README ({part})"
        )


def test_both_parts_show_the_same_transcripts() -> None:
    vietnamese, english = transcripts(VIETNAMESE), transcripts(ENGLISH)
    assert len(vietnamese) >= 5
    assert Counter(vietnamese) == Counter(english), (
        "the English part must show the same transcripts as the Vietnamese part: "
        f"only in tiếng Việt {list((Counter(vietnamese) - Counter(english)).elements())}, "
        f"only in English {list((Counter(english) - Counter(vietnamese)).elements())}"
    )


def test_both_parts_lead_with_the_clerks_sections_in_order() -> None:
    for column, text in enumerate((VIETNAMESE, ENGLISH)):
        headings = [line[3:].strip() for line in outside_fences(text) if line.startswith("## ")]
        assert headings[: len(CLERK_SECTIONS)] == [pair[column] for pair in CLERK_SECTIONS]


def test_readme_quick_start_is_two_commands() -> None:
    for heading, text in (("## Bắt đầu nhanh", VIETNAMESE), ("## Quick start", ENGLISH)):
        block = text.split(heading, 1)[1].split("```sh", 1)[1].split("```", 1)[0]
        commands = [line for line in block.strip().splitlines() if line.strip()]
        assert commands == ["pip install . && caicach overdue", 'pip install ".[test]" && pytest']
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert commands[1] in ci


def test_readme_shows_windows_and_linux_installation_and_pipx() -> None:
    for text in PARTS.values():
        for line in ("py -m venv .venv", ".venv\\Scripts\\activate", "python3 -m venv .venv"):
            assert line in text
        assert ". .venv/bin/activate" in text and "pipx install ." in text
