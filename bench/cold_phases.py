"""Where a cold plan's CPU goes: each step of ``loading.load_summary`` timed over many plans.

    .venv/bin/python bench/cold_phases.py /tmp/cold-plans [--repeat 3]
    PYTHONPATH=/tmp/old-checkout .venv/bin/python bench/cold_phases.py ...  # another version

One process, no workers, an empty cache folder (made under the temporary folder and deleted):
for every plan file, the steps that ``load_summary`` takes on a cache miss, each timed with
``time.process_time`` (CPU, so that another process on the machine counts for little), summed
over the files; the best of ``--repeat`` passes is printed per step, in milliseconds per
1,000 plans.
"""

from __future__ import annotations

import argparse
import gc
import shutil
import tempfile
import time
from pathlib import Path

from cai_cach.cache import PlanCache, content_key
from cai_cach.draftmarks import DraftMark
from cai_cach.loading import validate_document
from cai_cach.summary import summarize
from cai_cach.yamlsource import parse
from cai_cach.yamltext import decode, read_bytes

try:
    from cai_cach.draftmarks import marks_in_decoded
except ImportError:  # a checkout from before it (to measure "before" with this script)
    from cai_cach.draftmarks import marks_in_bytes

    def marks_in_decoded(raw: bytes, text: str) -> tuple[DraftMark, ...]:
        return marks_in_bytes(raw)


STEPS = ("read", "cache key", "decode", "parse", "validate", "marks", "summary", "cache put")


def one_pass(files: list[Path]) -> dict[str, float]:
    """One pass over ``files`` into a fresh cache: CPU seconds per step."""
    spent = dict.fromkeys(STEPS, 0.0)
    root = Path(tempfile.mkdtemp(prefix="cold-phases-"))
    cache = PlanCache(root)
    clock = time.process_time
    try:
        for path in files:
            display = str(path)
            times = [clock()]
            raw = read_bytes(path, display)
            times.append(clock())
            key = content_key(raw)
            times.append(clock())
            text = decode(raw, display)
            times.append(clock())
            document = parse(text, display, positions=False)
            times.append(clock())
            loaded = validate_document(path, document)
            times.append(clock())
            marks = marks_in_decoded(raw, text)
            times.append(clock())
            summary = summarize(loaded.plan)
            times.append(clock())
            cache.put(key, loaded.plan, loaded.warnings, summary, marks=marks)
            times.append(clock())
            for step, before, after in zip(STEPS, times, times[1:], strict=False):
                spent[step] += after - before
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return spent


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("folders", nargs="+", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    files = sorted(p for folder in args.folders for p in folder.rglob("*.yaml"))
    gc.disable()  # as loading.collector_paused does
    best = dict.fromkeys(STEPS, float("inf"))
    for _ in range(args.repeat):
        for step, seconds in one_pass(files).items():
            best[step] = min(best[step], seconds)
    scale = 1000 * 1000 / len(files)  # ms per 1,000 plans
    print("| step | ms CPU per 1,000 plans |")
    print("|---|---:|")
    for step in STEPS:
        print(f"| {step} | {best[step] * scale:,.0f} |")
    print(f"| **total** | **{sum(best.values()) * scale:,.0f}** |")


if __name__ == "__main__":
    main()
