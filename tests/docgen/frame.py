"""The parts of a generated plan around its tasks: the header (two-column table or
paragraphs, decorative rules), the decision that issues it or its own opening, the purposes,
"Tổ chức thực hiện" and the signature block. None of these holds a task; a tool that finds
tasks here has misread the document."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tests.docgen.model import Block, Cell, Para, Run, Table, para
from tests.docgen.phrases import Chooser, day_words
from tests.docgen.vocab import COMMUNES, PROVINCES, PURPOSES, REQUIREMENTS, SIGNERS


@dataclass
class Issuer:
    """Who issues the plan and how: the facts a careful reader takes from the header."""

    kind: str  # "QĐ" (a decision issuing the plan) or "KH" (issued as a plan)
    number: str
    signed: date
    year: int
    level: str  # "xã" | "phường"
    place: str
    province: str
    signer: str
    authority: str  # "TM." | "KT." | "none"
    signer_title: str
    padded_date: bool

    @property
    def agency(self) -> str:
        return f"{self.level} {self.place}"


def draw_issuer(c: Chooser, axes: dict[str, str]) -> Issuer:
    year = c.one((2025, 2026, 2026, 2027))
    kind = c.one(("QĐ", "KH"))
    axes["issued_as"] = kind
    level, place = c.one(COMMUNES)
    if c.chance(50):
        signed = date(year - 1, 12, c.number(10, 31))
    else:
        signed = date(year, 1, c.number(2, 20))
    authority = c.one(("TM.", "KT.", "none"))
    axes["authority"] = authority
    return Issuer(
        kind=kind,
        number=f"{c.number(1, 250):02d}/{kind}-UBND",
        signed=signed,
        year=year,
        level=level,
        place=place,
        province=c.one(PROVINCES),
        signer=c.one(SIGNERS),
        authority=authority,
        signer_title="Phó Chủ tịch" if authority == "KT." else "Chủ tịch",
        padded_date=c.chance(50),
    )


def header(c: Chooser, issuer: Issuer, axes: dict[str, str]) -> list[Block]:
    form = c.one(("table-2x2", "table-2x1", "paragraphs"))
    rule = c.one(("¯¯¯¯¯¯¯¯", "________", "--------", ""))
    axes["header"] = form
    axes["rule"] = {"¯¯¯¯¯¯¯¯": "¯¯¯", "________": "___", "--------": "---", "": "none"}[rule]
    agency = ["ỦY BAN NHÂN DÂN", issuer.agency.upper()]
    motto = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    rules = [rule] if rule else []
    number = f"Số: {issuer.number}" if c.chance(70) else f"Số:  {issuer.number}"
    dated = f"{issuer.place}, {day_words(issuer.signed, issuer.padded_date)}"
    if form == "paragraphs":
        blocks: list[Block] = [para(line, bold=True, align="center") for line in agency]
        blocks += [para(line, align="center") for line in rules]
        blocks.append(para(number, align="center"))
        blocks += [para(line, bold=True, align="center") for line in motto]
        blocks += [para(line, align="center") for line in rules]
        blocks.append(para(dated, italic=True, align="right"))
        return blocks
    if form == "table-2x2":
        rows = [
            [Cell([*agency, *rules], bold=True), Cell([*motto, *rules], bold=True)],
            [Cell([number]), Cell([dated], italic=True)],
        ]
    else:
        rows = [[Cell([*agency, *rules, number]), Cell([*motto, *rules, dated])]]
    return [Table(rows, borders=False, header_rows=0)]


def _grounds(issuer: Issuer) -> list[str]:
    return [
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;",
        "Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ ban hành Chương trình tổng "
        "thể cải cách hành chính nhà nước giai đoạn 2021 - 2030;",
        f"Căn cứ Kế hoạch số 215/KH-UBND ngày 30/11/{issuer.year - 1} của UBND tỉnh "
        f"{issuer.province} về cải cách hành chính năm {issuer.year};",
    ]


def opening(c: Chooser, issuer: Issuer) -> list[Block]:
    """The decision (for a QĐ) and the plan's title, or the plan's own title and opening."""
    year = issuer.year
    title = [
        para("KẾ HOẠCH", bold=True, align="center"),
        para(f"Cải cách hành chính năm {year}", bold=True, align="center"),
    ]
    if issuer.kind == "KH":
        return [
            *title,
            para(
                f"Thực hiện Kế hoạch số 215/KH-UBND ngày 30/11/{year - 1} của UBND tỉnh "
                f"{issuer.province} về cải cách hành chính năm {year}; Ủy ban nhân dân "
                f"{issuer.agency} ban hành Kế hoạch cải cách hành chính năm {year} như sau:"
            ),
        ]
    blocks: list[Block] = [
        para("QUYẾT ĐỊNH", bold=True, align="center"),
        para(
            f"Về việc ban hành Kế hoạch cải cách hành chính năm {year}", bold=True, align="center"
        ),
        para(f"CHỦ TỊCH ỦY BAN NHÂN DÂN {issuer.agency.upper()}", bold=True, align="center"),
    ]
    blocks += [para(line, italic=True) for line in _grounds(issuer)]
    blocks.append(para("QUYẾT ĐỊNH:", bold=True, align="center"))
    articles = [
        f"Ban hành kèm theo Quyết định này Kế hoạch cải cách hành chính năm {year} của "
        f"Ủy ban nhân dân {issuer.agency}.",
        "Quyết định này có hiệu lực kể từ ngày ký.",
        f"Chánh Văn phòng HĐND và UBND {issuer.level}, Trưởng các phòng, đơn vị và các cơ quan "
        "có liên quan "
        "chịu trách nhiệm thi hành Quyết định này./.",
    ]
    for index, text in enumerate(articles, 1):
        blocks.append(Para([_run(f"Điều {index}. ", bold=True), _run(text)]))
    blocks += signature(c, issuer)
    signed = f"{issuer.signed.day}/{issuer.signed.month}/{issuer.signed.year}"
    blocks += title
    blocks.append(
        para(
            f"(Kèm theo Quyết định số {issuer.number} ngày {signed} của Chủ tịch "
            f"UBND {issuer.agency})",
            italic=True,
            align="center",
        )
    )
    return blocks


def _run(text: str, bold: bool = False) -> Run:
    return Run(text, bold=bold)


def signature(c: Chooser, issuer: Issuer) -> list[Block]:
    recipients = [
        "Nơi nhận:",
        f"- UBND tỉnh {issuer.province} (b/c);",
        "- Sở Nội vụ;",
        "- TT Đảng ủy, TT HĐND xã;",
        "- Các phòng, đơn vị thuộc UBND xã;",
        "- Lưu: VT.",
    ]
    if issuer.authority == "TM.":
        signing = ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]
    elif issuer.authority == "KT.":
        signing = ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    else:
        signing = ["CHỦ TỊCH"]
    signing += ["", issuer.signer]
    if c.chance(50):
        return [Table([[Cell(recipients), Cell(signing, bold=True)]], borders=False, header_rows=0)]
    blocks: list[Block] = [para(line, bold=True, align="right") for line in signing if line]
    return [*[para(line, italic=line == "Nơi nhận:") for line in recipients], *blocks]


def purposes(c: Chooser, top: str) -> list[Block]:
    """Part A (or I): Mục đích, yêu cầu. ``top`` is the part numbering ("ABC" or "roman")."""
    if top == "ABC":
        heads = ("A. MỤC ĐÍCH, YÊU CẦU", "I. Mục đích", "II. Yêu cầu")
        marks = ("- ", "- ")
    else:
        heads = ("I. MỤC ĐÍCH, YÊU CẦU", "1. Mục đích", "2. Yêu cầu")
        marks = ("a) ", "b) ")
    blocks: list[Block] = [para(heads[0], bold=True)]
    for head, lines in ((heads[1], PURPOSES), (heads[2], REQUIREMENTS)):
        blocks.append(para(head, bold=True))
        for index, line in enumerate(c.some(lines, 1, 3)):
            mark = marks[0] if marks[0] == "- " else "abcdđeg"[index] + ") "
            blocks.append(para(f"{mark}{line}."))
    return blocks


def implementation(c: Chooser, issuer: Issuer, head: str, office: str) -> list[Block]:
    """ "Tổ chức thực hiện": reporting duties and closing words, written as numbered
    paragraphs that name parties and deadlines (so they look like tasks, and are not)."""
    lines = [
        f"{office} chủ trì, phối hợp với các phòng, đơn vị theo dõi, đôn đốc việc thực hiện Kế "
        "hoạch; tổng hợp báo cáo định kỳ quý, 6 tháng, năm gửi Sở Nội vụ trước ngày 15 của "
        "tháng cuối kỳ.",
        f"Các phòng, đơn vị được giao nhiệm vụ báo cáo kết quả thực hiện hằng tháng về {office} "
        "trước ngày 25.",
        "Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, các phòng, đơn vị kịp thời báo "
        f"cáo UBND {issuer.agency} xem xét, giải quyết./.",
    ]
    numbered = c.chance(60)
    blocks: list[Block] = [para(head, bold=True)]
    for index, line in enumerate(lines, 1):
        blocks.append(para(f"{index}. {line}" if numbered else line))
    return blocks
