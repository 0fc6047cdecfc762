"""The hand-written import corpus (issue 18, item 8): plan documents of distinct shapes in
``tests/data/import-corpus/``, each imported end to end (``caicach import DOC -o draft.yaml``,
the draft loaded as ``caicach check`` loads it) and compared with the truth file written by
hand beside it — every task a careful reader finds (id, section, title, lead, support, due
days), the issuing document (number, date, signer), the plan's window and, where the document
writes them, its reporting duties. Matching is that of ``tests/docgen/scoring.py``.

``test_corpus_accuracy_table`` prints the per-document accuracy table (``pytest -s``).
"""

from __future__ import annotations

import functools
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.docgen.model import HeaderTruth, TruthTask
from tests.docgen.scoring import DocumentScore, rate, score_tasks

CORPUS = Path(__file__).resolve().parent / "data" / "import-corpus"
TRUTHS = sorted(CORPUS.glob("*.truth.yaml"))
COLUMNS = ("found", "lead", "support", "due", "section", "number")
HEADER = ("number", "date", "signer", "start", "end")
IMPORTER_PENDING = "its appendix table reaches the importer as one paragraph (LibreOffice)"

# Documents the importer does not yet read fully. The .doc: its appendix table reaches the
# importer as one run-together paragraph (LibreOffice reads the table of this .doc as text),
# so the appendix tasks cannot be told apart.
PENDING = {
    "cat-tien-2026.doc",
}


@dataclass(frozen=True)
class Case:
    truth: Path
    document: Path


def _cases() -> list[Case]:
    cases = []
    for truth in TRUTHS:
        data = yaml.safe_load(truth.read_text(encoding="utf-8"))
        for name in [data["document"], *data.get("also", [])]:
            cases.append(Case(truth, CORPUS / name))
    return cases


CASES = _cases()


def _truth(path: Path) -> tuple[list[TruthTask], HeaderTruth, list[dict[str, Any]]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    tasks = [
        TruthTask(
            section=task["section"],
            number=str(task["id"]) if task.get("id") is not None else None,
            title=task["title"],
            lead=tuple(task["lead"]),
            support=tuple(task["support"]),
            due=tuple(str(day) for day in task["due"]),
        )
        for task in data["tasks"]
    ]
    header = HeaderTruth(**{key: str(value) for key, value in data["header"].items()})
    return tasks, header, data.get("reporting", [])


def _reporting_marks(plan: Any, wanted: list[dict[str, Any]]) -> list[bool]:
    """Each reporting duty of the truth: is there a draft duty recurring with that cadence and
    due day, and kept apart (``internal``) as the truth says?"""
    from cai_cach.periods import parse_cadence

    marks = []
    for duty in wanted:
        every = parse_cadence(duty["every"])
        marks.append(
            any(
                recurrence.every == every
                and recurrence.due_day == duty["due_day"]
                and bool(getattr(found, "internal", False)) == duty["internal"]
                for found in plan.reporting
                for recurrence in found.recurring
            )
        )
    return marks


@dataclass
class CorpusScore:
    document: DocumentScore
    reporting: list[bool]


@functools.cache
def _score(case: Case) -> CorpusScore:
    from tests.docgen.scoring import draft_tasks, header_marks, import_draft

    tasks, header, reporting = _truth(case.truth)
    text, plan, error = import_draft(case.document)
    if plan is None:
        scores, _ = score_tasks(tasks, [])
        document = DocumentScore(
            case.document.name, False, error, scores, [], dict.fromkeys(HEADER, False), text
        )
        return CorpusScore(document, [False] * len(reporting))
    scores, extra = score_tasks(tasks, draft_tasks(plan))
    document = DocumentScore(
        case.document.name, True, None, scores, extra, header_marks(plan, header), text
    )
    return CorpusScore(document, _reporting_marks(plan, reporting))


def _skip_reason(case: Case) -> str | None:
    if not case.document.is_file():
        return f"{case.document.name} not built (tests/data/import-corpus/make_corpus.py)"
    if case.document.suffix == ".doc" and not (
        shutil.which("soffice") or shutil.which("libreoffice")
    ):
        return "reading .doc needs LibreOffice (soffice), not installed here"
    return None


def _row(score: CorpusScore) -> str:
    document = score.document
    cells = [document.name, str(len(document.tasks))]
    for name in COLUMNS:
        right, counted = rate(document.tasks, name)
        cells.append(f"{right}/{counted}")
    cells.append(str(len(document.extra)))
    cells.append(f"{sum(document.header.values())}/{len(HEADER)}")
    cells.append(f"{sum(score.reporting)}/{len(score.reporting)}")
    cells.append("yes" if document.loaded else "no")
    return "| " + " | ".join(cells) + " |"


def accuracy_table() -> list[str]:
    lines = [
        "| document | tasks | " + " | ".join(COLUMNS) + " | extra | header | reporting | loads |",
        "|---|---:|" + "---:|" * (len(COLUMNS) + 3) + "---|",
    ]
    for case in CASES:
        if _skip_reason(case) is None:
            lines.append(_row(_score(case)))
        else:
            lines.append(f"| {case.document.name} | skipped: {_skip_reason(case)} |")
    return lines


def test_every_truth_names_its_document_and_a_distinct_shape() -> None:
    assert len(TRUTHS) >= 8
    shapes = set()
    for truth in TRUTHS:
        data = yaml.safe_load(truth.read_text(encoding="utf-8"))
        assert (CORPUS / data["document"]).is_file() or data["document"].endswith(".doc")
        assert data["tasks"], truth.name
        shapes.add(data["shape"])
    assert len(shapes) == len(TRUTHS)
    suffixes = {case.document.suffix for case in CASES}
    assert {".docx", ".md", ".doc", ".pdf"} <= suffixes


@pytest.mark.parametrize(
    "case",
    [
        pytest.param(
            case,
            id=case.document.name,
            marks=[pytest.mark.xfail(reason=IMPORTER_PENDING, strict=False)]
            if case.document.name in PENDING
            else [],
        )
        for case in CASES
    ],
)
def test_document_imports_as_a_careful_reader_reads_it(case: Case) -> None:
    reason = _skip_reason(case)
    if reason is not None:
        pytest.skip(reason)
    score = _score(case)
    document = score.document
    assert document.loaded, document.error
    wrong = [
        f"{s.truth.number} {s.truth.title[:40]}: {[n for n in COLUMNS if s.marks[n] is False]} "
        f"(draft {s.draft})"
        for s in document.tasks
        if any(s.marks[n] is False for n in COLUMNS)
    ]
    assert not wrong, "\n".join(wrong)
    assert document.extra == [], f"text taken for tasks: {document.extra}"
    assert all(document.header.values()), document.header
    assert all(score.reporting), score.reporting


def test_corpus_accuracy_table() -> None:
    table = accuracy_table()
    print("\n" + "\n".join(table))
    assert len(table) == len(CASES) + 2
