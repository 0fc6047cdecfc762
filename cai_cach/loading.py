"""The one loading path: find plan files, read them safely, validate, and report problems."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from cai_cach.errors import NotFoundError, PlanError, Problem
from cai_cach.models import Plan
from cai_cach.validation import reference_problems, schema_problems
from cai_cach.yamlsource import Document, load_document

PLAN_SUFFIXES = (".yaml", ".yml")


@dataclass
class LoadedPlan:
    """A valid plan with where it came from."""

    path: Path
    display: str
    plan: Plan
    document: Document
    warnings: list[Problem] = field(default_factory=list)

    @property
    def name(self) -> str:
        """Short id of the plan: its file name without extension (``tinh-minh-2024``)."""
        return self.path.stem


def display_path(path: Path) -> str:
    """How the user sees a path: as they typed it; found plans relative to the current folder."""
    if not path.is_absolute():
        return str(path)
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def find_plan_dir(start: Path) -> Path | None:
    """The nearest ``plans/`` folder at or above ``start``."""
    for folder in (start, *start.parents):
        candidate = folder / "plans"
        if candidate.is_dir():
            return candidate
    return None


def _files_in(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.suffix in PLAN_SUFFIXES and p.is_file())


def plan_files(arguments: Iterable[str], cwd: Path | None = None) -> list[Path]:
    """The plan files named on the command line (folders expanded), or the default ones."""
    paths: list[Path] = []
    for argument in arguments:
        path = Path(argument)
        paths.extend(_files_in(path) if path.is_dir() else [path])
    if paths:
        return paths
    if arguments:
        raise NotFoundError(
            "không có tệp kế hoạch (.yaml) nào trong " + ", ".join(str(a) for a in arguments)
        )
    folder = find_plan_dir(cwd or Path.cwd())
    found = [Path(display_path(p)) for p in _files_in(folder)] if folder else []
    if not found:
        raise NotFoundError(
            "không tìm thấy kế hoạch nào trong thư mục plans/",
            "chạy lệnh trong thư mục chứa plans/, "
            "hoặc chỉ đường dẫn tệp: caicach check kehoach.yaml",
        )
    return found


def load_plan(path: Path) -> LoadedPlan:
    """Read and validate one plan; raise ``PlanError`` with every problem found."""
    display = str(path)
    document = load_document(path, display)
    if not isinstance(document.data, dict):
        kind = "trống" if document.data is None else "không phải một bảng các trường"
        raise PlanError(
            [
                Problem(
                    display,
                    f"tệp kế hoạch {kind}",
                    line=1,
                    column=1,
                    hint="tệp phải bắt đầu bằng các trường plan:, officials:, sections:",
                )
            ]
        )
    try:
        plan = Plan.model_validate(document.data)
    except ValidationError as err:
        raise PlanError(document.warnings + schema_problems(err, document)) from None
    found = reference_problems(plan, document)
    errors = [problem for problem in found if problem.severity == "error"]
    if errors:
        raise PlanError(document.warnings + errors)
    warnings = document.warnings + [p for p in found if p.severity == "warning"]
    return LoadedPlan(path, display, plan, document, warnings)


@dataclass
class LoadResult:
    plans: list[LoadedPlan]
    failures: list[PlanError]


def load_plans(paths: Iterable[Path]) -> LoadResult:
    """Load many plans; a broken plan is reported without hiding the others."""
    result = LoadResult([], [])
    for path in paths:
        try:
            result.plans.append(load_plan(path))
        except PlanError as err:
            result.failures.append(err)
    return result
