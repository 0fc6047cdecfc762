"""The JSON Schema of the plan format, for editors (VS Code's YAML extension and others).

Generated from the pydantic models, so it follows them: what an editor shows the clerk (titles
and descriptions on hover and in completion) is the Vietnamese ``title`` and ``description`` of
each model (its ``model_config``) and field (its ``Field``) in ``models.py``. The committed
copy is ``schema/plan.schema.json`` (``caicach schema > schema/plan.schema.json``).
"""

from __future__ import annotations

import json
from typing import Any

from pydantic.json_schema import GenerateJsonSchema

from cai_cach.models import Plan

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_FILE = "schema/plan.schema.json"
RUBRIC_SCHEMA_FILE = "schema/rubric.schema.json"

# Period keys exactly as the tool writes and matches them: 2024-01, 2024-Q1, 2024-H1, 2024-9M, 2024.
PERIOD_KEY_PATTERN = r"^[0-9]{4}(-(0[1-9]|1[0-2]|Q[1-4]|H[12]|9M))?$"


class VietnameseSchema(GenerateJsonSchema):
    """Titles only where ``models.py`` gives one in Vietnamese: never pydantic's English one made
    from the field name ("Signer Title"); the description says what the field is."""

    def field_title_should_be_set(self, schema: Any) -> bool:
        return False


def plan_schema() -> dict[str, Any]:
    """The JSON Schema of a plan file, with Vietnamese titles and descriptions."""
    schema = Plan.model_json_schema(schema_generator=VietnameseSchema)
    definitions: dict[str, Any] = schema.get("$defs", {})
    done = definitions.get("Recurrence", {}).get("properties", {}).get("done")
    if done is not None:
        done["propertyNames"] = {"pattern": PERIOD_KEY_PATTERN}
    return {"$schema": SCHEMA_DIALECT, **schema}


def rubric_schema() -> dict[str, Any]:
    """The JSON Schema of a rubric file (``caicach score --rubric``)."""
    from cai_cach.rubric import Rubric

    return {
        "$schema": SCHEMA_DIALECT,
        **Rubric.model_json_schema(schema_generator=VietnameseSchema),
    }


def schema_text(kind: str = "plan") -> str:
    """The schema as the committed file holds it (UTF-8 JSON, two-space indent, final newline)."""
    schema = rubric_schema() if kind == "rubric" else plan_schema()
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
