"""Run the transcripts of README.md and of every page under docs/ and rewrite their outputs
(``tests/test_readme_transcripts.py`` runs the same blocks and fails when an output differs).

    python scripts/update_readme_transcripts.py          # rewrite README.md and docs/**/*.md
    python scripts/update_readme_transcripts.py --check  # exit 1 if any output would change
    python scripts/update_readme_transcripts.py docs/git.md  # only these files

The transcript convention (the same in every documentation file):

- A ```` ```console ```` block is a transcript. Each line starting with ``$ `` is a command run
  by ``bash`` in the block's working folder; the lines up to the next ``$ `` line are what it
  prints (standard output and standard error, as on a terminal). Blank lines at the end of an
  output only separate commands. A line ``…`` alone stands for any number of lines, to keep a
  long output short (it may be indented like the lines around it).
- Every block starts from a fresh working folder: a copy of the repository's ``plans/`` in a new
  git repository with one commit ("Kế hoạch CCHC năm 2024"). Commands of one block run in order,
  so a block can record progress and then show the diff.
- ``<!-- transcript-copy: SRC -> DEST -->`` copies the repository's file SRC to DEST in the
  working folder of the next transcript; ``<!-- transcript-file: PATH -->`` right before any
  fenced block writes that block's text to PATH there (a file the clerk writes by hand);
  ``<!-- transcript-run: COMMAND -->`` runs COMMAND there first, unseen (it must succeed) —
  for what a transcript cannot show, such as a colleague's change waiting on the server.
- Other fences (```` ```sh ````, ```` ```yaml ```` …) are never run: installing, cloning, pushing.

Outputs are normalised only where they must be: the working folder's absolute path is shown as
``~/ke-hoach``, today's date (in a command without a date of its own) as ``HÔM_NAY``/``HOM_NAY``,
and spaces at line ends are dropped. Fixed dates for git (author and committer) make commit
hashes stable.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import shutil
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
README = REPO / "README.md"
DOCS = REPO / "docs"

FENCE = re.compile(r"^(?P<indent>\s*)```(?P<lang>[\w.-]*)\s*$")
COPY = re.compile(r"^\s*<!--\s*transcript-copy:\s*(?P<src>\S+)\s*->\s*(?P<dest>\S+)\s*-->\s*$")
WRITE = re.compile(r"^\s*<!--\s*transcript-file:\s*(?P<path>\S+)\s*-->\s*$")
SETUP = re.compile(r"^\s*<!--\s*transcript-run:\s*(?P<command>.+?)\s*-->\s*$")
PROMPT = "$ "
ELLIPSIS = "…"
SHOWN_FOLDER = "~/ke-hoach"
GIT_DATE = "2024-04-15T08:00:00+07:00"
COMMAND_TIMEOUT = 300


@dataclass
class Step:
    """One ``$`` line of a transcript and the output written under it."""

    command: str
    expected: list[str]
    separator: int  # blank lines between the output and the next command


@dataclass
class Transcript:
    """One ```` ```console ```` block of the README and what it needs in its working folder."""

    source: str  # the file, relative to the repository ("README.md", "docs/git.md")
    line: int  # 1-based line of the opening fence
    start: int  # index of the first line inside the fence
    end: int  # index of the closing fence
    indent: str
    steps: list[Step]
    copies: list[tuple[str, str]] = field(default_factory=list)
    files: list[tuple[str, str]] = field(default_factory=list)
    setup: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return f"{self.source}:{self.line}: {self.steps[0].command}" if self.steps else "empty"

    def setup_key(self) -> str:
        """Same commands and same setup: same outputs (the English pages repeat the blocks)."""
        text = repr((self.copies, self.files, self.setup, [step.command for step in self.steps]))
        return hashlib.sha256(text.encode()).hexdigest()


def documents() -> list[Path]:
    """Every file whose transcripts are checked: the README and the pages under docs/."""
    return [README, *sorted(DOCS.rglob("*.md"))]


def source_name(path: Path) -> str:
    return path.resolve().relative_to(REPO).as_posix() if path.is_relative_to(REPO) else str(path)


def parse(text: str, source: str = "README.md") -> list[Transcript]:
    """The console blocks of one documentation file, with the setup directives before each."""
    lines = text.split("\n")
    transcripts: list[Transcript] = []
    copies: list[tuple[str, str]] = []
    files: list[tuple[str, str]] = []
    setup: list[str] = []
    pending_file: str | None = None
    index = 0
    while index < len(lines):
        line = lines[index]
        if match := COPY.match(line):
            copies.append((match["src"], match["dest"]))
        elif match := SETUP.match(line):
            setup.append(match["command"])
        elif match := WRITE.match(line):
            pending_file = match["path"]
        elif match := FENCE.match(line):
            indent, lang = match["indent"], match["lang"]
            end = _closing_fence(lines, index, indent, source)
            body = [inner.removeprefix(indent) for inner in lines[index + 1 : end]]
            if pending_file is not None:
                files.append((pending_file, "\n".join(body) + "\n"))
                pending_file = None
            if lang == "console":
                steps = _steps(body, index + 2, source)
                transcripts.append(
                    Transcript(
                        source, index + 1, index + 1, end, indent, steps, copies, files, setup
                    )
                )
                copies, files, setup = [], [], []
            index = end
        index += 1
    return transcripts


def _closing_fence(lines: list[str], opening: int, indent: str, source: str) -> int:
    for index in range(opening + 1, len(lines)):
        if lines[index].rstrip() == f"{indent}```":
            return index
    raise ValueError(f"{source}:{opening + 1}: khối ``` không được đóng")


def _steps(body: list[str], first_line: int, source: str) -> list[Step]:
    steps: list[Step] = []
    for offset, line in enumerate(body):
        if line.startswith(PROMPT):
            steps.append(Step(line[len(PROMPT) :], [], 0))
        elif not steps:
            raise ValueError(
                f"{source}:{first_line + offset}: khối console phải bắt đầu bằng dòng '$ lệnh'"
            )
        else:
            steps[-1].expected.append(line.rstrip())
    for step in steps:
        while step.expected and not step.expected[-1]:
            step.expected.pop()
            step.separator += 1
    return steps


def is_ellipsis(line: str) -> bool:
    return line.strip() == ELLIPSIS


def matches(expected: list[str], actual: list[str]) -> bool:
    """Equal line by line; a line ``…`` alone matches any number of lines."""
    pattern = "".join(
        r"(?:[^\n]*\n)*?" if is_ellipsis(line) else re.escape(line) + r"\n" for line in expected
    )
    return re.fullmatch(pattern, "".join(f"{line}\n" for line in actual)) is not None


def shorten(step: Step, actual: list[str]) -> list[str]:
    """A new output for a step whose README output was cut with ``…``: cut at the same places
    (as many lines before the first ``…`` and after the last one)."""
    cuts = [index for index, line in enumerate(step.expected) if is_ellipsis(line)]
    if not cuts:
        return actual
    head, tail = cuts[0], len(step.expected) - 1 - cuts[-1]
    if len(actual) <= head + tail:
        return actual
    return [*actual[:head], step.expected[cuts[0]], *actual[len(actual) - tail :]]


def normalise(output: str, folder: Path, today: date) -> list[str]:
    text = output.replace(str(folder.resolve()), SHOWN_FOLDER).replace(str(folder), SHOWN_FOLDER)
    text = text.replace(today.strftime("%d/%m/%Y"), "HÔM_NAY").replace(today.isoformat(), "HOM_NAY")
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    return lines


def environment(scratch: Path) -> dict[str, str]:
    """A clean, fixed environment: the installed caicach first on PATH, no user git config."""
    tools = _tools(scratch)
    home = scratch / "home"
    home.mkdir(exist_ok=True)
    return {
        "PATH": os.pathsep.join([str(tools), os.environ.get("PATH", os.defpath)]),
        "HOME": str(home),
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "TZ": "UTC",
        "TERM": "dumb",
        "NO_COLOR": "1",
        "COLUMNS": "80",
        "PYTHONUNBUFFERED": "1",
        "PYTHONIOENCODING": "utf-8",
        "CAICACH_CACHE_DIR": str(scratch / "cache"),
        "CAICACH_JOBS": "1",
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_AUTHOR_NAME": "Văn phòng - Thống kê",
        "GIT_AUTHOR_EMAIL": "vanphong@example.invalid",
        "GIT_COMMITTER_NAME": "Văn phòng - Thống kê",
        "GIT_COMMITTER_EMAIL": "vanphong@example.invalid",
        "GIT_AUTHOR_DATE": GIT_DATE,
        "GIT_COMMITTER_DATE": GIT_DATE,
    }


def _tools(scratch: Path) -> Path:
    """``python`` is this interpreter; ``caicach`` is the one installed beside it."""
    tools = scratch / "bin"
    tools.mkdir(exist_ok=True)
    installed = Path(sys.executable).parent / "caicach"
    scripts = {
        "python": f'exec "{sys.executable}" "$@"',
        "caicach": f'exec "{installed}" "$@"'
        if installed.exists()
        else f'exec "{sys.executable}" -m cai_cach "$@"',
    }
    for name, line in scripts.items():
        path = tools / name
        path.write_text(f"#!/bin/sh\n{line}\n", encoding="utf-8")
        path.chmod(path.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return tools


def prepare(transcript: Transcript, scratch: Path, env: dict[str, str]) -> Path:
    """The block's working folder: the shipped plans committed in a new git repository."""
    folder = scratch / "ke-hoach"
    shutil.copytree(REPO / "plans", folder / "plans")
    for git in (
        ["init", "-q", "-b", "main"],
        ["add", "plans"],
        ["commit", "-q", "-m", "Kế hoạch CCHC năm 2024"],
    ):
        subprocess.run(["git", *git], cwd=folder, env=env, check=True, capture_output=True)
    for source, destination in transcript.copies:
        target = folder / destination
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / source, target)
    for path, content in transcript.files:
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
    for command in transcript.setup:
        done = subprocess.run(
            ["bash", "-c", command], cwd=folder, env=env, capture_output=True, check=False
        )
        if done.returncode != 0:
            raise RuntimeError(f"transcript-run failed: {command}\n{done.stderr.decode()}")
    return folder


def run(transcript: Transcript) -> list[list[str]]:
    """Run the block's commands in order in a fresh working folder; their normalised outputs."""
    return execute(transcript)[0]


def execute(transcript: Transcript) -> tuple[list[list[str]], list[int]]:
    """The normalised outputs of the block's commands and their exit statuses."""
    with tempfile.TemporaryDirectory(prefix="caicach-readme-") as name:
        scratch = Path(name)
        env = environment(scratch)
        folder = prepare(transcript, scratch, env)
        outputs, statuses = [], []
        for step in transcript.steps:
            today = date.today()
            completed = subprocess.run(
                ["bash", "-c", step.command],
                cwd=folder,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                timeout=COMMAND_TIMEOUT,
                check=False,
            )
            outputs.append(normalise(completed.stdout.decode("utf-8", "replace"), folder, today))
            statuses.append(completed.returncode)
        return outputs, statuses


class Runner:
    """Runs each distinct block once (the English pages repeat the Vietnamese blocks)."""

    def __init__(self) -> None:
        self._results: dict[str, tuple[list[list[str]], list[int]]] = {}
        self.warnings: list[str] = []

    def outputs(self, transcript: Transcript) -> list[list[str]]:
        return self._result(transcript)[0]

    def statuses(self, transcript: Transcript) -> list[int]:
        return self._result(transcript)[1]

    def _result(self, transcript: Transcript) -> tuple[list[list[str]], list[int]]:
        key = transcript.setup_key()
        if key not in self._results:
            self._results[key] = execute(transcript)
        return self._results[key]


def differences(transcript: Transcript, outputs: list[list[str]]) -> Iterator[str]:
    for step, actual in zip(transcript.steps, outputs, strict=True):
        if not matches(step.expected, actual):
            yield (
                f"$ {step.command}\n--- {transcript.source}\n"
                + "\n".join(step.expected)
                + "\n--- now\n"
                + "\n".join(actual)
            )


def rewrite(text: str, runner: Runner, source: str = "README.md") -> tuple[str, list[str]]:
    """The file with every transcript's outputs replaced by what the commands print now."""
    lines = text.split("\n")
    changed: list[str] = []
    for transcript in reversed(parse(text, source)):
        outputs = runner.outputs(transcript)
        if not list(differences(transcript, outputs)):
            continue
        changed.append(transcript.name)
        body: list[str] = []
        statuses = runner.statuses(transcript)
        for step, actual, status in zip(transcript.steps, outputs, statuses, strict=True):
            same = matches(step.expected, actual)
            if not same and status != 0:
                runner.warnings.append(
                    f"{source}:{transcript.line}: '{step.command}' now exits with {status}: "
                    "check the new output is the intended one (an option renamed?)"
                )
            written = step.expected if same else shorten(step, actual)
            body += [PROMPT + step.command, *written, *[""] * step.separator]
        lines[transcript.start : transcript.end] = [
            f"{transcript.indent}{line}" if line else line for line in body
        ]
    return "\n".join(lines), list(reversed(changed))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if stale")
    parser.add_argument("files", nargs="*", type=Path, help="default: README.md and docs/**/*.md")
    arguments = parser.parse_args()
    runner = Runner()
    changed: list[str] = []
    for path in arguments.files or documents():
        text = path.read_text(encoding="utf-8")
        new_text, stale = rewrite(text, runner, source_name(path))
        changed += stale
        for name in stale:
            print(f"{'stale' if arguments.check else 'rewrote'}: {name}")
        if not arguments.check and new_text != text:
            path.write_text(new_text, encoding="utf-8")
    for warning in runner.warnings:
        print(f"warning: {warning}")
    if arguments.check:
        return 1 if changed else 0
    print(f"{len(changed)} transcript(s) {'rewritten' if changed else 'unchanged'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
