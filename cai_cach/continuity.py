"""Continuity across years: next year's plan matched against last year's.

Tasks are matched by their titles (``text.fold``: case- and diacritic-blind, then a
``difflib`` ratio; the same id counts a little in favour), one to one, best pairs first.
Officials and units are matched by their titles.

- ``continue_from``: a draft plan's YAML text (what ``caicach import`` wrote) edited so that
  what continues keeps last year's names: officials keep their keys (the importer invents
  them), a task keeps last year's id where the document itself does not number it (the
  importer marked the id it made up); where the document numbers a continuing task
  differently, its own number stays. Every match is marked ``# xem lại`` for the clerk.
- ``year_over_year``: what two plans share, what the later one added and what it dropped.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Literal

import yaml

from cai_cach.models import Plan
from cai_cach.text import fold
from cai_cach.yamledit import YamlText, find_entry, is_flow, scalar, set_scalar

THRESHOLD = 0.6  # titles at least this alike (after folding) are the same task
SAME_ID_BONUS = 0.15
_INVENTED = "không đánh số"  # the importer's mark on an id it made up


@dataclass(frozen=True)
class Titled:
    """A task or an official by its id (or key) and title."""

    id: str
    title: str


@dataclass(frozen=True)
class Match:
    old: Titled
    new: Titled
    similarity: float  # 0..1, of the folded titles

    @property
    def percent(self) -> int:
        return round(100 * self.similarity)


def similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, fold(a), fold(b), autojunk=False).ratio()


def match(old: list[Titled], new: list[Titled], threshold: float = THRESHOLD) -> list[Match]:
    """One-to-one matches of ``new`` against ``old``, best first, in ``new``'s order."""
    scored = []
    for i, before in enumerate(old):
        for j, after in enumerate(new):
            ratio = similarity(before.title, after.title)
            bonus = SAME_ID_BONUS if before.id == after.id else 0.0
            if ratio + bonus >= threshold:
                scored.append((ratio + bonus, ratio, i, j))
    scored.sort(key=lambda entry: (-entry[0], entry[2], entry[3]))
    taken_old: set[int] = set()
    found: dict[int, Match] = {}
    for _, ratio, i, j in scored:
        if i in taken_old or j in found:
            continue
        taken_old.add(i)
        found[j] = Match(old[i], new[j], ratio)
    return [found[j] for j in sorted(found)]


def plan_tasks(plan: Plan) -> list[Titled]:
    return [Titled(task.id, task.title) for _, task in plan.tasks()]


def plan_officials(plan: Plan) -> list[Titled]:
    return [Titled(key, official.title) for key, official in plan.officials.items()]


# --- two plans -----------------------------------------------------------------------------


@dataclass(frozen=True)
class YearOverYear:
    carried: list[Match]  # tasks of both plans (renumbered when the ids differ)
    added: list[Titled]  # only in the later plan
    dropped: list[Titled]  # only in the earlier plan


def year_over_year(old: Plan, new: Plan) -> YearOverYear:
    before, after = plan_tasks(old), plan_tasks(new)
    carried = match(before, after)
    matched_old = {m.old.id for m in carried}
    matched_new = {m.new.id for m in carried}
    return YearOverYear(
        carried,
        [task for task in after if task.id not in matched_new],
        [task for task in before if task.id not in matched_old],
    )


# --- a draft against last year's plan ------------------------------------------------------

Kind = Literal["task", "official"]


@dataclass(frozen=True)
class Continued:
    """One kept name: a task id or an official key, as written in the draft."""

    kind: Kind
    match: Match
    written: str  # the id or key the draft now has

    @property
    def review(self) -> str:
        old, new = self.match.old, self.match.new
        alike = f"giống {self.match.percent}%"
        if self.kind == "official":
            if self.written != new.id:
                return f"mã '{self.written}' giữ như kế hoạch năm trước (cùng '{old.title}')"
            return f"'{new.title}' ứng với '{old.id}' năm trước ({alike})"
        if self.written == old.id and new.id != old.id:
            return f"tiếp nối nhiệm vụ {old.id} năm trước ({alike}); giữ mã {old.id}"
        if self.written == old.id:
            return f"tiếp nối nhiệm vụ {old.id} năm trước ({alike})"
        return f"tiếp nối nhiệm vụ {old.id} năm trước ({alike}); văn bản mới đánh số {self.written}"


@dataclass(frozen=True)
class Continuity:
    text: str
    kept: list[Continued]


@dataclass
class _DraftTask:
    node: yaml.Node  # the task's mapping
    id_node: yaml.Node
    titled: Titled
    invented: bool


class _Draft:
    def __init__(self, text: str) -> None:
        self.text = YamlText(text.encode("utf-8"))
        self.root = self.text.compose()
        # (line, order, column, edit): applied last first so positions stay valid
        self.edits: list[tuple[int, int, int, str | tuple[yaml.Node, str, bool]]] = []

    def officials(self) -> list[tuple[yaml.Node, Titled]]:
        found = find_entry(self.root, "officials")
        if found is None or not isinstance(found[2], yaml.MappingNode):
            return []
        out: list[tuple[yaml.Node, Titled]] = []
        for key_node, value in found[2].value:
            title = find_entry(value, "title")
            if isinstance(key_node, yaml.ScalarNode) and title is not None:
                out.append((key_node, Titled(key_node.value, str(title[2].value))))
        return out

    def tasks(self) -> list[_DraftTask]:
        nodes: list[yaml.Node] = []
        sections = find_entry(self.root, "sections")
        for section in sections[2].value if sections is not None else []:
            found = find_entry(section, "tasks")
            if found is not None and isinstance(found[2], yaml.SequenceNode):
                nodes += found[2].value
        reporting = find_entry(self.root, "reporting")
        if reporting is not None and isinstance(reporting[2], yaml.SequenceNode):
            nodes += reporting[2].value
        out = []
        for node in nodes:
            id_entry, title = find_entry(node, "id"), find_entry(node, "title")
            if id_entry is None or title is None:
                continue
            first, last = node.start_mark.line, node.end_mark.line
            own_lines = self.text.lines[first : last + 1]
            invented = any("# xem lại" in line and _INVENTED in line for line in own_lines)
            titled = Titled(str(id_entry[2].value), str(title[2].value))
            out.append(_DraftTask(node, id_entry[2], titled, invented))
        return out

    def rename(self, node: yaml.Node, value: str, flow: bool) -> None:
        self.edits.append((node.start_mark.line, 1, node.start_mark.column, (node, value, flow)))

    def mark(self, node: yaml.Node, review: str) -> None:
        self.edits.append((node.start_mark.line, 0, 0, f"# xem lại: {review}"))

    def references(self) -> list[tuple[yaml.Node, bool]]:
        """Every lead/support entry of every task, and whether its list is flow style."""
        found = []
        for task in self.tasks():
            for role in ("lead", "support"):
                entry = find_entry(task.node, role)
                if entry is not None and isinstance(entry[2], yaml.SequenceNode):
                    found += [(item, is_flow(entry[2])) for item in entry[2].value]
        return found

    def apply(self) -> str:
        for line, _, _, edit in sorted(self.edits, key=lambda e: e[:3], reverse=True):
            if isinstance(edit, str):
                own = self.text.lines[line]
                indent = len(own) - len(own.lstrip(" "))
                self.text.insert_before(line, [" " * indent + edit])
            else:
                node, value, flow = edit
                set_scalar(self.text, node, scalar(value, flow=flow), "mã")
        return self.text.to_bytes().decode("utf-8")


def continue_from(draft_text: str, last: Plan) -> Continuity:
    """The draft with last year's officials' keys and task ids where they continue."""
    draft = _Draft(draft_text)
    kept: list[Continued] = []
    officials = draft.officials()
    keys = {titled.id for _, titled in officials}
    renames: dict[str, str] = {}
    by_title = {titled.id: node for node, titled in officials}
    for found in match(plan_officials(last), [t for _, t in officials], threshold=0.85):
        old, new = found.old.id, found.new.id
        written = new
        if old != new and old not in keys:
            renames[new] = written = old
            draft.rename(by_title[new], old, False)
        kept.append(Continued("official", found, written))
        draft.mark(by_title[new], kept[-1].review)
    for node, flow in draft.references():
        if isinstance(node, yaml.ScalarNode) and node.value in renames:
            draft.rename(node, renames[node.value], flow)
    tasks = draft.tasks()
    ids = {task.titled.id for task in tasks}
    by_id = {task.titled.id: task for task in tasks}
    for found in match(plan_tasks(last), [task.titled for task in tasks]):
        task = by_id[found.new.id]
        written = found.new.id
        if task.invented and found.old.id != written and found.old.id not in ids:
            written = found.old.id
            draft.rename(task.id_node, written, is_flow(task.node))
        kept.append(Continued("task", found, written))
        draft.mark(task.node, kept[-1].review)
    return Continuity(draft.apply(), kept)
