"""The statistics annex: the replaceable indicator list, the checked figures file, the rows."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from cai_cach.errors import PlanError
from cai_cach.indicators import (
    annex,
    default_indicators,
    figures_path,
    latest_figures,
    parse_figures,
    parse_indicators,
    schema_text,
    template_text,
)
from cai_cach.periods import Period, parse_period
from cai_cach.render import template_folders
from cai_cach.yamlsource import parse
from tests.helpers import REALISTIC_FIGURES, REPO

Q1 = Period(2024, "quarter", 1)
DEFAULT = default_indicators(template_folders())


def filled(**changes: object) -> str:
    values = {**REALISTIC_FIGURES, **changes}
    lines = "".join(f"  {key}: {value}\n" for key, value in values.items())
    return f"period: 2024-Q1\nvalues:\n{lines}"


def problem(text: str) -> str:
    with pytest.raises(PlanError) as caught:
        parse_figures(text, "so-lieu.yaml", DEFAULT, Q1)
    return caught.value.problems[0].render()


def test_the_default_list_covers_the_one_stop_shop_and_e_government_figures() -> None:
    ids = {indicator.id for indicator in DEFAULT.all()}
    for needed in (
        "ho-so-tiep-nhan",
        "giai-quyet-truoc-han",
        "giai-quyet-dung-han",
        "giai-quyet-tre-han",
        "truc-tuyen-toan-trinh",
        "truc-tuyen-mot-phan",
        "thanh-toan-truc-tuyen",
        "ho-so-so-hoa",
        "pakn-tiep-nhan",
        "pakn-da-xu-ly",
        "van-ban-ky-so",
        "van-ban-dien-tu",
        "muc-do-hai-long",
    ):
        assert needed in ids


def test_the_blank_file_lists_every_indicator_without_a_value() -> None:
    text = template_text(DEFAULT, Q1, "../../schema/figures.schema.json")
    statistics = parse_figures(text, "so-lieu.yaml", DEFAULT, Q1)
    assert statistics.found
    assert statistics.blank(DEFAULT) == [indicator.id for indicator in DEFAULT.all()]
    assert text.startswith("# yaml-language-server: $schema=../../schema/figures.schema.json")


def test_filled_values_are_read_with_a_decimal_comma() -> None:
    statistics = parse_figures(filled(), "so-lieu.yaml", DEFAULT, Q1)
    assert statistics.values["muc-do-hai-long"] == Decimal("98.5")
    assert statistics.values["ho-so-tiep-nhan"] == 412
    assert statistics.blank(DEFAULT) == []


def test_a_word_where_a_number_goes_is_named_at_its_line_and_column() -> None:
    message = problem(filled(**{"ho-so-tiep-nhan": "nhiều"}))
    assert message.startswith("so-lieu.yaml:3:20: lỗi:")
    assert "'nhiều' không phải số" in message


def test_a_percentage_above_one_hundred_is_refused() -> None:
    assert "ngoài khoảng 0–100" in problem(filled(**{"muc-do-hai-long": 120}))


def test_a_count_must_be_whole() -> None:
    assert "phải là số nguyên" in problem(filled(**{"ho-so-so-hoa": "12,5"}))


def test_parts_above_their_total_are_refused() -> None:
    message = problem(filled(**{"giai-quyet-tre-han": 50}))
    assert "lớn hơn Hồ sơ đã giải quyết = 400" in message
    assert message.startswith("so-lieu.yaml:7:")  # the last part (trễ hạn)


def test_an_unknown_indicator_and_another_period_are_errors() -> None:
    assert "không có trong danh mục" in problem(filled(**{"ho-so-khac": 3}))
    with pytest.raises(PlanError) as caught:
        parse_figures(filled(), "so-lieu.yaml", DEFAULT, Period(2024, "half", 1))
    assert "không phải kỳ 2024-H1" in caught.value.problems[0].render()


def test_a_province_list_replaces_the_default() -> None:
    own = parse_indicators(
        "groups:\n  - title: Một cửa\n    indicators:\n      - id: tiep-nhan\n"
        "        label: Hồ sơ tiếp nhận\n        unit: hồ sơ\n      - id: dung-han\n"
        "        label: Đúng hạn\n        unit: hồ sơ\n        part_of: tiep-nhan\n",
        "tinh.yaml",
    )
    assert [i.id for i in own.all()] == ["tiep-nhan", "dung-han"]
    statistics = parse_figures(
        "period: 2024-Q1\nvalues:\n  tiep-nhan: 10\n  dung-han: 9\n", "f.yaml", own, Q1
    )
    rows = annex(own, statistics)
    assert [(r.number, r.value_text(), r.share_text()) for r in rows] == [
        ("1", "", ""),
        ("1.1", "10", ""),
        ("1.2", "9", "90,0%"),
    ]


def test_a_bad_indicator_list_is_named_at_its_position() -> None:
    with pytest.raises(PlanError) as caught:
        parse_indicators(
            "groups:\n  - title: A\n    indicators:\n      - id: x\n        label: X\n"
            "        unit: c\n        part_of: y\n",
            "tinh.yaml",
        )
    assert caught.value.problems[0].render().startswith("tinh.yaml:7:18: lỗi: 'part_of: y'")


def test_parts_that_make_up_their_total_share_exactly_one_hundred() -> None:
    statistics = parse_figures(filled(), "so-lieu.yaml", DEFAULT, Q1)
    rows = {row.label: row for row in annex(DEFAULT, statistics)}
    parts = [rows[f"Trong đó: Giải quyết {k}"].share for k in ("trước hạn", "đúng hạn", "trễ hạn")]
    assert sum(share for share in parts if share is not None) == 100
    assert rows["Trong đó: Dịch vụ công trực tuyến toàn trình"].share_text() == "56,0%"


def test_the_shipped_schema_is_the_default_lists() -> None:
    shipped = (REPO / "schema" / "figures.schema.json").read_text(encoding="utf-8")
    assert shipped == schema_text(DEFAULT), "regenerate schema/figures.schema.json"
    schema = json.loads(shipped)
    assert schema["properties"]["values"]["properties"]["muc-do-hai-long"]["maximum"] == 100


def test_the_default_list_is_valid_yaml_with_positions() -> None:
    text = (REPO / "templates" / "indicators.yaml").read_text(encoding="utf-8")
    assert parse(text, "indicators.yaml").data["groups"]


def test_the_latest_figures_file_of_a_plan(tmp_path: Path) -> None:
    plan = tmp_path / "tinh-minh-2024.yaml"
    for key in ("2024-Q1", "2024-H1"):
        target = figures_path(plan, "tinh-minh-2024", parse_period(key))
        target.parent.mkdir(exist_ok=True)
        target.write_text(filled().replace("2024-Q1", key), encoding="utf-8")
    found = latest_figures(plan, 2024, DEFAULT)
    assert found is not None
    assert found[0].key == "2024-H1"
    assert found[1].values["ho-so-tiep-nhan"] == 412
