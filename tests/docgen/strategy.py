"""The hypothesis strategy of generated plan documents, with the truth known.

``plan_documents()`` draws a whole document — header, the decision or the plan's own opening,
purposes, reform areas and their tasks (in the body as numbered items with field lines, in an
appendix table, or both), "Tổ chức thực hiện", signature — and returns it as blocks for a
writer together with every task a careful reader finds in it and the header's facts.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from hypothesis import strategies as st

from tests.docgen import frame
from tests.docgen.model import Block, GeneratedPlan, HeaderTruth, Orientation, TruthTask, para
from tests.docgen.phrases import ROMAN, Chooser
from tests.docgen.tables import area_rows, draw_table_style
from tests.docgen.tasks import (
    Numbering,
    TaskContent,
    draw_content,
    draw_field_style,
    task_blocks,
    truth,
)
from tests.docgen.vocab import AREAS, OFFICIALS, UNITS

TASK_PART_HEADS = ("NHIỆM VỤ TRỌNG TÂM", "NỘI DUNG THỰC HIỆN", "CÁC NHIỆM VỤ CỤ THỂ")
SUBGROUPS = ("Nhiệm vụ trọng tâm", "Nhiệm vụ thường xuyên")


def _area_heading(c: Chooser, number: str, title: str, case: str) -> Block:
    text = title.upper() if case == "upper" else title
    return para(f"{number} {text}{':' if c.chance(40) else ''}", bold=True)


def _list_areas(
    c: Chooser,
    fmt: str,
    areas: list[tuple[int, str, list[TaskContent]]],
    area_scheme: str,
    axes: dict[str, str],
) -> tuple[list[Block], list[TruthTask]]:
    schemes = ["a)", "n.m.", "n.m.k.", "-", "+", "•"]
    if area_scheme == "roman":
        schemes.append("n.")
    if fmt == "docx":
        schemes += ["word-decimal", "word-letter"]
    numbering = Numbering(c.one(schemes))
    axes["task_numbers"] = numbering.scheme
    bullet = numbering.scheme if numbering.scheme in ("-", "+", "•") else ""
    style = draw_field_style(c, bullet, axes)
    layout = c.one(("lines", "lines", "mixed", "inline", "plain-some"))
    axes["field_layout"] = layout
    bold_titles = c.chance(30)
    case = c.one(("as-is", "upper"))
    blocks: list[Block] = []
    found: list[TruthTask] = []
    for position, section, contents in areas:
        number = f"{ROMAN[position - 1]}." if area_scheme == "roman" else f"{position}."
        blocks.append(_area_heading(c, number, section, case))
        if c.chance(20):
            blocks.append(para(f"Mục tiêu: Hoàn thành 100% nhiệm vụ {section.lower()} đề ra."))
        groups = [contents]
        if numbering.scheme == "n.m.k." and len(contents) > 1 and c.chance(60):
            cut = c.number(1, len(contents) - 1)
            groups = [contents[:cut], contents[cut:]]
        for group_index, group in enumerate(groups, 1):
            if numbering.scheme == "n.m.k.":
                blocks.append(
                    para(f"{position}.{group_index}. {SUBGROUPS[group_index - 1]}", italic=True)
                )
            for task_index, content in enumerate(group, 1):
                place = (position, task_index, group_index)
                parts, read_as, how = task_blocks(
                    c, content, numbering, place, style, layout, bold_titles
                )
                blocks += parts
                found.append(truth(section, read_as, content, how, table=False))
    return blocks, found


@st.composite
def plan_documents(draw: Any, formats: tuple[str, ...] = ("docx", "md")) -> GeneratedPlan:
    c = Chooser(draw)
    fmt = c.one(formats)
    axes: dict[str, str] = {"format": fmt}
    issuer = frame.draw_issuer(c, axes)
    merged = c.chance(60)
    axes["parties"] = "units" if merged else "officials"
    parties = UNITS if merged else OFFICIALS
    office = "Văn phòng HĐND và UBND" if merged else "Công chức Văn phòng - Thống kê"
    top = c.one(("ABC", "roman"))
    axes["parts"] = top
    area_scheme = "roman" if top == "ABC" and c.chance(70) else "arabic"
    axes["area_numbers"] = area_scheme
    body = c.one(("list", "list", "table", "mixed"))
    axes["body"] = body

    sections = c.some(list(AREAS), 2, 5)
    areas: list[tuple[int, str, list[TaskContent]]] = []
    for position, section in enumerate(sections, 1):
        titles = c.some(AREAS[section], 1, 6)
        contents = [
            draw_content(c, title.format(year=issuer.year), parties, issuer.year, issuer.signed)
            for title in titles
        ]
        areas.append((position, section, contents))
    split = {"list": len(areas), "table": 0, "mixed": c.number(1, len(areas) - 1)}[body]

    blocks: list[Block] = [*frame.header(c, issuer, axes), *frame.opening(c, issuer)]
    blocks += frame.purposes(c, top)
    head = c.one(TASK_PART_HEADS)
    blocks.append(para(f"{'B.' if top == 'ABC' else 'II.'} {head}", bold=True))
    tasks: list[TruthTask] = []
    if split:
        listed, found = _list_areas(c, fmt, areas[:split], area_scheme, axes)
        blocks += listed
        tasks += found
    if split < len(areas):
        blocks.append(para("(Chi tiết nhiệm vụ tại Phụ lục kèm theo Kế hoạch này)", italic=True))
    blocks += frame.implementation(
        c, issuer, "C. TỔ CHỨC THỰC HIỆN" if top == "ABC" else "III. TỔ CHỨC THỰC HIỆN", office
    )
    if issuer.kind == "KH":
        blocks += frame.signature(c, issuer)
    if split < len(areas):
        style = draw_table_style(c, fmt, axes)
        landscape = c.chance(60)
        axes["landscape"] = str(landscape)
        if landscape:
            blocks.append(Orientation(landscape=True))
        blocks += [
            para("PHỤ LỤC", bold=True, align="center"),
            para(
                f"DANH MỤC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM {issuer.year}",
                bold=True,
                align="center",
            ),
            para(
                f"(Kèm theo {'Quyết định' if issuer.kind == 'QĐ' else 'Kế hoạch'} số "
                f"{issuer.number} của UBND {issuer.agency})",
                italic=True,
                align="center",
            ),
        ]
        table_blocks, found = area_rows(c, style, areas[split:], 0)
        blocks += table_blocks
        tasks += found
    header = HeaderTruth(
        number=issuer.number,
        date=issuer.signed.isoformat(),
        signer=issuer.signer,
        start=issuer.signed.isoformat(),
        end=date(issuer.year, 12, 31).isoformat(),
    )
    return GeneratedPlan(fmt=fmt, blocks=blocks, tasks=tasks, header=header, axes=axes)
