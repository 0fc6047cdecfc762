"""Build the binary documents of the import corpus (.docx, .pdf, and .doc when LibreOffice is
installed) from the texts written out below, as commune offices write them.

    .venv/bin/python tests/data/import-corpus/make_corpus.py

Each document's text is typed here once, verbatim; its truth (every task a careful reader
finds, and the header's facts) is written by hand in ``<document>.truth.yaml`` beside it, not
derived from this script. The Markdown documents of the corpus are hand-written files and are
not built here. Output is reproducible: fixed zip timestamps in .docx, a fixed creation date in
the PDF.

The .doc is LibreOffice's conversion of ``cat-tien-2026.docx``, and the text PDF its export of
``cam_thanh()`` written as .docx (not kept): both need ``soffice``/``libreoffice``; without it
they are not rebuilt (the committed files stay, and reading the .doc is skipped in the tests).
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
    def task(
        number: str, title: str, lead: str, support: str, product: str, due: str
    ) -> list[Block]:
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
                Cell(
                    ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", RULE],
                    bold=True,
                ),
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
                    Cell(
                        [
                            "Nơi nhận:",
                            "- UBND tỉnh Gia Lai (b/c);",
                            "- Sở Nội vụ;",
                            "- TT Đảng ủy, TT HĐND xã;",
                            "- Các phòng, đơn vị thuộc UBND xã;",
                            "- Lưu: VT, VP.",
                        ]
                    ),
                    Cell(
                        [
                            "TM. ỦY BAN NHÂN DÂN",
                            "KT. CHỦ TỊCH",
                            "PHÓ CHỦ TỊCH",
                            "",
                            "",
                            "Lê Văn Thành",
                        ],
                        bold=True,
                    ),
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
    head = [
        "STT",
        "Nội dung",
        "Thời gian hoàn thành",
        "Đơn vị chủ trì",
        "Đơn vị phối hợp",
        "Sản phẩm",
    ]

    def row(*cells: str, merge_lead: bool = False) -> list[Cell]:
        out = [Cell([text]) for text in cells]
        out[3].merged_below = merge_lead
        return out

    rows = [
        [Cell([text], bold=True) for text in head],
        [Cell(["I"], bold=True), Cell(["CẢI CÁCH TÀI CHÍNH CÔNG"], bold=True, span=5)],
        row(
            "1",
            "Xây dựng, công khai dự toán ngân sách xã năm 2026",
            "Quý I/2026",
            "Phòng Kinh tế",
            "Văn phòng HĐND và UBND xã",
            "Quyết định giao dự toán",
            merge_lead=True,
        ),
        row(
            "2",
            "Ban hành Quy chế chi tiêu nội bộ năm 2026 của UBND xã",
            "Quý I/2026",
            "Phòng Kinh tế",
            "Các phòng, đơn vị thuộc UBND xã",
            "Quy chế chi tiêu nội bộ",
        ),
        row(
            "3",
            "Công khai quyết toán ngân sách xã năm 2025",
            "Trước ngày 30/6/2026",
            "Phòng Kinh tế",
            "Văn phòng HĐND và UBND xã",
            "Báo cáo công khai quyết toán",
        ),
        [
            Cell(["II"], bold=True),
            Cell(["XÂY DỰNG CHÍNH QUYỀN ĐIỆN TỬ, CHÍNH QUYỀN SỐ"], bold=True, span=5),
        ],
        row(
            "1",
            "Vận hành hệ thống quản lý văn bản và điều hành; ký số văn bản điện tử",
            "Thường xuyên",
            "Văn phòng HĐND và UBND xã",
            "Các phòng, đơn vị thuộc UBND xã",
            "100% văn bản đi được ký số",
        ),
        row(
            "2",
            "Triển khai các nhiệm vụ của Đề án 06 năm 2026 trên địa bàn xã",
            "Tháng 6 và tháng 12/2026",
            "Công an xã",
            "Trung tâm Phục vụ hành chính công xã",
            "Báo cáo kết quả thực hiện",
        ),
        row(
            "3",
            "Tuyên truyền, hướng dẫn người dân sử dụng dịch vụ công trực tuyến toàn trình",
            "Theo chỉ đạo của UBND tỉnh",
            "Trung tâm Phục vụ hành chính công xã",
            "Phòng Văn hóa - Xã hội",
            "Tỷ lệ hồ sơ trực tuyến đạt chỉ tiêu giao",
        ),
        row(
            "4",
            "Bảo đảm an toàn, an ninh thông tin mạng trong hoạt động của cơ quan",
            "Cuối năm 2026",
            "Văn phòng HĐND và UBND xã",
            "Công an xã",
            "Báo cáo kết quả bảo đảm an toàn thông tin",
        ),
    ]
    blocks.append(Table(rows, borders=True, header_rows=1))
    return blocks


# --- 2. A ward's plan: header as paragraphs, Word's own a) b) list numbering, bold labels ----


def truong_quang_trong() -> list[Block]:
    def task(title: str, *pairs: tuple[str, str], area: int) -> list[Block]:
        head = Para([Run(title)], numbered=(f"area-{area}", "letter"))
        return [head, *fields(*pairs, bold=True)]

    return [
        p("ỦY BAN NHÂN DÂN", b=True, c=True),
        p("PHƯỜNG TRƯƠNG QUANG TRỌNG", b=True, c=True),
        p("_______", c=True),
        p("Số: 12/KH-UBND", c=True),
        p("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", b=True, c=True),
        p("Độc lập - Tự do - Hạnh phúc", b=True, c=True),
        p("_______________________", c=True),
        p("Trương Quang Trọng, ngày 20 tháng 01 năm 2026", i=True, r=True),
        p("KẾ HOẠCH", b=True, c=True),
        p("Cải cách hành chính phường Trương Quang Trọng năm 2026", b=True, c=True),
        p("I. MỤC ĐÍCH, YÊU CẦU", b=True),
        p(
            "Triển khai đồng bộ các nhiệm vụ cải cách hành chính; nâng cao chất lượng phục vụ "
            "người dân, doanh nghiệp trên địa bàn phường."
        ),
        p("II. NỘI DUNG CẢI CÁCH HÀNH CHÍNH", b=True),
        p("1. Cải cách thủ tục hành chính", b=True),
        *task(
            "Rà soát, công bố danh mục thủ tục hành chính tiếp nhận không phụ thuộc địa giới "
            "hành chính.",
            ("Chủ trì: ", "Trung tâm Phục vụ hành chính công phường."),
            ("Phối hợp: ", "Văn phòng HĐND và UBND phường."),
            ("Thời gian: ", "Quý I năm 2026."),
            area=1,
        ),
        *task(
            "Tiếp nhận, xử lý phản ánh, kiến nghị của người dân về quy định hành chính.",
            ("Chủ trì: ", "Văn phòng HĐND và UBND phường."),
            ("Phối hợp: ", "Các phòng, đơn vị thuộc UBND phường."),
            ("Thời gian: ", "Thường xuyên."),
            area=1,
        ),
        *task(
            "Tổ chức đối thoại với người dân, doanh nghiệp về giải quyết thủ tục hành chính.",
            (
                "Chủ trì: ",
                "Phòng Kinh tế - Hạ tầng - Đô thị, Trung tâm Phục vụ hành chính công phường.",
            ),
            ("Phối hợp: ", "Ủy ban Mặt trận Tổ quốc Việt Nam phường."),
            ("Thời gian: ", "Tháng 5 và tháng 11/2026."),
            area=1,
        ),
        p("2. Cải cách chế độ công vụ", b=True),
        *task(
            "Xây dựng Kế hoạch đào tạo, bồi dưỡng cán bộ, công chức phường năm 2026.",
            ("Chủ trì: ", "Văn phòng HĐND và UBND phường."),
            ("Phối hợp: ", "Các phòng chuyên môn."),
            ("Thời gian: ", "Trước ngày 15/3/2026."),
            area=2,
        ),
        *task(
            "Tăng cường kỷ luật, kỷ cương hành chính, văn hóa công vụ tại bộ phận một cửa.",
            ("Chủ trì: ", "Chủ tịch UBND phường."),
            ("Phối hợp: ", "Văn phòng HĐND và UBND phường."),
            ("Thời gian: ", "Theo chỉ đạo của UBND tỉnh."),
            area=2,
        ),
        p("3. Xây dựng chính quyền số", b=True),
        *task(
            "Triển khai nền tảng số dùng chung, chữ ký số cho cán bộ, công chức phường.",
            ("Chủ trì: ", "Phòng Văn hóa - Xã hội."),
            ("Phối hợp: ", "Công an phường."),
            ("Thời gian: ", "6 tháng đầu năm 2026."),
            area=3,
        ),
        *task(
            "Tổ chức Tổ công nghệ số cộng đồng tại các khu phố.",
            ("Chủ trì: ", "Phòng Văn hóa - Xã hội."),
            ("Phối hợp: ", "Ban điều hành các khu phố."),
            ("Thời gian: ", "Tháng 4 năm 2026."),
            area=3,
        ),
        p("III. TỔ CHỨC THỰC HIỆN", b=True),
        p(
            "Văn phòng HĐND và UBND phường tổng hợp báo cáo kết quả cải cách hành chính hằng "
            "quý gửi Sở Nội vụ trước ngày 15 của tháng cuối quý."
        ),
        p("Nơi nhận:", i=True, b=True),
        p("- Sở Nội vụ;"),
        p("- Lưu: VT."),
        p("KT. CHỦ TỊCH", b=True, r=True),
        p("PHÓ CHỦ TỊCH", b=True, r=True),
        p("Trần Quốc Bảo", b=True, r=True),
    ]


# --- 3. A provincial-style plan: tasks as plain numbered paragraphs, no field lines ---------


def minh_long() -> list[Block]:
    header = Table(
        [
            [
                Cell(["ỦY BAN NHÂN DÂN", "XÃ MINH LONG", "______", "Số: 215/QĐ-UBND"], bold=True),
                Cell(
                    [
                        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                        "Độc lập - Tự do - Hạnh phúc",
                        "______",
                        "Minh Long, ngày 29 tháng 12 năm 2025",
                    ]
                ),
            ]
        ],
        borders=False,
        header_rows=0,
    )
    return [
        header,
        p("QUYẾT ĐỊNH", b=True, c=True),
        p("Ban hành Kế hoạch cải cách hành chính năm 2026 của xã Minh Long", b=True, c=True),
        p("CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ MINH LONG", b=True, c=True),
        p("Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;", i=True),
        p(
            "Căn cứ Kế hoạch số 280/KH-UBND ngày 19/12/2025 của UBND tỉnh Quảng Ngãi về cải "
            "cách hành chính nhà nước năm 2026;",
            i=True,
        ),
        p("QUYẾT ĐỊNH:", b=True, c=True),
        Para(
            [
                Run("Điều 1. ", bold=True),
                Run(
                    "Ban hành kèm theo Quyết định này Kế hoạch cải "
                    "cách hành chính năm 2026 của xã Minh Long."
                ),
            ]
        ),
        Para([Run("Điều 2. ", bold=True), Run("Quyết định này có hiệu lực kể từ ngày ký.")]),
        Para(
            [
                Run("Điều 3. ", bold=True),
                Run(
                    "Chánh Văn phòng HĐND và UBND xã, Trưởng các "
                    "phòng chuyên môn thuộc UBND xã chịu trách nhiệm thi hành Quyết định này./."
                ),
            ]
        ),
        p("CHỦ TỊCH", b=True, r=True),
        p("Đinh Văn Khương", b=True, r=True),
        p("KẾ HOẠCH", b=True, c=True),
        p("Cải cách hành chính năm 2026 của xã Minh Long", b=True, c=True),
        p(
            "(Kèm theo Quyết định số 215/QĐ-UBND ngày 29/12/2025 của Chủ tịch UBND xã)",
            i=True,
            c=True,
        ),
        p("I. MỤC TIÊU", b=True),
        p("Phấn đấu Chỉ số cải cách hành chính năm 2026 của xã xếp loại khá trở lên."),
        p("II. NHIỆM VỤ CỤ THỂ", b=True),
        p("1. Cải cách thể chế", b=True),
        p(
            "1.1. Nâng cao chất lượng công tác xây dựng, ban hành văn bản quy phạm pháp luật của "
            "HĐND, UBND xã; bảo đảm tính hợp hiến, hợp pháp, thống nhất."
        ),
        p(
            "1.2. Đổi mới công tác phổ biến, giáo dục pháp luật, gắn với thực hiện chuẩn tiếp "
            "cận pháp luật của người dân (hoàn thành trong quý III/2026)."
        ),
        p("2. Cải cách thủ tục hành chính", b=True),
        p(
            "2.1. Thực hiện nghiêm quy định về công khai, minh bạch thủ tục hành chính; không để "
            "hồ sơ trễ hạn mà không có văn bản xin lỗi."
        ),
        p(
            "2.2. Đẩy mạnh cung cấp dịch vụ công trực tuyến toàn trình; tỷ lệ hồ sơ trực tuyến "
            "đạt từ 80% trở lên, hoàn thành trước ngày 30/11/2026."
        ),
        p("3. Cải cách tài chính công", b=True),
        p(
            "3.1. Quản lý, sử dụng ngân sách xã tiết kiệm, hiệu quả; thực hiện công khai ngân "
            "sách theo quy định."
        ),
        p("3.2. Đẩy nhanh tiến độ giải ngân vốn đầu tư công được giao."),
        p("III. TỔ CHỨC THỰC HIỆN", b=True),
        p(
            "1. Văn phòng HĐND và UBND xã chủ trì, phối hợp các phòng chuyên môn tổ chức triển "
            "khai Kế hoạch; tham mưu báo cáo cải cách hành chính định kỳ theo quy định."
        ),
        p(
            "2. Các phòng chuyên môn căn cứ chức năng, nhiệm vụ được giao chủ động triển khai "
            "thực hiện Kế hoạch này."
        ),
    ]


# --- 4. A plan whose tasks are only in an appendix table with a two-row header --------------


def nghia_hanh() -> list[Block]:
    header = Table(
        [
            [
                Cell(
                    [
                        "UBND TỈNH QUẢNG NGÃI",
                        "ỦY BAN NHÂN DÂN XÃ NGHĨA HÀNH",
                        "---------",
                        "Số: 31/KH-UBND",
                    ],
                    bold=True,
                ),
                Cell(
                    [
                        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                        "Độc lập - Tự do - Hạnh phúc",
                        "---------------",
                        "Nghĩa Hành, ngày 06 tháng 01 năm 2026",
                    ],
                    bold=True,
                ),
            ]
        ],
        borders=False,
        header_rows=0,
    )
    top = [
        Cell(["STT"], bold=True, merged_below=True),
        Cell(["Nhiệm vụ"], bold=True, merged_below=True),
        Cell(["Cơ quan thực hiện"], bold=True, span=2),
        Cell(["Thời hạn hoàn thành"], bold=True, merged_below=True),
        Cell(["Kết quả"], bold=True, merged_below=True),
    ]
    second = [
        Cell([""]),
        Cell([""]),
        Cell(["Chủ trì"], bold=True),
        Cell(["Phối hợp"], bold=True),
        Cell([""]),
        Cell([""]),
    ]

    def heads() -> list[list[Cell]]:
        return [
            [Cell(list(c.lines), bold=True, span=c.span, merged_below=c.merged_below) for c in top],
            [Cell(list(c.lines), bold=c.bold) for c in second],
        ]

    def group(number: str, title: str) -> list[Cell]:
        return [Cell([number], bold=True), Cell([title], bold=True, span=5)]

    def row(*texts: str) -> list[Cell]:
        return [Cell([text]) for text in texts]

    rows = [
        *heads(),
        group("I", "CẢI CÁCH THỂ CHẾ"),
        row(
            "1",
            "Ban hành Kế hoạch kiểm tra, rà soát văn bản quy phạm pháp luật năm 2026",
            "Văn phòng HĐND và UBND xã",
            "Các phòng chuyên môn",
            "Tháng 02/2026",
            "Kế hoạch được ban hành",
        ),
        row(
            "2",
            "Tổ chức thực hiện công tác hòa giải ở cơ sở",
            "Văn phòng HĐND và UBND xã",
            "Ủy ban MTTQ Việt Nam xã",
            "Thường xuyên",
            "Báo cáo kết quả",
        ),
        group("II", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH"),
        row(
            "3",
            "Rà soát, đơn giản hóa thủ tục hành chính nội bộ",
            "Văn phòng HĐND và UBND xã",
            "Trung tâm Phục vụ hành chính công xã",
            "Quý II/2026",
            "Phương án đơn giản hóa",
        ),
        row(
            "4",
            "Khảo sát mức độ hài lòng của người dân, doanh nghiệp",
            "Trung tâm Phục vụ hành chính công xã",
            "Phòng Văn hóa - Xã hội",
            "Tháng 6 và tháng 12/2026",
            "Báo cáo kết quả khảo sát",
        ),
        *heads(),  # the header row again, as a page break in the converted file leaves it
        group("III", "CẢI CÁCH TÀI CHÍNH CÔNG"),
        row(
            "5",
            "Xây dựng Quy chế quản lý tài sản công của UBND xã",
            "Phòng Kinh tế",
            "Văn phòng HĐND và UBND xã",
            "31.5.2026",
            "Quy chế được ban hành",
        ),
        group("IV", "XÂY DỰNG VÀ PHÁT TRIỂN CHÍNH QUYỀN ĐIỆN TỬ, CHÍNH QUYỀN SỐ"),
        row(
            "6",
            "Số hóa kết quả giải quyết thủ tục hành chính còn hiệu lực",
            "Trung tâm Phục vụ hành chính công xã",
            "Văn phòng HĐND và UBND xã",
            "Cuối năm 2026",
            "Kết quả số hóa",
        ),
        row(
            "7",
            "Kiểm tra an toàn thông tin mạng tại các phòng, đơn vị",
            "Văn phòng HĐND và UBND xã",
            "Công an xã",
            "Quý IV năm 2026",
            "Biên bản kiểm tra",
        ),
        row("", "", "", "", "", ""),
        row("", "", "", "", "", ""),
    ]
    return [
        header,
        p("KẾ HOẠCH", b=True, c=True),
        p("Cải cách hành chính nhà nước năm 2026", b=True, c=True),
        p(
            "Căn cứ Kế hoạch số 280/KH-UBND ngày 19/12/2025 của UBND tỉnh Quảng Ngãi, UBND xã "
            "Nghĩa Hành xây dựng Kế hoạch cải cách hành chính năm 2026 như sau:"
        ),
        p("I. MỤC ĐÍCH, YÊU CẦU", b=True),
        p(
            "Cụ thể hóa các nhiệm vụ cải cách hành chính của tỉnh tại xã; phân công rõ trách "
            "nhiệm, thời hạn hoàn thành."
        ),
        p("II. NHIỆM VỤ CỤ THỂ", b=True),
        p("Có Phụ lục chi tiết kèm theo.", i=True),
        p("III. TỔ CHỨC THỰC HIỆN", b=True),
        p(
            "Văn phòng HĐND và UBND xã theo dõi, tổng hợp, báo cáo UBND tỉnh (qua Sở Nội vụ) kết "
            "quả thực hiện định kỳ 6 tháng, năm trước ngày 15 của tháng cuối kỳ."
        ),
        Table(
            [
                [
                    Cell(["Nơi nhận:", "- Sở Nội vụ;", "- Lưu: VT."]),
                    Cell(["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "", "Phan Thanh Sơn"], bold=True),
                ]
            ],
            borders=False,
            header_rows=0,
        ),
        p("PHỤ LỤC", b=True, c=True),
        p("NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2026 CỦA XÃ NGHĨA HÀNH", b=True, c=True),
        Table(rows, borders=True, header_rows=2),
    ]


# --- 5. A text PDF: "Phần thứ …" parts, Roman areas, 1./2. tasks, a small appendix table ----


def cam_thanh() -> list[Block]:
    def task(
        number: str, title: str, lead: str, support: str, due: str, result: str
    ) -> list[Block]:
        return [
            p(f"{number}. {title}"),
            *fields(
                ("- Cơ quan chủ trì: ", lead),
                ("- Cơ quan phối hợp: ", support),
                ("- Tiến độ: ", due),
                ("- Kết quả: ", result),
            ),
        ]

    header = Table(
        [
            [
                Cell(["ỦY BAN NHÂN DÂN", "PHƯỜNG CẨM THÀNH", "Số: 07/KH-UBND"], bold=True),
                Cell(
                    [
                        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                        "Độc lập - Tự do - Hạnh phúc",
                        "Cẩm Thành, ngày 09 tháng 01 năm 2026",
                    ],
                    bold=True,
                ),
            ]
        ],
        borders=False,
        header_rows=0,
    )
    appendix = Table(
        [
            [
                Cell([text], bold=True)
                for text in ("STT", "Nội dung công việc", "Cơ quan chủ trì", "Thời gian thực hiện")
            ],
            [Cell(["I"], bold=True), Cell(["CẢI CÁCH TÀI CHÍNH CÔNG"], bold=True, span=3)],
            [
                Cell(["1"]),
                Cell(["Lập, công khai dự toán ngân sách phường năm 2026"]),
                Cell(["Phòng Kinh tế - Hạ tầng - Đô thị"]),
                Cell(["Quý I/2026"]),
            ],
            [
                Cell(["2"]),
                Cell(["Công khai quyết toán ngân sách phường năm 2025"]),
                Cell(["Phòng Kinh tế - Hạ tầng - Đô thị"]),
                Cell(["Tháng 7 năm 2026"]),
            ],
        ],
        borders=True,
        header_rows=1,
    )
    return [
        header,
        p("KẾ HOẠCH", b=True, c=True),
        p("Cải cách hành chính năm 2026 của phường Cẩm Thành", b=True, c=True),
        p("Phần thứ nhất", b=True, c=True),
        p("MỤC ĐÍCH, YÊU CẦU", b=True, c=True),
        p(
            "Xây dựng nền hành chính phục vụ, chuyên nghiệp; nâng cao Chỉ số hài lòng của người "
            "dân đối với sự phục vụ của cơ quan hành chính phường."
        ),
        p("Phần thứ hai", b=True, c=True),
        p("NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH", b=True, c=True),
        p("I. CẢI CÁCH THỂ CHẾ", b=True),
        *task(
            "1",
            "Rà soát, hệ thống hóa văn bản quy phạm pháp luật của HĐND, UBND phường.",
            "Văn phòng HĐND và UBND phường.",
            "Các phòng chuyên môn.",
            "Quý II/2026.",
            "Báo cáo kết quả rà soát.",
        ),
        p("II. CẢI CÁCH THỦ TỤC HÀNH CHÍNH", b=True),
        *task(
            "1",
            "Thực hiện tiếp nhận hồ sơ thủ tục hành chính không phụ thuộc địa giới hành chính.",
            "Trung tâm Phục vụ hành chính công phường.",
            "Văn phòng HĐND và UBND phường.",
            "Thường xuyên.",
            "Hồ sơ được tiếp nhận, giải quyết đúng hạn.",
        ),
        *task(
            "2",
            "Tổ chức khảo sát sự hài lòng của người dân, tổ chức.",
            "Trung tâm Phục vụ hành chính công phường.",
            "Phòng Văn hóa - Xã hội.",
            "Tháng 6 và tháng 12/2026.",
            "Báo cáo kết quả khảo sát.",
        ),
        p("III. CẢI CÁCH CHẾ ĐỘ CÔNG VỤ", b=True),
        *task(
            "1",
            "Ban hành Kế hoạch đào tạo, bồi dưỡng cán bộ, công chức năm 2026.",
            "Văn phòng HĐND và UBND phường.",
            "Các phòng chuyên môn.",
            "Trước ngày 31/3/2026.",
            "Kế hoạch được ban hành.",
        ),
        p("Nhiệm vụ cải cách tài chính công: theo Phụ lục kèm theo.", i=True),
        p("Phần thứ ba", b=True, c=True),
        p("TỔ CHỨC THỰC HIỆN", b=True, c=True),
        p(
            "Văn phòng HĐND và UBND phường tổng hợp báo cáo kết quả cải cách hành chính định kỳ "
            "quý, 6 tháng, năm gửi Sở Nội vụ trước ngày 15 của tháng cuối kỳ."
        ),
        Table(
            [
                [
                    Cell(["Nơi nhận:", "- Sở Nội vụ;", "- Lưu: VT."]),
                    Cell(["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "", "Ngô Thị Lan"], bold=True),
                ]
            ],
            borders=False,
            header_rows=0,
        ),
        p("PHỤ LỤC", b=True, c=True),
        p("NHIỆM VỤ CẢI CÁCH TÀI CHÍNH CÔNG NĂM 2026", b=True, c=True),
        appendix,
    ]


def make_pdf(blocks: list[Block], target: Path) -> bool:
    """A text PDF that LibreOffice exports from the blocks written as .docx; False without
    LibreOffice."""
    program = office()
    if program is None:
        return False
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / f"{target.stem}.docx"
        write_docx(blocks, source)
        subprocess.run(
            [
                program,
                f"-env:UserInstallation={Path(folder, 'profile').as_uri()}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                folder,
                str(source),
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )
        shutil.copyfile(Path(folder) / f"{target.stem}.pdf", target)
    return True


# --- building --------------------------------------------------------------------------------

DOCX: dict[str, object] = {
    "cat-tien-2026.docx": cat_tien,
    "truong-quang-trong-2026.docx": truong_quang_trong,
    "minh-long-2026.docx": minh_long,
    "nghia-hanh-2026-phu-luc.docx": nghia_hanh,
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
            [
                program,
                f"-env:UserInstallation={Path(folder, 'profile').as_uri()}",
                "--headless",
                "--convert-to",
                "doc",
                "--outdir",
                folder,
                str(source),
            ],
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
        print(
            "cat-tien-2026.doc not built: LibreOffice (soffice) is not installed", file=sys.stderr
        )
    if make_pdf(cam_thanh(), HERE / "cam-thanh-2026.pdf"):
        print("wrote cam-thanh-2026.pdf")
    else:
        print(
            "cam-thanh-2026.pdf not built: LibreOffice (soffice) is not installed", file=sys.stderr
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
