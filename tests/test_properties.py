"""Property tests: generated valid plans round-trip; mutated plans always end in a clean error."""

from __future__ import annotations

import string
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from cai_cach.cli import app
from cai_cach.loading import load_plan
from cai_cach.models import Plan
from cai_cach.periods import Period, parse_period
from cai_cach.yamlsource import parse
from tests.helpers import MINIMAL_PLAN

VIETNAMESE = (
    "aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ"
)
ALPHABET = VIETNAMESE + VIETNAMESE.upper() + string.digits + " ,.;:-/()#&<>\"'%!?@*"
YEAR = 2024
LETTERS = "a b c d đ e g h i k l m n".split()  # noqa: SIM905

texts = st.text(alphabet=ALPHABET, min_size=1, max_size=30).map(str.strip).filter(bool)
days = st.dates(min_value=date(YEAR, 1, 1), max_value=date(YEAR, 12, 31))
official_ids = st.from_regex(r"[a-z]{2,5}(-[a-z]{2,4})?", fullmatch=True)


@st.composite
def deadlines(draw: st.DrawFn) -> str:
    kind = draw(st.sampled_from(["iso", "quarter", "month", "half", "year"]))
    if kind == "iso":
        return draw(days).isoformat()
    if kind == "quarter":
        roman = draw(st.sampled_from(["I", "II", "III", "IV"]))
        return draw(st.sampled_from([f"Quý {roman}/{YEAR}", f"Quý {roman} năm {YEAR}"]))
    if kind == "month":
        return f"Tháng {draw(st.integers(1, 12))} năm {YEAR}"
    if kind == "half":
        return f"6 tháng đầu năm {YEAR}"
    return draw(st.sampled_from([f"Năm {YEAR}", f"Trong năm {YEAR}"]))


@st.composite
def recurrences(draw: st.DrawFn) -> dict[str, Any]:
    every = draw(st.sampled_from(["tháng", "quý", "6 tháng", "năm"]))
    cadence = {"tháng": "month", "quý": "quarter", "6 tháng": "half", "năm": "year"}[every]
    count = {"month": 12, "quarter": 4, "half": 2, "year": 1}[cadence]
    indexes = draw(st.sets(st.integers(1, count), max_size=3))
    done = {Period(YEAR, cadence, i).key: draw(days) for i in sorted(indexes)}  # type: ignore[arg-type]
    record: dict[str, Any] = {"what": draw(texts), "every": every}
    if done:
        record["done"] = done
    return record


@st.composite
def plans(draw: st.DrawFn) -> dict[str, Any]:
    ids = draw(st.lists(official_ids, min_size=1, max_size=4, unique=True))
    officials = {oid: {"title": draw(texts)} for oid in ids}
    sections = []
    for s_index in range(1, draw(st.integers(1, 3)) + 1):
        tasks = []
        for letter in LETTERS[: draw(st.integers(1, 4))]:
            task: dict[str, Any] = {
                "id": f"{s_index}.{letter}",
                "title": draw(texts),
                "lead": draw(st.lists(st.sampled_from(ids), min_size=1, max_size=2, unique=True)),
                "timeline": draw(texts),
            }
            milestones = [
                {"what": draw(texts), "due": draw(deadlines())}
                | ({"done": draw(days)} if draw(st.booleans()) else {})
                for _ in range(draw(st.integers(0, 2)))
            ]
            if milestones:
                task["milestones"] = milestones
            if draw(st.booleans()):
                task["recurring"] = [draw(recurrences())]
            if draw(st.booleans()):
                task["notes"] = [{"date": draw(days), "text": draw(texts)}]
            if not milestones and "recurring" not in task:
                task["ongoing"] = True
            tasks.append(task)
        sections.append({"id": str(s_index), "title": draw(texts), "tasks": tasks})
    return {
        "plan": {
            "title": draw(texts),
            "year": YEAR,
            "agency": {"name": draw(texts), "place": draw(texts)},
        },
        "officials": officials,
        "sections": sections,
    }


def dump(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)


@pytest.mark.slow
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans())
def test_generated_plans_round_trip_through_yaml(
    tmp_path_factory: Any, data: dict[str, Any]
) -> None:
    expected = Plan.model_validate(data)
    path = tmp_path_factory.mktemp("plan") / "plan.yaml"
    path.write_text(dump(data), encoding="utf-8")
    loaded = load_plan(path)
    assert loaded.plan == expected
    again = dump(loaded.plan.model_dump(mode="json", exclude_defaults=True))
    assert Plan.model_validate(parse(again, "again.yaml").data) == expected


HOSTILE_PIECES = [
    "\t",
    ":",
    ": ",
    "- ",
    "&a ",
    "*a",
    "!!python/object ",
    "#",
    " #x",
    "[",
    "]",
    "{",
    "}",
    '"',
    "'",
    "\u00a0",
    "\u0085",
    "\u2028",
    "\x00",
    "\ufeff",
    "ư",
    "đ",
    "\n",
    "  ",
    "---\n",
    "? ",
    "no",
    "010",
    "2024-02-30",
    "~",
    "|",
    ">",
    "%",
    "@",
    "`",
    "\\",
    "\r",
]


@st.composite
def mutations(draw: st.DrawFn) -> bytes:
    text = MINIMAL_PLAN
    for _ in range(draw(st.integers(1, 4))):
        position = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(["insert", "delete", "duplicate-line", "truncate"]))
        if action == "insert":
            text = text[:position] + draw(st.sampled_from(HOSTILE_PIECES)) + text[position:]
        elif action == "delete":
            text = text[:position] + text[position + draw(st.integers(1, 12)) :]
        elif action == "duplicate-line":
            start = text.rfind("\n", 0, position) + 1
            end = text.find("\n", position)
            line = text[start : end + 1 if end >= 0 else len(text)]
            text = text[:start] + line + text[start:]
        else:
            text = text[:position]
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "utf-8", "utf-16", "latin-1"]))
    return text.encode(encoding, errors="replace")


@pytest.mark.slow
@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutations())
def test_mutated_plans_end_in_a_clean_result(tmp_path_factory: Any, content: bytes) -> None:
    path: Path = tmp_path_factory.mktemp("mutant") / "plan.yaml"
    path.write_bytes(content)
    runner = CliRunner()
    for command in (["check"], ["list"], ["overdue", "--as-of", "2024-06-01", "--json"]):
        result = runner.invoke(app, [*command, str(path)])
        assert result.exception is None or isinstance(result.exception, SystemExit), (
            command,
            repr(result.exception),
            content,
        )
        assert result.exit_code in (0, 2), (command, result.exit_code, result.output)
        assert "Traceback" not in result.output
        if result.exit_code == 2:
            assert str(path) in result.stderr


@given(
    st.sampled_from(["month", "quarter", "half", "nine_months", "year"]).flatmap(
        lambda kind: st.builds(
            Period,
            year=st.integers(2000, 2100),
            kind=st.just(kind),
            index=st.integers(1, {"month": 12, "quarter": 4, "half": 2}.get(kind, 1)),
        )
    )
)
def test_period_key_and_label_parse_back(period: Period) -> None:
    assert parse_period(period.key) == period
    assert parse_period(period.label) == period
    assert period.official_window()[1] <= period.end
