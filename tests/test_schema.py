"""Editor and tooling support: the committed JSON Schema, the plan's schema comment, and the
pre-commit hook definition."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import BaseModel, ConfigDict, Field

from cai_cach.loading import load_plan
from cai_cach.schema import SCHEMA_FILE, VietnameseSchema, plan_schema, schema_text
from tests.helpers import MINIMAL_PLAN, REPO, SHIPPED_PLAN

Run = Callable[..., Any]
SCHEMA_PATH = REPO / SCHEMA_FILE


def test_committed_schema_matches_the_models(run_cli: Run) -> None:
    result = run_cli("schema")
    assert result.exit_code == 0, result.output
    assert result.stdout == schema_text()
    committed = SCHEMA_PATH.read_text(encoding="utf-8") if SCHEMA_PATH.exists() else ""
    assert committed == result.stdout, (
        f"{SCHEMA_FILE} is out of date with cai_cach/models.py; regenerate it with: "
        f"caicach schema > {SCHEMA_FILE}"
    )


def test_schema_describes_the_plan_in_vietnamese() -> None:
    schema = plan_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["title"] == "Kế hoạch cải cách hành chính"
    assert schema["additionalProperties"] is False
    task = schema["$defs"]["Task"]
    assert task["title"] == "Nhiệm vụ"
    assert task["properties"]["lead"]["title"] == "Chủ trì"
    assert task["additionalProperties"] is False
    assert untranslated(schema) == []


def untranslated(schema: dict[str, Any]) -> list[str]:
    """Every model without a Vietnamese title and description, every field without a Vietnamese
    description or with a title that is not Vietnamese (pydantic's "Signer Title")."""
    models = {schema["title"]: schema, **schema.get("$defs", {})}
    found = []
    for name, model in models.items():
        found += [
            f"{name} has no Vietnamese {key}" for key in _TEXTS if not _vietnamese(model.get(key))
        ]
        for field, prop in model["properties"].items():
            target = models[prop["$ref"].rsplit("/", 1)[-1]] if "$ref" in prop else {}
            description = prop.get("description", target.get("description"))
            if not _vietnamese(description):
                found.append(
                    f"{name}.{field} has no Vietnamese description: give it one with "
                    "Field(description=...) in cai_cach/models.py"
                )
            if "title" in prop and not _vietnamese(prop["title"]):
                found.append(f"{name}.{field} has the title '{prop['title']}': not Vietnamese")
    return found


def test_a_field_without_vietnamese_texts_is_caught() -> None:
    class Extra(BaseModel):
        model_config = ConfigDict(title="Thêm", json_schema_extra={"description": "Mô tả"})
        signer_title: str
        note: str = Field(title="Note", description="Ghi chú có ngày")
        parent_line: bool = Field(False, description="Dòng cơ quan chủ quản")

    assert untranslated(Extra.model_json_schema(schema_generator=VietnameseSchema)) == [
        "Thêm.signer_title has no Vietnamese description: give it one with "
        "Field(description=...) in cai_cach/models.py",
        "Thêm.note has the title 'Note': not Vietnamese",
    ]
    assert untranslated(plan_schema()) == []


_TEXTS = ("title", "description")


def _vietnamese(text: str | None) -> bool:
    """Written for the clerk: not missing, and not pydantic's English ("Signer Title") or a
    docstring (every title and description of the plan format has a Vietnamese letter)."""
    return bool(text) and any(ord(char) > 127 for char in text or "")


def test_shipped_plan_points_editors_at_the_schema() -> None:
    first = SHIPPED_PLAN.read_text(encoding="utf-8").splitlines()[0]
    match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
    assert match, "the shipped plan must start with the yaml-language-server schema comment"
    assert (SHIPPED_PLAN.parent / match[1]).resolve() == SCHEMA_PATH.resolve()


# A small JSON Schema checker, enough for the constructs the plan schema uses, applied to the
# values as the loading path reads them (scalars are text; numbers stay text).


def _problems(value: Any, schema: dict[str, Any], root: dict[str, Any], path: str) -> list[str]:
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        return _problems(value, root["$defs"][name], root, path)
    if "anyOf" in schema:
        options = [_problems(value, option, root, path) for option in schema["anyOf"]]
        return [] if any(not found for found in options) else options[0]
    kind = schema.get("type")
    if kind == "null":
        return [] if value is None else [f"{path}: not null"]
    if kind == "boolean":
        return [] if isinstance(value, bool) else [f"{path}: not a boolean"]
    if kind == "integer":
        return [] if isinstance(value, str) and value.isdigit() else [f"{path}: not an integer"]
    if kind == "string":
        if not isinstance(value, str):
            return [f"{path}: not a string"]
        if "enum" in schema and value not in schema["enum"]:
            return [f"{path}: '{value}' not one of {schema['enum']}"]
        return []
    if kind == "array":
        if not isinstance(value, list):
            return [f"{path}: not a list"]
        items = schema.get("items", {})
        return [
            p for i, item in enumerate(value) for p in _problems(item, items, root, f"{path}[{i}]")
        ]
    if kind == "object":
        return _object_problems(value, schema, root, path)
    return []


def _object_problems(
    value: Any, schema: dict[str, Any], root: dict[str, Any], path: str
) -> list[str]:
    if not isinstance(value, dict):
        return [f"{path}: not a mapping"]
    found = [f"{path}.{key}: missing" for key in schema.get("required", []) if key not in value]
    properties = schema.get("properties", {})
    extra = schema.get("additionalProperties", True)
    pattern = schema.get("propertyNames", {}).get("pattern")
    for key, item in value.items():
        if pattern and not re.search(pattern, key):
            found.append(f"{path}.{key}: key does not match {pattern}")
        if key in properties:
            found += _problems(item, properties[key], root, f"{path}.{key}")
        elif extra is False:
            found.append(f"{path}.{key}: unknown key")
        elif isinstance(extra, dict):
            found += _problems(item, extra, root, f"{path}.{key}")
    return found


def test_shipped_plan_is_valid_for_the_editor() -> None:
    data = load_plan(SHIPPED_PLAN).document.data
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    assert _problems(data, schema, schema, "plan") == []


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (("timeline: Quý I/2024", "timline: Quý I/2024"), "timline: unknown key"),
        (("every: tháng", "every: tuần"), "'tuần' not one of"),
        (("every: tháng", "every: tháng\n            done: {2024-1: 2024-02-03}"), "2024-1"),
    ],
)
def test_the_editor_flags_mistakes(change: tuple[str, str], problem: str) -> None:
    from cai_cach.yamlsource import parse

    data = parse(MINIMAL_PLAN.replace(*change), "plan.yaml").data
    schema = plan_schema()
    assert any(problem in found for found in _problems(data, schema, schema, "plan"))


# --- pre-commit -----------------------------------------------------------------------------

HOOKS = REPO / ".pre-commit-hooks.yaml"


def _hook() -> dict[str, Any]:
    hooks = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    assert isinstance(hooks, list)
    found = [hook for hook in hooks if hook["id"] == "caicach-check"]
    assert len(found) == 1
    hook: dict[str, Any] = found[0]
    return hook


def test_pre_commit_hook_runs_caicach_check_on_plan_files() -> None:
    hook = _hook()
    assert hook["language"] == "python"
    assert hook["entry"] == "caicach check"
    assert hook.get("pass_filenames", True) is True
    files = re.compile(hook["files"])
    for path in ("plans/tinh-minh-2024.yaml", "plans/2025/xa.yml"):
        assert files.search(path), path
    for path in ("README.md", "schema/plan.schema.json", ".pre-commit-config.yaml", "plans.yaml"):
        assert not files.search(path), path
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert 'caicach = "cai_cach.cli:main"' in pyproject


def test_pre_commit_hook_command_passes_and_fails_like_check(
    run_cli: Run, write_plan: Callable[..., Path]
) -> None:
    good = write_plan(name="good.yaml")
    bad = write_plan(MINIMAL_PLAN.replace("lead: [tc-kt]", "lead: [ke-toan]"), name="bad.yaml")
    command = _hook()["entry"].split()[1:]
    assert run_cli(*command, good).exit_code == 0
    failed = run_cli(*command, good, bad)
    assert failed.exit_code == 2
    assert f"{bad}:22:" in failed.output


def test_the_docs_show_the_pre_commit_config() -> None:
    configs = []
    for page in ("docs/cac-lenh.md", "docs/en/commands.md"):
        text = (REPO / page).read_text(encoding="utf-8")
        blocks = re.findall(r"```yaml\n(.*?)```", text, flags=re.DOTALL)
        found = [yaml.safe_load(block) for block in blocks if "caicach-check" in block]
        assert found, f"{page} needs the .pre-commit-config.yaml"
        configs += found
    for config in configs:
        hooks = [hook for repo in config["repos"] for hook in repo["hooks"]]
        assert [hook["id"] for hook in hooks] == ["caicach-check"]


def test_committed_rubric_schema_matches_the_models(run_cli: Run) -> None:
    from cai_cach.schema import RUBRIC_SCHEMA_FILE, rubric_schema

    result = run_cli("schema", "--rubric")
    assert result.exit_code == 0, result.output
    committed = (REPO / RUBRIC_SCHEMA_FILE).read_text(encoding="utf-8")
    assert committed == result.stdout, (
        f"{RUBRIC_SCHEMA_FILE} is out of date; regenerate it with: "
        f"caicach schema --rubric > {RUBRIC_SCHEMA_FILE}"
    )
    assert untranslated(rubric_schema()) == []
