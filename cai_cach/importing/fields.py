"""Labelled field lines of a task ("Chủ trì: …", "Thời gian hoàn thành: …") and the parties
they name.

A field is recognised by its label, in any case, with or without a dash or bullet, bold or
italic already stripped by the reader, on its own line or inline ("… (chủ trì: X; thời gian:
quý II/2026)"). Labels are matched on the folded text (no diacritics), whose positions are
those of the NFC text.
"""

from __future__ import annotations

import re

from cai_cach.importing.draft import Draft, Party
from cai_cach.text import fold

# (field, label pattern on folded text); the label ends at a colon
_LABELS: list[tuple[str, str]] = [
    (
        "lead",
        r"(?:(?:co quan|don vi|bo phan|nguoi|can bo|cong chuc)\s+)?"
        r"(?:chu tri|chiu trach nhiem(?: chinh)?)(?:\s+thuc hien)?"
        r"|(?:co quan|don vi|bo phan) thuc hien",
    ),
    (
        "support",
        r"(?:(?:co quan|don vi|bo phan|nguoi)\s+)?phoi hop(?:\s+thuc hien)?(?:,?\s*theo doi)?",
    ),
    ("products", r"(?:san pham|ket qua)(?:\s+(?:dau ra|du kien|dat duoc|can dat))?"),
    (
        "timeline",
        r"(?:thoi gian|thoi han|tien do)"
        r"(?:\s+(?:thuc hien|hoan thanh|trien khai|bao cao))?(?:\s+(?:du kien|hoan thanh))?",
    ),
]
_ANY_LABEL = "|".join(f"(?P<{name}>{pattern})" for name, pattern in _LABELS)
# on a line of its own, a label may carry a few words more ("Chủ trì thực hiện tiếp nhận:")
_OWN_LINE = re.compile(rf"^[\s\-+*•·–—(]*(?:{_ANY_LABEL})(?:\s+[a-z]+){{0,3}}\s*:\s*")
_INLINE = re.compile(rf"(?:^|(?<=[\s(;,.\-–]))(?:{_ANY_LABEL})\s*:\s*")


def _name_of(match: re.Match[str]) -> str:
    return next(name for name, _ in _LABELS if match.group(name) is not None)


def field_of(line: str) -> tuple[str, str] | None:
    """("lead", "Công chức …") for a "Chủ trì thực hiện: …" line, else None (the first field
    of a line holding several; ``fields_of`` gives them all)."""
    found = fields_of(line)
    return found[0] if found else None


def fields_of(line: str) -> list[tuple[str, str]]:
    """Every field of a line that is made of field labels only ("- Chủ trì: X; Phối hợp: Y")."""
    folded = fold(line)
    first = _OWN_LINE.match(folded)
    if not first:
        return []
    rest = _split_fields(line, folded, first.end())
    upto = _INLINE.search(folded, first.end())
    value = line[first.end() : upto.start() if upto else len(line)].strip(" ;,")
    return [(_name_of(first), " ".join(value.split())), *rest]


def inline_fields(text: str) -> tuple[str, list[tuple[str, str]]]:
    """A task line carrying its fields inline: the title before them, and the fields.

    "Rà soát văn bản (Chủ trì: Văn phòng; thời gian: Quý II/2026)" gives "Rà soát văn bản"
    and two fields. A line without labels comes back whole with no fields."""
    folded = fold(text)
    first = _INLINE.search(folded)
    if first is None or first.start() == 0:
        return text, []
    title = text[: first.start()].rstrip(" ;,.-–(")
    if len(title) < 3:
        return text, []
    return title, _split_fields(text, folded, first.start())


def _split_fields(text: str, folded: str, start: int) -> list[tuple[str, str]]:
    matches = list(_INLINE.finditer(folded, start))
    found: list[tuple[str, str]] = []
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(text)
        value = text[match.end() : end].strip()
        if (
            index + 1 == len(matches)
            and value.endswith(")")
            and value.count("(") < value.count(")")
        ):
            value = value[:-1]
        value = value.strip(" ;,(").rstrip()
        found.append((_name_of(match), " ".join(value.split())))
    return found


# --- responsible parties ----------------------------------------------------------------

_ROLE_PREFIXES = ("Công chức ", "Cán bộ ", "Viên chức ")
_STOP = {"cac", "cua", "va", "co", "lien", "quan", "den", "viec", "thuc", "hien", "xa", "phuong"}
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


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def split_parties(text: str) -> tuple[list[str], list[str]]:
    """Names in a "Chủ trì"/"Phối hợp" value, and review notes for the guesses made."""
    notes: list[str] = []
    value = " ".join(text.split()).strip(" .;")
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
            if piece:
                names.append(capitalise(piece))
    return names, notes


def party_key(name: str) -> str:
    key = " ".join(fold(name).strip(" .;,").split())
    return re.sub(r"(?: cua)? (?:xa|phuong|thi tran)$", "", key)


def _party_id(name: str, taken: dict[str, Party]) -> str:
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


def register(draft: Draft, name: str) -> str:
    """The id of the party called ``name``, registered if new (spellings that differ only in
    case, diacritics-blind, or a trailing "xã" are one party, titled by the shorter one)."""
    key = party_key(name)
    known = draft.party_keys.get(key)
    if known is not None:
        party = draft.parties[known]
        if party.title != name:
            shorter = min(party.title, name, key=len)
            other = name if shorter == party.title else party.title
            party.title = shorter
            party.note = f"gộp với cách viết '{other}'"
        return known
    party_id = _party_id(name, draft.parties)
    group = fold(name).startswith("cac ") or "lien quan" in fold(name)
    draft.parties[party_id] = Party(party_id, name, group)
    draft.party_keys[key] = party_id
    return party_id
