"""A signed decision or plan (as read by ``docreading``) → a draft plan in YAML.

The importer keeps the office's words verbatim (whitespace normalised only), turns deadline
phrases into milestones and recurring duties with the loader's own parser, and marks every
guess with a ``# xem lại: …`` comment that is also returned for the screen. Text it cannot
place is kept as ``# chưa xếp: …`` comments and returned too: nothing is dropped silently.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date

from cai_cach import yamledit
from cai_cach.docreading import Document, TableBlock, clean
from cai_cach.errors import UsageError
from cai_cach.periods import CADENCE_WORDS, Cadence, Period, find_periods, parse_day
from cai_cach.text import fold

REVIEW = "xem lại"
UNPLACED = "chưa xếp"


@dataclass
class Party:
    id: str
    title: str
    group: bool
    note: str | None = None


@dataclass
class DraftMilestone:
    what: str
    due: str


@dataclass
class DraftRecurrence:
    what: str
    every: str


@dataclass
class DraftTask:
    id: str
    title: str
    lead: list[str] = field(default_factory=list)
    support: list[str] = field(default_factory=list)
    products: str | None = None
    timeline: str | None = None
    ongoing: bool = False
    as_instructed: bool = False
    milestones: list[DraftMilestone] = field(default_factory=list)
    recurring: list[DraftRecurrence] = field(default_factory=list)
    recipient: str | None = None
    notes: list[str] = field(default_factory=list)  # review comments for this task
    has_fields: bool = False


@dataclass
class DraftSection:
    id: str
    title: str
    objectives: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    tasks: list[DraftTask] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class Issuance:
    kind: str = ""  # "QĐ" or "KH"
    number: str | None = None
    date: date | None = None
    place: str | None = None
    title: str | None = None
    signer: str | None = None
    signer_title: str | None = None
    authority: str | None = None
    grounds: list[str] = field(default_factory=list)
    articles: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)


@dataclass
class Draft:
    """Everything the importer found, and what the clerk should review."""

    agency_name: str = ""
    agency_place: str = ""
    parent: str | None = None
    title: str = ""
    year: int = 0
    decision: Issuance | None = None
    document: Issuance | None = None
    purposes: list[str] = field(default_factory=list)
    requirements: list[str] = field(default_factory=list)
    parties: dict[str, Party] = field(default_factory=dict)
    sections: list[DraftSection] = field(default_factory=list)
    reporting: list[DraftTask] = field(default_factory=list)
    implementation: list[str] = field(default_factory=list)
    reviews: list[str] = field(default_factory=list)
    unplaced: list[str] = field(default_factory=list)
    header_notes: list[str] = field(default_factory=list)


# --- small text helpers -----------------------------------------------------------------

_FIELD_WORDS: list[tuple[str, str]] = [
    ("lead", r"(?:co quan |don vi |bo phan |nguoi )?chu tri(?: thuc hien)?(?: [a-z ]{0,20})?"),
    ("support", r"(?:co quan |don vi |bo phan )?phoi hop(?: thuc hien)?(?:, theo doi)?"),
    ("products", r"(?:san pham|ket qua dau ra|san pham dau ra)(?: [a-z ]{0,20})?"),
    ("timeline", r"(?:thoi gian|thoi han|tien do)(?: thuc hien| hoan thanh)?(?: [a-z ]{0,20})?"),
]
_LABEL = re.compile(r"^(?P<label>(?:[a-zđ][)/]|\d+(?:\.\d+)+\.?|\d+[.)/]|[IVX]+[./]))\s+")


def field_of(line: str) -> tuple[str, str] | None:
    """("lead", "Công chức …") for a "Chủ trì thực hiện: …" line, else None."""
    head, sep, rest = line.partition(":")
    if not sep or len(head) > 45:
        return None
    folded = " ".join(fold(head).strip(" -+*•").split())
    for name, pattern in _FIELD_WORDS:
        if re.fullmatch(pattern, folded):
            return name, clean(rest)
    return None


def split_label(line: str) -> tuple[str, str]:
    match = _LABEL.match(line)
    if not match:
        return "", line
    return match["label"], line[match.end() :]


def _label_key(label: str) -> str:
    return label.rstrip(".)/")


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def _title_case_vi(text: str) -> str:
    """ "XÃ TỊNH MINH" → "xã Tịnh Minh"; "ỦY BAN NHÂN DÂN" → "Ủy ban nhân dân"."""
    if text.upper().startswith("UBND "):
        return "Ủy ban nhân dân " + _title_case_vi(text[5:])
    lowered = text.lower()
    for unit in ("xã ", "phường ", "thị trấn ", "huyện ", "tỉnh ", "thành phố "):
        if lowered.startswith(unit):
            rest = text[len(unit) :]
            return unit + " ".join(w[:1].upper() + w[1:].lower() for w in rest.split())
    return _capitalise(lowered)


def _is_roman(text: str) -> bool:
    return bool(re.fullmatch(r"[IVX]+", text))


# --- responsible parties ----------------------------------------------------------------

_ROLE_PREFIXES = ("Công chức ", "Cán bộ ", "Viên chức ")
_STOP = {"cac", "cua", "va", "co", "lien", "quan", "den", "viec", "thuc", "hien", "xa", "phuong"}


def _party_key(name: str) -> str:
    key = " ".join(fold(name).strip(" .;,").split())
    return re.sub(r"(?: cua)? (?:xa|phuong|thi tran)$", "", key)


def _party_id(name: str, taken: set[str]) -> str:
    words = re.sub(r"[^a-z0-9 ]", " ", fold(name)).split()
    for prefix in (["cong", "chuc"], ["can", "bo"], ["vien", "chuc"]):
        if words[:2] == prefix and len(words) > 2 and "lien" not in words:
            words = words[2:]
    meaningful = [w for w in words if w not in _STOP] or words
    base = "-".join(meaningful[:5]) or "don-vi"
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


def split_parties(text: str) -> tuple[list[str], list[str]]:
    """Names in a "Chủ trì"/"Phối hợp" value, and review notes for the guesses made."""
    notes: list[str] = []
    value = clean(text).strip(" .;")
    names: list[str] = []
    for chunk in re.split(_AND, value):
        chunk = chunk.strip(" .,")
        if not chunk:
            continue
        pieces = re.split(r",\s+(?=[A-ZĐÂĂÊÔƠƯÁÀẢÃẠÉÈẺẼẸÍÌỈĨỊÓÒỎÕỌÚÙỦŨỤÝỲỶỸỴ])", chunk)
        prefix = next((p for p in _ROLE_PREFIXES if pieces[0].startswith(p)), None)
        if prefix is None:  # "Phòng Kinh tế, Hạ tầng và Đô thị" is one name
            merged = [pieces[0]]
            for piece in pieces[1:]:
                if piece.startswith(_UNIT_WORDS):
                    merged.append(piece)
                else:
                    merged[-1] = f"{merged[-1]}, {piece}"
            pieces = merged
        for number, piece in enumerate(pieces):
            piece = piece.strip(" .,")
            if number and prefix and not piece.startswith(_UNIT_WORDS):
                notes.append(f"'{piece}' hiểu là '{prefix}{piece}'")
                piece = prefix + piece
            names.append(_capitalise(piece))
    return names, notes


_AND = re.compile(
    r";|\s+(?:và|cùng)\s+(?=(?i:các|công chức|cán bộ|viên chức|phòng|văn phòng|trung tâm|ban|tổ|"
    r"bộ phận|lãnh đạo|hội|đoàn|ủy ban|chủ tịch|trạm|công an|tổ chức|người)\b)"
)
_UNIT_WORDS = (
    "Công chức",
    "Cán bộ",
    "Viên chức",
    "Phòng",
    "Văn phòng",
    "Trung tâm",
    "Ban",
    "Tổ",
    "Lãnh đạo",
    "Các",
    "UBND",
    "Ủy ban",
    "Chủ tịch",
    "Phó",
    "Hội",
    "Đoàn",
    "Bộ phận",
    "Trạm",
    "Công an",
    "Quân sự",
    "Trưởng",
)


def _register(draft: Draft, name: str) -> str:
    key = _party_key(name)
    for party in draft.parties.values():
        if _party_key(party.title) == key:
            if party.title != name:
                shorter = min(party.title, name, key=len)
                other = name if shorter == party.title else party.title
                party.title = shorter
                party.note = f"gộp với cách viết '{other}'"
            return party.id
    party_id = _party_id(name, set(draft.parties))
    group = fold(name).startswith("cac ") or "lien quan" in fold(name)
    draft.parties[party_id] = Party(party_id, name, group)
    return party_id


# --- deadlines --------------------------------------------------------------------------

_CADENCE_LIST = re.compile(
    r"(?:dinh ky|hang)\s+"
    r"(?P<list>(?:(?:6 thang|sau thang|thang|quy|nam)(?:\s*,\s*|\s+va\s+|\s+)?)+)"
)
_CADENCE_TOKEN = re.compile(r"6 thang|sau thang|thang|quy|nam")
_ONGOING = re.compile(r"^(?:thuong xuyen|lien tuc|hang ngay)")
_INSTRUCTED = re.compile(
    r"theo (?:ke hoach so|quy dinh|tien do|huong dan|chi dao|yeu cau)|dung tien do|"
    r"khi co (?:yeu cau|chi dao|van ban)|theo ke hoach cua"
)
_CADENCE_NAME: dict[Cadence, str] = {
    "month": "tháng",
    "quarter": "quý",
    "half": "6 tháng",
    "year": "năm",
}
_CADENCE_WHAT: dict[Cadence, str] = {
    "month": "hàng tháng",
    "quarter": "hàng quý",
    "half": "6 tháng",
    "year": "hàng năm",
}


def _cadences(clause: str) -> list[Cadence]:
    folded = fold(clause)
    found: list[Cadence] = []
    for match in _CADENCE_LIST.finditer(folded):
        tail = folded[match.end() :].lstrip()
        for token in _CADENCE_TOKEN.findall(match["list"]):
            cadence = CADENCE_WORDS.get(token)
            # "6 tháng đầu năm 2024" is a period, not a cadence
            if (
                cadence
                and cadence not in found
                and not (token == "6 thang" and tail.startswith(("dau", "cuoi")))
            ):
                found.append(cadence)
        if re.match(r"\d{4}", tail):  # "hàng tháng năm 2024": "năm" names the year
            found = [c for c in found if c != "year"] or found
    return found


def _what(clause: str, phrase: str, fallback: str) -> str:
    if phrase not in clause:
        return fallback
    rest = clean(clause.replace(phrase, " "))
    rest = re.sub(r"^(?:trong|trước|vào|đến|từ|và|,|;|\.)\s*", "", rest, flags=re.IGNORECASE)
    rest = re.sub(r"\s*(?:trong|trước|vào|đến|và)$", "", rest.strip(" ,;.")).strip(" ,;.")
    return _capitalise(rest) if len(rest) > 3 else fallback


def schedule_from_timeline(task: DraftTask, fallback_what: str) -> None:
    """Milestones, recurrences and the ongoing/as-instructed flags from the verbatim timeline."""
    timeline = task.timeline or ""
    folded = fold(timeline).strip()
    if _ONGOING.match(folded):
        task.ongoing = True
        if re.search(r"dinh ky|bao cao", folded):
            task.notes.append("'Thường xuyên' kèm báo cáo không nêu kỳ: chưa đặt lịch báo cáo")
        return
    for clause in re.split(r";", timeline):
        if not clean(clause):
            continue
        cadences = _cadences(clause)
        if cadences:
            for cadence in cadences:
                task.recurring.append(
                    DraftRecurrence(
                        _capitalise(f"Báo cáo {_CADENCE_WHAT[cadence]}")
                        if "bao cao" in fold(clause)
                        else _capitalise(f"{fallback_what} ({_CADENCE_WHAT[cadence]})"),
                        _CADENCE_NAME[cadence],
                    )
                )
            continue
        periods = find_periods(clause)
        if _INSTRUCTED.search(fold(clause)) or (
            not periods and re.search(r"dinh ky|theo", fold(clause))
        ):
            task.as_instructed = True
            if periods:
                continue
        dated = _dated(clause, periods) or _yearless(clause)
        for phrase, _period in dated:
            task.milestones.append(DraftMilestone(_what(clause, phrase, fallback_what), phrase))
    if not (task.milestones or task.recurring or task.ongoing or task.as_instructed):
        task.notes.append("không tìm thấy thời hạn trong 'Thời gian': đặt tạm 'theo hướng dẫn'")
        task.as_instructed = True


_YEARLESS_PHRASE = re.compile(
    r"(?:trong\s+)?(?:cuoi nam|6 thang (?:dau|cuoi) nam|9 thang(?: dau nam)?|quy (?:iv|iii|ii|i)\b)"
)


def _yearless(clause: str) -> list[tuple[str, Period | None]]:
    """Deadline phrases without a year ("cuối năm", "6 tháng đầu năm"): the loader applies the
    plan's year to them."""
    source = " ".join(clause.split())
    return [(source[m.start() : m.end()], None) for m in _YEARLESS_PHRASE.finditer(fold(source))]


_DATE_IN_TEXT = re.compile(r"(?:ngày\s*)?\d{1,2}\s*[/.]\s*\d{1,2}\s*[/.]\s*\d{4}", re.IGNORECASE)


def _dated(clause: str, periods: list[tuple[str, Period]]) -> list[tuple[str, Period | None]]:
    """Deadline phrases in a clause: explicit dates first, else period phrases."""
    dates: list[tuple[str, Period | None]] = []
    for match in _DATE_IN_TEXT.finditer(clause):
        text = match.group(0)
        start = match.start()
        before = clause[max(0, start - 12) : start]
        if re.search(r"trước\s*(?:ngày\s*)?$", before, re.IGNORECASE):
            text = clean(clause[start - len(before) + before.lower().rfind("trước") : match.end()])
        try:
            parse_day(re.sub(r"(?i)^trước\s*", "", text).replace(".", "/"))
        except ValueError:
            continue
        dates.append((text, None))
    if dates:
        return dates
    found: list[tuple[str, Period | None]] = []
    for phrase, period in periods:
        start = clause.find(phrase)
        before = clause[max(0, start - 7) : start] if start >= 0 else ""
        if period.kind == "month" and re.search(r"(?i)trước\s+$", before):
            phrase = clean(before[before.lower().rfind("trước") :] + phrase)
        found.append((phrase, period))
    return found


# --- the document walk ------------------------------------------------------------------

_PART_CONTENT = re.compile(r"noi dung|nhiem vu")
_PART_PURPOSE = re.compile(r"muc dich|yeu cau|muc tieu")
_PART_IMPLEMENTATION = re.compile(r"to chuc thuc hien|trach nhiem")
_SIGN_TITLE = re.compile(
    r"^(?:(?:KT|TM|TL|Q|TUQ)\.\s*)?(?:PHÓ\s+)?"
    r"(?:CHỦ TỊCH|ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN|TRƯỞNG PHÒNG|CHÁNH VĂN PHÒNG)\b.*$"
)


class _Walker:
    def __init__(self, document: Document) -> None:
        self.draft = Draft()
        self.lines: list[str | TableBlock] = list(document.blocks)
        self.position = 0

    # header -------------------------------------------------------------------------
    def header(self) -> None:
        draft = self.draft
        agency: list[str] = []
        issued = Issuance()
        lines = self.lines
        index = 0
        flat: list[str | TableBlock] = []
        for block in lines:  # header and signature tables are read cell by cell
            if isinstance(block, TableBlock) and not _is_task_table(block):
                for column in range(max(len(r) for r in block.rows) if block.rows else 0):
                    for row in block.rows:
                        if column < len(row):
                            flat.extend(clean(p) for p in row[column].split("\n") if clean(p))
            else:
                flat.append(block)
        self.lines = lines = flat
        while index < len(lines):
            line = lines[index]
            if not isinstance(line, str):
                break
            folded = fold(line)
            if folded.startswith("cong hoa") or folded.startswith("doc lap"):
                index += 1
                continue
            number = re.match(r"(?i)^số\s*:?\s*(.+)$", line)
            if number:
                raw = number[1]
                issued.number = re.sub(r"\s*([/-])\s*", r"\1", raw).strip()
                if issued.number != raw:
                    draft.header_notes.append(f"số văn bản gốc ghi '{raw}'")
                issued.kind = "KH" if "/KH" in issued.number.upper() else "QĐ"
                index += 1
                continue
            dated = re.match(r"^(.+?),\s*(ngày .+)$", line)
            if dated and "tháng" in line:
                try:
                    issued.date = parse_day(dated[2])
                    issued.place = dated[1].strip()
                    index += 1
                    continue
                except ValueError:
                    pass
            if not issued.number and line.upper() == line and len(agency) < 3:
                agency.append(line)
                index += 1
                continue
            break
        if issued.number is None and issued.date is None:
            raise UsageError(
                "văn bản không giống một quyết định hay kế hoạch: không thấy dòng 'Số: …' và "
                "'…, ngày … tháng … năm …' ở phần đầu",
                "nhập tệp Word/Markdown của quyết định hoặc kế hoạch do UBND ban hành",
            )
        if agency:
            name_lines = agency[-2:] if len(agency) > 1 else agency
            own = name_lines[-1]
            if fold(own).startswith(("uy ban", "ubnd")):
                draft.agency_name = _title_case_vi(own)
            else:
                body = "Ủy ban nhân dân" if len(name_lines) == 1 else _title_case_vi(name_lines[0])
                draft.agency_name = f"{body} {_title_case_vi(own)}"
            place = re.sub(r"(?i)^.*?(?:xã|phường|thị trấn)\s+", "", draft.agency_name)
            draft.agency_place = place
            if len(agency) > 2:
                draft.parent = _title_case_vi(agency[0])
        self.position = index
        self.issued = issued

    # body ---------------------------------------------------------------------------
    def run(self) -> Draft:
        self.header()
        draft = self.draft
        issued = self.issued
        plan_issued: Issuance | None = issued if issued.kind == "KH" else None
        decision: Issuance | None = issued if issued.kind == "QĐ" else None
        lines = self.lines
        index = self.position
        mode = "preamble"
        part = ""
        subpart = ""
        section: DraftSection | None = None
        pending: DraftTask | None = None
        current: DraftTask | None = None
        plan_started = decision is None
        awaiting_title = False
        signature_lines: list[str] = []
        while index < len(lines):
            block = lines[index]
            index += 1
            if isinstance(block, TableBlock):
                self.task_table(block)
                continue
            line = block
            folded = fold(line).strip(" :.")
            # --- signature block and recipients, wherever they appear -------------
            if folded.startswith("noi nhan"):
                target = decision if (decision and not plan_started) else (plan_issued or decision)
                while index < len(lines) and isinstance(lines[index], str):
                    item = str(lines[index])
                    if _SIGN_TITLE.match(item) or fold(item).startswith("ke hoach"):
                        break
                    if target is not None:
                        target.recipients.append(re.sub(r"^[-+•*]\s+", "", item))
                    index += 1
                continue
            if (
                _SIGN_TITLE.match(line)
                and line.upper() == line
                and len(line) < 60
                and _signer_follows(lines, index)
            ):
                signature_lines.append(line)
                target = decision if (decision and not plan_started) else (plan_issued or decision)
                if decision is None and plan_issued is None:
                    target = None
                # the signer's name is the next line that is not "(Đã ký)" or another title
                while index < len(lines) and isinstance(lines[index], str):
                    nxt = str(lines[index])
                    if _SIGN_TITLE.match(nxt) and nxt.upper() == nxt:
                        signature_lines.append(nxt)
                        index += 1
                        continue
                    if re.match(r"^\(.*\)$", nxt) or fold(nxt).startswith("(da ky"):
                        index += 1
                        continue
                    break
                if target is not None and signature_lines:
                    titles = [
                        t for t in signature_lines if not re.match(r"^(?:KT|TM|TL|Q|TUQ)\.", t)
                    ]
                    authority = [
                        t for t in signature_lines if re.match(r"^(?:KT|TM|TL|Q|TUQ)\.", t)
                    ]
                    if (
                        index < len(lines)
                        and isinstance(lines[index], str)
                        and _looks_like_name(str(lines[index]))
                    ):
                        target.signer = str(lines[index])
                        index += 1
                    if titles:
                        # "PHÓ CHỦ TỊCH" → "Phó Chủ tịch", as Nghị định 30/2020 writes it
                        target.signer_title = _capitalise(titles[-1].lower()).replace(
                            "chủ tịch", "Chủ tịch"
                        )
                    if authority:
                        target.authority = authority[0]
                signature_lines = []
                continue
            if mode == "preamble":
                if folded == "quyet dinh" and decision is not None:
                    awaiting_title = decision.title is None
                    continue
                if awaiting_title and decision is not None:
                    decision.title = line
                    awaiting_title = False
                    continue
                if folded.startswith("chu tich uy ban") or folded.startswith("uy ban nhan dan"):
                    draft.header_notes.append(f"thẩm quyền ban hành: {line}")
                    continue
                if re.match(r"^(can cu|thuc hien|theo de nghi|xet de nghi)\b", folded):
                    (decision or plan_issued or issued).grounds.append(line)
                    continue
                if re.match(r"^dieu \d+", folded) and decision is not None:
                    decision.articles.append(clean(re.sub(r"(?i)^điều\s*\d+\s*[.:]?\s*", "", line)))
                    continue
                if folded == "ke hoach":
                    plan_started = True
                    awaiting_title = False
                    if index < len(lines) and isinstance(lines[index], str):
                        draft.title = "Kế hoạch " + _lower_first(str(lines[index]))
                        if plan_issued is None and issued.kind == "KH":
                            issued.title = str(lines[index])
                        index += 1
                    continue
                if folded.startswith("(ban hanh kem theo"):
                    while not line.rstrip().endswith(")") and index < len(lines):
                        line = str(lines[index])
                        index += 1
                    continue
                label, rest = split_label(line)
                if label and _is_roman(_label_key(label)):
                    mode = "body"
                    index -= 1
                    continue
                if (
                    plan_started
                    and decision is None
                    and not draft.title
                    and folded.startswith("ke hoach")
                ):
                    draft.title = line
                    continue
                draft.unplaced.append(line)
                continue
            # --- body: parts, sections, tasks ---------------------------------------
            label, rest = split_label(line)
            key = _label_key(label)
            if label and _is_roman(key) and not _roman_is_section(part, rest):
                part = fold(rest)
                subpart = ""
                pending = None
                current = None
                section = None
                continue
            if _PART_CONTENT.search(part) or not part:
                section, pending, current = self.content_line(
                    line, label, rest, section, pending, current, lines, index
                )
                continue
            if _PART_IMPLEMENTATION.search(part):
                self.implementation_line(rest if label else line, label)
                continue
            if _PART_PURPOSE.search(part):
                head = fold(rest).strip(" :.")
                if label and head in ("muc dich", "yeu cau", "muc tieu"):
                    subpart = head
                    continue
                if re.match(r"^(muc dich|yeu cau|muc tieu)\s*:", fold(rest)):
                    subpart = fold(rest).split(":")[0].strip()
                    rest = clean(rest.split(":", 1)[1])
                    if not rest:
                        continue
                target_list = draft.requirements if subpart == "yeu cau" else draft.purposes
                target_list.append(rest if label else line)
                continue
            draft.unplaced.append(line)
        if pending is not None and not pending.has_fields:
            draft.unplaced.append(pending.title)
        draft.decision = decision
        draft.document = plan_issued
        if not draft.year:
            years = re.findall(r"năm (\d{4})", draft.title)
            draft.year = int(years[0]) if years else 0
        return draft

    def content_line(
        self,
        line: str,
        label: str,
        rest: str,
        section: DraftSection | None,
        pending: DraftTask | None,
        current: DraftTask | None,
        lines: list[str | TableBlock],
        index: int,
    ) -> tuple[DraftSection | None, DraftTask | None, DraftTask | None]:
        draft = self.draft
        found = field_of(line)
        if found is not None:
            task = pending or current
            if task is None:
                draft.unplaced.append(line)
                return section, pending, current
            if pending is not None:
                self.open_task(section, pending)
                current, pending = pending, None
                task = current
            self.set_field(task, found[0], found[1])
            return section, pending, current
        head = fold(rest).strip()
        if section is not None and re.match(r"^(muc tieu|chi tieu)\b", head):
            text = clean(re.sub(r"(?i)^(mục tiêu|chỉ tiêu)\s*[:.]?\s*", "", rest))
            (section.targets if head.startswith("chi tieu") else section.objectives).append(text)
            return section, pending, current
        if (
            section is not None
            and not label
            and pending is None
            and current is None
            and ("%" in line or fold(line).startswith("ty le"))
        ):
            section.targets.append(line)
            return section, pending, current
        task_ahead = _fields_follow(lines, index)
        if not label and pending is not None and not pending.has_fields and line[:1].islower():
            pending.title = clean(f"{pending.title} {line}")
            pending.notes.append("tên nhiệm vụ nối từ hai đoạn văn trong văn bản gốc")
            return section, pending, current
        if task_ahead:
            pending = DraftTask(id=label, title=rest if label else line)
            return section, pending, current
        if pending is not None and not pending.has_fields:
            # the pending line was a heading after all
            draft.unplaced.append(pending.title)
        if not label and not _labelled_task_follows(lines, index):
            draft.unplaced.append(line)
            return section, None, current
        # a heading: a new section
        number = _label_key(label) if label else str(len(draft.sections) + 1)
        title = rest.strip().rstrip(":").rstrip(".").strip() if label else line.rstrip(":.")
        if label and section is not None and not _section_level(label, draft):
            draft.unplaced.append(line)
            return section, None, current
        new = DraftSection(id=number, title=title)
        if not label:
            new.notes.append("mục không đánh số trong văn bản gốc: đặt số " + number)
        draft.sections.append(new)
        return new, None, None

    def open_task(self, section: DraftSection | None, task: DraftTask) -> None:
        draft = self.draft
        if section is None:
            section = DraftSection(id=str(len(draft.sections) + 1), title="Nhiệm vụ")
            section.notes.append("văn bản không có tên mục trước nhiệm vụ này: đặt tạm")
            draft.sections.append(section)
        own = _label_key(task.id)
        if not own:
            letters = "abcdefghiklmnopqrstuvxy"
            own = letters[len(section.tasks) % len(letters)]
            task.notes.append(f"văn bản gốc không đánh số nhiệm vụ này; đặt mã {section.id}.{own}")
        if own.startswith(section.id + "."):
            task.id = own
        else:
            task.id = f"{section.id}.{own}"
        taken = {t.id for s in draft.sections for t in s.tasks}
        if task.id in taken:
            base, number = task.id, 2
            while f"{base}-{number}" in taken:
                number += 1
            task.notes.append(f"mã '{base}' trùng trong văn bản gốc; đặt '{base}-{number}'")
            task.id = f"{base}-{number}"
        task.has_fields = True
        section.tasks.append(task)

    def set_field(self, task: DraftTask, name: str, value: str) -> None:
        draft = self.draft
        if name in ("lead", "support"):
            names, notes = split_parties(value)
            task.notes.extend(notes)
            ids = [_register(draft, n) for n in names]
            if name == "lead" and task.lead:
                task.notes.append("có hai dòng 'Chủ trì': gộp lại")
            getattr(task, name).extend(i for i in ids if i not in getattr(task, name))
        elif name == "products":
            task.products = clean(f"{task.products or ''} {value}")
        else:
            task.timeline = clean(f"{task.timeline or ''} {value}")

    def task_table(self, table: TableBlock) -> None:
        draft = self.draft
        if not table.rows:
            return
        columns = _table_columns(table.rows[0])
        if columns is None:
            for row in table.rows:
                draft.unplaced.append(" | ".join(row))
            return
        section: DraftSection | None = None
        for row in table.rows[1:]:
            cell = {name: clean(row[i]) if i < len(row) else "" for name, i in columns.items()}
            number = cell.get("stt", "").rstrip(".")
            content = cell.get("content", "")
            if not content and not number:
                continue
            if re.fullmatch(r"\(?\d+\)?", number) and not content:
                continue  # the "(1) (2) (3)" row under the header
            has_fields = any(cell.get(k) for k in ("lead", "support", "timeline"))
            if (
                _is_roman(number) or (not has_fields and not number.replace(".", "").isdigit())
            ) and not has_fields:
                section = DraftSection(
                    id=number or str(len(draft.sections) + 1), title=content.rstrip(":.")
                )
                draft.sections.append(section)
                continue
            task = DraftTask(id=number, title=content)
            self.open_task(section, task)
            if section is None:
                section = draft.sections[-1]
            for name in ("lead", "support", "products", "timeline"):
                if cell.get(name):
                    self.set_field(task, name, cell[name])

    def implementation_line(self, text: str, label: str) -> None:
        draft = self.draft
        draft.implementation.append(text)
        cadences = _cadences(text) if re.search(r"dinh ky|hang quy|hang thang", fold(text)) else []
        if not cadences or "bao cao" not in fold(text):
            return
        lead_ids = [p.id for p in draft.parties.values() if fold(text).startswith(fold(p.title))]
        for duty in draft.reporting:
            if [r.every for r in duty.recurring] == [_CADENCE_NAME[c] for c in cadences] and (
                not lead_ids or duty.lead == lead_ids
            ):
                duty.timeline = clean(f"{duty.timeline} {text}")
                duty.notes.append("gộp hai đoạn nói cùng một nghĩa vụ báo cáo")
                return
        number = _label_key(label) or str(len(draft.reporting) + 1)
        duty = DraftTask(
            id=f"III.{number}",
            title="Tổng hợp báo cáo kết quả thực hiện kế hoạch cải cách hành chính",
        )
        duty.notes.append(
            "nghĩa vụ báo cáo lấy từ phần Tổ chức thực hiện; kiểm tra tên và nơi nhận"
        )
        if lead_ids:
            duty.lead = lead_ids[:1]
        else:
            duty.lead = [next(iter(draft.parties))] if draft.parties else []
            duty.notes.append("không nhận ra người chủ trì báo cáo: đặt tạm")
        recipient = re.search(r"(?:về|báo cáo|gửi)\s+(UBND [^,.;()]*(?:\([^)]*\))?)", text)
        if recipient:
            duty.recipient = clean(recipient[1])
        duty.timeline = text
        for cadence in cadences:
            duty.recurring.append(
                DraftRecurrence(
                    f"Báo cáo {_CADENCE_WHAT[cadence].replace('hàng ', '')}", _CADENCE_NAME[cadence]
                )
            )
        draft.reporting.append(duty)


def _signer_follows(lines: list[str | TableBlock], index: int) -> bool:
    """Whether a signer's name follows (after more title lines and "(Đã ký)")."""
    for block in lines[index : index + 4]:
        if not isinstance(block, str):
            return False
        if (_SIGN_TITLE.match(block) and block.upper() == block) or re.match(r"^\(.*\)$", block):
            continue
        return _looks_like_name(block)
    return False


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text else text


def _looks_like_name(text: str) -> bool:
    words = text.split()
    return 2 <= len(words) <= 6 and all(w[:1].isupper() for w in words) and ":" not in text


def _style(label: str) -> str:
    key = _label_key(label)
    if not key:
        return ""
    if _is_roman(key):
        return "roman"
    if key.isdigit():
        return "number"
    if "." in key:
        return "dotted"
    return "letter"


def _section_level(label: str, draft: Draft) -> bool:
    """Whether ``label`` is at the level of the section headings seen so far."""
    if not draft.sections:
        return True
    first = next((s.id for s in draft.sections), "")
    return _style(label) == (
        "roman" if _is_roman(first) else "number" if first.isdigit() else _style(label)
    )


def _roman_is_section(part: str, rest: str) -> bool:
    """Inside the content part, Roman numerals may number the sections themselves."""
    if not _PART_CONTENT.search(part):
        return False
    folded = fold(rest)
    return not (
        _PART_IMPLEMENTATION.search(folded) or _PART_PURPOSE.search(folded) or "kinh phi" in folded
    )


def _labelled_task_follows(lines: list[str | TableBlock], index: int) -> bool:
    """Whether the next labelled paragraph opens a task (so this line heads a section)."""
    for position in range(index, min(index + 8, len(lines))):
        block = lines[position]
        if not isinstance(block, str):
            return False
        label, _ = split_label(block)
        if label:
            return _fields_follow(lines, position + 1)
    return False


def _fields_follow(lines: list[str | TableBlock], index: int) -> bool:
    """Whether a "Chủ trì/Phối hợp/…" line follows before the next labelled paragraph."""
    for block in lines[index : index + 6]:
        if not isinstance(block, str):
            return False
        if field_of(block) is not None:
            return True
        label, _ = split_label(block)
        if label or block[:1].isupper():
            return False
    return False


_COLUMN_WORDS = {
    "stt": r"^(stt|tt|so tt)$",
    "content": r"noi dung|nhiem vu|ten nhiem vu",
    "lead": r"chu tri",
    "support": r"phoi hop",
    "products": r"san pham|ket qua",
    "timeline": r"thoi gian|thoi han|tien do",
}


def _table_columns(header: list[str]) -> dict[str, int] | None:
    columns: dict[str, int] = {}
    for position, text in enumerate(header):
        folded = " ".join(fold(text).split()).strip(" .")
        for name, pattern in _COLUMN_WORDS.items():
            if name not in columns and re.search(pattern, folded):
                columns[name] = position
                break
    if "content" in columns and "lead" in columns:
        return columns
    return None


def _is_task_table(table: TableBlock) -> bool:
    return bool(table.rows) and _table_columns(table.rows[0]) is not None


def build_draft(document: Document) -> Draft:
    """Read the document's structure; raise ``UsageError`` for a document that is not a plan."""
    draft = _Walker(document).run()
    for empty in [s for s in draft.sections if not s.tasks]:
        draft.unplaced.append(f"{empty.id}. {empty.title}")
        draft.sections.remove(empty)
    tasks = [t for s in draft.sections for t in s.tasks]
    if not tasks:
        raise UsageError(
            "không tìm thấy nhiệm vụ nào trong văn bản (các dòng 'Chủ trì: …', 'Thời gian: …' "
            "hoặc bảng có cột 'Nội dung', 'Chủ trì')",
            "văn bản này có phải kế hoạch cải cách hành chính không?",
        )
    if not draft.year:
        draft.year = (tasks and _guess_year(draft)) or date.today().year
        draft.reviews.append(f"không thấy năm kế hoạch trong tên; đặt {draft.year}")
    for section in draft.sections:
        for task in section.tasks:
            _finish(draft, task)
    for duty in draft.reporting:
        _finish(draft, duty)
    return draft


def _guess_year(draft: Draft) -> int:
    years = [
        p.year for s in draft.sections for t in s.tasks for _, p in find_periods(t.timeline or "")
    ]
    return max(set(years), key=years.count) if years else 0


def _finish(draft: Draft, task: DraftTask) -> None:
    if not task.lead:
        fallback = next(iter(draft.parties), None) or _register(draft, "Ủy ban nhân dân")
        task.lead = [fallback]
        task.notes.append("văn bản không nêu người chủ trì: đặt tạm")
    if not task.timeline:
        task.timeline = "Theo hướng dẫn"
        task.notes.append("văn bản không nêu thời gian: ghi tạm 'Theo hướng dẫn'")
        task.as_instructed = True
    elif not (task.recurring and task.id.startswith("III.")):
        schedule_from_timeline(task, task.title if len(task.title) < 120 else "Hoàn thành nhiệm vụ")
    for note in task.notes:
        draft.reviews.append(f"{task.id}: {note}")


# --- YAML output ------------------------------------------------------------------------

_NUMBER_LIKE = re.compile(r"[-+.\d_:eE]+")


def scalar(text: str) -> str:
    """A YAML scalar for ``text`` (``yamledit.scalar`` in block context); a text that looks
    like a number or a date, or spans lines, is double-quoted as well."""
    if "\n" in text or _NUMBER_LIKE.fullmatch(text):
        return json.dumps(text, ensure_ascii=False)
    return yamledit.scalar(text, flow=False)


def _comment(text: str) -> str:
    return " ".join(text.split())


def render_yaml(draft: Draft, source_name: str) -> str:
    out: list[str] = [
        "# yaml-language-server: $schema=../schema/plan.schema.json",
        f"# Bản nháp do 'caicach import' tạo từ {source_name}.",
        f"# Tìm các dòng '# {REVIEW}' và '# {UNPLACED}', sửa cho đúng văn bản gốc rồi xóa dấu đó.",
        "plan:",
        f"  title: {scalar(draft.title or 'Kế hoạch cải cách hành chính')}",
        f"  year: {draft.year}",
        "  agency:",
        f"    name: {scalar(draft.agency_name or 'Ủy ban nhân dân')}",
    ]
    if not draft.agency_name:
        out[-1] += f"  # {REVIEW}: không đọc được tên cơ quan ở phần đầu văn bản"
        draft.reviews.append("plan.agency.name: không đọc được tên cơ quan")
    if draft.parent:
        out.append(f"    parent: {scalar(draft.parent)}")
    else:
        out.append(f"    # {REVIEW}: cơ quan cấp trên (parent) không ghi ở phần đầu văn bản")
    out.append(f"    place: {scalar(draft.agency_place or draft.agency_name or 'xã')}")
    for key, issued in (("decision", draft.decision), ("document", draft.document)):
        if issued is None:
            continue
        out.extend(_issuance(key, issued, draft))
    for note in draft.header_notes:
        out.append(f"  # {REVIEW}: {_comment(note)}")
        draft.reviews.insert(0, f"plan: {note}")
    for key, items in (("purposes", draft.purposes), ("requirements", draft.requirements)):
        if items:
            out.append(f"  {key}:")
            out.extend(f"    - {scalar(item)}" for item in items)
    out.append("")
    out.append("# Người và đơn vị chủ trì, phối hợp (tên lấy từ văn bản; mã do máy đặt).")
    out.append("officials:")
    for party in draft.parties.values():
        out.append(f"  {party.id}:")
        line = f"    title: {scalar(party.title)}"
        if party.note:
            line += f"  # {REVIEW}: {_comment(party.note)}"
            draft.reviews.append(f"officials.{party.id}: {party.note}")
        out.append(line)
        if party.group:
            out.append("    group: true")
    out.append("")
    out.append("sections:")
    for section in draft.sections:
        out.append(f"  - id: {scalar(section.id)}")
        for note in section.notes:
            out.append(f"    # {REVIEW}: {_comment(note)}")
            draft.reviews.append(f"mục {section.id}: {note}")
        out.append(f"    title: {scalar(section.title)}")
        for key, items in (("objectives", section.objectives), ("targets", section.targets)):
            if items:
                out.append(f"    {key}:")
                out.extend(f"      - {scalar(item)}" for item in items)
        out.append("    tasks:")
        for task in section.tasks:
            out.extend(_task_lines(task, "      "))
        out.append("")
    if draft.reporting:
        out.append("reporting:")
        for duty in draft.reporting:
            out.extend(_task_lines(duty, "  "))
        out.append("")
    if draft.implementation:
        out.append("implementation:")
        out.extend(f"  - {scalar(item)}" for item in draft.implementation)
    if draft.unplaced:
        out.append("")
        out.append(f"# {UNPLACED}: các đoạn văn bản gốc chưa đặt vào trường nào (giữ nguyên văn):")
        out.extend(f"# {UNPLACED}: {_comment(text)}" for text in draft.unplaced)
    return "\n".join(out).rstrip() + "\n"


def _issuance(key: str, issued: Issuance, draft: Draft) -> list[str]:
    out = [f"  {key}:"]
    label = "quyết định" if key == "decision" else "kế hoạch"

    def field(name: str, value: str | None, placeholder: str, missing: str) -> None:
        """``name: value``, or the placeholder with a review mark saying what was not read."""
        if value:
            out.append(f"    {name}: {value}")
        else:
            out.append(f"    {name}: {placeholder}  # {REVIEW}: {missing}")
            draft.reviews.append(f"plan.{key}.{name}: {missing}")

    field(
        "number",
        scalar(issued.number) if issued.number else None,
        '"…"',
        f"không đọc được số {label}",
    )
    field(
        "date",
        issued.date.isoformat() if issued.date else None,
        date.today().isoformat(),
        "không đọc được ngày ký",
    )
    if issued.place:
        out.append(f"    place: {scalar(issued.place)}")
    if issued.title and key == "decision":
        out.append(f"    title: {scalar(issued.title)}")
    field(
        "signer",
        scalar(issued.signer) if issued.signer else None,
        '"…"',
        "không đọc được tên người ký",
    )
    field(
        "signer_title",
        scalar(issued.signer_title) if issued.signer_title else None,
        "Chủ tịch",
        "không đọc được chức vụ người ký",
    )
    if issued.authority:
        out.append(f"    authority: {scalar(issued.authority)}")
    for name, items in (
        ("grounds", issued.grounds),
        ("articles", issued.articles),
        ("recipients", issued.recipients),
    ):
        if items:
            out.append(f"    {name}:")
            out.extend(f"      - {scalar(item)}" for item in items)
    return out


def _task_lines(task: DraftTask, indent: str) -> list[str]:
    out = [f"{indent}- id: {scalar(task.id)}"]
    inner = indent + "  "
    for note in task.notes:
        out.append(f"{inner}# {REVIEW}: {_comment(note)}")
    out.append(f"{inner}title: {scalar(task.title)}")
    out.append(f"{inner}lead: [{', '.join(task.lead)}]")
    if task.support:
        out.append(f"{inner}support: [{', '.join(task.support)}]")
    if task.recipient:
        out.append(f"{inner}recipient: {scalar(task.recipient)}")
    if task.products:
        out.append(f"{inner}products: {scalar(task.products)}")
    out.append(f"{inner}timeline: {scalar(task.timeline or '')}")
    if task.ongoing:
        out.append(f"{inner}ongoing: true")
    if task.as_instructed:
        out.append(f"{inner}as_instructed: true")
    if task.milestones:
        out.append(f"{inner}milestones:")
        for milestone in task.milestones:
            out.append(f"{inner}  - what: {scalar(milestone.what)}")
            out.append(f"{inner}    due: {scalar(milestone.due)}")
    if task.recurring:
        out.append(f"{inner}recurring:")
        for recurrence in task.recurring:
            out.append(f"{inner}  - what: {scalar(recurrence.what)}")
            out.append(f"{inner}    every: {scalar(recurrence.every)}")
    return out


def import_text(document: Document, source_name: str) -> tuple[str, Draft]:
    """The YAML text of the draft plan, and the draft (its ``reviews`` and ``unplaced``)."""
    draft = build_draft(document)
    return render_yaml(draft, source_name), draft
