"""Never a false all-clear: failed plans, conflicts, finished years, located YAML mistakes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import ONE_MILESTONE_PLAN, invoke, json_envelope, json_items

PLAN = ONE_MILESTONE_PLAN


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def broken(folder: Path, name: str = "hong.yaml") -> Path:
    return write(folder, name, PLAN.replace("  year: 2024", "\tyear: 2024"))


# --- 1. no all-clear over a failed plan ---------------------------------------------------


def test_overdue_with_one_good_and_one_broken_plan_says_the_result_is_partial(
    tmp_path: Path,
) -> None:
    good = write(tmp_path, "tot.yaml", PLAN.replace("due: Quý I/2024", "due: Quý IV/2024"))
    bad = broken(tmp_path)
    result = invoke("overdue", good, bad, "--as-of", "2024-04-15")
    assert result.exit_code == 2
    lines = result.stdout.splitlines()
    assert lines[0] == "LỖI: 1 tệp kế hoạch có lỗi — kết quả dưới đây KHÔNG gồm tệp đó:"
    assert f"{bad}:3:1" in lines[1]
    assert "Không có việc nào quá hạn trong 1 kế hoạch đọc được (KHÔNG gồm tệp có lỗi)" in (
        result.stdout
    )
    assert lines[-1].startswith(f"LỖI: 1 tệp kế hoạch có lỗi ({bad}) — kết quả trên KHÔNG gồm")


def test_overdue_json_over_a_failed_plan_is_an_object_naming_it(tmp_path: Path) -> None:
    good = write(tmp_path, "tot.yaml", PLAN)
    bad = broken(tmp_path)
    result = invoke("overdue", good, bad, "--as-of", "2024-04-15", "--json")
    assert result.exit_code == 2
    shape = json_envelope(result.stdout)
    assert [item["task"] for item in shape["items"]] == ["1.a"]
    assert shape["failed_files"] == [str(bad)] and shape["complete"] is False
    assert shape["problems"][0]["line"] == 3
    alone = json_envelope(invoke("overdue", good, "--as-of", "2024-04-15", "--json").stdout)
    assert alone["items"] == shape["items"]  # every plan read: the same envelope, complete
    assert alone["complete"] is True and alone["failed_files"] == []


def test_rollup_over_only_broken_plans_prints_no_table(tmp_path: Path) -> None:
    bad = broken(tmp_path)
    result = invoke("overdue", "--group-by", "agency", bad, "--as-of", "2024-04-15")
    assert result.exit_code == 2
    assert result.stdout.startswith("LỖI: 1 tệp kế hoạch có lỗi — KHÔNG đọc được kế hoạch nào")
    assert "0 việc quá hạn" not in result.stdout
    shape = json.loads(invoke("overdue", "--group-by", "agency", bad, "--json").stdout)
    assert shape["failed_files"] == [str(bad)] and shape["problems"][0]["line"] == 3


def test_report_to_files_says_a_plan_was_left_out(tmp_path: Path) -> None:
    good = write(tmp_path, "tot.yaml", PLAN)
    bad = broken(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    result = invoke("report", good, bad, "--period", "2024-Q1", "-o", out)
    assert result.exit_code == 2
    assert result.stdout.startswith("LỖI: 1 tệp kế hoạch có lỗi")
    assert "✓" in result.stdout


# --- 4. YAML mistakes located where the clerk made them -----------------------------------


def test_parser_english_only_with_debug(tmp_path: Path) -> None:
    path = write(tmp_path, "plan.yaml", PLAN.replace("lead: [vp-tk]", "lead: [vp-tk"))
    plain = invoke("check", path)
    assert f"{path}:13:15: lỗi: ngoặc '[' mở ở đây chưa được đóng" in plain.stderr
    assert "YAML:" not in plain.output
    debug = invoke("--debug", "check", path)
    assert "(YAML: while parsing a flow sequence did not find expected ',' or ']')" in (
        debug.stderr
    )


def test_key_without_colon_before_a_nested_key_names_its_own_line(tmp_path: Path) -> None:
    path = write(tmp_path, "plan.yaml", PLAN.replace("  year: 2024", "  year 2024"))
    result = invoke("check", path)
    assert f"{path}:3:3: lỗi: thiếu dấu ':' sau tên trường" in result.stderr
    path.write_text(PLAN.replace("  year: 2024", "  year:2024"), encoding="utf-8")
    result = invoke("check", path)
    assert f"{path}:3:8: lỗi: thiếu dấu cách sau dấu ':'" in result.stderr


def test_unclosed_single_quote_names_the_opening_quote(tmp_path: Path) -> None:
    path = write(tmp_path, "plan.yaml", PLAN.replace("title: Mục một", "title: 'Mục một"))
    result = invoke("check", path)
    assert result.exit_code == 2
    assert f"{path}:9:12: lỗi: dấu nháy" in result.stderr


# --- 2. merge conflicts -------------------------------------------------------------------

CONFLICT = PLAN.replace(
    "        title: Ban hành kế hoạch\n",
    "<<<<<<< HEAD\n        title: Ban hành kế hoạch\n=======\n"
    "        title: Ban hành kế hoạch năm\n>>>>>>> nhanh-van-phong\n",
)


def git(folder: Path, *args: str) -> None:
    import subprocess

    subprocess.run(
        ["git", "-c", "user.name=Thử", "-c", "user.email=thu@example.org", *args],
        cwd=folder,
        check=True,
        capture_output=True,
    )


def test_conflicted_plan_refuses_done_and_note_and_diff_does_not_say_no_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path / "plans", "thu.yaml", PLAN)
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "kế hoạch")
    path.write_text(CONFLICT, encoding="utf-8")
    before = path.read_bytes()
    monkeypatch.chdir(tmp_path)
    expected = "plans/thu.yaml:12:1: lỗi: tệp còn dấu xung đột của git"
    for command in (
        ["done", "1.a", "-p", "plans/thu.yaml", "--date", "2024-03-01"],
        ["note", "1.a", "Đã ban hành", "-p", "plans/thu.yaml"],
        ["check"],
    ):
        result = invoke(*command)
        assert result.exit_code == 2, result.output
        assert expected in result.stderr
        assert "'HEAD'" in result.stderr and "'nhanh-van-phong'" in result.stderr
        assert "caicach check" in result.stderr
        assert path.read_bytes() == before
    diff = invoke("diff")
    assert diff.exit_code == 2
    assert "Không có thay đổi" not in diff.stdout
    assert diff.stdout.startswith("LỖI: 1 tệp kế hoạch có lỗi")
    shape = json.loads(invoke("diff", "--json").stdout)
    assert shape["items"] == [] and shape["failed_files"] == ["plans/thu.yaml"]


@pytest.mark.parametrize("as_json", [False, True])
@pytest.mark.parametrize(
    ("text", "where"),
    [
        (CONFLICT, "plans/thu.yaml:12:1: tệp còn dấu xung đột của git"),
        (PLAN.replace("  year: 2024", "\tyear: 2024"), "plans/thu.yaml:3:1: ký tự tab"),
        (PLAN.replace("title: Mục một", 'title: "Mục\\x0bmột"'), "plans/thu.yaml:9:12: ký tự ẩn"),
    ],
)
def test_overdue_on_a_folder_whose_only_plan_cannot_be_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, where: str, as_json: bool
) -> None:
    write(tmp_path / "plans", "thu.yaml", text)
    monkeypatch.chdir(tmp_path)
    result = invoke("overdue", *(["--json"] if as_json else []))
    assert result.exit_code == 2
    if as_json:
        shape = json.loads(result.stdout)
        assert shape["items"] == [] and shape["failed_files"] == ["plans/thu.yaml"]
        return
    assert result.stdout.startswith("LỖI: 1 tệp kế hoạch có lỗi — KHÔNG đọc được kế hoạch nào")
    assert where in result.stdout
    assert "Không có việc nào quá hạn" not in result.stdout


def test_an_escaped_control_character_in_a_key_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "plan.yaml", PLAN.replace("  vp-tk:", '  "vp\\x1b-tk":'))
    result = invoke("check", path)
    assert result.exit_code == 2
    assert f"{path}:6:3: lỗi: ký tự ẩn không được phép U+001B" in result.stderr


# --- 3. a plan whose year is over, or not begun --------------------------------------------


def year_plan(year: int) -> str:
    return PLAN.replace("2024", str(year))


def test_a_finished_plan_says_so_with_its_open_count_and_what_next(tmp_path: Path) -> None:
    path = write(tmp_path, "thu-2024.yaml", PLAN)
    result = invoke("overdue", path, "--as-of", "2025-02-10")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == (
        f"Kế hoạch năm 2024 ({path}) đã kết thúc ngày 31/12/2024; còn 1 việc chưa hoàn thành."
    )
    assert f"caicach report --period 2024 {path}" in lines[1]
    assert "kế hoạch năm 2025" in lines[2]
    assert "Việc quá hạn tính đến ngày 10/02/2025: 1" in result.stdout


def test_an_agencys_older_plan_is_summarised_unless_named(tmp_path: Path) -> None:
    old = write(tmp_path / "plans", "thu-2024.yaml", PLAN)
    new = write(tmp_path / "plans", "thu-2025.yaml", year_plan(2025))
    result = invoke("overdue", tmp_path / "plans", "--as-of", "2025-05-10")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0].startswith(
        f"Kế hoạch năm 2024 ({old}) đã kết thúc, còn 1 việc chưa hoàn thành — không liệt kê"
    )
    assert f"xem riêng: caicach overdue {old}" in result.stdout
    assert "Việc quá hạn tính đến ngày 10/05/2025: 1" in result.stdout  # the 2025 plan's only
    assert "31/03/2024" not in result.stdout
    named = invoke("overdue", old, new, "--as-of", "2025-05-10")
    assert "Việc quá hạn tính đến ngày 10/05/2025: 2" in named.stdout
    every = json_items(
        invoke("overdue", tmp_path / "plans", "--as-of", "2025-05-10", "--json").stdout
    )
    assert sorted(item["file"] for item in every) == [str(old), str(new)]


def test_a_future_plan_says_it_has_not_begun(tmp_path: Path) -> None:
    path = write(tmp_path, "thu-2026.yaml", year_plan(2026))
    result = invoke("overdue", path, "--as-of", "2025-12-01")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == (
        f"Kế hoạch năm 2026 ({path}) chưa bắt đầu (từ ngày 01/01/2026): "
        "các việc của kế hoạch này chưa đến hạn."
    )


def test_rollup_counts_an_agencys_current_plan_and_names_the_older_one(tmp_path: Path) -> None:
    old = write(tmp_path / "plans", "thu-2024.yaml", PLAN)
    write(tmp_path / "plans", "thu-2025.yaml", year_plan(2025))
    args = ("overdue", "--group-by", "agency", tmp_path / "plans", "--as-of", "2025-05-10")
    result = invoke(*args)
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0].startswith(f"Kế hoạch năm 2024 ({old}) đã kết thúc")
    assert "1 đơn vị, 1 kế hoạch, 1 việc quá hạn" in result.stdout
    shape = json.loads(invoke(*args, "--json").stdout)
    assert shape["totals"]["plans"] == 1
    assert shape["earlier_years"] == [{"file": str(old), "year": 2024, "overdue": 1}]


def test_many_finished_plans_are_summarised_in_one_line(tmp_path: Path) -> None:
    for name in ("an", "binh", "chau", "dung"):
        write(tmp_path / "plans", f"{name}-2024.yaml", PLAN.replace("xã Thử", f"xã {name}"))
    result = invoke("overdue", tmp_path / "plans", "--as-of", "2025-02-01")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "4 kế hoạch đã hết năm kế hoạch (2024), còn 4 việc chưa hoàn thành → lập báo cáo năm "
        "(caicach report --period NĂM) và kế hoạch năm sau."
    )
    assert "Việc quá hạn tính đến ngày 01/02/2025: 4" in lines[1]


def test_the_notice_names_the_error_not_a_warning_before_it(tmp_path: Path) -> None:
    text = PLAN.replace("title: Mục một", "title: Mục #1 một").replace(
        "lead: [vp-tk]", "lead: [ke-toan]"
    )
    path = write(tmp_path, "plan.yaml", text)
    result = invoke("overdue", path, "--as-of", "2024-04-15")
    assert result.exit_code == 2
    assert result.stdout.splitlines()[1].startswith(f"  {path}:13:")
    assert "ke-toan" in result.stdout.splitlines()[1]


def test_unclosed_brace_names_the_opening_brace(tmp_path: Path) -> None:
    text = PLAN.replace("  vp-tk: {title: Công chức Văn phòng - Thống kê}", "  vp-tk: {title: X")
    path = write(tmp_path, "plan.yaml", text)
    result = invoke("check", path)
    assert result.exit_code == 2
    assert f"{path}:6:10: lỗi: ngoặc '{{' mở ở đây chưa được đóng" in result.stderr
