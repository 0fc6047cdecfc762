"""The status page a chairman opens: one self-contained HTML file (no server, no network, prints
on A4, readable on a phone) with the plan's standing by area and by lead as charts, overdue
work by lead with days late, the next 30 days, the periodic reports and the as-of date — or,
over many plans, the province's view with one row per commune.

Everything from a plan is escaped (Jinja's autoescape); the charts are matplotlib's SVG,
embedded as they are. Jinja and matplotlib are imported only when a page is written.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

from cai_cach.charts import Bar, standing_chart
from cai_cach.errors import NotFoundError
from cai_cach.models import Plan, Section, Task
from cai_cach.periods import format_day
from cai_cach.schedule import Obligation, obligations, state_on
from cai_cach.text import shorten

if TYPE_CHECKING:
    from jinja2 import Template

    from cai_cach.rollup import Rollup

TEMPLATE = "status.html.j2"
NEXT_DAYS = 30
TITLE_WIDTH = 90


@dataclass(frozen=True)
class Line:
    """One obligation as the page lists it."""

    task: str
    title: str
    what: str
    leads: str
    due: date
    done: date | None
    state: str
    days_late: int


@dataclass
class PlanPage:
    """What the page shows of one plan."""

    title: str
    agency: str
    file: str
    as_of: date
    areas: list[Bar] = field(default_factory=list)
    leads: list[Bar] = field(default_factory=list)
    overdue_by_lead: list[tuple[str, list[Line]]] = field(default_factory=list)
    upcoming: list[Line] = field(default_factory=list)
    reports: list[Line] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def totals(self) -> Bar:
        return Bar(
            "Tổng",
            sum(b.on_time for b in self.areas),
            sum(b.late for b in self.areas),
            sum(b.not_due for b in self.areas),
            sum(b.overdue for b in self.areas),
        )


_STATE_KEY = {"done": "on_time", "done_late": "late", "not_due": "not_due", "overdue": "overdue"}
STATE_WORDS = {
    "on_time": "Hoàn thành đúng hạn",
    "late": "Hoàn thành quá hạn",
    "not_due": "Còn trong hạn",
    "overdue": "Quá hạn",
}


def _add(counts: dict[str, dict[str, int]], label: str, state: str) -> None:
    bucket = counts.setdefault(label, {"on_time": 0, "late": 0, "not_due": 0, "overdue": 0})
    bucket[state] += 1


def _bars(counts: dict[str, dict[str, int]]) -> list[Bar]:
    return [Bar(label, **values) for label, values in counts.items()]


def _line(plan: Plan, task: Task, obligation: Obligation, as_of: date) -> Line:
    dated = state_on(obligation, as_of)
    what = obligation.label
    return Line(
        task.id,
        shorten(task.title, TITLE_WIDTH),
        what,
        ", ".join(plan.titles(task.lead)) or "chưa rõ",
        obligation.due,
        obligation.done if obligation.done is not None and obligation.done <= as_of else None,
        _STATE_KEY[dated.state],
        dated.days_late,
    )


def _area_label(section: Section | None) -> str:
    if section is None:
        return "Tổ chức thực hiện (báo cáo định kỳ)"
    return f"{section.id}. {section.title}"


def plan_page(plan: Plan, file: str, as_of: date) -> PlanPage:
    """The page of one plan as things stand on ``as_of``."""
    page = PlanPage(plan.plan.title, plan.plan.agency.name, file, as_of)
    sections = {id(task): section for section, task in plan.tasks()}
    by_area: dict[str, dict[str, int]] = {}
    by_lead: dict[str, dict[str, int]] = {}
    overdue: dict[str, list[Line]] = {}
    horizon = as_of + timedelta(days=NEXT_DAYS)
    for obligation in obligations(plan):
        task = obligation.task
        line = _line(plan, task, obligation, as_of)
        _add(by_area, _area_label(sections[id(task)]), line.state)
        for lead in plan.titles(task.lead) or ["chưa rõ"]:
            _add(by_lead, lead, line.state)
            if line.state == "overdue":
                overdue.setdefault(lead, []).append(line)
        if line.done is None and as_of <= obligation.due <= horizon:
            page.upcoming.append(line)
        if sections[id(task)] is None:
            page.reports.append(line)
    page.areas = _bars(by_area)
    page.leads = sorted(_bars(by_lead), key=lambda bar: (-bar.overdue, bar.label))
    page.overdue_by_lead = sorted(
        (
            (lead, sorted(lines, key=lambda line: -line.days_late))
            for lead, lines in overdue.items()
        ),
        key=lambda pair: (-len(pair[1]), pair[0]),
    )
    page.upcoming.sort(key=lambda line: (line.due, line.task))
    if as_of.year > plan.year:
        page.warnings.append(
            f"Kế hoạch năm {plan.year} đã kết thúc ngày 31/12/{plan.year}: trang này cho thấy "
            "những việc còn lại của năm đó."
        )
    return page


def _template() -> Template:
    """The page's template (shipped with the default report templates), HTML-escaping."""
    from jinja2 import Environment, StrictUndefined

    from cai_cach.render import template_folders

    for folder in template_folders():
        candidate = folder / TEMPLATE
        if candidate.is_file():
            source = candidate.read_text(encoding="utf-8")
            break
    else:
        raise NotFoundError(
            f"không tìm thấy mẫu trang '{TEMPLATE}'", "cài lại caicach (pip install .)"
        )
    env = Environment(
        autoescape=True, undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True
    )
    env.filters["day"] = lambda value: format_day(value) if value is not None else ""
    env.globals["STATE_WORDS"] = STATE_WORDS
    return env.from_string(source)


def _svg(bars: Sequence[Bar], title: str) -> str:
    """An inline SVG chart, without the XML prologue (it sits inside the HTML)."""
    import re

    text = standing_chart(bars, title=title, fmt="svg").decode("utf-8")
    start = text.find("<svg")
    text = text[start:] if start >= 0 else text
    return re.sub(r"\s*<metadata>.*?</metadata>", "", text, count=1, flags=re.S)


def render_plans(pages: Iterable[PlanPage], generated: date) -> str:
    """The HTML of the status page of one or several plans."""
    from markupsafe import Markup

    template = _template()
    shown = []
    for page in pages:
        charts = {
            "areas": Markup(_svg(page.areas, "")) if page.areas else None,
            "leads": Markup(_svg(page.leads, "")) if page.leads else None,
        }
        shown.append({"page": page, "charts": charts})
    return template.render(kind="plans", plans=shown, generated=generated, rollup=None, chart=None)


def render_rollup(rollup: Rollup, generated: date, *, chart_rows: int = 30) -> str:
    """The HTML of the province's view: one row per commune, the most overdue first, and a chart
    of the ``chart_rows`` most overdue communes."""
    from markupsafe import Markup

    bars = [
        Bar(
            group.agency,
            group.done - group.done_late,
            group.done_late,
            max(group.obligations - group.done - group.overdue, 0),
            group.overdue,
        )
        for group in rollup.groups[:chart_rows]
    ]
    chart = Markup(_svg(bars, f"{len(bars)} đơn vị quá hạn nhiều nhất")) if bars else None
    return _template().render(
        kind="rollup", plans=[], generated=generated, rollup=rollup, chart=chart
    )
