"""Recording on big plans costs the edit, not the plan, and writes what it always wrote.

The fast paths of ``record`` (only the task's lines composed, the file's indentation read
from the root's events, a linear diff of the lines, one task copied) are checked against the
whole-file paths they replace: on the shipped plans, the hand-written one of test_record and
generated plans, every kind of edit writes the same bytes and reports the same lines."""

from __future__ import annotations

import difflib
import importlib.util
import random
import shutil
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from cai_cach import record, recordsession, yamledit
from cai_cach.errors import CaicachError
from cai_cach.loading import load_plan
from cai_cach.periods import Period
from cai_cach.yamledit import ChangedLine, YamlText, changed_lines, indent_steps, node_at
from tests.helpers import REPO, SHIPPED_PLAN
from tests.test_record import COMMENTED_PLAN

PLANS = [SHIPPED_PLAN, REPO / "tests" / "golden" / "hoa-binh-2025.yaml"]


def make_plans_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_plans", REPO / "bench" / "make_plans.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    out = tmp_path_factory.mktemp("generated")
    make = make_plans_module()
    mixed = make.write_plans(out / "mixed", 2, 5, 2024, 40, date(2024, 7, 15))
    monthly = make.write_plans(
        out / "monthly", 1, 6, 2024, 30, date(2024, 9, 10), monthly=1.0, open_share=0.0
    )
    return [*mixed, *monthly]


def commented_plan(folder: Path) -> Path:
    path = folder / "tay-2024.yaml"
    path.write_text(COMMENTED_PLAN.replace("{LONG}", ""), encoding="utf-8")
    return path


# --- the reference: the whole file, as before ------------------------------------------------


def whole_file_paths(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make ``record`` compose the whole file for every node, as it did before."""
    monkeypatch.setattr(recordsession, "compose_item", lambda text, key, value: None)
    monkeypatch.setattr(
        record, "file_indent_steps", lambda text: indent_steps(text.compose(), text)
    )


def difflib_lines(old: list[str], new: list[str]) -> tuple[ChangedLine, ...]:
    """The changed lines as the whole-file ``difflib`` diff gave them."""
    changes: list[ChangedLine] = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag in ("delete", "replace"):
            changes += [ChangedLine("-", i + 1, old[i]) for i in range(i1, i2)]
        if tag in ("insert", "replace"):
            changes += [ChangedLine("+", j + 1, new[j]) for j in range(j1, j2)]
    return tuple(changes)


Edit = Callable[[Path], Any]


def edits_for(path: Path, rng: random.Random) -> Iterator[tuple[str, Edit]]:
    """A sample of every kind of edit on the plan's tasks: done/undo of milestones and
    periods, done --note, note and note --undo."""
    plan = load_plan(path).plan
    refs = record.task_refs(plan)
    for ref in rng.sample(refs, min(12, len(refs))):
        task = ref.task
        tid = task.id
        day = date(plan.year, 6, 20)
        if task.milestones:
            yield (
                f"done {tid}",
                lambda p, t=tid, d=day: record.mark_done(p, t, day=d, milestone="1"),
            )
            yield (
                f"done {tid} --note --force",
                lambda p, t=tid, d=day: record.mark_done(
                    p, t, day=d, milestone="1", note="Đã xong: số 12/KH", force=True
                ),
            )
            yield f"undo {tid}", lambda p, t=tid: record.mark_undone(p, t, milestone="1")
        for recurrence in task.recurring[:1]:
            kind = recurrence.every
            count = {"month": 12, "quarter": 4, "half": 2, "year": 1}[kind]
            for index in (count, 1):
                period = Period(plan.year, kind, index)
                yield (
                    f"done {tid} {period.key}",
                    lambda p, t=tid, q=period, d=day: record.mark_done(
                        p, t, day=d, period=q, force=True
                    ),
                )
                yield (
                    f"undo {tid} {period.key}",
                    lambda p, t=tid, q=period: record.mark_undone(p, t, period=q),
                )
        yield (
            f"note {tid}",
            lambda p, t=tid, d=day: record.add_note(p, t, "Đã họp: bàn việc", day=d),
        )
        yield f"note --undo {tid}", lambda p, t=tid: record.remove_note(p, t, "Đã họp")


def outcome(edit: Edit, path: Path) -> tuple[Any, ...]:
    before = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    try:
        recorded = edit(path)
    except CaicachError as err:
        return ("error", type(err).__name__, err.message, err.hint, path.read_bytes())
    after = path.read_text(encoding="utf-8").splitlines()
    return ("ok", recorded.action, recorded.what, recorded.lines, path.read_bytes(), before, after)


def test_every_edit_writes_the_bytes_and_lines_of_the_whole_file_path(
    generated: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rng = random.Random(17)
    sources = [*PLANS, commented_plan(tmp_path), *generated]
    written: list[str] = []
    for index, source in enumerate(sources):
        fast = tmp_path / f"fast-{index}" / source.name
        slow = tmp_path / f"slow-{index}" / source.name
        for copy in (fast, slow):
            copy.parent.mkdir()
            shutil.copyfile(source, copy)
        for name, edit in edits_for(source, rng):
            got = outcome(edit, fast)
            with monkeypatch.context() as patch:
                whole_file_paths(patch)
                expected = outcome(edit, slow)
            assert got == expected, f"{source.name}: {name}"
            if got[0] == "ok":
                written.append(name.split()[0] + (" --period" if "-" in name[-3:] else ""))
                assert got[3] == difflib_lines(got[5], got[6]), f"{source.name}: {name}"
    kinds = {kind: written.count(kind) for kind in set(written)}  # the sample really edited
    assert all(kinds.get(kind, 0) >= 5 for kind in ("done", "undo", "note", "done --period"))
    assert kinds.get("undo --period", 0) >= 5, kinds


def signature(node: yaml.Node) -> Any:
    """The node's kind, values and marks; a block collection's end mark (the next token, which
    may lie past the item's lines) is left out: ``yamledit.end_of`` never reads it."""
    marks: tuple[int, ...] = (node.start_mark.line, node.start_mark.column)
    if isinstance(node, yaml.ScalarNode) or yamledit.is_flow(node):
        marks += (node.end_mark.line, node.end_mark.column)
    if isinstance(node, yaml.ScalarNode):
        return ("scalar", node.value, node.style, marks)
    if isinstance(node, yaml.MappingNode):
        pairs = [(signature(k), signature(v)) for k, v in node.value]
        return ("mapping", node.flow_style, pairs, marks)
    assert isinstance(node, yaml.SequenceNode)
    return ("sequence", node.flow_style, [signature(item) for item in node.value], marks)


def test_a_task_composed_alone_is_the_node_of_the_whole_file(
    generated: list[Path], tmp_path: Path
) -> None:
    found = 0
    for path in [*PLANS, commented_plan(tmp_path), *generated]:
        text = YamlText(path.read_bytes())
        root = text.compose()
        for ref in record.task_refs(load_plan(path).plan):
            item = yamledit.compose_item(text, "id", ref.task.id)
            if item is None:  # written another way ("id" quoted, not first …): whole file
                continue
            found += 1
            assert signature(item) == signature(node_at(root, ref.path)), ref.task.id
    assert found > 100


@pytest.mark.parametrize(
    "source",
    [
        "plan: {year: 2024}\nsections:\n- id: '1'\n  tasks: []\n",
        "plan:\n    year: 2024\nsections:\n    - id: '1'\n",
        "plan: {year: 2024}\nsections: [{id: '1', tasks: [{id: a, lead: [x]}]}]\nx:\n  - y\n",
        "a: 1\nb: {c: 2}\n",
        "- a\n- b\n",
        "plan: {}\nofficials: {}\nnotes: []\nsections:\n  - tasks:\n      done:\n        q: 1\n",
    ],
)
def test_the_files_indentation_is_read_as_from_the_whole_tree(source: str) -> None:
    text = YamlText(source.encode())
    assert yamledit.file_indent_steps(text) == indent_steps(text.compose(), text)


def test_the_files_indentation_of_the_shipped_plans(generated: list[Path]) -> None:
    for path in [*PLANS, *generated]:
        text = YamlText(path.read_bytes())
        assert yamledit.file_indent_steps(text) == indent_steps(text.compose(), text)


LINES = st.lists(st.sampled_from(["a", "b", "c", "  - x", ""]), max_size=12)


def rebuilt(old: list[str], changes: tuple[ChangedLine, ...], length: int) -> list[str]:
    removed = {change.number - 1 for change in changes if change.sign == "-"}
    added = {change.number - 1: change.text for change in changes if change.sign == "+"}
    kept = iter(line for number, line in enumerate(old) if number not in removed)
    lines = [added[number] if number in added else next(kept) for number in range(length)]
    assert next(kept, None) is None
    return lines


@settings(max_examples=300, deadline=None)
@given(old=LINES, start=st.integers(0, 12), length=st.integers(0, 3), new=LINES)
def test_changed_lines_are_a_true_diff(
    old: list[str], start: int, length: int, new: list[str]
) -> None:
    start = min(start, len(old))
    edited = old[:start] + new[:3] + old[start + length :]
    assert rebuilt(old, changed_lines(old, edited), len(edited)) == edited


@settings(max_examples=300, deadline=None)
@given(
    old=st.lists(st.text("ab -:", max_size=4), unique=True, max_size=12),
    start=st.integers(0, 12),
    length=st.integers(0, 3),
    count=st.integers(0, 3),
)
def test_changed_lines_are_difflibs_when_lines_are_distinct(
    old: list[str], start: int, length: int, count: int
) -> None:
    """Where lines repeat, a diff has several true readings and ``difflib`` picks by block
    length over the whole file; between distinct lines there is one, and the same."""
    start = min(start, len(old))
    edited = old[:start] + [f"new {index}" for index in range(count)] + old[start + length :]
    assert changed_lines(old, edited) == difflib_lines(old, edited)


def test_a_diff_of_a_hundred_thousand_lines_is_linear() -> None:
    old = [f"line {number}" for number in range(100_000)]
    new = [*old[:54_321], "        2024-12: 2024-12-20", *old[54_321:]]
    assert changed_lines(old, new) == (ChangedLine("+", 54_322, "        2024-12: 2024-12-20"),)
    assert changed_lines(new, old) == (ChangedLine("-", 54_322, "        2024-12: 2024-12-20"),)


def test_the_written_plan_is_cached_with_the_summary_of_the_whole_plan(
    generated: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The summary stored after an edit is the old one with the edited task summarised again:
    it must be what summarising the whole written plan gives."""
    from cai_cach.cache import PlanCache, content_key
    from cai_cach.summary import summarize, to_plain

    cache = PlanCache(tmp_path / "cache")
    for name in ("mark_done", "mark_undone", "add_note", "remove_note"):  # as the CLI calls them
        monkeypatch.setattr(record, name, _passing(getattr(record, name), cache))
    path = tmp_path / generated[-1].name
    shutil.copyfile(generated[-1], path)
    load_plan(path, cache)  # warm, as the command finds it
    written = 0
    for name, edit in edits_for(path, random.Random(3)):
        try:
            edit(path)
        except CaicachError:
            continue
        written += 1
        found = cache.get_entry(content_key(path.read_bytes()), str(path))
        assert found is not None, name  # the next command reads it from the cache
        cached, plain = found
        assert cached.plan == load_plan(path).plan
        assert plain == to_plain(summarize(cached.plan)), name
    assert written >= 10


def _passing(function: Callable[..., Any], cache: Any) -> Callable[..., Any]:
    def call(*args: Any, **kwargs: Any) -> Any:
        return function(*args, cache=cache, **kwargs)

    return call


PLACEHOLDERS = """\
plan: {title: Thử, year: 2024, agency: {name: Xã Thử, place: Thử}}
officials:
  vp: {title: Văn phòng}
sections:
  - id: "1"
    title: Một
    tasks:
      - id: 1.a
        title: Việc
        lead: [vp]
        milestones:
          - what: Một
            due: 2024-03-10
            done: FIRST
          - {what: Hai, due: 2024-04-10, done: SECOND}
          - what: Ba
            due: 2024-05-10
            done: "~"
        recurring:
          - {what: Báo cáo, every: quý, done: {2024-Q1: 2024-03-20}}
reporting:
  - id: III.1
    title: Báo cáo
    lead: [vp]
    milestones:
      - what: Bốn
        due: 2024-06-10
        done: THIRD
"""


@pytest.mark.parametrize(
    ("first", "second", "third"),
    [("~", "null", "~"), ("", "~", "2024-06-01"), ("2024-03-01", "2024-04-01", ""), ("", "", "")],
)
def test_the_placeholder_spellings_are_read_from_the_events_as_from_the_tree(
    first: str, second: str, third: str
) -> None:
    source = PLACEHOLDERS.replace("FIRST", first).replace("SECOND", second)
    text = YamlText(source.replace("THIRD", third).encode())
    root = text.compose()
    expected = []
    for path in [("sections", 0, "tasks", 0, "milestones", i) for i in range(3)] + [
        ("reporting", 0, "milestones", 0)
    ]:
        value = node_at(root, (*path, "done"))
        assert isinstance(value, yaml.ScalarNode)
        if not value.style:
            expected.append(((*path, "done"), value.value))
    found = yamledit.plain_scalars(text, record._is_milestone_done)
    assert found == expected
    assert len(found) == 3  # the quoted "~" is text, not a placeholder
