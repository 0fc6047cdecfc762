"""Word XML read with bounds: hostile files end in clean Vietnamese errors, merged cells and
list numbers come out as a reader sees them."""

from __future__ import annotations

import time
import zipfile
from pathlib import Path

import pytest

from cai_cach import docxreading
from cai_cach.docxreading import read_docx
from cai_cach.errors import UsageError

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/></Types>'
)


def _docx(path: Path, body: str, *, numbering: str | None = None, prolog: str = "") -> Path:
    """A minimal .docx whose body is ``body`` (WordprocessingML inside <w:body>)."""
    document = (
        f'<?xml version="1.0" encoding="UTF-8"?>{prolog}'
        f'<w:document xmlns:w="{W_NS}"><w:body>{body}</w:body></w:document>'
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("word/document.xml", document)
        if numbering is not None:
            archive.writestr(
                "word/numbering.xml",
                f'<?xml version="1.0"?><w:numbering xmlns:w="{W_NS}">{numbering}</w:numbering>',
            )
    return path


def _p(text: str, num: tuple[int, int] | None = None) -> str:
    props = ""
    if num is not None:
        props = (
            f'<w:pPr><w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/>'
            "</w:numPr></w:pPr>"
        )
    return f'<w:p>{props}<w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def _tc(text: str, *, span: int = 1, merge: str | None = None) -> str:
    props = ""
    if span > 1:
        props += f'<w:gridSpan w:val="{span}"/>'
    if merge is not None:
        props += f'<w:vMerge w:val="{merge}"/>' if merge else "<w:vMerge/>"
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{_p(text) if text else '<w:p/>'}</w:tc>"


def test_paragraphs_breaks_and_tabs(tmp_path: Path) -> None:
    body = (
        _p("Số: 05/KH-UBND")
        + "<w:p><w:r><w:t>a</w:t><w:br/><w:t>b</w:t><w:tab/><w:t>c</w:t></w:r></w:p>"
        + "<w:p/>"
    )
    assert read_docx(_docx(tmp_path / "a.docx", body)) == ["Số: 05/KH-UBND", "a", "b c"]


def test_a_vertically_merged_cell_belongs_to_every_row_it_spans(tmp_path: Path) -> None:
    rows = (
        f"<w:tr>{_tc('1')}{_tc('Rà soát')}{_tc('Văn phòng', merge='restart')}</w:tr>"
        f"<w:tr>{_tc('2')}{_tc('Công khai')}{_tc('', merge='')}</w:tr>"
        f"<w:tr>{_tc('I. CẢI CÁCH THỂ CHẾ', span=3)}</w:tr>"
    )
    table = read_docx(_docx(tmp_path / "m.docx", f"<w:tbl>{rows}</w:tbl>"))[0]
    assert table == [
        ["1", "Rà soát", "Văn phòng"],
        ["2", "Công khai", "Văn phòng"],
        ["I. CẢI CÁCH THỂ CHẾ", "", ""],
    ]


def test_word_list_numbers_render_with_their_parent_levels(tmp_path: Path) -> None:
    numbering = (
        '<w:abstractNum w:abstractNumId="0">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
        '<w:lvlText w:val="%1."/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
        '<w:lvlText w:val="%1.%2."/></w:lvl></w:abstractNum>'
        '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
    )
    body = "".join(
        [
            _p("Cải cách thể chế", (1, 0)),
            _p("Rà soát", (1, 1)),
            _p("Công khai", (1, 1)),
            _p("Cải cách TTHC", (1, 0)),
            _p("Số hóa", (1, 1)),
        ]
    )
    assert read_docx(_docx(tmp_path / "n.docx", body, numbering=numbering)) == [
        "1. Cải cách thể chế",
        "1.1. Rà soát",
        "1.2. Công khai",
        "2. Cải cách TTHC",
        "2.1. Số hóa",
    ]


BILLION_LAUGHS = (
    '<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{n} "{("&lol" + (str(n - 1) if n > 1 else "") + ";") * 10}">'
        for n in range(1, 10)
    )
    + "]>"
)


def test_a_billion_laughs_document_is_a_located_usage_error(tmp_path: Path) -> None:
    path = _docx(tmp_path / "lol.docx", _p("&lol9;"), prolog=BILLION_LAUGHS)
    started = time.monotonic()
    with pytest.raises(UsageError) as raised:
        read_docx(path)
    assert time.monotonic() - started < 5
    assert str(path) in raised.value.message
    assert "thực thể" in raised.value.message


def test_three_hundred_nested_tables_are_a_usage_error(tmp_path: Path) -> None:
    nested = "<w:p/>"
    for _ in range(300):
        nested = f"<w:tbl><w:tr><w:tc>{nested}</w:tc></w:tr></w:tbl><w:p/>"
    with pytest.raises(UsageError, match=r"lồng|XML"):
        read_docx(_docx(tmp_path / "deep.docx", nested))


def test_too_many_paragraphs_stop_early(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(docxreading, "MAX_BLOCKS", 1000)
    path = _docx(tmp_path / "empty.docx", "<w:p/>" * 1500)
    with pytest.raises(UsageError, match="quá nhiều đoạn"):
        read_docx(path)


def test_a_huge_part_is_refused_before_it_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(docxreading, "MAX_PART_BYTES", 10_000)
    path = _docx(tmp_path / "big.docx", _p("x" * 20_000))
    with pytest.raises(UsageError, match="quá lớn"):
        read_docx(path)


def test_a_table_over_the_row_cap_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(docxreading, "MAX_TABLE_ROWS", 50)
    rows = f"<w:tr>{_tc('1')}</w:tr>" * 60
    with pytest.raises(UsageError, match="bảng quá lớn"):
        read_docx(_docx(tmp_path / "rows.docx", f"<w:tbl>{rows}</w:tbl>"))


def test_not_a_zip_is_a_usage_error(tmp_path: Path) -> None:
    path = tmp_path / "x.docx"
    path.write_bytes(b"not a zip")
    with pytest.raises(UsageError, match="không phải tệp Word"):
        read_docx(path)
