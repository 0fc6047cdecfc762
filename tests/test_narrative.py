"""The clerk's per-period narrative file: headings, paragraphs, placeholders, errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from cai_cach.errors import PlanError
from cai_cach.models import Plan
from cai_cach.narrative import PARTS, load, narrative_path, parse, template_text
from cai_cach.periods import Period

PLAN = Plan.model_validate(
    {
        "plan": {
            "title": "Kế hoạch thử",
            "year": 2024,
            "agency": {"name": "Ủy ban nhân dân xã Thử", "place": "Thử"},
        },
        "officials": {"vp-tk": {"title": "Công chức Văn phòng - Thống kê"}},
        "sections": [
            {
                "id": "1",
                "title": "Cải cách thể chế",
                "tasks": [
                    {"id": "1.a", "title": "Việc", "lead": ["vp-tk"], "timeline": "Thường xuyên"}
                ],
            },
            {
                "id": "7",
                "title": "Nâng cao chỉ số CCHC",
                "tasks": [
                    {"id": "7.a", "title": "Việc", "lead": ["vp-tk"], "timeline": "Thường xuyên"}
                ],
            },
        ],
    }
)
Q1 = Period(2024, "quarter", 1)


def test_template_lists_every_part_and_area_and_reads_back_empty() -> None:
    text = template_text(PLAN, Q1)
    headings = [line[3:] for line in text.splitlines() if line.startswith("## ")]
    assert headings[0] == "I. Công tác chỉ đạo, điều hành"
    assert headings[1:3] == ["II. 1. Cải cách thể chế", "II. 7. Nâng cao chỉ số CCHC"]
    assert headings[3:] == [heading for _, heading, _ in PARTS[1:]]
    narrative = parse(text, PLAN, "x.md")
    assert narrative.missing() == [heading for _, heading, required in PARTS if required]
    assert not any(narrative.parts.values()) and not any(narrative.areas.values())


def test_paragraphs_lists_and_comments() -> None:
    text = (
        "## I. Công tác chỉ đạo, điều hành\n"
        "Dòng một\nnối tiếp.\n\n- Ý một\n- Ý hai\n<!-- gợi ý\nnhiều dòng -->\n"
        "## II. 7. Bất kỳ tên nào\nChỉ số tăng.\n"
        "##  v. de xuat, kien nghi \nKiến nghị.\n"
    )
    narrative = parse(text, PLAN, "x.md")
    assert narrative.parts["direction"] == ("Dòng một nối tiếp.", "- Ý một", "- Ý hai")
    assert narrative.areas == {"7": ("Chỉ số tăng.",)}
    assert narrative.parts["proposals"] == ("Kiến nghị.",)
    assert narrative.missing() == [
        "III. 1. Ưu điểm",
        "III. 2. Hạn chế, tồn tại",
        "III. 3. Nguyên nhân",
    ]


def test_unknown_heading_is_an_error_at_its_line() -> None:
    with pytest.raises(PlanError) as caught:
        parse("## I. Công tác chỉ đạo, điều hành\n\n## II. 9. Không có\n", PLAN, "x.md")
    problem = caught.value.problems[0]
    assert (problem.file, problem.line) == ("x.md", 3)


def test_heading_inside_a_comment_is_ignored() -> None:
    narrative = parse("<!--\n## Không phải tiêu đề\n-->\n## V. Đề xuất, kiến nghị\nA\n", PLAN, "x")
    assert narrative.parts == {"proposals": ("A",)}


def test_load_missing_file_and_bad_encoding(tmp_path: Path) -> None:
    path = narrative_path(tmp_path / "thu-2024.yaml", "thu-2024", Q1)
    assert path == tmp_path / "reports" / "thu-2024-Q1.md"
    assert not load(path, PLAN).found
    path.parent.mkdir()
    path.write_bytes("## V. Đề xuất, kiến nghị\n".encode("utf-16"))
    with pytest.raises(PlanError, match="UTF-8"):
        load(path, PLAN)
