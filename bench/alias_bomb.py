"""Issue 5's alias-bomb benchmark: how fast and small ``caicach check`` refuses a YAML bomb.

    sudo apt-get install -y hyperfine time         # Debian / Ubuntu
    .venv/bin/python bench/alias_bomb.py           # prints a Markdown table

Three "billion laughs" files (nine levels of nine aliases: 9^9 = 387 million "lol"s once
expanded): 10 MB (over the loader's 5 MB limit, so refused by size), and two just under the
limit (4.9 MB) so that the refusal of anchors and aliases itself is measured: one with the
bomb at the top and one with 4.9 MB of ordinary YAML before it, which makes the parser read
almost the whole file before it meets the first anchor. Target (issue 5): refused in under
a second and under 100 MB of memory. Time from hyperfine, beside the stack's import floor;
peak memory from ``/usr/bin/time -v``.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
MB = 1024 * 1024
LIMIT_SECONDS = 1.0
LIMIT_MB = 100


def laughs() -> str:
    """Nine levels of nine references: a few hundred bytes that expand to 9^9 strings."""
    lines = ["a: &a [" + ", ".join(["lol"] * 9) + "]"]
    for level in "bcdefghi":
        previous = chr(ord(level) - 1)
        lines.append(f"{level}: &{level} [" + ", ".join([f"*{previous}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def bomb_first(size: int) -> str:
    """The bomb, then a list of aliases to its top level until ``size`` bytes."""
    head = laughs() + "bomb:\n"
    line = "  - [" + ", ".join(["*i"] * 20) + "]\n"
    return head + line * ((size - len(head)) // len(line))


def bomb_last(size: int) -> str:
    """``size`` bytes of ordinary YAML with the bomb at the very end."""
    bomb = laughs()
    line = "  - Báo cáo kết quả thực hiện nhiệm vụ cải cách hành chính\n"
    head = "ghi_chu:\n"
    count = (size - len(head) - len(bomb)) // len(line.encode())
    return head + line * count + bomb


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--caicach", default=str(REPO / ".venv" / "bin" / "caicach"))
    parser.add_argument("--python", default=str(REPO / ".venv" / "bin" / "python"))
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args(argv)
    missing = [tool for tool in ("hyperfine", "/usr/bin/time") if shutil.which(tool) is None]
    if missing:
        sys.exit(
            f"alias_bomb: missing {', '.join(missing)}; sudo apt-get install -y hyperfine time"
        )
    folder = Path(tempfile.mkdtemp(prefix="caicach-bomb-"))
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)  # bytecode as in an installed package,
    os.environ["PYTHONPYCACHEPREFIX"] = str(folder / "pycache")  # out of the source tree
    files = {
        "10 MB bomb": bomb_first(10 * MB),
        "4.9 MB, bomb first": bomb_first(49 * MB // 10),
        "4.9 MB, bomb last": bomb_last(49 * MB // 10),
    }
    commands = {"import floor": [args.python, "-c", "import typer, pydantic, yaml"]}
    for name, text in files.items():
        path = folder / (name.replace(" ", "-").replace(",", "") + ".yaml")
        path.write_text(text, encoding="utf-8")
        commands[name] = [args.caicach, "check", str(path)]
    export = folder / "hyperfine.json"
    hyperfine = ["hyperfine", "-N", "-i", "--style", "basic", "--warmup", "2"]
    hyperfine += ["--runs", str(args.runs), "--export-json", str(export)]
    for name in commands:
        hyperfine += ["--command-name", name]
    hyperfine += [shlex.join(argv) for argv in commands.values()]
    subprocess.run(hyperfine, check=True, stdout=sys.stderr)
    results = json.loads(export.read_text())["results"]
    floor = results[0]["mean"]
    rows = [
        "| file | size | exit | first line of the message | mean ± σ | × import floor "
        "| peak RSS | target met |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for (name, argv), result in zip(list(commands.items())[1:], results[1:], strict=True):
        path = Path(argv[-1])
        run = subprocess.run(["/usr/bin/time", "-v", *argv], capture_output=True, text=True)
        peak_kb = next(
            int(line.split(":")[1])
            for line in run.stderr.splitlines()
            if "Maximum resident set size" in line
        )
        message = run.stderr.splitlines()[0].replace(str(folder) + "/", "")
        met = result["mean"] < LIMIT_SECONDS and peak_kb / 1024 < LIMIT_MB
        rows.append(
            f"| {name} | {path.stat().st_size / MB:.1f} MB | {run.returncode} | `{message}` "
            f"| {result['mean'] * 1000:.0f} ± {result['stddev'] * 1000:.0f} ms "
            f"| {result['mean'] / floor:.2f} | {peak_kb / 1024:.0f} MB | {'yes' if met else 'NO'} |"
        )
    print(f"Import floor: {floor * 1000:.0f} ms.\n")
    print("\n".join(rows))
    print("\n```sh\n" + "\n".join(shlex.join(argv) for argv in commands.values()) + "\n```")
    shutil.rmtree(folder)
    return 0


if __name__ == "__main__":
    sys.exit(main())
