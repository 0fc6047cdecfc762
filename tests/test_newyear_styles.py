"""``new --year`` on every plan ``check`` accepts, whatever its YAML style (issue 20, item 1):
the plan format's examples (docs/tep-ke-hoach.md) in both styles, and generated plans in mixed
styles with progress."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cai_cach.loading import load_plan, plan_from_bytes
from cai_cach.models import Plan
from cai_cach.newyear import new_year_text
from cai_cach.schedule import obligations
from tests.helpers import REPO, run

# The plan format's examples (README.md sends the clerk to docs/tep-ke-hoach.md for them).
FORMAT = (REPO / "docs" / "tep-ke-hoach.md").read_text(encoding="utf-8")
EXAMPLES = re.findall(r"```yaml\n(plan:.*?)```", FORMAT, re.S)

# The block example elides two tasks with "...": filled in, and its commented progress lines
# switched on, it is a whole plan with progress.
_FILLED = "        title: Nhiệm vụ khác\n        lead: [tc-kt]\n        timeline: Thường xuyên.\n"


def block_example() -> str:
    text = EXAMPLES[0]
    text = text.replace("      - id: 5.a\n        ...\n", "      - id: 5.a\n" + _FILLED)
    # The duty's elided fields ("    ..." under "- id: III.1", after any lines the page shows).
    text = text.replace(
        "\n    ...\n",
        "\n    title: Báo cáo\n    lead: [tc-kt]\n    timeline: Hằng quý.\n"
        "    recurring:\n      - {what: Báo cáo quý, every: quý, done: {2024-Q1: 2024-03-15}}\n",
    )
    text = text.replace("# done: 2024-03-20  ←", "done: 2024-03-20  # ←")
    for line in ("note: Đã ban hành", "done: {2024-Q1: 2024-03-18}"):
        text = text.replace(f"# {line}", line)
    return text


def flow_example() -> str:
    return EXAMPLES[1].replace("due: Tháng 9/2025}", "due: Tháng 9/2025, done: 2025-09-20}")


def shifted(day: date, years: int) -> date:
    if (day.month, day.day) == (2, 29):
        return date(day.year + years, 2, 28)
    return day.replace(year=day.year + years)


def owed(plan: Plan, years: int = 0) -> set[tuple[str, str, date, str | None]]:
    def key(period_key: str | None) -> str | None:
        if period_key is None:
            return None
        head, _, tail = period_key.partition("-")
        return "-".join(filter(None, (str(int(head) + years), tail)))

    return {
        (task.id, o.what, shifted(o.due, years), key(o.period.key if o.period else None))
        for task, o in obligations(plan)
    }


def no_progress(plan: Plan) -> bool:
    for _, task in plan.tasks():
        if task.notes or task.added or task.cancelled:
            return False
        if any(m.done or m.note for m in task.milestones) or any(r.done for r in task.recurring):
            return False
    return not plan.amendments


def test_the_documented_examples_in_both_styles_go_through_new(tmp_path: Path) -> None:
    for name, text, year in (
        ("tinh-minh-2024", block_example(), 2024),
        ("hoa-binh-2025", flow_example(), 2025),
    ):
        source = tmp_path / f"{name}.yaml"
        source.write_text(text, encoding="utf-8")
        code, output = run("check", source)
        assert code == 0, output
        old = load_plan(source).plan
        assert not no_progress(old)
        code, output = run("new", "--year", year + 1, "--from", source)
        assert code == 0, output
        target = tmp_path / f"{name.replace(str(year), str(year + 1))}.yaml"
        new = load_plan(target).plan
        assert new.year == year + 1 and no_progress(new)
        assert new.plan.decision is None and new.plan.document is None
        assert "# xem lại: plan." in target.read_text(encoding="utf-8")
        # the Hòa Bình plan started on 15/07: next year's starts when it is signed
        full = old.model_copy(update={"plan": old.plan.model_copy(update={"start": None})})
        if name.startswith("hoa-binh"):
            full.plan.document = None
        assert owed(new) == owed(full, 1)
        code, output = run("check", target)
        # valid, and a draft until the clerk has looked at each '# xem lại' mark
        assert code == 1 and "bản nháp: còn" in output and "lỗi:" not in output, output


def test_flow_style_recorded_periods_crlf_and_bom(tmp_path: Path) -> None:
    """The case of the issue: a recorded recurring period in a flow mapping, CRLF, BOM."""
    text = flow_example().replace(
        "          - {what: Công khai đợt 2, due: Tháng 12/2025}\n",
        "          - {what: Công khai đợt 2, due: Tháng 12/2025}\n"
        "        recurring:\n"
        "          - {what: Báo cáo quý, every: quý, done: {2025-Q3: 2025-09-28}}\n"
        "        notes: [{date: 2025-08-01, text: 'Đã công khai: đợt 1'}]\n",
    )
    raw = b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8")
    result = new_year_text(raw, 2025, 2027, "hoa-binh-2025.yaml")
    assert result.data.startswith(b"\xef\xbb\xbf")
    assert b"\n" not in result.data.replace(b"\r\n", b"")
    assert result.removed_progress == 3
    assert no_progress(result.plan) and result.plan.year == 2027
    assert "done" not in result.text and "Công khai đợt 1, due: Tháng 9/2027}" in result.text
    assert "[{" not in result.text  # the notes entry went whole


# --- generated plans -----------------------------------------------------------------------

YEAR = 2024  # a leap year: 29/02 moves to 28/02


@dataclass
class Node:
    """A YAML value and how to write it: a mapping (``dict``), a sequence or a scalar."""

    value: object
    flow: bool = False
    quote: str = ""  # "", "'" or '"'
    comment: str = ""


def scalar_text(node: Node, in_flow: bool) -> str:
    text = str(node.value)
    plain_ok = not any(c in text for c in ":#{}[],'\"") and text.strip() == text
    quote = node.quote or ("" if plain_ok else '"')
    if quote == "'":
        return "'" + text.replace("'", "''") + "'"
    if quote == '"':
        return json.dumps(text, ensure_ascii=False)
    return text


def flow_text(node: Node) -> str:
    if isinstance(node.value, dict):
        items = ", ".join(f"{k}: {flow_text(v)}" for k, v in node.value.items())
        return "{" + items + "}"
    if isinstance(node.value, list):
        return "[" + ", ".join(flow_text(v) for v in node.value) + "]"
    return scalar_text(node, True)


def block_lines(node: Node, indent: int) -> list[str]:
    pad = " " * indent
    lines: list[str] = []
    if isinstance(node.value, dict):
        for key, value in node.value.items():
            comment = f"  # {value.comment}" if value.comment else ""
            if isinstance(value.value, dict | list) and not value.flow and value.value:
                lines.append(f"{pad}{key}:{comment}")
                lines += block_lines(value, indent + 2)
            else:
                text = (
                    flow_text(value)
                    if isinstance(value.value, dict | list)
                    else scalar_text(value, False)
                )
                lines.append(f"{pad}{key}: {text}{comment}")
        return lines
    assert isinstance(node.value, list)
    for item in node.value:
        if isinstance(item.value, dict) and not item.flow:
            inner = block_lines(item, indent + 2)
            lines.append(f"{pad}- " + inner[0][indent + 2 :])
            lines += inner[1:]
        else:
            text = (
                flow_text(item) if isinstance(item.value, dict | list) else scalar_text(item, False)
            )
            lines.append(f"{pad}- {text}")
    return lines


styles = st.booleans()
quotes = st.sampled_from(["", "'", '"'])


@st.composite
def text_node(draw: st.DrawFn, words: list[str]) -> Node:
    return Node(draw(st.sampled_from(words)), quote=draw(quotes))


@st.composite
def day_node(draw: st.DrawFn) -> Node:
    day = draw(st.dates(date(YEAR, 1, 1), date(YEAR, 12, 31)))
    form = draw(st.sampled_from(["iso", "dmy"]))
    text = day.isoformat() if form == "iso" else f"{day.day}/{day.month}/{day.year}"
    return Node(text, quote=draw(quotes))


@st.composite
def deadline_node(draw: st.DrawFn) -> Node:
    kind = draw(st.sampled_from(["day", "quarter", "month", "year", "before"]))
    if kind == "day":
        return draw(day_node())
    if kind == "quarter":
        text = f"Quý {draw(st.sampled_from(['I', 'II', 'III', 'IV']))}/{YEAR}"
    elif kind == "month":  # not February: its last day differs between years
        text = f"Tháng {draw(st.sampled_from([1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]))}/{YEAR}"
    elif kind == "year":
        text = f"Năm {YEAR}"
    else:
        text = f"Trước ngày {draw(st.integers(1, 28))}/{draw(st.integers(1, 12))}/{YEAR}"
    return Node(text, quote=draw(quotes))


TITLES = [
    f"Rà soát văn bản năm {YEAR}",
    "Thực hiện Nghị định số 45/2020/NĐ-CP",
    "Giai đoạn 2021-2025: chuyển đổi số",
    "Tuyên truyền cải cách hành chính",
]


@st.composite
def milestone(draw: st.DrawFn, index: int) -> Node:
    entries: dict[str, Node] = {
        "what": Node(f"Mốc {index}", quote=draw(quotes)),
        "due": draw(deadline_node()),
    }
    if draw(st.booleans()):
        entries["done"] = draw(day_node())
        if draw(st.booleans()):
            entries["note"] = Node("Đã xong: văn bản 12/KH-UBND", quote='"')
    keys = list(entries)
    if draw(st.booleans()):  # progress first: "- done: …" on the dash's line
        keys = keys[2:] + keys[:2]
    return Node({k: entries[k] for k in keys}, flow=draw(styles))


@st.composite
def recurrence(draw: st.DrawFn) -> Node:
    every, keys = draw(
        st.sampled_from(
            [
                ("quý", [f"{YEAR}-Q{q}" for q in range(1, 5)]),
                ("tháng", [f"{YEAR}-{m:02d}" for m in range(1, 13)]),
                ("6 tháng", [f"{YEAR}-H1", f"{YEAR}-H2"]),
            ]
        )
    )
    entries = {"what": Node("Báo cáo định kỳ"), "every": Node(every, quote=draw(quotes))}
    done = draw(st.lists(st.sampled_from(keys), unique=True, max_size=3))
    if done:
        entries["done"] = Node({k: draw(day_node()) for k in done}, flow=draw(styles))
    return Node(entries, flow=draw(styles))


@st.composite
def task(draw: st.DrawFn, task_id: str) -> Node:
    entries: dict[str, Node] = {
        "id": Node(task_id, quote='"'),
        "title": draw(text_node(TITLES)),
        "lead": Node([Node("vp")], flow=draw(styles)),
        "timeline": draw(
            text_node([f"Quý I/{YEAR}", "Thường xuyên", f"Năm {YEAR} và năm {YEAR + 1}"])
        ),
    }
    milestones = [draw(milestone(i)) for i in range(draw(st.integers(0, 2)))]
    if milestones:
        entries["milestones"] = Node(milestones, flow=draw(styles))
    if draw(st.booleans()):
        entries["recurring"] = Node([draw(recurrence())], flow=draw(styles))
    if not milestones and "recurring" not in entries:
        entries["ongoing"] = Node("true")
    if draw(st.booleans()):
        note = Node({"date": draw(day_node()), "text": Node("Đã làm: đợt 1", quote="'")})
        note.flow = draw(styles)
        entries["notes"] = Node([note], flow=draw(styles))
    entries["title"].comment = draw(st.sampled_from(["", "nguyên văn"]))
    return Node(entries, flow=draw(styles))


@st.composite
def plan_text(draw: st.DrawFn) -> tuple[bytes, bool]:
    info: dict[str, Node] = {
        "title": Node(f"Kế hoạch cải cách hành chính năm {YEAR}", quote=draw(quotes)),
        "year": Node(str(YEAR)),
        "agency": Node({"name": Node("UBND xã Thử"), "place": Node("Thử")}, flow=draw(styles)),
    }
    if draw(st.booleans()):
        info["decision"] = Node(
            {
                "number": Node("479/QĐ-UBND"),
                "date": Node(f"{YEAR - 1}-12-26"),
                "signer": Node("Lê Văn A"),
                "signer_title": Node("Chủ tịch"),
            },
            flow=draw(styles),
        )
    if draw(st.booleans()):
        info["end"] = Node(f"{YEAR}-06-30")
    sections = []
    for s in range(draw(st.integers(1, 2))):
        tasks = [draw(task(f"{s + 1}.{t + 1}")) for t in range(draw(st.integers(1, 2)))]
        sections.append(
            Node(
                {
                    "id": Node(str(s + 1), quote='"'),
                    "title": Node(f"Mục {s + 1}"),
                    "tasks": Node(tasks, flow=draw(styles)),
                },
                flow=draw(styles),
            )
        )
    root = Node(
        {
            "plan": Node(info, flow=draw(st.booleans())),
            "officials": Node({"vp": Node({"title": Node("Văn phòng")}, flow=draw(styles))}),
            "sections": Node(sections),
        }
    )
    text = "# kế hoạch thử\n" + "\n".join(block_lines(root, 0)) + "\n"
    crlf, bom = draw(st.booleans()), draw(st.booleans())
    if crlf:
        text = text.replace("\n", "\r\n")
    return (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"), crlf


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plan_text(), st.integers(1, 3))
def test_new_year_of_any_style(source: tuple[bytes, bool], years: int) -> None:
    raw, crlf = source
    old, _ = plan_from_bytes(raw, "nguon.yaml")  # check accepts it
    result = new_year_text(raw, YEAR, YEAR + years, "nguon.yaml")
    new, _ = plan_from_bytes(result.data, "moi.yaml")  # and the new plan too
    assert new.year == YEAR + years
    assert no_progress(new)
    assert new.plan.decision is None
    assert owed(new) == owed(old, years)
    assert result.data.startswith(b"\xef\xbb\xbf") == raw.startswith(b"\xef\xbb\xbf")
    assert (b"\r\n" in result.data) == crlf
