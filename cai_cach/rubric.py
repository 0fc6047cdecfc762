"""Rubric files: a province's CCHC index criteria for one year, as data.

A rubric names its province, year and issuing decision (rubrics are reissued: Sơn La
2211/QĐ-UBND, then 2712/QĐ-UBND), and lists areas and criteria with a code, text, maximum
points, how the criterion is scored — from the plan (``plan_issued``, ``share_done``,
``reports_on_time``, ``task_done``) or ``entered`` by the clerk — and what evidence it needs.
The clerk's own points and reasons for entered criteria live in an entries file. Both are read
with the one YAML reader and validated here, every mistake at ``file:line:column``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from cai_cach.errors import PlanError, Problem
from cai_cach.fields import Day, Id, Text
from cai_cach.models import Plan
from cai_cach.validation import schema_problems
from cai_cach.yamlsource import Document, PathKey, dotted, load_document

Points = float


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _config(title: str, description: str) -> ConfigDict:
    return ConfigDict(
        extra="forbid", frozen=True, title=title, json_schema_extra={"description": description}
    )


class RubricDecision(_Model):
    model_config = _config(
        "Quyết định ban hành bộ tiêu chí", "Số, ngày, trích yếu quyết định của UBND tỉnh."
    )

    number: Text = Field(title="Số quyết định", description="Ví dụ: 1880/QĐ-UBND")
    date: Day | None = Field(None, title="Ngày ký", description="Ngày: 2024-03-20 hoặc 20/03/2024")
    title: Text | None = Field(None, title="Trích yếu", description="Trích yếu quyết định.")


class RubricInfo(_Model):
    model_config = _config("Thông tin bộ tiêu chí", "Tỉnh, năm đánh giá, quyết định ban hành.")

    province: Text = Field(title="Tỉnh", description="Ví dụ: Cà Mau")
    year: int = Field(ge=2000, le=2100, title="Năm đánh giá", description="Năm của Chỉ số.")
    decision: RubricDecision = Field(
        title="Quyết định ban hành", description="Quyết định ban hành bộ tiêu chí."
    )
    example: bool = Field(
        False,
        title="Bảng mẫu",
        description="true: chỉ là ví dụ, không phải bộ tiêu chí chính thức.",
    )
    source: Text | None = Field(None, title="Nguồn", description="Nơi trích các tiêu chí.")


class Band(_Model):
    """One threshold of a share: ``more_than`` (strictly) or ``at_least`` a percentage."""

    model_config = _config("Ngưỡng tỷ lệ", "Một ngưỡng phần trăm và số điểm khi đạt.")

    more_than: float | None = Field(
        None, ge=0, le=100, title="Trên (%)", description="Đạt khi tỷ lệ lớn hơn hẳn số này."
    )
    at_least: float | None = Field(
        None, ge=0, le=100, title="Từ (%)", description="Đạt khi tỷ lệ bằng hoặc lớn hơn số này."
    )
    points: Points = Field(ge=0, title="Điểm", description="Điểm khi đạt ngưỡng.")

    @model_validator(mode="after")
    def _one_bound(self) -> Band:
        if (self.more_than is None) == (self.at_least is None):
            raise ValueError("mỗi ngưỡng ghi đúng một trong hai: more_than hoặc at_least")
        return self

    def holds(self, percent: float) -> bool:
        if self.more_than is not None:
            return percent > self.more_than
        assert self.at_least is not None
        return percent >= self.at_least

    @property
    def words(self) -> str:
        if self.more_than is not None:
            return f"trên {percent_text(self.more_than)} %"
        assert self.at_least is not None
        return f"từ {percent_text(self.at_least)} %"


class PlanIssued(_Model):
    model_config = _config(
        "Chấm theo ngày ban hành kế hoạch", "Đúng hạn thì on_time điểm, trễ thì late điểm."
    )

    deadline: Day | None = Field(
        None,
        title="Hạn ban hành kế hoạch",
        description="Ngày muộn nhất phải ban hành; để trống thì không tự tính được.",
    )
    on_time: Points = Field(ge=0, title="Điểm đúng hạn", description="Ban hành đúng hạn.")
    late: Points = Field(0, ge=0, title="Điểm trễ hạn", description="Ban hành trễ hạn.")


class ShareDone(_Model):
    model_config = _config(
        "Chấm theo tỷ lệ hoàn thành", "Tỷ lệ việc đến hạn đã hoàn thành, so với các ngưỡng."
    )

    count: Literal["done", "on_time"] = Field(
        "done",
        title="Tính",
        description="done: mọi việc đã xong; on_time: chỉ việc xong đúng hạn.",
    )
    bands: list[Band] = Field(
        min_length=1, title="Các ngưỡng", description="Từ cao xuống thấp; dưới mọi ngưỡng: 0 điểm."
    )


class ReportsOnTime(_Model):
    model_config = _config("Chấm theo báo cáo định kỳ", "Đủ điểm khi mọi kỳ báo cáo gửi đúng hạn.")

    points: Points = Field(ge=0, title="Điểm", description="Khi mọi kỳ báo cáo gửi đúng hạn.")


class TaskDone(_Model):
    model_config = _config("Chấm theo một nhiệm vụ", "Đủ điểm khi mọi mốc của nhiệm vụ đã xong.")

    task: Id | None = Field(None, title="Mã nhiệm vụ", description="Ví dụ: 1.a")
    title: Text | None = Field(
        None, title="Tên có chứa", description="Nhiệm vụ có tên chứa cụm từ này (không dấu được)."
    )
    points: Points = Field(ge=0, title="Điểm", description="Khi mọi mốc của nhiệm vụ xong.")
    late: Points | None = Field(
        None, ge=0, title="Điểm khi xong trễ", description="Mặc định: như đúng hạn."
    )

    @model_validator(mode="after")
    def _one_target(self) -> TaskDone:
        if (self.task is None) == (self.title is None):
            raise ValueError("ghi đúng một trong hai: task (mã nhiệm vụ) hoặc title (tên)")
        return self


class Measure(_Model):
    model_config = _config("Cách chấm", "Đúng một cách chấm cho mỗi tiêu chí.")

    plan_issued: PlanIssued | None = Field(
        None, title="Ban hành kế hoạch", description="Điểm theo ngày ban hành kế hoạch so với hạn."
    )
    share_done: ShareDone | None = Field(
        None, title="Tỷ lệ hoàn thành", description="Điểm theo tỷ lệ việc đến hạn đã hoàn thành."
    )
    reports_on_time: ReportsOnTime | None = Field(
        None, title="Báo cáo đúng hạn", description="Điểm khi mọi kỳ báo cáo định kỳ gửi đúng hạn."
    )
    task_done: TaskDone | None = Field(
        None,
        title="Một nhiệm vụ hoàn thành",
        description="Điểm khi một nhiệm vụ của kế hoạch xong.",
    )
    entered: bool | None = Field(
        None, title="Công chức tự nhập điểm", description="true: điểm lấy từ tệp điểm tự chấm."
    )

    @model_validator(mode="after")
    def _exactly_one(self) -> Measure:
        given = [name for name, value in self if value not in (None, False)]
        if len(given) != 1:
            raise ValueError(
                "mỗi tiêu chí có đúng một cách chấm: plan_issued, share_done, reports_on_time, "
                "task_done hoặc entered: true"
                + (f" (đang ghi {', '.join(given)})" if given else "")
            )
        return self

    @property
    def kind(self) -> str:
        return next(name for name, value in self if value not in (None, False))


class Criterion(_Model):
    model_config = _config("Tiêu chí", "Một tiêu chí (hoặc tiêu chí thành phần) của Chỉ số CCHC.")

    code: Id = Field(title="Mã tiêu chí", description="Ví dụ: 1.1")
    text: Text = Field(title="Tiêu chí", description="Nguyên văn tiêu chí.")
    max: Points = Field(gt=0, title="Điểm tối đa", description="Ví dụ: 2")
    score: Measure = Field(title="Cách chấm", description="Một cách chấm.")
    evidence: Text | None = Field(
        None, title="Tài liệu kiểm chứng cần có", description="Ví dụ: Kế hoạch CCHC năm."
    )

    @model_validator(mode="after")
    def _within_max(self) -> Criterion:
        for points in _measure_points(self.score):
            if points > self.max:
                raise ValueError(f"điểm {points:g} lớn hơn điểm tối đa {self.max:g}")
        return self


def _measure_points(measure: Measure) -> list[Points]:
    if measure.plan_issued:
        return [measure.plan_issued.on_time, measure.plan_issued.late]
    if measure.share_done:
        return [band.points for band in measure.share_done.bands]
    if measure.reports_on_time:
        return [measure.reports_on_time.points]
    if measure.task_done:
        return [measure.task_done.points, measure.task_done.late or 0]
    return []


class RubricArea(_Model):
    model_config = _config("Lĩnh vực", "Một lĩnh vực của bộ tiêu chí.")

    code: Id = Field(title="Mã lĩnh vực", description="Ví dụ: 1")
    title: Text = Field(title="Lĩnh vực", description="Ví dụ: Công tác chỉ đạo, điều hành CCHC")
    criteria: list[Criterion] = Field(
        min_length=1, title="Tiêu chí", description="Các tiêu chí của lĩnh vực."
    )


class Rubric(_Model):
    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        title="Bộ tiêu chí Chỉ số CCHC",
        json_schema_extra={"description": "Bộ tiêu chí chấm điểm Chỉ số CCHC của một tỉnh."},
    )

    rubric: RubricInfo = Field(title="Thông tin", description="Tỉnh, năm, quyết định ban hành.")
    areas: list[RubricArea] = Field(
        min_length=1, title="Lĩnh vực", description="Các lĩnh vực của bộ tiêu chí."
    )

    def criteria(self) -> list[tuple[RubricArea, Criterion]]:
        return [(area, criterion) for area in self.areas for criterion in area.criteria]


class Entry(_Model):
    model_config = _config("Điểm tự chấm", "Điểm công chức tự chấm cho một tiêu chí, kèm lý do.")

    points: Points = Field(ge=0, title="Điểm tự chấm", description="Ví dụ: 1.5")
    reason: Text = Field(title="Lý do", description="Vì sao chấm như vậy.")
    evidence: list[Text] = Field(
        default_factory=list, title="Tài liệu kiểm chứng", description="Văn bản, tệp kèm theo."
    )


class Entries(_Model):
    model_config = _config("Tệp điểm tự chấm", "Điểm tự chấm của các tiêu chí nhập tay.")

    scores: dict[str, Entry] = Field(title="Điểm tự nhập", description="Mã tiêu chí → điểm.")


# --- reading -------------------------------------------------------------------------------


def percent_text(value: float) -> str:
    return f"{value:g}".replace(".", ",")


def _problem(document: Document, path: PathKey, message: str, hint: str = "") -> Problem:
    mark = document.source.locate(path)
    return Problem(
        document.file,
        message,
        line=mark.line if mark else None,
        column=mark.column if mark else None,
        path=dotted(path),
        hint=hint,
    )


def _validated(document: Document, model: type[_Model], what: str) -> Any:
    if not isinstance(document.data, dict):
        raise PlanError([Problem(document.file, f"tệp {what} trống hoặc không phải bảng", line=1)])
    try:
        return model.model_validate(document.data)
    except ValidationError as err:
        raise PlanError(schema_problems(err, document, model, what)) from None


def load_rubric(path: Path) -> tuple[Rubric, Document]:
    """A rubric file, validated (codes unique), or ``PlanError`` at ``file:line:column``."""
    document = load_document(path)
    rubric: Rubric = _validated(document, Rubric, "bộ tiêu chí")
    problems: list[Problem] = []
    seen: set[str] = set()
    for a_index, area in enumerate(rubric.areas):
        for c_index, criterion in enumerate(area.criteria):
            if criterion.code in seen:
                problems.append(
                    _problem(
                        document,
                        ("areas", a_index, "criteria", c_index, "code"),
                        f"mã tiêu chí '{criterion.code}' bị lặp lại",
                    )
                )
            seen.add(criterion.code)
    if problems:
        raise PlanError(problems)
    return rubric, document


def check_against_plan(rubric: Rubric, document: Document, plan: Plan) -> list[Problem]:
    """Criteria that name a task the plan does not have."""
    ids = {task.id for _, task in plan.tasks()}
    problems = []
    for a_index, area in enumerate(rubric.areas):
        for c_index, criterion in enumerate(area.criteria):
            target = criterion.score.task_done
            if target is not None and target.task is not None and target.task not in ids:
                problems.append(
                    _problem(
                        document,
                        ("areas", a_index, "criteria", c_index, "score", "task_done", "task"),
                        f"tiêu chí {criterion.code} chỉ đến nhiệm vụ '{target.task}' nhưng kế "
                        f"hoạch {plan.plan.title} không có nhiệm vụ này",
                        "sửa mã nhiệm vụ, hoặc dùng title: để tìm theo tên",
                    )
                )
    return problems


def load_entries(path: Path, rubric: Rubric) -> Entries:
    """The clerk's points for entered criteria: codes known, points within the maximum."""
    document = load_document(path)
    entries: Entries = _validated(document, Entries, "điểm tự chấm")
    maxima = {criterion.code: criterion.max for _, criterion in rubric.criteria()}
    problems = []
    for code, entry in entries.scores.items():
        if code not in maxima:
            problems.append(
                _problem(
                    document,
                    ("scores", code),
                    f"bộ tiêu chí không có tiêu chí '{code}'",
                    "các mã: " + ", ".join(maxima),
                )
            )
        elif entry.points > maxima[code]:
            problems.append(
                _problem(
                    document,
                    ("scores", code, "points"),
                    f"điểm {percent_text(entry.points)} lớn hơn điểm tối đa "
                    f"{percent_text(maxima[code])} của tiêu chí {code}",
                )
            )
    if problems:
        raise PlanError(problems)
    return entries
