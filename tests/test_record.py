"""Recording progress edits only the record's lines; every other byte of the file survives."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from cai_cach import record, recordsession, yamledit
from cai_cach.errors import NotFoundError, OutputError, PlanError, RecordError, UsageError
from cai_cach.loading import load_plan
from cai_cach.periods import Period, parse_period, periods_in_year
from tests.helpers import MINIMAL_PLAN, SHIPPED_PLAN, late_or_due

WritePlan = Callable[..., Path]
DAY = date(2024, 3, 20)

# A plan written the way people write YAML by hand: comments everywhere, odd quoting, a
# flow-style milestone, a multi-line plain scalar, a comment block after the last key.
COMMENTED_PLAN = """\
# yaml-language-server: $schema=../schema/plan.schema.json
# Kế hoạch thử — có chú thích khắp nơi
plan:
  title: 'Kế hoạch thử'   # nháy đơn
  year: 2024
  agency: {name: "Ủy ban nhân dân xã Thử", place: Thử}
officials:
  vp-tk: {title: Công chức Văn phòng - Thống kê}
  tc-kt:
    title: Công chức Tài chính - Kế toán

sections:
  - id: "1"
    title: Mục một
    tasks:
      - id: 1.a
        title: Ban hành kế hoạch rất dài, dài hơn một dòng bình thường{LONG}
        lead: [vp-tk]   # chủ trì
        support: [ tc-kt ]
        timeline: Quý I/2024 ban hành kế hoạch.
        milestones:
          - what: Ban hành kế hoạch
            due: Quý I/2024  # hạn
            # done: 2024-03-20  ← ghi ngày hoàn thành ở đây
          - {what: Báo cáo kết quả, due: quý IV/2024}
          - what: Tổ chức thực hiện
            due: Trong
              năm 2024

        # chú thích sau nhiệm vụ
      - id: 1.b
        title: Báo cáo hàng tháng
        lead: [tc-kt]
        timeline: Định kỳ hàng tháng.
        recurring:
          - what: Báo cáo tháng
            every: tháng
            done: {2024-01: 2024-02-03, 2024-03: 2024-04-02}
          - what: Báo cáo quý
            every: quý
            done:
              2024-Q1: 2024-03-18
              2024-Q3: 2024-09-18
          - what: Báo cáo năm
            every: năm
        notes: [{date: 2024-01-05, text: Đã giao việc}]
""".replace("{LONG}", " có bị ngắt dòng hay không" * 4)


def _lines_added(before: bytes, after: bytes) -> list[tuple[int, bytes]]:
    """The lines of ``after`` that are not in ``before``, provided ``before`` is exactly
    ``after`` with those lines taken out (fails otherwise)."""
    old, new = before.splitlines(keepends=True), after.splitlines(keepends=True)
    added: list[tuple[int, bytes]] = []
    position = 0
    for number, line in enumerate(new, start=1):
        if position < len(old) and old[position] == line:
            position += 1
        else:
            added.append((number, line))
    assert position == len(old), "an original line was changed or removed"
    return added


def test_done_on_a_commented_plan_adds_one_line_after_due(write_plan: WritePlan) -> None:
    path = write_plan(COMMENTED_PLAN)
    before = path.read_bytes()
    recorded = record.mark_done(path, "1.a", day=DAY, milestone="1")
    after = path.read_bytes()
    due_line = COMMENTED_PLAN.splitlines().index("            due: Quý I/2024  # hạn") + 1
    assert _lines_added(before, after) == [(due_line + 1, b"            done: 2024-03-20\n")]
    assert [(c.sign, c.number) for c in recorded.lines] == [("+", due_line + 1)]
    assert load_plan(path).plan.sections[0].tasks[0].milestones[0].done == DAY


def test_undo_restores_the_original_bytes(write_plan: WritePlan) -> None:
    path = write_plan(COMMENTED_PLAN)
    before = path.read_bytes()
    record.mark_done(path, "1.a", day=DAY, milestone="ban hanh", note="Kế hoạch số 12/KH-UBND")
    assert path.read_bytes() != before
    recorded = record.mark_undone(path, "1.a", milestone="ban hanh")
    assert path.read_bytes() == before
    assert recorded.previous == DAY and recorded.note == "Kế hoạch số 12/KH-UBND"


def test_flow_style_milestone_gets_an_inline_entry(write_plan: WritePlan) -> None:
    path = write_plan(COMMENTED_PLAN)
    before = path.read_bytes()
    record.mark_done(path, "1.a", day=DAY, milestone="2", note="Số 3: đã gửi, đúng hạn")
    text = path.read_text(encoding="utf-8")
    assert (
        '- {what: Báo cáo kết quả, due: quý IV/2024, done: 2024-03-20, note: "Số 3: đã gửi, '
        'đúng hạn"}' in text
    )
    assert len(before.splitlines()) == len(text.splitlines())
    record.mark_undone(path, "1.a", milestone="2")
    assert path.read_bytes() == before


def test_done_after_a_multi_line_deadline(write_plan: WritePlan) -> None:
    path = write_plan(COMMENTED_PLAN)
    before = path.read_bytes()
    record.mark_done(path, "1.a", day=DAY, milestone="to chuc")
    added = _lines_added(before, path.read_bytes())
    lines = COMMENTED_PLAN.splitlines()
    assert added == [(lines.index("              năm 2024") + 2, b"            done: 2024-03-20\n")]


@pytest.mark.parametrize(
    ("period", "expected"),
    [
        ("2024-02", "done: {2024-01: 2024-02-03, 2024-02: 2024-03-20, 2024-03: 2024-04-02}"),
        ("2024-05", "done: {2024-01: 2024-02-03, 2024-03: 2024-04-02, 2024-05: 2024-03-20}"),
    ],
)
def test_occurrence_goes_in_period_order_in_a_flow_mapping(
    write_plan: WritePlan, period: str, expected: str
) -> None:
    path = write_plan(COMMENTED_PLAN)
    before = path.read_bytes()
    record.mark_done(path, "1.b", day=DAY, period=parse_period(period), force=True)
    assert expected in path.read_text(encoding="utf-8")
    record.mark_undone(path, "1.b", period=parse_period(period))
    assert path.read_bytes() == before


def test_occurrence_goes_in_period_order_in_a_block_mapping(write_plan: WritePlan) -> None:
    path = write_plan(COMMENTED_PLAN)
    before = path.read_bytes()
    record.mark_done(path, "1.b", day=date(2024, 6, 18), period=parse_period("Quý II/2024"))
    lines = COMMENTED_PLAN.splitlines()
    q1 = lines.index("              2024-Q1: 2024-03-18") + 1
    assert _lines_added(before, path.read_bytes()) == [
        (q1 + 1, b"              2024-Q2: 2024-06-18\n")
    ]
    record.mark_undone(path, "1.b", period=parse_period("2024-Q2"))
    assert path.read_bytes() == before


def test_first_occurrence_adds_a_done_mapping(write_plan: WritePlan) -> None:
    path = write_plan(COMMENTED_PLAN)
    before = path.read_bytes()
    record.mark_done(path, "1.b", day=date(2024, 12, 20), period=Period(2024, "year"))
    lines = COMMENTED_PLAN.splitlines()
    every = lines.index("            every: năm") + 1
    assert _lines_added(before, path.read_bytes()) == [
        (every + 1, b"            done:\n"),
        (every + 2, b"              2024: 2024-12-20\n"),
    ]
    record.mark_undone(path, "1.b", period=Period(2024, "year"))
    assert path.read_bytes() == before


def test_note_appends_to_a_flow_list_and_undo_removes_it(write_plan: WritePlan) -> None:
    path = write_plan(COMMENTED_PLAN)
    before = path.read_bytes()
    record.add_note(path, "1.b", "Đã gửi báo cáo tháng 1, số 05/BC-UBND", day=DAY)
    assert (
        'notes: [{date: 2024-01-05, text: Đã giao việc}, {date: 2024-03-20, text: "Đã gửi báo '
        'cáo tháng 1, số 05/BC-UBND"}]' in path.read_text(encoding="utf-8")
    )
    record.remove_note(path, "1.b", "05/BC-UBND")
    assert path.read_bytes() == before
    record.remove_note(path, "1.b", "giao viec")  # a flow list stays, empty (issue 10)
    assert "        notes: []\n" in path.read_text(encoding="utf-8")


FLUSH_LEFT_PLAN = """\
plan:
    title: Kế hoạch thử
    year: 2024
    agency: {name: Ủy ban nhân dân xã Thử, place: Thử}
officials:
    vp-tk: {title: Công chức Văn phòng - Thống kê}
sections:
- id: "1"
  title: Mục một
  tasks:
  - id: 1.a
    title: Ban hành kế hoạch
    lead: [vp-tk]
    timeline: Quý I/2024.
    recurring:
    - what: Báo cáo quý
      every: quý
"""


def test_new_lines_follow_the_files_own_indentation(write_plan: WritePlan) -> None:
    path = write_plan(FLUSH_LEFT_PLAN)
    before = path.read_bytes()
    record.add_note(path, "1.a", "Đang dự thảo", day=DAY)
    record.mark_done(path, "1.a", day=DAY, period=parse_period("2024-Q1"))
    added = _lines_added(before, path.read_bytes())
    assert [line.decode() for _, line in added] == [
        "      done:\n",
        "          2024-Q1: 2024-03-20\n",
        "    notes:\n",
        "    - {date: 2024-03-20, text: Đang dự thảo}\n",
    ]


@pytest.mark.parametrize(
    "text",
    ["true", "Số 5: đã gửi", "#3 đã xong", "- gạch đầu dòng", 'có "nháy" và \\ gạch', "[a], {b}"],
)
def test_note_text_reads_back_exactly(write_plan: WritePlan, text: str) -> None:
    path = write_plan()
    record.add_note(path, "1.a", text, day=DAY)
    record.mark_done(path, "1.a", day=DAY, note=text)
    task = load_plan(path).plan.sections[0].tasks[0]
    assert task.notes[-1].text == text
    assert task.milestones[0].note == text


def test_crlf_and_bom_are_kept(write_plan: WritePlan) -> None:
    raw = b"\xef\xbb\xbf" + COMMENTED_PLAN.replace("\n", "\r\n").encode("utf-8")
    path = write_plan(raw)
    record.mark_done(path, "1.a", day=DAY, milestone="1")
    record.mark_done(path, "1.b", day=DAY, period=Period(2024, "year"))
    record.add_note(path, "1.a", "Đang dự thảo", day=DAY)
    after = path.read_bytes()
    assert after.startswith(b"\xef\xbb\xbf")
    assert after.count(b"\n") == after.count(b"\r\n") == raw.count(b"\r\n") + 5
    record.remove_note(path, "1.a", "dang du thao")
    record.mark_undone(path, "1.b", period=Period(2024, "year"))
    record.mark_undone(path, "1.a", milestone="1")
    assert path.read_bytes() == raw


def test_a_file_without_final_newline_stays_so(write_plan: WritePlan) -> None:
    raw = MINIMAL_PLAN.rstrip("\n").encode("utf-8")
    path = write_plan(raw)
    record.mark_done(path, "1.đ", day=DAY, period=parse_period("2024-02"))
    assert not path.read_bytes().endswith(b"\n")
    assert load_plan(path).plan.sections[0].tasks[1].recurring[0].done == {"2024-02": DAY}
    record.mark_undone(path, "1.đ", period=parse_period("2024-02"))
    assert path.read_bytes() == raw


def test_nfd_file_changes_only_the_new_line(write_plan: WritePlan) -> None:
    import unicodedata

    raw = unicodedata.normalize("NFD", COMMENTED_PLAN).encode("utf-8")
    path = write_plan(raw)
    record.mark_done(path, "1.a", day=DAY, milestone="Báo cáo kết quả")
    new = path.read_bytes()
    changed = [
        (old, line)
        for old, line in zip(raw.splitlines(), new.splitlines(), strict=True)
        if old != line
    ]
    assert len(changed) == 1 and changed[0][1].endswith(b", done: 2024-03-20}")


def _milestones(path: Path) -> list[tuple[str, int]]:
    plan = load_plan(path).plan
    return [(task.id, index) for _, task in plan.tasks() for index, _ in enumerate(task.milestones)]


def test_every_milestone_of_the_shipped_plan_round_trips(tmp_path: Path) -> None:
    path = tmp_path / "tinh-minh-2024.yaml"
    original = SHIPPED_PLAN.read_bytes()
    path.write_bytes(original)
    milestones = _milestones(path)
    assert len(milestones) > 15
    for task_id, index in milestones:
        recorded = record.mark_done(path, task_id, day=DAY, milestone=str(index + 1))
        added = _lines_added(original, path.read_bytes())
        assert [line.strip() for _, line in added] == [b"done: 2024-03-20"], task_id
        assert [c.number for c in recorded.lines] == [number for number, _ in added]
        record.mark_undone(path, task_id, milestone=str(index + 1))
        assert path.read_bytes() == original, task_id


def test_every_recurring_obligation_of_the_shipped_plan_round_trips(tmp_path: Path) -> None:
    path = tmp_path / "tinh-minh-2024.yaml"
    original = SHIPPED_PLAN.read_bytes()
    path.write_bytes(original)
    plan = load_plan(path).plan
    checked = 0
    for _, task in plan.tasks():
        for recurrence in task.recurring:
            period = periods_in_year(recurrence.every, plan.year)[0]
            record.mark_done(path, task.id, day=period.end, period=period)
            added = _lines_added(original, path.read_bytes())
            assert [line.strip() for _, line in added] == [
                b"done:",
                f"{period.key}: {period.end.isoformat()}".encode(),
            ]
            record.mark_undone(path, task.id, period=period)
            assert path.read_bytes() == original
            checked += 1
    assert checked == 7


def test_every_task_of_the_shipped_plan_takes_a_note(tmp_path: Path) -> None:
    path = tmp_path / "tinh-minh-2024.yaml"
    original = SHIPPED_PLAN.read_bytes()
    path.write_bytes(original)
    for _, task in load_plan(path).plan.tasks():
        record.add_note(path, task.id, "Đã triển khai", day=DAY)
        added = _lines_added(original, path.read_bytes())
        assert [line.strip() for _, line in added] == [
            b"notes:",
            "- {date: 2024-03-20, text: Đã triển khai}".encode(),
        ], task.id
        record.remove_note(path, task.id, "Đã triển khai")
        assert path.read_bytes() == original, task.id


def test_done_lands_above_the_comment_that_follows_the_milestone(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_bytes(SHIPPED_PLAN.read_bytes())
    record.mark_done(path, "8.b", day=DAY)
    lines = path.read_text(encoding="utf-8").splitlines()
    index = lines.index("            done: 2024-03-20")
    assert lines[index - 1] == "            due: Quý II năm 2024"
    assert lines[index + 1].lstrip().startswith('# "báo cáo kiểm tra sau đợt kiểm tra"')


# --- refusals leave the file untouched -----------------------------------------------------


@pytest.mark.parametrize(
    ("call", "error", "words"),
    [
        (lambda p: record.mark_done(p, "9.z", day=DAY), NotFoundError, "không có nhiệm vụ '9.z'"),
        (
            lambda p: record.mark_done(p, "1.a", day=DAY, milestone="kiem tra"),
            NotFoundError,
            "không có mốc nào khớp với 'kiem tra'",
        ),
        (
            lambda p: record.mark_done(p, "1.a", day=DAY, milestone="7"),
            NotFoundError,
            "không có mốc số 7",
        ),
        (lambda p: record.mark_done(p, "1.a", day=DAY), UsageError, "có nhiều mốc"),
        (
            lambda p: record.mark_done(p, "1.b", day=DAY, period=parse_period("2024-H1")),
            NotFoundError,
            "không phải kỳ của nghĩa vụ định kỳ nào",
        ),
        (
            lambda p: record.mark_done(p, "1.b", day=DAY, period=parse_period("2025-Q1")),
            NotFoundError,
            "không thuộc năm kế hoạch 2024",
        ),
        (lambda p: record.mark_done(p, "1.b", day=DAY), UsageError, "hãy chỉ rõ kỳ"),
        (
            lambda p: record.mark_done(
                p, "1.b", day=DAY, period=parse_period("2024-02"), milestone="6 thang"
            ),
            NotFoundError,
            "không có nghĩa vụ định kỳ nào khớp với '6 thang'",
        ),
        (
            lambda p: record.mark_done(p, "1.a", day=date(2025, 1, 5), milestone="1"),
            RecordError,
            "nằm ngoài năm kế hoạch 2024",
        ),
        (
            lambda p: record.mark_done(p, "1.b", day=DAY, period=parse_period("2024-01")),
            RecordError,
            "đã ghi làm xong ngày 03/02/2024",
        ),
        (
            lambda p: record.mark_done(
                p, "1.b", day=date(2024, 2, 1), period=parse_period("2024-06")
            ),
            RecordError,
            "trước khi tháng 6 năm 2024 bắt đầu",
        ),
        (
            lambda p: record.mark_done(p, "1.b", day=DAY, period=parse_period("2024-02"), note="x"),
            UsageError,
            "--note chỉ dùng cho mốc",
        ),
        (
            lambda p: record.mark_undone(p, "1.a", milestone="1"),
            RecordError,
            "chưa ghi hoàn thành",
        ),
        (
            lambda p: record.mark_undone(p, "1.b", period=parse_period("2024-Q2")),
            RecordError,
            "chưa được ghi",
        ),
        (lambda p: record.remove_note(p, "1.b", "khong co"), NotFoundError, "không có ghi chú"),
        (lambda p: record.add_note(p, "1.b", "   ", day=DAY), UsageError, "để trống"),
        (
            lambda p: record.add_note(p, "1.b", "Đã giao việc", day=date(2024, 1, 5)),
            RecordError,
            "đã có ghi chú này",
        ),
    ],
)
def test_refusals_leave_the_file_untouched(
    write_plan: WritePlan,
    call: Callable[[Path], object],
    error: type[Exception],
    words: str,
) -> None:
    path = write_plan(COMMENTED_PLAN)
    before = path.read_bytes()
    with pytest.raises(error) as caught:
        call(path)
    assert words in str(caught.value)
    assert path.read_bytes() == before
    assert [p.name for p in path.parent.iterdir()] == [path.name]


def test_already_done_says_when_and_force_replaces_the_date(write_plan: WritePlan) -> None:
    path = write_plan(COMMENTED_PLAN)
    record.mark_done(path, "1.a", day=DAY, milestone="1")
    with pytest.raises(RecordError, match="đã ghi hoàn thành ngày 20/03/2024"):
        record.mark_done(path, "1.a", day=date(2024, 3, 25), milestone="1")
    once = path.read_bytes()
    recorded = record.mark_done(path, "1.a", day=date(2024, 3, 25), milestone="1", force=True)
    assert recorded.previous == DAY
    after = path.read_bytes()
    changed = [
        (old, new)
        for old, new in zip(once.splitlines(), after.splitlines(), strict=True)
        if old != new
    ]
    assert changed == [(b"            done: 2024-03-20", b"            done: 2024-03-25")]
    assert [(c.sign, c.text.strip()) for c in recorded.lines] == [
        ("-", "done: 2024-03-20"),
        ("+", "done: 2024-03-25"),
    ]


def test_force_allows_a_date_in_the_next_year(write_plan: WritePlan) -> None:
    path = write_plan(COMMENTED_PLAN)
    record.mark_done(path, "1.b", day=date(2025, 1, 10), period=Period(2024, "year"), force=True)
    assert load_plan(path).plan.sections[0].tasks[1].recurring[2].done == {
        "2024": date(2025, 1, 10)
    }


def test_a_differently_written_period_key_is_refused_until_fixed(write_plan: WritePlan) -> None:
    path = write_plan(COMMENTED_PLAN.replace("2024-Q1: 2024-03-18", "2024-q1: 2024-03-18"))
    before = path.read_bytes()
    with pytest.raises(PlanError, match="cần viết đúng dạng '2024-Q1'"):
        record.mark_done(path, "1.b", day=DAY, period=parse_period("Quý I/2024"))
    assert path.read_bytes() == before


def test_a_layout_it_cannot_edit_safely_is_refused(write_plan: WritePlan) -> None:
    odd = MINIMAL_PLAN.replace(
        "          - what: Ban hành kế hoạch\n            due: Quý I/2024\n",
        "          - done: 2024-03-20\n            what: Ban hành kế hoạch\n"
        "            due: Quý I/2024\n",
    )
    path = write_plan(odd)
    before = path.read_bytes()
    with pytest.raises(RecordError, match="không sửa tự động được"):
        record.mark_undone(path, "1.a")
    assert path.read_bytes() == before


def test_failed_write_leaves_the_file_untouched(
    write_plan: WritePlan, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_plan(COMMENTED_PLAN)
    before = path.read_bytes()

    def refuse(source: object, target: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OutputError, match="không ghi được tệp"):
        record.mark_done(path, "1.a", day=DAY, milestone="1")
    assert path.read_bytes() == before
    assert [p.name for p in path.parent.iterdir()] == [path.name]


def test_an_edit_that_would_mean_something_else_is_not_written(
    write_plan: WritePlan, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_plan(COMMENTED_PLAN)
    before = path.read_bytes()
    real = yamledit.YamlText.insert_after

    def misplaced(self: yamledit.YamlText, line: int, new_lines: list[str]) -> None:
        real(self, line + 3, new_lines)  # three lines too late: inside the next milestone

    monkeypatch.setattr(yamledit.YamlText, "insert_after", misplaced)
    with pytest.raises(RecordError, match="kết quả khác với điều cần ghi"):
        record.mark_done(path, "1.a", day=DAY, milestone="1")
    assert path.read_bytes() == before


def test_a_file_changed_meanwhile_is_not_overwritten(
    write_plan: WritePlan, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_plan(COMMENTED_PLAN)
    real = recordsession.validate_bytes
    calls = []

    def meanwhile(target: Path, raw: bytes, display: str) -> object:
        calls.append(display)  # the edited bytes are being checked, before they are written:
        path.write_bytes(path.read_bytes() + b"# edited by hand\n")  # the clerk's editor saves
        return real(target, raw, display)

    monkeypatch.setattr(recordsession, "validate_bytes", meanwhile)
    with pytest.raises(RecordError, match="vừa bị một chương trình khác sửa"):
        record.mark_done(path, "1.a", day=DAY, milestone="1")
    assert path.read_bytes().endswith(b"# edited by hand\n")
    assert b"done: 2024-03-20\n            # done" not in path.read_bytes()


def test_a_broken_plan_is_refused_before_any_edit(write_plan: WritePlan) -> None:
    from cai_cach.errors import PlanError

    path = write_plan(MINIMAL_PLAN.replace("lead: [tc-kt]", "lead: [ke-toan]"))
    before = path.read_bytes()
    with pytest.raises(PlanError, match="ke-toan"):
        record.mark_done(path, "1.a", day=DAY)
    assert path.read_bytes() == before


# --- choosing -------------------------------------------------------------------------------


def test_default_milestone_is_the_only_open_one(write_plan: WritePlan) -> None:
    path = write_plan(COMMENTED_PLAN)
    record.mark_done(path, "1.a", day=DAY, milestone="1")
    record.mark_done(path, "1.a", day=DAY, milestone="3")
    recorded = record.mark_done(path, "1.a", day=DAY)
    assert recorded.what == "Báo cáo kết quả"
    with pytest.raises(UsageError, match="có nhiều mốc"):
        record.mark_undone(path, "1.a")


def test_task_ids_match_case_and_diacritics_only_when_unambiguous() -> None:
    plan = load_plan(SHIPPED_PLAN).plan
    found = record.find_task(plan, "2.đ")
    assert found is not None and found.task.id == "2.đ"
    found = record.find_task(plan, "2.d")
    assert found is not None and found.task.id == "2.d"
    found = record.find_task(plan, "iii.1")
    assert found is not None and found.path == ("reporting", 0)
    assert record.find_task(plan, "2.D") is not None
    assert record.find_task(plan, "9.a") is None


def test_find_plan_for_chooses_the_plan_with_the_task(write_plan: WritePlan) -> None:
    first = write_plan(name="a.yaml")
    second = write_plan(MINIMAL_PLAN.replace("id: 1.đ", "id: 1.e"), name="b.yaml")
    assert record.find_plan_for("1.e", [first, second]) == second
    with pytest.raises(UsageError, match="có trong nhiều kế hoạch"):
        record.find_plan_for("1.a", [first, second])
    with pytest.raises(NotFoundError, match=r"không có nhiệm vụ '1\.aa'") as caught:
        record.find_plan_for("1.aa", [first, second])
    assert "có phải ý bạn là '1.a'" in caught.value.hint


def test_scalar_quotes_only_when_needed() -> None:
    assert record.scalar("Đã ban hành kế hoạch", flow=False) == "Đã ban hành kế hoạch"
    assert record.scalar("a, b", flow=False) == "a, b"
    assert record.scalar("a, b", flow=True) == '"a, b"'
    assert record.scalar("no", flow=False) == '"no"'
    assert record.scalar("Số: 5", flow=False) == '"Số: 5"'


# --- which occurrence a --period records -----------------------------------------------------

REPORTING_PLAN = """\
plan:
  title: Kế hoạch thử
  year: 2024
  agency: {name: Ủy ban nhân dân xã Thử, place: Thử}
{REPORT}officials:
  vp-tk: {title: Công chức Văn phòng - Thống kê}
sections:
  - id: "1"
    title: Mục một
    tasks:
      - {id: 1.a, title: Việc thường xuyên, lead: [vp-tk], timeline: Thường xuyên., ongoing: true}
reporting:
  - id: III.1
    title: Báo cáo kết quả
    lead: [vp-tk]
    timeline: Định kỳ hàng quý, 6 tháng, năm.
    recurring:
      - what: Báo cáo quý
        every: quý{NINE}
      - what: Báo cáo 6 tháng
        every: 6 tháng
      - what: Báo cáo năm
        every: năm
"""


def _reporting_plan(report: str = "", nine: str = "") -> str:
    return REPORTING_PLAN.replace("{REPORT}", report).replace("{NINE}", nine)


def _recorded(path: Path) -> list[dict[str, date]]:
    return [dict(r.done) for r in load_plan(path).plan.reporting[0].recurring]


@pytest.mark.parametrize(
    ("report", "nine"),
    [("  report: {nine_months: true}\n", ""), ("", "\n        nine_months: true")],
)
def test_nine_months_period_records_the_quarterly_duty_that_reports_on_it(
    write_plan: WritePlan, report: str, nine: str
) -> None:
    path = write_plan(_reporting_plan(report, nine))
    before = path.read_bytes()
    day = date(2024, 9, 18)
    recorded = record.mark_done(path, "III.1", day=day, period=parse_period("9 tháng năm 2024"))
    assert recorded.what == "Báo cáo quý" and recorded.period == parse_period("2024-9M")
    assert _recorded(path) == [{"2024-9M": day}, {}, {}]
    record.mark_undone(path, "III.1", period=parse_period("2024-9M"))
    assert path.read_bytes() == before


def test_quarter_three_of_a_nine_month_duty_names_the_nine_month_period(
    write_plan: WritePlan,
) -> None:
    path = write_plan(_reporting_plan("  report: {nine_months: true}\n"))
    with pytest.raises(NotFoundError) as raised:
        record.mark_done(path, "III.1", day=date(2024, 9, 18), period=parse_period("2024-Q3"))
    assert "2024-9M" in (raised.value.hint or "")


def test_nine_months_on_a_plan_reporting_quarter_three_is_refused(write_plan: WritePlan) -> None:
    path = write_plan(_reporting_plan())
    with pytest.raises(NotFoundError) as raised:
        record.mark_done(path, "III.1", day=date(2024, 9, 18), period=parse_period("2024-9M"))
    assert "không phải kỳ của nghĩa vụ định kỳ nào" in raised.value.message
    assert "2024-Q3" in (raised.value.hint or "")


@pytest.mark.parametrize("asked", ["2024-H1", "2024-Q2"])
def test_half_year_and_its_merged_quarter_record_the_six_month_report(
    write_plan: WritePlan, asked: str
) -> None:
    path = write_plan(_reporting_plan())
    before = path.read_bytes()
    day = date(2024, 6, 18)
    recorded = record.mark_done(path, "III.1", day=day, period=parse_period(asked))
    assert recorded.period == parse_period("2024-H1")
    assert recorded.what.startswith("Báo cáo 6 tháng")
    assert ("quý II" in recorded.what) == (asked == "2024-Q2")
    assert _recorded(path) == [{}, {"2024-H1": day}, {}]
    # the merged quarter is no longer owed anywhere
    assert not [
        f
        for f in late_or_due(load_plan(path).plan, date(2024, 7, 15))
        if f.obligation.period and f.obligation.period.key in ("2024-Q2", "2024-H1")
    ]
    record.mark_undone(path, "III.1", period=parse_period(asked))
    assert path.read_bytes() == before


def test_quarter_four_records_the_yearly_report(write_plan: WritePlan) -> None:
    path = write_plan(_reporting_plan())
    day = date(2024, 12, 18)
    record.mark_done(path, "III.1", day=day, period=parse_period("2024-Q4"))
    assert _recorded(path) == [{}, {}, {"2024": day}]


def test_a_merged_quarter_already_recorded_is_undone_as_written(write_plan: WritePlan) -> None:
    text = _reporting_plan().replace(
        "        every: quý\n", "        every: quý\n        done: {2024-Q2: 2024-06-18}\n"
    )
    path = write_plan(text)
    with pytest.raises(RecordError, match="đã ghi làm xong"):
        record.mark_done(path, "III.1", day=date(2024, 6, 19), period=parse_period("2024-Q2"))
    record.mark_undone(path, "III.1", period=parse_period("2024-Q2"))
    assert _recorded(path) == [{}, {}, {}]


def test_naming_the_quarterly_duty_records_the_quarter(write_plan: WritePlan) -> None:
    path = write_plan(_reporting_plan())
    day = date(2024, 6, 18)
    record.mark_done(path, "III.1", day=day, period=parse_period("2024-Q2"), milestone="quý")
    assert _recorded(path) == [{"2024-Q2": day}, {}, {}]


HAND_NOTE_PLAN = MINIMAL_PLAN.replace(
    "            due: Quý I/2024\n",
    '            due: Quý I/2024\n            note: "Chờ số liệu: kho bạc"\n',
)


def test_done_note_force_over_a_hand_written_note_keeps_it_for_undo(
    write_plan: WritePlan,
) -> None:
    path = write_plan(HAND_NOTE_PLAN)
    before = path.read_bytes()
    with pytest.raises(RecordError, match="đã có ghi chú"):
        record.mark_done(path, "1.a", day=DAY, note="Đã ban hành")
    assert path.read_bytes() == before
    record.mark_done(path, "1.a", day=DAY, note="Đã ban hành", force=True)
    text = path.read_text(encoding="utf-8")
    assert '# ghi chú cũ (done --undo đặt lại): "Chờ số liệu: kho bạc"' in text
    assert load_plan(path).plan.sections[0].tasks[0].milestones[0].note == "Đã ban hành"
    recorded = record.mark_undone(path, "1.a")
    assert recorded.note == "Đã ban hành"
    assert path.read_bytes() == before  # the hand-written note is back, exactly


def test_done_note_force_over_a_flow_hand_written_note_is_refused(
    write_plan: WritePlan,
) -> None:
    path = write_plan(
        MINIMAL_PLAN.replace(
            "          - what: Ban hành kế hoạch\n            due: Quý I/2024\n",
            "          - {what: Ban hành kế hoạch, due: Quý I/2024, note: Chờ}\n",
        )
    )
    before = path.read_bytes()
    with pytest.raises(RecordError, match="--undo không lấy lại được"):
        record.mark_done(path, "1.a", day=DAY, note="Xong", force=True)
    assert path.read_bytes() == before


@pytest.mark.parametrize("text", ["a\x9bb", "a\u202eb", "a\u2067b", "a\x1bb"])
def test_a_note_the_loader_would_refuse_is_refused_before_writing(
    write_plan: WritePlan, text: str
) -> None:
    path = write_plan()
    before = path.read_bytes()
    with pytest.raises(UsageError, match="không được phép U\\+"):
        record.add_note(path, "1.a", text, day=DAY)
    with pytest.raises(UsageError, match="không được phép U\\+"):
        record.mark_done(path, "1.a", day=DAY, note=text)
    assert path.read_bytes() == before
