"""Continuity across years (issue 20, item 5): import --like, diff across two plans."""

from __future__ import annotations

from pathlib import Path

from cai_cach.continuity import Titled, continue_from, match, year_over_year
from cai_cach.loading import load_plan, plan_from_bytes
from tests.helpers import REPO, SHIPPED_PLAN, invoke, json_envelope, run

LAST = """\
plan:
  title: Kế hoạch cải cách hành chính năm 2024
  year: 2024
  agency: {name: UBND xã Thử, place: Thử}
officials:
  vp-tk: {title: Công chức Văn phòng - Thống kê}
  tc-kt: {title: Công chức Tài chính - Kế toán}
sections:
  - id: "1"
    title: Cải cách thể chế
    tasks:
      - id: 1.a
        title: Rà soát văn bản quy phạm pháp luật của xã
        lead: [vp-tk]
        timeline: Năm 2024
        ongoing: true
      - id: 1.b
        title: Kiểm tra việc thực hiện văn bản
        lead: [tc-kt]
        timeline: Năm 2024
        ongoing: true
      - id: 1.c
        title: Tuyên truyền phổ biến pháp luật
        lead: [tc-kt]
        timeline: Năm 2024
        ongoing: true
"""

DRAFT = """\
plan:
  title: Kế hoạch cải cách hành chính năm 2025
  year: 2025
  agency: {name: UBND xã Thử, place: Thử}
officials:
  van-phong-thong-ke:
    title: Công chức Văn phòng - Thống kê
  tai-chinh-ke-toan: {title: Công chức Tài chính - Kế toán}
sections:
  - id: "1"
    title: Cải cách thể chế
    tasks:
      - id: 1.1
        # xem lại: văn bản gốc không đánh số nhiệm vụ này; đặt mã 1.1
        title: Rà soát văn bản quy phạm pháp luật của xã.
        lead: [van-phong-thong-ke]
        support:
          - tai-chinh-ke-toan
        timeline: Năm 2025
        ongoing: true
      - id: 1.d
        title: KIỂM TRA việc thực hiện văn bản
        lead: [tai-chinh-ke-toan]
        timeline: Năm 2025
        ongoing: true
      - {id: 1.e, title: Số hóa hồ sơ, lead: [van-phong-thong-ke], timeline: 2025, ongoing: true}
"""


def test_matching_is_one_to_one_and_diacritic_blind() -> None:
    old = [Titled("1.a", "Rà soát văn bản"), Titled("1.b", "Rà soát văn bản năm")]
    new = [Titled("x", "ra soat van ban"), Titled("y", "Điều hoàn toàn khác")]
    found = match(old, new)
    assert [(m.old.id, m.new.id, m.percent) for m in found] == [("1.a", "x", 100)]


def test_a_draft_keeps_last_years_keys_and_invented_ids(tmp_path: Path) -> None:
    last = tmp_path / "x-2024.yaml"
    last.write_text(LAST, encoding="utf-8")
    result = continue_from(DRAFT, load_plan(last).plan)
    plan, _ = plan_from_bytes(result.text.encode("utf-8"), "draft.yaml")
    assert set(plan.officials) == {"vp-tk", "tc-kt"}
    tasks = {task.id: task for _, task in plan.tasks()}
    assert set(tasks) == {"1.a", "1.d", "1.e"}  # 1.1 was the importer's; 1.d the document's
    assert tasks["1.a"].lead == ["vp-tk"] and tasks["1.a"].support == ["tc-kt"]
    assert tasks["1.e"].lead == ["vp-tk"]
    text = result.text
    assert "# xem lại: tiếp nối nhiệm vụ 1.a năm trước (giống 99%); giữ mã 1.a" in text
    assert (
        "# xem lại: tiếp nối nhiệm vụ 1.b năm trước (giống 100%); văn bản mới đánh số 1.d" in text
    )
    assert "# xem lại: mã 'vp-tk' giữ như kế hoạch năm trước" in text
    assert "1.c" not in text and "1.e" in text
    assert [k.written for k in result.kept if k.kind == "task"] == ["1.a", "1.d"]


def test_import_like_last_years_plan(tmp_path: Path) -> None:
    doc = REPO.parent.parent / "shared" / "docs" / "ke-hoach-cchc-2024-xa-tinh-minh.md"
    if not doc.exists():
        doc = Path("/work/shared/docs/ke-hoach-cchc-2024-xa-tinh-minh.md")
    out = tmp_path / "draft.yaml"
    code, output = run("import", doc, "-o", out, "--like", SHIPPED_PLAN)
    assert code == 0, output
    assert "mã 'vp-tk' giữ như kế hoạch năm trước" in output
    draft = load_plan(out).plan
    shipped = load_plan(SHIPPED_PLAN).plan
    assert set(draft.officials) <= set(shipped.officials) | {"ban-nganh", "bo-phan"}
    assert [t.id for _, t in draft.tasks()][:3] == ["1.a", "1.b", "1.c"]


def test_import_like_a_broken_plan_ends_in_its_located_error(tmp_path: Path) -> None:
    broken = tmp_path / "hong.yaml"
    broken.write_text(LAST.replace("ongoing: true", "ongoing: 5", 1), encoding="utf-8")
    doc = tmp_path / "kh.md"
    doc.write_text("# Kế hoạch\n", encoding="utf-8")
    code, output = run("import", doc, "-o", tmp_path / "d.yaml", "--like", broken)
    assert code == 2 and "hong.yaml:" in output
    assert not (tmp_path / "d.yaml").exists()


def test_diff_across_two_plans(tmp_path: Path) -> None:
    last, this = tmp_path / "x-2024.yaml", tmp_path / "x-2025.yaml"
    last.write_text(LAST, encoding="utf-8")
    this.write_text(continue_from(DRAFT, load_plan(last).plan).text, encoding="utf-8")
    found = year_over_year(load_plan(last).plan, load_plan(this).plan)
    assert [(m.old.id, m.new.id) for m in found.carried] == [("1.a", "1.a"), ("1.b", "1.d")]
    assert [t.id for t in found.added] == ["1.e"] and [t.id for t in found.dropped] == ["1.c"]
    code, output = run("diff", last, this)
    assert code == 0, output
    assert "Tiếp nối (2 nhiệm vụ):" in output and "= 1.b → 1.d:" in output
    assert "+ 1.e: Số hóa hồ sơ" in output and "- 1.c: Tuyên truyền" in output
    result = invoke("diff", last, this, "--json")
    shape = json_envelope(result.stdout)
    assert shape["command"] == "diff" and shape["new"] == str(this)
    items = shape["items"]
    assert [i for i in items if i["kind"] == "added"] == [
        {"kind": "added", "new": "1.e", "title": "Số hóa hồ sơ"}
    ]
    assert [i for i in items if i["kind"] == "carried"][1] == {
        "kind": "carried",
        "old": "1.b",
        "new": "1.d",
        "title": "KIỂM TRA việc thực hiện văn bản",
        "similarity": 100,
    }
