"""Next year's plan from this year's: same structure, no progress, dates moved by the years.

The file is edited at the positions of its YAML nodes (``yamledit``), so any style ``check``
accepts goes through — block or flow mappings and sequences, comments, quoting, CRLF line ends,
a BOM — and every other byte stays as it was:

- progress is removed: ``done`` and ``note`` of milestones, ``done`` of recurring duties,
  ``notes`` of tasks; last year's amendments go too (``amendments``, a task's ``added``; a
  cancelled task keeps its place, marked for review);
- every date and period word moves by the difference of the years: ISO and d/m/y dates and
  years in deadlines and ``start``/``end`` whatever their year, the plan's year (and "năm
  <the year after>") in every other text, never a document number ("45/2020/NĐ-CP") or a range
  ("2021-2025");
- the issuing decision or document, and ``plan.start`` (the day the plan took effect), are
  removed and marked ``# xem lại``: next year's number, date, signer and start are to fill in
  (``plan.end`` moves with the years: a plan for the first half-year stays one).

Years are replaced by years of the same length and 29/02 by 28/02, so a scalar keeps its
place. The result is validated before it is returned; each change is listed for the clerk.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from cai_cach.errors import NotFoundError, PlanError, UsageError
from cai_cach.loading import LoadedPlan, display_path, validate_document
from cai_cach.models import Plan
from cai_cach.yamledit import YamlText, end_of, find_entry, remove_entry, start_of
from cai_cach.yamlsource import parse
from cai_cach.yamltext import decode

# Values that are deadlines or days: every year in them moves.
_DAY_KEYS = {"due", "start", "end", "date"}
# Values never edited: ids, official keys, cadence words, numbers of the plan's own parts.
_KEPT_KEYS = {"id", "lead", "support", "every", "due_day", "due_after_cutoff", "by", "number"}
_PROGRESS = {"milestones": ("done", "note"), "recurring": ("done",)}
_ISSUED = ("decision", "document", "start")
_REMOVED = {"done", "note", "notes", "added", "cancelled", "amendments", *_ISSUED}
_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)")


@dataclass(frozen=True)
class Change:
    """One edit made to the text, by line of the source file."""

    line: int
    before: str
    after: str


@dataclass(frozen=True)
class NewYear:
    data: bytes  # the new file, with the source's line ends and BOM
    plan: Plan
    changes: list[Change]
    removed_progress: int

    @property
    def text(self) -> str:
        return self.data.decode("utf-8-sig")


def shift_day_text(text: str, difference: int) -> str:
    """Every year of a deadline or a day (``2024-03-31``, ``31/3/2024``, ``Quý I/2024``) moved
    by ``difference``; 29 February becomes 28 February."""

    def year(match: re.Match[str]) -> str:
        value = int(match[0])
        return str(value + difference) if 1900 <= value <= 2200 else match[0]

    moved = _YEAR.sub(year, text)
    moved = re.sub(r"\b(\d{4})-02-29\b", r"\1-02-28", moved)
    return re.sub(r"(?<![\d/.])29([/.])(0?2)\1(\d{4})\b", r"28\1\2\1\3", moved)


def shift_years(text: str, old: int, new: int) -> str:
    """The plan year to ``new`` (and "năm <the year after>" along with it), leaving document
    numbers ("45/2020/NĐ-CP", "01/2024/TT-…") and ranges ("2021-2025") alone."""

    def replace(match: re.Match[str]) -> str:
        year = int(match[0])
        start, end = match.span()
        before, after = text[max(0, start - 1) : start], text[end : end + 1]
        if after == "/" or (before == "/" and re.match(r"/[A-ZĐ]", text[end : end + 2])):
            return match[0]  # part of a document number
        if re.search(r"\d\s*-\s*$", text[max(0, start - 3) : start]) or re.match(
            r"^\s*-\s*\d", text[end : end + 4]
        ):
            return match[0]  # a range "2021 - 2025"
        if year == old:
            return str(new)
        if year == old + 1 and re.search(r"(?i)năm\s*$", text[max(0, start - 5) : start]):
            return str(new + 1)
        return match[0]

    moved = _YEAR.sub(replace, text)
    return shift_day_text(moved, 0) if moved != text else moved


class _Editor:
    """The edits of one source file, collected over its node tree and then applied."""

    def __init__(self, raw: bytes, old: int, new: int) -> None:
        self.text = YamlText(raw)
        self.root = self.text.compose()
        self.old, self.new = old, new
        self.removals: list[tuple[yaml.Node, str]] = []  # (mapping, key)
        self.changes: list[Change] = []
        self.progress = 0
        self.reviews: list[str] = []

    def shift_scalar(self, node: yaml.Node, days: bool) -> None:
        """Replace the years in ``node``'s own text (its quoting and style kept)."""
        if not isinstance(node, yaml.ScalarNode):
            return
        (first, column), (last, end_column) = start_of(node), end_of(node, self.text)
        for number in range(first, last + 1):
            line = self.text.lines[number]
            lo = column if number == first else 0
            hi = end_column if number == last else len(line)
            piece = line[lo:hi]
            moved = (
                shift_day_text(piece, self.new - self.old)
                if days
                else shift_years(piece, self.old, self.new)
            )
            if moved != piece:
                assert len(moved) == len(piece)  # years keep their length: positions hold
                self.text.lines[number] = line[:lo] + moved + line[hi:]
                self.changes.append(
                    Change(number + 1, line.strip(), self.text.lines[number].strip())
                )

    def walk(self, node: yaml.Node, key: str | None, days: bool) -> None:
        if isinstance(node, yaml.ScalarNode):
            if key == "year" and node.value == str(self.old):
                self.shift_scalar(node, True)
            elif key not in _KEPT_KEYS:
                self.shift_scalar(node, days)
            return
        if isinstance(node, yaml.SequenceNode):
            for item in node.value:
                self.walk(item, key, days)
                if key in _PROGRESS and isinstance(item, yaml.MappingNode):
                    self.drop_all(item, _PROGRESS[key], progress=True)
            return
        if not isinstance(node, yaml.MappingNode):
            return
        for key_node, value in node.value:
            name = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if name in _REMOVED or (name == "officials" and node is self.root):
                continue  # removed below; officials' names and titles are never dated
            self.walk(value, name, days or name in _DAY_KEYS)

    def drop_all(self, mapping: yaml.Node, keys: tuple[str, ...], *, progress: bool) -> None:
        for key in keys:
            if find_entry(mapping, key) is not None:
                self.removals.append((mapping, key))
                self.progress += progress

    def plan_edits(self) -> None:
        plan = find_entry(self.root, "plan")
        if plan is not None:
            for key in _ISSUED:
                found = find_entry(plan[2], key)
                if found is not None:
                    self.removals.append((plan[2], key))
                    line = found[1].start_mark.line
                    self.changes.append(Change(line + 1, f"{key}: …", "(bỏ, chờ văn bản mới)"))
                    self.reviews.append(
                        f"plan.{key} của năm {self.old} đã bỏ; "
                        + (
                            f"ghi ngày kế hoạch năm {self.new} có hiệu lực nếu khác ngày ký"
                            if key == "start"
                            else f"thêm số, ngày, người ký của văn bản ban hành kế hoạch năm "
                            f"{self.new} khi có"
                        )
                    )
        if find_entry(self.root, "amendments") is not None:
            self.removals.append((self.root, "amendments"))
            self.reviews.append(f"các văn bản điều chỉnh kế hoạch năm {self.old} đã bỏ")
        for task in self.task_nodes():
            self.drop_all(task, ("notes",), progress=True)
            self.drop_all(task, ("added",), progress=False)
            if find_entry(task, "cancelled") is not None:
                self.removals.append((task, "cancelled"))
                found = find_entry(task, "id")
                task_id = found[2].value if found and isinstance(found[2], yaml.ScalarNode) else ""
                self.reviews.append(
                    f"nhiệm vụ {task_id} đã bãi bỏ trong năm {self.old}: xóa nếu năm "
                    f"{self.new} không còn làm"
                )

    def task_nodes(self) -> list[yaml.Node]:
        tasks: list[yaml.Node] = []
        sections = find_entry(self.root, "sections")
        if sections is not None and isinstance(sections[2], yaml.SequenceNode):
            for section in sections[2].value:
                found = find_entry(section, "tasks")
                if found is not None and isinstance(found[2], yaml.SequenceNode):
                    tasks += found[2].value
        reporting = find_entry(self.root, "reporting")
        if reporting is not None and isinstance(reporting[2], yaml.SequenceNode):
            tasks += reporting[2].value
        return [task for task in tasks if isinstance(task, yaml.MappingNode)]

    def apply_removals(self) -> None:
        """Remove the entries, last first, so the positions of earlier ones stay valid."""

        def place(removal: tuple[yaml.Node, str]) -> tuple[int, int]:
            found = find_entry(removal[0], removal[1])
            assert found is not None
            return start_of(found[1])

        for mapping, key in sorted(self.removals, key=place, reverse=True):
            remove_any_entry(self.text, mapping, key)

    def header(self, source_name: str) -> None:
        lines = [
            f"# Kế hoạch năm {self.new} tạo bằng 'caicach new' từ {source_name}: chưa có tiến độ.",
            "# xem lại: các năm đã dời sang năm mới, kiểm tra từng thời hạn.",
            *(f"# xem lại: {review}" for review in self.reviews),
        ]
        first = self.text.lines[0] if self.text.lines else ""
        at = 1 if first.startswith("# yaml-language-server:") else 0
        if at and len(self.text.lines) > 1:
            self.text.insert_after(0, lines)
        else:
            self.text.insert_before(at, lines)


def remove_any_entry(text: YamlText, mapping: yaml.Node, key: str) -> None:
    """``yamledit.remove_entry``, also when the entry is the first of a block mapping that is
    an item of a block sequence (``- done: …`` on the dash's line): the next entry then takes
    the dash."""
    found = find_entry(mapping, key)
    assert found is not None and isinstance(mapping, yaml.MappingNode)
    index, key_node, value_node = found
    line, column = start_of(key_node)
    prefix = text.lines[line][:column]
    block = not mapping.flow_style
    if not (block and index == 0 and prefix.strip() == "-" and len(mapping.value) > 1):
        remove_entry(text, mapping, key)
        return
    following = mapping.value[1][0]
    end_line, _ = end_of(value_node, text)
    next_line, next_column = start_of(following)
    if next_line <= end_line or text.lines[next_line][:next_column].strip():
        remove_entry(text, mapping, key)  # same line: the general case reports the layout
        return
    text.lines[next_line] = prefix + text.lines[next_line][next_column:]
    text.delete_lines(line, next_line - 1)


def new_year_text(raw: bytes, old_year: int, year: int, source_name: str) -> NewYear:
    """Next year's plan from the bytes of this year's (see the module docstring)."""
    if year <= old_year:
        raise UsageError(
            f"kế hoạch nguồn là năm {old_year}; chỉ tạo được kế hoạch của năm sau nó",
            f"dùng --year {old_year + 1} (hoặc muộn hơn), hoặc chọn kế hoạch nguồn khác bằng "
            "--from",
        )
    editor = _Editor(raw, old_year, year)
    editor.walk(editor.root, None, False)
    editor.plan_edits()
    editor.apply_removals()
    editor.header(source_name)
    data = editor.text.to_bytes()
    display = f"<kế hoạch năm {year}>"
    try:
        loaded = validate_document(Path(display), parse(decode(data, display), display))
    except PlanError as err:
        raise UsageError(
            "kế hoạch năm mới tạo ra không hợp lệ (tệp nguồn có cấu trúc lạ):\n" + err.render(),
            "sửa tệp nguồn cho 'caicach check' chạy sạch rồi thử lại",
        ) from None
    return NewYear(data, loaded.plan, _by_line(editor.changes), editor.progress)


def _by_line(changes: list[Change]) -> list[Change]:
    """One change per source line: its text before the first edit and after the last."""
    merged: dict[int, Change] = {}
    for change in changes:
        first = merged.get(change.line, change)
        merged[change.line] = Change(change.line, first.before, change.after)
    return [merged[line] for line in sorted(merged)]


def same_year_plans(plans: list[tuple[str, str, int]]) -> list[str]:
    """Warnings for two plans (display, agency name, year) of one agency covering the same
    year: a copied plan would count every task twice."""
    from cai_cach.text import fold

    seen: dict[tuple[str, int], str] = {}
    warnings: list[str] = []
    for display, agency, year in plans:
        key = (" ".join(fold(agency).split()), year)
        if key in seen:
            warnings.append(
                f"cảnh báo: {display}: cùng cơ quan và cùng năm {year} với {seen[key]} — mỗi "
                "nhiệm vụ sẽ bị tính hai lần; kế hoạch năm mới hãy tạo bằng 'caicach new --year'"
            )
        else:
            seen[key] = display
    return warnings


def previous_plan(candidates: list[LoadedPlan], year: int) -> LoadedPlan:
    """The plan to start ``year``'s from: the one plan of the latest year before ``year``
    (a year may have been skipped); none or several of that year is an error."""
    from cai_cach.planyears import latest_year_before

    latest = latest_year_before([loaded.plan.year for loaded in candidates], year)
    previous = [loaded for loaded in candidates if loaded.plan.year == latest]
    if len(previous) != 1:
        found = ", ".join(display_path(p.path) for p in previous) or "không có"
        raise NotFoundError(
            f"cần đúng một kế hoạch năm {latest} (năm gần nhất trước {year}) trong plans/ "
            f"(tìm thấy: {found})",
            "chọn kế hoạch nguồn bằng --from plans/<tệp>.yaml",
        )
    return previous[0]


def new_plan_path(source: Path, old_year: int, year: int) -> Path:
    """Where next year's plan goes by default: beside the source, its year in the name
    replaced (``tinh-minh-2024.yaml`` → ``tinh-minh-2025.yaml``) or added."""
    old = str(old_year)
    name = source.stem.replace(old, str(year)) if old in source.stem else f"{source.stem}-{year}"
    return source.parent / f"{name}.yaml"
