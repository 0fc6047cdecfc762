"""Next year's plan from this year's: same structure, no progress, years moved forward.

The YAML text is edited line by line (comments and layout survive); the result is loaded and
validated before it is returned, and every change is listed for the clerk to review.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from cai_cach.errors import NotFoundError, PlanError, UsageError
from cai_cach.loading import LoadedPlan, display_path, validate_document
from cai_cach.models import Plan
from cai_cach.yamlsource import parse
from cai_cach.yamltext import decode

# Progress keys: removed with everything nested under them.
_PROGRESS = re.compile(r"^(?P<indent>\s*)(?P<key>done|note|notes)\s*:")
# Keys whose text may name the plan year.
_YEAR_TEXT = re.compile(
    r"^(?P<head>\s*(?:-\s+)?(?:title|what|due|timeline|products)\s*:)(?P<rest>.*)$"
)
_DECISION = re.compile(r"^(?P<indent>\s+)(?P<key>decision|document|start)\s*:")


@dataclass(frozen=True)
class Change:
    """One edit made to the text, by line of the source file."""

    line: int
    before: str
    after: str


@dataclass(frozen=True)
class NewYear:
    text: str
    plan: Plan
    changes: list[Change]
    removed_progress: int


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _shift_years(text: str, old: int, new: int) -> str:
    """Move the plan year to ``new`` (and "năm <the year after>" along with it), leaving
    document numbers ("45/2020/NĐ-CP", "01/2024/TT-…") and ranges ("2021-2025") alone."""

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

    return re.sub(r"(?<!\d)\d{4}(?!\d)", replace, text)


def _shift_iso(text: str, old: int, new: int) -> str:
    def replace(match: re.Match[str]) -> str:
        month, day = int(match[2]), int(match[3])
        if (month, day) == (2, 29):
            day = 28
        return f"{new}-{month:02d}-{day:02d}"

    return re.sub(rf"\b({old})-(\d{{2}})-(\d{{2}})\b", replace, text)


def new_year_text(source_text: str, old_year: int, year: int, source_name: str) -> NewYear:
    if year <= old_year:
        raise UsageError(
            f"kế hoạch nguồn là năm {old_year}; chỉ tạo được kế hoạch của năm sau nó",
            f"dùng --year {old_year + 1} (hoặc muộn hơn), hoặc chọn kế hoạch nguồn khác bằng "
            "--from",
        )
    lines = source_text.splitlines()
    out: list[str] = []
    if lines and lines[0].startswith("# yaml-language-server:"):
        out.append(lines.pop(0))
    out += [
        f"# Kế hoạch năm {year} tạo bằng 'caicach new' từ {source_name}: chưa có tiến độ.",
        "# xem lại: các năm đã dời sang năm mới và thông tin quyết định/kế hoạch ban hành.",
    ]
    skipped = 1 if out else 0
    changes: list[Change] = []
    removed = 0
    index = 0
    plan_block = True
    while index < len(lines):
        line = lines[index]
        number = index + 1 + skipped
        index += 1
        if re.match(r"^\S", line):
            plan_block = line.startswith("plan:")
        progress = _PROGRESS.match(line)
        if progress and not line.lstrip().startswith("#"):
            indent = len(progress["indent"])
            removed += 1
            while index < len(lines) and lines[index].strip() and _indent(lines[index]) > indent:
                index += 1
            continue
        decision = _DECISION.match(line)
        if plan_block and decision and len(decision["indent"]) == 2:
            indent = 2
            while index < len(lines) and (
                not lines[index].strip() or _indent(lines[index]) > indent
            ):
                index += 1
            out.append(
                f"  # xem lại: {decision['key']} của năm {old_year} đã bỏ; thêm số, ngày, người "
                f"ký của văn bản ban hành kế hoạch năm {year} khi có"
            )
            changes.append(Change(number, line.strip(), "(bỏ, chờ văn bản mới)"))
            continue
        if plan_block and re.match(rf"^\s+year:\s*{old_year}\s*(#.*)?$", line):
            new_line = line.replace(str(old_year), str(year), 1)
            changes.append(Change(number, line.strip(), new_line.strip()))
            out.append(new_line)
            continue
        text_line = _YEAR_TEXT.match(line)
        if text_line and not line.lstrip().startswith("#"):
            rest = _shift_iso(text_line["rest"], old_year, year)
            rest = _shift_years(rest, old_year, year)
            if rest != text_line["rest"]:
                new_line = text_line["head"] + rest
                changes.append(Change(number, line.strip(), new_line.strip()))
                out.append(new_line)
                continue
        out.append(line)
    text = "\n".join(out) + "\n"
    display = f"<kế hoạch năm {year}>"
    try:
        loaded = validate_document(
            Path(display), parse(decode(text.encode("utf-8"), display), display)
        )
    except PlanError as err:
        raise UsageError(
            "kế hoạch năm mới tạo ra không hợp lệ (tệp nguồn có cấu trúc lạ):\n" + err.render(),
            "sửa tệp nguồn cho 'caicach check' chạy sạch rồi thử lại",
        ) from None
    return NewYear(text, loaded.plan, changes, removed)


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
