"""The parsing floor: libyaml's event stream alone over plan files, on one core or several.

    .venv/bin/python bench/libyaml_floor.py /tmp/caicach-bench/plans-1000
    .venv/bin/python bench/libyaml_floor.py --jobs 2 /tmp/caicach-bench/plans-1000

Reads every ``.yaml`` file below the folders given, decodes it and pulls every event from
libyaml's C parser (``yaml.CSafeLoader.get_event``), building nothing: what any reader that
looks at every event must pay at least. caicach's own reader (``cai_cach.yamlsource``) pulls
the same events and does its checks and bookkeeping in Python on top. With ``--jobs N`` the
files are shared among N forked processes (every N-th file each), as caicach shares them
among its workers: the floor on N cores.
"""

from __future__ import annotations

import argparse
import multiprocessing
import sys
from pathlib import Path

import yaml


def events_in(files: list[Path]) -> int:
    events = 0
    for path in files:
        loader = yaml.CSafeLoader(path.read_bytes().decode("utf-8"))
        try:
            while loader.get_event() is not None:
                events += 1
        finally:
            loader.dispose()
    return events


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="+", type=Path)
    parser.add_argument("--jobs", type=int, default=1, help="processes (default: 1)")
    args = parser.parse_args(argv)
    files = sorted(p for folder in args.folders for p in folder.rglob("*.yaml"))
    if args.jobs > 1:
        shares = [files[i :: args.jobs] for i in range(args.jobs)]
        with multiprocessing.get_context("fork").Pool(args.jobs) as pool:
            events = sum(pool.map(events_in, shares))
    else:
        events = events_in(files)
    print(f"{events} events in {len(files)} files, {args.jobs} process(es)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
