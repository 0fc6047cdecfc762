"""Rendering reports through templates: the context, the sandbox, errors, the Word layout."""

from __future__ import annotations

import importlib.util
import io
import zipfile
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import Any

import docx
import pytest
from docx.document import Document
from docx.shared import Length
from docx.table import Table

from cai_cach.errors import NotFoundError, TemplateError, UsageError
from cai_cach.loading import load_plan
from cai_cach.periods import Period, date_line
from cai_cach.render import (
    TemplateSource,
    block_text,
    default_template,
    load_template,
    markdown_cell,
    render_docx,
    render_markdown,
    report_context,
    template_folders,
    template_format,
)
from cai_cach.report import Report, ReportOptions, build_report
from tests.helpers import REPO

PROGRESS_PLAN = REPO / "tests" / "golden" / "tien-do-2024.yaml"
ISSUED = date(2024, 3, 5)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def progress_report(**options: Any) -> Report:
    loaded = load_plan(PROGRESS_PLAN)
    return build_report(loaded, Period(2024, "quarter", 1), ReportOptions(issued=ISSUED, **options))


def md(text: str, name: str = "mau.md.j2") -> TemplateSource:
    return TemplateSource(name, text.encode("utf-8"), "md")


# --- reading Word files back (also used by tests/test_cli_report.py) ----------------------


def open_docx(data: bytes | Path) -> Document:
    source = io.BytesIO(data) if isinstance(data, bytes) else str(data)
    return docx.Document(source)


def tables_in(tables: list[Table]) -> Iterator[Table]:
    for table in tables:
        yield table
        for row in table.rows:
            for cell in row.cells:
                yield from tables_in(cell.tables)


def body_text(document: Document) -> list[str]:
    """Every paragraph of the body, of its tables (nested too), in order of appearance."""
    texts = [paragraph.text for paragraph in document.paragraphs]
    for table in tables_in(document.tables):
        for row in table.rows:
            for cell in row.cells:
                texts.extend(paragraph.text for paragraph in cell.paragraphs)
    return texts


def header_text(document: Document) -> list[str]:
    texts = []
    for section in document.sections:
        for header in (section.header, section.first_page_header):
            texts.extend(paragraph.text for paragraph in header.paragraphs)
    return texts


def table_rows(document: Document, first_header: str) -> list[list[str]]:
    """Rows (as cell texts) of the table whose header row starts with ``first_header``."""
    for table in tables_in(document.tables):
        rows = [[cell.text for cell in row.cells] for row in table.rows]
        if rows and rows[0][:2] == ["TT", first_header]:
            return rows[1:]
    raise AssertionError(f"no table headed {first_header!r}")


def mm(length: Length | None) -> float:
    assert length is not None
    return float(length.mm)


def assert_official_layout(document: Document, place: str, issued: date) -> None:
    """The layout of Nghị định 30/2020, Phụ lục I, as far as a file can show it."""
    section = document.sections[0]
    assert round(mm(section.page_width)) == 210 and round(mm(section.page_height)) == 297
    assert 20 <= round(mm(section.top_margin)) <= 25
    assert 20 <= round(mm(section.bottom_margin)) <= 25
    assert 30 <= round(mm(section.left_margin)) <= 35
    assert 15 <= round(mm(section.right_margin)) <= 20
    # Times New Roman everywhere: the defaults and every style name it, no theme font remains,
    # and no run overrides it.
    styles = document.styles.element
    for fonts in styles.iter(f"{W}rFonts"):
        assert not any(key.endswith(("Theme", "theme")) for key in fonts.attrib), fonts.attrib
        assert fonts.get(f"{W}ascii") == "Times New Roman"
        assert fonts.get(f"{W}hAnsi") == "Times New Roman"
    for fonts in document.element.body.iter(f"{W}rFonts"):
        assert fonts.get(f"{W}ascii") in (None, "Times New Roman")
    texts = body_text(document)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in texts
    motto = [
        paragraph
        for table in tables_in(document.tables)
        for row in table.rows
        for cell in row.cells
        for paragraph in cell.paragraphs
        if paragraph.text == "Độc lập - Tự do - Hạnh phúc"
    ]
    assert motto and all(run.bold for run in motto[0].runs)
    # NĐ 30, Phụ lục I: a short rule under the agency's name and under the motto.
    ruled = [
        cell
        for table in tables_in(document.tables)
        for row in table.rows[:1]
        for cell in row.cells
        if cell._tc.xpath(".//w:pBdr/w:bottom")
    ]
    assert len(ruled) == 2
    line = date_line(place, issued)
    dated = [
        paragraph
        for table in tables_in(document.tables)
        for row in table.rows
        for cell in row.cells
        for paragraph in cell.paragraphs
        if paragraph.text == line
    ]
    assert dated and all(run.italic for run in dated[0].runs), line
    assert "BÁO CÁO" in texts
    assert any(text.startswith("Số: ") and text.endswith("/BC-UBND") for text in texts)
    assert "Nơi nhận:" in texts
    # Page numbers centred at the top from page 2: a first page with its own empty header.
    assert section.different_first_page_header_footer
    assert all(not p.text.strip() for p in section.first_page_header.paragraphs)
    instructions = "".join(
        node.text or "" for node in section.header._element.iter(f"{W}instrText")
    )
    assert "PAGE" in instructions


# --- the context ----------------------------------------------------------------------------


def plain(value: object) -> bool:
    if isinstance(value, dict):
        return all(isinstance(key, str) and plain(item) for key, item in value.items())
    if isinstance(value, list):
        return all(plain(item) for item in value)
    return value is None or isinstance(value, str | int | float | bool)


def test_context_is_plain_data() -> None:
    context = report_context(progress_report())
    assert plain(context)
    assert context["period"]["key"] == "2024-Q1"
    assert context["agency"]["name_block"] == "ỦY BAN NHÂN DÂN\nXÃ THỬ NGHIỆM"
    assert context["signer"]["title"] == "CHỦ TỊCH"
    assert context["figures"]["total"]["b0"]["overdue"] == len(context["overdue"])
    assert context["report"]["draft"] is True  # no narrative file, no figures file here


@pytest.mark.parametrize(
    ("name", "block"),
    [
        ("Ủy ban nhân dân xã Tịnh Minh", "ỦY BAN NHÂN DÂN\nXÃ TỊNH MINH"),
        ("Ủy ban nhân dân thị xã Đức Phổ", "ỦY BAN NHÂN DÂN\nTHỊ XÃ ĐỨC PHỔ"),
        ("Ủy ban nhân dân tỉnh Quảng Ngãi", "ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI"),
        ("UBND phường 1", "UBND PHƯỜNG 1"),
        (
            "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân",
            "VĂN PHÒNG HỘI ĐỒNG NHÂN DÂN VÀ ỦY BAN NHÂN DÂN",
        ),
    ],
)
def test_agency_block_breaks_before_the_level(name: str, block: str) -> None:
    assert block_text(name) == block


def test_markdown_cell() -> None:
    assert markdown_cell("a | b\nc") == "a \\| b c"


# --- finding templates --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "fmt"),
    [("a.md.j2", "md"), ("a.j2", "md"), ("A.DOCX", "docx"), ("a.md", "md"), ("a.txt", None)],
)
def test_template_format(name: str, fmt: str | None) -> None:
    assert template_format(Path(name)) == fmt


def test_default_templates_are_found() -> None:
    assert any(Path(str(folder)) == REPO / "templates" for folder in template_folders())
    assert default_template("md").data == (REPO / "templates" / "report.md.j2").read_bytes()
    assert default_template("docx").data == (REPO / "templates" / "report.docx").read_bytes()


def test_load_template_errors(tmp_path: Path) -> None:
    with pytest.raises(NotFoundError, match="không tìm thấy mẫu"):
        load_template(tmp_path / "khong-co.md.j2")
    with pytest.raises(UsageError, match="không nhận ra loại mẫu"):
        load_template(tmp_path / "mau.txt")
    folder = tmp_path / "thu-muc.docx"
    folder.mkdir()
    with pytest.raises(TemplateError, match="không phải là một tệp"):
        load_template(folder)


def load_script() -> ModuleType:
    path = REPO / "scripts" / "make_report_template.py"
    spec = importlib.util.spec_from_file_location("make_report_template", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_committed_word_template_is_what_the_script_builds() -> None:
    built = load_script().template_bytes()
    committed = (REPO / "templates" / "report.docx").read_bytes()
    assert parts(built) == parts(committed), "run: python scripts/make_report_template.py"


# --- Markdown -------------------------------------------------------------------------------


def test_custom_markdown_template() -> None:
    template = md("{{ report.subject }} — {{ agency.name }}: {{ overdue|length }} quá hạn\n")
    text = render_markdown(progress_report(), template)
    assert text == (
        "Kết quả thực hiện công tác cải cách hành chính quý I năm 2024 — "
        "Ủy ban nhân dân xã Thử Nghiệm: 1 quá hạn\n"
    )


@pytest.mark.parametrize(
    ("source", "line", "words"),
    [
        ("dòng 1\n{% for s in sections %}\n{{ s.id }}\n", 3, "cú pháp mẫu sai"),
        ("dòng 1\n\n{{ khong_co }}\n", 3, "'khong_co'"),
        ("{% for s in sections %}\n\n{{ s.khong_co }}\n{% endfor %}\n", 3, "'khong_co'"),
        ("a\n{{ sections.append(1) }}\n", 2, "không được phép"),
        ("a\n{{ agency.name.__class__.__mro__ }}\n", 2, "'__class__'"),
        ("a\n{{ 1 / 0 }}\n", 2, "ZeroDivisionError"),
    ],
)
def test_broken_markdown_template_names_file_and_line(source: str, line: int, words: str) -> None:
    with pytest.raises(TemplateError) as caught:
        render_markdown(progress_report(), md(source, "mau-hong.md.j2"))
    assert caught.value.render().startswith(f"mau-hong.md.j2:{line}: lỗi: ")
    assert words in caught.value.message


def test_markdown_template_must_be_utf8() -> None:
    with pytest.raises(TemplateError, match="UTF-8"):
        render_markdown(progress_report(), TemplateSource("x.md.j2", b"\xff\xfe{{ a }}", "md"))


def test_sandbox_keeps_plan_data_unchanged() -> None:
    report = progress_report()
    with pytest.raises(TemplateError):
        render_markdown(report, md("{{ sections[0].tasks.clear() }}"))
    assert report.sections[0].tasks


# --- Word -----------------------------------------------------------------------------------


def test_default_word_report_has_the_official_layout() -> None:
    report = progress_report()
    document = open_docx(render_docx(report, default_template("docx")))
    assert_official_layout(document, "Thử Nghiệm", ISSUED)
    texts = body_text(document)
    assert "Kết quả thực hiện công tác cải cách hành chính quý I năm 2024" in texts
    assert "ỦY BAN NHÂN DÂN\nXÃ THỬ NGHIỆM" in texts
    assert "ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI" in texts
    assert "- Sở Nội vụ tỉnh Quảng Ngãi;" in texts and "- Lưu: VT." in texts
    assert "TM. ỦY BAN NHÂN DÂN" in texts and "Nguyễn Văn An" in texts
    rows = table_rows(document, "Nhiệm vụ, việc cần làm")
    assert [row[1:3] for row in rows] == [
        [f"{item.task_id}: {item.what}", "; ".join(item.lead)] for item in report.overdue
    ]
    statistics = table_rows(document, "Lĩnh vực")
    assert [row[0] for row in statistics[:-1]] == [area.id for area in report.figures.areas]
    total = report.figures.total()
    assert statistics[-1][1:5] == [
        "Tổng cộng",
        str(total.tasks),
        str(total.ongoing),
        str(total.shares[0].total),
    ]
    assert texts[0] == "DỰ THẢO"
    assert not any("{{" in text or "{%" in text for text in texts)


def make_docx_template(path: Path, body: list[str], header: str = "", cell: str = "") -> Path:
    document = docx.Document()
    for text in body:
        document.add_paragraph(text)
    if cell:
        document.add_table(rows=1, cols=1).cell(0, 0).text = cell
    if header:
        document.sections[0].header.paragraphs[0].text = header
    document.save(str(path))
    return path


HOSTILE = "A & B <c> \"d\" 'e' </w:t> &amp;"


def hostile_plan(write_plan: Callable[..., Path]) -> Path:
    quoted = HOSTILE.replace("'", "''")
    text = (
        PROGRESS_PLAN.read_text(encoding="utf-8")
        .replace(
            "name: Ủy ban nhân dân xã Thử Nghiệm,",
            f"name: 'Ủy ban nhân dân xã {quoted}',",
        )
        .replace(
            "title: Công khai quyết toán ngân sách",
            f"title: 'Công khai quyết toán {quoted}'",
        )
        .replace(
            "what: Công khai quyết toán\n",
            f"what: 'Quyết toán {quoted}'\n",
        )
        .replace(
            "text: Đã tiếp nhận 3 phản ánh; xử lý xong 3",
            f"text: 'Ghi chú {quoted}'",
        )
    )
    return write_plan(text, "hostile.yaml")


def test_hostile_text_appears_exactly_in_word_body_tables_and_header(
    tmp_path: Path, write_plan: Callable[..., Path]
) -> None:
    loaded = load_plan(hostile_plan(write_plan))
    report = build_report(loaded, Period(2024, "quarter", 1), ReportOptions(issued=ISSUED))
    document = open_docx(render_docx(report, default_template("docx")))
    texts = body_text(document)
    joined = "\n".join(texts)
    assert f"1.c. Công khai quyết toán {HOSTILE}:" in joined  # a task title in the body
    assert f"Ngày 05/01/2024: Ghi chú {HOSTILE}." in joined  # a progress note
    rows = table_rows(document, "Nhiệm vụ, việc cần làm")
    assert rows[0][1] == f"1.c: Quyết toán {HOSTILE}"  # inside a table
    custom = make_docx_template(
        tmp_path / "mau.docx",
        ["{{ agency.name }}"],
        header="Đầu trang: {{ agency.name }}",
        cell="Ô: {{ overdue[0].what }}",
    )
    template = TemplateSource("mau.docx", custom.read_bytes(), "docx")
    document = open_docx(render_docx(report, template))
    assert f"Ủy ban nhân dân xã {HOSTILE}" in body_text(document)
    assert f"Ô: Quyết toán {HOSTILE}" in body_text(document)
    assert f"Đầu trang: Ủy ban nhân dân xã {HOSTILE}" in header_text(document)


def test_broken_word_template_names_template_and_paragraph(tmp_path: Path) -> None:
    unknown = make_docx_template(tmp_path / "a.docx", ["Kính gửi", "Nội dung: {{ khong_co.x }}"])
    with pytest.raises(TemplateError) as caught:
        render_docx(progress_report(), TemplateSource("a.docx", unknown.read_bytes(), "docx"))
    assert caught.value.render().startswith("a.docx: lỗi: ")
    assert "'khong_co'" in caught.value.message
    assert "«Nội dung: {{ khong_co.x }}»" in caught.value.message
    syntax = make_docx_template(tmp_path / "b.docx", ["Mở đầu", "Sai: {% for %}"])
    with pytest.raises(TemplateError) as caught:
        render_docx(progress_report(), TemplateSource("b.docx", syntax.read_bytes(), "docx"))
    assert "cú pháp mẫu sai" in caught.value.message
    assert "«Sai: {% for %}»" in caught.value.message
    field = make_docx_template(
        tmp_path / "c.docx", ["{% for s in sections %}", "{{ s.khong_co }}", "{% endfor %}"]
    )
    with pytest.raises(TemplateError) as caught:
        render_docx(progress_report(), TemplateSource("c.docx", field.read_bytes(), "docx"))
    assert "'khong_co'" in caught.value.message
    assert "«{{ s.khong_co }}»" in caught.value.message


def test_word_template_that_is_not_word() -> None:
    with pytest.raises(TemplateError, match="không phải tệp Word"):
        render_docx(progress_report(), TemplateSource("x.docx", b"PK not really", "docx"))
