"""Import a plan document end to end and score the draft against the truth.

The import runs as the clerk runs it — ``caicach import DOC -o draft.yaml`` (in-process, through
the CLI) — and the written draft is loaded with ``loading.load_plan`` as ``caicach check`` loads
it. Nothing of the importer's internals is used, so the score stays meaningful while it changes.

Matching (one truth task ↔ at most one draft task):

- **found**: a draft task (in ``sections`` or ``reporting``) whose title, normalised (NFC,
  case-folded, dashes unified, whitespace collapsed, end punctuation dropped), starts with the
  truth's normalised title, or the truth's title starts with it when it is at least 20
  characters long (a title cut short by the importer still counts as found, not a longer one
  it swallowed). Each draft task is matched at most once, in document order.
- **lead** / **support**: the titles (and names) of the officials the draft task names,
  normalised, equal the truth's parties as a set. A truth task with no lead (a plain paragraph
  task) is right only with an empty draft lead.
- **due**: the ISO days of the draft task's milestone obligations (``schedule.obligations``,
  i.e. what ``overdue`` would see) equal the truth's as a set; no date in the truth ("Thường
  xuyên", "Theo chỉ đạo …") is right only with no dated milestone.
- **section**: the draft task's section title, normalised, contains the truth's area title.
- **number**: the draft task's id ends with the number as the document writes it ("1.1", "a",
  "3"); bullet tasks have no number and are not counted here.
- **extra**: draft tasks in ``sections`` matched to no truth task (text taken for a task).

A draft that does not load counts every one of its tasks as not found (its error is kept).
"""

from __future__ import annotations

import re
import tempfile
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from tests.docgen.model import HeaderTruth, TruthTask

FIELDS = ("found", "lead", "support", "due", "section", "number")


def norm(text: str) -> str:
    text = unicodedata.normalize("NFC", text).casefold()
    text = re.sub(r"[‐‑‒–—−]", "-", text)
    text = re.sub(r"\s*-\s*", " - ", text)
    text = re.sub(r"\s+", " ", text).strip()
    return text.strip(" .,;:")


@dataclass
class TaskScore:
    truth: TruthTask
    marks: dict[str, bool | None]  # field → right / wrong / not counted (None)
    draft: dict[str, object] = field(default_factory=dict)


@dataclass
class DocumentScore:
    name: str
    loaded: bool
    error: str | None
    tasks: list[TaskScore]
    extra: list[str]
    header: dict[str, bool]
    draft_text: str = ""


@dataclass
class DraftTask:
    id: str
    section: str
    title: str
    lead: frozenset[str]
    support: frozenset[str]
    due: frozenset[str]
    in_sections: bool


def import_draft(document: Path, folder: Path | None = None) -> tuple[str, object, str | None]:
    """Run ``caicach import`` on the document; the draft's text, the loaded plan (or None)
    and, when the draft did not load or was not written, why."""
    from cai_cach.errors import PlanError
    from cai_cach.loading import load_plan
    from tests.helpers import invoke

    with tempfile.TemporaryDirectory(dir=folder) as work:
        target = Path(work) / "draft.yaml"
        result = invoke("import", document, "--output", target, "--force")
        if not target.is_file():
            return "", None, f"no draft written (exit {result.exit_code}): {result.output[-300:]}"
        text = target.read_text(encoding="utf-8")
        try:
            return text, load_plan(target).plan, None
        except PlanError as err:
            return text, None, err.render()[:500]


def draft_tasks(plan: object) -> list[DraftTask]:
    from cai_cach.models import Plan
    from cai_cach.schedule import obligations

    assert isinstance(plan, Plan)
    due: dict[int, set[str]] = {}
    for task, obligation in obligations(plan):
        if obligation.kind == "milestone":
            due.setdefault(id(task), set()).add(obligation.due.isoformat())

    def party(ident: str) -> str:
        official = plan.officials.get(ident)
        return norm(official.title) if official is not None else norm(ident)

    def names(idents: Iterable[str]) -> frozenset[str]:
        return frozenset(party(ident) for ident in idents)

    found: list[DraftTask] = []
    for section in plan.sections:
        for task in section.tasks:
            found.append(
                DraftTask(
                    task.id,
                    section.title,
                    task.title,
                    names(task.lead),
                    names(task.support),
                    frozenset(due.get(id(task), set())),
                    True,
                )
            )
    for duty in plan.reporting:
        found.append(
            DraftTask(
                duty.id,
                "",
                duty.title,
                names(duty.lead),
                names(duty.support),
                frozenset(due.get(id(duty), set())),
                False,
            )
        )
    return found


def _matches(truth: str, draft: str) -> bool:
    want, got = norm(truth), norm(draft)
    return got.startswith(want) or (len(got) >= 20 and want.startswith(got))


def score_tasks(
    truths: list[TruthTask], drafts: list[DraftTask]
) -> tuple[list[TaskScore], list[str]]:
    used: set[int] = set()
    scores: list[TaskScore] = []
    for truth in truths:
        match = next(
            (i for i, d in enumerate(drafts) if i not in used and _matches(truth.title, d.title)),
            None,
        )
        if match is None:
            marks: dict[str, bool | None] = {name: False for name in FIELDS}
            if truth.number is None:
                marks["number"] = None
            scores.append(TaskScore(truth, marks))
            continue
        used.add(match)
        draft = drafts[match]
        number = truth.number
        marks = {
            "found": True,
            "lead": draft.lead == frozenset(norm(p) for p in truth.lead),
            "support": draft.support == frozenset(norm(p) for p in truth.support),
            "due": draft.due == frozenset(truth.due),
            "section": norm(truth.section) in norm(draft.section),
            "number": None if number is None else norm(draft.id).endswith(norm(number)),
        }
        scores.append(
            TaskScore(
                truth,
                marks,
                {
                    "id": draft.id,
                    "section": draft.section,
                    "lead": sorted(draft.lead),
                    "support": sorted(draft.support),
                    "due": sorted(draft.due),
                },
            )
        )
    extra = [d.title for i, d in enumerate(drafts) if i not in used and d.in_sections]
    return scores, extra


def header_marks(plan: object, truth: HeaderTruth) -> dict[str, bool]:
    from cai_cach.models import Plan

    assert isinstance(plan, Plan)
    info = plan.plan
    issued = info.decision or info.document
    # plan.end is written only when it is not 31/12 of the plan's year (the shared default);
    # a draft leaves an unread number, date or signer empty (None), never invented
    end = getattr(info, "end", None) or f"{info.year}-12-31"
    return {
        "number": issued is not None and norm(issued.number or "") == norm(truth.number),
        "date": issued is not None
        and issued.date is not None
        and issued.date.isoformat() == truth.date,
        "signer": issued is not None and norm(issued.signer or "") == norm(truth.signer),
        "start": (plan.effective.isoformat() if plan.effective else None) == truth.start,
        "end": str(end) == truth.end,
    }


def score_document(
    document: Path, tasks: list[TruthTask], header: HeaderTruth, folder: Path | None = None
) -> DocumentScore:
    text, plan, error = import_draft(document, folder)
    if plan is None:
        scores, _ = score_tasks(tasks, [])
        return DocumentScore(
            document.name,
            False,
            error,
            scores,
            [],
            dict.fromkeys(("number", "date", "signer", "start", "end"), False),
            text,
        )
    scores, extra = score_tasks(tasks, draft_tasks(plan))
    return DocumentScore(document.name, True, None, scores, extra, header_marks(plan, header), text)


def rate(scores: Iterable[TaskScore], name: str) -> tuple[int, int]:
    """(right, counted) for one field over task scores."""
    right = counted = 0
    for score in scores:
        mark = score.marks[name]
        if mark is None:
            continue
        counted += 1
        right += bool(mark)
    return right, counted
