"""The evidence register (tài liệu kiểm chứng): documents that completed the plan's work.

A document is recorded as structured data on its task (``evidence: [{number, date, kind,
summary, file, sha256, milestone | period}]``), given to ``caicach done`` as options or read
from a note's usual wording ("Đã ban hành Kế hoạch số 05/KH-UBND ngày 25/01/2024"). A file
given with ``--file`` is copied under ``evidence/`` beside the plan with its SHA-256, so the
plan never points outside its repository. The register lists, per task and area, what was done
in a period with the documents that prove it, flags done work without any, and checks that
every recorded file still has its recorded hash.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Literal

from cai_cach.atomic import locked, write_atomic
from cai_cach.errors import RecordError, UsageError
from cai_cach.models import Evidence, Plan, Section, Task
from cai_cach.periods import Period, format_day
from cai_cach.record import EditSession, Recorded
from cai_cach.schedule import Obligation, obligations
from cai_cach.text import nfc
from cai_cach.validation import evidence_path_is_safe
from cai_cach.yamledit import add_to_list, scalar
from cai_cach.yamlsource import check_characters

#: Largest evidence file copied into the repository (a scanned minutes is a few MB).
MAX_EVIDENCE_BYTES = 50 * 1024 * 1024

#: The kind of a document from the first part of its symbol ("05/KH-UBND" → Kế hoạch).
KIND_BY_SYMBOL = {
    "kh": "Kế hoạch",
    "qđ": "Quyết định",
    "qd": "Quyết định",
    "bc": "Báo cáo",
    "tb": "Thông báo",
    "ct": "Chỉ thị",
    "ttr": "Tờ trình",
    "bb": "Biên bản",
    "ctr": "Chương trình",
    "nq": "Nghị quyết",
    "hd": "Hướng dẫn",
    "hđ": "Hướng dẫn",
}
_KINDS = (
    "Kế hoạch|Quyết định|Báo cáo|Công văn|Thông báo|Chỉ thị|Tờ trình|Biên bản|Chương trình"
    "|Nghị quyết|Hướng dẫn"
)
_REFERENCE = re.compile(
    rf"(?:(?P<kind>{_KINDS})\s+)?số\s*:?\s*(?P<number>\d+[\w.]*/[\wĐđ.-]*[\wĐđ])"
    r"(?:\s*,?\s*ngày\s+(?:(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>\d{4})"
    r"|(?P<d2>\d{1,2})\s+tháng\s+(?P<m2>\d{1,2})\s+năm\s+(?P<y2>\d{4})))?"
    r"(?:\s+(?:của\s+[^,;.]*?\s+)?về\s+(?P<summary>[^;]+))?",
    re.IGNORECASE,
)


def kind_of(number: str) -> str:
    """The kind a symbol names ("12/QĐ-UBND" → Quyết định); a bare "123/UBND-VP" is a
    Công văn, as offices number them."""
    symbol = number.partition("/")[2]
    head = symbol.split("-")[0].lower()
    if head in KIND_BY_SYMBOL:
        return KIND_BY_SYMBOL[head]
    return "Công văn"


def references_in(text: str) -> list[Evidence]:
    """The documents a note cites in the usual wording ("Kế hoạch số 05/KH-UBND ngày
    25/01/2024 về …"); the kind from the words, else from the symbol."""
    found: list[Evidence] = []
    for match in _REFERENCE.finditer(nfc(text)):
        number = match["number"]
        day_parts = (
            match["d"] or match["d2"],
            match["m"] or match["m2"],
            match["y"] or match["y2"],
        )
        day: date | None = None
        if all(day_parts):
            try:
                day = date(int(day_parts[2]), int(day_parts[1]), int(day_parts[0]))
            except ValueError:
                day = None
        kind = match["kind"]
        summary = match["summary"].strip().rstrip(".") if match["summary"] else None
        found.append(
            Evidence(
                number=number,
                date=day,
                kind=kind[0].upper() + kind[1:].lower() if kind else kind_of(number),
                summary=summary or None,
            )
        )
    return found


# --- recording -----------------------------------------------------------------------------


@dataclass(frozen=True)
class EvidenceInput:
    """What the clerk gave ``done`` about the document (any part may be missing)."""

    number: str | None = None
    day: date | None = None
    kind: str | None = None
    summary: str | None = None
    file: Path | None = None

    @property
    def given(self) -> bool:
        return any(
            v is not None for v in (self.number, self.day, self.kind, self.summary, self.file)
        )


def check_input(given: EvidenceInput) -> None:
    """Refuse, before anything is written, what could not be recorded."""
    for name, value in (("--doc", given.number), ("--doc-kind", given.kind)):
        if value is not None:
            _clean(value, name)
    if given.summary is not None:
        _clean(given.summary, "--doc-summary")
    if given.given and given.number is None and given.file is None and given.summary is None:
        raise UsageError(
            "cần số văn bản (--doc), trích yếu (--doc-summary) hoặc tệp (--file)",
            'ví dụ: --doc "05/KH-UBND" --doc-date 25/01/2024',
        )
    if given.file is not None:
        _source_bytes(given.file)


def _clean(text: str, option: str) -> str:
    cleaned = nfc(" ".join(text.split()))
    if not cleaned:
        raise UsageError(f"{option} đang để trống")
    problems = check_characters(cleaned, option)
    if problems:
        raise UsageError(f"{option} có {problems[0].message}", problems[0].hint)
    return cleaned


def _source_bytes(source: Path) -> bytes:
    try:
        if not source.is_file():
            raise UsageError(
                f"không có tệp '{source}' (hoặc đó không phải một tệp thông thường)",
                "kiểm tra lại đường dẫn của --file",
            )
        if source.stat().st_size > MAX_EVIDENCE_BYTES:
            raise UsageError(
                f"tệp '{source}' lớn quá {MAX_EVIDENCE_BYTES // (1024 * 1024)} MB",
                "nén hoặc quét lại với độ phân giải thấp hơn",
            )
        return source.read_bytes()
    except OSError as err:
        raise UsageError(f"không đọc được tệp '{source}' ({err.strerror})") from None


def _evidence_name(task: Task, source: Path) -> str:
    safe = re.sub(r"[^\w.-]+", "-", nfc(source.name), flags=re.UNICODE).strip("-.") or "tep"
    task_part = re.sub(r"[^\w.-]+", "-", task.id).strip("-") or "nv"
    return f"evidence/{task_part}/{safe}"


def _copy_file(plan_path: Path, task: Task, source: Path) -> tuple[str, str]:
    """Copy ``source`` under the plan's ``evidence/`` folder; its relative path and hash.
    An existing file of the same name is kept when identical and refused otherwise."""
    content = _source_bytes(source)
    digest = hashlib.sha256(content).hexdigest()
    relative = _evidence_name(task, source)
    if not evidence_path_is_safe(relative):  # pragma: no cover - the name is built safe
        raise RecordError(f"tên tệp kiểm chứng không hợp lệ: {relative}")
    target = plan_path.parent / relative
    if target.exists():
        if target.is_file() and hashlib.sha256(target.read_bytes()).hexdigest() == digest:
            return relative, digest
        raise RecordError(
            f"đã có một tệp khác tên '{relative}' trong thư mục kế hoạch",
            "đổi tên tệp trước khi ghi (ví dụ thêm ngày vào tên)",
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(target, content, overwrite=False, follow_symlinks=False)
    return relative, digest


def add_evidence(
    plan_path: Path,
    task_id: str,
    given: EvidenceInput,
    *,
    milestone: str | None = None,
    period: Period | None = None,
) -> Recorded:
    """Record one document on task ``task_id`` for a milestone (its ``what``) or a period."""
    check_input(given)
    with locked(plan_path):
        session = EditSession(plan_path)
        ref = session.task(task_id)
        file_text = digest = None
        if given.file is not None:
            file_text, digest = _copy_file(plan_path, ref.task, given.file)
        evidence = Evidence(
            number=_clean(given.number, "--doc") if given.number else None,
            date=given.day,
            kind=_clean(given.kind, "--doc-kind")
            if given.kind
            else (kind_of(given.number) if given.number else None),
            summary=_clean(given.summary, "--doc-summary") if given.summary else None,
            file=file_text,
            sha256=digest,
            milestone=milestone,
            period=period.key if period is not None else None,
        )
        if any(_same(evidence, old) for old in ref.task.evidence):
            raise RecordError(
                f"nhiệm vụ {ref.task.id} đã ghi văn bản này rồi ({evidence.label})",
                "không cần ghi lại",
            )
        session.expected_task(ref).evidence.append(evidence)
        _insert(session, ref.path, evidence)
        return Recorded(
            session.display,
            ref.task,
            "evidence_added",
            evidence.label,
            day=given.day,
            period=period,
            lines=session.save(),
        )


def remove_evidence(
    plan_path: Path, task_id: str, *, milestone: str | None = None, period: Period | None = None
) -> Recorded | None:
    """Remove the documents recorded for one milestone or period (``done --undo``); None when
    there were none."""
    from cai_cach.yamledit import is_flow, node_at, remove_entry, remove_item

    key = period.key if period is not None else None
    with locked(plan_path):
        session = EditSession(plan_path)
        ref = session.task(task_id)
        listed = ref.task.evidence
        doomed = [
            index
            for index, e in enumerate(listed)
            if (key is not None and e.period == key) or (key is None and e.milestone == milestone)
        ]
        if not doomed:
            return None
        kept = [e for i, e in enumerate(listed) if i not in doomed]
        session.expected_task(ref).evidence[:] = kept
        mapping = session.node(ref.path)
        node = node_at(mapping, ("evidence",))
        if not kept and not is_flow(node):
            remove_entry(session.text, mapping, "evidence")
        else:
            for index in reversed(doomed):
                remove_item(session.text, node_at(session.node(ref.path), ("evidence",)), index)
        return Recorded(
            session.display,
            ref.task,
            "evidence_removed",
            "; ".join(listed[i].label for i in doomed),
            period=period,
            lines=session.save(),
        )


def _same(new: Evidence, old: Evidence) -> bool:
    keys = ("number", "file", "milestone", "period")
    return all(getattr(new, k) == getattr(old, k) for k in keys) and (
        new.number is not None or new.file is not None
    )


def _insert(session: EditSession, path: tuple[str | int, ...], evidence: Evidence) -> None:
    fields = evidence.model_dump(exclude_none=True, mode="json")
    item = "{" + ", ".join(f"{k}: {scalar(str(v), flow=True)}" for k, v in fields.items()) + "}"
    add_to_list(session.text, session.node(path), "evidence", item)


# --- the register --------------------------------------------------------------------------

Standing = Literal["có tệp", "có văn bản", "theo ghi chú", "thiếu"]


@dataclass(frozen=True)
class Proof:
    """One done obligation and the documents that prove it."""

    section: Section | None
    task: Task
    what: str
    done: date
    period: Period | None
    documents: tuple[Evidence, ...]
    from_notes: bool  # the documents were read from the notes' wording, not recorded

    @property
    def standing(self) -> Standing:
        if not self.documents:
            return "thiếu"
        if self.from_notes:
            return "theo ghi chú"
        if any(d.file for d in self.documents):
            return "có tệp"
        return "có văn bản"


@dataclass(frozen=True)
class FileCheck:
    task: Task
    evidence: Evidence
    problem: str | None  # None: present with the recorded hash


@dataclass(frozen=True)
class Register:
    proofs: tuple[Proof, ...]
    files: tuple[FileCheck, ...]

    @property
    def missing(self) -> tuple[Proof, ...]:
        return tuple(p for p in self.proofs if p.standing == "thiếu")

    @property
    def broken_files(self) -> tuple[FileCheck, ...]:
        return tuple(f for f in self.files if f.problem is not None)


def _documents_for(task: Task, obligation: Obligation) -> tuple[tuple[Evidence, ...], bool]:
    key = obligation.period.key if obligation.period is not None else None
    recorded = tuple(
        e
        for e in task.evidence
        if (key is not None and e.period in (key, *obligation.covers))
        or (key is None and e.milestone == obligation.what)
    )
    if recorded:
        return recorded, False
    general = tuple(e for e in task.evidence if e.milestone is None and e.period is None)
    if general and obligation.period is None:
        return general, False
    texts: list[str] = []
    if obligation.period is None:
        texts += [m.note for m in task.milestones if m.what == obligation.what and m.note]
    done = obligation.done
    texts += [n.text for n in task.notes if done is not None and abs((n.date - done).days) <= 31]
    cited = tuple(e for text in texts for e in references_in(text))
    return cited, bool(cited)


def build_register(
    plan: Plan, plan_path: Path, *, period: Period | None = None, as_of: date | None = None
) -> Register:
    """Every obligation done (by ``as_of``, inside ``period`` when given) with its documents,
    and the check of every recorded evidence file."""
    sections = {id(task): section for section, task in plan.tasks()}
    proofs: list[Proof] = []
    for task, obligation in obligations(plan):
        done = obligation.done
        if done is None or (as_of is not None and done > as_of):
            continue
        if period is not None and not (period.start <= done <= period.end):
            continue
        documents, from_notes = _documents_for(task, obligation)
        proofs.append(
            Proof(
                sections[id(task)],
                task,
                obligation.what,
                done,
                obligation.period,
                documents,
                from_notes,
            )
        )
    files = [
        FileCheck(task, evidence, file_problem(plan_path, evidence))
        for _, task in plan.tasks()
        for evidence in task.evidence
        if evidence.file is not None
    ]
    return Register(tuple(proofs), tuple(files))


def file_problem(plan_path: Path, evidence: Evidence) -> str | None:
    """Why a recorded evidence file cannot be trusted, or None when it holds its hash."""
    assert evidence.file is not None
    target = plan_path.parent / evidence.file
    try:
        if not target.is_file() or target.is_symlink():
            return f"không thấy tệp {evidence.file}"
        digest = hashlib.sha256(target.read_bytes()).hexdigest()
    except OSError as err:
        return f"không đọc được tệp {evidence.file} ({err.strerror})"
    if evidence.sha256 is None:
        return f"tệp {evidence.file} chưa có mã băm để kiểm tra"
    if digest != evidence.sha256:
        return f"tệp {evidence.file} đã bị thay đổi sau khi ghi (mã băm khác)"
    return None


def citation(evidence: Evidence) -> str:
    """The document as a report cites it, with the file when there is one."""
    text = evidence.label
    if evidence.file:
        text += f" (tệp {evidence.file})"
    return text


def done_text(proof: Proof) -> str:
    what = proof.what + (f" ({proof.period.label})" if proof.period else "")
    return f"{what} — xong {format_day(proof.done)}"
