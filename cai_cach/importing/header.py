"""The issuing document around the plan: header, decision preamble, signatures, recipients.

The header may be a two-column table or paragraphs; decorative rules ("¯¯¯", "___", "---",
box drawing) are not text. A decision (QĐ) carries the plan as an attachment; a plan (KH)
may be issued directly. Signature blocks and "Nơi nhận" lists are taken wherever they stand
(the decision's before the plan's "KẾ HOẠCH" heading, the plan's after it). Nothing unread is
filled in: an unread number, date or signer stays ``None``.
"""

from __future__ import annotations

import re

from cai_cach.docreading import TableBlock, clean
from cai_cach.errors import UsageError
from cai_cach.importing.draft import Draft, Issuance
from cai_cach.importing.fields import capitalise
from cai_cach.importing.tables import is_task_table
from cai_cach.periods import parse_day
from cai_cach.text import fold

Lines = list[str | TableBlock]

_DECORATION = "¯_‾⎯─━═│┃┄┅┈┉╌╍—–~=*·•.-"
_RULE_RUN = re.compile(r"[¯_‾⎯─━═│┃┄┅┈┉╌╍]{2,}|[-—–=~*.·]{3,}")
SIGN_TITLE = re.compile(
    r"^(?:(?:KT|TM|TL|Q|TUQ)\.\s*)?(?:PHÓ\s+)?"
    r"(?:CHỦ TỊCH|ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN|TRƯỞNG PHÒNG|CHÁNH VĂN PHÒNG)\b.*$"
)
_AUTHORITY = re.compile(r"^(?:KT|TM|TL|Q|TUQ)\.")


def normalise(blocks: Lines) -> Lines:
    """Header and signature tables read cell by cell (column after column); decorative rules
    dropped, also at the end of a line ("xã Cát Tiến ¯¯¯¯")."""
    out: Lines = []
    for block in blocks:
        if isinstance(block, TableBlock):
            if is_task_table(block):
                out.append(block)
                continue
            width = max((len(r) for r in block.rows), default=0)
            if width > 3:  # a table of data, not a layout: kept as a table
                out.append(block)
                continue
            for column in range(width):
                for row in block.rows:
                    if column < len(row):
                        out.extend(_lines(row[column]))
            continue
        out.extend(_lines(block))
    return out


def _lines(text: str) -> list[str]:
    found = []
    for part in text.split("\n"):
        line = clean(_RULE_RUN.sub(" ", part))
        if line and any(ch.isalnum() for ch in line):
            found.append(line)
    return found


def _title_case_vi(text: str) -> str:
    """ "XÃ TỊNH MINH" → "xã Tịnh Minh"; "ỦY BAN NHÂN DÂN" → "Ủy ban nhân dân"."""
    if text.upper().startswith("UBND "):
        return "Ủy ban nhân dân " + _title_case_vi(text[5:])
    lowered = text.lower()
    for unit in ("xã ", "phường ", "thị trấn ", "huyện ", "tỉnh ", "thành phố ", "đặc khu "):
        if lowered.startswith(unit):
            rest = text[len(unit) :]
            return unit + " ".join(w[:1].upper() + w[1:].lower() for w in rest.split())
    return capitalise(lowered)


_NUMBER = re.compile(r"(?i)^số\s*:?\s*(?P<n>\S.*)$")
_DATED = re.compile(r"^(?:(?P<place>[^,]{1,40}),\s*)?(?P<when>ngày\b.*\bnăm\b.*)$", re.I)
_TITLE_WORD = re.compile(r"^(?:quyet dinh|ke hoach)\s*:?$")


def read_header(draft: Draft, lines: Lines) -> tuple[Issuance, int]:
    """The number, date, place and agency of the issuing document; the index after them."""
    issued = Issuance()
    agency: list[str] = []
    index = 0
    limit = min(len(lines), 30)
    while index < limit:
        line = lines[index]
        if not isinstance(line, str):
            break
        folded = fold(line).strip()
        if _TITLE_WORD.match(folded.strip(" *")) or folded.startswith("ke hoach "):
            break
        index += 1
        if folded.startswith(("cong hoa", "doc lap")) or folded == "viet nam":
            continue
        number = _NUMBER.match(line)
        if number and issued.number is None:
            raw = number["n"].strip()
            issued.number = re.sub(r"\s*([/-])\s*", r"\1", raw).strip()
            if issued.number != raw:
                draft.header_notes.append(f"số văn bản gốc ghi '{raw}'")
            issued.kind = "KH" if "/KH" in issued.number.upper() else "QĐ"
            if not re.search(r"\d", issued.number):
                draft.header_notes.append(f"số văn bản chưa điền ('{raw}')")
                issued.number = None
            continue
        dated = _DATED.match(line)
        if dated and "tháng" in line.lower() and issued.date is None:
            issued.place = dated["place"].strip() if dated["place"] else None
            try:
                issued.date = parse_day(dated["when"])
            except ValueError:
                draft.header_notes.append(f"không đọc được ngày ký trong '{line}'")
            continue
        if line.upper() == line and len(agency) < 3 and not re.search(r"\d", line):
            agency.append(line)
            continue
        index -= 1
        break
    if not issued.kind:
        issued.kind = _kind_from_title(lines, index)
    if issued.number is None and issued.date is None and not issued.kind:
        raise UsageError(
            "văn bản không giống một quyết định hay kế hoạch: không thấy dòng 'Số: …' và "
            "'…, ngày … tháng … năm …' ở phần đầu",
            "nhập tệp Word/Markdown của quyết định hoặc kế hoạch do UBND ban hành",
        )
    _agency(draft, agency)
    return issued, index


def _kind_from_title(lines: Lines, index: int) -> str:
    for line in lines[index : index + 3]:
        if isinstance(line, str):
            folded = fold(line).strip(" *:")
            if folded == "quyet dinh":
                return "QĐ"
            if folded == "ke hoach" or folded.startswith("ke hoach "):
                return "KH"
    return ""


def _agency(draft: Draft, agency: list[str]) -> None:
    if not agency:
        return
    name_lines = agency[-2:] if len(agency) > 1 else agency
    own = name_lines[-1]
    if fold(own).startswith(("uy ban", "ubnd")):
        draft.agency_name = _title_case_vi(own)
    else:
        body = "Ủy ban nhân dân" if len(name_lines) == 1 else _title_case_vi(name_lines[0])
        draft.agency_name = f"{body} {_title_case_vi(own)}"
    place = re.sub(r"(?i)^.*?(?:xã|phường|thị trấn|đặc khu)\s+", "", draft.agency_name)
    draft.agency_place = place
    if len(agency) > 2:
        draft.parent = _title_case_vi(agency[0])


def plan_heading(lines: Lines, start: int) -> int | None:
    """The index of the plan's own "KẾ HOẠCH" heading, if the document has one."""
    for index in range(start, len(lines)):
        line = lines[index]
        if isinstance(line, str) and fold(line).strip(" *:.") == "ke hoach":
            return index
    return None


def take_closings(
    lines: Lines, plan_at: int | None, decision: Issuance | None, plan: Issuance | None
) -> Lines:
    """The lines without their "Nơi nhận" lists and signature blocks, which go to the decision
    (before the plan's heading) or to the plan."""
    kept: Lines = []
    index = 0
    while index < len(lines):
        line = lines[index]
        target = (
            decision
            if (decision and plan_at is not None and index < plan_at)
            else (plan or decision)
        )
        if not isinstance(line, str):
            kept.append(line)
            index += 1
            continue
        folded = fold(line).strip(" :.")
        if folded.startswith("noi nhan"):
            index += 1
            rest = re.sub(r"(?i)^nơi nhận\s*:?\s*", "", line).strip()
            if rest and target is not None:
                target.recipients.append(re.sub(r"^[-+•*]\s*", "", rest))
            while index < len(lines) and isinstance(lines[index], str):
                item = str(lines[index])
                if SIGN_TITLE.match(item) or fold(item).strip(" *:.") == "ke hoach":
                    break
                if not re.match(r"^[-+•*]", item) and len(item) > 80:
                    break
                if target is not None:
                    target.recipients.append(re.sub(r"^[-+•*]\s*", "", item))
                index += 1
            continue
        if SIGN_TITLE.match(line) and line.upper() == line and len(line) < 60:
            end = _signature(lines, index, target)
            if end > index:
                index = end
                continue
        kept.append(line)
        index += 1
    return kept


def _signature(lines: Lines, index: int, target: Issuance | None) -> int:
    """Read a signature block at ``index`` (titles, "(Đã ký)", the name); the index after it,
    or ``index`` when no name follows (then it is not a signature)."""
    titles: list[str] = []
    position = index
    while position < len(lines) and isinstance(lines[position], str):
        text = str(lines[position])
        if SIGN_TITLE.match(text) and text.upper() == text and len(text) < 60:
            titles.append(text)
        elif not (re.match(r"^\(.*\)$", text) or fold(text).startswith("(da ky")):
            break
        position += 1
    if position >= len(lines) or not isinstance(lines[position], str):
        return index
    name = str(lines[position])
    if not looks_like_name(name):
        return index
    if target is not None:
        target.signer = name
        plain = [t for t in titles if not _AUTHORITY.match(t)]
        authority = [t for t in titles if _AUTHORITY.match(t)]
        if plain:
            # "PHÓ CHỦ TỊCH" → "Phó Chủ tịch", as Nghị định 30/2020 writes it
            target.signer_title = capitalise(plain[-1].lower()).replace("chủ tịch", "Chủ tịch")
        elif authority and re.search(r"CHỦ TỊCH$", authority[0]):
            target.signer_title = "Chủ tịch"
        if authority:
            target.authority = authority[0]
    return position + 1


def looks_like_name(text: str) -> bool:
    words = text.split()
    return (
        2 <= len(words) <= 6
        and all(w[:1].isupper() for w in words)
        and ":" not in text
        and not re.search(r"\d", text)
        and text.upper() != text
    )


_GROUNDS = re.compile(r"^(can cu|thuc hien|theo de nghi|xet de nghi|trien khai)\b")


def read_preamble(draft: Draft, lines: Lines, index: int, issued: Issuance) -> int:
    """The decision's title, grounds and articles and the plan's title; the index of the
    first line of the plan's body."""
    decision = issued if issued.kind == "QĐ" else None
    awaiting_title = False
    while index < len(lines):
        line = lines[index]
        if not isinstance(line, str):
            return index
        folded = fold(line).strip(" :.*")
        index += 1
        if folded == "quyet dinh" and decision is not None:
            awaiting_title = decision.title is None and not decision.articles
            continue
        if awaiting_title and decision is not None:
            decision.title = line
            awaiting_title = False
            continue
        if folded.startswith(("chu tich uy ban", "uy ban nhan dan", "chu tich ubnd")):
            draft.header_notes.append(f"thẩm quyền ban hành: {line}")
            continue
        if _GROUNDS.match(folded):
            issued.grounds.append(line)
            continue
        if re.match(r"^dieu \d+", folded) and decision is not None:
            decision.articles.append(clean(re.sub(r"(?i)^điều\s*\d+\s*[.:]?\s*", "", line)))
            continue
        if folded == "ke hoach":
            title: list[str] = []
            while index < len(lines) and isinstance(lines[index], str):
                nxt = str(lines[index])
                nf = fold(nxt)
                if _GROUNDS.match(nf) or nf.startswith("(") or _labelled(nxt) or len(title) > 2:
                    break
                title.append(nxt)
                index += 1
            if title:
                text = clean(" ".join(title))
                draft.title = "Kế hoạch " + text[:1].lower() + text[1:]
                if decision is None:
                    issued.title = text
            continue
        if folded.startswith("(ban hanh kem theo") or folded.startswith("(kem theo"):
            while not str(line).rstrip().endswith(")") and index < len(lines):
                line = str(lines[index])
                index += 1
            continue
        if folded.startswith("ke hoach") and not draft.title and decision is None:
            draft.title = line
            continue
        if _labelled(line):
            return index - 1
        draft.unplaced.append(line)
    return index


def _labelled(line: str) -> bool:
    from cai_cach.importing.blocks import split_label

    label, style, _ = split_label(line)
    return bool(label) and style not in ("dash", "plus")
