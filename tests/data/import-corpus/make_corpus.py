"""Build the binary documents of the import corpus (.docx, .pdf, and .doc when LibreOffice is
installed) from the texts written out below, as commune offices write them.

    .venv/bin/python tests/data/import-corpus/make_corpus.py

Each document's text is typed here once, verbatim; its truth (every task a careful reader
finds, and the header's facts) is written by hand in ``<document>.truth.yaml`` beside it, not
derived from this script. The Markdown documents of the corpus are hand-written files and are
not built here. Output is reproducible: fixed zip timestamps in .docx, a fixed creation date in
the PDF.

The PDF needs fpdf2 (``pip install -e ".[corpus]"``) and a Unicode font with Vietnamese
(DejaVu Serif, as Debian's fonts-dejavu-core installs it). The .doc is LibreOffice's
conversion of ``cat-tien-2026.docx``; without ``soffice``/``libreoffice`` it is not built,
and the corpus test of it is skipped.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))

from tests.docgen.model import Block, Cell, Orientation, Para, Run, Table  # noqa: E402
from tests.docgen.writers import write_docx  # noqa: E402

RULE = "¯¯¯¯¯¯¯¯¯¯"


def p(text: str, *, b: bool = False, i: bool = False, c: bool = False, r: bool = False) -> Para:
    return Para([Run(text, bold=b, italic=i)], align="center" if c else "right" if r else "left")


def labelled(label: str, value: str, *, italic: bool = False, bold_label: bool = False) -> Para:
    return Para([Run(label, bold=bold_label, italic=italic), Run(value, italic=italic)])


def fields(*pairs: tuple[str, str], italic: bool = False, bold: bool = False) -> list[Block]:
    return [labelled(label, value, italic=italic, bold_label=bold) for label, value in pairs]


# --- 1. A 2026 plan of a commune formed by the 2025 merger, issued as a plan (issue 18) -------


def cat_tien() -> list[Block]:
    def task(number: str, title: str, lead: str, support: str, product: str, due: str) -> list[Block]:
        return [
            p(f"{number}. {title}"),
            *fields(
                ("- Đơn vị chủ trì: ", lead),
                ("- Đơn vị phối hợp: ", support),
                ("- Sản phẩm: ", product),
                ("- Thời gian hoàn thành: ", due),
                italic=True,
            ),
        ]

    header = Table(
        [
            [
                Cell(["ỦY BAN NHÂN DÂN", "XÃ CÁT TIẾN", RULE], bold=True),
                Cell(["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", RULE],
                     bold=True),
            ],
            [Cell(["Số: 05/KH-UBND"]), Cell(["Cát Tiến, ngày 08 tháng 01 năm 2026"], italic=True)],
        ],
        borders=False,
        header_rows=0,
    )
    blocks: list[Block] = [
        header,
        p("KẾ HOẠCH", b=True, c=True),
        p("Cải cách hành chính năm 2026 của xã Cát Tiến", b=True, c=True),
        p(RULE, c=True),
        p(
            "Thực hiện Kế hoạch số 312/KH-UBND ngày 26/12/2025 của UBND tỉnh Gia Lai về cải cách "
            "hành chính năm 2026; Ủy ban nhân dân xã Cát Tiến ban hành Kế hoạch cải cách hành "
            "chính năm 2026, cụ thể như sau:"
        ),
        p("A. MỤC ĐÍCH, YÊU CẦU", b=True),
        p("I. Mục đích", b=True),
        p(
            "- Tổ chức bộ máy chính quyền xã sau sắp xếp vận hành thông suốt, hiệu lực, hiệu "
            "quả; phục vụ người dân, doanh nghiệp ngày càng tốt hơn."
        ),
        p("- Nâng cao Chỉ số cải cách hành chính và Chỉ số hài lòng của người dân năm 2026."),
        p("II. Yêu cầu", b=True),
        p(
            "- Các phòng, đơn vị xác định cải cách hành chính là nhiệm vụ trọng tâm, gắn với "
            "trách nhiệm của người đứng đầu."
        ),
        p("B. NỘI DUNG THỰC HIỆN", b=True),
        p("I. CẢI CÁCH THỂ CHẾ", b=True),
        *task(
            "1.1",
            "Tham mưu xây dựng, ban hành văn bản quy phạm pháp luật của HĐND, UBND xã đúng "
            "thẩm quyền, trình tự, thủ tục.",
            "Văn phòng HĐND và UBND xã.",
            "Các phòng, đơn vị có liên quan.",
            "Nghị quyết của HĐND xã, quyết định của UBND xã.",
            "Thường xuyên.",
        ),
        *task(
            "1.2",
            "Rà soát, hệ thống hóa văn bản quy phạm pháp luật do HĐND, UBND các xã cũ ban hành "
            "còn hiệu lực sau sắp xếp.",
            "Văn phòng HĐND và UBND xã.",
            "Phòng Kinh tế; Phòng Văn hóa - Xã hội.",
            "Quyết định công bố danh mục văn bản còn hiệu lực.",
            "Quý I/2026.",
        ),
        p(
            "1.3. Xây dựng và triển khai Kế hoạch theo dõi tình hình thi hành pháp luật năm 2026 "
            "(Đơn vị chủ trì: Văn phòng HĐND và UBND xã; đơn vị phối hợp: Phòng Kinh tế; thời "
            "gian hoàn thành: trước ngày 31/3/2026)."
        ),
        p("II. CẢI CÁCH THỦ TỤC HÀNH CHÍNH", b=True),
        *task(
            "2.1",
            "Ban hành Kế hoạch kiểm soát thủ tục hành chính năm 2026 của UBND xã.",
            "Văn phòng HĐND và UBND xã.",
            "Trung tâm Phục vụ hành chính công xã.",
            "Kế hoạch của UBND xã.",
            "Tháng 02/2026.",
        ),
        *task(
            "2.2",
            "Công khai đầy đủ thủ tục hành chính tại Trung tâm Phục vụ hành chính công và trên "
            "Trang thông tin điện tử của xã.",
            "Trung tâm Phục vụ hành chính công xã.",
            "Văn phòng HĐND và UBND xã.",
            "Thủ tục hành chính được công khai đầy đủ, kịp thời.",
            "Thường xuyên.",
        ),
        *task(
            "2.3",
            "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính.",
            "Trung tâm Phục vụ hành chính công xã.",
            "Các phòng chuyên môn thuộc UBND xã.",
            "100% hồ sơ được số hóa theo quy định.",
            "6 tháng đầu năm 2026 và cuối năm 2026.",
        ),
        p("III. CẢI CÁCH TỔ CHỨC BỘ MÁY HÀNH CHÍNH NHÀ NƯỚC", b=True),
        *task(
            "3.1",
            "Rà soát, kiện toàn chức năng, nhiệm vụ, cơ cấu tổ chức của các phòng chuyên môn, "
            "đơn vị sự nghiệp thuộc UBND xã sau sắp xếp.",
            "Văn phòng HĐND và UBND xã.",
            "Các phòng, đơn vị thuộc UBND xã.",
            "Quyết định của UBND xã.",
            "Quý II/2026.",
        ),
        *task(
            "3.2",
            "Xây dựng Đề án vị trí việc làm của các cơ quan hành chính thuộc UBND xã.",
            "Văn phòng HĐND và UBND xã.",
            "Phòng Kinh tế, Phòng Văn hóa - Xã hội.",
            "Đề án được cấp có thẩm quyền phê duyệt.",
            "Theo hướng dẫn của Sở Nội vụ.",
        ),
        p("IV. CẢI CÁCH CHẾ ĐỘ CÔNG VỤ", b=True),
        *task(
            "4.1",
            "Đánh giá, xếp loại chất lượng cán bộ, công chức năm 2026.",
            "Văn phòng HĐND và UBND xã.",
            "Các phòng, đơn vị thuộc UBND xã.",
            "Quyết định xếp loại chất lượng.",
            "Tháng 12 năm 2026.",
        ),
        *task(
            "4.2",
            "Kiểm tra công vụ, việc chấp hành kỷ luật, kỷ cương hành chính.",
            "Văn phòng HĐND và UBND xã.",
            "Các phòng, đơn vị thuộc UBND xã.",
            "Thông báo kết quả kiểm tra.",
            "Quý II và quý IV/2026.",
        ),
        p(
            "Nhiệm vụ cải cách tài chính công và xây dựng chính quyền điện tử, chính quyền số: "
            "chi tiết tại Phụ lục kèm theo Kế hoạch này."
        ),
        p("C. TỔ CHỨC THỰC HIỆN", b=True),
        p(
            "1. Văn phòng HĐND và UBND xã là cơ quan thường trực, giúp UBND xã theo dõi, đôn đốc "
            "việc thực hiện Kế hoạch; tổng hợp, báo cáo kết quả cải cách hành chính định kỳ hằng "
            "quý, 6 tháng, năm gửi Sở Nội vụ trước ngày 15 của tháng cuối kỳ báo cáo."
        ),
        p(
            "2. Các phòng, đơn vị thuộc UBND xã báo cáo kết quả thực hiện nhiệm vụ được giao về "
            "Văn phòng HĐND và UBND xã trước ngày 10 của tháng cuối quý."
        ),
        p(
            "3. Phòng Kinh tế tham mưu bố trí kinh phí thực hiện Kế hoạch trong dự toán ngân sách "
            "xã năm 2026."
        ),
        Table(
            [
                [
                    Cell(["Nơi nhận:", "- UBND tỉnh Gia Lai (b/c);", "- Sở Nội vụ;",
                          "- TT Đảng ủy, TT HĐND xã;", "- Các phòng, đơn vị thuộc UBND xã;",
                          "- Lưu: VT, VP."]),
                    Cell(["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "", "",
                          "Lê Văn Thành"], bold=True),
                ]
            ],
            borders=False,
            header_rows=0,
        ),
        Orientation(landscape=True),
        p("Phụ lục", b=True, c=True),
        p("DANH MỤC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2026", b=True, c=True),
        p("(Kèm theo Kế hoạch số 05/KH-UBND ngày 08/01/2026 của UBND xã Cát Tiến)", i=True, c=True),
    ]
    head = ["STT", "Nội dung", "Thời gian hoàn thành", "Đơn vị chủ trì", "Đơn vị phối hợp",
            "Sản phẩm"]

    def row(*cells: str, merge_lead: bool = False) -> list[Cell]:
        out = [Cell([text]) for text in cells]
        out[3].merged_below = merge_lead
        return out

    rows = [
        [Cell([text], bold=True) for text in head],
        [Cell(["I"], bold=True), Cell(["CẢI CÁCH TÀI CHÍNH CÔNG"], bold=True, span=5)],
        row("1", "Xây dựng, công khai dự toán ngân sách xã năm 2026", "Quý I/2026",
            "Phòng Kinh tế", "Văn phòng HĐND và UBND xã", "Quyết định giao dự toán",
            merge_lead=True),
        row("2", "Ban hành Quy chế chi tiêu nội bộ năm 2026 của UBND xã", "Quý I/2026",
            "Phòng Kinh tế", "Các phòng, đơn vị thuộc UBND xã", "Quy chế chi tiêu nội bộ"),
        row("3", "Công khai quyết toán ngân sách xã năm 2025", "Trước ngày 30/6/2026",
            "Phòng Kinh tế", "Văn phòng HĐND và UBND xã", "Báo cáo công khai quyết toán"),
        [Cell(["II"], bold=True),
         Cell(["XÂY DỰNG CHÍNH QUYỀN ĐIỆN TỬ, CHÍNH QUYỀN SỐ"], bold=True, span=5)],
        row("1", "Vận hành hệ thống quản lý văn bản và điều hành; ký số văn bản điện tử",
            "Thường xuyên", "Văn phòng HĐND và UBND xã", "Các phòng, đơn vị thuộc UBND xã",
            "100% văn bản đi được ký số"),
        row("2", "Triển khai các nhiệm vụ của Đề án 06 năm 2026 trên địa bàn xã",
            "Tháng 6 và tháng 12/2026", "Công an xã", "Trung tâm Phục vụ hành chính công xã",
            "Báo cáo kết quả thực hiện"),
        row("3", "Tuyên truyền, hướng dẫn người dân sử dụng dịch vụ công trực tuyến toàn trình",
            "Theo chỉ đạo của UBND tỉnh", "Trung tâm Phục vụ hành chính công xã",
            "Phòng Văn hóa - Xã hội", "Tỷ lệ hồ sơ trực tuyến đạt chỉ tiêu giao"),
        row("4", "Bảo đảm an toàn, an ninh thông tin mạng trong hoạt động của cơ quan",
            "Cuối năm 2026", "Văn phòng HĐND và UBND xã", "Công an xã",
            "Báo cáo kết quả bảo đảm an toàn thông tin"),
    ]
    blocks.append(Table(rows, borders=True, header_rows=1))
    return blocks


# --- building --------------------------------------------------------------------------------

DOCX: dict[str, object] = {
    "cat-tien-2026.docx": cat_tien,
}


def office() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def make_doc(source: Path, target: Path) -> bool:
    """The .doc LibreOffice saves from ``source``; False when LibreOffice is not installed."""
    program = office()
    if program is None:
        return False
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(
            [program, f"-env:UserInstallation={Path(folder, 'profile').as_uri()}", "--headless",
             "--convert-to", "doc", "--outdir", folder, str(source)],
            check=True,
            capture_output=True,
            timeout=300,
        )
        shutil.copyfile(Path(folder) / f"{source.stem}.doc", target)
    return True


def main() -> int:
    for name, build in DOCX.items():
        write_docx(build(), HERE / name)  # type: ignore[operator]
        print(f"wrote {name}")
    if make_doc(HERE / "cat-tien-2026.docx", HERE / "cat-tien-2026.doc"):
        print("wrote cat-tien-2026.doc")
    else:
        print("cat-tien-2026.doc not built: LibreOffice (soffice) is not installed", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
