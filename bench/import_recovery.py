"""How much of a plan document `caicach import` recovers, over generated documents with the
truth known (issue 18, item 8: ≥ 98 % of tasks, leads and due dates).

    .venv/bin/python bench/import_recovery.py                    # 2,000 documents, seed 1
    .venv/bin/python bench/import_recovery.py -n 300 --seed 7    # fewer, another sample
    .venv/bin/python bench/import_recovery.py --format md        # Markdown only

Each document is drawn by the hypothesis strategy `tests/docgen/strategy.plan_documents`
(numbering schemes, label wording, case, order and look, field lines or inline fields, appendix
tables with reordered columns, two-row headers, group rows, merged cells, repeated headers and
empty rows, header forms, deadline phrases), written as .docx or .md, imported through the CLI
exactly as `caicach import DOC -o draft.yaml`, and the draft loaded as `caicach check` loads
it. How a draft is matched against the truth is written in `tests/docgen/scoring.py`.

Prints Markdown: the recovery per field, the recovery per value of every variation axis, and
a few failures in full. The same seed gives the same documents.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.docgen.recovery import axis_table, failures, field_table, measure  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--documents", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--format", choices=("docx", "md", "both"), default="both")
    parser.add_argument("--failures", type=int, default=10, help="failures shown in full")
    parser.add_argument("--keep", type=Path, help="keep documents, drafts and truths here")
    options = parser.parse_args()
    formats = ("docx", "md") if options.format == "both" else (options.format,)
    started = time.monotonic()

    def progress(done: int) -> None:
        if done % 100 == 0:
            print(f"… {done} documents ({time.monotonic() - started:.0f} s)", file=sys.stderr)

    recovery = measure(options.documents, options.seed, formats, progress, options.keep)
    print(f"# Import recovery (seed {options.seed}, formats {', '.join(formats)})\n")
    print("\n".join(field_table(recovery)))
    print("\n## Per variation axis\n")
    print("\n".join(axis_table(recovery)))
    print("\n## Failures (first few)\n")
    print("\n".join(failures(recovery, options.failures)) or "none")
    print(f"\n({time.monotonic() - started:.0f} s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
