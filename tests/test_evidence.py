"""The evidence register: documents read from notes, recorded with done, files and hashes."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import pytest

from cai_cach.errors import RecordError, UsageError
from cai_cach.evidence import (
    EvidenceInput,
    add_evidence,
    build_register,
    kind_of,
    references_in,
    remove_evidence,
)
from cai_cach.loading import load_plan
from cai_cach.periods import parse_period
from tests.helpers import MINIMAL_PLAN


def test_references_read_from_the_usual_wording() -> None:
    [found] = references_in("Đã ban hành Kế hoạch số 05/KH-UBND ngày 25/01/2024 về triển khai CCHC")
    assert (found.number, found.date, found.kind, found.summary) == (
        "05/KH-UBND",
        date(2024, 1, 25),
        "Kế hoạch",
        "triển khai CCHC",
    )
    [spelled] = references_in("Quyết định số 12/QĐ-UBND ngày 3 tháng 2 năm 2024")
    assert (spelled.kind, spelled.date) == ("Quyết định", date(2024, 2, 3))
    [bare] = references_in("gửi kèm số 123/UBND-VP")
    assert (bare.kind, bare.date) == ("Công văn", None)
    assert references_in("Đã họp triển khai") == []
    assert len(references_in("Báo cáo số 1/BC-UBND; Thông báo số 2/TB-UBND")) == 2


def test_impossible_dates_are_left_empty() -> None:
    [found] = references_in("Kế hoạch số 5/KH-UBND ngày 31/02/2024")
    assert found.date is None


@pytest.mark.parametrize(
    ("number", "kind"),
    [
        ("5/KH-UBND", "Kế hoạch"),
        ("7/BC-UBND", "Báo cáo"),
        ("9/QĐ-UBND", "Quyết định"),
        ("10/UBND-VP", "Công văn"),
        ("3/TTr-UBND", "Tờ trình"),
    ],
)
def test_kind_from_symbol(number: str, kind: str) -> None:
    assert kind_of(number) == kind


def _done_plan(tmp_path: Path) -> Path:
    text = MINIMAL_PLAN.replace(
        "            due: Quý I/2024\n",
        "            due: Quý I/2024\n            done: 2024-02-01\n",
        1,
    )
    path = tmp_path / "plans" / "thu-2024.yaml"
    path.parent.mkdir()
    path.write_text(text, encoding="utf-8")
    return path


def test_add_and_remove_evidence_keeps_every_other_byte(tmp_path: Path) -> None:
    path = _done_plan(tmp_path)
    before = path.read_bytes()
    source = tmp_path / "bien ban.pdf"
    source.write_bytes(b"%PDF-1.4 bien ban")
    recorded = add_evidence(
        path,
        "1.a",
        EvidenceInput("05/KH-UBND", date(2024, 1, 30), None, "triển khai", source),
        milestone="Ban hành kế hoạch",
    )
    assert recorded.action == "evidence_added"
    plan = load_plan(path).plan
    [evidence] = plan.sections[0].tasks[0].evidence
    assert evidence.kind == "Kế hoạch"
    assert evidence.file == "evidence/1.a/bien-ban.pdf"
    copied = path.parent / evidence.file
    assert copied.read_bytes() == source.read_bytes()
    assert evidence.sha256 == hashlib.sha256(source.read_bytes()).hexdigest()
    with pytest.raises(RecordError, match="đã ghi văn bản này"):
        add_evidence(
            path, "1.a", EvidenceInput("05/KH-UBND", file=source), milestone="Ban hành kế hoạch"
        )
    removed = remove_evidence(path, "1.a", milestone="Ban hành kế hoạch")
    assert removed is not None
    assert path.read_bytes() == before
    assert remove_evidence(path, "1.a", milestone="Ban hành kế hoạch") is None


def test_a_different_file_of_the_same_name_is_refused(tmp_path: Path) -> None:
    path = _done_plan(tmp_path)
    first, second = tmp_path / "a" / "x.pdf", tmp_path / "b" / "x.pdf"
    for file, content in ((first, b"1"), (second, b"2")):
        file.parent.mkdir()
        file.write_bytes(content)
    add_evidence(path, "1.a", EvidenceInput(file=first), milestone="Ban hành kế hoạch")
    with pytest.raises(RecordError, match="tệp khác"):
        add_evidence(path, "1.a", EvidenceInput(file=second), period=None, milestone=None)


def test_input_is_checked_before_writing(tmp_path: Path) -> None:
    path = _done_plan(tmp_path)
    before = path.read_bytes()
    with pytest.raises(UsageError, match="cần số văn bản"):
        add_evidence(path, "1.a", EvidenceInput(day=date(2024, 1, 1)))
    with pytest.raises(UsageError, match="không có tệp"):
        add_evidence(path, "1.a", EvidenceInput("1/KH-UBND", file=tmp_path / "none.pdf"))
    with pytest.raises(UsageError, match="--doc"):
        add_evidence(path, "1.a", EvidenceInput("1/KH\x1b-UBND"))
    assert path.read_bytes() == before


def test_register_flags_missing_and_tampered(tmp_path: Path) -> None:
    path = _done_plan(tmp_path)
    register = build_register(load_plan(path).plan, path)
    [proof] = register.proofs
    assert proof.standing == "thiếu"
    source = tmp_path / "x.pdf"
    source.write_bytes(b"ok")
    add_evidence(path, "1.a", EvidenceInput(file=source), milestone="Ban hành kế hoạch")
    register = build_register(load_plan(path).plan, path)
    assert register.proofs[0].standing == "có tệp"
    assert register.broken_files == ()
    (path.parent / "evidence/1.a/x.pdf").write_bytes(b"changed")
    register = build_register(load_plan(path).plan, path)
    assert "mã băm khác" in (register.broken_files[0].problem or "")
    (path.parent / "evidence/1.a/x.pdf").unlink()
    register = build_register(load_plan(path).plan, path)
    assert "không thấy" in (register.broken_files[0].problem or "")


def test_register_reads_documents_from_notes_and_periods(tmp_path: Path) -> None:
    text = MINIMAL_PLAN.replace(
        "            due: Quý I/2024\n",
        "            due: Quý I/2024\n            done: 2024-02-01\n"
        "            note: Đã ban hành Kế hoạch số 7/KH-UBND ngày 01/02/2024\n",
        1,
    ).replace(
        "            every: tháng\n",
        "            every: tháng\n            done: {2024-01: 2024-01-30, 2024-02: 2024-02-28}\n"
        "        evidence:\n          - {number: 3/BC-UBND, period: 2024-01}\n",
    )
    path = tmp_path / "p.yaml"
    path.write_text(text, encoding="utf-8")
    plan = load_plan(path).plan
    register = build_register(plan, path)
    standings = {
        (p.task.id, p.period.key if p.period else None): p.standing for p in register.proofs
    }
    assert standings == {
        ("1.a", None): "theo ghi chú",
        ("1.đ", "2024-01"): "có văn bản",
        ("1.đ", "2024-02"): "thiếu",
    }
    only_january = build_register(plan, path, period=parse_period("2024-01"))
    assert {p.task.id for p in only_january.proofs} == {"1.đ"}


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{file: ../secret.pdf}", "phải nằm trong thư mục evidence/"),
        ("{file: /etc/passwd}", "phải nằm trong thư mục evidence/"),
        ("{number: 1/KH-UBND, milestone: Không có}", "không có mốc"),
        ("{number: 1/KH-UBND, period: 2024-Q1}", "không thuộc nghĩa vụ định kỳ"),
        ("{date: 2024-01-01}", "cần ít nhất số văn bản"),
    ],
)
def test_bad_evidence_is_located(tmp_path: Path, line: str, message: str) -> None:
    from cai_cach.errors import PlanError

    text = MINIMAL_PLAN.replace(
        "            due: Quý I/2024\n",
        f"            due: Quý I/2024\n        evidence:\n          - {line}\n",
        1,
    )
    path = tmp_path / "p.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PlanError) as caught:
        load_plan(path)
    problem = caught.value.problems[0]
    assert message in problem.message
    assert problem.line == 21
