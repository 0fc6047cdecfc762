"""Tasks of a generated plan: what each says (title, parties, product, deadline) and how it
is written in the body, as a numbered or bulleted item with labelled field lines (or the
fields inline in parentheses, or no fields at all)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tests.docgen.model import Block, Para, Run, TruthTask, para
from tests.docgen.phrases import Chooser, deadline
from tests.docgen.vocab import (
    GROUPS,
    LEAD_LABELS,
    PRODUCT_LABELS,
    PRODUCTS,
    SUPPORT_LABELS,
    TIME_LABELS,
)

LETTERS = "abcdđeghiklmn"
WORD_LETTERS = "abcdefghijklmn"  # Word's own lower-letter list numbering


@dataclass
class TaskContent:
    title: str
    lead: tuple[str, ...]
    support: tuple[str, ...]
    product: str | None
    phrase: str
    due: tuple[str, ...]
    deadline_kind: str


def draw_content(
    c: Chooser, title: str, parties: tuple[str, ...], year: int, earliest: date
) -> TaskContent:
    lead = tuple(c.some(parties, 1, 1 if c.chance(80) else 2))
    others = [party for party in parties if party not in lead]
    if c.chance(25):
        support: tuple[str, ...] = (c.one(GROUPS),)
    elif c.chance(85):
        support = tuple(c.some(others, 1, 2))
    else:
        support = ()
    product = c.one(PRODUCTS) if c.chance(75) else None
    phrase, due, kind = deadline(c, year, earliest)
    if c.chance(30):
        phrase += "."
    return TaskContent(title, lead, support, product, phrase, due, kind)


@dataclass
class FieldStyle:
    """How one document writes its field lines (chosen once, varied now and then)."""

    labels: dict[str, str]
    order: list[str]
    case: str  # as-is | lower | upper
    look: str  # plain | bold-label | italic-line | bold-italic-label
    dash: str  # "- " | "+ " | "– " | ""
    joiner: str  # between two parties: ", " or "; "


def draw_field_style(c: Chooser, bullet: str, axes: dict[str, str]) -> FieldStyle:
    labels = {
        "lead": c.one(LEAD_LABELS),
        "support": c.one(SUPPORT_LABELS),
        "product": c.one(PRODUCT_LABELS),
        "time": c.one(TIME_LABELS),
    }
    order = (
        c.shuffled(["lead", "support", "product", "time"])
        if c.chance(40)
        else [
            "lead",
            "support",
            "product",
            "time",
        ]
    )
    dashes = [dash for dash in ("- ", "+ ", "– ", "") if dash.strip() != bullet]
    style = FieldStyle(
        labels=labels,
        order=order,
        case=c.one(("as-is", "as-is", "lower", "upper")),
        look=c.one(("plain", "bold-label", "italic-line", "bold-italic-label")),
        dash=c.one(dashes),
        joiner=c.one((", ", "; ")),
    )
    axes["lead_label"] = labels["lead"]
    axes["time_label"] = labels["time"]
    axes["field_order"] = "standard" if order[0] == "lead" and order[-1] == "time" else "shuffled"
    axes["label_case"] = style.case
    axes["field_look"] = style.look
    axes["field_dash"] = style.dash.strip() or "none"
    return style


def _cased(label: str, case: str) -> str:
    if case == "lower":
        return label[0].lower() + label[1:]
    if case == "upper":
        return label.upper()
    return label


def _values(content: TaskContent, joiner: str) -> dict[str, str | None]:
    return {
        "lead": joiner.join(content.lead),
        "support": joiner.join(content.support) or None,
        "product": content.product,
        "time": content.phrase,
    }


def field_lines(c: Chooser, content: TaskContent, style: FieldStyle) -> list[Para]:
    lines: list[Para] = []
    joiner = "; " if any("," in party for party in content.support) else style.joiner
    for name in style.order:
        value = _values(content, joiner)[name]
        if value is None:
            continue
        label = style.labels[name]
        if c.chance(10):  # offices are not consistent within one document
            label = c.one(
                {
                    "lead": LEAD_LABELS,
                    "support": SUPPORT_LABELS,
                    "product": PRODUCT_LABELS,
                    "time": TIME_LABELS,
                }[name]
            )
        label = _cased(label, style.case) + ":"
        italic = style.look in ("italic-line", "bold-italic-label")
        bold = style.look in ("bold-label", "bold-italic-label")
        lines.append(
            Para(
                [
                    Run(style.dash + label, bold=bold, italic=italic),
                    Run(" " + value, italic=italic),
                ]
            )
        )
    return lines


def inline_fields(content: TaskContent, style: FieldStyle) -> str:
    """ "(Chủ trì: X; phối hợp: Y; thời gian: Z)" as one task of the 2026 plan writes it."""
    values = _values(content, ", ")
    parts: list[str] = []
    for name in style.order:
        value = values[name]
        if value is None:
            continue
        label = style.labels[name]
        parts.append(f"{label if not parts else label[0].lower() + label[1:]}: {value}")
    return "(" + "; ".join(parts) + ")"


@dataclass
class Numbering:
    """How the tasks of one document are numbered."""

    scheme: str  # a) | n.m. | n. | n.m.k. | - | + | • | word-decimal | word-letter

    def label(self, area_index: int, task_index: int, group: int = 1) -> tuple[str | None, str]:
        """The task's number as a reader sees it, and the text typed before its title."""
        scheme = self.scheme
        if scheme == "a)":
            letter = LETTERS[task_index - 1]
            return letter, f"{letter}) "
        if scheme == "n.m.":
            number = f"{area_index}.{task_index}"
            return number, f"{number}. "
        if scheme == "n.":
            return str(task_index), f"{task_index}. "
        if scheme == "n.m.k.":
            number = f"{area_index}.{group}.{task_index}"
            return number, f"{number}. "
        if scheme == "word-decimal":
            return str(task_index), f"{task_index}. "
        if scheme == "word-letter":
            letter = WORD_LETTERS[task_index - 1]
            return letter, f"{letter}) "
        return None, f"{scheme} "


def task_blocks(
    c: Chooser,
    content: TaskContent,
    numbering: Numbering,
    place: tuple[int, int, int],
    style: FieldStyle,
    layout: str,
    bold_titles: bool,
) -> tuple[list[Block], str | None, str]:
    """The paragraphs of one task, its number as read, and how its fields were written."""
    area_index, task_index, group = place
    number, typed = numbering.label(area_index, task_index, group)
    if layout == "mixed":
        how = "inline" if c.chance(20) else "lines"
    elif layout == "plain-some":
        how = "plain" if c.chance(20) else "lines"
    else:
        how = layout
    title_run = Run(content.title, bold=bold_titles)
    head = Para([title_run])
    if numbering.scheme.startswith("word-"):
        list_format = "decimal" if numbering.scheme == "word-decimal" else "letter"
        head.numbered = (f"area-{area_index}-{group}", list_format)
        head.typed_number = typed
    else:
        head.runs.insert(0, Run(typed, bold=bold_titles))
    if how == "plain":
        return [head], number, how
    if how == "inline":
        text = inline_fields(content, style)
        if c.chance(50):
            head.runs.append(Run(" " + text))
            return [head], number, "inline"
        return [head, para(text, italic=style.look != "plain")], number, "inline-next-line"
    return [head, *field_lines(c, content, style)], number, how


def truth(
    section: str, number: str | None, content: TaskContent, how: str, table: bool
) -> TruthTask:
    plain = how == "plain"
    return TruthTask(
        section=section,
        number=number,
        title=content.title,
        lead=() if plain else content.lead,
        support=() if plain else content.support,
        due=() if plain else content.due,
        axes={
            "deadline": "none (plain task)" if plain else content.deadline_kind,
            "fields": "table" if table else how,
        },
    )
