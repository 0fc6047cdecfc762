"""Record progress in a plan file by editing its text surgically.

A completion, an occurrence or a dated note becomes one or two new lines (or a short insertion
into a flow-style ``{…}``/``[…]``); every other byte of the file — comments, key order,
quoting, long lines, blank lines, CRLF line ends, a BOM — stays exactly as it was, so that
``git diff`` shows only the record, and undoing it restores the original bytes.

How: the file is split into lines (keeping each line's own ending), the YAML nodes are located
with the start and end marks of PyYAML's composer (the same libyaml parser the loading path
uses), and text is inserted or removed at those positions. A YAML dump — even ruamel.yaml's
round trip — is not used: on the shipped plan it moves a new key below a trailing comment and
it cannot keep CRLF or a BOM. Before the file is replaced, the edited bytes go through the one
loading path (``yamlsource`` → ``Plan`` → ``validation``) and the resulting plan must equal the
old plan with exactly the intended change; otherwise nothing is written. Each command holds
the plan's writers' lock (``atomic.locked``) from reading the bytes to replacing the file, so
parallel commands on one plan run one after the other and none loses another's record.
The YAML text editing itself lives in ``yamledit``; this module holds the rules of done/note.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from cai_cach.atomic import locked
from cai_cach.errors import NotFoundError, RecordError, UsageError
from cai_cach.models import Milestone, Note, Plan, Task
from cai_cach.periods import Period, format_day, parse_period
from cai_cach.recordsession import Action, EditSession, Recorded, _Session
from cai_cach.recordtarget import (
    TaskRef,
    _occurrence_key,
    _pick,
    choose_milestone,
    choose_recurrence,
    clean_note,
    find_plan_for,
    find_task,
    merged_into,
    task_refs,
)
from cai_cach.schedule import nine_months as plan_nine_months
from cai_cach.yamledit import (
    add_to_list,
    end_of,
    file_indent_steps,
    find_entry,
    insert_entry,
    is_flow,
    node_at,
    plain_scalars,
    remove_entry,
    remove_item,
    scalar,
    set_scalar,
)
from cai_cach.yamlsource import PathKey

if TYPE_CHECKING:
    from cai_cach.cache import PlanCache

__all__ = [
    "Action",
    "EditSession",
    "Recorded",
    "TaskRef",
    "choose_milestone",
    "choose_recurrence",
    "clean_note",
    "find_plan_for",
    "find_task",
    "merged_into",
    "task_refs",
]


# --- public operations ---------------------------------------------------------------------


def mark_done(
    path: Path,
    task_id: str,
    *,
    day: date,
    milestone: str | None = None,
    period: Period | None = None,
    note: str | None = None,
    force: bool = False,
    cache: PlanCache | None = None,
) -> Recorded:
    """Record that a milestone (or, with ``period``, one occurrence of a recurring obligation)
    of task ``task_id`` was done on ``day``; ``note`` says how (milestones only)."""
    with locked(path):
        session = _Session(path, cache)
        ref = session.task(task_id)
        if period is not None:
            if note is not None:
                raise UsageError(
                    "--note chỉ dùng cho mốc; kỳ của nghĩa vụ định kỳ không có trường ghi chú",
                    f'ghi chú riêng bằng lệnh: caicach note {ref.task.id} "nội dung" '
                    f"--date {day.isoformat()}",
                )
            return _done_occurrence(session, ref, period, milestone, day, force)
        return _done_milestone(session, ref, milestone, day, note, force)


def mark_undone(
    path: Path,
    task_id: str,
    *,
    milestone: str | None = None,
    period: Period | None = None,
    cache: PlanCache | None = None,
) -> Recorded:
    """Remove a recorded completion (and, for a milestone, the ``note`` that ``done --note``
    wrote with it; a note written before the date is kept)."""
    with locked(path):
        session = _Session(path, cache)
        ref = session.task(task_id)
        if period is not None:
            return _undo_occurrence(session, ref, period, milestone)
        return _undo_milestone(session, ref, milestone)


def _done_milestone(
    session: _Session, ref: TaskRef, query: str | None, day: date, note: str | None, force: bool
) -> Recorded:
    index = choose_milestone(ref.task, query, want_open=True)
    current: Milestone = ref.task.milestones[index]
    _check_in_span(session.plan, ref.task, current.due.date, f"mốc “{current.what}”")
    if current.done is not None and not force:
        raise RecordError(
            f"mốc “{current.what}” của nhiệm vụ {ref.task.id} đã ghi hoàn thành ngày "
            f"{format_day(current.done)}",
            f"để sửa ngày, thêm --force; để bỏ ghi nhận: caicach done {ref.task.id} --undo",
        )
    session.check_year(day, force, "ngày hoàn thành")
    text_note = clean_note(note) if note is not None else None
    if text_note is not None and current.note not in (None, text_note) and not force:
        raise RecordError(
            f"mốc “{current.what}” của nhiệm vụ {ref.task.id} đã có ghi chú “{current.note}”; "
            "chưa ghi gì",
            "bỏ --note để giữ ghi chú cũ, hoặc thêm --force để thay bằng ghi chú mới",
        )
    expected = session.expected_task(ref).milestones[index]
    expected.done = day
    if text_note is not None:
        expected.note = text_note
    path = (*ref.path, "milestones", index)
    mapping = session.node(path)
    kept = _keep_hand_written(session, mapping, current, text_note)
    if kept is not None:
        mapping = session.node(path)
    found = find_entry(mapping, "done")
    if found is not None:
        set_scalar(session.text, found[2], day.isoformat(), "ngày hoàn thành")
    else:
        value = day.isoformat()
        # after a hand-written note, so that undo can tell that note from one it wrote
        after = "note" if current.note is not None and kept is None else "due"
        insert_entry(session.text, mapping, [f"done: {value}"], f"done: {value}", after=after)
    if text_note is not None:
        mapping = session.node(path)
        existing = find_entry(mapping, "note")
        if existing is not None:
            set_scalar(session.text, existing[2], scalar(text_note, flow=False), "ghi chú")
        else:
            insert_entry(
                session.text,
                mapping,
                [f"note: {scalar(text_note, flow=False)}"],
                f"note: {scalar(text_note, flow=True)}",
                after="done",
            )
    if kept is not None:
        _, key_node, value_node = _entry(session.node(path), "note")
        indent = " " * key_node.start_mark.column
        session.text.insert_after(end_of(value_node, session.text)[0], [indent + kept])
    return Recorded(
        session.display,
        ref.task,
        "done",
        current.what,
        day=day,
        previous=current.done,
        note=text_note,
        lines=session.save(),
    )


def _undo_milestone(session: _Session, ref: TaskRef, query: str | None) -> Recorded:
    index = choose_milestone(ref.task, query, want_open=False)
    current = ref.task.milestones[index]
    if current.done is None:
        raise RecordError(
            f"mốc “{current.what}” của nhiệm vụ {ref.task.id} chưa ghi hoàn thành nên không có "
            "gì để bỏ",
            "xem các mốc đã ghi bằng: caicach diff hoặc mở tệp kế hoạch",
        )
    expected = session.expected_task(ref).milestones[index]
    expected.done = None
    path = (*ref.path, "milestones", index)
    restored: str | None = None
    if current.note is not None and _note_follows_done(session.node(path)):
        expected.note = restored = _take_kept_note(session, session.node(path))
        remove_entry(session.text, session.node(path), "note")  # written by ``done --note``
    else:
        current = current.model_copy(update={"note": None})  # kept: not ours to remove
    placeholder = _placeholder_spelling(session, path)
    if placeholder is None:
        remove_entry(session.text, session.node(path), "done")
    else:  # the file keeps an empty ``done:`` under every open milestone: keep it here too
        found = find_entry(session.node(path), "done")
        assert found is not None
        _, key_node, value_node = found
        if placeholder:
            set_scalar(session.text, value_node, placeholder, "ngày hoàn thành")
        else:
            session.text.replace(
                end_of(key_node, session.text), end_of(value_node, session.text), ":"
            )
    if restored is not None:  # the hand-written note ``done --note --force`` replaced
        line = f"note: {scalar(restored, flow=False)}"
        insert_entry(session.text, session.node(path), [line], line, before="done")
    return Recorded(
        session.display,
        ref.task,
        "undone",
        current.what,
        previous=current.done,
        note=current.note,
        lines=session.save(),
    )


_NULLS = ("", "~", "null", "Null", "NULL")


def _placeholder_spelling(session: _Session, undone: PathKey) -> str | None:
    """How the plan writes an open milestone's empty ``done`` (``""`` for ``done:``,
    ``"null"``, ``"~"`` …) when other milestones keep such a placeholder; ``None`` when the file
    leaves ``done`` out (then undo removes the line, as ``done`` added it). Read from the
    file's events (``yamledit.plain_scalars``), not its whole node tree."""
    spellings = [
        value
        for path, value in plain_scalars(session.text, _is_milestone_done)
        if path != (*undone, "done") and value in _NULLS
    ]
    return max(sorted(set(spellings)), key=spellings.count) if spellings else None


def _is_milestone_done(path: PathKey) -> bool:
    """``sections[s].tasks[t].milestones[m].done`` or ``reporting[r].milestones[m].done``."""
    words: tuple[str | int, ...] = path[0::2]
    shapes: set[tuple[str | int, ...]] = {
        ("sections", "tasks", "milestones", "done"),
        ("reporting", "milestones", "done"),
    }
    return len(path) % 2 == 1 and words in shapes and _indexes(path[1::2])


def _indexes(parts: PathKey) -> bool:
    return all(isinstance(part, int) for part in parts)


# The comment under a note written by ``done --note --force`` over a hand-written note: the
# old text, which ``done --undo`` puts back.
KEPT_NOTE = "# ghi chú cũ (done --undo đặt lại): "


def _entry(mapping: yaml.Node, key: str) -> tuple[int, yaml.Node, yaml.Node]:
    found = find_entry(mapping, key)
    if found is None:  # pragma: no cover - just written
        raise RecordError(f"không có trường '{key}'")
    return found


def _keep_hand_written(
    session: _Session, mapping: yaml.Node, current: Milestone, note: str | None
) -> str | None:
    """Before ``done --note --force`` replaces a hand-written note: take the old note out
    (the new one goes after ``done``, where undo knows it as its own) and return the comment
    line that keeps its text for ``done --undo``; ``None`` when no such note is replaced."""
    if note is None or current.note in (None, note) or _note_follows_done(mapping):
        return None
    if is_flow(mapping):
        raise RecordError(
            f"mốc “{current.what}” có ghi chú viết tay trong dạng {{…}}: thay bằng ghi chú mới "
            "thì --undo không lấy lại được ghi chú cũ nên chưa ghi gì",
            "chép ghi chú cũ vào tệp (hoặc xóa nó) rồi chạy lại, hoặc bỏ --note",
        )
    remove_entry(session.text, mapping, "note")
    return KEPT_NOTE + scalar(current.note, flow=False)


def _take_kept_note(session: _Session, mapping: yaml.Node) -> str | None:
    """The hand-written note kept under the note being undone (its comment line removed)."""
    _, _, value_node = _entry(mapping, "note")
    line = end_of(value_node, session.text)[0] + 1
    if line >= len(session.text.lines):
        return None
    kept = session.text.lines[line].strip()
    if not kept.startswith(KEPT_NOTE):
        return None
    value = kept.removeprefix(KEPT_NOTE)
    session.text.delete_lines(line, line)
    if value.startswith('"'):
        import json

        text = json.loads(value)
        return text if isinstance(text, str) else None
    return value


def _note_follows_done(mapping: yaml.Node) -> bool:
    """Whether the milestone's ``note`` is the entry right after its ``done`` (where
    ``done --note`` writes it; a hand-written note keeps its place before the date)."""
    done, note = find_entry(mapping, "done"), find_entry(mapping, "note")
    return done is not None and note is not None and note[0] == done[0] + 1


def _done_occurrence(
    session: _Session, ref: TaskRef, period: Period, query: str | None, day: date, force: bool
) -> Recorded:
    _check_period_year(session.plan, period)
    _check_in_span(session.plan, ref.task, period.end, period.label)
    index, period, asked = _recurrence_for(session.plan, ref.task, period, query)
    _check_in_span(session.plan, ref.task, period.end, period.label)
    current = ref.task.recurring[index]
    what = f"{current.what} (gồm {asked.label})" if asked else current.what
    key = _occurrence_key(current, period)
    if key is not None and not force:
        raise RecordError(
            f"“{current.what}” {period.label} của nhiệm vụ {ref.task.id} đã ghi làm xong ngày "
            f"{format_day(current.done[key])}",
            "để sửa ngày, thêm --force; để bỏ ghi nhận: caicach done "
            f"{ref.task.id} --period {period.key} --undo",
        )
    session.check_year(day, force, "ngày làm xong")
    named = asked or period
    opens = named.official_window()[0]
    if day < opens and not force:
        raise RecordError(
            f"ngày {format_day(day)} là trước khi {named.label} bắt đầu (số liệu của kỳ này "
            f"tính từ ngày {format_day(opens)})",
            "kiểm tra lại kỳ (--period) hoặc ngày (--date); nếu đúng là như vậy, thêm --force",
        )
    expected = session.expected_task(ref).recurring[index]
    expected.done = {k: v for k, v in expected.done.items() if k != key}
    expected.done[key or period.key] = day
    path = (*ref.path, "recurring", index)
    mapping = session.node(path)
    value = day.isoformat()
    done = find_entry(mapping, "done")
    if done is None:
        step, _ = file_indent_steps(session.text)
        insert_entry(
            session.text,
            mapping,
            ["done:", " " * step + f"{period.key}: {value}"],
            f"done: {{{period.key}: {value}}}",
        )
    elif key is not None:
        found = find_entry(done[2], key)
        assert found is not None
        set_scalar(session.text, found[2], value, "ngày làm xong")
    else:
        later = sorted(
            (parse_period(k).start, k) for k in current.done if parse_period(k).start > period.start
        )
        insert_entry(
            session.text,
            done[2],
            [f"{period.key}: {value}"],
            f"{period.key}: {value}",
            before=later[0][1] if later else None,
        )
    return Recorded(
        session.display,
        ref.task,
        "done",
        what,
        day=day,
        period=period,
        previous=current.done.get(key) if key else None,
        lines=session.save(),
    )


def _undo_occurrence(
    session: _Session, ref: TaskRef, period: Period, query: str | None
) -> Recorded:
    _check_period_year(session.plan, period)
    index, period, asked = _recurrence_for(session.plan, ref.task, period, query)
    current = ref.task.recurring[index]
    key = _occurrence_key(current, period)
    if key is None:
        raise RecordError(
            f"“{current.what}” {period.label} của nhiệm vụ {ref.task.id} chưa được ghi nên "
            "không có gì để bỏ",
            "các kỳ đã ghi: " + (", ".join(current.done) or "chưa có kỳ nào"),
        )
    expected = session.expected_task(ref).recurring[index]
    expected.done = {k: v for k, v in expected.done.items() if k != key}
    path = (*ref.path, "recurring", index)
    mapping = session.node(path)
    done = node_at(mapping, ("done",))
    if len(current.done) == 1 and not is_flow(done):  # ``done: {…}`` stays as ``{}``
        remove_entry(session.text, mapping, "done")
    else:
        remove_entry(session.text, done, key)
    return Recorded(
        session.display,
        ref.task,
        "undone",
        f"{current.what} (gồm {asked.label})" if asked else current.what,
        period=period,
        previous=current.done[key],
        lines=session.save(),
    )


def _recurrence_for(
    plan: Plan, task: Task, period: Period, query: str | None
) -> tuple[int, Period, Period | None]:
    """The recurrence and period to record for ``--period``: an occurrence merged into a longer
    report (quý II into 6 tháng, tháng 3 into quý I) is recorded as that report, unless the
    shorter period is already recorded in the file or ``--milestone`` names the duty; the third
    value is the period asked for when it was redirected."""
    nine, span = plan_nine_months(plan), plan.task_span(task)
    recorded = any(_occurrence_key(recurrence, period) for recurrence in task.recurring)
    owner = merged_into(task, period, nine) if query is None and not recorded else None
    if owner is not None:
        return choose_recurrence(task, owner, None, nine_months=nine, span=span), owner, period
    return choose_recurrence(task, period, query, nine_months=nine, span=span), period, None


def _check_in_span(plan: Plan, task: Task, day: date, what: str) -> None:
    """Nothing outside the plan's window (or a task's added/cancelled span) is owed, so
    nothing there is recorded (``--force`` does not make it owed)."""
    span = plan.task_span(task)
    if day in span:
        return
    changed = task.added or task.cancelled
    whose = (
        f"nhiệm vụ {task.id} (theo văn bản {changed.by})"
        if changed is not None
        else f"kế hoạch năm {plan.year}"
    )
    raise NotFoundError(
        f"{what} không thuộc thời gian thực hiện của {whose}: {span.text()}",
        "kỳ hoặc mốc ngoài thời gian này không phải làm, nên không ghi được; nếu kế hoạch "
        "thật sự dài hơn, sửa plan.start/plan.end trong tệp kế hoạch",
    )


def _check_period_year(plan: Plan, period: Period) -> None:
    if period.year != plan.year:
        raise NotFoundError(
            f"kỳ '{period.key}' ({period.label}) không thuộc năm kế hoạch {plan.year}",
            f"ghi kỳ của năm {plan.year}, ví dụ {plan.year}-Q1",
        )


def add_note(
    path: Path,
    task_id: str,
    text: str,
    *,
    day: date,
    force: bool = False,
    cache: PlanCache | None = None,
) -> Recorded:
    """Add a dated progress note ``{date: …, text: …}`` to the task's ``notes``."""
    with locked(path):
        session = _Session(path, cache)
        ref = session.task(task_id)
        cleaned = clean_note(text)
        for existing in ref.task.notes:
            if existing.date == day and existing.text == cleaned and not force:
                raise RecordError(
                    f"nhiệm vụ {ref.task.id} đã có ghi chú này ngày {format_day(day)}",
                    "không cần ghi lại; thêm --force nếu thật sự muốn ghi hai lần",
                )
        session.check_year(day, force, "ngày của ghi chú")
        session.expected_task(ref).notes.append(Note(date=day, text=cleaned))
        item = f"{{date: {day.isoformat()}, text: {scalar(cleaned, flow=True)}}}"
        add_to_list(session.text, session.node(ref.path), "notes", item)
        return Recorded(
            session.display,
            ref.task,
            "note_added",
            cleaned,
            day=day,
            note=cleaned,
            lines=session.save(),
        )


def remove_note(
    path: Path,
    task_id: str,
    text: str,
    *,
    day: date | None = None,
    cache: PlanCache | None = None,
) -> Recorded:
    """Remove the one note of the task matching ``text`` (and ``day`` when given)."""
    with locked(path):
        session = _Session(path, cache)
        ref = session.task(task_id)
        notes = ref.task.notes
        candidates = [i for i, n in enumerate(notes) if day is None or n.date == day]
        names = [notes[i].text for i in candidates]
        picked = [candidates[i] for i in _pick(names, text, "ghi chú")] if names else []
        listing = "; ".join(f"{format_day(n.date)}: {n.text}" for n in notes) or "chưa có ghi chú"
        if not picked:
            raise NotFoundError(
                f"nhiệm vụ {ref.task.id} không có ghi chú nào khớp với '{text}'"
                + (f" ngày {format_day(day)}" if day else ""),
                "các ghi chú: " + listing,
            )
        if len(picked) > 1:
            raise UsageError(
                f"có {len(picked)} ghi chú khớp với '{text}'; hãy chọn một",
                "thêm --date hoặc viết đầy đủ hơn; các ghi chú: " + listing,
            )
        index = picked[0]
        removed = notes[index]
        del session.expected_task(ref).notes[index]
        mapping = session.node(ref.path)
        listed = node_at(mapping, ("notes",))
        if len(notes) == 1 and not is_flow(listed):  # ``notes: […]`` stays as ``[]``
            remove_entry(session.text, mapping, "notes")
        else:
            remove_item(session.text, listed, index)
        return Recorded(
            session.display,
            ref.task,
            "note_removed",
            removed.text,
            day=removed.date,
            note=removed.text,
            lines=session.save(),
        )
