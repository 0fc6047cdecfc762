"""What the clerk types on the command line: days, periods, months, roles, plan arguments.

Every command reads these through here, so one spelling means one thing everywhere and a
mistake gets the same Vietnamese message naming the option.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from cai_cach.errors import NotFoundError, UsageError

if TYPE_CHECKING:
    from cai_cach.loading import LoadedPlan
    from cai_cach.matching import Role
    from cai_cach.periods import Period, PeriodKind

# --- days ------------------------------------------------------------------------------------


def day_option(option: str, text: str | None) -> date | None:
    """The day given to ``option`` (2024-03-20, 20/03/2024, "ngày 20 tháng 3 năm 2024"),
    ``None`` when not given."""
    from cai_cach.periods import parse_day

    if text is None:
        return None
    try:
        return parse_day(text)
    except ValueError as err:
        raise UsageError(f"{option}: {err}") from None


def day_or_today(option: str, text: str | None) -> date:
    """The day given to ``option``, else today."""
    return day_option(option, text) or date.today()


def as_of_day(text: str | None) -> date:
    """``--as-of``: the day statuses are taken on; today when not given."""
    return day_or_today("--as-of", text)


# --- periods ---------------------------------------------------------------------------------

PERIOD_EXAMPLES = "Q1, quý I, 6t, 9t, năm, 2024-Q1, Q1/2024, 03/2024, 2024-H1, 2024"

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_PART = (
    r"(?:q\s*(?P<q>[1-4])|quy\s*(?P<qv>iv|iii|ii|i|[1-4])|h\s*(?P<h>[12])"
    r"|6\s*t(?:hang)?(?:\s*(?P<half>dau|cuoi))?(?:\s*nam)?"
    r"|(?P<nine>9\s*t(?:hang)?(?:\s*dau)?(?:\s*nam)?|9\s*m)"
    r"|(?P<year>(?:ca\s+)?nam)|(?:thang\s*)?(?P<m>\d{1,2}))"
)
_YEAR_AFTER = re.compile(rf"{_PART}(?:\s*(?:/|-|nam)\s*|\s+)(?P<y>\d{{4}})")
_YEAR_BEFORE = re.compile(rf"(?P<y>\d{{4}})\s*-\s*{_PART}")
_ALONE = re.compile(_PART)


@dataclass(frozen=True)
class PeriodSpec:
    """A period as typed: its kind and index, and its year when the clerk wrote one."""

    kind: PeriodKind
    index: int
    year: int | None
    text: str
    option: str

    def resolve(self, years: Iterable[int]) -> Period:
        """The period, its year taken from the plans in play when the clerk wrote none."""
        from cai_cach.periods import Period

        year = self.year
        if year is None:
            known = sorted(set(years))
            if len(known) != 1:
                found = f" (kế hoạch các năm {', '.join(map(str, known))})" if known else ""
                raise UsageError(
                    f"{self.option} '{self.text}' không nêu năm{found}",
                    f"ghi rõ năm, ví dụ {self.option} {self.text.strip()}/2024",
                )
            year = known[0]
        try:
            return Period(year, self.kind, self.index)
        except ValueError as err:
            raise UsageError(f"{self.option}: {err}") from None


def period_spec(text: str, option: str = "--period") -> PeriodSpec:
    """Read a period: the long forms of ``periods.parse_period`` (2024-Q1, 'Quý I/2024', …)
    and the short ones clerks type (Q1, quý I, 6t, 9t, năm, Q1/2024, 03/2024), with or
    without a year."""
    from cai_cach.periods import parse_period
    from cai_cach.text import fold

    try:
        period = parse_period(text)
    except ValueError as err:
        if "không tồn tại" in str(err):
            raise UsageError(f"{option}: {err}") from None
    else:
        return PeriodSpec(period.kind, period.index, period.year, text, option)
    cleaned = " ".join(fold(text).split()).strip(" .;,")
    for pattern in (_YEAR_AFTER, _YEAR_BEFORE, _ALONE):
        match = pattern.fullmatch(cleaned)
        if match is None:
            continue
        year = int(match["y"]) if "y" in match.groupdict() and match["y"] else None
        if match["m"] is not None and year is None and not cleaned.startswith("thang"):
            continue  # a bare number is not a month without its year
        kind, index = _kind_index(match)
        if kind == "month" and not 1 <= index <= 12:
            raise UsageError(f"{option}: tháng {index} không tồn tại")
        return PeriodSpec(kind, index, year, text, option)
    raise UsageError(f"{option}: không hiểu kỳ '{text}'", f"ví dụ: {PERIOD_EXAMPLES}")


def _kind_index(match: re.Match[str]) -> tuple[PeriodKind, int]:
    if match["q"]:
        return "quarter", int(match["q"])
    if match["qv"]:
        quarter = match["qv"]
        return "quarter", _ROMAN[quarter] if quarter in _ROMAN else int(quarter)
    if match["h"]:
        return "half", int(match["h"])
    if match["nine"]:
        return "nine_months", 1
    if match["year"]:
        return "year", 1
    if match["m"]:
        return "month", int(match["m"])
    return "half", 2 if match["half"] == "cuoi" else 1


def month_option(text: str | None, as_of: str | None, option: str = "--month") -> Period:
    """``--month`` (2024-04, 04/2024, 'tháng 4/2024'; 'tháng 4' takes the year of
    ``--as-of``), else the month of ``--as-of`` (today)."""
    from cai_cach.periods import Period

    day = as_of_day(as_of)
    if text is None:
        return Period(day.year, "month", day.month)
    spec = period_spec(text, option)
    if spec.kind != "month":
        shown = spec.resolve([spec.year or day.year]).label
        raise UsageError(f"{option} cần một tháng, không phải {shown}", "ví dụ 2024-04")
    return spec.resolve([day.year])


# --- officials -------------------------------------------------------------------------------

ROLE_WORDS: dict[str, Role] = {"chu-tri": "lead", "phoi-hop": "support", "tat-ca": "any"}
_ROLE_ALIASES: dict[str, Role] = {"lead": "lead", "support": "support", "any": "any"}
DEFAULT_ROLE = "chu-tri"  # one default for every command with --by


def parse_role(text: str) -> Role:
    """``chu-tri``/``chủ trì``/``lead``, ``phoi-hop``/``support``, ``tat-ca``/``any``."""
    from cai_cach.text import fold

    key = "-".join(fold(text).split())
    role = ROLE_WORDS.get(key) or _ROLE_ALIASES.get(key)
    if role is None:
        raise UsageError(
            f"--role phải là chu-tri, phoi-hop hoặc tat-ca, không phải '{text}'",
            "chu-tri: người đó chủ trì; phoi-hop: người đó phối hợp; tat-ca: cả hai",
        )
    return role


def officials_for(loaded: LoadedPlan, query: str | None) -> set[str] | None:
    """The ids of the plan's officials that ``--by`` names (``None``: no ``--by``)."""
    from cai_cach.matching import official_ids

    return None if query is None else official_ids(loaded.plan, query)


def official_titles(plans: Iterable[LoadedPlan]) -> list[str]:
    """The official titles of the plans (what ``--by`` can match)."""
    return [official.title for loaded in plans for official in loaded.plan.officials.values()]


def no_official_matched(query: str, titles: Iterable[str]) -> NotFoundError:
    """``--by`` matched nobody: the error lists the titles the plans read do have."""
    return NotFoundError(
        f"không có công chức nào khớp với '{query}'",
        "các chức danh có trong kế hoạch: " + "; ".join(sorted(set(titles))),
    )


# --- plan files ------------------------------------------------------------------------------

_TASK_OR_SECTION = re.compile(r"(?:\d{1,2}|III)(?:\.\w{1,3}\d?)?", re.IGNORECASE)


def plan_arguments(positional: list[str] | None, option: list[str] | None) -> list[str]:
    """Plan files and folders from the positional PLANS and ``-p/--plan``, in that order.

    A task or section id where a plan file was expected (``caicach list 2.a``) is a usage
    error that says how to see one task, not "file not found"."""
    arguments = [*(positional or []), *(option or [])]
    for argument in arguments:
        if _TASK_OR_SECTION.fullmatch(argument) and not Path(argument).exists():
            raise UsageError(
                f"'{argument}' là mã nhiệm vụ hoặc mục, không phải tệp kế hoạch",
                f"xem đầy đủ một nhiệm vụ hay một mục: caicach show {argument}; "
                "chỉ tệp kế hoạch bằng -p, ví dụ -p plans/ke-hoach.yaml",
            )
    return arguments
