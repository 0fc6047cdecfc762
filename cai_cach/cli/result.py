"""One JSON contract for every ``--json``: a typed, versioned envelope.

Every command's ``--json`` prints one object, the same shape on success and when some plans
could not be read (documented in ``docs/json.md``, ``docs/en/json-output.md``; checked over
every command by ``tests/test_cli_result.py``)::

    {"version": 1, "command": "overdue", "complete": true, ...command fields...,
     "items": [...], "failed_files": [], "problems": []}

``complete`` is false exactly when ``failed_files`` is not empty (and the exit status is 2):
the items are then those of the plans that could be read. A program reads ``items`` the same
way in both cases and never mistakes an empty list for "nothing".
"""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from cai_cach.errors import PlanError

#: Raised when a field changes meaning or is removed; new fields do not change it.
JSON_VERSION = 1

#: The keys of every envelope, in order (command fields go between ``complete`` and ``items``).
ENVELOPE_KEYS = ("version", "command", "complete", "items", "failed_files", "problems")
PROBLEM_KEYS = ("file", "line", "column", "message", "hint")


@dataclass(frozen=True)
class Envelope:
    """What one ``--json`` prints."""

    command: str  # the command's name, as typed after ``caicach``
    items: Sequence[Any]  # JSON-ready values: what the command found, one per thing
    failures: Sequence[PlanError] = ()  # the plans that could not be read
    fields: Mapping[str, Any] = field(default_factory=dict)  # the command's own, beside items

    @property
    def complete(self) -> bool:
        return not self.failures

    def to_json(self) -> dict[str, Any]:
        return {
            "version": JSON_VERSION,
            "command": self.command,
            "complete": self.complete,
            **self.fields,
            "items": list(self.items),
            **failure_records(list(self.failures)),
        }


def failure_records(failures: list[PlanError]) -> dict[str, Any]:
    """The envelope's fields naming the plans that could not be read and why."""
    return {
        "failed_files": [f.problems[0].file if f.problems else "?" for f in failures],
        "problems": [
            {
                "file": problem.file,
                "line": problem.line,
                "column": problem.column,
                "message": problem.message,
                "hint": problem.hint,
            }
            for failure in failures
            for problem in failure.problems
            if problem.severity == "error"
        ],
    }


def emit(envelope: Envelope) -> None:
    """Print ``envelope`` on standard output."""
    sys.stdout.write(json.dumps(envelope.to_json(), ensure_ascii=False, indent=2) + "\n")
