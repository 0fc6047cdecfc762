"""caicach import: office documents (Word, Markdown) → draft plans that load and validate."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from cai_cach.cli import app
from cai_cach.loading import load_plan
from cai_cach.models import Plan
from cai_cach.text import fold
from tests.helpers import json_items

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SHIPPED = ROOT / "plans" / "tinh-minh-2024.yaml"


def _shape(plan: Plan) -> dict[str, tuple[object, ...]]:
    """Per task: lead and support titles, milestone due dates, recurring cadences, flags."""

    def titles(ids: list[str]) -> tuple[str, ...]:
        return tuple(sorted(fold(plan.officials[i].title) for i in ids))

    return {
        task.id: (
            fold(task.title),
            titles(task.lead),
            titles(task.support),
            tuple(sorted(m.due.date for m in task.milestones)),
            tuple(sorted(r.every for r in task.recurring)),
            task.ongoing,
        )
        for _, task in plan.tasks()
    }


def _import(tmp_path: Path, source: Path, *extra: str) -> Path:
    out = tmp_path / "thu.yaml"
    result = CliRunner().invoke(app, ["import", str(source), "-o", str(out), *extra])
    assert result.exit_code == 0, result.output
    return out


@pytest.mark.parametrize(
    "name", ["ke-hoach-cchc-2024-xa-tinh-minh.docx", "ke-hoach-cchc-2024-xa-tinh-minh.md"]
)
def test_importing_the_2024_decision_reproduces_the_shipped_plan(tmp_path: Path, name: str) -> None:
    imported = load_plan(_import(tmp_path, DATA / name)).plan
    shipped = load_plan(SHIPPED).plan
    assert _shape(imported) == _shape(shipped)
    assert imported.plan.year == 2024
    assert imported.plan.decision is not None
    assert imported.plan.decision.number == "479/QĐ-UBND"
    assert imported.plan.decision.signer == "Lê Thị Mỹ Hiệp"
    assert len(imported.plan.decision.grounds) == 6
    assert len(imported.plan.decision.articles) == 3
    assert imported.plan.purposes == shipped.plan.purposes
    assert imported.plan.requirements == shipped.plan.requirements


def test_a_document_that_is_not_a_plan_gets_a_clear_message(tmp_path: Path) -> None:
    letter = tmp_path / "thu-moi.md"
    letter.write_text("Kính gửi các đồng chí,\n\nMời dự họp chiều thứ Sáu.\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["import", str(letter), "-o", str(tmp_path / "x.yaml")])
    assert result.exit_code == 2
    assert "không giống một quyết định hay kế hoạch" in result.output
    assert not (tmp_path / "x.yaml").exists()


# --- documents of other communes, built here ---------------------------------------------


def _docx(path: Path, blocks: list[str | list[list[str]]]) -> Path:
    """A Word file: each string is a paragraph, each list of rows a table."""
    import docx

    word = docx.Document()
    for block in blocks:
        if isinstance(block, str):
            word.add_paragraph(block)
        else:
            table = word.add_table(rows=len(block), cols=len(block[0]))
            for r, row in enumerate(block):
                for c, text in enumerate(row):
                    table.cell(r, c).text = text
    word.save(str(path))
    return path


HOA_BINH_TABLE = [
    [
        "STT",
        "Nội dung nhiệm vụ",
        "Cơ quan chủ trì",
        "Cơ quan phối hợp",
        "Sản phẩm",
        "Thời gian hoàn thành",
    ],
    ["I", "CẢI CÁCH THỂ CHẾ", "", "", "", ""],
    [
        "1",
        "Rà soát,  hệ thống hóa văn bản quy phạm pháp luật do HĐND, UBND xã ban hành",
        "Văn phòng HĐND và UBND",
        "Phòng Kinh tế; Phòng Văn hóa - Xã hội",
        "Báo cáo kết quả rà soát",
        "Trước ngày 20/10/2025",
    ],
    ["2", "Theo dõi thi hành pháp luật", "Phòng Văn hóa - Xã hội", "", "Báo cáo", "Hằng quý"],
    ["II", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH", "", "", "", ""],
    [
        "1",
        "Công khai kết quả giải quyết hồ sơ: tỷ lệ đúng hạn",
        "Trung tâm Phục vụ hành chính công",
        "Các phòng chuyên môn",
        "Thông báo công khai",
        "Tháng 9 và tháng 12/2025",
    ],
    [
        "2",
        "Số hóa hồ sơ, kết quả giải quyết TTHC",
        "Trung tâm Phục vụ hành chính công",
        "",
        "Dữ liệu số",
        "31.12.2025",
    ],
]


def _hoa_binh(tmp_path: Path) -> Path:
    """A 2025 plan issued directly as a Kế hoạch in July by a commune of the two-level
    government, header as a two-column table, tasks in an appendix table."""
    return _docx(
        tmp_path / "kh-hoa-binh-2025.docx",
        [
            [
                [
                    "ỦY BAN NHÂN DÂN\nXÃ HÒA BÌNH\nSố: 01/KH-UBND",
                    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
                    "Hòa Bình, ngày 15 tháng 7 năm 2025",
                ]
            ],
            "KẾ HOẠCH",
            "Cải cách hành chính năm 2025 xã Hòa Bình",
            "Thực hiện Kế hoạch số 120/KH-UBND ngày 01/7/2025 của UBND tỉnh về cải cách "
            "hành chính năm 2025;",
            "I. MỤC ĐÍCH, YÊU CẦU",
            "1. Mục đích",
            "a) Nâng cao chất lượng phục vụ người dân sau sắp xếp đơn vị hành chính.",
            "2. Yêu cầu",
            "a) Bám sát chỉ đạo của tỉnh.",
            "II. NỘI DUNG, NHIỆM VỤ",
            HOA_BINH_TABLE,
            "III. TỔ CHỨC THỰC HIỆN",
            "1. Văn phòng HĐND và UBND định kỳ hằng quý, 6 tháng, năm tổng hợp báo cáo kết quả "
            "thực hiện về UBND tỉnh (Sở Nội vụ).",
            [
                [
                    "Nơi nhận:\n- UBND tỉnh (Sở Nội vụ);\n- Lưu: VT.",
                    "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nNguyễn Văn An",
                ]
            ],
        ],
    )


def _an_khe(tmp_path: Path) -> Path:
    """A 2026 decision of a ward, tasks numbered 1.1, 1.2 with other field wordings."""
    return _docx(
        tmp_path / "qd-an-khe-2026.docx",
        [
            "ỦY BAN NHÂN DÂN",
            "PHƯỜNG AN KHÊ",
            "Số: 15/QĐ-UBND",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "An Khê, ngày 05 tháng 01 năm 2026",
            "QUYẾT ĐỊNH",
            "Về việc ban hành Kế hoạch cải cách hành chính năm 2026",
            "CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG AN KHÊ",
            "Căn cứ Luật Tổ chức chính quyền địa phương năm 2025;",
            "QUYẾT ĐỊNH:",
            "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch cải cách hành chính năm 2026.",
            "Điều 2. Quyết định có hiệu lực kể từ ngày ký.",
            "Nơi nhận:",
            "Như Điều 2;",
            "Lưu: VT.",
            "KT. CHỦ TỊCH",
            "PHÓ CHỦ TỊCH",
            "(Đã ký)",
            "Trần Thị Bình",
            "KẾ HOẠCH",
            "Cải cách hành chính năm 2026 phường An Khê",
            "I. MỤC ĐÍCH, YÊU CẦU",
            "1. Mục đích",
            "Đẩy mạnh cải cách hành chính.",
            "II. NHIỆM VỤ TRỌNG TÂM",
            "1. Cải cách thể chế",
            "Mục tiêu: Nâng cao chất lượng văn bản.",
            "Chỉ tiêu: Tỷ lệ văn bản ban hành đúng quy định đạt 100%.",
            "1.1. Rà soát văn bản quy phạm pháp luật của phường",
            "Đơn vị chủ trì: Phòng Kinh tế, Hạ tầng và Đô thị",
            "Đơn vị phối hợp: Các phòng chuyên môn",
            "Sản phẩm: Báo cáo rà soát",
            "Thời gian thực hiện: trước tháng 10/2026",
            "1.2. Tổng kết công tác cải cách hành chính",
            "Cơ quan chủ trì: Văn phòng HĐND và UBND",
            "Thời gian hoàn thành: 6 tháng đầu năm",
            "2. Cải cách thủ tục hành chính",
            "2.1. Đối thoại với người dân về thủ tục hành chính",
            "Chủ trì: Trung tâm Phục vụ hành chính công",
            "Thời gian: Tháng 5 và tháng 11/2026",
            "2.2. Đánh giá mức độ hài lòng",
            "Chủ trì: Trung tâm Phục vụ hành chính công",
            "Thời gian thực hiện: hàng tháng",
            "III. TỔ CHỨC THỰC HIỆN",
            "1. Văn phòng HĐND và UBND định kỳ 6 tháng, năm báo cáo UBND thành phố (Sở Nội vụ).",
        ],
    )


def _titles(plan: Plan, ids: list[str]) -> list[str]:
    return [plan.officials[i].title for i in ids]


def test_a_plan_issued_as_a_ke_hoach_with_an_appendix_table(tmp_path: Path) -> None:
    out = _import(tmp_path, _hoa_binh(tmp_path))
    loaded = load_plan(out)
    plan = loaded.plan
    assert plan.plan.decision is None
    document = plan.plan.document
    assert document is not None
    assert (document.number, document.date.isoformat()) == ("01/KH-UBND", "2025-07-15")
    assert (document.signer, document.signer_title, document.authority) == (
        "Nguyễn Văn An",
        "Phó Chủ tịch",
        "KT. CHỦ TỊCH",
    )
    assert document.recipients == ["UBND tỉnh (Sở Nội vụ);", "Lưu: VT."]
    assert plan.plan.agency.name == "Ủy ban nhân dân xã Hòa Bình"
    assert plan.year == 2025
    assert [s.id for s in plan.sections] == ["I", "II"]
    tasks = {task.id: task for _, task in plan.tasks()}
    first = tasks["I.1"]
    assert (
        first.title == "Rà soát, hệ thống hóa văn bản quy phạm pháp luật do HĐND, UBND xã ban hành"
    )
    assert _titles(plan, first.lead) == ["Văn phòng HĐND và UBND"]
    assert _titles(plan, first.support) == ["Phòng Kinh tế", "Phòng Văn hóa - Xã hội"]
    assert [m.due.date.isoformat() for m in first.milestones] == ["2025-10-20"]
    assert [r.every for r in tasks["I.2"].recurring] == ["quarter"]
    assert tasks["II.1"].title == "Công khai kết quả giải quyết hồ sơ: tỷ lệ đúng hạn"
    assert [m.due.date.isoformat() for m in tasks["II.1"].milestones] == [
        "2025-09-30",
        "2025-12-31",
    ]
    assert [m.due.date.isoformat() for m in tasks["II.2"].milestones] == ["2025-12-31"]
    assert [r.every for r in plan.reporting[0].recurring] == ["quarter", "half", "year"]
    assert plan.effective is not None and plan.effective.isoformat() == "2025-07-15"


def test_a_plan_approved_in_july_owes_nothing_due_before_it(tmp_path: Path) -> None:
    out = _import(tmp_path, _hoa_binh(tmp_path))
    result = CliRunner().invoke(app, ["overdue", str(out), "--as-of", "2025-10-05", "--json"])

    due = sorted({finding["due"] for finding in json_items(result.stdout)})
    assert due == ["2025-09-30"], due  # Q3 occurrences and "Tháng 9"; no Q1, Q2, H1


def test_a_ward_decision_numbered_one_point_one(tmp_path: Path) -> None:
    out = _import(tmp_path, _an_khe(tmp_path))
    plan = load_plan(out).plan
    decision = plan.plan.decision
    assert decision is not None
    assert (decision.number, decision.signer, decision.signer_title) == (
        "15/QĐ-UBND",
        "Trần Thị Bình",
        "Phó Chủ tịch",
    )
    assert decision.articles[1] == "Quyết định có hiệu lực kể từ ngày ký."
    assert plan.year == 2026
    assert plan.plan.agency.name == "Ủy ban nhân dân phường An Khê"
    section = plan.sections[0]
    assert section.objectives == ["Nâng cao chất lượng văn bản."]
    assert section.targets == ["Tỷ lệ văn bản ban hành đúng quy định đạt 100%."]
    tasks = {task.id: task for _, task in plan.tasks()}
    assert list(tasks)[:4] == ["1.1", "1.2", "2.1", "2.2"]
    assert tasks["1.1"].title == "Rà soát văn bản quy phạm pháp luật của phường"
    assert _titles(plan, tasks["1.1"].lead) == ["Phòng Kinh tế, Hạ tầng và Đô thị"]
    assert [m.due.date.isoformat() for m in tasks["1.1"].milestones] == ["2026-09-30"]
    assert [m.due.date.isoformat() for m in tasks["1.2"].milestones] == ["2026-06-30"]
    assert [m.due.date.isoformat() for m in tasks["2.1"].milestones] == ["2026-05-31", "2026-11-30"]
    assert [r.every for r in tasks["2.2"].recurring] == ["month"]
    assert [r.every for r in plan.reporting[0].recurring] == ["half", "year"]


def test_guesses_are_marked_and_listed(tmp_path: Path) -> None:
    source = DATA / "ke-hoach-cchc-2024-xa-tinh-minh.md"
    out = tmp_path / "thu.yaml"
    result = CliRunner().invoke(app, ["import", str(source), "-o", str(out)])
    text = out.read_text(encoding="utf-8")
    marks = [line for line in text.splitlines() if "# xem lại:" in line]
    assert marks
    assert "2.b: 'Tư pháp - Hộ tịch' hiểu là 'Công chức Tư pháp - Hộ tịch'" in result.output
    assert "7.a: văn bản gốc không đánh số nhiệm vụ này" in result.output
    assert f"Cần xem lại {len(marks) - 0}" in result.output or "Cần xem lại" in result.output


SONG_CAU_MD = """\
**UBND HUYỆN ĐỒNG XUÂN**
**ỦY BAN NHÂN DÂN**
**XÃ SÔNG CẦU**

Số: 07/KH-UBND

**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**

Sông Cầu, ngày 10 tháng 01 năm 2024

**KẾ HOẠCH**

**Cải cách hành chính năm 2024**

*Thực hiện Kế hoạch số 30/KH-UBND ngày 05/01/2024 của UBND huyện Đồng Xuân;*

**I/ MỤC ĐÍCH, YÊU CẦU**

Tăng cường kỷ luật, kỷ cương hành chính.

**II/ NHIỆM VỤ**

**1/ Cải cách tổ chức bộ máy**

a/ Rà soát chức năng, nhiệm vụ của các bộ phận   chuyên môn

- Chủ trì: Công chức Văn phòng - Thống kê, Nội vụ
- Phối hợp: Các ban, ngành đoàn thể xã
- Thời gian: cuối năm

b/ Sơ kết công tác cải cách hành chính

- Chủ trì: Lãnh đạo UBND xã
- Thời gian hoàn thành: 9 tháng

Ghi chú: số liệu lấy theo kỳ báo cáo của huyện.

**III/ TỔ CHỨC THỰC HIỆN**

1/ Công chức Văn phòng - Thống kê định kỳ hàng quý báo cáo UBND huyện (Phòng Nội vụ).

**TM. ỦY BAN NHÂN DÂN**
**CHỦ TỊCH**

Phạm Văn Cường
"""


def test_a_markdown_plan_numbered_with_slashes(tmp_path: Path) -> None:
    source = tmp_path / "kh-song-cau-2024.md"
    source.write_text(SONG_CAU_MD, encoding="utf-8")
    out = tmp_path / "thu.yaml"
    result = CliRunner().invoke(app, ["import", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    plan = load_plan(out).plan
    document = plan.plan.document
    assert document is not None
    assert (document.number, document.signer, document.authority) == (
        "07/KH-UBND",
        "Phạm Văn Cường",
        "TM. ỦY BAN NHÂN DÂN",
    )
    assert plan.plan.agency.parent == "Ủy ban nhân dân huyện Đồng Xuân"
    assert plan.reporting[0].recipient == "UBND huyện (Phòng Nội vụ)"
    assert plan.plan.agency.name == "Ủy ban nhân dân xã Sông Cầu"
    assert document.grounds == [
        "Thực hiện Kế hoạch số 30/KH-UBND ngày 05/01/2024 của UBND huyện Đồng Xuân;"
    ]
    tasks = {task.id: task for _, task in plan.tasks()}
    first = tasks["1.a"]
    assert first.title == "Rà soát chức năng, nhiệm vụ của các bộ phận chuyên môn"
    assert _titles(plan, first.lead) == ["Công chức Văn phòng - Thống kê", "Công chức Nội vụ"]
    assert first.milestones[0].due.date.isoformat() == "2024-12-31"
    assert tasks["1.b"].milestones[0].due.date.isoformat() == "2024-09-30"
    assert [r.every for r in plan.reporting[0].recurring] == ["quarter"]
    # nothing silently dropped: the stray note is kept in the file and reported
    assert "Ghi chú: số liệu lấy theo kỳ báo cáo của huyện." in out.read_text(encoding="utf-8")
    assert "chưa xếp" in result.output


@pytest.mark.parametrize(
    "text",
    [
        "Công khai: 100% hồ sơ",
        "Kế hoạch # số 5",
        "- gạch đầu dòng",
        '"trích dẫn" và \\ gạch chéo',
        "true",
        "2024",
        "2024-03-20",
        "Quý I/2024:",
        "[mục] {khóa}",
        "* sao",
        "@tên",
        "50%",
        "'nháy đơn'",
        "Lưu: VT.",
    ],
)
def test_every_text_is_written_so_it_reads_back_verbatim(text: str) -> None:
    from cai_cach.importing import scalar
    from cai_cach.yamlsource import parse

    document = parse(f"title: {scalar(text)}\n", "t.yaml")
    assert document.data == {"title": text}
    assert not document.warnings


def test_the_appendix_table_in_markdown(tmp_path: Path) -> None:
    rows = ["| " + " | ".join(row) + " |" for row in HOA_BINH_TABLE]
    rows.insert(1, "|" + "---|" * len(HOA_BINH_TABLE[0]))
    source = tmp_path / "kh-hoa-binh.md"
    source.write_text(
        "ỦY BAN NHÂN DÂN  \nXÃ HÒA BÌNH\n\nSố: 02/KH-UBND\n\n"
        "Hòa Bình, ngày 15 tháng 7 năm 2025\n\n**KẾ HOẠCH**\n\n"
        "Cải cách hành chính năm 2025 xã Hòa Bình\n\n**II. NỘI DUNG, NHIỆM VỤ**\n\n"
        + "\n".join(rows)
        + "\n\n**TM. ỦY BAN NHÂN DÂN**  \n**CHỦ TỊCH**\n\nLê Văn Tâm\n",
        encoding="utf-8",
    )
    plan = load_plan(_import(tmp_path, source)).plan
    tasks = {task.id: task for _, task in plan.tasks()}
    assert list(tasks) == ["I.1", "I.2", "II.1", "II.2"]
    assert tasks["II.1"].title == "Công khai kết quả giải quyết hồ sơ: tỷ lệ đúng hạn"
    assert [m.due.date.isoformat() for m in tasks["I.1"].milestones] == ["2025-10-20"]
    assert plan.plan.document is not None
    assert plan.plan.document.signer == "Lê Văn Tâm"


# --- the shapes of issue 18 ---------------------------------------------------------------


def _cat_tien(tmp_path: Path) -> Path:
    """A 2026 plan of a merged commune issued as a Kế hoạch: a borderless 2×2 header with typed
    "¯¯¯" rules, parts A./B./C., Roman reform areas in part B, tasks 1.1 … with italic-style
    dash field lines (one inline), an appendix table in another column order with group rows
    and a vertically merged lead cell."""
    import docx

    word = docx.Document()
    header = word.add_table(rows=2, cols=2)
    header.cell(0, 0).text = "ỦY BAN NHÂN DÂN\nXÃ CÁT TIẾN\n¯¯¯¯¯¯¯"
    header.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n¯¯¯¯"
    header.cell(1, 0).text = "Số: 05/KH-UBND"
    header.cell(1, 1).text = "Cát Tiến, ngày 08 tháng 01 năm 2026"
    for text in [
        "KẾ HOẠCH",
        "Cải cách hành chính năm 2026",
        "¯¯¯¯¯¯¯¯¯",
        "Căn cứ Kế hoạch số 12/KH-UBND ngày 30/12/2025 của UBND tỉnh;",
        "A. MỤC ĐÍCH, YÊU CẦU",
        "I. Mục đích",
        "Nâng cao chất lượng phục vụ người dân sau sắp xếp.",
        "B. NỘI DUNG",
        "I. CẢI CÁCH THỂ CHẾ",
        "1.1. Rà soát văn bản quy phạm pháp luật của xã",
        "- Đơn vị chủ trì: Văn phòng HĐND và UBND",
        "- Đơn vị phối hợp: Phòng Kinh tế",
        "- Sản phẩm: Báo cáo rà soát",
        "- Thời gian hoàn thành: 31.3.2026",
        "1.2. Theo dõi thi hành pháp luật (Đơn vị chủ trì: Phòng Văn hóa - Xã hội; "
        "thời gian hoàn thành: Tháng 6 và tháng 12/2026)",
        "II. CẢI CÁCH THỦ TỤC HÀNH CHÍNH",
        "2.1. Công khai thủ tục hành chính tại Trung tâm",
        "- Đơn vị chủ trì: Trung tâm Phục vụ hành chính công",
        "- Thời gian hoàn thành: Theo chỉ đạo của UBND tỉnh",
        "2.2. Đối thoại với người dân về thủ tục hành chính",
        "C. TỔ CHỨC THỰC HIỆN",
        "1. Văn phòng HĐND và UBND tổng hợp báo cáo định kỳ hằng quý gửi Sở Nội vụ trước ngày "
        "15 của tháng cuối quý.",
        "2. Các phòng, đơn vị báo cáo kết quả thực hiện hằng tháng về Văn phòng HĐND và UBND "
        "trước ngày 25.",
    ]:
        word.add_paragraph(text)
    signature = word.add_table(rows=1, cols=2)
    signature.cell(0, 0).text = "Nơi nhận:\n- Sở Nội vụ;\n- Lưu: VT."
    signature.cell(0, 1).text = "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nNguyễn Văn Tâm"
    word.add_paragraph("PHỤ LỤC")
    word.add_paragraph("(Kèm theo Kế hoạch số 05/KH-UBND của UBND xã Cát Tiến)")
    rows = [
        [
            "STT",
            "Nội dung",
            "Thời gian hoàn thành",
            "Đơn vị chủ trì",
            "Đơn vị phối hợp",
            "Sản phẩm",
        ],
        ["III", "CẢI CÁCH CÔNG VỤ", "", "", "", ""],
        [
            "1",
            "Đánh giá, xếp loại công chức",
            "Cuối năm 2026",
            "Văn phòng HĐND và UBND",
            "",
            "Quyết định",
        ],
        ["2", "Kiểm tra công vụ", "Quý II/2026", "", "", "Báo cáo"],
        ["", "", "", "", "", ""],
    ]
    table = word.add_table(rows=len(rows), cols=6)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if text:
                table.cell(r, c).text = text
    table.cell(2, 3).merge(table.cell(3, 3))  # the lead serves both rows
    table.cell(1, 1).merge(table.cell(1, 5))
    path = tmp_path / "kh-cat-tien-2026.docx"
    word.save(str(path))
    return path


def test_a_merged_communes_plan_with_parts_areas_and_an_appendix(tmp_path: Path) -> None:
    out = _import(tmp_path, _cat_tien(tmp_path))
    plan = load_plan(out).plan
    document = plan.plan.document
    assert document is not None
    assert (document.number, document.date.isoformat() if document.date else None) == (
        "05/KH-UBND",
        "2026-01-08",
    )
    assert (document.signer, document.authority) == ("Nguyễn Văn Tâm", "TM. ỦY BAN NHÂN DÂN")
    assert plan.plan.agency.name == "Ủy ban nhân dân xã Cát Tiến"
    tasks = {task.id: task for _, task in plan.tasks()}
    assert [t for t in tasks if not t.startswith("C.")] == [
        "I.1.1",
        "I.1.2",
        "II.2.1",
        "II.2.2",
        "III.1",
        "III.2",
    ]
    assert _titles(plan, tasks["I.1.1"].lead) == ["Văn phòng HĐND và UBND"]
    assert [m.due.date.isoformat() for m in tasks["I.1.1"].milestones] == ["2026-03-31"]
    assert [m.due.date.isoformat() for m in tasks["I.1.2"].milestones] == [
        "2026-06-30",
        "2026-12-31",
    ]
    assert tasks["II.2.1"].as_instructed
    assert tasks["II.2.2"].lead == []  # a plain numbered task: lead unknown, marked
    assert _titles(plan, tasks["III.2"].lead) == ["Văn phòng HĐND và UBND"]  # merged cell
    assert [m.due.date.isoformat() for m in tasks["III.1"].milestones] == ["2026-12-31"]
    province, internal = plan.reporting
    assert not province.internal
    assert province.recipient == "Sở Nội vụ"
    assert [(r.every, r.due_day) for r in province.recurring] == [("quarter", 15)]
    assert internal.internal
    assert [(r.every, r.due_day) for r in internal.recurring] == [("month", 25)]
    text = out.read_text(encoding="utf-8")
    assert "¯" not in text
    assert "# xem lại: văn bản không nêu đơn vị chủ trì" in text


JULY_HEADER = (
    "| ỦY BAN NHÂN DÂN<br>**XÃ HÒA AN**<br>Số: 120/QĐ-UBND | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    "<br>Độc lập - Tự do - Hạnh phúc<br>Hòa An, ngày 10 tháng 7 năm 2025 |\n|---|---|\n"
)
JULY_MD = (
    JULY_HEADER
    + """\

**QUYẾT ĐỊNH**

**Ban hành Kế hoạch cải cách hành chính 6 tháng cuối năm 2025**

**CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ HÒA AN**

*Căn cứ Luật Tổ chức chính quyền địa phương năm 2025;*

**QUYẾT ĐỊNH:**

**Điều 1.** Ban hành kèm theo Quyết định này Kế hoạch cải cách hành chính 6 tháng cuối năm 2025.

**Điều 2.** Quyết định có hiệu lực kể từ ngày ký.

**KẾ HOẠCH**

**Cải cách hành chính 6 tháng cuối năm 2025**

**I. NỘI DUNG**

**1. Cải cách thủ tục hành chính**

a) Công khai thủ tục hành chính

- *Chủ trì:* Trung tâm Phục vụ hành chính công
- *Thời gian:* Quý III/2025

b) Báo cáo kết quả giải quyết hồ sơ

- *Chủ trì:* Trung tâm Phục vụ hành chính công
- *Thời gian:* hằng quý, trước ngày 15 của tháng cuối kỳ

**II. TỔ CHỨC THỰC HIỆN**

1. Các phòng, đơn vị báo cáo kết quả hằng tháng về Văn phòng HĐND và UBND trước ngày 25.

"""
)
JULY_MD += (
    "| **Nơi nhận:**<br>- Sở Nội vụ;<br>- Lưu: VT. | **KT. CHỦ TỊCH**<br>**PHÓ CHỦ TỊCH**<br><br>"
    "Lê Thị Hoa |\n|---|---|\n"
)


def test_a_july_decision_in_markdown_with_br_in_its_header(tmp_path: Path) -> None:
    source = tmp_path / "qd-hoa-an-2025.md"
    source.write_text(JULY_MD, encoding="utf-8")
    plan = load_plan(_import(tmp_path, source)).plan
    decision = plan.plan.decision
    assert decision is not None
    assert (decision.number, decision.signer, decision.signer_title) == (
        "120/QĐ-UBND",
        "Lê Thị Hoa",
        "Phó Chủ tịch",
    )
    assert decision.date is not None and decision.date.isoformat() == "2025-07-10"
    assert plan.plan.start is not None and plan.plan.start.isoformat() == "2025-07-01"
    assert plan.plan.end is None  # 31/12 is the default end: not written
    tasks = {task.id: task for _, task in plan.tasks()}
    assert [(r.every, r.due_day) for r in tasks["1.b"].recurring] == [("quarter", 15)]
    (internal,) = plan.reporting
    assert internal.internal and [(r.every, r.due_day) for r in internal.recurring] == [
        ("month", 25)
    ]


def test_an_unsigned_draft_gets_no_invented_date_and_check_says_so(tmp_path: Path) -> None:
    source = tmp_path / "du-thao.md"
    source.write_text(
        "ỦY BAN NHÂN DÂN  \nXÃ AN PHÚ\n\nSố: /KH-UBND\n\nAn Phú, ngày    tháng 01 năm 2026\n\n"
        "**KẾ HOẠCH**\n\nCải cách hành chính năm 2026\n\n**I. NỘI DUNG**\n\n"
        "**1. Cải cách thể chế**\n\na) Rà soát văn bản\n\n- Chủ trì: Văn phòng\n"
        "- Thời gian: 31/03/2026\n",
        encoding="utf-8",
    )
    out = _import(tmp_path, source)
    text = out.read_text(encoding="utf-8")
    from datetime import date

    assert date.today().isoformat() not in text
    document = load_plan(out).plan.plan.document
    assert document is not None
    assert (document.number, document.date, document.signer) == (None, None, None)
    result = CliRunner().invoke(app, ["check", str(out)])
    assert "chưa có ngày ký" in result.output
    assert "chưa có người ký" in result.output


def test_invisible_characters_are_removed_and_counted(tmp_path: Path) -> None:
    source = tmp_path / "bidi.md"
    source.write_text(
        SONG_CAU_MD.replace("Rà soát chức năng", "Rà soát\u202e chức\u200b năng"),
        encoding="utf-8",
    )
    out = tmp_path / "thu.yaml"
    result = CliRunner().invoke(app, ["import", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "\u202e" not in text and "\u200b" not in text
    assert "đã bỏ 2 ký tự ẩn" in text and "đã bỏ 2 ký tự ẩn" in result.output


def test_an_oversized_document_is_refused_with_the_limit(tmp_path: Path) -> None:
    source = tmp_path / "to.md"
    with source.open("wb") as stream:
        stream.truncate(21 * 1024 * 1024)
    result = CliRunner().invoke(app, ["import", str(source), "-o", str(tmp_path / "x.yaml")])
    assert result.exit_code == 2
    assert "20 MB" in result.output


def test_a_doc_without_libreoffice_says_how_to_install_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    monkeypatch.setattr(shutil, "which", lambda name: None)
    source = tmp_path / "cu.odt"
    source.write_bytes(b"PK")
    result = CliRunner().invoke(app, ["import", str(source), "-o", str(tmp_path / "x.yaml")])
    assert result.exit_code == 2
    assert "libreoffice-writer" in result.output and ".docx" in result.output


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("lol.docx", "billion-laughs"),
        ("deep.docx", "nested-tables"),
        ("rac.docx", "not-a-zip"),
        ("rac.pdf", "not-a-pdf"),
    ],
)
def test_hostile_documents_end_in_a_vietnamese_error_not_an_internal_one(
    tmp_path: Path, name: str, content: str
) -> None:
    import zipfile

    source = tmp_path / name
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    if content == "billion-laughs":
        entities = '<!ENTITY a "aaaaaaaaaa">' + "".join(
            f'<!ENTITY {chr(98 + n)} "{("&" + chr(97 + n) + ";") * 10}">' for n in range(8)
        )
        body = f'<!DOCTYPE d [{entities}]><w:document xmlns:w="{w}"><w:body><w:p><w:r>'
        body += "<w:t>&i;</w:t></w:r></w:p></w:body></w:document>"
    else:
        nested = "<w:p/>"
        for _ in range(300):
            nested = f"<w:tbl><w:tr><w:tc>{nested}</w:tc></w:tr></w:tbl><w:p/>"
        body = f'<w:document xmlns:w="{w}"><w:body>{nested}</w:body></w:document>'
    if content in ("billion-laughs", "nested-tables"):
        with zipfile.ZipFile(source, "w") as archive:
            archive.writestr("word/document.xml", body)
    else:
        source.write_bytes(b"\x00\x01 r\xe1c " * 100)
    result = CliRunner().invoke(app, ["import", str(source), "-o", str(tmp_path / "x.yaml")])
    assert result.exit_code == 2, result.output
    assert "lỗi nội bộ" not in result.output
    assert name in result.output
    assert not (tmp_path / "x.yaml").exists()


def test_a_task_whose_lead_the_document_does_not_name_shows_chua_ro(tmp_path: Path) -> None:
    out = _import(tmp_path, _cat_tien(tmp_path))
    shown = CliRunner().invoke(app, ["show", "II.2.2", "-p", str(out)])
    assert shown.exit_code == 0, shown.output
    assert "Chủ trì:    chưa rõ" in shown.output
    listed = CliRunner().invoke(app, ["list", str(out)])
    assert "chưa rõ" in listed.output
