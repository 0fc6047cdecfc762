"""Charts of a plan's standing (matplotlib, imported inside ``standing_chart``): one stacked
horizontal bar per area, lead or commune, in the four task states government task-tracking
counts — the same picture in the status page (SVG) and in the Word report (PNG).

The output is deterministic for the same input (fixed SVG ids, no creation date), so a page
or report written twice is byte-identical.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from cai_cach.text import shorten

ChartFormat = Literal["svg", "png"]

#: The four states, in the order the bars stack, with their legend words and colours
#: (colour-blind-safe: blue, orange, grey, vermilion).
STATES = (
    ("on_time", "Hoàn thành đúng hạn", "#0072b2"),
    ("late", "Hoàn thành quá hạn", "#e69f00"),
    ("not_due", "Chưa hoàn thành, còn trong hạn", "#bbbbbb"),
    ("overdue", "Chưa hoàn thành, quá hạn", "#d55e00"),
)
LABEL_WIDTH = 38
MAX_BARS = 40


@dataclass(frozen=True)
class Bar:
    """One bar: a label (an area, a lead, a commune) and its counts in the four states."""

    label: str
    on_time: int = 0
    late: int = 0
    not_due: int = 0
    overdue: int = 0

    @property
    def total(self) -> int:
        return self.on_time + self.late + self.not_due + self.overdue


def standing_chart(bars: Sequence[Bar], *, title: str, fmt: ChartFormat = "svg") -> bytes:
    """A stacked horizontal bar chart of ``bars`` (at most ``MAX_BARS``, the first ones), as SVG
    text or PNG bytes; ``title`` may be empty (the page's heading names it)."""
    import matplotlib

    matplotlib.use("Agg", force=False)
    from matplotlib.figure import Figure  # not pyplot: a Figure of its own needs no closing
    from matplotlib.ticker import MaxNLocator

    shown = list(bars)[:MAX_BARS]
    height = 1.5 + 0.36 * max(len(shown), 1)
    with matplotlib.rc_context(
        {
            "svg.hashsalt": "caicach",
            "svg.fonttype": "none",
            "font.family": "DejaVu Sans",
            "font.size": 11,
        }
    ):
        figure = Figure(figsize=(7.2, height), dpi=150, layout="constrained")
        axes = figure.add_subplot()
        labels = [shorten(bar.label, LABEL_WIDTH) for bar in shown]
        positions = list(range(len(shown)))
        left = [0] * len(shown)
        for key, legend, colour in STATES:
            values = [getattr(bar, key) for bar in shown]
            axes.barh(positions, values, left=left, color=colour, label=legend, height=0.62)
            left = [a + b for a, b in zip(left, values, strict=True)]
        for position, bar in zip(positions, shown, strict=True):
            axes.text(bar.total + 0.2, position, str(bar.total), va="center", fontsize=8)
        axes.set_yticks(positions, labels)
        axes.invert_yaxis()
        axes.set_xlabel("Số việc (mốc, kỳ báo cáo)")
        if title:
            axes.set_title(title, loc="left", fontweight="bold")
        axes.spines[["top", "right"]].set_visible(False)
        figure.legend(loc="outside lower center", ncol=2, frameon=False)
        axes.xaxis.set_major_locator(MaxNLocator(integer=True))
        buffer = io.BytesIO()
        metadata = {"Date": None} if fmt == "svg" else {"Software": None}
        figure.savefig(buffer, format=fmt, metadata=metadata)
    return buffer.getvalue()
