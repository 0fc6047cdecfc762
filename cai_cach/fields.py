"""Field types of the plan format: days, deadlines in the plan's words, cadences, text and ids;
the base of every model (``extra="forbid"``).

Each is an ``Annotated`` type for pydantic (how the YAML value is read, how the JSON Schema
shows it); ``models`` builds the plan's models from them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PlainSerializer, WithJsonSchema

from cai_cach.periods import (
    CADENCE_SPELLINGS,
    Cadence,
    YearlessDeadline,
    parse_cadence,
    parse_day,
    parse_deadline,
)

# Plans repeat the same few hundred dates and deadline phrases: parse each text once per
# process (results are immutable; errors are not cached and are raised again each time).
_parse_day = lru_cache(maxsize=4096)(parse_day)
_parse_cadence = lru_cache(maxsize=256)(parse_cadence)


# A phrase without a year ("cuối năm", "Quý II") is kept with this placeholder day until the
# plan's year is known (``Plan._resolve_yearless``).
YEARLESS_DAY = date(1, 1, 1)


@lru_cache(maxsize=4096)
def _deadline_from_text(text: str) -> Deadline:
    try:
        return Deadline(text, parse_deadline(text))
    except YearlessDeadline:
        return Deadline(text, YEARLESS_DAY)


def _to_day(value: Any) -> Any:
    if isinstance(value, str):
        return _parse_day(value)
    return value


def _to_deadline(value: Any) -> Any:
    if isinstance(value, Deadline):
        return value
    if isinstance(value, date):
        return Deadline(value.isoformat(), value)
    if isinstance(value, str):
        return _deadline_from_text(value)
    raise ValueError("thời hạn phải là ngày hoặc cụm từ như 'Quý I/2024'")


def _to_cadence(value: Any) -> Any:
    if isinstance(value, str):
        return _parse_cadence(value)
    raise ValueError("chu kỳ phải là một trong: tháng, quý, 6 tháng, năm")


@dataclass(frozen=True)
class Deadline:
    """A deadline as written in the plan (``text``) and the day it resolves to (``date``)."""

    text: str
    date: date


Day = Annotated[
    date,
    BeforeValidator(_to_day),
    WithJsonSchema({"type": "string", "description": "Ngày: 2024-03-20 hoặc 20/03/2024"}),
]
DeadlineField = Annotated[
    Deadline,
    BeforeValidator(_to_deadline),
    PlainSerializer(lambda deadline: deadline.text, return_type=str),
    WithJsonSchema(
        {
            "type": "string",
            "description": "Thời hạn: 2024-03-31, 31/3/2024, 31.3.2024, 'Trước ngày 20/4/2024' "
            "(hạn là chính ngày 20/4), 'trước tháng 10/2024', 'Quý I/2024', 'Tháng 12 năm 2024', "
            "'6 tháng đầu năm', '9 tháng', 'cuối năm', 'Năm 2024' (không nêu năm: năm kế hoạch)",
        }
    ),
]
CadenceField = Annotated[
    Cadence,
    BeforeValidator(_to_cadence),
    WithJsonSchema(
        {
            "type": "string",
            "enum": list(CADENCE_SPELLINGS),
        }
    ),
]
Text = Annotated[str, Field(min_length=1)]
# One address, as mail servers take it: no spaces, one "@", a dot in the domain.
Email = Annotated[str, Field(pattern=r"^[^@\s,;<>]+@[^@\s,;<>]+\.[^@\s,;<>]+$")]
Id = Annotated[str, Field(min_length=1, pattern=r"^[^\s]+$")]


DAY_HELP = "Ngày: 2024-03-20 hoặc 20/03/2024"

# Empty lists and maps as default values are built fresh for each model (``default_factory``):
# a literal ``[]`` default is deep-copied by pydantic for every model built (a tenth of
# validating a plan). The schema still shows the default to editors.
_EMPTY_LIST: dict[str, Any] = {"default": []}
EMPTY_MAP: dict[str, Any] = {"default": {}}


def empty_list(*, title: str, description: str) -> Any:
    """A list field that defaults to a fresh empty list (shown as ``[]`` to editors)."""
    return Field(
        default_factory=list,
        json_schema_extra=_EMPTY_LIST,
        title=title,
        description=description,
    )


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=False)
