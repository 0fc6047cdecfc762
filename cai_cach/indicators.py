"""The statistics annex of a periodic report ("Phụ lục số liệu"): one-stop-shop and
e-government figures the plan cannot hold.

- The **indicator list** is data: ``templates/indicators.yaml`` is the default (shipped and
  documented); a province replaces it with its own file (``--indicators FILE``). Each
  indicator has an ``id``, a ``label``, a ``unit`` ("%" for a percentage) and may be
  ``part_of`` another one; the parts of one indicator with the same ``breakdown`` never add
  up to more than it.
- The **figures file** of a period (``reports/<plan>-<period>.so-lieu.yaml``, written blank by
  ``report --init-notes``) maps each indicator id to its value. Values are checked: numbers,
  whole counts, percentages 0–100, parts not above their totals; every error names
  ``file:line:column``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cai_cach.counting import largest_remainder, percent, percent_text
from cai_cach.errors import NotFoundError, PlanError, Problem
from cai_cach.loading import FIGURES_SUFFIX
from cai_cach.periods import Period
from cai_cach.yamlsource import Document, parse, read_text

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

DEFAULT_LIST = "indicators.yaml"
SUFFIX = FIGURES_SUFFIX
SCHEMA_NAME = "figures.schema.json"
PERCENT_UNIT = "%"
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@dataclass(frozen=True)
class Indicator:
    id: str
    label: str
    unit: str
    group: str
    part_of: str | None = None
    breakdown: str = ""

    @property
    def is_percent(self) -> bool:
        return self.unit == PERCENT_UNIT


@dataclass(frozen=True)
class IndicatorList:
    file: str
    groups: tuple[tuple[str, tuple[Indicator, ...]], ...]

    def all(self) -> list[Indicator]:
        return [indicator for _, indicators in self.groups for indicator in indicators]

    def by_id(self) -> dict[str, Indicator]:
        return {indicator.id: indicator for indicator in self.all()}


@dataclass(frozen=True)
class Statistics:
    """A period's figures as entered: id → value (``None`` while blank)."""

    file: str
    values: dict[str, Decimal | None] = field(default_factory=dict)
    found: bool = False

    def blank(self, indicators: IndicatorList) -> list[str]:
        return [i.id for i in indicators.all() if self.values.get(i.id) is None]


# --- the indicator list ------------------------------------------------------------------


def _problem(
    document: Document, path: tuple[str | int, ...], message: str, hint: str = ""
) -> Problem:
    mark = document.source.locate(path)
    return Problem(
        document.file,
        message,
        mark.line if mark else None,
        mark.column if mark else None,
        hint=hint,
    )


def _text(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def parse_indicators(text: str, display: str) -> IndicatorList:
    """Read an indicator list (see the module docstring); every problem at its position."""
    document = parse(text, display)
    data = document.data
    problems: list[Problem] = []
    groups: list[tuple[str, tuple[Indicator, ...]]] = []
    if not isinstance(data, dict) or not isinstance(data.get("groups"), list):
        raise PlanError(
            [_problem(document, (), "danh mục chỉ tiêu phải có 'groups:' là một danh sách")]
        )
    seen: set[str] = set()
    for g, group in enumerate(data["groups"]):
        where: tuple[str | int, ...] = ("groups", g)
        title = _text(group.get("title")) if isinstance(group, dict) else None
        listed = group.get("indicators") if isinstance(group, dict) else None
        if title is None or not isinstance(listed, list):
            problems.append(_problem(document, where, "nhóm chỉ tiêu cần 'title' và 'indicators'"))
            continue
        indicators: list[Indicator] = []
        for i, entry in enumerate(listed):
            at = (*where, "indicators", i)
            fields = entry if isinstance(entry, dict) else {}
            unknown = set(fields) - {"id", "label", "unit", "part_of", "breakdown"}
            ident, label, unit = (_text(fields.get(key)) for key in ("id", "label", "unit"))
            if unknown:
                problems.append(
                    _problem(
                        document,
                        (*at, sorted(unknown)[0]),
                        f"trường lạ '{sorted(unknown)[0]}'",
                        "các trường: id, label, unit, part_of, breakdown",
                    )
                )
            elif ident is None or label is None or unit is None:
                problems.append(_problem(document, at, "chỉ tiêu cần đủ 'id', 'label' và 'unit'"))
            elif not _ID.match(ident) or ident in seen:
                why = "trùng" if ident in seen else "chỉ gồm chữ thường không dấu, số và '-'"
                problems.append(_problem(document, (*at, "id"), f"mã chỉ tiêu '{ident}' {why}"))
            else:
                seen.add(ident)
                parent = _text(fields.get("part_of"))
                indicators.append(
                    Indicator(
                        ident, label, unit, title, parent, _text(fields.get("breakdown")) or ""
                    )
                )
                if parent is not None and parent not in seen:
                    problems.append(
                        _problem(
                            document,
                            (*at, "part_of"),
                            f"'part_of: {parent}' phải là mã một chỉ tiêu ghi phía trên",
                        )
                    )
        groups.append((title, tuple(indicators)))
    if problems:
        raise PlanError(problems)
    return IndicatorList(display, tuple(groups))


def default_indicators(folders: Sequence[Traversable]) -> IndicatorList:
    """The shipped list, ``indicators.yaml`` in the templates' ``folders``
    (``render.template_folders``)."""
    for folder in folders:
        candidate = folder / DEFAULT_LIST
        if candidate.is_file():
            return parse_indicators(
                candidate.read_text(encoding="utf-8"), f"{DEFAULT_LIST} (mặc định)"
            )
    raise NotFoundError(
        f"không tìm thấy danh mục chỉ tiêu mặc định '{DEFAULT_LIST}'",
        "cài lại caicach, hoặc chỉ danh mục bằng --indicators",
    )


def load_indicators(path: Path | None, folders: Sequence[Traversable]) -> IndicatorList:
    """``--indicators FILE``, else the shipped list."""
    if path is None:
        return default_indicators(folders)
    if not path.is_file():
        raise NotFoundError(
            f"không tìm thấy danh mục chỉ tiêu '{path}'", "kiểm tra lại --indicators"
        )
    return parse_indicators(read_text(path, str(path)), str(path))


# --- the figures file --------------------------------------------------------------------


def figures_path(plan_file: Path, plan_name: str, period: Period) -> Path:
    """``reports/<plan>-<period>.so-lieu.yaml`` beside the plan, the plan's year not repeated."""
    stem = plan_name.removesuffix(f"-{period.year}")
    return plan_file.parent / "reports" / f"{stem}-{period.key}{SUFFIX}"


def template_text(indicators: IndicatorList, period: Period, schema: str | None = None) -> str:
    """The blank figures file ``--init-notes`` writes: every indicator, no value."""
    width = max((len(i.id) for i in indicators.all()), default=10) + 2
    lines = [f"# yaml-language-server: $schema={schema}"] if schema else []
    lines += [
        f"# Số liệu thống kê của báo cáo cải cách hành chính {period.label} (Phụ lục số liệu).",
        "# Ghi số sau dấu ':' của từng chỉ tiêu (tỷ lệ ghi số phần trăm 0–100, ví dụ 95,5).",
        "# Để trống chỉ tiêu chưa có số liệu: báo cáo còn là dự thảo cho đến khi ghi đủ.",
        f"# Danh mục chỉ tiêu: {indicators.file}",
        f"period: {period.key}",
        "values:",
    ]
    for title, group in indicators.groups:
        lines.append(f"  # {title}")
        for indicator in group:
            key = f"{indicator.id}:".ljust(width)
            part = "trong đó: " if indicator.part_of else ""
            lines.append(f"  {key}# {part}{indicator.label} ({indicator.unit})")
    return "\n".join(lines) + "\n"


def _number(raw: Any) -> Decimal | None:
    if not isinstance(raw, str):
        return None
    text = raw.strip().replace(" ", "")
    if re.fullmatch(r"\d{1,3}(\.\d{3})+", text):  # 1.250 → 1250 (thousands dots)
        text = text.replace(".", "")
    try:
        value = Decimal(text.replace(",", "."))
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def parse_figures(text: str, display: str, indicators: IndicatorList, period: Period) -> Statistics:
    """Read a figures file, checking every value (see the module docstring)."""
    document = parse(text, display)
    data = document.data
    if not isinstance(data, dict) or not isinstance(data.get("values", {}), dict):
        raise PlanError(
            [_problem(document, (), "tệp số liệu phải có 'values:' là các dòng 'mã: số'")]
        )
    problems: list[Problem] = []
    if data.get("period") not in (None, period.key):
        problems.append(
            _problem(
                document,
                ("period",),
                f"tệp số liệu của kỳ '{data.get('period')}', không phải kỳ {period.key}",
            )
        )
    known = indicators.by_id()
    values: dict[str, Decimal | None] = {}
    for key, raw in (data.get("values") or {}).items():
        at = ("values", key)
        indicator = known.get(key)
        if indicator is None:
            mark = document.source.locate(at, key=True)
            problems.append(
                Problem(
                    display,
                    f"chỉ tiêu '{key}' không có trong danh mục",
                    mark.line if mark else None,
                    mark.column if mark else None,
                    hint=f"danh mục: {indicators.file}",
                )
            )
            continue
        if raw is None:
            values[key] = None
            continue
        value = _number(raw)
        if value is None or value < 0:
            problems.append(
                _problem(document, at, f"'{raw}' không phải số không âm ({indicator.label})")
            )
        elif indicator.is_percent and value > 100:
            problems.append(
                _problem(document, at, f"tỷ lệ {raw} ngoài khoảng 0–100 ({indicator.label})")
            )
        elif not indicator.is_percent and value != value.to_integral_value():
            problems.append(
                _problem(document, at, f"'{raw}' phải là số nguyên ({indicator.label})")
            )
        else:
            values[key] = value
    problems += _parts_problems(document, indicators, values)
    if problems:
        raise PlanError(problems)
    return Statistics(display, values, found=True)


def _parts_problems(
    document: Document, indicators: IndicatorList, values: dict[str, Decimal | None]
) -> list[Problem]:
    problems = []
    for (parent, _), parts in _breakdowns(indicators).items():
        total = values.get(parent)
        filled = [(p, values[p.id]) for p in parts if values.get(p.id) is not None]
        if total is None or not filled:
            continue
        added = sum((value for _, value in filled if value is not None), Decimal(0))
        if added > total:
            names = " + ".join(p.label for p, _ in filled)
            problems.append(
                _problem(
                    document,
                    ("values", filled[-1][0].id),
                    f"{names} = {added} lớn hơn {indicators.by_id()[parent].label} = {total}",
                )
            )
    return problems


def _breakdowns(indicators: IndicatorList) -> dict[tuple[str, str], list[Indicator]]:
    found: dict[tuple[str, str], list[Indicator]] = {}
    for indicator in indicators.all():
        if indicator.part_of is not None:
            found.setdefault((indicator.part_of, indicator.breakdown), []).append(indicator)
    return found


def load_figures(path: Path, display: str, indicators: IndicatorList, period: Period) -> Statistics:
    """The figures file at ``path``; an empty, not-found ``Statistics`` when there is none."""
    if not path.is_file():
        return Statistics(display)
    return parse_figures(read_text(path, display), display, indicators, period)


# --- the annex ---------------------------------------------------------------------------


@dataclass(frozen=True)
class AnnexRow:
    number: str  # "1", "1.2"
    label: str
    unit: str
    value: Decimal | None
    share: Decimal | None = None  # a part's share of its total, in percent
    heading: bool = False

    def value_text(self) -> str:
        if self.heading:
            return ""
        if self.value is None:
            return "chưa có số liệu"
        if self.unit == PERCENT_UNIT:
            return percent_text(self.value)
        return f"{int(self.value):,}".replace(",", ".")

    def share_text(self) -> str:
        return percent_text(self.share) + "%" if self.share is not None else ""


def annex(indicators: IndicatorList, statistics: Statistics) -> list[AnnexRow]:
    """The annex table's rows: a heading per group, then its indicators; a part shows its
    share of its total (the parts of a breakdown that add up to it share 100 % exactly)."""
    values = statistics.values
    shares: dict[str, Decimal] = {}
    for (parent, _), parts in _breakdowns(indicators).items():
        total = values.get(parent)
        counts = [values.get(p.id) for p in parts]
        if total is None or total <= 0 or indicators.by_id()[parent].is_percent:
            continue
        filled = [value for value in counts if value is not None]
        if len(filled) == len(parts) and sum(filled) == total:
            tenths = largest_remainder([int(v) for v in filled], 1000)
            shares.update({p.id: Decimal(t) / 10 for p, t in zip(parts, tenths, strict=True)})
            continue
        for part, value in zip(parts, counts, strict=True):
            if value is not None:
                shares[part.id] = percent(int(value), int(total))
    rows: list[AnnexRow] = []
    for g, (title, group) in enumerate(indicators.groups, start=1):
        rows.append(AnnexRow(str(g), title, "", None, heading=True))
        for i, indicator in enumerate(group, start=1):
            label = ("Trong đó: " if indicator.part_of else "") + indicator.label
            rows.append(
                AnnexRow(
                    f"{g}.{i}",
                    label,
                    indicator.unit,
                    values.get(indicator.id),
                    shares.get(indicator.id),
                )
            )
    return rows


def figures_schema(indicators: IndicatorList) -> dict[str, Any]:
    """The JSON Schema of a figures file for ``indicators`` (``schema/figures.schema.json``)."""
    properties: dict[str, Any] = {}
    for indicator in indicators.all():
        entry: dict[str, Any] = {
            "title": indicator.label,
            "description": f"{indicator.group}; đơn vị: {indicator.unit}"
            + (f"; là một phần của '{indicator.part_of}'" if indicator.part_of else ""),
            "type": ["number", "string", "null"],
            "minimum": 0,
        }
        if indicator.is_percent:
            entry["maximum"] = 100
        properties[indicator.id] = entry
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Số liệu thống kê của báo cáo cải cách hành chính",
        "description": "Tệp reports/<kế hoạch>-<kỳ>.so-lieu.yaml: mỗi chỉ tiêu một dòng 'mã: số'.",
        "type": "object",
        "additionalProperties": False,
        "required": ["period", "values"],
        "properties": {
            "period": {"title": "Kỳ báo cáo", "type": "string", "description": "Ví dụ 2024-Q1"},
            "values": {
                "title": "Số liệu",
                "type": "object",
                "additionalProperties": False,
                "properties": properties,
            },
        },
    }


def schema_text(indicators: IndicatorList) -> str:
    return json.dumps(figures_schema(indicators), ensure_ascii=False, indent=2) + "\n"


def latest_figures(
    plan_file: Path, year: int, indicators: IndicatorList
) -> tuple[Period, Statistics] | None:
    """The figures file of the plan's latest period (``overdue --group-by agency``'s sheet)."""
    from cai_cach.periods import parse_period

    stem = plan_file.stem.removesuffix(f"-{year}")
    found: list[tuple[Period, Path]] = []
    for path in (plan_file.parent / "reports").glob(f"{stem}-*{SUFFIX}"):
        key = path.name[len(stem) + 1 : -len(SUFFIX)]
        try:
            period = parse_period(key)
        except ValueError:
            continue
        if period.year == year:
            found.append((period, path))
    if not found:
        return None
    period, path = max(found, key=lambda pair: (pair[0].end, pair[0].start))
    return period, load_figures(path, str(path), indicators, period)
