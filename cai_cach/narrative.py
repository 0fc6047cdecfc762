"""The parts of a periodic report only a person can write, kept in a small Markdown file per
period beside the plan: ``reports/<plan>-<period>.md`` (``reports/tinh-minh-2024-Q1.md``).

The file has fixed ``##`` headings, one per part of the official outline; the text under a
heading (paragraphs, ``-`` lists) is merged into the report. HTML comments (``<!-- … -->``)
are hints for the clerk and are dropped. A heading that is not one of the parts is an error
naming its line, so a typo never silently loses text.

    ## I. Công tác chỉ đạo, điều hành
    ## II. 1. Cải cách thể chế          (one per area of the plan: free text for that area;
                                       the plan's "công tác chỉ đạo, điều hành" goes under I)
    ## III. 1. Ưu điểm
    ## III. 2. Hạn chế, tồn tại
    ## III. 3. Nguyên nhân
    ## IV. Phương hướng, nhiệm vụ kỳ tới  (added to the plan's own list of next period's work)
    ## V. Đề xuất, kiến nghị
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from cai_cach.config import NARRATIVE_FOLDER
from cai_cach.errors import PlanError, Problem
from cai_cach.models import Plan
from cai_cach.periods import Period
from cai_cach.text import fold, nfc

MAX_BYTES = 1024 * 1024

# (key, heading, required): the parts of the outline a person writes.
PARTS: tuple[tuple[str, str, bool], ...] = (
    ("direction", "I. Công tác chỉ đạo, điều hành", True),
    ("strengths", "III. 1. Ưu điểm", True),
    ("weaknesses", "III. 2. Hạn chế, tồn tại", True),
    ("causes", "III. 3. Nguyên nhân", True),
    ("next_steps", "IV. Phương hướng, nhiệm vụ kỳ tới", False),
    ("proposals", "V. Đề xuất, kiến nghị", True),
)
AREA_PREFIX = "II."
PLACEHOLDER = "[Chưa viết: {heading} — ghi vào tệp {file}]"

_COMMENT = re.compile(r"<!--.*?-->", re.S)
_HEADING = re.compile(r"^##\s+(.*?)\s*#*\s*$")


@dataclass(frozen=True)
class Narrative:
    """What the clerk wrote: paragraphs per part key and per section id (``areas``)."""

    file: str
    parts: dict[str, tuple[str, ...]] = field(default_factory=dict)
    areas: dict[str, tuple[str, ...]] = field(default_factory=dict)
    found: bool = False  # whether the file exists

    def missing(self) -> list[str]:
        """Headings of the required parts still empty, in outline order."""
        return [heading for key, heading, required in PARTS if required and not self.parts.get(key)]


def narrative_path(plan_file: Path, plan_name: str, period: Period) -> Path:
    """``reports/<plan>-<period>.md`` beside the plan, the plan's year not repeated."""
    stem = plan_name.removesuffix(f"-{period.year}")
    return plan_file.parent / NARRATIVE_FOLDER / f"{stem}-{period.key}.md"


def area_heading(section_id: str, title: str) -> str:
    return f"{AREA_PREFIX} {section_id}. {title}"


def template_text(plan: Plan, period: Period) -> str:
    """The file ``--init-notes`` writes: every heading, with a hint under each."""
    lines = [
        f"<!-- Phần tự viết của báo cáo cải cách hành chính {period.label}.",
        "     Viết dưới mỗi tiêu đề (đoạn văn, hoặc các dòng bắt đầu bằng '- ').",
        "     Không đổi tiêu đề; phần để trống sẽ hiện dòng [Chưa viết: …] trong báo cáo. -->",
        "",
    ]
    hints = {
        "direction": "ban hành kế hoạch, văn bản chỉ đạo; họp, kiểm tra; tuyên truyền; báo cáo",
        "strengths": "những việc làm tốt trong kỳ",
        "weaknesses": "những việc chưa làm được, chậm, chưa đạt",
        "causes": "nguyên nhân khách quan, chủ quan của hạn chế",
        "next_steps": "thêm việc ngoài danh sách tự lập từ kế hoạch (có thể để trống)",
        "proposals": "đề xuất, kiến nghị với cấp trên",
    }
    # The section that directs the reform is written under part I (``Section.is_direction``).
    areas = [
        area_heading(section.id, section.title)
        for section in plan.sections
        if not section.is_direction
    ]
    for key, heading, _ in PARTS:
        if key == "strengths":
            for area in areas:
                lines += [
                    f"## {area}",
                    "<!-- kết quả nổi bật của lĩnh vực (có thể để trống) -->",
                    "",
                ]
        lines += [f"## {heading}", f"<!-- {hints[key]} -->", ""]
    return "\n".join(lines)


def _paragraphs(lines: list[str]) -> tuple[str, ...]:
    text = _COMMENT.sub("", "\n".join(lines))
    blocks: list[str] = []
    current: list[str] = []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("- "):
            if current:
                blocks.append(" ".join(current))
                current = []
            if stripped:
                blocks.append(stripped)
            continue
        current.append(stripped)
    if current:
        blocks.append(" ".join(current))
    return tuple(blocks)


def _key(heading: str) -> str:
    return " ".join(fold(heading).replace(".", " ").replace(",", " ").split())


def parse(text: str, plan: Plan, file: str) -> Narrative:
    """Read the narrative file's text (see the module docstring)."""
    fixed = {_key(heading): key for key, heading, _ in PARTS}
    areas = {_key(area_heading(s.id, s.title)): s.id for s in plan.sections}
    area_ids = {_key(f"{AREA_PREFIX} {s.id}"): s.id for s in plan.sections}
    parts: dict[str, list[str]] = {}
    written: dict[str, list[str]] = {}
    current: list[str] | None = None
    in_comment = False
    for number, line in enumerate(nfc(text).splitlines(), start=1):
        in_comment = (in_comment or "<!--" in line) and "-->" not in line
        match = None if in_comment else _HEADING.match(line)
        if match is None:
            if current is not None:
                current.append(line)
            continue
        key = _key(match[1])
        area = areas.get(key) or next(
            (sid for prefix, sid in area_ids.items() if key.startswith(prefix + " ")), None
        )
        if key in fixed:
            current = parts.setdefault(fixed[key], [])
        elif area is not None:
            current = written.setdefault(area, [])
        else:
            expected = "; ".join(heading for _, heading, _ in PARTS)
            raise PlanError(
                [
                    Problem(
                        file,
                        f"tiêu đề '{match[1]}' không phải một phần của báo cáo",
                        number,
                        1,
                        hint=f"dùng đúng các tiêu đề: {expected}; và 'II. <số mục>. <tên mục>'",
                    )
                ]
            )
    return Narrative(
        file,
        {key: _paragraphs(lines) for key, lines in parts.items()},
        {sid: _paragraphs(lines) for sid, lines in written.items()},
        found=True,
    )


def load(path: Path, plan: Plan, display: str | None = None) -> Narrative:
    """The narrative file at ``path``; an empty ``Narrative`` when there is none."""
    name = display or str(path)
    if not path.is_file():
        return Narrative(name)
    data = path.read_bytes()[: MAX_BYTES + 1]
    problem = None
    if len(data) > MAX_BYTES:
        problem = "tệp quá lớn (trên 1 MB)"
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        problem = "tệp không phải văn bản UTF-8"
    if problem:
        raise PlanError([Problem(name, problem)])
    return parse(text, plan, name)
