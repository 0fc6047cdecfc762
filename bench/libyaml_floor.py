"""The parsing floor: libyaml's event stream alone over plan files, on one core.

    .venv/bin/python bench/libyaml_floor.py /tmp/caicach-bench/plans-1000

Reads every ``.yaml`` file below the folders given, decodes it and pulls every event from
libyaml's C parser (``yaml.CSafeLoader.get_event``), building nothing: what any reader that
looks at every event must pay at least. caicach's own reader (``cai_cach.yamlsource``) pulls
the same events and does its checks and bookkeeping in Python on top.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml


def main(argv: list[str]) -> int:
    events = 0
    files = sorted(p for folder in argv for p in Path(folder).rglob("*.yaml"))
    for path in files:
        loader = yaml.CSafeLoader(path.read_bytes().decode("utf-8"))
        try:
            while loader.get_event() is not None:
                events += 1
        finally:
            loader.dispose()
    print(f"{events} events in {len(files)} files", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
